"""Words that look like places but are not, in the question's own language.

- Short codes ("IA", "OR", "IN"): Spanish, French, Italian and Portuguese write AI as "IA", and
  many codes are words; a code counts only where a place is expected (after "in", "from", or as a
  qualifier after a comma) and, outside English, only as a qualifier.
- People: "my ex Austin", "mi ex Austin", "mon ex Austin".
- Languages and months: "sorry for my English", "en mayo" (names from pycountry and Django's own
  month translations, so no list is typed here).
- City names that are common words ("Police" in Poland, "Sale" in England, "Reading"): a city the
  gazetteer alone knows counts only when written with a capital letter, or in an all-lower-case
  message when the word is not a common word.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from kb.places.language import SUPPORTED
from kb.places.text import fold

_PERSON_BEFORE = re.compile(
    r"\b(?:my|his|her|their|named|called|mi|mis|su|mon|ma|son|sa|meu|minha|seu|sua|il\s+mio|la\s+mia|"
    r"mein|meine|meinem|meinen|sein|seine|ihr|ihre|llamado|llamada|chiamato|chiamata|namens)\s+"
    r"(?:ex|boyfriend|girlfriend|bf|gf|husband|wife|partner|friend|brother|sister|cousin|classmate|coworker|"
    r"boss|teacher|son|daughter|novio|novia|amigo|amiga|esposo|esposa|copain|copine|ami|amie|mari|femme|"
    r"namorado|namorada|marido|fidanzato|fidanzata|freund|freundin|mann|frau)?\s*$"
)
_LANGUAGE_BEFORE = re.compile(
    r"\b(?:my|speak|speaks|speaking|mi|hablo|mon|je\s+parle|meu|falo|il\s+mio|parlo|mein|ich\s+spreche)\s+$"
)


@lru_cache(maxsize=1)
def language_names() -> frozenset[str]:
    return frozenset(fold(lang.name) for lang in pycountry.languages if " " not in lang.name)


@lru_cache(maxsize=1)
def month_names() -> frozenset[str]:
    """Month names in every supported language, from Django's own translations."""
    from django.utils import translation
    from django.utils.dates import MONTHS

    names = set()
    for lang in SUPPORTED:
        with translation.override(lang):
            names.update(fold(str(m)) for m in MONTHS.values())
    return frozenset(names)


def is_person_or_language(text: str, start: int, key: str) -> bool:
    """A name used for a person ("my ex Austin") or a language ("sorry for my English")."""
    before = fold(text[max(0, start - 40) : start])
    if _PERSON_BEFORE.search(before):
        return True
    return key in language_names() and bool(_LANGUAGE_BEFORE.search(before))


_CODE_CONTEXT = re.compile(r"(?:\b(?:in|from|near|of|en|em|a|au|aus|im|de|do|da)\s+(?:the\s+)?|,\s*)$", re.I)
_QUALIFIER = re.compile(r"[,(]\s*$")


def code_allowed(text: str, start: int, code: str, *, language: str, common: frozenset[str]) -> bool:
    """A short upper-case code ("TX", "IA", "NSW") counts only where a place is expected."""
    before = text[max(0, start - 12) : start]
    if _QUALIFIER.search(before):
        return True  # "Des Moines, IA", "Dublin (CA)"
    if language != "en":
        return False  # "hecho con IA", "con l'IA": outside English a bare code is a word
    if code.lower() in common or code.lower() in ("ia", "ai"):
        return bool(_CODE_CONTEXT.search(before))
    return True


def city_allowed(text: str, start: int, end: int, key: str, *, common: frozenset[str], cue: str = "") -> bool:
    """A name only the gazetteer's city list knows: capitalised, or clearly not a common word."""
    raw = text[start:end]
    if key in month_names() or key in language_names():
        return False
    is_common = any(part in common for part in key.split()) and len(key.split()) == 1
    if raw[:1].isupper():
        sentence_start = not text[:start].strip() or text[:start].rstrip()[-1:] in ".!?\n"
        return not (is_common and sentence_start)
    if is_common:
        return False
    # Lower case: after "I live in" and the like, or in a message typed all in lower case ("im in kanpur").
    return cue == "residence" or not any(ch.isupper() for ch in text)
