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
	}
	return count, errors.Join(problems...)
}

func checksumError(mig migration, recorded string) error {
	return fmt.Errorf("%w: migration %s was applied with checksum %s but the file now has %s; an applied migration must not be edited — write a new one",
		ErrChecksumMismatch, mig.name, recorded, mig.checksum)
}
