"""Shed load instead of queueing without bound.

Past capacity, requests wait in the server's queue and every answer gets slower until clients
time out. The reverse proxy stamps each request with the time it arrived (deploy/nginx.conf sets
`X-Request-Start: t=<seconds>`); a request that has already waited longer than
RECOURSE_SHED_AFTER_MS is answered at once with 503 and Retry-After, which costs a fraction of a
millisecond, so the queue drains and the requests still in it are served in time. Without the
header (runserver, tests) nothing is shed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from config.ratelimit import busy_response

RETRY_AFTER_SECONDS = 2


def queued_ms(request: HttpRequest, *, now: float | None = None) -> float | None:
    """How long the request waited between the proxy and this worker, or None when unknown."""
    raw = request.META.get("HTTP_X_REQUEST_START", "")
    try:
        started = float(raw.removeprefix("t="))
    except ValueError:
        return None
    return max(0.0, ((time.time() if now is None else now) - started) * 1000)


def service_unavailable(request: HttpRequest) -> HttpResponse:
    message = "Recourse is very busy. Please try again in a few seconds."
    return busy_response(request, 503, "overloaded", message, RETRY_AFTER_SECONDS)


def shed_overload(get_response: Callable[[HttpRequest], HttpResponse]):
    """Middleware: answer 503 to requests that waited too long in the queue (health checks excepted)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        limit = settings.RECOURSE_SHED_AFTER_MS
        if limit > 0 and not request.path.startswith("/healthz/"):
            waited = queued_ms(request)
            if waited is not None and waited > limit:
                return service_unavailable(request)
        return get_response(request)

    return middleware
