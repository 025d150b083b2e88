#!/bin/sh
# web | worker | gather | fetch: one image, one role per container.
set -e
ckan() { command ckan -c "$CKAN_INI" "$@"; }
# Secrets are not among CKAN's environment variables: write them into the ini.
: "${CKAN_SECRET_KEY:?set CKAN_SECRET_KEY in docker/.env}"
command ckan config-tool "$CKAN_INI" "SECRET_KEY=$CKAN_SECRET_KEY" \
  "WTF_CSRF_SECRET_KEY=$CKAN_SECRET_KEY" \
  "api_token.jwt.encode.secret=string:$CKAN_SECRET_KEY" \
  "api_token.jwt.decode.secret=string:$CKAN_SECRET_KEY" >/dev/null
until pg_isready -q -d "$CKAN_SQLALCHEMY_URL"; do echo "waiting for PostgreSQL"; sleep 2; done
case "$1" in
  web)
    ckan db upgrade
    exec gunicorn --bind 0.0.0.0:5000 --workers "${GUNICORN_WORKERS:-4}" --timeout 120 \
      --chdir /srv/app wsgi:application ;;
  worker) exec command ckan -c "$CKAN_INI" jobs worker ;;
  gather) exec command ckan -c "$CKAN_INI" harvester gather-consumer ;;
  fetch)  exec command ckan -c "$CKAN_INI" harvester fetch-consumer ;;
  *) exec "$@" ;;
esac
