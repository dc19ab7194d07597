"""Tests for hgs.config: every environment setting is read where it is asked for, in one place."""

import ast
from pathlib import Path

from hgs import config

ROOT = Path(__file__).resolve().parents[1]


def test_the_data_folder_and_the_database(monkeypatch, tmp_path):
    monkeypatch.delenv("HGS_DATABASE_URL", raising=False)
    monkeypatch.delenv("HGS_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    assert config.data_dir() == tmp_path / "data"
    assert config.store_target() == str(tmp_path / "data")
    monkeypatch.setenv("HGS_DATA_DIR", "elders")
    assert config.data_dir() == tmp_path / "elders"
    monkeypatch.setenv("HGS_DATABASE_URL", "postgresql://hgs@db/hgs")
    assert config.store_target() == "postgresql://hgs@db/hgs"
    assert config.data_dir() == tmp_path / "elders"  # users and audit stay in the folder


def test_settings_with_a_wrong_value_fall_back(monkeypatch):
    monkeypatch.setenv("HGS_BACKUP_KEEP", "veel")
    assert config.backup_keep() == config.DEFAULT_BACKUP_KEEP
    monkeypatch.setenv("HGS_BACKUP_KEEP", "0")
    assert config.backup_keep() == 1
    monkeypatch.setenv("HGS_SIGN_IN_CHECK", "snel")
    assert config.sign_in_check(3.0) == 3.0
    monkeypatch.setenv("HGS_SIGN_IN_CHECK", "0.01")
    assert config.sign_in_check(3.0) == 1.0
    monkeypatch.setenv("HGS_DEMO", "Nee")
    assert not config.demo_allowed()
    monkeypatch.setenv("HGS_TRUSTED_PROXIES", " 10.0.0.1, ,10.0.0.2")
    assert config.trusted_proxies() == ["10.0.0.1", "10.0.0.2"]


def test_no_other_module_reads_the_environment():
    """Only hgs/config.py asks os.environ (hgs.launch may write HGS_DATA_DIR for Streamlit)."""
    readers = []
    for path in sorted((ROOT / "hgs").rglob("*.py")):
        if path.name == "config.py" and path.parent.name == "hgs":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv")
                    and isinstance(node.value, ast.Name) and node.value.id == "os"):
                readers.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert readers == [], readers
