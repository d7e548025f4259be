package emit

import (
	"maps"

	"github.com/authgen/authgen/generator/diag"
	"github.com/authgen/authgen/generator/model"
	"github.com/authgen/authgen/generator/plan"
	"github.com/authgen/authgen/generator/schema"
)

// History is the migration history Files builds on (plan.History).
type History = plan.History

// migrationFiles returns the files of migrations/ as the plan of app over hist has them:
// every migration written before, byte for byte, the next one rendered for each dialect,
// and the state file; and the warnings of the next one. A first run writes 0001_initial.
func migrationFiles(app *model.App, hist History) (map[string][]byte, diag.List, error) {
	initial, err := initialFiles(app)
	if err != nil {
		return nil, nil, err
	}
	p, err := plan.Make(app, hist, initial)
	if err != nil {
		return nil, nil, err
	}
	out := p.Kept
	if p.First {
		out = initial
	}
	out = maps.Clone(out)
	if next := p.Next; next != nil {
		for _, d := range plan.Dialects {
			dir := "migrations/" + d + "/"
			out[dir+next.Name+".up.sql"] = migrationSQL(next.Up, d, app.SpecFile)
			out[dir+next.Name+".down.sql"] = migrationSQL(next.Down, d, app.SpecFile)
		}
	}
	out[schema.FileName] = schema.Marshal(p.State)
	return out, p.Warnings, nil
}
