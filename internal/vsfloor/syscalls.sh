#!/usr/bin/env bash
# Syscalls per request of the floor (../shared/bench/floor) and the store under a short wrk
# run: strace -f -c attached to each server while wrk (1 thread, 4 connections, 3 s) loads
# one route, warmed by 1 s of the same. From the project root:
#   internal/vsfloor/syscalls.sh   (STORE_SERVER=net/http: the store on http.Server)
set -euo pipefail
BUILD_FLOOR=1 source internal/vsfloor/setup.sh
ADDR=127.0.0.1:18281 DB="$WORK/db.sqlite3" "$WORK/floor" 2>"$WORK/floor.log" & PIDS+=($!); FPID=$!
ADDR=127.0.0.1:18282 DATABASE_URL="sqlite://$WORK/db.sqlite3" EMAIL_URL=console:// HTTP_SERVER="${STORE_SERVER:-httpserve}" "$WORK/store" serve >"$WORK/store.log" 2>&1 & PIDS+=($!); SPID=$!
wait_ports 18281 18282
for route in /auth/users/me/ /store/products/; do
  for s in floor:$FPID:18281 store:$SPID:18282; do
    IFS=: read -r name pid port <<<"$s"
    wrk -t1 -c4 -d1s -H "Authorization: Bearer $ALICE" "http://127.0.0.1:$port$route" >/dev/null # warm
    strace -f -c -p "$pid" -o "$WORK/strace.$name" 2>/dev/null & st=$!
    sleep 1
    out=$(wrk -t1 -c4 -d3s -H "Authorization: Bearer $ALICE" "http://127.0.0.1:$port$route")
    sleep 0.5; kill -INT $st; wait $st 2>/dev/null || true
    reqs=$(echo "$out" | awk '/requests in/ {print $1}')
    calls=$(awk '$NF == "total" {print $4}' "$WORK/strace.$name")
    echo "$name $route requests=$reqs syscalls=$calls per_request=$(python3 -c "print(round($calls/$reqs, 2))")"
    grep -E "^ *[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9]+ " "$WORK/strace.$name" | awk -v r="$reqs" '{printf "    %s %.2f/req\n", $NF, $4/r}' | head -10
  done
done
