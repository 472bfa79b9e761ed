"""Settling which place the person lives in, from the mentions found, by general rules.

1. A qualifier right after a name decides ("Dublin, California", "Sydney, Ohio", "Glasgow, KY"):
   the candidates of the name inside the qualifier win; with none, the qualifier itself does
   (Paris, Tennessee is too small for the gazetteer, so it is Tennessee).
2. A named state, province or country beats a city elsewhere.
3. A city name shared by several places goes to the most populous only when it has DOMINANCE
   times the people of the next (twice that when the next is a large city itself); otherwise we
   ask, offering the largest few.
4. Another mention in the same country settles a name ("Victoria, near Melbourne").
5. Residence cues outweigh plain mentions; negated places and places tied to someone else are
   not the residence. Two different places left with the same weight: ask.
6. With no place named, a law or a local service named implies its place.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kb.jurisdictions import JurisdictionGraph
from kb.places.cues import NEGATED, ORIGIN, RESIDENCE, SOMEONE_ELSE, WEAK
from kb.places.gazetteer import country_languages
from kb.places.language import language_detect
from kb.places.names import section_numbers
from kb.places.scan import LAW, PLACE, SERVICE, Candidate, Mention
from kb.places.text import fold

DOMINANCE = 5.0
# When the runner-up is a large city in its own right (Córdoba, Spain; Birmingham, Alabama), many of the
# people typing the name live there even if the leader is bigger still: it must dominate twice as much.
LARGE_RUNNER_UP = 150_000
LARGE_RUNNER_UP_DOMINANCE = 10.0
# A region whose population we do not know (La Rioja, Spain) gives way only to a city this large that is
# known the world over (Portland, Oregon, against the Jamaican parish).
REGION_OUTWEIGHED_BY = 500_000
MAX_CHOICES = 5
WEAK_NAME_CONFIDENCE = 0.5  # below detect.CONFIDENT: a name that is mostly a word is offered, not assumed
SOMEONE_ELSE_CONFIDENCE = 0.5  # below detect.CONFIDENT: only another person's place is offered, not assumed
# How much a mention says about where the person lives.
WEIGHTS = {RESIDENCE: 3.0, ORIGIN: 2.0, WEAK: 1.2, "": 1.0, SOMEONE_ELSE: 0.2}
_QUALIFIER_GAP = re.compile(r"^(?:['\u2019]s)?\s*(?:,|\(|-|in|in\s+the)?\s*(?:co\.?|county)?\s*$", re.I)
# "Sydney, Cape Breton": a qualifier we do not know, after a name with meanings in several countries.
# One to three capitalised words set apart like a qualifier, not a sentence ("Sydney, I need help").
_UNKNOWN_QUALIFIER = re.compile(
    r"(?:['\u2019]s)?\s*,\s*[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,2}\s*(?:[.!?:;,)\n]|\s[-\u2013\u2014]\s|$)"
)


@dataclass
class Decision:
    code: str | None
    confidence: float
    alternatives: list[str] = field(default_factory=list)
    reason: str = ""
    subdivision_missing: str = ""


@dataclass
class _Resolved:
    mention: Mention
    code: str | None  # None: the mention itself is ambiguous
    confidence: float
    choices: list[str]
    reason: str
    missing: str = ""


def dominates(top: int, second: int) -> bool:
    """Whether a city of `top` people is the one meant over a namesake of `second` people."""
    dominance = LARGE_RUNNER_UP_DOMINANCE if second >= LARGE_RUNNER_UP else DOMINANCE
    return top >= dominance * max(second, 1)


def _root(graph: JurisdictionGraph, code: str) -> str:
    seen = set()
    while graph.parent.get(code) and code not in seen:
        seen.add(code)
        code = graph.parent[code]  # type: ignore[assignment]
    return code


def _within(graph: JurisdictionGraph, code: str, area: str) -> bool:
    return area in graph.chain(code)[:-1] if code in graph.names else code == area


def _settled_together(places: list[Mention], graph: JurisdictionGraph) -> list[tuple[Mention, str]]:
    """Two names with several meanings each that fit together only one way, in one state or province
    ("Columbus … the Georgia law": Columbus, Georgia; not Ohio's Columbus, nor the country Georgia): each
    says which the other means. One country is not enough (a Valladolid and a Rosario are both in Mexico
    too), nor another person's place ("my ex moved to Georgia", "I live in Columbus")."""
    open_ = [m for m in places if len(m.candidates) > 1 and m.cue != SOMEONE_ELSE]
    out: list[tuple[Mention, str]] = []
    for i, a in enumerate(open_):
        for b in open_[i + 1 :]:
            pairs = [
                (x, y)
                for x in a.candidates
                for y in b.candidates
                if x in graph.names
                and y in graph.names
                and (
                    (_within(graph, x, y) and graph.parent.get(y))
                    or (_within(graph, y, x) and graph.parent.get(x))
                )
            ]
            if len(pairs) == 1:
                out += [(a, pairs[0][0]), (b, pairs[0][1])]
    return out


def _qualify(mentions: list[Mention], text: str, graph: JurisdictionGraph) -> list[Mention]:
    """Fold "A, B" into one mention when B is a named place: A's candidates inside B, else B."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and m.kind == PLACE
            and prev.kind == PLACE
            and m.area
            and _QUALIFIER_GAP.match(text[prev.end : m.start])
        ):
            areas = [c for c in m.candidates.values() if c.named or c.area]
            inside = {
                code: c
                for code, c in prev.candidates.items()
                if any(code == a.code or _within(graph, code, a.code) for a in areas)
            }
            prev_is_country = any(
                c.named and not graph.parent.get(code) and code in graph.names
                for code, c in prev.candidates.items()
            )
            # A country's name qualified by a state or province of another country is a town there:
            # "Mexico, Missouri", "Peru, Indiana" (but "Colombia, Antioquia" is the country and its part).
            town = (
                prev_is_country
                and bool(areas)
                and all(
                    a.code in graph.names
                    and graph.parent.get(a.code)
                    and not any(_within(graph, a.code, code) for code in prev.candidates)
                    for a in areas
                )
            )
            # With none of its meanings inside, "A, B" is A qualified by B only once: "Newcastle NSW,
            # Newcastle upon Tyne" is two places, not the first qualified again. Nor is a state or province
            # of ours qualified by a country it is not in: "the Texas-Mexico border" names both (a city
            # alias of ours, "Glasgow, KY", "St. John's, Antigua", is qualified as before).
            prev_state = all(
                c.named and graph.parent.get(code) and not c.population for code, c in prev.candidates.items()
            )
            if inside or town or not (prev_is_country or prev.qualified or prev_state):
                merged = Mention(prev.first, m.last, prev.start, m.end, PLACE, cue=prev.cue)
                chosen = inside or {a.code: a for a in areas}
                for c in chosen.values():
                    merged.add(Candidate(c.code, True, c.population, c.outside, c.missing))
                merged.qualified = True
                out[-1] = merged
                continue
        out.append(m)
    return out


# A kind named right after a shared name says which is meant: "Georgia (the country)", "georgia the state".
_KIND_AFTER = re.compile(
    r"\s*[,(\-]?\s*(?:the\s+|el\s+|la\s+|le\s+|o\s+|il\s+|lo\s+|das\s+|der\s+)?"
    r"(?:(?P<country>country|nation|pais|pays|paese|land)|(?P<state>state|province|estado|provincia|etat|"
    r"stato|bundesstaat)|(?P<city>city|town|ciudad|ville|cidade|citta|stadt))\b",
)


def _kind_named(m: Mention, text: str, graph: JurisdictionGraph) -> Mention:
    """Keep the candidates of the kind named after the mention, when that leaves any."""
    match = _KIND_AFTER.match(fold(text[m.end : m.end + 24]))
    if not match or len(m.candidates) < 2:
        return m
    if match.group("country"):
        keep = {k: c for k, c in m.candidates.items() if c.named and not graph.parent.get(k)}
    elif match.group("state"):
        keep = {k: c for k, c in m.candidates.items() if c.named and graph.parent.get(k)}
    else:
        keep = {k: c for k, c in m.candidates.items() if not c.named}
    if not keep or len(keep) == len(m.candidates):
        return m
    return Mention(
        m.first,
        m.last,
        m.start,
        m.end,
        m.kind,
        dict(keep),
        m.cue,
        qualified=True,
        word=m.word,
        typo=m.typo,
        weak=m.weak,
    )


def _resolve(
    m: Mention, clue_codes: set[str], graph: JurisdictionGraph, language: Callable[[], str] = lambda: "en"
) -> _Resolved:
    """One mention settled by the rules above; `clue_codes`: the places other mentions name."""
    cands = list(m.candidates.values())
    reason = "qualifier" if m.qualified else "name"
    clue_roots = {_root(graph, code) for code in clue_codes}
    if len(cands) > 1 and clue_roots:
        supported = [c for c in cands if _root(graph, c.code) in clue_roots]
        # A clue picks among a name's meanings, but a city elsewhere never beats the name's own place
        # ("my ex lives in Texas but I live in Ontario": the province, not Ontario, California).
        if supported and (any(c.named for c in supported) or not any(c.named for c in cands)):
            cands, reason = supported, "clue"
    if len(cands) > 1:
        # Another mention names a state or province ("Hammond … Louisiana's law", "Helena … Montana"):
        # the namesake inside it.
        areas = {code for code in clue_codes if code != _root(graph, code)}
        inner = [c for c in cands if any(_within(graph, c.code, area) for area in areas)]
        if inner and len(inner) < len(cands) and not any(c.named for c in cands if c not in inner):
            cands, reason = inner, "clue"
    if len(cands) > 1 and any(c.named for c in cands):
        cands = [c for c in cands if c.named]
    elif (
        len(cands) > 1
        and any(c.area and not c.population for c in cands)
        and (
            max((c.population for c in cands), default=0) < LARGE_RUNNER_UP
            or all(c.obscure for c in cands if c.population)
        )
        and not any(c.famous for c in cands if c.population)
    ):
        # A county or region our content has no file for ("Cornwall", "Essex") still beats a town of that
        # name elsewhere (Cornwall, Ontario), unless that town is a large city (Durham, North Carolina) or
        # a famous one (Canterbury, England, against New Zealand's region): ask. A large city hardly anyone
        # names beyond its country (Santa Catarina, Nuevo León: one other name in GeoNames) gives way too.
        # Not a province named after its own city (Parma), which is weighed as the city.
        cands = [c for c in cands if c.area and not c.population]
    if len(cands) > 1:
        # Several places of the same tree: the deepest is the most precise ("Houston" city and "Texas").
        roots = {_root(graph, c.code) for c in cands}
        if len(roots) == 1 and all(c.named for c in cands):
            deepest = max(cands, key=lambda c: len(graph.chain(c.code)) if c.code in graph.names else 0)
            cands = [deepest]
    if len(cands) == 1:
        c = cands[0]
        confidence = 0.95 if reason in ("qualifier", "clue") else (0.9 if c.named else 0.85)
        if m.word or (
            m.weak
            and reason != "clue"
            and (m.typo or (not c.named and _root(graph, c.code) not in clue_roots))
        ):
            confidence, reason = WEAK_NAME_CONFIDENCE, "weak name"
        return _Resolved(m, c.code, confidence, [], reason, c.missing)
    if all(not c.named for c in cands) and language() != "en":
        # Written in the language of only some of the namesakes' countries ("sono di Parma": Italy, not
        # Ohio; "j'habite à Valence": France), the name is theirs. English says little: many speak it.
        local = [c for c in cands if language() in country_languages(c.code)]
        if local and len(local) < len(cands):
            cands = local
            if len(cands) == 1:
                return _Resolved(m, cands[0].code, 0.85, [], "language", cands[0].missing)
    if all(not c.named for c in cands):
        ranked = sorted(cands, key=lambda c: -c.population)
        top, second = ranked[0], ranked[1]
        # A region has no population to weigh: next to a town that is too famous to give way but not a
        # large city ("Canterbury": England's city, New Zealand's region), we ask ("Portland" stays Oregon's,
        # not the Jamaican parish's).
        regions = (top.population < REGION_OUTWEIGHED_BY or not top.famous) and any(
            c.area and not c.population for c in cands
        )
        if dominates(top.population, second.population) and not regions:
            if m.weak:
                return _Resolved(m, top.code, WEAK_NAME_CONFIDENCE, [], "weak name", top.missing)
            return _Resolved(m, top.code, 0.8, [], "population", top.missing)
        return _Resolved(m, None, 0.4, [c.code for c in ranked[:MAX_CHOICES]], "shared city name")
    return _Resolved(m, None, 0.4, sorted(c.code for c in cands), "shared name")


def _unknown_qualifier(
    m: Mention, text: str, mentions: list[Mention], graph: JurisdictionGraph
) -> _Resolved | None:
    """A name whose meanings lie in several countries, followed by a comma and a capitalised name we do
    not know ("Sydney, Cape Breton"): the person is telling us which one, and we cannot read it, so we
    ask rather than answer for the famous one."""
    if m.qualified or len({_root(graph, c) for c in m.candidates}) < 2:
        return None
    after = _UNKNOWN_QUALIFIER.match(text, m.end)
    if not after or any(o.start < after.end() and o.end > m.end for o in mentions if o is not m):
        return None
    ranked = sorted(m.candidates.values(), key=lambda c: (not c.named, -c.population))
    return _Resolved(m, None, 0.4, [c.code for c in ranked[:MAX_CHOICES]], "unknown qualifier")


def _effective(m: Mention) -> set[str]:
    """The codes a mention can mean: its own-name candidates when it has any, else all."""
    named = {code for code, c in m.candidates.items() if c.named}
    return named or set(m.candidates)


def _law_decision(
    laws: list[Mention], graph: JurisdictionGraph, text: str, sections: dict[str, set[str]]
) -> Decision | None:
    """No place named: the laws or services named imply one. A section number typed with a statute's
    name that several places share says which ("section 66E of the Sexual Offences Act")."""
    codes = {code for m in laws for code in m.candidates}
    cited = {code for number in section_numbers(text) for code in sections.get(number, ())}
    if codes & cited:
        codes &= cited
    elif cited and len({_root(graph, c) for c in cited}) == 1:
        # A number only one place's laws have, alone ("art. 197a CP": Switzerland) or next to a statute's
        # name others share ("Civil Code section 1708.86": California, whoever else has a civil code).
        codes = cited
    if not codes:
        return None
    roots = {_root(graph, c) for c in codes}
    if len(roots) > 1:
        return Decision(None, 0.4, sorted(codes)[:MAX_CHOICES], "named laws disagree")
    if len(codes) > 1 and not roots & codes:
        # Laws of several states or provinces of one country, none of its own ("Intimate Images
        # Protection Act": British Columbia, Newfoundland, Prince Edward Island): ask which.
        return Decision(None, 0.4, sorted(codes)[:MAX_CHOICES], "named laws of several places")
    # One country: the place every named record shares, or the country itself.
    common = set.intersection(*(set(graph.chain(c)) for c in codes if c in graph.names)) if codes else set()
    best = max(common, key=lambda c: len(graph.chain(c))) if common else roots.pop()
    return Decision(best, 0.75, [], "named law or service")


def mentions_decide(
    mentions: list[Mention], graph: JurisdictionGraph, text: str, sections: dict[str, set[str]] | None = None
) -> Decision:
    language = functools.cache(lambda: language_detect(text))
    places = [m for m in mentions if m.kind == PLACE]
    places = [_kind_named(m, text, graph) for m in _qualify(places, text, graph)]
    places = [m for m in places if m.cue != NEGATED]
    if not places:
        return _law_decision(
            [m for m in mentions if m.kind in (LAW, SERVICE)], graph, text, sections or {}
        ) or Decision(None, 0.0, [], "no place")
    # A place named with one meaning ("Melbourne" for "Victoria"), or one that settles by itself ("San
    # Diego" for "Cali near San Diego"), says which country a shared name next to it means. Laws named do
    # not (people compare with other countries' laws), and a mention never supports itself.
    sources: list[tuple[Mention, str]] = [
        (m, next(iter(_effective(m)))) for m in places if len(_effective(m)) == 1
    ]
    sources += _settled_together(places, graph)
    for m in places:
        if m.cue != SOMEONE_ELSE:
            r = _resolve(m, set(), graph, language)
            if r.code and r.confidence >= 0.8:
                sources.append((m, r.code))

    # A law or a service named ("the Civil Resolution Tribunal", "Coco's Law") never names the place by
    # itself next to a place (people compare with other countries' laws), but it may choose among the
    # meanings of a shared name when no place does ("Vancouver. how do I file with the Civil Resolution
    # Tribunal": British Columbia, not Washington).
    record_codes = {c for m in mentions if m.kind in (LAW, SERVICE) for c in m.candidates}

    def clues(m: Mention) -> set[str]:
        # Another person's place says which country a state or country's name means ("he moved to
        # Florida … I am in Georgia"), but not which of several towns ("my ex lives in buffalo … im still
        # in oakville": Ontario's, not Missouri's).
        names_only = all(c.named for c in m.candidates.values())
        found = {
            code for source, code in sources if source is not m and (names_only or source.cue != SOMEONE_ELSE)
        }
        return found or record_codes

    resolved = [
        _unknown_qualifier(m, text, mentions, graph) or _resolve(m, clues(m), graph, language) for m in places
    ]
    if any(r.reason != "weak name" for r in resolved):
        # A name that is mostly a word ("the Toronto Police", "York Regional Police") does not compete with
        # a place named outright, settled or not (then the choices are that place's meanings).
        resolved = [r for r in resolved if r.reason != "weak name"]
    best_weight = max(WEIGHTS.get(r.mention.cue, 1.0) for r in resolved)
    top = [r for r in resolved if WEIGHTS.get(r.mention.cue, 1.0) == best_weight]
    others = [r for r in resolved if r not in top]
    alternatives = [c for r in others for c in ([r.code] if r.code else r.choices)]
    decided = [r for r in top if r.code]
    if not decided:
        choices = [c for r in top for c in r.choices]
        return Decision(None, 0.4, list(dict.fromkeys(choices + alternatives)), top[0].reason)
    codes = list(dict.fromkeys(r.code for r in decided))
    # Mentions of one place and its ancestors ("Houston … Texas … USA"): the deepest.
    deepest = [c for c in codes if not any(o != c and _within(graph, o, c) for o in codes)]
    undecided = [c for r in top if not r.code for c in r.choices]
    if len(deepest) > 1 or undecided:
        choices = list(dict.fromkeys(deepest + undecided))
        return Decision(None, 0.45, list(dict.fromkeys(choices + alternatives)), "several places")
    code = deepest[0]
    # A lower-weight mention inside the chosen place is more precise ("Toronto … in canada").
    inner = [r for r in resolved if r.code and r.mention.cue != SOMEONE_ELSE and _within(graph, r.code, code)]
    if inner:
        code = max(inner, key=lambda r: len(graph.chain(r.code))).code
    # Several mentions of the chosen place ("Mobile. … Alabama law"): the surest one speaks for it.
    chosen = max((r for r in resolved if r.code == code), key=lambda r: r.confidence)
    confidence = chosen.confidence
    rest = [c for c in alternatives if c != code and not _within(graph, code, c)]
    if chosen.mention.cue == SOMEONE_ELSE:
        # Only another person's place ("my ex is from Jamaica", "he moved to Florida"): it says little
        # about where the asker lives, and another country's law is the worst answer we can give: ask.
        confidence, reason = min(confidence, SOMEONE_ELSE_CONFIDENCE), "someone else's place"
        return Decision(code, confidence, list(dict.fromkeys(rest)), reason, chosen.missing)
    return Decision(code, confidence, list(dict.fromkeys(rest)), chosen.reason, chosen.missing)
