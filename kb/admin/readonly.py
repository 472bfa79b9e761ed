"""Admin pages staff read but never write through: rows come from commands, forms elsewhere, or the
review buttons (a change is edited through its record's own form)."""

from __future__ import annotations


class ReadOnlyAdmin:
    """Mixed into a ModelAdmin: no add, change or delete, whoever asks."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
