"""The maps and the timeline: thin views over policy.maps and policy.classify."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from policy.classify import TREATMENT_HELP, Treatment, places_classify
from policy.maps import DrawnMap, chart_build, laws_per_year, laws_undated, map_draw


def _legend() -> list[tuple[str, str, str]]:
    return [(t.value, t.label, TREATMENT_HELP[t]) for t in Treatment]


def _map_context(drawn: DrawnMap) -> dict:
    """The legend with how many shapes of each colour the map draws, so its counts match the picture."""
    legend = _legend()
    counts = [(value, label, help_text, drawn.counts[Treatment(value)]) for value, label, help_text in legend]
    return {"map": drawn, "legend": legend, "legend_counts": counts}


def world_map(request: HttpRequest) -> HttpResponse:
    return render(request, "policy/map.html", {**_map_context(map_draw(name="world")), "world": True})


def us_map(request: HttpRequest) -> HttpResponse:
    federal = places_classify(codes=["US"]).get("US")
    context = {**_map_context(map_draw(name="us")), "world": False, "federal": federal}
    return render(request, "policy/map.html", context)


def timeline(request: HttpRequest) -> HttpResponse:
    counts, undated = laws_per_year()
    context = {"chart": chart_build(counts=counts, undated=undated), "undated_laws": laws_undated()}
    return render(request, "policy/timeline.html", context)
