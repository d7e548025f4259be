// Command newsroom is an example of authgen: sections, articles that editors write and
// publishers publish, readers' comments and a tips inbox, with model permissions granted
// through groups. The generated package is ./newsroom; the application's own code is
// hooks.go. Its Django original, written from the same description, is
// testdata/twins/newsroom/django.
//
//	go run ./examples/newsroom migrate
//	go run ./examples/newsroom                   # serve on 127.0.0.1:8000 with SQLite (newsroom.db)
package main

//go:generate go run github.com/authgen/authgen/cmd/authgen generate

import (
	"github.com/authgen/authgen/examples/newsroom/newsroom"
	"github.com/authgen/authgen/runtime/app"
)

func main() { app.Main(newsroom.Definition()) }
