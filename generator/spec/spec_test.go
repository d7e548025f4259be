package spec_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator/diag"
	"github.com/authgen/authgen/generator/spec"
)

const small = `version: 1
app: shop
models:
  Zebra:
    fields:
      stripes: int
      name: {type: string, max_length: 10, default: "x"}
  Apple:
    permissions: {can_eat: Can eat}
endpoints:
  zebras:
    model: Zebra
    fields: [name, id]
    permission: "IsAuthenticated & ReadOnly"
    actions:
      b: {handler: true, detail: true}
      a: {set: {name: y}}
`

func TestParseKeepsOrderAndPositions(t *testing.T) {
	f, errs := spec.Parse("authgen.yaml", []byte(small))
	require.Empty(t, errs)
	require.Equal(t, int64(1), f.Version.Value)
	require.Equal(t, "shop", f.App.Value)

	require.Len(t, f.Models, 2)
	require.Equal(t, "Zebra", f.Models[0].Name.Value, "models keep the spec's order")
	require.Equal(t, diag.Pos{File: "authgen.yaml", Line: 4, Col: 3}, f.Models[0].Name.Pos)
	fields := f.Models[0].Fields
	require.Equal(t, "stripes", fields[0].Name.Value)
	require.Equal(t, "int", fields[0].Type.Value, "a bare type is shorthand for {type: …}")
	require.Equal(t, "name", fields[1].Name.Value)
	require.Equal(t, int64(10), fields[1].MaxLength.Value)
	require.Equal(t, spec.Scalar{Tag: "!!str", Value: "x", Pos: diag.Pos{File: "authgen.yaml", Line: 7, Col: 53}}, *fields[1].Default)
	require.Equal(t, "can_eat", f.Models[1].Permissions[0].Codename.Value)

	ep := f.Endpoints[0]
	require.Equal(t, []string{"name", "id"}, values(ep.Fields))
	require.Len(t, ep.Permission.Items, 1)
	require.Equal(t, 1, ep.Permission.Items[0].Offset, "quoted scalars start one column after their quote")
	require.Equal(t, "b", ep.Actions[0].Name.Value, "actions keep the spec's order")
	require.Equal(t, "a", ep.Actions[1].Name.Value)
	require.Equal(t, "name", ep.Actions[1].Set[0].Field.Value)
}

func values(ss []spec.Str) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Value)
	}
	return out
}

func TestParseReportsEverythingAtOnce(t *testing.T) {
	src := `version: 1
app: shop
modles: {}
models:
  A:
    fields:
      x: {type: int, nul: true}
      y: [int]
endpoints:
  as: {model: A, fields: [1]}
`
	f, errs := spec.Parse("s.yaml", []byte(src))
	require.NotNil(t, f)
	require.Equal(t, `s.yaml:3:1: unknown key "modles" in the spec; did you mean "models"?
s.yaml:7:22: unknown key "nul" in field "x"; did you mean "null"?
s.yaml:8:10: field "y": expected a type name or a mapping of options, found a list
s.yaml:10:27: fields item: expected a string, found integer 1`, errs.Error())
}

func TestParseNullMeansEmpty(t *testing.T) {
	f, errs := spec.Parse("s.yaml", []byte("version: 1\napp: shop\nmodels:\nendpoints:\nauth:\n"))
	require.Empty(t, errs)
	require.Empty(t, f.Models)
	require.NotNil(t, f.Auth)
}

func TestParseValidatorsPresence(t *testing.T) {
	f, errs := spec.Parse("s.yaml", []byte("version: 1\napp: shop\nauth: {password: {validators: []}}\n"))
	require.Empty(t, errs)
	require.NotNil(t, f.Auth.Password.Validators, "an explicit empty list differs from an absent key")
	require.Empty(t, f.Auth.Password.Validators)

	f, errs = spec.Parse("s.yaml", []byte("version: 1\napp: shop\nauth: {password: {hasher: argon2id}}\n"))
	require.Empty(t, errs)
	require.Nil(t, f.Auth.Password.Validators)
}

func TestParseNeverReturnsNil(t *testing.T) {
	for _, src := range []string{"", "[", "- a", "a: b: c", "\t", "%YAML 9.9\n---\n", "&a [*a]", "? [a]\n: b"} {
		f, _ := spec.Parse("s.yaml", []byte(src))
		require.NotNil(t, f, "%q", src)
	}
}
