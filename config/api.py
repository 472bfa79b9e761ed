"""API error shape: `{"detail": "<readable>", "code": "<stable code>"}`, plus `errors` for bad input.

The same shape as config/errors.py gives for errors raised outside the API's views (404 for an
unknown route, 429, 500, 503), so a client reads every error the same way.
"""

from rest_framework.views import exception_handler as drf_exception_handler

DEFAULT_CODES = {400: "invalid", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable"}


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(data, dict) and set(data) == {"detail"}:
        detail = data["detail"]
        code = getattr(detail, "code", None) or DEFAULT_CODES.get(response.status_code, "error")
        response.data = {"detail": str(detail), "code": str(code)}
    else:
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        response.data = {"detail": "The request is not valid.", "code": "invalid", "errors": errors}
    return response
