"""Persistence: the storage interface, the stored document, its TinyDB and PostgreSQL backends."""

from __future__ import annotations

import os

from hgs import config
from hgs.errors import StorageError
from hgs.i18n import t
from hgs.store.base import Store
from hgs.store.document import QUARANTINE, SAFE_ID
from hgs.store.files import atomic_write, read_regular
from hgs.store.quarantine import quarantine_advice
from hgs.store.tinydb import TinyDBStore

__all__ = ["QUARANTINE", "SAFE_ID", "Store", "TinyDBStore", "atomic_write",
           "is_database_url", "open_store", "quarantine_advice", "read_regular"]


def is_database_url(target: str | os.PathLike) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


def open_store(target: str | os.PathLike | None = None) -> Store:
    """The store at `target`: a data folder, or a PostgreSQL URL (`postgresql://…`). Without
    one: `HGS_DATABASE_URL` when set, else the folder `HGS_DATA_DIR` (default `data/`), read now."""
    if target is None:
        target = config.store_target()
    if is_database_url(target):
        from hgs.store.postgres import PostgresStore  # psycopg is loaded only for a network server

        return PostgresStore(str(target))
    try:
        return TinyDBStore(target)
    except OSError as error:
        raise StorageError(t("errors.store.folder_unusable", target=target,
                             error=error)) from error
