#!/usr/bin/env bash
# Every key in the check's Redis database must lie in a keyspace docker/README.md
# documents ("Redis keyspaces"); prints how many keys each holds.
# Usage: docker/checks/redis-keys.sh REDIS_URL   (from entrypoint-local.sh)
set -uo pipefail
url="$1"
db="${url##*/}"
hostport="${url#redis://}"; hostport="${hostport%%/*}"
# Prefix, then what it is, as in the README's table.
keyspaces=(
  "rq:|CKAN's background jobs (RQ queues, jobs, workers)"
  "ckanext-harvest:|ckanext-harvest's gather and fetch queues (Redis backend)"
  "asmhub:cache:|the hub's caches (own database in the stack)"
  "asmhub:login-failures:|failed-login counts"
)
keys=$(redis-cli -h "${hostport%%:*}" -p "${hostport##*:}" -n "$db" --scan)
unknown=$(printf '%s\n' "$keys" | grep . | while read -r key; do
  known=
  for entry in "${keyspaces[@]}"; do
    [[ "$key" == "${entry%%|*}"* ]] && known=1 && break
  done
  [ -n "$known" ] || echo "$key"
done)
summary=""
for entry in "${keyspaces[@]}"; do
  prefix="${entry%%|*}"
  summary+="$prefix* $(printf '%s\n' "$keys" | grep -c "^$(printf '%s' "$prefix" | sed 's/[.]/\\./g')"), "
done
if [ -z "$unknown" ]; then
  printf '  PASS  redis: every key in a documented keyspace (%s)\n' "${summary%, }"
else
  printf '  FAIL  redis: keys outside the documented keyspaces: %s\n' "$(printf '%s\n' "$unknown" | sed 's/[0-9a-f]\{16,\}/…/g' | sort -u | head -8 | tr '\n' ' ')"
  exit 1
fi
