"""Every place-like name in a text, as mentions with their candidate places and the cue before them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.places import guards
from kb.places.cues import cue_before
from kb.places.gazetteer import CITY, COUNTRY, SUBDIVISION, country_languages, gazetteer
from kb.places.language import language_detect
from kb.places.names import KbNames
from kb.places.resolve import entry_target
from kb.places.text import Word, name_key, text_line, text_words

PLACE, LAW, SERVICE = "place", "law", "service"
_GOV_DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:gov|gouv|gob|govt|gc|gv|go)\.([a-z]{2})\b", re.I)


@dataclass
class Candidate:
    code: str  # a graph code, or an ISO code outside the knowledge base
    named: bool  # the place's own name (country, subdivision, KB name or alias), not a city in it
    population: int = 0
    outside: bool = False
    missing: str = ""  # an ISO subdivision the KB lacks (for the fallback note)
    area: bool = False  # a country's or subdivision's name (even one the KB lacks: "Lincolnshire")


@dataclass
class Mention:
    first: int
    last: int
    start: int
    end: int
    kind: str  # PLACE | LAW | SERVICE
    candidates: dict[str, Candidate] = field(default_factory=dict)
    cue: str = ""
    qualified: bool = False  # folded from "A, B" (kb/places/disambiguate.py)
    weak: bool = False  # only a short or everyday word where any word is capitalised (guards.is_weak_name)

    def add(self, candidate: Candidate) -> None:
        old = self.candidates.get(candidate.code)
        if old is None:
            self.candidates[candidate.code] = candidate
        else:
            old.named = old.named or candidate.named
            old.area = old.area or candidate.area
            old.population = max(old.population, candidate.population)

    @property
    def named(self) -> bool:
        return any(c.named for c in self.candidates.values())

    @property
    def area(self) -> bool:
        return any(c.named or c.area for c in self.candidates.values())


class _Scan:
    def __init__(self, text: str, names: KbNames):
        self.text = text
        self.names = names
        self.words: list[Word] = text_words(text)
        self.mentions: dict[tuple[int, int, str], Mention] = {}
        self._language: str | None = None

    @property
    def language(self) -> str:
        if self._language is None:
            self._language = language_detect(self.text)
        return self._language

    def mention(self, first: int, last: int, kind: str) -> Mention:
        key = (first, last, kind)
        if key not in self.mentions:
            self.mentions[key] = Mention(first, last, self.words[first].start, self.words[last].end, kind)
        return self.mentions[key]

    def key(self, first: int, last: int) -> str:
        return " ".join(w.folded for w in self.words[first : last + 1])

    def run(self) -> list[Mention]:
        if not self.words:
            return []
        line, owner = text_line(self.words)
        graph = self.names.graph
        for hit in gazetteer().find(line, owner):
            start, end = self.words[hit.first].start, self.words[hit.last].end
            key = self.key(hit.first, hit.last)
            if self._not_a_place(start, end, key):
                continue
            targets = [(e, entry_target(e, graph)) for e in hit.entries]
            # A place's own name: a country, or a subdivision the knowledge base has. Anything else
            # (a city, a Jamaican parish called Manchester) is weighed by population.
            own = [
                (e, t)
                for e, t in targets
                if e.kind == COUNTRY or (e.kind == SUBDIVISION and t.code == e.code)
            ]
            population = max((e.population for e in hit.entries if e.primary), default=0)
            if not own and guards.is_full_name(self.text, end, is_word=self._is_word):
                continue
            cue = cue_before(self.text, start)
            if not own and not guards.city_allowed(
                self.text,
                start,
                end,
                key,
                common=self.names.common,
                cue=cue,
                language=lambda: self.language,
                population=population,
            ):
                continue
            mention = self.mention(hit.first, hit.last, PLACE)
            if not own and not cue:
                # Written in a language of the city's country ("Nice. quelqu'un a publié…"), the name is
                # the place: the word would be English.
                mention.weak = guards.is_weak_name(key, population=population) and not (
                    self.language != "en"
                    and any(self.language in country_languages(e.code) for e in hit.entries if e.kind == CITY)
                )
            primary_cities = any(e.kind == CITY and e.primary for e in hit.entries)
            for entry, target in targets:
                named = (entry, target) in own
                area = entry.kind != CITY
                # A city whose own name this is outweighs one that has it only as an alternate name
                # (which counts for a tenth of its people: "Syracuse" is Siracusa too, but mostly New York).
                population = (
                    entry.population if entry.primary or not primary_cities else entry.population // 10
                )
                mention.add(
                    Candidate(
                        target.code, named, population, target.outside, target.subdivision_missing, area
                    )
                )
        if self.names.values:
            for end_char, index in self.names.automaton.iter(line):
                named = self.names.values[index]
                first = owner[end_char - self.names.lengths[index] + 2]
                last = owner[end_char - 1]
                start, end = self.words[first].start, self.words[last].end
                if (
                    named.exact
                    and not all(
                        w.raw[:1].isupper()
                        or w.raw[:1].isdigit()
                        or (k > 0 and len(w.raw) <= 3)  # "and", "of"
                        for k, w in enumerate(self.words[first : last + 1])
                    )
                ):
                    continue
                kind = {"kb": PLACE, "law": LAW, "service": SERVICE}[named.kind]
                if kind == PLACE and (
                    self._not_a_place(start, end, self.key(first, last))
                    or (
                        not any(
                            name_key(graph.names.get(c, "")) == self.key(first, last) for c in named.codes
                        )
                        and guards.is_full_name(self.text, end, is_word=self._is_word)
                    )
                ):
                    continue
                mention = self.mention(first, last, kind)
                key = self.key(first, last)
                shared = kind == PLACE and len({c.split("-")[0] for c in named.codes}) > 1
                for code in named.codes:
                    if kind == PLACE and self._shared_city_alias(mention, code, key, shared=shared):
                        continue
                    mention.add(Candidate(code, True, area=True))
        self._domains()
        self._codes()
        return self._longest()

    def _shared_city_alias(self, mention: Mention, code: str, key: str, *, shared: bool) -> bool:
        """A name our content lists as another name for its state or country ("Cali" for California) that
        the gazetteer knows as a larger city in another country (Cali, Colombia: 2.4 million) is weighed as a
        city, not as the place's own name, so we ask instead of silently picking one country. With no
        population of its own in the gazetteer, it ties with the largest of the others. Where the content's
        place is the larger city ("Vancouver", "San Jose"), the editors' choice stands. An alias the content
        gives to places in two countries ("Cali": California and Colombia) is a city name in both."""
        graph = self.names.graph
        if name_key(graph.names.get(code, "")) == key:
            return False  # the place's own name ("Georgia"), not an alias
        country = code.split("-")[0]
        elsewhere = [c for c in mention.candidates.values() if not c.area and c.code.split("-")[0] != country]
        if not elsewhere:
            return False
        own = mention.candidates.get(code)
        largest = max(c.population for c in elsewhere)
        if own and own.population > largest and not shared:
            return False  # the content's choice is the larger city: trust it ("Vancouver", "San Jose")
        mention.add(Candidate(code, False, own.population if own else largest))
        return True

    def _is_word(self, word: str) -> bool:
        """A word we know: a place's name, a word of the knowledge base, or an everyday English word."""
        key = name_key(word)
        return (
            key in self.names.common
            or key in guards.everyday_words()
            or gazetteer().automaton.exists(f" {key} ")
            or (bool(self.names.values) and self.names.automaton.exists(f" {key} "))
        )

    def _not_a_place(self, start: int, end: int, key: str) -> bool:
        return (
            guards.is_person_or_language(self.text, start, key, end)
            or guards.is_common_noun(self.text, start, end)
            or guards.is_foreign_word(
                self.text,
                start,
                end,
                cue=lambda: cue_before(self.text, start),
                language=lambda: self.language,
            )
        )

    def _codes(self) -> None:
        """Short codes as typed: "TX", "NSW", "B.C.", "U.S."."""
        words = self.words
        i = 0
        while i < len(words):
            if len(words[i].raw) == 1 and words[i].raw.isupper():
                j = i
                while j + 1 < len(words) and len(words[j + 1].raw) == 1 and words[j + 1].raw.isupper():
                    j += 1
                token = "".join(w.raw for w in words[i : j + 1])
            else:
                j, token = i, words[i].raw
            lower_after_in = (
                token.islower() and 2 <= len(token) <= 3 and (self._after_in(i) or self._after_place(i))
            )
            candidate = token.upper() if lower_after_in else token
            codes = self.names.codes.get(candidate) if 2 <= len(candidate) <= 3 else None
            if codes and lower_after_in:
                # Typed in lower case, only a state's or province's code ("im in tx", "aurora il"): a
                # country's three-letter code is an everyday word there ("nashville, guy at my job").
                codes = {c for c in codes if self.names.graph.parent.get(c)}
            common = self.names.common
            if (
                codes
                and (
                    token.isupper()
                    or (lower_after_in and candidate.lower() not in common and self.language == "en")
                )
                and guards.code_allowed(
                    self.text,
                    words[i].start,
                    candidate,
                    language=lambda: self.language,
                    common=common,
                    country=any(not self.names.graph.parent.get(c) for c in codes),
                    heading=guards.is_heading(self.text, words[i].start, words[j].end),
                )
            ):
                mention = self.mention(i, j, PLACE)
                for code in codes:
                    mention.add(Candidate(code, True, area=True))
            elif (
                token.isupper()
                and token in gazetteer().abbreviations
                and guards.code_allowed(
                    self.text,
                    words[i].start,
                    token,
                    language=lambda: self.language,
                    common=self.names.common,
                    heading=guards.is_heading(self.text, words[i].start, words[j].end),
                )
            ):
                mention = self.mention(i, j, PLACE)  # "ATL", "NYC": a large city's short name, as typed
                for entry in gazetteer().abbreviations[token]:
                    target = entry_target(entry, self.names.graph)
                    mention.add(Candidate(target.code, False, entry.population, target.outside))
            i = j + 1

    def _after_place(self, i: int) -> bool:
        """ "aurora il": a lower-case code right after a place name is its qualifier."""
        return i > 0 and any(m.kind == PLACE and m.last == i - 1 for m in self.mentions.values())

    def _domains(self) -> None:
        """A government web address names its country: "cybercrime.gov.in", "service-public.gouv.fr"."""
        for m in _GOV_DOMAIN.finditer(self.text):
            country = m.group(1).upper().replace("UK", "GB")
            if country in self.names.graph.names:
                first = next((k for k, w in enumerate(self.words) if w.start >= m.start()), None)
                if first is not None:
                    self.mention(first, first, SERVICE).add(Candidate(country, True))

    def _after_in(self, i: int) -> bool:
        """ "im in tx": a lower-case code right after "in", "from" or "near"."""
        return i > 0 and self.words[i - 1].folded in ("in", "from", "near")

    def _longest(self) -> list[Mention]:
        """A longer name swallows the names inside it ("New South Wales" over "Wales")."""
        ordered = sorted(self.mentions.values(), key=lambda m: (m.first, -(m.last - m.first)))
        named_records = [m for m in ordered if m.kind != PLACE]
        kept: list[Mention] = []
        for m in ordered:
            if (
                m.kind == PLACE
                and not m.named
                and any(r.first <= m.first and m.last <= r.last for r in named_records)
            ):
                continue  # a city inside a statute's or service's name ("… Offences Act")
            if any(
                k.kind == m.kind
                and k.first <= m.first
                and m.last <= k.last
                and (k.first, k.last) != (m.first, m.last)
                for k in kept
            ):
                continue  # also "Online Safety Act 2021" (Australia) over "Online Safety Act" (Australia, UK)
            kept.append(m)
        for m in kept:
            m.cue = cue_before(self.text, m.start)
        return kept


def mentions_find(text: str, names: KbNames) -> list[Mention]:
    return _Scan(text, names).run()
