package migrate

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/authgen/authgen/runtime/db"
)

// Zero names the state before the first migration, for DownTo.
const Zero = "zero"

// Migrator applies and reverts one migration set on one database.
type Migrator struct {
	db    *db.DB
	set   []migration    // in order
	index map[string]int // name → position in set

	// log receives the lines saying that the migrator waits for the migration lock.
	log *slog.Logger
	// lockWaitLogEvery is how often it says so; a test shortens it.
	lockWaitLogEvery time.Duration

	// afterPlan, when set by a test, runs between reading the applied migrations and
	// applying the first step, to let another migrator in at the worst moment.
	afterPlan func()
}

// Option configures a Migrator.
type Option func(*Migrator)

// Logger sends the migrator's log lines to l instead of slog.Default(): while it waits
// for the PostgreSQL migration lock, a line every few seconds naming the session that holds
// it.
func Logger(l *slog.Logger) Option {
	return func(m *Migrator) {
		if l != nil {
			m.log = l
		}
	}
}

// step is one migration to run, up or down.
type step struct {
	mig migration
	up  bool
	// fake, when not nil, records mig as applied without running it and says so there.
	fake *Faked
}

// New reads and checks the migration set at the root of fsys (see ForDialect) for the
// database d. It does not touch the database.
func New(d *db.DB, fsys fs.FS, opts ...Option) (*Migrator, error) {
	if d == nil || (d.Dialect != db.SQLite && d.Dialect != db.Postgres) {
		return nil, fmt.Errorf("%w: New needs an SQLite or PostgreSQL *db.DB", ErrUnsupportedDialect)
	}
	set, err := readSet(fsys)
	if err != nil {
		return nil, err
	}
	index := make(map[string]int, len(set))
	for i, mig := range set {
		index[mig.name] = i
	}
	m := &Migrator{db: d, set: set, index: index, log: slog.Default(), lockWaitLogEvery: lockWaitLogEvery}
	for _, opt := range opts {
		opt(m)
	}
	return m, nil
}

// Up applies every pending migration in order and returns their names.
func (m *Migrator) Up(ctx context.Context, opts ...UpOption) ([]string, error) {
	return m.upTo(ctx, len(m.set)-1, opts)
}

// UpTo applies the pending migrations up to and including the named one and returns their
// names. It does nothing when that migration is applied already.
func (m *Migrator) UpTo(ctx context.Context, name string, opts ...UpOption) ([]string, error) {
	target, err := m.resolve(name)
	if err != nil {
		return nil, err
	}
	return m.upTo(ctx, target, opts)
}

// upTo applies the pending migrations of set[:target+1].
func (m *Migrator) upTo(ctx context.Context, target int, opts []UpOption) ([]string, error) {
	var o upOptions
	for _, opt := range opts {
		opt(&o)
	}
	return m.run(ctx, true, o, func(applied int) ([]step, error) {
		var steps []step
		for i := applied; i <= target; i++ {
			steps = append(steps, step{mig: m.set[i], up: true})
		}
		return steps, nil
	})
}

// Down reverts the last n applied migrations, latest first, and returns their names. Asking
// for more than are applied is ErrBadSteps, and nothing is reverted then.
func (m *Migrator) Down(ctx context.Context, n int) ([]string, error) {
	if n < 0 {
		return nil, fmt.Errorf("%w: cannot revert %d migrations", ErrBadSteps, n)
	}
	if n == 0 {
		return nil, nil
	}
	return m.run(ctx, false, upOptions{}, func(applied int) ([]step, error) {
		if n > applied {
			return nil, fmt.Errorf("%w: asked to revert %d migrations but %d are applied", ErrBadSteps, n, applied)
		}
		return m.downSteps(applied, applied-n), nil
	})
}

// DownTo reverts, latest first, every applied migration after the named one, which stays
// applied, and returns their names; DownTo(ctx, Zero) reverts them all.
func (m *Migrator) DownTo(ctx context.Context, name string) ([]string, error) {
	keep := 0 // migrations to keep applied
	if name != Zero {
		i, err := m.resolve(name)
		if err != nil {
			return nil, err
		}
		keep = i + 1
	}
	return m.run(ctx, false, upOptions{}, func(applied int) ([]step, error) {
		return m.downSteps(applied, keep), nil
	})
}

// downSteps reverts set[keep:applied], latest first.
func (m *Migrator) downSteps(applied, keep int) []step {
	var steps []step
	for i := applied - 1; i >= keep; i-- {
		steps = append(steps, step{mig: m.set[i]})
	}
	return steps
}

// SQL returns the text of the named migration's up file, or of its down file when up is
// false.
func (m *Migrator) SQL(name string, up bool) (string, error) {
	i, err := m.resolve(name)
	if err != nil {
		return "", err
	}
	if up {
		return m.set[i].up, nil
	}
	return m.set[i].down, nil
}

// resolve finds a migration by its full name or by its number ("0002" or "2").
func (m *Migrator) resolve(name string) (int, error) {
	if i, ok := m.index[name]; ok {
		return i, nil
	}
	if n, err := strconv.Atoi(name); err == nil && n >= 1 && n <= len(m.set) && name[0] != '-' && name[0] != '+' {
		return n - 1, nil // the set is numbered 1, 2, 3… (readSet checks it)
	}
	return 0, fmt.Errorf("%w %q%s", ErrUnknownMigration, name, m.didYouMean(name))
}

// didYouMean suggests the migration a mistyped name most likely meant: the one whose name
// starts with it, or that is within a few edits of it; "" when none is close.
func (m *Migrator) didYouMean(name string) string {
	best, bestDistance := "", len(name)/3+1
	for _, mig := range m.set {
		if strings.HasPrefix(mig.name, name) && len(name) >= 4 {
			return " (did you mean " + mig.name + "?)"
		}
		if d := editDistance(name, mig.name); d < bestDistance {
			best, bestDistance = mig.name, d
		}
	}
	if best == "" {
		return ""
	}
	return " (did you mean " + best + "?)"
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// run is the frame of every change: one connection (holding the lock on PostgreSQL), the
// history read and checked under the lock, then the planned steps, each in its own
// transaction. The table of records is created by the first step's transaction, so a
// first migration that fails leaves no empty table behind.
func (m *Migrator) run(ctx context.Context, compareChecksums bool, o upOptions, plan func(applied int) ([]step, error)) ([]string, error) {
	s, err := openSession(ctx, m.db, m.log, m.lockWaitLogEvery)
	if err != nil {
		return nil, err
	}
	defer s.close()
	exists, err := hasTable(ctx, s.conn, m.db.Dialect)
	if err != nil {
		return nil, err
	}
	recorded := map[string]record{}
	if exists {
		if err := upgradeTable(ctx, s.conn, m.db.Dialect); err != nil {
			return nil, err
		}
		if recorded, err = readApplied(ctx, s.conn, m.db.Dialect); err != nil {
			return nil, err
		}
	}
	applied, err := m.checkHistory(recorded, compareChecksums)
	if err != nil {
		return nil, err
	}
	steps, err := plan(applied)
	if err != nil {
		return nil, err
	}
	if err := checkDownFiles(steps, recorded); err != nil {
		return nil, err
	}
	if m.afterPlan != nil {
		m.afterPlan()
	}
	var done []string
	for i, st := range steps {
		var changed bool
		switch {
		case st.fake != nil:
			changed, err = applyFake(ctx, s.conn, m.db.Dialect, st.mig, st.fake)
		case i == 0 && st.up && o.fakeInitial && st.mig.name == m.set[0].name:
			changed, err = m.adoptOrApply(ctx, s.conn, st.mig, o.adoption)
		case st.up:
			changed, err = applyUp(ctx, s.conn, m.db.Dialect, m.log, st.mig, m.guard(st.mig))
		default:
			changed, err = applyDown(ctx, s.conn, m.db.Dialect, m.log, st.mig)
		}
		if err != nil {
			return done, err
		}
		if changed {
			done = append(done, st.mig.name)
		}
	}
	return done, nil
}

// adoptOrApply is the first step under FakeInitial: it adopts the tables when any of them
// exists, as Django fakes an initial migration whose tables are there, and applies the
// migration as usual on an empty database.
func (m *Migrator) adoptOrApply(ctx context.Context, conn *sql.Conn, mig migration, report *Adoption) (bool, error) {
	found, err := m.existingInitialTables(ctx, conn)
	if err != nil {
		return false, err
	}
	if len(found) == 0 {
		return applyUp(ctx, conn, m.db.Dialect, m.log, mig, nil)
	}
	return adopt(ctx, conn, m.db.Dialect, mig, report)
}

// guard is what applyUp checks before running mig: that the initial migration's tables do
// not exist yet, so that a Django database is adopted rather than failing halfway in SQL.
func (m *Migrator) guard(mig migration) func(context.Context, *sql.Tx) error {
	if mig.name != m.set[0].name {
		return nil
	}
	return func(ctx context.Context, tx *sql.Tx) error {
		found, err := m.existingInitialTables(ctx, tx)
		if err == nil && len(found) > 0 {
			err = notAdoptedError(found)
		}
		return err
	}
}
