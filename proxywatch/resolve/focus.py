"""Article focus: the places and countries an article is about, ranked, and its one focus country when
there clearly is one.

:func:`article_focus` reads the headline, the dateline, the lead and the rest of the body (from a
:class:`~proxywatch.ingest.layout.Layout`), finds place names with the knowledge base's gazetteer (curated
places and country names anywhere; cities and divisions only right after a locative word), and weighs every
mention by **where** it stands and **how** it is used:

- where (:data:`SOURCE_WEIGHT`): headline 3, a dateline that counts 3, the lead 2, the rest of the body 1;
  text in non-body regions (captions, boilerplate, procedural talk …) is not read;
- how (:data:`ROLE_WEIGHT`): ``place`` 1 after a locative word ("in Syria", "near Aleppo", "from Yemen",
  "targets in Israel") or after the place it qualifies ("Darfur, Sudan"); ``near`` 0.5 after "to", "on" or
  "of" ("deployed to Israel", "the people of Gaza"); ``bare`` 0.25 as a subject or possessive ("Iran
  launched", "Israel's cabinet"); ``demonym`` 0.1 ("Iranian"); ``modifier`` 0 inside a name or compound
  ("Israel Defense Forces", "Middle East", "Secretary Austin", "U.S.-owned", "Iran-backed", "U.S. forces",
  a ship such as "USS Philippine Sea").

**The dateline** (:data:`DATELINE_RULES`). A dateline is where the story was filed. A newsroom dateline
(:data:`NEWSROOMS`: Washington, the Pentagon, Tampa …) counts as a place of the story only when the
headline or lead names another place in its country after a locative word; any other dateline counts
when the headline or lead names its country as a place, or names no place at all. A dateline that does
not count adds nothing and is kept as ``written_at``: "TAMPA, Fla. –" over a story about strikes in Yemen
does not make the United States its focus.

**The focus country** (:data:`CHECKS`). Seas and other places with no country form one more competitor
("sea"). The leading country is the focus unless a check objects, in this order: no place is named; the
sea leads; its score is below :data:`MIN_SCORE`; it has less than :data:`MIN_SHARE` of all weight; less
than :data:`MIN_MARGIN` times the next competitor; it is not named as a place (role weight >= 0.5) in the
headline, a counted dateline or the lead; it is named in less than :data:`MIN_COVER` of the paragraphs
that place something ("in", "near", "from" …; a briefing that moves from Israel to Niger); the headline
names countries but not it; the headline names several countries, none of them as a place ("Israel and
Lebanese Hezbollah …").
``reason`` names the check that objected. ``confidence`` is the focus country's share of all weight.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Iterator

import pycountry

from proxywatch.ingest.layout import Layout
from proxywatch.resolve.gazetteer import COUNTRY_NAMES, PARTY_WORDS, country_name
from proxywatch.resolve.kb import KnowledgeBase
from proxywatch.resolve.names import normalize, strip_article

__all__ = ["SOURCE_WEIGHT", "ROLE_WEIGHT", "NEWSROOMS", "SEATS", "MIN_SCORE", "MIN_SHARE", "MIN_MARGIN", "MIN_COVER",
           "CHECKS", "Check", "check", "DATELINE_RULES", "DatelineRule", "PlaceMention", "FocusPlace", "FocusCountry",
           "Focus", "article_focus",
           "place_mentions"]

SOURCE_WEIGHT = {"headline": 3.0, "dateline": 3.0, "lead": 2.0, "body": 1.0}
ROLE_WEIGHT = {"place": 1.0, "near": 0.5, "bare": 0.25, "demonym": 0.1, "modifier": 0.0}
MIN_SCORE = 2.0
MIN_SHARE = 0.6
MIN_MARGIN = 2.0
MIN_COVER = 0.75
MAX_LOOKUPS = 400  # gazetteer look-ups of city and division names an article may spend (hostile input)
SEA = "sea"  # the competitor that stands for places with no country (seas, straits)

# Seats of government named by their building, which the gazetteer does not hold (normalized name -> country).
SEATS = {"pentagon": "USA", "white house": "USA", "capitol": "USA", "capitol hill": "USA", "kremlin": "RUS",
         "downing street": "GBR", "elysee": "FRA", "elysee palace": "FRA", "knesset": "ISR"}
# Where press releases and wire copy are filed rather than where their events happen (normalized names).
NEWSROOMS = frozenset({"washington", "washington dc", "washington d c", "pentagon", "the pentagon", "tampa",
                       "macdill air force base", "arlington", "stuttgart", "honolulu", "camp h m smith", "doral",
                       "united nations", "new york", "brussels", "state department"})
_US_STATES = frozenset(
    "ala alaska ariz ark calif colo conn del fla ga hawaii idaho ill ind iowa kan kans ky la maine md mass mich minn "
    "miss mo mont neb nev n h n j n m n y n c n d ohio okla ore pa r i s c s d tenn tex utah vt va wash w va wis wyo "
    "d c dc alabama arizona arkansas california colorado connecticut delaware florida georgia illinois indiana "
    "kansas kentucky louisiana maryland massachusetts michigan minnesota mississippi missouri montana nebraska "
    "nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia wisconsin wyoming".split())

_LOCATIVE = frozenset("in at near into inside across throughout from toward towards over off outside within around "
                      "against onto along beyond amid".split())
_HALF = frozenset(("to", "on", "of"))  # "deployed to Israel", "people of Gaza"; but "sanctions on Iran", "defense of Israel"
_SKIP_BACK = frozenset("the a an eastern western northern southern central northeastern northwestern southeastern "
                       "southwestern north south east west both and or , upper lower greater occupied "
                       "neighboring neighbouring coastal rural".split())
_SHIP_PREFIXES = frozenset(("USS", "USNS", "HMS", "M/V", "MV", "M/T", "MT", "INS", "HMCS", "FS", "ITS", "HNLMS"))
_COMPOUND_TAILS = frozenset("flagged owned operated registered based backed aligned supported led affiliated "
                            "designated made sponsored funded allied bound controlled held".split())
_CONNECTORS = frozenset(("of", "al", "el", "the", "de", "bin", "ibn", "and"))
_NOT_FIRST = _CONNECTORS - {"al", "el"}  # "Al Fashir", "El Fasher" may open a name
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}(?:-[A-Za-z]+)*|[A-Za-z][\w'’.\-/]*[\w]|[A-Za-z]|[^\w\s]")
# words that are never a place on their own
_GENERIC = frozenset("east west north south central capital middle northern southern eastern western upper lower "
                     "island islands coast border state states city republic kingdom federation".split())
_MAX_RUN = 6


@dataclass(frozen=True)
class PlaceMention:
    text: str
    start: int            # offsets into the article text, or into the title when ``source == "headline"``
    end: int
    source: str           # "headline", "dateline", "lead" or "body"
    role: str             # a key of ROLE_WEIGHT
    name: str             # the gazetteer's name ("Gaza Strip") or the country's code for a demonym
    country: str | None   # alpha-3, None for a sea
    precision: str        # "country", "city", "site", "sea", "admin1", "region", "demonym"

    @property
    def weight(self) -> float:
        return SOURCE_WEIGHT[self.source] * ROLE_WEIGHT[self.role]


@dataclass(frozen=True)
class FocusPlace:
    name: str
    country: str | None
    precision: str
    score: float
    mentions: int
    sources: tuple[str, ...]   # where it was named, strongest first: headline, dateline, lead, body
    confidence: float          # its share of all place weight


@dataclass(frozen=True)
class FocusCountry:
    code: str
    score: float
    mentions: int
    sources: tuple[str, ...]
    confidence: float


@dataclass(frozen=True)
class Focus:
    places: tuple[FocusPlace, ...]        # ranked, best first (demonyms are not places)
    countries: tuple[FocusCountry, ...]   # ranked; "sea" is not among them
    focus_country: str | None
    confidence: float                     # the focus country's share of all place weight (0 when None)
    reason: str                           # how the decision was made, in one line
    written_at: str | None                # a dateline read as where the story was filed, not where it happened
    mentions: tuple[PlaceMention, ...]

    def to_json(self) -> dict:
        return {"focus_country": self.focus_country, "confidence": round(self.confidence, 3), "reason": self.reason,
                "written_at": self.written_at,
                "countries": [vars(c) for c in self.countries], "places": [vars(p) for p in self.places]}


# --- finding place names ----------------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _curated_keys(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalize(n) for n in names)


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    """Normalized country names (short, common and official, and the gazetteer's own short names) -> alpha-3."""
    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                index.setdefault(normalize(value), country.alpha_3)
    index.update({k: v for k, v in COUNTRY_NAMES.items() if v})
    return index


@lru_cache(maxsize=8)
def _first_words(curated: frozenset[str]) -> frozenset[str]:
    """The first words of every name a phrase could be without a gazetteer look-up."""
    return frozenset(k.split()[0] for k in (*curated, *_country_index(), *SEATS) if k)


def _demonym_index() -> dict[str, str]:
    return {k: v for k, v in PARTY_WORDS.items() if v and k not in COUNTRY_NAMES and k not in _NOT_DEMONYMS}


def _is_capital(token: str) -> bool:
    return token[:1].isupper() or token.lower().startswith(("al-", "el-"))


def _runs(text: str, start: int, end: int) -> Iterator[list[re.Match[str]]]:
    """Runs of capitalised tokens (with "of", "al", "the" … inside) in ``text[start:end]``."""
    run: list[re.Match[str]] = []
    for match in _TOKEN.finditer(text, start, end):
        token = match.group()
        if _is_capital(token) and token[0].isalpha():
            run.append(match)
            continue
        if run and token.lower() in _CONNECTORS and len(run) < _MAX_RUN * 2:
            run.append(match)
            continue
        while run and run[-1].group().lower() in _CONNECTORS:
            run.pop()
        if run:
            yield run
        run = []
    while run and run[-1].group().lower() in _CONNECTORS:
        run.pop()
    if run:
        yield run


class _Finder:
    """Place names in text, resolved with the gazetteer."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.gazetteer = kb.gazetteer
        self.curated = _curated_keys(tuple(self.gazetteer.curated_names()))
        self.budget = MAX_LOOKUPS
        self.first_words = _first_words(self.curated)

    def _place(self, phrase: str, locative: bool):
        """(name, country, precision) for a phrase, or None. Countries and curated places anywhere; cities and
        divisions only right after a locative word ("in", "near", "from" …), under their own name (not an
        alternate name in the city list), and at most :data:`MAX_LOOKUPS` times an article."""
        key = normalize(phrase)
        if not key or len(key) < 3 or key in _GENERIC:
            return None
        if key in SEATS:
            return phrase, SEATS[key], "site"
        code = _country_index().get(key)
        if code and key not in self.curated:
            return country_name(code), code, "country"
        if key in self.curated:
            entry = self.gazetteer.lookup(phrase)
            return (entry.name, entry.country, entry.precision) if entry else None
        if not locative or self.budget <= 0 or len(key.split()) > 3 or key in _US_STATES and len(key) <= 4:
            return None
        self.budget -= 1
        entry = self.gazetteer.lookup(phrase)
        if entry is None or strip_article(normalize(entry.name)) != strip_article(key):
            return None
        return entry.name, entry.country, entry.precision

    def mentions(self, text: str, start: int, end: int, source: str) -> Iterator[PlaceMention]:
        tokens_before: list[str] = []
        last = start
        for run in _runs(text, start, end):
            before = _before(text, last, run[0].start())
            tokens_before = (tokens_before + before)[-8:]
            last = run[-1].end()
            yield from self._run_mentions(text, run, tokens_before, source)
            tokens_before = tokens_before + [m.group() for m in run]

    def _run_mentions(self, text: str, run: list[re.Match[str]], before: list[str],
                      source: str) -> Iterator[PlaceMention]:
        words = [m.group() for m in run]
        if before and before[-1] in _SHIP_PREFIXES or words[0] in _SHIP_PREFIXES:
            return  # a ship's name: "USS Philippine Sea", "M/V Tutor"
        i = 0
        while i < len(words):
            found = None
            role = _role((before + words[max(0, i - 8):i])[-8:])
            head = (normalize(words[i]).split() or [""])[0]
            known = head in self.first_words
            if self._demonym(words[i]) and _before_noun(text, run[i].end()) and not _inside_name(words, i, 1):
                known = role = None  # "beyond Somali borders", "Somali partner forces": the people's word, not the
                # Somali Region of Ethiopia
            if (known or role == "place") and words[i].lower() not in _NOT_FIRST:
                for n in range(min(_MAX_RUN if known else 3, len(words) - i), 0, -1):
                    if words[i + n - 1].lower() in _CONNECTORS:
                        continue
                    phrase = text[run[i].start():run[i + n - 1].end()]
                    place = self._place(phrase, role == "place")
                    if place is not None:
                        found = (n, phrase, role, place)
                        break
            if found is None:
                demonym = self._demonym(words[i])
                if demonym:
                    found = (1, words[i], "demonym", (demonym, demonym, "demonym"))
            if found is None:
                yield from self._compound(text, run[i], source)
                i += 1
                continue
            n, phrase, role, (name, country, precision) = found
            if precision != "demonym" and (_inside_name(words, i, n) or _adjective(text, run[i + n - 1].end(), phrase)):
                role = "modifier"  # "Israel Defense Forces", "Middle East", "Secretary Austin", "U.S. forces"
            yield PlaceMention(phrase, run[i].start(), run[i + n - 1].end(), source, role, name, country,
                               precision)
            i += n

    def _demonym(self, word: str) -> str | None:
        return _DEMONYMS.get(normalize(word)) if word[:1].isupper() else None

    def _compound(self, text: str, match: re.Match[str], source: str) -> Iterator[PlaceMention]:
        """Hyphenated tokens: "Israel-Lebanon border" names two places; "Iran-backed", "U.S.-owned" none."""
        token = match.group()
        if "-" not in token:
            return
        parts = token.split("-")
        if parts[-1].lower() in _COMPOUND_TAILS:
            return
        codes = [_country_index().get(normalize(p)) for p in parts]
        if len(parts) >= 2 and all(codes):
            at = match.start()
            for part, code in zip(parts, codes):
                yield PlaceMention(part, at, at + len(part), source, "bare", part, code, "country")
                at += len(part) + 1


_NOT_DEMONYMS = frozenset({"washington", "london", "paris", "beijing", "moscow", "cairo", "tehran", "baghdad",
                           "damascus", "beirut", "amman", "riyadh", "ankara", "doha", "berlin", "muscat", "abu dhabi",
                           "kremlin"})  # capitals are places, found by the gazetteer, not demonyms
_DEMONYMS = _demonym_index()


def _before(text: str, start: int, end: int) -> list[str]:
    return [m.group() for m in _TOKEN.finditer(text, max(start, end - 80), end)]


def _role(before: list[str]) -> str:
    """How a phrase is used, from the tokens ``before`` it: after a locative word, after to/of/on, after a place
    it qualifies ("Darfur, Sudan"), or bare."""
    if len(before) >= 2 and before[-1] == "," and before[-2][:1].isupper() and \
            normalize(before[-2]) not in _country_index() and normalize(before[-2]) not in _DEMONYMS:
        return "place"
    seen = 0
    for token in reversed(before):
        low = token.lower()
        if low in _LOCATIVE:
            return "place"
        if low in _HALF:
            return "near"
        if low in _SKIP_BACK or (token[:1].isupper() and seen < 6):
            seen += 1
            continue
        break
    return "bare"


_VERBISH = frozenset("and or but is are was were has have had will would could should can may might must did does do "
                     "said says say told also and then to in on at by for from with as that which who".split())


def _adjective(text: str, end: int, phrase: str) -> bool:
    """An abbreviated country used as an adjective: "U.S. forces", "UK officials" (not "the U.S. said")."""
    if not (phrase.isupper() or "." in phrase) or len(phrase.replace(".", "")) > 4:
        return False
    return _before_noun(text, end)


def _before_noun(text: str, end: int) -> bool:
    """A word followed by a lower-case word that is no verb: an adjective ("Somali borders")."""
    following = re.match(r"\s+([a-z][a-z\-]*)", text[end:end + 40])
    return bool(following) and following.group(1) not in _VERBISH


def _inside_name(words: list[str], i: int, n: int) -> bool:
    """A place joined to other capitalised words of one name: "Israel Katz", "Yemen Data Project", "Middle East",
    "Secretary Austin" (a connector between them, as in "Government of Somalia" or "Iraq and Syria", does not join)."""
    after = i + n < len(words) and words[i + n].lower() not in _CONNECTORS
    before = i > 0 and words[i - 1].lower() not in _CONNECTORS
    return after or before


# --- weighing ----------------------------------------------------------------------------------------------


def _dateline_mentions(finder: _Finder, layout: Layout, text: str) -> list[PlaceMention]:
    d = layout.dateline
    if d is None:
        return []
    head, _, region = d.place.partition(",")
    phrase = " ".join(w.capitalize() if w.isupper() else w for w in re.split(r"(\s+|/|-)", head) if w)
    found = finder._place(phrase.strip(), True)
    if found is None:
        code = _country_index().get(normalize(region)) if region.strip() else None
        if code is None and normalize(region) in _US_STATES:
            code = "USA"
        if code is None:
            return []
        found = (region.strip(), code, "country")
    name, country, precision = found
    if normalize(region) in _US_STATES:
        country = "USA"
    return [PlaceMention(d.place, d.place_start, d.place_end, "dateline", "place", name, country, precision)]


@dataclass(frozen=True)
class DatelineRule:
    id: str
    purpose: str
    example: str          # an article (title, blank line, text) whose dateline the rule decides
    test: Callable[[PlaceMention, list[PlaceMention]], bool | None]  # True: counts; False: written_at; None: n/a


def _named_places(early: list[PlaceMention]) -> list[PlaceMention]:
    return [m for m in early if m.role in ("place", "near") and m.precision != "demonym"]


def _newsroom(dateline: PlaceMention, early: list[PlaceMention]) -> bool | None:
    if normalize(dateline.text.split(",")[0]) not in NEWSROOMS and normalize(dateline.name) not in NEWSROOMS:
        return None
    return any(m.country == dateline.country and m.role == "place" and normalize(m.name) not in NEWSROOMS
               for m in early)


def _agrees(dateline: PlaceMention, early: list[PlaceMention]) -> bool | None:
    named = _named_places(early)
    return dateline.country in {m.country for m in named} or not named


DATELINE_RULES: tuple[DatelineRule, ...] = (
    DatelineRule("dateline-newsroom", "a newsroom dateline (Washington, the Pentagon, Tampa …) counts only when the "
                 "headline or lead names another place in its country after a locative word",
                 "U.S. Strikes Missile Sites in Yemen\n\nTAMPA, Fla. – U.S. forces struck two missile sites in "
                 "Yemen on Monday.", _newsroom),
    DatelineRule("dateline-agrees", "any other dateline counts when the headline or lead names its country as a "
                 "place, or names no place at all",
                 "Blast Hits Port\n\nBEIRUT, Lebanon (Reuters) — An explosion damaged the port on Tuesday, "
                 "officials said.", _agrees),
)


def _counted_dateline(dateline: PlaceMention, early: list[PlaceMention]) -> tuple[bool, str]:
    """Whether the dateline is a place of the story, and the id of the rule that decided."""
    for entry in DATELINE_RULES:
        verdict = entry.test(dateline, early)
        if verdict is not None:
            return verdict, entry.id
    return False, ""


def _rank(mentions: Iterable[PlaceMention], key) -> list[tuple[object, float, int, tuple[str, ...]]]:
    scores: dict[object, list] = {}
    order = list(SOURCE_WEIGHT)
    for m in mentions:
        row = scores.setdefault(key(m), [0.0, 0, set()])
        row[0] += m.weight
        row[1] += 1
        if m.weight > 0:
            row[2].add(m.source)
    out = [(k, s, n, tuple(sorted(src, key=order.index))) for k, (s, n, src) in scores.items()]
    out.sort(key=lambda r: (-r[1], -r[2], str(r[0])))
    return out


def place_mentions(layout: Layout, text: str, kb: KnowledgeBase, title: str | None = None,
                   finder: _Finder | None = None) -> list[PlaceMention]:
    """Every place, country and demonym mention in the headline and the body text (not in non-body regions)."""
    finder = finder or _Finder(kb)
    out: list[PlaceMention] = []
    if title:
        out += finder.mentions(title, 0, len(title), "headline")
    lead = layout.lead or (0, 0)
    for start, end in layout.body_spans():
        for piece_start, piece_end, source in _split(start, end, lead):
            out += finder.mentions(text, piece_start, piece_end, source)
    return out


def _split(start: int, end: int, lead: tuple[int, int]) -> Iterator[tuple[int, int, str]]:
    """A body stretch cut at the lead's edges, each piece labelled lead or body."""
    cuts = sorted({start, end, *(c for c in lead if start < c < end)})
    for a, b in zip(cuts, cuts[1:]):
        yield a, b, "lead" if lead[0] <= a and b <= lead[1] else "body"


def article_focus(layout: Layout, text: str, kb: KnowledgeBase, title: str | None = None) -> Focus:
    """The places and countries an article is about, ranked, and its focus country if it has one."""
    finder = _Finder(kb)
    mentions = place_mentions(layout, text, kb, title, finder)
    written_at = None
    for dateline in _dateline_mentions(finder, layout, text):
        counted, _rule = _counted_dateline(dateline, [m for m in mentions if m.source in ("headline", "lead")])
        if counted:
            mentions.insert(0, dateline)
        else:
            written_at = dateline.text
            mentions.insert(0, PlaceMention(dateline.text, dateline.start, dateline.end, "dateline", "modifier",
                                            dateline.name, dateline.country, dateline.precision))
    places = [m for m in mentions if m.precision != "demonym"]
    total = sum(m.weight for m in mentions)
    ranked_places = tuple(
        FocusPlace(name, country, precision, round(score, 3), n, sources, round(score / total, 3) if total else 0.0)
        for (name, country, precision), score, n, sources in _rank(places, lambda m: (m.name, m.country, m.precision)))
    ranked = _rank(mentions, lambda m: m.country or SEA)
    countries = tuple(FocusCountry(code, round(score, 3), n, sources, round(score / total, 3) if total else 0.0)
                      for code, score, n, sources in ranked if code != SEA)
    focus, confidence, reason = _decide(ranked, tuple(mentions), total, layout.paragraphs)
    return Focus(ranked_places, countries, focus, confidence, reason, written_at, tuple(mentions))


def _cover(country: str, mentions: Iterable[PlaceMention], paragraphs: tuple[tuple[int, int], ...]) -> float:
    """The share of the paragraphs placing something (a place role: "in", "near", "at" …) that also name
    ``country``; a country only named after to/of/on ("a danger to the United States") places nothing."""
    starts = [p[0] for p in paragraphs]
    located: set[int] = set()
    naming: set[int] = set()
    for m in mentions:
        if m.source not in ("lead", "body") or m.role == "modifier" or m.precision == "demonym":
            continue
        k = bisect.bisect_right(starts, m.start) - 1
        if m.role == "place":
            located.add(k)
        if m.country == country:
            naming.add(k)
    return len(located & naming) / len(located) if located else 1.0


# --- the decision: named checks, in order; the first that objects says why there is no focus ----------------


@dataclass(frozen=True)
class _Case:
    top: str | None            # the leading country, or SEA
    score: float
    runner: str | None
    runner_score: float
    share: float
    mentions: tuple[PlaceMention, ...]
    paragraphs: tuple[tuple[int, int], ...]

    def headline_countries(self) -> set[str]:
        return {m.country for m in self.mentions if m.source == "headline" and m.role != "modifier" and m.country}


@dataclass(frozen=True)
class Check:
    id: str
    purpose: str
    example: str          # an article (title, then a blank line, then the text) that this check stops
    test: Callable[[_Case], str | None]


def _some_place(c: _Case) -> str | None:
    return None if c.top is not None else "no place is named"


def _not_sea(c: _Case) -> str | None:
    return "the sea leads" if c.top == SEA else None


def _min_score(c: _Case) -> str | None:
    return f"score below {MIN_SCORE}" if c.score < MIN_SCORE else None


def _share(c: _Case) -> str | None:
    return f"less than {MIN_SHARE:.0%} of place weight" if c.share < MIN_SHARE else None


def _margin(c: _Case) -> str | None:
    return f"less than {MIN_MARGIN}x the next" if c.score < MIN_MARGIN * c.runner_score else None


def _named_early(c: _Case) -> str | None:
    early = any(m.country == c.top and m.source in ("headline", "dateline", "lead") and ROLE_WEIGHT[m.role] >= 0.5
                for m in c.mentions)
    return None if early else "not named as a place in the headline, a counted dateline or the lead"


def _paragraph_cover(c: _Case) -> str | None:
    cover = _cover(str(c.top), c.mentions, c.paragraphs)
    return f"named in only {cover:.0%} of the paragraphs that place something" if cover < MIN_COVER else None


def _headline_other(c: _Case) -> str | None:
    named = c.headline_countries()
    return f"the headline names {', '.join(sorted(named))} instead" if named and c.top not in named else None


def _headline_parties(c: _Case) -> str | None:
    named = c.headline_countries()
    as_place = any(m.source == "headline" and m.country == c.top and m.role == "place" for m in c.mentions)
    return f"the headline names {', '.join(sorted(named))} as parties" if len(named) >= 2 and not as_place else None


CHECKS: tuple[Check, ...] = (
    Check("focus-some-place", "no focus when no place is named",
          "Talks Continue\n\nThe envoys met again on Tuesday and agreed to meet next week.", _some_place),
    Check("focus-not-sea", "no focus when seas and straits (places with no country) outweigh every country",
          "Drones Hit Tanker in the Red Sea\n\nA drone hit a tanker in the Red Sea on Monday, and a second "
          "struck a freighter in the Gulf of Aden. The missiles were fired from Yemen.", _not_sea),
    Check("focus-min-score", f"no focus below a score of {MIN_SCORE} (one place in the lead is enough)",
          "Statement\n\nWe welcome the agreement, which was signed after long talks.\n\nDelegations from Egypt "
          "attended.", _min_score),
    Check("focus-share", f"no focus when the top country has less than {MIN_SHARE:.0%} of all place weight",
          "Regional Update\n\nRockets fell in Israel on Monday. Strikes hit targets in Lebanon, and drones were "
          "shot down over Syria and Jordan.", _share),
    Check("focus-margin", f"no focus unless the top country has {MIN_MARGIN}x the next one's score",
          "Border Clashes\n\nShelling in Armenia killed two soldiers, officials said, after troops in Azerbaijan "
          "reported fire.\n\nVillages in Armenia were evacuated.", _margin),
    Check("focus-named-early", "the focus must be named as a place in the headline, a counted dateline or the lead",
          "Ministers Meet\n\nThe ministers met on Monday and discussed trade. Later they issued a statement.\n\n"
          "Officials in Chad welcomed it. Farmers in Chad and traders in Chad agreed.", _named_early),
    Check("focus-paragraph-cover", f"the focus must be named in {MIN_COVER:.0%} of the paragraphs that place something",
          "Briefing\n\nMS. ROE: Strikes hit two sites in Syria overnight, near the border of Syria.\n\n"
          "Separately, the withdrawal of our forces from Niger is complete.", _paragraph_cover),
    Check("focus-headline-other", "when the headline names countries, the focus must be one of them",
          "Secretary Meets Qatari Prime Minister\n\nThe Secretary met the Qatari prime minister to discuss aid to "
          "civilians in Gaza and the conflict in Gaza.", _headline_other),
    Check("focus-headline-parties", "a headline naming several countries as parties has no single focus",
          "Israel and Lebanese Hezbollah Trade Fire\n\nRockets were fired into Israel on Sunday, and strikes "
          "hit northern Israel and towns in Israel near the border.", _headline_parties),
)


def check(check_id: str) -> Check:
    """The focus check with this id (KeyError if none)."""
    return {c.id: c for c in CHECKS}[check_id]


def _decide(ranked, mentions: tuple[PlaceMention, ...], total: float,
            paragraphs: tuple[tuple[int, int], ...]) -> tuple[str | None, float, str]:
    contenders = [r for r in ranked if r[1] > 0]
    top, score = (contenders[0][0], contenders[0][1]) if contenders else (None, 0.0)
    runner, runner_score = (contenders[1][0], contenders[1][1]) if len(contenders) > 1 else (None, 0.0)
    case = _Case(top, score, runner, runner_score, score / total if total else 0.0, mentions, paragraphs)
    why = f"{top} {score:.2f} ({case.share:.0%} of place weight), next {runner or '-'} {runner_score:.2f}"
    for entry in CHECKS:
        objection = entry.test(case)
        if objection:
            return None, 0.0, f"no focus [{entry.id}]: {why}; {objection}"
    return str(top), round(case.share, 3), f"focus: {why}"
