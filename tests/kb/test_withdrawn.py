"""Unpublishing tells the public when and why, instead of a bare 404, and search drops the record."""

from __future__ import annotations

import pytest

from kb.models import Law
from kb.revisions import record_publish, record_submit, record_unpublish
from kb.search.engine import engine_get

LAW = "us-defiance-act"


@pytest.fixture
def reviewer(roles, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("rev", is_staff=True)
    user.groups.add(Group.objects.get(name="Reviewers"))
    return user


@pytest.fixture
def roles(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("create_roles", stdout=StringIO())


def test_a_withdrawn_law_page_says_when_and_why(client, texas_world, reviewer):
    record_unpublish(record=Law.objects.get(id=LAW), user=reviewer, reason="The bill failed in committee")
    response = client.get(f"/laws/{LAW}/")
    html = response.content.decode()
    assert response.status_code == 410
    assert "This record was withdrawn on" in html and "The bill failed in committee" in html
    assert "DEFIANCE Act" in html


@pytest.mark.parametrize(
    ("model", "pk", "url"),
    [
        ("channel", "stopncii", "/channels/stopncii/"),
        ("guide", "preserve-evidence", "/guides/preserve-evidence/"),
        ("jurisdiction", "US-CA", "/places/US-CA/"),
    ],
)
def test_every_record_type_has_a_withdrawn_page(client, texas_world, reviewer, model, pk, url):
    from kb.revisions import MODELS

    record_unpublish(record=MODELS[model].objects.get(pk=pk), user=reviewer, reason="Merged elsewhere")
    assert client.get(url).status_code == 410


def test_a_record_that_never_existed_is_still_a_404(client, texas_world):
    assert client.get("/laws/no-such-law/").status_code == 404


def test_republishing_removes_the_notice(client, texas_world, reviewer, django_user_model):
    law = Law.objects.get(id=LAW)
    record_unpublish(record=law, user=reviewer, reason="Checking")
    record_submit(record=law, user=reviewer)
    other = django_user_model.objects.create_superuser("other")
    record_publish(record=law, user=other)
    assert client.get(f"/laws/{LAW}/").status_code == 200


def test_search_drops_a_withdrawn_record(texas_world, reviewer):
    engine = engine_get()
    assert LAW in {p.record_id for p in engine.index().passages}
    record_unpublish(record=Law.objects.get(id=LAW), user=reviewer, reason="Failed")
    engine._checked_at = 0
    assert LAW not in {p.record_id for p in engine.index().passages}
