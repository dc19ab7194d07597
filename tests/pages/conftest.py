"""Shared page-test fixtures: the 40-case demo network, built once per session."""

import datetime as dt

import pytest

from hgs import demo
from hgs.store import open_store


@pytest.fixture(scope="session")
def demo_folder(tmp_path_factory):
    """A data folder holding the seeded demo network of 28 November 2026, and its store.
    Tests read it; a test that writes uses its own folder."""
    folder = tmp_path_factory.mktemp("demo")
    store = open_store(folder)
    demo.build_network(store, today=dt.date(2026, 11, 28))
    store.set_setting("initialised", True)
    return folder, store
