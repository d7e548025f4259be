package authz_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/authn"
	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/users"
)

// The benchmark's permission, as a generated app declares it: DRF's
//
//	permission_classes = [(IsAuthenticatedOrReadOnly & IsOwnerOrReadOnly) | IsAdminUser, ProductPermission]
//
// where ProductPermission maps methods to permissions (the store's ViewProductPermission).
var benchChecks = authz.NewList(
	authz.Or(authz.And(authz.IsAuthenticatedOrReadOnly{}, authz.Owner{Field: "owner", SafeMethods: true}), authz.IsAdminUser{}),
	authz.MethodPerms(map[string]string{
		http.MethodGet: "store.view_product", http.MethodHead: "store.view_product", http.MethodOptions: "store.view_product",
		http.MethodPost: "store.add_product", http.MethodPut: "store.change_product", http.MethodPatch: "store.change_product",
		http.MethodDelete: "store.delete_product",
	}),
)

// casbinModel is the same decision as a casbin model: the composed expression in the
// matcher over the request's attributes, the method map as policies, the user's
// permissions as role links (user → group → permission).
const casbinModel = `
[request_definition]
r = sub, obj, act

[policy_definition]
p = perm, act

[role_definition]
g = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = ((r.act in ('GET', 'HEAD', 'OPTIONS') || r.sub.Authenticated) && (r.act in ('GET', 'HEAD', 'OPTIONS') || r.sub.ID == r.obj.Owner) || r.sub.Staff) && r.sub.Authenticated && r.sub.Active && (r.sub.Superuser || g(r.sub.Name, p.perm)) && r.act == p.act
`

// casbinSubject and casbinObject are what the matcher reads (exported fields: casbin's ABAC).
type casbinSubject struct {
	ID                                      int64
	Name                                    string
	Authenticated, Active, Staff, Superuser bool
}

type casbinObject struct{ Owner int64 }

func newCasbin(tb testing.TB) *casbin.Enforcer {
	tb.Helper()
	m, err := model.NewModelFromString(casbinModel)
	require.NoError(tb, err)
	e, err := casbin.NewEnforcer(m)
	require.NoError(tb, err)
	for _, p := range [][]any{
		{"store.view_product", "GET"}, {"store.view_product", "HEAD"}, {"store.view_product", "OPTIONS"},
		{"store.add_product", "POST"}, {"store.change_product", "PUT"}, {"store.change_product", "PATCH"},
		{"store.delete_product", "DELETE"},
	} {
		_, err := e.AddPolicy(p...)
		require.NoError(tb, err)
	}
	for _, g := range [][]any{
		{"alice", "editors"}, {"editors", "store.view_product"}, {"editors", "store.change_product"},
		{"bob", "store.view_product"},
	} {
		_, err := e.AddGroupingPolicy(g...)
		require.NoError(tb, err)
	}
	return e
}

// benchWorld is the same users in a real store: alice edits products through a group, bob
// views them, carol holds nothing, staff and root are what they say.
type benchWorld struct {
	store   *users.Store
	auth    *authn.Authenticator
	users   map[string]*users.User
	queries *atomic.Int64
}

func newBenchWorld(tb testing.TB) *benchWorld {
	tb.Helper()
	ctx := context.Background()
	d, queries := countingDB(tb)
	store, err := users.NewStore(d, nil)
	require.NoError(tb, err)
	var perms []users.Permission
	for _, c := range []string{"view", "add", "change", "delete"} {
		perms = append(perms, users.Permission{App: "store", Model: "product", Codename: c + "_product", Name: "Can " + c + " product"})
	}
	require.NoError(tb, store.SyncPermissions(ctx, perms))
	w := &benchWorld{store: store, auth: &authn.Authenticator{Users: store}, users: map[string]*users.User{}, queries: queries}
	for _, u := range []*users.User{
		{Username: "alice", IsActive: true}, {Username: "bob", IsActive: true}, {Username: "carol", IsActive: true},
		{Username: "staff", IsActive: true, IsStaff: true}, {Username: "root", IsActive: true, IsStaff: true, IsSuperuser: true},
	} {
		u.Password = "!"
		require.NoError(tb, store.Create(ctx, u))
		w.users[u.Username] = u
	}
	_, err = store.CreateGroup(ctx, "editors", []string{"store.view_product", "store.change_product"})
	require.NoError(tb, err)
	require.NoError(tb, store.AddUserToGroup(ctx, w.users["alice"].ID, "editors"))
	require.NoError(tb, store.GrantPerm(ctx, w.users["bob"].ID, "store.view_product"))
	queries.Store(0)
	return w
}

// subject is the subject authn makes for an authenticated request: permissions not loaded.
func (w *benchWorld) subject(name string) *authz.Subject {
	if name == "" {
		return authz.Anonymous()
	}
	return w.auth.Subject(w.users[name])
}

func casbinSubjectOf(s *authz.Subject) casbinSubject {
	return casbinSubject{ID: s.UserID, Name: s.Username, Authenticated: s.IsAuthenticated(), Active: s.IsActive,
		Staff: s.IsStaff, Superuser: s.IsSuperuser}
}

// decide is the generated handler's decision for a detail route: the view-level checks, then
// the object-level ones, of the list compiled as generated code declares it.
func decide(req *authz.Request, obj authz.Object) bool {
	return benchChecks.Check(req).Allowed() && benchChecks.CheckObject(req, obj).Allowed()
}

// decideUncompiled is the same decision by Check and CheckObject over the list's classes.
func decideUncompiled(req *authz.Request, obj authz.Object) bool {
	checks := benchChecks.Checkers()
	return authz.Check(req, checks...).Allowed() && authz.CheckObject(req, obj, checks...).Allowed()
}

var benchMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE"}

// TestCasbinAgrees checks the two policies decide alike, so the benchmark compares equals.
func TestCasbinAgrees(t *testing.T) {
	w := newBenchWorld(t)
	e := newCasbin(t)
	for _, name := range []string{"", "alice", "bob", "carol", "staff", "root"} {
		for _, owner := range []string{"alice", "carol"} {
			for _, method := range benchMethods {
				req := &authz.Request{Ctx: context.Background(), Method: method, Subject: w.subject(name)}
				obj := doc{owner: w.users[owner].ID}
				want := decide(req, obj)
				got, err := e.Enforce(casbinSubjectOf(req.Subject), casbinObject{Owner: obj.owner}, method)
				require.NoError(t, err)
				require.Equal(t, want, got, "%q %s on %s's object", name, method, owner)
			}
		}
	}
	// Not a table of one answer: the grid holds both.
	req := &authz.Request{Ctx: context.Background(), Method: "PUT", Subject: w.subject("alice")}
	require.True(t, decide(req, doc{owner: w.users["alice"].ID}))
	req = &authz.Request{Ctx: context.Background(), Method: "PUT", Subject: w.subject("bob")}
	require.False(t, decide(req, doc{owner: w.users["bob"].ID}))
}

// TestOneCachedLoad counts the statements a request's checks send to the database: one load
// of the permissions, however many checks ask, and none for a superuser or for checks that
// ask no permission.
func TestOneCachedLoad(t *testing.T) {
	w := newBenchWorld(t)
	ctx := context.Background()
	req := &authz.Request{Ctx: ctx, Method: "PATCH", Subject: w.subject("alice")}
	for range 5 {
		require.True(t, decide(req, doc{owner: w.users["alice"].ID}))
		ok, err := req.Subject.HasPerm(ctx, "store.view_product")
		require.True(t, ok)
		require.NoError(t, err)
		ok, err = req.Subject.HasPerm(ctx, "store.delete_product")
		require.False(t, ok)
		require.NoError(t, err)
	}
	require.Equal(t, int64(1), w.queries.Load(), "one load for the whole request")

	w.queries.Store(0)
	req = &authz.Request{Ctx: ctx, Method: "DELETE", Subject: w.subject("root")}
	require.True(t, decide(req, doc{owner: w.users["alice"].ID}))
	require.Zero(t, w.queries.Load(), "a superuser needs no query")

	w.queries.Store(0)
	req = &authz.Request{Ctx: ctx, Method: "PUT", Subject: w.subject("carol")}
	require.True(t, authz.Check(req, authz.IsAuthenticated{}, authz.IsAuthenticatedOrReadOnly{}).Allowed())
	require.Zero(t, w.queries.Load(), "checks that name no permission load nothing")
	require.False(t, decide(req, doc{owner: w.users["carol"].ID}), "carol holds no change_product")
	require.Equal(t, int64(1), w.queries.Load())
}

// BenchmarkComposedCheck measures the decision of a detail request (view- and object-level
// checks) for the composed expression and the method map:
//
//   - authz/request: a new request each time, as served: the subject's one permission load
//     from the database (SQLite, a prepared statement) included;
//   - authz/decision: the decision alone, permissions already loaded, of the compiled list;
//   - authz/uncompiled: the same by Check and CheckObject over the list's classes;
//   - casbin: the same decision by casbin's enforcer, its policy in memory.
func BenchmarkComposedCheck(b *testing.B) {
	w := newBenchWorld(b)
	e := newCasbin(b)
	ctx := context.Background()
	// The object as a handler holds it: a generated row is a pointer, which an interface
	// holds without a conversion.
	var obj authz.Object = &doc{owner: w.users["alice"].ID}
	b.Run("authz/request", func(b *testing.B) {
		w.queries.Store(0)
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			req := &authz.Request{Ctx: ctx, Method: benchMethods[i%len(benchMethods)], Subject: w.subject("alice")}
			decide(req, obj)
		}
		b.ReportMetric(float64(w.queries.Load())/float64(b.N), "queries/op")
	})
	for _, bench := range []struct {
		name   string
		decide func(*authz.Request, authz.Object) bool
	}{{"authz/decision", decide}, {"authz/uncompiled", decideUncompiled}} {
		b.Run(bench.name, func(b *testing.B) {
			subject := w.subject("alice")
			subject.HasPerm(ctx, "store.view_product") // loaded once, before timing
			// The request of each method, as Begin makes it once per HTTP request: what is
			// timed is the decision, which a handler asks of one request twice (view and
			// object level) and OPTIONS more often.
			reqs := make([]*authz.Request, len(benchMethods))
			for i, m := range benchMethods {
				reqs[i] = &authz.Request{Ctx: ctx, Method: m, Subject: subject}
			}
			w.queries.Store(0)
			b.ReportAllocs()
			// The next request by a counter that wraps, not i%len(reqs): a 64-bit division
			// takes longer than some decisions.
			for i := 0; b.Loop(); i++ {
				if i == len(reqs) {
					i = 0
				}
				bench.decide(reqs[i], obj)
			}
			b.ReportMetric(float64(w.queries.Load())/float64(b.N), "queries/op")
		})
	}
	b.Run("casbin", func(b *testing.B) {
		sub := casbinSubjectOf(w.subject("alice"))
		o := casbinObject{Owner: w.users["alice"].ID}
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if _, err := e.Enforce(sub, o, benchMethods[i%len(benchMethods)]); err != nil {
				b.Fatal(err)
			}
		}
	})
}
