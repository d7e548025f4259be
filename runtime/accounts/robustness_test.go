package accounts_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/authn"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/mail"
	"github.com/authgen/authgen/runtime/password"
	"github.com/authgen/authgen/runtime/users"
)

// Two registrations racing for one username: one wins, the other is told so.
func TestConcurrentRegistration(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		e := newEnv(t, dialect, options{})
		const n = 6
		statuses := make([]int, n)
		bodies := make([]any, n) // an object, or the bare list of djoser's IntegrityError answer
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			// No require in these goroutines: FailNow must run on the test's own.
			wg.Go(func() {
				resp, err := http.Post(e.srv.URL+"/auth/users/", "application/json", strings.NewReader(
					`{"username": "racer", "email": "racer@example.com", "password": "Racer-pass-2024"}`))
				if err != nil {
					errs[i] = err
					return
				}
				defer resp.Body.Close()
				statuses[i] = resp.StatusCode
				errs[i] = json.NewDecoder(resp.Body).Decode(&bodies[i])
			})
		}
		wg.Wait()
		for _, err := range errs {
			require.NoError(t, err)
		}
		created := 0
		for i, s := range statuses {
			if s == http.StatusCreated {
				created++
				continue
			}
			require.Equal(t, http.StatusBadRequest, s)
			require.Contains(t, []any{
				map[string]any{"username": []any{"A user with that username already exists."}},
				[]any{"Unable to create account."},
			}, bodies[i])
		}
		require.Equal(t, 1, created)
		require.Len(t, e.mails("racer@example.com"), 1)
	})
}

// A mail server that cannot be reached does not fail the request: the account exists, the
// failure is logged, and the user can ask for the link again.
func TestMailFailureIsLogged(t *testing.T) {
	d := dbtest.OpenAuth(t, db.SQLite)
	store, err := users.NewStore(d, nil)
	require.NoError(t, err)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close()) // nothing listens there now
	mailer, err := mail.FromURL("smtp://"+addr+"?timeout=2s", io.Discard)
	require.NoError(t, err)
	var logs bytes.Buffer
	var mu sync.Mutex
	acc, err := accounts.New(storeSettings(), accounts.Deps{
		Authn: &authn.Authenticator{Users: store}, Hashers: password.NewHashers(password.PBKDF2{Iterations: 1000}),
		Mailer: mailer, SecretKey: secretKey,
		Logger: slog.New(slog.NewTextHandler(lockedWriter{&mu, &logs}, nil)),
	})
	require.NoError(t, err)
	mux := http.NewServeMux()
	require.NoError(t, acc.Register(mux, "/auth/"))
	srv := httptest.NewServer(httpx.Routes(mux))
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/auth/users/", "application/json",
		bytes.NewReader([]byte(`{"username": "mo", "email": "mo@example.com", "password": "Mo-pass-20245"}`)))
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusCreated, resp.StatusCode)
	acc.Wait()
	mu.Lock()
	defer mu.Unlock()
	require.Contains(t, logs.String(), "accounts: send mail")
	require.Contains(t, logs.String(), "kind=activation")
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
