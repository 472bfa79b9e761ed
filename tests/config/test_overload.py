"""Past capacity, requests that waited too long in the queue are shed with 503, cheaply."""

import time

import pytest


@pytest.fixture
def shed(settings):
    settings.RECOURSE_SHED_AFTER_MS = 500


def stamped(seconds_ago: float) -> dict:
    return {"HTTP_X_REQUEST_START": f"t={time.time() - seconds_ago:.3f}"}


def test_a_request_that_waited_too_long_is_shed_with_retry_after(client, shed):
    response = client.post("/api/v1/ask", {}, content_type="application/json", **stamped(2))
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert "busy" in response.json()["detail"]


def test_a_page_shed_for_a_person_keeps_the_quick_exit(client, shed, world):
    response = client.get("/places/", **stamped(2))
    assert response.status_code == 503
    assert 'id="quick-exit"' in response.content.decode()


def test_a_request_served_in_time_is_answered(client, shed, world):
    assert client.get("/places/", **stamped(0.05)).status_code == 200


def test_without_the_proxy_stamp_nothing_is_shed(client, shed, world):
    assert client.get("/places/", HTTP_X_REQUEST_START="garbage").status_code == 200
    assert client.get("/places/").status_code == 200


def test_health_checks_are_never_shed(client, shed, db):
    assert client.get("/healthz/live", **stamped(10)).status_code == 200


def test_zero_turns_shedding_off(client, settings, world):
    settings.RECOURSE_SHED_AFTER_MS = 0
    assert client.get("/places/", **stamped(10)).status_code == 200
