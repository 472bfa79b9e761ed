"""The guided help in Spanish, French and Portuguese: chosen by the URL or the browser, never a cookie."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from kb.models import GuideTranslation
from tests.chat.test_views import Visitor, h1, link, private, token

LANGUAGES = ["es", "fr", "pt"]


def test_a_language_prefix_translates_the_flow_and_keeps_the_language_on_every_step(client, texas_world):
    v = Visitor(client, "/es/help/", who=None)
    assert v.title == "¿Esto te pasa a ti, o estás ayudando a otra persona?"
    assert '<html lang="es"' in v.html
    v.answer(who="self").answer(danger="no").answer(place_code="US-TX")
    assert v.title == "¿Qué pasó?"
    assert all(url.startswith("/es/help/step/?s=") for url in v.urls)


def test_the_plan_names_the_place_in_the_chosen_language_and_says_records_are_in_english(client, texas_world):
    v = Visitor(client, "/fr/help/").answer(danger="no").answer(place_code="FR")
    v.answer(happened=["shared"]).answer(minor="no").answer(platforms=["instagram"]).answer(wants=["removal"])
    assert v.title == "Votre plan pour France"
    assert "en anglais pour l\u2019instant" in v.html
    assert "Tex. Penal Code" not in v.html


@pytest.mark.parametrize(
    ("header", "fetch_site", "expected"),
    [
        ("es-MX,es;q=0.9,en;q=0.5", "none", "/es/help/"),
        ("pt-BR,pt;q=0.9", "cross-site", "/pt/help/"),
        ("fr-CA", "same-origin", None),  # a link inside the site: the switcher's choice stands
        ("de-DE,de;q=0.9", "none", None),  # a language we do not have: English
        ("en-GB", "none", None),
    ],
)
def test_someone_arriving_from_outside_gets_their_browsers_language(
    client, texas_world, header, fetch_site, expected
):
    response = client.get("/help/", HTTP_ACCEPT_LANGUAGE=header, HTTP_SEC_FETCH_SITE=fetch_site)
    if expected:
        assert (response.status_code, response["Location"]) == (302, expected)
    else:
        assert response.status_code == 200
    assert not response.cookies


def test_the_language_switcher_links_to_this_page_in_every_language(client, texas_world):
    html = private(client.get("/pt/help/")).content.decode()
    for code, href in [("en", "/help/"), ("es", "/es/help/"), ("fr", "/fr/help/"), ("pt", "/pt/help/")]:
        assert f'href="{href}" lang="{code}"' in html
    assert 'lang="pt" hreflang="pt" aria-current="true"' in html


def test_record_pages_and_the_api_keep_their_urls(client, texas_world):
    assert h1(client.get("/es/laws/us-tx-penal-21-165/"))
    assert client.get("/api/v1/laws").status_code == 200
    assert client.get("/es/api/v1/laws").status_code == 404


VICTIMS = r"(templates/chat/|chat/\w+\.py|templates/base\.html|kb/vocab\.py|templates/kb/guide\.html)"
# The policymakers' pages: compare, maps, timeline, data, changes and the feed, their views and labels.
POLICYMAKERS = r"(templates/policy/|policy/[\w/]+\.py|kb/compare\.py)"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("side", [VICTIMS, POLICYMAKERS], ids=["victims", "policymakers"])
def test_every_string_of_the_public_pages_is_translated(language, side):
    """A new string in the guided help, on the shared pages or on the policymakers' pages fails here until
    it is translated."""
    po = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    missing = []
    found = 0
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        refs = " ".join(line for line in block.splitlines() if line.startswith("#:"))
        if not re.search(side, refs):
            continue
        found += 1
        # Each msgstr (or msgstr[n]) with its continuation lines; "" throughout means untranslated.
        translations = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M)
        if "#, fuzzy" in block or any(not "".join(re.findall(r'"(.*)"', t)) for t in translations):
            missing.append(refs)
    assert found > 50  # the catalogue really has these pages' strings
    assert missing == []


def test_place_names_are_translated_on_place_pages_and_in_the_picker(client, texas_world):
    assert h1(client.get("/es/places/US/")) == "Estados Unidos"
    assert h1(client.get("/places/US/")) == "United States"
    place_screen = Visitor(client, "/fr/help/").answer(danger="no")
    assert place_screen.title == "Où vivez-vous ?"
    assert '<optgroup label="États-Unis">' in place_screen.html


# --- Guides in the reader's language (the guide page itself: tests/kb/test_guide_pages.py) -----------


@pytest.fixture
def spanish(texas_world):
    return GuideTranslation.objects.create(
        guide_id="preserve-evidence",
        lang="es",
        title="Guardar pruebas",
        summary="Guarda el enlace, el nombre de usuario y la fecha.",
        body="Guarda el enlace.",
        source_sha256="0" * 16,
        review_status="published",
    )


def test_the_spanish_plan_and_its_printable_summary_list_the_guide_in_spanish(client, spanish):
    v = Visitor(client, "/es/help/").answer(danger="no").answer(place_code="US-TX")
    v.answer(happened=["shared"]).answer(minor="no").answer(platforms=["instagram"]).answer(wants=["removal"])
    html = v.html
    assert 'href="/es/guides/preserve-evidence/">Guardar pruebas</a>' in html
    assert "Preserving evidence" not in html
    summary = private(client.get(link(v.page, 'href="/es/help/plan/print/'))).content.decode()
    assert "Guardar pruebas" in summary and "/es/guides/preserve-evidence/" in summary


def test_a_guide_without_a_translation_is_marked_english_in_the_list(client, spanish):
    v = Visitor(client, "/es/help/").answer(danger="no").answer(place_code="US-TX")
    v.answer(happened=["shared"]).answer(minor="yes").answer(platforms=["instagram"]).answer(
        wants=["removal"]
    )
    assert re.search(
        r'<a href="/es/guides/when-under-18/" lang="en">When the person shown is under 18</a> '
        r'<span class="meta">\(en inglés\)</span>',
        v.html,
    )


def test_the_french_plan_has_no_spanish_guide(client, spanish):
    v = Visitor(client, "/fr/help/").answer(danger="no").answer(place_code="US-TX")
    v.answer(happened=["shared"]).answer(minor="no").answer(platforms=["instagram"]).answer(wants=["removal"])
    assert "Guardar pruebas" not in v.html
    assert '<a href="/fr/guides/preserve-evidence/" lang="en">Preserving evidence</a>' in v.html
    assert token(v.page)


def test_the_guides_of_a_spanish_plan_cost_one_query_for_all_their_translations(
    client, spanish, django_assert_max_num_queries
):
    from django.utils import translation

    from chat.plan import plan_for
    from chat.state import FlowState
    from kb.selectors import guide_texts

    with translation.override("es"):
        plan = plan_for(FlowState(place="US-TX", place_confirmed=True))
        with django_assert_max_num_queries(0):
            texts = guide_texts(plan.guides)
    assert [t.title for t in texts if t.translated] == ["Guardar pruebas"]
