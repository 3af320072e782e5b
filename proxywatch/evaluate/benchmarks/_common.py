"""Shared pieces of the benchmark converters: the ``Dataset`` record and small text helpers.

Everything here reads plain Python data; the converters do their own file reading
with the standard library.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from proxywatch.evaluate.scoring import detection
from proxywatch.records import ASSAULT_MODES, PLOVER_TYPES

__all__ = [
    "Dataset", "CONTRACT_TYPES", "ASSAULT_MODES", "dataset_dir", "anchor_fields", "TextBuilder",
    "mode_from_instrument", "place_name", "merge_sentence_assaults", "prf", "norm_words", "overlaps",
]

CONTRACT_TYPES = PLOVER_TYPES


@dataclass(frozen=True)
class Dataset:
    """One public benchmark and how it maps to the record contract."""

    name: str
    splits: tuple[str, ...]
    level: str  # "sentence" (anchored gold events), "document" (MUC-4 incidents) or "snippet" (CASE 2021)
    convert: Callable[[Path, str], list[dict[str, Any]]]
    scores: tuple[str, ...]  # contract fields this set can score
    cannot_score: str  # what it cannot score, and the mapping choices
    test_only: bool = False
    # Scores predictions ({gold id: [contract event dicts]}) against converted gold when the set is
    # not anchored (MUC-4 documents, CASE 2021 snippets); None means the contract section 4 scorer.
    score: Callable[[Sequence[dict[str, Any]], Mapping[str, Sequence[Mapping[str, Any]]]], dict[str, Any]] | None = None

    def load(self, data_dir: Path | str, split: str) -> list[dict[str, Any]]:
        if split not in self.splits:
            raise ValueError(f"{self.name} has splits {', '.join(self.splits)}, not {split!r}")
        return self.convert(Path(data_dir), split)


def dataset_dir(data_dir: Path, folder: str) -> Path:
    """``data_dir`` may be the benchmarks root or the dataset's own folder."""
    data_dir = Path(data_dir)
    return data_dir / folder if (data_dir / folder).is_dir() else data_dir


def _occurs_twice(text: str, piece: str) -> bool:
    first = text.find(piece)
    return first >= 0 and text.find(piece, first + 1) >= 0


def anchor_fields(text: str, start: int, end: int) -> dict[str, Any]:
    """``{"anchor": text[start:end]}``, plus ``anchor_start`` when the anchor string recurs in the text."""
    anchor = text[start:end]
    fields: dict[str, Any] = {"anchor": anchor}
    if _occurs_twice(text, anchor):
        fields["anchor_start"] = start
    return fields


class TextBuilder:
    """Builds a text piece by piece and remembers where each piece landed."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


# --- mode from an instrument mention --------------------------------------------------

_MODE_WORDS: tuple[tuple[str, str], ...] = (
    ("suicide", "suicide"),
    ("drone", "drone"), ("predator", "drone"), ("reaper", "drone"), ("uav", "drone"),
    ("missile", "missile"),
    ("rocket", "rocket"),
    ("mortar", "artillery"), ("artillery", "artillery"), ("shell", "artillery"), ("howitzer", "artillery"),
    ("cannon", "artillery"),
    ("airstrike", "aerial"), ("air strike", "aerial"), ("warplane", "aerial"), ("jet", "aerial"),
    ("aircraft", "aerial"), ("helicopter", "aerial"), ("gunship", "aerial"),
    ("chinook", "aerial"),
    ("bomb", "explosives"), ("explosive", "explosives"), ("ied", "explosives"), ("grenade", "explosives"),
    ("dynamite", "explosives"), ("landmine", "explosives"), ("mine", "explosives"), ("tnt", "explosives"),
    ("ammonium nitrate", "explosives"), ("detonator", "explosives"),
    ("machine gun", "firearms"), ("machinegun", "firearms"), ("gun", "firearms"), ("rifle", "firearms"),
    ("pistol", "firearms"), ("bullet", "firearms"), ("firearm", "firearms"), ("ak-47", "firearms"),
    ("kalashnikov", "firearms"), ("revolver", "firearms"), ("shotgun", "firearms"),
    ("warship", "naval"), ("frigate", "naval"), ("destroyer", "naval"),
    ("knife", "other"), ("machete", "other"), ("stone", "other"), ("nightstick", "other"), ("baton", "other"),
    ("chemical", "other"), ("poison", "other"), ("gas", "other"), ("fire", "other"), ("vehicle", "other"),
)


def mode_from_instrument(mentions: Iterable[str]) -> str | None:
    """The contract ``mode`` implied by instrument mentions, or None when absent or ambiguous.

    Each mention gives the mode of its first matching word; "suicide" anywhere wins.
    """
    found: set[str] = set()
    for mention in mentions:
        low = f" {mention.lower()} "
        for word, mode in _MODE_WORDS:
            if re.search(rf"\b{re.escape(word)}", low):
                found.add(mode)
                break
    if "suicide" in found:
        return "suicide"
    return found.pop() if len(found) == 1 else None


def place_name(mention: str | None) -> str | None:
    """A Place argument usable as ``location.name``: a proper name, not "the city" or "there"."""
    if not mention:
        return None
    name = re.sub(r"^(the|a|an)\s+", "", mention.strip(), flags=re.I)
    name = re.sub(r"^(province|town|city|village|region|district) of\s+", "", name, flags=re.I)
    return name if name[:1].isupper() else None


# --- Life.Die / Life.Injure merging ----------------------------------------------------


def _merge_into(dst: dict[str, Any], src: dict[str, Any]) -> None:
    for key in ("actor", "target", "location", "mode"):
        if key not in dst and key in src:
            dst[key] = src[key]
    dst.setdefault("merged", []).append(src["source_type"])


def merge_sentence_assaults(items: Sequence[tuple[str, bool, int, dict[str, Any]]]) -> list[dict[str, Any]]:
    """ASSAULT gold events of one sentence from ``(kind, agentive, token_position, event)`` items.

    ``kind`` is "attack" (an attack trigger) or "casualty" (a death, injury or damage trigger).
    Casualties describe the attack they sit beside, so they are merged into the nearest attack
    of the sentence. Without an attack, the casualties of a sentence become one ASSAULT event,
    anchored at the first one with a perpetrator (killer, injurer, agent); when none has a
    perpetrator the event is marked ``optional`` (it may be violence or not, e.g. "died").
    """
    attacks = [it for it in items if it[0] == "attack"]
    casualties = [it for it in items if it[0] == "casualty"]
    if attacks:
        for _kind, _agentive, pos, event in casualties:
            nearest = min(attacks, key=lambda a: abs(a[2] - pos))
            _merge_into(nearest[3], event)
        return [a[3] for a in attacks]
    if not casualties:
        return []
    agentive = [c for c in casualties if c[1]]
    primary = (agentive or casualties)[0]
    for other in casualties:
        if other is not primary:
            _merge_into(primary[3], other[3])
    if not agentive:
        primary[3]["optional"] = True
    return [primary[3]]


# --- small scoring helpers -------------------------------------------------------------


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    precision, recall, f1 = detection(tp, tp + fp, tp + fn)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(f1, 4)}


def norm_words(text: str) -> str:
    """Lower case, no accents, punctuation to spaces, single-spaced, padded with spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " " + " ".join(re.sub(r"[^\w]+", " ", text).split()) + " "


def overlaps(a: str, b: str) -> bool:
    """True when one string contains the other as whole words, ignoring case, accents and punctuation."""
    na, nb = norm_words(a), norm_words(b)
    if not na.strip() or not nb.strip():
        return False
    return na in nb or nb in na
