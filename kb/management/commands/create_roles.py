from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

MODELS = ("jurisdiction", "law", "channel", "guide", "source")


def _codenames(*actions: str) -> list[str]:
    return [f"{action}_{model}" for action in actions for model in MODELS]


ROLES = {
    # Editors draft, edit drafts and submit them for review; published records are read-only to them.
    "Editors": _codenames("view", "add", "change"),
    # Reviewers also publish, unpublish and edit what is live.
    "Reviewers": _codenames("view", "add", "change", "delete")
    + [f"publish_{m}" for m in MODELS if m != "source"],
}


class Command(BaseCommand):
    help = "Create or update the Editors and Reviewers groups (safe to rerun)."

    def handle(self, *args, **options):
        for name, codenames in ROLES.items():
            group, _ = Group.objects.get_or_create(name=name)
            perms = Permission.objects.filter(content_type__app_label="kb", codename__in=codenames)
            group.permissions.set(perms)
            self.stdout.write(f"{name}: {perms.count()} permissions")
