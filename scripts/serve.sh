#!/usr/bin/env bash
# Serve the hub in the foreground with a background jobs worker and the
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
# Never Werkzeug's debugger: `ckan run` enables it unless told not to, and its
# /console runs code for anyone who gets past its PIN.
"$ckan" -c "$ini" run --host "$host" --port "$port" --disable-reloader --disable-debugger &
echo $! > "$run/web.pid"
wait "$(cat "$run/web.pid")"
