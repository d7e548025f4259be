package migrate

import (
	"errors"
	"fmt"
	"slices"
)

// checkHistory compares the recorded migrations with the set and returns how many are
// applied; they are the first ones of the set. It reports every problem at once. The
// checksums are compared only when compareChecksums is set (see the package doc, Checksums).
func (m *Migrator) checkHistory(applied map[string]record, compareChecksums bool) (int, error) {
	var problems []error

	var missing []string
	for name := range applied {
		if _, ok := m.index[name]; !ok {
			missing = append(missing, name)
		}
	}
	slices.Sort(missing)
	for _, name := range missing {
		problems = append(problems, fmt.Errorf("%w: %s is recorded as applied but its files are not in the migration set; was it renamed or removed?", ErrMissingMigration, name))
	}

	count := 0
	firstPending := ""
	for _, mig := range m.set {
		rec, ok := applied[mig.name]
		if !ok {
			if firstPending == "" {
				firstPending = mig.name
			}
			continue
		}
		count++
		if firstPending != "" {
			problems = append(problems, fmt.Errorf("%w: %s is applied but %s, which comes before it, is not", ErrInconsistentHistory, mig.name, firstPending))
		}
		if compareChecksums && rec.checksum != mig.checksum {
			problems = append(problems, checksumError(mig, rec.checksum))
		}
		if compareChecksums {
			if err := downChecksumError(mig, rec); err != nil {
				problems = append(problems, err)
			}
		}
	}
	return count, errors.Join(problems...)
}

// checkDownFiles refuses, before any runs, to revert migrations whose down files changed
// since they were applied: the down file that runs must be the one written with the up
// file it reverts.
func checkDownFiles(steps []step, applied map[string]record) error {
	var problems []error
	for _, st := range steps {
		if st.up {
			continue
		}
		if err := downChecksumError(st.mig, applied[st.mig.name]); err != nil {
			problems = append(problems, err)
		}
	}
	return errors.Join(problems...)
}

// downChecksumError reports an applied migration whose down file changed since; a record
// made before down files were checksummed has nothing to compare.
func downChecksumError(mig migration, rec record) error {
	if rec.downChecksum == "" || rec.downChecksum == mig.downChecksum {
		return nil
	}
	return fmt.Errorf("%w: migration %s was applied with a down file of checksum %s but %s%s now has %s; an applied migration's down file must not be edited: restore it as it was applied (from version control), revert the migration, then change it",
		ErrChecksumMismatch, mig.name, rec.downChecksum, mig.name, downSuffix, mig.downChecksum)
}

func checksumError(mig migration, recorded string) error {
	return fmt.Errorf("%w: migration %s was applied with checksum %s but the file now has %s; an applied migration must not be edited — write a new one",
		ErrChecksumMismatch, mig.name, recorded, mig.checksum)
}
