"""Every case in tests/hostile/cases.yaml gets a clear 4xx and the stable error body, never a 500.

The file lists groups (targets and values, bodies, requests or header sets); `corpus` expands them into
cases. Run on SQLite and, by `make test`, again on PostgreSQL, where NUL bytes used to crash.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml

CASES_FILE = Path(__file__).with_name("cases.yaml")


@dataclass(frozen=True)
class Case:
    id: str
    method: str
    path: str
    status: int
    code: str
    body: bytes = b""
    content_type: str = ""
    headers: dict = field(default_factory=dict)


def _value(spec) -> str:
    """A value from the file: text as is, or {repeat, times} / {repeat_around, times, fill, fill_times}."""
    if isinstance(spec, str):
        return spec
    if "repeat" in spec:
        return spec["repeat"] * spec["times"]
    before, after = spec["repeat_around"]
    return before * spec["times"] + spec.get("fill", "") * spec.get("fill_times", 0) + after * spec["times"]


def _json_value(spec):
    if isinstance(spec, dict) and ("repeat" in spec or "repeat_around" in spec):
        return _value(spec)
    if isinstance(spec, dict):
        return {k: _json_value(v) for k, v in spec.items()}
    return spec


def _body(spec: dict) -> bytes:
    if "json" in spec:
        return json.dumps(_json_value(spec["json"])).encode()
    if "raw_bytes_hex" in spec:
        return bytes.fromhex(spec["raw_bytes_hex"])
    return _value(spec.get("raw", "")).encode("utf-8", "surrogatepass")


def _group_cases(group: dict) -> list[dict]:
    """One group's cases as keyword arguments for Case (without the id)."""
    method, ctype = group.get("method", "GET"), group.get("content_type", "")
    base = {"status": group.get("status"), "code": group.get("code")}
    out = []
    for target in group["targets"]:
        for body in group.get("bodies", []):
            out.append({**base, "method": method, "path": target, "code": body["code"], "body": _body(body),
                        "content_type": ctype})  # fmt: skip
        for request in group.get("requests", []):
            out.append({"method": request["method"], "path": target, "status": request["status"],
                        "code": request["code"], "body": _body(request),
                        "content_type": request.get("content_type", "")})  # fmt: skip
        for headers in group.get("headers", []):
            form = urlencode(group.get("form", {})).encode()
            out.append({**base, "method": method, "path": target, "body": form, "content_type": ctype,
                        "headers": headers})  # fmt: skip
        for value in map(_value, group.get("values", [])):
            if method == "POST":
                out.append(
                    {**base, "method": method, "path": target, "body": value.encode(), "content_type": ctype}
                )
                continue
            for each in group.get("methods", [method]):
                out.append({**base, "method": each, "path": target.replace("{v}", value)})
    return out


def corpus() -> list[Case]:
    groups = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))["groups"]
    return [
        Case(id=f"g{n}-{i}", **fields)
        for n, group in enumerate(groups, 1)
        for i, fields in enumerate(_group_cases(group), 1)
    ]


CASES = corpus()


def test_the_corpus_has_at_least_300_cases_and_every_case_expects_a_4xx():
    assert len(CASES) >= 300
    assert all(400 <= case.status < 500 and case.code for case in CASES)


def _send(client, case: Case):
    headers = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in case.headers.items()}
    handler = getattr(client, case.method.lower())
    if case.method in ("GET", "DELETE") and not case.body:
        return handler(case.path, **headers)
    return handler(
        case.path, data=case.body, content_type=case.content_type or "application/octet-stream", **headers
    )


@pytest.fixture
def hostile_client(client, world):
    client.raise_request_exception = False  # a 500 must show up as a 500, not as an exception
    return client


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_hostile_input_gets_a_clear_4xx_with_the_stable_error_body(hostile_client, case):
    response = _send(hostile_client, case)
    assert response.status_code == case.status, response.content[:300]
    assert not response.cookies
    if case.path.startswith("/api/"):
        body = response.json()
        assert isinstance(body["detail"], str) and body["detail"]
        assert body["code"] == case.code
    else:
        html = response.content.decode()
        assert f'data-error-code="{case.code}"' in html
        assert 'id="quick-exit"' in html and "emergency number" in html


def test_nothing_hostile_is_echoed_back(hostile_client):
    """An error page never repeats markup that was sent (the API's JSON may name a field, as data)."""
    for case in CASES:
        if not case.path.startswith("/api/") and (b"<script>" in case.body or "%3Cscript%3E" in case.path):
            content = _send(hostile_client, case).content.decode()
            assert not re.search(r"<script>|&lt;script&gt;", content)
