# Sourced by this folder's scripts (from the project root): vs-floor's set-up, written once.
# Builds the store (and the floor with BUILD_FLOOR=1) into a fresh $WORK, makes one SQLite
# database with the store's own `migrate`, seeds it with ../shared/bench/floor/make_db.py's
# seed() (users, group, 20 products, a blacklisted token) and sources the tokens it printed
# ($ALICE, $BOB, $BLACKLISTED). Servers started into PIDS are killed and $WORK removed on exit.
FLOOR="$PWD/../shared/bench/floor"
export SECRET_KEY=vs-floor-secret
WORK="$(mktemp -d)"; PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
if [ "${BUILD_FLOOR:-0}" = 1 ]; then (cd "$FLOOR" && go build -o "$WORK/floor" .); fi
go build -o "$WORK/store" ./examples/store
DATABASE_URL="sqlite://$WORK/db.sqlite3" EMAIL_URL=console:// "$WORK/store" migrate >/dev/null
/usr/bin/python3 - "$FLOOR" "$WORK/db.sqlite3" "$SECRET_KEY" "$WORK/tokens" <<'PY'
import sys; sys.path.insert(0, sys.argv[1]); import make_db
make_db.seed(sys.argv[2], sys.argv[3], sys.argv[4])
PY
source "$WORK/tokens"

# wait_ports PORT...: until each answers HTTP on 127.0.0.1 (10 s at most each).
wait_ports() { for port in "$@"; do for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done; done; }
