package authz_test

import (
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

func TestCompositionsDecideAsDRF(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	verdicts := map[authz.Verdict]int{}
	for range 3000 {
		e := randomExpr(rng, 4)
		c := e.checker()
		for _, p := range []persona{anon, alice, bob, staff, root, granted, readOnly, sleeping} {
			for _, method := range []string{"GET", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "TRACE"} {
				for _, o := range []doc{{owner: alice.id}, {owner: bob.id}} {
					want := e.view(p.request(method))
					require.Equal(t, want, c.HasPermission(p.request(method)).Verdict(), "%s %s: view of %s", p.name, method, authz.Name(c))
					want = e.object(p.request(method), o)
					require.Equal(t, want, c.HasObjectPermission(p.request(method), o).Verdict(), "%s %s: object of %s", p.name, method, authz.Name(c))
					verdicts[want]++
				}
			}
		}
	}
	for _, v := range []authz.Verdict{authz.Allow, authz.Deny, authz.Hide} {
		require.Positive(t, verdicts[v], "the trees reach %s", v)
	}
}
