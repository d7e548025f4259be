package migrate

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPrechecks: the annotated statements are taken out of the text that runs after them,
// which keeps its length and lines (PostgreSQL's error positions point into the file), and a
// semicolon inside a literal does not end a statement.
func TestPrechecks(t *testing.T) {
	text := "-- header\n" +
		"-- authgen:check shop_item.sku: values that are not whole numbers\n" +
		"SELECT CAST(\"id\" AS text) AS \"id\", \"sku\", count(*) OVER () FROM \"shop_item\"\n  WHERE \"sku\" <> ';' LIMIT 5;\n" +
		"-- authgen:count shop_item.name: values cut to 3\n" +
		"SELECT count(*) FROM \"shop_item\" WHERE length(\"name\") > 3;\n" +
		"ALTER TABLE \"shop_item\" ALTER COLUMN \"sku\" TYPE integer USING \"sku\"::integer;\n"
	checks, rest := prechecks(text)
	require.Len(t, checks, 2)
	require.Equal(t, precheck{table: "shop_item", column: "sku", what: "values that are not whole numbers",
		query: "SELECT CAST(\"id\" AS text) AS \"id\", \"sku\", count(*) OVER () FROM \"shop_item\"\n  WHERE \"sku\" <> ';' LIMIT 5"}, checks[0])
	require.Equal(t, precheck{count: true, table: "shop_item", column: "name", what: "values cut to 3",
		query: "SELECT count(*) FROM \"shop_item\" WHERE length(\"name\") > 3"}, checks[1])
	require.Len(t, rest, len(text))
	require.Equal(t, strings.Count(text, "\n"), strings.Count(rest, "\n"))
	require.NotContains(t, rest, "SELECT")
	require.Contains(t, rest, "-- authgen:check shop_item.sku")
	require.True(t, strings.HasSuffix(rest, "ALTER TABLE \"shop_item\" ALTER COLUMN \"sku\" TYPE integer USING \"sku\"::integer;\n"))
	require.Equal(t, lineAt(text, strings.Index(text, "ALTER")+1), lineAt(rest, strings.Index(rest, "ALTER")+1))

	none, same := prechecks("CREATE TABLE \"t\" (\"id\" integer);\n")
	require.Empty(t, none)
	require.Equal(t, "CREATE TABLE \"t\" (\"id\" integer);\n", same)
}
