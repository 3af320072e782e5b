"""End-to-end extraction throughput against spaCy's own nlp.pipe on the same texts.

    .venv/bin/python bench/throughput.py [--words 200000] [--repeat 3] [--data ../shared/benchmarks]

Two fixed corpora, each cut at --words whitespace words:

* demo: the bundled demo corpus (our own writing) repeated with distinct ids. Every article is
  about conflict, so nearly every sentence has a candidate trigger: the prefilter's worst case.
* news: real news read at run time from the public benchmarks folder (development splits only:
  M2E2 dev, RAMS dev, MUC-4 dev, then MUC-4 train), through the converters in
  proxywatch.analyse.benchmarks. Nothing is copied into the repository; without the folder this
  corpus is skipped with a note.

For each corpus, in one process: a warm-up of both sides outside the timing, then spaCy's
``nlp.pipe`` with the full pipeline and proxywatch ``extract_many`` (prefilter, parse, rules,
linking, JSON serialisation) run alternately --repeat times. Prints every run, the median words/s
of each side, their ratio, and the peak resident memory of the process (ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from importlib import resources
from pathlib import Path

from proxywatch.extract import Extractor, load_pipeline
from proxywatch.records import Article
from proxywatch.resolve import load_kb
from proxywatch.settings import Settings

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
# (dataset, split) in the order they are read; development splits only, never a test split.
NEWS_SPLITS = (("m2e2", "dev"), ("rams", "dev"), ("muc4", "dev"), ("muc4", "train"))


def _cut(articles: list[Article], words: int) -> list[Article]:
    out: list[Article] = []
    total = 0
    for a in articles:
        if total >= words:
            break
        out.append(a)
        total += len(a.text.split())
    return out


def corpus(words: int) -> list[Article]:
    """The demo corpus repeated with distinct ids until it reaches ``words``."""
    path = resources.files("proxywatch") / "data" / "demo" / "articles.jsonl"
    base = [Article.from_json(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]
    out: list[Article] = []
    total = 0
    while total < words:
        for a in base:
            out.append(Article(id=f"{a.id}-{len(out)}", text=a.text, published=a.published))
            total += len(a.text.split())
    return out


def news_corpus(words: int, data: Path) -> list[Article] | None:
    """Real news texts from the benchmarks' development splits, or None when the folder is absent."""
    if not data.is_dir():
        return None
    from proxywatch.analyse.benchmarks import load_gold

    out: list[Article] = []
    for name, split in NEWS_SPLITS:
        try:
            docs = load_gold(name, split, data)
        except (OSError, ValueError) as exc:
            print(f"news corpus: {name} {split} not read ({exc})", file=sys.stderr)
            continue
        out += [Article(id=f"{name}-{d['id']}", text=d["text"], published=d.get("published")) for d in docs]
        if sum(len(a.text.split()) for a in out) >= words:
            break
    return _cut(out, words) or None


def _spacy(nlp, articles: list[Article], batch_size: int) -> float:
    t0 = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=batch_size):
        pass
    return time.perf_counter() - t0


def _ours(extractor: Extractor, articles: list[Article], batch_size: int) -> tuple[float, int]:
    t0 = time.perf_counter()
    n_events = 0
    for _, events in extractor.extract_many(articles, batch_size=batch_size):
        n_events += sum(len(e.to_json_line()) > 0 for e in events)
    return time.perf_counter() - t0, n_events


def measure(name: str, nlp, extractor: Extractor, articles: list[Article], repeat: int, batch_size: int) -> float:
    words = sum(len(a.text.split()) for a in articles)
    warm = articles[:40]  # warm-up outside the timing, both sides
    _spacy(nlp, warm, batch_size)
    _ours(extractor, warm, batch_size)
    spacy_runs: list[float] = []
    ours_runs: list[float] = []
    n_events = 0
    print(f"[{name}] articles {len(articles)}, words {words}")
    for run in range(repeat):
        spacy_runs.append(words / _spacy(nlp, articles, batch_size))
        seconds, n_events = _ours(extractor, articles, batch_size)
        ours_runs.append(words / seconds)
        print(f"[{name}] run {run + 1}: nlp.pipe {spacy_runs[-1]:,.0f} words/s, extract {ours_runs[-1]:,.0f} "
              f"words/s, ratio {ours_runs[-1] / spacy_runs[-1]:.2f}", flush=True)
    spacy_wps, ours_wps = statistics.median(spacy_runs), statistics.median(ours_runs)
    print(f"[{name}] events {n_events}")
    print(f"[{name}] spaCy nlp.pipe (full pipeline): {spacy_wps:,.0f} words/s (median of {repeat})")
    print(f"[{name}] proxywatch extract end to end:  {ours_wps:,.0f} words/s (median of {repeat})")
    print(f"[{name}] ratio extract / nlp.pipe: {ours_wps / spacy_wps:.2f}")
    return ours_wps / spacy_wps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3, help="alternating runs of each side per corpus")
    parser.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size, both sides")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the public benchmarks folder")
    parser.add_argument("--corpus", choices=("both", "demo", "news"), default="both")
    args = parser.parse_args()
    nlp = load_pipeline(Settings().model)
    extractor = Extractor(nlp, load_kb())
    extractor.kb.gazetteer.lookup("no such place")  # builds the city index (a one-time ~1-3 s)
    ratios = {}
    if args.corpus in ("both", "demo"):
        ratios["demo"] = measure("demo", nlp, extractor, corpus(args.words), args.repeat, args.batch_size)
    if args.corpus in ("both", "news"):
        news = news_corpus(args.words, args.data)
        if news is None:
            print(f"[news] skipped: no benchmarks folder at {args.data} (pass --data)")
        else:
            ratios["news"] = measure("news", nlp, extractor, news, args.repeat, args.batch_size)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("ratios: " + ", ".join(f"{k} {v:.2f}" for k, v in ratios.items()))
    print(f"peak memory: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
