"""Country names for ISO 3166-1 alpha-3 codes (pycountry), as exports and the network label them."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["country_names", "country_name"]

# The short name ACLED uses where pycountry's differs (pycountry's common name is used when it has one).
_SHORT_NAMES = {"PSE": "Palestine", "RUS": "Russia", "TUR": "Turkey", "KOR": "South Korea", "PRK": "North Korea",
                "COD": "Democratic Republic of Congo", "COG": "Republic of Congo", "VNM": "Vietnam", "LAO": "Laos",
                "MDA": "Moldova", "VEN": "Venezuela", "BOL": "Bolivia", "TZA": "Tanzania"}


@lru_cache(maxsize=1)
def country_names() -> tuple[dict[str, str], dict[str, str]]:
    """(alpha-3 -> short name, alpha-3 -> alpha-2); pycountry is imported on first use."""
    import pycountry

    names, alpha2 = {}, {}
    for country in pycountry.countries:
        names[country.alpha_3] = getattr(country, "common_name", None) or country.name
        alpha2[country.alpha_3] = country.alpha_2
    names.update(_SHORT_NAMES)
    return names, alpha2


def country_name(code: str) -> str:
    """The short name of an alpha-3 code, or the code itself when it is not a country."""
    return country_names()[0].get(code, code)
