"""Real-browser tests: Debian's headless Chromium driven by Playwright, against the real content.

The real knowledge base is loaded once into the test database and served by one live server
(pytest-django's LiveServer, the one behind its `live_server` fixture) for the whole package:
`live_server` itself flushes the database after every test, and reloading the content each
time would take most of a minute. Tests are marked `django_db`, so each runs in a transaction
on the connection the server shares, and leaves the content as it found it. The database is
flushed when the package is done, so other tests start from an empty one. Nothing here goes to the
network: the quick-exit target is a local URL answered by Playwright itself.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls next to one.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("RECOURSE_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
EXIT_PATH = "/quick-exit-target/"
# Folders the browser tests need, in load order, if a half-written file elsewhere stops a full load.
NEEDED = ["jurisdictions", "global", "us", "eu", "fr", "au"]


def _load_real_content() -> None:
    try:
        call_command("load_content", verbosity=0)
    except CommandError:
        for folder in NEEDED:
            call_command("load_content", folder, verbosity=0)


_servers: list = []


@pytest.fixture(scope="package")
def site(django_db_setup, django_db_blocker):
    """The URL of a live server holding the real knowledge base."""
    from pytest_django.live_server_helper import LiveServer

    from kb.jurisdictions import jurisdiction_graph_clear

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser-deps`")
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run `npm install`")
    with django_db_blocker.unblock():
        _load_real_content()
        jurisdiction_graph_clear()
        server = LiveServer("127.0.0.1:0")
        server._live_server_modified_settings.enable()
        _servers.append(server)
        try:
            yield server.url
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            jurisdiction_graph_clear()


@pytest.fixture
def server_db(site, browser):
    """Point the test's ORM at the live server's own database connection, for tests that write.

    Under Playwright's event loop the test thread gets a context-local connection of its own, whose
    open test transaction would lock the tables the server reads. Writes through the server's
    connection are committed, so a test using this fixture must undo what it wrote.
    """
    from django.db import connections

    shared = _servers[-1].thread.connections_override["default"]
    previous = connections["default"]
    connections["default"] = shared
    try:
        yield shared
    finally:
        connections["default"] = previous


@pytest.fixture(autouse=True)
def _local_quick_exit(settings, site):
    settings.RECOURSE_QUICK_EXIT_URL = site + EXIT_PATH


@pytest.fixture(scope="package")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A fresh, private browser window on the site, recording every request it makes."""

    def __init__(self, browser, site: str, *, viewport=PHONE, **context_options):
        self.site = site
        self.context = browser.new_context(viewport=viewport, **context_options)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.route(
            site + EXIT_PATH,
            lambda route: route.fulfill(
                status=200, content_type="text/html", body="<!doctype html><title>Weather</title><p>Sunny</p>"
            ),
        )

    def open(self, path: str):
        self.page.goto(self.site + path)
        return self.page

    def hosts(self) -> set[str]:
        return {urlsplit(url).hostname for url in self.requests}

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, site):
    visits: list[Visit] = []

    def make(**options) -> Visit:
        v = Visit(browser, site, **options)
        visits.append(v)
        return v

    yield make
    for v in visits:
        assert v.hosts() <= {"127.0.0.1"}, f"requests left this machine: {sorted(v.hosts())}"
        assert not v.console_errors, v.console_errors  # a CSP violation shows up here
        v.close()
