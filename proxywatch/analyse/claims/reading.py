"""Reading claims: an article's sentences → the counts they state, each with its filters and period.

A sentence is read in four steps, each a group of named rules (:mod:`.rules`):

1. **count**: where the sentence states a number of events ("more than 150 attacks", "attacked
   more than 140 times", "have not attacked", "and only two in Syria"); hypothetical counts and
   plain descriptions ("hurt in two drone attacks") are not claims;
2. **period**: the period phrases ("since mid-October", "since the US retaliated"), read by
   :mod:`.periods`; their words are masked before the next step so that "since the attack in
   Jordan" gives no place;
3. the **filters** of each count: the actor, its sponsor, the target, the places, the type and mode;
4. **conjuncts**: "no attacks ... in Iraq and only two in Syria" is two claims, each with its own
   place and number; a later count of the sentence takes the filters it does not state from the
   one before it.

Nothing here touches the store: a period anchored on an event is left *pending* and placed by
:mod:`.anchors`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Iterator

from proxywatch.analyse.claims import periods as pr
from proxywatch.analyse.claims.context import Hit, ReadContext
from proxywatch.analyse.claims.model import Claim, Scope
from proxywatch.analyse.claims.rules import rule
from proxywatch.analyse.claims.words import (BOUNDARY_WORDS, CMP, COUNT_RE, LAUNCH_VERBS, MODAL_RE, MODE_WORDS,
                                             NAME_LIST, NUM, REPORTING_RE, SUFFER_VERBS, EVENT_NOUNS,
                                             event_type, is_month_or_day)
from proxywatch.extract import parse_count
from proxywatch.extract.numbers import approximate as is_approximate
from proxywatch.resolve.kb import KnowledgeBase

__all__ = ["ReadContext", "Hit", "Clause", "PartyReading", "sentences", "find_hits", "read_sentence", "read_text"]


# --- sentences --------------------------------------------------------------------------------------

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr sgt gen lt col capt maj cpl pvt pfc spc st jr sr rep sen gov adm brig no vs etc jan feb mar apr "
    "jun jul aug sep sept oct nov dec inc corp co ltd mt ft est u.s u.k u.n approx".split())
_SENTENCE_END = re.compile(r"([.!?])([\"'”’)\]]*)(\s+)(?=[\"“‘(\[]?[A-Z0-9])")


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs: split at sentence-final punctuation before a capital, and at line breaks.

    A full stop after a known abbreviation ("Sgt.", "U.S.", "Oct.") or an initial does not end a sentence.
    """
    out: list[tuple[int, str]] = []
    for block in re.finditer(r"[^\n]+", text):
        start, chunk = block.start(), block.group(0)
        cut = 0
        for m in _SENTENCE_END.finditer(chunk):
            before = re.search(r"([\w.]+)$", chunk[cut:m.start(1)])
            word = before.group(1).lower() if before else ""
            if m.group(1) == "." and (word in _ABBREVIATIONS or re.fullmatch(r"[a-z]", word)
                                      or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word)):
                continue
            end = m.end(2)
            piece = chunk[cut:end]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                out.append((start + cut + lead, piece.strip()))
            cut = m.end(3)
        piece = chunk[cut:]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((start + cut + lead, piece.strip()))
    return out


# --- counts -----------------------------------------------------------------------------------------

_NOUNS = "|".join(sorted(EVENT_NOUNS, key=len, reverse=True))
_MOD_STOP = BOUNDARY_WORDS | frozenset(
    "the a an of were was is are be been have has had their its his her them they people soldiers troops".split())
_NOUN_HIT = re.compile(
    rf"\b(?:{COUNT_RE})\s+(?:of\s+(?:the\s+|these\s+|those\s+)?)?(?P<mods>(?:[\w'’-]+\s+){{0,5}}?)(?P<noun>{_NOUNS})\b",
    re.IGNORECASE)
_TIMES_HIT = re.compile(rf"\b(?:(?:{COUNT_RE})\s+(?:separate\s+|different\s+)?(?P<noun>times|occasions)"
                        rf"|(?:(?P<cmp2>{CMP})\s+)?(?P<adverb>once|twice|thrice))\b", re.IGNORECASE)
_ADVERB_COUNTS = {"once": "one", "twice": "two", "thrice": "three"}
_EVENT_VERB = (r"attacked|targeted|struck|hit|shelled|bombed|raided|ambushed|fired\s+(?:up)?on|"
               r"come\s+under\s+(?:attack|fire)|came\s+under\s+(?:attack|fire)|protested")
_VERB_BEFORE = re.compile(
    rf"\b(?P<aux>(?:(?:have|has|had)\s+)?(?:(?:now|also|already|reportedly|since|been)\s+)*(?:been\s+|were\s+|was\s+)?)"
    rf"(?P<verb>{_EVENT_VERB})\b", re.IGNORECASE)
_NEG_HIT = re.compile(
    rf"\b(?:have|has|had|did|do|does)\s*(?:not|n['’]t|never)\s+(?:(?:yet|since|once|again|even|so\s+far)\s+)?"
    rf"(?:(?P<passive>been\s+)?(?P<verb>{_EVENT_VERB}|attack|target|strike|hit|shell|bomb|raid|ambush|protest)\b"
    rf"|(?:carried\s+out|carry\s+out|launched|launch|mounted|mount|conducted|conduct|staged|stage|claimed|claim)\s+"
    rf"(?:a\s+single\s+|any\s+|one\s+|a\s+)?(?P<mods>(?:[\w'’-]+\s+){{0,3}}?)(?P<noun>{_NOUNS})\b)",
    re.IGNORECASE)


_NOT_HEAD = re.compile(r"\s+(?:drones?|aircraft|helicopters?|boats?|craft|missiles?|weapons?|jets?|planes?|ships?|"
                       r"vessels?|submarines?|dogs?|units?|squadrons?|teams?|groups?|forces?|capabilit\w+|packages?|"
                       r"plans?|options?|targets?)\b", re.IGNORECASE)


@rule("count-partitive", "count", "'four of the attacks', 'at least five of the attacks' count part of a set told "
      "elsewhere, with its filters there: not a claim on its own.",
      "At least five of the attacks on US forces came after the strikes of 27 October.", [])
def partitive(words: str) -> bool:
    return re.search(r"(?i)\bof\s+(?:the|these|those)\s+", words) is not None


def _bounds(cmp: str | None, num: str | None, neg: str | None) -> tuple[int, int | None, bool] | None:
    """(min, max, approximate) of a count phrase; an estimate ("about 66") is read as ±10% (count-approximate)."""
    if neg:
        return 0, 0, False
    words = " ".join(f"{cmp or ''} {num or ''}".lower().split())
    words = re.sub(r"^(?:only|just|a total of|exactly|a further|another|an additional)\s+", "", words)
    words = re.sub(r"^(?:well|far|many)\s+", "", words)
    if re.fullmatch(r"a series of", words):
        return 2, None, False
    count = parse_count(words)
    if count is None:
        return None
    if is_approximate(words) and count.max is not None and count.min == count.max:
        return approximate_bounds(count.min) + (True,)
    return count.min, count.max, False


@rule("count-approximate", "count", "An estimate ('about 66', 'some 200', 'roughly a dozen') is read as the number "
      "give or take 10% (at least 1 either side), rounded outwards.",
      "US forces have been attacked about 66 times since 17 October.", {"min": 59, "max": 73})
def approximate_bounds(n: int) -> tuple[int, int]:
    margin = max(1, math.ceil(n * 0.1))
    return max(0, n - margin), n + margin


def _hit(m: re.Match[str], form: str, rule_id: str, word: str, word_start: int, mods: str = "") -> Hit | None:
    bounds = _bounds(m.group("cmp"), m.group("num"), m.group("neg"))
    if bounds is None:
        return None
    low, high, approx = bounds
    count_start = min(i for i in (m.start("cmp"), m.start("num"), m.start("neg")) if i >= 0)
    text = m.string[count_start:m.end("num") if m.group("num") else m.end("neg")]
    return Hit(form, count_start, m.end(), text, low, high, approx, word, word_start, mods.strip(), rule_id)


@rule("count-noun", "count", "A count before an event noun is a claim: 'more than 150 attacks', 'no attacks', "
      "'not a single attack', 'only two drone strikes'.",
      "Iran-backed militias have launched more than 150 attacks on US forces since October.",
      {"min": 151, "max": None})
def noun_hits(text: str) -> list[Hit]:
    out = []
    at = 0
    while (m := _NOUN_HIT.search(text, at)) is not None:
        at = m.start() + 1  # a rejected match may hide a count inside it ("one of at least three attacks")
        mods = m.group("mods") or ""
        if any(w.lower() in _MOD_STOP for w in mods.split()) or re.match(r"(?i)one\s+of\b", m.group(0)):
            continue
        if _NOT_HEAD.match(text, m.end()):
            continue  # "two one-way attack drones": the event word names a kind of weapon, not events
        if partitive(m.group(0)):
            continue
        hit = _hit(m, "noun", "count-noun", m.group("noun"), m.start("noun"), mods)
        if hit is not None and not (m.group("neg") and re.match(r"(?i)no\s+(?:longer|more\s+than|fewer)", text[m.start():])):
            out.append(hit)
            at = m.end()
    return out


@rule("count-times", "count", "'N times' (or 'on N occasions') after an event verb counts the events the verb "
      "tells: 'have been attacked at least 23 times', 'attacked US forces more than 140 times'.",
      "Iran-backed groups have attacked US forces in Iraq and Syria more than 140 times since mid-October.",
      {"min": 141, "max": None})
def times_hits(text: str) -> list[Hit]:
    out = []
    for m in _TIMES_HIT.finditer(text):
        verbs = list(_VERB_BEFORE.finditer(text[:m.start()]))
        if not verbs:
            continue
        v = verbs[-1]
        if re.search(r"[;.]", text[v.end():m.start()]):
            continue
        if m.group("adverb"):  # "twice", "only once": a number of times in one word
            bounds = _bounds(m.group("cmp2"), _ADVERB_COUNTS[m.group("adverb").lower()], None)
            if bounds is not None:
                start = m.start("cmp2") if m.group("cmp2") else m.start("adverb")
                out.append(Hit("times", start, m.end(), m.group(0), bounds[0], bounds[1], bounds[2], v.group("verb"),
                               v.start("verb"), "", "count-times"))
            continue
        hit = _hit(m, "times", "count-times", v.group("verb"), v.start("verb"))
        if hit is not None:
            out.append(hit)
    return out


@rule("count-negated-verb", "count", "A negated event verb states a count of none: 'militias have not attacked US "
      "forces since ...', 'US troops have not been targeted', 'have not carried out a single attack'.",
      "Tehran's proxies have not attacked American troops in Iraq since 4 February.", {"min": 0, "max": 0})
def negated_hits(text: str) -> list[Hit]:
    out = []
    for m in _NEG_HIT.finditer(text):
        word = m.group("verb") or m.group("noun")
        start = m.start("verb") if m.group("verb") else m.start("noun")
        out.append(Hit("negated", m.start(), m.end(), m.group(0), 0, 0, False, word, start,
                       (m.group("mods") or "").strip(), "count-negated-verb"))
    return out


_CONJUNCT = re.compile(
    rf"(?:,\s*(?:(?:and|but|while|with|against|compared\s+with|versus|as\s+against)\s+)?"
    rf"|\s+(?:and|but|while|with|against|compared\s+with|versus|as\s+against)\s+)"
    rf"(?:(?P<cmp>{CMP})\s+)?(?:(?P<num>{NUM})|(?P<neg>none|no))\s+"
    rf"(?:(?:separate\s+)?times\s+|(?:such\s+)?(?:{_NOUNS})\s+)?(?:in|inside|across)\s+(?P<places>{NAME_LIST})")


@rule("count-conjunct", "count", "After a count, 'and only two in Syria', ', 14 times in Iraq and nine times in "
      "Syria', 'and none in Syria' are further claims of the same kind, each with its own number and place.",
      "Since 2 February there have been no attacks on US forces in Iraq and only two in Syria.",
      [{"min": 0, "max": 0, "countries": ("IRQ",)}, {"min": 2, "max": 2, "countries": ("SYR",)}])
def conjunct_hits(text: str, main: Hit, stop: int) -> list[Hit]:
    """Conjuncts of ``main`` between its end and ``stop``."""
    out = []
    at = main.end
    while True:
        m = _CONJUNCT.search(text, at, stop)
        if m is None:
            break
        bounds = _bounds(m.group("cmp"), m.group("num"), m.group("neg"))
        places = m.group("places")
        if bounds is None or all(is_month_or_day(w) for w in re.findall(r"[A-Za-z]+", places)):
            at = m.end()
            continue
        low, high, approx = bounds
        start = m.start("cmp") if m.group("cmp") else m.start("num") if m.group("num") else m.start("neg")
        out.append(Hit("conjunct", start, m.end(), text[start:m.end("num") if m.group("num") else m.end("neg")],
                       low, high, approx, main.word, main.word_start, main.mods, "count-conjunct", places))
        at = m.end()
    return out


@rule("count-hypothetical", "count", "A count under a modal, a condition or a threat ('could launch dozens of "
      "attacks', 'if there are more than ten attacks', 'vowed to carry out more attacks') is not a claim.",
      "Militia leaders warned they would launch dozens of attacks on US bases in Syria.", [])
def hypothetical(text: str, hit: Hit, lo: int) -> bool:
    clause = text[lo:hit.start]
    clause = clause[clause.rfind(",") + 1:] if hit.form != "negated" else clause
    return bool(MODAL_RE.search(clause)) or text.rstrip().endswith("?")


@rule("count-description", "count", "A plain number of events with no comparator, no 'times' and no period in the "
      "sentence describes particular events ('hurt in two drone attacks on al-Asad'), it does not count them.",
      "Four soldiers were lightly hurt in two drone attacks on al-Asad air base.", [])
def description(hit: Hit, has_period: bool) -> bool:
    plain = not re.match(rf"(?i){CMP}\s", hit.count_text) and hit.form == "noun" and hit.min > 0
    return plain and not has_period


def find_hits(text: str, masked: str, spans: list[tuple[int, int]]) -> list[Hit]:
    """The main counts of a sentence, in order, without overlaps, hypotheticals and counts inside period phrases."""
    found = negated_hits(masked) + times_hits(masked) + noun_hits(masked)
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[Hit] = []
    for hit in found:
        if any(hit.start < o.end and o.start < hit.end for o in out):
            continue
        if any(s <= hit.start < e for s, e in spans):
            continue  # "since the two strikes": part of a period, not a claim (the period is masked anyway)
        out.append(hit)
    return sorted(out, key=lambda h: h.start)


# --- parties ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PartyReading:
    """A party phrase read for filtering: a named actor, a state, a sponsor, or only a country."""

    text: str
    actor: str | None = None
    kind: str | None = None
    country: str | None = None
    sponsor: str | None = None
    actor_sponsors: tuple[str, ...] = ()
    place: str | None = None  # a site or town named as the party ("al-Asad air base")
    rules: tuple[str, ...] = ()


def _state_code(name: str, kb: KnowledgeBase) -> str | None:
    code = kb.gazetteer.country_code(name.strip(" .,'’s"))
    if code:
        return code
    actor = kb.find_actor(name)
    return actor.country if actor is not None and actor.kind == "state" else None


_STATE = r"(?:the\s+)?(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})"


@rule("sponsor-backed", "sponsor", "'X-backed', 'X-aligned', 'X-sponsored', 'X-funded', 'X-armed' name X as the "
      "sponsor of the actor.", "There have been no Iran-backed attacks on US forces since 2 February.", {"sponsor": "IRN"})
def sponsor_backed(phrase: str, kb: KnowledgeBase) -> tuple[str, str] | None:
    m = re.search(r"\b([A-Z][\w.]*)[\s-](?:backed|aligned|sponsored|supported|funded|armed|allied|linked|affiliated|"
                  r"directed|controlled|trained)\b", phrase)
    code = _state_code(m.group(1), kb) if m else None
    return (code, phrase.replace(m.group(0), " ")) if m and code else None


@rule("sponsor-by", "sponsor", "'backed by X', 'armed and funded by X', 'supported by X' name X as the sponsor.",
      "Militias backed by Tehran have attacked US troops 23 times since 17 October.", {"sponsor": "IRN"})
def sponsor_by(phrase: str, kb: KnowledgeBase) -> tuple[str, str] | None:
    m = re.search(r"\b(?:backed|sponsored|supported|funded|armed|directed|controlled|trained|equipped)"
                  rf"(?:\s+and\s+\w+)?\s+by\s+({_STATE})", phrase)
    code = _state_code(m.group(1), kb) if m else None
    return (code, phrase.replace(m.group(0), " ")) if m and code else None


@rule("sponsor-proxies", "sponsor", "'X's proxies', 'Iranian proxies', 'proxies of X', 'X's allies in Iraq', "
      "'X's proxy network' name X as the sponsor.",
      "Iran's proxies have carried out more than 40 attacks on American troops since mid-October.",
      {"sponsor": "IRN"})
def sponsor_proxies(phrase: str, kb: KnowledgeBase) -> tuple[str, str] | None:
    m = (re.search(r"\b([A-Z][\w.]*)(?:'s|’s)\s+(?:[\w-]+\s+)?(?:prox(?:y|ies)|allies|partners|clients|militias|"
                   r"network|axis)\b", phrase)
         or re.search(r"\b([A-Z][\w]*(?:ian|i))\s+(?:prox(?:y|ies)|clients)\b", phrase)
         or re.search(rf"\b(?:prox(?:y|ies)|clients)\s+of\s+({_STATE})", phrase))
    code = _state_code(m.group(1), kb) if m else None
    return (code, phrase.replace(m.group(1), " ")) if m and code else None


@rule("sponsor-pro", "sponsor", "'pro-Iran' or 'pro-Iranian militias' name Iran as the sponsor.",
      "Pro-Iranian militias have launched at least 40 attacks since October.", {"sponsor": "IRN"})
def sponsor_pro(phrase: str, kb: KnowledgeBase) -> tuple[str, str] | None:
    m = re.search(r"\b[Pp]ro[\s-]([A-Z][\w]*)", phrase)
    code = _state_code(m.group(1), kb) if m else None
    return (code, phrase.replace(m.group(0), " ")) if m and code else None


@rule("sponsor-that-backs", "sponsor", "'militias that Iran backs (arms, funds, supports)' name Iran as the sponsor.",
      "Militias that Iran arms have struck US bases more than 60 times since 17 October.", {"sponsor": "IRN"})
def sponsor_that_backs(phrase: str, kb: KnowledgeBase) -> tuple[str, str] | None:
    m = re.search(rf"\b(?:that|which)\s+({_STATE})\s+(?:backs|supports|arms|funds|sponsors|directs|controls|trains)\b",
                  phrase)
    code = _state_code(m.group(1), kb) if m else None
    return (code, phrase.replace(m.group(0), " ")) if m and code else None


_SPONSOR_RULES = (sponsor_backed, sponsor_by, sponsor_proxies, sponsor_pro, sponsor_that_backs)
_HEAD_KINDS = {"state", "military", "government"}


def read_party(phrase: str, kb: KnowledgeBase, day: str | None = None) -> PartyReading:
    """A party phrase → its sponsor (sponsor rules), a named actor, a state, or a country from a demonym."""
    sponsor, rest, rules = None, phrase, []
    for r in _SPONSOR_RULES:
        found = r(phrase, kb)
        if found:
            sponsor, rest = found
            rules.append(r.id)
            break
    rest = phrase_at(" ".join(rest.split())) or " ".join(rest.split())
    actor = kb.find_actor(rest) if re.search(r"[A-Za-z]{2}", rest) else None
    if actor is not None and actor.country == sponsor and actor.kind == "state":
        actor = None  # "Iranian proxies": Iran is the sponsor, the proxies are not Iran
    if actor is not None:
        return PartyReading(phrase, actor=actor.id, kind=actor.kind, country=actor.country, sponsor=sponsor,
                            actor_sponsors=kb.sponsors(actor, day), rules=tuple(rules))
    for word in re.findall(r"[A-Za-z][\w.'’-]*(?:\s+(?:Arabia|States|Kingdom|Emirates))?", rest):
        code = kb.gazetteer.country_code(word.strip(".'’"))
        if code is None and word.lower().endswith("ns"):
            code = kb.gazetteer.country_code(word[:-1])
        if code and code != sponsor:
            return PartyReading(phrase, kind=None, country=code, sponsor=sponsor, rules=tuple(rules))
    entry = kb.gazetteer.lookup(rest) if rest and rest[0].isupper() or rest.lower().startswith("al-") else None
    if entry is not None and entry.precision not in ("country",):
        host = kb.occupant(entry.name, day)
        return PartyReading(phrase, country=host.country if host else None, sponsor=sponsor, place=entry.name,
                            rules=tuple(rules))
    return PartyReading(phrase, sponsor=sponsor, rules=tuple(rules))


# --- clauses ----------------------------------------------------------------------------------------

@dataclass
class Clause:
    """One main count with the part of its sentence that belongs to it."""

    text: str  # the sentence
    masked: str  # the sentence with its period phrases blanked out
    hit: Hit
    lo: int  # the claim's part of the sentence: [lo, hi)
    hi: int
    own_hi: int  # where its own words end (its first conjunct starts)
    kb: KnowledgeBase
    day: str | None = None
    rules: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def before(self) -> str:
        return self.masked[self.lo:self.hit.start]

    @property
    def after(self) -> str:
        return self.masked[self.hit.end:self.own_hi]


_AUX = re.compile(r"(?:\s+(?:have|has|had|now|also|already|reportedly|since|been|were|was|not|n['’]t|did|do|does|"
                  r"together|between\s+them|so\s+far|yet))+\s*$", re.IGNORECASE)
_LEAD = re.compile(r"^\s*(?:(?:since|after|before|by|according\s+to|in|over|during|so\s+far|all\s+told|in\s+all|"
                   r"in\s+total|overall|altogether|meanwhile|still|yet|however|moreover)\b[^,]*,\s*)+", re.IGNORECASE)


_PHRASE_END = frozenset("have has had were was is are been said says say will would about around roughly approximately "
                        "nearly almost more over well only just exactly fewer less".split())


def phrase_at(text: str) -> str:
    """The party phrase at the start of ``text``: words up to a boundary word or punctuation."""
    words: list[str] = []
    tokens = re.findall(r"[\w.'’-]+|[,;:()\"“”—–]", text)
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if not re.match(r"[\w]", tok) or low in BOUNDARY_WORDS:
            break
        if low in ("and", "or"):
            nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
            if not nxt or re.fullmatch(rf"(?:{NUM})|only|just|none|no|not|there|then|have|has|had|were|was|is|are|"
                                       r"said|says|the|a|an|\d+", nxt):
                break
        if low.strip(".") in _PHRASE_END or re.fullmatch(r"\d[\d,]*", tok):
            break
        words.append(tok)
        if len(words) >= 8:
            break
    return " ".join(words).strip(" .")


def subject_of(before: str) -> str:
    """The subject at the end of ``before`` (the text up to a verb): no leading adverbial or reporting clause."""
    text = _AUX.sub("", before)
    text = text[text.rfind(";") + 1:]
    text = _LEAD.sub("", text)
    reported = REPORTING_RE.match(text)
    if reported:
        text = text[reported.end():]
    text = re.sub(r"^.*\b(?:that|which|who)\s+", "", text) if re.search(r"\b(?:said|says|say)\b", before) else text
    if "," in text:
        tail = text[text.rfind(",") + 1:]
        text = tail if tail.strip() else text
    return " ".join(text.split())


def _apply_party(clause: Clause, reading: PartyReading | None) -> dict:
    if reading is None:
        return {}
    clause.rules.extend(reading.rules)
    out: dict = {}
    if reading.sponsor:
        out["sponsor"] = reading.sponsor
    if reading.actor and reading.kind not in _HEAD_KINDS:
        out["actor"], out["actor_sponsors"] = reading.actor, reading.actor_sponsors
    elif reading.country and not reading.sponsor:
        out["actor_country"] = reading.country
    elif reading.country and reading.kind in _HEAD_KINDS:
        out["actor_country"] = reading.country
    return out


@rule("actor-by", "actor", "'attacks by X' and passive 'attacked ... by X' name the actor X.",
      "There have been more than 60 attacks by Kata'ib Hezbollah on US forces since October.",
      {"actor": "kataib-hezbollah"})
def actor_by(clause: Clause) -> PartyReading | None:
    m = re.match(r"^\s*(?:[\w'’-]+\s+){0,2}?by\s+", clause.after) if clause.hit.form == "noun" else None
    if m is None and clause.hit.form in ("times", "negated"):
        m = re.search(r"\bby\s+", clause.masked[clause.hit.word_start:clause.own_hi])
        if m is not None:
            text = clause.masked[clause.hit.word_start + m.end():clause.own_hi]
            return read_party(phrase_at(text), clause.kb, clause.day) if phrase_at(text) else None
    if m is None:
        return None
    phrase = phrase_at(clause.after[m.end():])
    return read_party(phrase, clause.kb, clause.day) if phrase else None


@rule("actor-modifier", "actor", "A party written before the event noun is its actor: 'no Iran-backed attacks', "
      "'23 Houthi attacks', 'two US strikes'.", "There have been 23 Houthi attacks on merchant ships since 19 November.",
      {"actor": "houthis"})
def actor_modifier(clause: Clause) -> PartyReading | None:
    mods = " ".join(w for w in clause.hit.mods.split() if w.lower() not in MODE_WORDS and w.lower() not in (
        "further", "new", "more", "separate", "reported", "confirmed", "deadly", "major", "such", "militia", "militant"))
    if not mods or not re.search(r"[A-Z]", mods):
        return None
    reading = read_party(mods, clause.kb, clause.day)
    return reading if (reading.sponsor or reading.actor or reading.country) else None


@rule("actor-subject", "actor", "The subject of 'launched / carried out / claimed N attacks', or of an active event "
      "verb ('X have attacked US forces 140 times', 'X have not attacked'), is the actor.",
      "Iran-backed groups have attacked US forces in Iraq and Syria more than 140 times since mid-October.",
      {"sponsor": "IRN", "target_country": "USA"})
def actor_subject(clause: Clause) -> PartyReading | None:
    hit = clause.hit
    if hit.form == "noun":
        m = re.search(rf"\b(?:{LAUNCH_VERBS})\s+(?:(?:a|an|the)\s+)?$", clause.before, re.IGNORECASE)
        before = clause.before[:m.start()] if m else None
    else:
        if _passive(clause):
            return None
        before = clause.masked[clause.lo:hit.word_start]
    if before is None:
        return None
    phrase = subject_of(before)
    return read_party(phrase, clause.kb, clause.day) if phrase else None


def _passive(clause: Clause) -> bool:
    hit = clause.hit
    if hit.form == "negated":
        return bool(re.search(r"\bbeen\s+\w+$|\bcome\s+under", clause.masked[hit.start:hit.end]))
    aux = clause.masked[max(clause.lo, hit.word_start - 30):hit.word_start]
    return bool(re.search(r"\b(?:been|were|was|be)\s+$", aux)) or hit.word.lower().startswith(("come", "came"))


_ACTOR_RULES = (actor_by, actor_modifier, actor_subject)


@rule("target-suffered", "target", "'the attacks that Y endured', 'attacks suffered by Y' and 'Y endured (faced, "
      "suffered, sustained) N attacks' name Y as the target, never a place.",
      "The US endured more than 100 attacks between mid-October and early February.",
      {"target_country": "USA", "countries": ()})
def target_suffered(clause: Clause) -> str | None:
    m = re.match(rf"^\s*(?:that\s+|which\s+)?(?P<p>(?:[\w'’.-]+\s+){{1,6}}?)(?:(?:has|have|had)\s+)?"
                 rf"(?:\w+ly\s+)?(?:{SUFFER_VERBS})\b", clause.after, re.IGNORECASE)
    if m:
        return m.group("p").strip()
    m = re.match(rf"^\s*(?:{SUFFER_VERBS})\s+by\s+", clause.after, re.IGNORECASE)
    if m:
        return phrase_at(clause.after[m.end():]) or None
    m = re.search(rf"\b(?:{SUFFER_VERBS})\s+(?:(?:a|an|the)\s+)?$", clause.before, re.IGNORECASE)
    if m:
        return subject_of(clause.before[:m.start()]) or None
    return None


@rule("target-passive-subject", "target", "The subject of a passive event verb or of 'come under attack' is the "
      "target: 'US forces have been attacked 23 times', 'US troops have not been targeted'.",
      "US and coalition forces have been attacked at least 23 times since 17 October.", {"target_country": "USA"})
def target_passive_subject(clause: Clause) -> str | None:
    if clause.hit.form not in ("times", "negated") or not _passive(clause):
        return None
    start = clause.hit.start if clause.hit.form == "negated" else clause.hit.word_start
    return subject_of(clause.masked[clause.lo:start]) or None


@rule("target-on", "target", "'attacks on / against / targeting Y' name Y as the target, never a place.",
      "Militias have carried out 78 attacks against American troops since mid-October.", {"target_country": "USA"})
def target_on(clause: Clause) -> str | None:
    after = clause.after
    by = re.match(r"^\s*by\s+", after)
    if by:  # "attacks by Kata'ib Hezbollah on US forces": past the actor
        actor = phrase_at(after[by.end():])
        after = after[by.end() + after[by.end():].find(actor) + len(actor):] if actor else after
    m = re.match(r"^\s*(?:[\w'’-]+\s+){0,2}?(?:on|upon|against|targeting|at)\s+", after)
    if m is None or re.match(r"^\s*(?:[\w'’-]+\s+){0,2}?by\s", after[:m.end()]):
        return None
    return phrase_at(after[m.end():]) or None


@rule("target-object", "target", "The object of an active event verb is the target: 'militias have attacked US "
      "forces 140 times', 'have not attacked American troops'.",
      "Tehran's proxies have not attacked American troops in Iraq since 4 February.", {"target_country": "USA"})
def target_object(clause: Clause) -> str | None:
    hit = clause.hit
    if hit.form not in ("times", "negated") or _passive(clause):
        return None
    verb = re.match(rf"(?:{_EVENT_VERB}|attack|target|strike|hit|shell|bomb|raid|ambush)\b",
                    clause.masked[hit.word_start:], re.IGNORECASE)
    if verb is None:
        return None
    return phrase_at(clause.masked[hit.word_start + verb.end():]) or None


_TARGET_RULES = (target_suffered, target_passive_subject, target_on, target_object)


@rule("place-in", "place", "'in / inside / across Iraq and Syria' names where the events happened (any of the places "
      "listed); a town or site is matched by its gazetteer name, a region of a country ('eastern Syria') by the country, "
      "marked broad; 'in' inside a known name ('the Islamic Resistance in Iraq') is not a place.",
      "Militants have attacked US forces in Iraq, Syria and Jordan more than 160 times since October.",
      {"countries": ("IRQ", "SYR", "JOR")})
def place_in(clause: Clause, text: str) -> tuple[list[str], list[str], list[str]]:
    """(countries, places, broad notes) named by 'in ...' phrases in ``text``."""
    countries: list[str] = []
    places: list[str] = []
    broad: list[str] = []
    text = _mask_names(text, clause.kb)
    for m in re.finditer(rf"\b(?:in|inside|across|throughout|within)\s+(?P<list>{NAME_LIST})", text):
        for name in re.split(r"\s*,\s*|\s+(?:and|or)\s+", m.group("list")):
            read = read_place(name, clause.kb)
            if read is None:
                continue
            kind, value, note = read
            (countries if kind == "country" else places).append(value)
            if note:
                broad.append(note)
    return list(dict.fromkeys(countries)), list(dict.fromkeys(places)), broad


def _mask_names(text: str, kb: KnowledgeBase) -> str:
    """The text with actor names that contain a place ("the Islamic Resistance in Iraq") blanked out."""
    pattern = _names_with_places(kb)
    return pattern.sub(lambda m: " " * len(m.group(0)), text) if pattern is not None else text


_NAMES_WITH_PLACES: dict[int, tuple[KnowledgeBase, re.Pattern[str] | None]] = {}


def _names_with_places(kb: KnowledgeBase) -> re.Pattern[str] | None:
    """One pattern of every knowledge-base name with 'in X' or 'of X' in it (kept per knowledge base)."""
    cached = _NAMES_WITH_PLACES.get(id(kb))
    if cached is None or cached[0] is not kb:
        names = sorted({n for a in kb.actors.values() for n in a.names() if re.search(r"\s(?:in|of)\s+[A-Z]", n)},
                       key=len, reverse=True)
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE) if names else None
        cached = _NAMES_WITH_PLACES[id(kb)] = (kb, pattern)
    return cached[1]


def read_place(name: str, kb: KnowledgeBase) -> tuple[str, str, str | None] | None:
    """("country", code, note) or ("place", gazetteer name, None) for a place name; ``None`` if not a place."""
    name = re.sub(r"^the\s+", "", name.strip(" .,"), flags=re.IGNORECASE)
    if not name or is_month_or_day(name.split()[0]) or re.fullmatch(r"\d+", name):
        return None
    direction = re.match(r"(?i)((?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
                         r"(?:ern)?)\s+(.+)", name)
    if direction:
        code = kb.gazetteer.country_code(direction.group(2), demonyms=False)
        if code:
            return "country", code, f"'{name}' counted as all of {code}"
    code = kb.gazetteer.country_code(name, demonyms=False)
    if code:
        return "country", code, None
    entry = kb.gazetteer.lookup(name)
    if entry is None or entry.precision == "country":
        return ("country", entry.country, None) if entry is not None and entry.country else None
    return "place", entry.name, None


@rule("type-event-word", "type", "The event word gives the type: attacks, strikes, raids, bombings, shelling, "
      "killings, abductions are ASSAULT; protests and rallies PROTEST; weapon words before the noun give modes "
      "('drone and rocket attacks').",
      "There have been at least 12 drone and rocket attacks on US bases in Syria since 1 February.",
      {"type": "ASSAULT", "modes": ("drone", "rocket")})
def type_and_modes(clause: Clause) -> tuple[str, tuple[str, ...]]:
    kind = event_type(clause.hit.word.split()[0]) or "ASSAULT"
    modes = [MODE_WORDS[w.lower()] for w in clause.hit.mods.split() if w.lower() in MODE_WORDS]
    if clause.hit.word.lower().startswith("airstrike"):
        modes.append("aerial")
    return kind, tuple(dict.fromkeys(modes))


# --- sentences → claims ---------------------------------------------------------------------------

_TRAIL = re.compile(r",\s*(?:including|according\s+to|most\s+of\s+(?:them|which)|mostly|mainly|which|who|"
                    r"most\s+recently|using|in\s+what|as\s+|after\s|before\s|"
                    r"(?:[\w'’.-]+\s+){0,8}?(?:said|says|told|tells|added|reported|announced))\b|;|\s[—–]\s|\(",
                    re.IGNORECASE)


_CLAUSE_BREAK = re.compile(r";|\s[—–]\s|,\s+(?:(?:and|but|while|whereas)\s+)?(?=[a-z])(?!(?:and|or)\b)")


def _clause_start(text: str, lo: int, at: int) -> int:
    """Where the clause of a count starts: after the last ';', dash or ', <lower-case word>' before it."""
    breaks = list(_CLAUSE_BREAK.finditer(text, lo, at))
    return breaks[-1].end() if breaks else lo


_NEW_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\s+(?!(?:only|just|none|no|not)\b)")
_VERB_AHEAD = re.compile(r"^[^,;.]{0,80}?\b(?:have|has|had|was|were|is|are|came|come|said|says|\w+ed)\b", re.IGNORECASE)


def _region_end(text: str, hit: Hit, stop: int) -> int:
    """Where a count's part of the sentence ends: a trailing clause (', including', ', according to', ', the
    official said'), or ', and' before a new clause with its own verb (not a list, not a conjunct count)."""
    ends = [stop]
    m = _TRAIL.search(text, hit.end, stop)
    if m:
        ends.append(m.start())
    for c in _NEW_CLAUSE.finditer(text, hit.end, stop):
        if not re.match(rf"(?i)(?:{CMP}\s+)?(?:{NUM})\s+(?:times\s+|\w+\s+)?(?:in|inside|across)\b", text[c.end():]) \
                and _VERB_AHEAD.match(text[c.end():]):
            ends.append(c.start())
            break
    return min(ends)


def _scope_fields(clause: Clause) -> dict:
    fields: dict = {}
    for r in _ACTOR_RULES:
        found = _apply_party(clause, r(clause))
        if found:
            clause.rules.append(r.id)
            fields.update(found)
            break
    subject = None
    for r in _TARGET_RULES:
        phrase = r(clause)
        if not phrase:
            continue
        if re.match(r"(?i)(?:its|their)\b", phrase):
            subject = subject or subject_of(clause.before)
            owner = read_party(subject, clause.kb, clause.day) if subject else None
            if owner is not None and owner.country:
                fields["target_country"] = owner.country
                clause.rules += [r.id, "target-possessive"]
                break
            continue
        reading = read_party(phrase, clause.kb, clause.day)
        if reading.country or reading.place:
            clause.rules.append(r.id)
            if reading.country:
                fields["target_country"] = reading.country
            if reading.place:
                fields.setdefault("places", []).append(reading.place)
                clause.rules.append("place-site-target")
            break
        clause.notes.append(f"target '{phrase}' has no country: not filtered")
        break
    return fields


@rule("target-possessive", "target", "'attacks on its forces' takes the country of the subject that 'its' refers to.",
      "The US military has counted 78 attacks on its forces since mid-October.", {"target_country": "USA"})
def _target_possessive_doc(clause: Clause) -> None:  # applied inside _scope_fields; registered for its test row
    return None


@rule("place-site-target", "place", "A target that is a site hosting forces ('attacks on al-Asad air base') gives "
      "the hosts' country as the target and the site as the place.",
      "Al-Asad air base has been attacked more than 20 times since October.",
      {"target_country": "USA", "places": ("Ain al-Asad Air Base",)})
def _place_site_target_doc(clause: Clause) -> None:  # applied inside _scope_fields; registered for its test row
    return None


@rule("conjunct-inherits", "count", "A later count in the same sentence takes the filters and period it does not "
      "state from the count before it ('... on US forces in Iraq and no attacks in Syria').",
      "Since 2 February there have been no attacks on US forces in Iraq, and militias have staged no attacks in Syria.",
      [{"countries": ("IRQ",), "target_country": "USA"}, {"countries": ("SYR",), "target_country": "USA"}])
def inherit(previous: dict, current: dict) -> dict:
    merged = {k: v for k, v in previous.items() if k not in ("countries", "places", "broad")}
    merged.update({k: v for k, v in current.items() if v})
    if not current.get("countries") and not current.get("places"):
        merged["countries"], merged["places"] = previous.get("countries", []), previous.get("places", [])
    return merged


def read_sentence(text: str, ctx: ReadContext, offset: int = 0) -> list[Claim]:
    """The claims one sentence states, in order (anchored periods still pending)."""
    periods = pr.find_periods(text, ctx)
    spans = [(p.start, p.end) for p in periods]
    masked = pr.mask(text, spans)
    hits = find_hits(text, masked, spans)
    claims: list[Claim] = []
    previous: dict | None = None
    lo = 0
    mains: list[tuple[Hit, list[Hit]]] = []
    for hit in hits:  # a count that continues the one before ("..., 14 times in Iraq") is its conjunct
        if mains and any(c.start <= hit.start < c.end for c in mains[-1][1]):
            continue
        mains.append((hit, conjunct_hits(masked, hit, _region_end(masked, hit, len(text)))))
    for n, (hit, conjuncts) in enumerate(mains):
        stop = mains[n + 1][0].start if n + 1 < len(mains) else len(text)
        lo = _clause_start(masked, lo, hit.start)
        if hypothetical(masked, hit, lo):
            lo = hit.end
            continue
        hi = _region_end(masked, hit, stop)
        conjuncts = [c for c in conjuncts if c.end <= hi]
        own_hi = conjuncts[0].start if conjuncts else hi
        has_period = bool(periods)
        if description(hit, has_period):
            lo = hit.end
            continue
        clause = Clause(text, masked, hit, lo, hi, own_hi, ctx.kb, ctx.day, [hit.rule])
        fields = _scope_fields(clause)
        kind, modes = type_and_modes(clause)
        clause.rules.append("type-event-word")
        countries, places, broad = place_in(clause, masked[lo:own_hi])
        if countries or places:
            clause.rules.append("place-in")
        fields.update({"type": kind, "modes": list(modes), "countries": countries,
                       "places": fields.get("places", []) + places, "broad": broad})
        if previous is not None and n > 0:
            fields = inherit(previous, fields)
            clause.rules.append("conjunct-inherits")
        period = pr.period_for(periods, hit, lo, hi)
        if period is None and previous is not None:
            period = previous.get("period")
        fields["period"] = period
        claims.append(_claim(ctx, text, offset, hit, fields, clause, text[hit.start:own_hi]))
        for c_hit in conjuncts:
            c_countries, c_places, c_broad = place_in(clause, "in " + c_hit.place_text)
            c_fields = {**fields, "countries": c_countries, "places": c_places, "broad": c_broad}
            c_clause = replace(clause, hit=c_hit, rules=[*clause.rules, "count-conjunct", "place-in"])
            claims.append(_claim(ctx, text, offset, c_hit, c_fields, c_clause, text[c_hit.start:c_hit.end]))
        previous = fields
        lo = hit.end
    return claims


def _claim(ctx: ReadContext, text: str, offset: int, hit: Hit, fields: dict, clause: Clause, focus: str) -> Claim:
    scope = Scope(type=fields["type"], actor=fields.get("actor"), actor_country=fields.get("actor_country"),
                  sponsor=fields.get("sponsor"), actor_sponsors=tuple(fields.get("actor_sponsors") or ()),
                  target_country=fields.get("target_country"), countries=tuple(fields.get("countries") or ()),
                  places=tuple(dict.fromkeys(fields.get("places") or ())), modes=tuple(fields.get("modes") or ()))
    window, rules = pr.window_of(fields.get("period"), ctx)
    return Claim(
        id=f"{ctx.article_id}:{offset}:{hit.start}", article_id=ctx.article_id, text=text,
        focus=re.sub(r"(?:\s+(?:and|but|while|or))+$", "", " ".join(focus.split()).strip(" ,.;")).strip(" ,"), kind="negated" if hit.max == 0 else "aggregate",
        scope=scope, window=window, min=hit.min, max=hit.max, approximate=hit.approximate,
        broad=() if scope.places else tuple(fields.get("broad") or ()),  # a named site already narrows it
        notes=tuple(dict.fromkeys(clause.notes)),
        rules=tuple(dict.fromkeys([*clause.rules, *(["count-approximate"] if hit.approximate else []), *rules])),
        offset=offset, pending=pr.pending_of(fields.get("period"), ctx),
    )


def read_text(text: str, ctx: ReadContext) -> Iterator[Claim]:
    """Every claim of an article's text, sentence by sentence; dates stated earlier feed 'since then'."""
    seen: list[str] = list(ctx.previous_dates)
    for offset, sentence in sentences(text):
        here = replace(ctx, previous_dates=tuple(seen))
        yield from read_sentence(sentence, here, offset)
        seen += pr.dates_in(sentence, ctx)
