#!/usr/bin/env bash
# Write the site's ckan.ini on first run; keep it (and its secrets) afterwards.
# Usage: scripts/config.sh PATH_TO_INI
set -euo pipefail
ini="$1"
[ -f "$ini" ] && exit 0
secret=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
here=$(cd "$(dirname "$ini")" && pwd)
cat > "$ini" <<INI
# This site's configuration, written once by \`make run\`; edit freely.
# Shared hub settings come from config/hub.ini; anything set here wins.
[app:main]
use = config:config/hub.ini
SECRET_KEY = $secret
WTF_CSRF_SECRET_KEY = $secret
api_token.jwt.encode.secret = string:$secret
api_token.jwt.decode.secret = string:$secret
sqlalchemy.url = postgresql://asmhub:asmhub@127.0.0.1:5432/asmhub
# DataStore (scripts/datastore.sh makes it): tables loaded by xloader, read back
# through a role that can only SELECT (docs/datastore.md).
ckan.datastore.write_url = postgresql://asmhub:asmhub@127.0.0.1:5432/asmhub_datastore
ckan.datastore.read_url = postgresql://asmhub_datastore_ro:asmhub_datastore_ro@127.0.0.1:5432/asmhub_datastore
# Jobs and harvest queues in Redis database 0, the hub's caches in database 2
# (docs/operations.md lists the keys).
ckan.redis.url = redis://127.0.0.1:6379/0
ckanext.asmhub.cache.redis_url = redis://127.0.0.1:6379/2
ckan.site_url = http://127.0.0.1:5000
ckan.storage_path = $here/var/storage
# DCAT harvest sources may be local files in this directory (docs/dcat.md).
ckanext.asmhub.harvest.files_dir = $here/var/harvest
# Map tiles (empty: extents on a blank map, no outside requests), e.g.
#   ckanext.asmhub.map.tiles_url = https://tile.openstreetmap.org/{z}/{x}/{y}.png
#   ckanext.asmhub.map.attribution = &copy; OpenStreetMap contributors

# Mail goes to the local sink \`make run\` starts (kept in var/mail, readable at
# /ckan-admin/outbox). For real delivery, point smtp.server at your SMTP
# server (and set smtp.starttls, smtp.user, smtp.password): the sink then stays off.
smtp.server = 127.0.0.1:2525
smtp.mail_from = asmhub@localhost

# Search on Solr instead of PostgreSQL:
#   ckanext.asmhub.search_backend = solr
#   solr_url = http://127.0.0.1:8983/solr/ckan

[loggers]
keys = root, ckan, ckanext

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARNING
handlers = console

[logger_ckan]
level = INFO
handlers = console
qualname = ckan
propagate = 0

[logger_ckanext]
level = INFO
handlers = console
qualname = ckanext
propagate = 0

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(asctime)s %(levelname)-5.5s [%(name)s] %(message)s
INI
echo "Wrote $ini"
