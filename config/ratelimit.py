"""Per-client rate limits on the pages that run the model: the ask API, /ask/ and the guided help.

A client is known only by a key that cannot be turned back into an address: an HMAC of its IP
address with SECRET_KEY and the current hour, so the key changes every hour and nothing stored
(in Redis or in memory) links a person's requests across hours or names their address.

Counts live in the Django cache: local memory by default (one process), Redis in production so
every worker and every instance shares them. Each limit is a fixed window of one minute; a
client over it gets 429 with Retry-After (the seconds left in the window). When the cache is
down the limiter lets requests through: refusing everyone would be worse than no limit.

Behind a reverse proxy every request comes from the proxy's address; RECOURSE_CLIENT_IP_HEADER
names the header the proxy sets to the real client address (deploy/nginx.conf sets X-Real-IP and
overwrites whatever the client sent).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from config.errors import error_response

log = logging.getLogger(__name__)
WINDOW_SECONDS = 60


@dataclass(frozen=True)
class Limit:
    scope: str
    per_minute: int


def _without_language(path: str) -> str:
    """/es/help/ → /help/: the pages in other languages share the English pages' limits."""
    head, _, rest = path[1:].partition("/")
    return "/" + rest if head in dict(settings.LANGUAGES) and rest else path


def limit_for(request: HttpRequest) -> Limit | None:
    """The limit that applies to this request, or None. Only the model-backed pages are limited."""
    path = _without_language(request.path)
    if path == "/api/v1/ask":
        return Limit("ask", settings.RECOURSE_RATE_LIMIT_ASK)
    if path.startswith("/ask/") and request.method == "POST":
        return Limit("ask", settings.RECOURSE_RATE_LIMIT_ASK)
    if path.startswith("/help/"):
        return Limit("help", settings.RECOURSE_RATE_LIMIT_HELP)
    return None


def client_address(request: HttpRequest) -> str:
    """The client's address: from the proxy's header when one is configured, else the connection's.
    For keying limits only; never stored or logged."""
    header = settings.RECOURSE_CLIENT_IP_HEADER
    address = (request.META.get(header, "") if header else "") or request.META.get("REMOTE_ADDR", "")
    return address.split(",")[0].strip()


def client_key(request: HttpRequest, *, now: float | None = None) -> str:
    """A key for the client that rotates every hour and does not reveal its address."""
    address = client_address(request)
    hour = int((time.time() if now is None else now) // 3600)
    message = f"{hour}|{address}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


def rate_limit_hit(limit: Limit, key: str, *, now: float | None = None) -> int:
    """Count one request; return 0 when allowed, else the seconds until the window ends."""
    now = time.time() if now is None else now
    window = int(now // WINDOW_SECONDS)
    name = f"rl:{limit.scope}:{window}:{key}"
    try:
        # add() creates the counter only if absent; incr() is atomic in Redis and under locmem's lock.
        cache.add(name, 0, timeout=WINDOW_SECONDS + 5)
        count = cache.incr(name)
    except Exception:  # the cache is down or the key expired between add and incr
        log.warning("rate limit not applied: the cache did not answer")
        return 0
    if count <= limit.per_minute:
        return 0
    return max(1, int((window + 1) * WINDOW_SECONDS - now + 0.999))


def busy_response(
    request: HttpRequest, status: int, code: str, message: str, retry_after: int
) -> HttpResponse:
    """429/503 with Retry-After: the shared error body (JSON for the API, the static page with the
    quick exit and crisis lines for people), not logged one line per refusal."""
    response = error_response(request, status, code, message, retry_after=retry_after)
    # Expected under load: keep Django from logging each refusal (a log line per shed request).
    response._has_been_logged = True
    return response


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    message = f"Too many requests from this connection. Please wait {retry_after} seconds and try again."
    return busy_response(request, 429, "rate_limited", message, retry_after)


def rate_limits(get_response: Callable[[HttpRequest], HttpResponse]):
    """Middleware: refuse a client over its limit before any view (or the model) runs."""

    def middleware(request: HttpRequest) -> HttpResponse:
        limit = limit_for(request)
        if limit is not None and limit.per_minute > 0:
            retry_after = rate_limit_hit(limit, client_key(request))
            if retry_after:
                return too_many_requests(request, retry_after)
        return get_response(request)

    return middleware
