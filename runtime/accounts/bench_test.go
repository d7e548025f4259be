package accounts_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/authcache"
	"github.com/authgen/authgen/runtime/authn"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/mail"
	"github.com/authgen/authgen/runtime/password"
	"github.com/authgen/authgen/runtime/users"
)

// BenchmarkLogin is jwt/create over HTTP: the user lookup, the password check, the token
// pair with its outstanding-token row, and last_login. The password hash is reported on
// its own, since its cost is a setting:
//
//	hash           Hashers.Check alone, Argon2id at Django's cost (the default hasher)
//	login          jwt/create with that hasher
//	login-cheaphash jwt/create with PBKDF2 at 1 iteration: everything but the hash
func BenchmarkLogin(b *testing.B) {
	const pw = "Bench-pass-2024"
	for _, dialect := range dbtest.Dialects {
		b.Run(string(dialect), func(b *testing.B) {
			argon := password.DefaultHashers()
			hash, err := argon.Make(pw)
			if err != nil {
				b.Fatal(err)
			}
			b.Run("hash", func(b *testing.B) {
				for b.Loop() {
					if !argon.Check(pw, hash) {
						b.Fatal("no match")
					}
				}
			})
			b.Run("login", func(b *testing.B) { benchLogin(b, dialect, argon, pw) })
			b.Run("login-cheaphash", func(b *testing.B) {
				benchLogin(b, dialect, password.NewHashers(password.PBKDF2{Iterations: 1}), pw)
			})
		})
	}
}

func benchLogin(b *testing.B, dialect db.Dialect, hashers *password.Hashers, pw string) {
	d := dbtest.OpenAuth(b, dialect)
	store, err := users.NewStore(d, nil)
	if err != nil {
		b.Fatal(err)
	}
	tokens, err := jwtauth.New(jwtauth.Config{SigningKey: secretKey}, d)
	if err != nil {
		b.Fatal(err)
	}
	acc, err := accounts.New(accounts.Settings{UpdateLastLogin: true}, accounts.Deps{
		Authn:   &authn.Authenticator{Tokens: tokens, Users: store},
		Hashers: hashers, Mailer: mail.NewConsole(io.Discard), SecretKey: secretKey,
	})
	if err != nil {
		b.Fatal(err)
	}
	hash, err := hashers.Make(pw)
	if err != nil {
		b.Fatal(err)
	}
	if err := store.Create(context.Background(), &users.User{Username: "bench", Password: hash, IsActive: true}); err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	if err := acc.Register(mux, "/auth/"); err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(httpx.Routes(mux))
	defer srv.Close()
	body := []byte(`{"username": "bench", "password": "` + pw + `"}`)
	for b.Loop() {
		resp, err := http.Post(srv.URL+"/auth/jwt/create/", "application/json", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}

// BenchmarkMe is GET /auth/users/me/ in-process: authenticate the access token, load the
// user, answer it. "cached" keeps the user in runtime/authcache: per request its Sync
// (SQLite: PRAGMA data_version; PostgreSQL: a fence round trip) instead of the user's query.
func BenchmarkMe(b *testing.B) {
	for _, dialect := range dbtest.Dialects {
		b.Run(string(dialect), func(b *testing.B) {
			ctx := context.Background()
			d, url := dbtest.OpenAuthURL(b, dialect)
			store, err := users.NewStore(d, nil)
			if err != nil {
				b.Fatal(err)
			}
			tokens, err := jwtauth.New(jwtauth.Config{SigningKey: secretKey}, d)
			if err != nil {
				b.Fatal(err)
			}
			u := &users.User{Username: "bench", Email: "bench@example.com", Password: "!", IsActive: true}
			if err := store.Create(ctx, u); err != nil {
				b.Fatal(err)
			}
			access, _, err := tokens.ObtainPair(ctx, u.ID)
			if err != nil {
				b.Fatal(err)
			}
			cache, err := authcache.Open(ctx, d, url, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer cache.Close()
			for _, c := range []struct {
				name  string
				cache *authcache.Cache
			}{{"uncached", nil}, {"cached", cache}} {
				acc, err := accounts.New(accounts.Settings{}, accounts.Deps{
					Authn:   &authn.Authenticator{Tokens: tokens, Users: store, Cache: c.cache},
					Hashers: password.DefaultHashers(), Mailer: mail.NewConsole(io.Discard), SecretKey: secretKey,
				})
				if err != nil {
					b.Fatal(err)
				}
				mux := http.NewServeMux()
				if err := acc.Register(mux, "/auth/"); err != nil {
					b.Fatal(err)
				}
				h := httpx.Routes(mux)
				b.Run(c.name, func(b *testing.B) {
					b.ReportAllocs()
					before := c.cache.Stats()
					defer func() {
						b.ReportMetric(float64(c.cache.Stats().Misses-before.Misses)/float64(b.N), "loads/op")
					}()
					for b.Loop() {
						req := httptest.NewRequest(http.MethodGet, "/auth/users/me/", nil)
						req.Header.Set("Authorization", "Bearer "+access)
						rec := httptest.NewRecorder()
						h.ServeHTTP(rec, req)
						if rec.Code != http.StatusOK {
							b.Fatalf("%d %s", rec.Code, rec.Body)
						}
					}
				})
			}
		})
	}
}
