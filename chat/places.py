"""Places as the guided help shows them: "Texas, United States", the picker list, typed-place lookup."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kb.detect import Detection, Place, jurisdiction_detect, jurisdiction_from_code
from kb.jurisdictions import GLOBAL, jurisdiction_graph
from kb.localnames import place_local_name
from kb.vocab import JurisdictionKind


def place_name(code: str) -> str:
    """A place with its country: "Texas, United States"; "France"; GLOBAL is no place in particular."""
    graph = jurisdiction_graph()
    if code == GLOBAL or code not in graph.names:
        return _("Not listed, or rather not say")
    country = code
    while graph.parent.get(country):
        country = graph.parent[country]  # type: ignore[assignment]
    name = place_local_name(code, graph.names[code])
    return name if country == code else f"{name}, {place_local_name(country, graph.names[country])}"


def place_known(code: str) -> bool:
    """A published place the plan can be built for (GLOBAL counts: help that works everywhere)."""
    return code in jurisdiction_graph().published


@dataclass
class PickerGroup:
    """One country in the picker: the country itself, then its states or nations (if any)."""

    code: str
    name: str
    children: list[tuple[str, str]] = field(default_factory=list)


def place_picker() -> list[PickerGroup]:
    """Every published place, countries A to Z, each followed by its states, provinces or nations."""
    graph = jurisdiction_graph()
    skip = {JurisdictionKind.GLOBAL, JurisdictionKind.SUPRANATIONAL}
    roots = [c for c in graph.published if graph.kinds.get(c) not in skip and not graph.parent.get(c)]
    groups = []

    def local(c: str) -> str:
        return place_local_name(c, graph.names[c])

    for code in sorted(roots, key=local):
        children = [c for c in graph.descendants(code) if c in graph.published]
        groups.append(
            PickerGroup(code, local(code), sorted(((c, local(c)) for c in children), key=lambda p: p[1]))
        )
    return groups


@dataclass
class PlaceLookup:
    """What a typed place turned into, for this response only: the place, other candidates, a note."""

    code: str | None
    alternatives: list[Place]
    note: str


def place_lookup(text: str) -> PlaceLookup:
    """Find the place in what someone typed. `code` is None when it is unknown or must be chosen."""
    text = text.strip()
    detection: Detection | None = jurisdiction_detect(text) if text else None
    if detection is None or (detection.code is None and not detection.alternatives):
        given = jurisdiction_from_code(text) if 1 < len(text) <= 8 else None
        if given is None:
            return PlaceLookup(None, [], "")
        detection = given
    graph = jurisdiction_graph()
    alternatives = [
        Place(p.code, place_name(p.code), True)
        for p in detection.alternatives
        if p.code in graph.published and p.code != detection.code
    ]
    code = detection.code if detection.code in graph.published else None
    return PlaceLookup(code, alternatives, detection.note)
