from django import template

from kb.localnames import place_local_name
from kb.markdown import markdown_html

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
