package migrate

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/authgen/authgen/runtime/db"
)

// Recording a migration without running it (Django's `migrate app NAME --fake`): for a
// database whose schema is already what the migration makes, by other means. The one case
// authgen knows is a database that an app adopted from Django under migrations written before
// authgen's schema became Django's: the conversion migration that follows has nothing to
// do there and would fail on the names it expects. Fake records exactly one migration, the
// next pending one, with the checksums of its files as they are, so that the history stays
// a prefix of the set and later migrations apply as usual.

// Faked is what Fake recorded.
type Faked struct {
	Name string // the migration's full name
	// Recorded is false when the migration was applied already: nothing was recorded.
	Recorded bool
	// Checksum and DownChecksum are the SHA-256 (hex) of its up and down files, recorded as
	// Up records them.
	Checksum, DownChecksum string
	AppliedAt              time.Time // UTC, to the microsecond
}

// Fake records the named migration as applied without running anything of it. It must be
// the first pending migration: faking one whose predecessors are not applied is
// ErrInconsistentHistory, and nothing is recorded. A migration applied already is left as it
// is (Faked.Recorded is false). The history is checked as Up checks it (checksums included)
// first, under the same lock.
func (m *Migrator) Fake(ctx context.Context, name string) (Faked, error) {
	target, err := m.resolve(name)
	if err != nil {
		return Faked{}, err
	}
	mig := m.set[target]
	faked := Faked{Name: mig.name}
	_, err = m.run(ctx, true, upOptions{}, func(applied int) ([]step, error) {
		switch {
		case target < applied:
			return nil, nil
		case target > applied:
			first := m.set[applied].name
			return nil, fmt.Errorf("%w: cannot fake %s: %s, which comes before it, is not applied; apply it (migrate %s) or fake it first",
				ErrInconsistentHistory, mig.name, first, first)
		}
		return []step{{mig: mig, up: true, fake: &faked}}, nil
	})
	return faked, err
}

// applyFake records mig as applied, in one transaction, and says so in faked. It reports
// false when the migration turned out to be applied already (by another process since the
// plan was made).
func applyFake(ctx context.Context, conn *sql.Conn, dialect db.Dialect, mig migration, faked *Faked) (bool, error) {
	recorded := false
	at := time.Now().UTC().Truncate(time.Microsecond)
	err := inTx(ctx, conn, func(tx *sql.Tx) error {
		if err := ensureTable(ctx, tx, dialect); err != nil {
			return err
		}
		_, done, err := recordedChecksum(ctx, tx, mig.name)
		if err != nil || done {
			return err
		}
		if err := insertRecord(ctx, tx, mig, at); err != nil {
			return err
		}
		recorded = true
		return nil
	})
	if recorded && err == nil {
		*faked = Faked{Name: mig.name, Recorded: true, Checksum: mig.checksum, DownChecksum: mig.downChecksum, AppliedAt: at}
	}
	return recorded && err == nil, err
}
