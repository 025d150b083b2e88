"""The plugins' import contracts (pyproject.toml, [tool.importlinter]) hold, and can break."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess:
    """import-linter reads the package ``asmhub`` found in ``package_parent``."""
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo", str(ROOT / "pyproject.toml")],
                          cwd=package_parent, capture_output=True, text=True, timeout=120)


def test_the_plugins_import_each_other_in_the_declared_order():
    result = lint_imports(ROOT / "ckanext")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_core_importing_a_room_breaks_the_contract(tmp_path):
    shutil.copytree(ROOT / "ckanext" / "asmhub", tmp_path / "asmhub",
                    ignore=shutil.ignore_patterns("__pycache__", "i18n", "public", "templates", "data"))
    helpers = tmp_path / "asmhub" / "helpers.py"
    helpers.write_text(helpers.read_text() + "\nfrom .review import visibility  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "asmhub.helpers -> asmhub.review.visibility" in result.stdout
