"""End-to-end extraction throughput against spaCy's own nlp.pipe on the same texts.

    .venv/bin/python bench/throughput.py [--words 200000]

The corpus is the bundled demo corpus (our own writing) repeated with distinct
ids until it reaches --words. Prints words/s for spaCy alone and for proxywatch
extract (parse + rules + JSON serialisation), their ratio, and peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from importlib import resources

from proxywatch.extract import Extractor, load_pipeline
from proxywatch.records import Article
from proxywatch.resolve import load_kb
from proxywatch.settings import Settings


def corpus(words: int) -> list[Article]:
    path = resources.files("proxywatch") / "data" / "demo" / "articles.jsonl"
    base = [Article.from_json(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]
    out: list[Article] = []
    total = 0
    while total < words:
        for a in base:
            out.append(Article(id=f"{a.id}-{len(out)}", text=a.text, published=a.published))
            total += len(a.text.split())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000)
    args = parser.parse_args()
    nlp = load_pipeline(Settings().model)
    extractor = Extractor(nlp, load_kb())
    articles = corpus(args.words)
    words = sum(len(a.text.split()) for a in articles)
    extractor.extract(articles[0])  # warm up lazy indexes outside the timing
    extractor.kb.gazetteer.lookup("no such place")  # builds the city index (a one-time ~1-3 s)

    t0 = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=16):
        pass
    spacy_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_events = 0
    for _, events in extractor.extract_many(articles, batch_size=16):
        n_events += sum(len(e.to_json_line()) > 0 for e in events)
    ours_s = time.perf_counter() - t0

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles {len(articles)}, words {words}, events {n_events}")
    print(f"spaCy nlp.pipe (full pipeline): {words / spacy_s:,.0f} words/s")
    print(f"proxywatch extract end to end:  {words / ours_s:,.0f} words/s")
    print(f"ratio extract / nlp.pipe: {spacy_s / ours_s:.2f}")
    print(f"peak memory: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
