"""The editors' record pages: lists with searchable filters, an edit form that never touches the live
text directly, and buttons that lead to confirmation pages (kb/admin/review.py) instead of bulk actions.

Who may do what is decided in kb/revisions.py; this module only hides what a user may not use.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from kb.admin import review
from kb.admin.forms import record_form_for
from kb.diff import word_diff
from kb.markdown import markdown_html
from kb.models import Channel, Guide, Jurisdiction, Law
from kb.revisions import (
    ReviewRefused,
    may_edit,
    may_publish,
    open_revision,
    record_edit,
    record_submit,
    record_type,
    snapshot_apply,
)
from kb.vocab import ReviewStatus


class StaleFilter(admin.SimpleListFilter):
    """The verification queue: records nobody has checked for a while."""

    title = "verification age"
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [("stale", f"Stale (over {settings.RECOURSE_STALE_DAYS} days)"), ("never", "Never verified")]

    def queryset(self, request, queryset):
        cutoff = timezone.localdate() - dt.timedelta(days=settings.RECOURSE_STALE_DAYS)
        if self.value() == "stale":
            return queryset.filter(last_verified__lt=cutoff)
        if self.value() == "never":
            return queryset.filter(last_verified__isnull=True)
        return queryset


class JurisdictionFilter(admin.SimpleListFilter):
    """A place filter you type into (150 places do not fit a list of links)."""

    title = "place"
    parameter_name = "place"
    template = "admin/kb/place_filter.html"
    lookup = "jurisdiction"

    def __init__(self, request, params, model, model_admin):
        # The other filters in force, kept as hidden fields so typing a place does not drop them.
        self.other_params = [(k, v) for k, v in request.GET.items() if k not in (self.parameter_name, "p")]
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return list(Jurisdiction.objects.order_by("name").values_list("code", "name"))

    def queryset(self, request, queryset):
        code = (self.value() or "").strip().upper()
        if not code:
            return queryset
        return queryset.filter(**{f"{self.lookup}__code": code})


class ChannelPlaceFilter(JurisdictionFilter):
    lookup = "jurisdictions"


class FullDiffHelper(HistoricalRecordContextHelper):
    """History rows show every changed word, not simple-history's "[142 chars]" abbreviation."""

    def context_for_delta_changes(self, delta):
        rows = []
        for change in delta.changes:
            field = self.model._meta.get_field(change.field)
            old = "" if change.old is None else str(change.old)
            new = "" if change.new is None else str(change.new)
            rows.append({"field": str(field.verbose_name).capitalize(), "words": word_diff(old, new)})
        return rows


class RecordAdmin(SimpleHistoryAdmin):
    """Shared behaviour: the review state, the friendly form, and the review buttons."""

    readonly_fields = ("review_status", "last_verified", "preview", "content_path", "updated_at")
    actions = ["submit_for_review"]
    list_per_page = 50
    change_form_template = "admin/kb/record_change_form.html"
    object_history_template = "admin/kb/record_history.html"
    object_history_list_template = "admin/kb/history_list.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = record_form_for(self.model)
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        # The id names the content file and every link to the record: fixed once created.
        fixed = (self.model._meta.pk.name,) if obj is not None else ()
        return fixed + tuple(self.readonly_fields)

    def get_actions(self, request):
        # No bulk delete, publish, unpublish or verify: each opens the record and asks for confirmation.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description="Preview")
    def preview(self, obj):
        return format_html('<div class="recourse-preview">{}</div>', markdown_html(obj.body))

    @admin.action(description="Send selected drafts for review")
    def submit_for_review(self, request, queryset):
        sent, skipped = 0, 0
        for obj in queryset:
            try:
                record_submit(record=obj, user=request.user)
                sent += 1
            except ReviewRefused:
                skipped += 1
        self.message_user(request, f"{sent} draft(s) sent for review.")
        if skipped:
            self.message_user(
                request,
                f"{skipped} record(s) skipped: only drafts go to review this way; a change to a published "
                "record is sent from its own page.",
                messages.WARNING,
            )

    # The live record is shown in the edit form with any waiting change laid over it.
    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and obj.is_published:
            waiting = open_revision(obj)
            if waiting is not None:
                obj._snapshot = waiting.snapshot
                obj._note = waiting.note
                for name, value in waiting.snapshot.items():
                    if name in ("sources", "member_of", "jurisdictions"):
                        continue
                    field = obj._meta.get_field(name)
                    if name in ("jurisdiction", "parent"):
                        setattr(obj, f"{name}_id", value)
                    elif field.get_internal_type() == "DateField":
                        setattr(obj, name, dt.date.fromisoformat(value) if value else None)
                    else:
                        setattr(obj, name, value)
        return obj

    def has_delete_permission(self, request, obj=None):
        # A live record leaves the site only by being withdrawn (with a public notice), never deleted.
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        snapshot = form.snapshot()
        note = form.cleaned_data["change_note"]
        if not change:
            obj.review_status = ReviewStatus.DRAFT
            obj.edited_by = request.user
            obj._change_reason = f"created: {note}"[:100]
            super().save_model(request, obj, form, change)
            snapshot_apply(obj, snapshot)
            return
        try:
            request._recourse_revision = record_edit(
                record=obj,
                snapshot=snapshot,
                token=form.cleaned_data["edit_token"],
                note=note,
                user=request.user,
            )
        except ReviewRefused as refused:
            request._recourse_refused = str(refused)

    def save_related(self, request, form, formsets, change):
        # Links and sources were written (or kept aside in a revision) by save_model.
        from kb.jurisdictions import jurisdiction_graph_clear

        jurisdiction_graph_clear()

    def log_change(self, request, obj, message):
        if getattr(request, "_recourse_refused", None) is None:
            super().log_change(request, obj, message)

    def response_change(self, request, obj):
        refused = getattr(request, "_recourse_refused", None)
        if refused:
            self.message_user(request, refused, messages.ERROR)
            return HttpResponseRedirect(request.path)
        revision = getattr(request, "_recourse_revision", None)
        if revision is not None:
            self.message_user(
                request,
                "Saved as a proposed change. The published text stays live until a reviewer publishes it; "
                "send it for review when you are ready.",
            )
            return HttpResponseRedirect(
                reverse(f"{self.admin_site.name}:kb_revision_change", args=[revision.pk])
            )
        return super().response_change(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if obj is not None:
            rtype = record_type(obj)
            live = type(obj).objects.get(pk=obj.pk)
            extra.update(
                review_waiting=open_revision(live) if live.is_published else None,
                review_state=live.get_review_status_display(),
                may_edit=may_edit(request.user, rtype),
                may_publish=may_publish(request.user, rtype),
                is_published=live.is_published,
                review_status=live.review_status,
            )
        return super().change_view(request, object_id, form_url, extra)

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        extra = [
            path(
                "<path:object_id>/review/<str:move>/",
                self.admin_site.admin_view(self.review_view),
                name="{}_{}_review".format(*info),
            ),
        ]
        return extra + super().get_urls()

    def review_view(self, request, object_id, move):
        return review.record_move_view(self, request, object_id, move)

    def get_historical_record_context_helper(self, request, historical_record):
        return FullDiffHelper(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Simple-history's revert writes straight to the live row; here it becomes a reviewed change.
        return review.revert_view(self, request, object_id, version_id)


REVIEW_FIELDS = (
    "Review",
    {"fields": ("review_status", "verification", "last_verified", "tags", "updated_at")},
)
NOTE_FIELDS = ("Your change", {"fields": ("change_note", "edit_token")})


@admin.register(Jurisdiction)
class JurisdictionAdmin(RecordAdmin):
    list_display = ("code", "name", "kind", "parent", "emergency_number", "no_specific_law", "review_status")
    list_filter = ("kind", "review_status", "verification", "no_specific_law", StaleFilter)
    search_fields = ("code", "name", "aliases")
    autocomplete_fields = ("parent",)
    filter_horizontal = ("member_of",)
    fieldsets = (
        (None, {"fields": ("code", "name", "kind", "parent", "member_of", "aliases", "emergency_number")}),
        ("What applies here", {"fields": ("no_specific_law", "body", "preview", "sources_text")}),
        REVIEW_FIELDS,
        NOTE_FIELDS,
    )


@admin.register(Law)
class LawAdmin(RecordAdmin):
    list_display = (
        "id",
        "short_or_title",
        "jurisdiction",
        "citation",
        "kind",
        "status",
        "covers_synthetic",
        "review_status",
        "verification",
        "last_verified",
    )
    list_filter = (
        JurisdictionFilter,
        "kind",
        "status",
        "covers_synthetic",
        "review_status",
        "verification",
        "minors_specific",
        StaleFilter,
        "jurisdiction__kind",
    )
    search_fields = (
        "id",
        "title",
        "short_name",
        "citation",
        "body",
        "jurisdiction__name",
        "jurisdiction__code",
    )
    autocomplete_fields = ("jurisdiction",)
    list_select_related = ("jurisdiction",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "id",
                    "jurisdiction",
                    "title",
                    "short_name",
                    "citation",
                    "kind",
                    "status",
                    "enacted",
                    "in_force",
                    "url",
                )
            },
        ),
        (
            "What it covers",
            {
                "fields": (
                    "covers_synthetic",
                    "covers_creation",
                    "covers_distribution",
                    "covers_threats",
                    "intent",
                    "minors_specific",
                )
            },
        ),
        (
            "Penalties and remedies",
            {
                "fields": (
                    "max_penalty",
                    "max_prison_months",
                    "civil_remedies",
                    "removal_deadline_hours",
                    "limitation_period",
                )
            },
        ),
        ("Plain-language summary", {"fields": ("body", "preview", "sources_text")}),
        REVIEW_FIELDS,
        NOTE_FIELDS,
    )

    @admin.display(description="Name", ordering="title")
    def short_or_title(self, obj):
        return obj.short_name or obj.title


@admin.register(Channel)
class ChannelAdmin(RecordAdmin):
    list_display = (
        "id",
        "name",
        "kind",
        "serves_adults",
        "serves_minors",
        "url",
        "review_status",
        "last_verified",
    )
    list_filter = (
        ChannelPlaceFilter,
        "kind",
        "serves_minors",
        "serves_adults",
        "review_status",
        "verification",
        StaleFilter,
    )
    search_fields = ("id", "name", "body", "url")
    filter_horizontal = ("jurisdictions",)
    fieldsets = (
        (
            None,
            {
                "fields": (
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
                )
            },
        ),
        ("What it does", {"fields": ("body", "preview", "sources_text")}),
        REVIEW_FIELDS,
        NOTE_FIELDS,
    )


@admin.register(Guide)
class GuideAdmin(RecordAdmin):
    list_display = ("id", "title", "topic", "review_status", "last_verified")
    list_filter = ("topic", "review_status", "verification", StaleFilter)
    search_fields = ("id", "title", "summary", "body")
    filter_horizontal = ("jurisdictions",)
    fieldsets = (
        (None, {"fields": ("id", "title", "topic", "summary", "jurisdictions")}),
        ("Guide", {"fields": ("body", "preview", "sources_text")}),
        REVIEW_FIELDS,
        NOTE_FIELDS,
    )
