"""Benchmark: erasing one case from a network with a full set of back-ups, and the copies of it
found afterwards (the floor is 0).

Builds a demo network (default 400 cases × 5 MDOs) in a temporary folder, takes `--backups`
back-ups (default 14, HGS's default rotation), restores the oldest (so a set-aside folder holds
the data too), leaves a stale temporary copy of the case (as a killed writer does), then times
`export.erase_case` and scans every byte of every file under the folder, every ZIP member
unpacked, audit logs left out, for the case's id and code (tests/test_erase.py also searches
the first name, on a network where it is unique).

    python bench/erase.py [--cases 400] [--backups 14]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a plain script too

from hgs.demo import build_network  # noqa: E402
from hgs.exports import archive as export
from hgs.store import (
    TinyDBStore,  # noqa: E402
    backup,  # noqa: E402
)


def copies_of(root: Path, marks: list[bytes]) -> list[str]:
    """Every file (and ZIP member) under `root` that holds one of `marks`, audit logs left out."""
    found = []
    for path in sorted(root.rglob("*")):
        if "audit" in path.relative_to(root).parts or not path.is_file():
            continue
        raw = path.read_bytes()
        if any(m in raw for m in marks):
            found.append(str(path.relative_to(root)))
        if zipfile.is_zipfile(io.BytesIO(raw)):
            with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                found += [f"{path.name}!{info.filename}" for info in zf.infolist()
                          if not info.filename.startswith("audit/")
                          and any(m in zf.read(info) for m in marks)]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=400)
    parser.add_argument("--backups", type=int, default=14)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="hgs-bench-erase-"))
    os.environ["HGS_DATA_DIR"] = str(root / "data")
    os.environ.pop("HGS_BACKUP_DIR", None)
    os.environ["HGS_BACKUP_KEEP"] = str(args.backups)
    try:
        store = TinyDBStore(root / "data")
        started = time.perf_counter()
        build_network(store, cases=args.cases, seed=3, meetings=5)
        built = time.perf_counter() - started
        day = dt.datetime(2026, 3, 2, 9, 0)
        made = [backup.create_backup(store, "dagelijks", now=day + dt.timedelta(days=n))
                for n in range(args.backups)]
        backup.restore(made[0].path, store.data_dir, now=day + dt.timedelta(days=args.backups))
        case = store.cases()[len(store.case_ids()) // 2]
        path = store.case_path(case.id)
        shutil.copy(path, path.with_name(f".{path.name}.kill0000.tmp"))  # a killed writer's copy
        marks = [case.id.encode(), case.code.encode()]  # demo first names recur: not searched
        before = len(copies_of(root, marks))
        zips = sum(p.stat().st_size for p in backup.backup_dir(store.data_dir).glob("*.zip"))

        started = time.perf_counter()
        erased = export.erase_case(store, case.id, case.code, who="bench", role="beheerder")
        took = time.perf_counter() - started
        after = copies_of(root, marks)

        print(f"network: {args.cases} cases × 5 MDOs (built in {built:.1f} s); "
              f"{args.backups} back-ups, {zips / 1e6:.1f} MB of ZIPs; 1 set-aside folder")
        print(f"{'copies with id or code before':32} {before:>8}")
        print(f"{'erase s':32} {took:>8.2f}")
        print(f"{'back-ups rewritten':32} {erased.backups:>8}")
        print(f"{'set-aside folders cleaned':32} {erased.folders:>8}")
        print(f"{'other copies removed':32} {erased.copies:>8}")
        print(f"{'copies with id or code after':32} {len(after):>8}   (floor 0)")
        for where in after:
            print("  left:", where)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
