#!/usr/bin/env bash
# Create the DataStore database of a CKAN database, if missing, with its read-only
# role, and (re)apply CKAN's DataStore permissions (`ckan datastore set-permissions`,
# run as postgres). The writer is the hub's role `asmhub`; the reader,
# `asmhub_datastore_ro`, may only SELECT from the DataStore database.
# Idempotent; never drops anything.
# Usage: scripts/datastore.sh CKAN_COMMAND INI DBNAME
#   DBNAME is the CKAN database (made by scripts/database.sh); the DataStore
#   database is DBNAME_datastore.
set -euo pipefail
ckan="$1"; ini="$2"; db="$3"
ds="${db}_datastore"
writer="asmhub"
reader="asmhub_datastore_ro"
. "$(dirname "$0")/postgres.sh"

as_postgres psql -q -v ON_ERROR_STOP=1 -c \
  "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$reader') THEN
     CREATE ROLE $reader LOGIN PASSWORD '$reader' NOSUPERUSER NOCREATEDB NOCREATEROLE; END IF; END \$\$;"
if ! as_postgres psql -Atq -c "SELECT 1 FROM pg_database WHERE datname = '$ds'" | grep -q 1; then
  printf '\033[1m==> Creating DataStore database %s\033[0m\n' "$ds"
  as_postgres createdb -O "$writer" -E UTF8 -T template0 --locale=C.UTF-8 "$ds"
fi
url="postgresql://$writer:$writer@127.0.0.1:5432"
CKAN_SQLALCHEMY_URL="$url/$db" \
CKAN_DATASTORE_WRITE_URL="$url/$ds" \
CKAN_DATASTORE_READ_URL="postgresql://$reader:$reader@127.0.0.1:5432/$ds" \
  "$ckan" -c "$ini" datastore set-permissions \
  | as_postgres psql -q -v ON_ERROR_STOP=1 >/dev/null
