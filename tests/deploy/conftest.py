"""Production instances for the deployment tests: `make test-deploy` (RECOURSE_TEST_DEPLOY=1).

Each instance is deploy/serve.py (nginx + gunicorn; sockets and nginx files in data/run/PORT,
which nginx's workers can reach) with its own data folder, so its own search index, over one PostgreSQL database and one Redis database, as on separate machines. The
instances use the hashing embedder so that a rebuild takes a moment; the stress figures
(`make stress`) use the real model.

Environment: RECOURSE_TEST_DEPLOY_DB (default postgres://postgres@127.0.0.1:5432/recourse_deploy_test),
RECOURSE_TEST_DEPLOY_REDIS (default redis://127.0.0.1:6379/14), RECOURSE_TEST_DEPLOY_PORTS (default 8160,8162).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import http.cookiejar
import json
import os
import re
import secrets
import signal
import struct
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DB_URL = os.environ.get("RECOURSE_TEST_DEPLOY_DB", "postgres://postgres@127.0.0.1:5432/recourse_deploy_test")
REDIS_URL = os.environ.get("RECOURSE_TEST_DEPLOY_REDIS", "redis://127.0.0.1:6379/14")
PORTS = [int(p) for p in os.environ.get("RECOURSE_TEST_DEPLOY_PORTS", "8160,8162").split(",")]
PASSWORD = "deploy-test-password-1"
# Every instance gets the same key (it signs the chat's state): generated once per test run.
SECRET_KEY = secrets.token_urlsafe(50)
HELP_LIMIT = 8
REBUILD_LOCK = "recourse:1:recourse:index-rebuild"  # KEY_PREFIX:version:key, see kb/search/engine.py


LOG_LINES_ON_FAILURE = 40


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing test's report ends with the last lines each instance logged (CI keeps only the
    report: the instances' data folders are gone with its machine)."""
    outcome = yield
    report = outcome.get_result()
    cluster = getattr(item, "funcargs", {}).get("cluster")
    if report.when != "call" or not report.failed or not cluster:
        return
    for instance in cluster:
        try:
            lines = [
                line
                for line in instance.log_path.read_text(errors="replace").splitlines()
                if "connect() to unix:" not in line  # nginx while the instance was starting
            ][-LOG_LINES_ON_FAILURE:]
        except OSError as exc:
            lines = [f"(no log: {exc})"]
        report.sections.append((f"instance {instance.port} serve.log (last lines)", "\n".join(lines)))


def pytest_collection_modifyitems(config, items):
    if os.environ.get("RECOURSE_TEST_DEPLOY") != "1":
        skip = pytest.mark.skip(reason="deployment tests run with `make test-deploy`")
        here = Path(__file__).parent
        for item in items:
            if Path(str(item.fspath)).is_relative_to(here):
                item.add_marker(skip)


def instance_env(data_dir: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("RECOURSE_", "DATABASE_", "DJANGO_"))}
    return {
        **keep,
        "SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": DB_URL,
        "RECOURSE_CACHE_URL": REDIS_URL,
        "RECOURSE_DATA_DIR": str(data_dir),
        "RECOURSE_EMBEDDER": "hashing",
        **(
            {"RECOURSE_CONTENT_DIR": os.environ["RECOURSE_CONTENT_DIR"]}
            if "RECOURSE_CONTENT_DIR" in os.environ
            else {}
        ),
        "RECOURSE_SECURE_COOKIES": "0",  # the admin is used over plain HTTP on loopback here
        "RECOURSE_RATE_LIMIT_ASK": "0",
        "RECOURSE_RATE_LIMIT_HELP": str(HELP_LIMIT),
        # These tests check what each instance answers, not how it sheds load (`make stress` does): on a
        # slow CI machine twelve first requests for one page queue past the default second and get 503.
        "RECOURSE_SHED_AFTER_MS": "10000",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=300)


def database_reset(env: dict[str, str]) -> str:
    import psycopg
    from psycopg import sql

    base, _, name = DB_URL.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    manage("migrate", "--noinput", "-v", "0", env=env)
    manage("create_roles", "-v", "0", env=env)
    manage("load_content", "-v", "0", env=env)
    return reviewer_create(env)


def reviewer_create(env: dict[str, str]) -> str:
    """A reviewer account; returns its authenticator secret when the admin uses two-factor sign-in."""
    if (ROOT / "kb" / "management" / "commands" / "create_staff.py").exists():
        result = subprocess.run(
            [sys.executable, "manage.py", "create_staff", "reviewer", "--role", "reviewer", "--no-qr"],
            cwd=ROOT,
            env={**env, "RECOURSE_STAFF_PASSWORD": PASSWORD},
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        return re.search(r"Authenticator secret: (\S+)", result.stdout).group(1)
    env = {**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD}
    manage("createsuperuser", "--noinput", "--username", "reviewer", "--email", "r@example.org", env=env)
    return ""


def redis_command(*args: str) -> str:
    parsed = urllib.parse.urlsplit(REDIS_URL)
    db = parsed.path.strip("/") or "0"
    cmd = ["redis-cli", "-h", parsed.hostname, "-p", str(parsed.port or 6379), "-n", db, *args]
    return subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=10).stdout.strip()


@dataclass
class Instance:
    port: int
    data_dir: Path
    process: subprocess.Popen | None = None
    startup_statuses: list = field(default_factory=list)
    ready_after: float = 0.0

    @property
    def log_path(self) -> Path:
        return self.data_dir / "serve.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, timeout: float = 180) -> None:
        """Start and wait until ready, recording what an asker would have seen meanwhile."""
        self.startup_statuses = []
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "deploy/serve.py",
                "--port",
                str(self.port),
                "--workers",
                "1",
                "--threads",
                "4",
            ],
            cwd=ROOT,
            env=instance_env(self.data_dir),
            start_new_session=True,
            # The instance's own log (gunicorn, the index engine) beside its data, to read after a failure.
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()  # the instance has its own copy
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            assert self.process.poll() is None, "the instance exited during start-up"
            self.startup_statuses.append(ask(self, "deepfake of me posted", "US-TX")[0])
            if get(self, "/healthz/ready")[0] == 200:
                self.ready_after = time.monotonic() - started
                return
            time.sleep(0.3)
        raise AssertionError(f"instance on {self.port} not ready after {timeout} s")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)


def request(instance: Instance, method: str, path: str, body: bytes | None = None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", instance.port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace"), dict(response.getheaders())
    except OSError as exc:
        return type(exc).__name__, "", {}
    finally:
        conn.close()


def get(instance: Instance, path: str):
    return request(instance, "GET", path)


def ask(instance: Instance, question: str, jurisdiction: str):
    body = json.dumps({"question": question, "jurisdiction": jurisdiction}).encode()
    status, text, _ = request(instance, "POST", "/api/v1/ask", body, {"Content-Type": "application/json"})
    return status, (json.loads(text) if status == 200 else None)


def totp_now(secret: str) -> str:
    """The current six-digit code of an authenticator (RFC 6238: SHA-1, 30 s steps)."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


class Admin:
    """A reviewer's browser session: signed in once, through one instance, used on any of them.

    Sessions live in the database, so the same cookie works on every instance. When the admin asks
    for a one-time code (two-factor sign-in), the reviewer's authenticator secret provides it.
    """

    def __init__(self, instance: Instance, *, otp_secret: str = "") -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        page = self._open(instance, "/admin/login/")
        form = {"username": "reviewer", "password": PASSWORD, "csrfmiddlewaretoken": self._token(page)}
        if 'name="otp_token"' in page:
            form["otp_token"] = totp_now(otp_secret)
        page = self._open(instance, "/admin/login/?next=/admin/", form)
        assert 'name="password"' not in page, "the reviewer could not sign in"

    def _open(self, instance: Instance, path: str, data: dict | None = None) -> str:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        url = instance.url + path
        request = urllib.request.Request(url, data=body, headers={"Referer": url, "Origin": instance.url})
        with self.opener.open(request, timeout=15) as response:
            return response.read().decode()

    @staticmethod
    def _token(page: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def law_move(self, instance: Instance, law_id: str, move: str, **fields: str) -> None:
        """A review move from the record's confirmation page (kb/admin/review.py), as a reviewer makes it."""
        path = f"/admin/kb/law/{law_id}/review/{move}/"
        page = self._open(instance, path)
        self._open(instance, path, {"csrfmiddlewaretoken": self._token(page), **fields})

    def law_unpublish(self, instance: Instance, law_id: str) -> None:
        self.law_move(instance, law_id, "unpublish", reason="Withdrawn by the deployment test")

    def law_publish(self, instance: Instance, law_id: str) -> None:
        self.law_move(instance, law_id, "submit")
        self.law_move(instance, law_id, "publish")


def law_ids(instance: Instance, question: str, place: str) -> set[str] | None:
    status, payload = ask(instance, question, place)
    return {law["id"] for law in payload["laws"]} if status == 200 else None


def wait_until(check, *, timeout: float, every: float = 0.25) -> float:
    """Seconds until check() is true; fails after timeout."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if check():
            return time.monotonic() - started
        time.sleep(every)
    raise AssertionError(f"not within {timeout} s")


class Cluster(list):
    """The instances, in order, and one reviewer's admin session (signed in through the first)."""

    def __init__(self, instances: list[Instance], admin: Admin) -> None:
        super().__init__(instances)
        self.admin = admin


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    """Two instances over one PostgreSQL database and one Redis database."""
    base = tmp_path_factory.mktemp("deploy")
    otp_secret = database_reset(instance_env(base / "setup"))
    redis_command("FLUSHDB")
    instances = [Instance(port, base / f"instance-{port}") for port in PORTS]
    try:
        for instance in instances:
            instance.start()
        yield Cluster(instances, Admin(instances[0], otp_secret=otp_secret))
    finally:
        for instance in instances:
            instance.kill(signal.SIGTERM)
