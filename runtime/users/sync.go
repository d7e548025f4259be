package users

import (
	"context"
	"database/sql"
	"fmt"
)

// Permission is one row of auth_permission with its content type.
type Permission struct {
	App      string // django_content_type.app_label: "store"
	Model    string // django_content_type.model, lower case: "product"
	Codename string // "view_product"
	Name     string // "Can view product"
}

// SyncPermissions creates the content types and permissions that do not exist yet, in one
// transaction, as Django's post_migrate create_permissions does; existing rows are kept.
func (s *Store) SyncPermissions(ctx context.Context, perms []Permission) error {
	return s.db.InTx(ctx, func(tx *sql.Tx) error {
		cts := map[[2]string]int64{}
		for _, p := range perms {
			key := [2]string{p.App, p.Model}
			ct, ok := cts[key]
			if !ok {
				if _, err := tx.ExecContext(ctx, `INSERT INTO "django_content_type" ("app_label", "model") VALUES ($1, $2) `+
					`ON CONFLICT DO NOTHING`, p.App, p.Model); err != nil {
					return fmt.Errorf("users: create content type %s.%s: %w", p.App, p.Model, err)
				}
				if err := tx.QueryRowContext(ctx, `SELECT "id" FROM "django_content_type" WHERE "app_label" = $1 AND "model" = $2`,
					p.App, p.Model).Scan(&ct); err != nil {
					return fmt.Errorf("users: look up content type %s.%s: %w", p.App, p.Model, err)
				}
				cts[key] = ct
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO "auth_permission" ("content_type_id", "codename", "name") `+
				`VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, ct, p.Codename, p.Name); err != nil {
				return fmt.Errorf("users: create permission %s.%s: %w", p.App, p.Codename, err)
			}
		}
		return nil
	})
}
