"""End-to-end extraction throughput against spaCy's own nlp.pipe on the same texts.

    .venv/bin/python bench/throughput.py [--words 200000] [--repeat 3] [--data ../shared/benchmarks]

Two fixed corpora, each cut at --words whitespace words:

* demo: the bundled demo corpus (our own writing) repeated with distinct ids. Every article is
  about conflict, so nearly every sentence has a candidate trigger: the prefilter's worst case.
* news: real news read at run time from the public benchmarks folder (development splits only:
  M2E2 dev, RAMS dev, MUC-4 dev, then MUC-4 train), through the converters in
  proxywatch.evaluate.benchmarks. Nothing is copied into the repository; without the folder this
  corpus is skipped with a note.

For each corpus, in one process and on the same texts: a warm-up of both sides outside the
timing, then --repeat rounds over the corpus. In a round the two sides take turns chunk by chunk
(--chunk-words, ABBA order), so a change in the machine's load falls on both: spaCy's ``nlp.pipe``
with the full pipeline, and proxywatch ``extract_many`` (prefilter, parse, rules, linking, JSON
serialisation), with the same batch size (16 articles; a batch of 32 or more long news articles
takes spaCy's parser past 1 GB; a chunk is one ``nlp.pipe`` call). Prints each round's words/s and
ratio (wall clock, and the same ratio in process CPU time, which other processes on the machine
disturb less), the medians over rounds, and the peak resident memory of the process (ru_maxrss,
both sides and corpora together).
Round 1 is the first time the extractor sees the corpus (its name caches are cold); the demo
corpus repeats its 22 articles, so caches there are warm after the first 22.
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
    from proxywatch.evaluate.benchmarks import load_gold

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


def _spacy(nlp, articles: list[Article], batch_size: int) -> tuple[float, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in nlp.pipe((a.text for a in articles), batch_size=batch_size):
        pass
    return time.perf_counter() - t0, time.process_time() - c0


def _ours(extractor: Extractor, articles: list[Article], batch_size: int) -> tuple[float, float, int]:
    t0, c0 = time.perf_counter(), time.process_time()
    n_events = 0
    for _, events in extractor.extract_many(articles, batch_size=batch_size):
        n_events += sum(len(e.to_json_line()) > 0 for e in events)
    return time.perf_counter() - t0, time.process_time() - c0, n_events


def _chunks(articles: list[Article], words: int) -> list[list[Article]]:
    out: list[list[Article]] = [[]]
    total = 0
    for a in articles:
        if total >= words:
            out.append([])
            total = 0
        out[-1].append(a)
        total += len(a.text.split())
    return out


def measure(name: str, nlp, extractor: Extractor, articles: list[Article], repeat: int, batch_size: int,
            chunk_words: int) -> dict[str, float]:
    """Rounds over the corpus; in each, the two sides take turns chunk by chunk (ABBA order), so that a
    change in the machine's load falls on both. Returns the medians over rounds."""
    words = sum(len(a.text.split()) for a in articles)
    warm = articles[:40]  # warm-up outside the timing, both sides
    _spacy(nlp, warm, batch_size)
    _ours(extractor, warm, batch_size)
    chunks = _chunks(articles, chunk_words)
    print(f"[{name}] articles {len(articles)}, words {words}, {len(chunks)} chunks of ~{chunk_words} words")
    rounds: list[dict[str, float]] = []
    n_events = 0
    for r in range(repeat):
        wall = {"spacy": 0.0, "ours": 0.0}
        cpu = {"spacy": 0.0, "ours": 0.0}
        n_events = 0
        for c, chunk in enumerate(chunks):
            for side in (("spacy", "ours") if (c + r) % 2 == 0 else ("ours", "spacy")):
                if side == "spacy":
                    w, p = _spacy(nlp, chunk, batch_size)
                else:
                    w, p, n = _ours(extractor, chunk, batch_size)
                    n_events += n
                wall[side] += w
                cpu[side] += p
        rounds.append({"spacy": words / wall["spacy"], "ours": words / wall["ours"],
                       "ratio": wall["spacy"] / wall["ours"], "cpu_ratio": cpu["spacy"] / cpu["ours"]})
        print(f"[{name}] round {r + 1}: nlp.pipe {rounds[-1]['spacy']:,.0f} words/s, extract "
              f"{rounds[-1]['ours']:,.0f} words/s, ratio {rounds[-1]['ratio']:.2f} "
              f"(CPU-time ratio {rounds[-1]['cpu_ratio']:.2f})", flush=True)
    med = {k: statistics.median(r[k] for r in rounds) for k in rounds[0]}
    print(f"[{name}] events {n_events}")
    print(f"[{name}] spaCy nlp.pipe (full pipeline): {med['spacy']:,.0f} words/s (median of {repeat} rounds)")
    print(f"[{name}] proxywatch extract end to end:  {med['ours']:,.0f} words/s (median of {repeat} rounds)")
    print(f"[{name}] ratio extract / nlp.pipe: {med['ratio']:.2f} (median; rounds "
          f"{min(r['ratio'] for r in rounds):.2f}-{max(r['ratio'] for r in rounds):.2f}); "
          f"CPU-time ratio {med['cpu_ratio']:.2f}; peak memory so far {_peak_mb():,.0f} MB")
    return med


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3, help="rounds over each corpus")
    parser.add_argument("--chunk-words", type=int, default=20_000, help="the sides take turns per chunk")
    parser.add_argument("--batch-size", type=int, default=16,
                        help="articles per nlp.pipe batch, both sides")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the public benchmarks folder")
    parser.add_argument("--corpus", choices=("both", "demo", "news"), default="both")
    args = parser.parse_args()
    nlp = load_pipeline(Settings().model)
    extractor = Extractor(nlp, load_kb())
    extractor.kb.gazetteer.lookup("no such place")  # builds the city index (a one-time ~1-3 s)
    print(f"pipeline {Settings().model} ({', '.join(nlp.pipe_names)}), batch size {args.batch_size} both sides")
    ratios = {}
    if args.corpus in ("both", "demo"):
        ratios["demo"] = measure("demo", nlp, extractor, corpus(args.words), args.repeat, args.batch_size,
                                 args.chunk_words)["ratio"]
    if args.corpus in ("both", "news"):
        news = news_corpus(args.words, args.data)
        if news is None:
            print(f"[news] skipped: no benchmarks folder at {args.data} (pass --data)")
        else:
            ratios["news"] = measure("news", nlp, extractor, news, args.repeat, args.batch_size,
                                     args.chunk_words)["ratio"]
    peak_mb = _peak_mb()
    print("ratios: " + ", ".join(f"{k} {v:.2f}" for k, v in ratios.items()))
    print(f"peak memory: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
