package app

import (
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

// settings are the environment's settings with their defaults. The secret key is not among
// them: only serve signs, and it reads the key itself (serveSecretKey).
type settings struct {
	addr, databaseURL, emailURL, cacheURL string
	// httpServer names serve's HTTP server (HTTP_SERVER): httpserve (the default) or net/http.
	httpServer string
	// authCache keeps users and permission sets between requests (AUTH_CACHE, on unless "off").
	authCache bool
}

func (e Env) settings(def *Definition) settings {
	get := func(name, fallback string) string {
		if v := e.Getenv(name); v != "" {
			return v
		}
		return fallback
	}
	return settings{
		addr:        get("ADDR", "127.0.0.1:8000"),
		databaseURL: get("DATABASE_URL", "sqlite://"+def.Name+".db"),
		emailURL:    get("EMAIL_URL", "console://"),
		cacheURL:    get("CACHE_URL", "memory://"),
		authCache:   get("AUTH_CACHE", "on") != "off",
		httpServer:  get("HTTP_SERVER", "httpserve"),
	}
}
