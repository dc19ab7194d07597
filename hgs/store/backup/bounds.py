"""Reading a back-up ZIP within bounds: nothing of it is unpacked before its own directory is
checked against a zip bomb, and no member is read past what its entry declares.
"""

from __future__ import annotations

import zipfile

from hgs.i18n import t

# Bounds a back-up must keep before anything of it is unpacked (against a zip bomb). A real one
# is far inside them: a case file is tens of kilobytes, 2,000 cases about 60 MB, and HGS's JSON
# packs about 5 to 1 (tests/test_backup.py measures it).
MAX_FILE_BYTES = 100_000_000  # one file, unpacked
MAX_TOTAL_BYTES = 2_000_000_000  # all files together, unpacked
MAX_RATIO = 100  # unpacked ÷ packed, for a file over RATIO_FROM and for the whole archive
RATIO_FROM = 1_000_000
MAX_MANIFEST_BYTES = 1_000_000
CHUNK = 1 << 20


class TooLarge(ValueError):
    """A member (or a whole back-up) larger than its bounds or its own entry: never unpacked."""


def out_of_bounds(infos: list[zipfile.ZipInfo], archive_size: int) -> str | None:
    """Why a ZIP's own directory already rules it out (a zip bomb), or None: every bound is
    checked on the sizes it declares, before one byte is unpacked."""
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if packed > archive_size:  # sizes made up to look harmless
        return t("errors.backup_bounds.sizes_made_up")
    if unpacked > MAX_TOTAL_BYTES:
        return t("errors.backup.too_big_unpacked", megabytes=MAX_TOTAL_BYTES // 1_000_000)
    for info in infos:
        if info.file_size > MAX_FILE_BYTES:
            return t("errors.backup_bounds.file_too_big", path=info.filename,
                     megabytes=MAX_FILE_BYTES // 1_000_000)
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            return t("errors.backup_bounds.ratio", path=info.filename, ratio=MAX_RATIO)
    if unpacked > 10 * RATIO_FROM and unpacked > MAX_RATIO * max(packed, 1):
        return t("errors.backup_bounds.ratio_all", ratio=MAX_RATIO)
    return None


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int = MAX_FILE_BYTES) -> bytes:
    """A member's bytes, read in chunks and stopped as soon as they pass what its entry
    declares (or `limit`): a member larger than it says is damaged, never unpacked whole."""
    bound = min(info.file_size, limit)
    if info.file_size > limit:
        raise TooLarge(info.filename)
    chunks, size = [], 0
    with zf.open(info) as member:
        while chunk := member.read(CHUNK):
            size += len(chunk)
            if size > bound:
                raise TooLarge(info.filename)  # more than its entry declares: damaged
            chunks.append(chunk)
    return b"".join(chunks)
