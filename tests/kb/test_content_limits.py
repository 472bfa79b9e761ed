"""Content limits: every value fits its column, or the file and field are named (SQLite and PostgreSQL alike)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import models

from kb.content.schema import SCHEMAS
from kb.models import Law
from tests.kb.test_content_loader import content  # noqa: F401  (the fixture)

LAW_FILE = "us/tx/laws/us-tx-penal-21-165.md"


def _load_errors() -> str:
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("load_content", stdout=StringIO(), stderr=err)
    return err.getvalue()


def _law_text_columns() -> list[tuple[str, int]]:
    """Every text field of a law file whose column has a length, read from the model."""
    names = {spec.name for spec in SCHEMAS["law"] if spec.kind == "str"}
    return [
        (f.name, f.max_length)
        for f in Law._meta.get_fields()
        if isinstance(f, models.CharField) and f.max_length and f.name in names
    ]


def test_the_law_text_columns_are_found_from_the_model():
    assert {"title", "citation", "short_name", "max_penalty"} <= {name for name, _ in _law_text_columns()}


@pytest.mark.parametrize(("field", "max_length"), _law_text_columns())
def test_a_value_longer_than_its_column_names_file_and_field(content, field, max_length):  # noqa: F811
    path = content / LAW_FILE
    path.write_text(
        path.read_text().replace("kind: criminal", f"kind: criminal\n{field}: {'x' * (max_length + 1)}")
    )
    errors = _load_errors()
    assert f"{LAW_FILE}: {field}: is {max_length + 1} characters long; the most is {max_length}" in errors
    assert Law.objects.count() == 0


def test_a_value_exactly_as_long_as_its_column_loads(content):  # noqa: F811
    path = content / LAW_FILE
    longest = Law._meta.get_field("citation").max_length
    path.write_text(
        path.read_text().replace("citation: Tex. Penal Code § 21.165", f"citation: {'x' * longest}")
    )
    call_command("load_content", stdout=StringIO(), stderr=StringIO())
    assert len(Law.objects.get().citation) == longest


def test_the_400_character_citation_from_the_report_is_refused_by_name(content):  # noqa: F811
    path = content / LAW_FILE
    path.write_text(path.read_text().replace("citation: Tex. Penal Code § 21.165", f"citation: {'§' * 400}"))
    assert f"{LAW_FILE}: citation: is 400 characters long" in _load_errors()


def test_an_overlong_source_title_and_url_are_named(content):  # noqa: F811
    path = content / LAW_FILE
    text = path.read_text().replace("title: Texas Penal Code chapter 21", f"title: {'t' * 301}")
    path.write_text(text)
    assert f"{LAW_FILE}: sources: source 1 title: is 301 characters long" in _load_errors()
    path.write_text(
        text.replace(f"title: {'t' * 301}", "title: ok").replace(
            "- url: https://statutes.capitol.texas.gov/Docs/PE/htm/PE.21.htm",
            f"- url: https://example.org/{'p' * 486}",
        )
    )
    assert f"{LAW_FILE}: sources: source 1 url: is 506 characters long; the most is 500" in _load_errors()


def test_a_number_beyond_its_column_is_refused(content):  # noqa: F811
    path = content / LAW_FILE
    path.write_text(path.read_text().replace("intent: none", "intent: none\nmax_prison_months: 99999999999"))
    assert f"{LAW_FILE}: max_prison_months: 99999999999 is outside" in _load_errors()


def test_an_overlong_record_id_is_refused(content):  # noqa: F811
    longest = Law._meta.pk.max_length
    (content / LAW_FILE).rename(content / f"us/tx/laws/{'a' * (longest + 1)}.md")
    assert f": id: is {longest + 1} characters long; the most is {longest}" in _load_errors()
