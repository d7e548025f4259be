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
//   - SQLite: the wal-index header, which every commit in WAL mode rewrites in the
//     database's -shm file (walindex.go), read from a mapping of the file: when it differs
//     from the one read last, the cache is emptied. While a commit is writing it, and for a
//     database not in WAL mode, PRAGMA data_version on a connection of its own that never
//     writes, which changes with every commit by any other connection, of any process.
//
// A load that read the database before a change and finishes after the change was applied
// does not store what it read (a generation count). While the listener is down, or a fence
// does not come back, the cache is empty and requests read the database.
//
// # Redis
//
// CACHE_URL's Redis is not a channel for these changes, on purpose. Only the database sees
// every writer: an operator's psql, `perms`, Django during a migration off it write no
// message to Redis, so a cache invalidated through Redis alone would keep serving a
// permission they revoked. Relaying the triggers' notices into Redis does not help either:
// the relay receives a change some time after it commits, and a request's fence published
// to Redis meanwhile would come back before the change, so the next request could be
// answered from the stale entry; the fence must travel the path the changes travel, which
// on PostgreSQL is NOTIFY. An app configured with Redis therefore invalidates through
// PostgreSQL as any other; Redis would only add a second way to lose a notice.
//
// # When the channel fails
//
// The listener's connection may drop (a restart of PostgreSQL, a network cut, a killed
// session: TestListenerLost). The notices sent meanwhile are lost, so from the moment the
// listener sees the failure the cache is emptied and stores nothing, every request reads the
// database, and once the listener listens again the cache is emptied once more: what
// changed while it was away is read afresh. A request that comes before the listener has
// seen the failure sends its fence on the other connection and waits for it; the fence does
// not come back over a dead listener, so after fenceTimeout that request too reads the
// database and the listener is made to reconnect.
package authcache
