"""The knowledge base: jurisdictions, laws, channels, guides and their sources.

Every record carries its review status, how it was verified and when; only
published records are ever shown to the public or indexed for search.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
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
    sources = GenericRelation(Source, object_id_field="object_id")

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
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
    url = models.URLField(max_length=500, help_text="Official text.")
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
