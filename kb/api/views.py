"""The public read API: DRF generic viewsets over published records, with ETag and Last-Modified.

Every list and detail response carries an ETag and a Last-Modified computed from the newest
`updated_at` of what it returns (and how many records that is, so a removal changes it too);
a client that sends them back gets 304 Not Modified.
"""

from __future__ import annotations

import hashlib

from django.db.models import Count, Max, Prefetch, QuerySet
from django.http import HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from kb.api import serializers as s
from kb.api.filters import ChannelFilter, GuideFilter, JurisdictionFilter, LawFilter
from kb.api.params import StrictLimitOffsetPagination, single_params_check
from kb.compare import compare_codes, matrix_as_dict, matrix_build
from kb.models import Channel, Guide, Jurisdiction, Law, Source

NOT_MODIFIED = OpenApiResponse(description="Not modified (the ETag or Last-Modified you sent is current).")
CONDITIONAL_HEADERS = [
    OpenApiParameter("If-None-Match", str, OpenApiParameter.HEADER, required=False, description="An ETag."),
    OpenApiParameter(
        "If-Modified-Since", str, OpenApiParameter.HEADER, required=False, description="An HTTP date."
    ),
]


def _sources() -> Prefetch:
    return Prefetch("sources", queryset=Source.objects.order_by("position", "pk"))


def conditional(request: Request, *, latest, count: int, respond) -> HttpResponseBase:
    """Answer 304 when the client's ETag or date is current; otherwise respond and stamp it."""
    fmt = getattr(getattr(request, "accepted_renderer", None), "format", "")
    raw = f"{latest.isoformat() if latest else '-'}|{count}|{fmt}|{request.get_full_path()}"
    etag = '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'
    stamp = int(latest.timestamp()) if latest else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=stamp)
    if not_modified is not None:
        return not_modified
    response = respond()
    response["ETag"] = etag
    if stamp is not None:
        response["Last-Modified"] = http_date(stamp)
    return response


class ConditionalReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only viewset whose list and detail answers support ETag and Last-Modified."""

    pagination_class = StrictLimitOffsetPagination

    def list(self, request, *args, **kwargs):
        self.paginator.params_check(request)  # before a 304 can answer a request that is not valid
        qs = self.filter_queryset(self.get_queryset())  # filtered once, for the stamp and the page
        stamp = qs.order_by().aggregate(latest=Max("updated_at"), n=Count("pk"))

        def respond() -> Response:
            page = self.paginate_queryset(qs)
            return self.get_paginated_response(self.get_serializer(page, many=True).data)

        return conditional(request, latest=stamp["latest"], count=stamp["n"], respond=respond)

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        return conditional(
            request, latest=obj.updated_at, count=1, respond=lambda: Response(self.get_serializer(obj).data)
        )


_LIST_DOC = (
    "List published {what}, paginated (limit/offset). Supports ETag and Last-Modified: "
    "send them back as If-None-Match or If-Modified-Since to get 304 Not Modified."
)
_DETAIL_DOC = "One published {what} by its stable id. Supports ETag and Last-Modified (304)."


def _documented(what: str):
    return extend_schema_view(
        list=extend_schema(description=_LIST_DOC.format(what=what), parameters=CONDITIONAL_HEADERS),
        retrieve=extend_schema(description=_DETAIL_DOC.format(what=what), parameters=CONDITIONAL_HEADERS),
    )


@_documented("jurisdictions (countries, states, nations, supranational bodies)")
class JurisdictionViewSet(ConditionalReadOnlyViewSet):
    serializer_class = s.JurisdictionSerializer
    filterset_class = JurisdictionFilter
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9-]+"

    def get_queryset(self) -> QuerySet[Jurisdiction]:
        return Jurisdiction.objects.published().prefetch_related("member_of", _sources()).order_by("code")

    def get_object(self):
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].upper()
        return super().get_object()


@_documented("laws and bills (check `status`: a bill is not law)")
class LawViewSet(ConditionalReadOnlyViewSet):
    serializer_class = s.LawSerializer
    filterset_class = LawFilter
    lookup_value_regex = "[a-z0-9-]+"  # record ids (kb/content/schema.py); anything else is a 404

    def get_queryset(self) -> QuerySet[Law]:
        return (
            Law.objects.published()
            .select_related("jurisdiction")
            .prefetch_related(_sources())
            .order_by("jurisdiction_id", "id")
        )


@_documented("reporting channels (platform forms, helplines, regulators, police, legal help)")
class ChannelViewSet(ConditionalReadOnlyViewSet):
    serializer_class = s.ChannelSerializer
    filterset_class = ChannelFilter
    lookup_value_regex = "[a-z0-9-]+"

    def get_queryset(self) -> QuerySet[Channel]:
        return (
            Channel.objects.published().prefetch_related("jurisdictions", _sources()).order_by("name", "id")
        )


@_documented("guides (plain-language how-tos)")
class GuideViewSet(ConditionalReadOnlyViewSet):
    serializer_class = s.GuideSerializer
    filterset_class = GuideFilter
    lookup_value_regex = "[a-z0-9-]+"

    def get_queryset(self) -> QuerySet[Guide]:
        return Guide.objects.published().prefetch_related("jurisdictions", _sources()).order_by("title", "id")


class OneObjectSchema(AutoSchema):
    """drf-spectacular documents every `list` action as an array; the comparison is one object."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class CompareViewSet(viewsets.ViewSet):
    """The comparison matrix: the same data as /compare.json on the site."""

    schema = OneObjectSchema()

    @extend_schema(
        description=(
            "Structured facts (rows) for chosen jurisdictions (columns). A column summarises the laws of "
            "that place only, unless `inherit` is set. A bill never makes a cell 'yes': it reads 'bill'. "
            "Supports ETag and Last-Modified."
        ),
        parameters=[s.CompareQuerySerializer, *CONDITIONAL_HEADERS],
        responses={200: s.CompareSerializer, 304: NOT_MODIFIED},
    )
    def list(self, request: Request) -> HttpResponseBase:
        single_params_check(request, ["inherit", "sort"])
        params = {"j": request.query_params.getlist("j"), "g": request.query_params.getlist("g")}
        params["only"] = request.query_params.getlist("only")
        params.update({k: request.query_params[k] for k in ("inherit", "sort") if k in request.query_params})
        query = s.CompareQuerySerializer(data=params)
        query.is_valid(raise_exception=True)
        q = {**query.validated_data, "j": ",".join(query.validated_data["j"])}
        stamp = Law.objects.aggregate(latest=Max("updated_at"), n=Count("pk"))

        def respond() -> Response:
            codes, unknown = compare_codes(codes=[q["j"]], groups=q["g"])
            matrix = matrix_build(
                codes=codes, inherit=q["inherit"], only=q["only"], sort=q["sort"], unknown=unknown
            )
            return Response(s.CompareSerializer(matrix_as_dict(matrix)).data)

        return conditional(request, latest=stamp["latest"], count=stamp["n"], respond=respond)
