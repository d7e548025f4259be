package schema_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator"
)

// TestGenerateWarnsOfRisks: generate, and check while the migration is not written, warn at
// the spec's lines of what may stop the migration or change values: a new unique, a new
// unique column with a default, a conversion that refuses or cuts values.
func TestGenerateWarnsOfRisks(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, generator.SpecName)
	before := "version: 1\napp: shop\nmodels:\n  Item:\n    fields:\n      title: {type: string, max_length: 20}\n      sku: {type: string, max_length: 20}\n      price: {type: decimal, max_digits: 8, decimal_places: 2}\nendpoints:\n  items: {model: Item}\n"
	after := strings.NewReplacer(
		"title: {type: string, max_length: 20}", "title: {type: string, max_length: 20, unique: true}",
		"sku: {type: string, max_length: 20}", "sku: {type: int, allow_data_loss: true}\n      code: {type: string, max_length: 5, unique: true, default: x}",
		"max_digits: 8, decimal_places: 2}", "max_digits: 5, decimal_places: 1, allow_data_loss: true}",
	).Replace(before)
	var warnings bytes.Buffer
	require.NoError(t, os.WriteFile(spec, []byte(before), 0o644))
	out, err := generator.GenerateWith(spec, generator.Options{Warnings: &warnings})
	require.NoError(t, err)
	_, err = out.Write()
	require.NoError(t, err)
	require.Empty(t, warnings.String(), "a first migration has no rows to risk")

	require.NoError(t, os.WriteFile(spec, []byte(after), 0o644))
	_, err = generator.CheckMigrations(spec)
	require.ErrorContains(t, err, spec+`:6:7: warning: model Item: field "title" becomes unique`, "check shows the risks of the missing migration")

	out, err = generator.GenerateWith(spec, generator.Options{Warnings: &warnings})
	require.NoError(t, err)
	_, err = out.Write()
	require.NoError(t, err)
	require.Equal(t, strings.Join([]string{
		spec + `:6:7: warning: model Item: field "title" becomes unique, and its table may hold rows that share a value: migrate stops before changing anything and names them; make them unique first`,
		spec + `:7:7: warning: model Item: field "sku" changes from varchar(20) to integer: rows that hold values that are not whole numbers (digits, an optional sign, spaces around), or that are outside integer's range (-2147483648 to 2147483647) stop the migration before it changes anything (migrate names them)`,
		spec + `:8:7: warning: model Item: field "code" is new and unique with a default: every row the table has gets "x", so migrate fails when it has more than one`,
		spec + `:9:7: warning: model Item: field "price" changes from numeric(8, 2) to numeric(5, 1): numbers rounded to 1 decimal place (half away from zero, as PostgreSQL rounds) (migrate logs how many rows)`,
		spec + `:9:7: warning: model Item: field "price" changes from numeric(8, 2) to numeric(5, 1): rows that hold numbers that, rounded to 1 decimal place, need more than 4 digits before the point (numeric(5, 1) holds less than 10000 in size) stop the migration before it changes anything (migrate names them)`,
		"",
	}, "\n"), warnings.String())
}
