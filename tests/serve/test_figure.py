from pathlib import Path

import pytest

from proxywatch.errors import ProxywatchError
from proxywatch.serve.figure import new_figure, save_figure


def _chart():
    fig = new_figure()
    ax = fig.add_subplot()
    ax.plot([1, 2, 3], [3, 1, 2])
    return fig


def test_png_has_png_signature(tmp_path: Path) -> None:
    out = save_figure(_chart(), tmp_path / "c.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_html_embeds_svg_without_scripts(tmp_path: Path) -> None:
    page = save_figure(_chart(), tmp_path / "c.html", title="a <b>").read_text()
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "<script" not in page
    assert "a &lt;b&gt;" in page


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProxywatchError, match="png or .html"):
        save_figure(_chart(), tmp_path / "c.pdf")
