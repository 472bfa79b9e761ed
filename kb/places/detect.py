"""Finding where someone lives from what they wrote, or from a code they gave.

Every place name in the text is found at once (kb/places/gazetteer.py for the world's countries,
subdivisions and cities; kb/places/names.py for the knowledge base's own names, aliases, laws and
services), filtered by the not-a-place guards (kb/places/guards.py), and then settled by rules,
never by a table of special cases (kb/places/disambiguate.py):

- a qualifier next to a name decides ("Dublin, California", "Glasgow, KY");
- a named state, province or country beats a city elsewhere;
- a city name several places share goes to the most populous only when it clearly dominates;
- the person's own place ("I live in", "vivo en") beats places that are negated ("not in Texas") or
  tied to someone else ("my abuser is in Ohio");
- with no place at all, a law or service named implies one ("Coco's Law", "la loi SREN").

Every detection carries a confidence; below CONFIDENT the answer asks "Did you mean … or …?".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kb.jurisdictions import GLOBAL
from kb.places.disambiguate import Decision, mentions_decide
from kb.places.names import kb_names
from kb.places.resolve import outside_name
from kb.places.scan import mentions_find

CONFIDENT = 0.6


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
    confidence: float = 0.0  # 1.0 for a code given; below CONFIDENT we ask instead of answering
    reason: str = ""  # which rule decided (for the evaluation and debugging; never user text)

    @property
    def needs_jurisdiction(self) -> bool:
        return self.code is None or self.code == GLOBAL


def _place(code: str) -> Place:
    graph = kb_names().graph
    if code in graph.names:
        return Place(code, graph.names[code], code in graph.published)
    return Place(code, outside_name(code), False)


def jurisdiction_detect(text: str) -> Detection:
    """The place a piece of free text says the person lives in, with alternatives when unsure."""
    names = kb_names()
    decision: Decision = mentions_decide(mentions_find(text, names), names.graph, text, names.sections)
    alternatives = [_place(c) for c in decision.alternatives]
    if decision.code is None or decision.confidence < CONFIDENT:
        if decision.code:
            alternatives = [_place(decision.code), *[p for p in alternatives if p.code != decision.code]]
        return Detection(
            None, None, None, alternatives, confidence=decision.confidence, reason=decision.reason
        )
    return _resolved(
        decision.code,
        "detected",
        alternatives,
        confidence=decision.confidence,
        reason=decision.reason,
        missing=decision.subdivision_missing,
    )


def _resolved(
    code: str,
    source: str,
    alternatives: list[Place],
    *,
    confidence: float,
    reason: str = "",
    missing: str = "",
) -> Detection:
    graph = kb_names().graph
    place = _place(code)
    alternatives = [p for p in alternatives if p.code != code]
    if code in graph.published:
        note = ""
        if missing:
            note = _("We have no records specific to %(place)s; showing %(fallback)s.") % {
                "place": outside_name(missing),
                "fallback": place.name,
            }
        return Detection(code, place.name, source, alternatives, note, confidence, reason)
    note = _("We have no records for %(place)s yet; showing resources that help everywhere.") % {
        "place": place.name
    }
    fallback = GLOBAL if GLOBAL in graph.names else None
    return Detection(fallback, place.name, source, alternatives, note, confidence, reason)


def jurisdiction_from_code(code: str) -> Detection | None:
    """A code someone gave explicitly (any case). None when it is not a place we know at all."""
    graph = kb_names().graph
    code = code.strip().upper()
    if code in graph.published:
        return Detection(code, graph.names[code], "given", confidence=1.0, reason="given")
    if "-" not in code and len(code) == 2 and outside_name(code) != code:
        return _resolved(code, "given", [], confidence=1.0, reason="given")
    if "-" in code and outside_name(code) != code:
        from kb.places.gazetteer import SUBDIVISION, Entry
        from kb.places.resolve import entry_target

        target = entry_target(Entry(SUBDIVISION, code), graph)
        return _resolved(target.code, "given", [], confidence=1.0, reason="given", missing=code)
    return None
