package jwtauth

import (
	"encoding/json"
	"fmt"
)

// UserKey is the user an access token names: the claim of Config.UserIDClaim read as
// Config.UserIDField says. The caller loads the user by it.
type UserKey struct {
	// Field is Config.UserIDField: "id", "username" or "email".
	Field string
	// ID is the primary key when Field is "id".
	ID int64
	// Value is the field's value otherwise.
	Value string
	// Session is the token's session ("sid" claim), "" without one.
	Session string
	// stamp is the token's credential stamp, for CheckStamp.
	stamp string
}

// UserIDField returns the user field tokens identify their user by (Config.UserIDField),
// for callers issuing with ObtainPairFor.
func (t *Tokens) UserIDField() string {
	return t.cfg.UserIDField
}

// userKey reads a user id claim. Under "id" it is an integer or a string of one (simplejwt
// writes str(pk) for non-integer primary keys, and Django's lookup accepts "5" for 5).
// Under another field it is the field's value: Django's lookup turns the claim into a
// string, so a number is read as its digits. ok is false when no user can match.
func (t *Tokens) userKey(v any) (UserKey, bool) {
	if t.cfg.UserIDField == UserIDFieldID {
		id, ok := claimUserID(v)
		return UserKey{Field: UserIDFieldID, ID: id}, ok
	}
	k := UserKey{Field: t.cfg.UserIDField}
	switch s := v.(type) {
	case string:
		k.Value = s
	case json.Number:
		k.Value = s.String()
	default:
		return k, false
	}
	return k, true
}

// claimFor is the user id claim of a user: simplejwt's for_user puts the field's value,
// str() of it unless an int.
func (t *Tokens) claimFor(userID int64, value any) (any, error) {
	if t.cfg.UserIDField == UserIDFieldID {
		if value == nil {
			return userID, nil
		}
		id, ok := value.(int64)
		if !ok || id != userID {
			return nil, fmt.Errorf("%w: the id claim of user %d must be its id, not %v", ErrConfig, userID, value)
		}
		return id, nil
	}
	s, ok := value.(string)
	if !ok || s == "" {
		// An empty value would name no user, or several.
		return nil, fmt.Errorf("%w: user %d has no %s to put in a token", ErrConfig, userID, t.cfg.UserIDField)
	}
	return s, nil
}

// ownerQuery selects the primary key of the user a claim names, NULL when none: the
// outstanding token row of a rotated refresh token. The column is one of the three
// UserIDField values New accepts, never input.
func (t *Tokens) ownerQuery() string {
	return `(SELECT id FROM auth_user WHERE ` + t.cfg.UserIDField + ` = $4)`
}
