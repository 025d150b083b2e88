#!/usr/bin/env bash
# CKAN's own search tests on a stock CKAN 2.12 site whose only plugin is
# asmhub_search (tests/search/core.ini): no Solr, no scheming, nothing of the hub's
# but the search backend. Creates and migrates the database first (core and
# asmhub_search, as `ckan db upgrade` does). docs/search.md, "CKAN's own tests".
# Usage: scripts/test-search-core.sh VENV DB REDIS_URL [pytest args...]
set -euo pipefail
venv="$1"; db="$2"; redis="$3"; shift 3
cd "$(dirname "$0")/.."
ini=tests/search/core.ini
# Relative to the repository (pytest's rootdir), as --deselect wants node ids.
core=$("$venv/bin/python" -c 'import ckan.tests, os; print(os.path.relpath(os.path.dirname(ckan.tests.__file__)))')
export CKAN_SQLALCHEMY_URL="postgresql://asmhub:asmhub@127.0.0.1:5432/$db" CKAN_REDIS_URL="$redis"
unset CKAN_INI CKAN_SOLR_URL CKAN_DATASTORE_WRITE_URL CKAN_DATASTORE_READ_URL
bash scripts/database.sh "$db"
"$venv/bin/ckan" -c "$ini" db upgrade >/dev/null

# Deselected, each for a reason (docs/search.md lists them too):
deselect=(
  # Core's Solr schema-version check, which asmhub_search replaces: there is no Solr schema.
  "$core/lib/search/test_search.py::test_check_invalid_schema"
  "$core/lib/search/test_search.py::test_check_schema_with_wrong_version"
  # Solr local parameters ({!bool must=...}) are refused (a search error), never guessed at.
  "$core/lib/search/test_search.py::test_allowed_local_params_via_config"
  # Asserts Solr's syntax error for q=--included; free text that is not valid
  # Lucene is searched word by word instead.
  "$core/controllers/test_package.py::TestSearch::test_search_solr_syntax_error"
  # Needs CKAN's test plugin tests.plugins.ckantestplugins, which the ckan wheel does
  # not ship (it cannot run on Solr either).
  "$core/controllers/test_package.py::TestSearch::test_search_plugin_hooks"
)
args=()
for test in "${deselect[@]}"; do args+=(--deselect "$test"); done

# -p core_plugin re-applies asmhub_search's migrations after CKAN's reset_db drops every table.
exec "$venv/bin/python" -m pytest -p tests.search.core_plugin --ckan-ini="$ini" "${args[@]}" \
  "$core/lib/search" "$core/logic/action/test_get.py" "$core/controllers/test_package.py" \
  -k "test_common or test_index or test_query or test_search or package_search or PackageSearch or TestSearch" \
  "$@"
