"""Save a matplotlib figure as PNG or as a self-contained HTML page (inline SVG, no scripts).

The format follows the file's suffix: ``.png``, or ``.html``/``.htm``. Charts work offline: the
HTML page embeds the SVG, so nothing is fetched when it is opened.
"""

from __future__ import annotations

import html
import io
from pathlib import Path
from typing import TYPE_CHECKING

from proxywatch.errors import ProxywatchError
from proxywatch.serve.output import atomic_output, check_output_path, is_stdout

if TYPE_CHECKING:  # matplotlib is imported only when a chart is drawn
    from matplotlib.figure import Figure

__all__ = ["new_figure", "save_figure", "check_plot_path", "PLOT_SUFFIXES"]

PLOT_SUFFIXES = (".png", ".html", ".htm")


def check_plot_path(path: Path) -> None:
    """Refuse a path whose suffix is not a known chart format, before any work is done."""
    if is_stdout(path):
        raise ProxywatchError("--plot takes a file name (.png or .html), not standard output")
    if path.suffix.lower() not in PLOT_SUFFIXES:
        raise ProxywatchError(f"{path}: --plot writes .png or .html, not {path.suffix or 'no suffix'!r}")
    check_output_path(path, flag="--plot")


def new_figure(width: float = 9.0, height: float = 4.5) -> "Figure":
    """A figure drawn with the non-interactive Agg backend (no display needed)."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def save_figure(fig: "Figure", path: Path, title: str = "proxywatch") -> Path:
    """Write ``fig`` to ``path`` as PNG or HTML (by suffix); return the path."""
    check_plot_path(path)
    with atomic_output(path, flag="--plot") as part:
        if path.suffix.lower() == ".png":
            fig.savefig(part, format="png", dpi=120)
        else:
            buffer = io.StringIO()
            fig.savefig(buffer, format="svg")
            svg = buffer.getvalue()
            svg = svg[svg.index("<svg"):]  # drop the XML prolog and doctype: the SVG sits inside HTML
            page = (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                    f"{html.escape(title)}</title></head>\n<body>\n{svg}\n</body></html>\n")
            part.write_text(page, encoding="utf-8")
    return path
