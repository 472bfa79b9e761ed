"""Error responses that help: one stable shape for the API, static pages with a way out for people.

Every error Recourse returns outside a view's own answer comes from `error_response`:

- under /api/ it is JSON, `{"detail": "<readable message>", "code": "<stable code>"}` (validation
  errors add `"errors": {field: [messages]}`; see config/api.py), so clients can rely on `code`;
- elsewhere it is one of the static pages templates/400.html, 403.html, 404.html, 429.html,
  500.html, 503.html (other 4xx use 400's, other 5xx 500's), with `code` on the page. They
  extend no site layout, read no database and run no context processor, so they render while the
  database is down; each carries the quick-exit button and the crisis guidance that holds anywhere.

A database that does not answer gives 503 (with Retry-After), not 500: `server_error` looks at the
exception being handled. Rate limiting (the `serve` branch) calls `error_response(request, 429,
"rate_limited", ...)`.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

PAGES = {400: "400.html", 403: "403.html", 404: "404.html", 429: "429.html", 500: "500.html", 503: "503.html"}
RETRY_AFTER_SECONDS = {429: 60, 503: 30}
# Exceptions that mean "the database is not there right now" rather than "this code is wrong".
DATABASE_DOWN = (OperationalError, InterfaceError)


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") and not request.path.startswith("/api/docs")


def error_response(
    request: HttpRequest, status: int, code: str, message: str, *, retry_after: int | None = None
) -> HttpResponse:
    """The error as JSON under /api/, otherwise the static page for `status` (400's or 500's for others).

    The page carries `code` as `data-error-code` on its <main>, so the body is stable for tools too.
    """
    if wants_json(request):
        response: HttpResponse = JsonResponse({"detail": message, "code": code}, status=status)
    else:
        page = PAGES.get(status, "400.html" if status < 500 else "500.html")
        context = {"quick_exit_url": settings.RECOURSE_QUICK_EXIT_URL, "status": status, "code": code}
        body = loader.get_template(page).render(context)
        response = HttpResponse(body, status=status, content_type="text/html; charset=utf-8")
    retry_after = retry_after or RETRY_AFTER_SECONDS.get(status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 400, "bad_request", "The request is not valid.")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 404, "not_found", "Not found.")


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 when the exception being handled says the database is unreachable."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return error_response(request, 503, "unavailable", "The service is unavailable; try again shortly.")
    return error_response(request, 500, "server_error", "Something went wrong on our side.")
