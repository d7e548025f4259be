#!/bin/bash
# The clinic twin's Django original, run as the store's reference is (see
# /work/shared/reference/djoser_store/run.sh):
#
#   run.sh serve                 fresh DB ($TWIN_DB), migrate, gunicorn (2 workers) on $BIND
#   run.sh migrate               migrate $TWIN_DB (creates it)
#   run.sh manage ARGS...        any manage.py command, e.g.
#       DJANGO_SUPERUSER_PASSWORD=pw run.sh manage createsuperuser --noinput --username root --email root@x.io
#
# Environment: TWIN_DB (sqlite path, default ./clinic.sqlite3), BIND (default 127.0.0.1:8000),
# SECRET_KEY, EMAIL_HOST (127.0.0.1), EMAIL_PORT (25), WORKERS (2).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY=/usr/bin/python3
export TWIN_DB="${TWIN_DB:-$PWD/clinic.sqlite3}"
export DJANGO_SETTINGS_MODULE=config.settings
export PYTHONDONTWRITEBYTECODE=1
export PYTHONPATH="$HERE/../../python${PYTHONPATH:+:$PYTHONPATH}"   # templated_mail, shared by the twins
cd "$HERE"
cmd="${1:-serve}"; shift || true
case "$cmd" in
  migrate) exec "$PY" manage.py migrate --noinput -v 0 ;;
  manage)  exec "$PY" manage.py "$@" ;;
  serve)
    rm -f "$TWIN_DB"
    "$PY" manage.py migrate --noinput -v 0
    exec "$PY" -m gunicorn config.wsgi:application \
      --workers "${WORKERS:-2}" --bind "${BIND:-127.0.0.1:8000}" \
      --access-logfile - --log-level warning "$@" ;;
  *) echo "usage: $0 serve|migrate|manage ARGS" >&2; exit 2 ;;
esac
