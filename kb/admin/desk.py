"""The editors' dashboard and the desk's read-only lists: link checks, suggestions, withdrawals."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from kb import queues
from kb.admin.readonly import ReadOnlyAdmin
from kb.revisions import MODELS


def _may_view_desk(user) -> bool:
    return any(user.has_perm(f"kb.view_{t}") for t in MODELS)


def dashboard(request: HttpRequest) -> HttpResponse:
    if not _may_view_desk(request.user):
        raise PermissionDenied
    context = {
        **admin.site.each_context(request),
        "title": "Editors' dashboard",
        "stale_days": str(settings.RECOURSE_STALE_DAYS),
        "revisions": queues.queue_revisions(),
        "suggestions": queues.queue_suggestions(),
        "stale": queues.queue_stale(),
        "stale_translations": queues.queue_stale_translations(),
        "bills": queues.queue_bill_watch(),
        "unverified": queues.queue_unverified(),
        "gaps": queues.queue_coverage_gaps(),
        "links": queues.queue_links(),
    }
    return TemplateResponse(request, "admin/kb/dashboard.html", context)


class DeskAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Lists anyone on the desk may read; rows are written by commands and the public form only."""

    def has_module_permission(self, request):
        return _may_view_desk(request.user)

    def has_view_permission(self, request, obj=None):
        return _may_view_desk(request.user)


class LinkCheckAdmin(DeskAdmin):
    list_display = ("url", "status", "final_url", "error", "checked_at")
    search_fields = ("url",)


class WithdrawalAdmin(DeskAdmin):
    list_display = ("title", "record_type", "record_id", "reason", "withdrawn_by", "withdrawn_at")
    list_filter = ("record_type",)


class SuggestionAdmin(DeskAdmin):
    list_display = ("__str__", "message", "contact", "created_at", "resolved")
    list_filter = ("resolved", "record_type")
    actions = ["mark_resolved"]

    def has_change_permission(self, request, obj=None):
        # Marking a suggestion done changes nothing public: anyone who edits records may.
        return any(request.user.has_perm(f"kb.change_{t}") for t in MODELS)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_readonly_fields(self, request, obj=None):
        return ("record_type", "record_id", "message", "contact", "created_at")

    @admin.action(description="Mark selected suggestions as dealt with")
    def mark_resolved(self, request, queryset):
        self.message_user(request, f"{queryset.update(resolved=True)} suggestion(s) marked as dealt with.")
