package migrate

import "time"

// SplitStatementsForTest exposes the splitter to the external tests.
var SplitStatementsForTest = splitStatements

// SetLockWaitLogEvery shortens how often m logs that it waits for the migration lock.
func SetLockWaitLogEvery(m *Migrator, every time.Duration) { m.lockWaitLogEvery = every }
