"""Per-client rate limits on the ask API, /ask/ and /help/: keyed without storing addresses."""

import re

import pytest
from django.core.cache import cache

from config.ratelimit import Limit, client_key, rate_limit_hit

ADDRESS = "203.0.113.9"


@pytest.fixture
def limits(settings):
    settings.RECOURSE_RATE_LIMIT_ASK = 3
    settings.RECOURSE_RATE_LIMIT_HELP = 5
    settings.RECOURSE_CLIENT_IP_HEADER = ""
    cache.clear()
    yield settings
    cache.clear()


def ask(client, address=ADDRESS, **extra):
    # An empty object is refused by the view (400); the limiter counts it before the view runs.
    return client.post("/api/v1/ask", {}, content_type="application/json", REMOTE_ADDR=address, **extra)


def test_the_ask_api_answers_429_with_retry_after_past_the_limit(client, limits):
    assert [ask(client).status_code for _ in range(3)] == [400, 400, 400]
    response = ask(client)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Please wait" in response.json()["detail"]
    assert response["Cache-Control"] == "no-store"


def test_the_question_page_is_limited_with_the_ask_api(client, limits, world):
    for _ in range(3):
        ask(client)
    response = client.post("/ask/", {"question": "help"}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 429
    assert 'id="quick-exit"' in response.content.decode()


def test_reading_the_question_page_is_not_limited(client, limits, world):
    for _ in range(5):
        ask(client)
    assert client.get("/ask/", REMOTE_ADDR=ADDRESS).status_code == 200


def test_the_guided_help_has_its_own_limit(client, limits, world):
    statuses = [client.get("/help/", REMOTE_ADDR=ADDRESS).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    assert ask(client).status_code == 400  # the ask budget is untouched


def test_the_pages_in_other_languages_share_the_limits(client, limits, world):
    statuses = [client.get(path, REMOTE_ADDR=ADDRESS).status_code for path in ["/help/", "/es/help/"] * 3]
    assert statuses == [200] * 5 + [429]


def test_each_client_has_its_own_count(client, limits):
    for _ in range(3):
        ask(client)
    assert ask(client).status_code == 429
    assert ask(client, address="198.51.100.7").status_code == 400


def test_behind_the_proxy_the_limit_follows_the_address_the_proxy_reports(client, limits):
    limits.RECOURSE_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    for _ in range(3):
        ask(client, address="127.0.0.1", HTTP_X_REAL_IP=ADDRESS)
    assert ask(client, address="127.0.0.1", HTTP_X_REAL_IP=ADDRESS).status_code == 429
    assert ask(client, address="127.0.0.1", HTTP_X_REAL_IP="198.51.100.7").status_code == 400


def test_other_pages_are_not_limited(client, limits, world):
    limits.RECOURSE_RATE_LIMIT_ASK = 1
    limits.RECOURSE_RATE_LIMIT_HELP = 1
    statuses = {client.get("/places/", REMOTE_ADDR=ADDRESS).status_code for _ in range(5)}
    assert statuses == {200}


def test_a_limit_of_zero_turns_the_limiter_off(client, limits):
    limits.RECOURSE_RATE_LIMIT_ASK = 0
    assert {ask(client).status_code for _ in range(6)} == {400}


def test_the_key_hides_the_address_and_changes_every_hour(rf, limits):
    request = rf.post("/api/v1/ask", REMOTE_ADDR=ADDRESS)
    hour = 1_800_000_000 // 3600 * 3600
    key = client_key(request, now=hour + 10)
    assert client_key(request, now=hour + 3599) == key
    assert client_key(request, now=hour + 3600) != key
    assert client_key(rf.post("/api/v1/ask", REMOTE_ADDR="198.51.100.7"), now=hour + 10) != key
    assert re.fullmatch(r"[0-9a-f]{32}", key)


def test_the_cache_holds_no_address(client, limits):
    for _ in range(4):
        ask(client)
    stored = " ".join(str(k) for k in getattr(cache, "_cache", {}))
    if not stored:  # Redis: list the keys of this cache
        stored = " ".join(str(k) for k in cache.keys("*"))
    assert "rl:ask:" in stored
    assert ADDRESS not in stored


def test_a_new_window_lets_the_client_back_in(limits):
    limit = Limit("ask", 2)
    start = 1_800_000_000 // 60 * 60
    assert [rate_limit_hit(limit, "k", now=start + s) for s in (1, 2)] == [0, 0]
    assert rate_limit_hit(limit, "k", now=start + 50) == 10
    assert rate_limit_hit(limit, "k", now=start + 61) == 0


def test_requests_pass_when_the_cache_is_down(client, limits, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "incr", down)
    assert {ask(client).status_code for _ in range(5)} == {400}


def test_staff_lockouts_key_on_the_address_the_proxy_saw(settings, rf):
    """django-axes must not lock every editor out because nginx makes all logins come from 127.0.0.1."""
    from axes.helpers import get_client_ip_address

    settings.RECOURSE_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    request = rf.post("/admin/login/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.9")
    assert get_client_ip_address(request) == "203.0.113.9"
