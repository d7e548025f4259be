package migrate_test

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/migrate"
)

// race starts one Up per migrator at the same moment and checks that, together, they
// applied every migration exactly once.
func race(t *testing.T, d *db.DB, migrators []*migrate.Migrator) {
	t.Helper()
	ctx := context.Background()
	start := make(chan struct{})
	results := make([][]string, len(migrators))
	errs := make([]error, len(migrators))
	var wg sync.WaitGroup
	for i, m := range migrators {
		wg.Go(func() {
			<-start
			results[i], errs[i] = m.Up(ctx)
		})
	}
	close(start)
	wg.Wait()

	var all []string
	for i := range migrators {
		require.NoError(t, errs[i], "migrator %d", i)
		all = append(all, results[i]...)
	}
	slices.Sort(all)
	require.Equal(t, []string{"0001_initial", "0002_items", "0003_runs"}, all, "each migration applied by exactly one migrator")
	require.Equal(t, 1, count(t, d, "runs"))
	require.Equal(t, 1, count(t, d, "shop"))
	require.Len(t, recorded(t, d), 3)
}

func TestRacingMigratorsOnOnePool(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		for range 3 {
			d := dbtest.Open(t, dialect)
			var ms []*migrate.Migrator
			for range 4 {
				ms = append(ms, newMigrator(t, d, shopSet()))
			}
			race(t, d, ms)
		}
	})
}

func TestRacingMigratorsOnSeparatePools(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		for range 3 {
			url := dbtest.URL(t, dialect)
			var ms []*migrate.Migrator
			var first *db.DB
			for range 4 { // as four app instances, each with its own pool
				d, err := db.Open(url)
				require.NoError(t, err)
				t.Cleanup(func() { d.Close() })
				if first == nil {
					first = d
				}
				ms = append(ms, newMigrator(t, d, shopSet()))
			}
			race(t, first, ms)
		}
	})
}

// lockHeld reports whether a session of this test keeps the migration lock AdvisoryLockKey,
// alone or shared. The migrations of other tests (of this package, run in parallel, and of
// other packages on the same server) take it too; dbtest names every session of a test
// after its schema (application_name), so only this test's sessions are counted.
func lockHeld(t *testing.T, d *db.DB) bool {
	t.Helper()
	key := uint64(migrate.AdvisoryLockKey)
	var held bool
	require.NoError(t, d.QueryRowContext(context.Background(), `SELECT EXISTS (
	SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
	WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
	  AND l.classid::bigint = $1 AND l.objid::bigint = $2
	  AND a.application_name = current_setting('application_name'))`,
		int64(key>>32), int64(key&0xffffffff)).Scan(&held))
	return held
}

// twoInstances opens two pools on one fresh PostgreSQL schema, as two app instances would:
// the first keeps a session of its own (to hold the migration lock), the second migrates.
func twoInstances(t *testing.T) (first *db.DB, session *sql.Conn, second *db.DB) {
	t.Helper()
	url := dbtest.URL(t, db.Postgres)
	open := func() *db.DB {
		d, err := db.Open(url)
		require.NoError(t, err)
		t.Cleanup(func() { d.Close() })
		return d
	}
	first = open()
	session, err := first.Conn(context.Background())
	require.NoError(t, err)
	t.Cleanup(func() { session.Close() })
	return first, session, open()
}

func TestPostgresMigratorWaitsForTheAdvisoryLock(t *testing.T) {
	ctx := context.Background()
	holder, conn, d := twoInstances(t)
	m := newMigrator(t, d, shopSet())

	// Another instance is migrating: it holds the lock on its session.
	_, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrate.AdvisoryLockKey)
	require.NoError(t, err)

	// A caller that gives up while waiting gets its context's error and leaves no lock behind.
	short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	_, err = m.Up(short)
	cancel()
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.ErrorContains(t, err, "take the migration lock")

	done := make(chan error, 1)
	go func() {
		_, err := m.Up(ctx)
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("Up finished while another session held the lock: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	require.False(t, tableExists(t, d, "authgen_migrations"), "nothing done before the lock is taken")

	var released bool
	require.NoError(t, conn.QueryRowContext(ctx, `SELECT pg_advisory_unlock($1)`, migrate.AdvisoryLockKey).Scan(&released))
	require.True(t, released)
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("Up did not finish after the lock was released")
	}
	require.Len(t, recorded(t, d), 3)
	require.False(t, lockHeld(t, holder), "the migrator released the lock")
}

func TestPostgresLockIsReleasedAfterAFailure(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t, db.Postgres)
	m := newMigrator(t, d, with(shopSet(), map[string]string{"0002_items.up.sql": "SELECT no_such_function();"}))
	_, err := m.Up(ctx)
	require.ErrorIs(t, err, migrate.ErrMigrationFailed)
	require.False(t, lockHeld(t, d))
	_, err = m.Down(ctx, 1)
	require.NoError(t, err)
	require.False(t, lockHeld(t, d))

	// The probe sees a lock this test's sessions keep.
	conn, err := d.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrate.AdvisoryLockKey)
	require.NoError(t, err)
	require.True(t, lockHeld(t, d))
	var released bool
	require.NoError(t, conn.QueryRowContext(ctx, `SELECT pg_advisory_unlock($1)`, migrate.AdvisoryLockKey).Scan(&released))
	require.True(t, released)
}

// lockedBuffer is a log destination that the migrator's goroutine writes while the test reads.
type lockedBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestPostgresLockWaitIsLogged: a migrator that waits for the migration lock says so every
// few seconds (here every 100ms), naming the session that holds it, and stops once it has it.
func TestPostgresLockWaitIsLogged(t *testing.T) {
	ctx := context.Background()
	_, conn, d := twoInstances(t)
	var logged lockedBuffer
	m, err := migrate.New(d, files(shopSet()), migrate.Logger(slog.New(slog.NewTextHandler(&logged, nil))))
	require.NoError(t, err)
	migrate.SetLockWaitLogEvery(m, 100*time.Millisecond)

	_, err = conn.ExecContext(ctx, `SET application_name = 'lock-wait-test'`)
	require.NoError(t, err)
	var pid int
	require.NoError(t, conn.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid))
	_, err = conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrate.AdvisoryLockKey)
	require.NoError(t, err)

	done := make(chan error, 1)
	go func() {
		_, err := m.Up(ctx)
		done <- err
	}()
	const waiting = "migrate: waiting for the PostgreSQL migration lock"
	require.Eventually(t, func() bool { return strings.Count(logged.String(), waiting) >= 2 }, 10*time.Second, 20*time.Millisecond,
		"the wait is logged again and again: %q", logged.String())
	first, _, _ := strings.Cut(logged.String(), "\n")
	require.Contains(t, first, "level=INFO")
	require.Contains(t, first, fmt.Sprintf("lock=%d", migrate.AdvisoryLockKey))
	require.Contains(t, first, fmt.Sprintf("holder_pid=%d", pid))
	require.Contains(t, first, "holder_application=lock-wait-test")
	require.Contains(t, first, "waited=")

	var released bool
	require.NoError(t, conn.QueryRowContext(ctx, `SELECT pg_advisory_unlock($1)`, migrate.AdvisoryLockKey).Scan(&released))
	require.True(t, released)
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("Up did not finish after the lock was released")
	}
	lines := strings.Count(logged.String(), waiting)
	time.Sleep(300 * time.Millisecond)
	require.Equal(t, lines, strings.Count(logged.String(), waiting), "no line once the lock is taken")
}

// TestPostgresSchemasMigrateSideBySide: a migrator of one schema does not wait for a migrator
// of another schema of the same database, and still waits for one of its own schema (and,
// in TestPostgresMigratorWaitsForTheAdvisoryLock, for whoever holds AdvisoryLockKey alone).
func TestPostgresSchemasMigrateSideBySide(t *testing.T) {
	ctx := context.Background()
	holder, conn, d := twoInstances(t)
	var schema string
	require.NoError(t, conn.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema))
	key := migrate.SchemaLockKey(schema)
	require.NotEqual(t, migrate.AdvisoryLockKey, key, "schema %s has a key of its own", schema)

	// A migrator of this schema is at work: it holds the schema's key alone (and
	// AdvisoryLockKey shared, which this stand-in does not take: held for the whole test, a
	// session waiting for it alone, a migrator of public or an older authgen on the same
	// server, would queue before the other schema's request and keep it waiting too).
	_, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, key)
	require.NoError(t, err)

	// A migrator of another schema goes ahead (the bound only turns a wait into a failure).
	other := dbtest.Open(t, db.Postgres)
	bounded, cancel := context.WithTimeout(ctx, 30*time.Second)
	applied, err := newMigrator(t, other, shopSet()).Up(bounded)
	cancel()
	require.NoError(t, err, "the migrator of another schema waited")
	require.Len(t, applied, 3)
	require.False(t, lockHeld(t, other), "it released the shared lock")

	// One of the same schema waits.
	done := make(chan error, 1)
	go func() {
		_, err := newMigrator(t, d, shopSet()).Up(ctx)
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("Up finished while another migrator of its schema held the lock: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	require.False(t, tableExists(t, d, "authgen_migrations"), "nothing done before the lock is taken")
	var released bool
	require.NoError(t, conn.QueryRowContext(ctx, `SELECT pg_advisory_unlock($1)`, key).Scan(&released))
	require.True(t, released)
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(30 * time.Second):
		t.Fatal("Up did not finish after the lock was released")
	}
	require.Len(t, recorded(t, d), 3)
	require.False(t, lockHeld(t, holder), "the migrator released the lock")
}

func TestSchemaLockKey(t *testing.T) {
	require.Equal(t, migrate.AdvisoryLockKey, migrate.SchemaLockKey("public"), "public keeps the key every version takes")
	a, b := migrate.SchemaLockKey("tenant_a"), migrate.SchemaLockKey("tenant_b")
	require.NotEqual(t, a, b)
	require.NotEqual(t, migrate.AdvisoryLockKey, a)
	require.Equal(t, a, migrate.SchemaLockKey("tenant_a"), "the same schema, the same key, in every process")
}
