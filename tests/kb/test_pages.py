"""Public knowledge-base pages: they render, show citations and status, hide drafts, set no cookies."""

import pytest

from kb.models import Law


@pytest.fixture
def pages(texas_world):
    return texas_world


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/about/",
        "/safety/",
        "/places/",
        "/places/US-TX/",
        "/places/GLOBAL/",
        "/laws/us-tx-penal-21-165/",
        "/channels/stopncii/",
        "/guides/preserve-evidence/",
    ],
)
def test_every_public_page_renders_without_cookies_or_outside_assets(client, pages, url):
    response = client.get(url)
    assert response.status_code == 200
    assert not response.cookies
    html = response.content.decode()
    assert 'id="quick-exit"' in html
    assert "Not legal advice" in html
    for tag in ('<script src="http', '<link rel="stylesheet" href="http', '<img src="http'):
        assert tag not in html


def test_a_jurisdiction_page_shows_its_chain_and_nothing_from_elsewhere(client, pages):
    html = client.get("/places/US-TX/").content.decode()
    assert "Texas deepfake media offence" in html
    assert "TAKE IT DOWN Act" in html
    assert "Code pénal" not in html and "PHAROS" not in html
    assert "Call 911" in html


def test_a_law_page_shows_citation_sources_and_verification(client, pages):
    html = client.get("/laws/us-tx-penal-21-165/").content.decode()
    assert "Tex. Penal Code § 21.165" in html
    assert "Source page" in html
    assert "28 November 2026" in html


def test_a_bill_is_never_shown_as_law(client, pages):
    html = client.get("/laws/us-defiance-act/").content.decode()
    assert "This is a bill. It is not law" in html


def test_drafts_are_not_public(client, pages):
    Law.objects.filter(id="us-tx-penal-21-165").update(review_status="draft")
    assert client.get("/laws/us-tx-penal-21-165/").status_code == 404
    assert "Texas deepfake media offence" not in client.get("/places/US-TX/").content.decode()


def test_markdown_in_records_is_sanitised(client, pages):
    Law.objects.filter(id="us-tx-penal-21-165").update(
        body="Hi <script>alert(1)</script> [x](javascript:alert(1))"
    )
    html = client.get("/laws/us-tx-penal-21-165/").content.decode()
    assert "<script>alert" not in html and "javascript:" not in html


def test_the_jurisdiction_page_asks_a_fixed_number_of_queries(
    client, pages, make_law, django_assert_max_num_queries
):
    for i in range(10):
        make_law(f"us-tx-extra-{i}", "US-TX")
    with django_assert_max_num_queries(20):
        client.get("/places/US-TX/")
