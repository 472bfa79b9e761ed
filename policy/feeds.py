"""An Atom feed of published changes (new laws, status changes, new channels, removals)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from policy.changes import Change, changes_list

FEED_SIZE = 50


class ChangesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Recourse: recent changes")
    subtitle = _(
        "New laws, bills that became law, new reporting channels and removals in Recourse's "
        "published knowledge base. Not legal advice."
    )

    def link(self) -> str:
        return reverse("policy:changes")

    def items(self) -> list[Change]:
        return changes_list(limit=FEED_SIZE)

    def item_title(self, item: Change) -> str:
        return f"{item.kind_label}: {item.type_label} — {item.title}"

    def item_description(self, item: Change) -> str:
        parts = [item.detail] if item.detail else []
        if item.jurisdiction:
            parts.append(str(_("Place: %(code)s") % {"code": item.jurisdiction}))
        return " · ".join(parts) or item.title

    def item_link(self, item: Change) -> str:
        return item.url or reverse("policy:changes") + f"#{item.record_type}-{item.record_id}"

    def item_guid(self, item: Change) -> str:
        return item.guid

    item_guid_is_permalink = False

    def item_pubdate(self, item: Change):
        return item.when

    def item_updateddate(self, item: Change):
        return item.when
