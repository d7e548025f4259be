package model

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator/diag"
	"github.com/authgen/authgen/generator/spec"
)

func TestExprStringRoundTrips(t *testing.T) {
	b := &builder{f: &spec.File{Name: "s.yaml"}, classes: map[string]*PermClass{}}
	for _, c := range Builtins {
		b.classes[c.Name] = c
	}
	for in, want := range map[string]string{
		"ReadOnly | IsAdminUser":                    "ReadOnly | IsAdminUser",
		"(ReadOnly | IsAdminUser) & AllowAny":       "(ReadOnly | IsAdminUser) & AllowAny",
		"ReadOnly | IsAdminUser & AllowAny":         "ReadOnly | IsAdminUser & AllowAny",
		"((ReadOnly))":                              "ReadOnly",
		"~(ReadOnly | IsAdminUser)":                 "~(ReadOnly | IsAdminUser)",
		"~~ReadOnly":                                "~~ReadOnly",
		"ReadOnly & (IsAdminUser & AllowAny)":       "ReadOnly & (IsAdminUser & AllowAny)",
		"ReadOnly & IsAdminUser & AllowAny":         "ReadOnly & IsAdminUser & AllowAny",
		"~ReadOnly & IsAdminUser":                   "~ReadOnly & IsAdminUser",
		"ReadOnly|IsAdminUser&~(AllowAny|ReadOnly)": "ReadOnly | IsAdminUser & ~(AllowAny | ReadOnly)",
	} {
		x := b.expr(&spec.Expr{Items: []spec.Str{{Value: in, Pos: diag.Pos{Line: 1, Col: 1}}}}, false)
		require.Empty(t, b.errs, in)
		require.Equal(t, want, x.String(), in)
		// The rendering parses back to the same tree.
		y := b.expr(&spec.Expr{Items: []spec.Str{{Value: x.String(), Pos: diag.Pos{Line: 1, Col: 1}}}}, false)
		require.Equal(t, x.String(), y.String())
	}
	list := b.expr(&spec.Expr{List: true, Items: []spec.Str{{Value: "ReadOnly | IsAdminUser"}, {Value: "AllowAny"}}}, false)
	require.Equal(t, "(ReadOnly | IsAdminUser) & AllowAny", list.String(), "a list is the & of its items")
}

func TestExprNestingIsBounded(t *testing.T) {
	deep := ""
	for range 500 {
		deep += "~("
	}
	_, _, err := parseExprText(spec.Str{Value: deep + "ReadOnly"})
	require.NotNil(t, err)
	require.Contains(t, err.msg, "nested too deeply")
}

func TestGoName(t *testing.T) {
	for in, want := range map[string]string{
		"products": "Products", "image_url": "ImageURL", "owner_id": "OwnerID", "id": "ID",
		"set_password": "SetPassword", "api_key2": "APIKey2", "http_status": "HTTPStatus",
	} {
		require.Equal(t, want, goName(in), in)
	}
}

func TestVerboseName(t *testing.T) {
	// Django's camel_case_to_spaces.
	for in, want := range map[string]string{
		"Product": "product", "OrderItem": "order item", "HTTPLog": "http log", "ABC": "abc",
		"MyHTTPServer": "my http server", "Item2": "item2",
	} {
		require.Equal(t, want, verboseName(in), in)
	}
}

func TestRouteConflict(t *testing.T) {
	require.Equal(t, "is the same as", conflict("/a/{id}/", "/a/{pk}/"))
	require.Equal(t, "", conflict("/a/me/", "/a/{id}/"), "a literal is more specific than a wildcard")
	require.Equal(t, "", conflict("/a/b/", "/a/c/"))
	require.Equal(t, "", conflict("/a/", "/a/{id}/"))
	require.Equal(t, "overlaps without being more specific than", conflict("/a/{id}/x/", "/a/y/{id}/"))
}

// TestEachConflict compares eachConflict with the comparison of every pair over random
// patterns: the same conflicts, in the same order.
func TestEachConflict(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"a", "b", "me", "{id}", "{pk}"}
	type found struct {
		i, j int
		msg  string
	}
	for range 200 {
		segs := make([][]string, 1+rng.IntN(40))
		for i := range segs {
			segs[i] = []string{""}
			for range 1 + rng.IntN(3) {
				segs[i] = append(segs[i], words[rng.IntN(len(words))])
			}
			segs[i] = append(segs[i], "")
		}
		var want, got []found
		for i := range segs {
			for j := 0; j < i; j++ {
				if msg := conflictSegs(segs[i], segs[j]); msg != "" {
					want = append(want, found{i, j, msg})
				}
			}
		}
		eachConflict(segs, func(i, j int, msg string) { got = append(got, found{i, j, msg}) })
		require.Equal(t, want, got, "%q", segs)
	}
}

func TestDecimalLiteral(t *testing.T) {
	f := &Field{Type: Decimal, MaxDigits: 5, DecimalPlaces: 2}
	for in, want := range map[string]string{
		"1": "1.00", "1.5": "1.50", "-0.00": "0.00", "007.10": "7.10", "-3.25": "-3.25", "999.99": "999.99",
	} {
		v, msg := literal(f, spec.Scalar{Tag: "!!str", Value: in})
		require.Empty(t, msg, in)
		require.Equal(t, Value{Kind: DecimalValue, String: want}, v, in)
	}
	for _, in := range []string{"1000", "1.234", "1e3", "abc", ""} {
		_, msg := literal(f, spec.Scalar{Tag: "!!str", Value: in})
		require.NotEmpty(t, msg, in)
	}
	require.Equal(t, -1, compareValues(Value{Kind: DecimalValue, String: "1.50"}, Value{Kind: DecimalValue, String: "10.00"}))
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"5m": 5 * time.Minute, "7d": 7 * 24 * time.Hour, "1h30m": 90 * time.Minute, "0s": 0} {
		got, err := parseDuration(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, in := range []string{"5 minutes", "d", "1.5d", "-1d", "99999999d"} {
		_, err := parseDuration(in)
		require.Error(t, err, in)
	}
}
