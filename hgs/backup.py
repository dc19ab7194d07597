"""`hgs.backup`, as documented: the back-ups live in hgs.store.backup."""

from hgs.store.backup import (
                              before_change,
                              check_backup,
                              create_backup,
                              list_backups,
                              restore,
                              restore_network,
)

__all__ = ["before_change", "check_backup", "create_backup", "list_backups", "restore",
           "restore_network"]
