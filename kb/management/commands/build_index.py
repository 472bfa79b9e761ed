from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from kb.search.embedder import embedder_get, embedder_name
from kb.search.index import content_fingerprint, index_build, index_problems, index_refresh_if_current
from kb.search.parallel import ProcessPoolEmbedder, cores_available
from kb.search.passages import passages_from_db


class Command(BaseCommand):
    help = (
        "Build the search index for the published content: skips the work when it is current and "
        "intact, repairs a damaged one (every file is checked against the manifest's checksums)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="rebuild even if nothing changed, embedding every passage afresh",
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=cores_available(),
            help="processes that embed passages (default: one per core; see kb/search/parallel.py)",
        )

    def handle(self, *args, force=False, processes=1, **options):
        out_dir = Path(settings.RECOURSE_INDEX_DIR)
        passages, fingerprint = passages_from_db(), content_fingerprint()
        problems = index_problems(out_dir)
        if problems and (out_dir / "current").is_symlink():
            self.stdout.write(f"Search index damaged ({'; '.join(problems)}): rebuilding it.")
        manifest = None
        if not force:  # an up-to-date index costs no model load: `make run` starts in seconds
            manifest = index_refresh_if_current(
                out_dir=out_dir,
                model=embedder_name(settings.RECOURSE_EMBEDDER),
                passages=passages,
                fingerprint=fingerprint,
            )
        if manifest is None:
            manifest = index_build(
                out_dir=out_dir,
                embedder=ProcessPoolEmbedder(embedder_get(), processes),
                passages=passages,
                fingerprint=fingerprint,
                force=True,
                reuse=not force,  # --force embeds every passage afresh
            )
        counts = manifest["counts"]
        what = "up to date" if manifest.get("up_to_date") else f"built in {manifest['build_seconds']} s"
        self.stdout.write(
            f"Search index {what}: {counts['passages']} passages from {counts['law']} laws, "
            f"{counts['channel']} channels, {counts['guide']} guides ({manifest['model']}) in {out_dir}"
        )
