#!/usr/bin/env bash
# Run the image's Python steps (docker/Dockerfile, build stage) without Docker: a
# Python 3.11 virtualenv gets requirements.txt, then the hub is installed from a
# copy of the build context (not editable, with its compiled catalogues), as the
# image installs it. The virtualenv is kept in var/docker-check/image and rebuilt
# only when requirements.txt changes; the hub itself is reinstalled every time.
# Usage: docker/checks/image-venv.sh   (prints the virtualenv's path last)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work="$repo/var/docker-check"
venv="$work/image"
stamp="$venv/.requirements.sha256"
mkdir -p "$work"
want=$(cat "$repo/requirements.txt" "$repo/requirements-no-deps.txt" | sha256sum | cut -d' ' -f1)
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  rm -rf "$venv"
  python3.11 -m venv "$venv"
  PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/pip" install -q -r "$repo/requirements.txt" >&2
  PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/pip" install -q --no-deps -r "$repo/requirements-no-deps.txt" >&2
  echo "$want" > "$stamp"
fi
python3 "$repo/docker/checks/context.py" "$repo" "$work/context" >&2
(cd "$work/context" && PYTHONWARNINGS=ignore "$venv/bin/python" setup.py -q compile_catalog >&2)
PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/pip" install -q --force-reinstall --no-deps "$work/context" >&2
echo "$venv"
