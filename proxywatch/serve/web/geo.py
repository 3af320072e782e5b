"""Country outlines (Natural Earth 1:50m, shipped in ``data/``) and the map's projection, for server-drawn SVG.

The outlines are TopoJSON (``data/README.md`` says where they come from). :func:`decode_topology`
turns a TopoJSON object into rings of (lon, lat) following the TopoJSON specification: arcs are
delta-encoded quantized positions, a geometry lists arc indexes and ``~i`` (``-i - 1``) is arc
``i`` reversed. The map is an equirectangular projection with its standard parallel at the
middle of the view, so distances look right at the latitudes shown.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Sequence

__all__ = ["Outline", "View", "decode_topology", "outlines", "view_around", "WORLD"]

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Outline:
    code: str | None  # ISO 3166-1 numeric, as Natural Earth gives it
    name: str
    rings: tuple[Any, ...]  # one polygon: its outer ring, then its holes; each an (n, 2) array of lon, lat
    bbox: tuple[float, float, float, float]  # west, south, east, north of the outer ring


def _arcs(topology: dict[str, Any]) -> list[Any]:
    """Every arc as an (n, 2) array of lon, lat (numpy: the 50m file has a quarter of a million positions)."""
    from itertools import chain

    import numpy as np

    raw = topology["arcs"]
    sizes = np.fromiter((len(a) for a in raw), dtype=np.int64, count=len(raw))
    flat = np.fromiter(chain.from_iterable(chain.from_iterable(raw)), dtype=float).reshape(-1, 2)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    transform = topology.get("transform")
    if transform:  # positions are deltas within each arc: a running sum restarted at every arc
        total = np.cumsum(flat, axis=0)
        before = np.where(starts[:, None] > 0, total[np.maximum(starts - 1, 0)], 0.0)
        flat = (total - np.repeat(before, sizes, axis=0)) * transform["scale"] + transform["translate"]
    return np.split(flat, starts[1:])


def _ring(indexes: Sequence[int], arcs: list[Any]) -> Any:
    import numpy as np

    parts = []
    for k, i in enumerate(indexes):
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(arc[1:] if k else arc)  # consecutive arcs share their end point
    return np.concatenate(parts)


def decode_topology(topology: dict[str, Any], name: str) -> list[Outline]:
    """The polygons of object ``name`` of a TopoJSON topology: one Outline per ring's geometry.

    Each ring keeps its own box, so a country with far-away parts (France's overseas departments,
    Alaska's islands across the antimeridian) is drawn only where a part is in view.
    """
    arcs = _arcs(topology)
    out = []
    for geometry in topology["objects"][name]["geometries"]:
        kind = geometry.get("type")
        polygons = [geometry["arcs"]] if kind == "Polygon" else geometry["arcs"] if kind == "MultiPolygon" else []
        for polygon in polygons:
            rings = tuple(r for r in (_ring(ix, arcs) for ix in polygon) if len(r) >= 3)
            if not rings:
                continue
            outer = rings[0]
            box = (float(outer[:, 0].min()), float(outer[:, 1].min()), float(outer[:, 0].max()),
                   float(outer[:, 1].max()))
            out.append(Outline(code=geometry.get("id"), name=(geometry.get("properties") or {}).get("name", ""),
                               rings=rings, bbox=box))
    return out


@lru_cache(maxsize=1)
def outlines() -> tuple[Outline, ...]:
    """Every country's polygons (read once, about 0.3 s)."""
    path = resources.files("proxywatch.serve.web") / "data" / "countries-50m.json"
    return tuple(decode_topology(json.loads(path.read_text(encoding="utf-8")), "countries"))


@dataclass(frozen=True)
class View:
    """A lon/lat window drawn ``width`` pixels wide (height follows from the projection)."""

    west: float
    south: float
    east: float
    north: float
    width: int = 640

    @property
    def _kx(self) -> float:
        return self.width / (self.east - self.west)

    @property
    def _ky(self) -> float:
        return self._kx / math.cos(math.radians((self.south + self.north) / 2))

    @property
    def height(self) -> int:
        return max(1, round((self.north - self.south) * self._ky))

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self._kx, (self.north - lat) * self._ky

    def touches(self, bbox: tuple[float, float, float, float]) -> bool:
        west, south, east, north = bbox
        return not (east < self.west or west > self.east or north < self.south or south > self.north)

    def path(self, rings: Iterable[Any]) -> str:
        """SVG path data of the rings at 1 px; points that round to the previous one are dropped."""
        import numpy as np

        parts = []
        for ring in rings:
            x = np.rint((ring[:, 0] - self.west) * self._kx).astype(int)
            y = np.rint((self.north - ring[:, 1]) * self._ky).astype(int)
            keep = np.ones(len(x), dtype=bool)
            keep[1:] = (x[1:] != x[:-1]) | (y[1:] != y[:-1])
            x, y = x[keep], y[keep]
            if len(x) >= 3:
                parts.append("M" + "L".join(f"{a} {b}" for a, b in zip(x.tolist(), y.tolist())) + "Z")
        return "".join(parts)


WORLD = View(-180.0, -58.0, 180.0, 80.0)


def view_around(points: Iterable[tuple[float, float]], width: int = 640, aspect: float = 1.5, pad: float = 2.0,
                min_span: float = 8.0) -> View:
    """The window around (lon, lat) points, padded, ``aspect`` times wider than high; the world if none."""
    pts = list(points)
    if not pts:
        return View(WORLD.west, WORLD.south, WORLD.east, WORLD.north, width)
    west, east = min(p[0] for p in pts) - pad, max(p[0] for p in pts) + pad
    south, north = max(-80.0, min(p[1] for p in pts) - pad), min(80.0, max(p[1] for p in pts) + pad)
    cos = math.cos(math.radians((south + north) / 2))
    span_x = max(east - west, min_span)
    span_y = max(north - south, min_span * cos / aspect)
    # widen whichever side is short so the window has the wanted shape on screen
    if span_x * cos / span_y < aspect:
        span_x = span_y * aspect / cos
    else:
        span_y = span_x * cos / aspect
    mid_x, mid_y = (west + east) / 2, (south + north) / 2
    west, east = mid_x - span_x / 2, mid_x + span_x / 2
    south, north = mid_y - span_y / 2, mid_y + span_y / 2
    if west < -180 or east > 180:
        west, east = max(-180.0, west), min(180.0, east)
    return View(west, max(-85.0, south), east, min(85.0, north), width)
