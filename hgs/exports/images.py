"""The verslag's charts as PNG images, drawn by kaleido's headless Chromium within a time limit;
without them the verslag shows the scores as a table."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

log = logging.getLogger(__name__)

CHART_TIMEOUT = 30.0  # seconds for all chart images of one verslag; then the table instead
CHART_WIDTH = 900  # pixels, drawn at scale 2; the height is the figure's own


# kaleido's sync server is one Chromium for the whole process; it answers one caller at a time
# and mixes up answers when two threads (two browser sessions) ask at once, hence the lock.
_export_lock = threading.Lock()


def chart_pngs(figures: Sequence) -> list[bytes] | None:
    """PNG images of plotly figures via kaleido (its sync server, started once), or None when
    the export fails or takes longer than CHART_TIMEOUT; the caller then shows a table."""
    if not figures:
        return None
    result: dict[str, object] = {}

    def work() -> None:
        try:
            with _export_lock:
                import kaleido  # Chromium's bridge, loaded at the first chart image

                kaleido.start_sync_server(silence_warnings=True, timeout=CHART_TIMEOUT)
                result["pngs"] = [kaleido.calc_fig_sync(
                    fig.to_dict(),
                    opts=dict(format="png", width=CHART_WIDTH, height=figure_height(fig), scale=2))
                    for fig in figures]
        except Exception as error:  # no Chromium, a crash, a bad figure: the table will do
            result["error"] = error

    worker = threading.Thread(target=work, name="hgs-chart-export", daemon=True)
    worker.start()
    worker.join(CHART_TIMEOUT)
    if "pngs" not in result:
        log.warning("chart export failed: %s", result.get("error", "timed out"))
        return None
    return result["pngs"]  # type: ignore[return-value]


def figure_height(fig) -> int:
    return int(fig.layout.height or 380)
