package app

import (
	"fmt"
	"io"
	"os"
)

// Env is the environment a command runs in.
type Env struct {
	Getenv func(string) string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// OSEnv is the process's environment.
func OSEnv() Env {
	return Env{Getenv: os.Getenv, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
}

// devSecretKey is used when SECRET_KEY is unset, with a warning: fine for trying the app,
// never for production, where anyone could forge tokens with it.
const devSecretKey = "authgen-insecure-development-key-change-me"

// settings are the environment's settings with their defaults.
type settings struct {
	addr, databaseURL, emailURL string
	secretKey                   []byte
}

func (e Env) settings(def *Definition) settings {
	get := func(name, fallback string) string {
		if v := e.Getenv(name); v != "" {
			return v
		}
		return fallback
	}
	s := settings{
		addr:        get("ADDR", "127.0.0.1:8000"),
		databaseURL: get("DATABASE_URL", "sqlite://"+def.Name+".db"),
		emailURL:    get("EMAIL_URL", "console://"),
	}
	keyEnv := def.SigningKeyEnv
	if keyEnv == "" {
		keyEnv = "SECRET_KEY"
	}
	key := e.Getenv(keyEnv)
	if key == "" {
		fmt.Fprintf(e.Stderr, "warning: %s is not set; using an insecure development key\n", keyEnv)
		key = devSecretKey
	}
	s.secretKey = []byte(key)
	return s
}
