"""Response headers that keep pages private: no third-party loads, no referrer, no caching."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import get_language_from_path, parse_accept_lang_header

# Everything a page uses is served by this site. The API docs page needs inline script (Swagger UI).
_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
_CSP_DOCS = _CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)


def privacy_headers(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        staff = request.path.startswith("/" + settings.RECOURSE_ADMIN_PATH)
        docs = staff or request.path.startswith("/api/docs")
        response.setdefault("Content-Security-Policy", _CSP_DOCS if docs else _CSP)
        # Public pages send no referrer. The admin sends it to itself only: with no-referrer Chrome
        # posts forms with `Origin: null`, which Django's CSRF check rightly refuses.
        response.setdefault("Referrer-Policy", "same-origin" if staff else "no-referrer")
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        # No page is kept in the browser's cache: after a quick exit, Back must fetch it again (and the
        # exit guard then leaves at once), and a shared device keeps no copy of what was shown.
        if request.path.startswith(("/help", "/api/v1/ask", "/ask")) or response.get(
            "Content-Type", ""
        ).startswith("text/html"):
            response["Cache-Control"] = "no-store"
        return response

    return middleware


# Paths that are not public pages (or have no translation): never redirected to a language.
_NOT_PAGES = ("/admin", "/api", "/static", "/compare.", "/changes/feed", "/data/download")


def _browser_language(request: HttpRequest) -> str:
    """The first language in Accept-Language that the site has, or "" (English needs no redirect)."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            break
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return ""


def language_from_browser(get_response: Callable[[HttpRequest], HttpResponse]):
    """Someone arriving from outside (a typed address, a bookmark, a search result) in Spanish, French
    or Portuguese is sent to /es/…, /fr/… or /pt/…. Links inside the site are left alone, so choosing
    English in the language switcher sticks, without a cookie: browsers say where a navigation comes
    from in Sec-Fetch-Site ("none" or "cross-site" from outside, "same-origin" inside)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        arriving = request.headers.get("Sec-Fetch-Site") in ("none", "cross-site")
        if (
            request.method == "GET"
            and arriving
            and not request.path.startswith((*_NOT_PAGES, "/" + settings.RECOURSE_ADMIN_PATH))
            and not get_language_from_path(request.path_info)
        ):
            language = _browser_language(request)
            if language and language != settings.LANGUAGE_CODE:
                query = request.META.get("QUERY_STRING", "")
                response = HttpResponseRedirect(f"/{language}{request.path}" + (f"?{query}" if query else ""))
                patch_vary_headers(response, ("Accept-Language", "Sec-Fetch-Site"))
                return response
        response = get_response(request)
        patch_vary_headers(response, ("Sec-Fetch-Site",))
        return response

    return middleware
