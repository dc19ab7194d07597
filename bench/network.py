"""Benchmark: the Netwerk dashboard on networks of 2,000 and 10,000 MDOs.

For each size it builds a demo network (N/5 cases × 5 MDOs) in a temporary folder and measures:
- floor: just reading and parsing every case file once (orjson), nothing else;
- cold: a new cache reads every file, builds the frames and every table of the page;
- filter: a filter change on a warm cache: the filter, the headline and the open tab's tables
  and figures (the page works out only the open tab);
- all tabs: every table of all six tabs at once (what the Excel export builds);
- after write: one meeting changes, the cache re-reads that one case, the open tab again;
- page cold / page filter: the same through Streamlit's AppTest running views/netwerk.py from
  app.py (the whole script run, without a browser); "cold" is a new store and cache in a
  process that has run the page once before (its imports done, as on a running server).

    python bench/network.py [--sizes 2000 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a plain script too

import orjson  # noqa: E402

from hgs import pages
from hgs.analytics import (
    charts,  # noqa: E402
    dashboard,
    figures,
    filters,
    network,
)
from hgs.demo import build_network  # noqa: E402
from hgs.store import open_store  # noqa: E402

TODAY = dt.date(2026, 11, 28)
APP = str(Path(__file__).resolve().parent.parent / "app.py")


def timed(action, repeat: int = 1) -> float:
    """Median seconds of `action()` over `repeat` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def first_tab(frames, flt):
    """What the page works out on every run: the filter, the headline and the open (first)
    tab's tables and figures."""
    view = filters.filtered(frames, flt)
    figures.headline(view)
    for by, category in (("period", "periode"), ("sector", "sector"),
                         ("organisation", "organisatie")):
        table = figures.meeting_figures(view, by)
        charts.measure_bars(table, category, "MDO's", "x", horizontal=by != "period")


def every_tab(frames, flt):
    """All tables of all six tabs (the Excel export), the Tops-en-tips figure included."""
    tables = dashboard.dashboard(filters.filtered(frames, flt), "Q", TODAY)
    charts.toptip_period_figure(tables["Tops en tips"])


def page_times(folder: Path, repeat: int) -> tuple[float, float]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["HGS_DATA_DIR"] = str(folder)

    def cold():
        st.cache_resource.clear()
        at = AppTest.from_file(APP, default_timeout=120)
        at.session_state["hgs_page_bench"] = True
        at.switch_page(pages.NETWORK.path).run()
        assert not at.exception, at.exception
        return at

    cold()  # once for the process (imports, Streamlit's component scan): a server has done this
    cold_time = timed(cold, repeat)
    at = cold()
    choices = [["PO"], ["VO"], ["PO", "VO"], []]

    state = [0]

    def change():
        state[0] += 1
        at.multiselect(key="net-sectors").set_value(choices[state[0] % len(choices)]).run()
        assert not at.exception

    return cold_time, timed(change, repeat)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    rows = []
    for size in args.sizes:
        # a store may still be writing its last file when the folder goes: not worth a crash
        with tempfile.TemporaryDirectory(prefix="hgs-bench-net-",
                                         ignore_cleanup_errors=True) as tmp:
            folder = Path(tmp)
            store = open_store(folder)
            build_network(store, cases=size // 5, meetings=5, today=TODAY)
            store.set_setting("initialised", True)
            orgs = {o.id: (o.name, o.sector) for o in store.organisations()}
            files = sorted((folder / "cases").glob("*.json"))

            floor = timed(lambda: [orjson.loads(f.read_bytes()) for f in files], args.repeat)
            cold = timed(lambda: first_tab(
                network.NetworkCache(open_store(folder).documents()).frames(orgs), filters.Filter()), args.repeat)
            cache = network.NetworkCache(open_store(folder).documents())
            frames = cache.frames(orgs)
            sectors = [("PO",), ("VO",), ("PO", "VO"), ()]
            flt = iter(range(10**6))
            warm = timed(lambda: first_tab(
                frames, filters.Filter(sectors=sectors[next(flt) % 4])), args.repeat)
            every_tab(frames, filters.Filter())  # fills the phrase memo, as a first visit does
            all_tabs = timed(lambda: every_tab(
                frames, filters.Filter(sectors=sectors[next(flt) % 4])), args.repeat)
            case_id = store.case_ids()[0]
            meeting_id = store.meetings(case_id)[-1].id
            ratings = iter(range(10**6))

            def after_write():
                store.set_field(case_id, meeting_id, "rating", 1 + next(ratings) % 10)
                first_tab(cache.frames(orgs), filters.Filter())

            reads_before = cache.reads
            written = timed(after_write, args.repeat)
            reread = (cache.reads - reads_before) / args.repeat
            page_cold, page_filter = page_times(folder, args.repeat)
            size_mb = sum(f.stat().st_size for f in files) / 1e6
            rows.append((size, len(files), size_mb, floor, cold, warm, all_tabs, written, reread,
                         page_cold, page_filter))
            print(f"done: {size} MDOs: page cold {page_cold:.3f} s, page filter "
                  f"{page_filter:.3f} s", flush=True)

    print()
    print(f"{'MDOs':>6} {'cases':>6} {'MB':>6} {'floor s':>8} {'cold s':>7} {'cold/floor':>10} "
          f"{'filter s':>8} {'all tabs s':>10} {'after write s':>13} {'re-read':>7} "
          f"{'page cold s':>11} {'page filter s':>13} {'page cold/floor':>15}")
    for (size, cases, mb, floor, cold, warm, all_tabs, written, reread, page_cold,
         page_filter) in rows:
        print(f"{size:>6} {cases:>6} {mb:>6.1f} {floor:>8.3f} {cold:>7.3f} {cold / floor:>10.1f} "
              f"{warm:>8.3f} {all_tabs:>10.3f} {written:>13.3f} {reread:>7.1f} "
              f"{page_cold:>11.3f} {page_filter:>13.3f} {page_cold / floor:>15.1f}")


if __name__ == "__main__":
    main()
