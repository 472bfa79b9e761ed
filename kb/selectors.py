"""Cross-model reads: what applies in a jurisdiction, published records only."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from kb.jurisdictions import chain_codes
from kb.models import Channel, Guide, Jurisdiction, Law, Source

LAW_STATUS_ORDER = {"in_force": 0, "enacted": 1, "bill": 2, "failed": 3, "repealed": 4}
# What a victim most often needs first: the offence, then suing, then removal routes.
LAW_KIND_ORDER = {
    "criminal": 0,
    "civil": 1,
    "takedown": 2,
    "regulatory": 3,
    "protective_order": 4,
    "child_protection": 5,
}


@dataclass
class Applicable:
    jurisdiction: Jurisdiction
    chain: list[Jurisdiction]
    laws: list[Law]
    channels: list[Channel]
    guides: list[Guide]


def published_laws() -> QuerySet[Law]:
    return (
        Law.objects.published()
        .select_related("jurisdiction")
        .prefetch_related(Prefetch("sources", queryset=Source.objects.order_by("position")))
    )


def published_channels() -> QuerySet[Channel]:
    return Channel.objects.published().prefetch_related("jurisdictions", "sources")


def published_guides() -> QuerySet[Guide]:
    return Guide.objects.published().prefetch_related("jurisdictions", "sources")


def law_list_for(*, codes: list[str]) -> list[Law]:
    """Laws of exactly these jurisdictions, nearest first (order of codes), law before bill."""
    rank = {c: i for i, c in enumerate(codes)}
    laws = list(published_laws().filter(jurisdiction_id__in=codes))
    laws.sort(
        key=lambda law: (
            rank[law.jurisdiction_id],
            LAW_STATUS_ORDER[law.status],
            LAW_KIND_ORDER[law.kind],
            law.id,
        )
    )
    return laws


def channel_list_for(*, codes: list[str]) -> list[Channel]:
    rank = {c: i for i, c in enumerate(codes)}
    channels = list(published_channels().filter(jurisdictions__code__in=codes).distinct())
    channels.sort(
        key=lambda ch: (min(rank.get(j.code, 99) for j in ch.jurisdictions.all()), ch.kind, ch.name)
    )
    return channels


def guide_list_for(*, codes: list[str]) -> list[Guide]:
    guides = [
        g
        for g in published_guides()
        if not g.jurisdictions.all() or any(j.code in codes for j in g.jurisdictions.all())
    ]
    return sorted(guides, key=lambda g: g.title)


def applicable_for(*, jurisdiction: Jurisdiction) -> Applicable:
    """Everything that applies to someone in this jurisdiction: its chain's records and no others."""
    codes = chain_codes(jurisdiction.code)
    found = Jurisdiction.objects.in_bulk(codes)
    return Applicable(
        jurisdiction=jurisdiction,
        chain=[found[c] for c in codes if c in found],
        laws=law_list_for(codes=codes),
        channels=channel_list_for(codes=codes),
        guides=guide_list_for(codes=codes),
    )
