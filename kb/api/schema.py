"""Make the OpenAPI schema tell the whole truth about errors (a drf-spectacular postprocessing hook).

drf-spectacular documents the answer a view means to give; the others come from around it: 400
for a parameter or body that is not valid, 404 for an unknown id, 304 for a current ETag, 414 for
an over-long query string, 415 for a body that is not JSON, 429 from the rate limiter, 503 when the database is down. Each is
added where it can happen, with the one error body every error shares (config/errors.py).
"""

from __future__ import annotations

ERROR = {
    "type": "object",
    "description": "Every error: a readable `detail`, a stable `code`, and for bad input `errors` per field.",
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string", "example": "invalid"},
        "errors": {"type": "object", "additionalProperties": True},
    },
    "required": ["detail", "code"],
}
_JSON_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}


def _responses_for(operation: dict) -> dict[str, str]:
    params = operation.get("parameters", [])
    responses = {
        "429": "Too many requests: wait for the number of seconds in Retry-After.",
        "503": "The service is unavailable (its database is down): try again after Retry-After.",
    }
    if params or "requestBody" in operation:
        responses["400"] = (
            "The request is not valid; `errors` names each parameter or field and what is wrong."
        )
    if any(p["in"] == "path" for p in params):
        responses["404"] = "No published record has this id."
    if "requestBody" in operation:
        responses["415"] = "The body is not JSON (send Content-Type: application/json)."
    return responses


def errors_document(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            answers = operation.setdefault("responses", {})
            for status, description in _responses_for(operation).items():
                answers.setdefault(status, {"description": description, "content": _JSON_ERROR})
            if any(p["in"] == "query" for p in operation.get("parameters", [])):
                # No body documented: the server or proxy in front may refuse the line itself, in its own format.
                answers.setdefault(
                    "414", {"description": "The address is too long (by this app or the server in front)."}
                )
            if any(p["name"] == "If-None-Match" for p in operation.get("parameters", [])):
                answers.setdefault(
                    "304", {"description": "Not modified: the ETag or date you sent is current."}
                )
    for name, schema in result["components"]["schemas"].items():
        if name.endswith("Request"):  # request bodies: an unknown field is refused, not ignored
            schema["additionalProperties"] = False
    return result
