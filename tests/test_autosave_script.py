"""The browser half of autosave (hgs/autosave.js) reaches the page whole: Streamlit's HTML
sanitiser silently drops a script that holds something shaped like a tag (it did once, for a
comment that read "m-<meeting id>-new-"), and then nothing typed is committed on a pause."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from hgs.ui import fields


def test_the_script_holds_nothing_shaped_like_a_tag():
    text = fields._AUTOSAVE_JS.read_text(encoding="utf-8")
    assert not re.search(r"<\s*/?\s*[A-Za-z]", text), "a '<tag' makes Streamlit drop the script"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_script_parses():
    result = subprocess.run(["node", "--check", str(fields._AUTOSAVE_JS)], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr


def test_the_script_keys_match_the_list_fields():
    """The script finds a list's new-item field and its draft twin by the keys hgs.ui.lists gives
    them (m-<meeting>-new-… and m-<meeting>-draft-…)."""
    text = fields._AUTOSAVE_JS.read_text(encoding="utf-8")
    assert "-new-" in text and "-draft-" in text
    source = (fields._AUTOSAVE_JS.parent / "lists.py").read_text(encoding="utf-8")
    assert 'ctx.key("new", list_name, tag), ctx.key("draft", list_name, tag)' in source
