package fieldtype_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/fieldtype"
)

func TestTable(t *testing.T) {
	for _, name := range fieldtype.Names() {
		typ, ok := fieldtype.Parse(name)
		require.True(t, ok, name)
		require.Equal(t, name, typ.String())
		require.NotEmpty(t, typ.GoName())
		require.Equal(t, typ.IsRelation(), !typ.Column(), "%s: a column or a relation", name)
	}
	_, ok := fieldtype.Parse("integer")
	require.False(t, ok)
	require.Equal(t, "integer", fieldtype.BigInt.Label())
	require.Equal(t, "string", fieldtype.UUID.Label())
	require.Equal(t, "field", fieldtype.ForeignKey.Label())
	require.Equal(t, "Type(99)", fieldtype.Type(99).String())
}

func TestIntegerRanges(t *testing.T) {
	for _, c := range []struct {
		typ      fieldtype.Type
		lo, hi   int64
		positive bool
	}{
		{fieldtype.SmallInt, -32768, 32767, false},
		{fieldtype.Int, -2147483648, 2147483647, false},
		{fieldtype.BigInt, -9223372036854775808, 9223372036854775807, false},
		{fieldtype.PositiveSmallInt, 0, 32767, true},
		{fieldtype.PositiveInt, 0, 2147483647, true},
		{fieldtype.PositiveBigInt, 0, 9223372036854775807, true},
	} {
		lo, hi, ok := c.typ.IntegerRange()
		require.True(t, ok, c.typ.String())
		require.Equal(t, [2]int64{c.lo, c.hi}, [2]int64{lo, hi}, c.typ.String())
		require.True(t, c.typ.IsInteger(), c.typ.String())
		require.Equal(t, c.positive, c.typ.IsPositive(), c.typ.String())
		require.Equal(t, "integer", c.typ.Label())
	}
	for _, typ := range []fieldtype.Type{fieldtype.Decimal, fieldtype.ID, fieldtype.ForeignKey, fieldtype.Bool} {
		_, _, ok := typ.IntegerRange()
		require.False(t, ok, typ.String())
		require.False(t, typ.IsInteger() || typ.IsPositive(), typ.String())
	}
}
