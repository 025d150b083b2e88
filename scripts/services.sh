#!/usr/bin/env bash
# Make sure PostgreSQL 15 and Redis are installed and running, installing them
# with apt on a fresh Debian 12 machine (as root). Safe to run again.
set -euo pipefail

. "$(dirname "$0")/postgres.sh"
log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

need=()
command -v pg_ctlcluster >/dev/null || need+=(postgresql-15 postgresql-contrib)
dpkg -s postgresql-15-postgis-3 >/dev/null 2>&1 || need+=(postgresql-15-postgis-3)
command -v redis-server >/dev/null || need+=(redis-server)
python3 -m venv --help >/dev/null 2>&1 || need+=(python3-venv)
dpkg -s libmagic1 >/dev/null 2>&1 || need+=(libmagic1)
for extra in "$@"; do
  dpkg -s "$extra" >/dev/null 2>&1 || need+=("$extra")
done
if [ ${#need[@]} -gt 0 ]; then
  log "Installing with apt: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if ! pg_lsclusters -h | grep -q '^15 \+main'; then
  log "Creating the PostgreSQL 15 cluster"
  pg_createcluster 15 main >/dev/null
fi
if ! pg_lsclusters -h | awk '$1=="15" && $2=="main" {print $4}' | grep -q online; then
  log "Starting PostgreSQL 15"
  pg_ctlcluster 15 main start
fi
# Debian's 128 MB of shared buffers cannot hold the search index of a large
# hub, and every search then copies its pages in from the OS cache. A quarter
# of the memory (at most 4 GB) is PostgreSQL's own advice; a value someone
# chose is left alone.
if [ "$(as_postgres psql -Atc 'SHOW shared_buffers' 2>/dev/null)" = "128MB" ]; then
  buffers_mb=$(awk '/MemTotal/ {m = int($2 / 4096); print (m > 4096 ? 4096 : m)}' /proc/meminfo)
  log "Setting PostgreSQL shared_buffers to ${buffers_mb} MB (a quarter of the memory)"
  as_postgres psql -qc "ALTER SYSTEM SET shared_buffers = '${buffers_mb}MB'"
  pg_ctlcluster 15 main restart
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432 >/dev/null || { echo "PostgreSQL did not start on 127.0.0.1:5432" >&2; exit 1; }

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  log "Starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no >/dev/null
  for _ in $(seq 1 20); do
    redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break
    sleep 0.5
  done
fi
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || { echo "Redis did not start on 127.0.0.1:6379" >&2; exit 1; }
