"""The world and US maps and the laws-per-year chart, drawn on the server as SVG.

Boundaries come from policy/mapdata/*.json (built by `manage.py build_map_paths` from the world-atlas
and us-atlas npm packages); colours come from policy.classify. Nothing is loaded from another site.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.db.models.functions import Coalesce, ExtractYear

from kb.jurisdictions import jurisdiction_graph
from kb.localnames import place_local_name
from kb.models import Law
from kb.vocab import LawStatus, SyntheticCoverage
from policy.classify import Classification, Treatment, places_classify

MAPDATA = Path(__file__).resolve().parent / "mapdata"


@lru_cache(maxsize=4)
def mapdata_load(name: str) -> dict:
    return json.loads((MAPDATA / f"{name}.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class MapPlace:
    code: str
    name: str
    d: str
    treatment: Treatment
    from_within: bool
    bill_pending: bool
    covered: bool  # a published jurisdiction in the knowledge base

    @property
    def title(self) -> str:
        return place_title(self.name, self.treatment, self.from_within, self.bill_pending, self.covered)


def place_title(name: str, treatment: Treatment, within: bool, bill: bool, covered: bool) -> str:
    from django.utils.translation import gettext as _

    if not covered:
        return _("%(name)s: not covered by Recourse yet") % {"name": name}
    text = f"{name}: {treatment.label}"
    if within:
        text += " " + _("(in some states or nations)")
    if bill and treatment != Treatment.BILL_PENDING:
        text += " · " + _("bill pending")
    return text


@dataclass
class DrawnMap:
    name: str
    view_box: str
    attribution: str
    places: list[MapPlace]
    table: list[tuple[str, str, Classification]]  # (code, name, classification) for every covered place
    counts: dict[Treatment, int]  # shapes drawn in each colour: what the legend says is what is shown
    uncovered: int  # shapes of places Recourse does not cover yet (lighter grey)
    law_names: dict[str, str]  # law id → short name, for the table


def map_draw(*, name: str) -> DrawnMap:
    """A map with each shape classified: countries (with their states) or US states (own laws only)."""
    data = mapdata_load(name)
    graph = jurisdiction_graph()
    if name == "world":
        codes = [c for c in graph.published if graph.kinds.get(c) == "country"]
        classes = places_classify(codes=codes, include_within=True)
    else:
        codes = [c for c in graph.published if graph.parent.get(c) == "US"]
        classes = places_classify(codes=codes)
    places = []
    for shape in data["places"]:
        code = shape["id"]
        found = classes.get(code)
        places.append(
            MapPlace(
                code=code,
                name=place_local_name(code, graph.names.get(code) or shape["name"]),
                d=shape["d"],
                treatment=found.treatment if found else Treatment.NOTHING_KNOWN,
                from_within=bool(found and found.from_within),
                bill_pending=bool(found and found.bill_pending),
                covered=found is not None,
            )
        )
    names = {c: place_local_name(c, graph.names[c]) for c in codes}  # in the page's language
    table = sorted(((c, names[c], classes[c]) for c in codes), key=lambda row: row[1])
    drawn = Counter(p.treatment for p in places if p.covered)
    ids = {law_id for c in classes.values() for law_id in c.law_ids}
    names = Law.objects.filter(id__in=ids).values_list("id", "short_name", "title")
    return DrawnMap(
        name=name,
        view_box=data["viewBox"],
        attribution=data["attribution"],
        places=places,
        table=table,
        counts={t: drawn.get(t, 0) for t in Treatment},
        uncovered=sum(1 for p in places if not p.covered),
        law_names={law_id: short or title for law_id, short, title in names},
    )


# --- Laws enacted per year -----------------------------------------------------------------------


@dataclass(frozen=True)
class YearBar:
    year: int
    explicit: int  # laws that cover AI-made images explicitly
    other: int
    x: float
    width: float
    y_explicit: float
    h_explicit: float
    y_other: float
    h_other: float
    labelled: bool = True  # crowded charts label every few years only

    @property
    def middle(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def total(self) -> int:
        return self.explicit + self.other


@dataclass
class Chart:
    bars: list[YearBar]
    width: int
    height: int
    base: float  # the y of the x axis
    ticks: list[tuple[int, float]]  # (value, y)
    undated: int


def laws_undated() -> list[Law]:
    """Published laws in force or enacted with neither date recorded: the timeline names them."""
    return list(
        Law.objects.published()
        .filter(
            status__in=[LawStatus.IN_FORCE, LawStatus.ENACTED], enacted__isnull=True, in_force__isnull=True
        )
        .select_related("jurisdiction")
        .order_by("jurisdiction__name", "id")
    )


def laws_per_year() -> tuple[dict[int, tuple[int, int]], int]:
    """Published laws in force or enacted, by year enacted (or in force, when that is all we know).

    Returns ({year: (explicit, other)}, undated count). One query.
    """
    rows = (
        Law.objects.published()
        .filter(status__in=[LawStatus.IN_FORCE, LawStatus.ENACTED])
        .annotate(year=ExtractYear(Coalesce("enacted", "in_force")))
        .values_list("year", "covers_synthetic")
    )
    years: dict[int, list[int]] = {}
    undated = 0
    for year, coverage in rows:
        if year is None:
            undated += 1
            continue
        slot = years.setdefault(year, [0, 0])
        slot[0 if coverage == SyntheticCoverage.EXPLICIT else 1] += 1
    return {y: (e, o) for y, (e, o) in sorted(years.items())}, undated


def chart_build(*, counts: dict[int, tuple[int, int]], undated: int = 0) -> Chart:
    """Bar geometry for an SVG stacked bar chart, one bar per year from the first to the last."""
    width, height, left, top, bottom = 720, 320, 40, 16, 40
    years = list(range(min(counts), max(counts) + 1)) if counts else []
    every = next((n for n in (1, 2, 5, 10, 20, 50) if len(years) / n <= 14), 100)
    peak = max((e + o for e, o in counts.values()), default=1) or 1
    plot_h = height - top - bottom
    slot = (width - left - 10) / max(len(years), 1)
    bars = []
    for i, year in enumerate(years):
        explicit, other = counts.get(year, (0, 0))
        h_e, h_o = plot_h * explicit / peak, plot_h * other / peak
        base = height - bottom
        bars.append(
            YearBar(
                year=year,
                explicit=explicit,
                other=other,
                x=round(left + i * slot + slot * 0.15, 1),
                width=round(slot * 0.7, 1),
                y_explicit=round(base - h_e, 1),
                h_explicit=round(h_e, 1),
                y_other=round(base - h_e - h_o, 1),
                h_other=round(h_o, 1),
                labelled=year % every == 0 or len(years) == 1,
            )
        )
    step = max(1, round(peak / 4))
    ticks = [(v, round(height - bottom - plot_h * v / peak, 1)) for v in range(0, peak + 1, step)]
    return Chart(bars=bars, width=width, height=height, base=height - bottom, ticks=ticks, undated=undated)
