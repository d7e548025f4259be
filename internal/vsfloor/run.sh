#!/usr/bin/env bash
# Instructions per request of the generated store and of the hand-written floor
# (../shared/bench/floor), route by route, counted by callgrind: a figure the neighbours'
# load does not move, where vs-floor's requests per second do. The setup is vs-floor's: one
# SQLite database made by the store's own `migrate` and seeded by the floor's make_db.py.
# Each server runs under callgrind; per route, WARM requests fill the caches, the counters
# are zeroed, N requests are sent one after another on one connection (./internal/vsfloor),
# and the counters dumped.
#   internal/vsfloor/run.sh                  (from the project root)
# Env: N (1000), WARM (200), ROUTES ("verify me products"), KEEP (a directory to keep the
# callgrind files in, for callgrind_annotate), FLOOR_PORT and STORE_PORT (18381, 18382: set
# others to run beside another run of this script). Prints per route the instructions per request
# of each and floor/store (1.00: the store does what the floor does; vs-floor's target is 0.95).
set -euo pipefail
N="${N:-1000}"; WARM="${WARM:-200}"; ROUTES="${ROUTES:-verify me products}"
FLOOR_PORT="${FLOOR_PORT:-18381}"; STORE_PORT="${STORE_PORT:-18382}"
# Go's asynchronous preemption signals crash callgrind (threads.c assertion); the two
# servers run without them alike.
export GODEBUG=asyncpreemptoff=1
BUILD_FLOOR=1 source internal/vsfloor/setup.sh
go build -o "$WORK/driver" ./internal/vsfloor

measure() { # NAME PORT COMMAND...: one server under callgrind, every route
  local name=$1 port=$2; shift 2
  valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.$name" "$@" >"$WORK/$name.log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done
  local part=0
  for route in $ROUTES; do
    "$WORK/driver" -addr "127.0.0.1:$port" -route "$route" -n "$WARM" -token "$ALICE" >/dev/null
    callgrind_control -z "$pid" >/dev/null 2>&1
    "$WORK/driver" -addr "127.0.0.1:$port" -route "$route" -n "$N" -token "$ALICE" >/dev/null
    callgrind_control -d "$route" "$pid" >/dev/null 2>&1
    part=$((part + 1))
    # The dump is written by the server's thread after callgrind_control returns (late on a
    # loaded machine): wait for its totals line, the last it writes.
    for _ in $(seq 600); do grep -qs '^totals:' "$WORK/cg.$name.$part" && break; sleep 0.1; done
    local ir; ir=$(awk '/^totals:/ {print $2}' "$WORK/cg.$name.$part")
    echo "$name $route $((ir / N))"
    if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP"; cp "$WORK/cg.$name.$part" "$KEEP/callgrind.$name.$route"; fi
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
{
  ADDR=127.0.0.1:$FLOOR_PORT DB="$WORK/db.sqlite3" measure floor "$FLOOR_PORT" "$WORK/floor"
  ADDR=127.0.0.1:$STORE_PORT DATABASE_URL="sqlite://$WORK/db.sqlite3" EMAIL_URL=console:// measure store "$STORE_PORT" "$WORK/store" serve
} | tee "$WORK/results"
python3 - "$WORK/results" "$N" <<'PY'
import sys
ir = {}
for line in open(sys.argv[1]):
    server, route, n = line.split()
    ir[(server, route)] = int(n)
for route in dict.fromkeys(r for _, r in ir):
    f, s = ir[("floor", route)], ir[("store", route)]
    print(f"{route}: floor {f:,} instr/req, store {s:,} instr/req, floor/store {f / s:.2f}  (N={sys.argv[2]})")
PY
