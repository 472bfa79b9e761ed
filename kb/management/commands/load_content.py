from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kb.content.load import content_load
from kb.content.validate import ContentInvalid


class Command(BaseCommand):
    help = "Validate the content files under PATH (default legal_content/) and load them in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="a folder or file inside the content folder")
        parser.add_argument("--dry-run", action="store_true", help="validate only; change nothing")

    def handle(self, *args, path=None, dry_run=False, **options):
        root = Path(settings.RECOURSE_CONTENT_DIR)
        scope = Path(path).resolve() if path else None
        if scope and not scope.exists():
            raise CommandError(f"{path}: no such file or folder")
        try:
            report = content_load(root=root, scope=scope, dry_run=dry_run)
        except ContentInvalid as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(exc.errors)} problem(s) found; nothing was loaded.") from None
        if dry_run:
            self.stdout.write(
                f"Valid: {sum(report.unchanged.values())} record(s); nothing was loaded (dry run)."
            )
        else:
            self.stdout.write(report.summary())
