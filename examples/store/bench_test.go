package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/examples/store/store"
	"github.com/authgen/authgen/runtime/app"
	"github.com/authgen/authgen/runtime/authcache"
	"github.com/authgen/authgen/runtime/authn"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/fields"
	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/users"
)

// The request benchmark compares one authenticated, permission-guarded GET of a product
// through the generated handler with the least a correct server does for it, written by hand
// below: verify the JWT, load the user (active?), load the permission set once, run the same
// SELECT, write JSON. Both run in-process (httptest) over the same database and mux, so the
// difference is the generated code's and the runtime's overhead:
//
//	go test ./examples/store -run '^$' -bench Request -benchmem

// fixture is a migrated store database with a viewer (store.view_product through a group),
// a user without permissions, and one product; and the two handlers over it.
type fixture struct {
	generated, baseline http.Handler
	cached              http.Handler // generated, its users and permissions kept in runtime/authcache
	viewer, nobody      string       // access tokens
	productPath         string
	wantBody            string
}

func newFixture(t testing.TB, dialect db.Dialect) *fixture {
	t.Helper()
	ctx := context.Background()
	d, url := migratedDBURL(t, dialect)
	def := store.Definition()

	userStore, err := users.NewStore(d, def.UserFields)
	require.NoError(t, err)
	cfg := def.JWT
	cfg.SigningKey = []byte("benchmark-secret")
	tokens, err := jwtauth.New(cfg, d)
	require.NoError(t, err)

	viewer := &users.User{Username: "viewer", Password: "!", IsActive: true}
	nobody := &users.User{Username: "nobody", Password: "!", IsActive: true}
	require.NoError(t, userStore.Create(ctx, viewer))
	require.NoError(t, userStore.Create(ctx, nobody))
	_, err = userStore.CreateGroup(ctx, "viewers", []string{store.PermViewProduct})
	require.NoError(t, err)
	require.NoError(t, userStore.AddUserToGroup(ctx, viewer.ID, "viewers"))

	var productID int64
	require.NoError(t, d.QueryRowContext(ctx,
		`INSERT INTO "store_product" ("name", "description", "price", "published") VALUES ($1, $2, $3, $4) RETURNING "id"`,
		"Pen", "Blue ink", "1.50", false).Scan(&productID))

	f := &fixture{productPath: "/store/products/" + strconv.FormatInt(productID, 10) + "/"}
	f.viewer, _, err = tokens.ObtainPair(ctx, viewer.ID)
	require.NoError(t, err)
	f.nobody, _, err = tokens.ObtainPair(ctx, nobody.ID)
	require.NoError(t, err)
	f.wantBody = `{"id":` + strconv.FormatInt(productID, 10) + `,"name":"Pen","description":"Blue ink","price":"1.50","published":false}`

	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	auth := &authn.Authenticator{Tokens: tokens, TokenAuth: def.TokenAuth, Users: userStore, Logger: log}
	mux := http.NewServeMux()
	def.Mount(mux, &app.Services{DB: d, Authn: auth, Users: userStore, Log: log})
	f.generated = mux

	cache, err := authcache.Open(ctx, d, url, log)
	require.NoError(t, err)
	t.Cleanup(func() { cache.Close() })
	cachedAuth := *auth
	cachedAuth.Cache = cache
	cached := http.NewServeMux()
	def.Mount(cached, &app.Services{DB: d, Authn: &cachedAuth, Users: userStore, Log: log})
	f.cached = cached

	base := http.NewServeMux()
	base.Handle("/store/products/{id}/{$}", &baseline{tokens: tokens, users: userStore, db: d})
	f.baseline = base
	return f
}

// baseline is the hand-written "least a correct server does" for GET /store/products/{id}/.
type baseline struct {
	tokens *jwtauth.Tokens
	users  *users.Store
	db     *db.DB
}

// baselineProduct is the JSON of a product, as the generated serializer shows it.
type baselineProduct struct {
	ID          int64          `json:"id"`
	Name        string         `json:"name"`
	Description string         `json:"description"`
	Price       fields.Decimal `json:"price"`
	Published   bool           `json:"published"`
}

const baselineSelect = `SELECT "store_product"."id", "store_product"."name", "store_product"."description", "store_product"."price", "store_product"."published" FROM "store_product" WHERE "store_product"."id" = $1`

func (h *baseline) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	key, ok, err := h.tokens.Authenticate(r)
	if err != nil || !ok {
		w.Header().Set("WWW-Authenticate", `Bearer realm="api"`)
		http.Error(w, `{"detail":"Authentication credentials were not provided."}`, http.StatusUnauthorized)
		return
	}
	u, err := h.users.Get(ctx, key.ID)
	if err != nil || !u.IsActive {
		http.Error(w, `{"detail":"User is inactive"}`, http.StatusUnauthorized)
		return
	}
	if !u.IsSuperuser {
		perms, err := h.users.Perms(ctx, u.ID)
		if err != nil {
			http.Error(w, `{"detail":"A server error occurred."}`, http.StatusInternalServerError)
			return
		}
		if !perms.Has(store.PermViewProduct) {
			http.Error(w, `{"detail":"You do not have permission to perform this action."}`, http.StatusForbidden)
			return
		}
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		http.Error(w, `{"detail":"Not found."}`, http.StatusNotFound)
		return
	}
	var p baselineProduct
	err = h.db.QueryRowContext(ctx, baselineSelect, id).Scan(&p.ID, &p.Name, &p.Description, &p.Price, &p.Published)
	if errors.Is(err, sql.ErrNoRows) {
		http.Error(w, `{"detail":"Not found."}`, http.StatusNotFound)
		return
	}
	if err != nil {
		http.Error(w, `{"detail":"A server error occurred."}`, http.StatusInternalServerError)
		return
	}
	p.Price = p.Price.Quantize(2)
	body, err := json.Marshal(p)
	if err != nil {
		http.Error(w, `{"detail":"A server error occurred."}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

func get(h http.Handler, path, token string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestRequestBenchmarkFixture checks that the two handlers the benchmark compares answer the
// same: the same body for the viewer, 403 for a user without the permission.
func TestRequestBenchmarkFixture(t *testing.T) {
	for _, dialect := range dialects {
		t.Run(string(dialect), func(t *testing.T) {
			f := newFixture(t, dialect)
			for name, h := range map[string]http.Handler{"generated": f.generated, "baseline": f.baseline, "cached": f.cached} {
				rec := get(h, f.productPath, f.viewer)
				require.Equal(t, http.StatusOK, rec.Code, "%s: %s", name, rec.Body)
				require.JSONEq(t, f.wantBody, rec.Body.String(), name)
				require.Equal(t, "application/json", rec.Header().Get("Content-Type"), name)
				require.Equal(t, http.StatusForbidden, get(h, f.productPath, f.nobody).Code, name)
			}
		})
	}
}

// BenchmarkRequest is one authenticated, permission-guarded GET /store/products/{id}/:
// "generated" through the generated handler, "baseline" through the hand-written one,
// "cached" through the generated handler with runtime/authcache.
func BenchmarkRequest(b *testing.B) {
	for _, dialect := range dialects {
		b.Run(string(dialect), func(b *testing.B) {
			f := newFixture(b, dialect)
			for _, c := range []struct {
				name string
				h    http.Handler
			}{{"generated", f.generated}, {"baseline", f.baseline}, {"cached", f.cached}} {
				b.Run(c.name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						if rec := get(c.h, f.productPath, f.viewer); rec.Code != http.StatusOK {
							b.Fatalf("%d %s", rec.Code, rec.Body)
						}
					}
				})
			}
			// paired alternates the two requests in one loop and reports the overhead of the
			// generated path over the baseline: on a busy machine the load then falls on both
			// alike, where separate runs would compare different moments. Which goes first
			// alternates too, so neither always follows the other's garbage.
			b.Run("paired", func(b *testing.B) {
				gen, base := paired(b, f, f.generated, f.baseline)
				b.ReportMetric(float64(gen.Nanoseconds())/float64(b.N), "generated-ns/op")
				b.ReportMetric(float64(base.Nanoseconds())/float64(b.N), "baseline-ns/op")
				b.ReportMetric(100*(float64(gen)/float64(base)-1), "overhead-%")
			})
			// cached-paired is paired with the cache: the baseline's time over the cached
			// handler's is how far past the baseline the cache goes (issue 15's store/floor).
			b.Run("cached-paired", func(b *testing.B) {
				cached, base := paired(b, f, f.cached, f.baseline)
				b.ReportMetric(float64(cached.Nanoseconds())/float64(b.N), "cached-ns/op")
				b.ReportMetric(float64(base.Nanoseconds())/float64(b.N), "baseline-ns/op")
				b.ReportMetric(float64(base)/float64(cached), "baseline/cached")
			})
		})
	}
}

// paired runs the viewer's request through x and y alternately, b.N times each, the first of
// each pair alternating, and returns the time each took in all.
func paired(b *testing.B, f *fixture, x, y http.Handler) (tx, ty time.Duration) {
	timed := func(h http.Handler) time.Duration {
		start := time.Now()
		if rec := get(h, f.productPath, f.viewer); rec.Code != http.StatusOK {
			b.Fatalf("%d %s", rec.Code, rec.Body)
		}
		return time.Since(start)
	}
	odd := false
	for b.Loop() {
		if odd {
			ty += timed(y)
			tx += timed(x)
		} else {
			tx += timed(x)
			ty += timed(y)
		}
		odd = !odd
	}
	return tx, ty
}
