"""The knowledge base: jurisdictions, laws, channels, guides and their sources.

Every record carries its review status, how it was verified and when; only
published records are ever shown to the public or indexed for search.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from kb.vocab import (
    ChannelKind,
    GuideTopic,
    Intent,
    JurisdictionKind,
    LawKind,
    LawStatus,
    ReviewStatus,
    SyntheticCoverage,
    TranslationLanguage,
    Verification,
)


class Source(models.Model):
    """A page that backs a record's facts: where a reader can check it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=120)
    record = GenericForeignKey("content_type", "object_id")
    position = models.PositiveSmallIntegerField(default=0)
    url = models.URLField(max_length=500)
    title = models.CharField(max_length=300)
    accessed = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.title


class PublishedQuerySet(models.QuerySet):
    def published(self) -> PublishedQuerySet:
        return self.filter(review_status=ReviewStatus.PUBLISHED)


class Record(models.Model):
    """What every curated record has: review, verification, tags, a Markdown body and its file."""

    review_status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT, db_index=True
    )
    verification = models.CharField(
        max_length=12,
        choices=Verification.choices,
        default=Verification.UNVERIFIED,
        help_text="Official only when an official text or government page backs the facts.",
    )
    last_verified = models.DateField(
        null=True, blank=True, help_text="When an editor last checked this record against its sources."
    )
    tags = models.JSONField(default=list, blank=True, help_text="Situation tags (see kb/vocab.py).")
    body = models.TextField(blank=True, help_text="Plain-language Markdown, shown to the public.")
    content_path = models.CharField(
        max_length=300, blank=True, help_text="The file in legal_content/ this record is kept in."
    )
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Admin-only bookkeeping, never written to content files: `version` rises on every save so two
    # people editing at once cannot overwrite each other; `edited_by` is who last changed the text,
    # so a reviewer cannot publish their own edit.
    version = models.PositiveIntegerField(default=1, editable=False)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sources = GenericRelation(Source, object_id_field="object_id")

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        # Review moves and verification set `_status_only`: they change no text, so an edit form
        # or a proposed change made before them is still current.
        if not self._state.adding and not getattr(self, "_status_only", False):
            self.version = (self.version or 0) + 1
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.review_status == ReviewStatus.PUBLISHED


class Jurisdiction(Record):
    code = models.CharField(max_length=16, primary_key=True, help_text="ISO 3166 style: US, US-TX, GB-EAW.")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=16, choices=JurisdictionKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    member_of = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="members", help_text="Supranational bodies (EU)."
    )
    aliases = models.JSONField(
        default=list, blank=True, help_text="Names people type: Cali, NSW, Deutschland."
    )
    emergency_number = models.CharField(max_length=40, blank=True)
    official_domains = models.JSONField(
        default=list,
        blank=True,
        help_text="Web domains of this place's government and official law sites, e.g. legislation.gov.uk. "
        "A record is 'official' only with a source on one of these (or a parent's).",
    )
    none_known = models.JSONField(
        default=list,
        blank=True,
        help_text="Routes we looked for and know none of here: police, support.",
    )
    no_specific_law = models.BooleanField(
        default=False,
        help_text="No law specific to intimate images is known here; the body says what still helps.",
    )
    history = HistoricalRecords(excluded_fields=["content_hash", "updated_at"])

    class Meta:
        ordering = ["code"]
        permissions = [("publish_jurisdiction", "Can publish jurisdictions (reviewers)")]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("kb:jurisdiction", args=[self.code])


class Law(Record):
    id = models.SlugField(max_length=120, primary_key=True)
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="laws")
    title = models.CharField(max_length=300)
    short_name = models.CharField(max_length=160, blank=True)
    citation = models.CharField(
        max_length=300, help_text="The official citation, e.g. Tex. Penal Code § 21.165."
    )
    kind = models.CharField(max_length=20, choices=LawKind.choices)
    status = models.CharField(max_length=10, choices=LawStatus.choices, db_index=True)
    enacted = models.DateField(
        null=True, blank=True, help_text="Date of enactment (or introduction, for a bill)."
    )
    in_force = models.DateField(null=True, blank=True)
    session_end = models.DateField(
        null=True, blank=True, help_text="For a bill: when its legislative session ends (bill watch)."
    )
    url = models.URLField(max_length=500, help_text="The law's own text: the section, or the act.")
    url_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why the link is not the law's own text (e.g. the official site has no deep links).",
    )
    bill_url = models.URLField(max_length=500, blank=True, help_text="The bill that made this law.")
    covers_synthetic = models.CharField(
        max_length=16, choices=SyntheticCoverage.choices, default=SyntheticCoverage.UNKNOWN
    )
    covers_creation = models.BooleanField(
        null=True, blank=True, help_text="Creating an image is itself an offence."
    )
    covers_distribution = models.BooleanField(null=True, blank=True)
    covers_threats = models.BooleanField(null=True, blank=True)
    intent = models.CharField(max_length=16, choices=Intent.choices, default=Intent.UNKNOWN)
    minors_specific = models.BooleanField(default=False)
    max_penalty = models.CharField(max_length=300, blank=True)
    max_prison_months = models.PositiveIntegerField(null=True, blank=True)
    civil_remedies = models.JSONField(default=list, blank=True)
    removal_deadline_hours = models.PositiveIntegerField(null=True, blank=True)
    limitation_period = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords(excluded_fields=["content_hash", "updated_at"])

    class Meta:
        ordering = ["jurisdiction_id", "id"]
        permissions = [("publish_law", "Can publish laws (reviewers)")]

    def __str__(self) -> str:
        return self.short_name or self.title

    def get_absolute_url(self) -> str:
        return reverse("kb:law", args=[self.id])

    @property
    def is_law(self) -> bool:
        """A bill, a failed bill or a repealed law must never be presented as law in force."""
        return self.status in (LawStatus.IN_FORCE, LawStatus.ENACTED)

    @property
    def status_now(self) -> str:
        """The status today: an enacted law is in force from its in-force date, with no edit needed."""
        return law_status_on(self.status, self.in_force, timezone.localdate())

    @property
    def status_now_label(self) -> str:
        """'In force', or 'In force from 2 December 2026' while that date is still to come."""
        status = self.status_now
        if status == LawStatus.ENACTED and self.in_force:
            return _("In force from %(date)s") % {"date": date_format(self.in_force, "j F Y")}
        return str(LawStatus(status).label)


def law_status_on(status: str, in_force: dt.date | None, day: dt.date) -> str:
    """What a law's status is on a given day, from its recorded status and in-force date."""
    if status == LawStatus.ENACTED and in_force and in_force <= day:
        return LawStatus.IN_FORCE
    return status


class Channel(Record):
    id = models.SlugField(max_length=120, primary_key=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=ChannelKind.choices)
    jurisdictions = models.ManyToManyField(Jurisdiction, related_name="channels")
    serves_adults = models.BooleanField(default=True)
    serves_minors = models.BooleanField(default=False)
    url = models.URLField(max_length=500, blank=True)
    phone = models.CharField(max_length=80, blank=True)
    hours = models.CharField(max_length=200, blank=True)
    languages = models.JSONField(default=list, blank=True)
    cost = models.CharField(max_length=120, blank=True)
    anonymous = models.BooleanField(null=True, blank=True)
    steps = models.JSONField(default=list, blank=True, help_text="Step-by-step, one short sentence each.")
    history = HistoricalRecords(excluded_fields=["content_hash", "updated_at"])

    class Meta:
        ordering = ["name"]
        permissions = [("publish_channel", "Can publish channels (reviewers)")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("kb:channel", args=[self.id])


class Guide(Record):
    id = models.SlugField(max_length=120, primary_key=True)
    title = models.CharField(max_length=200)
    topic = models.CharField(max_length=16, choices=GuideTopic.choices)
    summary = models.CharField(max_length=300, blank=True)
    jurisdictions = models.ManyToManyField(
        Jurisdiction, blank=True, related_name="guides", help_text="Leave empty when it applies everywhere."
    )
    history = HistoricalRecords(excluded_fields=["content_hash", "updated_at"])

    class Meta:
        ordering = ["title"]
        permissions = [("publish_guide", "Can publish guides (reviewers)")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("kb:guide", args=[self.id])


class GuideTranslation(models.Model):
    """A guide in another language, kept in its own file beside the English one.

    It is not a Record: it has no sources, tags or verification of its own (the English guide carries
    those). `source_sha256` is the first 16 hex characters of the English guide file's SHA-256 when it
    was translated; when the guide's file changes, the translation is stale (`is_stale`) and editors see
    it on the dashboard and in check_content, but it keeps serving until someone updates it.
    """

    guide = models.ForeignKey(Guide, on_delete=models.PROTECT, related_name="translations")
    lang = models.CharField(max_length=8, choices=TranslationLanguage.choices)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True)
    body = models.TextField(
        help_text="The translated Markdown, same headings, lists and links as the English."
    )
    source_sha256 = models.CharField(
        max_length=16, help_text="sha256 of the English guide file when translated (first 16 hex characters)."
    )
    review_status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT, db_index=True
    )
    translator_note = models.CharField(max_length=300, blank=True, help_text="Who drafted and who reread it.")
    content_path = models.CharField(max_length=300, blank=True)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)
    history = HistoricalRecords(excluded_fields=["content_hash", "updated_at"])

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["guide_id", "lang"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "lang"], name="one_translation_per_guide_and_language")
        ]

    def __str__(self) -> str:
        return f"{self.guide_id} ({self.lang})"

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.utils import translation

        with translation.override(self.lang):
            return reverse("kb:guide", args=[self.guide_id])

    @property
    def is_published(self) -> bool:
        return self.review_status == ReviewStatus.PUBLISHED

    @property
    def is_stale(self) -> bool:
        """The English guide's file has changed since this was translated."""
        return translation_is_stale(source_sha256=self.source_sha256, guide_hash=self.guide.content_hash)


def translation_is_stale(*, source_sha256: str, guide_hash: str) -> bool:
    """A translation is stale when the English file it was made from is not the file loaded now.

    A guide with no recorded file hash (made in the admin, never exported) cannot be compared: not stale.
    """
    return bool(guide_hash) and guide_hash[:16] != source_sha256


# The editors' desk: proposed changes, verifications, link checks, readers' suggestions, withdrawals.
# Records are named by type and id (not a generic key) so a row outlives a renamed or deleted record.
RECORD_TYPES = [("jurisdiction", "Place"), ("law", "Law"), ("channel", "Channel"), ("guide", "Guide")]


class RecordRef(models.Model):
    record_type = models.CharField(max_length=16, choices=RECORD_TYPES)
    record_id = models.CharField(max_length=120)

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["record_type", "record_id"])]

    @property
    def record_model(self) -> type[Record]:
        return {"jurisdiction": Jurisdiction, "law": Law, "channel": Channel, "guide": Guide}[
            self.record_type
        ]

    @property
    def record(self) -> Record | None:
        return self.record_model.objects.filter(pk=self.record_id).first()


class RevisionState(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"


class Revision(RecordRef):
    """A proposed change to a record, kept aside while the live record keeps serving the public."""

    snapshot = models.JSONField(help_text="The record's editable fields as they would be published.")
    base_version = models.PositiveIntegerField(help_text="The record's version this change was made from.")
    state = models.CharField(max_length=12, choices=RevisionState.choices, default=RevisionState.DRAFT)
    note = models.TextField(help_text="What changed and why, for the reviewer.")
    is_revert = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta(RecordRef.Meta):
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"Change to {self.record_type} {self.record_id} (#{self.pk})"

    @property
    def is_open(self) -> bool:
        return self.state in (RevisionState.DRAFT, RevisionState.IN_REVIEW)


class VerificationCheck(RecordRef):
    """Someone checked a record against one named source on a given day."""

    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(default=timezone.now)
    source_url = models.URLField(max_length=500)
    note = models.TextField(blank=True)

    class Meta(RecordRef.Meta):
        ordering = ["-checked_at"]

    def __str__(self) -> str:
        return f"{self.record_type} {self.record_id} checked {self.checked_at:%Y-%m-%d}"


class LinkCheck(models.Model):
    """The last time a URL in the knowledge base was fetched, and what came back."""

    url = models.URLField(max_length=500, unique=True)
    checked_at = models.DateTimeField()
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.URLField(max_length=500, blank=True)
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.url

    @property
    def broken(self) -> bool:
        return self.status is None or self.status >= 400

    @property
    def redirected(self) -> bool:
        return bool(self.final_url) and self.final_url != self.url


class Suggestion(RecordRef):
    """A reader's correction, kept private for editors. Only an optional contact address is asked for."""

    message = models.TextField(max_length=2000)
    contact = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved = models.BooleanField(default=False)

    class Meta(RecordRef.Meta):
        ordering = ["resolved", "-created_at"]

    def __str__(self) -> str:
        return f"Suggestion on {self.record_type} {self.record_id}"


class Withdrawal(RecordRef):
    """A record taken off the public site: its page says when and why instead of a bare 404."""

    withdrawn_at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=300)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=300, help_text="The record's name when it was withdrawn.")

    class Meta(RecordRef.Meta):
        ordering = ["-withdrawn_at"]

    def __str__(self) -> str:
        return f"{self.title} withdrawn {self.withdrawn_at:%Y-%m-%d}"
