package emit

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/authgen/authgen/generator/plan"
	"github.com/authgen/authgen/generator/schema"
)

// migrationSQL writes the SQL that makes the changes c on the dialect: one file, run by the
// migrator in one transaction. Statements come in an order every step can rely on:
//
//  0. the checks of the values that change type (authgen:check and authgen:count, which
//     runtime/migrate runs first);
//  1. indexes that go are dropped (SQLite will not drop a column under an index);
//  2. tables are renamed (a new table may reference one under its new name);
//  3. new tables are created, each after those it references;
//  4. kept tables are altered (a column may reference a new table);
//  5. tables that go are dropped, after the columns that referenced them;
//  6. new indexes are created;
//  7. content types and permissions follow the models.
//
// On SQLite, the tables the plan says ALTER TABLE cannot change are rebuilt
// (rebuildSQLite); every other change is one plain statement.
func migrationSQL(step plan.Step, dialect, specFile string) []byte {
	c := step.Changes
	w := &sqlWriter{dialect: dialect, c: c, rebuilt: map[string]string{}, conversions: map[*schema.Column]*plan.Conversion{}}
	w.b.WriteString(SQLHeader + "-- source: " + specFile + "\n")
	if dialect == sqlite {
		w.rebuilt = step.Rebuilt
	}
	for _, cv := range step.Conversions {
		w.conversions[cv.Column.To] = cv
	}
	w.writeChecks(step)
	for _, tc := range c.Tables {
		w.dropIndexes(tc)
	}
	for _, tc := range c.Tables {
		if tc.Renamed() {
			w.renameTable(tc)
		}
	}
	for _, t := range c.Created {
		w.createTable(t)
	}
	for _, tc := range c.Tables {
		w.alterTable(tc)
	}
	for _, t := range c.Dropped {
		w.comment("Drop table %s%s: its rows are lost.", quote(t.Name), tableOf(t))
		w.printf("DROP TABLE %s;", quote(t.Name))
	}
	for _, tc := range c.Tables {
		w.createIndexes(tc)
	}
	w.rows()
	return []byte(w.b.String())
}

// sqlWriter collects one migration file.
type sqlWriter struct {
	b       strings.Builder
	dialect string
	c       *schema.Changes
	rebuilt map[string]string // SQLite tables rebuilt, by name in To, and why: their indexes come with them
	// conversions are those of the columns whose types change, by their column in To.
	conversions map[*schema.Column]*plan.Conversion
}

// convert returns how the value x of a kept column becomes col's, col being the column in
// To: x itself when its type does not change.
func (w *sqlWriter) convert(col *schema.Column, x string) string {
	cv := w.conversions[col]
	if cv == nil {
		return x
	}
	return converter{cv: cv, dialect: w.dialect}.value(x)
}

func (w *sqlWriter) comment(format string, args ...any) {
	fmt.Fprintf(&w.b, "\n-- "+format+"\n", args...)
}

func (w *sqlWriter) printf(format string, args ...any) {
	fmt.Fprintf(&w.b, format+"\n", args...)
}

// tableOf says what a table holds: " (model Tag)", " (many_to_many field Product.tags)".
func tableOf(t *schema.Table) string {
	switch {
	case t.Field != "":
		return fmt.Sprintf(" (many_to_many field %s.%s)", t.Model, t.Field)
	case t.Model != "":
		return fmt.Sprintf(" (model %s)", t.Model)
	}
	return ""
}

func (w *sqlWriter) dropIndexes(tc *schema.TableChange) {
	if w.rebuilt[tc.To.Name] != "" {
		return
	}
	w.indexSection("Indexes of %s that go or change.", tc.From.Name, tc.IndexesDropped, func(ix *schema.Index) string {
		if w.dialect == postgres && onlySQLiteName(ix, tc.IndexesCreated) {
			return ""
		}
		return dropIndexSQL(tc.From.Name, ix, w.dialect)
	})
}

func (w *sqlWriter) createIndexes(tc *schema.TableChange) {
	if w.rebuilt[tc.To.Name] != "" {
		return
	}
	w.indexSection("New indexes of %s.", tc.To.Name, tc.IndexesCreated, func(ix *schema.Index) string {
		if w.dialect == postgres && onlySQLiteName(ix, tc.IndexesDropped) {
			return ""
		}
		return indexSQL(tc.To.Name, ix, w.dialect)
	})
}

// onlySQLiteName reports whether ix changes into (or from) one of others only by its name on
// SQLite: an index recorded before names were cut per dialect, which PostgreSQL keeps.
func onlySQLiteName(ix *schema.Index, others []*schema.Index) bool {
	for _, o := range others {
		if o.Name == ix.Name && o.SQLiteName != ix.SQLiteName && slices.Equal(o.Columns, ix.Columns) && o.Unique == ix.Unique &&
			o.Where == ix.Where && o.Constraint == ix.Constraint && o.Postgres == ix.Postgres && o.Ops == ix.Ops {
			return true
		}
	}
	return false
}

// indexSection writes the statements of indexes under a comment, when the dialect has any.
func (w *sqlWriter) indexSection(title, table string, indexes []*schema.Index, sql func(*schema.Index) string) {
	var stmts []string
	for _, ix := range indexes {
		if s := sql(ix); s != "" {
			stmts = append(stmts, s)
		}
	}
	if len(stmts) == 0 {
		return
	}
	w.comment(title, quote(table))
	for _, s := range stmts {
		w.b.WriteString(s)
	}
}

// renameTable renames a table. PostgreSQL keeps the names of its sequence and constraints,
// which are renamed too: a later migration names them after the table, and a new table
// with the old name would otherwise get different ones.
func (w *sqlWriter) renameTable(tc *schema.TableChange) {
	from, to := tc.From.Name, tc.To.Name
	w.comment("Table %s is renamed to %s.", quote(from), quote(to))
	w.printf("ALTER TABLE %s RENAME TO %s;", quote(from), quote(to))
	if w.dialect != postgres {
		return
	}
	if tc.From.AutoID() {
		w.printf("ALTER SEQUENCE %s RENAME TO %s;", quote(pgName(from, "id", "seq")), quote(pgName(to, "id", "seq")))
	}
	w.printf("ALTER TABLE %s RENAME CONSTRAINT %s TO %s;", quote(to), quote(pgName(from, "", "pkey")), quote(pgName(to, "", "pkey")))
	w.renameConstraints(tc, false)
}

func (w *sqlWriter) createTable(t *schema.Table) {
	w.comment("New table %s%s.", quote(t.Name), tableOf(t))
	w.b.WriteString(createTableSQL(t, t.Name, w.dialect))
	w.b.WriteString(constraintsSQL(t, w.dialect))
	for _, ix := range t.Indexes {
		w.b.WriteString(indexSQL(t.Name, ix, w.dialect))
	}
}

// alterTable writes the column changes of a kept table.
func (w *sqlWriter) alterTable(tc *schema.TableChange) {
	if len(tc.Columns) == 0 && len(tc.Added) == 0 && len(tc.Dropped) == 0 {
		return
	}
	w.comment("Table %s: %s.", quote(tc.To.Name), describeColumns(tc))
	switch {
	case w.dialect == postgres:
		w.alterPostgres(tc)
	case w.rebuilt[tc.To.Name] != "":
		w.rebuildSQLite(tc)
	default:
		w.alterSQLite(tc)
	}
}

// describeColumns says in words what happens to a table's columns.
func describeColumns(tc *schema.TableChange) string {
	var parts []string
	for _, cc := range tc.Columns {
		if cc.Renamed {
			parts = append(parts, fmt.Sprintf("rename %s to %s", quote(cc.From.Name), quote(cc.To.Name)))
		}
	}
	for _, col := range tc.Added {
		parts = append(parts, "add "+quote(col.Name))
	}
	for _, cc := range tc.Columns {
		if cc.Altered {
			parts = append(parts, "alter "+quote(cc.To.Name))
		}
	}
	for _, col := range tc.Dropped {
		parts = append(parts, "drop "+quote(col.Name))
	}
	return strings.Join(parts, ", ")
}

// rows writes the content type and permission rows: removed permissions first (with their
// grants), while content types still have their former names; then renamed and new content
// types, changed and new permissions; removed content types last.
func (w *sqlWriter) rows() {
	c := w.c
	if len(c.PermissionsRemoved) > 0 {
		w.comment("Permissions that go, with their grants to groups, users and objects.")
		for _, group := range byContentType(c.PermissionsRemoved) {
			ids := fmt.Sprintf(`SELECT "id" FROM "auth_permission" WHERE "content_type_id" = %s AND "codename" IN (%s)`, contentTypeID(group.ct), codenames(group.perms))
			for _, grants := range []string{"auth_group_permissions", "auth_user_user_permissions", "authgen_object_permission"} {
				w.printf(`DELETE FROM %s WHERE "permission_id" IN (%s);`, quote(grants), ids)
			}
			w.printf(`DELETE FROM "auth_permission" WHERE "content_type_id" = %s AND "codename" IN (%s);`, contentTypeID(group.ct), codenames(group.perms))
		}
	}
	if len(c.ContentTypesRenamed) > 0 {
		w.comment("Content types of renamed models; their permissions and grants stay with them.")
		for _, r := range c.ContentTypesRenamed {
			w.printf(`UPDATE "django_content_type" SET "model" = %s WHERE "app_label" = %s AND "model" = %s;`, sqlString(r.To.Model), sqlString(r.From.App), sqlString(r.From.Model))
		}
	}
	if len(c.ContentTypesAdded) > 0 {
		w.comment("New content types.")
		for _, ct := range c.ContentTypesAdded {
			w.printf(`INSERT INTO "django_content_type" ("app_label", "model") VALUES (%s, %s);`, sqlString(ct.App), sqlString(ct.Model))
		}
	}
	if len(c.PermissionsChanged) > 0 {
		w.comment("Permissions renamed or moved; their grants stay with them.")
		for _, pc := range c.PermissionsChanged {
			was := c.CurrentContentType(schema.ContentType{App: pc.From.App, Model: pc.From.Model})
			now := schema.ContentType{App: pc.To.App, Model: pc.To.Model}
			var set []string
			if now != was {
				set = append(set, `"content_type_id" = `+contentTypeID(now))
			}
			if pc.To.Codename != pc.From.Codename {
				set = append(set, `"codename" = `+sqlString(pc.To.Codename))
			}
			if pc.To.Name != pc.From.Name {
				set = append(set, `"name" = `+sqlString(pc.To.Name))
			}
			w.printf(`UPDATE "auth_permission" SET %s WHERE "content_type_id" = %s AND "codename" = %s;`,
				strings.Join(set, ", "), contentTypeID(was), sqlString(pc.From.Codename))
		}
	}
	if len(c.PermissionsAdded) > 0 {
		w.comment("New permissions.")
		for _, p := range c.PermissionsAdded {
			w.printf(`INSERT INTO "auth_permission" ("content_type_id", "codename", "name") SELECT "id", %s, %s FROM "django_content_type" WHERE "app_label" = %s AND "model" = %s;`,
				sqlString(p.Codename), sqlString(p.Name), sqlString(p.App), sqlString(p.Model))
		}
	}
	if len(c.ContentTypesRemoved) > 0 {
		w.comment("Content types that go, with the object permissions on their rows.")
		for _, ct := range c.ContentTypesRemoved {
			w.printf(`DELETE FROM "authgen_object_permission" WHERE "content_type_id" = %s;`, contentTypeID(ct))
			w.printf(`DELETE FROM "django_content_type" WHERE "app_label" = %s AND "model" = %s;`, sqlString(ct.App), sqlString(ct.Model))
		}
	}
}

func contentTypeID(ct schema.ContentType) string {
	return fmt.Sprintf(`(SELECT "id" FROM "django_content_type" WHERE "app_label" = %s AND "model" = %s)`, sqlString(ct.App), sqlString(ct.Model))
}

type permGroup struct {
	ct    schema.ContentType
	perms []schema.Permission
}

// byContentType groups permissions by content type, content types and codenames in order.
func byContentType(perms []schema.Permission) []permGroup {
	sorted := slices.Clone(perms)
	slices.SortStableFunc(sorted, func(a, b schema.Permission) int {
		return cmp.Or(cmp.Compare(a.App, b.App), cmp.Compare(a.Model, b.Model), cmp.Compare(a.Codename, b.Codename))
	})
	var out []permGroup
	for _, p := range sorted {
		ct := schema.ContentType{App: p.App, Model: p.Model}
		if len(out) == 0 || out[len(out)-1].ct != ct {
			out = append(out, permGroup{ct: ct})
		}
		out[len(out)-1].perms = append(out[len(out)-1].perms, p)
	}
	return out
}

func codenames(perms []schema.Permission) string {
	q := make([]string, len(perms))
	for i, p := range perms {
		q[i] = sqlString(p.Codename)
	}
	return strings.Join(q, ", ")
}
