"""The editors' record pages: lists, filters, friendly widgets, fixed ids and the edit form."""

import datetime as dt

import pytest

from kb.models import Law, Revision
from tests.kb.admin.conftest import ADMIN, form_data

PKS = {
    "law": "us-tx-penal-21-165",
    "channel": "stopncii",
    "guide": "preserve-evidence",
    "jurisdiction": "US-TX",
}


@pytest.mark.parametrize("model", ["law", "channel", "guide", "jurisdiction"])
def test_list_and_edit_pages_render(staff, texas_world, model):
    client = staff("superuser")
    assert client.get(f"{ADMIN}/kb/{model}/").status_code == 200
    page = client.get(f"{ADMIN}/kb/{model}/{PKS[model]}/change/")
    assert page.status_code == 200
    assert "recourse-preview" in page.content.decode()


def test_filters_and_search_work(staff, texas_world):
    html = staff("editor").get(f"{ADMIN}/kb/law/?status__exact=bill&q=DEFIANCE").content.decode()
    assert "us-defiance-act" in html and "us-tx-penal-21-165" not in html


def test_the_place_filter_is_a_search_box_not_a_list_of_links(staff, texas_world):
    client = staff("editor")
    html = client.get(f"{ADMIN}/kb/law/").content.decode()
    assert 'name="place"' in html and "<datalist" in html
    filtered = client.get(f"{ADMIN}/kb/law/?place=us-tx").content.decode()
    assert "us-tx-penal-21-165" in filtered and "us-take-it-down-act" not in filtered
    combined = client.get(f"{ADMIN}/kb/law/?status__exact=bill&place=US").content.decode()
    assert '<input type="hidden" name="status__exact" value="bill">' in combined


def test_the_stale_filter_lists_records_not_checked_for_180_days(staff, texas_world):
    Law.objects.filter(id="us-take-it-down-act").update(last_verified=dt.date(2025, 1, 1))
    html = staff("editor").get(f"{ADMIN}/kb/law/?stale=stale").content.decode()
    assert "us-take-it-down-act" in html and "us-tx-penal-21-165" not in html


def test_tags_and_remedies_are_checkboxes_from_the_vocabulary(staff, texas_world):
    html = staff("editor").get(f"{ADMIN}/kb/law/us-defiance-act/change/").content.decode()
    assert 'type="checkbox" name="tags" value="sextortion"' in html
    assert 'type="checkbox" name="civil_remedies" value="statutory_damages"' in html
    assert "kb/vocab.py" not in html and "legal_content/" not in html


def test_the_id_is_fixed_once_a_record_exists(staff, texas_world):
    html = staff("editor").get(f"{ADMIN}/kb/law/us-defiance-act/change/").content.decode()
    assert 'name="id"' not in html
    assert 'name="id"' in staff("editor").get(f"{ADMIN}/kb/law/add/").content.decode()


def test_a_new_record_starts_as_a_draft_by_its_author(staff, texas_world):
    client = staff("reviewer")
    response = client.post(
        f"{ADMIN}/kb/law/add/",
        {
            "id": "us-new-law",
            "jurisdiction": "US",
            "title": "A new law",
            "citation": "Pub. L. 1",
            "kind": "criminal",
            "status": "in_force",
            "url": "https://example.org/new",
            "covers_synthetic": "explicit",
            "intent": "harm",
            "verification": "official",
            "tags": ["created", "shared"],
            "civil_remedies": ["damages"],
            "sources_text": "Congress page | https://example.org/congress | 2026-11-01",
            "body": "A new law.",
            "change_note": "First draft",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    law = Law.objects.get(id="us-new-law")
    assert law.review_status == "draft" and law.edited_by == client.user
    assert law.tags == ["created", "shared"] and law.civil_remedies == ["damages"]
    assert [(s.title, s.url, s.accessed) for s in law.sources.all()] == [
        ("Congress page", "https://example.org/congress", dt.date(2026, 11, 1))
    ]


def test_a_new_record_cannot_take_an_existing_id(staff, texas_world):
    before = Law.objects.get(id="us-take-it-down-act").title
    response = staff("editor").post(
        f"{ADMIN}/kb/law/add/",
        {
            "id": "us-take-it-down-act",
            "jurisdiction": "US",
            "title": "Overwritten",
            "citation": "x",
            "kind": "criminal",
            "status": "in_force",
            "url": "https://example.org/x",
            "covers_synthetic": "no",
            "intent": "harm",
            "verification": "unverified",
            "change_note": "hijack",
        },
    )
    assert response.status_code == 200 and "already exists" in response.content.decode()
    assert Law.objects.get(id="us-take-it-down-act").title == before


def test_editing_a_draft_saves_in_place_with_the_editor_recorded(staff, texas_world):
    Law.objects.filter(id="us-defiance-act").update(review_status="draft")
    client = staff("editor")
    url = f"{ADMIN}/kb/law/us-defiance-act/change/"
    data = form_data(client, url) | {
        "title": "Disrupt Explicit Forged Images Act",
        "change_note": "Full title",
    }
    assert client.post(url, data).status_code == 302
    law = Law.objects.get(id="us-defiance-act")
    assert law.title == "Disrupt Explicit Forged Images Act" and law.edited_by == client.user
    assert not Revision.objects.exists()


def test_lists_assert_their_query_count(staff, texas_world, django_assert_max_num_queries):
    client = staff("editor")
    client.get(f"{ADMIN}/kb/law/")
    with django_assert_max_num_queries(15):
        assert client.get(f"{ADMIN}/kb/law/").status_code == 200


def test_roles_give_reviewers_and_only_reviewers_the_publish_permission(roles):
    from django.contrib.auth.models import Group

    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    reviewers = set(Group.objects.get(name="Reviewers").permissions.values_list("codename", flat=True))
    assert "change_law" in editors and "publish_law" not in editors
    assert {"publish_law", "publish_channel", "publish_guide", "publish_jurisdiction"} <= reviewers


def test_a_published_change_exports_without_admin_fields(staff, texas_world, tmp_path):
    from kb.content.export import record_text
    from kb.revisions import record_snapshot, revision_propose, revision_publish, revision_submit

    editor, reviewer = staff("editor"), staff("reviewer")
    law = Law.objects.get(id="us-defiance-act")
    revision = revision_propose(
        record=law, snapshot=record_snapshot(law) | {"title": "New"}, note="n", user=editor.user
    )
    revision_submit(revision=revision, user=editor.user)
    revision_publish(revision=revision, user=reviewer.user)
    text = record_text(Law.objects.get(id="us-defiance-act"), "law")
    assert "title: New" in text
    for admin_only in ("version", "edited_by", "note:", "revision"):
        assert admin_only not in text
