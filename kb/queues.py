"""The editors' work queues: what needs checking, read across every record type (for the dashboard).

Each queue is a plain list of `QueueItem`s so the dashboard template and tests read them the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from kb.coverage import country_route_gaps
from kb.models import (
    Channel,
    Guide,
    Jurisdiction,
    Law,
    LinkCheck,
    Record,
    Revision,
    RevisionState,
    Suggestion,
)
from kb.selectors import guide_translations_stale
from kb.vocab import JurisdictionKind, LawStatus, ReviewStatus, Verification

RECORD_MODELS: tuple[type[Record], ...] = (Jurisdiction, Law, Channel, Guide)


@dataclass
class QueueItem:
    record_type: str
    record_id: str
    label: str
    detail: str = ""


def _items(queryset, detail) -> list[QueueItem]:
    return [QueueItem(r._meta.model_name, str(r.pk), str(r), detail(r)) for r in queryset]


def _checked(r: Record) -> str:
    return f"last checked {r.last_verified:%d %b %Y}" if r.last_verified else "never checked"


def queue_stale(*, today: dt.date | None = None) -> list[QueueItem]:
    """Published records nobody has checked for RECOURSE_STALE_DAYS days."""
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=settings.RECOURSE_STALE_DAYS)
    items: list[QueueItem] = []
    for model in RECORD_MODELS:
        stale = model.objects.published().filter(Q(last_verified__lt=cutoff) | Q(last_verified__isnull=True))
        items += _items(stale.order_by("last_verified"), _checked)
    return items


def queue_stale_translations() -> list[QueueItem]:
    """Guide translations made from an older version of the English guide: the English file changed."""
    return [
        QueueItem(
            "guidetranslation",
            str(t.pk),
            f"{t.guide.title} ({t.get_lang_display()})",
            f"translated from {t.source_sha256}; the English file is now {t.guide.content_hash[:16]}",
        )
        for t in guide_translations_stale()
    ]


def queue_bill_watch(*, today: dt.date | None = None) -> list[QueueItem]:
    """Bills not re-checked for RECOURSE_BILL_STALE_DAYS, and bills introduced before the likely end of
    their session (RECOURSE_BILL_SESSION_DAYS): either may have passed, failed or changed."""
    today = today or timezone.localdate()
    recheck = today - dt.timedelta(days=settings.RECOURSE_BILL_STALE_DAYS)
    session = today - dt.timedelta(days=settings.RECOURSE_BILL_SESSION_DAYS)
    bills = Law.objects.filter(status=LawStatus.BILL).exclude(review_status=ReviewStatus.DRAFT)
    items = []
    for law in bills.order_by("enacted", "id"):
        reasons = []
        if law.last_verified is None or law.last_verified < recheck:
            reasons.append(_checked(law))
        if law.session_end and law.session_end < today:
            reasons.append(f"its session ended {law.session_end:%d %b %Y}")
        elif not law.session_end and law.enacted and law.enacted < session:
            reasons.append(f"introduced {law.enacted:%d %b %Y}: its session has probably ended")
        if reasons:
            items.append(QueueItem("law", law.pk, str(law), "; ".join(reasons)))
    return items


def queue_unverified() -> list[QueueItem]:
    items: list[QueueItem] = []
    for model in RECORD_MODELS:
        found = model.objects.exclude(review_status=ReviewStatus.DRAFT).filter(
            Q(verification=Verification.UNVERIFIED) | Q(last_verified__isnull=True)
        )
        items += _items(found, lambda r: f"{r.get_verification_display()}; {_checked(r)}")
    return items


def queue_coverage_gaps() -> list[QueueItem]:
    """Published countries with no emergency number, police route or support line, unless the record
    says none is known (the same check as check_content)."""
    countries = list(Jurisdiction.objects.published().filter(kind=JurisdictionKind.COUNTRY).order_by("name"))
    channels = list(Channel.objects.published().prefetch_related("jurisdictions"))
    names = {c.code: str(c) for c in countries}
    gaps: dict[str, list[str]] = {}
    for finding in country_route_gaps(countries, channels):
        code = finding.record.removeprefix("jurisdiction ")
        gaps.setdefault(code, []).append(finding.problem.split(" (")[0].removeprefix("has "))
    return [
        QueueItem("jurisdiction", code, names[code], ", ".join(problems)) for code, problems in gaps.items()
    ]


def queue_links() -> list[LinkCheck]:
    """Links that failed or now redirect somewhere else, at their last check."""
    return [c for c in LinkCheck.objects.order_by("url") if c.broken or c.redirected]


def queue_revisions() -> list[Revision]:
    return list(
        Revision.objects.filter(state__in=[RevisionState.IN_REVIEW, RevisionState.DRAFT]).order_by(
            "-state", "updated_at"
        )
    )


def queue_suggestions() -> list[Suggestion]:
    return list(Suggestion.objects.filter(resolved=False).order_by("-created_at"))
