package main

import (
	"github.com/authgen/authgen/_e2e_kitchen_2547533085/kitchen"
	"github.com/authgen/authgen/runtime/app"
)

func main() { app.Main(kitchen.Definition()) }
