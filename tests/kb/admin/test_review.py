"""Review that shows what changed: revisions, every state transition (allowed and refused), the diff,
the conflict on concurrent edits, revert, and verification that names its source."""

from __future__ import annotations

import pytest

from kb.diff import snapshot_diff, word_diff
from kb.models import Law, Revision, VerificationCheck, Withdrawal
from kb.revisions import (
    ReviewRefused,
    record_edit,
    record_publish,
    record_return_to_draft,
    record_snapshot,
    record_submit,
    record_unpublish,
    record_verify,
    revision_propose,
    revision_publish,
    revision_reject,
    revision_submit,
)
from tests.kb.admin.conftest import ADMIN, form_data

LAW = "us-take-it-down-act"
CHANGE = f"{ADMIN}/kb/law/{LAW}/change/"


def _edit(client, **changes):
    return client.post(CHANGE, form_data(client, CHANGE) | {"change_note": "Tidy"} | changes)


def _revision_page(client, revision):
    return client.get(f"{ADMIN}/kb/revision/{revision.pk}/change/").content.decode()


def test_editing_a_live_law_keeps_the_public_text_until_a_reviewer_publishes(staff, texas_world, client):
    editor, reviewer = staff("editor"), staff("reviewer")
    _edit(editor, body="Publishing intimate images or deepfakes without consent is a federal crime.")
    assert "digital forgeries" in client.get(f"/laws/{LAW}/").content.decode()
    revision = Revision.objects.get()
    assert revision.state == "draft" and revision.note == "Tidy" and revision.author == editor.user
    editor.post(f"{ADMIN}/kb/revision/{revision.pk}/change/", {"move": "submit"})
    page = _revision_page(reviewer, revision)
    assert "<del>digital forgeries</del>" in page and "<ins>deepfakes</ins>" in page and "Tidy" in page
    reviewer.post(f"{ADMIN}/kb/revision/{revision.pk}/change/", {"move": "publish"})
    public = client.get(f"/laws/{LAW}/").content.decode()
    assert "deepfakes without consent" in public and "digital forgeries" not in public
    law = Law.objects.get(id=LAW)
    assert law.history.first().history_change_reason.startswith(f"published change #{revision.pk}")
    assert Revision.objects.get().state == "published" and Revision.objects.get().reviewer == reviewer.user


def test_the_edit_form_shows_the_waiting_change_and_saving_updates_it(staff, texas_world):
    editor = staff("editor")
    _edit(editor, title="First try")
    page = staff("editor", "colleague").get(CHANGE).content.decode()
    assert 'value="First try"' in page and ">\nTidy</textarea>" in page
    _edit(editor, title="Second try")
    assert Revision.objects.count() == 1 and Revision.objects.get().snapshot["title"] == "Second try"


def test_the_second_of_two_concurrent_edits_is_refused_and_shown_the_first(staff, texas_world):
    alice, bob = staff("editor", "alice"), staff("editor", "bob")
    alice_form, bob_form = form_data(alice, CHANGE), form_data(bob, CHANGE)
    alice.post(CHANGE, alice_form | {"title": "Alice's title", "change_note": "a"})
    response = bob.post(CHANGE, bob_form | {"title": "Bob's title", "change_note": "b"})
    html = response.content.decode()
    assert response.status_code == 200 and "alice saved this record while you were editing" in html
    assert "Alice&#x27;s title" in html or "Alice's title" in html
    assert Revision.objects.get().snapshot["title"] == "Alice's title"


def test_concurrent_edits_of_a_draft_are_refused_too(staff, texas_world):
    Law.objects.filter(id=LAW).update(review_status="draft")
    alice, bob = staff("editor", "alice"), staff("editor", "bob")
    alice_form, bob_form = form_data(alice, CHANGE), form_data(bob, CHANGE)
    alice.post(CHANGE, alice_form | {"title": "Alice's title", "change_note": "a"})
    assert bob.post(CHANGE, bob_form | {"title": "Bob's", "change_note": "b"}).status_code == 200
    assert Law.objects.get(id=LAW).title == "Alice's title"


def test_a_stale_token_that_slips_past_the_form_is_refused_by_the_save(staff, texas_world):
    editor = staff("editor")
    law = Law.objects.get(id=LAW)
    token = f"{law.version}.0.0"
    record_edit(
        record=law, snapshot=record_snapshot(law) | {"title": "One"}, token=token, note="n", user=editor.user
    )
    with pytest.raises(ReviewRefused):
        record_edit(record=law, snapshot=record_snapshot(law), token=token, note="n", user=editor.user)


def test_a_revision_drafted_from_an_older_version_cannot_be_published(staff, texas_world):
    editor, reviewer = staff("editor"), staff("reviewer")
    law = Law.objects.get(id=LAW)
    revision = revision_propose(
        record=law, snapshot=record_snapshot(law) | {"title": "X"}, note="n", user=editor.user
    )
    revision_submit(revision=revision, user=editor.user)
    Law.objects.get(id=LAW).save()  # someone else changed the live row meanwhile
    assert "changed after this change was drafted" in _revision_page(reviewer, revision)
    with pytest.raises(ReviewRefused):
        revision_publish(revision=revision, user=reviewer.user)


def test_verifying_or_moving_a_record_does_not_outdate_a_waiting_change(staff, texas_world):
    editor, reviewer = staff("editor"), staff("reviewer")
    law = Law.objects.get(id=LAW)
    revision = revision_propose(
        record=law, snapshot=record_snapshot(law) | {"title": "V"}, note="n", user=editor.user
    )
    revision_submit(revision=revision, user=editor.user)
    record_verify(record=law, user=reviewer.user, source_url="https://example.org/law")
    revision_publish(revision=revision, user=reviewer.user)
    assert Law.objects.get(id=LAW).title == "V"


# Every transition, allowed and refused.
def test_revision_transitions(staff, texas_world):
    editor, reviewer, other = staff("editor"), staff("reviewer"), staff("reviewer", "other")
    law = Law.objects.get(id=LAW)
    revision = revision_propose(
        record=law, snapshot=record_snapshot(law) | {"title": "T"}, note="n", user=editor.user
    )
    with pytest.raises(ReviewRefused):
        revision_publish(revision=revision, user=reviewer.user)  # draft → published: must be reviewed
    with pytest.raises(ReviewRefused):
        revision_propose(record=law, snapshot={}, note="n", user=editor.user)  # one waiting change at a time
    revision_submit(revision=revision, user=editor.user)
    with pytest.raises(ReviewRefused):
        revision_submit(revision=revision, user=editor.user)  # already in review
    with pytest.raises(ReviewRefused):
        revision_publish(revision=revision, user=editor.user)  # editors never publish
    with pytest.raises(ReviewRefused):
        revision_reject(revision=revision, user=editor.user)
    revision_publish(revision=revision, user=other.user)
    revision.refresh_from_db()
    with pytest.raises(ReviewRefused):
        revision_reject(revision=revision, user=reviewer.user)  # decided
    second = revision_propose(
        record=Law.objects.get(id=LAW), snapshot={"title": "U"}, note="n", user=editor.user
    )
    revision_reject(revision=second, user=reviewer.user)
    second.refresh_from_db()
    assert second.state == "rejected" and Law.objects.get(id=LAW).title == "T"


def test_record_transitions(staff, texas_world):
    editor, reviewer, other = staff("editor"), staff("reviewer"), staff("reviewer", "other")
    law = Law.objects.get(id="us-defiance-act")
    Law.objects.filter(pk=law.pk).update(review_status="draft", edited_by=reviewer.user)
    with pytest.raises(ReviewRefused):
        record_publish(record=law, user=other.user)  # a draft must be sent for review first
    with pytest.raises(ReviewRefused):
        record_return_to_draft(record=law, user=editor.user)  # already a draft
    record_submit(record=law, user=editor.user)
    with pytest.raises(ReviewRefused):
        record_submit(record=law, user=editor.user)
    with pytest.raises(ReviewRefused):
        record_publish(record=law, user=editor.user)
    with pytest.raises(ReviewRefused):
        record_publish(record=law, user=reviewer.user)  # their own edit
    record_return_to_draft(record=law, user=editor.user)
    record_submit(record=law, user=editor.user)
    record_publish(record=law, user=other.user)
    assert Law.objects.get(pk=law.pk).review_status == "published"
    with pytest.raises(ReviewRefused):
        record_submit(record=law, user=editor.user)  # live records change through revisions
    with pytest.raises(ReviewRefused):
        record_return_to_draft(record=law, user=reviewer.user)  # leaving the site is unpublish
    with pytest.raises(ReviewRefused):
        record_unpublish(record=law, user=editor.user, reason="x")
    with pytest.raises(ReviewRefused):
        record_unpublish(record=law, user=reviewer.user, reason=" ")  # the public is told why
    record_unpublish(record=law, user=reviewer.user, reason="The bill failed")
    with pytest.raises(ReviewRefused):
        record_unpublish(record=law, user=reviewer.user, reason="again")
    assert Withdrawal.objects.get().reason == "The bill failed"


def test_publish_and_unpublish_ask_for_confirmation_first(staff, texas_world):
    reviewer = staff("reviewer")
    page = reviewer.get(f"{ADMIN}/kb/law/{LAW}/review/unpublish/").content.decode()
    assert "will say the record was withdrawn" in page and 'name="reason"' in page
    assert Law.objects.get(id=LAW).review_status == "published"
    Law.objects.filter(id="us-defiance-act").update(review_status="in_review")
    page = reviewer.get(f"{ADMIN}/kb/law/us-defiance-act/review/publish/").content.decode()
    assert "would let victims of sexual deepfakes sue" in page  # the whole text to be published
    assert Law.objects.get(id="us-defiance-act").review_status == "in_review"


def test_the_publish_page_refuses_a_reviewers_own_edit_up_front(staff, texas_world):
    reviewer = staff("reviewer")
    Law.objects.filter(id="us-defiance-act").update(review_status="in_review", edited_by=reviewer.user)
    page = reviewer.get(f"{ADMIN}/kb/law/us-defiance-act/review/publish/").content.decode()
    assert "another reviewer must check and publish it" in page and 'value="Publish"' not in page


def test_verifying_records_who_when_and_against_which_source(staff, texas_world):
    reviewer = staff("reviewer")
    page = reviewer.get(f"{ADMIN}/kb/law/{LAW}/review/verify/").content.decode()
    assert "https://example.org/source" in page and "https://example.org/law" in page
    assert "Last verified" in page and "<ins>" in page  # the date it will show, before and after
    reviewer.post(f"{ADMIN}/kb/law/{LAW}/review/verify/", {"source_url": "https://example.org/source"})
    check = VerificationCheck.objects.get()
    assert (check.checked_by, check.source_url, check.record_id) == (
        reviewer.user,
        "https://example.org/source",
        LAW,
    )
    assert Law.objects.get(id=LAW).last_verified == check.checked_at.date()


def test_verifying_needs_a_source_of_the_record(staff, texas_world):
    reviewer = staff("reviewer")
    before = Law.objects.get(id=LAW).last_verified
    reviewer.post(f"{ADMIN}/kb/law/{LAW}/review/verify/", {"source_url": "https://elsewhere.example/"})
    assert not VerificationCheck.objects.exists() and Law.objects.get(id=LAW).last_verified == before
    with pytest.raises(ReviewRefused):
        record_verify(record=Law.objects.get(id=LAW), user=reviewer.user, source_url="")


def test_revert_is_a_reviewed_change_showing_the_diff(staff, texas_world):
    editor, reviewer = staff("editor"), staff("reviewer", "rev1")
    law = Law.objects.get(id=LAW)
    first = law.history.order_by("history_id").first()
    law.title = "Changed title"
    law.save()
    page = editor.get(f"{ADMIN}/kb/law/{LAW}/history/{first.history_id}/").content.decode()
    assert "<del>Changed title</del>" in page or "Changed" in page
    editor.post(f"{ADMIN}/kb/law/{LAW}/history/{first.history_id}/", {"note": "Back to the old title"})
    assert Law.objects.get(id=LAW).title == "Changed title"  # nothing live yet
    revision = Revision.objects.get()
    assert revision.is_revert and revision.snapshot["title"] == first.title
    revision_submit(revision=revision, user=editor.user)
    revision_publish(revision=revision, user=reviewer.user)
    assert Law.objects.get(id=LAW).title == first.title


def test_the_history_page_shows_every_changed_word_not_truncated_text(staff, texas_world):
    law = Law.objects.get(id=LAW)
    law.body = law.body + " Long text." * 30 + " The final sentence."
    law.save()
    html = staff("editor").get(f"{ADMIN}/kb/law/{LAW}/history/").content.decode()
    i = html.find("chars]")
    assert i < 0, html[i - 300 : i + 50]
    assert "The final sentence.</ins>" in html and "Long text. Long text." in html


def test_word_diff_marks_words_and_escapes_html():
    assert word_diff("a <b> c", "a <i> c") == "a <del>&lt;b&gt;</del><ins>&lt;i&gt;</ins> c"


def test_snapshot_diff_lists_only_changed_fields_in_full():
    body = "word " * 200
    changes = snapshot_diff({"title": "A", "body": body}, {"title": "A", "body": body + "new"}, {})
    assert [c.name for c in changes] == ["body"] and changes[0].after.endswith("new")
