"""Reviewed changes: snapshots of a record's editable fields, and the moves between review states.

What the public sees changes only here, and only through a reviewer:
- an edit to a published record becomes a `Revision` while the live row keeps serving;
- a reviewer publishes a revision (copying its snapshot onto the row in one transaction), but never
  one whose last edit is their own (four eyes), and never one drafted from an older version of the row;
- a draft record is edited in place (nothing public), and publishing it follows the same four-eyes rule;
- unpublishing leaves a `Withdrawal` so the public page says when and why instead of a bare 404.

Every function takes the acting user and refuses with `ReviewRefused` (a message for the editor)
instead of trusting the caller to have checked: the admin's buttons, actions and forms all end here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from kb.content.schema import SCHEMAS
from kb.models import (
    Channel,
    Guide,
    Jurisdiction,
    Law,
    Record,
    Revision,
    RevisionState,
    Source,
    VerificationCheck,
    Withdrawal,
)
from kb.vocab import ReviewStatus

MODELS: dict[str, type[Record]] = {
    "jurisdiction": Jurisdiction,
    "law": Law,
    "channel": Channel,
    "guide": Guide,
}
# Set only by the review moves below, never by the edit form.
NOT_EDITABLE = ("review_status", "last_verified")


class ReviewRefused(Exception):
    """A move the acting user may not make; the message is shown to them as is."""


def record_type(record: Record) -> str:
    return record._meta.model_name


def editable_fields(rtype: str) -> list[str]:
    """The fields a revision carries: the content file's fields (minus review state) and the body."""
    return [f.name for f in SCHEMAS[rtype] if f.name not in NOT_EDITABLE] + ["body"]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def record_snapshot(record: Record) -> dict[str, Any]:
    """The record's editable fields as JSON-ready values, read from the database."""
    out: dict[str, Any] = {}
    for name in editable_fields(record_type(record)):
        if name == "sources":
            out[name] = [
                {"url": s.url, "title": s.title, "accessed": _plain(s.accessed)} for s in record.sources.all()
            ]
        elif name in ("member_of", "jurisdictions"):
            out[name] = sorted(getattr(record, name).values_list("code", flat=True)) if record.pk else []
        elif name in ("jurisdiction", "parent"):
            out[name] = getattr(record, f"{name}_id")
        else:
            out[name] = _plain(getattr(record, name))
    return out


def snapshot_apply(record: Record, snapshot: dict[str, Any]) -> None:
    """Write a snapshot onto the row, its links and its sources (the caller holds the transaction)."""
    m2m: dict[str, list[str]] = {}
    for name in editable_fields(record_type(record)):
        if name not in snapshot:
            continue
        value = snapshot[name]
        if name == "sources":
            continue
        field = record._meta.get_field(name)
        if name in ("member_of", "jurisdictions"):
            m2m[name] = list(value)
        elif name in ("jurisdiction", "parent"):
            setattr(record, f"{name}_id", value or None)
        elif field.get_internal_type() == "DateField":
            setattr(record, name, dt.date.fromisoformat(value) if value else None)
        else:
            setattr(record, name, value)
    record.save()
    for name, codes in m2m.items():
        getattr(record, name).set(codes)
    if "sources" in snapshot:
        record.sources.all().delete()
        for i, s in enumerate(snapshot["sources"]):
            accessed = dt.date.fromisoformat(s["accessed"]) if s.get("accessed") else None
            Source.objects.create(
                record=record, url=s["url"], title=s["title"], accessed=accessed, position=i
            )


def open_revision(record: Record) -> Revision | None:
    """The one change waiting on this record (draft or in review), if any."""
    return (
        Revision.objects.filter(
            record_type=record_type(record),
            record_id=str(record.pk),
            state__in=[RevisionState.DRAFT, RevisionState.IN_REVIEW],
        )
        .order_by("-pk")
        .first()
    )


def edit_token(record: Record) -> str:
    """What an edit form was based on: the row's version and the waiting revision's, if any."""
    revision = open_revision(record) if record.is_published else None
    if revision is None:
        return f"{record.version}.0.0"
    return f"{record.version}.{revision.pk}.{revision.version}"


def may_publish(user, rtype: str) -> bool:
    return user.has_perm(f"kb.publish_{rtype}")


def may_edit(user, rtype: str) -> bool:
    return user.has_perm(f"kb.change_{rtype}")


def _refuse_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise ReviewRefused(message)


def _claim(record: Record, version: int) -> Record:
    """The row, locked, provided nobody saved it since `version` was read.

    SQLite ignores SELECT ... FOR UPDATE, so there a write that changes nothing takes the lock first:
    otherwise several editors can all read the row, all fail to upgrade their read locks, and no
    save lands at all.
    """
    rows = type(record).objects.filter(pk=record.pk)
    if connection.vendor == "sqlite":
        rows.update(version=F("version"))
    fresh = rows.select_for_update().get()
    if fresh.version != version:
        raise ReviewRefused(
            "Someone else changed this record while you were working on it; nothing was saved. "
            "Reload it to see their change."
        )
    return fresh


@transaction.atomic
def record_edit(*, record: Record, snapshot: dict[str, Any], token: str, note: str, user) -> Revision | None:
    """Save an edit from the form: in place on an unpublished record, as a revision on a published one.

    Returns the revision when one was made or updated. Refuses when the token shows someone else
    saved in between, so nothing is silently overwritten.
    """
    rtype = record_type(record)
    _refuse_unless(may_edit(user, rtype), "You may not edit this record.")
    version, rev_pk, rev_version = (int(part) for part in token.split("."))
    fresh = _claim(record, version)
    if not fresh.is_published:
        fresh._change_reason = f"edit: {note}"[:100]
        snapshot_apply(fresh, snapshot)
        type(fresh).objects.filter(pk=fresh.pk).update(edited_by=user)
        return None
    waiting = open_revision(fresh)
    if waiting is None:
        if rev_pk:
            raise ReviewRefused("The change you were editing was published or rejected meanwhile; reload.")
        return _revision_new(record=fresh, snapshot=snapshot, note=note, user=user)
    updated = Revision.objects.filter(pk=waiting.pk, pk__in=[rev_pk], version=rev_version).update(
        snapshot=snapshot,
        note=note,
        last_editor=user,
        version=rev_version + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise ReviewRefused(
            "Someone else saved a change to this record while you were editing; yours was not saved. "
            "Their change is shown below."
        )
    return Revision.objects.get(pk=waiting.pk)


@transaction.atomic
def revision_propose(
    *, record: Record, snapshot: dict[str, Any], note: str, user, is_revert=False
) -> Revision:
    """A new change to review (a revert, say), refused while another change is waiting on the record."""
    rtype = record_type(record)
    _refuse_unless(may_edit(user, rtype), "You may not edit this record.")
    _refuse_unless(
        open_revision(record) is None, "Another change to this record is waiting; finish it first."
    )
    return _revision_new(record=record, snapshot=snapshot, note=note, user=user, is_revert=is_revert)


def _revision_new(*, record: Record, snapshot: dict[str, Any], note: str, user, is_revert=False) -> Revision:
    """A waiting change to record, based on the version it was made from."""
    return Revision.objects.create(
        record_type=record_type(record),
        record_id=str(record.pk),
        snapshot=snapshot,
        base_version=record.version,
        note=note,
        author=user,
        last_editor=user,
        is_revert=is_revert,
    )


def revision_submit(*, revision: Revision, user) -> None:
    _refuse_unless(may_edit(user, revision.record_type), "You may not submit changes to this record.")
    _refuse_unless(revision.state == RevisionState.DRAFT, "Only a draft change can be sent for review.")
    Revision.objects.filter(pk=revision.pk).update(state=RevisionState.IN_REVIEW, updated_at=timezone.now())
    revision.state = RevisionState.IN_REVIEW


def _four_eyes(editor_id: int | None, user, what: str) -> None:
    _refuse_unless(
        editor_id is None or editor_id != user.pk,
        f"You made the last edit to this {what}: another reviewer must check and publish it.",
    )


@transaction.atomic
def revision_publish(*, revision: Revision, user) -> Record:
    """Copy the revision onto the live record, in one transaction with its history entry."""
    rtype = revision.record_type
    _refuse_unless(may_publish(user, rtype), "Only reviewers may publish.")
    revision = Revision.objects.select_for_update().get(pk=revision.pk)
    _refuse_unless(
        revision.state == RevisionState.IN_REVIEW, "Only a change sent for review can be published."
    )
    _four_eyes(revision.last_editor_id, user, "change")
    record = revision.record
    _refuse_unless(record is not None, "The record this change was for no longer exists.")
    record = _claim(record, revision.base_version)
    record._change_reason = f"published change #{revision.pk}: {revision.note}"[:100]
    snapshot_apply(record, revision.snapshot)
    type(record).objects.filter(pk=record.pk).update(edited_by=revision.last_editor_id)
    Revision.objects.filter(pk=revision.pk).update(
        state=RevisionState.PUBLISHED, reviewer=user, decided_at=timezone.now()
    )
    return record


def revision_reject(*, revision: Revision, user) -> None:
    _refuse_unless(may_publish(user, revision.record_type), "Only reviewers may reject a change.")
    _refuse_unless(revision.is_open, "This change is already decided.")
    Revision.objects.filter(pk=revision.pk).update(
        state=RevisionState.REJECTED, reviewer=user, decided_at=timezone.now()
    )


def _set_status(record: Record, status: str, reason: str) -> None:
    record.review_status = status
    record._change_reason = reason
    record._status_only = True
    record.save()


@transaction.atomic
def record_submit(*, record: Record, user) -> None:
    """A draft record goes to review. Published records change only through revisions."""
    rtype = record_type(record)
    _refuse_unless(may_edit(user, rtype), "You may not submit this record.")
    record = type(record).objects.select_for_update().get(pk=record.pk)
    _refuse_unless(
        record.review_status == ReviewStatus.DRAFT,
        "Only a draft can be sent for review; a published record's changes are sent from their own page.",
    )
    _set_status(record, ReviewStatus.IN_REVIEW, "review status: in_review")


@transaction.atomic
def record_return_to_draft(*, record: Record, user) -> None:
    """Take a record out of review (not off the site: that is `record_unpublish`)."""
    _refuse_unless(may_edit(user, record_type(record)), "You may not change this record.")
    record = type(record).objects.select_for_update().get(pk=record.pk)
    _refuse_unless(
        record.review_status == ReviewStatus.IN_REVIEW, "Only a record in review goes back to draft."
    )
    _set_status(record, ReviewStatus.DRAFT, "review status: draft")


@transaction.atomic
def record_publish(*, record: Record, user) -> None:
    rtype = record_type(record)
    _refuse_unless(may_publish(user, rtype), "Only reviewers may publish.")
    record = type(record).objects.select_for_update().get(pk=record.pk)
    _refuse_unless(
        record.review_status == ReviewStatus.IN_REVIEW, "Only a record in review can be published."
    )
    _four_eyes(record.edited_by_id, user, "record")
    _set_status(record, ReviewStatus.PUBLISHED, "review status: published")
    Withdrawal.objects.filter(record_type=rtype, record_id=str(record.pk)).delete()


@transaction.atomic
def record_unpublish(*, record: Record, user, reason: str) -> Withdrawal:
    """Take a record off the site; its page tells the public when and why."""
    rtype = record_type(record)
    _refuse_unless(may_publish(user, rtype), "Only reviewers may take a record off the site.")
    _refuse_unless(bool(reason.strip()), "Say why the record is withdrawn: the public page shows it.")
    record = type(record).objects.select_for_update().get(pk=record.pk)
    _refuse_unless(record.is_published, "This record is not on the site.")
    _set_status(record, ReviewStatus.DRAFT, f"withdrawn: {reason}"[:100])
    return Withdrawal.objects.create(
        record_type=rtype,
        record_id=str(record.pk),
        reason=reason.strip(),
        withdrawn_by=user,
        title=str(record),
    )


@transaction.atomic
def record_verify(*, record: Record, user, source_url: str, note: str = "") -> VerificationCheck:
    """Record who checked this record, when, and against which source; the public date follows."""
    rtype = record_type(record)
    # The last-verified date is shown on the public page, so on a live record it is a reviewer's call.
    allowed = may_publish(user, rtype) if record.is_published else may_edit(user, rtype)
    _refuse_unless(allowed, "Only reviewers may mark a published record verified.")
    _refuse_unless(bool(source_url), "Name the source you checked the record against.")
    record = type(record).objects.select_for_update().get(pk=record.pk)
    record.last_verified = timezone.localdate()
    record._change_reason = "verified"
    record._status_only = True
    record.save()
    return VerificationCheck.objects.create(
        record_type=rtype, record_id=str(record.pk), checked_by=user, source_url=source_url, note=note
    )


@dataclass
class SourceChoice:
    url: str
    label: str


def record_source_choices(record: Record) -> list[SourceChoice]:
    """The pages a record can be verified against: its official text, then its sources."""
    choices = []
    if getattr(record, "url", ""):
        choices.append(SourceChoice(record.url, f"Official text: {record.url}"))
    choices += [SourceChoice(s.url, f"{s.title}: {s.url}") for s in record.sources.all()]
    return choices
