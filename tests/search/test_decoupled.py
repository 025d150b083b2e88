"""The search package stands alone: loading the asmhub_search plugin loads nothing else of the
hub's but the fence around changes to CKAN's code (patches.py), which imports nothing of the hub."""
from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
import ckanext.asmhub.search.plugin, ckanext.asmhub.search.cli, ckanext.asmhub.search.rebuild
hub = sorted(m for m in sys.modules if m.startswith("ckanext.asmhub.")
             and not m.startswith("ckanext.asmhub.search")
             and m != "ckanext.asmhub.patches")
print(" ".join(hub))
"""


def test_the_search_plugin_imports_no_other_hub_module():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert result.stdout.split() == []
