"""Liveness and readiness, for the process supervisor and the load balancer.

`/healthz/live` answers 200 while the process can serve a request at all. `/healthz/ready`
answers 200 only when a question would be answered now: the model and the search index are
loaded, and the database and the cache answer. A load balancer sends traffic only to ready
instances, so a starting or broken instance never gets victims' questions.

The warm-up (config/wsgi.py in the background, config/serve.py before the server binds) calls
`ready_mark()` when the index is loaded.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)
_search_ready = threading.Event()


def ready_mark() -> None:
    _search_ready.set()


def ready_clear() -> None:
    """Forget readiness (tests)."""
    _search_ready.clear()


def ready_problems() -> list[str]:
    """What keeps this instance from answering now (empty when ready)."""
    problems = []
    if settings.RECOURSE_WARM_ON_START and not _search_ready.is_set():
        problems.append("search index not loaded yet")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        log.warning("readiness: the database did not answer")
        problems.append("database unavailable")
    try:
        cache.get("recourse:healthz")
    except Exception:
        log.warning("readiness: the cache did not answer")
        problems.append("cache unavailable")
    return problems


@csrf_exempt
@never_cache
@require_safe
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "live"})


@csrf_exempt
@never_cache
@require_safe
def ready(request: HttpRequest) -> JsonResponse:
    problems = ready_problems()
    if problems:
        response = JsonResponse({"status": "starting", "problems": problems}, status=503)
        response["Retry-After"] = "2"
        return response
    return JsonResponse({"status": "ready"})
