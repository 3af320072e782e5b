"""M2E2 text events (ACE types on Voice of America news), grouped back into documents.

Records are sentences. ``text_only_event.json.gz`` and ``text_multimedia_event.json.gz`` are
complementary: a sentence found in both gets the union of its events. A document is the
``sentence_id`` without its final ``_N``; it holds every sentence record of that id, including the
many sentences without events (they are chances for false positives). M2E2 has no official split:
``dev`` = documents whose id has a SHA-1 hex digest starting with 0-7, ``test`` = 8-f (reporting only).

Text: each sentence's ``sentence`` string (verbatim article text), completed with the final token(s)
the string leaves out, placed by the ``index`` offsets; sentences in ``_N`` order, joined with a space
when they were adjacent in the article and ended in sentence-final punctuation, else with a newline
(missing sentence numbers leave gaps). ``published`` is the date in the id.

Type mapping (ACE → contract; ``[A, B]`` = either type is accepted):

==========================  ===================================================================
Conflict:Attack             ASSAULT (an attack; mode from Instrument, else the trigger word); optional
                            for a state of conflict (war, conflict, unrest, violence, hostilities,
                            warfare, insurgency, fighting)
Life:Die                    ASSAULT casualty: merged into the nearest attack of its sentence; alone,
                            required only with an Agent or Instrument, else optional
Justice:Arrest-Jail         COERCE (arrest); capture/seize/kidnap/hostage triggers: [ASSAULT, COERCE]
Contact:Meet                CONSULT; rally/march/protest triggers: optional [CONSULT, PROTEST]
Contact:Phone-Write         CONSULT for calls and conversations (call, phone, spoke, talk,
                            conversation); other triggers (statements, letters): optional CONSULT
Conflict:Demonstrate        PROTEST
Movement:Transport          deport/expel triggers: COERCE (PLOVER deport); visit/trip/tour: optional
                            CONSULT (PLOVER counts visits as CONSULT); otherwise no event
Transaction:Transfer-Money  no event (AID is not scored: arms and goods transfers are not annotated)
==========================  ===================================================================
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from proxywatch.evaluate.benchmarks._common import (
    Dataset, TextBuilder, anchor_fields, dataset_dir, mode_from_instrument, place_name,
)
from proxywatch.evaluate.benchmarks.wikievents import Candidate, assemble_events, back_reference, trigger_mode

__all__ = ["DATASET", "SCORED_TYPES", "FILES", "doc_id", "split_of", "map_event", "sentence_text",
           "build_article", "convert"]

SCORED_TYPES = ["ASSAULT", "COERCE", "CONSULT", "PROTEST"]
FILES = ("text_only_event.json.gz", "text_multimedia_event.json.gz")

_ABDUCTION = re.compile(r"kidnap|abduct|hostage|captur|seiz|snatch|hijack", re.I)
_PROTEST = re.compile(r"rall(y|ie)|march|protest|demonstrat", re.I)
_CALL = re.compile(r"call|phone|spok|speak|talk|conversation", re.I)
_DEPORT = re.compile(r"deport|expel|expul", re.I)
_VISIT = re.compile(r"visit|trip|tour", re.I)
# Attack triggers that name a state of armed conflict, not one attack: optional, as in the own gold
# ("the war in Gaza", "a year of cross-border fighting").
_STATE_OF_WAR = re.compile(r"^(wars?|conflicts?|unrest|violence|hostilities|warfare|insurgency|fighting)$", re.I)
_FINAL = re.compile(r"[.!?…][\"”’')\]]*$")
_DATE = re.compile(r"_(\d{4})\.(\d{2})\.(\d{2})\.")


def doc_id(sentence_id: str) -> str:
    """The document of a sentence: its id without the final ``_N``."""
    return sentence_id.rsplit("_", 1)[0]


def split_of(document: str) -> str:
    """``dev`` when the SHA-1 hex digest of the document id starts with 0-7, else ``test``."""
    return "dev" if hashlib.sha1(document.encode("utf-8")).hexdigest()[0] in "01234567" else "test"


def map_event(event_type: str, trigger: str) -> tuple[str | None, str | list[str] | None, bool]:
    """``(kind, contract type, optional)``; kind is "attack", "casualty", "other" or None (no event)."""
    if event_type == "Conflict:Attack":
        return "attack", "ASSAULT", bool(_STATE_OF_WAR.match(trigger.strip()))
    if event_type == "Life:Die":
        return "casualty", "ASSAULT", False
    if event_type == "Justice:Arrest-Jail":
        return ("other", ["ASSAULT", "COERCE"], False) if _ABDUCTION.search(trigger) else ("other", "COERCE", False)
    if event_type == "Contact:Meet":
        return ("other", ["CONSULT", "PROTEST"], True) if _PROTEST.search(trigger) else ("other", "CONSULT", False)
    if event_type == "Contact:Phone-Write":
        return "other", "CONSULT", not _CALL.search(trigger)
    if event_type == "Conflict:Demonstrate":
        return "other", "PROTEST", False
    if event_type == "Movement:Transport":
        if _DEPORT.search(trigger):
            return "other", "COERCE", False
        if _VISIT.search(trigger):
            return "other", "CONSULT", True
    return None, None, False


def sentence_text(record: Mapping[str, Any]) -> tuple[str, list[tuple[int, int]]]:
    """A sentence's verbatim text and each word's character span in it.

    ``sentence`` stops before the last token, and in a few records one character short of it, so the
    missing tail is taken from the words themselves.
    """
    text = record["sentence"]
    base = int(record["sentence_start"])
    spans: list[tuple[int, int]] = []
    for word, (first, last) in zip(record["words"], record["index"]):
        start, end = int(first) - base, int(last) - base + 1
        if end > len(text):
            if start >= len(text):
                text += " " * (start - len(text)) + word
            elif word.startswith(text[start:]):
                text += word[len(text) - start:]
            end = max(start + 1, min(end, len(text)))
        spans.append((start, end))
    return text, spans


def _argument_texts(event: Mapping[str, Any], roles: Iterable[str]) -> list[str]:
    wanted = set(roles)
    return [a["text"] for a in event.get("arguments", []) if a.get("role") in wanted]


def _places(event: Mapping[str, Any]) -> str | list[str] | None:
    names: list[str] = []
    for mention in _argument_texts(event, ("Place",)):
        name = place_name(mention)
        if name and name not in names:
            names.append(name)
    if not names:
        return None
    return names[0] if len(names) == 1 else names


def build_article(document: str, records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """One gold article from the sentence records of one document (any order, duplicates merged)."""
    by_id: dict[str, dict[str, Any]] = {}
    for record in records:
        held = by_id.setdefault(record["sentence_id"], {**record, "golden-event-mentions": []})
        seen = {(e["trigger"]["start"], e["trigger"]["end"], e["event_type"]) for e in held["golden-event-mentions"]}
        for event in record.get("golden-event-mentions", []):
            if (event["trigger"]["start"], event["trigger"]["end"], event["event_type"]) not in seen:
                held["golden-event-mentions"].append(event)
    ordered = sorted(by_id.values(), key=lambda r: int(r["sentence_id"].rsplit("_", 1)[1]))

    builder = TextBuilder()
    candidates: list[Candidate] = []
    previous_end: int | None = None
    token_offset = 0
    text_parts: list[str] = []
    for n, record in enumerate(ordered):
        sentence, spans = sentence_text(record)
        start_in_article = int(record["sentence_start"])
        if previous_end is not None:
            adjacent = start_in_article - previous_end <= 1 and _FINAL.search(text_parts[-1])
            builder.add(" " if adjacent else "\n")
        at, _ = builder.add(sentence)
        text_parts.append(sentence)
        previous_end = start_in_article + len(sentence)
        words = record["words"]
        for event in record["golden-event-mentions"]:
            trig = event["trigger"]
            kind, ctype, optional = map_event(event["event_type"], trig.get("text", ""))
            if kind is None or ctype is None:
                continue
            first, last = trig["start"], trig["end"]
            candidates.append(Candidate(
                n, kind, bool(_argument_texts(event, ("Agent", "Instrument"))), token_offset + first,
                at + spans[first][0],
                back_reference(words[max(0, first - 4): first], " ".join(words[first:last])),
                _gold_event(event, ctype, optional, words, (at + spans[first][0], at + spans[last - 1][1]))))
        token_offset += len(words)
    text = builder.text()
    article: dict[str, Any] = {"id": document, "text": text}
    date = _DATE.search(document)
    if date:
        article["published"] = "-".join(date.groups())
    article["scored_types"] = list(SCORED_TYPES)
    events = []
    for event in assemble_events(candidates):  # anchors are known once the whole text is built
        start, end = event.pop("_start"), event.pop("_end")
        events.append({**anchor_fields(text, start, end), **event})
    article["events"] = events
    return article


def _gold_event(event: Mapping[str, Any], ctype: str | list[str], optional: bool, words: Sequence[str],
                span: tuple[int, int]) -> dict[str, Any]:
    gold: dict[str, Any] = {"_start": span[0], "_end": span[1], "type": ctype}
    place = _places(event)
    if place:
        gold["location"] = {"name": place}
    if ctype == "ASSAULT":
        first, last = event["trigger"]["start"], event["trigger"]["end"]
        mode = mode_from_instrument(_argument_texts(event, ("Instrument",))) or trigger_mode(
            " ".join(words[first:last]), " ".join(words[max(0, first - 2): first]), " ".join(words[last:last + 1]))
        if mode:
            gold["mode"] = mode
    if optional:
        gold["optional"] = True
    gold["source_type"] = event["event_type"]
    return gold


def _records(base: Path) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for name in FILES:
        path = base / name
        if path.exists():
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                records += json.load(handle)
    return records


def convert(data_dir: Path, split: str) -> list[dict[str, Any]]:
    """Gold articles of the ``dev`` or ``test`` half, documents in id order."""
    if split not in ("dev", "test"):
        raise ValueError(f"m2e2 has splits dev and test, not {split!r}")
    documents: dict[str, list[dict[str, Any]]] = {}
    for record in _records(dataset_dir(data_dir, "m2e2")):
        document = doc_id(record["sentence_id"])
        if split_of(document) == split:
            documents.setdefault(document, []).append(record)
    return [build_article(d, documents[d]) for d in sorted(documents)]


CANNOT_SCORE = (
    "M2E2 text events (8 ACE types, Voice of America news), rebuilt into documents; dev/test = SHA-1 "
    "halves of the document ids (0-7 dev, 8-f test). Every sentence record of a document is in its text, "
    "with or without events; sentence numbers missing from the release leave gaps (newlines). Scored: "
    "detection of ASSAULT, COERCE, CONSULT and PROTEST, plus mode and location.name where given. "
    "Mapping: Conflict:Attack -> ASSAULT, mode from the Instrument mention, else from the trigger word "
    "(bombing -> explosives, airstrikes -> aerial, shelled -> artillery, shot/shooting -> firearms, "
    "'suicide' just before -> suicide), else no mode. An Attack trigger that names a state of armed conflict "
    "rather than an attack (war, conflict, unrest, violence, hostilities, warfare, insurgency, fighting) is "
    "optional: ACE tags it as Attack, but proxywatch reports attacks, not wars (the own gold marks 'the war "
    "in Gaza' and 'a year of cross-border fighting' optional too). Life:Die is a casualty: merged into the nearest "
    "attack of its sentence; a sentence with deaths but no attack gives one ASSAULT, required only when "
    "a Die event has an Agent or Instrument, else optional ('died' may be natural). An attack that is a "
    "definite back-reference ('the attack', 'the bombing', after an earlier ASSAULT trigger in the "
    "document) is optional (back_reference: true). Justice:Arrest-Jail -> COERCE (arrest), or "
    "[ASSAULT, COERCE] for capture/seize/kidnap/hostage triggers (the contract counts abduction as "
    "ASSAULT). Contact:Meet -> CONSULT (ACE Meet also covers rallies, press conferences and speeches: "
    "rally/march/protest triggers are optional [CONSULT, PROTEST]). Contact:Phone-Write -> CONSULT for "
    "call/phone/spoke/talk/conversation triggers, optional CONSULT otherwise. Conflict:Demonstrate -> "
    "PROTEST. Movement:Transport -> COERCE for deport/expel, optional CONSULT for visit/trip/tour, "
    "otherwise nothing (troop movements are not separated from travel, so MOBILIZE and RETREAT are not "
    "scored). Transaction:Transfer-Money -> nothing (AID is not scored: arms and goods transfers are "
    "not annotated). Precision is a lower bound for COERCE (no bans, curfews, seizures) and CONSULT "
    "(visits are Movement in ACE), and for ASSAULT too: the release leaves many attack mentions "
    "unannotated, generic ones ('terror attacks') and also specific, dated ones (of the 221 ASSAULT false "
    "positives on dev before the generic/re-mention rules, about 50 were specific attacks the gold lacks; "
    "injuries are not annotated at all, Life:Injure not being one of the 8 types). Cannot score: actor and target (mentions only: no country, kind or "
    "sponsors), location.country, date (no Time roles kept), fatalities and injuries, aggregate, "
    "negated, and status: ACE modality was not kept, so every gold event counts as 'occurred', "
    "including future or hypothetical ones, and the status field accuracy is not meaningful here. "
    "location.name: Place arguments that look like proper names, several as a list. published: the "
    "date in the document id."
)

DATASET = Dataset(
    name="m2e2",
    splits=("dev", "test"),
    level="sentence",
    convert=convert,
    scores=("type", "mode", "location.name"),
    cannot_score=CANNOT_SCORE,
)
