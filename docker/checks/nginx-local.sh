#!/usr/bin/env bash
# Serve docker/nginx/default.conf.template with this machine's nginx in front of a
# gunicorn already answering on 127.0.0.1:WEB_PORT, and check what the proxy adds:
# its own health URL, proxying of pages and the API, and the upload limit (a body
# over CKAN_MAX_UPLOAD_SIZE_MB is refused with 413, one under it reaches CKAN).
# The template is filled in the way the nginx image does (envsubst of the variables
# compose sets); only the upstream address and the listening port are changed.
# Usage: docker/checks/nginx-local.sh WEB_PORT WORKDIR   (from entrypoint-local.sh)
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
web_port="$1"
work="$2"
limit_mb="${CKAN_MAX_UPLOAD_SIZE_MB:-10}"
failures=0
pass() { printf '  PASS  %s\n' "$*"; }
fail() { printf '  FAIL  %s\n' "$*"; failures=$((failures + 1)); }

rm -rf "$work"
mkdir -p "$work/tmp"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# shellcheck disable=SC2016  # envsubst is given the variable's name, not its value
CKAN_MAX_UPLOAD_SIZE_MB="$limit_mb" envsubst '${CKAN_MAX_UPLOAD_SIZE_MB}' \
  <"$repo/docker/nginx/default.conf.template" >"$work/default.conf"
for edit in "s/server ckan:5000;/server 127.0.0.1:$web_port;/" \
            "s/listen 80;/listen 127.0.0.1:$port;/" \
            "/listen \[::\]:80;/d"; do
  before=$(md5sum <"$work/default.conf")
  sed -i "$edit" "$work/default.conf"
  if [ "$before" = "$(md5sum <"$work/default.conf")" ]; then
    fail "nginx: the template no longer has what '$edit' adapts"
  fi
done
cat >"$work/nginx.conf" <<CONF
daemon off;
pid $work/nginx.pid;
error_log $work/error.log warn;
events {}
http {
    access_log $work/access.log;
    client_body_temp_path $work/tmp/body;
    proxy_temp_path $work/tmp/proxy;
    fastcgi_temp_path $work/tmp/fastcgi;
    uwsgi_temp_path $work/tmp/uwsgi;
    scgi_temp_path $work/tmp/scgi;
    include $work/default.conf;
}
CONF

if nginx -t -q -p "$work" -c "$work/nginx.conf" 2>"$work/syntax.log"; then
  pass "nginx: $(nginx -v 2>&1 | cut -d: -f2 | tr -d ' ') accepts the configuration (nginx -t)"
else
  fail "nginx -t: $(tr '\n' ' ' <"$work/syntax.log")"
  exit 1
fi
nginx -p "$work" -c "$work/nginx.conf" &
nginx_pid=$!
trap 'kill $nginx_pid 2>/dev/null; wait $nginx_pid 2>/dev/null' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 20); do curl -fs -o /dev/null "$base/nginx-health" && break; sleep 0.5; done

if [ "$(curl -s "$base/nginx-health")" = ok ]; then
  pass "nginx: /nginx-health (the container's health check) answers"
else
  fail "nginx: /nginx-health does not answer"
fi
status=$(curl -s -o "$work/status.json" -w '%{http_code}' "$base/api/action/status_show")
if [ "$status" = 200 ] && grep -q '"success": true' "$work/status.json"; then
  pass "nginx: proxies the API to gunicorn (status_show 200)"
else
  fail "nginx: status_show through the proxy answered $status"
fi
code=$(curl -s -o /dev/null -w '%{http_code}' "$base/")
if [ "$code" = 200 ]; then
  pass "nginx: proxies the home page, CSP header and cookies included (200)"
else
  fail "nginx: the home page through the proxy answered $code"
fi
if curl -sI "$base/" | grep -qi '^server: nginx/'; then
  fail "nginx: the Server header names nginx's version"
else
  pass "nginx: server_tokens off (no version in the Server header)"
fi
head -c $(((limit_mb + 1) * 1024 * 1024)) /dev/zero >"$work/over.bin"
head -c $((1024 * 1024)) /dev/zero >"$work/under.bin"
over=$(curl -s -o /dev/null -w '%{http_code}' -F "upload=@$work/over.bin" "$base/api/action/resource_create")
under=$(curl -s -o "$work/under.json" -w '%{http_code}' -F "upload=@$work/under.bin" "$base/api/action/resource_create")
if [ "$over" = 413 ] && [ "$under" != 413 ] && grep -q '"success": false' "$work/under.json"; then
  pass "nginx: client_max_body_size ${limit_mb}m: $((limit_mb + 1)) MB refused (413), 1 MB reaches CKAN ($under)"
else
  fail "nginx: upload limit: $((limit_mb + 1)) MB answered $over, 1 MB answered $under"
fi
if grep -q "\[crit\]\|\[emerg\]\|\[alert\]" "$work/error.log"; then
  fail "nginx: errors logged: $(grep -m3 "\[crit\]\|\[emerg\]\|\[alert\]" "$work/error.log" | tr '\n' ' ')"
fi
rm -f "$work/over.bin" "$work/under.bin"
[ "$failures" = 0 ]
