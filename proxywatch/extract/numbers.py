"""Counts with bounds from number phrases: "three", "at least 12", "more than 40", "dozens", "a soldier".

text2num turns written numbers into digits; the comparators ("over", "at least",
"nearly") and vague quantities ("dozens", "scores") are our own rules, because
no library gives a count with bounds.
"""

from __future__ import annotations

import re

from text_to_num import alpha2digit

from proxywatch.records import Count

__all__ = ["parse_count", "approximate", "NO_COUNT_WORDS"]

# Comparator → how it bounds the number n: (min, max) as functions of n.
_LOWER_OPEN = ("more than", "over", "above", "in excess of", "upwards of")
_LOWER_CLOSED = ("at least", "no fewer than", "no less than", "a minimum of", "as many as")
_UPPER_OPEN = ("fewer than", "less than", "under", "below")
_UPPER_CLOSED = ("up to", "at most", "no more than", "nearly", "almost")
_APPROX = ("about", "around", "roughly", "approximately", "some", "an estimated", "close to")

# Vague quantities: (min, max); max None is open.
_VAGUE: dict[str, tuple[int, int | None]] = {
    "dozens": (24, None), "scores": (40, None), "hundreds": (200, None), "thousands": (2000, None),
    "a dozen": (12, 12), "half a dozen": (6, 6), "a couple": (2, 2), "a couple of": (2, 2),
    "a few": (2, None), "several": (3, None), "multiple": (2, None), "numerous": (2, None), "many": (2, None), "a handful": (2, None), "a handful of": (2, None),
}
NO_COUNT_WORDS = frozenset(["no", "none", "zero", "nobody", "no one"])
# "a number of militants", "a group of soldiers", "a host of targets": more than one, how many not said. The
# documented reading is no count (None), never the "a" of "a number" read as one.
_COLLECTIVE = re.compile(r"^(?:an?|the)\s+(?:\w+\s+)?(?:number|group|lot|host|series|slew|string|bunch|range|variety|"
                         r"majority|portion|part|wave|spate|crowd)(?:\s+of\b|$)")
_SINGULAR = frozenset(["a", "an", "one", "single", "lone", "another"])

_NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)")


def _comparator(prefix: str) -> str | None:
    prefix = prefix.strip().lower()
    for group, name in (
        (_LOWER_OPEN, "lower_open"), (_LOWER_CLOSED, "lower_closed"), (_UPPER_OPEN, "upper_open"),
        (_UPPER_CLOSED, "upper_closed"), (_APPROX, "approx"),
    ):
        for phrase in group:
            if prefix.endswith(phrase):
                return name
    return None


def parse_count(phrase: str) -> Count | None:
    """The count a number phrase states, or ``None`` when it states none.

    >>> parse_count("more than 40")
    Count(min=41, max=None)
    >>> parse_count("three")
    Count(min=3, max=3)
    """
    text = " ".join(phrase.lower().replace("-", " ").split())
    if not text:
        return None
    for word, (low, high) in sorted(_VAGUE.items(), key=lambda kv: -len(kv[0])):
        found = re.search(rf"(^|\b){re.escape(word)}\b", text)
        if found:
            if high is not None and low == high:  # "more than a dozen": the comparator bounds the fixed number
                return _bounded(low, _comparator(text[: found.start()]))
            return Count(low, high)
    if _COLLECTIVE.match(text):
        return None
    if text in NO_COUNT_WORDS or text.split()[0] in ("no", "none"):
        return Count(0, 0)
    digits = alpha2digit(text, "en", threshold=0)
    match = _NUMBER.search(digits)
    if not match:
        first = text.split()[0]
        return Count(1, 1) if first in _SINGULAR else None
    if re.match(r"(st|nd|rd|th)\b", digits[match.end():]):
        return None  # "the first attacks": an ordinal, not a count
    return _bounded(int(match.group(1).replace(",", "")), _comparator(digits[: match.start()]))


def approximate(phrase: str) -> bool:
    """Whether a number phrase is an estimate: "about 66", "some 200", "roughly a dozen"."""
    text = " ".join(phrase.lower().replace("-", " ").split())
    match = _NUMBER.search(alpha2digit(text, "en", threshold=0)) if text else None
    vague = re.search(r"\b(?:a\s+)?(dozen|couple)\b", text)
    if match is None and vague is None:
        return False
    digits = alpha2digit(text, "en", threshold=0)
    return _comparator(digits[: match.start()] if match else text[: vague.start()]) == "approx"


def _bounded(n: int, kind: str | None) -> Count:
    """The count a comparator makes of the number n."""
    if kind == "lower_open":
        return Count(n + 1, None)
    if kind == "lower_closed":
        return Count(n, None)
    if kind == "upper_open":
        return Count(0, max(n - 1, 0))
    if kind == "upper_closed":
        return Count(0, n)
    return Count(n, n)
