package users

import (
	"time"

	"github.com/authgen/authgen/runtime/db"
)

// User is one auth_user row.
type User struct {
	ID          int64
	Password    string // encoded, "<algorithm>$…"; "!…" is Django's unusable password
	LastLogin   *time.Time
	IsSuperuser bool
	Username    string
	FirstName   string
	LastName    string
	Email       string
	IsStaff     bool
	IsActive    bool
	DateJoined  time.Time
	// Extra holds the spec's extra columns by field name (see the package doc for types).
	Extra map[string]any
}

// HasUsablePassword reports whether the user can log in with a password at all: Django's
// has_usable_password, false for "" and for the "!"-prefixed unusable passwords.
func (u *User) HasUsablePassword() bool {
	return u.Password != "" && u.Password[0] != '!'
}

// Get returns the value of a column by field name: a built-in column ("username",
// "is_active", …) or an extra field. ok is false for an unknown name.
func (u *User) Get(name string) (v any, ok bool) {
	switch name {
	case "id":
		return u.ID, true
	case "password":
		return u.Password, true
	case "last_login":
		if u.LastLogin == nil {
			return nil, true
		}
		return *u.LastLogin, true
	case "is_superuser":
		return u.IsSuperuser, true
	case "username":
		return u.Username, true
	case "first_name":
		return u.FirstName, true
	case "last_name":
		return u.LastName, true
	case "email":
		return u.Email, true
	case "is_staff":
		return u.IsStaff, true
	case "is_active":
		return u.IsActive, true
	case "date_joined":
		return u.DateJoined, true
	}
	v, ok = u.Extra[name]
	return v, ok
}

// builtinColumns is the select list of Django's columns, in table order.
const builtinColumns = `"id", "password", "last_login", "is_superuser", "username", "first_name", ` +
	`"last_name", "email", "is_staff", "is_active", "date_joined"`

// rowScanner is *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(dest ...any) error }

// scanUser reads one row of s.selectList.
func (s *Store) scanUser(r rowScanner) (*User, error) {
	var (
		u          User
		lastLogin  db.Time
		dateJoined db.Time
	)
	dest := []any{&u.ID, &u.Password, &lastLogin, &u.IsSuperuser, &u.Username, &u.FirstName,
		&u.LastName, &u.Email, &u.IsStaff, &u.IsActive, &dateJoined}
	raw := make([]any, len(s.extra))
	for i := range raw {
		dest = append(dest, &raw[i])
	}
	if err := r.Scan(dest...); err != nil {
		return nil, err
	}
	if lastLogin.Valid {
		t := lastLogin.Time
		u.LastLogin = &t
	}
	u.DateJoined = dateJoined.Time
	if len(s.extra) > 0 {
		u.Extra = make(map[string]any, len(s.extra))
		for i := range s.extra {
			v, err := s.extra[i].fromDB(raw[i])
			if err != nil {
				return nil, err
			}
			u.Extra[s.extra[i].Name] = v
		}
	}
	return &u, nil
}

// nullTime is the driver value of an optional timestamp.
func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}
