#!/bin/sh
# One image, one role per container:
#   init         migrate the database (core, extensions, the hub), then seed the
#                hub's public figures when ASMHUB_SEED=true; exits when done
#   web          gunicorn on $GUNICORN_BIND (default 0.0.0.0:5000)
#   worker       CKAN's background jobs worker (mail, the hub's jobs)
#   gather       ckanext-harvest's gather consumer
#   fetch        ckanext-harvest's fetch consumer
#   harvest-run  `ckan harvester run` every $HARVEST_RUN_INTERVAL seconds: starts
#                scheduled harvest jobs and marks finished ones
# Extra arguments go to the role's command (`worker --burst`, `harvest-run --once`);
# anything else is run as given. docker/checks/entrypoint-local.sh runs this same
# script against local services, without Docker.
set -eu
: "${CKAN_INI:?}"
app_dir="${APP_DIR:-/srv/app}"
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
until pg_isready -q -d "$CKAN_SQLALCHEMY_URL"; do echo "waiting for PostgreSQL"; sleep 2; done

role="${1:-web}"
[ $# -gt 0 ] && shift
case "$role" in
  init)
    ckan db upgrade
    if [ "${ASMHUB_SEED:-false}" = "true" ]; then ckan asmhub seed; fi ;;
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
