"""Score every public benchmark split and rewrite the quality tables in docs/benchmarks.md.

    .venv/bin/python bench/benchmarks.py [--data ../shared/benchmarks] [--only NAME ...] [--split dev ...]

Runs ``proxywatch benchmark`` for each dataset and split (the same function, in-process, so the
spaCy pipeline loads once), writes the full JSON results to ``bench/results/benchmarks.json`` and
replaces the text between the ``benchmarks:start`` / ``benchmarks:end`` markers of
docs/benchmarks.md with one table per scoring level. Test splits are scored for reporting only:
nothing in the extractor is tuned on them.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from datetime import date
from pathlib import Path

from proxywatch import jobs
from proxywatch.evaluate.benchmarks import load_gold
from proxywatch.extract import Extractor, load_pipeline
from proxywatch.resolve import load_kb
from proxywatch.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
RESULTS = ROOT / "bench" / "results" / "benchmarks.json"
START, END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"
SPLITS = {"muc4": ("dev", "test"), "wikievents": ("dev", "test"), "m2e2": ("dev", "test"),
          "rams": ("dev", "test"), "case2021": ("test",), "plover": ("all",)}


def _f(value: object) -> str:
    return "—" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def _sentence_row(r: dict) -> str:
    s = r["scores"]
    assault = s["types"].get("ASSAULT", {})
    fields = s.get("fields", {})
    fa = " · ".join(f"{k} {v['accuracy']:.2f}" for k, v in fields.items() if k != "status" and v["total"] >= 5)
    return (f"| {r['dataset']} | {r['split']} | {r['items']:,} | {s['gold']:,} | {s['predicted']:,} | "
            f"{_f(s['precision'])} | {_f(s['recall'])} | **{_f(s['f1'])}** | {_f(assault.get('precision'))} | "
            f"{_f(assault.get('recall'))} | **{_f(assault.get('f1'))}** | {_f(s['field_accuracy'])} | "
            f"{_f(s['headline'])} | {fa or '—'} |")


def _document_row(r: dict) -> str:
    s = r["scores"]
    d = s["detection"]
    return (f"| {r['dataset']} | {r['split']} | {r['items']:,} | {d['tp']} | {d['fp']} | {d['fn']} | {d['tn']} | "
            f"{d['neutral']} | {_f(d['precision'])} | {_f(d['recall'])} | **{_f(d['f1'])}** | "
            f"{_f(s['perpetrator_org']['accuracy'])} | {_f(s['target']['accuracy'])} | "
            f"{_f(s['fatalities']['accuracy'])} |")


def _snippet_row(r: dict) -> str:
    s = r["scores"]
    c = s["classification"]
    a = s["by_type"].get("ASSAULT", {})
    n = s["no_assault_labels"]
    return (f"| {r['dataset']} | {r['split']} | {c['total']:,} | **{_f(c['accuracy'])}** | {c['no_prediction']} | "
            f"{c['wrong_type']} | {_f(a.get('precision'))} | {_f(a.get('recall'))} | {_f(a.get('f1'))} | "
            f"{_f(n['assault_free'])} | {_f(s['mode']['accuracy'])} |")


def render(results: list[dict]) -> str:
    today = date.today().isoformat()
    lines = [START, "",
             f"Measured {today} on this machine (Python {platform.python_version()}) with "
             "`.venv/bin/python bench/benchmarks.py`; one split alone: "
             "`proxywatch benchmark NAME --split dev --data ../shared/benchmarks` (add `--format json` for "
             "every figure, including per-type and per-label scores). Full results: "
             "`bench/results/benchmarks.json`. Test splits were run for reporting only; nothing was tuned "
             "on them and their texts were not read.", ""]
    by_level: dict[str, list[dict]] = {}
    for r in results:
        by_level.setdefault(r["level"], []).append(r)
    if "sentence" in by_level:
        lines += ["### Sentence level (contract section 4 scorer)", "",
                  "| set | split | articles | gold | predicted | P | R | F1 | ASSAULT P | ASSAULT R | ASSAULT F1 "
                  "| field acc. | headline | fields (acc., n ≥ 5) |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        lines += [_sentence_row(r) for r in by_level["sentence"]] + [""]
    if "document" in by_level:
        lines += ["### Document level (MUC-4 incidents; variant in `proxywatch benchmark muc4`)", "",
                  "| set | split | documents | TP | FP | FN | TN | neutral | P | R | F1 | perpetrator org | "
                  "target | fatalities |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        lines += [_document_row(r) for r in by_level["document"]] + [""]
    if "snippet" in by_level:
        lines += ["### Snippet level (CASE 2021 task 2 classification)", "",
                  "| set | split | scored snippets | accuracy | no event | wrong type | ASSAULT P | ASSAULT R | "
                  "ASSAULT F1 | disasters without ASSAULT | mode |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        lines += [_snippet_row(r) for r in by_level["snippet"]] + [""]
    lines += ["### What each set can and cannot score", ""]
    seen: set[str] = set()
    for r in results:
        if r["dataset"] not in seen:
            seen.add(r["dataset"])
            lines += [f"- **{r['dataset']}** ({r['level']} level): {r['cannot_score']}", ""]
    lines.append(END)
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "benchmarks")
    parser.add_argument("--only", nargs="*", default=list(SPLITS), choices=list(SPLITS))
    parser.add_argument("--split", nargs="*", default=None, help="only these splits (default: all)")
    parser.add_argument("--no-write", action="store_true", help="print the tables, leave the docs alone")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"error: {args.data}: benchmarks folder not found", file=sys.stderr)
        return 2
    settings = Settings()
    extractor = Extractor(load_pipeline(settings.model), load_kb())
    previous = {(r["dataset"], r["split"]): r for r in json.loads(RESULTS.read_text())} if RESULTS.exists() else {}
    for name in args.only:
        for split in SPLITS[name]:
            if args.split and split not in args.split:
                continue
            gold = load_gold(name, split, args.data)
            result = jobs.run_benchmark(name, split, gold, extractor,
                                        lambda p: print(f"warning: {p}", file=sys.stderr))
            data = result.to_json()
            print(f"{name} {split}: {len(gold)} items, {data['seconds']:.0f} s", file=sys.stderr)
            for key in ("misses", "false_positives", "field_errors"):
                data["scores"].pop(key, None)  # kept out of the repository: they quote dataset text
            previous[(name, split)] = data
    order = [(n, s) for n in SPLITS for s in SPLITS[n]]
    results = [previous[k] for k in order if k in previous]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    table = render(results)
    if args.no_write:
        print(table)
        return 0
    doc = DOC.read_text(encoding="utf-8")
    if START in doc and END in doc:
        doc = doc[: doc.index(START)] + table + doc[doc.index(END) + len(END):]
    else:
        raise SystemExit(f"{DOC}: markers {START} / {END} not found")
    DOC.write_text(doc, encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)} and {RESULTS.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
