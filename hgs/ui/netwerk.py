"""The Netwerk page's cache of the whole network as frames, kept per server from the facts the
store keeps beside the data (Store.case_facts(), on a data folder and on PostgreSQL alike): only
the cases that changed are laid out again."""

from __future__ import annotations

import streamlit as st

from hgs import config
from hgs.ui.session import open_store_for, store


@st.cache_resource(show_spinner=False)
def _network_cache_for(target: str):
    from hgs.analytics.netcache import FactsCache  # pandas only where Netwerk is shown

    return FactsCache(open_store_for(target).case_facts())


def network_frames():
    """The whole network as frames, re-reading only cases that changed since last time."""
    organisations = {o.id: (o.name, o.sector) for o in store().organisations()}
    return _network_cache_for(config.store_target()).frames(organisations)
