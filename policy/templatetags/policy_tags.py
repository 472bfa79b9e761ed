"""Small filters for the policymakers' pages."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def code_spans(text: str) -> SafeString:
    """Markdown-style `code` in a help text as <code>, so no literal backtick reaches the page."""
    return mark_safe(re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text or "")))


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key) if mapping else None
