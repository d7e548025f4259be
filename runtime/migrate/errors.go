package migrate

import "errors"

var (
	// ErrBadMigrationSet reports migration files that do not form a valid set: a bad file
	// name, a gap or a repeat in the numbering, an up file without its down file or the
	// reverse.
	ErrBadMigrationSet = errors.New("migrate: bad migration set")

	// ErrChecksumMismatch reports an applied migration whose up file has changed since.
	ErrChecksumMismatch = errors.New("migrate: checksum mismatch")

	// ErrMissingMigration reports a migration recorded as applied whose files are not in
	// the migration set.
	ErrMissingMigration = errors.New("migrate: applied migration missing")

	// ErrInconsistentHistory reports an applied migration that follows a pending one.
	ErrInconsistentHistory = errors.New("migrate: inconsistent migration history")

	// ErrMigrationFailed wraps the database's error when a migration's SQL fails; the
	// migration's transaction has been rolled back.
	ErrMigrationFailed = errors.New("migrate: migration failed")

	// ErrUnknownMigration reports a name given to UpTo, DownTo or SQL that names no
	// migration of the set.
	ErrUnknownMigration = errors.New("migrate: unknown migration")

	// ErrBadSteps reports a step count given to Down that is negative or larger than the
	// number of applied migrations.
	ErrBadSteps = errors.New("migrate: bad number of steps")

	// ErrUnsupportedDialect reports a database or dialect that is neither SQLite nor
	// PostgreSQL.
	ErrUnsupportedDialect = errors.New("migrate: unsupported dialect")
)
