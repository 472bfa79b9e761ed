"""No traces: what a visitor types reaches no log, database, cache, mailbox or access log; no cookies.

A canary (a unique string nobody else would write) goes into every input: the ask API, the
question page, every screen of the guided help, query parameters of the pages and the API, and the
Referer and User-Agent headers. Then every sink is searched for it: log records of every logger
at every level (django.request and django.server included), access-log lines in the production
format (config/logformat.py), a dump of the whole database, every cache entry and the outbox.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command

from config import logformat

CANARY = "zqxcanary"


class _Keep(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def every_log_record():
    """Every record of every logger at every level, as the configured handlers would write it."""
    keep = _Keep()
    for configured in logging.getLogger().handlers:
        for log_filter in configured.filters:  # the privacy filter of config/logging.py
            keep.addFilter(log_filter)
    assert keep.filters, "no privacy filter is configured on the log handlers"
    loggers = [logging.getLogger(), *(logging.getLogger(n) for n in list(logging.root.manager.loggerDict))]
    levels = [(lg, lg.level) for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
        lg.addHandler(keep)
    yield keep.records
    for lg, level in levels:
        lg.setLevel(level)
        lg.removeHandler(keep)


def _record_text(record: logging.LogRecord) -> str:
    parts = [record.getMessage(), repr(record.args), str(record.exc_info or ""), record.exc_text or ""]
    parts += [repr(v) for k, v in vars(record).items() if k not in ("msg", "args")]
    if record.exc_info:
        parts.append(logging.Formatter().formatException(record.exc_info))
    return "\n".join(parts)


def _access_line(response) -> str:
    """The line gunicorn would write for this response with the documented format."""
    glogging = pytest.importorskip("gunicorn.glogging")
    from gunicorn.config import Config

    environ = dict(response.wsgi_request.environ)
    environ.setdefault(
        "RAW_URI",
        environ["PATH_INFO"] + ("?" + environ["QUERY_STRING"] if environ.get("QUERY_STRING") else ""),
    )

    class Sent:
        status = str(response.status_code)
        sent = len(response.content)
        headers = list(response.items())

    request_headers = [(k[5:].replace("_", "-"), v) for k, v in environ.items() if k.startswith("HTTP_")]
    atoms = glogging.Logger(Config()).atoms(Sent(), request_headers, environ, dt.timedelta(milliseconds=12))
    return logformat.GUNICORN % atoms


def _cache_text() -> str:
    """Every key and value in the cache, whichever backend the run uses."""
    backend = cache._cache if hasattr(cache, "_cache") else None
    if isinstance(backend, dict):  # local memory
        return "\n".join(f"{k!r} {v!r}" for k, v in backend.items())
    client = cache.client.get_client()  # django-redis
    return "\n".join(f"{k!r} {client.get(k)!r}" for k in client.keys("*"))


def _walk(client, canary: str) -> list:
    """Put a canary into every input path; return the responses."""
    headers = {"HTTP_REFERER": f"https://example.org/?{canary}=1", "HTTP_USER_AGENT": f"Mozilla {canary}"}
    out = []

    def get(path, **data):
        out.append(client.get(path, data, **headers))
        return out[-1]

    def post(path, data, **kwargs):
        out.append(client.post(path, data, **headers, **kwargs))
        return out[-1]

    def state(response) -> str:
        match = re.search(r'name="state" value="([^"]+)"', response.content.decode())
        return match.group(1) if match else ""

    # The ask API: a question, and every field of a refused request.
    api = "/api/v1/ask"
    post(api, {"question": f"someone made a deepfake of me {canary}", "jurisdiction": "US-TX"},
         content_type="application/json")  # fmt: skip
    post(api, {"question": f"I'm 15, {canary} shared a nude of me in Texas"}, content_type="application/json")
    post(api, {"question": f"{canary} " * 400}, content_type="application/json")
    post(api, {"question": "help", "jurisdiction": canary}, content_type="application/json")
    post(api, {"question": "help", canary: canary}, content_type="application/json")
    post(api, f'{{"question": "{canary}"', content_type="application/json")
    post(api, f"question={canary}", content_type="text/plain")
    # The question page: with and without a place, too long, and posted from another site.
    post("/ask/", {"question": f"my ex posted a fake nude of me {canary} in Texas"})
    post("/ask/", {"question": f"what can I do {canary}", "jurisdiction": canary})
    post("/ask/", {"question": canary * 300})
    post("/ask/", {"question": canary, "state": canary})
    post("/ask/", {"question": canary}, HTTP_SEC_FETCH_SITE="cross-site")
    # The guided help: every screen, with the canary wherever text can go.
    page = get("/help/", j=canary)
    page = post("/help/step/", {"state": state(page), "danger": "no"})
    post("/help/step/", {"state": state(page), "place_text": f"Atlantis {canary}"})
    page = post("/help/step/", {"state": state(page), "place_text": f"Texas {canary}"})
    page = post("/help/step/", {"state": state(page), "place_text": "Texas"})
    page = post("/help/step/", {"state": state(page), "place": "US-TX"})
    post("/help/step/", {"state": state(page), "happened": [canary]})
    page = post("/help/step/", {"state": state(page), "happened": ["created", "shared"]})
    page = post("/help/step/", {"state": state(page), "minor": "no"})
    page = post("/help/step/", {"state": state(page), "platforms": ["instagram"], "other": canary})
    plan = post("/help/step/", {"state": state(page), "wants": ["removal"]})
    post("/help/step/", {"state": state(plan), "action": canary, "goto": canary})
    post("/help/plan/print/", {"state": state(plan), "note": canary})
    post("/ask/", {"question": f"can I go to the police {canary}", "state": state(plan)})
    post("/help/step/", {"state": canary, "danger": canary})
    # Query parameters of pages and of the read API.
    for path, param in [
        ("/", "q"), ("/places/", "q"), ("/compare/", "j"), ("/compare.json", "j"), ("/compare.csv", "j"),
        ("/api/v1/laws", "jurisdiction"), ("/api/v1/laws", "applies_in"), ("/api/v1/laws", "limit"),
        ("/api/v1/channels", "kind"), ("/api/v1/guides", "updated_since"), ("/api/v1/jurisdictions", "parent"),
        ("/api/v1/compare", "j"), ("/api/v1/compare", "sort"), ("/no-such-page/", "q"),
    ]:  # fmt: skip
        get(path, **{param: canary.upper() if "jurisdiction" in param else canary})
        get(path, **{canary: "1"})
    return out


def test_a_canary_in_every_input_reaches_no_sink(client, texas_world, every_log_record, settings):
    client.raise_request_exception = False
    cache.clear()
    mail.outbox.clear()
    responses = _walk(client, CANARY)
    assert len(responses) > 50 and all(r.status_code < 500 for r in responses)

    sinks = {
        "log records": "\n".join(_record_text(r) for r in every_log_record),
        "database dump": _dump(),
        "cache": _cache_text(),
        "outbox": "\n".join(f"{m.subject}\n{m.body}\n{m.to}" for m in mail.outbox),
    }
    for name, text in sinks.items():
        assert CANARY not in text.lower(), f"the canary reached the {name}"
    assert every_log_record, "the walk logged nothing: the capture is not working"


def test_the_production_access_log_carries_no_query_referer_or_user_agent(client, texas_world):
    client.raise_request_exception = False
    lines = [_access_line(r) for r in _walk(client, CANARY)]
    assert all(CANARY not in line.lower() for line in lines)
    assert any('"POST /api/v1/ask"' in line for line in lines)


def test_the_access_log_formats_name_no_forbidden_field():
    assert not any(atom in logformat.GUNICORN for atom in logformat.FORBIDDEN_GUNICORN_ATOMS)
    assert not any(variable in logformat.NGINX for variable in logformat.FORBIDDEN_NGINX_VARIABLES)
    assert "$uri" in logformat.NGINX and "%(U)s" in logformat.GUNICORN


def _dump() -> str:
    out = StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


# Cookies: none from any public URL; the admin alone has a session and a CSRF token.

PUBLIC = [
    "/", "/help/", "/ask/", "/places/", "/places/US-TX/", "/compare/", "/compare.json", "/map/", "/data/",
    "/changes/", "/api/docs/", "/api/redoc/", "/api/schema/", "/api/v1/laws", "/api/v1/compare?j=US-TX",
    "/no-such-page/",
]  # fmt: skip


@pytest.mark.parametrize("path", PUBLIC)
@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_no_public_url_sets_a_cookie(client, texas_world, path, accept):
    response = client.get(path, HTTP_ACCEPT=accept)
    assert response.status_code < 500
    assert not response.cookies and "Set-Cookie" not in response.headers


def test_the_admin_still_gets_its_csrf_cookie(client, db):
    assert "csrftoken" in client.get("/admin/login/").cookies


def test_the_question_page_answers_a_post_from_itself(client, texas_world):
    for headers in ({"HTTP_SEC_FETCH_SITE": "same-origin"}, {"HTTP_ORIGIN": "http://testserver"}, {}):
        response = client.post("/ask/", {"question": "deepfake of me in Texas"}, **headers)
        assert response.status_code == 200
        assert "You asked" in response.content.decode()


def test_a_cross_site_post_is_refused_without_echoing_it(client, texas_world):
    response = client.post("/ask/", {"question": "spoofed words"}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert "spoofed words" not in response.content.decode()
