#!/usr/bin/env bash
# Serve the hub in the foreground (gunicorn) with a background jobs worker and the
# harvest gather and fetch consumers (plus `ckan harvester run` every minute,
# which starts scheduled harvest jobs and closes finished ones).
# A second `make run` stops what the first one started, then serves again.
# Usage: scripts/serve.sh CKAN_COMMAND INI HOST PORT  |  scripts/serve.sh --stop
set -euo pipefail
# ASMHUB_RUN_DIR / ASMHUB_LOG_DIR let a test serve beside a running hub.
run=${ASMHUB_RUN_DIR:-var/run}
log=${ASMHUB_LOG_DIR:-var/log}
stop() {
  for name in worker gather fetch harvest-run web; do
    if [ -f "$run/$name.pid" ]; then
      kill "$(cat "$run/$name.pid")" 2>/dev/null || true
      rm -f "$run/$name.pid"
    fi
  done
}
if [ "${1:-}" = "--stop" ]; then stop; exit 0; fi
ckan="$1"; ini="$2"; host="$3"; port="$4"
mkdir -p "$run" "$log"
log=$(cd "$log" && pwd)  # absolute: gunicorn changes into docker/
stop
sleep 1
"$ckan" -c "$ini" jobs worker >> "$log/worker.log" 2>&1 &
echo $! > "$run/worker.pid"
echo "==> Jobs worker started (log: $log/worker.log)"
"$ckan" -c "$ini" harvester gather-consumer >> "$log/harvest.log" 2>&1 &
echo $! > "$run/gather.pid"
"$ckan" -c "$ini" harvester fetch-consumer >> "$log/harvest.log" 2>&1 &
echo $! > "$run/fetch.pid"
( while sleep 60; do "$ckan" -c "$ini" harvester run >> "$log/harvest.log" 2>&1; done ) &
echo $! > "$run/harvest-run.pid"
echo "==> Harvest consumers started (log: $log/harvest.log)"
echo "==> Serving ASM Hub at http://$host:$port (Ctrl-C to stop)"
trap 'stop' EXIT
# gunicorn with several workers, as in production (docker/wsgi.py is the entry point
# for both): one slow request never holds up the others, and there is no debugger.
CKAN_INI="$(cd "$(dirname "$ini")" && pwd)/$(basename "$ini")" "$(dirname "$ckan")/gunicorn" \
  --chdir docker --bind "$host:$port" --workers "${ASMHUB_WORKERS:-4}" --timeout 120 \
  --access-logfile "$log/access.log" --error-logfile - wsgi:application &
echo $! > "$run/web.pid"
wait "$(cat "$run/web.pid")"
