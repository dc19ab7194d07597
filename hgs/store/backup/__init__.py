"""Back-ups of a data folder: rotating ZIP snapshots, daily and on demand, checked before a restore
that keeps the current data aside, and a case erased from every copy."""

from hgs.store.backup.bounds import MAX_RATIO, MAX_TOTAL_BYTES
from hgs.store.backup.checking import BackupCheck, check_backup
from hgs.store.backup.erasing import Erased, erase_from_copies, members_naming, staging_folders
from hgs.store.backup.restoring import ASIDE, aside_folders, restore, restore_network
from hgs.store.backup.taking import (
                                     MANIFEST,
                                     Backup,
                                     backup_dir,
                                     before_change,
                                     create_backup,
                                     daily_backup_if_due,
                                     data_dir_of,
                                     keep,
                                     list_backups,
)

__all__ = ["ASIDE", "MANIFEST", "MAX_RATIO", "MAX_TOTAL_BYTES", "Backup", "BackupCheck", "Erased",
           "aside_folders", "backup_dir", "before_change", "check_backup", "create_backup",
           "daily_backup_if_due", "data_dir_of", "erase_from_copies", "keep", "list_backups",
           "members_naming", "restore", "restore_network", "staging_folders"]
