package twin

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"sync"
)

// operatorScript runs manage.py commands one after another in one Python process, each as
// `python3 manage.py ARGS` would (ManagementUtility, the exit status from SystemExit), so a
// step does not pay Django's start-up (a second or two on a busy machine) each time.
// One JSON request a line: {"args": [...], "password": "..."}; one JSON answer a line:
// {"ok": bool, "output": "..."}.
const operatorScript = `
import contextlib, io, json, os, sys
import django
from django.core.management import ManagementUtility
from django.db import connections
django.setup()
for line in sys.stdin:
    req = json.loads(line)
    if req.get("password"):
        os.environ["DJANGO_SUPERUSER_PASSWORD"] = req["password"]
    else:
        os.environ.pop("DJANGO_SUPERUSER_PASSWORD", None)
    out = io.StringIO()
    ok = True
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            ManagementUtility(["manage.py"] + req["args"]).execute()
        except SystemExit as exit:
            ok = exit.code in (None, 0)
        except Exception as exc:
            ok = False
            print("%s: %s" % (type(exc).__name__, exc))
    connections.close_all()
    sys.__stdout__.write(json.dumps({"ok": ok, "output": out.getvalue()}) + "\n")
    sys.__stdout__.flush()
`

// operator is the Python process running a Django side's commands.
type operator struct {
	mu     sync.Mutex
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	answer *bufio.Scanner
}

func startOperator(dir string, env []string) (*operator, error) {
	cmd := exec.Command(python, "-u", "-c", operatorScript)
	cmd.Dir = dir
	cmd.Env = env
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr lockedBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	answer := bufio.NewScanner(stdout)
	answer.Buffer(make([]byte, 0, 64<<10), 16<<20)
	return &operator{cmd: cmd, stdin: stdin, answer: answer}, nil
}

// run runs one manage.py command and says whether it succeeded, with its output.
func (o *operator) run(_ context.Context, args []string, password string) (bool, string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	req, _ := json.Marshal(map[string]any{"args": args, "password": password})
	if _, err := o.stdin.Write(append(req, '\n')); err != nil {
		return false, fmt.Sprintf("operator process: %v", err)
	}
	if !o.answer.Scan() {
		return false, fmt.Sprintf("operator process ended: %v", o.answer.Err())
	}
	var got struct {
		OK     bool   `json:"ok"`
		Output string `json:"output"`
	}
	if err := json.Unmarshal(o.answer.Bytes(), &got); err != nil {
		return false, fmt.Sprintf("operator process: %v: %s", err, o.answer.Bytes())
	}
	return got.OK, got.Output
}

func (o *operator) close() {
	o.stdin.Close()
	_ = o.cmd.Wait()
}
