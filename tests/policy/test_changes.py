import pytest

from kb.models import Channel, Law
from policy.changes import changes_list


@pytest.fixture
def history(world, make_law, make_channel):
    make_law("us-tx-bill", "US-TX", status="bill", title="Texas deepfake bill")
    make_law("fr-draft", "FR", review_status="draft")
    make_channel("stopncii", ["GLOBAL"], name="StopNCII.org")
    law = Law.objects.get(id="us-tx-bill")
    law.status = "in_force"
    law.save()
    Law.objects.get(id="fr-draft").save()  # an edit to a draft is not a public change
    Channel.objects.get(id="stopncii").delete()


def test_it_lists_new_records_status_changes_and_removals_newest_first(history):
    changes = [
        (c.kind, c.record_type, c.record_id, c.detail)
        for c in changes_list()
        if c.record_type != "jurisdiction"
    ]
    assert changes == [
        ("removed", "channel", "stopncii", ""),
        ("status", "law", "us-tx-bill", "Bill (not law) → In force"),
        ("new", "channel", "stopncii", ""),
        ("new", "law", "us-tx-bill", "Bill (not law)"),
    ]


def test_drafts_never_appear_and_publishing_one_is_news(history):
    assert all(c.record_id != "fr-draft" for c in changes_list())
    law = Law.objects.get(id="fr-draft")
    law.review_status = "published"
    law.save()
    assert (changes_list()[0].kind, changes_list()[0].record_id) == ("new", "fr-draft")


def test_removed_records_are_not_linked_and_live_ones_are(history):
    by_id = {(c.record_id, c.kind): c for c in changes_list()}
    assert by_id[("us-tx-bill", "new")].url == "/laws/us-tx-bill/"
    assert by_id[("stopncii", "new")].url == ""
    assert by_id[("stopncii", "removed")].url == ""


def test_the_changes_page_lists_them(client, history):
    html = client.get("/changes").content.decode()
    assert '<a href="/laws/us-tx-bill/">Texas deepfake bill</a>' in html
    assert "Bill (not law) → In force" in html
    assert "Removed" in html and "StopNCII.org" in html
    assert 'type="application/atom+xml"' in html


def test_the_atom_feed_carries_the_same_changes(client, history):
    response = client.get("/changes/feed")
    assert response["Content-Type"].startswith("application/atom+xml")
    xml = response.content.decode()
    assert xml.count("<entry>") == len(changes_list(limit=50))
    assert "Status changed: Law — Texas deepfake bill" in xml
    assert "http://testserver/laws/us-tx-bill/" in xml
    assert "fr-draft" not in xml


def test_the_page_and_feed_take_a_fixed_number_of_queries(
    client, history, make_law, django_assert_num_queries
):
    with django_assert_num_queries(4):  # one history query per record type
        client.get("/changes")
    for i in range(10):
        make_law(f"us-tx-{i}", "US-TX")
    with django_assert_num_queries(4):
        client.get("/changes/feed")
