"""Error pages that help: static, with the quick exit and crisis guidance, and 503 when the database is down."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import RequestFactory

from config.errors import error_response

BASE_DIR = Path(__file__).resolve().parents[2]
WAY_OUT = ['id="quick-exit"', "emergency number", "takeitdown.ncmec.org", "stopncii.org"]


@pytest.mark.parametrize("status", [400, 404, 429, 500, 503])
def test_every_error_page_renders_without_the_database_and_shows_a_way_out(status):
    # No `db` fixture: pytest-django fails any query, so these pages provably read no database.
    response = error_response(RequestFactory().get("/help/"), status, "x", "x")
    html = response.content.decode()
    assert response.status_code == status
    assert all(marker in html for marker in WAY_OUT)
    assert "{%" not in html and "Set-Cookie" not in str(response.headers)


@pytest.mark.parametrize("status", [404, 429, 503])
def test_under_the_api_an_error_is_a_stable_json_body(status):
    response = error_response(RequestFactory().get("/api/v1/laws"), status, "some_code", "Readable.")
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"detail": "Readable.", "code": "some_code"}


def test_busy_and_unavailable_answers_say_when_to_retry():
    request = RequestFactory().get("/")
    assert error_response(request, 429, "rate_limited", "Slow down.")["Retry-After"] == "60"
    assert error_response(request, 429, "rate_limited", "Slow down.", retry_after=5)["Retry-After"] == "5"
    assert error_response(request, 503, "unavailable", "Later.")["Retry-After"] == "30"


def test_an_unknown_page_is_the_helpful_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert all(marker in response.content.decode() for marker in WAY_OUT)
    assert not response.cookies


def test_an_unknown_api_route_is_json(client, db):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_an_unknown_record_in_the_api_has_the_same_shape(client, db):
    response = client.get("/api/v1/laws/no-such-law")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


# A real server pointed at a database that is not there.


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SERVE = (
    "import sys; from wsgiref.simple_server import make_server, WSGIRequestHandler\n"
    "from config.wsgi import application\n"
    "WSGIRequestHandler.log_message = lambda *a: None\n"
    "make_server('127.0.0.1', int(sys.argv[1]), application).serve_forever()\n"
)


@pytest.fixture(params=["postgres://postgres@127.0.0.1:1/x", "sqlite:////nonexistent-dir/x.sqlite3"])
def dead_database_server(request, tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": request.param,
        "RECOURSE_WARM_ON_START": "0",
        "RECOURSE_DATA_DIR": str(tmp_path),
        "DEBUG": "0",
    }
    env.pop("RECOURSE_CACHE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(port)],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield url
    server.terminate()
    server.wait(timeout=10)


def _fetch(url: str, data: bytes | None = None) -> tuple[int, dict, str]:
    headers = {"Content-Type": "application/json"} if data else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers), timeout=20) as r:
            return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.mark.parametrize("path", ["/", "/help/", "/places/US-TX/", "/laws/some-law/"])
def test_with_the_database_down_a_page_is_the_503_page_with_a_way_out(dead_database_server, path):
    status, headers, html = _fetch(dead_database_server + path)
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert all(marker in html for marker in WAY_OUT)
    assert "Set-Cookie" not in headers


def test_with_the_database_down_the_api_answers_json_503(dead_database_server):
    for path, data in [("/api/v1/laws", None), ("/api/v1/ask", b'{"question": "help me"}')]:
        status, _, body = _fetch(dead_database_server + path, data)
        assert status == 503
        assert json.loads(body)["code"] == "unavailable"
