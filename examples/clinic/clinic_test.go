package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/examples/clinic/clinic"
	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/app"
	"github.com/authgen/authgen/runtime/apptest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/users"
)

// The clinic's test drives the app over real HTTP on SQLite and PostgreSQL: records owned
// through related rows, a booking for the caller's own patient row, the cancel action, the
// per-method map, unique_together and the perform_create hook of hooks.go. The same app is
// compared with its Django original by testdata/twins/clinic.

// caller is a client of the app, anonymous or with a token.
type caller = apptest.Client

func TestClinic(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		url := dbtest.URL(t, dialect)
		h, err := app.NewHandler(context.Background(), clinic.Definition(), app.Options{
			DatabaseURL: url, SecretKey: []byte("a clinic test key of more than 32 bytes"),
			Migrate: true, Logger: slog.New(slog.DiscardHandler), MailOutput: io.Discard,
		})
		require.NoError(t, err)
		srv := httptest.NewServer(h)
		t.Cleanup(func() { srv.Close(); h.Close() })
		d, err := db.Open(url)
		require.NoError(t, err)
		t.Cleanup(func() { d.Close() })
		store, err := users.NewStore(d, nil)
		require.NoError(t, err)

		anon := caller{T: t, Base: srv.URL}
		signUp := func(name string) (caller, any) {
			password := "correct horse " + name
			u := anon.Want(http.StatusCreated, "POST", "/auth/users/", map[string]any{"username": name, "password": password})
			// Accounts are activated by a mailed link (the twin follows it); here, directly.
			row, err := store.Get(context.Background(), int64(u["id"].(float64)))
			require.NoError(t, err)
			row.IsActive = true
			require.NoError(t, store.Update(context.Background(), row, "is_active"))
			tokens := anon.Want(http.StatusOK, "POST", "/auth/jwt/create/", map[string]any{"username": name, "password": password})
			return caller{T: t, Base: srv.URL, Token: tokens["access"].(string)}, u["id"]
		}
		root, rootID := signUp("root")
		u, err := store.Get(context.Background(), int64(rootID.(float64)))
		require.NoError(t, err)
		u.IsStaff = true
		require.NoError(t, store.Update(context.Background(), u, "is_staff"))
		alice, _ := signUp("alice")
		carol, _ := signUp("carol")
		bob, bobID := signUp("bob")
		dave, daveID := signUp("dave")

		// The per-method map: everyone signed in reads doctors, staff write them.
		alice.Want(http.StatusForbidden, "POST", "/api/doctors/", map[string]any{"user": bobID, "name": "Dr Bob"})
		drBob := root.Want(http.StatusCreated, "POST", "/api/doctors/", map[string]any{"user": bobID, "name": "Dr Bob", "specialty": "cardiology"})
		drDave := root.Want(http.StatusCreated, "POST", "/api/doctors/", map[string]any{"user": daveID, "name": "Dr Dave"})
		require.Equal(t, "general", drDave["specialty"])
		require.EqualValues(t, 2, alice.Want(http.StatusOK, "GET", "/api/doctors/", nil)["count"])

		// Patients: the caller's own record, staff see all.
		alicePatient := alice.Want(http.StatusCreated, "POST", "/api/patients/", map[string]any{"name": "Alice", "birth_date": "1990-12-31"})
		carolPatient := carol.Want(http.StatusCreated, "POST", "/api/patients/", map[string]any{"name": "Carol", "birth_date": "1985-04-02"})
		require.Equal(t, alicePatient, alice.Want(http.StatusOK, "GET", "/api/patients/me/", nil))
		bob.Want(http.StatusNotFound, "GET", "/api/patients/me/", nil)
		require.EqualValues(t, 1, alice.Want(http.StatusOK, "GET", "/api/patients/", nil)["count"])
		require.EqualValues(t, 2, root.Want(http.StatusOK, "GET", "/api/patients/", nil)["count"])
		alice.Want(http.StatusNotFound, "GET", fmt.Sprintf("/api/patients/%v/", carolPatient["id"]), nil)

		// A booking is the caller's own patient's, whatever the body says.
		appt := alice.Want(http.StatusCreated, "POST", "/api/appointments/",
			map[string]any{"doctor": drBob["id"], "patient": carolPatient["id"], "starts_at": "2027-01-10T09:00:00Z", "status": "cancelled"})
		require.Equal(t, alicePatient["id"], appt["patient"])
		require.Equal(t, "booked", appt["status"])
		require.Equal(t, map[string]any{"patient": []any{"You have no patient."}},
			bob.Want(http.StatusBadRequest, "POST", "/api/appointments/", map[string]any{"doctor": drDave["id"], "starts_at": "2027-01-11T09:00:00Z"}))
		require.Equal(t, map[string]any{"non_field_errors": []any{"The fields doctor, starts_at must make a unique set."}},
			carol.Want(http.StatusBadRequest, "POST", "/api/appointments/", map[string]any{"doctor": drBob["id"], "starts_at": "2027-01-10T09:00:00Z"}))

		// Patient and doctor see it; another patient and another doctor do not.
		path := fmt.Sprintf("/api/appointments/%v/", appt["id"])
		bob.Want(http.StatusOK, "GET", path, nil)
		carol.Want(http.StatusNotFound, "GET", path, nil)
		dave.Want(http.StatusNotFound, "POST", path+"cancel/", nil)
		require.EqualValues(t, 1, root.Want(http.StatusOK, "GET", "/api/appointments/", nil)["count"])
		alice.Want(http.StatusForbidden, "DELETE", path, nil)
		require.Equal(t, "cancelled", alice.Want(http.StatusOK, "POST", path+"cancel/", nil)["status"])

		// The perform_create hook: only the appointment's doctor prescribes.
		rx := map[string]any{"appointment": appt["id"], "drug": "Aspirin", "dosage": "75mg"}
		require.Equal(t, map[string]any{"detail": "Only the appointment's doctor can prescribe."},
			dave.Want(http.StatusForbidden, "POST", "/api/prescriptions/", rx))
		created := bob.Want(http.StatusCreated, "POST", "/api/prescriptions/", rx)
		require.EqualValues(t, 0, created["refills"])
		require.EqualValues(t, 1, alice.Want(http.StatusOK, "GET", "/api/prescriptions/", nil)["count"])
		require.EqualValues(t, 0, carol.Want(http.StatusOK, "GET", "/api/prescriptions/", nil)["count"])
		alice.Want(http.StatusForbidden, "PATCH", fmt.Sprintf("/api/prescriptions/%v/", created["id"]), map[string]any{"refills": 9})
	})
}
