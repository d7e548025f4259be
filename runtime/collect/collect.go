// Package collect deletes rows as Django's deletion Collector does: in the application,
// following every foreign key that points at the rows (CASCADE, PROTECT, RESTRICT,
// SET_NULL, SET_DEFAULT, DO_NOTHING), in one transaction.
//
// # Why in the application
//
// Django's foreign keys carry no ON DELETE: Django cascades in Python, and its PostgreSQL
// constraints are DEFERRABLE INITIALLY DEFERRED. A schema that Django made therefore refuses
// a plain DELETE of a row that others refer to, where authgen's own schema (ON DELETE
// CASCADE …) would cascade. Doing what Django's Collector does makes a delete behave the
// same on both, and the same as Django's, while the two run side by side.
//
// # The order
//
// As Django: every relation is followed first (protected rows stop everything and are
// reported; restricted rows stop it unless the same delete also cascades to them); then the
// foreign keys to null or to their default are updated; then rows are deleted, those that
// refer to others before those they refer to. Tables that nothing refers to are deleted by
// foreign key without reading their rows first (Django's fast deletes).
package collect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/authgen/authgen/runtime/db"
)

// Action is what deleting a row does to the rows whose foreign key points at it: Django's
// on_delete.
type Action string

const (
	Cascade    Action = "CASCADE"     // delete them too
	Protect    Action = "PROTECT"     // refuse the delete (ErrProtected)
	Restrict   Action = "RESTRICT"    // refuse unless the same delete cascades to them (ErrRestricted)
	SetNull    Action = "SET_NULL"    // set the foreign key to NULL
	SetDefault Action = "SET_DEFAULT" // set the foreign key to the relation's Default
	DoNothing  Action = "DO_NOTHING"  // leave them; the database decides
)

var (
	// ErrProtected reports rows that a PROTECT foreign key keeps from being deleted.
	ErrProtected = errors.New("collect: protected by a foreign key")
	// ErrRestricted reports rows that a RESTRICT foreign key keeps from being deleted.
	ErrRestricted = errors.New("collect: restricted by a foreign key")
)

// Relation is a foreign key: Table.Column refers to the "id" of To.
type Relation struct {
	Table    string // the referring table: "store_review"
	Column   string // its foreign-key column: "product_id"
	To       string // the referenced table: "store_product"
	OnDelete Action
	Default  any // the value SetDefault writes
}

// Collector deletes rows of any table it knows the relations of. It is safe for concurrent
// use.
type Collector struct {
	into map[string][]Relation // referenced table → the relations pointing at it
}

// New returns the collector over Django's own relations (Builtin) and rels.
func New(rels ...Relation) *Collector {
	c := &Collector{into: map[string][]Relation{}}
	for _, r := range append(Builtin(), rels...) {
		c.into[r.To] = append(c.into[r.To], r)
	}
	return c
}

// Builtin returns the relations between Django's auth, contenttypes, authtoken and simplejwt
// blacklist tables, and authgen's per-object grants, as Django's models declare them.
func Builtin() []Relation {
	return []Relation{
		{Table: "auth_permission", Column: "content_type_id", To: "django_content_type", OnDelete: Cascade},
		{Table: "auth_group_permissions", Column: "group_id", To: "auth_group", OnDelete: Cascade},
		{Table: "auth_group_permissions", Column: "permission_id", To: "auth_permission", OnDelete: Cascade},
		{Table: "auth_user_groups", Column: "user_id", To: "auth_user", OnDelete: Cascade},
		{Table: "auth_user_groups", Column: "group_id", To: "auth_group", OnDelete: Cascade},
		{Table: "auth_user_user_permissions", Column: "user_id", To: "auth_user", OnDelete: Cascade},
		{Table: "auth_user_user_permissions", Column: "permission_id", To: "auth_permission", OnDelete: Cascade},
		{Table: "authtoken_token", Column: "user_id", To: "auth_user", OnDelete: Cascade},
		{Table: "token_blacklist_outstandingtoken", Column: "user_id", To: "auth_user", OnDelete: SetNull},
		{Table: "token_blacklist_blacklistedtoken", Column: "token_id", To: "token_blacklist_outstandingtoken", OnDelete: Cascade},
		{Table: "authgen_object_permission", Column: "permission_id", To: "auth_permission", OnDelete: Cascade},
		{Table: "authgen_object_permission", Column: "content_type_id", To: "django_content_type", OnDelete: Cascade},
		{Table: "authgen_object_permission", Column: "user_id", To: "auth_user", OnDelete: Cascade},
		{Table: "authgen_object_permission", Column: "group_id", To: "auth_group", OnDelete: Cascade},
	}
}

// Delete deletes the rows of table with the given ids, and what their relations say, in
// one transaction. It returns how many rows of table were deleted.
func (c *Collector) Delete(ctx context.Context, d *db.DB, table string, ids ...int64) (int64, error) {
	var n int64
	err := d.InTx(ctx, func(tx *sql.Tx) error {
		var err error
		n, err = c.DeleteTx(ctx, tx, table, ids...)
		return err
	})
	return n, err
}

// DeleteTx is Delete in the caller's transaction.
func (c *Collector) DeleteTx(ctx context.Context, tx db.Querier, table string, ids ...int64) (int64, error) {
	r := &run{c: c, q: tx, seen: map[string]map[int64]bool{}}
	if err := r.collect(ctx, table, ids); err != nil {
		return 0, err
	}
	if err := r.check(); err != nil {
		return 0, err
	}
	return r.execute(ctx, table)
}

// run is one delete being collected and executed.
type run struct {
	c    *Collector
	q    db.Querier
	seen map[string]map[int64]bool // rows to delete, by table

	deletes    []batch  // in the order rows are deleted: collect appends a table after those referring to it
	fast       []fast   // rows deleted by foreign key, of tables nothing refers to
	updates    []update // foreign keys to set
	protected  []string // "store_review.product_id (2 rows)"
	restricted []restriction
}

type batch struct {
	table string
	ids   []int64
}

type fast struct {
	rel Relation
	ids []int64 // of rel.To
}

type update struct {
	rel   Relation
	value any
	ids   []int64 // of rel.To
}

type restriction struct {
	rel Relation
	ids []int64 // the restricted rows of rel.Table
}

// collect adds the rows of table with ids, and follows the relations pointing at them.
func (r *run) collect(ctx context.Context, table string, ids []int64) error {
	if r.seen[table] == nil {
		r.seen[table] = map[int64]bool{}
	}
	var fresh []int64
	for _, id := range ids {
		if !r.seen[table][id] {
			r.seen[table][id] = true
			fresh = append(fresh, id)
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	for _, rel := range r.c.into[table] {
		switch rel.OnDelete {
		case Cascade:
			if len(r.c.into[rel.Table]) == 0 {
				r.fast = append(r.fast, fast{rel: rel, ids: fresh})
				continue
			}
			children, err := r.referring(ctx, rel, fresh)
			if err != nil {
				return err
			}
			if err := r.collect(ctx, rel.Table, children); err != nil {
				return err
			}
		case Protect, Restrict:
			children, err := r.referring(ctx, rel, fresh)
			if err != nil {
				return err
			}
			if len(children) == 0 {
				continue
			}
			if rel.OnDelete == Protect {
				r.protected = append(r.protected, fmt.Sprintf("%s.%s (%d rows)", rel.Table, rel.Column, len(children)))
			} else {
				r.restricted = append(r.restricted, restriction{rel: rel, ids: children})
			}
		case SetNull:
			r.updates = append(r.updates, update{rel: rel, value: nil, ids: fresh})
		case SetDefault:
			r.updates = append(r.updates, update{rel: rel, value: rel.Default, ids: fresh})
		case DoNothing:
		default:
			return fmt.Errorf("collect: %s.%s: unknown on_delete %q", rel.Table, rel.Column, rel.OnDelete)
		}
	}
	r.deletes = append(r.deletes, batch{table: table, ids: fresh})
	return nil
}

// referring returns the ids of rel.Table's rows that refer to ids of rel.To.
func (r *run) referring(ctx context.Context, rel Relation, ids []int64) ([]int64, error) {
	var out []int64
	for args := range db.Chunks(ids) {
		rows, err := db.All(ctx, r.q, scanID,
			`SELECT "id" FROM "`+rel.Table+`" WHERE "`+rel.Column+`" IN `+db.In(len(args)), args...)
		if err != nil {
			return nil, fmt.Errorf("collect: read %s.%s: %w", rel.Table, rel.Column, err)
		}
		out = append(out, rows...)
	}
	return out, nil
}

func scanID(row db.Row) (int64, error) {
	var id int64
	err := row.Scan(&id)
	return id, err
}

// check refuses the delete when protected rows were found, or restricted rows that the
// delete does not reach otherwise (Django's RESTRICT).
func (r *run) check() error {
	if len(r.protected) > 0 {
		return fmt.Errorf("%w: %s", ErrProtected, strings.Join(r.protected, ", "))
	}
	var still []string
	for _, res := range r.restricted {
		n := 0
		for _, id := range res.ids {
			if !r.seen[res.rel.Table][id] {
				n++
			}
		}
		if n > 0 {
			still = append(still, fmt.Sprintf("%s.%s (%d rows)", res.rel.Table, res.rel.Column, n))
		}
	}
	if len(still) > 0 {
		return fmt.Errorf("%w: %s", ErrRestricted, strings.Join(still, ", "))
	}
	return nil
}

// execute updates, then deletes: fast deletes first (their tables refer to collected rows
// and nothing refers to them), then the collected rows, referring ones first. It returns how
// many rows of root were deleted.
func (r *run) execute(ctx context.Context, root string) (int64, error) {
	for _, u := range r.updates {
		for args := range db.Chunks(u.ids) {
			q := `UPDATE "` + u.rel.Table + `" SET "` + u.rel.Column + `" = $1 WHERE "` + u.rel.Column + `" IN ` + shifted(len(args))
			if _, err := r.q.ExecContext(ctx, q, append([]any{u.value}, args...)...); err != nil {
				return 0, fmt.Errorf("collect: update %s.%s: %w", u.rel.Table, u.rel.Column, err)
			}
		}
	}
	for _, f := range r.fast {
		for args := range db.Chunks(f.ids) {
			q := `DELETE FROM "` + f.rel.Table + `" WHERE "` + f.rel.Column + `" IN ` + db.In(len(args))
			if _, err := r.q.ExecContext(ctx, q, args...); err != nil {
				return 0, fmt.Errorf("collect: delete from %s: %w", f.rel.Table, err)
			}
		}
	}
	var deleted int64
	for _, b := range r.deletes {
		for args := range db.Chunks(b.ids) {
			res, err := r.q.ExecContext(ctx, `DELETE FROM "`+b.table+`" WHERE "id" IN `+db.In(len(args)), args...)
			if err != nil {
				return 0, fmt.Errorf("collect: delete from %s: %w", b.table, err)
			}
			if b.table == root {
				n, _ := res.RowsAffected()
				deleted += n
			}
		}
	}
	return deleted, nil
}

// shifted is db.In for placeholders $2…$n+1, after the value of an UPDATE.
func shifted(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("$%d", i+2)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
