from django.core.management.base import BaseCommand

from kb.linkcheck import link_urls, links_check


class Command(BaseCommand):
    help = "Check every law, channel and source address; record status and date (see the dashboard)."

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=8, help="Requests in flight at once.")
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds before giving up a request.")
        parser.add_argument("--retries", type=int, default=2, help="Retries after a timeout or a 5xx.")

    def handle(self, *args, workers, timeout, retries, **options):
        urls = link_urls()
        results = links_check(urls, workers=workers, timeout=timeout, retries=retries)
        broken = [r for r in results if r.status is None or r.status >= 400]
        moved = [r for r in results if r.final_url and r not in broken]
        self.stdout.write(f"{len(results)} links checked: {len(broken)} broken, {len(moved)} redirected.")
        for r in broken:
            self.stdout.write(f"  broken {r.status or r.error}: {r.url}")
