"""Strict query parameters for the read API: what the schema says is exactly what is accepted.

DRF and django-filter are forgiving by default: `limit=abc` falls back to 50, `minors=maybe` is
ignored, `updated_since=` means "no filter", `limit=9223372036854775808` reaches the database and
fails there, and a +18:00 offset fails on PostgreSQL. A client (or Schemathesis, see `make fuzz`)
then cannot tell a mistake from an answer. Here every parameter is checked against what the
OpenAPI schema promises, and anything else is a 400 with the usual error body.
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.validators import RegexValidator
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

CODE = r"[A-Za-z0-9-]{1,16}"
CODE_PATTERN = rf"^{CODE}$"
CODES_PATTERN = rf"^{CODE}(,{CODE})*$"
CODES_OR_EMPTY_PATTERN = rf"^({CODE}(,{CODE})*)?$"
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def whole_value(pattern: str) -> re.Pattern[str]:
    """A schema pattern `^...$` as Python must read it to agree with JSON Schema.

    In Python `$` also matches before a final newline (`US\\n` passes `^[A-Z]+$`); in JSON Schema's
    regex dialect it does not. Validators use this, the schema keeps the pattern as written.
    """
    return re.compile(rf"\A(?:{pattern.removeprefix('^').removesuffix('$')})\Z")


class StrictLimitOffsetPagination(LimitOffsetPagination):
    """limit in 1..500 and offset in 0..1,000,000, given at most once, or a 400."""

    max_limit = MAX_LIMIT

    def params_check(self, request) -> None:
        for name, low, high in (("limit", 1, MAX_LIMIT), ("offset", 0, MAX_OFFSET)):
            values = request.query_params.getlist(name)
            if not values:
                continue
            if (
                len(values) > 1
                or not re.fullmatch(r"\d{1,7}", values[0])
                or not low <= int(values[0]) <= high
            ):
                raise ValidationError({name: [f"Give one whole number from {low} to {high}."]})

    def paginate_queryset(self, queryset, request, view=None):
        self.params_check(request)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            high = MAX_LIMIT if parameter["name"] == "limit" else MAX_OFFSET
            parameter["schema"].update(minimum=1 if parameter["name"] == "limit" else 0, maximum=high)
        return parameters


class StrictBooleanField(forms.Field):
    """Only `true` or `false`: a boolean that accepts `maybe` as "no filter" hides mistakes."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        if value in ("true", "false"):
            return value == "true"
        raise forms.ValidationError("Use true or false.", code="invalid")


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(filters.Filter):
    field_class = StrictBooleanField


class RFC3339Field(forms.Field):
    """A date (midnight UTC) or an RFC 3339 date-time with its offset, converted to UTC.

    Converting first means the database only ever sees UTC (PostgreSQL refuses offsets past
    ±15:59), and a moment that falls outside the years 1 to 9999 in UTC is clamped to the edge.
    """

    def to_python(self, value):
        if value in (None, ""):
            return None
        try:
            if _DATE.fullmatch(value):
                return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), tzinfo=dt.UTC)
            if _DATETIME.fullmatch(value):
                moment = dt.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
                try:
                    return moment.astimezone(dt.UTC)
                except OverflowError:
                    edge = dt.datetime.max if moment.year > 1 else dt.datetime.min
                    return edge.replace(tzinfo=dt.UTC)
        except ValueError:
            pass
        raise forms.ValidationError("Use a date (2025-01-31) or an RFC 3339 date-time.", code="invalid")


@extend_schema_field(
    {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}]}
)
class UpdatedSinceFilter(filters.Filter):
    field_class = RFC3339Field

    def __init__(self, **kwargs):
        super().__init__(field_name="updated_at", lookup_expr="gte", **kwargs)


# Code filters do not strip: a form field would turn ` ` or `US ` into "no filter" or `US`, where the
# schema's pattern refuses both, so the answer would not be the one the client asked for.


@extend_schema_field({"type": "string", "pattern": CODE_PATTERN})
class CodeFilter(filters.CharFilter):
    """One jurisdiction code (any case)."""

    def __init__(self, **kwargs):
        validator = RegexValidator(whole_value(CODE_PATTERN), "Give a jurisdiction code.")
        super().__init__(validators=[validator], strip=False, **kwargs)


@extend_schema_field({"type": "string", "pattern": CODES_PATTERN})
class CodesFilter(filters.CharFilter):
    """Jurisdiction codes, comma-separated."""

    def __init__(self, **kwargs):
        validator = RegexValidator(whole_value(CODES_PATTERN), "Give jurisdiction codes separated by commas.")
        super().__init__(validators=[validator], strip=False, **kwargs)


class StrictFilterSet(filters.FilterSet):
    """A filter set that refuses an empty value, and a repeated parameter that is not repeatable.

    Its form class is built once per filter set rather than per request (django-filter rebuilds
    it every time, choices and translated labels included: a third of a list request's time).
    """

    _form_classes: dict[type, type] = {}

    def get_form_class(self):
        cls = type(self)
        if cls not in StrictFilterSet._form_classes:
            StrictFilterSet._form_classes[cls] = super().get_form_class()
        return StrictFilterSet._form_classes[cls]

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name, spec in self.filters.items():
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else []
            if "" in values:
                self.form.add_error(name, "Give a value, or leave the parameter out.")
            elif len(values) > 1 and not isinstance(spec, filters.MultipleChoiceFilter):
                self.form.add_error(name, "Give this parameter once.")
        return valid and not self.form.errors


def single_params_check(request, names: list[str]) -> None:
    """A 400 when one of these parameters is given more than once."""
    repeated = {n: ["Give this parameter once."] for n in names if len(request.query_params.getlist(n)) > 1}
    if repeated:
        raise ValidationError(repeated)


@extend_schema_field(OpenApiTypes.BOOL)
class QueryBooleanField(serializers.Field):
    """A query-string boolean for serializers: `true` or `false`, nothing else."""

    default_error_messages = {"invalid": "Use true or false."}

    def to_internal_value(self, data):
        if data in ("true", "false"):
            return data == "true"
        self.fail("invalid")

    def to_representation(self, value):
        return bool(value)


@extend_schema_field(OpenApiTypes.BOOL)
class JSONBooleanField(serializers.BooleanField):
    """A JSON boolean: true, false or (when allowed) null; not 1, "yes" or "false"."""

    def to_internal_value(self, data):
        if isinstance(data, bool):
            return data
        self.fail("invalid", input=data)


class JSONCharField(serializers.CharField):
    """A JSON string: a number is not quietly turned into text, and the length counts what was sent."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        if self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)
