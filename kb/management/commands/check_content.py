from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kb.coverage import TARGETS, content_health, coverage_markdown


class Command(BaseCommand):
    help = "Report coverage, missing facts, unverified and stale records; exit non-zero on errors."

    def add_arguments(self, parser):
        parser.add_argument(
            "--coverage", metavar="FILE", help="also write the coverage table (Markdown) here"
        )
        parser.add_argument(
            "--strict", action="store_true", help="also fail when coverage targets are not met"
        )
        parser.add_argument("--verbose-lists", action="store_true", help="list every stale/unverified record")

    def handle(self, *args, coverage=None, strict=False, verbose_lists=False, **options):
        health = content_health(
            stale_days=settings.RECOURSE_STALE_DAYS, bill_days=settings.RECOURSE_BILL_STALE_DAYS
        )
        write = self.stdout.write
        write("Totals: " + ", ".join(f"{k} {v}" for k, v in health.totals.items()))
        write("Laws by status: " + ", ".join(f"{k} {v}" for k, v in sorted(health.laws_by_status.items())))
        write("Laws by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(health.laws_by_kind.items())))
        v = health.records_by_verification
        write(
            f"Records by verification: official {v['official']}, secondary {v['secondary']}, "
            f"unverified {v['unverified']}; with a real last_verified date: "
            f"{health.records_with_last_verified} of {health.records_total}"
        )
        write(
            "Laws linking to a homepage or bill page without a url_note: "
            + (", ".join(f"{s} {k} {n}" for (s, k), n in sorted(health.link_kinds.items())) or "0")
            + f" (in force: {sum(n for (s, _), n in health.link_kinds.items() if s == 'in_force')});"
            f" links explained in a url_note: {health.links_with_note}"
        )
        write(f"Mirror or proxy sources: {len(health.mirror_sources)}")
        missing = health.un_members_missing
        write(
            f"UN member states covered: {len(health.un_members_covered)} of 193"
            + (f" — missing: {' '.join(missing)}" if missing else "")
        )
        guides = health.totals.get("guides", 0)
        write(
            "Guide translations published: "
            + (
                ", ".join(f"{lang} {n} of {guides}" for lang, n in sorted(health.translations.items()))
                or "none"
            )
        )
        stale = f"Stale records (last verified over {settings.RECOURSE_STALE_DAYS} days ago)"
        for label, items in (
            ("Unverified records", health.unverified),
            (stale, health.stale),
            (
                f"Bill watch (not re-checked for {settings.RECOURSE_BILL_STALE_DAYS} days, or past their session)",
                health.old_bills,
            ),
            ("Stale guide translations (the English guide changed since)", health.stale_translations),
            ("Channels without a URL", health.channels_without_url),
            ("Jurisdictions with no law and no 'no specific law' note", health.uncovered),
        ):
            shown = (
                items if verbose_lists or len(items) <= 15 else [*items[:15], f"… and {len(items) - 15} more"]
            )
            write(f"{label}: {len(items)}" + (f" — {', '.join(shown)}" if items else ""))
        missed = [
            f"{name} {health.totals[name]} < {target}"
            for name, target in TARGETS.items()
            if health.totals[name] < target
        ]
        write("Coverage targets: " + ("all met" if not missed else "not met: " + "; ".join(missed)))
        if coverage:
            Path(coverage).parent.mkdir(parents=True, exist_ok=True)
            Path(coverage).write_text(coverage_markdown(health), encoding="utf-8")
            write(f"Wrote {coverage}")
        for name in health.stale_translations:
            self.stderr.write(
                f"warning: guide translation {name} is stale: the English guide's file has changed since "
                "its source_sha256; update the translation and the hash"
            )
        for finding in health.errors:
            self.stderr.write(f"error: {finding}")
        if health.errors:
            raise CommandError(f"{len(health.errors)} error(s) in the knowledge base")
        if strict and missed:
            raise CommandError("coverage targets not met")
