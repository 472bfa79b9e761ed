"""The editors' admin in a real browser, with the site's real headers: sign in with a one-time code,
edit a published law, send it for review, be refused publishing one's own edit, and have a second
reviewer read the diff and publish; the public page and /ask/ then show the new text. Axe checks the
admin's list, change, review and dashboard pages (no serious or critical problems)."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import AXE

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

DESKTOP = {"width": 1280, "height": 900}
LAW = "us-tx-penal-21-165"
NEW_NAME = "Texas sexual deepfake offence (checked in a browser)"


@pytest.fixture
def reviewers(server_db, django_user_model):
    """Two reviewers with authenticators, written through the server's connection and removed after,
    with the law the test edits put back as it was."""
    from kb.models import Law, Revision
    from kb.revisions import record_snapshot, snapshot_apply

    call_command("create_roles", verbosity=0)
    law = Law.objects.get(id=LAW)
    before = record_snapshot(law)
    made = []
    for name in ("rev-a", "rev-b"):
        user = django_user_model.objects.create_user(name, password="a-long-password", is_staff=True)
        user.groups.add(Group.objects.get(name="Reviewers"))
        made.append((user, TOTPDevice.objects.create(user=user, name="phone", confirmed=True)))
    yield made
    Revision.objects.filter(record_id=LAW).delete()
    snapshot_apply(Law.objects.get(id=LAW), before)
    for user, _ in made:
        user.delete()


def sign_in(visit, user, device):
    v = visit(viewport=DESKTOP, bypass_csp=True)  # axe-core is injected as an inline script
    page = v.open("/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("a-long-password")
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Code from your authenticator app").fill(f"{code:06d}")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    assert "Site administration" in page.content() or "Knowledge base" in page.content()
    return v, page


def axe_problems(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{page.url} {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def wait_for_text(page, url: str, text: str, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page.goto(url)
        if text in page.content():
            return True
        time.sleep(0.5)
    return False


def test_an_edit_is_reviewed_by_a_second_reviewer_and_goes_live(visit, reviewers):
    (author, author_device), (second, second_device) = reviewers
    v, page = sign_in(visit, author, author_device)
    problems: list[str] = []

    page.goto(v.site + "/admin/kb/law/?place=US-TX")
    problems += axe_problems(page)
    page.goto(v.site + f"/admin/kb/law/{LAW}/change/")
    problems += axe_problems(page)
    page.get_by_label("Short name").fill(NEW_NAME)
    page.get_by_label("What you changed and why").fill("Clearer name for victims")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert "Saved as a proposed change" in page.content()
    problems += axe_problems(page)

    public = visit()
    assert NEW_NAME not in public.open(f"/laws/{LAW}/").content()  # the live text keeps serving

    with page.expect_navigation():
        page.get_by_role("button", name="Send for review").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish this change").click()
    assert "another reviewer must" in page.content()
    assert NEW_NAME not in public.open(f"/laws/{LAW}/").content()

    v2, page2 = sign_in(visit, second, second_device)
    page2.goto(v2.site + "/admin/dashboard/")
    problems += axe_problems(page2)
    with page2.expect_navigation():
        page2.get_by_role("link", name=f"Change to law {LAW}").first.click()
    diff = page2.locator("table.recourse-diff")
    assert diff.locator("ins").first.inner_text().strip() and "Clearer name for victims" in page2.content()
    with page2.expect_navigation():
        page2.get_by_role("button", name="Publish this change").click()
    assert "The change was published" in page2.content()

    assert wait_for_text(public.page, v.site + f"/laws/{LAW}/", NEW_NAME)
    ask = public.open("/ask/")
    ask.get_by_label("Your question").fill("Someone made a fake nude of me in Texas. What law applies?")
    with ask.expect_navigation():
        ask.get_by_role("button", name="Ask").click()
    assert NEW_NAME in ask.content()
    assert problems == [], "\n".join(problems)


def test_the_review_and_confirmation_pages_have_no_serious_accessibility_problems(visit, reviewers):
    (author, device), _ = reviewers
    v, page = sign_in(visit, author, device)
    problems: list[str] = []
    for path in (
        f"/admin/kb/law/{LAW}/review/unpublish/",
        f"/admin/kb/law/{LAW}/review/verify/",
        f"/admin/kb/law/{LAW}/history/",
        "/admin/kb/channel/stopncii/change/",
        "/admin/kb/jurisdiction/US-TX/change/",
        "/admin/kb/law/add/",
        "/admin/kb/revision/",
    ):
        page.goto(v.site + path)
        problems += axe_problems(page)
    assert problems == [], "\n".join(problems)


@pytest.fixture
def editor_and_reviewer(server_db, django_user_model):
    """An editor and a reviewer with authenticators, removed after."""
    call_command("create_roles", verbosity=0)
    made = []
    for name, group in (("ed-t", "Editors"), ("rev-t", "Reviewers")):
        user = django_user_model.objects.create_user(name, password="a-long-password", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        made.append((user, TOTPDevice.objects.create(user=user, name="phone", confirmed=True)))
    yield made
    for user, _ in made:
        user.delete()


def test_editors_and_reviewers_read_guide_translations_that_only_the_content_files_change(
    visit, editor_and_reviewer
):
    from kb.models import GuideTranslation

    translation = GuideTranslation.objects.get(guide_id="sextortion", lang="es")
    for user, device in editor_and_reviewer:
        v, page = sign_in(visit, user, device)
        page.goto(v.site + "/admin/kb/guidetranslation/")
        assert translation.title in page.content()
        page.goto(v.site + f"/admin/kb/guidetranslation/{translation.pk}/change/")
        assert "sextorsión" in page.inner_text("body").lower()
        assert page.get_by_role("button", name="Save").count() == 0  # read-only for every role
        assert axe_problems(page) == []
        page.goto(v.site + "/admin/dashboard/")
        assert "Stale translations" in page.content()
