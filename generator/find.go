package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Find turns command-line patterns into spec paths, as the go command reads packages:
// "./..." is every authgen.yaml below the working directory, "dir/..." every one below dir,
// a directory its authgen.yaml, and a file itself. Directories named testdata, vendor or
// starting with "." or "_" are skipped by "...", as the go command skips them.
func Find(patterns []string) ([]string, error) {
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, pat := range patterns {
		if root, ok := strings.CutSuffix(filepath.ToSlash(pat), "/..."); ok {
			if root == "" {
				root = "."
			}
			found, err := walk(filepath.FromSlash(root))
			if err != nil {
				return nil, err
			}
			if len(found) == 0 {
				return nil, fmt.Errorf("pattern %s: no %s found", pat, SpecName)
			}
			for _, p := range found {
				add(p)
			}
			continue
		}
		info, err := os.Stat(pat)
		if err != nil {
			return nil, err
		}
		if info.IsDir() {
			p := filepath.Join(pat, SpecName)
			if _, err := os.Stat(p); err != nil {
				return nil, fmt.Errorf("%s: no %s in the directory", pat, SpecName)
			}
			add(p)
			continue
		}
		add(pat)
	}
	sort.Strings(out)
	return out, nil
}

func walk(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Name() == SpecName {
			out = append(out, path)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: no such directory", root)
	}
	return out, err
}
