"""Claim checks on the demo store: how many claims are read, their verdicts, and what checking costs.

    python bench/claims.py [--db demo.duckdb]

Builds the demo store (``proxywatch demo``) when ``--db`` does not exist, extracts the demo corpus
and the test article ``tests/data/claims/restraint.jsonl`` once, then times reading and checking
their claims (``check_article``) against extracting them, for both sources. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from proxywatch import jobs  # noqa: E402
from proxywatch.analyse.claims import check_article  # noqa: E402
from proxywatch.extract import Extractor, load_pipeline  # noqa: E402
from proxywatch.ingest.readers import ReadOptions  # noqa: E402
from proxywatch.resolve import load_kb  # noqa: E402
from proxywatch.settings import Settings  # noqa: E402
from proxywatch.store import Store  # noqa: E402

FILES = {"demo corpus": ROOT / "proxywatch" / "data" / "demo" / "articles.jsonl",
         "restraint article": ROOT / "tests" / "data" / "claims" / "restraint.jsonl"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/proxywatch-bench-claims.duckdb")
    args = parser.parse_args()
    if not Path(args.db).exists():
        subprocess.run([sys.executable, "-c", "from proxywatch.cli import main; main()", "demo", "--db", args.db],
                       check=True, capture_output=True)
    kb = load_kb()
    extractor = Extractor(load_pipeline(Settings().model), kb)
    kb.gazetteer.lookup("(warm the town index)")  # built once per process, by the extractor or the reader
    out: dict = {}
    with Store(args.db, read_only=True) as store:
        for name, path in FILES.items():
            articles = jobs.collect([str(path)], ReadOptions(), print)
            t0 = time.perf_counter()
            extracted = list(jobs.extract_articles(extractor, articles, print))
            extract_s = time.perf_counter() - t0
            for source in ("mentions", "canonical"):
                memo: dict = {}
                t1 = time.perf_counter()
                checks = [c for a, events in extracted
                          for c in check_article(store, a, events, kb, source=source, memo=memo).checks]
                check_s = time.perf_counter() - t1
                out[f"{name} / {source}"] = {
                    "articles": len(articles), "claims": len(checks),
                    "verdicts": dict(Counter(c.verdict for c in checks)),
                    "anchored": sum(1 for c in checks if c.claim.window.anchor is not None),
                    "tally_bounded": sum(1 for c in checks if c.bounds and c.bounds.min_from.startswith("tally")),
                    "extract_s": round(extract_s, 2), "check_s": round(check_s, 2),
                    "check_over_extract": round(check_s / extract_s, 2)}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
