"""Country outlines: TopoJSON decoding, the shipped file, the projection and the map's window."""

from __future__ import annotations

import pytest

from proxywatch.serve.web.geo import View, decode_topology, outlines, view_around


def test_decode_follows_the_topojson_spec():
    # two quantized arcs sharing an edge; a polygon using the second reversed (~1 == -2)
    topology = {"type": "Topology", "transform": {"scale": [1, 1], "translate": [10, 20]},
                "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],
                "objects": {"shapes": {"type": "GeometryCollection", "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "id": "1", "properties": {"name": "square"}},
                    {"type": "Polygon", "arcs": [[~1, ~0]], "id": "2", "properties": {"name": "backwards"}}]}}}
    square, backwards = decode_topology(topology, "shapes")
    assert square.name == "square" and square.code == "1"
    ring = square.rings[0].tolist()
    assert ring == [[10, 20], [12, 20], [12, 22], [10, 22], [10, 20]]
    assert backwards.rings[0].tolist() == ring[::-1]
    assert square.bbox == (10, 20, 12, 22)


def test_the_shipped_outlines_hold_the_region():
    names = {o.name for o in outlines()}
    assert {"Iraq", "Syria", "Jordan", "Yemen", "Lebanon", "Israel", "Iran", "Bahrain"} <= names
    iraq = [o for o in outlines() if o.name == "Iraq"]
    west, south, east, north = iraq[0].bbox
    assert 38 < west < 39.5 and 29 < south < 29.5 and 48 < east < 49 and 37 < north < 37.5


def test_view_keeps_points_inside_with_the_wanted_shape():
    points = [(38.69, 33.32), (44.36, 33.31), (42.95, 14.8)]
    view = view_around(points, width=600)
    for lon, lat in points:
        x, y = view.xy(lon, lat)
        assert 0 < x < view.width and 0 < y < view.height
    assert view.width / view.height == pytest.approx(1.5, rel=0.02)
    world = view_around([])
    assert (world.west, world.east) == (-180, 180)


def test_path_is_in_pixels_and_drops_repeated_points():
    import numpy as np

    view = View(0, 0, 10, 10, width=100)
    d = view.path([np.array([[0, 0], [0.001, 0], [10, 0], [10, 10], [0, 0]])])
    assert d.startswith("M0 ") and d.endswith("Z") and d.count("L") == 3
