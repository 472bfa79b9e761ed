"""The editors' interface: draft → review → publish, history, verification and stale queues."""

import datetime as dt

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from kb.markdown import markdown_html
from kb.models import Channel, Guide, Jurisdiction, Law, Source
from kb.vocab import ReviewStatus


class SourceInline(GenericTabularInline):
    model = Source
    ct_fk_field = "object_id"
    extra = 1
    fields = ("position", "title", "url", "accessed")


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


class RecordAdmin(SimpleHistoryAdmin):
    """Shared behaviour: review actions, a Markdown preview, the file the record lives in."""

    inlines = [SourceInline]
    readonly_fields = ("preview", "content_path", "updated_at")
    actions = ["submit_for_review", "publish", "unpublish", "mark_verified_today"]
    list_per_page = 50

    @admin.display(description="Preview")
    def preview(self, obj):
        return format_html('<div class="recourse-preview">{}</div>', markdown_html(obj.body))

    @admin.action(description="Submit selected for review")
    def submit_for_review(self, request, queryset):
        self._set_status(request, queryset, ReviewStatus.IN_REVIEW)

    @admin.action(description="Publish selected (reviewed)")
    def publish(self, request, queryset):
        if not self._may_publish(request):
            self.message_user(request, "Only reviewers may publish; ask one to review these.", messages.ERROR)
            return
        self._set_status(request, queryset, ReviewStatus.PUBLISHED)

    @admin.action(description="Return selected to draft")
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, ReviewStatus.DRAFT)

    @admin.action(description="Mark selected as verified today")
    def mark_verified_today(self, request, queryset):
        for obj in queryset:
            obj.last_verified = timezone.localdate()
            obj._change_reason = "verified"
            obj.save()
        self.message_user(request, f"{queryset.count()} record(s) marked verified today.")

    def _set_status(self, request, queryset, status):
        # Save one by one so each change lands in the history with its author.
        for obj in queryset:
            obj.review_status = status
            obj._change_reason = f"review status: {status}"
            obj.save()
        self.message_user(request, f"{queryset.count()} record(s) now {ReviewStatus(status).label.lower()}.")

    def _may_publish(self, request) -> bool:
        return request.user.has_perm(f"kb.publish_{self.model._meta.model_name}")

    def has_change_permission(self, request, obj=None):
        # What the public sees changes only through a reviewer: editors draft and submit; a published
        # record is read-only to them (it stays live while they ask a reviewer for the change).
        if obj is not None and obj.is_published and not self._may_publish(request):
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # A new record an editor marks published goes to review instead.
        if obj.review_status == ReviewStatus.PUBLISHED and not self._may_publish(request):
            obj.review_status = ReviewStatus.IN_REVIEW
            self.message_user(
                request, "Saved and sent for review: a reviewer will publish it.", messages.WARNING
            )
        super().save_model(request, obj, form, change)
        from kb.jurisdictions import jurisdiction_graph_clear

        jurisdiction_graph_clear()


REVIEW_FIELDS = (
    "Review",
    {"fields": ("review_status", "verification", "last_verified", "tags", "content_path", "updated_at")},
)


@admin.register(Jurisdiction)
class JurisdictionAdmin(RecordAdmin):
    list_display = ("code", "name", "kind", "parent", "emergency_number", "no_specific_law", "review_status")
    list_filter = ("kind", "review_status", "verification", "no_specific_law", StaleFilter)
    search_fields = ("code", "name", "aliases")
    autocomplete_fields = ("parent",)
    filter_horizontal = ("member_of",)
    fieldsets = (
        (None, {"fields": ("code", "name", "kind", "parent", "member_of", "aliases", "emergency_number")}),
        ("What applies here", {"fields": ("no_specific_law", "body", "preview")}),
        REVIEW_FIELDS,
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
        "kind",
        "status",
        "covers_synthetic",
        "review_status",
        "verification",
        "minors_specific",
        StaleFilter,
        "jurisdiction__kind",
        "jurisdiction",
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
        ("Plain-language summary", {"fields": ("body", "preview")}),
        REVIEW_FIELDS,
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
    list_filter = ("kind", "serves_minors", "serves_adults", "review_status", "verification", StaleFilter)
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
        ("What it does", {"fields": ("body", "preview")}),
        REVIEW_FIELDS,
    )


@admin.register(Guide)
class GuideAdmin(RecordAdmin):
    list_display = ("id", "title", "topic", "review_status", "last_verified")
    list_filter = ("topic", "review_status", "verification", StaleFilter)
    search_fields = ("id", "title", "summary", "body")
    filter_horizontal = ("jurisdictions",)
    fieldsets = (
        (None, {"fields": ("id", "title", "topic", "summary", "jurisdictions")}),
        ("Guide", {"fields": ("body", "preview")}),
        REVIEW_FIELDS,
    )


admin.site.site_header = "Recourse editors"
admin.site.site_title = "Recourse editors"
admin.site.index_title = "Knowledge base"
