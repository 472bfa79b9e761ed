from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from kb.search.embedder import embedder_get
from kb.search.index import content_fingerprint, index_build


class Command(BaseCommand):
    help = "Build the search index for the published content (skips the work when it is already current)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="rebuild even if nothing changed")

    def handle(self, *args, force=False, **options):
        out_dir = Path(settings.RECOURSE_INDEX_DIR)
        manifest = index_build(
            out_dir=out_dir, embedder=embedder_get(), fingerprint=content_fingerprint(), force=force
        )
        counts = manifest["counts"]
        what = "up to date" if manifest.get("up_to_date") else f"built in {manifest['build_seconds']} s"
        self.stdout.write(
            f"Search index {what}: {counts['passages']} passages from {counts['law']} laws, "
            f"{counts['channel']} channels, {counts['guide']} guides ({manifest['model']}) in {out_dir}"
        )
