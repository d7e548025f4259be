package users

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/authgen/authgen/runtime/authz"
)

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// SplitPerm splits "app_label.codename" at its first dot, as Django's permission names are
// built; ok is false when either part is empty.
func SplitPerm(perm string) (app, codename string, ok bool) {
	app, codename, ok = strings.Cut(perm, ".")
	return app, codename, ok && app != "" && codename != ""
}

// permission returns the id of the permission named perm and of its content type.
func permission(ctx context.Context, q querier, perm string) (id, contentType int64, err error) {
	app, codename, ok := SplitPerm(perm)
	if !ok {
		return 0, 0, fmt.Errorf("%w: %q (want app_label.codename)", ErrUnknownPermission, perm)
	}
	err = q.QueryRowContext(ctx, `SELECT p."id", p."content_type_id" FROM "auth_permission" p `+
		`JOIN "django_content_type" ct ON ct."id" = p."content_type_id" `+
		`WHERE ct."app_label" = $1 AND p."codename" = $2`, app, codename).Scan(&id, &contentType)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, fmt.Errorf("%w: %s", ErrUnknownPermission, perm)
	}
	if err != nil {
		return 0, 0, fmt.Errorf("users: look up permission %s: %w", perm, err)
	}
	return id, contentType, nil
}

// Perms returns the permissions the user holds directly and through its groups, in one
// query. It does not apply Django's rules for superusers and inactive users: authz.Subject
// does, without asking.
func (s *Store) Perms(ctx context.Context, userID int64) (authz.PermSet, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT ct."app_label", p."codename" FROM "auth_permission" p `+
		`JOIN "django_content_type" ct ON ct."id" = p."content_type_id" WHERE p."id" IN (`+
		`SELECT "permission_id" FROM "auth_user_user_permissions" WHERE "user_id" = $1 UNION `+
		`SELECT gp."permission_id" FROM "auth_group_permissions" gp `+
		`JOIN "auth_user_groups" ug ON ug."group_id" = gp."group_id" WHERE ug."user_id" = $1)`, userID)
	if err != nil {
		return nil, fmt.Errorf("users: load permissions: %w", err)
	}
	defer rows.Close()
	set := authz.PermSet{}
	for rows.Next() {
		var app, codename string
		if err := rows.Scan(&app, &codename); err != nil {
			return nil, fmt.Errorf("users: load permissions: %w", err)
		}
		set[app+"."+codename] = struct{}{}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("users: load permissions: %w", err)
	}
	return set, nil
}

// GrantPerm gives the user a permission directly (Django's user.user_permissions.add); granting
// one it holds already is not an error.
func (s *Store) GrantPerm(ctx context.Context, userID int64, perm string) error {
	return s.db.InTx(ctx, func(tx *sql.Tx) error {
		id, _, err := permission(ctx, tx, perm)
		if err != nil {
			return err
		}
		if err := s.mustExist(ctx, tx, "auth_user", userID, "user"); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO "auth_user_user_permissions" ("user_id", "permission_id") `+
			`VALUES ($1, $2) ON CONFLICT DO NOTHING`, userID, id)
		if err != nil {
			return fmt.Errorf("users: grant %s: %w", perm, err)
		}
		return nil
	})
}

// RevokePerm takes a directly granted permission away; the user's groups keep theirs.
// Revoking one the user does not hold is not an error.
func (s *Store) RevokePerm(ctx context.Context, userID int64, perm string) error {
	id, _, err := permission(ctx, s.db, perm)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `DELETE FROM "auth_user_user_permissions" WHERE "user_id" = $1 AND "permission_id" = $2`, userID, id)
	if err != nil {
		return fmt.Errorf("users: revoke %s: %w", perm, err)
	}
	return nil
}

// mustExist returns ErrNotFound when table has no row with the id.
func (s *Store) mustExist(ctx context.Context, q querier, table string, id int64, what string) error {
	var found bool
	if err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM "`+table+`" WHERE "id" = $1)`, id).Scan(&found); err != nil {
		return fmt.Errorf("users: look up %s: %w", what, err)
	}
	if !found {
		return fmt.Errorf("%w: %s %d", ErrNotFound, what, id)
	}
	return nil
}
