package twin

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/authgen/authgen/internal/smtptest"
)

// side is one running app: its base URL and how to run its operator commands.
type side struct {
	name string
	base string
	// command runs the app's command line (Django: manage.py) with the arguments.
	command func(ctx context.Context, args []string, password string) (ok bool, output string)
	logs    *lockedBuffer
	mail    *mailbox
}

// python is Debian's interpreter, whose site-packages hold the Django stack.
const python = "/usr/bin/python3"

// secretKey signs both sides' tokens; at least 32 bytes, as the Go app wants.
const secretKey = "twin-secret-key-twin-secret-key-0123456789"

// djangoDB is the database of a Django side: an SQLite file, or a PostgreSQL database of
// its own (its schema public), a copy of the project's migrated one (migrateDjangoPostgres).
type djangoDB struct {
	sqlite string   // the file's path, or ""
	pg     *url.URL // the database's URL: its path is its name
	schema string
}

// name is the PostgreSQL database's name.
func (d djangoDB) name() string { return strings.TrimPrefix(d.pg.Path, "/") }

// env is how settings.py learns its database: TWIN_DB (SQLite), or TWIN_PG_NAME,
// TWIN_PG_HOST, TWIN_PG_PORT, TWIN_PG_USER, TWIN_PG_PASSWORD and TWIN_PG_SCHEMA.
func (d djangoDB) env() []string {
	if d.pg == nil {
		return []string{"TWIN_DB=" + d.sqlite}
	}
	password, _ := d.pg.User.Password()
	port := d.pg.Port()
	if port == "" {
		port = "5432"
	}
	return []string{
		"TWIN_PG_NAME=" + d.name(),
		"TWIN_PG_HOST=" + d.pg.Hostname(),
		"TWIN_PG_PORT=" + port,
		"TWIN_PG_USER=" + d.pg.User.Username(),
		"TWIN_PG_PASSWORD=" + password,
		"TWIN_PG_SCHEMA=" + d.schema,
	}
}

// startDjango serves the Django project with one gunicorn worker, so answers come in the
// order of the steps, on a fresh database migrated by manage.py: an SQLite file or a
// PostgreSQL database, each a copy of the one migrated last time for the same project files.
func startDjango(ctx context.Context, f *File, dir, tmp string, database djangoDB, mail *smtptest.Server) (*side, func(), error) {
	project := filepath.Join(dir, "django")
	host, port, _ := net.SplitHostPort(mail.Addr())
	env := append(os.Environ(), database.env()...)
	env = append(env,
		// Django's SMTP backend sends to the side's own server (settings.py reads them).
		"EMAIL_HOST="+host,
		"EMAIL_PORT="+port,
		"SECRET_KEY="+secretKey,
		"DJANGO_SETTINGS_MODULE="+f.Django.Settings,
		"PYTHONDONTWRITEBYTECODE=1",
		// The modules every twin's Django project shares (the templated_mail stand-in djoser
		// imports), kept once beside the twins rather than copied into each project.
		"PYTHONPATH="+filepath.Join(filepath.Dir(dir), "python"),
	)
	env = appendEnv(appendEnv(env, f.Env), f.DjangoEnv)
	if database.pg == nil {
		if err := migrateDjango(ctx, project, database.sqlite, env); err != nil {
			return nil, nil, err
		}
	} else if err := migrateDjangoPostgres(ctx, project, filepath.Base(dir), database, env); err != nil {
		return nil, nil, err
	}
	op, err := startOperator(project, env)
	if err != nil {
		return nil, nil, err
	}
	addr, err := freeAddr()
	if err != nil {
		op.close()
		return nil, nil, err
	}
	cmd := exec.Command(python, "-m", "gunicorn", f.Django.WSGI, "--workers", "1", "--bind", addr,
		"--log-level", "warning", "--timeout", "60")
	cmd.Dir = project
	cmd.Env = env
	s := &side{name: "django", base: "http://" + addr, command: op.run, logs: &lockedBuffer{},
		mail: &mailbox{srv: mail, read: map[string]int{}}}
	stop, err := serve(ctx, cmd, s)
	if err != nil {
		op.close()
		return nil, nil, err
	}
	return s, func() { stop(); op.close() }, nil
}

// migrateDjango makes the database at dbPath: a copy of the cached one migrated from the
// same project files, or manage.py migrate (then cached). Migrating takes seconds.
func migrateDjango(ctx context.Context, project, dbPath string, env []string) error {
	cached := migratedCache(project)
	if cached != "" {
		if err := copyFile(cached, dbPath); err == nil {
			return nil
		}
	}
	cmd := exec.CommandContext(ctx, python, "manage.py", "migrate", "--noinput", "-v", "0")
	cmd.Dir = project
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("django migrate failed: %v\n%s", err, out)
	}
	if cached != "" && os.MkdirAll(filepath.Dir(cached), 0o755) == nil {
		partial := cached + ".partial" + strconv.Itoa(os.Getpid())
		if copyFile(dbPath, partial) == nil {
			_ = os.Rename(partial, cached)
		}
		_ = os.Remove(partial)
	}
	return nil
}

// migratedCache is where the migrated database of these project files is kept: named by a
// hash of every file, so any change to models or migrations misses it. "" when the machine
// has no cache directory.
func migratedCache(project string) string {
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	sum, err := projectHash(project)
	if err != nil {
		return ""
	}
	return filepath.Join(base, "authgen", "twins", sum+".sqlite3")
}

// projectHash is a hash of every file of the Django project (24 hex digits): what the
// migrated database depends on.
func projectHash(project string) (string, error) {
	h := sha256.New()
	err := filepath.WalkDir(project, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "__pycache__" {
			return filepath.SkipDir
		}
		if d.IsDir() {
			return nil
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(project, path)
		fmt.Fprintf(h, "%s\x00%d\x00", rel, len(raw))
		h.Write(raw)
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:24], nil
}

func copyFile(from, to string) error {
	raw, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, raw, 0o644)
}

// startGo serves the built app on a fresh database (it migrates on start).
func startGo(ctx context.Context, f *File, name, binary, databaseURL string, mail *smtptest.Server) (*side, func(), error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, nil, err
	}
	env := append(os.Environ(),
		"DATABASE_URL="+databaseURL,
		"SECRET_KEY="+secretKey,
		"ADDR="+addr,
		"LOG_LEVEL=warn",
		"EMAIL_URL="+mail.URL(),
	)
	env = appendEnv(appendEnv(env, f.Env), f.GoEnv)
	run := func(ctx context.Context, args []string, password string) (bool, string) {
		cmd := exec.CommandContext(ctx, binary, args...)
		cmd.Env = env
		if password != "" {
			cmd.Env = append(cmd.Env[:len(cmd.Env):len(cmd.Env)], "SUPERUSER_PASSWORD="+password)
		}
		out, err := cmd.CombinedOutput()
		return err == nil, string(out)
	}
	cmd := exec.Command(binary, "serve")
	cmd.Env = env
	s := &side{name: name, base: "http://" + addr, command: run, logs: &lockedBuffer{},
		mail: &mailbox{srv: mail, read: map[string]int{}}}
	stop, err := serve(ctx, cmd, s)
	return s, stop, err
}

// serve starts a server and waits until it answers any request; stop ends it.
func serve(ctx context.Context, cmd *exec.Cmd, s *side) (stop func(), err error) {
	cmd.Stdout, cmd.Stderr = s.logs, s.logs
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop = func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	}
	deadline := time.Now().Add(45 * time.Second)
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.base+"/", nil)
		resp, err := httpClient.Do(req)
		if err == nil {
			resp.Body.Close()
			return stop, nil
		}
		select {
		case err := <-exited:
			return nil, fmt.Errorf("%s exited before answering: %v\n%s", s.name, err, s.logs)
		case <-ctx.Done():
			stop()
			return nil, ctx.Err()
		default:
		}
		if time.Now().After(deadline) {
			stop()
			return nil, fmt.Errorf("%s did not answer within 45s:\n%s", s.name, s.logs)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// httpClient bounds every request, so a server that hangs fails the step instead of the run.
var httpClient = &http.Client{
	Timeout: 30 * time.Second,
	// Redirects are answers to compare, not to follow.
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func appendEnv(env []string, extra map[string]string) []string {
	for k, v := range extra {
		env = append(env, k+"="+v)
	}
	return env
}

// lockedBuffer collects a server's output from its two pipes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
