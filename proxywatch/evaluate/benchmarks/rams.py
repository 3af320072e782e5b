"""RAMS 1.0 (AIDA ontology): one annotated event per 3-5 sentence window of a news article.

Splits: ``dev`` = dev.jsonlines, ``test`` = test.jsonlines (reporting only); no train file here.

An article is one window (``doc_key``); its text is the tokens, detokenised by simple rules (no space
before closing punctuation and clitics, none after opening brackets and quotes), sentences joined by
a space. Only the single annotated trigger is gold, and every other event in the window is
unlabelled, so ``scored_types`` is just the type(s) the annotated event accepts: a prediction of
that type elsewhere in the window still counts as a false positive, so precision is a lower bound.
Windows whose event has no contract type, or only an optional one, get ``scored_types: []``.

Type mapping (AIDA → contract; ``[A, B]`` = either type is accepted):

=================================================================  ===========================================
conflict.attack.* (not stealrobhijack)                             ASSAULT; mode: bombing explosives,
                                                                   firearmattack firearms, stabbing / hanging /
                                                                   strangling / setfire / biologicalchemical…
                                                                   other, else Instrument, else trigger word
conflict.attack.stealrobhijack                                     optional ASSAULT
life.die.deathcausedbyviolentevents, life.injure.injurycausedby…   ASSAULT
life.die.n/a, life.injure.n/a                                      ASSAULT with a killer / injurer / instrument,
                                                                   else optional
justice.arrestjaildetain.*, movement.*.prevententry / preventexit  COERCE; capture/seize/kidnap/hostage
                                                                   triggers: [ASSAULT, COERCE]
justice.initiatejudicialprocess.chargeindict, …extradite           optional COERCE
contact.threatencoerce.*                                           [THREATEN, COERCE]
contact.requestadvise.*, contact.commandorder.*                    REQUEST
contact.discussion.*, contact.negotiate.*                          CONSULT
government.agreements.acceptagreementcontractceasefire             AGREE
government.agreements.rejectnullifyagreementcontractceasefire      REJECT
transaction.*.giftgrantprovideaid, …grantentryasylum               AID
transaction.*.embargosanction                                      [SANCTION, COERCE]
conflict.yield.*                                                   RETREAT (PLOVER: retreat or surrender)
conflict.demonstrate.*                                             PROTEST
=================================================================  ===========================================

Anything else (other contact, disaster, government, inspection, judicial, life, manufacture,
movement, personnel and transaction types, damagedestroy) has no contract type.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Mapping, Sequence

from proxywatch.evaluate.benchmarks._common import (
    Dataset, TextBuilder, anchor_fields, dataset_dir, mode_from_instrument, place_name,
)
from proxywatch.evaluate.benchmarks.wikievents import Candidate, assemble_events, back_reference, trigger_mode

__all__ = ["DATASET", "detokenize", "map_event", "build_article", "convert"]

_ABDUCTION = re.compile(r"kidnap|abduct|hostage|captur|seiz|snatch|hijack", re.I)
_SUBTYPE_MODES = {
    "bombing": "explosives", "firearmattack": "firearms", "stabbing": "other", "hanging": "other",
    "strangling": "other", "setfire": "other", "biologicalchemicalpoisonattack": "other",
}
_AIR_MODES = frozenset({"aerial", "missile", "drone", "rocket"})
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])/")

_NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "?", "!", "%", ")", "]", "}", "...", "…", "”", "’", "»",
                              "'s", "’s", "n't", "n’t", "'re", "’re", "'ve", "’ve", "'m", "’m", "'d", "’d",
                              "'ll", "’ll"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "#", "“", "‘", "«", "£"})


def _opens(tokens: Sequence[str], i: int) -> bool:
    """Whether the straight double quote at ``i`` opens a quotation, judged from its neighbours.

    It closes before punctuation or the end, and after sentence-final punctuation; after a comma or
    colon it opens only before a capital or digit ('said, "We' but '," he said'); otherwise it opens.
    """
    before = tokens[i - 1] if i else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    if not after[:1].isalnum():
        return False
    if before in (".", "!", "?", "...", "…"):
        return False
    if before in (",", ":", ";"):
        return after[0].isupper() or after[0].isdigit()
    return True


def detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Readable text from PTB-style tokens, and each token's character span in it.

    No space before closing punctuation and clitics ("do n't" -> "don't"), none after opening
    brackets and quotes; a straight double quote opens or closes by its neighbours. Hyphens and lone
    apostrophes keep their spaces (ambiguous).
    """
    builder = TextBuilder()
    spans: list[tuple[int, int]] = []
    glue_next = True
    for i, token in enumerate(tokens):
        glue = glue_next or token in _NO_SPACE_BEFORE
        glue_next = token in _NO_SPACE_AFTER
        if token == '"':
            if _opens(tokens, i):
                glue_next = True
            else:
                glue = True
        if not glue:
            builder.add(" ")
        spans.append(builder.add(token))
    return builder.text(), spans


def map_event(event_type: str, trigger: str) -> tuple[str | None, str | list[str] | None, bool]:
    """``(kind, contract type, optional)``; kind is "attack", "casualty", "other" or None (no event)."""
    top, sub, leaf = (event_type.split(".") + ["", ""])[:3]
    if top == "conflict" and sub == "attack":
        return ("attack", "ASSAULT", True) if leaf == "stealrobhijack" else ("attack", "ASSAULT", False)
    if top == "life" and sub in ("die", "injure"):
        if leaf in ("deathcausedbyviolentevents", "injurycausedbyviolentevents"):
            return "casualty", "ASSAULT", False
        return ("casualty", "ASSAULT", False) if leaf == "n/a" else (None, None, False)
    arrest = top == "justice" and sub == "arrestjaildetain"
    if arrest or (top == "movement" and leaf in ("prevententry", "preventexit")):
        return ("other", ["ASSAULT", "COERCE"], False) if _ABDUCTION.search(trigger) else ("other", "COERCE", False)
    if top == "justice" and leaf in ("chargeindict", "extradite"):
        return "other", "COERCE", True
    if top == "contact":
        if sub == "threatencoerce":
            return "other", ["THREATEN", "COERCE"], False
        if sub in ("requestadvise", "commandorder"):
            return "other", "REQUEST", False
        if sub in ("discussion", "negotiate"):
            return "other", "CONSULT", False
    if top == "government" and sub == "agreements":
        if leaf == "acceptagreementcontractceasefire":
            return "other", "AGREE", False
        if leaf == "rejectnullifyagreementcontractceasefire":
            return "other", "REJECT", False
    if leaf in ("giftgrantprovideaid", "grantentryasylum") and top in ("transaction", "movement"):
        return "other", "AID", False
    if top == "transaction" and leaf == "embargosanction":
        return "other", ["SANCTION", "COERCE"], False
    if top == "conflict" and sub == "yield":
        return "other", "RETREAT", False
    if top == "conflict" and sub == "demonstrate":
        return "other", "PROTEST", False
    return None, None, False


def _assault_mode(leaf: str, instruments: Sequence[str], trigger: str, lead: str, follow: str) -> str | None:
    if leaf in _SUBTYPE_MODES:
        if leaf == "bombing" and "suicide" in " ".join([lead, trigger, *instruments]).lower():
            return "suicide"
        return _SUBTYPE_MODES[leaf]
    found = mode_from_instrument(instruments)
    if leaf == "airstrikemissilestrike":
        return found if found in _AIR_MODES else None  # aerial, missile or drone: ambiguous without more
    return found or trigger_mode(trigger, lead, follow)


def build_article(record: Mapping[str, Any]) -> dict[str, Any]:
    """One gold article (the window) from a RAMS example."""
    tokens = [token for sentence in record["sentences"] for token in sentence]
    text, spans = detokenize(tokens)
    sentence_of: list[int] = []
    for n, sentence in enumerate(record["sentences"]):
        sentence_of += [n] * len(sentence)
    article: dict[str, Any] = {"id": record["doc_key"], "text": text}
    date = _URL_DATE.search(record.get("source_url") or "")
    if date:
        article["published"] = "-".join(date.groups())

    candidates: list[Candidate] = []
    for first, last, labels in record["evt_triggers"]:
        event_type = labels[0][0]
        trigger = " ".join(tokens[first:last + 1])
        kind, ctype, optional = map_event(event_type, trigger)
        if kind is None or ctype is None:
            continue
        links = [(role.split("arg", 1)[1][2:], arg) for (trig, arg, role) in record.get("gold_evt_links", [])
                 if list(trig) == [first, last]]
        roles = {role: [text[spans[a][0]:spans[b][1]] for r, (a, b) in links if r == role] for role, _ in links}
        event: dict[str, Any] = {**anchor_fields(text, spans[first][0], spans[last][1]), "type": ctype}
        places = [name for name in (place_name(m) for m in roles.get("place", [])) if name]
        if places:
            event["location"] = {"name": places[0] if len(places) == 1 else places}
        if ctype == "ASSAULT":
            mode = _assault_mode(event_type.split(".")[-1], roles.get("instrument", []), trigger,
                                 " ".join(tokens[max(0, first - 2):first]), " ".join(tokens[last + 1:last + 2]))
            if mode:
                event["mode"] = mode
        if optional:
            event["optional"] = True
        event["source_type"] = event_type
        violent = event_type.split(".")[-1].endswith("causedbyviolentevents")
        agentive = violent or any(r in roles for r in ("killer", "injurer", "instrument"))
        candidates.append(Candidate(sentence_of[first], kind, agentive, first, spans[first][0],
                                    back_reference(tokens[max(0, first - 4):first], trigger), event))
    events = assemble_events(candidates, require_earlier=False)
    scored: list[str] = []
    for event in events:
        if not event.get("optional"):
            for accepted in event["type"] if isinstance(event["type"], list) else [event["type"]]:
                if accepted not in scored:
                    scored.append(accepted)
    article["scored_types"] = scored
    article["events"] = events
    return article


def convert(data_dir: Path, split: str) -> list[dict[str, Any]]:
    """Gold articles (windows) of one split (``dev`` or ``test``), in file order."""
    path = dataset_dir(data_dir, "rams") / f"{split}.jsonlines"
    with open(path, encoding="utf-8") as handle:
        return [build_article(json.loads(line)) for line in handle if line.strip()]


CANNOT_SCORE = (
    "RAMS 1.0 (AIDA ontology): each article is one 3-5 sentence window with exactly one annotated "
    "trigger; every other event in the window is unlabelled. So scored_types is only the type(s) the "
    "annotated event accepts (empty when it has no contract type or is optional): recall is meaningful, "
    "precision is a lower bound (another real event of the same type in the window counts as a false "
    "positive). Scored: detection of the mapped types, mode and location.name where given. Mapping: "
    "conflict.attack.* -> ASSAULT (bombing explosives or suicide, firearmattack firearms, stabbing / "
    "hanging / strangling / setfire / biologicalchemicalpoisonattack other, airstrikemissilestrike only "
    "from an aerial/missile/drone/rocket instrument, others from the instrument, else the trigger word); "
    "stealrobhijack optional ASSAULT. life.die / life.injure *causedbyviolentevents -> ASSAULT; their "
    "n/a subtypes -> ASSAULT when a killer, injurer or instrument is linked, else optional; nonviolent "
    "deaths and illness -> nothing. A definite back-reference attack trigger ('the attack', 'the "
    "bombing') is optional (back_reference: true): the window is cut from a longer article, and "
    "proxywatch reports an incident once. justice.arrestjaildetain.* and movement.*.prevententry / "
    "preventexit -> COERCE, or [ASSAULT, COERCE] for capture/seize/kidnap/hostage triggers; chargeindict "
    "and extradite -> optional COERCE. contact.threatencoerce -> [THREATEN, COERCE]. requestadvise and "
    "commandorder -> REQUEST. discussion and negotiate -> CONSULT (these include interviews and TV "
    "debates). government.agreements accept -> AGREE, rejectnullify -> REJECT (n/a and violate: "
    "nothing). giftgrantprovideaid and grantentryasylum -> AID. embargosanction -> [SANCTION, COERCE] "
    "(CAMEO2PLOVER puts embargoes under COERCE restrict). conflict.yield.* -> RETREAT (PLOVER: retreat "
    "or surrender militarily). conflict.demonstrate.* -> PROTEST. No contract type: contact "
    "commitmentpromiseexpressintent / prevarication / collaborate / statements, damagedestroy, disaster, "
    "government, inspection, other justice, manufacture, other movement, personnel and transaction "
    "types (their windows have scored_types []). location.name: place arguments that look like proper "
    "names (they may lie in another sentence of the window). Cannot score: actor and target (no "
    "country, kind or sponsors), location.country, date, fatalities, injuries, aggregate, negated, and "
    "status: there is no modality, so generic, future, conditional and negated mentions all count as "
    "'occurred' and the status field accuracy is not meaningful here. Text is detokenised from PTB "
    "tokens ('do n't' -> 'don't'); published is the /YYYY/MM/DD/ date of the source URL when it has one."
)

DATASET = Dataset(
    name="rams",
    splits=("dev", "test"),
    level="sentence",
    convert=convert,
    scores=("type", "mode", "location.name"),
    cannot_score=CANNOT_SCORE,
)
