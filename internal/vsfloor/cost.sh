#!/usr/bin/env bash
# The whole cost of a request to each server, not only its user-space instructions: CPU time of
# the server's process per request, user and system apart (/proc), wrk's CPU per request,
# and, from perf stat attached to the server for the run, its context switches and system
# calls per request (all, and the ones a request makes: read, write, epoll_pwait, futex,
# fcntl, newfstat, nanosleep). The floor (../shared/bench/floor), the store built from this
# tree, and any store binaries given as arguments (an older build, to compare), over
# vs-floor's database; wrk alternates between them, REPEATS times. From the project root:
#   internal/vsfloor/cost.sh [STORE_BINARY...]
# Env: ROUTE (/auth/users/me/), DURATION (5s), REPEATS (3), THREADS (2), CONNS (16),
# PORT (18581: the floor's; the stores take the next ones).
# Counts per request hold on a loaded machine; requests per second and times do not.
set -euo pipefail
BUILD_FLOOR=1 source internal/vsfloor/setup.sh
ROUTE="${ROUTE:-/auth/users/me/}"; DURATION="${DURATION:-5s}"; REPEATS="${REPEATS:-3}"
THREADS="${THREADS:-2}"; CONNS="${CONNS:-16}"; port="${PORT:-18581}"
servers=() ports=()
start() { # NAME COMMAND...: a server on the next port
  local name=$1; shift
  if [ "$name" = floor ]; then
    ADDR=127.0.0.1:$port DB="$WORK/db.sqlite3" "$@" >/dev/null 2>&1 & PIDS+=($!)
  else
    ADDR=127.0.0.1:$port DATABASE_URL="sqlite://$WORK/db.sqlite3" EMAIL_URL=console:// "$@" serve >/dev/null 2>&1 & PIDS+=($!)
  fi
  servers+=("$name:$!:$port"); ports+=("$port"); port=$((port + 1))
}
start floor "$WORK/floor"
start store "$WORK/store"
for bin in "$@"; do start "$(basename "$bin")" "$bin"; done
wait_ports "${ports[@]}"
events=task-clock,context-switches,raw_syscalls:sys_enter
for s in read write epoll_pwait futex fcntl newfstat nanosleep; do events+=",syscalls:sys_enter_$s"; done
for _ in $(seq "$REPEATS"); do
  for s in "${servers[@]}"; do
    IFS=: read -r name pid p <<<"$s"
    # perf counts from before wrk's first request to after its last (attaching takes a
    # while on a loaded machine); the idle server between adds next to nothing.
    perf stat -x, -e "$events" -p "$pid" -o "$WORK/perf.$name" &
    st=$!
    sleep 1
    read -r u0 s0 < <(awk '{print $14, $15}' "/proc/$pid/stat")
    out=$(/usr/bin/time -f "WRKCPU %U %S" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" -H "Authorization: Bearer $ALICE" "http://127.0.0.1:$p$ROUTE" 2>&1)
    kill -INT $st; wait $st || true
    read -r u1 s1 < <(awk '{print $14, $15}' "/proc/$pid/stat")
    reqs=$(echo "$out" | awk '/requests in/ {print $1}'); rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    wrkcpu=$(echo "$out" | awk '/WRKCPU/ {print $2 + $3}')
    counts=$(awk -F, '$3 == "context-switches" {print "cs=" $1} $3 ~ /sys_enter/ {n = $3; sub(/.*sys_enter_?/, "", n); print (n == "" ? "syscalls" : n) "=" $1}' "$WORK/perf.$name" | tr '\n' ' ')
    python3 - "$name" "$reqs" "$rps" "$((u1 - u0))" "$((s1 - s0))" "$(getconf CLK_TCK)" "$wrkcpu" "$counts" <<'PY'
import sys
name, reqs, rps, du, ds, tck, wrk, counts = sys.argv[1:]
r, t = int(reqs), int(tck)
per = " ".join(f"{k}={int(v) / r:.2f}" for k, v in (kv.split("=") for kv in counts.split()))
print(f"{name} rps={rps} user_us={int(du) / t * 1e6 / r:.1f} sys_us={int(ds) / t * 1e6 / r:.1f} wrk_us={float(wrk) * 1e6 / r:.1f}")
print(f"    per request: {per}")
PY
  done
done
