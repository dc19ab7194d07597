"""Move a whole network between stores: a TinyDB data folder into PostgreSQL, or back.

    python -m hgs.migrate --from data --to postgresql://hgs@db.example.nl/hgs
    python -m hgs.migrate --from postgresql://hgs@db.example.nl/hgs --to terug/

Copies every organisation, setting, case and meeting by id: what the target already holds in the
same form is left alone, so a second run changes nothing. Records the target has and the source
lacks stay. Personal reflections (`reflections/` in a data folder) are files of their own and are
not moved.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from hgs.errors import HGSError, NotFound
from hgs.store import Store, is_database_url, open_store


@dataclass
class Count:
    total: int = 0
    copied: int = 0

    def add(self, copied: bool, n: int = 1) -> None:
        self.total += n
        self.copied += n if copied else 0


def copy_network(source: Store, target: Store) -> dict[str, Count]:
    """Copy everything of `source` into `target`; per kind, how many there are and how many were
    written (new or different in the target)."""
    counts = {kind: Count() for kind in ("organisaties", "instellingen", "casussen", "MDO's")}
    present = {o.id: o for o in target.organisations()}
    for organisation in source.organisations():
        changed = present.get(organisation.id) != organisation
        if changed:
            target.save_organisation(organisation)
        counts["organisaties"].add(changed)
    present_settings = target.settings()
    for name, value in source.settings().items():
        changed = name not in present_settings or present_settings[name] != value
        if changed:
            target.set_setting(name, value)
        counts["instellingen"].add(changed)
    for case_id in source.case_ids():
        case, meetings = source.get_case(case_id), source.meetings(case_id)
        try:
            changed = target.get_case(case_id) != case or target.meetings(case_id) != meetings
        except NotFound:
            changed = True
        if changed:
            try:
                target.import_case(case, meetings)
            except HGSError as error:
                raise type(error)(f"casus {case.code} (id {case.id}): {error}") from error
        counts["casussen"].add(changed)
        counts["MDO's"].add(changed, len(meetings))
    return counts


def report(counts: dict[str, Count]) -> str:
    lines = [f"{'':<14}{'totaal':>8}{'gekopieerd':>12}{'al gelijk':>11}"]
    for kind, count in counts.items():
        lines.append(f"{kind:<14}{count.total:>8}{count.copied:>12}"
                     f"{count.total - count.copied:>11}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hgs.migrate",
        description="Kopieer een heel HGS-netwerk tussen een gegevensmap en PostgreSQL.")
    parser.add_argument("--from", dest="source", required=True,
                        help="gegevensmap of postgresql://…-adres om uit te lezen")
    parser.add_argument("--to", dest="target", required=True,
                        help="gegevensmap of postgresql://…-adres om in te schrijven")
    args = parser.parse_args(argv)
    if args.source == args.target:
        parser.error("--from en --to zijn hetzelfde")
    if not is_database_url(args.source) and not Path(args.source).is_dir():
        parser.error(f"de map {args.source} bestaat niet")
    stores: list[Store] = []
    try:
        for where in (args.source, args.target):
            stores.append(open_store(where))
        counts = copy_network(*stores)
    except HGSError as error:
        print(f"Niet gelukt: {error}", file=sys.stderr)
        return 1
    finally:
        for store in stores:
            store.close()
    print(report(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
