package authz

import (
	"context"
	"errors"
	"sync"
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

	// The permission set, once loaded: as loaded, and as bits by the number of each
	// permission a checker asks for (perm), so that a check is a bit test, not a hash.
	loaded bool
	perms  PermSet
	// numbered is known once bits holds the loaded set of an active user who is not a
	// superuser, 0 before: has answers from bits at once the permissions numbered below it
	// (Django answers the others without a set).
	numbered uint32
	bits     []uint64
	known    uint32 // the permissions numbered when the set was loaded; later ones use perms
	loadErr  error  // a failed load, answered to every later question instead of a new query
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
// to one of their groups. The set is loaded on first need, once; a failed load is the error
// (wrapping ErrPermissionLoad), now and on every later question.
func (s *Subject) HasPerm(ctx context.Context, perm string) (bool, error) {
	if holds, known := s.holdsAllOrNone(); known {
		return holds, nil
	}
	if !s.loaded {
		s.load(ctx)
	}
	return s.perms.Has(perm), s.loadErr
}

// holdsAllOrNone answers for the subjects whose permissions need no query, as Django's
// User.has_perm: nothing for an anonymous or inactive one, everything for an active
// superuser. known is false for the others.
func (s *Subject) holdsAllOrNone() (holds, known bool) {
	switch {
	case !s.IsAuthenticated() || !s.IsActive:
		return false, true
	case s.IsSuperuser:
		return true, true
	}
	return false, false
}

// has is HasPerm for a numbered permission: after the load, a bit test.
func (s *Subject) has(ctx context.Context, p perm) (bool, error) {
	if held, known := s.holds(p); known {
		return held, nil
	}
	return s.hasSlowly(ctx, p)
}

// holds is has's answer from the loaded bits; known is false where they do not answer.
func (s *Subject) holds(p perm) (held, known bool) {
	if p.id < s.numbered {
		return s.bits[p.id>>6]&(1<<(p.id&63)) != 0, true
	}
	return false, false
}

// hasSlowly is has before the load, or for a permission numbered after it.
func (s *Subject) hasSlowly(ctx context.Context, p perm) (bool, error) {
	if holds, known := s.holdsAllOrNone(); known {
		return holds, nil
	}
	if !s.loaded {
		s.load(ctx)
	}
	if s.loadErr != nil {
		return false, s.loadErr
	}
	if p.id < s.known {
		return s.bits[p.id>>6]&(1<<(p.id&63)) != 0, nil
	}
	return s.perms.Has(p.name), nil
}

// load loads the permission set and numbers it.
func (s *Subject) load(ctx context.Context) {
	s.loaded = true
	if s.loadPerms == nil {
		s.perms = PermSet{}
		return
	}
	set, err := s.loadPerms(ctx, s.UserID)
	if err != nil {
		s.loadErr = errors.Join(ErrPermissionLoad, err)
		return
	}
	s.perms = set
	registry.RLock()
	defer registry.RUnlock()
	s.known = uint32(len(registry.ids))
	s.bits = make([]uint64, (s.known+63)/64)
	for name := range set {
		if id, ok := registry.ids[name]; ok {
			s.bits[id>>6] |= 1 << (id & 63)
		}
	}
	if _, known := s.holdsAllOrNone(); !known {
		s.numbered = s.known
	}
}

// HasObjectPerm reports whether the subject holds perm on the object with primary key pk
// (django-guardian's per-object grants). Superusers hold every object permission. A failed
// query is the error, wrapping ErrPermissionLoad.
func (s *Subject) HasObjectPerm(ctx context.Context, perm, pk string) (bool, error) {
	if holds, known := s.holdsAllOrNone(); known {
		return holds, nil
	}
	if s.loadObjectPerms == nil {
		return false, nil
	}
	ok, err := s.loadObjectPerms(ctx, s.UserID, perm, pk)
	if err != nil {
		return false, errors.Join(ErrPermissionLoad, err)
	}
	return ok, nil
}

// perm is a permission as checkers ask for it: its name, and its number among the
// permissions any checker of the process asks for, which a loaded set answers with a bit.
type perm struct {
	name string
	id   uint32
}

// registry numbers the permissions checkers ask for. Checkers are built when a generated
// package initialises, so it grows then and is only read afterwards.
var registry = struct {
	sync.RWMutex
	ids map[string]uint32
}{ids: map[string]uint32{}}

// permOf returns name's number, giving it the next one when it has none.
func permOf(name string) perm {
	registry.Lock()
	defer registry.Unlock()
	id, ok := registry.ids[name]
	if !ok {
		id = uint32(len(registry.ids))
		registry.ids[name] = id
	}
	return perm{name: name, id: id}
}

// decide is the Decision of a question answered with ok or err.
func decide(ok bool, err error) Decision {
	if err != nil {
		return Failed(err)
	}
	return Bool(ok)
}
