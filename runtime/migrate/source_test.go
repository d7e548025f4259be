package migrate_test

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/migrate"
)

func TestNewRejectsBadSets(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	base := shopSet()
	cases := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"gap", without(base, "0002_items.up.sql", "0002_items.down.sql"),
			[]string{"0001_initial is followed by 0003_runs: number 2 is missing"}},
		{"wide gap", with(without(base, "0002_items.up.sql", "0002_items.down.sql", "0003_runs.up.sql", "0003_runs.down.sql"),
			map[string]string{"0005_x.up.sql": "", "0005_x.down.sql": ""}),
			[]string{"0001_initial is followed by 0005_x: numbers 2 to 4 are missing"}},
		{"duplicate number", with(base, map[string]string{"0002_other.up.sql": "", "0002_other.down.sql": ""}),
			[]string{"0002_items and 0002_other share the number 2"}},
		{"same number written differently", with(base, map[string]string{"2_other.up.sql": "", "2_other.down.sql": ""}),
			[]string{"share the number 2"}},
		{"up without down", without(base, "0003_runs.down.sql"),
			[]string{"0003_runs.up.sql has no 0003_runs.down.sql"}},
		{"down without up", without(base, "0003_runs.up.sql"),
			[]string{"0003_runs.down.sql has no 0003_runs.up.sql"}},
		{"does not start at 1", without(base, "0001_initial.up.sql", "0001_initial.down.sql"),
			[]string{"the first migration is 0002_items; numbering starts at 1"}},
		{"neither up nor down", with(base, map[string]string{"0004_x.sql": ""}),
			[]string{"0004_x.sql is named neither NNNN_name.up.sql nor NNNN_name.down.sql"}},
		{"no number", with(base, map[string]string{"initial.up.sql": "", "initial.down.sql": ""}),
			[]string{"initial.up.sql: a migration is named NNNN_name", "initial.down.sql: a migration is named NNNN_name"}},
		{"bad characters", with(base, map[string]string{"0004_add-index.up.sql": "", "0004_add-index.down.sql": ""}),
			[]string{"0004_add-index.up.sql: a migration is named NNNN_name"}},
		{"every problem at once", with(without(base, "0001_initial.down.sql", "0002_items.up.sql"), map[string]string{"notes.sql": ""}),
			[]string{"0001_initial.up.sql has no 0001_initial.down.sql", "0002_items.down.sql has no 0002_items.up.sql", "notes.sql is named neither"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := migrate.New(d, files(tc.files))
			require.ErrorIs(t, err, migrate.ErrBadMigrationSet)
			require.Nil(t, m)
			for _, w := range tc.want {
				require.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestNewAcceptsValidSets(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t, db.SQLite)

	t.Run("numbers sort as numbers, other files are ignored", func(t *testing.T) {
		set := map[string]string{"README.md": "not a migration", "sub/0099_x.up.sql": "garbage"}
		var want []string
		for i := 1; i <= 11; i++ {
			name := fmt.Sprintf("%d_step", i) // unpadded: "10" sorts before "2" as text
			set[name+".up.sql"] = ""
			set[name+".down.sql"] = ""
			want = append(want, name)
		}
		m, err := migrate.New(d, files(set))
		require.NoError(t, err)
		st, err := m.Status(ctx)
		require.NoError(t, err)
		var got []string
		for _, s := range st {
			got = append(got, s.Name)
		}
		require.Equal(t, want, got)
	})

	t.Run("an empty set is valid", func(t *testing.T) {
		m, err := migrate.New(d, fstest.MapFS{})
		require.NoError(t, err)
		applied, err := m.Up(ctx)
		require.NoError(t, err)
		require.Empty(t, applied)
	})

	t.Run("a nil or unknown database is refused", func(t *testing.T) {
		_, err := migrate.New(nil, files(shopSet()))
		require.ErrorIs(t, err, migrate.ErrUnsupportedDialect)
		_, err = migrate.New(&db.DB{DB: d.DB, Dialect: "mysql"}, files(shopSet()))
		require.ErrorIs(t, err, migrate.ErrUnsupportedDialect)
	})
}

func TestForDialect(t *testing.T) {
	fsys := fstest.MapFS{
		"sqlite/0001_a.up.sql":     {Data: []byte("-- sqlite up")},
		"sqlite/0001_a.down.sql":   {Data: []byte("-- sqlite down")},
		"postgres/0001_a.up.sql":   {Data: []byte("-- postgres up")},
		"postgres/0001_a.down.sql": {Data: []byte("-- postgres down")},
		"mysql":                    {Data: []byte("a file, not a directory")},
	}
	for _, dialect := range dbtest.Dialects {
		sub, err := migrate.ForDialect(fsys, dialect)
		require.NoError(t, err)
		m, err := migrate.New(&db.DB{Dialect: dialect}, sub)
		require.NoError(t, err)
		up, err := m.SQL("0001_a", true)
		require.NoError(t, err)
		require.Equal(t, "-- "+string(dialect)+" up", up)
	}

	_, err := migrate.ForDialect(fsys, "mysql")
	require.ErrorIs(t, err, migrate.ErrUnsupportedDialect)
	_, err = migrate.ForDialect(fstest.MapFS{"sqlite/0001_a.up.sql": {}}, db.Postgres)
	require.ErrorIs(t, err, migrate.ErrBadMigrationSet)
	require.ErrorContains(t, err, "no postgres migrations")
	_, err = migrate.ForDialect(fstest.MapFS{"sqlite": {Data: []byte("x")}}, db.SQLite)
	require.ErrorIs(t, err, migrate.ErrBadMigrationSet)
}

func TestSQL(t *testing.T) {
	m, err := migrate.New(&db.DB{Dialect: db.SQLite}, files(shopSet()))
	require.NoError(t, err)
	for _, name := range []string{"0002_items", "0002", "2"} {
		up, err := m.SQL(name, true)
		require.NoError(t, err)
		require.Equal(t, shopSet()["0002_items.up.sql"], up)
		down, err := m.SQL(name, false)
		require.NoError(t, err)
		require.Equal(t, shopSet()["0002_items.down.sql"], down)
	}
	for _, name := range []string{"0004", "0", "-1", "+2", "items", "0002_item", "", migrate.Zero} {
		_, err := m.SQL(name, true)
		require.ErrorIs(t, err, migrate.ErrUnknownMigration, name)
	}
}

func TestChecksumIsSHA256OfUpFileWithLFLineEnds(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t, db.SQLite)
	lf := "CREATE TABLE a (x integer);\nCREATE TABLE b (y integer);\n"
	want := sha256.Sum256([]byte(lf))
	for _, text := range []string{lf, strings.ReplaceAll(lf, "\n", "\r\n")} {
		m, err := migrate.New(d, files(map[string]string{"0001_a.up.sql": text, "0001_a.down.sql": ""}))
		require.NoError(t, err)
		st, err := m.Status(ctx)
		require.NoError(t, err)
		require.Equal(t, hex.EncodeToString(want[:]), st[0].Checksum)
	}
}

func TestAdvisoryLockKeyIsDerivedFromTheTableName(t *testing.T) {
	sum := sha256.Sum256([]byte("authgen_migrations"))
	require.Equal(t, int64(binary.BigEndian.Uint64(sum[:8])), migrate.AdvisoryLockKey)
}
