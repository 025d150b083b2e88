#!/usr/bin/env bash
# Add KEY = VALUE to the [app:main] section of INI if the key is not set there yet;
# never changes a value already set (a site's ini is its own).
# Usage: scripts/ini-set.sh INI KEY VALUE
set -euo pipefail
python3 - "$@" <<'PY'
import re, sys
ini, key, value = sys.argv[1:4]
text = open(ini, encoding="utf-8").read()
if re.search(rf"^\s*{re.escape(key)}\s*=", text, re.M):
    sys.exit(0)
lines = text.splitlines(keepends=True)
at = next(i for i, line in enumerate(lines) if line.strip() == "[app:main]") + 1
while at < len(lines) and not lines[at].strip().startswith("["):
    if lines[at].strip().startswith("use ="):
        at += 1
        break
    at += 1
lines.insert(at, f"{key} = {value}\n")
open(ini, "w", encoding="utf-8").writelines(lines)
print(f"Set {key} in {ini}")
PY
