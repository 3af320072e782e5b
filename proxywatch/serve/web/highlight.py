"""Marks in an evidence sentence: the trigger word of the event's type, and the actor, target and place as written.

The record contract keeps the sentence, not the trigger's offsets, so the trigger is found again:
the trigger lemmas of the event's type (``proxywatch.extract.lexicon``, the words extraction reads)
in every inflected form (lemminflect: "strike" → struck, striking, strikes), the strongest word
first (its ``weight``), then the first in the sentence. Party and place texts are found as written.
The result is a list of (text, mark) segments; the template escapes each segment.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Mapping

__all__ = ["segments", "trigger_span"]


@lru_cache(maxsize=32)
def _patterns(type_: str) -> tuple[tuple[int, re.Pattern[str]], ...]:
    """One regex per trigger weight of ``type_``, strongest first."""
    from lemminflect import getAllInflections, getAllInflectionsOOV

    from proxywatch.extract.lexicon import NOUN_TRIGGERS, VERB_TRIGGERS

    by_weight: dict[int, set[str]] = {}
    for table, upos in ((VERB_TRIGGERS, "VERB"), (NOUN_TRIGGERS, "NOUN")):
        for lemma, trigger in table.items():
            if trigger.type != type_:
                continue
            known = getAllInflections(lemma, upos=upos) or getAllInflectionsOOV(lemma, upos=upos)  # "airstrike"
            forms = {lemma, *(f for fs in known.values() for f in fs)}
            by_weight.setdefault(trigger.weight, set()).update(forms)
    return tuple((w, re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, forms), key=len, reverse=True)) + r")\b",
                                re.IGNORECASE))
                 for w, forms in sorted(by_weight.items(), reverse=True))


def trigger_span(text: str, type_: str) -> tuple[int, int] | None:
    """Where the trigger word of ``type_`` is in ``text`` (strongest, then first), or ``None``."""
    for _, pattern in _patterns(type_):
        found = pattern.search(text)
        if found:
            return found.span()
    return None


def segments(text: str, type_: str | None, parties: Mapping[str, Any] | None = None) -> list[tuple[str, str | None]]:
    """``text`` cut into (piece, mark) with mark ``trigger``, ``actor``, ``target``, ``place`` or ``None``."""
    spans: list[tuple[int, int, str]] = []
    found = trigger_span(text, type_) if type_ else None
    if found:
        spans.append((*found, "trigger"))
    for mark, value in (parties or {}).items():
        if not value or len(value) < 2:
            continue
        at = text.find(value)
        if at >= 0 and not any(at < end and at + len(value) > start for start, end, _ in spans):
            spans.append((at, at + len(value), mark))
    out: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, mark in sorted(spans):
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], mark))
        pos = end
    if pos < len(text):
        out.append((text[pos:], None))
    return out
