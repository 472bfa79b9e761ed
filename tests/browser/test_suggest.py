"""The public correction form in Chromium, with the site's real headers: under `no-referrer` Chrome
posts with `Origin: null`, so the form relies on Sec-Fetch-Site; it must work, set no cookie and pass
axe on the law page."""

from __future__ import annotations

import time

import pytest

from tests.browser.test_admin import axe_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LAW = "us-tx-penal-21-165"


@pytest.fixture
def suggestions(server_db):
    from kb.models import Suggestion

    yield Suggestion.objects
    Suggestion.objects.filter(record_id=LAW).delete()


def test_a_reader_sends_a_correction_from_a_law_page(visit, suggestions):
    v = visit(bypass_csp=True)  # axe-core is injected as an inline script
    page = v.open(f"/laws/{LAW}/")
    assert axe_problems(page) == []
    page.get_by_text("Something wrong or out of date?").click()
    page.get_by_label("What is wrong or out of date?").fill("The maximum penalty changed this year.")
    time.sleep(3.2)  # a person takes a few seconds; a form posted at once is refused as a bot
    with page.expect_navigation():
        page.get_by_role("button", name="Send to the editors").click()
    assert "Thank you" in page.content()
    assert v.context.cookies() == []
    assert suggestions.filter(record_id=LAW).get().message == "The maximum penalty changed this year."
