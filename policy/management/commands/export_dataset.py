from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date

from policy.dataset import dataset_build, dataset_zip


class Command(BaseCommand):
    help = (
        "Write the published knowledge base as recourse-dataset-<date>-<hash>.zip: a CSV per table, "
        "dataset.json, DATA_DICTIONARY.md, LICENSE (CC BY 4.0) and a README."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", default=".", help="folder to write the archive to (default: here)")
        parser.add_argument("--date", help="the dataset's date, YYYY-MM-DD (default: today)")

    def handle(self, *args, out: str, date: str | None = None, **options):
        day = parse_date(date) if date else None
        if date and day is None:
            raise CommandError(f"--date {date!r} is not a YYYY-MM-DD date")
        dataset = dataset_build(today=day)
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / dataset.filename
        target.write_bytes(dataset_zip(dataset))
        self.stdout.write(
            f"wrote {target} ({target.stat().st_size // 1024 + 1} KB, version {dataset.version})"
        )
