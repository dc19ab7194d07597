"""The Netwerk page's cache of the whole network as frames, kept per server and re-reading only
the cases that changed (the store's documents(), on a data folder and on PostgreSQL alike)."""

from __future__ import annotations

import streamlit as st

from hgs import config
from hgs.ui.session import open_store_for, store


@st.cache_resource(show_spinner=False)
def _network_cache_for(target: str):
    from hgs.analytics.network import NetworkCache  # pandas only where Netwerk is shown

    return NetworkCache(open_store_for(target).documents())


def network_frames():
    """The whole network as frames, re-reading only cases that changed since last time."""
    organisations = {o.id: (o.name, o.sector) for o in store().organisations()}
    return _network_cache_for(config.store_target()).frames(organisations)
