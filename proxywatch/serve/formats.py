"""The names ``export`` takes: its formats and what it exports (``--format``, ``--source``).

Light on purpose (no DuckDB, no pyarrow): the command line builds its choices from these names at
start-up, and :mod:`proxywatch.serve.export` imports them from here.
"""

from __future__ import annotations

__all__ = ["EXPORT_FORMATS", "TEXT_FORMATS", "EXPORT_SOURCES"]

EXPORT_FORMATS = ("csv", "jsonl", "parquet", "geojson", "acled", "plover", "polecat")
TEXT_FORMATS = tuple(f for f in EXPORT_FORMATS if f != "parquet")
EXPORT_SOURCES = ("canonical", "mentions", "all-mentions")
