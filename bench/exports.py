"""Time every export format and the network over N synthetic single mentions.

    .venv/bin/python bench/exports.py [--events 1000000] [--out /tmp/proxywatch-exports]

The mentions are inserted with one SQL statement into an in-memory store (one article; 50 armed
groups, 200 military targets, one sponsor, towns in Iraq on a 10 x 10 grid of points, day-precise
dates over 300 days), then each format is
exported once with ``--source mentions`` and the network is counted. Prints seconds and file size
per format and the peak resident memory of the process (ru_maxrss).
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from proxywatch.analyse.network import sponsor_network
from proxywatch.records import Article
from proxywatch.serve.export import EXPORT_FORMATS, export_events
from proxywatch.store import Store
from proxywatch.jobs import store_batch

_FILL = (
    "INSERT INTO events (id, article_id, type, mode, status, negated, actor_text, actor_id, actor_kind, "
    "actor_sponsors, target_text, target_country, target_kind, location_name, location_country, "
    "location_precision, lat, lon, date_start, date_end, date_precision, evidence_text, evidence_start, "
    "evidence_end, confidence, record) SELECT 'e' || i, 'a', 'ASSAULT', 'drone', 'occurred', false, "
    "'group ' || (i % 50), 'g' || (i % 50), 'armed_group', ['IRN'], 'base ' || (i % 200), 'USA', 'military', "
    "'town ' || (i % 100), 'IRQ', 'city', 30 + (i % 10) / 10.0, 40 + (i % 10) / 10.0, "
    "DATE '2024-01-01' + (i % 300)::INTEGER, DATE '2024-01-01' + (i % 300)::INTEGER, 'day', "
    "'A sentence about an attack.', 0, 1, 0.5, json_object('id', 'e' || i, 'type', 'ASSAULT') FROM range(?) t(i)"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=None, help="folder for the files (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="proxywatch-exports-") as tmp, Store() as store:
        out = args.out or Path(tmp)
        store_batch(store, [(Article("a", "s"), [])])
        store.sql(_FILL, [args.events])
        for fmt in EXPORT_FORMATS:
            path = out / f"events.{fmt}"
            started = time.perf_counter()
            result = export_events(store, fmt, path, source="mentions")
            print(f"{fmt:8} {result.rows:>9} rows {time.perf_counter() - started:6.2f} s "
                  f"{path.stat().st_size / 1e6:8.0f} MB")
        started = time.perf_counter()
        net = sponsor_network(store, source="mentions")
        print(f"network  {len(net.nodes)} nodes {len(net.edges)} edges {time.perf_counter() - started:6.2f} s")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
