package authz

import (
	"context"
	"errors"
)

// PermSet is a set of "app_label.codename" permissions.
type PermSet map[string]struct{}

// Has reports whether the set holds perm.
func (p PermSet) Has(perm string) bool { _, ok := p[perm]; return ok }

// PermLoader loads the permissions a user holds, directly and through groups.
type PermLoader func(ctx context.Context, userID int64) (PermSet, error)

// ObjectPermLoader reports whether a user holds perm on one object (per-object grants).
type ObjectPermLoader func(ctx context.Context, userID int64, perm, objectPK string) (bool, error)

// Subject is who makes a request.
type Subject struct {
	// UserID is 0 for an anonymous subject.
	UserID      int64
	Username    string
	IsActive    bool
	IsStaff     bool
	IsSuperuser bool

	loadPerms       PermLoader
	loadObjectPerms ObjectPermLoader
	perms           PermSet
	err             error
}

// Anonymous is the subject of a request without credentials.
func Anonymous() *Subject { return &Subject{} }

// NewSubject returns the subject of an authenticated user whose permissions the loaders fetch
// when first asked.
func NewSubject(userID int64, username string, active, staff, superuser bool, perms PermLoader, objectPerms ObjectPermLoader) *Subject {
	return &Subject{UserID: userID, Username: username, IsActive: active, IsStaff: staff, IsSuperuser: superuser,
		loadPerms: perms, loadObjectPerms: objectPerms}
}

// IsAuthenticated reports whether the request carried valid credentials of a user.
func (s *Subject) IsAuthenticated() bool { return s != nil && s.UserID != 0 }

// ErrPermissionLoad wraps a failure to load a subject's permissions.
var ErrPermissionLoad = errors.New("authz: loading permissions failed")

// HasPerm reports whether the subject holds perm, as Django's User.has_perm: an inactive
// user holds nothing, an active superuser everything, anyone else what was granted to them or
// to one of their groups. A load failure denies and is kept for Err.
func (s *Subject) HasPerm(ctx context.Context, perm string) bool {
	if !s.IsAuthenticated() || !s.IsActive {
		return false
	}
	if s.IsSuperuser {
		return true
	}
	if s.perms == nil && s.err == nil {
		if s.loadPerms == nil {
			s.perms = PermSet{}
		} else if s.perms, s.err = s.loadPerms(ctx, s.UserID); s.err != nil {
			s.err = errors.Join(ErrPermissionLoad, s.err)
		}
	}
	return s.perms.Has(perm)
}

// HasObjectPerm reports whether the subject holds perm on the object with primary key pk
// (django-guardian's per-object grants). Superusers hold every object permission.
func (s *Subject) HasObjectPerm(ctx context.Context, perm, pk string) bool {
	if !s.IsAuthenticated() || !s.IsActive {
		return false
	}
	if s.IsSuperuser {
		return true
	}
	if s.loadObjectPerms == nil {
		return false
	}
	ok, err := s.loadObjectPerms(ctx, s.UserID, perm, pk)
	if err != nil {
		s.err = errors.Join(ErrPermissionLoad, err)
		return false
	}
	return ok
}

// hasObjectPerms is Django's user.has_perms(perms, obj): every one of perms on the object;
// true for none.
func (s *Subject) hasObjectPerms(ctx context.Context, perms []string, pk string) bool {
	for _, p := range perms {
		if !s.HasObjectPerm(ctx, p, pk) {
			return false
		}
	}
	return true
}

// Err returns the error of a failed permission load, so a handler answers 500 rather than a
// misleading 403.
func (s *Subject) Err() error { return s.err }
