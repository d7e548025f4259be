package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/authgen/authgen/generator"
	"github.com/authgen/authgen/internal/synthspec"
)

// BenchmarkGenerateCommand is `authgen generate` on the synthetic spec of a thousand models
// (see generator's BenchmarkGenerate), end to end: read and validate the spec, emit and
// format, compare with the disk and write. "fresh" writes into an empty directory, as the
// first generation does (2,000 new files: on a slow disk, creating them is a good part of
// the time); "regenerate" finds the output there already, unchanged, as `go generate` does
// on most runs: the stamp of the first generation shows it current (see generator.Regenerate).
//
//	go test ./cmd/authgen -run '^$' -bench GenerateCommand -benchtime 3x
func BenchmarkGenerateCommand(b *testing.B) {
	defer generator.TuneGC()()
	spec := synthspec.Spec(1000)
	newDir := func(b *testing.B) string {
		dir := b.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "authgen.yaml"), spec, 0o644); err != nil {
			b.Fatal(err)
		}
		return dir
	}
	generate := func(b *testing.B, dir string) {
		if code := run([]string{"generate", dir}, io.Discard, os.Stderr); code != 0 {
			b.Fatalf("authgen generate: exit %d", code)
		}
	}
	b.Run("models=1000/fresh", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			dir := newDir(b)
			b.StartTimer()
			generate(b, dir)
		}
	})
	b.Run("models=1000/regenerate", func(b *testing.B) {
		dir := newDir(b)
		generate(b, dir)
		for b.Loop() {
			generate(b, dir)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(entries)), "files")
	})
}
