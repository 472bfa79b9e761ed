"""Guide translations as content files: strict validation, loading, history, round trip and staleness.

The two translation files (Spanish and French, of a small English guide) are fixtures in
tests/kb/fixtures/translations/; the real translations belong to the translators.
"""

import hashlib
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kb.models import Guide, GuideTranslation
from kb.queues import queue_stale_translations
from tests.kb.test_content_loader import JURISDICTIONS, write_tree

FIXTURES = Path(__file__).parent / "fixtures" / "translations"
GUIDE = "global/guides/preserve-evidence.md"
ES = "global/guides/translations/es/preserve-evidence.md"
FR = "global/guides/translations/fr/preserve-evidence.md"


@pytest.fixture
def content(tmp_path, settings, db):
    settings.RECOURSE_CONTENT_DIR = tmp_path
    write_tree(tmp_path, {"jurisdictions/GLOBAL.md": JURISDICTIONS["jurisdictions/GLOBAL.md"]})
    shutil.copytree(FIXTURES, tmp_path, dirs_exist_ok=True)
    return tmp_path


def load(*args) -> str:
    out = StringIO()
    call_command("load_content", *args, stdout=out, stderr=out)
    return out.getvalue()


def load_error(*args) -> str:
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("load_content", *args, stdout=StringIO(), stderr=err)
    return err.getvalue()


def test_the_fixtures_name_the_english_file_they_were_translated_from():
    digest = hashlib.sha256((FIXTURES / GUIDE).read_bytes()).hexdigest()[:16]
    assert "source_sha256: " + digest in (FIXTURES / ES).read_text()
    assert "source_sha256: " + digest in (FIXTURES / FR).read_text()


def test_it_loads_each_translation_with_its_guide(content):
    output = load()
    assert "guide_translations: 2 new, 0 changed, 0 unchanged, 0 removed" in output
    es = GuideTranslation.objects.get(guide_id="preserve-evidence", lang="es")
    assert es.title == "Guardar pruebas"
    assert es.summary.startswith("Guarda enlaces")
    assert es.body.startswith("Las publicaciones y las cuentas")
    assert es.review_status == "published"
    assert es.content_path == ES
    assert es.translator_note == "Test fixture written for the loader's tests"
    assert not es.is_stale
    assert sorted(Guide.objects.get(id="preserve-evidence").translations.values_list("lang", flat=True)) == [
        "es",
        "fr",
    ]


def test_loading_twice_changes_nothing_and_history_has_one_entry_each(content):
    load()
    assert "guide_translations: 0 new, 0 changed, 2 unchanged, 0 removed" in load()
    assert GuideTranslation.history.count() == 2
    assert set(GuideTranslation.history.values_list("history_change_reason", flat=True)) == {"load_content"}


def test_a_changed_translation_is_updated_and_kept_in_its_history(content):
    load()
    path = content / ES
    path.write_text(path.read_text().replace("title: Guardar pruebas", "title: Guarda las pruebas"))
    assert "guide_translations: 0 new, 1 changed, 1 unchanged" in load()
    es = GuideTranslation.objects.get(lang="es")
    assert es.title == "Guarda las pruebas"
    assert [h.title for h in es.history.order_by("history_date")] == ["Guardar pruebas", "Guarda las pruebas"]


def test_load_then_export_is_byte_identical(content):
    before = {p: p.read_bytes() for p in content.rglob("*.md")}
    load()
    out = StringIO()
    call_command("export_content", stdout=out)
    assert {p: p.read_bytes() for p in content.rglob("*.md")} == before
    assert "0 file(s) written, 0 removed" in out.getvalue()


def test_export_writes_a_translation_back_to_its_file(content):
    load()
    GuideTranslation.objects.filter(lang="fr").update(title="Conserver des preuves")
    call_command("export_content", stdout=StringIO())
    text = (content / FR).read_text()
    assert text.startswith("---\ntype: guide_translation\nguide: preserve-evidence\nlang: fr\n")
    assert "title: Conserver des preuves\n" in text
    load()  # and the file it wrote loads again
    assert GuideTranslation.objects.get(lang="fr").title == "Conserver des preuves"


def test_a_deleted_translation_file_removes_the_translation(content):
    load()
    (content / FR).unlink()
    assert "guide_translations: 0 new, 0 changed, 1 unchanged, 1 removed" in load()
    assert list(GuideTranslation.objects.values_list("lang", flat=True)) == ["es"]
    assert GuideTranslation.history.filter(history_type="-", lang="fr").exists()


def test_a_translation_loads_on_its_own_when_its_guide_is_already_loaded(content):
    load()
    (content / ES).write_text((content / ES).read_text().replace("Guardar pruebas", "Guarda pruebas"))
    load(str(content / "global/guides/translations/es"))
    assert GuideTranslation.objects.get(lang="es").title == "Guarda pruebas"


def test_deleting_a_guide_whose_translations_stay_is_refused_by_name(content):
    load()
    (content / GUIDE).unlink()
    message = load_error()
    assert f"{ES}: guide: there is no guide 'preserve-evidence' to translate" in message
    assert Guide.objects.filter(id="preserve-evidence").exists()


def test_deleting_a_guide_is_refused_while_a_translation_outside_the_loaded_folder_points_at_it(content):
    elsewhere = content / "other/translations/es/preserve-evidence.md"
    elsewhere.parent.mkdir(parents=True)
    (content / ES).rename(elsewhere)
    (content / FR).unlink()
    load()
    (content / GUIDE).unlink()
    message = load_error(str(content / "global"))
    assert (
        "other/translations/es/preserve-evidence.md: guide: translates 'preserve-evidence', whose file"
        in message
    )
    assert Guide.objects.filter(id="preserve-evidence").exists()


BROKEN = [
    ("guide: preserve-evidence", "guide: keep-evidence", "guide", "the file is named 'preserve-evidence'"),
    ("lang: es", "lang: de", "lang", "'de' is not one of: es, fr, pt"),
    ("lang: es", "lang: fr", "lang", "belongs in a translations/fr/ folder"),
    ("source_sha256: ", "source_sha256: xyz", "source_sha256", "not the first 16 hex characters"),
    ("review_status: published", "review_status: live", "review_status", "'live' is not one of"),
    ("title: Guardar pruebas\n", "", "title", "is required"),
    ("summary: Guarda", "summary: " + "Guarda " * 50, "summary", "the most is 300"),
    ("translator_note:", "verification: official\ntranslator_note:", "verification", "unknown field"),
]


@pytest.mark.parametrize(("old", "new", "field", "message"), BROKEN)
def test_a_broken_translation_loads_nothing_and_names_file_and_field(content, old, new, field, message):
    path = content / ES
    assert old in path.read_text()
    text = path.read_text().replace(old, new, 1)
    if field == "source_sha256":  # replace the whole hash, not just its label
        text = "\n".join(
            "source_sha256: xyz" if line.startswith("source_sha256") else line for line in text.splitlines()
        )
    path.write_text(text)
    err = load_error()
    assert f"{ES}: {field}: " in err and message in err
    assert not GuideTranslation.objects.exists() and not Guide.objects.exists()


def test_a_translation_without_a_body_is_refused(content):
    path = content / ES
    path.write_text(path.read_text().split("\n---\n")[0] + "\n---\n")
    assert f"{ES}: body: a translation needs the translated guide" in load_error()


def test_a_translation_of_a_guide_that_does_not_exist_is_refused(content):
    path = content / "global/guides/translations/es/keep-evidence.md"
    path.write_text((content / ES).read_text().replace("guide: preserve-evidence", "guide: keep-evidence"))
    assert "es/keep-evidence.md: guide: there is no guide 'keep-evidence' to translate" in load_error()


def test_a_translation_named_after_another_guide_is_refused(content):
    (content / ES).rename(content / "global/guides/translations/es/evidence.md")
    assert "guide: is 'preserve-evidence' but the file is named 'evidence'" in load_error()


def test_two_translations_of_one_guide_into_one_language_are_refused(content):
    write_tree(content, {"us/guides/translations/es/preserve-evidence.md": (content / ES).read_text()})
    assert "a second es translation of 'preserve-evidence'" in load_error()


def test_a_translation_goes_stale_when_the_english_file_changes(content):
    load()
    guide = content / GUIDE
    guide.write_text(guide.read_text().replace("Copy the link to every post.", "Copy every link."))
    load()
    es = GuideTranslation.objects.get(lang="es")
    assert es.is_stale
    assert [i.label for i in queue_stale_translations()] == [
        "Preserving evidence (Español)",
        "Preserving evidence (Français)",
    ]
    out, err = StringIO(), StringIO()
    call_command("check_content", stdout=out, stderr=err)
    assert (
        "Stale guide translations (the English guide changed since): 2 — es/preserve-evidence"
        in out.getvalue()
    )
    assert "warning: guide translation es/preserve-evidence is stale" in err.getvalue()
    # The translator updates the hash: fresh again.
    digest = hashlib.sha256(guide.read_bytes()).hexdigest()[:16]
    path = content / ES
    path.write_text(
        "\n".join(
            f"source_sha256: {digest}" if line.startswith("source_sha256") else line
            for line in path.read_text().splitlines()
        )
        + "\n"
    )
    load()
    assert not GuideTranslation.objects.get(lang="es").is_stale
    assert [i.record_id for i in queue_stale_translations()] == [
        str(GuideTranslation.objects.get(lang="fr").pk)
    ]


def test_check_content_counts_published_translations(content):
    load()
    out = StringIO()
    call_command("check_content", stdout=out, stderr=StringIO())
    assert "Guide translations published: es 1 of 1, fr 1 of 1" in out.getvalue()
    assert "Stale guide translations (the English guide changed since): 0" in out.getvalue()


def test_the_translation_languages_are_the_sites_other_languages(settings):
    from kb.vocab import TranslationLanguage

    assert set(TranslationLanguage.values) == {code for code, _ in settings.LANGUAGES} - {
        settings.LANGUAGE_CODE
    }
