"""Link checking against a local test server that answers 200, 301, 404, 500, flaky 500s and a hang."""

from __future__ import annotations

import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command

from kb.linkcheck import link_check, link_urls, links_check
from kb.models import LinkCheck

HANG_SECONDS = 3


class Handler(BaseHTTPRequestHandler):
    flaky_calls = 0

    def do_GET(self):
        if self.path == "/ok":
            self._answer(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/missing":
            self._answer(404)
        elif self.path == "/error":
            self._answer(500)
        elif self.path == "/flaky":
            Handler.flaky_calls += 1
            self._answer(500 if Handler.flaky_calls == 1 else 200)
        elif self.path == "/hang":
            time.sleep(HANG_SECONDS)
            self._answer(200)

    def _answer(self, status: int) -> None:
        body = b"hello"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    # RECOURSE_TEST_PORT pins the port when several people share a machine; otherwise any free one.
    port = int(os.environ.get("RECOURSE_TEST_PORT", "0"))
    httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.flaky_calls = 0
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_each_kind_of_answer_is_recorded(db, server):
    urls = [f"{server}/{p}" for p in ("ok", "moved", "missing", "error", "hang")]
    started = time.monotonic()
    results = {r.url.rsplit("/", 1)[1]: r for r in links_check(urls, timeout=0.5, retries=1, backoff=0.05)}
    assert time.monotonic() - started < HANG_SECONDS  # the hang timed out; nothing waited on it
    assert results["ok"].status == 200 and not results["ok"].final_url
    assert results["moved"].status == 200 and results["moved"].final_url == f"{server}/ok"
    assert results["missing"].status == 404 and results["error"].status == 500
    assert results["hang"].status is None and results["hang"].error == "timed out"
    saved = {c.url.rsplit("/", 1)[1]: c for c in LinkCheck.objects.all()}
    assert {k for k, c in saved.items() if c.broken} == {"missing", "error", "hang"}
    assert {k for k, c in saved.items() if c.redirected} == {"moved"}
    assert all(c.checked_at for c in saved.values())


def test_a_server_error_is_retried_before_it_counts(server):
    assert link_check(f"{server}/flaky", timeout=1, retries=2, backoff=0.01).status == 200
    assert Handler.flaky_calls == 2


def test_a_404_is_not_retried(server):
    assert link_check(f"{server}/missing", retries=3, backoff=5).status == 404


def test_the_command_checks_every_law_channel_and_source_url(texas_world, server, monkeypatch):
    from kb.models import Channel, Law, Source

    Law.objects.filter(id="us-tx-penal-21-165").update(url=f"{server}/missing")
    Channel.objects.filter(id="stopncii").update(url=f"{server}/moved")
    Source.objects.update(url=f"{server}/ok")
    Law.objects.exclude(id="us-tx-penal-21-165").update(url=f"{server}/ok")
    Channel.objects.exclude(id="stopncii").update(url=f"{server}/ok")
    assert set(link_urls()) == {f"{server}/missing", f"{server}/moved", f"{server}/ok"}
    out = StringIO()
    call_command("check_links", "--timeout", "1", "--retries", "0", stdout=out)
    assert "3 links checked: 1 broken, 1 redirected." in out.getvalue()


def test_the_dashboard_lists_broken_and_redirected_links(db, server):
    links_check([f"{server}/ok", f"{server}/missing", f"{server}/moved"], timeout=1, retries=0)
    from kb.queues import queue_links

    assert sorted(c.url for c in queue_links()) == [f"{server}/missing", f"{server}/moved"]
