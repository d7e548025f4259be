// Package plan is the migration planning stage, between generator/schema and generator/emit:
// from the migration history of an output directory and the spec, what the next migration
// does. It reads the recorded state and checks the files on disk against it, compares it with
// the spec's schema (schema.Compare), refuses what would lose data the spec does not declare
// (schema.Check), names the migration as Django would, and decides which tables SQLite must
// rebuild. generator/emit renders the plan as SQL and writes nothing it did not decide here.
package plan

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/authgen/authgen/generator/diag"
	"github.com/authgen/authgen/generator/model"
	"github.com/authgen/authgen/generator/schema"
)

// History is the migration history a plan builds on: what an output directory holds
// (generator reads it), and whether the next migration may lose data. The zero History is
// a first run.
type History struct {
	// State is migrations/schema.json; nil when there is none.
	State []byte
	// Files are the .sql files under migrations/sqlite and migrations/postgres, by path
	// relative to the output directory ("migrations/sqlite/0001_initial.up.sql").
	Files map[string][]byte
	// AllowDataLoss lets the next migration drop tables and columns and narrow types that
	// the spec does not declare (authgen generate --allow-data-loss).
	AllowDataLoss bool
}

// ErrMigrationHistory reports migrations on disk that the generator cannot build on.
var ErrMigrationHistory = errors.New("migration history")

// InitialName is the name of the first migration, which creates the whole schema.
const InitialName = "0001_initial"

// Dialects are the dialects every migration is written for, in the order of their
// directories under migrations/.
var Dialects = []string{"sqlite", "postgres"}

// Plan is what the migrations of an output directory become.
type Plan struct {
	// First is set when there is no history: the next migration is 0001_initial, which
	// creates the spec's schema (emit renders it from the app).
	First bool
	// Kept are the recorded migration files, byte for byte.
	Kept map[string][]byte
	// Next is the migration to write after the recorded ones; nil when the spec's schema is
	// the one they produce (or when First).
	Next *Migration
	// State is the schema every migration, Next included, produces: migrations/schema.json.
	State *schema.State
	// Warnings are the risks of Next that generate can see, at the spec's positions.
	Warnings diag.List
}

// Migration is a migration to write: its changes and their inverse.
type Migration struct {
	Name     string // "0002_product_sku"
	Up, Down Step
}

// Step is one direction of a migration.
type Step struct {
	Changes *schema.Changes
	// Rebuilt are the tables SQLite rebuilds (its ALTER TABLE cannot make their changes),
	// by their name after the step, with why.
	Rebuilt map[string]string
	// Conversions are the columns whose types change, with what their conversion refuses
	// and cuts, in the order of Changes.Tables and their columns.
	Conversions []*Conversion
	// Uniques are the kept columns that become unique: rows that share a value stop the
	// migration before it changes anything.
	Uniques []Unique
}

// Make plans the migrations of app over hist. initial is the 0001_initial that emit renders
// for app: migrations written before schema.json existed are adopted only when they are
// exactly that. Data loss the spec does not declare is refused with the spec's positions
// (a diag.List).
func Make(app *model.App, hist History, initial map[string][]byte) (*Plan, error) {
	want := schema.Of(app)
	if hist.State == nil && len(hist.Files) == 0 {
		first := *want
		first.Migrations = []string{InitialName}
		return &Plan{First: true, State: &first}, nil
	}
	from, err := recordedState(hist, initial, want)
	if err != nil {
		return nil, err
	}
	p := &Plan{Kept: maps.Clone(hist.Files)}
	changes := schema.Compare(from, want, schema.RenamesOf(app))
	if changes.Empty() {
		schema.Renew(changes.To, app)
		p.State = changes.To
		return p, nil
	}
	used, errs := schema.Check(changes, app, hist.AllowDataLoss)
	back := changes.Inverse()
	errs.Append(unconvertible(app, changes))
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	p.Next = &Migration{
		Name: fmt.Sprintf("%04d_%s", len(from.Migrations)+1, migrationName(changes)),
		Up:   Step{Changes: changes, Rebuilt: sqliteRebuilds(changes), Conversions: conversions(changes), Uniques: uniques(changes)},
		Down: Step{Changes: back, Rebuilt: sqliteRebuilds(back), Conversions: conversions(back), Uniques: uniques(back)},
	}
	p.Warnings = warnings(app, changes, p.Next.Up.Conversions)
	// An allow_data_loss covers the migration that uses it and no later one.
	schema.Renew(changes.To, app)
	used.Spend(p.Next.Name)
	changes.To.Migrations = append(changes.To.Migrations, p.Next.Name)
	p.State = changes.To
	return p, nil
}

// recordedState returns the state the recorded migrations produce, after checking that the
// files on disk are the ones it accounts for. Migrations written before schema.json
// existed are taken as they are when they are exactly this spec's 0001_initial.
func recordedState(rec History, initial map[string][]byte, want *schema.State) (*schema.State, error) {
	if rec.State == nil {
		for p, body := range initial {
			if !bytes.Equal(rec.Files[p], body) {
				return nil, fmt.Errorf("%w: %s is missing, and the migrations in migrations/ are not the 0001_initial of this spec, so the schema they produce is unknown. If no database has applied them, delete migrations/ and generate again; otherwise generate once from the spec that wrote them, then apply the spec's changes",
					ErrMigrationHistory, schema.FileName)
			}
		}
		if len(rec.Files) != len(initial) {
			return nil, fmt.Errorf("%w: %s is missing and migrations/ holds more than 0001_initial, so the schema the migrations produce is unknown", ErrMigrationHistory, schema.FileName)
		}
		adopted := *want
		adopted.Migrations = []string{InitialName}
		return &adopted, nil
	}
	from, err := schema.Parse(rec.State)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrMigrationHistory, schema.FileName, err)
	}
	expected := map[string]bool{}
	for _, name := range from.Migrations {
		for _, d := range Dialects {
			for _, suffix := range []string{".up.sql", ".down.sql"} {
				expected["migrations/"+d+"/"+name+suffix] = true
			}
		}
	}
	var problems []string
	for _, p := range slices.Sorted(maps.Keys(expected)) {
		if _, ok := rec.Files[p]; !ok {
			problems = append(problems, p+" is missing")
		}
	}
	for _, p := range slices.Sorted(maps.Keys(rec.Files)) {
		if !expected[p] {
			problems = append(problems, fmt.Sprintf("%s is not a migration %s records (was it added by hand, or by a merge of two branches that each generated one? keep one branch's, regenerate the other's)", path.Base(p), schema.FileName))
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%w: %s", ErrMigrationHistory, strings.Join(problems, "; "))
	}
	return from, nil
}
