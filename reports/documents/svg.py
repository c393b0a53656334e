"""Plotly figures as inline vector SVG for the PDFs, through one kaleido server per process.

kaleido 1.x drives Debian's Chromium. Starting a browser per chart costs about 2 s, so the first
export starts `kaleido.start_sync_server(mathjax=False)` once and every later export in the
process reuses it (~0.15 s a chart). MathJax is off: its default source is a CDN and our
figures hold no formulas. The PDF sets its own font on the figure (DejaVu Sans, the font the
PDF embeds) so the SVG text matches the document; nothing else of the figure changes.
"""

from __future__ import annotations

import base64
import logging
import re
import threading
from typing import Any

import kaleido
import plotly.graph_objects as go

# kaleido and choreographer log every tab and temporary directory at INFO.
for _name in ("kaleido", "choreographer", "logistro"):
    logging.getLogger(_name).setLevel(logging.WARNING)

logger = logging.getLogger(__name__)
PDF_FONT_FAMILY = "DejaVu Sans, sans-serif"
_lock = threading.Lock()
_started = False
# The XML prolog or a DOCTYPE would be invalid inside HTML; kaleido emits neither today.
_PROLOG = re.compile(rb"^\s*<\?xml[^>]*>\s*")


def ensure_server() -> None:
    """Start the process's kaleido server once (a no-op afterwards)."""
    global _started
    with _lock:
        if not _started:
            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            _started = True


def restart_server() -> None:
    """Stop and start the kaleido server (after the browser lost its way)."""
    global _started
    with _lock:
        kaleido.stop_sync_server(silence_warnings=True)
        _started = False
    ensure_server()


def figure_svg(
    figure: dict[str, Any] | go.Figure, *, width: int, height: int, font_size: int | None = None
) -> str:
    """The figure as an SVG document string, ready to inline in the report's HTML."""
    fig = figure if isinstance(figure, go.Figure) else go.Figure(figure)
    font: dict[str, Any] = {"family": PDF_FONT_FAMILY}
    if font_size is not None:
        font["size"] = font_size
    fig.update_layout(font=font, height=height, width=width)
    opts = {"format": "svg", "width": width, "height": height, "scale": 1}
    ensure_server()
    try:
        svg = kaleido.calc_fig_sync(fig, opts=opts)
    except Exception:  # any browser failure: one fresh browser, then give up
        # Seen under heavy load: choreographer's JSONError from a confused tab. A fresh
        # browser recovers; a second failure propagates and fails the report.
        logger.warning("kaleido failed to export a figure; restarting it once", exc_info=True)
        restart_server()
        svg = kaleido.calc_fig_sync(fig, opts=opts)
    return _PROLOG.sub(b"", svg).decode("utf-8")


def data_uri(svg: str) -> str:
    """The SVG as a data: URI for an <img> (base64, so no markup of it reaches the page)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
