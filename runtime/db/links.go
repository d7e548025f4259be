package db

import "context"

// Link is the join table of a many-to-many field, as Django makes it: a row per link, the
// id of the field's model in Source and the linked id in Target. Symmetric is Django's
// ManyToManyField("self"), whose links are stored both ways. Table and columns are the
// generator's names (checked identifiers), never input: values travel as parameters.
type Link struct {
	Table, Source, Target string
	Symmetric             bool
}

// Load calls add(source, target) for every link of the rows ids, a query per MaxIn ids,
// the targets of each source in ascending order.
func (l Link) Load(ctx context.Context, q Querier, ids []int64, add func(source, target int64)) error {
	query := `SELECT "` + l.Source + `", "` + l.Target + `" FROM "` + l.Table + `" WHERE "` + l.Source + `" IN `
	order := ` ORDER BY "` + l.Target + `"`
	for args := range Chunks(ids) {
		rows, err := q.QueryContext(ctx, query+In(len(args))+order, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var source, target int64
			if err := rows.Scan(&source, &target); err != nil {
				rows.Close()
				return err
			}
			add(source, target)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// Set replaces the links of source with targets (sorted and without duplicates, as the
// request reader leaves them); callers run it in the row's transaction. A symmetric link
// is stored both ways, so the linked rows list source too.
func (l Link) Set(ctx context.Context, q Querier, source int64, targets []int64) error {
	del := `DELETE FROM "` + l.Table + `" WHERE "` + l.Source + `" = $1`
	if l.Symmetric {
		del += ` OR "` + l.Target + `" = $1`
	}
	if _, err := q.ExecContext(ctx, del, source); err != nil {
		return err
	}
	ins := `INSERT INTO "` + l.Table + `" ("` + l.Source + `", "` + l.Target + `") VALUES ($1, $2)`
	for _, id := range targets {
		if _, err := q.ExecContext(ctx, ins, source, id); err != nil {
			return err
		}
		if l.Symmetric && id != source {
			if _, err := q.ExecContext(ctx, ins, id, source); err != nil {
				return err
			}
		}
	}
	return nil
}
