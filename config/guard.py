"""Hostile input stops at the door, public pages set no cookies, and forms are only posted from here.

- `input_guard` refuses (400, the stable error body of config/errors.py) a request whose path,
  query string or form fields carry a NUL byte, another control character, or a lone surrogate,
  or (414) whose path or query string is absurdly long. PostgreSQL cannot store or compare a NUL; a lone
  surrogate cannot be encoded back into a response. Refusing them here means no view has to.
  A bare 405 from Django's decorators gets the same stable body.
- `no_cookies_outside_admin` removes any cookie set outside /admin/: the API docs and DRF's
  browsable pages would otherwise hand every visitor a year-long `csrftoken`.
- `same_site_posts` refuses a POST from another site to the public forms (/ask/, /help/...).
  Browsers say where a request comes from (Sec-Fetch-Site, Origin), so no cookie or token is
  needed: another site cannot make a visitor's browser ask a question or put words under "You
  asked". The API (/api/) is meant for other sites' servers and sends nothing back to a browser
  across origins, and the admin has Django's CSRF protection.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse

from config.errors import error_response

MAX_PATH_CHARS = 512
MAX_QUERY_CHARS = 4096
# C0 controls except tab, newline and carriage return (which forms legitimately send), DEL,
# and UTF-16 surrogates (a lone one cannot be encoded in UTF-8).
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_FORBIDDEN_IN_PATH = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
SAME_SITE = {"same-origin", "none"}  # "none": typed or bookmarked, not sent by another page


def _hostile(request: HttpRequest) -> tuple[int, str, str] | None:
    """Why the request is refused (status, code, message), or None."""
    if len(request.path) > MAX_PATH_CHARS or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_CHARS:
        return 414, "uri_too_long", "The address is too long."
    if _FORBIDDEN_IN_PATH.search(request.path):
        return 400, "bad_request", "The address is not valid."
    fields = [request.GET]
    # The API reads JSON only, through its own strict parser (config/parsers.py); parsing a form
    # here would hide from it that the body was a form.
    if (
        request.method == "POST"
        and not request.path.startswith("/api/")
        and request.content_type
        in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        )
    ):
        fields.append(request.POST)  # may raise RequestDataTooBig / TooManyFieldsSent: a 400 too
    for data in fields:
        for key, values in data.lists():
            if _FORBIDDEN.search(key) or any(_FORBIDDEN.search(v) for v in values):
                return 400, "bad_request", "The request contains characters that are not allowed."
    return None


def input_guard(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        problem = _hostile(request)
        if problem:
            return error_response(request, *problem)
        response = get_response(request)
        if response.status_code == 405 and not response.content:
            allow = response.get("Allow", "")
            response = error_response(request, 405, "method_not_allowed", "This method is not allowed here.")
            response["Allow"] = allow
        return response

    return middleware


def no_cookies_outside_admin(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.cookies and not request.path.startswith("/admin/"):
            response.cookies.clear()
        return response

    return middleware


def _cross_site(request: HttpRequest) -> bool:
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None:
        return fetch_site not in SAME_SITE
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        return False  # an old browser or a script: nothing says where it came from
    return origin == "null" or urlsplit(origin).netloc != request.get_host()


def same_site_posts(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        guarded = not request.path.startswith(("/api/", "/admin/"))
        if request.method not in ("GET", "HEAD", "OPTIONS") and guarded and _cross_site(request):
            return error_response(request, 403, "cross_site", "This form can only be sent from this site.")
        return get_response(request)

    return middleware
