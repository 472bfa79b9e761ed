"""The maps and the timeline: thin views over kb.maps and kb.classify."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kb.classify import TREATMENT_HELP, Treatment, places_classify
from kb.maps import chart_build, laws_per_year, map_draw


def _legend() -> list[tuple[str, str, str]]:
    return [(t.value, t.label, TREATMENT_HELP[t]) for t in Treatment]


def world_map(request: HttpRequest) -> HttpResponse:
    drawn = map_draw(name="world")
    return render(request, "kb/map.html", {"map": drawn, "legend": _legend(), "world": True})


def us_map(request: HttpRequest) -> HttpResponse:
    drawn = map_draw(name="us")
    federal = places_classify(codes=["US"]).get("US")
    return render(
        request, "kb/map.html", {"map": drawn, "legend": _legend(), "world": False, "federal": federal}
    )


def timeline(request: HttpRequest) -> HttpResponse:
    counts, undated = laws_per_year()
    return render(request, "kb/timeline.html", {"chart": chart_build(counts=counts, undated=undated)})
