package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/examples/store/store"
	"github.com/authgen/authgen/runtime/app"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/users"
)

// The route benchmarks are the three routes ../shared/bench/vs-floor loads, served by the
// whole app as `serve` builds it (security headers, the request log, the routes), over a
// SQLite file seeded as vs-floor seeds it: alice in a group holding store.view_product, and
// 20 products. They measure what a change to the request path saves; internal/vsfloor
// compares the same routes with the floor server.
//
//	go test ./examples/store -run '^$' -bench Route -benchmem -count 6 | tee new.txt; benchstat old.txt new.txt

// routeFixture is the app and alice's access token.
type routeFixture struct {
	h     http.Handler
	token string
}

func newRouteFixture(t testing.TB) *routeFixture {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	url := "sqlite://" + filepath.Join(dir, "db.sqlite3")
	// serve logs to stderr, a file: the benchmark logs to one too, so a line costs its write.
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	require.NoError(t, err)
	t.Cleanup(func() { devnull.Close() })
	secret := []byte("route-benchmark-secret-key-of-32+bytes")
	h, err := app.NewHandler(ctx, store.Definition(), app.Options{
		DatabaseURL: url, SecretKey: secret, Migrate: true, LogRequests: true,
		Logger: slog.New(slog.NewTextHandler(devnull, nil)),
	})
	require.NoError(t, err)
	t.Cleanup(func() { h.Close() })

	d, err := db.Open(url)
	require.NoError(t, err)
	defer d.Close()
	us, err := users.NewStore(d, store.Definition().UserFields)
	require.NoError(t, err)
	alice := &users.User{Username: "alice", Email: "alice@example.com", FirstName: "Alice", LastName: "Aliceson", Password: "!", IsActive: true}
	require.NoError(t, us.Create(ctx, alice))
	_, err = us.CreateGroup(ctx, "ProductManagers", []string{store.PermViewProduct})
	require.NoError(t, err)
	require.NoError(t, us.AddUserToGroup(ctx, alice.ID, "ProductManagers"))
	for i := range 20 {
		_, err := d.ExecContext(ctx, `INSERT INTO "store_product" ("name", "description", "price", "published") VALUES ($1, $2, $3, $4)`,
			fmt.Sprintf("Product %02d", i+1), fmt.Sprintf("Description of product %d.", i+1), fmt.Sprintf("%.2f", 10+float64(i)*1.25), i%2 == 1)
		require.NoError(t, err)
	}
	cfg := store.Definition().JWT
	cfg.SigningKey = secret
	tokens, err := jwtauth.New(cfg, d)
	require.NoError(t, err)
	access, _, err := tokens.ObtainPair(ctx, alice.ID)
	require.NoError(t, err)
	return &routeFixture{h: h, token: access}
}

// request is one request of a vs-floor route.
func (f *routeFixture) request(route string) *http.Request {
	var r *http.Request
	switch route {
	case "verify":
		r = httptest.NewRequest(http.MethodPost, "/auth/jwt/verify/", strings.NewReader(`{"token":"`+f.token+`"}`))
		r.Header.Set("Content-Type", "application/json")
	case "me":
		r = httptest.NewRequest(http.MethodGet, "/auth/users/me/", nil)
		r.Header.Set("Authorization", "Bearer "+f.token)
	case "products":
		r = httptest.NewRequest(http.MethodGet, "/store/products/", nil)
		r.Header.Set("Authorization", "Bearer "+f.token)
	}
	return r
}

func (f *routeFixture) serve(route string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, f.request(route))
	return rec
}

// vsFloorRoutes are the routes, and the bodies the floor answers for them.
var vsFloorRoutes = []struct{ name, prefix, suffix string }{
	{"verify", `{}`, `{}`},
	{"me", `{"email":"alice@example.com","id":1,"username":"alice","first_name":"Alice","last_name":"Aliceson"}`, ``},
	{"products", `[{"id":1,"name":"Product 01","description":"Description of product 1.","price":"10.00","published":false},`,
		`{"id":20,"name":"Product 20","description":"Description of product 20.","price":"33.75","published":true}]`},
}

// TestRouteBenchmarkFixture checks that the benchmarked routes answer as the floor does.
func TestRouteBenchmarkFixture(t *testing.T) {
	f := newRouteFixture(t)
	for _, r := range vsFloorRoutes {
		rec := f.serve(r.name)
		require.Equal(t, http.StatusOK, rec.Code, "%s: %s", r.name, rec.Body)
		require.True(t, strings.HasPrefix(rec.Body.String(), r.prefix), "%s: %s", r.name, rec.Body)
		require.True(t, strings.HasSuffix(rec.Body.String(), r.suffix), "%s: %s", r.name, rec.Body)
	}
}

// BenchmarkRoute serves each vs-floor route through the whole app.
func BenchmarkRoute(b *testing.B) {
	f := newRouteFixture(b)
	for _, r := range vsFloorRoutes {
		b.Run(r.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if rec := f.serve(r.name); rec.Code != http.StatusOK {
					b.Fatalf("%d %s", rec.Code, rec.Body)
				}
			}
		})
	}
}

// writeRoutes are requests that read a body through a generated serializer (read<Endpoint>):
// a review's create (a relation, a number, a text), its partial update, and a create that
// every field refuses (a missing row, a number out of bounds, a blank text).
var writeRoutes = []struct {
	name, method, path, body string
	status                   int
}{
	{"review-create", http.MethodPost, "/store/reviews/", `{"product":1,"rating":4,"comment":"Good."}`, http.StatusCreated},
	{"review-patch", http.MethodPatch, "/store/reviews/1/", `{"rating":3}`, http.StatusOK},
	{"review-invalid", http.MethodPost, "/store/reviews/", `{"product":999,"rating":9,"comment":7}`, http.StatusBadRequest},
}

// BenchmarkWrite serves each of writeRoutes through the whole app, as alice (the reviews'
// owner), over the fixture of BenchmarkRoute:
//
//	go test ./examples/store -run '^$' -bench Write -benchmem -count 6
func BenchmarkWrite(b *testing.B) {
	f := newRouteFixture(b)
	for _, w := range writeRoutes {
		b.Run(w.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := httptest.NewRequest(w.method, w.path, strings.NewReader(w.body))
				r.Header.Set("Content-Type", "application/json")
				r.Header.Set("Authorization", "Bearer "+f.token)
				rec := httptest.NewRecorder()
				f.h.ServeHTTP(rec, r)
				if rec.Code != w.status {
					b.Fatalf("%s: %d %s", w.name, rec.Code, rec.Body)
				}
			}
		})
	}
}
