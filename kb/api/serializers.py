"""What the public API returns: published records with stable ids, their facts and their sources.

Read-only: nothing here writes. Ids are the record ids (`law.id`, `jurisdiction.code`), the same as
in the content files, the pages and the dataset.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.utils.encoding import iri_to_uri
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kb.api.params import CODES_OR_EMPTY_PATTERN, QueryBooleanField, whole_value
from kb.compare import FACTS, GROUPS, SORTS
from kb.jurisdictions import jurisdiction_graph
from kb.models import Channel, Guide, Jurisdiction, Law, Source


def uri_from_iri(value: str) -> str:
    """An official URL as a URI: non-ASCII host names in punycode, other characters percent-encoded.

    Official texts live at addresses such as https://www.law.go.kr/법령/…; browsers accept them, but
    a URI (what the schema's `format: uri` promises, and what many clients need) is ASCII.
    """
    if not value or value.isascii():
        return value
    parts = urlsplit(value)
    netloc = parts.netloc if parts.netloc.isascii() else parts.netloc.encode("idna").decode("ascii")
    return iri_to_uri(urlunsplit(parts._replace(netloc=netloc)))


class UriField(serializers.URLField):
    """A URL shown as a URI (see uri_from_iri)."""

    def to_representation(self, value):
        return uri_from_iri(str(value))


@extend_schema_field({"anyOf": [{"type": "string", "format": "uri"}, {"type": "string", "maxLength": 0}]})
class OptionalUriField(UriField):
    """A URI, or "" when there is none (a helpline may have only a phone number)."""


RECORD_FIELDS = ["verification", "last_verified", "updated_at", "tags", "body", "sources", "page_url"]


class SourceSerializer(serializers.ModelSerializer):
    url = UriField()

    class Meta:
        model = Source
        fields = ["url", "title", "accessed"]


class RecordSerializer(serializers.ModelSerializer):
    sources = SourceSerializer(many=True, read_only=True)
    page_url = serializers.SerializerMethodField(help_text="The record's public page on this site.")

    def get_page_url(self, obj) -> str:
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class JurisdictionSerializer(RecordSerializer):
    parent = serializers.CharField(source="parent_id", allow_null=True, read_only=True)
    member_of = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    chain = serializers.SerializerMethodField(
        help_text="Whose laws apply here: the place, its parents, their supranational bodies, GLOBAL."
    )

    class Meta:
        model = Jurisdiction
        fields = [
            "code",
            "name",
            "kind",
            "parent",
            "member_of",
            "chain",
            "aliases",
            "emergency_number",
            "no_specific_law",
            *RECORD_FIELDS,
        ]

    def get_chain(self, obj: Jurisdiction) -> list[str]:
        # One graph per response (the context is shared by every item of a list), not per item.
        if "jurisdiction_graph" not in self.context:
            self.context["jurisdiction_graph"] = jurisdiction_graph()
        return self.context["jurisdiction_graph"].chain(obj.code)


class LawSerializer(RecordSerializer):
    jurisdiction = serializers.CharField(source="jurisdiction_id", read_only=True)
    official_url = UriField(source="url", read_only=True, help_text="The official text.")
    is_law = serializers.BooleanField(
        read_only=True,
        help_text="True only in force or enacted: a bill, failed bill or repealed law is not law.",
    )

    class Meta:
        model = Law
        fields = [
            "id",
            "jurisdiction",
            "title",
            "short_name",
            "citation",
            "kind",
            "status",
            "is_law",
            "enacted",
            "in_force",
            "official_url",
            "covers_synthetic",
            "covers_creation",
            "covers_distribution",
            "covers_threats",
            "intent",
            "minors_specific",
            "max_penalty",
            "max_prison_months",
            "civil_remedies",
            "removal_deadline_hours",
            "limitation_period",
            *RECORD_FIELDS,
        ]


class ChannelSerializer(RecordSerializer):
    jurisdictions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    url = OptionalUriField(read_only=True)

    class Meta:
        model = Channel
        fields = [
            "id",
            "name",
            "kind",
            "jurisdictions",
            "serves_adults",
            "serves_minors",
            "url",
            "phone",
            "hours",
            "languages",
            "cost",
            "anonymous",
            "steps",
            *RECORD_FIELDS,
        ]


class GuideSerializer(RecordSerializer):
    jurisdictions = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text="Empty when the guide applies everywhere."
    )

    class Meta:
        model = Guide
        fields = ["id", "title", "topic", "summary", "jurisdictions", *RECORD_FIELDS]


# --- compare --------------------------------------------------------------------------------------


class CompareQuerySerializer(serializers.Serializer):
    j = serializers.ListField(
        child=serializers.RegexField(
            whole_value(CODES_OR_EMPTY_PATTERN), max_length=2000, allow_blank=True, trim_whitespace=False
        ),
        required=False,
        default=list,
        help_text="Jurisdiction codes, comma-separated, in column order: US-CA,FR (repeatable).",
    )
    g = serializers.ListField(
        child=serializers.ChoiceField(choices=list(GROUPS)),
        required=False,
        default=list,
        help_text="Groups to add (repeatable): " + ", ".join(GROUPS),
    )
    inherit = QueryBooleanField(
        required=False,
        default=False,
        help_text="Also fold in laws from each place's chain (marked inherited).",
    )
    only = serializers.ListField(
        child=serializers.ChoiceField(choices=[f.key for f in FACTS if f.filterable]),
        required=False,
        default=list,
        help_text="Keep only places where these facts are 'yes' (repeatable).",
    )
    sort = serializers.ChoiceField(
        choices=[s for s in SORTS if s],
        required=False,
        default="",
        allow_blank=True,
        help_text="Order columns by name or by a fact.",
    )


class CompareLawSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    citation = serializers.CharField()
    status = serializers.CharField()
    jurisdiction = serializers.CharField()
    inherited = serializers.BooleanField()
    url = serializers.CharField(help_text="The law's page on this site.")
    official_url = UriField()


class CompareCellSerializer(serializers.Serializer):
    jurisdiction = serializers.CharField()
    value = serializers.CharField(
        help_text="yes, partial, bill, no, unknown, none, text, in_force or enacted; 'label' says it in words."
    )
    label = serializers.CharField()
    laws = CompareLawSerializer(many=True)


class CompareRowSerializer(serializers.Serializer):
    fact = serializers.CharField()
    label = serializers.CharField()
    cells = CompareCellSerializer(many=True)


class CompareColumnSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class CompareSerializer(serializers.Serializer):
    inherit = serializers.BooleanField()
    only = serializers.ListField(child=serializers.CharField())
    sort = serializers.CharField()
    unknown = serializers.ListField(
        child=serializers.CharField(), help_text="Codes asked for but not published."
    )
    jurisdictions = CompareColumnSerializer(many=True)
    rows = CompareRowSerializer(many=True)
