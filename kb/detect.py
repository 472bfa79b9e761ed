"""Finding where someone lives from what they wrote, or from a code they gave.

Names come from the knowledge base (jurisdiction names and the aliases editors add) and from
pycountry (every country's ISO names, and the subdivisions of countries we cover), so a place
outside the knowledge base still falls back to its country, then to GLOBAL, and says so.

Hard cases handled here rather than in content, because they are about names, not places:
a name shared by several places ("Georgia", "Victoria", "Paris") is settled by the other
places mentioned ("Paris, Texas"); without such a clue it is reported as ambiguous. A longer
name wins over a name inside it ("New Jersey" over "Jersey").
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field

import pycountry
from django.utils.translation import gettext as _

from kb.jurisdictions import GLOBAL, JurisdictionGraph, jurisdiction_graph

# Names that belong to more than one place. The first candidate is the default when the text
# gives no clue; `None` as default means "ask".
AMBIGUOUS: dict[str, tuple[list[str], str | None]] = {
    "georgia": (["US-GA", "GE"], None),
    "victoria": (["AU-VIC", "CA-BC"], "AU-VIC"),
    "paris": (["FR", "US-TX"], "FR"),
    "washington": (["US-WA", "US-DC"], None),
    "punjab": (["IN", "PK"], None),
    "london": (["GB-ENG", "CA-ON"], "GB-ENG"),
    "perth": (["AU-WA", "GB-SCT"], "AU-WA"),
    "birmingham": (["GB-ENG", "US-AL"], "GB-ENG"),
    "cambridge": (["GB-ENG", "US-MA"], "GB-ENG"),
}
# Longer names that settle an ambiguous one.
EXTRA_NAMES = {
    "washington state": "US-WA",
    "washington dc": "US-DC",
    "washington d.c": "US-DC",
    "tbilisi": "GE",
    "sakartvelo": "GE",
}
# Two-letter codes that are also English words: matched only after a comma ("Portland, OR").
_WORDY_CODES = {
    "IN",
    "OR",
    "ME",
    "OK",
    "HI",
    "OH",
    "DE",
    "PA",
    "LA",
    "MA",
    "AL",
    "CO",
    "ID",
    "MO",
    "AS",
    "IT",
    "NO",
    "IS",
    "AT",
    "BE",
    "TO",
    "SO",
    "WE",
    "AM",
    "AN",
    "GO",
    "MY",
    "UP",
    "NE",
    "SA",
    "CH",
    "MS",
    "NI",
}
_LOWER_OK = {"usa", "uk", "uae", "nsw", "eu"}
_PERSON_BEFORE = re.compile(
    r"\b(?:my|his|her|their|named|called)\s+(?:ex|boyfriend|girlfriend|bf|gf|husband|wife|partner|friend|"
    r"brother|sister|cousin|classmate|coworker|boss|teacher)?\s*$"
)
_LANGUAGE_BEFORE = re.compile(r"\b(?:my|speak|speaks|speaking)\s+$")
_LANGUAGES = {lang.name.lower() for lang in pycountry.languages if " " not in lang.name} | {"english"}
_MAX_WORDS = 6
AMBIGUOUS_CODES = {c for codes, _ in AMBIGUOUS.values() for c in codes}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    in_kb: bool


@dataclass
class Detection:
    """Where the answer is for. `code` is a knowledge-base code (or None when we must ask)."""

    code: str | None
    name: str | None
    source: str | None  # "given" | "detected" | None
    alternatives: list[Place] = field(default_factory=list)
    note: str = ""  # said to the person when we fell back or guessed

    @property
    def needs_jurisdiction(self) -> bool:
        return self.code is None or self.code == GLOBAL


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    codes: tuple[str, ...]
    ambiguous: bool


class _Names:
    """Phrase → place codes, for the knowledge base plus pycountry, built once per graph."""

    def __init__(self, graph: JurisdictionGraph):
        self.graph = graph
        self.phrases: dict[str, set[str]] = {}
        self.exact_case: dict[str, set[str]] = {}  # short codes matched with their case
        self.outside: dict[str, Place] = {}  # pycountry places not in the knowledge base
        self.fallback: dict[str, str] = {}  # outside code → knowledge-base code
        for code, name in graph.names.items():
            if code not in graph.published or code == GLOBAL:
                continue
            self._add(name, code)
            for alias in graph.aliases.get(code, []):
                self._add(alias, code)
        for country in pycountry.countries:
            code = country.alpha_2
            names = {country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")}
            if code not in graph.published:
                self.outside[code] = Place(code, getattr(country, "common_name", None) or country.name, False)
            for name in filter(None, names):
                self._add(name, code, weak=True)
        for sub in pycountry.subdivisions:
            country = sub.country_code
            if (
                country in graph.published
                and sub.code not in graph.names
                and not graph.descendants(country)
                and len(sub.name) >= 5
                and fold(sub.name) not in self.phrases
            ):
                self.outside[sub.code] = Place(sub.code, sub.name, False)
                self.fallback[sub.code] = country
                self._add(sub.name, sub.code, weak=True)
        for phrase, (codes, _default) in AMBIGUOUS.items():
            self.phrases[phrase] = set(codes)
        for phrase, code in EXTRA_NAMES.items():
            self.phrases[phrase] = {code}

    def _add(self, name: str, code: str, weak: bool = False) -> None:
        name = name.strip()
        if not name:
            return
        bare = name.replace(".", "")
        if len(bare) <= 3 and bare.isupper():
            # Short codes match only as typed ("TX", "NSW", "B.C."), so "are" is never the Emirates
            # (ARE); a few are typed in lower case too often to miss.
            self.exact_case.setdefault(bare, set()).add(code)
            if weak:
                return
            if bare.lower() in _LOWER_OK:
                self.phrases.setdefault(bare.lower(), set()).add(code)
            return
        key = re.sub(r"(\w)['\u2019]s\b", r"\1", fold(name))  # as _normalize does to the text
        if weak and key in self.phrases:
            return  # the knowledge base's own names win over pycountry's
        if len(key) <= 2:
            return  # two-letter lower-case words are too common to be places
        self.phrases.setdefault(key, set()).add(code)

    def place(self, code: str) -> Place:
        if code in self.graph.names:
            return Place(code, self.graph.names[code], code in self.graph.published)
        return self.outside.get(code) or Place(code, code, False)


_cache_lock = threading.Lock()
_cache: dict[int, _Names] = {}


def _names() -> _Names:
    graph = jurisdiction_graph()
    with _cache_lock:
        names = _cache.get(id(graph))
        if names is None:
            _cache.clear()
            names = _cache[id(graph)] = _Names(graph)
        return names


def _normalize(text: str) -> str:
    """Drop possessives ("Spain's" → "Spain") and dots in capital abbreviations ("B.C." → "BC")."""
    text = re.sub(r"\b((?:[A-Z]\.){2,3})", lambda m: m.group(1).replace(".", "") + " ", text)
    return re.sub(r"(\w)['\u2019]s\b", r"\1", text)


def _not_a_place(text: str, start: int, phrase: str) -> bool:
    """A name used for a person ("my ex Austin") or a language ("sorry for my English")."""
    before = text[:start].lower()
    if _PERSON_BEFORE.search(before):
        return True
    return phrase in _LANGUAGES and bool(_LANGUAGE_BEFORE.search(before))


def _find(text: str, names: _Names) -> list[_Match]:
    text = _normalize(text)
    folded = fold(text)
    words = list(re.finditer(r"[\w'\u2019.-]+", folded))
    found: list[_Match] = []
    for i in range(len(words)):
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + n - 1].end()
            phrase = re.sub(r"[,\s]+", " ", folded[start:end]).strip(".'\u2019-")
            codes = names.phrases.get(phrase) or names.phrases.get(phrase.replace(".", ""))
            if codes:
                if not _not_a_place(folded, start, phrase):
                    found.append(
                        _Match(start, end, tuple(sorted(codes)), phrase in AMBIGUOUS or len(codes) > 1)
                    )
                break
    for m in re.finditer(r"(?<![\w])([A-Z]{2,3})(?![\w])", text):
        token = m.group(1)
        if token not in names.exact_case:
            continue
        if token in _WORDY_CODES and not re.search(r",\s*$", text[: m.start()]):
            continue
        found.append(_Match(m.start(), m.end(), tuple(sorted(names.exact_case[token])), False))
    # "im in tx": a lower-case code right after "in" or "from", when it is not also a word.
    for m in re.finditer(r"\b(?:in|from|near)\s+([a-z]{2,3})\b", text):
        token = m.group(1).upper()
        if token in names.exact_case and token not in _WORDY_CODES:
            found.append(_Match(m.start(1), m.end(1), tuple(sorted(names.exact_case[token])), False))
    # Names from pycountry alone (places outside the knowledge base) count only when nothing else matched:
    # "Portland, OR" is Oregon, not the Jamaican parish.
    if any(c in names.graph.published for m in found for c in m.codes):
        found = [m for m in found if any(c in names.graph.published or c in AMBIGUOUS_CODES for c in m.codes)]
    # A longer match swallows the matches inside it ("New Jersey" over "Jersey").
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[_Match] = []
    for m in found:
        if any(k.start <= m.start and m.end <= k.end for k in kept):
            continue
        kept.append(m)
    return kept


def _root(graph: JurisdictionGraph, names: _Names, code: str) -> str:
    code = names.fallback.get(code, code)
    while graph.parent.get(code):
        code = graph.parent[code]  # type: ignore[assignment]
    return code


def _depth(graph: JurisdictionGraph, code: str) -> int:
    return len(graph.chain(code)) if code in graph.names else 0


def jurisdiction_detect(text: str) -> Detection:
    """The place a piece of free text is about, with alternatives when it is not clear."""
    names = _names()
    graph = names.graph
    matches = _find(text, names)
    if not matches:
        return Detection(None, None, None)
    clear = [m for m in matches if not m.ambiguous]
    clue_roots = {_root(graph, names, c) for m in clear for c in m.codes}
    chosen: list[str] = []
    alternatives: list[str] = []
    for m in matches:
        if not m.ambiguous:
            chosen.extend(m.codes)
            continue
        supported = [c for c in m.codes if _root(graph, names, c) in clue_roots]
        if supported:
            chosen.extend(supported[:1])
            continue
        codes, default = AMBIGUOUS.get(fold(text[m.start : m.end]).strip(), (list(m.codes), None))
        if default and not clear:
            chosen.append(default)
            alternatives.extend(c for c in codes if c != default)
        elif not clear:
            alternatives.extend(codes)
    if not chosen:
        return Detection(None, None, None, alternatives=[names.place(c) for c in dict.fromkeys(alternatives)])
    # Most-mentioned country tree first (ties: the first mentioned), then the deepest place in it.
    by_root: dict[str, list[str]] = {}
    for code in chosen:
        by_root.setdefault(_root(graph, names, code), []).append(code)
    root = max(by_root, key=lambda r: (len(by_root[r]), -chosen.index(by_root[r][0])))
    code = max(by_root[root], key=lambda c: (_depth(graph, names.fallback.get(c, c)), c in graph.published))
    others = [c for r, cs in by_root.items() if r != root for c in cs] + alternatives
    return _resolved(code, names, "detected", others)


def _resolved(code: str, names: _Names, source: str, others: list[str]) -> Detection:
    graph = names.graph
    place = names.place(code)
    alternatives = [names.place(c) for c in dict.fromkeys(others) if c != code]
    if code in graph.published:
        return Detection(code, place.name, source, alternatives)
    fallback = names.fallback.get(code)
    if fallback and fallback in graph.published:
        note = _("We have no records specific to %(place)s; showing %(fallback)s.") % {
            "place": place.name,
            "fallback": graph.names[fallback],
        }
        return Detection(fallback, graph.names[fallback], source, alternatives, note)
    note = _("We have no records for %(place)s yet; showing resources that help everywhere.") % {
        "place": place.name
    }
    return Detection(GLOBAL if GLOBAL in graph.names else None, place.name, source, alternatives, note)


def jurisdiction_from_code(code: str) -> Detection | None:
    """A code someone gave explicitly (any case). None when it is not a place we know at all."""
    names = _names()
    code = code.strip().upper()
    if code in names.graph.published:
        return Detection(code, names.graph.names[code], "given")
    if code in names.outside:
        return _resolved(code, names, "given", [])
    return None
