// Command library is the second example of authgen, after the store: a lending library whose
// spec uses every extension point (hooks, a handler action, a permission class in Go), with
// e-mail log-in, per-object grants and pagination. The generated package is ./library; the
// application's own code is hooks.go, registered with library.Implement, so this file stays
// the same whatever the spec declares.
//
//	go run ./examples/library migrate
//	go run ./examples/library                  # serve on 127.0.0.1:8000 with SQLite (library.db)
package main

//go:generate go run github.com/authgen/authgen/cmd/authgen generate

import (
	"github.com/authgen/authgen/examples/library/library"
	"github.com/authgen/authgen/runtime/app"
)

func main() { app.Main(library.Definition()) }
