"""Scaling out: Dask workers against one process, per-batch ingest time as the store grows, peak memory.

    PYTHONPATH=. HF_HUB_OFFLINE=1 .venv/bin/python bench/scale.py speedup [--articles 2000] [--workers 2]
    PYTHONPATH=. HF_HUB_OFFLINE=1 .venv/bin/python bench/scale.py growth [--mentions 1000000] [--db URL]

``speedup``: real news read at run time from the public benchmarks folder (development and train
splits only, as bench/throughput.py reads them: M2E2 dev, RAMS dev, MUC-4 dev, MUC-4 train; never a
test split, nothing copied into the repository) is written to a temporary JSON Lines file and
ingested twice into fresh DuckDB files: by ``proxywatch ingest`` in one process, and by the same
job with ``--dask local:N`` (a LocalCluster of N worker processes, one thread each). Each run is a
child process; wall clock from start to exit includes loading the pipeline (in every worker).
Peak memory: the single process's ru_maxrss, and each Dask worker's ru_maxrss read on the worker
at the end of the job. Both runs must store the same events and canonical events (checked).

``growth``: a store is filled with synthetic mentions (spread over 1980-2024, 30 real countries, 6
types, with their merge index and one canonical event each, written in bulk) in steps up to
``--mentions``; so the blocks the news batches reach hold more stored mentions as the store grows
(with ``--apart`` the synthetic mentions are dated 1900-1944 instead, and no batch's block holds any).
``--batches`` batches of 32 real news articles (a fixed shuffled mix of the same 2,000)
are extracted once, timed; at each step the very same batches are stored (``jobs.store_batch``:
write, merge, commit; wall clock and CPU seconds, DuckDB's threads included) and then deleted again,
so every step does the same work into a larger store. A batch's ingest time is its extraction
(which does not read the store) plus its store part.
"""

from __future__ import annotations

import argparse
import json
import random
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_DATA, news_corpus  # noqa: E402

from proxywatch import jobs  # noqa: E402
from proxywatch.records import Article  # noqa: E402
from proxywatch.store import Store  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def news_articles(count: int, data: Path) -> list[Article]:
    articles = news_corpus(10**9, data) or []
    if len(articles) < count:
        sys.exit(f"only {len(articles)} news articles under {data}; asked for {count}")
    return [Article(id=a.id, text=a.text, published=a.published) for a in articles[:count]]


def _child(cmd: list[str]) -> tuple[float, float, str, float]:
    """Run a child; its wall seconds, peak memory (MB, the child itself), standard output and CPU seconds."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as errors:  # kept to say why a run failed
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=errors, text=True,
                                env={**os.environ, "HF_HUB_OFFLINE": "1"})
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            errors.seek(0)
            tail = "".join(errors.readlines()[-8:])
            sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}); the end of its error output:\n{tail}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024, out, usage.ru_utime + usage.ru_stime


def _machine_busy() -> float:
    """CPU seconds every process on this machine has used so far (from /proc/stat; 0 where there is none)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    ticks = [int(x) for x in fields]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle and iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _wait_idle(limit: float, cores: float = 1.8, window: float = 5.0) -> float:
    """Wait (up to ``limit`` seconds) for a ``window`` in which at least ``cores`` cores were idle;
    return the cores other processes kept busy in the last window."""
    deadline = time.monotonic() + limit
    while True:
        busy = _machine_busy()
        time.sleep(window)
        others = (_machine_busy() - busy) / window
        if others <= (os.cpu_count() or 1) - cores or time.monotonic() > deadline:
            return others


def dask_run(path: Path, db: Path, workers: int, batch_size: int) -> None:
    """Child process of ``speedup``: the --dask ingest job, then each worker's peak memory as JSON."""
    from proxywatch.cluster import DaskSpec, dask_client, merge_rules
    from proxywatch.ingest.readers import ReadOptions
    from proxywatch.settings import Settings

    def own_cpu() -> float:  # this process alone (its workers are counted once they exit)
        return sum(resource.getrusage(resource.RUSAGE_SELF)[:2])

    phases = {"imports": own_cpu()}
    started = time.perf_counter()
    articles = jobs.collect([str(path)], ReadOptions(), lambda p: None)
    phases["read"] = own_cpu()
    with Store(db) as store, dask_client(DaskSpec(workers=workers), Settings().model) as client:
        rules = merge_rules(client, Settings())  # as the command line does: no knowledge base here
        ready = time.perf_counter()
        phases["start-up"] = own_cpu()
        summary = jobs.ingest_on_dask(articles, store, client, lambda p: None, batch_size, rules=rules)
        done = time.perf_counter()
        phases["ingest"] = own_cpu()
        peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        cpu = client.run(lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2]))
    steps = list(phases.values())
    own = {name: round(b - a, 2) for name, a, b in zip(phases, [0.0] + steps, steps)}
    print(json.dumps({"startup": ready - started, "ingest": done - ready, "summary": summary.line(),
                      "worker_peak_mb": sorted(peaks.values()), "worker_cpu": sorted(cpu.values()), "own_cpu": own}))


def _same(a: Path, b: Path) -> bool:
    with Store(a, read_only=True) as x, Store(b, read_only=True) as y:
        queries = ("SELECT id, article_id, record FROM events ORDER BY ALL",
                   "SELECT id, record FROM canonical_events ORDER BY ALL")
        return all(x.sql(q) == y.sql(q) for q in queries)


def speedup(args: argparse.Namespace) -> None:
    articles = news_articles(args.articles, args.data)
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} news articles, {words:,} words; {args.workers} Dask workers vs one process; "
          f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="proxywatch-scale-") as tmp:
        path = Path(tmp) / "news.jsonl"
        path.write_text("".join(json.dumps(a.to_json(), ensure_ascii=False) + "\n" for a in articles), "utf-8")
        results = {"single": [], "dask": []}
        for r in range(args.repeat):
            for side in (("single", "dask") if r % 2 == 0 else ("dask", "single")):
                db = Path(tmp) / f"{side}-{r}.duckdb"
                idle_before = _wait_idle(args.wait_idle) if args.wait_idle else None
                busy = _machine_busy()
                if side == "single":
                    cmd = [sys.executable, "-c", "from proxywatch.cli import main; main()", "ingest", str(path),
                           "--db", str(db)]
                    wall, peak, _, cpu = _child(cmd)
                    results[side].append({"wall": wall, "peak_mb": peak, "cpu": cpu})
                else:
                    cmd = [sys.executable, __file__, "_dask", str(path), str(db), str(args.workers),
                           str(args.batch_size)]
                    wall, peak, out, cpu = _child(cmd)
                    info = json.loads(out.strip().splitlines()[-1])
                    results[side].append({"wall": wall, "peak_mb": peak, "cpu": cpu, **info})
                others = max(0.0, _machine_busy() - busy - cpu) / wall  # other processes' cores, on average
                results[side][-1]["others"] = others
                print(f"round {r + 1} {side}: {wall:,.1f} s wall, {cpu:,.1f} CPU s, peak {peak:,.0f} MB (this "
                      f"process); other processes kept {others:.2f} cores busy meanwhile"
                      + (f" ({idle_before:.2f} just before)" if idle_before is not None else "")
                      + f", load average now {os.getloadavg()[0]:.2f}" + (
                          f"; workers' peaks {', '.join(f'{p:,.0f}' for p in info['worker_peak_mb'])} MB, workers' "
                          f"CPU {', '.join(f'{c:,.1f}' for c in info['worker_cpu'])} s, start-up "
                          f"{info['startup']:.1f} s, ingest {info['ingest']:.1f} s; the job's own CPU by phase "
                          f"{info['own_cpu']}" if side == "dask" else ""),
                      flush=True)
            print(f"round {r + 1}: same events and canonical events in both stores: "
                  f"{_same(Path(tmp) / f'single-{r}.duckdb', Path(tmp) / f'dask-{r}.duckdb')}")
        single = statistics.median(x["wall"] for x in results["single"])
        dask = statistics.median(x["wall"] for x in results["dask"])
        print(f"median wall: one process {single:,.1f} s ({words / single:,.0f} words/s), "
              f"{args.workers} workers {dask:,.1f} s ({words / dask:,.0f} words/s); speed-up {single / dask:.2f}")
        one_cpu = statistics.median(x["cpu"] for x in results["single"])
        per_worker = statistics.median(max(x["worker_cpu"]) for x in results["dask"])
        total = statistics.median(x["cpu"] for x in results["dask"])
        # the child's CPU counts its workers too (waited for when the cluster closes)
        driver = statistics.median(x["cpu"] - sum(x["worker_cpu"]) for x in results["dask"])
        cores = os.cpu_count() or 1
        bound = max(total / cores, per_worker)
        print(f"CPU seconds: one process {one_cpu:,.1f}; the Dask job {total:,.1f} (busiest worker {per_worker:,.1f}, "
              f"the job's own process {driver:,.1f}). On {cores} idle cores the Dask job's wall clock is at least "
              f"max(its CPU / {cores}, the busiest worker) = {bound:,.1f} s against one process's {one_cpu:,.1f}: "
              f"speed-up at most {one_cpu / bound:.2f}")
        print("other processes' cores busy during the runs: one process "
              f"{statistics.median(x['others'] for x in results['single']):.2f}, Dask "
              f"{statistics.median(x['others'] for x in results['dask']):.2f} (median)")
        print(f"peak memory: one process {max(x['peak_mb'] for x in results['single']):,.0f} MB; "
              f"worst Dask worker {max(max(x['worker_peak_mb']) for x in results['dask']):,.0f} MB; "
              f"load average after: {os.getloadavg()[0]:.2f}")


# --- growth ----------------------------------------------------------------------------------------

# real codes, so the news batches' blocks hold synthetic mentions too (Latin America for MUC-4)
_COUNTRIES = str(["IRQ", "SYR", "USA", "IRN", "ISR", "LBN", "YEM", "JOR", "SAU", "TUR", "RUS", "UKR", "AFG", "PAK",
                  "IND", "NGA", "SOM", "SDN", "LBY", "EGY", "SLV", "GTM", "COL", "PER", "NIC", "HND", "MEX", "GBR",
                  "FRA", "DEU"])
_FILL = """
INSERT INTO {table} SELECT {select} FROM (
  SELECT ? + i AS n, 'syn-' || (? + i) AS id, 'syn-art-' || ((? + i) // 4) AS article_id,
         ['ASSAULT','PROTEST','COERCE','THREATEN','ACCUSE','MOBILIZE'][1 + (hash(i, ?) % 6)::INTEGER] AS type,
         {countries}[1 + (hash(i, ? + 1) % 30)::INTEGER] AS country,
         DATE '{first_day}' + (hash(i, ? + 2) % 16400)::INTEGER AS day
  FROM range(?) t(i)) s
"""
_SELECTS = {
    "articles": ("DISTINCT article_id, 'h', NULL, day, NULL, NULL, 'synthetic', 't', '{}', now()", "n % 4 = 0"),
    "events": ("id, article_id, type, NULL, 'occurred', false, 'militia', NULL, NULL, country, NULL, [], "
               "NULL, NULL, NULL, NULL, NULL, [], 'a town', 'A town', country, NULL, NULL, NULL, 'city', "
               "day, day, 'day', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'x', 0, 1, 1.0, '{}'", None),
    "merge_index": ("id, article_id, type || '|' || country || '|' || (day - (isodow(day) - 1)::INTEGER), "
                    "type || '|*|' || (day - (isodow(day) - 1)::INTEGER), day", None),
    "canonical_events": ("'cs' || n, type, NULL, 'militia', NULL, NULL, country, NULL, [], NULL, NULL, NULL, "
                         "NULL, NULL, [], 'A town', country, NULL, NULL, NULL, 'city', day, day, 'day', NULL, NULL, "
                         "NULL, NULL, NULL, NULL, 1, 1, '{}'", None),
    "canonical_mentions": ("'cs' || n, id, article_id", None),
}


def fill(store: Store, start: int, count: int, first_day: str = "1980-01-01") -> None:
    """``count`` synthetic mentions from number ``start`` on (one article per four mentions), in bulk,
    dated over the 45 years from ``first_day``."""
    with store.transaction("fill"):
        for table, (select, where) in _SELECTS.items():
            sql = _FILL.format(table=table, select=select, countries=_COUNTRIES, first_day=first_day)
            if where:
                sql = sql.replace(") s\n", f") s WHERE {where}\n")
            store.sql(sql, [start, start, start, 7, 7, 7, count])


def _forget(store: Store, article_ids: list[str]) -> None:
    """Delete these articles with their events, merge-index entries and canonical events (the real
    batches of one step, so that the next step stores the very same batches into the grown store)."""
    ids = [article_ids]
    with store.transaction("forget"):
        gone = "(SELECT canonical_id FROM canonical_mentions WHERE article_id IN (SELECT unnest(?::VARCHAR[])))"
        store.sql(f"DELETE FROM canonical_events WHERE id IN {gone}", ids)
        store.sql(f"DELETE FROM canonical_mentions WHERE canonical_id IN {gone}", ids)
        for table, column in (("events", "article_id"), ("merge_index", "article_id"), ("articles", "id")):
            store.sql(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", ids)


def growth(args: argparse.Namespace) -> None:
    from proxywatch.extract import Extractor, load_pipeline
    from proxywatch.merge import MergeRules
    from proxywatch.resolve import load_kb
    from proxywatch.settings import Settings

    steps = [round(args.mentions * k / args.steps) for k in range(args.steps + 1)]
    pool = news_articles(2000, args.data)
    random.Random(0).shuffle(pool)  # a mix of the four splits
    extractor = Extractor(load_pipeline(Settings().model), load_kb())
    rules = MergeRules.from_settings(Settings(), extractor.kb)
    list(extractor.extract_many(pool[:32], batch_size=16))  # warm-up
    batches, extract_seconds = [], []
    for k in range(args.batches):  # extracted once: extraction does not read the store
        t0 = time.perf_counter()
        batches.append(list(jobs.extract_articles(extractor, pool[32 * (k + 1): 32 * (k + 2)], lambda p: None, 16)))
        extract_seconds.append(time.perf_counter() - t0)
    real_ids = [a.id for batch in batches for a, _ in batch]
    with tempfile.TemporaryDirectory(prefix="proxywatch-growth-") as tmp:
        store = Store(args.db or Path(tmp) / "growth.duckdb")
        apart = " (synthetic mentions apart, 1900-1944)" if args.apart else ""
        print(f"store {store.dialect}{apart}; {args.batches} batches of 32 real news articles, extracted once "
              f"(median {statistics.median(extract_seconds):.2f} s a batch), stored at every size; "
              f"load average before: {os.getloadavg()[0]:.2f}")
        filled, rows = 0, []
        for target in steps:
            while filled < target:
                step = min(250_000, target - filled)
                fill(store, filled, step, "1900-01-01" if args.apart else "1980-01-01")
                filled += step
            mentions = store.sql("SELECT count(*) FROM events")[0][0]
            for k, batch in enumerate(batches):
                t0, c0 = time.perf_counter(), time.process_time()
                jobs.store_batch(store, batch, rules)
                wall, cpu = time.perf_counter() - t0, time.process_time() - c0
                rows.append((mentions, extract_seconds[k] + wall, wall, cpu))
                print(f"mentions in store {mentions:>9,}: store+merge {wall:6.3f} s ({cpu:6.3f} CPU s), "
                      f"batch total {extract_seconds[k] + wall:6.2f} s", flush=True)
            _forget(store, real_ids)
        store.close()
    by_level: dict[int, list[tuple[float, float, float]]] = {}
    for mentions, *values in rows:
        by_level.setdefault(mentions, []).append(tuple(values))
    base = [statistics.median(v[i] for v in by_level[min(by_level)]) for i in range(3)]
    for mentions, values in by_level.items():
        total, part, cpu = (statistics.median(v[i] for v in values) for i in range(3))
        print(f"{mentions:>9,} mentions: batch {total:5.2f} s ({total / base[0] - 1:+.0%} vs empty), "
              f"store+merge {part:5.3f} s ({part / base[1] - 1:+.0%}), its CPU {cpu:5.3f} s ({cpu / base[2] - 1:+.0%})")
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB; "
          f"load average after: {os.getloadavg()[0]:.2f}")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_dask":
        dask_run(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    a = sub.add_parser("speedup")
    a.add_argument("--articles", type=int, default=2000)
    a.add_argument("--workers", type=int, default=2)
    a.add_argument("--batch-size", type=int, default=32)
    a.add_argument("--repeat", type=int, default=1)
    a.add_argument("--wait-idle", type=float, default=0.0,
                   help="before each run, wait up to this many seconds for the machine to be idle")
    a.add_argument("--data", type=Path, default=DEFAULT_DATA)
    b = sub.add_parser("growth")
    b.add_argument("--mentions", type=int, default=1_000_000)
    b.add_argument("--steps", type=int, default=4)
    b.add_argument("--batches", type=int, default=8, help="batches timed at each size")
    b.add_argument("--apart", action="store_true",
                   help="date the synthetic mentions 1900-1944, in blocks no news batch reaches: what the store's "
                        "size alone costs (by default they share the batches' blocks, which grow denser with it)")
    b.add_argument("--db", default=None, help="a postgresql:// URL (default: a temporary DuckDB file)")
    b.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    speedup(args) if args.what == "speedup" else growth(args)


if __name__ == "__main__":
    main()
