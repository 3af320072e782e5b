"""``proxywatch serve`` under load: 1 million synthetic canonical events, a real server, a real HTTP client.

    PYTHONPATH=. .venv/bin/python bench/serve.py [--events 1000000] [--requests 60] [--db FILE]

1. Generates ``--events`` (expected) synthetic canonical events with proxywatch.analyse.synthetic
   (daily Poisson counts over ``--days`` days, the rate halving half way), gives 60% of them a point
   (a country's centre plus up to ±1.5° from a hash of the id) and a full canonical record (about
   700 bytes of JSON each, as ingest writes), and checkpoints the DuckDB file.
2. Starts ``proxywatch serve --db FILE`` as its own process (uvicorn, read-only store) on a free
   loopback port and waits for /api/v1/health.
3. With one keep-alive httpx client over loopback, after 3 untimed warm-up requests each, times
   ``--requests`` requests per endpoint, rotating through filter sets (so no two consecutive requests
   are the same query): ``events`` (one filtered page of 50; every third request a second page by
   cursor), ``trend`` (by month; by week split by sponsor), and the overview page ``/`` (HTML:
   weekly trend by sponsor, change points, map points, gaps, top actors, sponsors and targets),
   once with a view never asked before on every request (a new ``since`` date: computed), once
   with the 8 views asked before (the server remembers the last 64 overviews of a read-only store).
4. Prints p50/p95/max per endpoint, and the server process's CPU time per request (user + system,
   from /proc: what the request costs whatever else the machine runs), and writes them to
   ``bench/results/serve.json`` with the load average before and after.

Targets (issue 12): events p95 < 100 ms, trend p95 < 300 ms, overview HTML < 500 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

FILTERS = [
    {},
    {"type": "ASSAULT", "sponsor": "IRN"},
    {"target_country": "USA"},
    {"country": "IRQ", "since": "2024-06-01", "until": "2025-06-30"},
    {"actor": "hezbollah"},
    {"sponsor": "IRN", "target_country": "ISR"},
    {"type": "COERCE"},
    {"country": "YEM", "type": "ASSAULT"},
]
SORTS = ["date", "-date", "-fatalities", "type"]

_CENTRES = {"IRQ": (43.7, 33.2), "SYR": (38.5, 35.0), "YEM": (47.5, 15.5), "LBN": (35.9, 33.9), "JOR": (36.5, 31.0)}

_RECORD = """
UPDATE canonical_events SET
  lat = CASE WHEN hash(id) % 10 < 6 THEN c.lat + ((hash(id) >> 8) % 300) / 100.0 - 1.5 END,
  lon = CASE WHEN hash(id) % 10 < 6 THEN c.lon + ((hash(id) >> 20) % 300) / 100.0 - 1.5 END,
  location_name = CASE WHEN hash(id) % 10 < 6 THEN 'place ' || ((hash(id) >> 32) % 5000) END,
  location_precision = CASE WHEN hash(id) % 10 < 6 THEN 'city' ELSE 'country' END
FROM (SELECT unnest(?::VARCHAR[]) AS code, unnest(?::DOUBLE[]) AS lon, unnest(?::DOUBLE[]) AS lat) c
WHERE c.code = canonical_events.location_country;
UPDATE canonical_events SET record = json_object(
  'schema', 'proxywatch.canonical/1', 'id', id, 'type', type, 'mode', mode,
  'actor', CASE WHEN actor_text IS NULL THEN NULL ELSE json_object('text', actor_text, 'id', actor_id,
           'name', actor_name, 'country', actor_country, 'kind', actor_kind, 'sponsors', actor_sponsors) END,
  'target', json_object('text', target_text, 'id', target_id, 'name', target_name, 'country', target_country,
            'kind', target_kind, 'sponsors', target_sponsors),
  'location', json_object('text', location_name, 'name', location_name, 'country', location_country,
              'admin1', NULL, 'lat', lat, 'lon', lon, 'precision', location_precision),
  'date', json_object('start', date_start, 'end', date_end, 'precision', date_precision, 'text', NULL),
  'fatalities', json_object('low', fatalities_low, 'best', fatalities_best, 'high', fatalities_high),
  'injuries', NULL, 'mentions', 1, 'sources', 1, 'source_names', ['synthetic wire'], 'mention_ids', [id],
  'article_ids', ['syn-article-' || date_start],
  'evidence', [json_object('event_id', id, 'article_id', 'syn-article-' || date_start,
               'text', 'A synthetic sentence standing for the report of this event, as long as a short news sentence.')]
)::VARCHAR;
"""


def build(db: Path, events: int, days: int) -> dict:
    from proxywatch.analyse.synthetic import generate, write_synthetic
    from proxywatch.store import Store

    before = days // 2
    rate = events / (before + 0.5 * (days - before))
    started = time.perf_counter()
    truth = generate(7, rate_before=rate, rate_after=rate / 2, days_before=before, days_after=days - before)
    with Store(db) as store:
        write_synthetic(store, truth)
        codes = sorted(_CENTRES)
        for statement in _RECORD.split(";\n"):
            if statement.strip():
                params = [codes, [_CENTRES[c][0] for c in codes], [_CENTRES[c][1] for c in codes]] \
                    if "unnest" in statement else []
                store.sql(statement, params)
        store.sql("CHECKPOINT")
    return {"rows": truth.events, "days": days, "seconds": round(time.perf_counter() - started, 1),
            "mb": round(db.stat().st_size / 1e6)}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _timed(client, url: str, params: dict) -> float:
    started = time.perf_counter()
    answer = client.get(url, params=params)
    seconds = time.perf_counter() - started
    if answer.status_code != 200:
        raise SystemExit(f"{url} {params}: HTTP {answer.status_code} {answer.text[:300]}")
    return seconds


def _cpu_seconds(pid: int | None) -> float:
    """User + system CPU time of a process so far, from /proc (Linux); 0 elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, TypeError):
        return 0.0


def measure(base: str, requests: int, pid: int | None = None) -> dict:
    import httpx

    results = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        cursors: dict[int, str] = {}

        def events(i: int) -> dict:
            params = {**FILTERS[i % len(FILTERS)], "sort": SORTS[i % len(SORTS)], "limit": 50}
            if i % 3 == 2 and cursors.get(i - 1):
                params = {**FILTERS[(i - 1) % len(FILTERS)], "sort": SORTS[(i - 1) % len(SORTS)], "limit": 50,
                          "cursor": cursors[i - 1]}
            return params

        plans = {
            "events (one filtered page of 50, JSON)": ("/api/v1/events", events),
            "trend --by month": ("/api/v1/trend", lambda i: {**FILTERS[i % len(FILTERS)], "by": "month"}),
            "trend --by week --split sponsor": ("/api/v1/trend", lambda i: {**FILTERS[i % len(FILTERS)],
                                                                            "by": "week", "split": "sponsor"}),
            "overview page / (HTML), a new view each request": ("/", lambda i: {
                **FILTERS[i % len(FILTERS)], "since": (date(2023, 10, 2) + timedelta(days=3 * i)).isoformat()}),
            "overview page / (HTML), a view asked before": ("/", lambda i: FILTERS[i % len(FILTERS)]),
        }
        for name, (url, make) in plans.items():
            warm = range(len(FILTERS)) if "asked before" in name else range(1000, 1003)  # untimed
            for i in warm:
                client.get(url, params=make(i))
            times = []
            cpu = _cpu_seconds(pid)
            for i in range(requests):
                params = make(i)
                if url == "/api/v1/events" and "cursor" not in params:
                    started = time.perf_counter()
                    answer = client.get(url, params=params)
                    times.append(time.perf_counter() - started)
                    cursors[i] = answer.json()["next_cursor"]
                else:
                    times.append(_timed(client, url, params))
            server_cpu = (_cpu_seconds(pid) - cpu) / len(times)
            times.sort()
            results[name] = {"n": len(times), "p50_ms": round(1000 * statistics.median(times), 1),
                             "p95_ms": round(1000 * times[max(0, int(round(0.95 * len(times))) - 1)], 1),
                             "max_ms": round(1000 * times[-1], 1),
                             "server_cpu_ms_per_request": round(1000 * server_cpu, 1)}
            print(f"{name:50s} p50 {results[name]['p50_ms']:7.1f} ms  p95 {results[name]['p95_ms']:7.1f} ms  "
                  f"max {results[name]['max_ms']:7.1f} ms  server CPU {1000 * server_cpu:6.1f} ms/request",
                  flush=True)
        size = len(client.get("/").content)
        results["overview page size (bytes, no filter)"] = size
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--db", type=Path, default=None, help="keep (or reuse) the synthetic store here")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "serve.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="proxywatch-bench-serve-") as tmp:
        db = args.db or Path(tmp) / "serve.duckdb"
        built = None
        if not db.exists():
            print(f"building ~{args.events:,} synthetic canonical events in {db}", flush=True)
            built = build(db, args.events, args.days)
            print(f"{built['rows']:,} rows in {built['seconds']} s; {built['mb']} MB", flush=True)
        port = _free_port()
        load = os.getloadavg()
        server = subprocess.Popen([sys.executable, "-m", "proxywatch.cli", "serve", "--db", str(db), "--port",
                                   str(port)], stderr=subprocess.PIPE, text=True)
        try:
            import httpx

            deadline = time.monotonic() + 120
            while True:
                try:
                    health = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2).json()
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit(f"server did not start: {server.stderr.read() if server.stderr else ''}")
                    time.sleep(0.3)
            time.sleep(3)  # the server's warm-up (outlines, change-point library) runs in the background
            print(f"server up: {health['canonical_events']:,} canonical events, read_only={health['read_only']}",
                  flush=True)
            results = measure(f"http://127.0.0.1:{port}", args.requests, server.pid)
        finally:
            server.terminate()
            server.communicate(timeout=30)
    report = {"built": built, "canonical_events": health["canonical_events"], "requests": args.requests,
              "load_before": [round(x, 2) for x in load], "load_after": [round(x, 2) for x in os.getloadavg()],
              "python": platform.python_version(), "cpus": os.cpu_count(), "results": results}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
