#!/usr/bin/env bash
# Serve the hub in the foreground with a background jobs worker and the
# harvest gather and fetch consumers (plus `ckan harvester run` every minute,
# which starts scheduled harvest jobs and closes finished ones).
# A second `make run` stops what the first one started, then serves again.
# Usage: scripts/serve.sh CKAN_COMMAND INI HOST PORT  |  scripts/serve.sh --stop
set -euo pipefail
run=var/run
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
mkdir -p "$run" var/log
stop
sleep 1
"$ckan" -c "$ini" jobs worker >> var/log/worker.log 2>&1 &
echo $! > "$run/worker.pid"
echo "==> Jobs worker started (log: var/log/worker.log)"
"$ckan" -c "$ini" harvester gather-consumer >> var/log/harvest.log 2>&1 &
echo $! > "$run/gather.pid"
"$ckan" -c "$ini" harvester fetch-consumer >> var/log/harvest.log 2>&1 &
echo $! > "$run/fetch.pid"
( while sleep 60; do "$ckan" -c "$ini" harvester run >> var/log/harvest.log 2>&1; done ) &
echo $! > "$run/harvest-run.pid"
echo "==> Harvest consumers started (log: var/log/harvest.log)"
echo "==> Serving ASM Hub at http://$host:$port (Ctrl-C to stop)"
trap 'stop' EXIT
"$ckan" -c "$ini" run --host "$host" --port "$port" --disable-reloader &
echo $! > "$run/web.pid"
wait "$(cat "$run/web.pid")"
