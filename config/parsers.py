"""The API's JSON parser: bounded in size and depth, and strict about text.

DRF's own parser hands the body to `json.load` as it is: ~950 nested brackets (2 KB) exhaust
Python's recursion limit and give a 500; a lone surrogate ("\\ud800") in a key survives parsing and
breaks when the error that names the key is encoded. Here the body is capped like a form
(DATA_UPLOAD_MAX_MEMORY_SIZE), its nesting is counted before it is parsed, and every key and
string must be valid Unicode without NUL bytes; anything else is a 400 with the usual error body.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 16
_BAD_TEXT = re.compile(r"[\x00\ud800-\udfff]")


def _depth_exceeds(text: str, limit: int) -> bool:
    """True when brackets nest deeper than limit (brackets inside strings do not count)."""
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def _check_text(value: Any) -> None:
    if isinstance(value, str):
        if _BAD_TEXT.search(value):
            raise ParseError("Text must be valid Unicode without NUL bytes.")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check_text(item)
    elif isinstance(value, list):
        for item in value:
            _check_text(item)


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise ParseError(f"The body is larger than {limit} bytes.")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ParseError("The body is not UTF-8.") from None
        if _depth_exceeds(text, MAX_DEPTH):
            raise ParseError(f"JSON nested deeper than {MAX_DEPTH} levels.")
        try:
            data = json.loads(text, parse_constant=self._refuse_constant)
        except ValueError:
            raise ParseError("The body is not valid JSON.") from None
        _check_text(data)
        return data

    @staticmethod
    def _refuse_constant(name: str):
        raise ValueError(f"{name} is not JSON")
