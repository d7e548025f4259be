package migrate

import (
	"context"
	"log/slog"
	"time"

	"github.com/authgen/authgen/runtime/db"
)

// lockWaitLogEvery is how often a migrator waiting for the PostgreSQL migration lock says so.
const lockWaitLogEvery = 5 * time.Second

// lockHolderQuery names the session that holds the migration lock key (alone, when it is
// shared by the migrators of other schemas). A bigint advisory key shows in pg_locks as its
// high half in classid and its low half in objid, with objsubid 1.
const lockHolderQuery = `SELECT a.pid, coalesce(a.application_name, ''), coalesce(host(a.client_addr), 'local'), coalesce(a.state, ''), coalesce(a.xact_start, a.backend_start)
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.mode = 'ExclusiveLock'
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND l.classid::bigint = $1 AND l.objid::bigint = $2`

// watchLockWait logs, every interval until stop is called, that the migrator is still
// waiting for the migration lock key and which session holds it, so that an app that does not
// start says why. It asks from another connection of d: the migrator's own is blocked in
// pg_advisory_lock.
func watchLockWait(ctx context.Context, d *db.DB, log *slog.Logger, every time.Duration, key int64) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		start := time.Now()
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			attrs := []any{slog.Int64("lock", key), slog.Duration("waited", time.Since(start).Round(time.Millisecond))}
			attrs = append(attrs, lockHolder(ctx, d, every, key)...)
			log.InfoContext(ctx, "migrate: waiting for the PostgreSQL migration lock, held by another session (another instance migrating?)", attrs...)
		}
	}()
	return func() {
		cancel()
		<-finished
	}
}

// lockHolder describes the session holding the lock as log attributes; none when it cannot
// be told (the lock was just released, or the pool has no connection to spare in time).
func lockHolder(ctx context.Context, d *db.DB, within time.Duration, lock int64) []any {
	ctx, cancel := context.WithTimeout(ctx, within)
	defer cancel()
	var (
		pid                int64
		app, client, state string
		since              time.Time
	)
	key := uint64(lock)
	err := d.QueryRowContext(ctx, lockHolderQuery, int64(key>>32), int64(key&0xffffffff)).
		Scan(&pid, &app, &client, &state, &since)
	if err != nil {
		return nil
	}
	return []any{slog.Int64("holder_pid", pid), slog.String("holder_application", app), slog.String("holder_client", client),
		slog.String("holder_state", state), slog.Time("holder_since", since.UTC())}
}
