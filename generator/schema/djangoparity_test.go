package schema_test

import (
	"bytes"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator"
	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

// TestDjangoParityOfTypesAndNames: the schema authgen makes for Django's six integer fields,
// JSONField, and index and constraint names longer than PostgreSQL's 63 characters is the
// one Django 3.2 makes for the same models. A scratch Django app with those models is added
// to a copy of the reference project (../shared/reference), and Django's `migrate` makes one
// database; authgen's migrations of the same spec make the other, on SQLite and on
// PostgreSQL. Their scratch tables are read from the catalogue (inspect) and compared: types,
// nullability, CHECK constraints and their names, foreign keys and their names, unique
// constraints and every index's name.
// (examples/store's TestDjangoParity compares the whole store the same way.)
func TestDjangoParityOfTypesAndNames(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the reference Django app: not in -short")
	}
	ref := scratchReference(t)

	dir := t.TempDir()
	spec := filepath.Join(dir, generator.SpecName)
	require.NoError(t, os.WriteFile(spec, []byte(scratchSpec), 0o644))
	o, err := generator.Generate(spec)
	require.NoError(t, err)
	_, err = o.Write()
	require.NoError(t, err)
	files := readTree(t, filepath.Join(dir, "migrations"))

	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			t.Parallel()
			var env []string
			var djangoURL string
			if dialect == db.SQLite {
				path := filepath.Join(t.TempDir(), "django.sqlite3")
				env, djangoURL = []string{"REF_DB=" + path}, "sqlite://"+path
			} else {
				schema, url := dbtest.PostgresSchema(t)
				env, djangoURL = []string{"REF_PG=test", "PGOPTIONS=-c search_path=" + schema}, url
			}
			djangoManage(t, ref, env, "migrate", "--noinput", "-v", "0")
			dj, err := db.Open(djangoURL)
			require.NoError(t, err)
			t.Cleanup(func() { dj.Close() })

			ag := openDB(t, dialect)
			_, err = migrator(t, ag, files).Up(t.Context())
			require.NoError(t, err)

			want, got := scratchTables(inspect(t, dj)), scratchTables(inspect(t, ag))
			require.Equal(t, []string{"scratch_longnamedthingwithindexesthatgoonandonandon", "scratch_thing"}, keysOf(want))
			require.Equal(t, keysOf(want), keysOf(got))
			for name, w := range want {
				require.Equal(t, w, got[name], "table %s: Django's, then authgen's", name)
			}
			long := want["scratch_longnamedthingwithindexesthatgoonandonandon"]
			for _, ix := range long.Indexes {
				if dialect == db.SQLite {
					require.Greater(t, len(ix), 63, "on SQLite Django keeps the index name %s whole", ix)
				} else {
					require.LessOrEqual(t, len(ix), 63, ix)
				}
			}
		})
	}
}

func scratchTables(tables map[string]dbTable) map[string]dbTable {
	out := map[string]dbTable{}
	for name, t := range tables {
		if strings.HasPrefix(name, "scratch_") {
			out[name] = t
		}
	}
	return out
}

// scratchSpec and scratchModels are the same models, in authgen's spec and in Django's.
const scratchSpec = `version: 1
app: scratch
models:
  Thing:
    fields:
      small: smallint
      count: int
      big: bigint
      psmall: {type: positive_smallint, null: true}
      pint: positive_int
      pbig: positive_bigint
      data: json
      maybe: {type: json, null: true}
  LongNamedThingWithIndexesThatGoOnAndOnAndOn:
    fields:
      thing_that_this_row_belongs_to_with_a_rather_long_field_name: {type: fk, to: Thing}
      indexed_label_with_a_long_enough_name_to_push_the_index_name: {type: string, max_length: 10, db_index: true}
      first_half_of_a_pair_that_is_unique_together_with_a_long_name: positive_int
      second_half_of_a_pair_that_is_unique_together_with_long_names: smallint
    indexes:
      - fields: [first_half_of_a_pair_that_is_unique_together_with_a_long_name, second_half_of_a_pair_that_is_unique_together_with_long_names]
        unique: true
`

const scratchModels = `from django.db import models


class Thing(models.Model):
    small = models.SmallIntegerField()
    count = models.IntegerField()
    big = models.BigIntegerField()
    psmall = models.PositiveSmallIntegerField(null=True)
    pint = models.PositiveIntegerField()
    pbig = models.PositiveBigIntegerField()
    data = models.JSONField()
    maybe = models.JSONField(null=True)


class LongNamedThingWithIndexesThatGoOnAndOnAndOn(models.Model):
    thing_that_this_row_belongs_to_with_a_rather_long_field_name = models.ForeignKey(Thing, on_delete=models.CASCADE)
    indexed_label_with_a_long_enough_name_to_push_the_index_name = models.CharField(max_length=10, db_index=True)
    first_half_of_a_pair_that_is_unique_together_with_a_long_name = models.PositiveIntegerField()
    second_half_of_a_pair_that_is_unique_together_with_long_names = models.SmallIntegerField()

    class Meta:
        unique_together = [(
            "first_half_of_a_pair_that_is_unique_together_with_a_long_name",
            "second_half_of_a_pair_that_is_unique_together_with_long_names",
        )]
`

// scratchReference copies the reference project, adds the scratch app with scratchModels and
// its migration (Django's makemigrations), and returns the copy's directory. It skips where
// the reference cannot run, and fails instead where CI runs (it installs the reference's
// Debian packages).
func scratchReference(t *testing.T) string {
	t.Helper()
	src, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "reference", "djoser_store"))
	require.NoError(t, err)
	out, err := osexec.Command("/usr/bin/python3", "-c", "import django, rest_framework, djoser, rest_framework_simplejwt, psycopg2").CombinedOutput()
	_, statErr := os.Stat(filepath.Join(src, "manage.py"))
	if err != nil || statErr != nil {
		why := fmt.Sprintf("the Django reference cannot run here (%s: %v %v %s)", src, statErr, err, bytes.TrimSpace(out))
		if os.Getenv("CI") == "true" || os.Getenv("AUTHGEN_REQUIRE_POSTGRES") == "1" {
			t.Fatal(why)
		}
		t.Skip(why)
	}
	ref := filepath.Join(t.TempDir(), "ref")
	require.NoError(t, os.CopyFS(ref, os.DirFS(src)))
	for name, text := range map[string]string{
		"scratch/__init__.py":            "",
		"scratch/migrations/__init__.py": "",
		"scratch/models.py":              scratchModels,
		"config/scratch_settings.py":     "from config.settings import *  # noqa: F403\n\nINSTALLED_APPS = INSTALLED_APPS + [\"scratch\"]  # noqa: F405\n",
	} {
		path := filepath.Join(ref, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	}
	djangoManage(t, ref, []string{"REF_DB=" + filepath.Join(ref, "unused.sqlite3")}, "makemigrations", "scratch", "-v", "0")
	return ref
}

// djangoManage runs the scratch project's manage.py with Debian's Python and Django.
func djangoManage(t *testing.T, ref string, env []string, args ...string) string {
	t.Helper()
	cmd := osexec.Command("/usr/bin/python3", append([]string{"manage.py"}, args...)...)
	cmd.Dir = ref
	cmd.Env = append(cmd.Environ(), append(env, "DJANGO_SETTINGS_MODULE=config.scratch_settings", "PYTHONDONTWRITEBYTECODE=1",
		"SECRET_KEY=scratch-parity-secret-key-0123456789-abcdefghijklmnop")...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "manage.py %s:\n%s", strings.Join(args, " "), out)
	return string(out)
}
