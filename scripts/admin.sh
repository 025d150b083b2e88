#!/usr/bin/env bash
# Create the sysadmin account `admin` once, and say how to log in and get an API token.
# Usage: scripts/admin.sh CKAN_COMMAND INI
set -euo pipefail
ckan="$1"; ini="$2"
password_file=var/admin-password
if ! "$ckan" -c "$ini" user show admin 2>/dev/null | grep -q "name=admin"; then
  mkdir -p var
  python3 -c 'import secrets; print(secrets.token_urlsafe(12))' > "$password_file"
  chmod 600 "$password_file"
  "$ckan" -c "$ini" user add admin email=admin@localhost password="$(cat "$password_file")" fullname="Hub administrator" >/dev/null
fi
"$ckan" -c "$ini" sysadmin add admin >/dev/null 2>&1 || true
cat <<MSG
==> Admin account: log in at http://127.0.0.1:5000/user/login as "admin"
    with the password in $(pwd)/$password_file
    API token: $ckan -c $ini user token add admin my-token
MSG
