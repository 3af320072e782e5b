"""WikiEvents (gen-arg release, KAIROS ontology): anchored events in 20 + 20 English news documents.

Splits: ``dev`` = dev.jsonl with dev_info.jsonl, ``test`` = test.jsonl with test_info.jsonl (reporting
only). There is no train file on this machine.

Text: the ``sentences[i][1]`` strings, verbatim, joined with one space, or with a newline where the
original character offsets leave a wider gap (a paragraph break) or the previous sentence does not
end in sentence-final punctuation (a headline). ``doc.text`` is not used: it glues sentences
together. Each trigger's character span is recomputed from its tokens' offsets relative to the
first token of its own sentence, so ``anchor`` is the verbatim trigger.

Type mapping (KAIROS → contract; ``[A, B]`` = either type is accepted):

=========================================================  ====================================
Conflict.Attack.*                                          ASSAULT (an attack)
Life.Die.*, Life.Injure.*                                  ASSAULT casualty, merged per sentence
ArtifactExistence.DamageDestroy…Damage / Destroy           ASSAULT casualty, never agentive
Justice.ArrestJailDetain.*                                 COERCE (arrest); hostage-taking,
                                                           kidnap, capture, seize: [ASSAULT, COERCE]
Contact.ThreatenCoerce.*                                   [THREATEN, COERCE]
Contact.RequestCommand.*                                   REQUEST; "ban"/"forbid"/"prohibit":
                                                           [REQUEST, COERCE]
Conflict.Demonstrate.*                                     PROTEST
Control.ImpedeInterfereWith.*                              [COERCE, ASSAULT], optional
Justice.ChargeIndict.*                                     COERCE (PLOVER "charge with legal
                                                           action"), optional
everything else (Contact.Contact.* incl. Meet, Movement,   no event: Contact.Contact.Meet is mostly
Transaction, Justice trial/convict/sentence/release,       face-to-face speech ("said", "asked" in
Disaster, Medical, Cognitive, Personnel, GenericCrime)     court), not PLOVER CONSULT
=========================================================  ====================================

An attack trigger that is a back-reference to an incident already mentioned ("the explosion", "the
IRA's bombing", "those") is optional: proxywatch reports an incident once, not at every mention.
Die / Injure / Damage events merge into the nearest attack of their sentence (contract: one event
per incident). Without an attack they become one ASSAULT per sentence, optional unless a Die or
Injure event has a Killer, Injurer or Instrument.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Mapping, NamedTuple, Sequence

from proxywatch.evaluate.benchmarks._common import (
    Dataset, TextBuilder, anchor_fields, dataset_dir, merge_sentence_assaults, mode_from_instrument, place_name,
)

__all__ = [
    "DATASET", "SCORED_TYPES", "Candidate", "assemble_events", "back_reference", "build_article", "convert",
    "map_event", "trigger_mode",
]

SCORED_TYPES = ["ASSAULT", "COERCE", "PROTEST", "REQUEST", "THREATEN"]

_ABDUCTION = re.compile(r"kidnap|abduct|hostage|captur|seiz|snatch|hijack", re.I)
_BAN = re.compile(r"\b(ban|bann|forbid|forbad|prohibit)", re.I)
_AGENT_ROLES = frozenset({"Killer", "Injurer", "Instrument"})
_INSTRUMENT_ROLES = frozenset({"Instrument", "ExplosiveDevice"})
_DETONATE_MODES = frozenset({"suicide", "missile", "rocket", "artillery", "drone", "aerial"})
_FINAL = re.compile(r"[.!?…][\"”’')\]]*$")


def map_event(event_type: str, trigger: str) -> tuple[str | None, str | list[str] | None, bool]:
    """``(kind, contract type, optional)`` of one KAIROS event; kind is "attack", "casualty" or "other".

    ``(None, None, False)`` when the event has no contract type.
    """
    if event_type.startswith("Conflict.Attack."):
        return "attack", "ASSAULT", False
    if event_type.startswith(("Life.Die.", "Life.Injure.")):
        return "casualty", "ASSAULT", False
    if event_type.startswith("ArtifactExistence.DamageDestroyDisableDismantle.") and \
            event_type.rsplit(".", 1)[1] in ("Damage", "Destroy"):
        return "casualty", "ASSAULT", False
    if event_type.startswith("Justice.ArrestJailDetain."):
        return ("other", ["ASSAULT", "COERCE"], False) if _ABDUCTION.search(trigger) else ("other", "COERCE", False)
    if event_type.startswith("Contact.ThreatenCoerce."):
        return "other", ["THREATEN", "COERCE"], False
    if event_type.startswith("Contact.RequestCommand."):
        return ("other", ["REQUEST", "COERCE"], False) if _BAN.search(trigger) else ("other", "REQUEST", False)
    if event_type.startswith("Conflict.Demonstrate."):
        return "other", "PROTEST", False
    if event_type.startswith("Control.ImpedeInterfereWith."):
        return "other", ["COERCE", "ASSAULT"], True
    if event_type.startswith("Justice.ChargeIndict."):
        return "other", "COERCE", True
    return None, None, False


_TRIGGER_MODES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"suicide", re.I), "suicide"),
    (re.compile(r"air ?strike|air ?raid|warplane", re.I), "aerial"),
    (re.compile(r"\bshell(s|ed|ing)?\b|mortar|artillery", re.I), "artillery"),
    (re.compile(r"bomb|explo|blast|detonat|\bied\b", re.I), "explosives"),
    (re.compile(r"\bshot\b|\bshoot|gunfire|gunned|gunfight|gun battle", re.I), "firearms"),
    (re.compile(r"kidnap|abduct|hostage", re.I), "abduction"),
)


def trigger_mode(trigger: str, lead: str = "", follow: str = "") -> str | None:
    """The ASSAULT mode a trigger word itself states ("bombing", "airstrikes", "shelled", "shot"), or None.

    ``lead`` is the text just before the trigger ("suicide" bombing); ``follow`` the word after it
    ("shot down" an aircraft gives no firearms mode). Generic triggers ("attack", "fighting") give None.
    """
    if re.search(r"suicide", lead, re.I):
        return "suicide"
    for pattern, mode in _TRIGGER_MODES:
        if pattern.search(trigger):
            if mode == "firearms" and follow.lower() == "down":
                return None
            return mode
    return None


def _assault_mode(event_type: str, instruments: Sequence[str], attackers: Sequence[str], lead: str,
                  trigger: str, follow: str) -> str | None:
    """Mode from instrument mentions, else from the trigger word; explosions (DetonateExplode) are
    "explosives" unless the attacker, the instrument or the words before the trigger say suicide
    (or the instrument names a shell, missile, rocket, drone or aircraft)."""
    found = mode_from_instrument(instruments)
    if event_type == "Conflict.Attack.DetonateExplode":
        if any("suicide" in a.lower() for a in [*attackers, lead]):
            return "suicide"
        return found if found in _DETONATE_MODES else "explosives"
    return found or trigger_mode(trigger, lead, follow)


def _places(arguments: Sequence[Mapping[str, Any]]) -> str | list[str] | None:
    names: list[str] = []
    for arg in arguments:
        if arg.get("role") == "Place":
            name = place_name(arg.get("text"))
            if name and name not in names:
                names.append(name)
    if not names:
        return None
    return names[0] if len(names) == 1 else names


_DEFINITE = frozenset("the this that these those its their his her our such".split())
_PHRASE_BREAK = frozenset("to was were is are be been being had has have and or but by in of on at for with from "
                          "after before during since which who when as".split())
_ANAPHORS = frozenset("it this that these those which".split())


def back_reference(before: Sequence[str], trigger: str) -> bool:
    """True for a definite mention such as "the explosion" or "the IRA's bombing", or an anaphor ("those").

    ``before`` are the tokens just before the trigger, in text order; up to four are looked at, stopping
    at punctuation or a function word that ends the noun phrase.
    """
    if trigger.lower() in _ANAPHORS:
        return True
    for token in list(before)[-4:][::-1]:
        low = token.lower()
        if low in _DEFINITE:
            return True
        if low in ("'s", "’s", "'", "’"):
            continue
        if low in _PHRASE_BREAK or not any(ch.isalnum() for ch in low):
            return False
    return False


class Candidate(NamedTuple):
    """A mapped gold event before ASSAULT merging."""

    sentence: int
    kind: str  # "attack", "casualty" or "other"
    agentive: bool  # a casualty with a perpetrator (killer, injurer, agent, instrument)
    token: int  # token position in the document, for "nearest attack"
    start: int  # character start of the anchor
    definite: bool  # back_reference() of the trigger
    event: dict[str, Any]


def assemble_events(candidates: Sequence[Candidate], require_earlier: bool = True) -> list[dict[str, Any]]:
    """Final gold events of one article, in text order.

    An attack that is a back-reference ("the explosion") becomes optional (``back_reference: true``) when
    an earlier ASSAULT trigger exists in the article, or always when ``require_earlier`` is False (a
    window cut from a longer article): proxywatch reports an incident once, not at every mention. Then
    the casualties of each sentence merge into its attacks (:func:`merge_sentence_assaults`).
    """
    assault_starts = [c.start for c in candidates if c.kind != "other"]
    for cand in candidates:
        if cand.kind == "attack" and cand.definite and \
                (not require_earlier or any(s < cand.start for s in assault_starts)):
            cand.event["optional"] = True
            cand.event["back_reference"] = True
    starts = {id(c.event): c.start for c in candidates}
    events = [c.event for c in candidates if c.kind == "other"]
    by_sentence: dict[int, list[Candidate]] = {}
    for cand in candidates:
        if cand.kind != "other":
            by_sentence.setdefault(cand.sentence, []).append(cand)
    for group in by_sentence.values():
        events += merge_sentence_assaults([(c.kind, c.agentive, c.token, c.event) for c in group])
    return sorted(events, key=lambda e: starts[id(e)])


def build_article(record: Mapping[str, Any], info: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """One gold article from a WikiEvents document (and its ``_info`` twin, used for instruments)."""
    builder = TextBuilder()
    token_spans: list[tuple[int, int]] = []  # per document token: span in the built text
    sent_of_token: list[int] = []
    previous_end: int | None = None
    for n, (tokens, string) in enumerate(record["sentences"]):
        base, end = tokens[0][1], tokens[-1][2]
        if previous_end is not None:
            builder.add(" " if base - previous_end <= 1 and _FINAL.search(builder.parts[-1]) else "\n")
        at, _ = builder.add(string[: end - base])
        token_spans += [(at + start - base, at + stop - base) for _token, start, stop in tokens]
        sent_of_token += [n] * len(tokens)
        previous_end = end
    text = builder.text()
    words = record["tokens"]

    info_args = {e["id"]: e.get("arguments", []) for e in (info or {}).get("event_mentions", [])}
    candidates: list[Candidate] = []
    for mention in record.get("event_mentions", []):
        trigger, event_type = mention["trigger"], mention["event_type"]
        kind, ctype, optional = map_event(event_type, trigger.get("text", ""))
        if kind is None or ctype is None:
            continue
        start, end = token_spans[trigger["start"]][0], token_spans[trigger["end"] - 1][1]
        event: dict[str, Any] = {**anchor_fields(text, start, end), "type": ctype}
        args = mention.get("arguments", [])
        place = _places(args)
        if place:
            event["location"] = {"name": place}
        if ctype == "ASSAULT":
            both = list(args) + list(info_args.get(mention["id"], []))
            mode = _assault_mode(event_type, [a["text"] for a in both if a.get("role") in _INSTRUMENT_ROLES],
                                 [a["text"] for a in both if a.get("role") == "Attacker"],
                                 " ".join(words[max(0, trigger["start"] - 2): trigger["start"]]),
                                 trigger.get("text", ""), " ".join(words[trigger["end"]: trigger["end"] + 1]))
            if mode:
                event["mode"] = mode
        if optional:
            event["optional"] = True
        event["source_type"] = event_type
        agentive = event_type.startswith("Life.") and any(a.get("role") in _AGENT_ROLES for a in args)
        definite = back_reference(words[max(0, trigger["start"] - 4): trigger["start"]], trigger.get("text", ""))
        candidates.append(Candidate(sent_of_token[trigger["start"]], kind, agentive, trigger["start"], start,
                                    definite, event))
    return {"id": record["doc_id"], "text": text, "scored_types": list(SCORED_TYPES),
            "events": assemble_events(candidates)}


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def convert(data_dir: Path, split: str) -> list[dict[str, Any]]:
    """Gold articles of one split (``dev`` or ``test``)."""
    base = dataset_dir(data_dir, "wikievents")
    records = _read_jsonl(base / f"{split}.jsonl")
    info_path = base / f"{split}_info.jsonl"
    info = {r["doc_id"]: r for r in _read_jsonl(info_path)} if info_path.exists() else {}
    return [build_article(r, info.get(r["doc_id"])) for r in records]


CANNOT_SCORE = (
    "WikiEvents (KAIROS, 20 dev + 20 test documents). Scored: detection of ASSAULT, COERCE, PROTEST, "
    "REQUEST and THREATEN (the scored_types of every article), plus mode and location.name where the gold "
    "gives them. Mapping: Conflict.Attack.* -> ASSAULT. Mode: DetonateExplode is explosives, or suicide / "
    "missile / rocket / artillery / drone / aerial when the Instrument / ExplosiveDevice / Attacker or the "
    "words before the trigger say so; other attacks take the mode of their Instrument, else of the trigger "
    "word itself (bomb/blast -> explosives, airstrike -> aerial, shelling/mortar -> artillery, "
    "shot/shooting/gunfire -> firearms, kidnap -> abduction), else none; _info arguments count too, so an "
    "Instrument 'it' resolved to 'Chinook' gives aerial. Life.Die, Life.Injure and Damage/Destroy are "
    "casualties: merged into the nearest attack of their sentence; without one, a sentence's casualties "
    "become one ASSAULT, optional unless a Die/Injure event has a Killer, Injurer or Instrument. An "
    "attack that is a definite back-reference ('the explosion', 'the IRA's bombing': a determiner up to "
    "4 tokens back, or an anaphor trigger such as 'those') after an earlier ASSAULT trigger in the "
    "document is optional (back_reference: true), since proxywatch reports an incident once. "
    "Justice.ArrestJailDetain -> COERCE (PLOVER arrest), or [ASSAULT, COERCE] for hostage-taking, kidnap, "
    "capture or seize triggers (the contract counts abduction as ASSAULT). Contact.ThreatenCoerce -> "
    "[THREATEN, COERCE]. Contact.RequestCommand -> REQUEST ([REQUEST, COERCE] for ban/forbid/prohibit). "
    "Conflict.Demonstrate -> PROTEST. Control.ImpedeInterfereWith -> optional [COERCE, ASSAULT]; "
    "Justice.ChargeIndict -> optional COERCE. No gold event: Contact.Contact.* including Meet (mostly "
    "speech acts such as 'said' or 'asked' in court, so CONSULT is not scored), Movement, Transaction, "
    "Justice trial/convict/sentence/release/investigate, Disaster, Medical, Cognitive, Personnel, "
    "GenericCrime; the files have no AID, AGREE or SANCTION events. location.name: Place arguments of the "
    "plain file that look like proper names (place_name), several as a list of acceptable names. "
    "Precision is a lower bound for COERCE (KAIROS has no bans, curfews, deportations or seizures of "
    "property) and for REQUEST/THREATEN outside the KAIROS sense. Cannot score: actor and target "
    "(mentions only: no country, kind or sponsors), location.country, date (no Time role), fatalities and "
    "injuries (no counts), aggregate, negated, and status: the set has no modality, so every gold event "
    "counts as 'occurred', including future, hypothetical or generic ones, and the status field accuracy "
    "is not meaningful here. No published date. Text: the verbatim sentence strings joined by a space or "
    "a newline; a KAIROS 'sentence' sometimes holds several real sentences."
)

DATASET = Dataset(
    name="wikievents",
    splits=("dev", "test"),
    level="sentence",
    convert=convert,
    scores=("type", "mode", "location.name"),
    cannot_score=CANNOT_SCORE,
)
