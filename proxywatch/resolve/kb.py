"""The knowledge base: actors (with dated parents and sponsor facts) and the gazetteer.

Built once by :func:`load_kb` and passed into the extractor; nothing is loaded at import time.
Each YAML file is checked against :mod:`proxywatch.resolve.schema` as it is read; extra files
(``--kb FILE.yaml``) are merged over the built-in ones: an actor with a known id replaces it, a
place with a known name replaces it, anything else is added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

from proxywatch.errors import ProxywatchError
from proxywatch.resolve.gazetteer import Gazetteer, Hosting, PlaceEntry
from proxywatch.resolve.gazetteer import valid_on as _valid_on
from proxywatch.resolve.names import MIN_FOLDED, closest, fold, normalize
from proxywatch.resolve.schema import validate_kb_file

__all__ = ["Actor", "Hosting", "Link", "Sponsorship", "Gazetteer", "KnowledgeBase", "PlaceEntry", "load_kb", "normalize",
           "read_kb_file"]


@dataclass(frozen=True)
class Sponsorship:
    state: str
    since: str | None = None
    until: str | None = None
    source: str | None = None

    def valid_on(self, day: str | None) -> bool:
        """True when the fact holds on ``day`` (ISO date); with no day, when it still holds."""
        return _valid_on(self.since, self.until, day)


@dataclass(frozen=True)
class Link:
    """A dated parent: the organisation an actor belonged to (or led) from ``since`` to ``until``."""

    id: str
    since: str | None = None
    until: str | None = None

    def valid_on(self, day: str | None) -> bool:
        return _valid_on(self.since, self.until, day)


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    country: str | None
    kind: str
    aliases: tuple[str, ...] = ()
    parents: tuple[Link, ...] = ()
    sponsors: tuple[Sponsorship, ...] = ()
    wikidata: str | None = None
    note: str | None = None
    prefer: tuple[str, ...] = ()

    @property
    def parent(self) -> str | None:
        """The latest parent's id (undated view)."""
        return self.parents[-1].id if self.parents else None

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass
class KnowledgeBase:
    actors: dict[str, Actor] = field(default_factory=dict)
    gazetteer: Gazetteer = field(default_factory=Gazetteer)
    _exact: dict[str, list[str]] | None = field(default=None, repr=False)
    _folded: dict[str, str] | None = field(default=None, repr=False)

    def add(self, actor: Actor) -> None:
        """Add an actor, replacing one with the same id."""
        self.actors.pop(actor.id, None)  # a replacement moves to the end: it wins shared aliases
        self.actors[actor.id] = actor
        self._exact = self._folded = None

    # --- alias index ------------------------------------------------------------------------------
    def alias_index(self) -> dict[str, list[str]]:
        """Normalized alias → ids of the actors that use it (more than one: see ``prefer``)."""
        if self._exact is None:
            exact: dict[str, list[str]] = {}
            folded: dict[str, set[str]] = {}
            for actor in self.actors.values():
                for alias in actor.names():
                    ids = exact.setdefault(normalize(alias), [])
                    if actor.id not in ids:
                        ids.append(actor.id)
                    key = fold(alias)
                    if len(key.replace(" ", "")) >= MIN_FOLDED:
                        folded.setdefault(key, set()).add(actor.id)
            self._exact = exact
            # a folded key that would join two actors is not used
            self._folded = {k: next(iter(v)) for k, v in folded.items() if len(v) == 1}
        return self._exact

    def _owner(self, key: str) -> str | None:
        ids = self.alias_index().get(key)
        if not ids:
            return None
        if len(ids) > 1:
            preferred = [i for i in ids if key in {normalize(a) for a in self.actors[i].prefer}]
            if preferred:
                return preferred[-1]
        return ids[-1]

    def find_actor(self, text: str) -> Actor | None:
        """The actor named by the longest run of words in ``text`` that is an alias.

        Each run is tried as written (normalized), then transliteration-blind (folded), before any
        shorter run: "Kataeb Hizbullah" is Kata'ib Hezbollah, not Hezbollah.
        """
        index = self.alias_index()
        assert self._folded is not None
        words = normalize(text).split()
        folded_words = [fold(w) for w in words]
        for n in range(min(len(words), 10), 0, -1):
            for i in range(len(words) - n + 1):
                key = " ".join(words[i:i + n])
                if key in index:
                    return self.actors[self._owner(key)]  # type: ignore[index]
                fkey = " ".join(w for w in folded_words[i:i + n] if w)
                if n == 1 and self._is_country_word(words[i]):
                    continue  # "Palestinians" is not "Palestine" the state
                if fkey and fkey in self._folded and len(fkey.replace(" ", "")) >= MIN_FOLDED:
                    return self.actors[self._folded[fkey]]
        return None

    def _is_country_word(self, word: str) -> bool:
        code = self.gazetteer.country_code
        return bool(code(word) or (word.endswith("s") and code(word[:-1])))

    def search(self, query: str, limit: int = 50) -> list[Actor]:
        """Actors whose id, name or an alias contains ``query``; else the one it names; else the nearest
        spellings (:func:`~proxywatch.resolve.names.closest`)."""
        key = normalize(query)
        found = [a for a in self.actors.values()
                 if not key or key in a.id.replace("-", " ") or any(key in normalize(n) for n in a.names())]
        if not found and key:
            actor = self.find_actor(query)
            found = [actor] if actor else closest(
                query, {normalize(n): a for a in self.actors.values() for n in a.names()}, limit=5)
        return found[:limit]

    # --- chains ---------------------------------------------------------------------------------
    def parent_of(self, actor: Actor, day: str | None = None) -> Actor | None:
        """The actor's parent on ``day``: the dated link valid then, or with no day the current one."""
        valid = [link for link in actor.parents if link.valid_on(day)]
        if not valid and day is None and actor.parents:
            valid = [actor.parents[-1]]
        return self.actors.get(valid[-1].id) if valid else None

    def chain(self, actor: Actor, day: str | None = None) -> list[Actor]:
        """The actor and its parents up to the top, on ``day``."""
        out = [actor]
        current = self.parent_of(actor, day)
        while current is not None and current not in out:
            out.append(current)
            current = self.parent_of(current, day)
        return out

    def occupant(self, place_name: str | None, day: str | None) -> Actor | None:
        """The forces a curated site hosts on ``day`` ("Ain al-Asad Air Base": US forces), or None."""
        entry = self.gazetteer.lookup(place_name) if place_name else None
        if entry is None or entry.precision != "site":
            return None
        hosted = [self.actors.get(h.actor) for h in entry.hosts if h.valid_on(day)]
        return hosted[0] if len(hosted) == 1 else None  # two occupants: whose is not known

    def sponsors(self, actor: Actor, day: str | None) -> tuple[str, ...]:
        """States backing the actor on ``day``, following the parent chain."""
        seen: list[str] = []
        for link in self.chain(actor, day):
            for fact in link.sponsors:
                if fact.valid_on(day) and fact.state not in seen and fact.state != actor.country:
                    seen.append(fact.state)
        return tuple(seen)


def _parents(raw: Any) -> tuple[Link, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        return (Link(raw),)
    return tuple(Link(p["id"], p.get("since"), p.get("until")) for p in raw)


def _actor(raw: dict[str, Any]) -> Actor:
    return Actor(
        id=raw["id"], name=raw["name"], country=raw.get("country"), kind=raw["kind"],
        aliases=tuple(dict.fromkeys(raw.get("aliases") or ())), parents=_parents(raw.get("parent")),
        sponsors=tuple(Sponsorship(**s) for s in raw.get("sponsors") or ()),
        wikidata=raw.get("wikidata"), note=raw.get("note"), prefer=tuple(raw.get("prefer") or ()),
    )


def _place(raw: dict[str, Any]) -> PlaceEntry:
    return PlaceEntry(raw["name"], raw.get("country"), float(raw["lat"]), float(raw["lon"]), raw["precision"],
                      admin1=raw.get("admin1"), aliases=tuple(dict.fromkeys((raw["name"], *(raw.get("aliases") or ())))),
                      source=raw.get("source"), note=raw.get("note"),
                      hosts=tuple(Hosting(**h) for h in raw.get("hosts") or ()))


def read_kb_file(path: Path | resources.abc.Traversable, where: str) -> dict[str, Any]:
    """One KB file, parsed and schema-checked; any problem is one line naming the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ProxywatchError(f"{where}: cannot read knowledge base ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise ProxywatchError(f"{where}: not valid YAML{at} ({getattr(exc, 'problem', None) or exc})") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ProxywatchError(f"{where}: a knowledge base file must be a mapping with 'actors' and/or 'places'")
    validate_kb_file(data, where)
    return data


def builtin_files() -> list[tuple[resources.abc.Traversable, str]]:
    builtin = resources.files("proxywatch") / "kb"
    return [(builtin / "actors.yaml", "actors.yaml"), (builtin / "places.yaml", "places.yaml")]


def load_kb(extra: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The built-in knowledge base, with each ``extra`` YAML file merged over it."""
    sources = builtin_files() + [(Path(p), str(p)) for p in extra]
    kb = KnowledgeBase()
    places: dict[str, PlaceEntry] = {}
    for path, where in sources:
        data = read_kb_file(path, where)
        for raw in data.get("actors") or ():
            kb.add(_actor(raw))
        for raw in data.get("places") or ():
            entry = _place(raw)
            places.pop(normalize(entry.name), None)
            places[normalize(entry.name)] = entry
    kb.gazetteer = Gazetteer(places.values())
    return kb
