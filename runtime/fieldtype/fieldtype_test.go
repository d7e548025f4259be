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
