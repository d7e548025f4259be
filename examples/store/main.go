// Command store is the flagship example of authgen: the DRF + djoser + simplejwt store app,
// generated from authgen.yaml into ./store and served by the runtime's operating contract.
//
//	go run ./examples/store                    # serve on 127.0.0.1:8000 with SQLite (store.db)
//	go run ./examples/store migrate
//	SUPERUSER_PASSWORD=pw go run ./examples/store createsuperuser --username root --email root@example.com --noinput
//	go run ./examples/store groups create ProductManagers --perm store.view_product --perm store.add_product
//	go run ./examples/store groups add-user ProductManagers alice
//	go run ./examples/store perms grant alice store.can_publish_product
//
// Settings come from the environment: ADDR, DATABASE_URL (sqlite://store.db or
// postgres://…), EMAIL_URL (console:// or smtp://host:port), SECRET_KEY (32 bytes or more),
// CACHE_URL (redis://host:port/db to share throttles and log-in counters between instances).
package main

//go:generate go run github.com/authgen/authgen/cmd/authgen generate

import (
	"github.com/authgen/authgen/examples/store/store"
	"github.com/authgen/authgen/runtime/app"
)

func main() {
	app.Main(store.Definition())
}
