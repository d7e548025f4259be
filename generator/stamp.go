package generator

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Knowing that nothing changed without rendering anything.
//
// go generate runs every generator of a module, so most runs of `authgen generate` change
// nothing, and rendering a thousand models to find that out takes more than a second. After
// writing, Regenerate keeps a stamp in authgen's cache directory: a key over everything the
// output depends on (the generator binary, by its Go build ID; the spec's path, bytes and the
// options) and the SHA-256 of every file written. The next run reads the spec, computes the
// key and, when it matches, hashes the files on disk: if each still has its recorded content
// and the output directory holds no other generated file and no other migration (the
// migrations are the input of the next one), the output is what generation would write, and
// nothing is rendered. Any change to the spec, the generator or the output misses, and
// generation runs in full. The stamp lives in the cache and not in the output, so that a new
// generator does not change a committed file.

// CacheEnv names the environment variable that sets the directory of the stamps ("off" keeps
// none); the default is authgen under the user's cache directory (os.UserCacheDir).
const CacheEnv = "AUTHGEN_CACHE"

// stamp records one generation: its key and the output's files.
type stamp struct {
	Key   string            `json:"key"`
	Dir   string            `json:"dir"`   // the output directory
	Files map[string]string `json:"files"` // path relative to Dir (slash-separated) → SHA-256, hex
}

// Regenerate is `authgen generate` for the spec at path, returning its summary (see
// Output.Summary): at once, with current set, when the stamp of the last generation shows
// the output current; else after generating, writing, and stamping what it wrote.
func Regenerate(path string, opts Options) (summary string, current bool, err error) {
	key, stampPath, err := stampKey(path, opts)
	if err == nil && stampPath != "" {
		if n, ok := stamped(stampPath, key); ok {
			return upToDate(path, n), true, nil
		}
	}
	out, changes, sums, err := generateAndWrite(path, opts)
	if err != nil {
		return "", false, err
	}
	if key != "" && stampPath != "" {
		// A stamp is only a shortcut: failing to keep one costs the next run its time, not
		// its result.
		if dir, err := filepath.Abs(out.Dir); err == nil {
			_ = writeStamp(stampPath, stamp{Key: key, Dir: dir, Files: sums})
		}
	}
	return out.Summary(changes), false, nil
}

// stampKey returns the key of a generation of the spec at path and the file of its stamp;
// an empty file name when stamps are off.
func stampKey(path string, opts Options) (key, file string, err error) {
	dir := os.Getenv(CacheEnv)
	if dir == "off" {
		return "", "", nil
	}
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return "", "", nil // no cache directory (no HOME): generate in full every time
		}
		dir = filepath.Join(base, "authgen")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", "", err
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return "", "", err
	}
	id, err := generatorID()
	if err != nil {
		return "", "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "authgen stamp 1\x00%s\x00%s\x00%t\x00", id, abs, opts.AllowDataLoss)
	h.Write(src)
	name := sha256.Sum256([]byte(abs))
	return hex.EncodeToString(h.Sum(nil)), filepath.Join(dir, "stamps", hex.EncodeToString(name[:16])+".json"), nil
}

// stamped reports whether the stamp in file has the key and the disk still holds exactly the
// output it records, and how many files that output has.
func stamped(file, key string) (int, bool) {
	data, err := os.ReadFile(file)
	if err != nil {
		return 0, false
	}
	var s stamp
	if json.Unmarshal(data, &s) != nil || s.Key != key || s.Dir == "" {
		return 0, false
	}
	for rel, sum := range s.Files {
		content, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(rel)))
		if err != nil || hashOf(content) != sum {
			return 0, false
		}
	}
	return len(s.Files), !hasOtherOutput(s.Dir, s.Files)
}

// hasOtherOutput reports whether the output directory holds a file that generation would
// remove or read besides the stamped ones: a generated file (stale, see staleFiles) or
// anything under migrations.
func hasOtherOutput(dir string, files map[string]string) bool {
	found := false
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		inMigrations := rel == "migrations" || strings.HasPrefix(rel, "migrations/")
		if d.IsDir() {
			if rel != "." && !inMigrations {
				return filepath.SkipDir
			}
			return nil
		}
		if _, ok := files[rel]; ok {
			return nil
		}
		generated, err := isGenerated(path)
		if err != nil {
			return err
		}
		if inMigrations || generated {
			found = true
			return filepath.SkipAll
		}
		return nil
	})
	return found || err != nil
}

func writeStamp(file string, s stamp) error {
	data, err := json.Marshal(s)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	// Write then rename: a concurrent run reads the old stamp or the new one, never half.
	tmp, err := os.CreateTemp(filepath.Dir(file), ".stamp-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), file)
}

func hashOf(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])
}

// generatorID identifies the running generator: the Go build ID of its executable, which
// changes with any change to the code linked into it, or, where none is found (a binary
// that is not ELF, or built without one), the SHA-256 of the whole executable.
var generatorID = sync.OnceValues(func() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if id := elfBuildID(exe); id != "" {
		return "go:" + id, nil
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
})

// elfBuildID reads the Go build ID from the .note.go.buildid section of an ELF executable
// (a note: name size, description size, type, the name "Go\x00\x00", then the ID);
// "" when there is none.
func elfBuildID(path string) string {
	f, err := elf.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	note, err := sec.Data()
	if err != nil || len(note) < 16 {
		return ""
	}
	nameSize, descSize := f.ByteOrder.Uint32(note[0:]), f.ByteOrder.Uint32(note[4:])
	if nameSize != 4 || string(note[12:16]) != "Go\x00\x00" || uint64(descSize) > uint64(len(note)-16) {
		return ""
	}
	return string(note[16 : 16+descSize])
}
