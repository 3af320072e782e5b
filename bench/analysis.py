"""Analysis at scale: trend and changepoints over millions of synthetic canonical events.

    PYTHONPATH=. .venv/bin/python bench/analysis.py [--events 10000000] [--days 3000] [--runs 5] [--db FILE]

Generates ``--events`` (expected) synthetic events with proxywatch.analyse.synthetic: daily
Poisson counts over ``--days`` days with a drop to ``--ratio`` × the rate half way, written into
the ``canonical_events`` table of a fresh store (a temporary DuckDB file unless ``--db``; the
primary-key index is built as in a real store). Then, on the store reopened read-only as the
CLI opens it, times the analysis functions the commands call (median of ``--runs``, after one
untimed warm-up):

* ``trend --by month`` (the acceptance target: under 1 s over 10M events), and with
  ``--split sponsor`` (unnest of the sponsor list) and ``--by day``;
* ``changepoints`` split in its two parts: the zero-filled daily series in SQL, and PELT with the
  Poisson cost over that series (Python, in ruptures), and the whole call.

Prints generation time, rows, DB size, the load average before and after, and a table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from proxywatch.analyse.changepoints import changepoints, detect
from proxywatch.analyse.series import coverage, daily_counts, trend
from proxywatch.analyse.synthetic import generate, write_synthetic
from proxywatch.store import Store


def _median_time(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    result = fn()  # warm-up, not timed
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def run(events: int, days: int, ratio: float, runs: int, db: Path, seed: int = 1) -> list[tuple[str, float, str]]:
    before_days = days // 2
    after_days = days - before_days
    rate = events / (before_days + ratio * after_days)
    load0 = os.getloadavg()
    print(f"generating ~{events:,} events over {days} days ({rate:.1f}/day, then {rate * ratio:.1f}/day) into {db}",
          flush=True)
    started = time.perf_counter()
    truth = generate(seed, rate_before=rate, rate_after=rate * ratio, days_before=before_days, days_after=after_days)
    with Store(db) as store:
        write_synthetic(store, truth)
        store.sql("CHECKPOINT")
    generated = time.perf_counter() - started
    size_mb = db.stat().st_size / 1e6
    print(f"{truth.events:,} rows in {generated:.1f} s; database {size_mb:.0f} MB", flush=True)

    rows: list[tuple[str, float, str]] = [("generate + insert (once)", generated, f"{truth.events:,} rows")]
    with Store(db, read_only=True) as store:
        span = coverage(store)
        timed = [
            ("trend --by month", lambda: trend(store, by="month")),
            ("trend --by month --split sponsor", lambda: trend(store, by="month", split="sponsor")),
            ("trend --by day", lambda: trend(store, by="day")),
            ("daily series for changepoints (SQL)", lambda: daily_counts(store, None, span.first, span.last)),
        ]
        for name, fn in timed:
            seconds, result = _median_time(fn, runs)
            size = len(result.rows) if hasattr(result, "rows") else len(result.counts)
            rows.append((name, seconds, f"{size:,} rows out"))
        series = daily_counts(store, None, span.first, span.last)
        seconds, result = _median_time(lambda: detect(series), runs)
        rows.append(("PELT, Poisson cost (Python)", seconds, f"{len(series.counts):,} days"))
        seconds, result = _median_time(lambda: changepoints(store), runs)
        found = ", ".join(f"{c.date} ({c.date_low}..{c.date_high})" for c in result.changes) or "none"
        rows.append(("changepoints (whole call)", seconds, f"change {found}; truth {truth.change}"))
    load1 = os.getloadavg()
    print(f"load average before {load0[0]:.2f}, after {load1[0]:.2f} (1 min); {os.cpu_count()} CPUs; "
          f"median of {runs} runs after a warm-up")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000, help="expected number of events")
    parser.add_argument("--days", type=int, default=3000, help="days the events span")
    parser.add_argument("--ratio", type=float, default=0.5, help="rate after / rate before the half-way change")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement (median)")
    parser.add_argument("--db", type=Path, default=None, help="DuckDB file to create (default: a temporary one)")
    args = parser.parse_args(argv)
    if args.events < 1 or args.days < 20 or args.runs < 1:
        parser.error("need --events ≥ 1, --days ≥ 20 and --runs ≥ 1")
    if args.db is not None and args.db.exists():
        parser.error(f"{args.db} already exists; give a new path")
    with tempfile.TemporaryDirectory(prefix="proxywatch-bench-") as tmp:
        db = args.db or Path(tmp) / "analysis.duckdb"
        rows = run(args.events, args.days, args.ratio, args.runs, db)
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measurement':<{width}}  {'seconds':>8}  notes")
    for name, seconds, note in rows:
        print(f"{name:<{width}}  {seconds:>8.3f}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
