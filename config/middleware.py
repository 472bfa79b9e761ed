"""Response headers that keep pages private: no third-party loads, no referrer, no caching."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

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
        if request.path.startswith(("/help", "/api/v1/ask", "/ask")):
            response["Cache-Control"] = "no-store"
        return response

    return middleware
