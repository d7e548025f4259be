package users

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
)

// HasObjectPerm reports whether the user holds perm ("app_label.codename") on the object
// whose primary key is objectPK, granted to the user or to one of its groups. Like Perms it
// leaves superusers and inactive users to authz.Subject. An unknown permission holds for
// nobody, as in Django.
func (s *Store) HasObjectPerm(ctx context.Context, userID int64, perm, objectPK string) (bool, error) {
	app, codename, ok := SplitPerm(perm)
	if !ok {
		return false, nil
	}
	var found bool
	err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM "authgen_object_permission" op `+
		`JOIN "auth_permission" p ON p."id" = op."permission_id" `+
		`JOIN "django_content_type" ct ON ct."id" = p."content_type_id" `+
		`WHERE ct."app_label" = $2 AND p."codename" = $3 AND op."object_pk" = $4 AND (op."user_id" = $1 `+
		`OR op."group_id" IN (SELECT "group_id" FROM "auth_user_groups" WHERE "user_id" = $1)))`,
		userID, app, codename, objectPK).Scan(&found)
	if err != nil {
		return false, fmt.Errorf("users: check object permission %s: %w", perm, err)
	}
	return found, nil
}

// GrantObjectPerm gives the user perm on one object; granting again is not an error.
func (s *Store) GrantObjectPerm(ctx context.Context, userID int64, perm, objectPK string) error {
	return s.grantObject(ctx, "user_id", "auth_user", "user", userID, perm, objectPK)
}

// GrantGroupObjectPerm gives every member of the group perm on one object.
func (s *Store) GrantGroupObjectPerm(ctx context.Context, group, perm, objectPK string) error {
	gid, err := s.GroupID(ctx, group)
	if err != nil {
		return err
	}
	return s.grantObject(ctx, "group_id", "auth_group", "group", gid, perm, objectPK)
}

// RevokeObjectPerm takes a per-object grant away from the user; the user's groups keep theirs.
func (s *Store) RevokeObjectPerm(ctx context.Context, userID int64, perm, objectPK string) error {
	id, _, err := permission(ctx, s.db, perm)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `DELETE FROM "authgen_object_permission" WHERE "user_id" = $1 `+
		`AND "permission_id" = $2 AND "object_pk" = $3`, userID, id, objectPK)
	if err != nil {
		return fmt.Errorf("users: revoke %s on %s: %w", perm, objectPK, err)
	}
	return nil
}

// RevokeGroupObjectPerm takes a per-object grant away from the group.
func (s *Store) RevokeGroupObjectPerm(ctx context.Context, group, perm, objectPK string) error {
	gid, err := s.GroupID(ctx, group)
	if err != nil {
		return err
	}
	id, _, err := permission(ctx, s.db, perm)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `DELETE FROM "authgen_object_permission" WHERE "group_id" = $1 `+
		`AND "permission_id" = $2 AND "object_pk" = $3`, gid, id, objectPK)
	if err != nil {
		return fmt.Errorf("users: revoke %s on %s: %w", perm, objectPK, err)
	}
	return nil
}

// grantObject inserts one per-object grant for a user or a group (holder is the column).
func (s *Store) grantObject(ctx context.Context, holder, table, what string, holderID int64, perm, objectPK string) error {
	return s.db.InTx(ctx, func(tx *sql.Tx) error {
		id, ct, err := permission(ctx, tx, perm)
		if err != nil {
			return err
		}
		if err := s.mustExist(ctx, tx, table, holderID, what); err != nil {
			return err
		}
		// holder is one of two constants, never input.
		_, err = tx.ExecContext(ctx, `INSERT INTO "authgen_object_permission" ("permission_id", "content_type_id", `+
			`"object_pk", "`+holder+`") VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, id, ct, objectPK, holderID)
		if err != nil {
			return fmt.Errorf("users: grant %s on %s: %w", perm, objectPK, err)
		}
		return nil
	})
}

// ObjectExists reports whether the object perm is about ("app_label.codename" of a model's
// content type) has a row with primary key objectPK, so an operator's grant on a mistyped id
// fails as guardian's does (Django finds the object before assign_perm) instead of waiting
// for a row that may later be created with that id.
func (s *Store) ObjectExists(ctx context.Context, perm, objectPK string) (bool, error) {
	_, ct, err := permission(ctx, s.db, perm)
	if err != nil {
		return false, err
	}
	var app, model string
	err = s.db.QueryRowContext(ctx, `SELECT "app_label", "model" FROM "django_content_type" WHERE "id" = $1`, ct).Scan(&app, &model)
	if err != nil {
		return false, fmt.Errorf("users: content type of %s: %w", perm, err)
	}
	// Django's table name for the model; both parts come from the content type table, and
	// anything but a plain identifier is no table of ours.
	table := app + "_" + model
	if !plainIdentifier(table) {
		return false, nil
	}
	id, err := strconv.ParseInt(objectPK, 10, 64)
	if err != nil {
		return false, nil // every model's primary key is an integer id
	}
	var found bool
	err = s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM "`+table+`" WHERE "id" = $1)`, id).Scan(&found)
	if err != nil {
		return false, fmt.Errorf("users: look up %s %s: %w", model, objectPK, err)
	}
	return found, nil
}

func plainIdentifier(s string) bool {
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '_' {
			return false
		}
	}
	return s != ""
}
