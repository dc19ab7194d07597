"""The rooms' rules (pyproject.toml, [tool.importlinter]) hold: method imports neither store nor
ui; store imports neither analytics nor ui; analytics neither the store nor file libraries;
Streamlit only in hgs.ui and the pages. And the code is lint-clean (ruff, same file)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(tool: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / tool), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_the_layer_contracts_are_kept():
    result = run("lint-imports", "--no-cache")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " BROKEN" not in result.stdout and "KEPT" in result.stdout


def test_the_contracts_catch_a_forbidden_import(tmp_path):
    """Break a rule on purpose in a copy of the code: the linter says so."""
    subprocess.run(["cp", "-r", str(ROOT / "hgs"), str(ROOT / "pyproject.toml"), str(tmp_path)],
                   check=True)
    (tmp_path / "hgs" / "method" / "leak.py").write_text("from hgs.store import open_store\n",
                                                         encoding="utf-8")
    result = subprocess.run([str(BIN / "lint-imports"), "--no-cache"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120,
                            env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert "hgs.method.leak -> hgs.store" in result.stdout


def test_ruff_finds_nothing():
    result = run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout[-4000:]
