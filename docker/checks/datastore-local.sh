#!/usr/bin/env bash
# After the entrypoint's `init`: the DataStore database and its read-only role
# exist as CKAN_DATASTORE_WRITE_URL / CKAN_DATASTORE_READ_URL name them, and CKAN's
# permissions (`ckan datastore set-permissions`) hold: the read-only role may
# SELECT the DataStore's tables and may neither CREATE nor write, nor read CKAN's
# own database. Catalogue queries run as postgres; the reader's as the reader,
# through CKAN_DATASTORE_READ_URL.
# Usage: docker/checks/datastore-local.sh DB DATASTORE_DB WRITER READER
#   (from entrypoint-local.sh, with CKAN_DATASTORE_READ_URL exported)
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
db="$1"; ds_db="$2"; writer="$3"; reader="$4"
: "${CKAN_DATASTORE_READ_URL:?}"
failures=0
pass() { printf '  PASS  %s\n' "$*"; }
fail() { printf '  FAIL  %s\n' "$*"; failures=$((failures + 1)); }
. "$repo/scripts/postgres.sh"
catalogue() { as_postgres psql -Atq -d "$ds_db" -c "$1" 2>&1; }
# Run SQL as the reader; prints what psql said (its error, if refused).
as_reader() { PGCONNECT_TIMEOUT=5 psql -Atq -v ON_ERROR_STOP=1 "${2:-$CKAN_DATASTORE_READ_URL}" -c "$1" 2>&1; }

owner=$(catalogue "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '$ds_db'")
if [ "$owner" = "$writer" ]; then
  pass "datastore: init created the database $ds_db, owned by the writer $writer"
else
  fail "datastore: database $ds_db missing or not owned by $writer (owner: ${owner:-none})"
fi
attributes=$(catalogue "SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = '$reader'")
if [ "$attributes" = "t|f|f|f" ]; then
  pass "datastore: init created the read-only role $reader (login; no superuser, createdb, createrole)"
else
  fail "datastore: role $reader missing or not plain (login|super|createdb|createrole: ${attributes:-none})"
fi
public_create=$(catalogue "SELECT has_schema_privilege('public', 'public', 'CREATE')")
metadata_owner=$(catalogue "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = '_table_metadata'")
if [ "$public_create" = f ] && [ "$metadata_owner" = "$writer" ]; then
  pass "datastore: set-permissions applied (no CREATE for PUBLIC, _table_metadata owned by $writer)"
else
  fail "datastore: set-permissions not applied (PUBLIC CREATE: $public_create, _table_metadata owner: ${metadata_owner:-none})"
fi

table=$(as_reader "SELECT name FROM _table_metadata ORDER BY name LIMIT 1")
rows=""
[ -n "$table" ] && rows=$(as_reader "SELECT count(*) FROM \"$table\"")
if [[ "$rows" =~ ^[0-9]+$ ]]; then
  pass "datastore: $reader reads _table_metadata and SELECTs from \"$table\" ($rows rows)"
else
  fail "datastore: $reader cannot SELECT: ${table:-no table in _table_metadata} ${rows}"
fi
out=$(as_reader "CREATE TABLE docker_check_ro (x int)")
if grep -q "permission denied" <<<"$out"; then
  pass "datastore: $reader may not CREATE a table ($(head -1 <<<"$out"))"
else
  fail "datastore: $reader created a table, or failed otherwise: $out"
  as_postgres psql -q -d "$ds_db" -c "DROP TABLE IF EXISTS docker_check_ro" >/dev/null 2>&1
fi
if [ -n "$table" ]; then
  out=$(as_reader "DELETE FROM \"$table\"")
  if grep -q "permission denied" <<<"$out"; then
    pass "datastore: $reader may not write to \"$table\" (DELETE refused)"
  else
    fail "datastore: $reader could DELETE from \"$table\": $out"
  fi
fi
out=$(as_reader 'SELECT count(*) FROM "user"' "${CKAN_DATASTORE_READ_URL%/*}/$db")
if grep -q -e "permission denied" -e "FATAL" <<<"$out"; then
  pass "datastore: $reader cannot read CKAN's database $db ($(head -1 <<<"$out" | cut -c1-80))"
else
  fail "datastore: $reader read CKAN's user table in $db: $out"
fi
[ "$failures" = 0 ]
