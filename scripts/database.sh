#!/usr/bin/env bash
# Create the hub's database role and the named database if they are missing,
# with the trusted extensions the search index uses. Never drops anything.
# Usage: scripts/database.sh DBNAME
set -euo pipefail
db="$1"
role="asmhub"
. "$(dirname "$0")/postgres.sh"

as_postgres psql -q -v ON_ERROR_STOP=1 -c \
  "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$role') THEN
     CREATE ROLE $role LOGIN PASSWORD '$role'; END IF; END \$\$;"
if ! as_postgres psql -Atq -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
  printf '\033[1m==> Creating database %s\033[0m\n' "$db"
  as_postgres createdb -O "$role" -E UTF8 -T template0 --locale=C.UTF-8 "$db"
fi
as_postgres psql -q -d "$db" -c "CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pg_trgm;"
