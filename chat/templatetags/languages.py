"""The language switcher: the same page in each of the site's languages, carried in the URL (no cookie)."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # in its own language: "Español", so a Spanish speaker finds it on an English page
    url: str
    current: bool


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """Links to this page in every language. A screen that answered a POST links to its GET page."""
    request = context.get("request")
    if request is None:
        return []
    here = context.get("step_url") if request.method == "POST" else None
    here = here or request.get_full_path()
    current = get_language() or settings.LANGUAGE_CODE
    return [
        LanguageLink(code, name, translate_url(here, code), code == current)
        for code, name in settings.LANGUAGES
    ]
