"""What changed in the public knowledge base, read from the records' history (django-simple-history).

Only changes the public could see count: a record becoming published ("new"), a published law
changing status (a bill becoming law, a law being repealed), and a published record being
deleted or withdrawn ("removed"). Drafts and edits under review never appear.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kb.models import Channel, Guide, Jurisdiction, Law
from kb.vocab import LawStatus, ReviewStatus

KINDS = {"new": _("New"), "status": _("Status changed"), "removed": _("Removed")}
RECORD_TYPES = {"law": _("Law"), "channel": _("Channel"), "jurisdiction": _("Place"), "guide": _("Guide")}


@dataclass(frozen=True)
class Change:
    when: dt.datetime
    kind: str  # new, status, removed
    record_type: str  # law, channel, jurisdiction, guide
    record_id: str
    title: str
    detail: str = ""
    url: str = ""  # the record's page while it is published; empty once removed
    jurisdiction: str = ""

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])

    @property
    def type_label(self) -> str:
        return str(RECORD_TYPES[self.record_type])

    @property
    def guid(self) -> str:
        return f"recourse:{self.record_type}:{self.record_id}:{self.kind}:{self.when.isoformat()}"


def _status_label(value: str) -> str:
    return str(LawStatus(value).label) if value in LawStatus.values else value


SPECS = {
    "law": (Law, "id", ["title", "short_name", "status", "jurisdiction_id"], "kb:law"),
    "channel": (Channel, "id", ["name"], "kb:channel"),
    "jurisdiction": (Jurisdiction, "code", ["name"], "kb:jurisdiction"),
    "guide": (Guide, "id", ["title"], "kb:guide"),
}


def _title(record_type: str, row: dict) -> str:
    if record_type == "law":
        return row["short_name"] or row["title"]
    return row.get("name") or row.get("title") or ""


def _changes_of(record_type: str) -> list[Change]:
    model, key, fields, url_name = SPECS[record_type]
    rows = model.history.order_by(key, "history_date", "history_id").values(
        key, "history_type", "history_date", "review_status", *fields
    )
    out: list[Change] = []
    published_now: set[str] = set()
    current, was_published, last_status = None, False, None
    for row in rows:
        rid = row[key]
        if rid != current:
            current, was_published, last_status = rid, False, None
        deleted = row["history_type"] == "-"
        published = not deleted and row["review_status"] == ReviewStatus.PUBLISHED
        status = row.get("status")
        base = {
            "when": row["history_date"],
            "record_type": record_type,
            "record_id": rid,
            "title": _title(record_type, row),
            "jurisdiction": row.get("jurisdiction_id") or (rid if record_type == "jurisdiction" else ""),
        }
        if published and not was_published:
            detail = _status_label(status) if status else ""
            out.append(Change(kind="new", detail=detail, **base))
        elif published and record_type == "law" and status != last_status:
            detail = f"{_status_label(last_status)} → {_status_label(status)}"
            out.append(Change(kind="status", detail=detail, **base))
        elif was_published and not published:
            out.append(Change(kind="removed", **base))
        was_published = published
        if published:
            last_status = status
            published_now.add(rid)
        else:
            published_now.discard(rid)
    return [
        Change(**{**c.__dict__, "url": reverse(url_name, args=[c.record_id])})
        if c.record_id in published_now and c.kind != "removed"
        else c
        for c in out
    ]


def changes_list(*, limit: int = 100, since: dt.datetime | None = None) -> list[Change]:
    """Published changes to laws, channels, places and guides, newest first (one query per type)."""
    changes = [c for t in SPECS for c in _changes_of(t)]
    if since is not None:
        changes = [c for c in changes if c.when >= since]
    changes.sort(key=lambda c: (c.when, c.record_type, c.record_id), reverse=True)
    return changes[:limit]
