package authz_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/authz"
)

// expr is a composition as DRF's operators define it, evaluated plainly: every operand
// asked through its methods, nothing skipped. And, Or and Not skip the questions they know
// to allow; this is what they must still equal.
type expr struct {
	op   byte // 'c' a checker, '&', '|', '~'
	leaf authz.Checker
	a, b *expr
}

func (e *expr) checker() authz.Checker {
	switch e.op {
	case '&':
		return authz.And(e.a.checker(), e.b.checker())
	case '|':
		return authz.Or(e.a.checker(), e.b.checker())
	case '~':
		return authz.Not(e.a.checker())
	}
	return e.leaf
}

func (e *expr) view(r *authz.Request) authz.Verdict {
	switch e.op {
	case '&':
		if v := e.a.view(r); v != authz.Allow {
			return v
		}
		return e.b.view(r)
	case '|':
		if v := e.a.view(r); v != authz.Deny {
			return v
		}
		return e.b.view(r)
	case '~':
		return inverted(e.a.view(r))
	}
	return e.leaf.HasPermission(r).Verdict()
}

func (e *expr) object(r *authz.Request, o authz.Object) authz.Verdict {
	switch e.op {
	case '&':
		if v := e.a.object(r, o); v != authz.Allow {
			return v
		}
		return e.b.object(r, o)
	case '|': // DRF 3.14: (a.has_permission and a.has_object_permission) or (b's)
		both := func(x *expr) authz.Verdict {
			if v := x.view(r); v != authz.Allow {
				return v
			}
			return x.object(r, o)
		}
		if v := both(e.a); v != authz.Deny {
			return v
		}
		return both(e.b)
	case '~':
		return inverted(e.a.object(r, o))
	}
	return e.leaf.HasObjectPermission(r, o).Verdict()
}

func inverted(v authz.Verdict) authz.Verdict {
	switch v {
	case authz.Allow:
		return authz.Deny
	case authz.Deny:
		return authz.Allow
	}
	return v
}

// denier refuses objects; it embeds IsAuthenticated, whose object check allows: a
// composition must ask it, not take it for the class it embeds.
type denier struct{ authz.IsAuthenticated }

func (denier) HasObjectPermission(*authz.Request, authz.Object) authz.Decision { return authz.Denied }

func randomExpr(rng *rand.Rand, depth int) *expr {
	leaves := []authz.Checker{
		authz.AllowAny{}, authz.IsAuthenticated{}, authz.IsAdminUser{}, authz.IsAuthenticatedOrReadOnly{},
		authz.ReadOnly{}, authz.Owner{Field: "owner"}, authz.Owner{Field: "owner", SafeMethods: true},
		authz.Requires("store.change_doc"), authz.DjangoModelPermissions("store", "doc"),
		authz.DjangoObjectPermissions("store", "doc"), authz.MethodPerms(map[string]string{http.MethodGet: "store.view_doc"}),
		authz.Class{Name: "Named", Checker: authz.Owner{Field: "owner"}}, hider{}, denier{},
		authz.Func(func(r *authz.Request) authz.Decision { return authz.Bool(r.Method == http.MethodPut) }),
	}
	if depth == 0 || rng.IntN(3) == 0 {
		return &expr{op: 'c', leaf: leaves[rng.IntN(len(leaves))]}
	}
	switch rng.IntN(5) {
	case 0:
		return &expr{op: '~', a: randomExpr(rng, depth-1)}
	case 1, 2:
		return &expr{op: '&', a: randomExpr(rng, depth-1), b: randomExpr(rng, depth-1)}
	}
	return &expr{op: '|', a: randomExpr(rng, depth-1), b: randomExpr(rng, depth-1)}
}

// TestCompositionsDecideAsDRF holds random compositions, as checkers and compiled into a
// List (alone, and as the last of a list of up to three), to the plain evaluation.
func TestCompositionsDecideAsDRF(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	verdicts := map[authz.Verdict]int{}
	personas := []persona{anon, alice, bob, staff, root, granted, readOnly, sleeping}
	methods := []string{"GET", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "TRACE"}
	objects := []doc{{owner: alice.id}, {owner: bob.id}}
	// The last three compositions with their plain answers by case (persona, method, object),
	// of which the lists below are made.
	type answered struct {
		e            *expr
		view, object []authz.Verdict
	}
	var last []answered
	for range 3000 {
		e := randomExpr(rng, 4)
		c := e.checker()
		name := authz.Name(c)
		alone := authz.NewList(c)
		mine := answered{e: e}
		for _, p := range personas {
			for _, method := range methods {
				for _, o := range objects {
					want := e.view(p.request(method))
					require.Equal(t, want, c.HasPermission(p.request(method)).Verdict(), "%s %s: view of %s", p.name, method, name)
					// One request asked both questions, then both again, as a handler does:
					// the second time with the permissions its first question loaded.
					served := p.request(method)
					require.Equal(t, want, alone.Check(served).Verdict(), "%s %s: compiled view of %s", p.name, method, name)
					wantView := want
					mine.view = append(mine.view, want)
					want = e.object(p.request(method), o)
					require.Equal(t, want, c.HasObjectPermission(p.request(method), o).Verdict(), "%s %s: object of %s", p.name, method, name)
					require.Equal(t, want, alone.CheckObject(served, o).Verdict(), "%s %s: compiled object of %s", p.name, method, name)
					require.Equal(t, wantView, alone.Check(served).Verdict(), "%s %s: compiled view of %s, loaded", p.name, method, name)
					require.Equal(t, want, alone.CheckObject(served, o).Verdict(), "%s %s: compiled object of %s, loaded", p.name, method, name)
					mine.object = append(mine.object, want)
					verdicts[want]++
				}
			}
		}

		last = append(last, mine)
		if len(last) > 3 {
			last = last[1:]
		}
		checks := make([]authz.Checker, len(last))
		names := make([]string, len(last))
		for i, x := range last {
			// Named by position, so that the Outcome's class can be told (checkers holding a
			// Func do not compare).
			checks[i] = authz.Class{Name: fmt.Sprintf("C%d", i), Checker: x.e.checker()}
			names[i] = authz.Name(x.e.checker())
		}
		list := authz.NewList(checks...)
		k := 0
		for _, p := range personas {
			for _, method := range methods {
				for _, o := range objects {
					want, at := authz.Allow, ""
					for i, x := range last {
						if v := x.view[k]; v != authz.Allow {
							want, at = v, checks[i].(authz.Class).Name
							break
						}
					}
					served := p.request(method)
					got := list.Check(served)
					require.Equal(t, want, got.Verdict(), "%s %s: view of list %q", p.name, method, names)
					require.Equal(t, at, got.ClassName(), "%s %s: the class deciding list %q", p.name, method, names)
					wantView, atView := want, at
					want, at = authz.Allow, ""
					for i, x := range last {
						if v := x.object[k]; v != authz.Allow {
							want, at = v, checks[i].(authz.Class).Name
							break
						}
					}
					got = list.CheckObject(served, o)
					require.Equal(t, want, got.Verdict(), "%s %s: object of list %q", p.name, method, names)
					require.Equal(t, at, got.ClassName(), "%s %s: the class deciding list %q on objects", p.name, method, names)
					wantObject, atObject := want, at
					// Again, the permissions loaded.
					got = list.Check(served)
					require.Equal(t, wantView, got.Verdict(), "%s %s: view of list %q, loaded", p.name, method, names)
					require.Equal(t, atView, got.ClassName(), "%s %s: the class deciding list %q, loaded", p.name, method, names)
					got = list.CheckObject(served, o)
					require.Equal(t, wantObject, got.Verdict(), "%s %s: object of list %q, loaded", p.name, method, names)
					require.Equal(t, atObject, got.ClassName(), "%s %s: the class deciding list %q on objects, loaded", p.name, method, names)
					k++
				}
			}
		}
	}
	for _, v := range []authz.Verdict{authz.Allow, authz.Deny, authz.Hide} {
		require.Positive(t, verdicts[v], "the trees reach %s", v)
	}
}

// TestNilListAllows: a route without checks decides as an empty list.
func TestNilListAllows(t *testing.T) {
	var l *authz.List
	require.True(t, l.Check(anon.request("DELETE")).Allowed())
	require.True(t, l.CheckObject(anon.request("DELETE"), doc{}).Allowed())
	require.True(t, authz.NewList().Check(anon.request("DELETE")).Allowed())
}
