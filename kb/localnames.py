"""Place names in the page's language, from the ISO 3166 translations that ship with pycountry.

The knowledge base keeps one English name per place. Codes that are ISO 3166 codes (FR, MX, CA-QC)
are looked up in pycountry's gettext catalogues for the active language; our own codes (GB-EAW,
GLOBAL, EU) and anything a catalogue lacks keep the English name. No network, no hand-typed table.
"""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry
from django.utils.translation import get_language


@lru_cache(maxsize=16)
def _iso_catalogue(domain: str, language: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def place_local_name(code: str, english: str) -> str:
    """`english` in the active language when the code is an ISO 3166 code the catalogue knows.

    Countries are looked up by their common name where ISO has one ("Taiwan", "South Korea", not the
    formal "Taiwan, Province of China"), and keep our English name when the catalogue has no entry.
    A state or province keeps its ISO name, which is its own local name ("Ciudad de México",
    "Québec"), unless the catalogue translates it.
    """
    language = (get_language() or "en").split("-")[0]
    if language == "en" or not code:
        return english
    if "-" in code:
        region = pycountry.subdivisions.get(code=code)
        return _iso_catalogue("iso3166-2", language).gettext(region.name) if region else english
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return english
    name = getattr(country, "common_name", None) or country.name
    translated = _iso_catalogue("iso3166-1", language).gettext(name)
    return translated if translated != name else english
