"""Answering while the search index is being rebuilt: the place's services and guides, unranked.

A damaged or missing index must never turn a question into an error page. Without retrieval we
cannot say which laws fit the question, so none are listed; the services and guides that apply
where the person lives are still right, and helplines (or, for a child, children's services)
come first. The answer says that search is being rebuilt.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kb.models import Channel, Guide
from kb.selectors import channel_list_for, guide_list_for

HELPLINE_KINDS = ("helpline", "support")


def records_without_search(*, chain: list[str], minor: bool) -> tuple[list[Channel], list[Guide]]:
    """The chain's channels (children's services, then helplines, first) and guides, no retrieval."""

    def channel_order(channel: Channel) -> tuple[bool, bool]:
        for_child = minor and channel.serves_minors
        helpline = channel.kind in HELPLINE_KINDS or "danger" in channel.tags
        return (not for_child, not helpline)

    channels = sorted(channel_list_for(codes=chain), key=channel_order)  # stable: nearest place first
    guides = guide_list_for(codes=chain)
    if minor:
        guides.sort(key=lambda g: g.topic != "minor")
    return channels, guides


def search_notice_add(answer: str, *, danger: bool) -> str:
    """Say that search is being rebuilt: first, or straight after the emergency number."""
    notice = (
        "_"
        + _(
            "Search is being rebuilt, so this answer lists the services and guides for your place, not "
            "the laws that match your question. Please ask again in a few minutes."
        )
        + "_"
    )
    if danger and "\n\n" in answer:  # the emergency number stays the first thing read
        first, rest = answer.split("\n\n", 1)
        return f"{first}\n\n{notice}\n\n{rest}"
    return f"{notice}\n\n{answer}"
