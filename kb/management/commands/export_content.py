from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kb.content.export import content_export


class Command(BaseCommand):
    help = "Write the database's records back to the content files under PATH (default legal_content/)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="a folder inside the content folder")

    def handle(self, *args, path=None, **options):
        root = Path(settings.RECOURSE_CONTENT_DIR)
        scope = Path(path).resolve() if path else None
        if scope and not scope.resolve().is_relative_to(root.resolve()):
            raise CommandError(f"{path} is not inside the content folder {root}")
        written, removed = content_export(root=root, scope=scope)
        for rel in written:
            self.stdout.write(f"wrote {rel}")
        for rel in removed:
            self.stdout.write(f"removed {rel}")
        self.stdout.write(f"{len(written)} file(s) written, {len(removed)} removed.")
