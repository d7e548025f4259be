package app

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/authgen/authgen/runtime/apidoc"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/httpx"
)

// Default paths of the health endpoints; the spec's mount.health and mount.ready change them.
const (
	DefaultHealthPath = apidoc.DefaultHealthPath
	DefaultReadyPath  = apidoc.DefaultReadyPath
)

// registerHealth mounts the app's OpenAPI document when the definition has one, and the
// process's liveness (always 200 while it serves) and readiness
// (200 when the database answers and every migration is applied, else 503 saying which),
// for load balancers and orchestrators. Neither needs credentials nor tells more than that.
func registerHealth(mux *http.ServeMux, def *Definition, d *db.DB) {
	health, ready := def.HealthPath, def.ReadyPath
	if health == "" {
		health = DefaultHealthPath
	}
	if ready == "" {
		ready = DefaultReadyPath
	}
	mux.HandleFunc("GET "+health, func(w http.ResponseWriter, r *http.Request) {
		httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	if def.OpenAPI.Path != "" {
		// The document is public: it describes the routes, as the answers of OPTIONS do.
		mux.HandleFunc("GET "+def.OpenAPI.Path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write(def.OpenAPI.Document)
		})
	}
	mux.HandleFunc("GET "+ready, func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := readiness(ctx, def, d); err != nil {
			httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "detail": err.Error()})
			return
		}
		httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
}

// readiness is nil when the database answers and has every migration of the app applied.
func readiness(ctx context.Context, def *Definition, d *db.DB) error {
	if err := d.PingContext(ctx); err != nil {
		return fmt.Errorf("database unreachable")
	}
	m, err := migrator(def, d)
	if err != nil {
		return err
	}
	status, err := m.Status(ctx)
	if err != nil {
		return fmt.Errorf("migrations unreadable")
	}
	for _, st := range status {
		if !st.Applied {
			return fmt.Errorf("migration %s is not applied", st.Name)
		}
	}
	return nil
}
