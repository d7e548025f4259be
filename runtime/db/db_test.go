package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

func TestAuthSchemaAndPlaceholders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := dbtest.OpenAuth(t, dialect)
		ctx := context.Background()
		now := time.Date(2026, 11, 28, 12, 30, 0, 123456000, time.UTC)
		var id int64
		err := d.QueryRowContext(ctx, `INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			"x", false, "alice", "", "", "a@example.com", false, true, now).Scan(&id)
		require.NoError(t, err)
		require.Equal(t, int64(1), id)
		var joined db.Time
		var last db.Time
		require.NoError(t, d.QueryRowContext(ctx, `SELECT date_joined, last_login FROM auth_user WHERE id = $1 AND username = $2`, id, "alice").Scan(&joined, &last))
		require.True(t, joined.Valid)
		require.False(t, last.Valid)
		require.True(t, now.Equal(joined.Time), "got %v", joined.Time)

		_, err = d.ExecContext(ctx, `INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			"x", false, "alice", "", "", "a@example.com", false, true, now)
		require.True(t, db.IsUniqueViolation(err), "got %v", err)
		_, err = d.ExecContext(ctx, `INSERT INTO auth_user_groups (user_id, group_id) VALUES ($1, $2)`, id, 999)
		require.True(t, db.IsForeignKeyViolation(err), "got %v", err)
	})
}

func TestOpenRejectsUnknownScheme(t *testing.T) {
	_, err := db.Open("mysql://root:secret@localhost/x")
	require.ErrorIs(t, err, db.ErrUnsupportedURL)
	require.NotContains(t, err.Error(), "secret")
}
