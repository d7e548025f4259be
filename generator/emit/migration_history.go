package emit

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/authgen/authgen/generator/model"
	"github.com/authgen/authgen/generator/schema"
)

// History is the migration history that Files builds on: what an output directory holds
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

// migrationFiles returns the files of migrations/: every migration written before, byte for
// byte, the next one when the spec's schema differs from the recorded one, and the state
// file. A first run writes 0001_initial. Data loss the spec does not declare is refused
// with the spec's positions (a diag.List).
func migrationFiles(app *model.App, hist History) (map[string][]byte, error) {
	want := schema.Of(app)
	initial, err := initialFiles(app)
	if err != nil {
		return nil, err
	}
	if hist.State == nil && len(hist.Files) == 0 {
		first := *want
		first.Migrations = []string{initialName}
		initial[schema.FileName] = schema.Marshal(&first)
		return initial, nil
	}
	from, err := recordedState(hist, initial, want)
	if err != nil {
		return nil, err
	}
	out := maps.Clone(hist.Files)
	changes := schema.Compare(from, want, schema.RenamesOf(app))
	if changes.Empty() {
		out[schema.FileName] = schema.Marshal(changes.To)
		return out, nil
	}
	if errs := schema.Check(changes, app, hist.AllowDataLoss); len(errs) > 0 {
		return nil, errs
	}
	name := fmt.Sprintf("%04d_%s", len(from.Migrations)+1, migrationName(changes))
	back := changes.Inverse()
	for _, d := range dialects {
		dir := "migrations/" + d + "/"
		out[dir+name+".up.sql"] = migrationSQL(changes, d, app.SpecFile)
		out[dir+name+".down.sql"] = migrationSQL(back, d, app.SpecFile)
	}
	changes.To.Migrations = append(changes.To.Migrations, name)
	out[schema.FileName] = schema.Marshal(changes.To)
	return out, nil
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
		adopted.Migrations = []string{initialName}
		return &adopted, nil
	}
	from, err := schema.Parse(rec.State)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrMigrationHistory, schema.FileName, err)
	}
	expected := map[string]bool{}
	for _, name := range from.Migrations {
		for _, d := range dialects {
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
