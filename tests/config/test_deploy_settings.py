"""The documented production environment passes Django's deployment checklist."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from config.env import env_header, env_header_https

ROOT = Path(__file__).resolve().parents[2]


def production_env() -> dict[str, str]:
    env = {}
    for line in (ROOT / "deploy" / "production.env").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            env[name.strip()] = value.strip()
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    # Only the machine's environment: none of the settings the tests or other tools have set.
    keep = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("RECOURSE_", "DATABASE_", "SECRET_", "DJANGO_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**keep, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_the_documented_production_environment():
    env = {**production_env(), "SECRET_KEY": secrets.token_urlsafe(50)}
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_without_hsts_and_the_https_redirect():
    env = {**production_env(), "SECRET_KEY": secrets.token_urlsafe(50)}
    del env["RECOURSE_HSTS_SECONDS"], env["RECOURSE_SSL_REDIRECT"]
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout
    assert "security.W008" in result.stderr + result.stdout


def test_the_proxy_ssl_header_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("RECOURSE_PROXY_SSL_HEADER", "X-Forwarded-Proto")
    assert env_header_https("RECOURSE_PROXY_SSL_HEADER") == ("HTTP_X_FORWARDED_PROTO", "https")
    monkeypatch.delenv("RECOURSE_PROXY_SSL_HEADER")
    assert env_header_https("RECOURSE_PROXY_SSL_HEADER") is None


def test_a_malformed_header_name_stops_start_up(monkeypatch):
    monkeypatch.setenv("RECOURSE_CLIENT_IP_HEADER", "X-Real IP; evil")
    with pytest.raises(ValueError, match="not an HTTP header name"):
        env_header("RECOURSE_CLIENT_IP_HEADER")


def test_hsts_is_sent_over_https_when_configured(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/healthz/live", HTTP_X_FORWARDED_PROTO="https")
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_health_checks_are_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz/live").status_code == 200
    assert client.get("/about/").status_code == 301
