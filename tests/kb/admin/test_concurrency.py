"""Threads saving the same record at once: exactly one save wins, the rest are refused, nothing is lost."""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.db import OperationalError, connection

from kb.models import Law, Revision
from kb.revisions import ReviewRefused, edit_token, record_edit, record_snapshot

LAW = "us-take-it-down-act"
THREADS = 6


def _race(users, law_state: str) -> tuple[list[str], list[str]]:
    Law.objects.filter(id=LAW).update(review_status=law_state)
    law = Law.objects.get(id=LAW)
    token, base = edit_token(law), record_snapshot(law)
    barrier = threading.Barrier(len(users))
    won, refused = [], []

    def save(user):
        try:
            barrier.wait()
            record_edit(
                record=law, snapshot=base | {"title": user.username}, token=token, note="n", user=user
            )
            won.append(user.username)
        except (ReviewRefused, OperationalError):  # SQLite refuses a second writer outright
            refused.append(user.username)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return won, refused


@pytest.fixture
def editors(texas_world, django_user_model):
    from django.contrib.auth.models import Permission

    users = [django_user_model.objects.create_user(f"ed{i}") for i in range(THREADS)]
    perms = Permission.objects.filter(codename="change_law")
    for u in users:
        u.user_permissions.set(perms)
    return users


@pytest.mark.django_db(transaction=True)
def test_concurrent_edits_of_a_live_record_leave_one_waiting_change(editors):
    won, refused = _race(editors, "published")
    assert len(won) == 1 and len(refused) == THREADS - 1
    assert Revision.objects.get().snapshot["title"] == won[0]
    assert Law.objects.get(id=LAW).title != won[0]  # still only proposed


@pytest.mark.django_db(transaction=True)
def test_concurrent_edits_of_a_draft_keep_exactly_one(editors):
    won, refused = _race(editors, "draft")
    assert len(won) == 1 and len(refused) == THREADS - 1
    assert Law.objects.get(id=LAW).title == won[0]


@pytest.mark.django_db(transaction=True)
def test_one_edit_wins_even_when_every_editor_read_the_record_first(editors, monkeypatch):
    """The order that once left no winner on SQLite: all six read the row, then all try to write."""
    from kb import revisions

    read_by_all = threading.Barrier(THREADS, timeout=3)
    claim = revisions._claim

    def claim_then_wait(record, version):
        fresh = claim(record, version)
        # Where the database lets them, every editor has read before anyone writes; where it made the
        # others wait or refused them, as it should, the barrier breaks.
        with contextlib.suppress(threading.BrokenBarrierError):
            read_by_all.wait()
        return fresh

    monkeypatch.setattr(revisions, "_claim", claim_then_wait)
    won, refused = _race(editors, "draft")
    assert len(won) == 1 and len(refused) == THREADS - 1
    assert Law.objects.get(id=LAW).title == won[0]
