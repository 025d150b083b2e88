#!/bin/sh
# One image, one role per container:
#   init         create the DataStore database and its read-only role if missing
#                and apply CKAN's DataStore permissions; migrate the database (core,
#                extensions, the hub); keep xloader's API token; seed the hub's
#                public figures when ASMHUB_SEED=true; write the figures' tables,
#                create missing views and queue tables not yet loaded
#                (`ckan asmhub datastore sync`); exits when done
#   web          gunicorn on $GUNICORN_BIND (default 0.0.0.0:5000)
#   worker       CKAN's background jobs worker (mail, the hub's jobs, xloader's
#                DataStore loads)
#   gather       ckanext-harvest's gather consumer
#   fetch        ckanext-harvest's fetch consumer
#   harvest-run  `ckan harvester run` every $HARVEST_RUN_INTERVAL seconds: starts
#                scheduled harvest jobs and marks finished ones
# Extra arguments go to the role's command (`worker --burst`, `harvest-run --once`);
# anything else is run as given. docker/checks/entrypoint-local.sh runs this same
# script against local services, without Docker.
#
# xloader's API token (a token of the site user) is made once by `init` and kept in
# $XLOADER_API_TOKEN_FILE, on the ckan_storage volume every CKAN container mounts;
# each container writes it into its own copy of the ini at start.
set -eu
: "${CKAN_INI:?}"
app_dir="${APP_DIR:-/srv/app}"
token_file="${XLOADER_API_TOKEN_FILE:-/var/lib/ckan/secrets/xloader-api-token}"
ckan() { command ckan -c "$CKAN_INI" "$@"; }

# CKAN hands every CKAN_* variable to its ini parser, where a '%' starts an
# interpolation: one stray '%' stops every ckan command, and '%%' reaches the
# setting as two characters. CKAN cannot take a '%' from its environment.
if env | grep -q '^CKAN_[A-Za-z0-9_]*=.*%'; then
  echo "CKAN cannot read a '%' from its environment; choose values without one:" \
    "$(env | grep -o '^CKAN_[A-Za-z0-9_]*=.*%' | cut -d= -f1 | tr '\n' ' ')" >&2
  exit 1
fi
# Secrets are not among the settings CKAN reads from the environment: write them
# into this container's copy of the ini.
: "${CKAN_SECRET_KEY:?set CKAN_SECRET_KEY in docker/.env}"
command ckan config-tool "$CKAN_INI" "SECRET_KEY=$CKAN_SECRET_KEY" \
  "WTF_CSRF_SECRET_KEY=$CKAN_SECRET_KEY" \
  "api_token.jwt.encode.secret=string:$CKAN_SECRET_KEY" \
  "api_token.jwt.decode.secret=string:$CKAN_SECRET_KEY" >/dev/null
: "${CKAN_SQLALCHEMY_URL:?}"
: "${CKAN_DATASTORE_WRITE_URL:?}" "${CKAN_DATASTORE_READ_URL:?}"
until pg_isready -q -d "$CKAN_SQLALCHEMY_URL"; do echo "waiting for PostgreSQL"; sleep 2; done

# The DataStore database named by CKAN_DATASTORE_WRITE_URL, owned by its user, and
# the read-only role of CKAN_DATASTORE_READ_URL (password set from the URL each
# time), created as ckan-docker's database init script does, but idempotently and
# from the init container, so that an existing database volume gets them too.
# Connects with CKAN_SQLALCHEMY_URL, a superuser in the compose stack.
datastore_database() {
  python - <<'PY'
import os
import sys

import psycopg2
from psycopg2 import sql
from sqlalchemy.engine import make_url

write = make_url(os.environ["CKAN_DATASTORE_WRITE_URL"])
read = make_url(os.environ["CKAN_DATASTORE_READ_URL"])
main = make_url(os.environ["CKAN_SQLALCHEMY_URL"])
if write.database != read.database or write.database == main.database:
    sys.exit("CKAN_DATASTORE_WRITE_URL and CKAN_DATASTORE_READ_URL must name the same "
             "database, other than CKAN's")
if read.username in (write.username, main.username):
    sys.exit("CKAN_DATASTORE_READ_URL needs a user of its own (the read-only role)")
connection = psycopg2.connect(os.environ["CKAN_SQLALCHEMY_URL"])
connection.autocommit = True
with connection.cursor() as cursor:
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [read.username])
    exists = cursor.fetchone() is not None
    cursor.execute(sql.SQL("{} ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {}").format(
        sql.SQL("ALTER" if exists else "CREATE"), sql.Identifier(read.username),
        sql.Literal(read.password)))
    if not exists:
        print(f"DataStore: created the read-only role {read.username}")
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [write.database])
    if cursor.fetchone() is None:
        cursor.execute(sql.SQL("CREATE DATABASE {} OWNER {} ENCODING 'UTF8' TEMPLATE template0").format(
            sql.Identifier(write.database), sql.Identifier(write.username)))
        print(f"DataStore: created the database {write.database}")
connection.close()
PY
  # CKAN's permissions script (`\connect`s to the DataStore database), run as a
  # superuser as CKAN requires; captured first so that a failing ckan stops here.
  permissions=$(ckan datastore set-permissions)
  printf '%s\n' "$permissions" \
    | PGOPTIONS="-c client_min_messages=warning" psql -q -v ON_ERROR_STOP=1 "$CKAN_SQLALCHEMY_URL" >/dev/null
}

# init: keep the stored token while it still authenticates the site user (it stops
# doing so once CKAN_SECRET_KEY changes or the token is revoked), else make one.
xloader_token() {
  if [ -s "$token_file" ] && python - "$token_file" <<'PY'
import os
import sys

from ckan.cli import CKANConfigLoader
from ckan.config.middleware import make_app

app = make_app(CKANConfigLoader(os.environ["CKAN_INI"]).get_config())
with app._wsgi_app.test_request_context():
    import ckan.plugins.toolkit as tk
    from ckan.lib.api_token import get_user_from_token

    with open(sys.argv[1]) as stored:
        user = get_user_from_token(stored.read().strip())
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    sys.exit(0 if user is not None and user.name == site_user else 1)
PY
  then
    echo "xloader: keeping the API token in $token_file"
  else
    created=$(ckan asmhub datastore token)
    created=$(printf '%s\n' "$created" | tail -n 1)
    [ -n "$created" ] || { echo "xloader: no API token was made" >&2; exit 1; }
    (umask 077 && mkdir -p "$(dirname "$token_file")" \
      && printf '%s\n' "$created" >"$token_file.new" && mv "$token_file.new" "$token_file")
    echo "xloader: new API token of the site user written to $token_file"
  fi
}

# Every CKAN process that may queue a load (web, harvest, init's seed and sync)
# needs the token in its ini; the worker calls CKAN's API with it.
use_xloader_token() {
  if [ -s "$token_file" ]; then
    command ckan config-tool "$CKAN_INI" "ckanext.xloader.api_token=$(cat "$token_file")" >/dev/null
  elif [ "$1" = required ]; then
    echo "no xloader API token in $token_file: run the init container first" >&2
    exit 1
  fi
}

role="${1:-web}"
[ $# -gt 0 ] && shift
case "$role" in
  init) ;;
  web|worker|gather|fetch|harvest-run) use_xloader_token required ;;
  *) use_xloader_token optional ;;
esac
case "$role" in
  init)
    datastore_database
    ckan db upgrade
    xloader_token
    use_xloader_token required
    if [ "${ASMHUB_SEED:-false}" = "true" ]; then ckan asmhub seed; fi
    ckan asmhub datastore sync ;;
  web)
    exec gunicorn --bind "${GUNICORN_BIND:-0.0.0.0:5000}" --workers "${GUNICORN_WORKERS:-4}" \
      --timeout 120 --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-*}" \
      --access-logfile - --error-logfile - --chdir "$app_dir" "$@" wsgi:application ;;
  # `exec` runs the ckan program, never the function above (and dash has no
  # `command` program to exec).
  worker) exec ckan -c "$CKAN_INI" jobs worker "$@" ;;
  gather) exec ckan -c "$CKAN_INI" harvester gather-consumer "$@" ;;
  fetch)  exec ckan -c "$CKAN_INI" harvester fetch-consumer "$@" ;;
  harvest-run)
    while :; do
      ckan harvester run
      if [ "${1:-}" = "--once" ]; then exit 0; fi
      sleep "${HARVEST_RUN_INTERVAL:-60}"
    done ;;
  *) exec "$role" "$@" ;;
esac
