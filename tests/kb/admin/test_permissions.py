"""The permission matrix: every admin action, form and URL, for each role, on published and draft
records. The rule it checks: only a reviewer (or superuser) changes what the public sees, and never
by publishing their own edit; an Editor's every path leaves the live record exactly as it was."""

from __future__ import annotations

import pytest

from kb.models import Law, Revision, Withdrawal
from kb.revisions import record_snapshot
from tests.kb.admin.conftest import ADMIN, form_data

ROLES = ["anon", "editor", "reviewer", "superuser"]
LAW = "us-take-it-down-act"
URL = f"{ADMIN}/kb/law/{LAW}"


def row_state(law_id: str = LAW):
    law = Law.objects.get(id=law_id)
    return (law.review_status, law.last_verified, law.version, record_snapshot(law))


def _edit(client, state):
    data = {"title": "Rewritten title", "change_note": "Rewrite"}
    if client.user.is_staff:
        data = form_data(client, f"{URL}/change/") | data
    return client.post(f"{URL}/change/", data)


def _edit_id(client, state):
    data = {"id": "us-defiance-act", "title": "Hijacked", "change_note": "rename"}
    if client.user.is_staff:
        data = form_data(client, f"{URL}/change/") | data
    return client.post(f"{URL}/change/", data)


def _bulk(action):
    return lambda client, state: client.post(
        f"{ADMIN}/kb/law/", {"action": action, "_selected_action": [LAW]}
    )


def _move(move, **data):
    return lambda client, state: client.post(f"{URL}/review/{move}/", data)


def _revert(client, state):
    version = Law.history.filter(id=LAW).order_by("history_id").first().history_id
    return client.post(f"{URL}/history/{version}/", {"note": "go back"})


def _delete(client, state):
    return client.post(f"{URL}/delete/", {"post": "yes"})


ACTIONS = {
    "edit form": _edit,
    "edit the id": _edit_id,
    "bulk submit": _bulk("submit_for_review"),
    "bulk publish": _bulk("publish"),
    "bulk unpublish": _bulk("unpublish"),
    "bulk verified today": _bulk("mark_verified_today"),
    "bulk delete": _bulk("delete_selected"),
    "submit": _move("submit"),
    "return to draft": _move("return"),
    "publish": _move("publish"),
    "unpublish": _move("unpublish", reason="Repealed"),
    "verify": _move("verify", source_url="https://example.org/law"),
    "history revert": _revert,
    "delete": _delete,
}

# What each (action, state) does to the live row, for the roles it is allowed to; every other role is
# refused and the row stays the same. "same" everywhere means nobody may change the row this way.
# Published records: edits become revisions (the row stays the same for everyone).
CHANGES = {
    ("submit", "draft"): {"editor", "reviewer", "superuser"},
    ("bulk submit", "draft"): {"editor", "reviewer", "superuser"},
    ("return to draft", "in_review"): {"editor", "reviewer", "superuser"},
    ("edit form", "draft"): {"editor", "reviewer", "superuser"},
    ("edit form", "in_review"): {"editor", "reviewer", "superuser"},
    ("edit the id", "draft"): {"editor", "reviewer", "superuser"},  # the title changes; the id does not
    ("edit the id", "in_review"): {"editor", "reviewer", "superuser"},
    ("publish", "in_review"): {"reviewer", "superuser"},
    ("unpublish", "published"): {"reviewer", "superuser"},
    ("verify", "published"): {"reviewer", "superuser"},
    ("verify", "draft"): {"editor", "reviewer", "superuser"},
    ("verify", "in_review"): {"editor", "reviewer", "superuser"},
    ("delete", "draft"): {"reviewer", "superuser"},
    ("delete", "in_review"): {"reviewer", "superuser"},
}
MATRIX = [(a, s, r) for a in ACTIONS for s in ("published", "draft", "in_review") for r in ROLES]


@pytest.mark.parametrize(("action", "state", "role"), MATRIX)
def test_permission_matrix(staff, texas_world, action, state, role):
    Law.objects.filter(id=LAW).update(review_status=state)
    client = staff(role)
    before = row_state()
    ACTIONS[action](client, state)
    exists = Law.objects.filter(id=LAW).exists()
    after = row_state() if exists else None
    if role in CHANGES.get((action, state), set()):
        assert after != before, f"{role} should be able to {action} a {state} record"
    else:
        assert after == before, f"{role} must not {action} a {state} record"
    assert Law.objects.filter(id="us-defiance-act").get().title != "Hijacked"
    if state == "published" and role in ("anon", "editor"):
        assert not Withdrawal.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_an_edit_of_a_live_record_becomes_a_revision_for_every_role(staff, texas_world, role):
    client = staff(role)
    before = row_state()
    _edit(client, "published")
    assert row_state() == before
    assert Revision.objects.filter(record_id=LAW).exists() == (role != "anon")


@pytest.mark.parametrize(("role", "publishes"), [("editor", False), ("reviewer", True), ("superuser", True)])
def test_only_a_reviewer_publishes_someone_elses_revision(staff, texas_world, role, publishes):
    author = staff("editor", "author")
    _edit(author, "published")
    revision = Revision.objects.get(record_id=LAW)
    author.post(f"{ADMIN}/kb/revision/{revision.pk}/change/", {"move": "submit"})
    staff(role).post(f"{ADMIN}/kb/revision/{revision.pk}/change/", {"move": "publish"})
    assert (Law.objects.get(id=LAW).title == "Rewritten title") == publishes


@pytest.mark.parametrize("role", ["reviewer", "superuser"])
def test_nobody_publishes_their_own_revision(staff, texas_world, role):
    client = staff(role)
    _edit(client, "published")
    revision = Revision.objects.get(record_id=LAW)
    client.post(f"{ADMIN}/kb/revision/{revision.pk}/change/", {"move": "submit"})
    response = client.post(f"{ADMIN}/kb/revision/{revision.pk}/change/", {"move": "publish"}, follow=True)
    assert "another reviewer must" in response.content.decode()
    assert Law.objects.get(id=LAW).title != "Rewritten title"


@pytest.mark.parametrize(
    ("role", "status"), [("anon", 302), ("editor", 200), ("reviewer", 200), ("superuser", 200)]
)
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/dashboard/",
        "/kb/law/",
        f"/kb/law/{LAW}/change/",
        f"/kb/law/{LAW}/history/",
        "/kb/revision/",
        "/kb/suggestion/",
        "/kb/linkcheck/",
    ],
)
def test_pages_open_to_staff_only(staff, texas_world, role, status, path):
    assert staff(role).get(ADMIN + path).status_code == status


@pytest.mark.parametrize(
    ("role", "status"), [("anon", 302), ("editor", 403), ("reviewer", 200), ("superuser", 200)]
)
@pytest.mark.parametrize("move", ["unpublish", "verify"])
def test_confirmation_pages_for_live_records_open_to_reviewers_only(staff, texas_world, role, status, move):
    assert staff(role).get(f"{URL}/review/{move}/").status_code == status


def test_matrix_size_is_reported():
    assert len(MATRIX) == len(ACTIONS) * 3 * len(ROLES) == 168
