"""Guides in the reader's language: the translation when one is published, else English with a note."""

import re

import pytest

from kb.models import GuideTranslation
from tests.chat.test_views import h1, private


@pytest.fixture
def spanish(texas_world):
    """A published Spanish translation of 'preserve-evidence' that links to other pages of the site."""
    return GuideTranslation.objects.create(
        guide_id="preserve-evidence",
        lang="es",
        title="Guardar pruebas",
        summary="Guarda el enlace, el nombre de usuario y la fecha.",
        body="Guarda el enlace. Lee también [si es menor](/guides/when-under-18/) o [empieza](/help/?j=US-TX).",
        source_sha256="0" * 16,
        review_status="published",
        translator_note="Drafted for a test",
    )


def test_a_published_translation_is_the_guide_in_its_language(client, spanish):
    response = private(client.get("/es/guides/preserve-evidence/"))
    html = response.content.decode()
    assert h1(response) == "Guardar pruebas"
    assert "Guarda el enlace, el nombre de usuario" in html
    assert "Save the link, the username" not in html
    assert "english-note" not in html  # nothing is in English but the record's sources
    assert "Drafted for a test" in html


def test_links_in_a_translated_guide_keep_the_language(client, spanish):
    html = client.get("/es/guides/preserve-evidence/").content.decode()
    assert 'href="/es/guides/when-under-18/"' in html
    assert 'href="/es/help/?j=US-TX"' in html


def test_without_a_translation_the_english_guide_is_shown_with_a_note_in_the_readers_language(
    client, spanish
):
    response = client.get("/pt/guides/preserve-evidence/")
    html = response.content.decode()
    assert h1(response) == "Preserving evidence"
    assert '<div class="guide-text" lang="en">' in html
    assert "Este guia ainda não foi traduzido" in html


def test_in_english_the_english_guide_is_shown_without_a_note(client, spanish):
    response = client.get("/guides/preserve-evidence/")
    assert h1(response) == "Preserving evidence"
    assert "english-note" not in response.content.decode()


def test_a_draft_translation_is_not_shown(client, spanish):
    spanish.review_status = "draft"
    spanish.save()
    assert h1(client.get("/es/guides/preserve-evidence/")) == "Preserving evidence"


def test_a_stale_translation_is_shown_and_says_the_english_changed(client, spanish):
    spanish.guide.content_hash = "f" * 64
    spanish.guide.save()
    response = client.get("/es/guides/preserve-evidence/")
    html = response.content.decode()
    assert h1(response) == "Guardar pruebas"
    assert "La guía en inglés se actualizó después de esta traducción." in html
    assert re.search(r'<a href="/guides/preserve-evidence/" hreflang="en">', html)
