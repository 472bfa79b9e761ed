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
    """`english` in the active language when the code is an ISO 3166 code the catalogue translates."""
    language = (get_language() or "en").split("-")[0]
    if language == "en" or not code:
        return english
    record = pycountry.subdivisions.get(code=code) if "-" in code else pycountry.countries.get(alpha_2=code)
    if record is None:
        return english
    translated = _iso_catalogue("iso3166-2" if "-" in code else "iso3166-1", language).gettext(record.name)
    return translated if translated != record.name else english
