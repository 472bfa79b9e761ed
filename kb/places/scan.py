"""Every place-like name in a text, as mentions with their candidate places and the cue before them."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import pycountry

from kb.places import fuzzy, guards
from kb.places.area_codes import area_code_subdivision
from kb.places.cues import WEAK, cue_before, is_own_place
from kb.places.fuzzy import fuzzy_index
from kb.places.gazetteer import CITY, COUNTRY, REGION, SUBDIVISION, Entry, country_languages, gazetteer
from kb.places.language import language_detect
from kb.places.names import KbNames, Named
from kb.places.resolve import entry_target
from kb.places.text import Word, fold, name_key, text_line, text_words
from kb.places.vocabulary import everyday_words, frequent_words, known_words

PLACE, LAW, SERVICE = "place", "law", "service"  # mention kinds, with the gazetteer's REGION
_GOV_DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:gov|gouv|gob|govt|gc|gv|go)\.([a-z]{2})\b", re.I)


@dataclass
class Candidate:
    code: str  # a graph code, or an ISO code outside the knowledge base
    named: bool  # the place's own name (country, subdivision, KB name or alias), not a city in it
    population: int = 0
    outside: bool = False
    missing: str = ""  # an ISO subdivision the KB lacks (for the fallback note)
    area: bool = False  # a country's or subdivision's name (even one the KB lacks: "Lincolnshire")
    famous: bool = False  # a city known well beyond its country (kb/places/gazetteer.py FAMOUS_MIN_NAMES)
    obscure: bool = False  # a city hardly named beyond its country (kb/places/gazetteer.py OBSCURE_MAX_NAMES)


@dataclass
class Mention:
    first: int
    last: int
    start: int
    end: int
    kind: str  # PLACE | LAW | SERVICE | REGION
    candidates: dict[str, Candidate] = field(default_factory=dict)
    cue: str = ""
    qualified: bool = False  # folded from "A, B" (kb/places/disambiguate.py)
    word: bool = False  # an English word typed bare where the place's own name has accents ("reunion")
    typo: bool = False  # a name one slip away from what was typed (kb/places/fuzzy.py)
    weak: bool = False  # only a short or everyday word where any word is capitalised (guards.is_weak_name)

    def add(self, candidate: Candidate) -> None:
        old = self.candidates.get(candidate.code)
        if old is None:
            self.candidates[candidate.code] = candidate
        else:
            old.named = old.named or candidate.named
            old.area = old.area or candidate.area
            old.population = max(old.population, candidate.population)
            old.famous = old.famous or candidate.famous
            old.obscure = old.obscure and candidate.obscure

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
        # City names the guards turned down ("gander", "kalgoorlie"), for a qualifier to rescue.
        self.rejected: list[tuple[int, int, tuple[Entry, ...], str]] = []

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
        for hit in gazetteer().find(line, owner):
            self._gazetteer_hit(hit.first, hit.last, hit.entries, self.key(hit.first, hit.last))
        if self.names.values:
            for end_char, index in self.names.automaton.iter(line):
                first = owner[end_char - self.names.lengths[index] + 2]
                last = owner[end_char - 1]
                self._kb_hit(first, last, self.names.values[index], self.key(first, last))
        self._typos()
        self._domains()
        self._departments()
        self._area_codes()
        self._codes()
        self._rescue()
        return self._longest()

    def _rescue(self) -> None:
        """A city name the guards turned down is a place after all when its own state, province or
        country follows it as a qualifier: "gander newfoundland", "kalgoorlie WA", "Bath, Somerset"."""
        graph = self.names.graph
        for first, last, entries, key in self.rejected:
            after = [m for m in self.mentions.values() if m.kind == PLACE and m.first == last + 1 and m.area]
            for m in after:
                if not re.fullmatch(r"\s*[,(]?\s*", self.text[self.words[last].end : m.start]):
                    continue
                areas = {code for code, c in m.candidates.items() if c.named or c.area}
                inside = [
                    e
                    for e in entries
                    if e.kind == CITY
                    and (target := entry_target(e, graph)).code
                    and any(
                        target.code == a
                        or a in (graph.chain(target.code) if target.code in graph.names else [])
                        for a in areas
                    )
                ]
                if inside:
                    self._gazetteer_hit(first, last, tuple(inside), key, force=True)
                    break

    def _gazetteer_hit(
        self, first: int, last: int, entries: tuple[Entry, ...], key: str, *, force: bool = False
    ) -> Mention | None:
        """A name the gazetteer knows, as written at words first…last (`key`: the name it stands for).
        `force`: a qualifier right after it settled that it is a place (`_rescue`)."""
        graph = self.names.graph
        start, end = self.words[first].start, self.words[last].end
        if any(e.kind == REGION for e in entries):
            self.mention(first, last, REGION)  # "South America", "Asia": not one place
            return None
        if self._hyphen_compound(start, end):
            return None
        if self._not_a_place(start, end, key, foreign=not force):
            if not force and self._foreign_word(start, end):
                # "campo grande" is a big field in Portuguese, unless its state follows ("campo grande ms").
                self.rejected.append((first, last, entries, key))
            return None
        if key in known_words() and self.language == "en":
            # Another language's name for a place that is an English word: "a small island" (Ísland).
            entries = tuple(e for e in entries if not e.translated)
        targets = [(e, entry_target(e, graph)) for e in entries]
        # A region of another country named by an everyday word ("East", Cameroon: "the Middle East")
        # is not a place anyone means by that word alone.
        # Nor "the Gulf" (Papua New Guinea's Gulf province) when the word is English and follows "the".
        the_word = key in frequent_words() and bool(
            re.search(r"\bthe\s+$", self.text[max(0, start - 5) : start], re.I)
        )
        targets = [
            (e, t)
            for e, t in targets
            if not (e.kind == SUBDIVISION and t.code != e.code and (key in everyday_words() or the_word))
        ]
        if not targets:
            return None
        entries = tuple(e for e, _ in targets)
        # A place's own name: a country, or a subdivision the knowledge base has. Anything else
        # (a city, a Jamaican parish called Manchester) is weighed by population.
        own = [
            (e, t) for e, t in targets if e.kind == COUNTRY or (e.kind == SUBDIVISION and t.code == e.code)
        ]
        population = max((e.population for e in entries if e.primary), default=0)
        raw = self.text[start:end]
        if not own and raw.isupper() and len(raw) <= 4 and any(ch.islower() for ch in self.text):
            return None  # "an OSU student": an acronym, not Osu, Ghana (short names: `_codes`)
        if not own and (
            guards.is_full_name(self.text, end, is_word=self._is_word) or self._inside_name(first, last)
        ):
            return None
        cue = cue_before(self.text, start)
        if (
            raw.islower()
            and not own
            and not force
            and not is_own_place(cue)
            and all(not e.primary for e in entries if e.kind == CITY)
            # "bro in vizag": after "in", another name of a large city that is no word we know is the city;
            # so is one set apart as the message's heading ("mullingar - how do i…").
            and not (
                (cue == WEAK or guards.is_heading(self.text, start, end, comma=True))
                and key not in known_words()
            )
            # "tucuman. …": a subdivision's own name, whatever the city it also names.
            and not (any(e.kind == SUBDIVISION for e in entries) and guards.is_heading(self.text, start, end))
        ):
            return None  # only another name of a city, in lower case: "google" (a Kansas city's alias)
        if all(e.town for e in entries) and not force:
            # A small town only where the person says it is theirs, written with its capital (or in lower
            # case when it is no word we know: "glenorchy here"), or set apart as the message's heading
            # ("wagga wagga. someone is…", "Byron Bay - my ex…"): people open with where they are.
            written = raw[:1].isupper() or guards.is_name_like(key)
            placed = (
                is_own_place(cue)
                or guards.is_here_after(self.text, end)
                or guards.is_heading(self.text, start, end)
            )
            if not (written and placed):
                self.rejected.append((first, last, entries, key))
                return None
        elif (
            not own
            and not force
            and not guards.city_allowed(
                self.text,
                start,
                end,
                key,
                common=self.names.common,
                cue=cue,
                language=lambda: self.language,
                population=max((e.population for e in entries), default=0),
                area=any(e.kind != CITY for e in entries),
                local=self.language != "en"
                and any(
                    self.language in country_languages(e.code)
                    for e in entries
                    if e.kind in (CITY, SUBDIVISION)
                ),
            )
        ):
            self.rejected.append((first, last, entries, key))
            return None
        mention = self.mention(first, last, PLACE)
        # An English word typed without the accents a place's own name has ("reunion", "Sale").
        bare_word = raw.isascii() and " " not in key and key in known_words() and self.language == "en"
        if own and not cue and bare_word and any(e.accented for e, _ in own):
            mention.word = True  # "our class reunion group": the word, unless nothing else is named
        if not own and not cue:
            # Written in a language of the city's country ("Nice. quelqu'un a publié…"), the name is
            # the place: the word would be English.
            # A heading the message goes on to use as a word ("Bath. he filmed me in the bath") is its
            # topic, not where the person lives.
            word_heading = (
                " " not in key
                and guards.is_heading(self.text, start, end)
                and any(w.folded == key and w.raw.islower() for w in self.words[last + 1 :])
            )
            mention.weak = (guards.is_weak_name(key, population=population) or word_heading) and not (
                self.language != "en"
                and any(self.language in country_languages(e.code) for e in entries if e.kind == CITY)
            )
        primary_cities = any(e.kind == CITY and e.primary for e in entries)
        exact_cities = any(e.kind == CITY and e.primary and not e.short for e in entries)
        known_cities = any(e.kind == CITY and not e.obscure for e in entries)
        for entry, target in targets:
            named = (entry, target) in own
            area = entry.kind != CITY
            # A city whose own name this is outweighs one that has it only as an alternate name
            # (which counts for a twentieth of its people: "Syracuse" is Siracusa too, but mostly New York;
            # "Smyrna" was İzmir, but people there do not call it that).
            population = entry.population if entry.primary or not primary_cities else entry.population // 20
            if entry.accented and bare_word:
                population //= 10  # "Sale." is more often the word than Salé, Morocco
            if entry.obscure and known_cities:
                # A namesake hardly anyone names (Athlone, Cape Town: one other name in GeoNames) counts for
                # a tenth of its people against a town known under its name (Athlone, Ireland: 27).
                population //= 10
            if entry.short and exact_cities:
                # A longer name's first words ("Santo Domingo" de los Colorados) count for half the
                # city's people against a city whose whole name it is.
                population //= 2
            candidate = Candidate(
                target.code, named, population, target.outside, target.subdivision_missing, area
            )
            candidate.famous = entry.famous and entry.primary
            candidate.obscure = entry.kind == CITY and entry.obscure
            mention.add(candidate)
        return mention

    def _kb_hit(self, first: int, last: int, named: Named, key: str) -> Mention | None:
        """A name of the knowledge base's own (a place's name or alias, a law, a service)."""
        graph = self.names.graph
        start, end = self.words[first].start, self.words[last].end
        if (
            named.exact
            and not all(
                w.raw[:1].isupper() or w.raw[:1].isdigit() or (k > 0 and len(w.raw) <= 3)  # "and", "of"
                for k, w in enumerate(self.words[first : last + 1])
            )
        ):
            return None
        kind = {"kb": PLACE, "law": LAW, "service": SERVICE}[named.kind]
        if kind == SERVICE and re.fullmatch(r"(?:19|20)\d\d", key) and not _CALLED.search(self.text[:start]):
            return None  # "helpline 1930" only where it is called: "in 1930" is a year
        if kind == PLACE and self._hyphen_compound(start, end):
            return None
        if kind == PLACE and (
            self._not_a_place(start, end, key)
            or (
                not any(name_key(graph.names.get(c, "")) == key for c in named.codes)
                and guards.is_full_name(self.text, end, is_word=self._is_word)
            )
        ):
            return None
        raw = self.text[start:end]
        if named.accented and raw.isascii() and key in known_words() and self.language == "en":
            return None  # "a small island": the English word, not Ísland typed without its accent
        mention = self.mention(first, last, kind)
        shared = kind == PLACE and len({c.split("-")[0] for c in named.codes}) > 1
        for code in named.codes:
            if kind == PLACE and self._shared_city_alias(mention, code, key, shared=shared):
                continue
            mention.add(Candidate(code, True, area=True))
        return mention

    def _hyphen_compound(self, start: int, end: int) -> bool:
        """Joined by a hyphen to a capitalised word that is no place, the name is part of another name:
        "Georgia-Pacific", "Texas-Instruments" (but "Albury-Wodonga" is two places)."""
        after = re.match(r"-([A-Z][\w']+)", self.text[end:])
        before = re.search(r"([A-Z][\w']+)-$", self.text[:start])
        return any(m and not self._is_place_word(m.group(1)) for m in (after, before))

    def _is_place_word(self, word: str) -> bool:
        key = name_key(word)
        return gazetteer().automaton.exists(f" {key} ") or (
            bool(self.names.values) and self.names.automaton.exists(f" {key} ")
        )

    def _inside_name(self, first: int, last: int) -> bool:
        """The city's name is part of a longer place name we do not know: "Rehoboth Beach" (not Rehoboth,
        Namibia), "Punta del Este" (not Este, Italy), written with its capitals."""
        gaz = gazetteer()
        words = self.words
        nxt = words[last + 1] if last + 1 < len(words) else None
        if (
            nxt
            and nxt.raw[:1].isupper()
            and nxt.folded in gaz.suffixes
            and self.text[words[last].end : nxt.start] == " "
        ):
            return True
        k = first - 1
        if (
            k >= 1
            and words[k].folded in ("de", "del", "do", "da", "dos", "das", "of")
            and words[k].raw.islower()
        ):
            k -= 1
        return k >= 0 and words[k].raw[:1].isupper() and words[k].folded in gaz.prefixes

    def _typos(self) -> None:
        """A long word nothing else matched, one slip away from a place's name ("Pheonix", "Califronia",
        "San Fransisco"): weighed as that name, but only assumed after "I live in" (kb/places/fuzzy.py)."""
        covered = {k for m in self.mentions.values() for k in range(m.first, m.last + 1)}
        gaz = gazetteer()
        for i, word in enumerate(self.words):
            if i in covered or not (self._typo_candidate(word) or self._typo_pair(i)):
                continue
            cue = cue_before(self.text, word.start)
            if not (word.raw[:1].isupper() or is_own_place(cue)):
                continue
            for first, last in ((i, i), (i - 1, i), (i, i + 1), (i - 2, i), (i, i + 2)):
                if first < 0 or last >= len(self.words):
                    continue
                corrected = fuzzy_index().correct(self.key(first, last))
                if len(corrected) != 1:
                    continue
                key = corrected[0]
                index = self._kb_index(key)
                hits = [self._gazetteer_hit(first, last, gaz.entries[gaz.automaton.get(f" {key} ")], key)]
                if index is not None:
                    hits.append(self._kb_hit(first, last, self.names.values[index], key))
                found = [m for m in hits if m is not None and m.kind == PLACE]
                for m in found:
                    m.weak = m.weak or not is_own_place(cue_before(self.text, m.start))
                    m.typo = True
                if found:
                    break

    def _typo_pair(self, i: int) -> bool:
        """Two short words no vocabulary knows, long enough together: "bocca raton"."""
        pair = self.words[i : i + 2]
        return (
            len(pair) == 2
            and len(pair[0].folded) + len(pair[1].folded) >= fuzzy.MIN_LENGTH
            and all(w.folded.isalpha() and self._unknown_word(w.folded) for w in pair)
        )

    def _unknown_word(self, folded: str) -> bool:
        return (
            folded not in known_words()
            and folded not in self.names.common
            and folded not in self.names.record_words  # "Garante" (per la protezione dei dati)
        )

    def _typo_candidate(self, word: Word) -> bool:
        return (
            len(word.folded) >= fuzzy.MIN_LENGTH and word.folded.isalpha() and self._unknown_word(word.folded)
        )

    def _kb_index(self, key: str) -> int | None:
        if not self.names.values:
            return None
        return self.names.automaton.get(f" {key} ", None)

    def _shared_city_alias(self, mention: Mention, code: str, key: str, *, shared: bool) -> bool:
        """A name our content lists as another name for its place ("Cali" for California, "Columbus" for
        Ohio) that the gazetteer also knows as a city elsewhere is weighed as a city, not as the place's
        own name, unless the content's city clearly dominates by the same rule as any shared city name
        (kb/places/disambiguate.py: "Portland" is Oregon's, but Columbus, Georgia has 200,000 people and
        Cali, Colombia 2.4 million, so we ask). With no population of its own in the gazetteer, it ties
        with the largest of the others. An alias the content gives to places in two countries ("Cali":
        California and Colombia) is a city name in both."""
        from kb.places.disambiguate import dominates

        graph = self.names.graph
        if name_key(graph.names.get(code, "")) == key:
            return False  # the place's own name ("Georgia"), not an alias
        elsewhere = [
            c for c in mention.candidates.values() if not c.named and not self._same_place(c.code, code)
        ]
        if not elsewhere:
            return False
        own = mention.candidates.get(code)
        largest = max(c.population for c in elsewhere)
        if own and dominates(own.population, largest) and not shared:
            return False  # the content's choice is the dominant city: trust it ("Portland", "Houston")
        mention.add(Candidate(code, False, own.population if own else largest))
        return True

    def _same_place(self, a: str, b: str) -> bool:
        """One of the two codes holds the other ("MX" and "MX-NLE")."""
        graph = self.names.graph
        return (
            a == b or (a in graph.names and b in graph.chain(a)) or (b in graph.names and a in graph.chain(b))
        )

    def _is_word(self, word: str) -> bool:
        """A word we know: a place's name, a word of the knowledge base, or an everyday English word."""
        key = name_key(word)
        return key in self.names.common or key in everyday_words() or self._is_place_word(word)

    def _not_a_place(self, start: int, end: int, key: str, *, foreign: bool = True) -> bool:
        """`foreign`: a word of the message's language counts ("campo grande" is a big field): not once
        the place's own state, province or country after it has settled that it is the place."""
        return (
            guards.is_person_or_language(self.text, start, key, end)
            or (
                guards.is_common_noun(self.text, start, end, language=lambda: self.language)
                and not is_own_place(cue_before(self.text, start))
            )
            or (foreign and self._foreign_word(start, end) and not self._qualifies(start))
        )

    def _foreign_word(self, start: int, end: int) -> bool:
        return guards.is_foreign_word(
            self.text, start, end, cue=lambda: cue_before(self.text, start), language=lambda: self.language
        )

    def _qualifies(self, start: int) -> bool:
        """Right after a place and a comma: "guadalajara, jalisco" (a qualifier, not a word)."""
        return any(
            m.kind == PLACE and m.end <= start and re.fullmatch(r"\s*,\s*", self.text[m.end : start])
            for m in self.mentions.values()
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
            if iso := self._other_country_subdivision(i, j, token, codes):
                # "Campo Grande MS", "campo grande ms,": Mato Grosso do Sul, in the city's country, not
                # Mississippi, whose code it also is.
                self._subdivision(i, j, iso)
            elif (
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
                    after_place=self._after_place(i),
                )
            ):
                mention = self.mention(i, j, PLACE)
                for code in codes:
                    mention.add(Candidate(code, True, area=True))
            elif (
                token.isupper()
                and token in self.names.suffixes
                and self._after_place(i)
                and guards.is_qualifier_position(self.text, words[i].start)
            ):
                mention = self.mention(
                    i, j, PLACE
                )  # "London, ON": a subdivision's postal code as a qualifier
                for code in self.names.suffixes[token]:
                    mention.add(Candidate(code, True, area=True))
            elif (
                token.isupper()
                and 2 <= len(token) <= 3
                and guards.is_qualifier_position(self.text, words[i].start)
                and (iso := self._subdivision_after_place(i, token))
            ):
                # "Ladysmith, KZN", "Rheinfelden AG", "Vevey (VD)": a subdivision's ISO code after a city
                # of that country, though our content has no file for the subdivision.
                self._subdivision(i, j, iso)
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
                    city=True,
                )
            ):
                mention = self.mention(i, j, PLACE)  # "ATL", "NYC": a large city's short name, as typed
                for entry in gazetteer().abbreviations[token]:
                    target = entry_target(entry, self.names.graph)
                    mention.add(Candidate(target.code, False, entry.population, target.outside))
            i = j + 1

    def _other_country_subdivision(self, i: int, j: int, token: str, codes: set[str] | None) -> str:
        """The ISO subdivision a code right after a place names in that place's country, when the code
        reads otherwise as a place in none of the countries the place may be in ("" if not so). In lower
        case only where it ends the phrase ("campo grande ms, alguem…") and, in English, is no word."""
        if not (2 <= len(token) <= 3 and token.isalpha() and self._after_place(i)):
            return ""
        if token.islower():
            ends = re.match(r"\s*(?:[,.;:!?)\n]|$)", self.text[self.words[j].end :])
            english_word = self.language == "en" and (token in self.names.common or token in known_words())
            if not ends or english_word:
                return ""
        elif not token.isupper():
            return ""
        iso = self._subdivision_after_place(i, token.upper())
        if iso and not any(code.split("-")[0] in self._countries_before(i) for code in codes or ()):
            return iso
        return ""

    def _countries_before(self, i: int) -> set[str]:
        """The countries the place right before word i may be in (also a name the guards turned down)."""
        countries = {
            code.split("-")[0]
            for m in self.mentions.values()
            if m.kind == PLACE and m.last == i - 1
            for code in m.candidates
        }
        return countries | {
            e.code.split("-")[0] for _, last, entries, _ in self.rejected if last == i - 1 for e in entries
        }

    def _subdivision_after_place(self, i: int, token: str) -> str:
        """The ISO subdivision `token` names in the country of the place right before it ("" if none)."""
        for country in sorted(self._countries_before(i)):
            if pycountry.subdivisions.get(code=f"{country}-{token}"):
                return f"{country}-{token}"
        return ""

    def _subdivision(self, first: int, last: int, iso: str) -> None:
        """Words first…last name the ISO subdivision `iso` (as our content has it: its country when we
        have no file for it)."""
        target = entry_target(Entry(SUBDIVISION, iso), self.names.graph)
        self.mention(first, last, PLACE).add(Candidate(target.code, False, area=True))

    def _word_at(self, position: int) -> int | None:
        return next((k for k, w in enumerate(self.words) if w.start >= position), None)

    def _after_place(self, i: int) -> bool:
        """ "aurora il": a lower-case code right after a place name is its qualifier (also after a city
        name the guards turned down: "rutland vt", "lacey wa", which the code then rescues). Not across the
        end of a sentence: "motherwell. ma ex put…" is Scots for "my", not Massachusetts."""
        if i == 0 or re.search(r"[.!?;:\n]", self.text[self.words[i - 1].end : self.words[i].start]):
            return False
        return any(m.kind == PLACE and m.last == i - 1 for m in self.mentions.values()) or any(
            last == i - 1 for _, last, _, _ in self.rejected
        )

    def _domains(self) -> None:
        """A government web address names its country: "cybercrime.gov.in", "service-public.gouv.fr"."""
        for m in _GOV_DOMAIN.finditer(self.text):
            country = m.group(1).upper().replace("UK", "GB")
            if country in self.names.graph.names and (word := self._word_at(m.start())) is not None:
                self.mention(word, word, SERVICE).add(Candidate(country, True))

    def _departments(self) -> None:
        """In French, a département by its number: "je viens du 93", "ici au 974" (ISO 3166-2 FR-93,
        FR-974). Not a date, an age or a count ("au 12 mai", "du 15 ans", "au 15 de mes contacts")."""
        if self.language != "fr":
            return
        for m in _DEPARTMENT.finditer(self.text):
            after = self.text[m.end() :].split(maxsplit=1)
            word = fold(after[0].strip(".,;:!?")).split("'")[0] if after else ""
            if word in _NOT_A_DEPARTMENT or word in guards.month_names():
                continue  # "au 12 mai", "du 50 euros", "au 15 de mes contacts"
            iso = f"FR-{m.group(1).upper()}"
            if pycountry.subdivisions.get(code=iso) and (word := self._word_at(m.start(1))) is not None:
                self._subdivision(word, word, iso)

    def _area_codes(self) -> None:
        """A North American area code said as a place: "757 here", "618 area", "from the 804"
        (kb/places/area_codes.py)."""
        for m in _AREA_CODE.finditer(self.text):
            group = 1 if m.group(1) else 2
            if group == 1 and not _AREA_CODE_OPENS.search(self.text[: m.start()]):
                continue  # "she sent 212 here": an amount, not where she is
            iso = area_code_subdivision(m.group(group))
            if iso and (word := self._word_at(m.start(group))) is not None:
                self._subdivision(word, word, iso)

    def _after_in(self, i: int) -> bool:
        """ "im in tx": a lower-case code right after "in", "from" or "near"."""
        return i > 0 and self.words[i - 1].folded in ("in", "from", "near")

    def _longest(self) -> list[Mention]:
        """A longer name swallows the names inside it ("New South Wales" over "Wales")."""
        ordered = sorted(self.mentions.values(), key=lambda m: (m.first, -(m.last - m.first)))
        named_records = [m for m in ordered if m.kind != PLACE]
        regions = [m for m in ordered if m.kind == REGION]
        kept: list[Mention] = []
        for m in ordered:
            if (
                m.kind == PLACE
                and not m.named
                and any(r.first <= m.first and m.last <= r.last for r in named_records)
            ):
                continue  # a city inside a statute's or service's name ("… Offences Act"), or a region's
            if m.kind == PLACE and any(
                r.first <= m.first and m.last <= r.last and r.last - r.first > m.last - m.first
                for r in regions
            ):
                continue  # "America" inside "South America"
            if any(
                k.kind == m.kind
                and k.first <= m.first
                and m.last <= k.last
                and (k.first, k.last) != (m.first, m.last)
                for k in kept
            ):
                continue  # also "Online Safety Act 2021" (Australia) over "Online Safety Act" (Australia, UK)
            kept.append(m)
        # A city's name inside a longer name the guards turned down ("Neustadt" in "Wiener Neustadt") is
        # not that city: the longer name was the reading.
        kept = [
            m
            for m in kept
            if not (
                m.kind == PLACE
                and not m.named
                and any(
                    f <= m.first and m.last <= la and la - f > m.last - m.first
                    for f, la, _, _ in self.rejected
                )
            )
        ]
        for m in kept:
            m.cue = cue_before(self.text, m.start)
        # Twin towns joined by a hyphen or slash ("I live in albury-wodonga", "Minneapolis/St. Paul"):
        # the cue before the first is the second's too, so neither outweighs the other. Towns only: "the
        # Texas-Mexico border" is one place's edge, not two homes.
        places = sorted((m for m in kept if m.kind == PLACE), key=lambda m: m.start)
        for first, second in itertools.pairwise(places):
            if (
                first.cue
                and not second.cue
                and not first.named
                and not second.named
                and re.fullmatch(r"\s*[-/\u2013]\s*", self.text[first.end : second.start])
            ):
                second.cue = first.cue
        return kept


_AREA_CODE = re.compile(
    r"\b(\d{3})(?=\s*-\s*based\b|\s+(?:here|area|based|local)\b)|\b(?:from|in)\s+the\s+(\d{3})\b", re.I
)
_AREA_CODE_OPENS = re.compile(r"(?:^|[.,;:!?(\n]|\b(?:im|i'm|i am|we're|were|from|in|the))\s*$", re.I)
_DEPARTMENT = re.compile(r"\b(?:du|au|dans le)\s+(\d{2,3}|2[ab])\b(?![.,]\d)", re.I)
_NOT_A_DEPARTMENT = frozenset(
    "ans an h heures heure min minutes euros eur € % km jours jour fois de d des du personnes".split()
)
_CALLED = re.compile(
    r"\b(?:call|called|calling|ring|rang|dial|dialed|dialled|phone|phoned|text|texted|number|helpline|"
    r"llam\w*|marqu\w*|appel\w*|lig\w*|anruf\w*|chiam\w*)\s+(?:the\s+|al\s+|o\s+|le\s+)?$",
    re.I,
)


def mentions_find(text: str, names: KbNames) -> list[Mention]:
    return _Scan(text, names).run()
