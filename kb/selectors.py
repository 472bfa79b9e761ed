"""Cross-model reads: what applies in a jurisdiction, published records only."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import get_language

from kb.jurisdictions import chain_codes
from kb.models import Channel, Guide, GuideTranslation, Jurisdiction, Law, Source
from kb.vocab import TranslationLanguage

LAW_STATUS_ORDER = {"in_force": 0, "enacted": 1, "bill": 2, "failed": 3, "repealed": 4}
# What a victim most often needs first: the offence, then suing, then removal routes.
LAW_KIND_ORDER = {
    "criminal": 0,
    "civil": 1,
    "takedown": 2,
    "regulatory": 3,
    "protective_order": 4,
    "child_protection": 5,
}


@dataclass
class Applicable:
    jurisdiction: Jurisdiction
    chain: list[Jurisdiction]
    laws: list[Law]
    channels: list[Channel]
    guides: list[Guide]


def published_laws() -> QuerySet[Law]:
    return (
        Law.objects.published()
        .select_related("jurisdiction")
        .prefetch_related(Prefetch("sources", queryset=Source.objects.order_by("position")))
    )


def published_channels() -> QuerySet[Channel]:
    return Channel.objects.published().prefetch_related("jurisdictions", "sources")


def published_guides() -> QuerySet[Guide]:
    """Published guides, with their published translation into the page's language fetched alongside."""
    guides = Guide.objects.published().prefetch_related("jurisdictions", "sources")
    lang = _reading_language()
    if lang:
        translations = GuideTranslation.objects.published().filter(lang=lang)
        guides = guides.prefetch_related(
            Prefetch("translations", translations, to_attr="published_translations")
        )
    return guides


def _reading_language() -> str:
    """The active language if guides can be translated into it ("" for English)."""
    lang = (get_language() or "").split("-")[0]
    return lang if lang in TranslationLanguage.values else ""


@dataclass(frozen=True)
class GuideText:
    """A guide as one reader sees it: the published translation into their language, else the English.

    Templates read it like a guide (`title`, `summary`, `body`, `get_absolute_url`); `lang` is the
    language of the text, so a page can mark English text and say why it is in English.
    """

    guide: Guide
    title: str
    summary: str
    body: str
    lang: str
    translation: GuideTranslation | None = None

    @property
    def id(self) -> str:
        return self.guide.id

    @property
    def translated(self) -> bool:
        return self.translation is not None

    def get_absolute_url(self) -> str:
        return self.guide.get_absolute_url()  # in the active language: /es/guides/<id>/


def guide_text(guide: Guide) -> GuideText:
    """`guide` in the active language: its translation when one is published, else English.

    Uses the translations fetched by `published_guides()`; a guide loaded another way costs one query.
    """
    lang = _reading_language()
    translation = None
    if lang:
        found = getattr(guide, "published_translations", None)
        if found is None:
            found = list(GuideTranslation.objects.published().filter(guide=guide, lang=lang))
        translation = next((t for t in found if t.lang == lang), None)
    if translation is None:
        return GuideText(guide, guide.title, guide.summary, guide.body, "en")
    return GuideText(guide, translation.title, translation.summary, translation.body, lang, translation)


def guide_texts(guides: Iterable[Guide]) -> list[GuideText]:
    return [guide_text(g) for g in guides]


def law_list_for(*, codes: list[str]) -> list[Law]:
    """Laws of exactly these jurisdictions, nearest first (order of codes), law before bill."""
    rank = {c: i for i, c in enumerate(codes)}
    laws = list(published_laws().filter(jurisdiction_id__in=codes))
    laws.sort(
        key=lambda law: (
            rank[law.jurisdiction_id],
            LAW_STATUS_ORDER[law.status],
            LAW_KIND_ORDER[law.kind],
            law.id,
        )
    )
    return laws


def channel_list_for(*, codes: list[str]) -> list[Channel]:
    rank = {c: i for i, c in enumerate(codes)}
    channels = list(published_channels().filter(jurisdictions__code__in=codes).distinct())
    channels.sort(
        key=lambda ch: (min(rank.get(j.code, 99) for j in ch.jurisdictions.all()), ch.kind, ch.name)
    )
    return channels


def guide_list_for(*, codes: list[str]) -> list[Guide]:
    guides = [
        g
        for g in published_guides()
        if not g.jurisdictions.all() or any(j.code in codes for j in g.jurisdictions.all())
    ]
    return sorted(guides, key=lambda g: g.title)


def applicable_for(*, jurisdiction: Jurisdiction) -> Applicable:
    """Everything that applies to someone in this jurisdiction: its chain's records and no others."""
    codes = chain_codes(jurisdiction.code)
    found = Jurisdiction.objects.in_bulk(codes)
    return Applicable(
        jurisdiction=jurisdiction,
        chain=[found[c] for c in codes if c in found],
        laws=law_list_for(codes=codes),
        channels=channel_list_for(codes=codes),
        guides=guide_list_for(codes=codes),
    )


def guide_translations_stale() -> list[GuideTranslation]:
    """Translations (published or not) whose English guide file has changed since they were made."""
    found = GuideTranslation.objects.select_related("guide").defer("body", "guide__body")
    return [t for t in found.order_by("guide_id", "lang") if t.is_stale]
