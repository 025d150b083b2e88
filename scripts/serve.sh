#!/usr/bin/env bash
# Serve the hub under supervisord (config/supervisord.conf): gunicorn workers,
# the jobs worker, the harvest consumers and scheduler, and the local mail
# sink; supervisord starts again any of them that dies. It runs in the
# foreground: Ctrl-C, or `make stop` from another terminal, stops them all.
# A second `make run` stops what the first one started, then serves again.
# Usage: scripts/serve.sh CKAN_COMMAND INI HOST PORT  |  scripts/serve.sh --stop
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# ASMHUB_RUN_DIR / ASMHUB_LOG_DIR let a test serve beside a running hub.
mkdir -p "${ASMHUB_RUN_DIR:-var/run}" "${ASMHUB_LOG_DIR:-var/log}"
export ASMHUB_RUN_DIR=$(cd "${ASMHUB_RUN_DIR:-var/run}" && pwd)
export ASMHUB_LOG_DIR=$(cd "${ASMHUB_LOG_DIR:-var/log}" && pwd)
conf="$root/config/supervisord.conf"

stop() {
  local pidfile="$ASMHUB_RUN_DIR/supervisord.pid" pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null || { rm -f "$pidfile"; return 0; }
  # supervisord removes its pid file once every program has stopped.
  for _ in $(seq 120); do [ -f "$pidfile" ] && kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  rm -f "$pidfile"
}
if [ "${1:-}" = "--stop" ]; then stop; exit 0; fi

ckan="$1"; ini="$2"; host="$3"; port="$4"
stop
export ASMHUB_ROOT="$root" ASMHUB_BIN=$(cd "$(dirname "$ckan")" && pwd)
export CKAN_INI="$(cd "$(dirname "$ini")" && pwd)/$(basename "$ini")"
export ASMHUB_BIND="$host:$port" ASMHUB_WORKERS="${ASMHUB_WORKERS:-4}"
export ASMHUB_MAIL_DIR="${ASMHUB_MAIL_DIR:-$root/var/mail}"
echo "==> Serving ASM Hub at http://$host:$port with $ASMHUB_WORKERS web workers (Ctrl-C or 'make stop' to stop)"
echo "    jobs worker, harvest consumers, mail sink: logs in $ASMHUB_LOG_DIR"
echo "    mail: http://$host:$port/ckan-admin/outbox (sysadmins); delivered copies in $ASMHUB_MAIL_DIR/new"
exec "$ASMHUB_BIN/supervisord" -c "$conf"
