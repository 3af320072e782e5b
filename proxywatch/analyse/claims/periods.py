"""Periods: the phrases that say over which days a claim counts, and their dates.

Dates are resolved against the article's publication day with the extractor's date reader
(:func:`proxywatch.extract.resolve_date`: "mid-October" is the 11th to the 20th, read from the
11th; "the beginning of February" the 1st to the 10th). A period that ends later than the
publication day ends on it. A period anchored on an event ("since the US retaliated", "before
the strikes") is left *pending* here and placed by :mod:`.anchors`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from proxywatch.analyse.claims.context import Hit, ReadContext
from proxywatch.analyse.claims.model import Window
from proxywatch.analyse.claims.rules import rule
from proxywatch.analyse.claims.words import MONTHS, NUM, RESPONSE_WORDS, WEEKDAYS, event_type
from proxywatch.extract import parse_count, resolve_date

__all__ = ["PeriodPhrase", "PendingAnchor", "find_periods", "mask", "period_for", "window_of", "pending_of",
           "dates_in", "day_before", "day_after"]

_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_PREPOSITIONS = {"in", "on", "at", "of", "by", "for", "to", "from", "the", "a", "an", "and", "since", "with"}
_STOP_TOKENS = {"there", "when", "while", "as", "according", "—", "–", "(", "but", "though", "although", "amid"}
_EVENT_WORDS = "attacks?|strikes?|airstrikes?|raids?|bombings?|assault|ambush|retaliation|response|killings?|massacre"
_DATEISH = re.compile(rf"(?i)\b(?:{_MONTH})\b|\b\d{{4}}\b|\b(?:{_WEEKDAY})\b|\b(?:today|yesterday|week|month|year)\b")


@dataclass(frozen=True)
class PeriodPhrase:
    """A period phrase of a sentence: its span, its kind and what it resolved to."""

    start: int
    end: int
    text: str
    kind: str  # "start" (since, after, from), "end" (before, until), "range" (between, past, named)
    rule: str
    date_start: str | None = None
    date_end: str | None = None
    anchor: str | None = None  # the event words, when the period is anchored on an event
    open_start: bool = False
    days: int | None = None  # "in the ten days after X": the window's length from the anchor
    unresolved: str | None = None


@dataclass(frozen=True)
class PendingAnchor:
    """An anchored period waiting for its event: where the anchor goes and what the other end is."""

    phrase: str  # the anchor's words ("the US retaliated")
    role: str  # "start" (since / after), "end" (before / until)
    text: str  # the whole period phrase
    start: str | None  # the other end, when stated
    end: str | None
    open_start: bool
    days: int | None
    rule: str


def day_before(iso: str) -> str:
    return (date.fromisoformat(iso) - timedelta(days=1)).isoformat()


def day_after(iso: str) -> str:
    return (date.fromisoformat(iso) + timedelta(days=1)).isoformat()


def _tokens(text: str, at: int) -> list[tuple[int, int, str, bool]]:
    """(start, end, word, ends_clause) from ``at``: a word followed by , ; : . ends the clause."""
    out = []
    for m in re.finditer(r"[^\s]+", text[at:]):
        word = m.group(0)
        ends = bool(re.search(r"[,;:!?]$|[^A-Z.]\.$", word)) or word in ("—", "–")
        clean = word.strip(",;:!?\"“”()")
        if clean.endswith(".") and not re.fullmatch(r"(?:[A-Za-z]\.)+", clean):
            clean = clean[:-1]
        out.append((at + m.start(), at + m.start() + len(clean) if clean else at + m.end(), clean, ends))
    return out


def _date_prefix(text: str, at: int, lead: str, ctx: ReadContext, max_words: int = 7):
    """The longest date phrase starting at ``at`` (up to a clause end): (end, DateSpan) or None."""
    toks = []
    for tok in _tokens(text, at)[:max_words]:
        toks.append(tok)
        if tok[3]:
            break
    for n in range(len(toks), 0, -1):
        words = [t[2] for t in toks[:n]]
        if words[-1].lower() in _PREPOSITIONS or not _DATEISH.search(" ".join(words)) and not re.search(
                r"(?i)\b(?:early|mid|late|beginning|start|end|middle)\b", " ".join(words)):
            continue
        if any(w.lower() in ("and", "or", "to", "until", "till", "through") for w in words):
            continue  # one date, not a range ("17 October and 30" is not a day of 1930)
        phrase = " ".join(words)
        span = resolve_date(f"{lead} {phrase}" if lead else phrase, ctx.published)
        if span is None or span.start is None:
            continue
        if ctx.published is not None and not re.search(r"\b\d{4}\b", phrase) and \
                span.start < f"{ctx.published.year - 2}":
            continue  # a day-of-month read as a year: not what the words say
        if re.match(rf"\s*(?:[\w-]+\s+)?(?:{_EVENT_WORDS})\b", text[toks[n - 1][1]:], re.IGNORECASE):
            return None  # "after the 7 October attack": an event with its date (an anchor), not a date
        return toks[n - 1][1], span
    return None


def _anchor_words(text: str, at: int, stop: int) -> tuple[int, str] | None:
    """The anchor's words from ``at``: up to a clause end, 'there', 'when', ..., at most 12 words."""
    words: list[str] = []
    end = at
    for s, e, word, ends in _tokens(text, at):
        if s >= stop or word.lower() in _STOP_TOKENS or not word:
            break
        if word.lower() in ("and", "but") and words and re.match(
                rf"(?i)\s*(?:only|just|none|no|not|there|{NUM})\b", text[e:]):
            break
        words.append(word)
        end = e
        if ends or len(words) >= 12:
            break
    return (end, " ".join(words)) if words else None


def _is_event_phrase(words: str) -> bool:
    toks = re.findall(r"[A-Za-z-]+", words.lower())
    return any(event_type(t) or RESPONSE_WORDS.search(t) or t in ("killing", "killings", "death", "deaths", "war",
                                                                  "began", "started", "visit", "truce", "ceasefire")
               for t in toks)


@rule("period-since-date", "period", "'since <date>' counts from that date to the publication day "
      "('since mid-October': from the 11th).", "Militias have attacked US forces 120 times since mid-October.",
      {"window": ("2023-10-11", "2024-02-20")})
def _since(text: str, m: re.Match[str], ctx: ReadContext) -> PeriodPhrase | None:
    at = m.end()
    if re.match(r"(?i)\s*then\b", text[at:]):
        return None
    found = _date_prefix(text, at, "since", ctx)
    if found:
        end, span = found
        return PeriodPhrase(m.start(), end, text[m.start():end], "start", "period-since-date", span.start,
                            ctx.day)
    anchor = _anchor_words(text, at, len(text))
    if anchor is None:
        return None
    end, words = anchor
    return PeriodPhrase(m.start(), end, text[m.start():end], "start", "period-anchor", None, ctx.day, anchor=words)


@rule("period-since-then", "period", "'since then' (or 'since that day') counts from the last date the article "
      "stated before the claim.", "The Pentagon has logged more than 160 attacks on US troops since then.",
      {"window": ("2024-01-28", "2024-02-20")})
def _since_then(text: str, m: re.Match[str], ctx: ReadContext) -> PeriodPhrase | None:
    if not ctx.previous_dates:
        return PeriodPhrase(m.start(), m.end(), m.group(0), "start", "period-since-then", None, ctx.day,
                            unresolved=m.group(0))
    return PeriodPhrase(m.start(), m.end(), m.group(0), "start", "period-since-then", ctx.previous_dates[-1], ctx.day)


@rule("period-between", "period", "'between X and Y' / 'from X to Y' counts from X to Y; either end may be an "
      "event ('between mid-October and the strikes').",
      "US troops came under attack more than 100 times between mid-October and early February.",
      {"window": ("2023-10-11", "2024-02-10")})
def _between(text: str, m: re.Match[str], ctx: ReadContext) -> PeriodPhrase | None:
    lead = m.group(1).lower()
    first = _date_prefix(text, m.end(), "", ctx, max_words=4)
    joiner = r"and" if lead == "between" else r"to|until|till|through"
    if first is None:
        return None
    j = re.match(rf"\s+(?:{joiner})\s+", text[first[0]:])
    if j is None:
        return None
    at = first[0] + j.end()
    second = _date_prefix(text, at, "", ctx)
    if second is not None and second[1].end < first[1].start:  # "1 January and 31 March": the March after
        later = replace(ctx, published=date.fromisoformat(first[1].start) + timedelta(days=364))
        second = _date_prefix(text, at, "", later)
    if second is not None:
        end = second[0]
        return PeriodPhrase(m.start(), end, text[m.start():end], "range", "period-between", first[1].start,
                            second[1].end)
    anchor = _anchor_words(text, at, len(text))
    if anchor is None or not _is_event_phrase(anchor[1]):
        return None
    end, words = anchor
    return PeriodPhrase(m.start(), end, text[m.start():end], "end", "period-anchor", first[1].start, None,
                        anchor=words)


@rule("period-after", "period", "'after <date>' counts from the next day; 'after / following <event>' from the "
      "event's day, to the publication day.",
      "There have been no attacks on US forces in Iraq after 4 February.", {"window": ("2024-02-05", "2024-02-20")})
def _after(text: str, m: re.Match[str], ctx: ReadContext) -> PeriodPhrase | None:
    if re.search(r"(?i)\b(?:day|days|week|weeks|hours?|months?|shortly|soon|just|immediately|minutes?)\s+$",
                 text[:m.start()]):
        return None  # "a day after the attack": a date told by another, not a period
    found = _date_prefix(text, m.end(), "", ctx)
    if found:
        end, span = found
        return PeriodPhrase(m.start(), end, text[m.start():end], "start", "period-after", day_after(span.end),
                            ctx.day)
    anchor = _anchor_words(text, m.end(), len(text))
    if anchor is None or not _is_event_phrase(anchor[1]):
        return None
    end, words = anchor
    return PeriodPhrase(m.start(), end, text[m.start():end], "start", "period-anchor", None, ctx.day, anchor=words)


@rule("period-before", "period", "'before / until <date or event>' ends the count the day before; with no start "
      "stated the start is open (every stored event before it counts).",
      "Before 2 February, militias had attacked US forces more than 160 times.",
      {"window": (None, "2024-02-01"), "open_start": True})
def _before(text: str, m: re.Match[str], ctx: ReadContext) -> PeriodPhrase | None:
    if re.search(r"(?i)\b(?:day|days|week|weeks|hours?|months?|shortly|just|minutes?)\s+$", text[:m.start()]):
        return None
    lead = m.group(1).lower()
    found = _date_prefix(text, m.end(), "", ctx)
    if found:
        end, span = found
        last = span.end if lead in ("until", "till", "through", "up to") else day_before(span.start)
        return PeriodPhrase(m.start(), end, text[m.start():end], "end", "period-before", None, last, open_start=True)
    anchor = _anchor_words(text, m.end(), len(text))
    if anchor is None or not _is_event_phrase(anchor[1]):
        return None
    end, words = anchor
    return PeriodPhrase(m.start(), end, text[m.start():end], "end", "period-anchor", None, None, anchor=words,
                        open_start=True)


@rule("period-in-days-after", "period", "'in the ten days after <event>' counts from the event's day for that many "
      "days; 'in the three weeks since <event>' is 'since <event>'.",
      "In the ten days after 2 February, militias attacked US forces only twice.",
      {"window": ("2024-02-02", "2024-02-11")})
def _in_days_after(text: str, m: re.Match[str], ctx: ReadContext) -> PeriodPhrase | None:
    count = parse_count(m.group("n")) if m.group("n") else None
    unit = {"day": 1, "week": 7, "month": 30}[m.group("unit").lower()]
    days = (count.min if count and count.max is not None else 1) * unit
    found = _date_prefix(text, m.end(), "", ctx)
    if found:
        end, span = found
        last = min(date.fromisoformat(span.start) + timedelta(days=days - 1), ctx.published or date.max)
        return PeriodPhrase(m.start(), end, text[m.start():end], "range", "period-in-days-after", span.start,
                            last.isoformat())
    anchor = _anchor_words(text, m.end(), len(text))
    if anchor is None:
        return None
    end, words = anchor
    return PeriodPhrase(m.start(), end, text[m.start():end], "start", "period-anchor", None, None, anchor=words,
                        days=days)


@rule("period-that-day", "period", "'that day' / 'the same day' is the last day the sentence or article stated.",
      "Militants fired rockets at al-Asad on Monday, one of at least three attacks on US forces that day.",
      {"window": ("2024-02-19", "2024-02-19")})
def _that_day(text: str, m: re.Match[str], ctx: ReadContext) -> PeriodPhrase | None:
    earlier = dates_in(text[:m.start()], ctx) or list(ctx.previous_dates)
    if not earlier:
        return None
    return PeriodPhrase(m.start(), m.end(), m.group(0), "range", "period-that-day", earlier[-1], earlier[-1])


@rule("period-past", "period", "'in the past two weeks', 'over the last month', 'in two weeks' count back from the "
      "publication day.", "US forces were attacked 23 times in the past two weeks.",
      {"window": ("2024-02-07", "2024-02-20")})
def _past_any(text: str, m: re.Match[str], ctx: ReadContext) -> PeriodPhrase | None:
    if ctx.published is None:
        return None
    number, unit = (m.group("n"), m.group("unit")) if m.group("unit") else (m.group("n2"), m.group("unit2"))
    n = parse_count(number) if number else None
    if number and (n is None or n.max is None):
        return None
    days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit.lower()] * (n.min if n else 1)
    start = ctx.published - timedelta(days=days - 1)
    return PeriodPhrase(m.start(), m.end(), m.group(0), "range", "period-past", start.isoformat(), ctx.day)


@rule("period-named", "period", "A named period: 'in January', 'last week', 'this year', 'on Thursday', "
      "'on 4 February', 'in late January'.",
      "Militias launched 20 attacks on US bases in January.", {"window": ("2024-01-01", "2024-01-31")})
def _named_any(text: str, m: re.Match[str], ctx: ReadContext) -> PeriodPhrase | None:
    what = m.group("what") or m.group("what2")
    what = re.sub(r"(?i)^so\s+far\s+", "", what)
    span = resolve_date(what, ctx.published)
    if span is None or span.start is None:
        return None
    return PeriodPhrase(m.start(), m.end(), m.group(0), "range", "period-named", span.start, span.end)


_PATTERNS = (
    (re.compile(r"(?i)\b(?:in|during|over|within)\s+the\s+(?:(?P<n>\w+)\s+)?(?P<unit>day|week|month)s?\s+"
                r"(?:after|following)\s+"), _in_days_after),
    (re.compile(r"(?i)\bsince\s+then\b|\bsince\s+that\s+(?:day|date|time)\b"), _since_then),
    (re.compile(r"(?i)\bsince\b"), _since),
    (re.compile(r"(?i)\b(between|from)\s+"), _between),
    (re.compile(r"(?i)\b(?:after|following)\s+"), _after),
    (re.compile(r"(?i)\b(before|prior\s+to|until|till|through|up\s+to)\s+"), _before),
    (re.compile(rf"(?i)\b(?:in|over|during|within)\s+the\s+(?:past|last|previous|preceding)\s+(?:(?P<n>{NUM})\s+)?"
                r"(?P<unit>day|week|month|year)s?\b|\bin\s+(?P<n2>two|three|four|five|six|\d+)\s+(?P<unit2>day|week)s\b"),
     _past_any),
    (re.compile(rf"(?i)\b(?:in|during|on|throughout|so\s+far)\s+(?P<what>(?:(?:early|mid|late)[\s-]+)?(?:{_MONTH})"
                rf"(?:\s+\d{{4}})?|(?:this|last)\s+(?:week|month|year)|(?:{_WEEKDAY})|\d{{1,2}}\s+(?:{_MONTH})"
                rf"|(?:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?)\b|\b(?P<what2>(?:last|this)\s+(?:week|month|year)|"
                rf"so\s+far\s+this\s+year)\b"), _named_any),
    (re.compile(r"(?i)\b(?:that|the\s+same)\s+day\b"), _that_day),
)


def find_periods(text: str, ctx: ReadContext) -> list[PeriodPhrase]:
    """The period phrases of a sentence, in order, without overlaps (the first pattern to claim a span wins)."""
    found: list[PeriodPhrase] = []
    for pattern, reader in _PATTERNS:
        for m in pattern.finditer(text):
            if any(p.start <= m.start() < p.end for p in found):
                continue
            phrase = reader(text, m, ctx)
            if phrase is not None and not any(phrase.start < p.end and p.start < phrase.end for p in found):
                found.append(phrase)
    return sorted(found, key=lambda p: p.start)


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the given spans blanked out (same length, so offsets still hold)."""
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            chars[i] = " "
    return "".join(chars)


def period_for(periods: list[PeriodPhrase], hit: Hit, lo: int, hi: int) -> tuple[PeriodPhrase, ...] | None:
    """The period(s) of one count: a start-kind and an end-kind phrase of its part of the sentence, else the
    nearest phrase of the sentence."""
    own = [p for p in periods if lo <= p.start < hi]
    pool = own or sorted(periods, key=lambda p: abs(p.start - hit.start))
    if not pool:
        return None
    first = pool[0]
    if first.kind == "range":
        return (first,)
    other = next((p for p in pool[1:] if p.kind != first.kind and p.kind != "range"), None)
    return (first, other) if other else (first,)


@rule("period-anchor", "period", "'since / after / following / before <event>' anchors the period on an event; the "
      "anchor rules place it ('since the Tower 22 attack': from the attack's day).",
      "Since the Tower 22 attack there have been no attacks on US forces in Iraq.",
      {"window": ("2024-01-28", "2024-02-20")})
def anchored(phrase: PeriodPhrase) -> bool:
    return phrase.anchor is not None


@rule("period-ends-at-publication", "period", "A window never ends after the article's publication day: a store "
      "cannot be asked about days after the claim was made.",
      "Militias have attacked US forces 30 times between 1 January and 31 March.",
      {"window": ("2024-01-01", "2024-02-20")})
def _cap(end: str | None, ctx: ReadContext) -> str | None:
    if end is None or ctx.published is None:
        return end
    return min(end, ctx.day)  # type: ignore[type-var]


@rule("period-none", "period", "A count with no period stated cannot be checked: its window is unknown.",
      "Militias have launched more than 170 attacks on US forces.", {"window": (None, None)})
def _none() -> Window:
    return Window(None, None, None, unresolved="no period stated", rule="period-none")


def window_of(period: tuple[PeriodPhrase, ...] | None, ctx: ReadContext) -> tuple[Window, list[str]]:
    """The window of a claim from its period phrase(s); an anchored end stays unresolved (pending)."""
    if not period:
        return _none(), ["period-none"]
    start, end, open_start = None, None, False
    texts, rules, anchors, unresolved = [], [], [], None
    for p in period:
        texts.append(p.text)
        rules.append(p.rule)
        if p.anchor:
            anchors.append(p.anchor)
        if p.unresolved:
            unresolved = p.unresolved
        if p.kind in ("start", "range") and p.date_start:
            start = p.date_start
        if p.kind == "end" and p.date_start:
            start = p.date_start
        if p.date_end and (p.kind in ("end", "range") or end is None):
            end = p.date_end
        open_start = open_start or (p.open_start and not any(q.date_start for q in period))
    if end is None and ctx.published is not None and not any(p.kind == "end" for p in period):
        end = ctx.day
    capped = _cap(end, ctx)
    if capped != end:
        rules.append("period-ends-at-publication")
    if start and capped and capped < start:
        capped = start
    text = " ".join(texts)
    if anchors:
        return Window(start, capped, text, open_start=open_start, unresolved=anchors[0], rule="period-anchor"), rules
    if unresolved:
        return Window(None, capped, text, unresolved=unresolved, rule=rules[0]), rules
    if start is None and not open_start:
        return Window(None, capped, text, unresolved=text, rule=rules[0]), rules
    return Window(start, capped, text, open_start=open_start and start is None, rule=rules[0]), rules


def pending_of(period: tuple[PeriodPhrase, ...] | None, ctx: ReadContext) -> PendingAnchor | None:
    """The anchored part of a claim's period, for :mod:`.anchors` to place."""
    if not period:
        return None
    anchored = next((p for p in period if p.anchor), None)
    if anchored is None:
        return None
    others = [p for p in period if p is not anchored]
    start = anchored.date_start or next((p.date_start for p in others if p.date_start), None)
    end = anchored.date_end or next((p.date_end for p in others if p.date_end), None)
    if anchored.kind != "end" and end is None:
        end = ctx.day
    return PendingAnchor(anchored.anchor or "", "end" if anchored.kind == "end" else "start",
                         " ".join(p.text for p in period), start, _cap(end, ctx),
                         anchored.open_start and start is None, anchored.days, anchored.rule)


_DATES_RE = re.compile(rf"(?i)\b(?:\d{{1,2}}\s+(?:{_MONTH})(?:\s+\d{{4}})?|(?:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?"
                       rf"(?:,?\s+\d{{4}})?|(?:on|last)\s+(?:{_WEEKDAY})|(?:early|mid|late)[\s-]+(?:{_MONTH}))\b")


def dates_in(text: str, ctx: ReadContext) -> list[str]:
    """Days a sentence states ("on 28 January", "on Sunday"), in order, as ISO dates."""
    out = []
    for m in _DATES_RE.finditer(text):
        span = resolve_date(re.sub(r"(?i)^(?:on|last)\s+", "", m.group(0)), ctx.published)
        if span is not None and span.start is not None:
            out.append(span.start)
    return out
