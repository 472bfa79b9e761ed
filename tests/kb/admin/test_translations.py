"""Guide translations in the admin: listed with a stale flag, on the dashboard when stale, never edited here."""

from __future__ import annotations

import pytest

from kb.models import Guide, GuideTranslation
from tests.kb.admin.conftest import ADMIN


@pytest.fixture
def translation(texas_world):
    Guide.objects.filter(id="preserve-evidence").update(content_hash="a" * 64)
    return GuideTranslation.objects.create(
        guide_id="preserve-evidence",
        lang="fr",
        title="Garder des preuves",
        body="Gardez le lien.",
        source_sha256="b" * 16,  # made from an older English file
        review_status="published",
    )


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_staff_read_translations_with_their_stale_flag(staff, translation, role):
    client = staff(role)
    listing = client.get(f"{ADMIN}/kb/guidetranslation/?stale=yes")
    assert listing.status_code == 200
    assert "Garder des preuves" in listing.content.decode()
    page = client.get(f"{ADMIN}/kb/guidetranslation/{translation.pk}/change/")
    assert page.status_code == 200 and "Gardez le lien." in page.content.decode()
    assert client.get(f"{ADMIN}/kb/guidetranslation/{translation.pk}/history/").status_code == 200


@pytest.mark.parametrize("role", ["editor", "reviewer", "superuser"])
def test_nobody_changes_a_translation_in_the_admin(staff, translation, role):
    client = staff(role)
    assert client.get(f"{ADMIN}/kb/guidetranslation/add/").status_code == 403
    client.post(
        f"{ADMIN}/kb/guidetranslation/{translation.pk}/change/", {"title": "Changé", "review_status": "draft"}
    )
    assert client.get(f"{ADMIN}/kb/guidetranslation/{translation.pk}/delete/").status_code == 403
    translation.refresh_from_db()
    assert (translation.title, translation.review_status) == ("Garder des preuves", "published")


def test_the_dashboard_lists_stale_translations(staff, translation):
    html = staff("editor").get(f"{ADMIN}/dashboard/").content.decode()
    assert "Stale translations: the English guide changed since (1)" in html
    assert (
        f'href="{ADMIN}/kb/guidetranslation/{translation.pk}/change/">Preserving evidence (Français)</a>'
        in html
    )


def test_an_up_to_date_translation_is_not_on_the_dashboard(staff, translation):
    GuideTranslation.objects.filter(pk=translation.pk).update(source_sha256="a" * 16)
    html = staff("editor").get(f"{ADMIN}/dashboard/").content.decode()
    assert "Stale translations: the English guide changed since (0)" in html
