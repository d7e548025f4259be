// Package migrate applies the SQL migrations that a generated app embeds, on SQLite and
// PostgreSQL, and records each one with a checksum in the authgen_migrations table.
//
// A generated app embeds one directory of migrations per dialect and picks the right one at
// start-up:
//
//	//go:embed migrations
//	var migrations embed.FS
//
//	sub, _ := fs.Sub(migrations, "migrations")
//	fsys, err := migrate.ForDialect(sub, d.Dialect)
//	m, err := migrate.New(d, fsys)
//	applied, err := m.Up(ctx)
//
// # Migration files
//
// The root of the fs.FS holds, for one dialect, pairs of files named NNNN_name.up.sql and
// NNNN_name.down.sql. The migration's name is the file name without .up.sql ("0001_initial").
// Numbers start at 1 and follow each other without gaps or repeats; every up file has its
// down file and every down file its up file. New checks all of this and reports every problem
// at once, wrapped in ErrBadMigrationSet. Other .sql files in the root are errors too, so a
// misnamed migration is never skipped silently; files with other extensions (a README) and
// subdirectories are ignored.
//
// # Applying and reverting
//
// Up applies every pending migration in order and UpTo stops after the named one. Down
// reverts the last n applied migrations and DownTo reverts every migration after the named
// one (Zero reverts them all). All four return the names they applied or reverted, in the
// order they did so, also when they stop at an error. A name may be given in full
// ("0002_products") or by its number ("0002"); an unknown one is ErrUnknownMigration.
//
// Applied migrations are always a prefix of the ordered set. A record whose files are gone
// (ErrMissingMigration) or a pending migration before an applied one (ErrInconsistentHistory)
// stops every change until someone repairs the database or the files.
//
// # Transactions
//
// Each migration runs in a transaction of its own, together with the insertion (or, going
// down, the deletion) of its record: a failing migration leaves neither a half-made schema
// nor a record behind, and its error wraps both ErrMigrationFailed and the database's error.
// Both dialects roll DDL back. A migration file therefore must not contain BEGIN, COMMIT or
// statements that PostgreSQL refuses inside a transaction block (CREATE INDEX CONCURRENTLY,
// VACUUM); on SQLite, PRAGMA foreign_keys has no effect inside one.
//
// On SQLite the migrator's connection runs migrations with foreign keys off, as Django's
// schema editor does: rebuilding a table (create, copy, drop, rename) would otherwise delete
// or null the rows that reference it. PRAGMA foreign_key_check runs in each migration's
// transaction before the commit, so a migration that leaves a dangling reference fails and
// is rolled back; ON DELETE actions do not fire during a migration, so it deletes the rows
// it means to delete itself. The connection's foreign keys are on again when the migrator
// is done with it.
//
// A file is sent to the database whole, in one Exec without arguments: pgx then uses the
// simple query protocol, which accepts several statements, and modernc.org/sqlite runs each
// statement of the text in turn. Nothing is split here, so string literals, comments,
// dollar-quoted function bodies and trigger bodies reach the database as written. Only
// FakeInitial splits the initial migration, to run the statements of the tables it creates.
//
// # Checks before a change of type
//
// A statement right after a line "-- authgen:check table.column: what" or "-- authgen:count
// table.column: what" is run first, in the migration's transaction, and not again with the
// rest of the file. A check selects the rows whose values cannot be converted to their
// column's new type, or that repeat in a column that becomes unique (key, value, and the
// count of all such rows): when it finds any, the migration stops before it changes anything
// with a RefusedRowsError (ErrRefusedRows) naming the table, the column and the first five
// rows. A count is the number of rows a
// conversion cuts to fit, logged with the table and column once the migration is committed.
// authgen writes them for every change of type that can refuse or cut values and for every
// column that becomes unique, up and down.
//
// # Adopting a Django database
//
// A database made by Django has the initial migration's tables but no record of it. Up and
// UpTo refuse to run the initial migration over them (ErrNotAdopted, naming the tables)
// before changing anything, and CheckAdopted tells a showmigrations command. With the
// FakeInitial option, as Django's `migrate --fake-initial`, the initial migration is instead
// checked and recorded: every table and column it would create must exist with a compatible
// type (same family; strings and decimals at least as wide; the same nullability; no
// NOT NULL column without a default that authgen would not write), or every mismatch is
// reported in one ErrIncompatibleSchema and nothing changes. What it would create is learnt
// by running it where it changes nothing: a private in-memory SQLite database, or a scratch
// schema in a PostgreSQL transaction that is rolled back (so the user needs CREATE on the
// database). Then, in one transaction, the tables of authgen's own (authgen_…) are created
// from the migration's statements, the content types and permissions Django lacks are
// added, and the migration is recorded. Later migrations apply as usual. On a database
// without any of the tables, FakeInitial applies the initial migration as Up does.
//
// Fake records one migration as applied without running it, as Django's `migrate app NAME
// --fake`: the next pending one only (its predecessors applied, or ErrInconsistentHistory),
// with its files' checksums, after the history is checked as Up checks it. It is for a
// database that already is what the migration makes, by other means.
//
// The table of records is created in the first migration's transaction, so a first
// migration that fails (or is refused) leaves no empty table behind.
//
// # Checksums
//
// The record of an applied migration keeps the SHA-256 of its up file and of its down file
// (with CRLF line ends read as LF, so a checkout on Windows hashes like one on Linux). When
// either file no longer matches, Up and UpTo refuse to run with ErrChecksumMismatch naming
// the migration and both checksums: an applied migration must not be edited, a new one must
// be written. Down and DownTo refuse, before reverting anything, a migration whose down file
// changed since it was applied: what reverts it must be what was written with it. They do not
// compare up files, so a developer can revert a migration and then rewrite it; applying it
// again records the new checksums. A record made before down files were checksummed (its
// table gains the down_checksum column on the next Up or Down) has no down checksum, and its
// down file is not compared.
//
// # Concurrency
//
// Several instances of an app may start at once against one database; each migration is
// applied exactly once. On PostgreSQL the migrator holds the session advisory lock
// AdvisoryLockKey on a dedicated connection while it works, and reads the applied set only
// after taking it; a migrator of a schema other than public shares that lock with the
// migrators of other schemas and holds its schema's (SchemaLockKey) alone, so that apps
// (and tests) in separate schemas of one database do not wait for each other. While it waits for the lock it logs a line every five seconds (to the
// Logger option's logger, else slog.Default()) naming the session that holds it: its process
// id, application name, client address and state. On SQLite, runtime/db opens transactions with BEGIN IMMEDIATE, which lets
// one writer in at a time; each migration's transaction re-reads its record before running
// and skips a migration that another process applied in the meantime. A Migrator holds no
// state besides its files and may be used from several goroutines.
//
// # Status
//
// Status lists every migration with whether and when it was applied, and flags applied
// migrations that were edited or whose files are gone, for a showmigrations command; it
// neither locks nor creates the table. SQL returns a migration's text for a sqlmigrate
// command.
package migrate
