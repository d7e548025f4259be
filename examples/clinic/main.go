// Command clinic is an example of authgen: patients book appointments with doctors and
// doctors prescribe, each seeing the records they own through related rows. The generated
// package is ./clinic; the application's own code is hooks.go. Its Django original, written
// from the same description, is testdata/twins/clinic/django.
//
//	go run ./examples/clinic migrate
//	go run ./examples/clinic                   # serve on 127.0.0.1:8000 with SQLite (clinic.db)
package main

//go:generate go run github.com/authgen/authgen/cmd/authgen generate

import (
	"github.com/authgen/authgen/examples/clinic/clinic"
	"github.com/authgen/authgen/runtime/app"
)

func main() { app.Main(clinic.Definition()) }
