package users

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
)

// Group is an auth_group row with the permissions granted to it.
type Group struct {
	ID    int64
	Name  string
	Perms []string // "app_label.codename", sorted
}

// groupRows reads (id, name, permission or NULL) rows ordered by id into groups, sorted by
// name, their permissions sorted: in Go, since PostgreSQL's collation may order text
// differently from SQLite's.
func groupRows(rows *sql.Rows) ([]Group, error) {
	defer rows.Close()
	var out []Group
	for rows.Next() {
		var id int64
		var name string
		var perm sql.NullString
		if err := rows.Scan(&id, &name, &perm); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].ID != id {
			out = append(out, Group{ID: id, Name: name, Perms: []string{}})
		}
		if perm.Valid {
			g := &out[len(out)-1]
			g.Perms = append(g.Perms, perm.String)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, g := range out {
		sort.Strings(g.Perms)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// groupsQuery selects groups with their permissions, one row per (group, permission).
const groupsQuery = `SELECT g."id", g."name", ct."app_label" || '.' || p."codename" FROM "auth_group" g ` +
	`LEFT JOIN "auth_group_permissions" gp ON gp."group_id" = g."id" ` +
	`LEFT JOIN "auth_permission" p ON p."id" = gp."permission_id" ` +
	`LEFT JOIN "django_content_type" ct ON ct."id" = p."content_type_id"`

// ListGroups returns every group with its permissions, by name, in one query.
func (s *Store) ListGroups(ctx context.Context) ([]Group, error) {
	rows, err := s.db.QueryContext(ctx, groupsQuery+` ORDER BY g."id"`)
	if err != nil {
		return nil, fmt.Errorf("users: list groups: %w", err)
	}
	out, err := groupRows(rows)
	if err != nil {
		return nil, fmt.Errorf("users: list groups: %w", err)
	}
	return out, nil
}

// GetGroup returns the group with the id, or ErrNotFound.
func (s *Store) GetGroup(ctx context.Context, id int64) (*Group, error) {
	rows, err := s.db.QueryContext(ctx, groupsQuery+` WHERE g."id" = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("users: get group: %w", err)
	}
	out, err := groupRows(rows)
	if err != nil {
		return nil, fmt.Errorf("users: get group: %w", err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: group %d", ErrNotFound, id)
	}
	return &out[0], nil
}

// UpdateGroup renames the group when name is not nil and replaces its permissions when perms
// is not nil, in one transaction. An unknown group is ErrNotFound, a name taken by another
// group ErrDuplicate, an unknown permission ErrUnknownPermission; nothing is written then.
func (s *Store) UpdateGroup(ctx context.Context, id int64, name *string, perms []string) error {
	return s.db.InTx(ctx, func(tx *sql.Tx) error {
		if err := s.mustExist(ctx, tx, "auth_group", id, "group"); err != nil {
			return err
		}
		if name != nil {
			if _, err := tx.ExecContext(ctx, `UPDATE "auth_group" SET "name" = $1 WHERE "id" = $2`, *name, id); err != nil {
				return writeErr("rename group", err)
			}
		}
		if perms == nil {
			return nil
		}
		ids := make([]int64, len(perms))
		for i, p := range perms {
			var err error
			if ids[i], _, err = permission(ctx, tx, p); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM "auth_group_permissions" WHERE "group_id" = $1`, id); err != nil {
			return fmt.Errorf("users: set group permissions: %w", err)
		}
		for _, pid := range ids {
			if _, err := tx.ExecContext(ctx, `INSERT INTO "auth_group_permissions" ("group_id", "permission_id") `+
				`VALUES ($1, $2) ON CONFLICT DO NOTHING`, id, pid); err != nil {
				return fmt.Errorf("users: set group permissions: %w", err)
			}
		}
		return nil
	})
}

// DeleteGroup deletes the group; its memberships, permissions and per-object grants go with
// it, in one transaction, as Django's Collector deletes them. An unknown group is
// ErrNotFound.
func (s *Store) DeleteGroup(ctx context.Context, id int64) error {
	n, err := s.collector.Delete(ctx, s.db, "auth_group", id)
	if err != nil {
		return fmt.Errorf("users: delete group: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("%w: group %d", ErrNotFound, id)
	}
	return nil
}

// UserPerms returns, sorted, the permissions granted to the user directly and those it holds
// through its groups (a permission may be in both). An unknown user is ErrNotFound.
func (s *Store) UserPerms(ctx context.Context, userID int64) (own, viaGroups []string, err error) {
	if err := s.mustExist(ctx, s.db, "auth_user", userID, "user"); err != nil {
		return nil, nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT 'user', ct."app_label" || '.' || p."codename" FROM "auth_user_user_permissions" up `+
		`JOIN "auth_permission" p ON p."id" = up."permission_id" JOIN "django_content_type" ct ON ct."id" = p."content_type_id" `+
		`WHERE up."user_id" = $1 UNION `+
		`SELECT 'group', ct."app_label" || '.' || p."codename" FROM "auth_user_groups" ug `+
		`JOIN "auth_group_permissions" gp ON gp."group_id" = ug."group_id" `+
		`JOIN "auth_permission" p ON p."id" = gp."permission_id" JOIN "django_content_type" ct ON ct."id" = p."content_type_id" `+
		`WHERE ug."user_id" = $1`, userID)
	if err != nil {
		return nil, nil, fmt.Errorf("users: load permissions: %w", err)
	}
	defer rows.Close()
	own, viaGroups = []string{}, []string{}
	for rows.Next() {
		var source, perm string
		if err := rows.Scan(&source, &perm); err != nil {
			return nil, nil, fmt.Errorf("users: load permissions: %w", err)
		}
		if source == "user" {
			own = append(own, perm)
		} else {
			viaGroups = append(viaGroups, perm)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("users: load permissions: %w", err)
	}
	sort.Strings(own)
	sort.Strings(viaGroups)
	return own, viaGroups, nil
}

// AllPerms lists every permission the database knows, sorted: what may be granted.
func (s *Store) AllPerms(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT ct."app_label" || '.' || p."codename" FROM "auth_permission" p `+
		`JOIN "django_content_type" ct ON ct."id" = p."content_type_id"`)
	if err != nil {
		return nil, fmt.Errorf("users: list permissions: %w", err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, fmt.Errorf("users: list permissions: %w", err)
		}
		out = append(out, p)
	}
	sort.Strings(out)
	return out, rows.Err()
}
