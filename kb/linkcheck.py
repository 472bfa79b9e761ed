"""Checking every law, channel and source address: does it still answer, and where does it send you?

Run by `manage.py check_links` on a schedule (see README). Bounded: a fixed number of worker threads,
a timeout per request and a few retries with a short back-off, so one hanging site cannot stall the
run and a flaky one is not reported broken after a single miss. Requests go only to the addresses
in the knowledge base, with a GET (many sites refuse HEAD) whose body is never read.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.utils import timezone

from kb.models import Channel, Law, LinkCheck, Source

USER_AGENT = "RecourseLinkCheck/1.0 (checks that cited pages still exist)"


@dataclass
class LinkResult:
    url: str
    status: int | None
    final_url: str = ""
    error: str = ""


def link_urls() -> list[str]:
    """Every distinct address a record cites: laws' official texts, channels' pages, all sources."""
    urls = set(Law.objects.exclude(url="").values_list("url", flat=True))
    urls |= set(Channel.objects.exclude(url="").values_list("url", flat=True))
    urls |= set(Source.objects.exclude(url="").values_list("url", flat=True))
    return sorted(urls)


def _fetch(url: str, timeout: float) -> LinkResult:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            final = response.geturl()
            return LinkResult(url, response.status, final if final != url else "")
    except urllib.error.HTTPError as e:
        final = e.geturl() or url
        return LinkResult(url, e.code, final if final != url else "")
    except TimeoutError:
        return LinkResult(url, None, error="timed out")
    except (urllib.error.URLError, OSError, ValueError) as e:
        reason = getattr(e, "reason", e)
        return LinkResult(url, None, error=str(reason)[:200] or type(e).__name__)


def link_check(url: str, *, timeout: float = 10.0, retries: int = 2, backoff: float = 1.0) -> LinkResult:
    """One address, retried on a timeout, a network error or a server error (5xx)."""
    if not url.startswith(("http://", "https://")):
        return LinkResult(url, None, error="not a web address")
    result = _fetch(url, timeout)
    for attempt in range(retries):
        if result.status is not None and result.status < 500:
            break
        time.sleep(backoff * (attempt + 1))
        result = _fetch(url, timeout)
    return result


def links_check(
    urls: Iterable[str], *, workers: int = 8, timeout: float = 10.0, retries: int = 2, backoff: float = 1.0
) -> list[LinkResult]:
    """Check many addresses with at most `workers` requests in flight; save each result and its date."""
    urls = list(urls)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = list(
            pool.map(lambda u: link_check(u, timeout=timeout, retries=retries, backoff=backoff), urls)
        )
    now = timezone.now()
    for r in results:  # written from this thread: database connections are per thread
        LinkCheck.objects.update_or_create(
            url=r.url,
            defaults={"checked_at": now, "status": r.status, "final_url": r.final_url, "error": r.error},
        )
    if urls:  # addresses no record cites any more leave the dashboard
        LinkCheck.objects.exclude(url__in=urls).delete()
    return results
