"""{% suggestion_form "law" law.id %}: the correction form at the foot of a record's page."""

from django import template

from kb.suggestions import SuggestionForm

register = template.Library()


@register.inclusion_tag("kb/_suggest.html")
def suggestion_form(record_type: str, record_id: str) -> dict:
    return {
        "form": SuggestionForm(record_type=record_type, record_id=record_id),
        "record_type": record_type,
        "record_id": record_id,
    }
