from django import template

from kb.localnames import place_local_name
from kb.markdown import markdown_html
from kb.models import Guide
from kb.selectors import GuideText, guide_text

register = template.Library()


@register.filter
def markdown(text: str):
    return markdown_html(text)


@register.filter
def yesno_unknown(value) -> str:
    return {True: "Yes", False: "No", None: "Not known"}.get(value, str(value))


@register.filter
def local_name(jurisdiction) -> str:
    """A place's name in the page's language (see kb/localnames.py)."""
    return place_local_name(jurisdiction.code, jurisdiction.name)


@register.filter
def in_language(guides):
    """A guide, or a list of guides, as the reader sees them: translated where a translation is published."""
    if isinstance(guides, Guide):
        return guide_text(guides)
    return [g if isinstance(g, GuideText) else guide_text(g) for g in guides or []]
