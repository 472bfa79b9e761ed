"""Confirmation pages for every move that changes what the public sees.

Each page shows what will change (a field-by-field, word-level diff against what is live) and does
nothing until its form is posted. The moves themselves, and who may make them, are in kb/revisions.py.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from kb.admin.readonly import ReadOnlyAdmin
from kb.diff import snapshot_diff
from kb.models import Revision
from kb.revisions import (
    MODELS,
    ReviewRefused,
    may_edit,
    may_publish,
    open_revision,
    record_publish,
    record_return_to_draft,
    record_snapshot,
    record_source_choices,
    record_submit,
    record_type,
    record_unpublish,
    record_verify,
    revision_propose,
    revision_publish,
    revision_reject,
    revision_submit,
)

MOVES = {
    "submit": ("Send for review", "A reviewer will check this draft before anyone else sees it."),
    "return": ("Return to draft", "The record leaves the review queue. The public sees no difference."),
    "publish": ("Publish", "The record appears on the public site, in the guided help and in /ask/."),
    "unpublish": (
        "Take off the public site",
        "The public page will say the record was withdrawn, on which date and why; search drops it.",
    ),
    "verify": (
        "Mark verified",
        "Records that you checked this record today against the source you name below.",
    ),
}


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        label="Why is it withdrawn? (shown to the public)",
        max_length=300,
        help_text="For example: “The bill failed on 3 June” or “Replaced by the 2026 act”.",
    )


class VerifyForm(forms.Form):
    source_url = forms.ChoiceField(label="Source you checked it against", widget=forms.RadioSelect)
    note = forms.CharField(label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_url"].choices = [(c.url, c.label) for c in choices]


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Why revert? (the reviewer reads this)", widget=forms.Textarea(attrs={"rows": 2})
    )


def _labels(model) -> dict[str, str]:
    return {
        f.name: str(getattr(f, "verbose_name", f.name)).capitalize() for f in model._meta.get_fields()
    } | {
        "sources": "Sources",
        "body": "Text",
    }


def _render(model_admin, request, template: str, context: dict) -> TemplateResponse:
    opts = model_admin.model._meta
    context = {**model_admin.admin_site.each_context(request), "opts": opts, **context}
    return TemplateResponse(request, template, context)


def _change_url(model_admin, obj) -> str:
    opts = obj._meta
    return reverse(f"{model_admin.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def _allowed_to_open(user, move: str, rtype: str, published: bool) -> bool:
    if move in ("publish", "unpublish"):
        return may_publish(user, rtype)
    if move == "verify":
        return may_publish(user, rtype) if published else may_edit(user, rtype)
    return may_edit(user, rtype)


def record_move_view(model_admin, request: HttpRequest, object_id: str, move: str) -> HttpResponse:
    """GET: what the move will do. POST: do it (kb.revisions checks permission again)."""
    if move not in MOVES:
        raise Http404
    model = model_admin.model
    record = get_object_or_404(model, pk=object_id)
    rtype = record_type(record)
    if not _allowed_to_open(request.user, move, rtype, record.is_published):
        raise PermissionDenied
    form = None
    if move == "unpublish":
        form = UnpublishForm(request.POST or None)
    elif move == "verify":
        form = VerifyForm(request.POST or None, choices=record_source_choices(record))
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            _do(move, record, request.user, form)
        except ReviewRefused as refused:
            model_admin.message_user(request, str(refused), messages.ERROR)
        else:
            model_admin.message_user(request, f"Done: {MOVES[move][0].lower()}.")
        return HttpResponseRedirect(_change_url(model_admin, record))
    changes = []
    if move == "publish":
        # A first publication shows every field: all of it is new to the public.
        changes = snapshot_diff({}, record_snapshot(record), _labels(model))
    elif move == "unpublish":
        changes = snapshot_diff(
            {"review_status": "Published"}, {"review_status": "Withdrawn (not on the site)"}, _labels(model)
        )
    elif move == "verify":
        changes = snapshot_diff(
            {"last_verified": record.last_verified.isoformat() if record.last_verified else None},
            {"last_verified": timezone.localdate().isoformat()},
            _labels(model),
        )
    refusal = None
    if move == "publish" and record.edited_by_id == request.user.pk:
        refusal = "You made the last edit to this record: another reviewer must check and publish it."
    return _render(
        model_admin,
        request,
        "admin/kb/confirm_move.html",
        {
            "title": f"{MOVES[move][0]}: {record}",
            "record": record,
            "move": move,
            "move_label": MOVES[move][0],
            "explanation": MOVES[move][1],
            "changes": changes,
            "form": form,
            "refusal": refusal,
            "change_url": _change_url(model_admin, record),
        },
    )


def _do(move: str, record, user, form) -> None:
    if move == "submit":
        record_submit(record=record, user=user)
    elif move == "return":
        record_return_to_draft(record=record, user=user)
    elif move == "publish":
        record_publish(record=record, user=user)
    elif move == "unpublish":
        record_unpublish(record=record, user=user, reason=form.cleaned_data["reason"])
    elif move == "verify":
        record_verify(
            record=record,
            user=user,
            source_url=form.cleaned_data["source_url"],
            note=form.cleaned_data["note"],
        )


def revert_view(model_admin, request: HttpRequest, object_id: str, version_id: str) -> HttpResponse:
    """Propose going back to an earlier version: shown as a diff, sent as a change to review."""
    model = model_admin.model
    record = get_object_or_404(model, pk=object_id)
    historical = get_object_or_404(
        model.history.model, **{model._meta.pk.attname: object_id, "history_id": version_id}
    )
    rtype = record_type(record)
    if not may_edit(request.user, rtype):
        raise PermissionDenied
    live = record_snapshot(record)
    # History keeps the row's own fields; links and sources stay as they are now.
    old = {name: live[name] for name in live}
    for name in live:
        attname = f"{name}_id" if name in ("jurisdiction", "parent") else name
        if hasattr(historical, attname) and name not in ("sources", "member_of", "jurisdictions"):
            value = getattr(historical, attname)
            old[name] = value.isoformat() if hasattr(value, "isoformat") else value
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revision = revision_propose(
                record=record, snapshot=old, note=form.cleaned_data["note"], user=request.user, is_revert=True
            )
        except ReviewRefused as refused:
            model_admin.message_user(request, str(refused), messages.ERROR)
            return HttpResponseRedirect(_change_url(model_admin, record))
        model_admin.message_user(request, "The revert is a proposed change now; send it for review.")
        return HttpResponseRedirect(
            reverse(f"{model_admin.admin_site.name}:kb_revision_change", args=[revision.pk])
        )
    return _render(
        model_admin,
        request,
        "admin/kb/confirm_move.html",
        {
            "title": f"Revert {record} to the version of {historical.history_date:%d %b %Y %H:%M}",
            "record": record,
            "move": "revert",
            "move_label": "Propose this revert",
            "explanation": "Nothing changes on the site yet: the revert becomes a change a reviewer publishes.",
            "changes": snapshot_diff(live, old, _labels(model)),
            "form": form,
            "change_url": _change_url(model_admin, record),
        },
    )


class RevisionAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The review queue: each proposed change with its diff against what is live. Read-only here: a change
    starts from and is edited through its record's own form, and is moved by the buttons on this page."""

    list_display = ("__str__", "state", "note", "last_editor", "updated_at")
    list_filter = ("state", "record_type")
    search_fields = ("record_id", "note")
    change_form_template = "admin/kb/revision.html"

    def _may_view_any(self, request) -> bool:
        return any(request.user.has_perm(f"kb.view_{t}") for t in MODELS)

    def has_module_permission(self, request):
        return self._may_view_any(request)

    def has_view_permission(self, request, obj=None):
        if obj is not None:
            return request.user.has_perm(f"kb.view_{obj.record_type}")
        return self._may_view_any(request)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        revision = get_object_or_404(Revision, pk=object_id)
        if not self.has_view_permission(request, revision):
            raise PermissionDenied
        model = MODELS[revision.record_type]
        record = revision.record
        if request.method == "POST":
            return self._move(request, revision)
        live = record_snapshot(record) if record else {}
        record_admin = self.admin_site._registry[model]
        return _render(
            self,
            request,
            "admin/kb/revision.html",
            {
                "title": str(revision),
                "revision": revision,
                "record": record,
                "changes": snapshot_diff(live, revision.snapshot, _labels(model)),
                "outdated": record is not None and record.version != revision.base_version,
                "may_edit": may_edit(request.user, revision.record_type),
                "may_publish": may_publish(request.user, revision.record_type),
                "own_edit": revision.last_editor_id == request.user.pk,
                "record_url": _change_url(record_admin, record) if record else "",
                "waiting_here": open_revision(record) if record else None,
            },
        )

    def _move(self, request, revision: Revision) -> HttpResponse:
        move = request.POST.get("move")
        moves = {"submit": revision_submit, "publish": revision_publish, "reject": revision_reject}
        if move not in moves:
            raise PermissionDenied
        try:
            moves[move](revision=revision, user=request.user)
        except ReviewRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
        else:
            done = {"submit": "sent for review", "publish": "published", "reject": "rejected"}[move]
            self.message_user(request, f"The change was {done}.")
        return HttpResponseRedirect(request.path)


class VerificationCheckAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("record_type", "record_id", "checked_by", "checked_at", "source_url")
    list_filter = ("record_type",)
    search_fields = ("record_id",)

    def has_module_permission(self, request):
        return any(request.user.has_perm(f"kb.view_{t}") for t in MODELS)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)
