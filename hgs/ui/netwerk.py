"""The Netwerk page's cache of the whole network as frames, kept per server and re-reading only
the cases that changed."""

from __future__ import annotations

import streamlit as st

from hgs import config
from hgs.ui.session import _store_for, store


@st.cache_resource(show_spinner=False)
def _network_cache_for(target: str):
    from hgs.analytics.network import NetworkCache
    from hgs.store import is_database_url

    if is_database_url(target):
        from hgs.store.postgres import CaseRows
        return NetworkCache(CaseRows(_store_for(target)))
    return NetworkCache(target)


def network_frames():
    """The whole network as frames, re-reading only cases that changed since last time (case
    files in `HGS_DATA_DIR`, or case rows in PostgreSQL when `HGS_DATABASE_URL` is set)."""
    target = config.store_target()
    organisations = {o.id: (o.name, o.sector) for o in store().organisations()}
    return _network_cache_for(target).frames(organisations)
