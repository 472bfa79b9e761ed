"""Query filters for the public API (django-filter): every one is documented in the schema."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from kb.api.params import CodeFilter, CodesFilter, StrictBooleanFilter, StrictFilterSet, UpdatedSinceFilter
from kb.jurisdictions import chain_codes
from kb.models import Channel, Guide, Jurisdiction, Law
from kb.vocab import ChannelKind, GuideTopic, JurisdictionKind, LawKind, LawStatus, SyntheticCoverage

APPLIES_IN_HELP = (
    "A jurisdiction code; returns the records that apply to someone there: those of the place, "
    "its parents, their supranational bodies and GLOBAL (e.g. US-TX gives Texas, US and GLOBAL)."
)
JURISDICTION_HELP = "Records of exactly these jurisdictions (comma-separated codes), no parents."
UPDATED_SINCE_HELP = (
    "Only records changed at or after this time: a date (midnight UTC) or an RFC 3339 date-time."
)


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


class RecordFilter(StrictFilterSet):
    updated_since = UpdatedSinceFilter(help_text=UPDATED_SINCE_HELP)


class JurisdictionFilter(RecordFilter):
    kind = filters.ChoiceFilter(choices=JurisdictionKind.choices)
    parent = CodeFilter(method="filter_parent", help_text="Places directly within this one.")
    member_of = CodeFilter(method="filter_member_of", help_text="Members of this body, e.g. EU.")
    applies_in = CodeFilter(method="filter_applies_in", help_text=APPLIES_IN_HELP)

    class Meta:
        model = Jurisdiction
        fields = ["kind", "parent", "member_of", "applies_in", "updated_since"]

    def filter_parent(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(parent_id=value.upper())

    def filter_member_of(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(member_of__code=value.upper())

    def filter_applies_in(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(code__in=chain_codes(value.upper()))


class LawFilter(RecordFilter):
    jurisdiction = CodesFilter(method="filter_jurisdiction", help_text=JURISDICTION_HELP)
    applies_in = CodeFilter(method="filter_applies_in", help_text=APPLIES_IN_HELP)
    kind = filters.MultipleChoiceFilter(choices=LawKind.choices, help_text="Repeatable.")
    status = filters.MultipleChoiceFilter(choices=LawStatus.choices, help_text="Repeatable.")
    covers_synthetic = filters.MultipleChoiceFilter(
        choices=SyntheticCoverage.choices, help_text="Does it cover AI-made or altered images? Repeatable."
    )
    minors = StrictBooleanFilter(
        field_name="minors_specific", help_text="Child-protection laws or minor-specific provisions."
    )

    class Meta:
        model = Law
        fields = [
            "jurisdiction",
            "applies_in",
            "kind",
            "status",
            "covers_synthetic",
            "minors",
            "updated_since",
        ]

    def filter_jurisdiction(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(jurisdiction_id__in=_codes(value))

    def filter_applies_in(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(jurisdiction_id__in=chain_codes(value.upper()))


class ChannelFilter(RecordFilter):
    jurisdiction = CodesFilter(method="filter_jurisdiction", help_text=JURISDICTION_HELP)
    applies_in = CodeFilter(method="filter_applies_in", help_text=APPLIES_IN_HELP)
    kind = filters.MultipleChoiceFilter(choices=ChannelKind.choices, help_text="Repeatable.")
    minors = StrictBooleanFilter(field_name="serves_minors", help_text="Serves people under 18.")

    class Meta:
        model = Channel
        fields = ["jurisdiction", "applies_in", "kind", "minors", "updated_since"]

    def filter_jurisdiction(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(
            pk__in=Channel.jurisdictions.through.objects.filter(jurisdiction_id__in=_codes(value)).values(
                "channel_id"
            )
        )

    def filter_applies_in(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return self.filter_jurisdiction(qs, name, ",".join(chain_codes(value.upper())))


class GuideFilter(RecordFilter):
    jurisdiction = CodesFilter(method="filter_jurisdiction", help_text=JURISDICTION_HELP)
    applies_in = CodeFilter(
        method="filter_applies_in", help_text=APPLIES_IN_HELP + " Guides for everywhere are included."
    )
    topic = filters.MultipleChoiceFilter(choices=GuideTopic.choices, help_text="Repeatable.")
    minors = StrictBooleanFilter(method="filter_minors", help_text="Guides about people under 18.")

    class Meta:
        model = Guide
        fields = ["jurisdiction", "applies_in", "topic", "minors", "updated_since"]

    def _with(self, codes: list[str]) -> Q:
        through = Guide.jurisdictions.through.objects.filter(jurisdiction_id__in=codes)
        return Q(pk__in=through.values("guide_id"))

    def filter_jurisdiction(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(self._with(_codes(value)))

    def filter_applies_in(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        anywhere = ~Q(pk__in=Guide.jurisdictions.through.objects.values("guide_id"))
        return qs.filter(self._with(chain_codes(value.upper())) | anywhere)

    def filter_minors(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        minor = Q(topic=GuideTopic.MINOR)
        return qs.filter(minor) if value else qs.exclude(minor)
