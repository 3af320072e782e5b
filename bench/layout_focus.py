"""Article layout and focus on the usgov development set: what the layout marks, and each article's focus.

    .venv/bin/python bench/layout_focus.py [--data ../shared/benchmarks/usgov/dev.jsonl] [--regions]

Prints, over all articles: regions per kind and per rule; the gold anchors (required and optional) that
fall inside a non-body region; then one row per article with the focus country, the check that decided
(or the focus's share), the dateline read as where the story was filed, and the gold events'
``location.country`` values as a guide (required events; "null" where the gold says at sea, "-" where
the gold gives no place). ``--regions`` also prints every region's text, for reading, not for committing:
the texts are read at run time and nothing is copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from proxywatch.ingest.layout import read_layout  # noqa: E402
from proxywatch.resolve import load_kb  # noqa: E402
from proxywatch.resolve.focus import article_focus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "benchmarks" / "usgov" / "dev.jsonl")
    parser.add_argument("--regions", action="store_true", help="print every region's text")
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"error: {args.data}: no such file")
    articles = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    kb = load_kb()
    kb.gazetteer.lookup("Tampa")  # load the city index outside the timing (once per process, ~10 s)
    kinds: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    rows, inside = [], []
    seconds = {"layout": 0.0, "focus": 0.0}
    agree = Counter()
    for article in articles:
        text, title = article["text"], article.get("title")
        started = time.perf_counter()
        layout = read_layout(text, title)
        seconds["layout"] += time.perf_counter() - started
        started = time.perf_counter()
        focus = article_focus(layout, text, kb, title)
        seconds["focus"] += time.perf_counter() - started
        kinds.update(r.kind for r in layout.regions)
        rules.update(r.rule for r in layout.regions)
        if args.regions:
            for r in layout.regions:
                print(f"  {article['id']} {r.kind:11} {r.rule:28} «{text[r.start:r.end][:100]}»")
        for event in article["events"]:
            at = text.find(event["anchor"])
            hit = layout.overlapping(at, at + len(event["anchor"]))
            if hit:
                inside.append((article["id"], "optional" if event.get("optional") else "REQUIRED",
                               ",".join(sorted({r.rule for r in hit}))))
        gold = Counter()
        for event in article["events"]:
            if event.get("optional"):
                continue
            location = event.get("location") or {}
            gold["null" if "country" in location and location["country"] is None else location.get("country", "-")] += 1
            if focus.focus_country and location.get("country"):
                agree["same" if location["country"] == focus.focus_country else "other"] += 1
        decided = focus.reason.split("]")[0].split("[")[-1] if focus.focus_country is None else f"{focus.confidence:.2f}"
        rows.append((article["id"], "transcript" if layout.transcript else "", focus.focus_country or "-", decided,
                     focus.written_at or "", " ".join(f"{k}:{v}" for k, v in sorted(gold.items()))))
    print(f"{len(articles)} articles; regions per kind: {dict(sorted(kinds.items()))}")
    print(f"regions per rule: {dict(sorted(rules.items()))}")
    print(f"gold anchors inside a non-body region: {len(inside)}")
    for row in inside:
        print("  ", *row)
    print(f"layout {seconds['layout'] * 1000 / len(articles):.1f} ms/article, "
          f"focus {seconds['focus'] * 1000 / len(articles):.1f} ms/article (after the gazetteer is loaded)")
    print("| article | kind | focus | decided by (or share) | filed at | gold location.country (required) |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"required gold events with a country in articles with a focus: {agree['same']} equal the focus, "
          f"{agree['other']} differ")


if __name__ == "__main__":
    main()
