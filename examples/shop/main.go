// Command shop is the README's five-minute tour, generated from authgen.yaml into ./shop.
package main

//go:generate go tool authgen generate

import (
	"github.com/authgen/authgen/examples/shop/shop"
	"github.com/authgen/authgen/runtime/app"
)

func main() { app.Main(shop.Definition()) }
