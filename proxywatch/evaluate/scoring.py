"""Scoring predicted events against gold annotations: contract section 4, exactly.

Per article, over events whose type is in the gold ``scored_types``:

1. a predicted event is a candidate for a gold event when its evidence span
   contains the gold anchor's span and its type is one the gold accepts;
2. candidates are paired one-to-one, best field agreement first;
3. detection precision = paired / predicted, recall = paired / gold;
4. fields are scored over pairs, only those the gold event gives (``status``
   always, absent meaning ``occurred``);
5. the headline is fully-correct events / max(predicted, gold);
6. a wrong field is *missing* (predicted null or empty where the gold gives a value) or *confidently
   wrong* (a non-null predicted value that differs); both lower field accuracy, and the share of
   confidently wrong fields among all scored fields is reported on its own.

A gold event marked ``optional`` never counts: a prediction paired with it is
neither a hit nor a false positive, and missing it costs nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from proxywatch.records import Event

__all__ = ["FIELDS", "MISSING", "CONFIDENTLY_WRONG", "TYPE_MIN_GOLD", "ScoreReport", "Miss", "FalsePositive",
           "FieldError", "anchor_span", "name_matches", "detection", "error_kind", "score"]

FIELDS = (
    "actor.country", "actor.kind", "actor.sponsors", "target.country", "target.kind", "target.sponsors",
    "location.country", "location.name", "mode", "negated", "status", "date", "fatalities", "injuries",
    "aggregate",
)
# Contract 4.6: the two ways a scored field is wrong.
MISSING = "missing"
CONFIDENTLY_WRONG = "confidently_wrong"
# Per-type figures are listed one row each for every type with at least this many (required) gold events.
TYPE_MIN_GOLD = 5


@dataclass(frozen=True)
class Miss:
    article_id: str
    anchor: str
    type: str | list[str]


@dataclass(frozen=True)
class FalsePositive:
    article_id: str
    type: str
    evidence: str


@dataclass(frozen=True)
class FieldError:
    article_id: str
    anchor: str
    field: str
    gold: Any
    predicted: Any
    kind: str  # MISSING or CONFIDENTLY_WRONG


def detection(paired: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts; 0.0 where a denominator is zero."""
    p = paired / predicted if predicted else 0.0
    r = paired / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class ScoreReport:
    articles: int = 0
    predicted: int = 0
    gold: int = 0
    paired: int = 0
    fully_correct: int = 0
    field_correct: dict[str, int] = field(default_factory=dict)
    field_total: dict[str, int] = field(default_factory=dict)
    field_missing: dict[str, int] = field(default_factory=dict)
    field_wrong: dict[str, int] = field(default_factory=dict)  # confidently wrong
    misses: list[Miss] = field(default_factory=list)
    false_positives: list[FalsePositive] = field(default_factory=list)
    field_errors: list[FieldError] = field(default_factory=list)
    # per type: [paired, predicted, gold]; a paired gold event counts under the type it was matched with,
    # an unpaired one under its first accepted type, so a type's paired never exceeds its predicted or gold
    by_type: dict[str, list[int]] = field(default_factory=dict)

    def _tally(self, type_: str, slot: int) -> None:
        self.by_type.setdefault(type_, [0, 0, 0])[slot] += 1

    def type_scores(self) -> dict[str, dict[str, float | int]]:
        """Detection precision, recall and F1 per event type."""
        out: dict[str, dict[str, float | int]] = {}
        for name, (paired, predicted, gold) in sorted(self.by_type.items()):
            p, r, f1 = detection(paired, predicted, gold)
            out[name] = {"paired": paired, "predicted": predicted, "gold": gold, "precision": round(p, 4),
                         "recall": round(r, 4), "f1": round(f1, 4)}
        return out

    @property
    def precision(self) -> float:
        return detection(self.paired, self.predicted, self.gold)[0]

    @property
    def recall(self) -> float:
        return detection(self.paired, self.predicted, self.gold)[1]

    @property
    def f1(self) -> float:
        return detection(self.paired, self.predicted, self.gold)[2]

    @property
    def headline(self) -> float:
        denominator = max(self.predicted, self.gold)
        return self.fully_correct / denominator if denominator else 0.0

    def accuracy(self, name: str) -> float | None:
        total = self.field_total.get(name, 0)
        return self.field_correct.get(name, 0) / total if total else None

    @property
    def field_accuracy(self) -> float | None:
        """Micro-average over every scored field of every pair."""
        total = sum(self.field_total.values())
        return sum(self.field_correct.values()) / total if total else None

    @property
    def scored_fields(self) -> int:
        return sum(self.field_total.values())

    @property
    def missing(self) -> int:
        return sum(self.field_missing.values())

    @property
    def confidently_wrong(self) -> int:
        return sum(self.field_wrong.values())

    @property
    def confidently_wrong_share(self) -> float | None:
        """Contract 4.6: confidently wrong fields / all scored fields (None when nothing was scored)."""
        return self.confidently_wrong / self.scored_fields if self.scored_fields else None

    def field_scores(self) -> dict[str, dict[str, float | int]]:
        """Per scored field: correct, missing, confidently wrong, total, and their shares of the total."""
        out: dict[str, dict[str, float | int]] = {}
        for name in FIELDS:
            total = self.field_total.get(name, 0)
            if total:
                out[name] = _field_row(self.field_correct.get(name, 0), self.field_missing.get(name, 0),
                                       self.field_wrong.get(name, 0), total)
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles, "predicted": self.predicted, "gold": self.gold, "paired": self.paired,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "fully_correct": self.fully_correct, "headline": round(self.headline, 4),
            "field_accuracy": None if self.field_accuracy is None else round(self.field_accuracy, 4),
            "scored_fields": self.scored_fields, "missing": self.missing,
            "missing_share": round(self.missing / self.scored_fields, 4) if self.scored_fields else None,
            "confidently_wrong": self.confidently_wrong,
            "confidently_wrong_share": (None if self.confidently_wrong_share is None
                                        else round(self.confidently_wrong_share, 4)),
            "type_min_gold": TYPE_MIN_GOLD,
            "types": self.type_scores(),
            "fields": self.field_scores(),
            "misses": [vars(m) for m in self.misses],
            "false_positives": [vars(f) for f in self.false_positives],
            "field_errors": [vars(e) for e in self.field_errors],
        }


def _field_row(correct: int, missing: int, wrong: int, total: int) -> dict[str, float | int]:
    return {"correct": correct, "missing": missing, "confidently_wrong": wrong, "total": total,
            "accuracy": round(correct / total, 4), "missing_share": round(missing / total, 4),
            "confidently_wrong_share": round(wrong / total, 4)}


# --- field comparison -------------------------------------------------------------------

_APOSTROPHES = "'’‘`´ʼ"


def _name_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.translate({ord(c): None for c in _APOSTROPHES})
    text = re.sub(r"\b(al|el)-", "", text)
    words = re.sub(r"[-\u2010-\u2015]", " ", text)
    words = re.sub(r"[^\w\s]", " ", words).split()
    if words and words[0] == "the":
        words = words[1:]
    return words


def name_matches(predicted: str | None, gold: str | Sequence[str]) -> bool:
    """Contract 4: the predicted name contains the gold name word for word, after normalising."""
    if not predicted:
        return False
    have = _name_words(predicted)
    for option in ([gold] if isinstance(gold, str) else gold):
        want = _name_words(option)
        if want and any(have[i:i + len(want)] == want for i in range(len(have) - len(want) + 1)):
            return True
    return False


def _widened(day: str, delta: int) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=delta)).isoformat()


def _date_ok(pred: Mapping[str, Any] | None, gold: Mapping[str, Any] | None) -> bool:
    if gold is None:
        return pred is None or pred.get("start") is None
    if not pred or not pred.get("start") or not gold.get("start"):
        return bool(pred) and pred.get("start") == gold.get("start")
    low = _widened(gold["start"], -1)
    high = _widened(gold.get("end") or gold["start"], 1)
    return low <= pred["start"] <= high


def _count_ok(pred: Mapping[str, Any] | None, gold: Mapping[str, Any] | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return pred.get("min") == gold.get("min") and pred.get("max") == gold.get("max")


def _fields_of(gold: Mapping[str, Any]) -> list[str]:
    """The contract fields this gold event gives (status is always scored)."""
    names: list[str] = []
    for role in ("actor", "target"):
        part = gold.get(role)
        if isinstance(part, Mapping):
            names += [f"{role}.{k}" for k in ("country", "kind", "sponsors") if k in part]
    loc = gold.get("location")
    if isinstance(loc, Mapping):
        names += [f"location.{k}" for k in ("country", "name") if k in loc]
    names += [k for k in ("mode", "negated", "date", "fatalities", "injuries", "aggregate") if k in gold]
    names.append("status")
    return names


def _get(record: Mapping[str, Any], dotted: str) -> Any:
    value: Any = record
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _field_ok(name: str, pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    if name == "status":
        return (pred.get("status") or "occurred") == (gold.get("status") or "occurred")
    if name.endswith(".sponsors"):
        have = _get(pred, name)
        return have is not None and set(have) == set(_get(gold, name) or ())
    if name == "location.name":
        return name_matches(_get(pred, name), _get(gold, name))
    if name == "date":
        return _date_ok(pred.get("date"), gold.get("date"))
    if name in ("fatalities", "injuries", "aggregate"):
        return _count_ok(pred.get(name), gold.get(name))
    if name == "negated":
        return bool(pred.get("negated")) == bool(gold.get("negated"))
    return _get(pred, name) == _get(gold, name)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, tuple, set, dict)) and not value)


def error_kind(name: str, pred: Mapping[str, Any]) -> str:
    """Contract 4.6: a wrong field is MISSING when the prediction gives nothing for it (null or empty), else
    CONFIDENTLY_WRONG. ``status`` is never missing: absent means ``occurred``, which is a value."""
    if name == "status":
        return CONFIDENTLY_WRONG
    value = _get(pred, name)
    if name == "date":
        value = value.get("start") if isinstance(value, Mapping) else value
    elif name in ("fatalities", "injuries", "aggregate") and isinstance(value, Mapping):
        value = None if value.get("min") is None and value.get("max") is None else value
    return MISSING if _blank(value) else CONFIDENTLY_WRONG


# --- pairing ----------------------------------------------------------------------------


def anchor_span(text: str, gold: Mapping[str, Any]) -> tuple[int, int] | None:
    """Where the gold anchor stands in the text: ``anchor_start`` if given, else its first occurrence."""
    anchor = gold.get("anchor") or ""
    start = gold.get("anchor_start")
    if not isinstance(start, int) or text[start:start + len(anchor)] != anchor:
        start = text.find(anchor) if anchor else -1
    return (start, start + len(anchor)) if start >= 0 else None


def _accepts(gold: Mapping[str, Any]) -> set[str]:
    accepted = gold.get("type")
    return set(accepted) if isinstance(accepted, list) else {accepted}


def _primary(gold: Mapping[str, Any]) -> str:
    types = gold.get("type")
    return types[0] if isinstance(types, list) else str(types)


def _as_dict(event: Event | Mapping[str, Any]) -> Mapping[str, Any]:
    return event.to_json() if isinstance(event, Event) else event


def score(gold_articles: Iterable[Mapping[str, Any]],
          predictions: Mapping[str, Sequence[Event | Mapping[str, Any]]]) -> ScoreReport:
    """Score predictions (events per article id) against gold articles."""
    report = ScoreReport()
    for article in gold_articles:
        report.articles += 1
        text = article["text"]
        scored = set(article.get("scored_types") or ())
        golds = [g for g in article.get("events") or () if _accepts(g) & scored]
        preds = [_as_dict(p) for p in predictions.get(article["id"], ()) if _as_dict(p)["type"] in scored]
        spans = [anchor_span(text, g) for g in golds]
        candidates: list[tuple[int, int, int, list[str], list[str]]] = []
        for gi, (gold, span) in enumerate(zip(golds, spans)):
            if span is None:
                continue
            fields = _fields_of(gold)
            for pi, pred in enumerate(preds):
                ev = pred["evidence"]
                if ev["start"] <= span[0] and span[1] <= ev["end"] and pred["type"] in _accepts(gold):
                    wrong = [f for f in fields if not _field_ok(f, pred, gold)]
                    candidates.append((len(fields) - len(wrong), gi, pi, fields, wrong))
        candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
        used_gold: set[int] = set()
        used_pred: set[int] = set()
        optional_pairs: set[int] = set()  # predictions paired with optional gold: neither hit nor miss
        paired_type: dict[int, str] = {}
        for _agree, gi, pi, fields, wrong in candidates:
            if gi in used_gold or pi in used_pred:
                continue
            used_gold.add(gi)
            used_pred.add(pi)
            gold = golds[gi]
            if gold.get("optional"):
                optional_pairs.add(pi)
                continue
            report.paired += 1
            paired_type[gi] = preds[pi]["type"]
            report._tally(preds[pi]["type"], 0)
            for name in fields:
                report.field_total[name] = report.field_total.get(name, 0) + 1
                if name not in wrong:
                    report.field_correct[name] = report.field_correct.get(name, 0) + 1
            for name in wrong:
                kind = error_kind(name, preds[pi])
                tally = report.field_missing if kind == MISSING else report.field_wrong
                tally[name] = tally.get(name, 0) + 1
                report.field_errors.append(FieldError(
                    article["id"], gold.get("anchor", ""), name, _get(gold, name), _get(preds[pi], name), kind))
            if not wrong:
                report.fully_correct += 1
        report.gold += sum(1 for g in golds if not g.get("optional"))
        report.predicted += len(preds) - len(optional_pairs)
        for gi, g in enumerate(golds):
            if not g.get("optional"):
                report._tally(paired_type.get(gi) or _primary(g), 2)
        for pi, p in enumerate(preds):
            if pi not in optional_pairs:
                report._tally(p["type"], 1)
        report.misses += [Miss(article["id"], g.get("anchor", ""), g.get("type"))
                          for gi, g in enumerate(golds) if gi not in used_gold and not g.get("optional")]
        report.false_positives += [FalsePositive(article["id"], p["type"], p["evidence"]["text"])
                                   for pi, p in enumerate(preds) if pi not in used_pred]
    return report
