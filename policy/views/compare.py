"""The comparison page and its CSV and JSON downloads: thin views over kb.compare."""

from __future__ import annotations

import csv
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kb.compare import (
    FACTS,
    GROUPS,
    LABELS,
    LEGEND,
    SORTS,
    Matrix,
    compare_codes,
    matrix_as_dict,
    matrix_as_rows,
    matrix_build,
)
from kb.jurisdictions import GLOBAL, jurisdiction_graph
from kb.localnames import place_local_name


@dataclass
class CompareQuery:
    """What the URL asks for, in canonical form, so a shared link gives the same matrix."""

    codes: list[str]
    groups: list[str]
    inherit: bool
    only: list[str]
    sort: str

    @classmethod
    def from_request(cls, request: HttpRequest) -> CompareQuery:
        q = request.GET
        codes = [c.strip().upper() for raw in q.getlist("j") for c in raw.split(",") if c.strip()]
        codes += place_codes_from_text(q.get("add", ""))
        # National and union laws are folded in by default; `inherit=0` shows each place's own laws only.
        # The form sends a hidden 0 before the checkbox, so the last value is the one that counts.
        inherit = (q.getlist("inherit") or ["1"])[-1] in ("1", "on", "true")
        return cls(
            codes=list(dict.fromkeys(codes)),
            groups=[g for g in dict.fromkeys(q.getlist("g")) if g in GROUPS],
            inherit=inherit,
            only=list(dict.fromkeys(q.getlist("only"))),
            sort=q.get("sort", "") if q.get("sort", "") in SORTS else "",
        )

    def querystring(self, *, sort: str | None = None) -> str:
        parts = []
        if self.codes:
            parts.append("j=" + ",".join(self.codes))
        parts += [f"g={g}" for g in self.groups]
        if not self.inherit:
            parts.append("inherit=0")
        parts += [f"only={k}" for k in self.only]
        sort = self.sort if sort is None else sort
        if sort:
            parts.append(f"sort={sort}")
        return "&".join(parts)

    def matrix(self) -> Matrix:
        codes, unknown = compare_codes(codes=self.codes, groups=self.groups)
        return matrix_build(
            codes=codes, inherit=self.inherit, only=self.only, sort=self.sort, unknown=unknown
        )


def place_codes_from_text(text: str) -> list[str]:
    """Places typed in the picker: "Texas (US-TX), France, quebec" → codes. Unmatched words pass through
    as they are, so the page can say it has no record for them."""
    if not text.strip():
        return []
    graph = jurisdiction_graph()
    # English names, and the names the picker suggests in the page's language ("Francia", "Québec").
    by_name = {graph.names[c].casefold(): c for c in graph.published}
    by_name |= {place_local_name(c, graph.names[c]).casefold(): c for c in graph.published}
    codes = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        in_brackets = part.rsplit("(", 1)[-1].rstrip(")").strip().upper() if part.endswith(")") else ""
        codes.append(in_brackets or by_name.get(part.casefold()) or part.upper()[:16])
    return codes


def compare(request: HttpRequest) -> HttpResponse:
    query = CompareQuery.from_request(request)
    matrix = query.matrix()
    graph = jurisdiction_graph()
    names = {c: place_local_name(c, graph.names[c]) for c in graph.published}  # in the page's language
    places = sorted(((c, names[c]) for c in graph.published if c != GLOBAL), key=lambda item: item[1])
    qs = query.querystring()
    context = {
        "q": query,
        "matrix": matrix,
        "rows": [(fact, list(zip(cells, matrix.columns, strict=True))) for fact, cells in matrix.rows],
        "places": places,
        "chosen": [(c, names[c]) for c in query.codes if c in graph.published],
        "groups": [(key, label) for key, (label, _fn) in GROUPS.items()],
        "facts": FACTS,
        "filters": [f for f in FACTS if f.filterable],
        "legend": [(v, LABELS[v]) for v in LEGEND],
        "querystring": qs,
        "base_querystring": query.querystring(sort=""),
        "share_url": request.build_absolute_uri(
            f"{reverse('policy:compare')}?{qs}" if qs else reverse("policy:compare")
        ),
    }
    return render(request, "policy/compare.html", context)


def compare_csv(request: HttpRequest) -> HttpResponse:
    matrix = CompareQuery.from_request(request).matrix()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="recourse-compare.csv"'
    csv.writer(response).writerows(matrix_as_rows(matrix))
    return response


def compare_json(request: HttpRequest) -> HttpResponse:
    matrix = CompareQuery.from_request(request).matrix()
    data = matrix_as_dict(matrix)
    data["notice"] = _("Not legal advice. Check each law's sources; a bill is not law.")
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
