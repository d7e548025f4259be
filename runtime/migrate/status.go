package migrate

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Status describes one migration for a showmigrations command.
type Status struct {
	Name      string
	Applied   bool
	AppliedAt time.Time // UTC; zero when not applied
	// Checksum is the SHA-256 (hex) of the up file as it is now; "" when an applied
	// migration's files are gone.
	Checksum string
	// AppliedChecksum is the checksum recorded when the migration was applied; "" when it
	// is not applied.
	AppliedChecksum string
	// DownChecksum and AppliedDownChecksum are the same for the down file;
	// AppliedDownChecksum is "" too when the migration was applied before down files were
	// checksummed.
	DownChecksum, AppliedDownChecksum string
}

// Edited reports an applied migration whose up or down file has changed since: Up refuses
// to run until the file is restored, and Down to revert it.
func (s Status) Edited() bool {
	if !s.Applied || s.Checksum == "" {
		return false
	}
	return s.Checksum != s.AppliedChecksum || (s.AppliedDownChecksum != "" && s.DownChecksum != s.AppliedDownChecksum)
}

// Missing reports a migration recorded as applied whose files are not in the set.
func (s Status) Missing() bool {
	return s.Applied && s.Checksum == ""
}

// Status lists the migrations of the set in order, then those recorded as applied but
// missing from the set, by name. It takes no lock and does not create the table: before the
// first Up every migration is listed as pending.
func (m *Migrator) Status(ctx context.Context) ([]Status, error) {
	recorded := map[string]record{}
	ok, err := hasTable(ctx, m.db, m.db.Dialect)
	if err != nil {
		return nil, err
	}
	if ok {
		if recorded, err = readApplied(ctx, m.db, m.db.Dialect); err != nil {
			return nil, err
		}
	}
	out := make([]Status, 0, len(m.set)+len(recorded))
	for _, mig := range m.set {
		st := Status{Name: mig.name, Checksum: mig.checksum, DownChecksum: mig.downChecksum}
		if rec, ok := recorded[mig.name]; ok {
			st.Applied, st.AppliedAt, st.AppliedChecksum, st.AppliedDownChecksum = true, rec.appliedAt, rec.checksum, rec.downChecksum
		}
		out = append(out, st)
	}
	var missing []Status
	for name, rec := range recorded {
		if _, ok := m.index[name]; !ok {
			missing = append(missing, Status{Name: name, Applied: true, AppliedAt: rec.appliedAt, AppliedChecksum: rec.checksum, AppliedDownChecksum: rec.downChecksum})
		}
	}
	slices.SortFunc(missing, func(a, b Status) int { return strings.Compare(a.Name, b.Name) })
	return append(out, missing...), nil
}
