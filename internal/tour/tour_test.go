package tour

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// block is one fenced code block of the tour: its language, the file it names, its text.
type block struct {
	lang, file, text string
}

var fence = regexp.MustCompile("(?ms)^```(\\w+)(?: ([^\\n]+))?\\n(.*?)^```$")

// tourSection is the README's text between the tour's markers.
func tourSection(t *testing.T, readme string) string { return section(t, readme, "tour") }

// section is the README's text between <!-- name… --> and <!-- /name -->.
func section(t *testing.T, readme, name string) string {
	t.Helper()
	start := strings.Index(readme, "<!-- "+name)
	end := strings.Index(readme, "<!-- /"+name+" -->")
	require.True(t, start >= 0 && end > start, "README.md has no <!-- %s … --> … <!-- /%[1]s --> section", name)
	return readme[start:end]
}

func blocks(section string) []block {
	var bs []block
	for _, m := range fence.FindAllStringSubmatch(section, -1) {
		bs = append(bs, block{lang: m[1], file: m[2], text: m[3]})
	}
	return bs
}

// command is one shell command of a sh block (continuation lines joined) and the output the
// README shows under it, if any.
type command struct {
	line, want string
}

func commands(sh string) []command {
	var cmds []command
	var cont string
	for _, line := range strings.Split(strings.TrimRight(sh, "\n"), "\n") {
		if cont == "" && strings.HasPrefix(line, "# ") && len(cmds) > 0 {
			cmds[len(cmds)-1].want = strings.TrimPrefix(line, "# ")
			continue
		}
		if strings.HasSuffix(line, "\\") {
			cont += line + "\n"
			continue
		}
		cmds = append(cmds, command{line: cont + line})
		cont = ""
	}
	return cmds
}

// shellQuote quotes s for bash, single quotes included.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// globPattern is the README's expected output as a bash pattern: "…" matches anything, every
// other character itself.
func globPattern(want string) string {
	var b strings.Builder
	for _, r := range want {
		switch r {
		case '…':
			b.WriteByte('*')
		case '*', '?', '[', ']', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// script turns the tour into one bash script run from dir, with the blocks' files in files,
// followed by the "Your own code" section's blocks (own), run in the tour's module.
// addr replaces the README's localhost:8000, so that the test never meets a server someone
// else runs there.
func script(t *testing.T, bs, own []block, files, addr string) string {
	var s strings.Builder
	s.WriteString(`set -euo pipefail
set -m # job control: "kill %1" stops the server's whole process group, as in a terminal
trap 'for p in $(jobs -p); do kill -- -$p 2>/dev/null || true; done' EXIT
expect() {
  local want=$1 got=$2
  if [[ "$got" != $want ]]; then
    printf 'tour: %s\n  printed: %s\n  README:  %s\n' "$3" "$got" "$4" >&2
    exit 1
  fi
}
`)
	for i, b := range bs {
		path := filepath.Join(files, fmt.Sprint(i))
		require.NoError(t, os.WriteFile(path, []byte(b.text), 0o644))
		switch {
		case b.lang == "sh":
			writeCommands(&s, b.text, addr)
		case b.file != "" && b.lang == "go":
			// A Go file the tour's commands wrote (authgen init): it must be what the README shows.
			fmt.Fprintf(&s, "diff -u %s %s\n", shellQuote(path), shellQuote(b.file))
		case b.file != "":
			// A file the reader writes.
			fmt.Fprintf(&s, "cp %s %s\n", shellQuote(path), shellQuote(b.file))
		}
	}
	for i, b := range own {
		path := filepath.Join(files, fmt.Sprintf("own%d", i))
		require.NoError(t, os.WriteFile(path, []byte(b.text), 0o644))
		switch {
		case b.lang == "sh":
			writeCommands(&s, b.text, addr)
		case b.lang == "yaml" && b.file == "authgen.yaml":
			// The spec's endpoints, instead of the tour's (its last section).
			fmt.Fprintf(&s, "sed -i '/^endpoints:$/,$d' authgen.yaml\ncat %s >> authgen.yaml\n", shellQuote(path))
		case b.file != "":
			// A file the reader writes, Go files included.
			fmt.Fprintf(&s, "cp %s %s\n", shellQuote(path), shellQuote(b.file))
		}
	}
	return s.String()
}

// writeCommands writes a sh block's commands, each echoed, and its output checked against
// the README's "# …" line under it.
func writeCommands(s *strings.Builder, sh, addr string) {
	for _, c := range commands(sh) {
		line := strings.ReplaceAll(c.line, "localhost:8000", addr)
		fmt.Fprintf(s, "echo %s >&2\n", shellQuote("$ "+c.line))
		if c.want == "" {
			s.WriteString(line + "\n")
			continue
		}
		fmt.Fprintf(s, "out=$(%s 2>&1)\nexpect %s \"$out\" %s %s\n", line,
			shellQuote(globPattern(c.want)), shellQuote(c.line), shellQuote(c.want))
	}
}

func repoRoot(t *testing.T) string {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	return root
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return addr
}

// TestREADMETour runs the tour in a temporary module whose replace points at this checkout.
func TestREADMETour(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and serves an app in a fresh module")
	}
	for _, tool := range []string{"bash", "curl", "sed", "diff"} {
		_, err := exec.LookPath(tool)
		require.NoError(t, err, "the tour needs %s", tool)
	}
	root := repoRoot(t)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	tour := tourSection(t, string(readme))
	bs := blocks(tour)
	require.NotEmpty(t, bs)

	own := blocks(section(t, string(readme), "owncode"))
	require.Len(t, own, 3, "the README's own-code section: the spec's endpoints, items.go, the commands")

	work, files := t.TempDir(), t.TempDir()
	addr := freeAddr(t)
	sh := script(t, bs, own, files, addr)

	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-c", sh)
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "AUTHGEN="+root, "ADDR="+addr, "GOWORK=off")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	require.NoError(t, err, "the README's tour failed:\n%s", out.String())
	t.Logf("the tour:\n%s", out.String())

	// The error the README quotes is the one a misspelt permission gets.
	m := regexp.MustCompile("With `requires: (\\S+)`:\\s+`([^`]+)`").FindStringSubmatch(tour)
	require.NotNil(t, m, "the tour quotes no spec error")
	dir := filepath.Join(work, "shop")
	spec, err := os.ReadFile(filepath.Join(dir, "authgen.yaml"))
	require.NoError(t, err)
	bad := strings.Replace(string(spec), "requires: shop.can_restock", "requires: "+m[1], 1)
	require.NotEqual(t, string(spec), bad)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "authgen.yaml"), []byte(bad), 0o644))
	check := exec.CommandContext(ctx, "go", "tool", "authgen", "check")
	check.Dir = dir
	check.Env = append(os.Environ(), "GOWORK=off")
	got, err := check.CombinedOutput()
	require.Error(t, err)
	require.Equal(t, m[2]+"\n", string(got))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "authgen.yaml"), spec, 0o644))

	// The embedding example builds in the tour's module and passes vet.
	embed := blocks(section(t, string(readme), "embed"))
	require.Len(t, embed, 1)
	path := filepath.Join(dir, filepath.FromSlash(embed[0].file))
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(embed[0].text), 0o644))
	vet := exec.CommandContext(ctx, "go", "vet", "./"+filepath.ToSlash(filepath.Dir(embed[0].file)))
	vet.Dir = dir
	vet.Env = append(os.Environ(), "GOWORK=off")
	got, err = vet.CombinedOutput()
	require.NoError(t, err, "go vet of the README's embedding example:\n%s", got)
}

// TestExampleIsTheTour: examples/shop is the tour's app, spec for spec.
func TestExampleIsTheTour(t *testing.T) {
	root := repoRoot(t)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	spec, err := os.ReadFile(filepath.Join(root, "examples", "shop", "authgen.yaml"))
	require.NoError(t, err)
	for _, b := range blocks(tourSection(t, string(readme))) {
		if b.file == "authgen.yaml" {
			require.Equal(t, b.text, string(spec))
			return
		}
	}
	t.Fatal("the tour writes no authgen.yaml")
}
