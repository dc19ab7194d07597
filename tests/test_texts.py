"""hgs.texts.plain never lets typed text become a link: Streamlit's Markdown (remark-gfm)
links https://…, www.… and name@domain even after CommonMark's backslashes, so plain breaks
each with an invisible word joiner. The patterns below are remark-gfm's own
(mdast-util-gfm-autolink-literal); tests/e2e/test_browser_links.py checks the real page."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hgs.method import texts

# remark-gfm finds these in the text it already parsed (escapes are gone by then)
GFM_URL = re.compile(r"(https?://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.IGNORECASE)
GFM_EMAIL = re.compile(r"(?<![-.\w+])([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)")


def as_text(markdown: str) -> str:
    """What CommonMark makes of plain's output: the escapes gone, line breaks as spaces."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("  \n", " ")


@pytest.mark.parametrize("typed", [
    "https://evil.example/pad?x=1", "HTTP://EVIL.EXAMPLE", "zie www.evil.example nu",
    "WWW.Evil.Example", "mail naar ouder@thuis.example", "mailto:a@b.example",
    "xmpp:a@b.example", "<https://evil.example>", "[klik](https://evil.example)",
    "ftp://evil.example", "http://192.168.1.20:8501/?t=abc",
])
def test_no_address_in_typed_text_can_be_autolinked(typed):
    shown = as_text(texts.plain(typed))
    assert not GFM_URL.search(shown) and not GFM_EMAIL.search(shown), shown
    assert shown.replace(texts.WORD_JOINER, "") == typed  # and it reads as typed


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["https://", "http://", "www.", "WwW.", "@", "x", ".", "/",
                                 ":", " ", "a-b", "_", "+", "é", "\n"]), max_size=20))
def test_no_combination_of_the_pieces_of_an_address_links(pieces):
    shown = as_text(texts.plain("".join(pieces)))
    assert not GFM_URL.search(shown) and not GFM_EMAIL.search(shown), shown


def test_a_word_that_only_contains_www_or_an_at_sign_is_untouched_elsewhere():
    assert texts.plain("swwwing") == "swwwing"
    assert texts.unlinked("a@b") == "a@\u2060b"
