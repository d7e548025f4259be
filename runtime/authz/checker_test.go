package authz_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/authz"
)

// The unit under test is the checkers, so the subjects' permissions come from an in-memory
// loader here; the same checks run over HTTP on real databases in http_test.go.

// grants is what a fake subject holds: model permissions and per-object grants ("perm@pk").
type grants map[string]bool

// persona is a subject for the tables below.
type persona struct {
	name                       string
	id                         int64
	staff, superuser, inactive bool
	grants                     grants
}

var (
	anon      = persona{name: "anonymous"}
	alice     = persona{name: "alice", id: 1}
	bob       = persona{name: "bob", id: 2, grants: grants{"store.add_doc": true, "store.change_doc": true, "store.view_doc": true}}
	staff     = persona{name: "staff", id: 3, staff: true}
	root      = persona{name: "root", id: 4, staff: true, superuser: true}
	granted   = persona{name: "granted", id: 5, grants: grants{"store.change_doc": true, "store.change_doc@7": true, "store.delete_doc@7": true}}
	readOnly  = persona{name: "reader", id: 6, grants: grants{"store.change_doc": true, "store.view_doc@7": true}}
	sleeping  = persona{name: "inactive", id: 7, inactive: true, grants: grants{"store.add_doc": true}}
	inactRoot = persona{name: "inactive root", id: 8, superuser: true, inactive: true}
)

// subject makes p's subject; loads counts the queries its loaders would have made.
func (p persona) subject(loads *int) *authz.Subject {
	if p.id == 0 {
		return authz.Anonymous()
	}
	perms := func(_ context.Context, id int64) (authz.PermSet, error) {
		*loads++
		set := authz.PermSet{}
		for g := range p.grants {
			set[g] = struct{}{}
		}
		return set, nil
	}
	objectPerms := func(_ context.Context, id int64, perm, pk string) (bool, error) {
		*loads++
		return p.grants[perm+"@"+pk], nil
	}
	return authz.NewSubject(p.id, p.name, !p.inactive, p.staff, p.superuser, perms, objectPerms)
}

func (p persona) request(method string) *authz.Request {
	var n int
	return &authz.Request{Ctx: context.Background(), Method: method, Subject: p.subject(&n)}
}

// doc is an object owned by a user, primary key 7.
type doc struct{ owner int64 }

func (d doc) OwnerOf(field string) (int64, bool) { return d.owner, field == "owner" }
func (d doc) ObjectPK() string                   { return "7" }

type checkCase struct {
	persona persona
	method  string
	view    bool // HasPermission
	object  bool // HasObjectPermission on doc{owner: alice}, asked only where view allows
	hidden  bool // the object check decided Hide: DRF's Http404
}

func runChecks(t *testing.T, c authz.Checker, cases []checkCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.persona.name+" "+tc.method, func(t *testing.T) {
			req := tc.persona.request(tc.method)
			view := c.HasPermission(req)
			require.Equal(t, tc.view, view.Allowed(), "HasPermission: %s", view.Verdict())
			require.NotEqual(t, authz.Fail, view.Verdict())
			object := c.HasObjectPermission(req, doc{owner: alice.id})
			require.Equal(t, tc.object, object.Allowed(), "HasObjectPermission: %s", object.Verdict())
			require.Equal(t, tc.hidden, object.Verdict() == authz.Hide, "HasObjectPermission: %s", object.Verdict())
		})
	}
}

func TestAllowAny(t *testing.T) {
	runChecks(t, authz.AllowAny{}, []checkCase{
		{anon, "GET", true, true, false},
		{anon, "DELETE", true, true, false},
		{alice, "POST", true, true, false},
	})
}

func TestIsAuthenticated(t *testing.T) {
	runChecks(t, authz.IsAuthenticated{}, []checkCase{
		{anon, "GET", false, true, false},
		{alice, "GET", true, true, false},
		{alice, "DELETE", true, true, false},
		// DRF's IsAuthenticated looks at the credentials, not is_active: authn refuses
		// inactive users before any check runs.
		{sleeping, "GET", true, true, false},
	})
}

func TestIsAdminUser(t *testing.T) {
	runChecks(t, authz.IsAdminUser{}, []checkCase{
		{anon, "GET", false, true, false},
		{alice, "GET", false, true, false},
		{staff, "DELETE", true, true, false},
		{root, "POST", true, true, false},
	})
}

func TestIsAuthenticatedOrReadOnly(t *testing.T) {
	runChecks(t, authz.IsAuthenticatedOrReadOnly{}, []checkCase{
		{anon, "GET", true, true, false},
		{anon, "HEAD", true, true, false},
		{anon, "OPTIONS", true, true, false},
		{anon, "POST", false, true, false},
		{anon, "DELETE", false, true, false},
		{alice, "POST", true, true, false},
	})
}

func TestReadOnly(t *testing.T) {
	runChecks(t, authz.ReadOnly{}, []checkCase{
		{anon, "GET", true, true, false},
		{root, "POST", false, true, false},
		{alice, "PATCH", false, true, false},
	})
}

func TestModelPerms(t *testing.T) {
	m := authz.DjangoModelPermissions("store", "doc")
	runChecks(t, m, []checkCase{
		{anon, "GET", false, true, false},
		// DRF's surprise: DjangoModelPermissions does not guard GET, any user reads.
		{alice, "GET", true, true, false},
		{alice, "HEAD", true, true, false},
		{alice, "OPTIONS", true, true, false},
		{alice, "POST", false, true, false},
		{bob, "POST", true, true, false},
		{bob, "PUT", true, true, false},
		{bob, "PATCH", true, true, false},
		{bob, "DELETE", false, true, false}, // bob lacks delete_doc
		{staff, "POST", false, true, false}, // staff is no permission
		{root, "DELETE", true, true, false},
		{sleeping, "POST", false, true, false}, // an inactive user holds nothing
		{inactRoot, "POST", false, true, false},
		// Outside perms_map DRF raises MethodNotAllowed: the dispatcher's 405.
		{alice, "TRACE", true, true, false},
		{anon, "TRACE", false, true, false},
	})
	anonRead := authz.DjangoModelPermissionsOrAnonReadOnly("store", "doc")
	runChecks(t, anonRead, []checkCase{
		{anon, "GET", true, true, false},
		{anon, "HEAD", true, true, false},
		{anon, "POST", false, true, false},
		{alice, "POST", false, true, false},
		{bob, "POST", true, true, false},
	})
	require.Equal(t, "DjangoModelPermissions", authz.Name(m))
	require.Equal(t, "DjangoModelPermissionsOrAnonReadOnly", authz.Name(anonRead))
}

func TestObjectPerms(t *testing.T) {
	o := authz.DjangoObjectPermissions("store", "doc")
	runChecks(t, o, []checkCase{
		{anon, "GET", false, true, false},
		// Reads need nothing of the object in DRF's perms_map (the list/detail filter hides
		// what the caller may not view).
		{alice, "GET", true, true, false},
		// View level: the model permission granted globally.
		{alice, "PUT", false, false, false},
		{granted, "PUT", true, true, false},
		{granted, "PATCH", true, true, false},
		{granted, "DELETE", false, true, false}, // object grant, but no global delete_doc
		// Global change_doc without the object grant: DRF's read perms are empty, so a
		// write is a 403, not a 404.
		{readOnly, "PUT", true, false, false},
		{bob, "PATCH", true, false, false},
		{root, "DELETE", true, true, false},
		{staff, "DELETE", false, false, false},
		{inactRoot, "DELETE", false, false, false},
	})
	require.Equal(t, "store.view_doc", o.ViewPerm())
}

func TestObjectPermsWithView(t *testing.T) {
	// The perms_map guardian's documentation suggests (GET needs view_doc) reaches DRF's
	// 404s in the check itself: a refused read, and a refused write by someone who may not
	// read the object either.
	o := authz.DjangoObjectPermissions("store", "doc").WithView()
	viewer := persona{name: "viewer", id: 10, grants: grants{"store.view_doc": true, "store.change_doc": true, "store.view_doc@7": true}}
	blind := persona{name: "blind", id: 11, grants: grants{"store.view_doc": true, "store.change_doc": true}}
	runChecks(t, o, []checkCase{
		{alice, "GET", false, false, true}, // no global view_doc: denied at view level already
		{viewer, "GET", true, true, false},
		{blind, "GET", true, false, true},   // safe method refused: 404
		{blind, "PATCH", true, false, true}, // cannot read it either: 404
		{viewer, "PATCH", true, false, false},
		{root, "GET", true, true, false},
	})
}

func TestRequiresAndMethodPerms(t *testing.T) {
	runChecks(t, authz.Requires("store.add_doc"), []checkCase{
		{anon, "GET", false, true, false},
		{alice, "GET", false, true, false},
		{bob, "GET", true, true, false},
		{root, "GET", true, true, false},
		{sleeping, "GET", false, true, false},
	})
	mp := authz.MethodPerms(map[string]string{http.MethodGet: "store.view_doc", http.MethodPost: "store.add_doc", http.MethodDelete: "store.delete_doc"})
	runChecks(t, mp, []checkCase{
		{anon, "GET", false, true, false},
		{alice, "GET", false, true, false},
		{bob, "GET", true, true, false},
		{bob, "POST", true, true, false},
		{bob, "DELETE", false, true, false},
		{bob, "PATCH", false, true, false}, // not in the map: denied
		{root, "PATCH", false, true, false},
		{root, "DELETE", true, true, false},
	})
}

func TestOwner(t *testing.T) {
	runChecks(t, authz.Owner{Field: "owner", SafeMethods: true}, []checkCase{
		{anon, "GET", true, true, false},
		{anon, "PUT", true, false, false},
		{alice, "PUT", true, true, false},
		{bob, "PUT", true, false, false},
		{root, "DELETE", true, false, false}, // not even a superuser owns alice's object
	})
	runChecks(t, authz.Owner{Field: "owner"}, []checkCase{
		{bob, "GET", true, false, false},
		{alice, "GET", true, true, false},
	})
	// A field the object does not have owns nothing.
	req := alice.request(http.MethodPut)
	require.Equal(t, authz.Denied, authz.Owner{Field: "author"}.HasObjectPermission(req, doc{owner: alice.id}))
	// Alternatives: any field holding the caller owns, the first or one of Or.
	either := authz.Owner{Field: "author", Or: []string{"editor", "owner"}}
	require.Equal(t, authz.Allowed, either.HasObjectPermission(req, doc{owner: alice.id}))
	require.Equal(t, authz.Denied, either.HasObjectPermission(bob.request(http.MethodPut), doc{owner: alice.id}))
	require.Equal(t, "Owner(author | editor | owner)", either.String())
}

func TestComposition(t *testing.T) {
	owner := authz.Owner{Field: "owner", SafeMethods: true}
	// DRF's IsAuthenticatedOrReadOnly & IsOwnerOrReadOnly.
	runChecks(t, authz.And(authz.IsAuthenticatedOrReadOnly{}, owner), []checkCase{
		{anon, "GET", true, true, false},
		{anon, "PUT", false, false, false},
		{alice, "PUT", true, true, false},
		{bob, "PUT", true, false, false},
	})
	// ReadOnly | IsAdminUser.
	runChecks(t, authz.Or(authz.ReadOnly{}, authz.IsAdminUser{}), []checkCase{
		{anon, "GET", true, true, false},
		{alice, "POST", false, false, false},
		{staff, "POST", true, true, false},
	})
	// DRF 3.14's |: an operand counts on the object only where its view check allows too.
	// IsAdminUser | Owner: Owner alone allows bob's view, but its object check refuses him;
	// IsAdminUser's object check allows everyone, yet counts only for staff.
	runChecks(t, authz.Or(authz.IsAdminUser{}, authz.Owner{Field: "owner"}), []checkCase{
		{bob, "PUT", true, false, false},
		{alice, "PUT", true, true, false},
		{staff, "PUT", true, true, false},
	})
	// ~: the negation of both questions.
	runChecks(t, authz.Not(authz.IsAdminUser{}), []checkCase{
		{alice, "GET", true, false, false},
		{staff, "GET", false, false, false},
	})
	runChecks(t, authz.Not(authz.Owner{Field: "owner"}), []checkCase{
		{alice, "PUT", false, false, false},
		{bob, "PUT", false, true, false},
	})
	// ((IsAuthenticatedOrReadOnly & IsOwnerOrReadOnly) | IsAdminUser): the benchmark's.
	composed := authz.Or(authz.And(authz.IsAuthenticatedOrReadOnly{}, owner), authz.IsAdminUser{})
	runChecks(t, composed, []checkCase{
		{anon, "GET", true, true, false},
		{anon, "PUT", false, false, false},
		{alice, "PUT", true, true, false},
		{bob, "PUT", true, false, false},
		{staff, "PUT", true, true, false},
	})
}

// hider is a checker that hides like DRF's DjangoObjectPermissions on a read it refuses.
type hider struct{ authz.AllowAny }

func (hider) HasObjectPermission(*authz.Request, authz.Object) authz.Decision { return authz.Hidden }

func TestHideThroughComposition(t *testing.T) {
	h := hider{}
	hidden := func(c authz.Checker) bool {
		return authz.CheckObject(staff.request(http.MethodGet), doc{}, c).Verdict() == authz.Hide
	}
	// DRF's Http404 ends the evaluation: IsAdminUser's allowance afterwards never counts.
	require.True(t, hidden(authz.Or(h, authz.IsAdminUser{})))
	// Where DRF never reaches the raising check (|'s left operand allowed), there is no 404.
	require.False(t, hidden(authz.Or(authz.IsAdminUser{}, h)))
	// ~ of a raising check is still DRF's 404.
	require.True(t, hidden(authz.Not(h)))
	// & stops at a refused left operand, | at an allowed one.
	require.False(t, hidden(authz.And(authz.Not(authz.AllowAny{}), h)))
	require.True(t, hidden(authz.And(authz.AllowAny{}, h)))
	// The list stops at the first denial, before a later hiding check, and names it.
	d := authz.CheckObject(staff.request(http.MethodGet), doc{owner: alice.id}, authz.Owner{Field: "owner"}, h)
	require.Equal(t, authz.Deny, d.Verdict())
	require.Equal(t, "Owner(owner)", d.ClassName())
}

// A failed permission load is a decision of its own, carried through every composition
// untouched: neither ~ nor | turns it into an answer.
func TestFailThroughComposition(t *testing.T) {
	broken := authz.NewSubject(9, "broken", true, false, false,
		func(context.Context, int64) (authz.PermSet, error) { return nil, errors.New("connection refused") }, nil)
	req := &authz.Request{Ctx: context.Background(), Method: http.MethodPost, Subject: broken}
	add := authz.Requires("store.add_doc")
	for _, c := range []authz.Checker{add, authz.Not(add), authz.Or(add, authz.AllowAny{}), authz.And(authz.AllowAny{}, add)} {
		d := authz.Check(req, authz.IsAuthenticated{}, c)
		require.Equal(t, authz.Fail, d.Verdict(), authz.Name(c))
		require.ErrorIs(t, d.Err(), authz.ErrPermissionLoad)
		require.Equal(t, authz.Name(c), d.ClassName(), "the failing entry is named")
	}
	_, err := broken.HasPerm(context.Background(), "store.add_doc")
	require.ErrorIs(t, err, authz.ErrPermissionLoad, "the failure is kept for the request, not queried again")
}

func TestCheckReturnsFirstDenial(t *testing.T) {
	publish := authz.Class{Name: "CanPublish", Checker: authz.Requires("store.publish_doc"), Message: "You may not publish.", Code: "no_publish"}
	req := alice.request(http.MethodPost)
	d := authz.Check(req, authz.IsAuthenticated{}, publish, authz.IsAdminUser{})
	require.Equal(t, authz.Deny, d.Verdict())
	require.Equal(t, "CanPublish", d.ClassName())
	require.True(t, authz.Check(root.request(http.MethodPost), authz.IsAuthenticated{}, publish, authz.IsAdminUser{}).Allowed())
	owner := authz.Owner{Field: "owner"}
	d = authz.CheckObject(bob.request(http.MethodPut), doc{owner: alice.id}, authz.AllowAny{}, owner)
	require.Equal(t, authz.Checker(owner), d.Class)
	require.True(t, authz.CheckObject(alice.request(http.MethodPut), doc{owner: alice.id}, authz.AllowAny{}, owner).Allowed())
	msg, code := authz.Check(req, publish).Message()
	require.Equal(t, "You may not publish.", msg)
	require.Equal(t, "no_publish", code)
	// Compositions are named as the spec writes them.
	composed := authz.Or(authz.And(authz.IsAuthenticatedOrReadOnly{}, owner), authz.Not(authz.IsAdminUser{}))
	require.Equal(t, "IsAuthenticatedOrReadOnly & Owner(owner) | ~IsAdminUser", authz.Name(composed))
	require.Equal(t, "(ReadOnly | IsAdminUser) & ~(ReadOnly & IsAdminUser)",
		authz.Name(authz.And(authz.Or(authz.ReadOnly{}, authz.IsAdminUser{}), authz.Not(authz.And(authz.ReadOnly{}, authz.IsAdminUser{})))))
}

func TestSubjectLoadsOnce(t *testing.T) {
	var loads int
	s := bob.subject(&loads)
	holds := func(s *authz.Subject, perm string) bool {
		ok, err := s.HasPerm(context.Background(), perm)
		require.NoError(t, err)
		return ok
	}
	holdsOn := func(s *authz.Subject, perm string) bool {
		ok, err := s.HasObjectPerm(context.Background(), perm, "7")
		require.NoError(t, err)
		return ok
	}
	for range 10 {
		require.True(t, holds(s, "store.add_doc"))
		require.False(t, holds(s, "store.delete_doc"))
	}
	require.Equal(t, 1, loads, "the permission set is loaded once per subject")

	loads = 0
	s = root.subject(&loads)
	require.True(t, holds(s, "anything.at_all"))
	require.True(t, holdsOn(s, "store.change_doc"))
	require.Zero(t, loads, "a superuser holds everything without a query")

	loads = 0
	s = sleeping.subject(&loads)
	require.False(t, holds(s, "store.add_doc"))
	require.False(t, holdsOn(s, "store.add_doc"))
	require.Zero(t, loads, "an inactive user holds nothing, without a query")

	require.False(t, holds(authz.Anonymous(), "store.add_doc"))
}

func TestRespond(t *testing.T) {
	var logged bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug}))
	answer := func(req *authz.Request, checks ...authz.Checker) *httptest.ResponseRecorder {
		d := authz.CheckObject(req, doc{owner: alice.id}, checks...)
		if d.Allowed() {
			d = authz.Check(req, checks...)
		}
		require.False(t, d.Allowed())
		logged.Reset()
		w := httptest.NewRecorder()
		authz.Respond(w, req, d, `Bearer realm="api"`, log)
		return w
	}
	w := answer(anon.request(http.MethodGet), authz.IsAuthenticated{})
	require.Equal(t, http.StatusUnauthorized, w.Code)
	require.Equal(t, `Bearer realm="api"`, w.Header().Get("WWW-Authenticate"))
	require.JSONEq(t, `{"detail":"Authentication credentials were not provided."}`, w.Body.String())
	require.Contains(t, logged.String(), `level=DEBUG msg="permission denied" class=IsAuthenticated verdict=deny method=GET user_id=0`)

	w = answer(alice.request(http.MethodGet), authz.IsAdminUser{})
	require.Equal(t, http.StatusForbidden, w.Code)
	require.JSONEq(t, `{"detail":"You do not have permission to perform this action."}`, w.Body.String())

	w = answer(alice.request(http.MethodPost), authz.AllowAny{}, authz.WithMessage(authz.IsAdminUser{}, "Staff only.", ""))
	require.Equal(t, http.StatusForbidden, w.Code)
	require.JSONEq(t, `{"detail":"Staff only."}`, w.Body.String())
	require.Contains(t, logged.String(), `msg="permission denied" class=IsAdminUser verdict=deny method=POST user_id=1`)

	w = answer(alice.request(http.MethodGet), authz.DjangoObjectPermissions("store", "doc").WithView())
	require.Equal(t, http.StatusNotFound, w.Code)
	require.JSONEq(t, `{"detail":"Not found."}`, w.Body.String())
	require.Contains(t, logged.String(), `class=DjangoObjectPermissions verdict=hide`)

	failing := authz.NewSubject(9, "broken", true, false, false,
		func(context.Context, int64) (authz.PermSet, error) { return nil, errors.New("connection refused") }, nil)
	req := &authz.Request{Ctx: context.Background(), Method: http.MethodPost, Subject: failing}
	w = answer(req, authz.Class{Name: "CanAdd", Checker: authz.Requires("store.add_doc")})
	require.Equal(t, http.StatusInternalServerError, w.Code)
	require.Contains(t, logged.String(), `level=ERROR msg="permission check failed" class=CanAdd method=POST user_id=9 error="authz: loading permissions failed\nconnection refused"`)

	// Denials are debug lines: at the default level nothing is logged for them.
	logged.Reset()
	authz.Respond(httptest.NewRecorder(), alice.request(http.MethodGet), authz.Check(alice.request(http.MethodGet), authz.IsAdminUser{}), "",
		slog.New(slog.NewTextHandler(&logged, nil)))
	require.Empty(t, logged.String())
}

// WithMethod is the clone DRF's OPTIONS checks: same subject and context, another method.
func TestWithMethod(t *testing.T) {
	s := &authz.Subject{UserID: 4}
	r := authz.NewRequest(httptest.NewRequest(http.MethodOptions, "/x/", nil), s)
	put := r.WithMethod(http.MethodPut)
	require.Equal(t, http.MethodPut, put.Method)
	require.Same(t, s, put.Subject)
	require.Equal(t, r.Ctx, put.Ctx)
	require.False(t, put.Safe())
	require.Equal(t, http.MethodOptions, r.Method, "the original is left as it was")
}
