"""Article layout: which parts of an article's text are not body prose, and what they are.

Pure text (no parser, no knowledge base). :func:`read_layout` takes an article's text (and title) and
returns a :class:`Layout`: the non-body regions in article character offsets, each with its kind and
the id of the rule that marked it; whether the text is a transcript and its speaker turns; the
dateline's place apart from the body; and the lead (the first body paragraph).

Kinds (:data:`KINDS`): ``dateline`` (a place dateline "TAMPA, Fla. –", or a date on a line of its own),
``byline``, ``heading`` (including the title repeated in the text), ``speaker`` (a transcript speaker
label), ``caption`` and ``credit`` (photos, figures), ``boilerplate`` and ``procedural`` (transcript
talk that reports nothing: greetings, "happy to take your questions", moderator turns).

Every rule is a :class:`Rule` row in :data:`RULES`: an id, the kind it marks, a one-line purpose and an
example; its test is a small named function or a pattern. The work is linear in the text's length:
patterns run on lines, on bounded prefixes, or with bounded repetition, and sentence-level rules only on
sentences of at most :data:`MAX_SENTENCE` characters.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

__all__ = ["KINDS", "Rule", "RULES", "Region", "Turn", "Dateline", "Layout", "read_layout", "rule"]

KINDS = ("dateline", "byline", "heading", "speaker", "caption", "credit", "boilerplate", "procedural")

MAX_LINE = 300        # a line longer than this is prose: no line rule (heading, byline, caption …) looks at it
MAX_SENTENCE = 400    # procedural and boilerplate sentences are short; longer ones are never marked
MAX_LABEL = 90        # a speaker label is at most this long
HEAD_LINES = 8        # bylines and document-type headings are looked for among the first lines only

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
          r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DASH = r"(?:--|[-\u2010-\u2015])"
_TERMINAL = ".!?;\"”’)'"


# --- the record ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    """A stretch of the article that is not body prose: ``text[start:end]``."""

    start: int
    end: int
    kind: str
    rule: str


@dataclass(frozen=True)
class Turn:
    """One speaker turn of a transcript."""

    label_start: int     # the label with its colon: text[label_start:label_end] == "MS. SINGH:"
    label_end: int
    speaker: str         # as written, without the colon: "DEPUTY PRESS SECRETARY SABRINA SINGH"
    title: str           # the leading role words: "DEPUTY PRESS SECRETARY" ("" for "Q")
    name: str            # the rest: "SABRINA SINGH"
    role: str            # "official", "reporter" (Q, questioners) or "moderator" (moderator, staff, operator)
    body_start: int      # what the speaker says, up to the next label
    body_end: int


@dataclass(frozen=True)
class Dateline:
    """A place dateline at the head of the story: "TAMPA, Fla. –", "BAGHDAD, Jan. 3 (Reuters) -"."""

    start: int           # the whole dateline, dash included (the region)
    end: int
    place: str           # "TAMPA, Fla."
    place_start: int
    place_end: int
    date: str | None = None    # "Jan. 3" when the dateline gives one
    agency: str | None = None  # "Reuters" when the dateline names one


@dataclass(frozen=True)
class Layout:
    length: int
    regions: tuple[Region, ...]          # sorted by start, never overlapping
    transcript: bool
    turns: tuple[Turn, ...]
    dateline: Dateline | None
    lead: tuple[int, int] | None         # the first body paragraph (its body part)
    paragraphs: tuple[tuple[int, int], ...]
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _turn_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def region_at(self, offset: int) -> Region | None:
        """The non-body region that covers ``offset``, if any."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.regions[i].start <= offset < self.regions[i].end:
            return self.regions[i]
        return None

    def kind_at(self, offset: int) -> str:
        """``"body"`` or the kind of the region that covers ``offset``."""
        region = self.region_at(offset)
        return region.kind if region else "body"

    def overlapping(self, start: int, end: int) -> list[Region]:
        """The non-body regions that overlap ``[start, end)``."""
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        out = []
        for k in range(i, len(self.regions)):
            region = self.regions[k]
            if region.start >= end:
                break
            if region.end > start:
                out.append(region)
        return out

    def is_body(self, start: int, end: int) -> bool:
        """True when no non-body region overlaps ``[start, end)``."""
        return not self.overlapping(start, end)

    def body_spans(self, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """``[start, end)`` (default: the whole text) less the non-body regions, as body stretches."""
        end = self.length if end is None else end
        out, at = [], start
        for region in self.overlapping(start, end):
            if region.start > at:
                out.append((at, region.start))
            at = max(at, region.end)
        if at < end:
            out.append((at, end))
        return out

    def turn_at(self, offset: int) -> Turn | None:
        """The speaker turn whose label or body holds ``offset``."""
        turn = _turn_of(self.turns, self._turn_starts, offset)
        return turn if turn is not None and offset < max(turn.body_end, turn.label_end) else None

    def counts(self) -> dict[str, int]:
        """Regions per kind."""
        out: dict[str, int] = {}
        for region in self.regions:
            out[region.kind] = out.get(region.kind, 0) + 1
        return out

    def to_json(self) -> dict:
        return {
            "transcript": self.transcript,
            "regions": [vars(r) for r in self.regions],
            "turns": [vars(t) for t in self.turns],
            "dateline": vars(self.dateline) if self.dateline else None,
            "lead": list(self.lead) if self.lead else None,
        }


# --- rules ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    purpose: str
    example: str
    scope: str            # "line" (a whole line), "above" (the line above a credit), "lead" (the head of the first
    #                       paragraph), "label", "inline",
    #                       "sentence" (anywhere), "talk" (a sentence of a transcript turn), "turn" (a whole turn)
    test: Callable[..., object] | re.Pattern[str] | None = None


def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'’.\-]*", text[:MAX_LINE])


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


# line rules: each takes (line, context) and says whether the whole line is of its kind

@dataclass
class _LineContext:
    title: str
    index: int            # the line's number among non-blank lines
    before_body: bool     # no body paragraph has started yet
    previous_kind: str | None  # the kind of the previous non-blank line ("body" for prose)
    prev_wrapped: bool    # the previous line is prose that runs on (long, no closing stop, no blank line after)


def _title_repeated(line: str, ctx: _LineContext) -> bool:
    """The title, or its main part before a parenthesis, stands on a line of its own."""
    if not ctx.title:
        return False
    have, want = _norm(line), _norm(ctx.title)
    if not have or len(have.split()) < 2 and have != want:
        return False
    return have == want or (len(have.split()) >= 3 and (want.startswith(have + " ") or have.startswith(want + " ")))


_DATE_LINE = _rx(
    r"(?:(?:updated|published|posted|released|last updated|date|dated)\s*:?\s*)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\.?,?\s+\d{{4}}|\d{{4}}-\d\d-\d\d"
    rf"|{_MONTH}\.?\s+\d{{4}})"
    r"(?:\s*(?:[|,@\-–]|at)?\s*\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*\.?", re.IGNORECASE)


def _date_line(line: str, ctx: _LineContext) -> bool:
    """A date (with "Updated", a weekday or a time) on a line of its own."""
    return len(line) <= 60 and bool(_DATE_LINE.fullmatch(line))


_BY = _rx(r"(?:By|BY|Written by|Posted by|Story by|Reporting by)\s+[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,4}"
          r"(?:\s*(?:,|and|&|\|)\s*[^\n]{0,80})?")


def _byline_by(line: str, ctx: _LineContext) -> bool:
    """"By Jane Doe, DOD News" on a line of its own."""
    return len(line) <= 140 and bool(_BY.fullmatch(line))


_ROLE_WORDS = frozenset(
    "spokesperson spokesman spokeswoman secretary press ambassador director minister news reporter correspondent "
    "writer editor department office bureau staff chief administrator envoy coordinator deputy".split())
_NAME_ROLE = _rx(r"([A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){1,4})\s*[,|/–—]\s*([A-Za-z][A-Za-z.'’&\- ]{2,70})")


def _byline_name_role(line: str, ctx: _LineContext) -> bool:
    """A name and a role on a line of their own at the head: "Marco Rubio, Secretary of State"."""
    if not ctx.before_body or ctx.index >= HEAD_LINES or len(line) > 100 or line[-1:] in ".!?":
        return False
    match = _NAME_ROLE.fullmatch(line)
    return bool(match) and any(w.lower() in _ROLE_WORDS for w in match.group(2).split())


_ATTRIBUTION = _rx(r"(?:.{0,160}\b(?:provided|issued|released|gave|delivered) the following (?:readout|statement|"
                   r"remarks|update|comments?)s?|the following (?:is|statement is|readout is) (?:attributable|"
                   r"attributed) to .{0,120}|(?:readout|statement) (?:attributable|attributed) to .{0,120})\s*:?",
                   re.IGNORECASE)


def _byline_attribution(line: str, ctx: _LineContext) -> bool:
    """Who gives the statement that follows: "Press Secretary X provided the following readout:"."""
    return len(line) <= 220 and bool(_ATTRIBUTION.fullmatch(line))


_DOCTYPE = _rx(r"(?:press (?:statement|release|briefing|conference)|media (?:note|advisory)|news release|readout|"
               r"statement|(?:for )?immediate release|transcript|fact sheet|remarks|joint statement|"
               r"(?:crs )?(?:insight|in focus)|update)s?\s*:?", re.IGNORECASE)


def _heading_doctype(line: str, ctx: _LineContext) -> bool:
    """A document-type label on a line of its own: "PRESS STATEMENT", "Readout"."""
    return ctx.before_body and len(line) <= 40 and bool(_DOCTYPE.fullmatch(line))


_SMALL = frozenset("a an and as at by for from in into of on or the to with vs via de al el bin".split())


def _heading_short_line(line: str, ctx: _LineContext) -> bool:
    """A short title-case line with no closing stop, standing alone: "Overview", "Economic Implications:"."""
    words = _words(line)
    if not words or len(words) > 10 or len(line) > 90 or line[-1] in ".!?,;" or line[0] in "-–—•*(\"“":
        return False
    if ctx.previous_kind == "body" and ctx.prev_wrapped:
        return False  # the last line of a wrapped paragraph, not a heading
    big = [w for w in words if w.lower() not in _SMALL]
    return bool(big) and all(w[0].isupper() or w[0].isdigit() for w in big)


_CAPTION_START = _rx(r"(?:Figure|Fig\.|Table|Map|Chart|Graphic|Exhibit)\s+\d+[A-Za-z]?\s*[.:\-–—]\s*\S.*", re.IGNORECASE)


def _caption_figure(line: str, ctx: _LineContext) -> bool:
    """A figure, table or map caption: "Figure 1. Reported strikes (October 1, 2024)"."""
    return bool(_CAPTION_START.fullmatch(line))


_NOTES = _rx(r"(?:Notes?|Sources?|Data|Credit)\s*:\s*\S.*", re.IGNORECASE)


def _caption_notes(line: str, ctx: _LineContext) -> bool:
    """"Notes:" or "Source:" under a caption belong to the figure."""
    return ctx.previous_kind == "caption" and bool(_NOTES.fullmatch(line))


_PHOTO = _rx(r"\(?(?:Photo|Photograph|Image|Video|Picture)s?(?: (?:by|credit|courtesy(?: of)?|illustration))?\s*[:.]?\s+\S.*"
             r"|.*\((?:[^()\n]{0,80}\s)?(?:photo|image|video|graphic|photo illustration)s?(?: by|/|:| courtesy)"
             r"[^()\n]{0,80}\)\s*\.?",
             re.IGNORECASE)


def _caption_photo(line: str, ctx: _LineContext) -> bool:
    """A photo caption: a line that opens with "Photo" or closes with a "(… photo by …)" credit."""
    return bool(_PHOTO.fullmatch(line))


_CREDIT = _rx(r"(?:Courtesy (?:photo|of)\b.*|(?:U\.S\.|DOD|DoD|Army|Navy|Air Force|Marine Corps|Space Force|"
              r"Coast Guard|National Guard)(?:\s[^\n]{0,40}?)?\s(?:photo|video|graphic)s? by\s.*|Credit\s*:.*)",
              re.IGNORECASE)


# Wire-photo credits: "Jane Roe—AP", "John Doe/Reuters", "AP Photo/Jane Roe", "Getty Images".
_AGENCY = r"(?:AP|AFP|Reuters|Getty Images|EPA(?:-EFE)?|UPI|Anadolu(?: Agency)?|Bloomberg|Xinhua|NurPhoto|Sipa USA)"
_AGENCY_CREDIT = _rx(rf"\(?(?:(?:[A-Z][\w.'’-]*\s+){{0,3}}[A-Z][\w.'’-]*\s*[—–/|]\s*{_AGENCY}(?:\s+via\s+[^\n]{{1,40}})?"
                     rf"|{_AGENCY}\s+Photo\s*/\s*[A-Z][^\n()]{{1,60}}|{_AGENCY})\)?\s*\.?")


def _credit_line(line: str, ctx: _LineContext) -> bool:
    """A credit on a line of its own: "U.S. Navy photo by Petty Officer 2nd Class Jane Doe", "Jane Roe—AP"."""
    return len(line) <= 160 and bool(_CREDIT.fullmatch(line) or _AGENCY_CREDIT.fullmatch(line))


def _caption_above_credit(text: str, lines: list[tuple[int, int]], kinds: list[str | None]) -> list[int]:
    """Prose lines standing right above a credit line: the caption of the photo credited ("Aid workers unload
    a truck at the crossing.\nJane Roe—AP")."""
    return [i - 1 for i in range(1, len(lines)) if kinds[i] == "credit" and kinds[i - 1] is None
            and lines[i - 1][1] - lines[i - 1][0] <= MAX_LINE and text.count("\n", lines[i - 1][1], lines[i][0]) == 1
            and not (i >= 2 and kinds[i - 2] is None and _runs_on(text, lines[i - 2], lines[i - 1][0]))]


_END_MARK = _rx(r"(?:#\s*){1,3}|-+\s*30\s*-+|-?\s*(?:END|ENDS|End)\s*-?|\*{3}|x{3}")
_LINKS = _rx(r"(?:Related(?: (?:Links|Articles|Stories|Content|Coverage|Topics))?|Read (?:more|also|next)|See also|"
             r"More (?:from|on)|Share(?: this(?: (?:article|story|page))?)?(?: on| via)?|Subscribe(?: to)?|Sign up|"
             r"Follow (?:us|the)|Click here|Download|Print(?: this)?|E-?mail this|Tags?|Topics?|Categories|"
             r"Learn more|Listen)\b\s*[:|>»]?.{0,200}", re.IGNORECASE)
_RELEASE_NO = _rx(r"(?:(?:News |Press )?Release|Statement)?\s*(?:No\.?|Number|Nr\.?|#)\s*:?\s*[A-Z0-9][\w\-/.]{1,30}",
                  re.IGNORECASE)


_CONTRIBUTORS = _rx(r"(?:(?:Additional )?reporting by|writing by|editing by|compiled by)\b.{0,200}|"
                    r".{0,160}\bcontributed (?:to )?(?:this |the )?(?:report|reporting|story|article)\.?", re.IGNORECASE)
_COPYRIGHT = _rx(r"(?:Copyright|©|\(c\))\s?.{0,160}|.{0,120}\bAll rights reserved\.?", re.IGNORECASE)


def _byline_contributors(line: str, ctx: _LineContext) -> bool:
    """Who wrote or helped: "Reporting by …; Editing by …", "… contributed to this report."."""
    return len(line) <= 240 and bool(_CONTRIBUTORS.fullmatch(line))


def _boilerplate_copyright(line: str, ctx: _LineContext) -> bool:
    """A copyright notice: "Copyright 2024 …", "© …", "All rights reserved."."""
    return len(line) <= 200 and bool(_COPYRIGHT.fullmatch(line))


def _boilerplate_end_mark(line: str, ctx: _LineContext) -> bool:
    """An end mark: "###", "-30-", "END"."""
    return bool(_END_MARK.fullmatch(line))


def _boilerplate_links(line: str, ctx: _LineContext) -> bool:
    """Related links, share and subscribe lines: "Related: …", "Share this:", "Subscribe to …"."""
    return len(line) <= 220 and bool(_LINKS.fullmatch(line)) and not line.endswith((".", "?")) or \
        bool(re.fullmatch(r"(?:Related|Share this|Subscribe|Follow us)\s*:?", line, re.IGNORECASE))


def _boilerplate_release_number(line: str, ctx: _LineContext) -> bool:
    """A release number on a line of its own: "Release No: 24-0116-01"."""
    return len(line) <= 50 and bool(_RELEASE_NO.fullmatch(line))


# inline and sentence rules: patterns over body text

_TIMEZONE = _rx(r"\((?:[A-Z][A-Za-z]*\s){0,3}(?:[Tt]ime|TIME)\)|\((?:local time|local|EST|EDT|ET|GMT|UTC|Zulu|Z|AST|"
                r"IDT|IST|PKT|EAT|CET|CEST|AST)\)")
_FIGURE_REF = _rx(r"\((?:see |See )?(?:Figure|Fig\.|Table|Map)s?\s\d+[A-Za-z]?(?:(?:,\s?|\sand\s|\sor\s|-)(?:Figure\s|"
                  r"Table\s|Map\s)?\d+[A-Za-z]?){0,4}\)")
_PHOTO_CREDIT = _rx(r"\((?:[^()\n]{0,60}\s)?(?:photo|image|video)s?(?: illustration)?(?: by |/)[^()\n]{1,80}\)",
                    re.IGNORECASE)
_INLINE_HEADING = _rx(r"(?<=[.!?][\"”’)]\s)|(?<=[.!?]\s)")  # sentence starts where an unmarked heading may sit
_HEADING_RUN = _rx(r"((?:[A-Z][a-z]+)(?:\s(?:of|and|the|in|on|for|to|with|at|[A-Z][a-z]+)){1,5}?)\s"
                   r"(?=(?:In|On|The|After|Since|During|As|While|Following|Amid|Despite|Before|Between|From|At|Over|By|"
                   r"Throughout|Until|When|Amid|A|An)\s[a-z0-9A-Z])")
_STARTERS = frozenset("In On The After Since During As While Following Amid Despite Before Between From At Over By "
                      "Throughout Until When A An It This That These Those He She They We I".split())


def _inline_heading(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Section headings that lost their line break ("… from Hezbollah. Escalation of Conflict In July …")."""
    for boundary in _INLINE_HEADING.finditer(text, start, end):
        at = boundary.start()
        match = _HEADING_RUN.match(text, at, min(end, at + 120))
        if not match:
            continue
        words = match.group(1).split()
        if words[0] in _STARTERS or not words[-1][0].isupper() or sum(w[0].isupper() for w in words) < 2:
            continue
        yield match.start(1), match.end(1)


_MORE_INFO = _rx(r"\(?(?:For (?:more|further|additional) (?:information|details)|More information (?:is|can be))\b.*",
                 re.IGNORECASE)
_POSTED = _rx(r".{0,120}\b(?:(?:will be|has been|have been|is|was|are) (?:posted|available|published) (?:on|at) "
              r"\S+|(?:has|have) (?:posted|published|put out|released) (?:a|the) (?:press release|statement|readout|"
              r"transcript|fact sheet)|(?:will|to) (?:put out|post|release|issue) (?:a|the) (?:press release|statement|"
              r"readout|transcript))\b.{0,80}", re.IGNORECASE)
_CROSS_REF = _rx(r"\((?:Available CRS|CRS (?:products|reports?|Insight|In Focus)|See (?:also )?(?:CRS|Figure|Table|"
                 r"the)|For (?:more|further|a|an|additional)\b)[^()]{0,300}\)\.?", re.IGNORECASE)


def _boilerplate_sentence(pattern: re.Pattern[str], limit: int = 40) -> Callable[[str], bool]:
    def test(sentence: str) -> bool:
        return len(sentence.split()) <= limit and bool(pattern.fullmatch(sentence))
    return test


# procedural talk: a cue must match, and what the sentence says besides must be only procedural words

_FILLER = frozenset("""
a about again ahead all alright also am an and any anything are as at back be been but by can do don't else
everybody everyone everything folks for from get go going good got had has have here hi hey i i'd i'll i'm i've if
in is it it's just let let's like me more much my no not now of ok okay on one or our out over quick quickly
really right so some sure than thank thanks that that's the them then there these they things this those to
today too up us very want was we we'd we'll we're we've well what when will with would yeah yes you you'll
your um uh great again first few couple lot bit little top things items start started starting kick off
questions question jump take taking open floor happy glad pleased ready cover joining join coming being
patience advance time appreciate sorry confusion format briefing phone line lines mute muted call calling
reporters reporter turn over hand leave refer information details updated posted informed along pass
follow afternoon morning evening welcome everybody's afternoon's through detailed address top here's hello
yet could today's you'd there's should may might please remarks after my opening statement sir ma'am
calls call out read
""".split())
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = ()  # filled below from RULES


def _residue(sentence: str, cues: list[re.Pattern[str]]) -> list[str]:
    for cue in cues:
        sentence = cue.sub(" ", sentence)
    return [w for w in re.findall(r"[A-Za-z][A-Za-z'’]*", sentence) if w.lower().replace("’", "'") not in _FILLER]


_NAME_CALL = _rx(r"(?:(?:Yes|Okay|OK|Sure|Go ahead|All right|Next)[,.]?\s+)?(?:[A-Z][a-z]+\s?){1,2}[?.]?"
                 r"|(?:Yes|Okay|OK|Sure|Go ahead|Next|Yeah|Right|Thanks?|Thank you)[,.!?]*(?:\s+[A-Z][a-z]+)?[,.!?]*")


def _name_call(sentence: str) -> bool:
    """A turn given to a reporter or a one-word reply: "Lita?", "Go ahead, Jim.", "Yeah."."""
    return len(sentence) <= 30 and bool(_NAME_CALL.fullmatch(sentence)) and (
        sentence.endswith("?") or sentence.split()[0].rstrip(",.!?") in
        {"Yes", "Okay", "OK", "Sure", "Go", "Next", "Yeah", "Right", "Thanks", "Thank", "All"})


# --- dateline and label patterns ---------------------------------------------------------------------------------

_AGENCY = r"\((?P<agency>[A-Z][\w.&' \-]{1,30})\)"
_DATE_IN = rf"(?P<date>{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)"
_UPPER_PLACE = _rx(
    r"(?P<place>[A-Z][A-Z.'’\-/]+(?:\s+[A-Z][A-Z.'’\-/]+){0,3}"
    r"(?:,\s*(?:[A-Z][A-Za-z.'’\-]*)(?:\s+[A-Z][A-Za-z.'’\-]*){0,2})?)"
    rf"(?:,\s*{_DATE_IN})?\s*(?:{_AGENCY})?\s*{_DASH}{{1,2}}\s+(?=\S)")
_TITLE_PLACE = _rx(
    r"(?P<place>[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){0,2}(?P<region>,\s*[A-Z][a-z.]+(?:\s+[A-Z][a-z.]+){0,2})?)"
    rf"(?:,\s*{_DATE_IN})?\s*(?:{_AGENCY})?\s*[\u2013\u2014]\s+(?=\S)")
_COLON_PLACE = _rx(rf"(?P<place>[A-Z][A-Z'’\-]{{2,}}(?:\s[A-Z][A-Z'’\-]{{2,}})?)(?:,\s*{_DATE_IN})?\s*:\s+(?=[A-Z])")

_LABEL = _rx(r"(?P<label>(?:Q|A|[A-Z][A-Z.'’\-]*(?:\s+(?:[A-Z][A-Z.'’\-]*|of|and|the|de|al|bin)){0,9})"
             r"(?:\s*\([^()\n]{1,40}\))?)\s*:(?=\s|$)")
_MIXED_LABEL = _rx(r"(?P<label>(?:Moderator|Question|Answer|Staff|Operator|Reporter|Audience Member|Participant|"
                   r"(?:Mr|Ms|Mrs|Dr|Sec|Gen|Adm|Amb|Col|Capt|Maj|Lt)\.|Secretary|General|Admiral|Ambassador|"
                   r"Spokesperson|Spokesman|Spokeswoman)(?:\s+[A-Z][\w.'’\-]*){0,3})\s*:(?=\s|$)")
_NOT_SPEAKERS = frozenset(("NOTE", "NOTES", "UPDATE", "UPDATED", "EDITOR'S NOTE", "EDITOR’S NOTE", "WARNING",
                           "IMPORTANT", "BREAKING", "WATCH", "READ", "RELATED", "SOURCE", "SOURCES", "PHOTO", "FIGURE",
                           "CREDIT", "TAGS", "SUBJECT", "RE", "TO", "FROM", "CC", "DATE", "WHEN", "WHERE", "WHAT",
                           "WHO", "WHY", "HOW", "SUMMARY", "BACKGROUND", "CONTACT", "MEDIA CONTACT", "U.S.", "FACT"))
_REPORTER = frozenset(("Q", "QUESTION", "REPORTER", "AUDIENCE MEMBER", "PARTICIPANT", "AUDIENCE"))
_MODERATOR = ("MODERATOR", "OPERATOR", "STAFF", "HOST")
_ROLE_LEADS = frozenset(
    "MR. MS. MRS. DR. SEC. GEN. ADM. AMB. COL. CAPT. MAJ. LT. SGT. SECRETARY GENERAL ADMIRAL AMBASSADOR SPOKESPERSON "
    "SPOKESMAN SPOKESWOMAN MODERATOR OPERATOR STAFF Q A QUESTION ANSWER REPORTER PRESIDENT MINISTER CHAIRMAN "
    "DIRECTOR".split())
_TITLE_WORDS = frozenset(
    "MR. MS. MRS. DR. SEC. GEN. ADM. AMB. COL. CAPT. MAJ. LT. SGT. BRIG. REAR VICE DEPUTY ASSISTANT UNDER PRINCIPAL "
    "PENTAGON PRESS SECRETARY OF DEFENSE STATE THE AND FOR NATIONAL SECURITY ADVISER ADVISOR GENERAL MAJOR BRIGADIER "
    "LIEUTENANT COLONEL CAPTAIN ADMIRAL AIR FORCE ARMY NAVY MARINE CORPS SPACE COAST GUARD AMBASSADOR SPOKESPERSON "
    "SPOKESMAN SPOKESWOMAN CHAIRMAN CHAIR JOINT CHIEFS STAFF COMMANDER DIRECTOR PRESIDENT VICE MINISTER SENIOR "
    "OFFICIAL ADMINISTRATION DEPARTMENT U.S. US WHITE HOUSE COMMUNICATIONS COORDINATOR STRATEGIC Q A QUESTION "
    "ANSWER MODERATOR OPERATOR REPORTER HOST".split())


def _split_label(label: str) -> tuple[str, str, str]:
    """(speaker as written, title words, name words) of a label without its colon."""
    speaker = label.strip()
    base = re.sub(r"\s*\([^()]*\)\s*$", "", speaker)
    words = base.split()
    i = 0
    while i < len(words) and words[i].upper() in _TITLE_WORDS:
        i += 1
    if i == len(words) and words:  # all title words ("SECRETARY", "STAFF"): no name
        return speaker, base, ""
    return speaker, " ".join(words[:i]), " ".join(words[i:])


def _role(label: str) -> str:
    upper = re.sub(r"\s*\([^()]*\)\s*$", "", label).upper().strip()
    if upper in _REPORTER or upper.startswith("Q ") or upper.startswith("QUESTION"):
        return "reporter"
    if any(word in upper.split() for word in _MODERATOR):
        return "moderator"
    return "official"


def _label_at(text: str, start: int, end: int, multiple: bool) -> tuple[int, int, str] | None:
    """A speaker label at ``start``: (label start, colon end, label text)."""
    window = text[start:min(end, start + MAX_LABEL + 2)]
    match = _LABEL.match(window) or _MIXED_LABEL.match(window)
    if not match:
        return None
    label = match.group("label").strip()
    base = re.sub(r"\s*\([^()]*\)\s*$", "", label)
    words = base.split()
    if not words or base.upper() in _NOT_SPEAKERS or len(base) > MAX_LABEL:
        return None
    if not any(c.isalpha() for c in base):
        return None
    if len(words) == 1 and base.upper() not in _ROLE_LEADS and not multiple:
        return None  # "ISLAMABAD:" alone is a dateline, not a speaker
    if words[0].upper() in _ROLE_LEADS or len(words) >= 2 or multiple or base in ("Q", "A"):
        return start + match.start("label"), start + match.end(), label
    return None


# --- the registry ------------------------------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    # lines
    Rule("heading-title", "heading", "the article's title repeated on a line of its own",
         "Deputy Press Secretary Holds a Briefing\n\nDEPUTY PRESS SECRETARY JANE ROE: Good morning.", "line",
         _title_repeated),
    Rule("dateline-date-line", "dateline", "a date on a line of its own, with an optional 'Updated' or time",
         "Aug. 22, 2024\n\nThe ship entered the area on Monday.", "line", _date_line),
    Rule("byline-by", "byline", "'By' and the writer's name on a line of its own",
         "By Jane Roe, DOD News\n\nThe ship entered the area on Monday.", "line", _byline_by),
    Rule("byline-name-role", "byline", "a name and a role on a line of their own at the head of the text",
         "JOHN DOE, DEPARTMENT SPOKESPERSON\nThe United States imposed sanctions today.", "line", _byline_name_role),
    Rule("byline-attribution", "byline", "the line that says who gives the statement that follows",
         "Press Secretary John Doe provided the following readout:\n\nThe Secretary spoke with his counterpart.",
         "line", _byline_attribution),
    Rule("byline-contributors", "byline", "who reported, wrote or edited, on a line of its own",
         "The convoy reached the base.\nReporting by Jane Roe in Cairo; Editing by John Doe", "line",
         _byline_contributors),
    Rule("heading-doctype", "heading", "a document-type label at the head: PRESS STATEMENT, Readout, Media Note",
         "PRESS STATEMENT\nThe United States imposed sanctions today.", "line", _heading_doctype),
    Rule("caption-figure", "caption", "a figure, table or map caption line: 'Figure 1. …'",
         "Figure 2. Reported strikes on the port (July 20, 2024)\nThe strikes hit fuel depots.", "line", _caption_figure),
    Rule("caption-notes", "caption", "'Notes:' or 'Source:' right under a caption belongs to the figure",
         "Figure 1. Reported strikes\nSource: the ministry's maps.\nThe strikes hit fuel depots.", "line",
         _caption_notes),
    Rule("caption-photo", "caption", "a photo caption line: opens with 'Photo' or ends with a '(… photo by …)' credit",
         "Sailors load supplies aboard a destroyer. (U.S. Navy photo by Seaman Jane Roe)\nThe ship sailed.",
         "line", _caption_photo),
    Rule("credit-line", "credit", "a photo or video credit on a line of its own",
         "U.S. Army photo by Sgt. John Doe\nThe convoy reached the base.", "line", _credit_line),
    Rule("caption-above-credit", "caption", "the prose line right above a credit line is the photo's caption",
         "Aid workers unload a truck at the crossing.\nJane Roe—AP\nThe convoy reached the base.", "above",
         _caption_above_credit),
    Rule("boilerplate-end-mark", "boilerplate", "an end-of-release mark: ###, -30-, END",
         "The convoy reached the base.\n###", "line", _boilerplate_end_mark),
    Rule("boilerplate-links", "boilerplate", "related-links, share, subscribe and follow lines",
         "The convoy reached the base.\nRelated: Navy completes exercise", "line", _boilerplate_links),
    Rule("boilerplate-copyright", "boilerplate", "a copyright notice line",
         "The convoy reached the base.\nCopyright 2024 Example News. All rights reserved.", "line",
         _boilerplate_copyright),
    Rule("boilerplate-release-number", "boilerplate", "a release number on a line of its own",
         "Release No: 24-0116-01\nThe convoy reached the base.", "line", _boilerplate_release_number),
    Rule("heading-short-line", "heading", "a short title-case line with no closing stop: a section heading",
         "Overview\nThe conflict escalated in April.", "line", _heading_short_line),
    # the head of the first body paragraph
    Rule("dateline-place", "dateline", "an upper-case place dateline before a dash, with state, date or agency",
         "TAMPA, Fla. – Forces destroyed two drones on Monday.", "lead", _UPPER_PLACE),
    Rule("dateline-titlecase", "dateline", "a title-case 'City, Country –' or 'City (Agency) –' dateline",
         "Beirut, Lebanon — An explosion shook the port on Tuesday.", "lead", _TITLE_PLACE),
    Rule("dateline-colon", "dateline", "a one-word upper-case place before a colon, in a text with no speakers",
         "ISLAMABAD: Gunmen attacked a convoy on Sunday.", "lead", _COLON_PLACE),
    # transcripts
    Rule("speaker-label", "speaker", "a transcript speaker label at the start of a paragraph: 'MS. SINGH:', 'Q:'",
         "Q: Can you say where the ship is?\n\nMS. ROE: It is in the region.", "label", _label_at),
    Rule("procedural-moderator-turn", "procedural", "a moderator's or staff member's turn only runs the briefing",
         "MODERATOR: Next we go to Jane Roe.\n\nQ: Thank you. Where is the ship?", "turn", _role),
    # inline
    Rule("boilerplate-timezone", "boilerplate", "a time-zone note in parentheses: '(Sanaa time)', '(EST)'",
         "At 4:00 a.m. (Sanaa time), the crew reported damage.", "inline", _TIMEZONE),
    Rule("boilerplate-figure-ref", "boilerplate", "a reference to a figure or table in parentheses: '(Figure 1)'",
         "The group has targeted (Figure 1) ships near the strait.", "inline", _FIGURE_REF),
    Rule("credit-inline", "credit", "a photo credit in parentheses inside a paragraph",
         "Marines unload supplies (U.S. Marine Corps photo by Cpl. John Doe) at the port.", "inline", _PHOTO_CREDIT),
    Rule("heading-inline", "heading",
         "a section heading run into the next paragraph: '… Escalation of Conflict In July …'",
         "The border was quiet. Escalation of Conflict In July, attacks by both sides escalated.", "inline",
         _inline_heading),
    # sentences anywhere
    Rule("boilerplate-more-info", "boilerplate", "'For more information …' pointers",
         "The sanctions take effect today. For more information on this action, see the Treasury's release.",
         "sentence", _boilerplate_sentence(_MORE_INFO)),
    Rule("boilerplate-posted", "boilerplate", "notes that a release or readout is or will be posted",
         "The ship entered the area. A full readout will be posted on the department's website.", "sentence",
         _boilerplate_sentence(_POSTED, 30)),
    Rule("boilerplate-cross-ref", "boilerplate", "a parenthesised pointer to other reports: '(Available CRS products …)'",
         "Rebels took the city. (Available CRS products discuss the war's history.)", "sentence",
         _boilerplate_sentence(_CROSS_REF, 60)),
    # transcript talk (sentences of turns; reporters' questions stay body)
    Rule("procedural-greeting", "procedural", "greetings and openers: 'Hi, everyone. Good afternoon.', 'All right.'",
         "MS. ROE: Good afternoon, everyone. The ship entered the area.", "talk",
         _rx(r"\b(?:hi|hello|hey|good (?:morning|afternoon|evening|day)|welcome(?: back)?|all right|alright|okay)\b",
             re.IGNORECASE)),
    Rule("procedural-thanks", "procedural", "thanks for joining, for patience, for doing this",
         "Q: Thank you for doing this. Where is the ship?", "talk",
         _rx(r"\b(?:thank you|thanks)(?: (?:so|very) much)?(?: (?:all|everyone|everybody|again|sir|ma'am))?"
             r"(?: for (?:joining(?: us)?|coming|being here|doing this|having (?:me|us)|your (?:patience|time|question)"
             r"|the question|taking (?:my|the|our) questions?))?(?: in advance)?\b|\bappreciate (?:it|you|that)\b",
             re.IGNORECASE)),
    Rule("procedural-agenda", "procedural", "how the briefing will run: 'a few things at the top', 'get started'",
         "MS. ROE: Just a few things at the top. The ship entered the area.", "talk",
         _rx(r"\b(?:(?:a|just a) (?:few|couple of|couple) (?:things|items|announcements|updates)|(?:not|n't) have "
             r"(?:that|very|too) much|quite a bit to cover|at the top|get (?:started|going)|go ahead and (?:get started|"
             r"start|begin)|be quick|go through some|jump (?:right )?in|kick (?:it |things )?off|over the phone|"
             r"briefing format|sorry for any confusion)\b", re.IGNORECASE)),
    Rule("procedural-handover", "procedural", "handing the floor to another speaker: 'With that, I'll turn it over to …'",
         "SECRETARY DOE: With that, I'll turn it over to the Chairman.", "talk",
         _rx(r"\b(?:turn|hand|pass) (?:it|things|the floor|the podium) (?:over |back )?(?:over )?to (?:the |our |my )?"
             r"[A-Za-z][\w.\-]*(?: (?:of|the|[A-Z][\w.\-]*)){0,6}", re.IGNORECASE)),
    Rule("procedural-questions", "procedural", "turning to questions: 'happy to take your questions', 'With that, …'",
         "MS. ROE: With that, happy to take your questions.", "talk",
         _rx(r"\b(?:(?:happy|glad|ready|pleased) to (?:jump in and )?take (?:your |some |a few )?questions|take "
             r"(?:your |some |a few )?questions|(?:get|go|move|turn) (?:right )?(?:to|into) (?:your |the )?questions|"
             r"have you jump in|any questions|open (?:it|the floor) up|next question|last question|one more question|"
             r"with that)\b", re.IGNORECASE)),
    Rule("procedural-logistics", "procedural", "call logistics: 'keep your phones on mute', 'I'll call on reporters'",
         "MR. DOE: Please keep your phones on mute, and I'll call on reporters after my remarks.", "talk",
         _rx(r"\b(?:keep (?:your )?(?:phones?|lines?|microphones?|mics?) (?:on )?mute|on mute|call on (?:reporters|"
             r"folks|you|people)|(?:phone )?lines? (?:is|are) open|raise your hand)\b", re.IGNORECASE)),
    Rule("procedural-deflection", "procedural", "non-answers: 'I'll just leave it at that', 'I'd refer you to CENTCOM'",
         "MS. ROE: For more on that, I'd refer you to the command. I'll just leave it at that.", "talk",
         _rx(r"\b(?:(?:for (?:more|further|additional)(?: (?:information|details))?(?: on| about)? [^,.]{0,60},\s*)?"
             r"I(?:'d| would)? refer you(?: back)? to [A-Z][\w.\-]*(?: [A-Z][\w.\-]*)*(?: for [^.]{0,60})?|"
             r"(?:I(?:'ll| will) )?(?:just )?leave it (?:at that|there)|I (?:don't|do not) have (?:an? )?(?:exact|"
             r"specific|more|further|any|anything)(?: [a-z]+){0,2}(?: (?:for you|to (?:share|provide|announce|"
             r"offer|read out)(?: for you)?))?(?: (?:just yet|at this time|right now|today|yet))?|(?:we|I)(?:'ll| will) (?:be sure to )?"
             r"(?:keep you (?:updated|posted|informed)|pass (?:that|this|the) (?:information )?along|get back to you|"
             r"follow up)|(?:as|when) we have (?:more |any )?(?:updates|information)(?: on [^,]{0,60})?|take that "
             r"question)\b", re.IGNORECASE)),
    Rule("procedural-name-call", "procedural", "giving the floor or a one-word reply: 'Lita?', 'Go ahead, Jim.', 'Yeah.'",
         "MS. ROE: With that, happy to take your questions. Lita?", "talk", _name_call),
)
_BY_ID = {r.id: r for r in RULES}
_LINE_RULES = [r for r in RULES if r.scope == "line"]
_CUE_RULES = [r for r in RULES if r.scope == "talk" and isinstance(r.test, re.Pattern)]
_SENTENCE_RULES = [r for r in RULES if r.scope == "sentence"]


def rule(rule_id: str) -> Rule:
    """The rule with this id (KeyError if none)."""
    return _BY_ID[rule_id]


# --- text pieces ---------------------------------------------------------------------------------------------

_LINE = _rx(r"[^\n]*")


def _lines(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end) without surrounding white space."""
    out = []
    for match in _LINE.finditer(text):
        s, e = match.start(), match.end()
        if s == e:
            continue
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e and (not out or out[-1] != (s, e)):
            out.append((s, e))
    return out


_ABBREVIATIONS = frozenset(
    "mr mrs ms dr sr jr st mt ft gen lt col maj capt cpt sgt cpl pvt pfc spc adm cmdr cdr brig sen rep gov sec amb "
    "rev prof no nos vol fig figs approx est dept univ inc co corp ltd vs etc al jan feb mar apr jun jul aug sep "
    "sept oct nov dec fla calif ariz colo conn del ga ill ind kan ky la md mass mich minn miss mo mont neb nev okla "
    "ore pa tenn tex va vt wash wis wyo p.m a.m u.s u.k u.n e.g i.e d.c".split())
_SENTENCE_END = _rx(r"[.!?]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as (start, end), by punctuation with common abbreviations kept whole."""
    out, at = [], start
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.end()
        if text[match.start()] == ".":
            word = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(at, match.start() - 12):match.start()])
            token = word.group(1).lower() if word else ""
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()) or (
                    "." in token and len(token) <= 6 and token not in ("a.m", "p.m")):
                continue
        out.append((at, stop))
        at = stop
        while at < end and text[at].isspace():
            at += 1
    if at < end:
        out.append((at, end))
    return [(s, e) for s, e in out if s < e]


# --- the reader ---------------------------------------------------------------------------------------------


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.regions: list[Region] = []

    def add(self, start: int, end: int, kind: str, rule_id: str) -> None:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if start < end:
            self.regions.append(Region(start, end, kind, rule_id))

    def covered(self, start: int, end: int, since: int) -> bool:
        """Whether a region added after the first ``since`` ones overlaps ``[start, end)``."""
        return any(r.start < end and start < r.end for r in self.regions[since:])


def _classify_line(line: str, ctx: _LineContext) -> Rule | None:
    if len(line) > MAX_LINE:
        return None
    for candidate in _LINE_RULES:
        if candidate.test(line, ctx):  # type: ignore[operator]
            return candidate
    return None


def _runs_on(text: str, line: tuple[int, int], next_start: int) -> bool:
    """A prose line that continues on the next line: long, no closing stop, no blank line between."""
    s, e = line
    return e - s >= 50 and text[e - 1] not in _TERMINAL and text[e - 1] != ":" and text.count("\n", e, next_start) == 1


def _paragraphs(text: str, lines: list[tuple[int, int]], kinds: list[str | None]) -> list[tuple[int, int]]:
    """Body lines grouped into paragraphs; a long line without a closing stop runs on into the next line."""
    out: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for i, (s, e) in enumerate(lines):
        if kinds[i] is not None:
            if current:
                out.append(current)
            current = None
            continue
        if current is None:
            current = (s, e)
        else:
            current = (current[0], e)
        if not (i + 1 < len(lines) and kinds[i + 1] is None and _runs_on(text, (s, e), lines[i + 1][0])):
            out.append(current)
            current = None
    if current:
        out.append(current)
    return out


def read_layout(text: str, title: str | None = None) -> Layout:
    """The layout of one article: non-body regions, transcript turns, dateline and lead."""
    build = _Builder(text)
    lines = _lines(text)
    kinds: list[str | None] = [None] * len(lines)
    previous: str | None = None
    before_body = True
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        ctx = _LineContext(title or "", i, before_body, previous, i > 0 and _runs_on(text, lines[i - 1], s))
        found = _classify_line(line, ctx)
        if found is not None and not (found.id == "heading-short-line" and _LABEL.match(line[:MAX_LABEL + 2])):
            build.add(s, e, found.kind, found.id)
            kinds[i] = found.kind
            previous = found.kind
        else:
            previous = "body"
            before_body = False
    for i in _caption_above_credit(text, lines, kinds):
        build.add(lines[i][0], lines[i][1], "caption", "caption-above-credit")
        kinds[i] = "caption"
    paragraphs = _paragraphs(text, lines, kinds)

    # speaker labels open paragraphs; one-word labels count only when the text has several labels
    heads = [(p, _label_at(text, p[0], p[1], multiple=True)) for p in paragraphs]
    if sum(1 for _, found in heads if found) < 2:  # one label: a one-word one must be a role ("Q", "MODERATOR")
        heads = [(p, _label_at(text, p[0], p[1], multiple=False)) for p in paragraphs]
    labelled = [(p, found) for p, found in heads if found]
    turns: list[Turn] = []
    for k, (p, (ls, le, label)) in enumerate(labelled):
        body_end = labelled[k + 1][0][0] if k + 1 < len(labelled) else len(text)
        body_start = le
        while body_start < body_end and text[body_start].isspace():
            body_start += 1
        stop = body_end
        while stop > body_start and text[stop - 1].isspace():
            stop -= 1
        speaker, words, name = _split_label(label)
        turns.append(Turn(ls, le, speaker, words, name, _role(label), body_start, stop))
        build.add(ls, le, "speaker", "speaker-label")
    transcript = bool(turns)

    # the dateline heads the first body paragraph of a text that is not a transcript
    dateline = None
    if paragraphs and not transcript:
        dateline = _dateline(text, paragraphs[0])
        if dateline is not None:
            build.add(dateline.start, dateline.end, "dateline", dateline_rule(text, dateline))

    # sentences: boilerplate anywhere, procedural talk in turns; moderator turns whole
    for turn in turns:
        if turn.role == "moderator" and turn.body_end > turn.body_start:
            build.add(turn.body_start, turn.body_end, "procedural", "procedural-moderator-turn")
    starts = [t.label_start for t in turns]
    for ps, pe in paragraphs:
        turn = _turn_of(turns, starts, ps)
        if turn is not None and turn.role == "moderator":
            continue
        since = len(build.regions)
        body_from = ps
        if turn is not None and turn.label_start == ps:
            body_from = turn.body_start
        if dateline is not None and dateline.start == ps:
            body_from = dateline.end
        for ss, se in _sentences(text, body_from, pe):
            if se - ss > MAX_SENTENCE:
                continue
            sentence = text[ss:se]
            found = _sentence_rule(sentence, transcript)
            if found is not None:
                build.add(ss, se, found.kind, found.id)
        _inline(build, ps, pe, since)

    regions = tuple(_settle(build.regions))
    starts = tuple(r.start for r in regions)
    turn_starts = tuple(t.label_start for t in turns)
    draft = Layout(len(text), regions, transcript, tuple(turns), dateline, None, tuple(paragraphs), starts, turn_starts)
    return Layout(len(text), regions, transcript, tuple(turns), dateline, _lead(text, draft), tuple(paragraphs),
                  starts, turn_starts)


def dateline_rule(text: str, dateline: Dateline) -> str:
    """Which dateline rule read this dateline."""
    head = text[dateline.start:dateline.end].rstrip()
    if head.endswith(":"):
        return "dateline-colon"
    return "dateline-place" if dateline.place[:2].isupper() else "dateline-titlecase"


def _dateline(text: str, paragraph: tuple[int, int]) -> Dateline | None:
    start, end = paragraph
    window = text[start:min(end, start + 120)]
    for pattern in (_UPPER_PLACE, _TITLE_PLACE, _COLON_PLACE):
        match = pattern.match(window)
        if not match:
            continue
        if pattern is _TITLE_PLACE and not (match.group("agency") or match.group("region")):
            continue
        if pattern is _UPPER_PLACE and len(match.group("place").split(",")[0].replace(".", "")) < 2:
            continue
        if match.end() >= len(window.rstrip()):
            return None  # nothing after it: not a dateline of a paragraph
        found = match.groupdict()
        return Dateline(start, start + match.end(), found["place"], start + match.start("place"),
                        start + match.end("place"), found.get("date"), found.get("agency"))
    return None


def _turn_of(turns: Sequence[Turn], starts: Sequence[int], offset: int) -> Turn | None:
    """The last turn whose label starts at or before ``offset`` (``starts``: the turns' label starts)."""
    i = bisect.bisect_right(starts, offset) - 1
    return turns[i] if i >= 0 else None


def _sentence_rule(sentence: str, talk: bool) -> Rule | None:
    for candidate in _SENTENCE_RULES:
        if candidate.test(sentence):  # type: ignore[operator]
            return candidate
    if not talk:
        return None
    if _name_call(sentence):
        return _BY_ID["procedural-name-call"]
    cues = [r for r in _CUE_RULES if r.test.search(sentence)]  # type: ignore[union-attr]
    if cues and not _residue(sentence, [r.test for r in _CUE_RULES]):  # type: ignore[misc]
        return cues[0]
    return None


def _inline(build: _Builder, start: int, end: int, since: int) -> None:
    """Inline regions of one paragraph, outside the regions already added for it (from ``since`` on)."""
    text = build.text
    for name in ("boilerplate-timezone", "boilerplate-figure-ref", "credit-inline"):
        found = _BY_ID[name]
        for match in found.test.finditer(text, start, end):  # type: ignore[union-attr]
            if not build.covered(match.start(), match.end(), since):
                build.add(match.start(), match.end(), found.kind, found.id)
    for s, e in _inline_heading(text, start, end):
        if not build.covered(s, e, since):
            build.add(s, e, "heading", "heading-inline")


def _settle(regions: list[Region]) -> list[Region]:
    """Sorted, with a region inside an earlier, larger one dropped (never two regions over one character)."""
    regions.sort(key=lambda r: (r.start, -r.end))
    out: list[Region] = []
    for region in regions:
        if out and region.start < out[-1].end:
            if region.end <= out[-1].end:
                continue
            region = Region(out[-1].end, region.end, region.kind, region.rule)
        out.append(region)
    return out


def _lead(text: str, layout: Layout) -> tuple[int, int] | None:
    """The first paragraph with at least six words of body, from its first body word; in a transcript, the
    first such paragraph spoken by an official (not a reporter or a moderator)."""
    for ps, pe in layout.paragraphs:
        turn = _turn_of(layout.turns, layout._turn_starts, ps)
        if turn is not None and turn.role != "official":
            continue
        spans = [(s, e) for s, e in layout.body_spans(ps, pe) if re.search(r"[A-Za-z]", text[s:e])]
        words = sum(len(re.findall(r"[A-Za-z]+", text[s:e][:MAX_LINE * 4])) for s, e in spans)
        if words >= 6:
            start = spans[0][0]
            while start < pe and not text[start].isalnum() and text[start] not in "\"“'‘(":
                start += 1
            return start, pe
    return None
