#!/usr/bin/env bash
# xloader's API token (a token of the site user, written into INI once), then the
# default views of every resource and a DataStore load of every tabular resource
# not loaded yet (`ckan asmhub datastore sync`). Safe to run again.
# Usage: scripts/xloader.sh CKAN_COMMAND INI
set -euo pipefail
ckan="$1"; ini="$2"
here="$(dirname "$0")"
if ! grep -Eq '^\s*ckanext\.xloader\.api_token\s*=' "$ini"; then
  token=$("$ckan" -c "$ini" asmhub datastore token | tail -n 1)
  bash "$here/ini-set.sh" "$ini" ckanext.xloader.api_token "$token"
fi
"$ckan" -c "$ini" asmhub datastore sync
