package schema_test

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator"
	"github.com/authgen/authgen/generator/schema"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/migrate"
)

// update rewrites testdata/migrations/evolve/golden from the generator's output:
//
//	go test ./generator/schema/ -run Evolve -update
var update = flag.Bool("update", false, "rewrite testdata/migrations/evolve/golden")

var evolveDir = filepath.Join("..", "..", "testdata", "migrations", "evolve")

// step is one version of the evolving spec (testdata/migrations/evolve/NN_*.yaml).
type step struct {
	spec          string
	allowDataLoss bool    // authgen generate --allow-data-loss
	renames       renames // what the step renames, to follow rows across it
	// check runs on the long-lived database right after the step's migration.
	check func(t *testing.T, d *db.DB)
	// seeded runs after the step's rows are added.
	seeded func(t *testing.T, d *db.DB)
	// grantsGo: the step removes permissions, and grants with them.
	grantsGo bool
	// refuse, when set, is tried first: its rows make the step's migration refuse to run.
	refuse *refusal
}

// refusal is a row that a step's migration cannot convert: with it in the table, Up stops
// before changing anything, naming it; once fixed, Up runs.
type refusal struct {
	insert string   // SQL that adds the row
	says   []string // what the error says, each
	fix    string   // SQL that gives it a value that converts
}

func evolution() []step {
	return []step{
		{spec: "01_initial.yaml", seeded: func(t *testing.T, d *db.DB) {
			// Rows that reference users three ways, for the rebuild of auth_user in step 11.
			exec(t, d, `INSERT INTO "auth_group" ("name") VALUES ('editors')`)
			exec(t, d, `INSERT INTO "auth_user_groups" ("user_id", "group_id") SELECT max("id"), 1 FROM "auth_user"`)
			exec(t, d, `INSERT INTO "authtoken_token" ("key", "created", "user_id") SELECT 'k1', $1, max("id") FROM "auth_user"`, "2024-01-02 03:04:05+00:00")
			exec(t, d, `INSERT INTO "token_blacklist_outstandingtoken" ("token", "expires_at", "user_id", "jti") SELECT 't', $1, max("id"), 'j1' FROM "auth_user"`, "2024-01-02 03:04:05+00:00")
		}},
		{spec: "02_add_model.yaml", seeded: func(t *testing.T, d *db.DB) {
			grant(t, d, "view_category")
			// The latest product is deleted: its id must never be handed out again.
			exec(t, d, `INSERT INTO "shop_product" ("name", "price") VALUES ('gone', '1.00')`)
			exec(t, d, `DELETE FROM "shop_product" WHERE "name" = 'gone'`)
		}},
		{spec: "03_add_field_with_default.yaml", check: func(t *testing.T, d *db.DB) {
			require.Equal(t, 0, count(t, d, `SELECT count(*) FROM "shop_product" WHERE "stock" <> 7`), "the default fills the existing rows")
			require.Positive(t, count(t, d, `SELECT count(*) FROM "shop_review"`), "reviews of the rebuilt products stay")
			if d.Dialect == db.SQLite {
				require.Equal(t, 1, count(t, d, `SELECT count(*) FROM "sqlite_sequence" WHERE "name" = 'shop_product' AND "seq" > (SELECT max("id") FROM "shop_product")`),
					"the rebuilt table keeps AUTOINCREMENT's count")
			}
		}},
		{spec: "04_add_nullable_field.yaml", check: func(t *testing.T, d *db.DB) {
			require.Equal(t, 0, count(t, d, `SELECT count(*) FROM "shop_product" WHERE "description" IS NOT NULL OR "category_id" IS NOT NULL`))
		}},
		{spec: "05_rename_field.yaml", renames: renames{columns: map[string]map[string]string{"shop_product": {"name": "title"}}}},
		{spec: "06_add_unique.yaml", check: func(t *testing.T, d *db.DB) {
			require.Positive(t, count(t, d, `SELECT count(*) FROM "shop_product" WHERE "category_id" IS NOT NULL`), "products keep the categories rebuilt under them")
		}},
		{spec: "07_add_permission.yaml", seeded: func(t *testing.T, d *db.DB) {
			grant(t, d, "can_publish_product")
			grant(t, d, "can_discount_product")
		}},
		{spec: "08_remove_permission.yaml", grantsGo: true, check: func(t *testing.T, d *db.DB) {
			require.Equal(t, 0, count(t, d, `SELECT count(*) FROM "auth_permission" WHERE "codename" = 'can_discount_product'`))
			require.Equal(t, 2, grants(t, d, "can_publish_product"), "the kept permission keeps its grants")
			require.Equal(t, 1, count(t, d, `SELECT count(*) FROM "auth_permission" WHERE "codename" = 'can_publish_product' AND "name" = 'Can publish a product'`))
		}},
		{spec: "09_drop_field.yaml"},
		{spec: "10_rename_model.yaml", renames: renames{
			tables:  map[string]string{"shop_category": "shop_collection"},
			columns: map[string]map[string]string{"shop_product": {"category_id": "collection_id"}},
		}, check: func(t *testing.T, d *db.DB) {
			require.Equal(t, 2, grants(t, d, "view_collection"), "grants follow the renamed permission")
			require.Equal(t, 0, count(t, d, `SELECT count(*) FROM "django_content_type" WHERE "model" = 'category'`))
			require.Positive(t, count(t, d, `SELECT count(*) FROM "shop_product" WHERE "collection_id" IS NOT NULL`))
		}},
		{spec: "11_add_m2m_and_user_field.yaml", check: func(t *testing.T, d *db.DB) {
			require.Equal(t, 0, count(t, d, `SELECT count(*) FROM "auth_user" WHERE "nickname" <> 'friend'`))
			require.Equal(t, 1, count(t, d, `SELECT count(*) FROM "authtoken_token"`), "ON DELETE CASCADE did not fire")
			require.Equal(t, 1, count(t, d, `SELECT count(*) FROM "token_blacklist_outstandingtoken" WHERE "user_id" IS NOT NULL`), "ON DELETE SET NULL did not fire")
			require.Positive(t, count(t, d, `SELECT count(*) FROM "auth_user_groups"`))
		}},
		{spec: "12_widen.yaml"},
		{spec: "13_drop_model.yaml", allowDataLoss: true, check: func(t *testing.T, d *db.DB) {
			require.Equal(t, 0, count(t, d, `SELECT count(*) FROM "django_content_type" WHERE "model" = 'tag'`))
		}},
		{spec: "14_alter_constraints.yaml", seeded: func(t *testing.T, d *db.DB) {
			exec(t, d, `INSERT INTO "shop_review" ("product_id", "owner_id", "body") SELECT max("id"), (SELECT max("id") FROM "auth_user"), NULL FROM "shop_product"`)
		}},
		{spec: "15_required_again.yaml", renames: renames{filled: map[string]bool{"shop_review.body": true}}, check: func(t *testing.T, d *db.DB) {
			require.Equal(t, 1, count(t, d, `SELECT count(*) FROM "shop_review" WHERE "body" = '(none)'`), "the default fills the rows where it was null")
		}, seeded: oneReviewPerOwnerAndProduct},
		{spec: "16_indexes.yaml", check: func(t *testing.T, d *db.DB) {
			_, err := d.Exec(`INSERT INTO "shop_review" ("product_id", "owner_id", "body") SELECT "product_id", "owner_id", 'again' FROM "shop_review" LIMIT 1`)
			require.Error(t, err, "the owner and product of a review are unique together")
		}, seeded: oneReviewPerOwnerAndProduct},
		{spec: "17_drop_indexes.yaml", seeded: oneReviewPerOwnerAndProduct},
		{spec: "18_retype_lossless.yaml", renames: renames{converted: map[string]func(string, string) bool{"shop_product.stock": sameNumber}},
			check: func(t *testing.T, d *db.DB) {
				require.Zero(t, count(t, d, `SELECT count(*) FROM "shop_product" WHERE "stock" IS NULL`))
			},
			// Whole numbers in the new text field, for step 19 to convert; a price to round in step 20.
			seeded: func(t *testing.T, d *db.DB) {
				exec(t, d, `UPDATE "shop_product" SET "sku" = CAST("id" * 10 AS text)`)
				exec(t, d, `UPDATE "shop_product" SET "sku" = ' +' || "sku" || ' ' WHERE "id" = (SELECT min("id") FROM "shop_product")`)
			}},
		{spec: "19_retype_checked.yaml", renames: renames{converted: map[string]func(string, string) bool{"shop_product.sku": sameNumber}},
			refuse: &refusal{
				insert: `INSERT INTO "shop_product" ("title", "price", "stock", "sku") VALUES ('odd sku', '1.00', 7, 'SF-CL')`,
				says:   []string{`table "shop_product", column "sku": 1 row holds values that are not whole numbers`, `value="SF-CL"`, "nothing was changed"},
				fix:    `UPDATE "shop_product" SET "sku" = '42' WHERE "sku" = 'SF-CL'`,
			},
			check: func(t *testing.T, d *db.DB) {
				require.Equal(t, 1, count(t, d, `SELECT count(*) FROM "shop_product" WHERE "sku" = 42`), "the fixed row converts")
				require.Zero(t, count(t, d, `SELECT count(*) FROM "shop_product" WHERE "sku" IS NULL`))
			},
			seeded: func(t *testing.T, d *db.DB) {
				exec(t, d, `UPDATE "shop_product" SET "price" = '1.15' WHERE "id" = (SELECT min("id") FROM "shop_product")`)
				exec(t, d, `UPDATE "shop_product" SET "price" = '-2.25' WHERE "id" = (SELECT max("id") FROM "shop_product")`)
			}},
		{spec: "20_retype_cut.yaml", renames: renames{converted: map[string]func(string, string) bool{"shop_product.price": roundsTo(1)}},
			check: func(t *testing.T, d *db.DB) {
				require.Equal(t, 1, count(t, d, `SELECT count(*) FROM "shop_product" WHERE "price" = 1.2`), "1.15 rounds half away from zero")
				require.Equal(t, 1, count(t, d, `SELECT count(*) FROM "shop_product" WHERE "price" = -2.3`), "-2.25 too")
			}},
	}
}

// sameNumber: two texts of the same number ("7", "7.00").
func sameNumber(before, after string) bool {
	return roundsTo(-1)(before, after)
}

// roundsTo: after is before rounded half away from zero to the places (-1: not rounded).
func roundsTo(places int) func(before, after string) bool {
	return func(before, after string) bool {
		if before == "NULL" || after == "NULL" {
			return before == after
		}
		b, ok1 := new(big.Rat).SetString(strings.TrimSpace(before))
		a, ok2 := new(big.Rat).SetString(after)
		if !ok1 || !ok2 {
			return false
		}
		if places >= 0 {
			scale := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil))
			scaled := new(big.Rat).Mul(b, scale)
			half := big.NewRat(1, 2)
			if scaled.Sign() < 0 {
				half.Neg(half)
			}
			whole := new(big.Int).Quo(new(big.Rat).Add(scaled, half).Num(), new(big.Rat).Add(scaled, half).Denom()) // toward zero
			b = new(big.Rat).Quo(new(big.Rat).SetInt(whole), scale)
		}
		return a.Cmp(b) == 0
	}
}

// oneReviewPerOwnerAndProduct deletes the seeded reviews that step 16's unique together
// (owner, product) would refuse, so that its migration and the down migration of step 17 apply.
func oneReviewPerOwnerAndProduct(t *testing.T, d *db.DB) {
	exec(t, d, `DELETE FROM "shop_review" WHERE "id" NOT IN (SELECT min("id") FROM "shop_review" GROUP BY "owner_id", "product_id")`)
}

// generated is the output of one step: its state and the migration files so far.
type generated struct {
	state *schema.State
	files fstest.MapFS // migrations/ with sqlite/ and postgres/
	names []string
}

// generateSteps runs authgen generate over the steps in a fresh directory, checking that
// each step adds exactly one migration, keeps every earlier file byte for byte, and that
// generating again changes nothing.
func generateSteps(t *testing.T, specs string, steps []step) (string, []generated) {
	t.Helper()
	dir := t.TempDir()
	spec := filepath.Join(dir, generator.SpecName)
	var out []generated
	var previous fstest.MapFS
	for i, st := range steps {
		src, err := os.ReadFile(filepath.Join(specs, st.spec))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(spec, src, 0o644))
		o, err := generator.GenerateWith(spec, generator.Options{AllowDataLoss: st.allowDataLoss})
		require.NoError(t, err, st.spec)
		_, err = o.Write()
		require.NoError(t, err)

		again, err := generator.Generate(spec)
		require.NoError(t, err)
		changes, err := again.Changes()
		require.NoError(t, err)
		require.Empty(t, changes, "%s: generating again changes nothing", st.spec)

		files := readTree(t, filepath.Join(dir, "migrations"))
		for name, f := range previous {
			if name == "schema.json" {
				continue
			}
			require.Equal(t, string(f.Data), string(files[name].Data), "%s: %s is kept byte for byte", st.spec, name)
		}
		state, err := schema.Parse(files["schema.json"].Data)
		require.NoError(t, err)
		require.Len(t, state.Migrations, i+1, st.spec)
		out = append(out, generated{state: state, files: files, names: state.Migrations})
		previous = files
	}
	return dir, out
}

func readTree(t *testing.T, root string) fstest.MapFS {
	t.Helper()
	files := fstest.MapFS{}
	require.NoError(t, filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		files[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
		return nil
	}))
	return files
}

func migrator(t *testing.T, d *db.DB, files fstest.MapFS) *migrate.Migrator {
	t.Helper()
	fsys, err := migrate.ForDialect(files, d.Dialect)
	require.NoError(t, err)
	m, err := migrate.New(d, fsys)
	require.NoError(t, err)
	return m
}

// TestEvolve evolves a spec through twenty steps and at every step applies the new
// migration to a database with rows in it, on SQLite and PostgreSQL: the schema is exactly
// the recorded state, no row is lost, the down migration goes back (rows kept) and up again;
// and on a fresh database every migration goes up, down to zero with rows, and up again.
func TestEvolve(t *testing.T) {
	t.Parallel() // the slowest test of the package: the others run beside it
	steps := evolution()
	dir, gen := generateSteps(t, evolveDir, steps)
	golden(t, filepath.Join(dir, "migrations"))
	applySteps(t, steps, gen)
}

// TestEvolveRenames renames two models that many_to_many fields join, one of them to
// itself, and one of those fields: join tables, their columns, content types and
// permissions follow, and no pair is lost.
func TestEvolveRenames(t *testing.T) {
	t.Parallel()
	steps := []step{
		{spec: "01_initial.yaml", seeded: func(t *testing.T, d *db.DB) {
			exec(t, d, `INSERT INTO "auth_group" ("name") VALUES ('editors')`)
			grant(t, d, "can_merge_tag")
			grant(t, d, "view_post")
		}},
		{spec: "02_rename.yaml", renames: renames{
			tables: map[string]string{"blog_post": "blog_article", "blog_tag": "blog_label", "blog_post_tags": "blog_article_labels",
				"blog_post_related": "blog_article_related", "blog_post_editors": "blog_article_editors"},
			columns: map[string]map[string]string{
				"blog_article_labels":  {"post_id": "article_id", "tag_id": "label_id"},
				"blog_article_related": {"from_post_id": "from_article_id", "to_post_id": "to_article_id"},
				"blog_article_editors": {"post_id": "article_id"},
			},
		}, check: func(t *testing.T, d *db.DB) {
			require.Equal(t, 2, grants(t, d, "can_merge_tag"))
			require.Equal(t, 2, grants(t, d, "view_article"))
			require.Equal(t, 1, count(t, d, `SELECT count(*) FROM "auth_permission" WHERE "codename" = 'can_merge_tag' AND "name" = 'Can merge labels'`))
			require.Equal(t, 0, count(t, d, `SELECT count(*) FROM "django_content_type" WHERE "model" IN ('post', 'tag')`))
		}},
	}
	_, gen := generateSteps(t, filepath.Join(evolveDir, "..", "renames"), steps)
	applySteps(t, steps, gen)
}

// applySteps applies the generated migrations step by step, on both databases at once (see
// TestEvolve): each works in a database of its own.
func applySteps(t *testing.T, steps []step, gen []generated) {
	eachDialect(t, func(t *testing.T, dialect db.Dialect) {
		t.Parallel()
		ctx := context.Background()
		live := openDB(t, dialect)
		var before rows
		var fresh sync.WaitGroup
		defer fresh.Wait() // also when the live database's chain fails
		slots := make(chan struct{}, freshAtOnce)
		for i, st := range steps {
			g := gen[i]
			m := migrator(t, live, g.files)
			grantsBefore := 0
			if i > 0 {
				grantsBefore = allGrants(t, live)
			}
			if r := st.refuse; r != nil {
				exec(t, live, r.insert)
				was := snapshot(t, live, gen[i-1].state)
				_, err := m.Up(ctx)
				require.ErrorIs(t, err, migrate.ErrRefusedRows, st.spec)
				for _, says := range r.says {
					require.Contains(t, err.Error(), says, st.spec)
				}
				requireSchema(t, live, gen[i-1].state)
				require.Equal(t, was, snapshot(t, live, gen[i-1].state), "%s: a refused migration changes no row", st.spec)
				exec(t, live, r.fix)
				before = snapshot(t, live, gen[i-1].state)
			}
			applied, err := m.Up(ctx)
			require.NoError(t, err, st.spec)
			require.Equal(t, g.names[i:], applied)
			requireSchema(t, live, g.state)
			now := requireKept(t, live, g.state, before, st.renames)
			if st.check != nil {
				st.check(t, live)
			}
			if !st.grantsGo {
				require.Equal(t, grantsBefore, allGrants(t, live), "%s: no grant is lost", st.spec)
			}

			if i > 0 {
				reverted, err := m.Down(ctx, 1)
				require.NoError(t, err, st.spec)
				require.Equal(t, g.names[i:], reverted)
				requireSchema(t, live, gen[i-1].state)
				requireKept(t, live, gen[i-1].state, now, st.renames.inverse())
				_, err = m.Up(ctx)
				require.NoError(t, err, st.spec)
				requireSchema(t, live, g.state)
				requireKept(t, live, g.state, now, renames{})
			}
			seed(t, live, g.state, i+1)
			if st.seeded != nil {
				st.seeded(t, live)
			}
			before = snapshot(t, live, g.state)

			// On a fresh database every migration so far goes up, down to zero with rows
			// and up again. The live database's next steps do not depend on it, so it runs
			// beside them, in a subtest of its own (t.Run from a goroutine, which -parallel
			// does not count), at most freshAtOnce of them at a time.
			fresh.Add(1)
			go func() {
				defer fresh.Done()
				slots <- struct{}{}
				defer func() { <-slots }()
				t.Run("fresh "+st.spec, func(t *testing.T) {
					fresh := openDB(t, dialect)
					fm := migrator(t, fresh, g.files)
					_, err := fm.Up(ctx)
					require.NoError(t, err, st.spec)
					seed(t, fresh, g.state, 1)
					reverted, err := fm.DownTo(ctx, migrate.Zero)
					require.NoError(t, err, st.spec)
					require.Len(t, reverted, i+1)
					require.Empty(t, inspect(t, fresh), "%s: down to zero leaves no table", st.spec)
					_, err = fm.Up(ctx)
					require.NoError(t, err, st.spec)
					requireSchema(t, fresh, g.state)
				})
			}()
		}
	})
}

// freshAtOnce bounds the fresh databases applySteps migrates beside the live one.
const freshAtOnce = 2

// TestEvolveIsDeterministic generates the steps twice, in two directories: every file is
// the same, byte for byte.
func TestEvolveIsDeterministic(t *testing.T) {
	t.Parallel()
	steps := evolution()
	first, _ := generateSteps(t, evolveDir, steps)
	second, _ := generateSteps(t, evolveDir, steps)
	a := readTree(t, filepath.Join(first, "migrations"))
	b := readTree(t, filepath.Join(second, "migrations"))
	require.ElementsMatch(t, keysOf(a), keysOf(b))
	for name, f := range a {
		require.True(t, bytes.Equal(f.Data, b[name].Data), "%s differs between runs", name)
	}
}

// golden compares the migrations of the last step with testdata/migrations/evolve/golden,
// where a reviewer can read what authgen writes.
func golden(t *testing.T, got string) {
	t.Helper()
	want := filepath.Join(evolveDir, "golden")
	files := readTree(t, got)
	if *update {
		require.NoError(t, os.RemoveAll(want))
		for name, f := range files {
			p := filepath.Join(want, filepath.FromSlash(name))
			require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
			require.NoError(t, os.WriteFile(p, f.Data, 0o644))
		}
		return
	}
	expected := readTree(t, want)
	require.ElementsMatch(t, keysOf(expected), keysOf(files), "files of %s (go test ./generator/schema/ -run Evolve -update)", want)
	for name, f := range expected {
		require.Equal(t, string(f.Data), string(files[name].Data), "%s (go test ./generator/schema/ -run Evolve -update)", name)
	}
}

func (r renames) inverse() renames {
	// A converted column's values compare alike both ways (the steps retype no renamed column).
	inv := renames{tables: map[string]string{}, columns: map[string]map[string]string{}, converted: r.converted}
	former := map[string]string{}
	for from, to := range r.tables {
		inv.tables[to] = from
		former[to] = from
	}
	for table, cols := range r.columns {
		old := table
		if f, ok := former[table]; ok {
			old = f
		}
		inv.columns[old] = map[string]string{}
		for from, to := range cols {
			inv.columns[old][to] = from
		}
	}
	return inv
}

func exec(t *testing.T, d *db.DB, query string, args ...any) {
	t.Helper()
	_, err := d.ExecContext(context.Background(), query, args...)
	require.NoError(t, err, query)
}

func count(t *testing.T, d *db.DB, query string) int {
	t.Helper()
	var n int
	require.NoError(t, d.QueryRowContext(context.Background(), query).Scan(&n), query)
	return n
}

// grant gives a permission to the latest user and to the group "editors".
func grant(t *testing.T, d *db.DB, codename string) {
	t.Helper()
	exec(t, d, `INSERT INTO "auth_user_user_permissions" ("user_id", "permission_id")
		SELECT (SELECT max("id") FROM "auth_user"), "id" FROM "auth_permission" WHERE "codename" = $1`, codename)
	exec(t, d, `INSERT INTO "auth_group_permissions" ("group_id", "permission_id")
		SELECT (SELECT "id" FROM "auth_group" WHERE "name" = 'editors'), "id" FROM "auth_permission" WHERE "codename" = $1`, codename)
}

// grants counts the user and group grants of a permission.
func grants(t *testing.T, d *db.DB, codename string) int {
	t.Helper()
	q := func(table string) string {
		return `SELECT count(*) FROM "` + table + `" g JOIN "auth_permission" p ON p."id" = g."permission_id" WHERE p."codename" = '` + codename + `'`
	}
	return count(t, d, q("auth_user_user_permissions")) + count(t, d, q("auth_group_permissions"))
}

func allGrants(t *testing.T, d *db.DB) int {
	t.Helper()
	return count(t, d, `SELECT count(*) FROM "auth_user_user_permissions"`) + count(t, d, `SELECT count(*) FROM "auth_group_permissions"`)
}
