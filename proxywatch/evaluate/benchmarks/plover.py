"""PLOVER gold standard records (openeventdata/PLOVER, PLOVER v0.5b1, coded 2016): one sentence, one event.

These are worked examples edited from the CAMEO 1.1b3 manual, not a held-out sample: there is no
split, and a score on them is a check against the codebook, not a held-out result. The single
split is called ``all``.

File format (``PLOVER_GSR_CAMEO.txt``): one JSON array. Object 0 is a ``DOCUMENT`` record (licence:
CC BY-SA 4.0); every other object is one record with ``id``, ``event`` (the v0.5b1 category),
``text`` (one English sentence), ``textInfo.markup`` (the sentence with ``(SRC: …)``, ``(TAR: …)``,
``(SRC/TAR: …)``, ``(EVT: …)`` and ``(LOC: …)`` marked; once a plain string instead of an object),
``source`` / ``target`` (lists of ``{actorText, code, sector}``; a few targets are strings),
``mode``, ``eventLoc`` (``{name, "country code"?}``, alpha-2), ``dead`` / ``injured`` / ``size``
(strings), ``context``, ``comment`` and bookkeeping fields; ``date`` is a placeholder. Only
non-null fields are present. The markup is hand-edited: markers nest, a few close with ``}``,
some never close, a few stray ``)`` remain, and 21 markups differ slightly from ``text``.

Each record becomes one gold article (``id`` made unique: one id occurs twice) with one event:
the anchor is the first ``(EVT: …)`` piece, found verbatim in ``text`` (the whole sentence if it
cannot be found). The records are not exhaustive (the same sentence is sometimes coded twice,
with different events), so ``scored_types`` is the record's own type(s) only.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any, Mapping

import pycountry

from proxywatch.evaluate.benchmarks._common import CONTRACT_TYPES, Dataset, anchor_fields, dataset_dir, place_name

__all__ = ["DATASET", "convert", "build_article", "parse_markup", "TYPE_RENAMES", "MODE_MAP"]

FILE_NAME = "PLOVER_GSR_CAMEO.txt"

# v0.5b1 categories renamed in the current PLOVER (PLOVER_MANUAL "CAMEO to PLOVER translation")
TYPE_RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# COERCE modes that the contract may count as use of force (kidnapping, blowing up, setting fire)
COERCE_OR_ASSAULT_MODES = frozenset({"detain", "destroy"})
# v0.5b1 ASSAULT / FIGHT modes that map cleanly to a contract ASSAULT mode; heavy-weapons (artillery,
# aircraft, missiles or rockets), assassinate and other name no single contract mode.
MODE_MAP = {"explosives": "explosives", "firearms": "firearms", "suicide-attack": "suicide",
            "primitive": "other", "beat": "other", "torture": "other", "sexual": "other"}
# non-ISO codes in the file that stand for one country without doubt (Tokyo, Italy, Vietnamese forces)
CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
SECTOR_KINDS = {"GOV": "government", "LEG": "government", "JUD": "government", "MIL": "military",
                "REB": "armed_group", "CVL": "civilians", "REF": "civilians"}
CODE_KINDS = {"IGO": "organization", "NGO": "organization", "IMG": "armed_group"}

_NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                 "fifteen sixteen seventeen eighteen nineteen twenty").split()
_OPEN_ENDED = ("at least", "more than", "over", "upwards of")
_VAGUE = ("about", "around", "nearly", "almost", "some", "approximately", "roughly", "up to")


# --- markup ------------------------------------------------------------------------------

_TOKEN = re.compile(r"\(([A-Z]{3}(?:/[A-Z]{3})?):\s*|[()}]")


def parse_markup(markup: str) -> tuple[str, list[tuple[str, int, int]]]:
    """The plain sentence and its marked spans ``(label, start, end)`` in plain-text offsets, by start.

    A marker ends at its matching ``)`` or ``}``; a literal ``(…)`` inside stays text; a stray closer
    is dropped. A marker that never closes ends where its first nested marker or bracket begins.
    """
    out: list[str] = []
    length = pos = 0
    stack: list[list[Any]] = []  # [label, start, cut]; label "(" is a literal bracket
    spans: list[tuple[str, int, int]] = []
    for match in _TOKEN.finditer(markup):
        out.append(markup[pos:match.start()])
        length += match.start() - pos
        pos = match.end()
        for entry in stack:
            if entry[2] is None:
                entry[2] = length
        token = match.group(0)
        if match.group(1):
            stack.append([match.group(1), length, None])
        elif token == "(":
            stack.append(["(", length, None])
            out.append("(")
            length += 1
        elif stack:  # ")" or "}"
            label, start, _cut = stack.pop()
            if label == "(":
                out.append(")")
                length += 1
            else:
                spans.append((label, start, length))
    out.append(markup[pos:])
    length += len(markup) - pos
    spans += [(label, start, cut if cut is not None else length)
              for label, start, cut in stack if label != "("]
    return "".join(out), sorted(spans, key=lambda s: (s[1], s[2]))


def _markup(record: Mapping[str, Any]) -> str:
    info = record.get("textInfo")
    if isinstance(info, Mapping):
        return str(info.get("markup") or "")
    return info if isinstance(info, str) else ""


def _anchor(text: str, markup: str) -> tuple[int, int]:
    """Span in ``text`` of the first non-empty ``(EVT: …)``; the whole text when it cannot be placed."""
    plain, spans = parse_markup(markup)
    for label, start, end in spans:
        piece = plain[start:end]
        stripped = piece.strip()
        if label != "EVT" or not stripped:
            continue
        start += len(piece) - len(piece.lstrip())
        if plain == text:
            return start, start + len(stripped)
        found = [m.start() for m in re.finditer(re.escape(stripped), text)]
        if found:
            best = min(found, key=lambda f: abs(f - start))
            return best, best + len(stripped)
    return 0, len(text)


# --- fields ------------------------------------------------------------------------------


def _alpha3(code: Any) -> str | None:
    """An ISO 3166-1 alpha-3 code for ``code``, or None (IGO, NGO, IMG, unknown codes)."""
    if not isinstance(code, str):
        return None
    code = CODE_ALIASES.get(code.strip().upper(), code.strip().upper())
    try:
        country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    except (KeyError, LookupError):
        country = None
    return country.alpha_3 if country else None


def _alpha2_to_3(code: Any) -> str | None:
    if not isinstance(code, str) or len(code.strip()) != 2:
        return None
    try:
        country = pycountry.countries.get(alpha_2=code.strip().upper())
    except (KeyError, LookupError):
        country = None
    return country.alpha_3 if country else None


def _kind(party: Mapping[str, Any]) -> str | None:
    code = str(party.get("code") or "").upper()
    if code in CODE_KINDS:
        return CODE_KINDS[code]
    return SECTOR_KINDS.get(str(party.get("sector") or "")[:3].upper())


def _party(parties: Any) -> dict[str, str] | None:
    """Contract party fields (``country``, ``kind``) that every coded party agrees on.

    Unidentified armed forces (sector UAF) are left out: their code is inferred from the place.
    """
    if not isinstance(parties, list):
        return None
    usable = [p for p in parties if isinstance(p, Mapping) and not str(p.get("sector") or "").upper().startswith("UAF")]
    if not usable:
        return None
    out: dict[str, str] = {}
    countries = {_alpha3(p.get("code")) for p in usable}
    if len(countries) == 1 and None not in countries:
        out["country"] = countries.pop()  # type: ignore[assignment]
    kinds = {_kind(p) for p in usable}
    if len(kinds) == 1 and None not in kinds:
        out["kind"] = kinds.pop()  # type: ignore[assignment]
    return out or None


def _count(value: Any, text: str, comment: str, words: str) -> dict[str, int | None] | None:
    """``{"min", "max"}`` for a ``dead`` / ``injured`` string, read against the sentence.

    "at least 3" gives ``max: None``; "about 20" gives nothing (no exact count); a count the coder's
    comment questions (``words`` in the comment) gives nothing. A count not written in the sentence
    ("a journalist was killed") is taken as exact.
    """
    if not isinstance(value, str) or not value.strip().isdigit():
        return None
    if re.search(words, comment, flags=re.I):
        return None
    n = int(value)
    forms = {str(n), f"{n:,}"} | ({_NUMBER_WORDS[n]} if n < len(_NUMBER_WORDS) else set())
    pattern = r"(?<![\w,])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w,])"
    match = re.search(pattern, text, flags=re.I)
    if match:
        before = text[:match.start()].lower().split()
        if any(before[-len(q.split()):] == q.split() for q in _VAGUE):
            return None
        if any(before[-len(q.split()):] == q.split() for q in _OPEN_ENDED):
            return {"min": n, "max": None}
    return {"min": n, "max": n}


def _location(record: Mapping[str, Any], text: str) -> dict[str, str] | None:
    loc = record.get("eventLoc")
    if not isinstance(loc, Mapping):
        return None
    name = place_name(loc.get("name"))
    if not name or name not in text:
        return None  # a coded place the sentence does not name is not usable (one record has such)
    out = {"name": name}
    country = _alpha2_to_3(loc.get("country code"))
    if country:
        out["country"] = country
    return out


def contract_types(record: Mapping[str, Any]) -> list[str]:
    """Acceptable contract types of a record, primary first; empty for an unknown category."""
    event = str(record.get("event") or "").upper()
    primary = TYPE_RENAMES.get(event, event)
    if primary not in CONTRACT_TYPES:
        return []
    if primary == "COERCE" and record.get("mode") in COERCE_OR_ASSAULT_MODES:
        return ["COERCE", "ASSAULT"]
    return [primary]


def build_article(record: Mapping[str, Any], article_id: str | None = None) -> dict[str, Any] | None:
    """One gold article for one record, or None when its category has no contract type."""
    types = contract_types(record)
    text = record.get("text")
    if not types or not isinstance(text, str) or not text.strip():
        return None
    start, end = _anchor(text, _markup(record))
    event: dict[str, Any] = {**anchor_fields(text, start, end), "type": types[0] if len(types) == 1 else types}
    for role, key in (("actor", "source"), ("target", "target")):
        party = _party(record.get(key))
        if party:
            event[role] = party
    location = _location(record, text)
    if location:
        event["location"] = location
    mode = record.get("mode")
    if types == ["ASSAULT"] and mode in MODE_MAP:
        event["mode"] = MODE_MAP[mode]
    comment = str(record.get("comment") or "")
    for field, key, words in (("fatalities", "dead", r"\b(dead|killed|death)"),
                              ("injuries", "injured", r"\b(injur|wound)")):
        count = _count(record.get(key), text, comment, words)
        if count:
            event[field] = count
    event["source_type"] = record.get("event")
    if mode:
        event["source_mode"] = mode
    return {"id": article_id or str(record.get("id")), "text": text, "scored_types": list(types),
            "events": [event]}


def read_records(path: Path) -> list[dict[str, Any]]:
    """The coded records of the file (the DOCUMENT header left out)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON array")
    return [r for r in data if isinstance(r, dict) and r.get("event") != "DOCUMENT"]


def convert(data_dir: Path, split: str) -> list[dict[str, Any]]:
    """Gold articles of the one split, ``all``."""
    if split != "all":
        raise ValueError(f"plover has one split, 'all', not {split!r}")
    base = dataset_dir(data_dir, "plover_gsr")
    seen: Counter[str] = Counter()
    articles = []
    for record in read_records(base / FILE_NAME):
        raw_id = str(record.get("id"))
        seen[raw_id] += 1
        article = build_article(record, raw_id if seen[raw_id] == 1 else f"{raw_id}#{seen[raw_id]}")
        if article:
            articles.append(article)
    return articles


def _table(mapping: Mapping[str, str], sep: str = "->") -> str:
    return ", ".join(f"{k} {sep} {v}" for k, v in mapping.items())


CANNOT_SCORE = (
    "PLOVER gold standard records: 322 worked examples edited from the CAMEO manual, coded to PLOVER "
    "v0.5b1 in 2016; no split ('all') and NOT held out, so a score is a codebook check. One article per "
    "record (one sentence, one event; a repeated id gets '#2'); scored_types is the record's own "
    "type(s) only, since the records are not exhaustive (the same sentence is sometimes coded twice "
    "with different events). Anchor: the first (EVT: ...) of textInfo.markup, placed verbatim in text "
    "(whole sentence as a fallback). Types: the v0.5b1 category, renamed as in the current manual (" +
    _table(TYPE_RENAMES) + "); COERCE with mode detain or destroy (kidnapping, blowing up, setting "
    "fire) accepts [COERCE, ASSAULT] because the contract counts abduction and attacks as ASSAULT. "
    "Some v0.5 codings differ from the current manual. actor/target: source/target codes -> country "
    "when ISO 3166-1 alpha-3 (plus " + _table(CODE_ALIASES) + "; IGO, NGO, IMG and other non-ISO codes "
    "give none), sector (first three letters) -> kind (" + _table(SECTOR_KINDS) + "; IGO/NGO -> "
    "organization, IMG -> armed_group; COP, OPP, ELI, EDU, JRN, MED, LAB and the rest are ambiguous and "
    "give none); with several parties only what they all share; unidentified armed forces (UAF) are "
    "left out because their code is inferred from the place. location.name: eventLoc.name cleaned "
    "(place_name) when the sentence contains it; location.country from its alpha-2 code (4 records). "
    "mode for ASSAULT only: " + _table(MODE_MAP) + "; heavy-weapons, assassinate and other give none, "
    "and non-ASSAULT PLOVER modes (protest, coerce, consult forms) are kept only as source_mode, not "
    "scored. fatalities/injuries from dead/injured, read against the sentence: 'at least N' -> max "
    "null, 'about N' -> not scored, a count the coder's comment questions -> not scored. Cannot score: "
    "date (placeholder 2000-01-01) and published, sponsors (never coded), negated (not coded; no gold "
    "event gives it), status (not coded: every event counts as occurred, including threats and "
    "promises, which are THREATEN/AGREE events that occurred), aggregate, size. The sentences are "
    "edited 'ideal' codings with no article context."
)

DATASET = Dataset(
    name="plover",
    splits=("all",),
    level="sentence",
    convert=convert,
    scores=("type", "actor.country", "actor.kind", "target.country", "target.kind", "location.name",
            "location.country", "mode", "fatalities", "injuries"),
    cannot_score=CANNOT_SCORE,
    test_only=False,
)
