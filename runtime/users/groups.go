package users

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// CreateGroup creates the group name when it does not exist and gives it perms, each
// "app_label.codename", in one transaction: Django's Group.objects.get_or_create followed by
// group.permissions.add. A permission that does not exist is an ErrUnknownPermission error
// naming it, and nothing is written.
func (s *Store) CreateGroup(ctx context.Context, name string, perms []string) (groupID int64, err error) {
	err = s.db.InTx(ctx, func(tx *sql.Tx) error {
		ids := make([]int64, len(perms))
		for i, p := range perms {
			if ids[i], _, err = permission(ctx, tx, p); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO "auth_group" ("name") VALUES ($1) ON CONFLICT DO NOTHING`, name); err != nil {
			return fmt.Errorf("users: create group %q: %w", name, err)
		}
		if groupID, err = groupByName(ctx, tx, name); err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `INSERT INTO "auth_group_permissions" ("group_id", "permission_id") `+
				`VALUES ($1, $2) ON CONFLICT DO NOTHING`, groupID, id); err != nil {
				return fmt.Errorf("users: give group %q its permissions: %w", name, err)
			}
		}
		return nil
	})
	return groupID, err
}

// GroupID returns the id of the group named name.
func (s *Store) GroupID(ctx context.Context, name string) (int64, error) {
	return groupByName(ctx, s.db, name)
}

func groupByName(ctx context.Context, q querier, name string) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT "id" FROM "auth_group" WHERE "name" = $1`, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("%w: group %q", ErrNotFound, name)
	}
	if err != nil {
		return 0, fmt.Errorf("users: look up group %q: %w", name, err)
	}
	return id, nil
}

// AddUserToGroup puts the user into the group named group; adding a member again is not an
// error. An unknown user or group is ErrNotFound.
func (s *Store) AddUserToGroup(ctx context.Context, userID int64, group string) error {
	return s.db.InTx(ctx, func(tx *sql.Tx) error {
		gid, err := groupByName(ctx, tx, group)
		if err != nil {
			return err
		}
		if err := s.mustExist(ctx, tx, "auth_user", userID, "user"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO "auth_user_groups" ("user_id", "group_id") VALUES ($1, $2) `+
			`ON CONFLICT DO NOTHING`, userID, gid); err != nil {
			return fmt.Errorf("users: add user to group %q: %w", group, err)
		}
		return nil
	})
}

// RemoveUserFromGroup takes the user out of the group named group; removing a non-member is
// not an error, an unknown group is ErrNotFound.
func (s *Store) RemoveUserFromGroup(ctx context.Context, userID int64, group string) error {
	gid, err := groupByName(ctx, s.db, group)
	if err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM "auth_user_groups" WHERE "user_id" = $1 AND "group_id" = $2`, userID, gid); err != nil {
		return fmt.Errorf("users: remove user from group %q: %w", group, err)
	}
	return nil
}

// Groups returns the names of the user's groups, sorted.
func (s *Store) Groups(ctx context.Context, userID int64) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT g."name" FROM "auth_group" g JOIN "auth_user_groups" ug `+
		`ON ug."group_id" = g."id" WHERE ug."user_id" = $1 ORDER BY g."name"`, userID)
	if err != nil {
		return nil, fmt.Errorf("users: list groups: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("users: list groups: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
