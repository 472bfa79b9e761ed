"""The production proxy's configuration: a no-trace access log, buffering, and a valid file."""

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("deploy_serve", ROOT / "deploy" / "serve.py")
deploy_serve = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(deploy_serve)
CONF = (ROOT / "deploy" / "nginx.conf").read_text()


def test_the_access_log_carries_no_address_query_string_referer_or_user_agent():
    log_format = re.search(r"log_format notrace (.*?);", CONF, re.S).group(1)
    for variable in ("$remote_addr", "$request ", "$request_uri", "$args", "$query_string", "$http_"):
        assert variable not in log_format + " "
    assert "$path_only" in log_format
    assert re.search(r"access_log @ACCESS_LOG@;", CONF)


def test_gunicorn_writes_no_access_log():
    text = (ROOT / "deploy" / "gunicorn.conf.py").read_text()
    assert re.search(r"^accesslog = None$", text, re.M)


def test_requests_and_responses_are_buffered_and_slow_clients_time_out():
    for directive in ("proxy_request_buffering on", "proxy_buffering on", "client_body_timeout 10s"):
        assert directive in CONF
    # The client's own X-Real-IP is overwritten, so nobody picks the address their limit is keyed on.
    assert "proxy_set_header X-Real-IP $remote_addr;" in CONF


def test_the_chat_and_the_ask_api_are_never_cached():
    cached = re.search(r"location ~ (\S+) \{\n[^}]*proxy_cache public_pages", CONF).group(1)
    pattern = re.compile(cached)
    for path in ("/help/", "/es/help/step/", "/ask/", "/fr/ask/", "/api/v1/ask", "/admin/", "/healthz/ready"):
        assert not pattern.search(path), path
    for path in ("/", "/es/", "/places/US-TX/", "/pt/places/BR/", "/api/v1/laws", "/compare"):
        assert pattern.search(path), path
    # An admin moved to another path (RECOURSE_ADMIN_PATH) that starts like a public one.
    for path in ("/datadesk/", "/mapmakers/kb/law/", "/compare-admin/", "/api/v1/lawsuit"):
        assert not pattern.search(path), path


def test_public_pages_are_kept_although_they_tell_the_browser_no_store():
    """Every HTML page says no-store to the browser; without ignoring it, nginx never kept a page."""
    block = re.search(r"location ~ \S+ \{\n[^}]*proxy_cache public_pages[^}]*\}", CONF).group(0)
    assert "proxy_ignore_headers Cache-Control Expires;" in block
    assert "Set-Cookie" not in block  # a response that sets a cookie is still never kept
    assert "proxy_no_cache $page_with_query;" in block and "proxy_cache_bypass $page_with_query;" in block
    # The lock made concurrent requests for one page wait in 500 ms steps, up to its timeout.
    assert not re.search(r"^\s*proxy_cache_lock", CONF, re.M)


def test_only_the_read_api_is_kept_with_its_query_string():
    mapping = re.search(r"map \$request_uri \$page_with_query \{(.*?)\}", CONF, re.S).group(1)
    rules = [line.split() for line in mapping.strip().splitlines()]
    assert rules == [["~^/api/v1/", "0;"], ["~\\?", "1;"], ["default", "0;"]]


def test_each_request_waits_in_the_queue_every_worker_takes_from():
    """No idle connections kept to the app, and a worker accepts only with a free thread."""
    upstream = re.search(r"upstream recourse_app \{(.*?)\}", CONF, re.S).group(1)
    assert "keepalive" not in upstream
    text = (ROOT / "deploy" / "gunicorn.conf.py").read_text()
    assert re.search(r"^worker_connections = threads\b", text, re.M)
    assert re.search(r"^keepalive = 0\b", text, re.M)


@pytest.mark.skipif(not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists(), reason="no nginx")
def test_the_rendered_configuration_is_valid(tmp_path):
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / "tmp" / sub).mkdir(parents=True)
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        deploy_serve.nginx_config(
            port=8999,
            run_dir=tmp_path,
            upstream=f"unix:{tmp_path / 'app.sock'}",
            max_in_progress=256,
            access_log="off",
            page_cache=5,
        )
    )
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    result = subprocess.run(
        [nginx, "-e", "stderr", "-t", "-q", "-c", str(conf)], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr


def test_nginx_error_lines_lose_the_address_query_and_referer():
    line = (
        "2026/11/30 08:47:17 [crit] 28007#28007: *4115 connect() to unix:/run/app.sock failed (13: "
        "Permission denied) while connecting to upstream, client: 203.0.113.9, server: _, request: "
        '"GET /help/?j=US-TX&q=my+words HTTP/1.1", upstream: "http://unix:/run/app.sock:/help/?j=US-TX", '
        'host: "127.0.0.1:8150", referrer: "https://search.example/?q=deepfake+help"\n'
    )
    redacted = deploy_serve.error_line_redact(line)
    for trace in ("203.0.113.9", "my+words", "j=US-TX", "search.example", "deepfake"):
        assert trace not in redacted
    assert 'request: "GET /help/?… HTTP/1.1"' in redacted
    assert "client: -" in redacted
