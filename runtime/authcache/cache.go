package authcache

import (
	"context"
	"maps"
	"sync"
	"sync/atomic"

	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/users"
)

// Key names the user a credential stands for: by id (Field "" or "id"), or by the value of
// another unique column (USER_ID_FIELD "username" or "email").
type Key struct {
	Field string
	ID    int64
	Value string
}

func (k Key) byID() bool { return k.Field == "" || k.Field == "id" }

// name is a lookup by a column other than the id.
type name struct{ field, value string }

// Cache holds the users and permission sets that requests loaded, until the database says
// they changed. The zero value is not usable; a nil *Cache caches nothing (Sync is false).
type Cache struct {
	watch watcher

	mu sync.RWMutex
	// gen counts invalidations: a load stores its result only if no invalidation came
	// between its start and its end, so a load that read a row before a change committed
	// cannot store that row after the change's invalidation was applied.
	gen uint64
	// live is false while changes may go unseen (the listener is down): nothing is stored.
	live  bool
	users map[int64]*entry
	names map[name]int64
	perms map[int64]authz.PermSet
	// clean holds the jtis of tokens found not blacklisted. A blacklisted verdict is not
	// kept: it is rare, and so no change can make a kept verdict too strict.
	clean map[string]struct{}

	hits, misses atomic.Uint64
}

// maxEntries bounds each map: one that is full is emptied rather than grown, so a flood of
// new tokens or users costs loads, never memory.
const maxEntries = 100_000

// entry is a cached user and the names it was looked up by.
type entry struct {
	user  *users.User
	names []name
}

func newCache() *Cache {
	return &Cache{users: map[int64]*entry{}, names: map[name]int64{}, perms: map[int64]authz.PermSet{}, clean: map[string]struct{}{}}
}

// Stats are a cache's counts since it opened.
type Stats struct {
	Hits, Misses uint64
}

// Stats returns the cache's counts of lookups answered from memory and from the database.
func (c *Cache) Stats() Stats {
	if c == nil {
		return Stats{}
	}
	return Stats{Hits: c.hits.Load(), Misses: c.misses.Load()}
}

// Sync waits until every change committed before it was called has been applied to the
// cache, and reports whether the cache may serve this request. False (no cache, the
// listener down, the database not answering) means: load from the database and store nothing.
func (c *Cache) Sync(ctx context.Context) bool {
	if c == nil {
		return false
	}
	return c.watch.sync(ctx)
}

// User returns a copy of the user k names: the cached row, or the one load reads, which is
// kept unless an invalidation came meanwhile. Only a request for which Sync was true may
// call it. Errors (a missing user among them) are returned as load gave them and not cached.
func (c *Cache) User(ctx context.Context, k Key, load func(context.Context) (*users.User, error)) (*users.User, error) {
	c.mu.RLock()
	gen := c.gen
	id, found := k.ID, true
	if !k.byID() {
		id, found = c.names[name{k.Field, k.Value}]
	}
	var e *entry
	if found {
		e = c.users[id]
	}
	c.mu.RUnlock()
	if e != nil {
		c.hits.Add(1)
		return clone(e.user), nil
	}
	c.misses.Add(1)
	u, err := load(ctx)
	if err != nil {
		return nil, err
	}
	c.storeUser(gen, k, clone(u))
	return u, nil
}

func (c *Cache) storeUser(gen uint64, k Key, u *users.User) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.live || c.gen != gen {
		return
	}
	if len(c.users) >= maxEntries || len(c.names) >= maxEntries {
		clear(c.users)
		clear(c.names)
	}
	e := c.users[u.ID]
	if e == nil {
		e = &entry{user: u}
		c.users[u.ID] = e
	}
	if !k.byID() {
		n := name{k.Field, k.Value}
		if _, ok := c.names[n]; !ok {
			c.names[n] = u.ID
			e.names = append(e.names, n)
		}
	}
}

// Perms returns the permission set of the user: the cached one, or the one load reads,
// kept as User keeps users. The set returned is shared: callers must not change it.
func (c *Cache) Perms(ctx context.Context, userID int64, load authz.PermLoader) (authz.PermSet, error) {
	c.mu.RLock()
	gen := c.gen
	set, ok := c.perms[userID]
	c.mu.RUnlock()
	if ok {
		c.hits.Add(1)
		return set, nil
	}
	c.misses.Add(1)
	set, err := load(ctx, userID)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.live && c.gen == gen {
		if len(c.perms) >= maxEntries {
			clear(c.perms)
		}
		c.perms[userID] = set
	}
	c.mu.Unlock()
	return set, nil
}

// Blacklisted reports whether the token jti names is blacklisted: false from memory when
// a load found it so since the last change to the blacklist, else what load reads (true is
// never kept). It is jwtauth.Verdicts, for jwt/verify; as for User, Sync must have been true.
func (c *Cache) Blacklisted(ctx context.Context, jti string, load func(context.Context) (bool, error)) (bool, error) {
	c.mu.RLock()
	gen := c.gen
	_, clean := c.clean[jti]
	c.mu.RUnlock()
	if clean {
		c.hits.Add(1)
		return false, nil
	}
	c.misses.Add(1)
	blacklisted, err := load(ctx)
	if err != nil || blacklisted {
		return blacklisted, err
	}
	c.mu.Lock()
	if c.live && c.gen == gen {
		if len(c.clean) >= maxEntries {
			clear(c.clean)
		}
		c.clean[jti] = struct{}{}
	}
	c.mu.Unlock()
	return false, nil
}

// blacklist forgets that the token jti was not blacklisted.
func (c *Cache) blacklist(jti string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	delete(c.clean, jti)
}

// invalidate drops what the cache holds of one user.
func (c *Cache) invalidate(userID int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	if e := c.users[userID]; e != nil {
		for _, n := range e.names {
			if c.names[n] == userID {
				delete(c.names, n)
			}
		}
		delete(c.users, userID)
	}
	delete(c.perms, userID)
}

// flush drops everything.
func (c *Cache) flush() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.flushLocked()
}

func (c *Cache) flushLocked() {
	c.gen++
	clear(c.users)
	clear(c.names)
	clear(c.perms)
	clear(c.clean)
}

// setLive flushes the cache and says whether it may store again: false when changes may
// go unseen, true once they cannot (and those made while down are read afresh).
func (c *Cache) setLive(live bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.flushLocked()
	c.live = live
}

func (c *Cache) isLive() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.live
}

// Close stops watching the database. The cache serves nothing afterwards.
func (c *Cache) Close() error {
	if c == nil {
		return nil
	}
	c.setLive(false)
	return c.watch.close()
}

// clone copies a user so that a request may change its copy (an account update does).
func clone(u *users.User) *users.User {
	cp := *u
	if u.LastLogin != nil {
		t := *u.LastLogin
		cp.LastLogin = &t
	}
	if u.Extra != nil {
		cp.Extra = maps.Clone(u.Extra)
	}
	return &cp
}

// apply handles one change notice: "u:<id>" for a user's row, groups, permissions or token,
// "b:<jti>" for a token blacklisted, "*" (or anything else) for everything.
func (c *Cache) apply(payload string) {
	if len(payload) > 2 && payload[:2] == "b:" {
		c.blacklist(payload[2:])
		return
	}
	if len(payload) > 2 && payload[:2] == "u:" {
		if id, ok := parseID(payload[2:]); ok {
			c.invalidate(id)
			return
		}
	}
	c.flush()
}

func parseID(s string) (int64, bool) {
	var n int64
	if s == "" || len(s) > 18 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		d := s[i]
		if d < '0' || d > '9' {
			return 0, false
		}
		n = n*10 + int64(d-'0')
	}
	return n, true
}
