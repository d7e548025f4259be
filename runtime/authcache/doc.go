// Package authcache keeps, in each instance of an app, what authenticating a request
// loads: the user row and the user's permission set, and the tokens jwt/verify found not
// blacklisted. A request that finds them needs no query for them.
//
// # Correctness
//
// Every change is seen by the next request on every instance, whoever made it: this
// instance, another one, the operator's commands, Django or psql on the same database.
// Before a request reads the cache, Sync makes sure every change committed before the
// request arrived has been applied:
//
//   - PostgreSQL: triggers on Django's auth tables (triggers.go, installed by the app when it
//     starts) NOTIFY the changed user, or everyone, on the channel of the table's schema
//     (Channel: "authgen_cache" for public, "authgen_cache_<schema>" for the others, so
//     that other apps on the same database, in schemas of their own, flush nothing here).
//     Each instance LISTENs on a connection of its own. A request then sends a fence, a
//     notification of its own, and waits until the listener receives it: notifications are
//     delivered in commit order, so every change committed before the request has arrived by
//     then. Requests that wait together share a fence.
//   - SQLite: PRAGMA data_version, on a connection of its own that never writes, changes with
//     every commit by any other connection, of any process; then the cache is emptied.
//
// A load that read the database before a change and finishes after the change was applied
// does not store what it read (a generation count). While the listener is down, or a fence
// does not come back, the cache is empty and requests read the database.
//
// # Redis
//
// CACHE_URL's Redis is not a channel for these changes: only the database sees every writer
// (an operator's psql, Django during a migration off it), and on PostgreSQL its triggers
// reach every instance already.
package authcache
