"""The editors' admin: lists with filters, the review actions, history and the stale queue."""

import datetime as dt

import pytest

from kb.models import Law


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["law", "channel", "guide", "jurisdiction"])
def test_list_and_edit_pages_render(editor, texas_world, model):
    assert editor.get(f"/admin/kb/{model}/").status_code == 200
    pk = {
        "law": "us-tx-penal-21-165",
        "channel": "stopncii",
        "guide": "preserve-evidence",
        "jurisdiction": "US-TX",
    }
    page = editor.get(f"/admin/kb/{model}/{pk[model]}/change/")
    assert page.status_code == 200
    assert "recourse-preview" in page.content.decode()


def test_filters_and_search_work(editor, texas_world):
    response = editor.get("/admin/kb/law/?status__exact=bill&q=DEFIANCE")
    assert "us-defiance-act" in response.content.decode()
    assert "us-tx-penal-21-165" not in response.content.decode()


def test_publishing_from_review_is_recorded_in_the_history(editor, texas_world):
    Law.objects.filter(id="us-defiance-act").update(review_status="in_review")
    response = editor.post("/admin/kb/law/", {"action": "publish", "_selected_action": ["us-defiance-act"]})
    assert response.status_code == 302
    law = Law.objects.get(id="us-defiance-act")
    assert law.review_status == "published"
    latest = law.history.first()
    assert latest.history_change_reason == "review status: published"
    assert latest.history_user.username == "editor"
    assert editor.get("/admin/kb/law/us-defiance-act/history/").status_code == 200


def test_the_stale_queue_lists_records_not_checked_for_180_days(editor, texas_world):
    Law.objects.filter(id="us-take-it-down-act").update(last_verified=dt.date(2025, 1, 1))
    html = editor.get("/admin/kb/law/?stale=stale").content.decode()
    assert "us-take-it-down-act" in html and "us-tx-penal-21-165" not in html


def test_marking_verified_today_updates_the_date(editor, texas_world):
    Law.objects.filter(id="us-take-it-down-act").update(last_verified=dt.date(2025, 1, 1))
    editor.post(
        "/admin/kb/law/", {"action": "mark_verified_today", "_selected_action": ["us-take-it-down-act"]}
    )
    assert Law.objects.get(id="us-take-it-down-act").last_verified > dt.date(2026, 1, 1)


@pytest.fixture
def drafter(client, django_user_model):
    """An editor who may write and submit, but not publish."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("drafter", "d@example.org", "pw", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_law", "change_law", "add_law", "view_jurisdiction"])
    )
    client.force_login(user)
    return client


def test_an_editor_without_the_publish_permission_cannot_publish(drafter, texas_world):
    Law.objects.filter(id="us-defiance-act").update(review_status="in_review")
    drafter.post("/admin/kb/law/", {"action": "publish", "_selected_action": ["us-defiance-act"]})
    assert Law.objects.get(id="us-defiance-act").review_status == "in_review"


def test_a_published_record_is_read_only_to_an_editor_and_stays_live(drafter, texas_world):
    page = drafter.get("/admin/kb/law/us-tx-penal-21-165/change/")
    assert page.status_code == 200
    assert 'name="citation"' not in page.content.decode()
    assert Law.objects.get(id="us-tx-penal-21-165").review_status == "published"


def test_an_editor_can_submit_a_draft_for_review(drafter, texas_world):
    Law.objects.filter(id="us-defiance-act").update(review_status="draft")
    drafter.post("/admin/kb/law/", {"action": "submit_for_review", "_selected_action": ["us-defiance-act"]})
    assert Law.objects.get(id="us-defiance-act").review_status == "in_review"


def test_roles_give_reviewers_and_only_reviewers_the_publish_permission(db):
    from io import StringIO

    from django.contrib.auth.models import Group
    from django.core.management import call_command

    call_command("create_roles", stdout=StringIO())
    call_command("create_roles", stdout=StringIO())  # safe to rerun
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    reviewers = set(Group.objects.get(name="Reviewers").permissions.values_list("codename", flat=True))
    assert "change_law" in editors and "publish_law" not in editors
    assert {"publish_law", "publish_channel", "publish_guide", "publish_jurisdiction"} <= reviewers
