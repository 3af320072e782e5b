"""Name folding for matching mentions to the knowledge base.

:func:`normalize` removes what never distinguishes two names: case, accents, apostrophes, hyphens,
dots, commas and a leading "the". :func:`fold` goes further, for transliterations of Arabic and
Persian names: it drops the Arabic article (al-, el-, ad-, ash-, ...) and reduces each long word to its
consonant skeleton with q/k/gh/kh/c merged, so "Hizballah", "Hezbollah" and "Hizbullah", or "Qa'ani"
and "Ghaani", meet. A folded key is only a fallback after the exact (normalized) one, and keys that
fold two actors together are not used (see :class:`proxywatch.resolve.kb.KnowledgeBase`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")

__all__ = ["normalize", "fold", "strip_article", "closest", "ARTICLES", "MIN_FOLDED"]

_APOSTROPHES = "'’‘`´ʼʻ"
_DROP = {ord(c): None for c in _APOSTROPHES}
_SPACES = re.compile(r"[\-\u2010-\u2015/.,;:()\"]")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")

# The Arabic definite article as it is transliterated before sun and moon letters.
ARTICLES = frozenset("al el ad ed ah ash as an ar at az ath adh ez es er et".split())
_DIGRAPHS = (("gh", "k"), ("kh", "k"), ("ck", "k"), ("q", "k"), ("c", "k"), ("ph", "f"), ("th", "t"),
             ("dh", "d"), ("sh", "s"), ("ou", "u"), ("ee", "i"))
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLES = re.compile(r"(.)\1+")
_MIN_SKELETON_WORD = 3  # shorter words are kept as they are
MIN_FOLDED = 4  # a folded key shorter than this ("kn", "ht") matches too much to be used


@lru_cache(maxsize=1 << 16)  # pure; the same names recur in every article
def normalize(text: str) -> str:
    """Fold a name for exact matching: "The Kata'ib-Hezbollah" → "kataib hezbollah", "Iran's" → "iran"."""
    if not text.isascii():  # accents off; plain ASCII (most names) skips the Unicode work
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _SPACES.sub(" ", _POSSESSIVE.sub("", text.lower()).translate(_DROP))
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


def strip_article(key: str) -> str:
    """A normalized name without a leading Arabic article: "al hudaydah" → "hudaydah"."""
    head, _, rest = key.partition(" ")
    return rest if head in ARTICLES and rest else key


def _skeleton(word: str) -> str:
    if len(word) < _MIN_SKELETON_WORD or not word.isalpha():
        return word
    for a, b in _DIGRAPHS:
        word = word.replace(a, b)
    if len(word) > 2 and word.endswith("h") and word[-2] in "aeiouy":
        word = word[:-1]  # Haniyeh / Haniya, Nasrallah / Nasrall-
    if word.endswith("s") and len(word) > 4:
        word = word[:-1]  # Houthis / Houthi
    first, rest = word[0], _VOWELS.sub("", word[1:])
    return _DOUBLES.sub(r"\1", (first if first not in "aeiou" else "") + rest)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The transliteration-blind key of a name: "Abu Baqir al-Sa'adi" → "abu bkr sd"."""
    words = [w for w in normalize(text).split() if w not in ARTICLES]
    return " ".join(_skeleton(w) for w in words)


def closest(query: str, names: dict[str, T], limit: int = 5, cutoff: float = 80.0) -> list[T]:
    """The values whose (normalized) name keys are nearest to ``query`` by edit distance (rapidfuzz's
    normalized Indel ratio, 0-100, at least ``cutoff``), best first, each value once: a misspelt search
    such as "Hezbolah" or "Hodeida" still finds its entry. Only for searches a person types; matching
    mentions in articles uses :func:`normalize` and :func:`fold`, which are exact."""
    from rapidfuzz import fuzz, process

    out: list[T] = []
    for key, _, _ in process.extract(normalize(query), list(names), scorer=fuzz.ratio, score_cutoff=cutoff,
                                     limit=None):
        if names[key] not in out:
            out.append(names[key])
        if len(out) == limit:
            break
    return out
