"""Markdown to safe HTML. Every piece of Markdown shown anywhere goes through here.

Links inside a body to the site's own pages (`/guides/preserve-evidence/`, `/help/`) keep the reader's
language: on a Spanish page they become `/es/…`, so a translated guide never drops its reader back into
English. Addresses that are not public pages (`/api/…`, other sites) are left as they are.
"""

import html
import re

import markdown as md
import nh3
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


def markdown_html(text: str) -> SafeString:
    """Render Markdown and sanitise the result: only plain structure and http(s)/mailto/tel links."""
    html = md.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes={"a": {"href", "title"}, "th": {"scope"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    )
    # Headings inside records start at h3 so the page keeps one h1 and a sane outline.
    return mark_safe(_links_in_language(clean))


_SITE_HREF = re.compile(r'href="(/(?!/)[^"]*)"')


def _links_in_language(clean: str) -> str:
    """Root-relative links to public pages, in the active language (nh3 always writes href="…")."""
    lang = translation.get_language() or settings.LANGUAGE_CODE
    if lang == settings.LANGUAGE_CODE or lang not in dict(settings.LANGUAGES):
        return clean

    def localise(match: re.Match) -> str:
        with translation.override(settings.LANGUAGE_CODE):
            url = translate_url(html.unescape(match.group(1)), lang)
        return f'href="{html.escape(url)}"'

    return _SITE_HREF.sub(localise, clean)
