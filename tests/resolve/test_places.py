"""Place name → (country, precision, coordinates within 25 km) through the gazetteer.

Expected coordinates are the real places' positions as given in public references, written here
independently of kb/places.yaml; many names are spelled unlike the YAML or come from the
general gazetteer (GeoNames towns, pycountry countries and divisions).
"""

from __future__ import annotations

import math

import pytest

# (name, country, precision, lat, lon); lat/lon None: no point expected (countries)
CASES = [
    # bases and outposts
    ("Tower 22", "JOR", "site", 33.32, 38.69),
    ("al-Tanf", "SYR", "site", 33.50, 38.65),
    ("At Tanf garrison", "SYR", "site", 33.50, 38.65),
    ("Ain al-Asad air base", "IRQ", "site", 33.80, 42.44),
    ("Al-Asad Airbase", "IRQ", "site", 33.80, 42.44),
    ("Ayn al Asad", "IRQ", "site", 33.80, 42.44),
    ("Erbil airport", "IRQ", "site", 36.24, 43.96),
    ("Irbil air base", "IRQ", "site", 36.24, 43.96),
    ("the Harir base", "IRQ", "site", 36.55, 44.36),
    ("Baghdad International Airport", "IRQ", "site", 33.26, 44.23),
    ("Victory Base", "IRQ", "site", 33.26, 44.23),
    ("Green Village", "SYR", "site", 35.07, 40.47),
    ("Mission Support Site Euphrates", "SYR", "site", 35.07, 40.47),
    ("al-Omar oil field", "SYR", "site", 35.05, 40.50),
    ("the Conoco gas field", "SYR", "site", 35.35, 40.30),
    ("al-Shaddadi", "SYR", "site", 36.06, 40.73),
    ("Rmelan", "SYR", "site", 36.92, 41.90),
    ("Rumalyn Landing Zone", "SYR", "site", 36.92, 41.90),
    ("Muwaffaq al-Salti Air Base", "JOR", "site", 31.83, 36.78),
    ("al-Udeid air base", "QAT", "site", 25.12, 51.31),
    ("Camp Lemonnier", "DJI", "site", 11.55, 43.15),
    ("Nevatim airbase", "ISR", "site", 31.21, 35.01),
    # seas and straits
    ("the Red Sea", None, "sea", 20.0, 38.5),
    ("southern Red Sea", None, "sea", 14.5, 42.2),
    ("Gulf of Aden", None, "sea", 12.5, 47.5),
    ("Bab al-Mandab Strait", None, "sea", 12.58, 43.33),
    ("Bab-el-Mandeb", None, "sea", 12.58, 43.33),
    ("Arabian Sea", None, "sea", 15.0, 62.0),
    ("the Persian Gulf", None, "sea", 27.0, 51.5),
    ("Arabian Gulf", None, "sea", 27.0, 51.5),
    ("the Strait of Hormuz", None, "sea", 26.57, 56.25),
    ("Hormuz Strait", None, "sea", 26.57, 56.25),
    ("Gulf of Oman", None, "sea", 24.5, 58.5),
    ("eastern Mediterranean", None, "sea", 33.8, 33.5),
    # Yemen
    ("Hodeidah", "YEM", "city", 14.80, 42.95),
    ("Al Hudaydah", "YEM", "city", 14.80, 42.95),
    ("al-Hudayda", "YEM", "city", 14.80, 42.95),
    ("the port of Hodeidah", "YEM", "city", 14.80, 42.95),
    ("Ras Isa", "YEM", "site", 15.20, 42.69),
    ("Ras Issa oil terminal", "YEM", "site", 15.20, 42.69),
    ("Salif", "YEM", "city", 15.30, 42.68),
    ("As-Salif", "YEM", "city", 15.30, 42.68),
    ("Sanaa", "YEM", "city", 15.35, 44.21),
    ("Sana'a", "YEM", "city", 15.35, 44.21),
    ("Sanaa airport", "YEM", "site", 15.48, 44.22),
    ("Saada", "YEM", "city", 16.94, 43.76),
    ("Aden", "YEM", "city", 12.78, 45.04),
    ("Mokha", "YEM", "city", 13.32, 43.25),
    # Gaza
    ("the Gaza Strip", "PSE", "admin1", 31.42, 34.36),
    ("Gaza City", "PSE", "city", 31.50, 34.47),
    ("Khan Younis", "PSE", "city", 31.35, 34.30),
    ("Khan Yunis", "PSE", "city", 31.35, 34.30),
    ("Khan Yunes", "PSE", "city", 31.35, 34.30),
    ("Rafah", "PSE", "city", 31.30, 34.25),
    ("Rafah crossing", "PSE", "site", 31.25, 34.26),
    ("Jabalia", "PSE", "city", 31.53, 34.48),
    ("Jabaliya refugee camp", "PSE", "city", 31.53, 34.48),
    ("Deir al-Balah", "PSE", "city", 31.42, 34.35),
    ("Deir el-Balah", "PSE", "city", 31.42, 34.35),
    ("Nuseirat", "PSE", "city", 31.45, 34.39),
    ("Nusseirat camp", "PSE", "city", 31.45, 34.39),
    ("Beit Lahia", "PSE", "city", 31.55, 34.50),
    ("Beit Lahiya", "PSE", "city", 31.55, 34.50),
    ("Beit Hanoun", "PSE", "city", 31.54, 34.54),
    ("al-Bureij", "PSE", "city", 31.44, 34.40),
    ("al-Maghazi camp", "PSE", "city", 31.42, 34.38),
    ("al-Mawasi", "PSE", "city", 31.36, 34.27),
    ("al-Shifa hospital", "PSE", "site", 31.52, 34.44),
    ("Shujaiyya", "PSE", "city", 31.50, 34.48),
    ("the West Bank", "PSE", "admin1", 31.95, 35.25),
    ("Jenin", "PSE", "city", 32.46, 35.30),
    ("Hebron", "PSE", "city", 31.53, 35.10),
    ("Jericho", "PSE", "city", 31.87, 35.44),
    # Lebanon
    ("Nabatieh", "LBN", "city", 33.38, 35.48),
    ("Nabatiyeh", "LBN", "city", 33.38, 35.48),
    ("an-Nabatiyah", "LBN", "city", 33.38, 35.48),
    ("Tyre", "LBN", "city", 33.27, 35.20),
    ("Dahiyeh", "LBN", "city", 33.85, 35.51),
    ("Dahieh", "LBN", "city", 33.85, 35.51),
    ("Beirut's southern suburbs", "LBN", "city", 33.85, 35.51),
    ("southern Lebanon", "LBN", "region", 33.27, 35.40),
    ("Bint Jbeil", "LBN", "city", 33.12, 35.43),
    ("Baalbek", "LBN", "city", 34.01, 36.21),
    ("the Bekaa Valley", "LBN", "region", 33.85, 35.90),
    ("Sidon", "LBN", "city", 33.56, 35.37),
    ("Beirut", "LBN", "city", 33.89, 35.50),
    # Israel and the Golan
    ("Safed", "ISR", "city", 32.96, 35.50),
    ("Tzfat", "ISR", "city", 32.96, 35.50),
    ("Kiryat Shmona", "ISR", "city", 33.21, 35.57),
    ("Tel Aviv", "ISR", "city", 32.08, 34.78),
    ("Eilat", "ISR", "city", 29.56, 34.95),
    ("Haifa", "ISR", "city", 32.81, 34.99),
    ("Kibbutz Be'eri", "ISR", "city", 31.42, 34.49),
    ("the Negev", "ISR", "region", 30.8, 34.8),
    ("Majdal Shams", "SYR", "city", 33.27, 35.77),
    # Iraq and Syria
    ("Arbil", "IRQ", "city", 36.19, 44.01),
    ("Erbil", "IRQ", "city", 36.19, 44.01),
    ("Baghdad", "IRQ", "city", 33.34, 44.40),
    ("Jurf al-Sakhar", "IRQ", "city", 32.85, 44.10),
    ("al-Qaim", "IRQ", "city", 34.37, 41.09),
    ("Kirkuk", "IRQ", "city", 35.47, 44.39),
    ("Mosul", "IRQ", "city", 36.34, 43.13),
    ("Basra", "IRQ", "city", 30.51, 47.81),
    ("Deir ez-Zor", "SYR", "city", 35.34, 40.14),
    ("Dayr az Zawr", "SYR", "city", 35.34, 40.14),
    ("Deir al-Zor", "SYR", "city", 35.34, 40.14),
    ("Albu Kamal", "SYR", "city", 34.45, 40.92),
    ("al-Mayadin", "SYR", "city", 35.02, 40.45),
    ("Damascus", "SYR", "city", 33.51, 36.29),
    ("Aleppo", "SYR", "city", 36.20, 37.16),
    # Iran
    ("Isfahan", "IRN", "city", 32.65, 51.67),
    ("Fordo", "IRN", "site", 34.88, 50.99),
    ("Natanz", "IRN", "site", 33.72, 51.73),
    ("Tehran", "IRN", "city", 35.69, 51.42),
    ("Bandar Abbas", "IRN", "city", 27.19, 56.28),
    # elsewhere
    ("Manama", "BHR", "city", 26.22, 50.58),
    ("Cairo", "EGY", "city", 30.04, 31.24),
    ("Djibouti", "DJI", "country", None, None),
    ("Iraq", "IRQ", "country", None, None),
    ("Yemen", "YEM", "country", None, None),
]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


@pytest.mark.parametrize(("name", "country", "precision", "lat", "lon"), CASES, ids=[c[0] for c in CASES])
def test_place_resolves(kb, name, country, precision, lat, lon):
    entry = kb.gazetteer.lookup(name)
    assert entry is not None, name
    assert (entry.country, entry.precision) == (country, precision)
    if lat is None:
        assert entry.lat is None
    else:
        assert _km(entry.lat, entry.lon, lat, lon) <= 25, (entry.name, entry.lat, entry.lon)


def test_there_are_enough_cases():
    assert len(CASES) >= 80


def test_rafah_is_gaza_unless_the_name_says_egypt(kb):
    assert kb.gazetteer.lookup("Rafah").country == "PSE"
    assert kb.gazetteer.lookup("Rafah", ["EGY", "ISR"]).country == "PSE"  # "Egypt warned that ... in Rafah"
    assert kb.gazetteer.lookup("Rafah in Egypt").country == "EGY"
    assert kb.gazetteer.lookup("Egypt's Rafah", ["PSE"]).country == "EGY"


def test_co_mentioned_countries_pick_among_towns_of_one_name(kb):
    tripoli = kb.gazetteer.lookup("Tripoli")
    assert kb.gazetteer.lookup("Tripoli", ["LBN"]).country == "LBN"
    assert kb.gazetteer.lookup("Tripoli", ["LBY"]).country == "LBY"
    assert tripoli.country == "LBY"  # no context: the most populous


def test_context_does_not_pick_a_far_smaller_namesake(kb):
    # Iraq's capital has a village namesake in Iran; an article naming Iran still means Baghdad, Iraq
    assert kb.gazetteer.lookup("Baghdad", ["IRN"]).country == "IRQ"
    assert kb.gazetteer.lookup("Damascus", ["USA"]).country == "SYR"  # a US town of 15,000, not the capital
    assert kb.gazetteer.lookup("Tripoli", ["LBN"]).country == "LBN"  # comparable towns: context still decides


def test_small_towns_are_indexed_only_in_the_middle_east_and_north_africa(kb):
    from proxywatch.resolve.gazetteer import MENA

    cities = kb.gazetteer._city_index()
    entries = {id(e): e for bucket in cities.values() for e in bucket}.values()
    assert any(e.population < 15_000 and e.country in MENA for e in entries)
    assert all(e.population >= 15_000 for e in entries if e.country not in MENA)
    assert all(e.population >= 1_000 for e in entries)


def test_unknown_names_are_none(kb):
    assert kb.gazetteer.lookup("Nowhereville Xyz") is None
