#!/usr/bin/env bash
# Check the production stack in docker/ as far as a machine without a Docker engine
# allows (docker/README.md, "What was checked here, and what was not"):
#   1. compose   docker-compose.yml against the Compose Specification's JSON schema
#   2. lint      the Dockerfile (hadolint) and every shell script (ShellCheck)
#   3. image     the image's Python steps in a virtualenv, from the build context,
#                and the installed package holds every file the repository ships
#   4. agree     the stack's files agree with each other (consistency.py)
#   5. roles     docker/entrypoint.sh run role by role against local services,
#                with nginx in front of gunicorn (entrypoint-local.sh)
# Prints what it checked; exits non-zero if any check fails.
# Usage: docker/checks/run.sh   (or `make docker-check`); needs root for apt the
# first time (nginx-light), PostgreSQL and Redis as scripts/services.sh sets up.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo" || exit 1
work="$repo/var/docker-check"
tools="$work/tools"
failed=()
mkdir -p "$work"
step() { printf '\n== %s\n' "$*"; }
record() { if [ "$1" = 0 ]; then echo "  PASS  $2"; else echo "  FAIL  $2"; failed+=("$2"); fi; }

step "tools"
want=$(sha256sum docker/checks/requirements.txt | cut -d' ' -f1)
if [ "$(cat "$tools/.requirements.sha256" 2>/dev/null)" != "$want" ]; then
  rm -rf "$tools"
  python3 -m venv "$tools"
  PIP_DISABLE_PIP_VERSION_CHECK=1 "$tools/bin/pip" install -q -r docker/checks/requirements.txt 2>&1 \
    | grep -v "^WARNING: Location" >&2
  echo "$want" >"$tools/.requirements.sha256"
fi
echo "  $("$tools/bin/check-jsonschema" --version), $("$tools/bin/hadolint" --version)," \
  "ShellCheck $("$tools/bin/shellcheck" --version | sed -n 's/^version: //p')"
bash scripts/services.sh nginx-light >/dev/null || { echo "  FAIL  PostgreSQL/Redis/nginx could not be set up"; exit 1; }
echo "  PostgreSQL $(pg_config --version 2>/dev/null | cut -d' ' -f2), Redis $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/')," \
  "$(nginx -v 2>&1 | cut -d' ' -f3)"

step "compose: docker/docker-compose.yml against the Compose Specification schema"
schema_sha=$(cat "$tools"/lib/python3*/site-packages/check_jsonschema/builtin_schemas/vendor/sha256/compose-spec.sha256 2>/dev/null | cut -c1-12)
out=$("$tools/bin/check-jsonschema" --builtin-schema vendor.compose-spec docker/docker-compose.yml 2>&1)
record $? "compose-spec.json (vendored by check-jsonschema, sha256 $schema_sha…): $(tr '\n' ' ' <<<"$out")"

step "lint: the Dockerfile and the shell scripts"
out=$("$tools/bin/hadolint" docker/Dockerfile 2>&1)
record $? "hadolint docker/Dockerfile${out:+: $out}"
scripts=(docker/entrypoint.sh docker/solr/add-asmhub-fields.sh docker/checks/*.sh)
out=$("$tools/bin/shellcheck" -x "${scripts[@]}" 2>&1)
record $? "shellcheck ${scripts[*]}${out:+: $out}"

step "image: the Dockerfile's Python steps, without Docker"
if venv=$(bash docker/checks/image-venv.sh 2>"$work/image-venv.log"); then
  record 0 "python3.11 venv, pip install -r requirements.txt, compile_catalog, pip install --no-deps . (from the build context)"
  site_packages=$("$venv/bin/python" -c 'import ckanext.asmhub, os; print(os.path.dirname(ckanext.asmhub.__file__))')
  missing=$(git ls-files ckanext/asmhub | grep -v '\.py$' | sed 's#^ckanext/asmhub/##' | while read -r f; do
    [ -e "$site_packages/$f" ] || echo "$f"
  done)
  record "$([ -z "$missing" ] && echo 0 || echo 1)" \
    "the installed package holds every file the repository ships under ckanext/asmhub${missing:+; missing: $(tr '\n' ' ' <<<"$missing")}"
else
  record 1 "image venv: $(grep -v '^WARNING: Location' "$work/image-venv.log" | tail -5 | tr '\n' ' ')"
  venv=""
fi

if [ -n "$venv" ]; then
  step "agree: the stack's files against each other"
  out=$("$venv/bin/python" docker/checks/consistency.py "$repo" 2>&1)
  record $? "$(tr '\n' ';' <<<"$out")"

  step "roles: docker/entrypoint.sh against local PostgreSQL and Redis"
  bash docker/checks/entrypoint-local.sh "$venv"
  record $? "entrypoint roles (init, web behind nginx, worker, gather, fetch, harvest-run)"
fi

step "summary"
if [ ${#failed[@]} = 0 ]; then
  echo "docker checks: all passed"
else
  echo "docker checks: ${#failed[@]} failed:"
  printf '  - %s\n' "${failed[@]}" | cut -c1-300
  exit 1
fi
