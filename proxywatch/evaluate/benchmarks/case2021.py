"""CASE 2021 Task 2: fine-grained classification of short ACLED-like news snippets (test only).

The only public file is the labelled test release ``test_set_final_release_with_labels.tsv``
(header ``id<TAB>EventSnippet<TAB>SubType``, one label per snippet), so the set is for reporting
only. Snippets have no spans or arguments, so the gold is one item per snippet::

    {"id": "17", "text": "...", "label": "AIR_STRIKE", "types": ["ASSAULT"], "modes": ["aerial", "drone"]}

``types`` lists the contract (PLOVER) types acceptable for the label, the first being the primary
one; it is empty when no contract type fits. ``modes`` (ASSAULT labels that name a weapon) lists the
acceptable ASSAULT modes; ``no_assault`` marks the disaster labels, where proxywatch should emit no
ASSAULT. :func:`score_snippets` scores snippet-level classification.

The label → type table below was written from the label names, the ACLED sub-event definitions and
the PLOVER categories only; it was not tuned on the snippets.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Mapping, Sequence

from proxywatch.evaluate.benchmarks._common import CONTRACT_TYPES, Dataset, dataset_dir, prf

__all__ = ["DATASET", "LABELS", "NO_ASSAULT_LABELS", "convert", "read_snippets", "score_snippets"]

FILE_NAME = "test_set_final_release_with_labels.tsv"
HEADER = ("id", "EventSnippet", "SubType")

# label → (acceptable contract types, primary first; acceptable ASSAULT modes)
LABELS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # ACLED battles
    "ARMED_CLASH": (("ASSAULT",), ()),
    "GOV_REGAINS_TERIT": (("ASSAULT",), ()),
    "NON_STATE_ACTOR_OVERTAKES_TER": (("ASSAULT",), ()),
    # ACLED explosions / remote violence
    "AIR_STRIKE": (("ASSAULT",), ("aerial", "drone")),
    "ART_MISS_ATTACK": (("ASSAULT",), ("artillery", "missile", "rocket")),
    "GRENADE": (("ASSAULT",), ("explosives",)),
    "REM_EXPLOS": (("ASSAULT",), ("explosives",)),
    "SUIC_BOMB": (("ASSAULT",), ("suicide",)),
    "CHEM_WEAP": (("ASSAULT",), ("other",)),
    # disrupted weapons use: a seizure / defusal (COERCE) or a foiled or intercepted attack (ASSAULT)
    "DISR_WEAP": (("COERCE", "ASSAULT"), ()),
    # ACLED violence against civilians
    "ATTACK": (("ASSAULT",), ()),
    "SEX_VIOL": (("ASSAULT",), ()),
    "ABDUCT_DISSAP": (("ASSAULT",), ("abduction",)),
    # ACLED protests and riots
    "PEACE_PROTEST": (("PROTEST",), ()),
    "PROTEST_WITH_INTER": (("PROTEST", "COERCE"), ()),
    "FORCE_AGAINST_PROTEST": (("ASSAULT",), ()),
    "VIOL_DEMONSTR": (("PROTEST", "ASSAULT"), ()),
    "MOB_VIOL": (("ASSAULT", "PROTEST"), ()),
    # ACLED strategic developments
    "AGREEMENT": (("AGREE", "CONCEDE", "CONSULT"), ()),
    "ARREST": (("COERCE",), ()),
    "HQ_ESTABLISHED": (("MOBILIZE",), ()),
    "NON_VIOL_TERRIT_TRANSFER": (("RETREAT",), ()),
    "PROPERTY_DISTRUCT": (("COERCE", "ASSAULT"), ()),
    "CHANGE_TO_GROUP_ACT": ((), ()),
    "OTHER": ((), ()),
    # "unseen" CASE types (not ACLED)
    "DIPLO": (("CONSULT", "SUPPORT", "AGREE", "COOPERATE"), ()),
    "ATTRIB": ((), ()),
    "ORG_CRIME": ((), ()),
    "NATURAL_DISASTER": ((), ()),
    "MAN_MADE_DISASTER": ((), ()),
}
NO_ASSAULT_LABELS = frozenset({"NATURAL_DISASTER", "MAN_MADE_DISASTER"})

assert all(t in CONTRACT_TYPES for types, _modes in LABELS.values() for t in types)


def read_snippets(path: Path) -> list[tuple[str, str, str]]:
    """``(id, snippet, label)`` rows of the TSV; a malformed header or row raises ValueError."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if tuple(lines[0].rstrip("\r").split("\t")) != HEADER:
        raise ValueError(f"{path}: expected the header {'<TAB>'.join(HEADER)}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise ValueError(f"{path}, line {number}: expected 3 tab-separated fields, got {len(fields)}")
        rows.append((fields[0].strip(), fields[1], fields[2].strip()))
    return rows


def snippet_item(snippet_id: str, text: str, label: str) -> dict[str, Any]:
    """One gold item; an unknown label gets no acceptable type."""
    types, modes = LABELS.get(label, ((), ()))
    item: dict[str, Any] = {"id": snippet_id, "text": text, "label": label, "types": list(types)}
    if modes:
        item["modes"] = list(modes)
    if label in NO_ASSAULT_LABELS:
        item["no_assault"] = True
    return item


def convert(data_dir: Path, split: str) -> list[dict[str, Any]]:
    """Gold items of the ``test`` split (the only one)."""
    if split != "test":
        raise ValueError(f"case2021 has only a test split, not {split!r}")
    base = dataset_dir(data_dir, "case2021_task2")
    return [snippet_item(*row) for row in read_snippets(base / FILE_NAME)]


# --- snippet-level scoring ---------------------------------------------------------------


def _predicted(events: Sequence[Mapping[str, Any]]) -> set[str]:
    return {e["type"] for e in events if isinstance(e.get("type"), str) and not e.get("negated")}


def _rate(hit: int, total: int) -> float | None:
    return round(hit / total, 4) if total else None


def score_snippets(gold: Sequence[Mapping[str, Any]],
                   predictions_by_id: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, Any]:
    """Snippet-level classification score (the variant is described in ``DATASET.cannot_score``)."""
    counts: dict[str, list[int]] = {}  # type -> [tp, fp, fn]
    by_label: dict[str, Counter[str]] = {}
    correct = no_prediction = mode_hit = mode_total = 0
    negatives = negative_assault = negative_silent = 0
    unscored: Counter[str] = Counter()

    def tally(type_: str, slot: int) -> None:
        counts.setdefault(type_, [0, 0, 0])[slot] += 1

    for item in gold:
        events = predictions_by_id.get(str(item["id"]), ())
        predicted = _predicted(events)
        acceptable = list(item.get("types") or ())
        label = str(item.get("label", ""))
        if not acceptable:
            if item.get("no_assault"):
                negatives += 1
                negative_assault += "ASSAULT" in predicted
                negative_silent += not predicted
                if "ASSAULT" in predicted:
                    tally("ASSAULT", 1)
            else:
                unscored[label] += 1
            continue
        row = by_label.setdefault(label, Counter())
        row["total"] += 1
        for type_ in predicted:
            tally(type_, 0 if type_ in acceptable else 1)
        if predicted & set(acceptable):
            correct += 1
            row["correct"] += 1
        else:
            tally(acceptable[0], 2)
            if not predicted:
                no_prediction += 1
                row["no_prediction"] += 1
        modes = item.get("modes")
        if modes and "ASSAULT" in predicted:
            mode_total += 1
            mode_hit += any(e.get("mode") in modes for e in events
                            if e.get("type") == "ASSAULT" and not e.get("negated"))
    scored = sum(row["total"] for row in by_label.values())
    return {
        "snippets": len(gold),
        "classification": {
            "total": scored, "correct": correct, "accuracy": _rate(correct, scored),
            "no_prediction": no_prediction, "wrong_type": scored - correct - no_prediction,
        },
        "by_type": {t: prf(*counts[t]) for t in sorted(counts)},
        "by_label": {label: {"total": row["total"], "correct": row["correct"],
                             "no_prediction": row["no_prediction"],
                             "accuracy": _rate(row["correct"], row["total"])}
                     for label, row in sorted(by_label.items())},
        "no_assault_labels": {"total": negatives, "with_assault": negative_assault,
                              "no_event": negative_silent,
                              "assault_free": _rate(negatives - negative_assault, negatives)},
        "mode": {"matched": mode_hit, "total": mode_total, "accuracy": _rate(mode_hit, mode_total)},
        "unscored_labels": dict(sorted(unscored.items())),
    }


def _mapping_text() -> str:
    parts = []
    for label, (types, modes) in LABELS.items():
        if types:
            parts.append(f"{label} -> {'/'.join(types)}" + (f" ({'/'.join(modes)})" if modes else ""))
    return "; ".join(parts)


CANNOT_SCORE = (
    "CASE 2021 Task 2 is a labelled test release only (1,019 snippets, one label each, no spans), so it "
    "is reporting-only and scored at snippet level by score_snippets, not by the contract scorer. The "
    "predicted types of a snippet are the types of its non-negated predicted events. A snippet whose "
    "label has acceptable types counts correct when any predicted type is acceptable; "
    "'no_prediction' counts those with no event at all. Per-type precision/recall/F1 over snippets: a "
    "predicted type is a tp when acceptable for the snippet and an fp otherwise; a snippet with no "
    "acceptable type predicted is one fn for its label's primary (first) type. NATURAL_DISASTER and "
    "MAN_MADE_DISASTER have no type but are negatives: ASSAULT predicted there is an ASSAULT fp and is "
    "reported as 'with_assault'; other types there are ignored. Not scored at all (no contract type "
    "fits, or the label mixes use of force with non-events): CHANGE_TO_GROUP_ACT, OTHER, ATTRIB "
    "(attribution of responsibility), ORG_CRIME (organised crime, violent or not). Mode: among scored "
    "snippets with ASSAULT predicted whose label names a weapon, some predicted ASSAULT mode must be "
    "acceptable. Mapping (label -> acceptable types, primary first; modes), from ACLED sub-event "
    "definitions and PLOVER categories only: " + _mapping_text() + ". Cannot score: anchors and "
    "evidence, every field but type (and mode), and snippets that report several events (one label "
    "each). No published date, so relative dates cannot be resolved."
)

DATASET = Dataset(
    name="case2021",
    splits=("test",),
    level="snippet",
    convert=convert,
    scores=("type", "mode"),
    cannot_score=CANNOT_SCORE,
    test_only=True,
    score=score_snippets,
)
