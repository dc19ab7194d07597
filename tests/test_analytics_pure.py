"""Analytics never opens files: it is given documents and records (by the store, by a page) and
turns them into facts, frames and figures. The import contract (tests/test_layers.py) keeps
pathlib, shutil and the databases out of hgs.analytics; this scan catches the calls that read a
file without such an import: `open(...)`, a path's `.open/.read_text/.read_bytes`, `os.scandir`,
`os.listdir`, `os.stat`, a glob, and json/orjson parsing what such a call read."""

from __future__ import annotations

import ast
from pathlib import Path

ANALYTICS = Path(__file__).resolve().parents[1] / "hgs" / "analytics"

# Calls by their last name: open(...), Path(...).read_text(), os.scandir(...), entry.stat() …
FILE_CALLS = {"open", "read_text", "read_bytes", "iterdir", "scandir", "listdir", "stat",
              "lstat", "walk", "glob", "iglob", "rglob", "read_csv", "read_excel", "read_json"}
PARSERS = {"load", "loads"}  # json.load(file), orjson.loads(path.read_bytes()) …
ALLOWED_CLASSES: set[str] = set()  # none: the store reads, analytics is given documents


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def file_reads(source: str) -> list[tuple[int, str]]:
    """(line, call) of every call in `source` that reads a file, outside ALLOWED_CLASSES."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.ClassDef) and node.name in ALLOWED_CLASSES:
            return
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name in FILE_CALLS:
                found.append((node.lineno, name))
            elif name in PARSERS and isinstance(node.func, ast.Attribute) \
                    and _name(node.func.value) in ("json", "orjson") \
                    and (name == "load" or any(isinstance(arg, ast.Call)
                                               and _name(arg.func) in FILE_CALLS
                                               for arg in node.args)):
                found.append((node.lineno, f"{_name(node.func.value)}.{name}"))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return found


def test_no_analytics_module_opens_a_file():
    modules = sorted(ANALYTICS.glob("*.py"))
    assert len(modules) > 5  # the scan looks where the modules are
    reads = {path.name: file_reads(path.read_text(encoding="utf-8")) for path in modules}
    assert {name: calls for name, calls in reads.items() if calls} == {}


def test_the_scan_sees_each_way_of_reading_a_file():
    source = '''
import json, os, glob
from pathlib import Path
import orjson

def sneaky(folder):
    open(folder / "a.json")
    Path(folder).read_text()
    (folder / "b").read_bytes()
    os.scandir(folder)
    os.listdir(folder)
    os.stat(folder)
    glob.glob("*.json")
    json.load(handle)
    orjson.loads(Path(folder).read_bytes())

def fine(raw: bytes, text: str):
    return orjson.loads(raw), json.loads(text)

'''
    assert [call for _, call in file_reads(source)] == [
        "open", "read_text", "read_bytes", "scandir", "listdir", "stat", "glob", "json.load",
        "orjson.loads", "read_bytes"]
