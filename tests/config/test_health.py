"""Liveness and readiness: a load balancer sends questions only to an instance that can answer them."""

import pytest
from django.core.cache import cache

from config.health import ready_clear, ready_mark


@pytest.fixture
def not_warmed(settings):
    settings.RECOURSE_WARM_ON_START = True
    ready_clear()
    yield
    ready_clear()


def test_live_answers_while_the_process_runs(client, db):
    response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.json() == {"status": "live"}


def test_ready_waits_for_the_model_and_index(client, db, not_warmed):
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert response.json()["problems"] == ["search index not loaded yet"]
    ready_mark()
    assert client.get("/healthz/ready").status_code == 200


def test_ready_reports_a_cache_that_does_not_answer(client, db, not_warmed, monkeypatch):
    ready_mark()

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", down)
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["problems"] == ["cache unavailable"]


def test_without_a_warm_up_the_instance_is_ready_at_once(client, db, settings):
    settings.RECOURSE_WARM_ON_START = False
    ready_clear()
    assert client.get("/healthz/ready").status_code == 200


def test_health_checks_are_never_cached(client, db):
    assert "no-store" in client.get("/healthz/live")["Cache-Control"]
