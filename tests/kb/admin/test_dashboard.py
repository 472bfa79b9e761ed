"""The editors' dashboard: stale, bill watch, unverified, coverage gaps, links, suggestions, changes."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kb.models import Channel, Jurisdiction, Law, LinkCheck, Suggestion
from kb.queues import queue_bill_watch, queue_coverage_gaps, queue_stale, queue_unverified
from tests.kb.admin.conftest import ADMIN

TODAY = dt.date(2026, 11, 28)


def _ids(items):
    return {i.record_id for i in items}


def test_stale_lists_published_records_past_the_limit(texas_world, settings):
    settings.RECOURSE_STALE_DAYS = 180
    Law.objects.filter(id="us-take-it-down-act").update(last_verified=TODAY - dt.timedelta(days=181))
    Law.objects.filter(id="us-defiance-act").update(
        last_verified=TODAY - dt.timedelta(days=400), review_status="draft"
    )
    assert _ids(queue_stale(today=TODAY)) == {"us-take-it-down-act"}


def test_bill_watch_lists_bills_not_rechecked_and_bills_past_their_session(texas_world, make_law):
    Law.objects.filter(id="us-defiance-act").update(last_verified=TODAY - dt.timedelta(days=91))
    make_law("us-old-bill", "US", status="bill", enacted=TODAY - dt.timedelta(days=800))
    make_law("us-fresh-bill", "US", status="bill", enacted=TODAY - dt.timedelta(days=30))
    items = {i.record_id: i.detail for i in queue_bill_watch(today=TODAY)}
    assert set(items) == {"us-defiance-act", "us-old-bill"}
    assert "session has probably ended" in items["us-old-bill"]


def test_unverified_lists_records_without_a_check(texas_world):
    Law.objects.filter(id="us-take-it-down-act").update(verification="unverified")
    Channel.objects.filter(id="pharos").update(last_verified=None)
    assert _ids(queue_unverified()) == {"us-take-it-down-act", "pharos"}


def test_coverage_gaps_name_countries_without_police_or_support(texas_world):
    gaps = {i.record_id: i.detail for i in queue_coverage_gaps()}
    assert gaps["FR"] == "no support line"  # PHAROS is the police route
    assert gaps["US"] == "no police route"  # the CCRI helpline is support
    assert gaps["GB"] == "no police route, no support line"
    assert "US-TX" not in gaps and "EU" not in gaps  # countries only


def test_the_dashboard_shows_every_queue(staff, texas_world):
    Law.objects.filter(id="us-defiance-act").update(last_verified=None)
    LinkCheck.objects.create(url="https://gone.example/", checked_at=timezone.now(), status=404)
    Suggestion.objects.create(record_type="law", record_id="us-tx-penal-21-165", message="Fix")
    html = staff("editor").get(f"{ADMIN}/dashboard/").content.decode()
    for heading in (
        "Changes waiting",
        "Readers' suggestions",
        "Stale",
        "Bill watch",
        "Unverified",
        "Coverage gaps",
        "Broken or redirected links",
    ):
        assert heading in html, heading
    assert "https://gone.example/" in html and "Suggestion on law us-tx-penal-21-165" in html
    assert f"{ADMIN}/kb/jurisdiction/GB/change/" in html


def test_the_index_links_to_the_dashboard(staff, texas_world):
    assert f"{ADMIN}/dashboard/" in staff("editor").get(f"{ADMIN}/").content.decode()


def test_a_suggestion_can_be_marked_dealt_with_by_an_editor(staff, texas_world):
    s = Suggestion.objects.create(record_type="law", record_id="us-tx-penal-21-165", message="Fix")
    staff("editor").post(f"{ADMIN}/kb/suggestion/", {"action": "mark_resolved", "_selected_action": [s.pk]})
    assert Suggestion.objects.get().resolved


def test_the_dashboard_answers_in_a_bounded_number_of_queries(staff, django_assert_max_num_queries, world):
    client = staff("editor")
    client.get(f"{ADMIN}/dashboard/")
    with django_assert_max_num_queries(40):
        client.get(f"{ADMIN}/dashboard/")
    assert Jurisdiction.objects.count() == 10
