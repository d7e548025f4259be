package users

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/authgen/authgen/runtime/db"
)

// Create inserts u as a new user and sets u.ID. As Django's create_user, it normalises the
// username and e-mail address; a zero DateJoined becomes now; an extra field missing from
// u.Extra takes its Default (or its kind's zero value, or NULL for a null field) and is set
// in u.Extra. A taken username or unique extra value is ErrDuplicate.
func (s *Store) Create(ctx context.Context, u *User) error {
	u.Username = NormalizeUsername(u.Username)
	u.Email = NormalizeEmail(u.Email)
	if u.DateJoined.IsZero() {
		u.DateJoined = time.Now().UTC()
	}
	cols := `"password", "last_login", "is_superuser", "username", "first_name", "last_name", ` +
		`"email", "is_staff", "is_active", "date_joined"`
	args := []any{u.Password, nullTime(u.LastLogin), u.IsSuperuser, u.Username, u.FirstName,
		u.LastName, u.Email, u.IsStaff, u.IsActive, u.DateJoined.UTC()}
	if u.Extra == nil && len(s.extra) > 0 {
		u.Extra = make(map[string]any, len(s.extra))
	}
	for i := range s.extra {
		f := &s.extra[i]
		v, ok := u.Extra[f.Name]
		if !ok {
			v = f.zero()
			u.Extra[f.Name] = v
		}
		dv, err := f.toDB(v)
		if err != nil {
			return err
		}
		cols += `, "` + f.Column + `"`
		args = append(args, dv)
	}
	q := `INSERT INTO "auth_user" (` + cols + `) VALUES (` + placeholders(1, len(args)) + `) RETURNING "id"`
	if err := s.db.QueryRowContext(ctx, q, args...).Scan(&u.ID); err != nil {
		return writeErr("create user", err)
	}
	return nil
}

// CreateSuperuser creates an active staff superuser, as Django's create_superuser, with an
// already encoded password.
func (s *Store) CreateSuperuser(ctx context.Context, username, email, encodedPassword string) (*User, error) {
	u := &User{Username: username, Email: email, Password: encodedPassword,
		IsSuperuser: true, IsStaff: true, IsActive: true}
	if err := s.Create(ctx, u); err != nil {
		return nil, err
	}
	return u, nil
}

// Update writes the named fields of u (built-in column names such as "email", "is_active",
// or extra field names) to u's row: Django's save(update_fields=…). With no names it writes
// every column but the id. A missing row is ErrNotFound, a taken unique value ErrDuplicate.
func (s *Store) Update(ctx context.Context, u *User, fields ...string) error {
	if len(fields) == 0 {
		fields = append(fields, builtinNames[1:]...)
		for _, f := range s.extra {
			fields = append(fields, f.Name)
		}
	}
	var set []string
	var args []any
	for _, name := range fields {
		if name == "id" {
			return fmt.Errorf("%w: the id cannot be updated", ErrInvalidField)
		}
		col, err := s.column(name)
		if err != nil {
			return err
		}
		v, _ := u.Get(name)
		if f, ok := s.Field(name); ok {
			if v, err = f.toDB(v); err != nil {
				return err
			}
		} else if t, ok := v.(time.Time); ok {
			v = t.UTC()
		}
		args = append(args, v)
		set = append(set, `"`+col+`" = $`+strconv.Itoa(len(args)))
	}
	args = append(args, u.ID)
	q := `UPDATE "auth_user" SET ` + strings.Join(set, ", ") + ` WHERE "id" = $` + strconv.Itoa(len(args))
	return s.exec(ctx, "update user", q, args...)
}

// SetPassword stores an encoded password for the user.
func (s *Store) SetPassword(ctx context.Context, id int64, encoded string) error {
	return s.exec(ctx, "set password", `UPDATE "auth_user" SET "password" = $1 WHERE "id" = $2`, encoded, id)
}

// SetLastLogin records a login time, Django's update_last_login.
func (s *Store) SetLastLogin(ctx context.Context, id int64, at time.Time) error {
	return s.exec(ctx, "set last login", `UPDATE "auth_user" SET "last_login" = $1 WHERE "id" = $2`, at.UTC(), id)
}

// Delete removes the user in one transaction, as Django's Collector does: its group
// memberships, grants, DRF token and the rows of the app that cascade go with it; its
// outstanding JWTs stay, with no user (SET_NULL). A relation that protects or restricts the
// user is collect.ErrProtected or collect.ErrRestricted; an unknown user is ErrNotFound.
func (s *Store) Delete(ctx context.Context, id int64) error {
	n, err := s.collector.Delete(ctx, s.db, "auth_user", id)
	if err != nil {
		return fmt.Errorf("users: delete user: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("%w: user %d", ErrNotFound, id)
	}
	return nil
}

// exec runs a statement that must touch one row.
func (s *Store) exec(ctx context.Context, what, q string, args ...any) error {
	res, err := s.db.ExecContext(ctx, q, args...)
	if err != nil {
		return writeErr(what, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("users: %s: %w", what, ErrNotFound)
	}
	return nil
}

func writeErr(what string, err error) error {
	if db.IsUniqueViolation(err) {
		return fmt.Errorf("users: %s: %w (%v)", what, ErrDuplicate, err)
	}
	return fmt.Errorf("users: %s: %w", what, err)
}

// placeholders returns "$from, …, $(from+n-1)".
func placeholders(from, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$" + strconv.Itoa(from+i))
	}
	return b.String()
}
