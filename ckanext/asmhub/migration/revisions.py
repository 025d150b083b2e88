"""Load an earlier migration of this extension by its file name.

Alembic loads revision files by path, so they cannot import each other; a
later revision that reuses an earlier one's definitions loads it here.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

VERSIONS = Path(__file__).with_name("asmhub") / "versions"


def load(filename: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"asmhub_migration_{filename[:4]}",
                                                  VERSIONS / filename)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
