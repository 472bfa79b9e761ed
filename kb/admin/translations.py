"""Guide translations in the admin: read-only lists and pages, with history and a stale flag.

Translations are written as files by translators and loaded with `load_content`; nothing here lets
anyone change what the public sees, so the four-eyes rule of kb/revisions.py holds without a review
path of its own. Editors see which translations are stale (the English guide changed since) and read
each one beside its history.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from kb.admin.readonly import ReadOnlyAdmin
from kb.markdown import markdown_html
from kb.models import GuideTranslation


class StaleTranslationFilter(admin.SimpleListFilter):
    title = "English guide changed since"
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [("yes", "Stale"), ("no", "Up to date")]

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        stale = [t.pk for t in queryset.select_related("guide") if t.is_stale]
        return queryset.filter(pk__in=stale) if self.value() == "yes" else queryset.exclude(pk__in=stale)


@admin.register(GuideTranslation)
class GuideTranslationAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ("guide", "lang", "title", "review_status", "stale", "updated_at")
    list_filter = ("lang", "review_status", StaleTranslationFilter)
    list_select_related = ("guide",)
    search_fields = ("guide__id", "title", "summary", "body")
    fields = (
        "guide",
        "lang",
        "title",
        "summary",
        "preview",
        "source_sha256",
        "stale",
        "review_status",
        "translator_note",
        "content_path",
        "updated_at",
    )
    readonly_fields = fields

    @admin.display(boolean=True, description="Stale")
    def stale(self, obj: GuideTranslation) -> bool:
        return obj.is_stale

    @admin.display(description="Text")
    def preview(self, obj: GuideTranslation):
        return format_html('<div class="recourse-preview">{}</div>', markdown_html(obj.body))

    def has_module_permission(self, request):
        return request.user.has_perm("kb.view_guide")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("kb.view_guide")
