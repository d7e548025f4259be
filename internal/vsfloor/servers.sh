#!/usr/bin/env bash
# CPU time per request (user + system, from /proc) and requests per second of the store on each
# of its HTTP servers (HTTP_SERVER=httpserve and net/http), one binary, one database seeded as
# vs-floor's; wrk (2 threads, 16 connections, 5 s) alternates between the two, 3 times per route.
#   internal/vsfloor/servers.sh   (from the project root)
set -euo pipefail
source internal/vsfloor/setup.sh
ADDR=127.0.0.1:18481 HTTP_SERVER=httpserve DATABASE_URL="sqlite://$WORK/db.sqlite3" EMAIL_URL=console:// "$WORK/store" serve >/dev/null 2>&1 & PIDS+=($!); A=$!
ADDR=127.0.0.1:18482 HTTP_SERVER=net/http DATABASE_URL="sqlite://$WORK/db.sqlite3" EMAIL_URL=console:// "$WORK/store" serve >/dev/null 2>&1 & PIDS+=($!); B=$!
wait_ports 18481 18482
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for route in /auth/users/me/ /store/products/; do
for i in 1 2 3; do
  for s in httpserve:$A:18481 net/http:$B:18482; do
    IFS=: read -r name pid port <<<"$s"
    t0=$(ticks $pid)
    out=$(wrk -t2 -c16 -d5s -H "Authorization: Bearer $ALICE" "http://127.0.0.1:$port$route")
    t1=$(ticks $pid)
    reqs=$(echo "$out" | awk '/requests in/ {print $1}'); rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    echo "$route $name rps=$rps cpu_us_per_req=$(python3 -c "print(round(($t1-$t0)/$(getconf CLK_TCK)*1e6/$reqs,1))")"
  done
done
done
