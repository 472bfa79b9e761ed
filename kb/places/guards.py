"""Words that look like places but are not, in the question's own language.

The language is passed as a function and detected only when a rule needs it (most names are settled
by capital letters and the knowledge base's words alone).

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
from collections.abc import Callable
from functools import lru_cache

import pycountry

from kb.places.cues import WEAK, is_own_place
from kb.places.language import SUPPORTED
from kb.places.text import fold
from kb.places.vocabulary import everyday_words, frequent_words, known_words

_PERSON_BEFORE = re.compile(
    r"\b(?:my|his|her|their|named|called|mi|mis|su|mon|ma|son|sa|meu|minha|seu|sua|il\s+mio|la\s+mia|"
    r"mein|meine|meinem|meinen|sein|seine|ihr|ihre|llamado|llamada|chiamato|chiamata|namens)\s+"
    r"(?:ex|boyfriend|girlfriend|bf|gf|husband|wife|partner|friend|brother|sister|cousin|classmate|coworker|"
    r"boss|teacher|son|daughter|novio|novia|amigo|amiga|esposo|esposa|copain|copine|ami|amie|mari|femme|"
    r"namorado|namorada|marido|fidanzato|fidanzata|freund|freundin|mann|frau)?\s*,?\s*$"  # "My ex, Jordan,"
)
# "ex bf tyler", "ex Austin": a former partner named without "my".
_EX_BEFORE = re.compile(r"\b(?:ex|former)(?:\s+(?:bf|gf|boyfriend|girlfriend|husband|wife|partner))?\s*$")
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


# What a person does to someone, right after a name: places pass laws, they do not post or send
# ("Jordan posted a fake nude of me", "India said she would share my pics", "Chad keeps texting me").
_PERSON_AFTER = re.compile(
    r"\s+(?:(?:has|had|is|was|keeps|kept|just|then|also|still|now)\s+)?"
    r"(?:posted|posting|posts|sent|sending|sends|leaked|leaking|leaks|shared|sharing|shares|threatened|"
    r"threatening|threatens|filmed|filming|recorded|recording|texted|texting|texts|messaged|messaging|"
    r"blackmailed|blackmailing|blackmails|hacked|uploaded|uploading|uploads|screenshotted|dm'?d|keeps|kept|"
    r"(?:said|says|told|tells)\s+(?:me|he|she|they|him|her|everyone|my)|"
    r"publico|publica|envio|envia|amenaza|amenazo|subio|a\s+publie|a\s+envoye|menace|postou|enviou|"
    r"ameacou|ha\s+pubblicato|minaccia|hat\s+(?:gepostet|geschickt|geteilt))\b"
)


# Done to the asker, right after a name: "Madison took photos of me", "Jackson made a fake video of me",
# "Victoria me amenazó". A place "made it a crime" but does nothing "of me".
_PERSON_DID_TO_ME = re.compile(
    r"\s+(?:(?:has|had|just|then|also)\s+)?(?:made|makes|making|created|creates|took|takes|edited|photoshopped|"
    r"faked|generated|stole|steals|used|hacked|recorded|shot|snapped|is\s+making|is\s+sharing|is\s+posting)"
    r"\s+(?:[\w-]+\s+){0,5}?(?:of\s+)?(?:me|my|mine|myself)\b"
    r"|\s+(?:me|m'a|m'|mi\s+ha|mich|mir|hat\s+mich)\s*\w+"
)
# Someone known from somewhere, doing something: "Sydney from my work sent my nudes around", "Nancy from HR
# says…". A place comes "from" nowhere.
_PERSON_FROM = re.compile(
    r"\s+from\s+(?:(?:my|our|the|his|her|their)\s+)?[\w-]+\s+(?:(?:has|had|just|also|then)\s+)?"
    r"(?:says|said|sent|sends|posted|posts|shared|shares|made|makes|told|tells|texted|keeps|is|was|took|leaked)\b"
)
# Someone's name in company: "Dallas and I broke up", "Victoria y su novio", "me and Austin".
_PERSON_AND = re.compile(
    r"\s+(?:and|y|et|e|und)\s+(?:i|me|yo|moi|eu|io|ich|"
    r"(?:his|her|their|su|sus|son|sa|ses|seu|sua|il\s+suo|la\s+sua|sein|seine|ihr|ihre)\s+\w+)\b"
)
_AND_PERSON_BEFORE = re.compile(r"\b(?:me|i)\s+and\s+$|\byo\s+y\s+$|\bmoi\s+et\s+$")
# A message, call or picture from a name is from a person: "a message from Jordan", "un mensaje de Victoria".
_FROM_PERSON_BEFORE = re.compile(
    r"\b(?:message|messages|msg|text|texts|dm|dms|email|emails|call|calls|snap|snaps|note|letter|"
    r"mensaje|mensagem|message|messaggio|nachricht)\s+(?:from|de|da|di|von)\s+$"
)


# Words after which a name is a place, whatever follows: "in Toronto and I…", "the UK said".
_PLACE_BEFORE = re.compile(
    r"\b(?:the|in|from|of|to|at|near|en|em|no|na|a|au|aux|nach|aus|im|di|da|de|do)\s+$"
)


# Verbs whose object is a person, right before a name.
_TOLD_BEFORE = re.compile(
    r"\b(?:i|we|she|he|they)\s+(?:told|tell|asked|ask|texted|messaged|called|blocked|trusted|"
    r"dated|met|le\s+dije\s+a|le\s+conte\s+a|j'ai\s+dit\s+a|ho\s+detto\s+a|eu\s+disse\s+a)\s+$"
)


def is_person_or_language(text: str, start: int, key: str, end: int | None = None) -> bool:
    """A name used for a person ("my ex Austin", "Jordan posted a fake of me") or a language ("sorry for
    my English"). A name after "the" is a country speaking ("the UK said"), not a person."""
    before = fold(text[max(0, start - 40) : start])
    if _PERSON_BEFORE.search(before) or _EX_BEFORE.search(before):
        return True
    if (
        end is not None
        and text[start : start + 1].isupper()
        and _TOLD_BEFORE.search(before)
        and not _LEGAL_NOUN_AFTER.match(text, end)
    ):
        return True  # "I told Florence about it", "le dije a Victoria" (but "I asked Texas police")
    if (
        end is not None
        and text[start : start + 1].isupper()
        and not _PLACE_BEFORE.search(before)
        and _PERSON_AFTER.match(fold(text[end : end + 40]))
    ):
        return True
    if end is not None and text[start : start + 1].isupper():
        after = fold(text[end : end + 60])
        if _FROM_PERSON_BEFORE.search(before) and not _LEGAL_NOUN_AFTER.match(text, end):
            return True
        if not _PLACE_BEFORE.search(before) and (
            _PERSON_DID_TO_ME.match(after)
            or _PERSON_AND.match(after)
            or _PERSON_FROM.match(after)
            or _AND_PERSON_BEFORE.search(before)
        ):
            return True
    return key in language_names() and bool(_LANGUAGE_BEFORE.search(before))


_SURNAME = re.compile(r" ([A-Z][a-z]{2,})\b(?![.'\u2019]?\s*[A-Z])")


def is_full_name(text: str, end: int, *, is_word: Callable[[str], bool]) -> bool:
    """A city's name followed by a capitalised word that is neither a place nor a word we know is a
    person's first name and surname: "the Paris Hilton documentary", "like Sydney Sweeney". Checked only
    for cities (a country or state's own name is not a first name), and `is_word` says whether the next
    word is a place or an everyday word ("Dublin Airport", "Toronto Police", "Paris Texas")."""
    m = _SURNAME.match(text, end)
    return bool(m) and not is_word(m.group(1))


LOWER_CASE_MIN_POPULATION = 50_000
NOUN_LANGUAGE_MIN_POPULATION = 100_000
SENTENCE_START_MIN_POPULATION = 100_000
_CODE_CONTEXT = re.compile(r"(?:\b(?:in|from|near|of|en|em|a|au|aus|im|de|do|da)\s+(?:the\s+)?|,\s*)$", re.I)
_QUALIFIER = re.compile(r"[,(]\s*$")
_NOW_AFTER = re.compile(r"\s+(?:now|atm|currently|these days)\b", re.I)
# "NYC here", "ATL-based", "LA area": a short name followed by a word that makes it a place.
_PLACE_AFTER = re.compile(r"\s*(?:-\s*based\b|\s(?:here|area|based|resident|local)\b)", re.I)
# "Paducah here", "Stellenbosch student here", "Cotonou ici", "Gander mom here": a name and up to two
# words, then "here" in one of our languages, is the person saying where they are.
_HERE_AFTER = re.compile(
    r"(?:\s*-\s*based\b|(?:\s+[\w'\u2019]+){0,2}?,?\s+(?:here|ici|aqui|aquí|qui|hier)\b)", re.I
)


def is_here_after(text: str, end: int) -> bool:
    """The name is followed by "here" (or "-based"): "Prince Albert here.", "Cotonou ici, un faux compte…"."""
    return bool(_HERE_AFTER.match(text, end))


_HEADING_END = re.compile(r"\s*(?:[.:\n]|\s[-\u2013\u2014]\s|$)")


def is_heading(text: str, start: int, end: int, *, comma: bool = False) -> bool:
    """The name is the message's whole first phrase, set apart like a heading: "Mobile. a dude made…",
    "CABA. un flaco me amenaza…", "Bangor - my ex…". People open with where they are; a word that
    merely starts a sentence runs on into it ("Reading the law…"). `comma`: a comma sets it apart too
    ("naas, co. kildare"); for names typed in lower case only, as with its capital the name may be a
    person addressed ("Austin, my ex…")."""
    if text[:start].strip():
        return False
    return bool(_HEADING_END.match(text, end) or (comma and re.match(r",\s", text[end:])))


def is_trailer(text: str, start: int, end: int) -> bool:
    """The name closes the message after a full stop, comma or dash, like a sign-off: "… cornell, ithaca",
    "… in it now. Bridgend"."""
    return not text[end:].strip(" .!?\n") and bool(re.search(r"[.,;:!?\n\-\u2013\u2014]\s*$", text[:start]))


_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|un|una|um|uma|une|uno|ein|eine|einen|einem|einer)\s+$", re.I)
_LEGAL_NOUN_AFTER = re.compile(
    r"(?:['\u2019]s)?\s+(?:law|laws|court|courts|judge|lawyer|attorney|statute|state|resident|citizen|police|cop|case|"
    r"prosecutor|government|agency|hotline|helpline|charity|organi[sz]ation|number)\b",
    re.I,
)


def is_common_noun(text: str, start: int, end: int, *, language: Callable[[], str] = lambda: "en") -> bool:
    """A place's name typed in lower case after "a"/"an" (or "un", "uma", "ein") is the everyday noun it
    shares: "he wore a jersey", "a turkey hunter", "una cuba de agua". "a texas law", "an ohio court" stay
    places. Only English has the article "a": elsewhere it means "to" or "at" ("a messina", "a caen")."""
    raw = text[start:end]
    article = _ARTICLE_BEFORE.search(text[max(0, start - 6) : start])
    return (
        raw.islower()
        and bool(article)
        and (article.group(0).strip().lower() != "a" or language() == "en")
        and not _LEGAL_NOUN_AFTER.match(text, end)
    )


def is_foreign_word(
    text: str, start: int, end: int, *, cue: Callable[[], str], language: Callable[[], str]
) -> bool:
    """Outside English, a place's name typed in lower case with nothing placing it is a word of the
    language: "ellos irán a publicar" (they will go), "comprei um peru" (a turkey). "vivo en irán",
    "moro no pará" have their cue, and English keeps "what's tennessee law"."""
    return text[start:end].islower() and not is_heading(text, start, end) and not cue() and language() != "en"


def _shouted(text: str) -> bool:
    """Written mostly in capitals, where a capitalised word says nothing ("HELP US PLEASE")."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) > len(letters) / 2


def is_qualifier_position(text: str, start: int) -> bool:
    """Right after a comma or an opening bracket: "Des Moines, IA", "Dublin (CA)"."""
    return bool(_QUALIFIER.search(text[max(0, start - 12) : start]))


def code_allowed(
    text: str,
    start: int,
    code: str,
    *,
    language: Callable[[], str],
    common: frozenset[str],
    country: bool = False,
    heading: bool = False,
    after_place: bool = False,
    city: bool = False,
) -> bool:
    """A short upper-case code ("TX", "IA", "NSW") counts only where a place is expected. A country's
    two-letter code that is also a word ("US") counts anywhere in capitals in an English message that
    is not shouted: "which US statute" is the country, "help US" in a calm sentence is rare. A large
    city's short name (`city`: "ATL", "NYC", and the airport codes GeoNames lists) counts only where
    a place is expected, since most three capitals in a message are an acronym ("NGO", "DMV")."""
    before = text[max(0, start - 12) : start]
    if _QUALIFIER.search(before) or (after_place and code.isupper()):
        return True  # "Des Moines, IA", "Dublin (CA)", "aurora CO"
    if heading and code.lower() not in common and code.lower() not in ("ia", "ai"):
        return True  # "CABA. un flaco…" (but "IA: me hicieron un deepfake" is a topic)
    if city:
        return bool(_CODE_CONTEXT.search(before)) or bool(_PLACE_AFTER.match(text, start + len(code)))
    if language() != "en":
        return False  # "hecho con IA", "con l'IA": outside English a bare code is a word
    if code.lower() in ("ia", "ai"):
        return bool(_CODE_CONTEXT.search(before))
    if code.lower() in common:
        return bool(_CODE_CONTEXT.search(before)) or (country and len(code) == 2 and not _shouted(text))
    return True


UNKNOWN_WORD_MIN_LENGTH = 6


def _famous_area(key: str, area: bool) -> bool:
    """A region's name the search model's vocabulary knows but not as an everyday word ("cornwall", "essex",
    "kildare"): famous enough to be meant in lower case. An obscure one ("grad", Slovenia) is not."""
    return area and key in known_words() and key not in everyday_words()


def is_unknown_word(key: str) -> bool:
    """A long single word that is no English word we know ("biddeford", "bundaberg"): in lower case it is
    still far more likely a town's name than a word, whatever the town's size."""
    return " " not in key and len(key) >= UNKNOWN_WORD_MIN_LENGTH and key not in known_words()


def is_name_like(key: str) -> bool:
    """Typed in lower case, still a name: a long word we do not know ("bundaberg"), or several words not
    all of which are words we know ("merthyr tydfil", "wagga wagga")."""
    return is_unknown_word(key) or (" " in key and not all(w in known_words() for w in key.split()))


def city_allowed(
    text: str,
    start: int,
    end: int,
    key: str,
    *,
    common: frozenset[str],
    cue: str,
    language: Callable[[], str],
    population: int,
    area: bool = False,
    local: bool = False,
) -> bool:
    """A name only the gazetteer's city list knows ("Kanpur", "Como", "Rock", "mie"), or a subdivision
    the knowledge base lacks (`area`): it must look like a place where it stands. `population` counts a
    city's other names too ("napoli" is Naples). `local`: the message is written in a national language
    of the city's country ("Venezia, mi hanno…"), where its own name is no word of the message's."""
    raw = text[start:end]
    if key in month_names() or (key in language_names() and not is_own_place(cue)):
        return False  # "en mayo", "in Roma (the language)"; but "abito a Roma" is Rome
    is_common = len(key.split()) == 1 and key in common
    here = (raw[:1].isupper() or is_unknown_word(key)) and not is_common and is_here_after(text, end)
    if is_own_place(cue) or here:
        # In lower case, a small town's name is as likely a word we do not know ("im in the bay area":
        # Bay, Laguna, 33,000 people), so after "I live in" it still takes a sizeable city.
        # A region's own name ("ich wohne in bayern") is not a small town: it counts unless it is a word.
        if raw[:1].isupper():
            return True
        sizeable = population >= LOWER_CASE_MIN_POPULATION or (area and key not in everyday_words())
        # In the place's own language ("ich wohne in baden"), after "I live in", its name is the place
        # unless it is an everyday word.
        sizeable = sizeable or (local and key not in everyday_words())
        # After "I live in", several words that make a place's name ("atlantic city") are that place; so
        # is one that is no everyday word, said with "now" ("i got away, im in wheeling now").
        now = bool(_NOW_AFTER.match(text, end)) and key not in everyday_words()
        return not is_common and (sizeable or is_unknown_word(key) or " " in key or now)
    if not raw[:1].isupper():
        # Set apart as the message's heading or sign-off ("parkersburg. my ex…", "… cornell, ithaca"), a
        # name that is no word we know is the place, however small and in whatever language.
        if (
            (is_heading(text, start, end, comma=True) or is_trailer(text, start, end))
            and not is_common
            and (" " in key or key not in frequent_words() or _famous_area(key, area))
        ):
            return True
        # Written in a language of the city's country, right after that language's "in" ("in chemnitz",
        # "a messina", "em sorocaba"): a sizeable city that is no everyday word is the place there too.
        if local and cue == WEAK and not is_common and population >= LOWER_CASE_MIN_POPULATION:
            return key not in everyday_words() or " " in key
        # Lower case: a sizeable city, not a common word, in English, either opening the message
        # ("fresno. someone took…") or in a message typed all in lower case ("im in kanpur").
        opens = not text[:start].strip()
        # Several words none of which is only an English word ("merthyr tydfil") name a place however small.
        name_like = is_name_like(key)
        return (
            language() == "en"
            and not is_common
            and (population >= LOWER_CASE_MIN_POPULATION or name_like or _famous_area(key, area))
            and (opens or not re.search(r"\b[A-Z][a-z]", text))  # capitals at most in "AI", "I", "US"
            # Inside a sentence, an everyday word is the word: "after we split", "i was reading".
            and (opens or key not in everyday_words())
        )
    if is_heading(text, start, end) and (not is_common or population >= SENTENCE_START_MIN_POPULATION):
        return True  # "Mobile. a dude made a fake nude of me"
    before = text[:start].rstrip()
    sentence_start = not before or before[-1] in ".!?\n\u00bf\u00a1"
    followed_by_words = re.match(r"[,;:]?\s+[a-z\u00e0-\u00ff]", text[end:])  # "Hola, alguien…"
    small = population < SENTENCE_START_MIN_POPULATION
    if sentence_start and (is_common or (followed_by_words and (small or language() != "en") and not local)):
        return False  # "Reading the law…", "¿Cómo funciona…", "Can you…": a word that starts a sentence
    # German capitalises every noun ("unter dem Rock"): only a sizeable city counts there.
    return population >= NOUN_LANGUAGE_MIN_POPULATION or language() != "de"


WEAK_NAME_MAX_POPULATION = 1_000_000


def is_weak_name(key: str, *, population: int) -> bool:
    """A city's name that says little by itself: one everyday English word ("Male", "Nice", "Split",
    "Police") with nothing placing it (no "I live in", no qualifier), whether it opens a sentence
    ("Male. 16 years old…", "Split up with my ex. He…") or sits inside a name ("the Toronto Police").
    Such words are far more often words than places, and answering for the wrong country is the worst
    mistake we can make, so the detection offers the place as a question instead ("Did you mean Nice,
    France?"). A very large city ("Paris", "Toronto") is named on purpose far more often than the word
    is typed."""
    return " " not in key and population < WEAK_NAME_MAX_POPULATION and key in everyday_words()
