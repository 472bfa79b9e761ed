"""The public correction form: private to editors, rate limited, spam-resistant, cookie-free."""

from __future__ import annotations

import re

import pytest
from django.core import signing

from kb.models import Suggestion
from kb.suggestions import SALT

LAW_PAGE = "/laws/us-tx-penal-21-165/"
POST = "/suggest/law/us-tx-penal-21-165/"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()


def _stamp(html: str) -> str:
    return re.search(r'name="stamp" value="([^"]+)"', html).group(1)


def _old_stamp(ref="law:us-tx-penal-21-165", seconds=30):
    signer = signing.TimestampSigner(salt=SALT)
    signer.timestamp = lambda: signing.b62_encode(int(__import__("time").time()) - seconds)
    return signer.sign(ref)


def _post(client, stamp=None, **fields):
    data = {
        "message": "The penalty changed in 2025.",
        "contact": "",
        "website": "",
        "stamp": stamp or _old_stamp(),
    }
    return client.post(POST, data | fields, HTTP_SEC_FETCH_SITE=fields.pop("site", "same-origin"))


def test_law_and_channel_pages_carry_the_form_and_set_no_cookie(client, texas_world):
    for page in (LAW_PAGE, "/channels/stopncii/"):
        response = client.get(page)
        html = response.content.decode()
        assert "Something wrong or out of date?" in html and 'name="stamp"' in html
        assert 'name="csrfmiddlewaretoken"' not in html and not response.cookies


def test_a_suggestion_reaches_the_editors_and_nothing_else_is_kept(client, texas_world):
    response = _post(client, contact="reader@example.org")
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    assert not response.cookies
    s = Suggestion.objects.get()
    assert (s.record_type, s.record_id, s.message, s.contact) == (
        "law",
        "us-tx-penal-21-165",
        "The penalty changed in 2025.",
        "reader@example.org",
    )
    assert {f.name for f in Suggestion._meta.get_fields()} == {
        "id",
        "record_type",
        "record_id",
        "message",
        "contact",
        "created_at",
        "resolved",
    }


def test_a_filled_honeypot_is_refused(client, texas_world):
    assert _post(client, website="http://spam.example").status_code == 400
    assert not Suggestion.objects.exists()


def test_a_form_posted_the_moment_it_was_served_is_refused(client, texas_world):
    fresh = _stamp(client.get(LAW_PAGE).content.decode())
    assert _post(client, stamp=fresh).status_code == 400
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize(
    "stamp", ["forged", _old_stamp(ref="law:us-defiance-act"), _old_stamp(seconds=8 * 24 * 3600)]
)
def test_a_forged_moved_or_expired_stamp_is_refused(client, texas_world, stamp):
    assert _post(client, stamp=stamp).status_code == 400


def test_a_post_from_another_site_is_refused(client, texas_world):
    assert _post(client, site="cross-site").status_code == 403
    data = {"message": "x", "stamp": _old_stamp()}
    assert client.post(POST, data, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert not Suggestion.objects.exists()


def test_suggestions_are_rate_limited(client, texas_world, settings):
    settings.RECOURSE_SUGGESTIONS_PER_HOUR = 2
    assert [_post(client).status_code for _ in range(3)] == [200, 200, 429]
    assert Suggestion.objects.count() == 2


def test_behind_the_proxy_each_client_has_its_own_suggestion_limit(client, texas_world, settings):
    settings.RECOURSE_SUGGESTIONS_PER_HOUR = 1
    settings.RECOURSE_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"

    def post_from(address):
        data = {"message": "The penalty changed.", "contact": "", "website": "", "stamp": _old_stamp()}
        return client.post(POST, data, HTTP_SEC_FETCH_SITE="same-origin", HTTP_X_REAL_IP=address)

    assert [post_from(a).status_code for a in ("203.0.113.9", "198.51.100.7", "203.0.113.9")] == [
        200,
        200,
        429,
    ]


def test_only_published_laws_and_channels_take_suggestions(client, texas_world):
    from kb.models import Law

    Law.objects.filter(id="us-tx-penal-21-165").update(review_status="draft")
    assert _post(client).status_code == 404
    assert client.post("/suggest/guide/preserve-evidence/", {}).status_code == 404
    assert client.get(POST).status_code == 405
