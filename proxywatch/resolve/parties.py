"""Party resolution: a mention ("Iran-backed militants", "three American soldiers") → :class:`Party`.

Order: sponsors stated in the text ("X-backed", "pro-X", "X's proxies"); a known
actor by alias; otherwise the country from a demonym or country name and the
kind from the head noun. Sponsors from the knowledge base are those valid on
the event's date.
"""

from __future__ import annotations

import re

from proxywatch.records import Party
from proxywatch.resolve.kb import KnowledgeBase

__all__ = ["resolve_party", "KIND_NOUNS"]

KIND_NOUNS: dict[str, str] = {
    **{w: "military" for w in (
        "soldier troop force military army navy personnel serviceman servicemember marine base outpost "
        "garrison destroyer warship coalition commando airman patrol convoy unit artillery aircraft jet "
        "warplane bomber helicopter tank gunboat airforce battalion brigade sailor"
    ).split()},
    **{w: "armed_group" for w in (
        "militia militant rebel group fighter insurgent faction proxy jihadist gunman gunmen guerrilla "
        "movement"
    ).split()},
    **{w: "government" for w in (
        "official government ministry minister president administration authority spokesman spokesperson "
        "diplomat envoy regime cabinet"
    ).split()},
    **{w: "civilians" for w in (
        "civilian people resident child woman crew vessel ship tanker freighter carrier shipping passenger "
        "villager family worker"
    ).split()},
    **{w: "organization" for w in "organization organisation agency company charity".split()},
}

_SPONSOR_RE = re.compile(
    r"\b([A-Z][A-Za-z.]+)[\s-](?:backed|sponsored|supported|aligned|allied|funded|armed|linked|affiliated)\b"
)
_PRO_RE = re.compile(r"\bpro[\s-]([A-Z][a-z]+)\b")
_PROXY_RE = re.compile(r"\b([A-Z][a-z]+)(?:'s|ian)?\s+prox(?:y|ies)\b")


def _text_sponsors(text: str, kb: KnowledgeBase) -> tuple[list[str], str]:
    """Sponsor states named in the mention, and the mention with those phrases removed."""
    found: list[str] = []
    rest = text
    for pattern in (_SPONSOR_RE, _PRO_RE, _PROXY_RE):
        for match in pattern.finditer(text):
            code = kb.gazetteer.country_code(match.group(1))
            if code and code not in found:
                found.append(code)
                rest = rest.replace(match.group(0), " " if pattern is not _PROXY_RE else " proxies")
    return found, " ".join(rest.split())


def resolve_party(text: str, head_lemma: str, kb: KnowledgeBase, day: str | None = None,
                  is_person: bool = False) -> Party:
    """Resolve a mention's core text (no trailing clauses) to a :class:`Party`."""
    sponsors, rest = _text_sponsors(text, kb)
    actor = kb.find_actor(rest) if rest else None
    head_kind = KIND_NOUNS.get(head_lemma.lower())
    if actor is not None:
        kind = actor.kind
        if actor.kind == "state" and head_kind and normalize_head(rest) != normalize_head(actor.name):
            kind = head_kind  # "Iraq's government", "Jordan's army"
        for code in kb.sponsors(actor, day):
            if code not in sponsors:
                sponsors.append(code)
        return Party(text=text, id=actor.id, name=actor.name, country=actor.country, kind=kind,
                     sponsors=tuple(sponsors))
    country = None
    for word in re.findall(r"[A-Za-z][A-Za-z.']*(?:\s+(?:Arabia|States|Kingdom|Emirates))?",
                           re.sub(r"['’]s\b", "", rest)):  # "Israel's military"
        country = kb.gazetteer.country_code(word) or (
            kb.gazetteer.country_code(word[:-1]) if word.endswith("ns") else None)  # "Americans"
        if country:
            break
    kind = "person" if is_person else head_kind
    if kind is None and country and kb.gazetteer.country_code(rest) == country:
        kind = "state"
    if sponsors and kind is None:
        kind = "armed_group"
    return Party(text=text, country=country, kind=kind, sponsors=tuple(sponsors))


def normalize_head(text: str) -> str:
    return text.lower().removeprefix("the ").strip()
