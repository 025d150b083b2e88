#!/usr/bin/env bash
# Run docker/entrypoint.sh, role by role, against this machine's PostgreSQL and
# Redis, with no Docker: what each container of docker-compose.yml would do at
# start. The site directory var/docker-check/site stands for the image's /srv/app
# (docker/ckan.ini, config/hub.ini and docker/wsgi.py side by side) and the
# virtualenv from image-venv.sh for the image's /opt/venv.
#
# What differs from the stack, and why: no Solr here, so search runs on PostgreSQL
# (search_backend = postgres, without spatial_query); CKAN's role is a superuser
# named after the check's database (as `ckan`, POSTGRES_USER, is in the stack), the
# DataStore database and read-only role are DB_datastore and DB_ro, and xloader
# reaches gunicorn on 127.0.0.1 instead of http://ckan:5000; the hub's cache shares the
# check's Redis database instead of having database 1; mail goes to a local SMTP
# sink (aiosmtpd) so that the message CKAN sends through CKAN_SMTP_* can be read
# back; nginx (Debian's, if installed) proxies to gunicorn on 127.0.0.1.
#
# Usage: docker/checks/entrypoint-local.sh VENV
# Environment: DOCKER_CHECK_DB (default asmhub_docker),
#              DOCKER_CHECK_REDIS (default redis://127.0.0.1:6379/6);
# both are emptied first (and DB_datastore dropped, the role DB_ro too), so that
# every run is a first start. The role DB gets a new password each run and loses
# its login when the run ends.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
venv=$(cd "$1" && pwd)
db="${DOCKER_CHECK_DB:-asmhub_docker}"
ds_db="${db}_datastore"
pg_role="$db"
ro_role="${db}_ro"
redis_url="${DOCKER_CHECK_REDIS:-redis://127.0.0.1:6379/6}"
work="$repo/var/docker-check"
site="$work/site"
logs="$work/logs"
failures=0
pids=()

pass() { printf '  PASS  %s\n' "$*"; }
fail() { printf '  FAIL  %s\n' "$*"; failures=$((failures + 1)); }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  as_postgres psql -q -c "ALTER ROLE $pg_role NOLOGIN" 2>/dev/null
}
trap cleanup EXIT
# Wait up to $1 seconds for a URL to answer 200.
wait_for() {
  for _ in $(seq 1 "$1"); do
    curl -fsS -o /dev/null "$2" 2>/dev/null && return 0
    sleep 1
  done
  return 1
}

# A first start, every time: the check's own database and Redis database are
# emptied (never point DOCKER_CHECK_DB or DOCKER_CHECK_REDIS at data you keep).
. "$repo/scripts/postgres.sh"
as_postgres dropdb --if-exists "$ds_db"
as_postgres dropdb --if-exists "$db"
as_postgres psql -q -c "DROP ROLE IF EXISTS $ro_role"
bash "$repo/scripts/database.sh" "$db" >/dev/null
pg_password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
ro_password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
as_postgres psql -q -v ON_ERROR_STOP=1 -c \
  "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$pg_role') THEN
     CREATE ROLE $pg_role; END IF; END \$\$;" \
  -c "ALTER ROLE $pg_role LOGIN SUPERUSER PASSWORD '$pg_password'" || exit 1
redis_hostport="${redis_url#redis://}"; redis_hostport="${redis_hostport%%/*}"
redis-cli -h "${redis_hostport%%:*}" -p "${redis_hostport##*:}" -n "${redis_url##*/}" flushdb >/dev/null
rm -rf "$site" "$logs" "$work/storage"
mkdir -p "$site" "$logs" "$work/storage"
cp "$repo/docker/ckan.ini" "$repo/config/hub.ini" "$repo/docker/wsgi.py" "$site/"
cp "$repo/docker/entrypoint.sh" "$site/entrypoint.sh"
plugins=$(sed -n 's/^ckan.plugins *= *//p' "$site/ckan.ini" | sed 's/ spatial_query//')
web_port=$(free_port)
smtp_port=$(free_port)
"$venv/bin/ckan" config-tool "$site/ckan.ini" \
  "ckanext.asmhub.search_backend=postgres" "ckan.plugins=$plugins" \
  "ckanext.asmhub.cache.redis_url=$redis_url" "ckan.storage_path=$work/storage" \
  "ckanext.xloader.site_url=http://127.0.0.1:$web_port" >/dev/null

export PATH="$venv/bin:$PATH"
export CKAN_INI="$site/ckan.ini" APP_DIR="$site"
export CKAN_SQLALCHEMY_URL="postgresql://$pg_role:$pg_password@127.0.0.1:5432/$db"
export CKAN_DATASTORE_WRITE_URL="postgresql://$pg_role:$pg_password@127.0.0.1:5432/$ds_db"
export CKAN_DATASTORE_READ_URL="postgresql://$ro_role:$ro_password@127.0.0.1:5432/$ds_db"
export XLOADER_API_TOKEN_FILE="$work/storage/secrets/xloader-api-token"
export CKAN_REDIS_URL="$redis_url"
export CKAN_SITE_URL="http://127.0.0.1:$web_port"
CKAN_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
export CKAN_SECRET_KEY
export CKAN_SMTP_SERVER="127.0.0.1:$smtp_port" CKAN_SMTP_STARTTLS=false
export CKAN_SMTP_MAIL_FROM="asmhub-check@example.org"
export CKAN_MAX_UPLOAD_SIZE_MB=10 ASMHUB_SEED=true
export GUNICORN_BIND="127.0.0.1:$web_port" GUNICORN_WORKERS=2
entry="$site/entrypoint.sh"

echo "entrypoint: databases $db and $ds_db, Redis $redis_url, site $site"

# A '%' in a CKAN_* variable is refused before anything runs.
if CKAN_SMTP_PASSWORD='50%off' "$entry" init >"$logs/percent.log" 2>&1; then
  fail "a CKAN_* value holding '%' was accepted"
elif grep -q CKAN_SMTP_PASSWORD "$logs/percent.log"; then
  pass "a CKAN_* value holding '%' is refused, naming the variable"
else
  fail "a CKAN_* value holding '%' failed without naming it (logs/percent.log)"
fi

# init: secrets into the ini, wait for PostgreSQL, migrate, seed.
if "$entry" init >"$logs/init.log" 2>&1; then
  pass "init: ckan db upgrade and asmhub seed ($(grep -c . "$logs/init.log") log lines)"
else
  fail "init exited non-zero: $(tail -3 "$logs/init.log" | tr '\n' ' ')"
fi
if grep -q "^SECRET_KEY *= *$CKAN_SECRET_KEY\$" "$site/ckan.ini" \
   && grep -q "^api_token.jwt.decode.secret *= *string:$CKAN_SECRET_KEY\$" "$site/ckan.ini"; then
  pass "init: CKAN_SECRET_KEY written into the ini (SECRET_KEY, JWT secrets)"
else
  fail "init: the secrets are not in the ini"
fi
pending=$("$entry" ckan -c "$CKAN_INI" db pending-migrations 2>/dev/null)
if grep -q "Upgrading DB: SUCCESS" <<<"$pending" && ! grep -q "unapplied migrations" <<<"$pending"; then
  pass "init: no plugin has unapplied migrations (ckan db pending-migrations)"
else
  fail "init: $(grep "unapplied" <<<"$pending" | tr '\n' ' ')"
fi

# DataStore: init created the database and the read-only role, and CKAN's
# permissions hold: the reader may SELECT, and neither CREATE nor write.
"$repo/docker/checks/datastore-local.sh" "$db" "$ds_db" "$pg_role" "$ro_role" || failures=$((failures + 1))
token=$(cat "$XLOADER_API_TOKEN_FILE" 2>/dev/null)
if [ -n "$token" ] && [ "$(stat -c %a "$XLOADER_API_TOKEN_FILE")" = 600 ] \
   && grep -qx "ckanext.xloader.api_token *= *$token" "$site/ckan.ini"; then
  pass "init: xloader's API token made, kept in XLOADER_API_TOKEN_FILE (mode 600) and written into the ini"
else
  fail "init: no xloader API token in $XLOADER_API_TOKEN_FILE or the ini"
fi
if grep -q "resources queued for the DataStore" "$logs/init.log"; then
  pass "init: ckan asmhub datastore sync ($(grep -o 'Estimates tables written.*' "$logs/init.log"))"
else
  fail "init: ckan asmhub datastore sync did not run"
fi

if "$entry" init >"$logs/init-again.log" 2>&1; then
  pass "init: a second run (a container restart) succeeds and changes nothing"
else
  fail "init: a second run fails: $(tail -3 "$logs/init-again.log" | tr '\n' ' ')"
fi
if [ "$(cat "$XLOADER_API_TOKEN_FILE" 2>/dev/null)" = "$token" ] && grep -q "keeping the API token" "$logs/init-again.log"; then
  pass "init: the second run keeps the valid xloader token (no new token)"
else
  fail "init: the second run replaced the xloader token"
fi

if "$entry" python "$repo/docker/checks/probe.py" config >"$logs/config.log" 2>&1; then
  pass "config: $(tail -1 "$logs/config.log")"
else
  fail "config: $(tail -3 "$logs/config.log" | tr '\n' ' ')"
fi

# web: gunicorn answers, with CKAN's error pages and no debugger.
"$entry" web >"$logs/web.log" 2>&1 &
pids+=($!)
base="http://127.0.0.1:$web_port"
if wait_for 90 "$base/api/action/status_show"; then
  status=$(curl -fsS "$base/api/action/status_show")
  if python3 -c 'import json, sys; r = json.loads(sys.argv[1]); sys.exit(not (r["success"] and r["result"]["ckan_version"] == "2.12.0"))' "$status"; then
    pass "web: gunicorn answers /api/action/status_show (CKAN 2.12.0)"
  else
    fail "web: unexpected status_show: $status"
  fi
  for page in / /dataset/ /country /country/TZA /api/action/package_search?q=gold; do
    code=$(curl -s -o "$logs/page.html" -w '%{http_code}' "$base$page")
    if [ "$code" = 200 ] && ! grep -qi -e traceback -e werkzeug -e flask-debugtoolbar "$logs/page.html"; then
      pass "web: $page answers 200 without debug output"
    else
      fail "web: $page answered $code (or showed debug output)"
    fi
  done
  code=$(curl -s -o "$logs/404.html" -w '%{http_code}' "$base/dataset/no-such-dataset-here")
  if [ "$code" = 404 ] && ! grep -qi -e traceback -e 'File "' "$logs/404.html"; then
    pass "web: a missing dataset gets CKAN's 404 page, no traceback"
  else
    fail "web: a missing dataset answered $code (or showed a traceback)"
  fi
  found=$(curl -fsS "$base/api/action/package_search?q=Tanzania&rows=0" | python3 -c 'import json, sys; print(json.load(sys.stdin)["result"]["count"])')
  if [ "${found:-0}" -gt 0 ]; then
    pass "web: search finds the seeded datasets ($found for 'Tanzania')"
  else
    fail "web: search finds nothing for 'Tanzania' after the seed"
  fi
else
  fail "web: gunicorn did not answer within 90 s: $(tail -5 "$logs/web.log" | tr '\n' ' ')"
fi

# nginx in front of gunicorn, from docker/nginx/default.conf.template.
if command -v nginx >/dev/null && command -v envsubst >/dev/null; then
  "$repo/docker/checks/nginx-local.sh" "$web_port" "$work/nginx" || failures=$((failures + 1))
else
  echo "  SKIP  nginx: nginx or envsubst is not installed (apt-get install nginx-light gettext-base)"
fi

# worker and mail: a queued job runs, and the message CKAN sends (directly or
# from a job) reaches the SMTP server CKAN_SMTP_* name; the burst worker exits
# once the queue is empty.
"$repo/.venv/bin/python" -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Debugging stdout \
  >"$logs/smtp.log" 2>&1 &
pids+=($!)
sleep 1
"$entry" python "$repo/docker/checks/probe.py" mail check@example.org >"$logs/mail.log" 2>&1
"$entry" ckan -c "$CKAN_INI" jobs test >"$logs/jobs-test.log" 2>&1
# xloader: a CSV uploaded through the API is queued by the web process and loaded
# by the worker, which fetches it from gunicorn and reports back with the token.
# The uploader is a sysadmin made with the CLI, as docker/README.md makes one.
"$entry" ckan -c "$CKAN_INI" user add docker-check email=docker-check@example.org \
  "password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')" >"$logs/upload.log" 2>&1
"$entry" ckan -c "$CKAN_INI" sysadmin add docker-check >>"$logs/upload.log" 2>&1
admin_token=$("$entry" ckan -c "$CKAN_INI" user token add docker-check docker-check 2>>"$logs/upload.log" | tail -n 1 | tr -d '\t ')
api() { curl -sS -H "Authorization: $admin_token" "$@"; }
field() { python3 -c 'import json, sys
r = json.load(sys.stdin)
print(r["result"][sys.argv[1]] if r.get("success") else "")' "$1"; }
printf 'district,miners,note\nGeita,12000,gold rush\nChunya,8000,alluvial gold\nMererani,4000,tanzanite\n' >"$logs/miners.csv"
api -H 'Content-Type: application/json' -d '{"name": "docker-check", "title": "Docker check"}' \
  "$base/api/action/organization_create" >>"$logs/upload.log" 2>&1
api -H 'Content-Type: application/json' \
  -d '{"name": "docker-check-miners", "title": "Miners per district", "owner_org": "docker-check"}' \
  "$base/api/action/package_create" >>"$logs/upload.log" 2>&1
api -F package_id=docker-check-miners -F name=miners.csv -F format=CSV \
  -F "upload=@$logs/miners.csv" "$base/api/action/resource_create" >"$logs/resource.json" 2>&1
resource_id=$(field id <"$logs/resource.json" 2>/dev/null)
if [ -n "$resource_id" ] && "$entry" ckan -c "$CKAN_INI" jobs list 2>/dev/null | grep -q xloader; then
  pass "xloader: a CSV uploaded through the API is queued for the worker"
else
  fail "xloader: no upload queued: $(cat "$logs/upload.log" "$logs/resource.json" | tail -c 300 | tr '\n' ' ')"
fi
if "$entry" worker --burst >"$logs/worker.log" 2>&1 && grep -q "finished job .*(A test job)" "$logs/worker.log"; then
  pass "worker: ckan jobs worker --burst ran the queued test job"
else
  fail "worker: the test job did not run: $(tail -3 "$logs/worker.log" | tr '\n' ' ')"
fi
found=$(api -G "$base/api/action/datastore_search" --data-urlencode "resource_id=$resource_id" \
  --data-urlencode 'filters={"district": "Geita"}' 2>/dev/null | python3 -c 'import json, sys
r = json.load(sys.stdin)
print(r["result"]["total"], r["result"]["records"][0]["miners"]) if r.get("success") else print(r)' 2>&1)
active=$(api "$base/api/action/resource_show?id=$resource_id" 2>/dev/null | field datastore_active 2>/dev/null)
if [ "$found" = "1 12000" ] && [ "$active" = True ]; then
  pass "xloader: the worker loaded the upload into the DataStore (datastore_search finds Geita, 12000 miners, typed)"
else
  fail "xloader: upload not in the DataStore (datastore_search: $found; datastore_active: $active; logs/worker.log)"
fi
# The hub's DataStore templates, as the image installs them: the resource page with
# its load status, and the review page with the data-quality summary.
code=$(curl -s -o "$logs/resource.html" -w '%{http_code}' -H "Authorization: $admin_token" \
  "$base/dataset/docker-check-miners/resource/$resource_id")
if [ "$code" = 200 ] && grep -q 'asmhub-datastore-status' "$logs/resource.html"; then
  pass "web: the loaded resource's page answers 200 with its DataStore status"
else
  fail "web: the loaded resource's page answered $code, without the DataStore status (logs/resource.html)"
fi
code=$(curl -s -o "$logs/review.html" -w '%{http_code}' -H "Authorization: $admin_token" "$base/review/docker-check-miners")
if [ "$code" = 200 ] && grep -q 'asmhub-datastore-status' "$logs/review.html"; then
  pass "web: the dataset's review page answers 200 with the tables' data-quality summary"
else
  fail "web: the review page answered $code, without the tables' summary (logs/review.html)"
fi
if "$entry" ckan -c "$CKAN_INI" jobs list 2>/dev/null | grep -q "no pending jobs"; then
  pass "worker: no job left in the queue"
else
  fail "worker: jobs left in the queue"
fi
sleep 1
if grep -q "^To: .*<check@example.org>" "$logs/smtp.log" && grep -q "^From: .*<asmhub-check@example.org>" "$logs/smtp.log"; then
  pass "mail: sent through CKAN_SMTP_SERVER from CKAN_SMTP_MAIL_FROM"
else
  fail "mail: nothing reached the SMTP server named by CKAN_SMTP_SERVER (logs/mail.log, logs/smtp.log)"
fi

# gather, fetch: the consumers connect to Redis and keep waiting on an idle queue
# for longer than redis-py's default 5 s socket timeout (and its retries), with
# the Redis URL docker-compose.yml gives them.
consumer_query=$("$work/tools/bin/python" -c 'import sys, yaml
url = yaml.safe_load(open(sys.argv[1]))["services"]["harvest-fetch"]["environment"]["CKAN_REDIS_URL"]
print(url.partition("?")[2])' "$repo/docker/docker-compose.yml")
declare -A consumer
for role in gather fetch; do
  CKAN_REDIS_URL="$redis_url${consumer_query:+?$consumer_query}" "$entry" "$role" >"$logs/$role.log" 2>&1 &
  consumer[$role]=$!
  pids+=($!)
done
sleep 40
for role in gather fetch; do
  if kill -0 "${consumer[$role]}" 2>/dev/null && ! grep -q Traceback "$logs/$role.log"; then
    pass "$role: the harvest $role consumer still waits on its idle queue after 40 s"
  else
    fail "$role: the consumer stopped: $(tail -2 "$logs/$role.log" | tr '\n' ' ')"
  fi
done
if "$entry" harvest-run --once >"$logs/harvest-run.log" 2>&1; then
  pass "harvest-run: ckan harvester run completes"
else
  fail "harvest-run: $(tail -3 "$logs/harvest-run.log" | tr '\n' ' ')"
fi

# Redis: every key the roles wrote lies in a documented keyspace.
"$repo/docker/checks/redis-keys.sh" "$redis_url" || failures=$((failures + 1))

# Solr: the fields script adds the hub's list fields, as the index holds them.
if "$venv/bin/python" "$repo/docker/checks/solr_fields.py" "$CKAN_SQLALCHEMY_URL" \
     "$repo/docker/solr/add-asmhub-fields.sh" >"$logs/solr-fields.log" 2>&1; then
  pass "solr-fields: $(tail -1 "$logs/solr-fields.log")"
else
  fail "solr-fields: $(tr '\n' ' ' <"$logs/solr-fields.log")"
fi

echo "entrypoint: $failures failure(s); logs in $logs"
[ "$failures" = 0 ]
