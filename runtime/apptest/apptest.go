// Package apptest serves a generated app in its own tests: a fresh, migrated database (SQLite,
// and PostgreSQL where internal/dbtest reaches it), the app's routes behind the runtime's authentication, users of each persona, and requests
// made as them. The permission-matrix test the generator writes beside every app is a table
// and its fixtures; the mechanics it shares with every other app live here, once.
package apptest

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/app"
	"github.com/authgen/authgen/runtime/authn"
	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/migrate"
	"github.com/authgen/authgen/runtime/users"
)

// Server is a generated app served for a test.
type Server struct {
	URL    string
	DB     *db.DB
	Users  *users.Store
	Tokens *jwtauth.Tokens
	scheme string
	n      int64
}

// CheckMatrix serves the app on each dialect (a fresh SQLite file, a fresh PostgreSQL schema
// where internal/dbtest reaches the server) and checks the matrix on each, in parallel. The
// matrix is a table in ParseMatrix's format, its detail routes' objects made by objects.
func CheckMatrix(t *testing.T, def app.Definition, table string, objects Objects) {
	matrix, err := ParseMatrix(table, objects)
	require.NoError(t, err)
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		t.Parallel()
		On(t, def, dialect).CheckMatrix(t, matrix)
	})
}

// New is On with SQLite.
func New(t testing.TB, def app.Definition) *Server { return On(t, def, db.SQLite) }

// On migrates a fresh database of the dialect with the app's migrations and serves the
// app's own routes (Definition.Mount) on it until the test ends. Tokens are HS256 with a test
// key: the spec's keys are not at hand, and the algorithm decides no permission.
func On(t testing.TB, def app.Definition, dialect db.Dialect) *Server {
	t.Helper()
	d := dbtest.Open(t, dialect)
	var err error
	sub, err := fs.Sub(def.Migrations, "migrations")
	require.NoError(t, err)
	set, err := migrate.ForDialect(sub, d.Dialect)
	require.NoError(t, err)
	m, err := migrate.New(d, set)
	require.NoError(t, err)
	_, err = m.Up(context.Background())
	require.NoError(t, err)

	store, err := users.NewStore(d, def.UserFields, def.Relations...)
	require.NoError(t, err)
	cfg := def.JWT
	cfg.SigningKey, cfg.VerifyingKey = []byte("apptest key"), nil
	if def.RevokeOnCredentialChange {
		cfg.CredentialKey = []byte("apptest credential key")
	}
	cfg.Algorithm = "HS256"
	tokens, err := jwtauth.New(cfg, d)
	require.NoError(t, err)
	auth := &authn.Authenticator{Tokens: tokens, Users: store}
	mux := http.NewServeMux()
	def.Mount(mux, &app.Services{DB: d, Authn: auth, Users: store, Log: slog.New(slog.DiscardHandler)})
	srv := httptest.NewServer(httpx.WithMedia(mux, def.Media()))
	t.Cleanup(srv.Close)
	scheme := "Bearer"
	if len(cfg.HeaderTypes) > 0 {
		scheme = cfg.HeaderTypes[0]
	}
	return &Server{URL: srv.URL, DB: d, Users: store, Tokens: tokens, scheme: scheme}
}

// Next returns a number no other call returned, for unique names and values.
func (s *Server) Next() int64 {
	s.n++
	return s.n
}

// User creates an active user without a usable password.
func (s *Server) User(t testing.TB, staff, superuser bool) *users.User {
	t.Helper()
	n := s.Next()
	u := &users.User{
		Username: fmt.Sprintf("user%d", n), Email: fmt.Sprintf("user%d@example.com", n),
		IsActive: true, IsStaff: staff, IsSuperuser: superuser, Password: "!",
	}
	require.NoError(t, s.Users.Create(context.Background(), u))
	return u
}

// Personas are the columns of PERMISSIONS.md, in its order.
var Personas = [6]string{"anonymous", "authenticated", "owner", "permission holder", "staff", "superuser"}

// Allowed is a matrix cell's mark for an allowed request.
const Allowed = "✓"

// Cell is one route and method of PERMISSIONS.md.
type Cell struct {
	Method string
	Path   string // the route; {id} is the object's primary key
	// Object inserts the object of a detail route, owned by the given user, and returns its
	// primary key; nil for other routes.
	Object func(t *testing.T, s *Server, owner int64) string
	Perms  []string // what the permission holder holds, globally and on the object
	OK     []int    // the statuses of an allowed request (400: allowed, then refused by validation)
	// Want is the row's cells as PERMISSIONS.md shows them, separated by spaces: per persona,
	// in the order of Personas, Allowed or the denial's status ("401 ✓ ✓ 403 ✓ ✓").
	Want string
	// Alone is, per permission of Perms and in its order, the answer to a caller who holds
	// that one permission and no other ("403 ✓ 403 403"), asked twice: with the permission
	// granted to the user, and through a group (globally and on the object either way).
	Alone string
}

// MatrixHeader is the first line of ParseMatrix's table, naming its columns: the personas
// as Personas names them, a space within a name written "-" so that the persona column is
// one word a persona, as its cells are.
var MatrixHeader = matrixHeader()

func matrixHeader() string {
	names := make([]string, len(Personas))
	for i, p := range Personas {
		names[i] = strings.ReplaceAll(p, " ", "-")
	}
	return "# request | ok | " + strings.Join(names, " ") + " | permission=alone"
}

// Objects are the fixtures of a matrix's detail routes, by the name its rows give them.
type Objects map[string]func(t *testing.T, s *Server, owner int64) string

// ParseMatrix reads the table of a generated permission-matrix test, a Cell a row, in three
// or four columns separated by " | ":
//
//	PATCH /store/products/{id}/ Product | 200 | 401 403 403 ✓ 403 ✓ | store.change_product=✓
//		store.view_product=403
//
// the method, the route and, for a route of one object, the name of its fixture in objects;
// the statuses of an allowed request (Cell.OK); per persona, in the order of Personas, ✓ or
// the denial's status (Cell.Want); and, where the route asks for permissions, each one with
// the answer to a caller holding it alone (Cell.Perms and Cell.Alone). A line that starts
// with a space or a tab continues the row above it (long rows are wrapped so); blank lines
// are skipped. A row that does not read so is an error naming its line: a table that cannot
// be read checks nothing. The table may start with MatrixHeader, the one line starting with
// "#"; a header that differs from it (a table generated for other personas) is an error.
func ParseMatrix(table string, objects Objects) ([]Cell, error) {
	var (
		cells []Cell
		row   string // the row read so far, and the line it starts on
		first int
	)
	end := func() error {
		if row == "" {
			return nil
		}
		cell, err := parseRow(row, objects)
		if err != nil {
			return fmt.Errorf("permission matrix, line %d: %w: %q", first, err, row)
		}
		cells = append(cells, cell)
		row = ""
		return nil
	}
	for n, line := range strings.Split(table, "\n") {
		switch {
		case strings.TrimSpace(line) == "":
			continue
		case line[0] == '#':
			if row != "" || len(cells) > 0 || line != MatrixHeader {
				return nil, fmt.Errorf("permission matrix, line %d: %q is not the header, %q, before the first row", n+1, line, MatrixHeader)
			}
			continue
		case line[0] == ' ' || line[0] == '\t':
			if row == "" {
				return nil, fmt.Errorf("permission matrix, line %d: continues no row: %q", n+1, line)
			}
			row += " " + strings.TrimSpace(line)
			continue
		}
		if err := end(); err != nil {
			return nil, err
		}
		row, first = line, n+1
	}
	if err := end(); err != nil {
		return nil, err
	}
	return cells, nil
}

// parseRow reads one line of ParseMatrix's table.
func parseRow(line string, objects Objects) (Cell, error) {
	var cell Cell
	cols := strings.Split(line, " | ")
	if len(cols) != 3 && len(cols) != 4 {
		return cell, fmt.Errorf("%d columns, not 3 or 4", len(cols))
	}
	request := strings.Fields(cols[0])
	if len(request) != 2 && len(request) != 3 {
		return cell, fmt.Errorf("the request is a method, a route and maybe an object")
	}
	cell.Method, cell.Path = request[0], request[1]
	if len(request) == 3 {
		if cell.Object = objects[request[2]]; cell.Object == nil {
			return cell, fmt.Errorf("no fixture %s", request[2])
		}
	}
	for _, s := range strings.Fields(cols[1]) {
		status, err := strconv.Atoi(s)
		if err != nil || status < 100 || status > 599 {
			return cell, fmt.Errorf("%q is no status", s)
		}
		cell.OK = append(cell.OK, status)
	}
	if len(cell.OK) == 0 {
		return cell, fmt.Errorf("no status of an allowed request")
	}
	cell.Want = strings.TrimSpace(cols[2])
	if n := len(strings.Fields(cell.Want)); n != len(Personas) {
		return cell, fmt.Errorf("%d answers, not one per persona (%d)", n, len(Personas))
	}
	if len(cols) == 4 {
		var alone []string
		for _, held := range strings.Fields(cols[3]) {
			perm, answer, ok := strings.Cut(held, "=")
			if !ok || perm == "" || answer == "" {
				return cell, fmt.Errorf("%q is not permission=answer", held)
			}
			cell.Perms = append(cell.Perms, perm)
			alone = append(alone, answer)
		}
		cell.Alone = strings.Join(alone, " ")
	}
	return cell, nil
}

// ObjectOf adapts a fixture that inserts a row to Cell.Object.
func ObjectOf[M authz.Object](fixture func(*testing.T, *Server, int64) M) func(*testing.T, *Server, int64) string {
	return func(t *testing.T, s *Server, owner int64) string { return fixture(t, s, owner).ObjectPK() }
}

// CheckMatrix sends every cell's request, each to a fresh object, as a fresh user of the
// cell's persona, then as a fresh holder of each of the cell's permissions alone (directly
// and through a group), and compares the answers with the matrix.
func (s *Server) CheckMatrix(t *testing.T, matrix []Cell) {
	for _, cell := range matrix {
		want := strings.Fields(cell.Want)
		require.Len(t, want, len(Personas), "%s %s: a cell per persona in %q", cell.Method, cell.Path, cell.Want)
		for i, persona := range Personas {
			t.Run(cell.Method+" "+cell.Path+" as "+persona, func(t *testing.T) {
				status := s.Send(t, cell, persona)
				checkCell(t, cell, want[i], status)
			})
		}
		alone := strings.Fields(cell.Alone)
		require.Len(t, alone, len(cell.Perms), "%s %s: a cell per permission in %q", cell.Method, cell.Path, cell.Alone)
		for i, perm := range cell.Perms {
			for _, group := range []bool{false, true} {
				name := cell.Method + " " + cell.Path + " as holder of " + perm
				if group {
					name += " through a group"
				}
				t.Run(name, func(t *testing.T) {
					status := s.send(t, cell, "permission holder", []string{perm}, group)
					checkCell(t, cell, alone[i], status)
				})
			}
		}
	}
}

// checkCell compares the status of a request with its cell.
func checkCell(t *testing.T, cell Cell, want string, status int) {
	t.Helper()
	if want == Allowed {
		require.Contains(t, cell.OK, status, "allowed, so one of the route's answers")
		return
	}
	require.Equal(t, want, strconv.Itoa(status))
}

// Send makes the cell's request as a fresh caller of the persona and returns the status.
func (s *Server) Send(t *testing.T, cell Cell, persona string) int {
	t.Helper()
	return s.send(t, cell, persona, cell.Perms, false)
}

// send makes the cell's request as a fresh caller of the persona, a permission holder
// holding perms (through a group of its own when group is set), and returns the status.
func (s *Server) send(t *testing.T, cell Cell, persona string, perms []string, group bool) int {
	t.Helper()
	ctx := context.Background()
	owner := s.User(t, false, false)
	path, pk := cell.Path, ""
	if cell.Object != nil {
		pk = cell.Object(t, s, owner.ID)
		path = strings.Replace(path, "{id}", pk, 1)
	}
	var caller *users.User
	switch persona {
	case "anonymous":
	case "owner":
		caller = owner
	case "staff":
		caller = s.User(t, true, false)
	case "superuser":
		caller = s.User(t, true, true)
	default:
		caller = s.User(t, false, false)
	}
	if persona == "permission holder" {
		s.grant(t, caller.ID, perms, pk, group)
	}
	var body io.Reader
	if cell.Method != http.MethodGet && cell.Method != http.MethodHead && cell.Method != http.MethodOptions {
		body = strings.NewReader("{}")
	}
	req, err := http.NewRequest(cell.Method, s.URL+path, body)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if caller != nil {
		access, _, err := s.Tokens.ObtainPair(ctx, caller.ID)
		require.NoError(t, err)
		req.Header.Set("Authorization", s.scheme+" "+access)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

// grant gives the user perms globally and on the object pk (if any): directly, or through a
// group of its own.
func (s *Server) grant(t *testing.T, userID int64, perms []string, pk string, group bool) {
	t.Helper()
	ctx := context.Background()
	if !group {
		for _, perm := range perms {
			require.NoError(t, s.Users.GrantPerm(ctx, userID, perm))
			if pk != "" {
				require.NoError(t, s.Users.GrantObjectPerm(ctx, userID, perm, pk))
			}
		}
		return
	}
	name := fmt.Sprintf("group%d", s.Next())
	_, err := s.Users.CreateGroup(ctx, name, perms)
	require.NoError(t, err)
	require.NoError(t, s.Users.AddUserToGroup(ctx, userID, name))
	if pk != "" {
		for _, perm := range perms {
			require.NoError(t, s.Users.GrantGroupObjectPerm(ctx, name, perm, pk))
		}
	}
}
