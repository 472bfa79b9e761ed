"""The maps and the timeline: thin views over policy.maps and policy.classify."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from policy.classify import TREATMENT_HELP, Treatment, places_classify
from policy.maps import chart_build, laws_per_year, map_draw


def _legend() -> list[tuple[str, str, str]]:
    return [(t.value, t.label, TREATMENT_HELP[t]) for t in Treatment]


def world_map(request: HttpRequest) -> HttpResponse:
    drawn = map_draw(name="world")
    return render(request, "policy/map.html", {"map": drawn, "legend": _legend(), "world": True})


def us_map(request: HttpRequest) -> HttpResponse:
    drawn = map_draw(name="us")
    federal = places_classify(codes=["US"]).get("US")
    return render(
        request, "policy/map.html", {"map": drawn, "legend": _legend(), "world": False, "federal": federal}
    )


def timeline(request: HttpRequest) -> HttpResponse:
    counts, undated = laws_per_year()
    return render(request, "policy/timeline.html", {"chart": chart_build(counts=counts, undated=undated)})
