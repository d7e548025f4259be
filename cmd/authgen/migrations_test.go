package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMigrationsFollowTheSpec: generate writes the next migration when the spec changes,
// check fails naming it until it is written, and a loss of data needs --allow-data-loss.
func TestMigrationsFollowTheSpec(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "authgen.yaml", minimalSpec)
	code, _, stderr := authgen(t, "generate")
	require.Equal(t, 0, code, stderr)
	require.True(t, exists(dir, "migrations/schema.json"))
	code, _, stderr = authgen(t, "check")
	require.Equal(t, 0, code)
	require.Empty(t, stderr)

	withBody := strings.Replace(minimalSpec, "      title: {type: string, max_length: 100}\n",
		"      title: {type: string, max_length: 100}\n      body: {type: text, null: true}\n", 1)
	writeFile(t, dir, "authgen.yaml", withBody)
	code, stdout, stderr := authgen(t, "check")
	require.Equal(t, 1, code, "a migration not written fails the check, as makemigrations --check")
	require.Empty(t, stdout)
	require.Equal(t, "authgen.yaml: migration 0002_note_body is not written: the spec's schema changed and no migration takes the change yet; run authgen generate to write it\n", stderr)

	code, _, stderr = authgen(t, "generate")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, readFile(t, dir, "migrations/sqlite/0002_note_body.up.sql"), `ALTER TABLE "notes_note" ADD COLUMN "body" text NULL;`)
	require.Contains(t, readFile(t, dir, "migrations/postgres/0002_note_body.down.sql"), `ALTER TABLE "notes_note" DROP COLUMN "body";`)
	code, _, stderr = authgen(t, "check")
	require.Equal(t, 0, code)
	require.Empty(t, stderr)

	// Dropping the field again loses its values: refused, with the spec's position…
	writeFile(t, dir, "authgen.yaml", minimalSpec)
	code, _, stderr = authgen(t, "generate")
	require.Equal(t, 1, code)
	require.Equal(t, `authgen.yaml:4:3: model Note: field "body" was removed: dropping its column "body" loses its values; if it was renamed, say so with renamed_from: body on the new field; to drop it, set allow_data_loss: true on the model (or run authgen generate --allow-data-loss)`+"\n", stderr)
	require.False(t, exists(dir, "migrations/sqlite/0003_remove_note_body.up.sql"))
	require.Contains(t, readFile(t, dir, "note_model.go"), "\tBody ", "a refused migration writes nothing, not even the Go files rendered beside it")
	code, _, stderr = authgen(t, "check")
	require.Equal(t, 1, code, "check reports what generate would refuse")
	require.Contains(t, stderr, `authgen.yaml:4:3: model Note: field "body" was removed`)

	// …unless the command line says it is intended.
	code, _, stderr = authgen(t, "generate", "--allow-data-loss")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, readFile(t, dir, "migrations/postgres/0003_remove_note_body.up.sql"), `ALTER TABLE "notes_note" DROP COLUMN "body";`)
}

// TestGenerateSummary: generate says in one line what it did — and that nothing needed doing.
func TestGenerateSummary(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "authgen.yaml", minimalSpec)
	code, stdout, stderr := authgen(t, "generate")
	require.Equal(t, 0, code, stderr)
	require.Equal(t, "authgen: authgen.yaml: 15 files written (15 new), 0 unchanged, 0 removed; new migration 0001_initial\n", stdout)

	code, stdout, stderr = authgen(t, "generate")
	require.Equal(t, 0, code, stderr)
	require.Equal(t, "authgen: authgen.yaml: up to date (15 files)\n", stdout)

	writeFile(t, dir, "authgen.yaml", strings.Replace(minimalSpec, "max_length: 100", "max_length: 100}\n      body: {type: text, null: true", 1))
	code, stdout, stderr = authgen(t, "generate")
	require.Equal(t, 0, code, stderr)
	require.Equal(t, "authgen: authgen.yaml: 8 files written (4 new), 11 unchanged, 0 removed; new migration 0002_note_body\n", stdout)
}
