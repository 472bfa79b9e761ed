from django import template

from kb.markdown import markdown_html

register = template.Library()


@register.filter
def markdown(text: str):
    return markdown_html(text)


@register.filter
def yesno_unknown(value) -> str:
    return {True: "Yes", False: "No", None: "Not known"}.get(value, str(value))
