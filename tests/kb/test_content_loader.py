"""The content loader: strict validation, one transaction, idempotent, and a byte-identical round trip."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kb.models import Channel, Jurisdiction, Law, Source

JURISDICTIONS = {
    "jurisdictions/GLOBAL.md": "---\ntype: jurisdiction\nname: Everywhere\nkind: global\n"
    "review_status: published\nverification: unverified\n---\n",
    "jurisdictions/US.md": "---\ntype: jurisdiction\nname: United States\nkind: country\n"
    "emergency_number: '911'\nofficial_domains:\n- uscode.house.gov\nreview_status: published\n"
    "verification: unverified\n---\n",
    "jurisdictions/US-TX.md": "---\ntype: jurisdiction\nname: Texas\nkind: state\nparent: US\naliases:\n- TX\n"
    "emergency_number: '911'\nofficial_domains:\n- capitol.texas.gov\n- texas.gov\nreview_status: published\n"
    "verification: unverified\n---\n",
}

LAW = """---
type: law
jurisdiction: US-TX
title: Unlawful production or distribution of certain sexually explicit media
citation: Tex. Penal Code § 21.165
kind: criminal
status: in_force
in_force: 2023-09-01
url: https://statutes.capitol.texas.gov/Docs/PE/htm/PE.21.htm
covers_synthetic: explicit
covers_distribution: true
intent: none
minors_specific: false
review_status: published
verification: official
last_verified: 2026-11-01
sources:
- url: https://statutes.capitol.texas.gov/Docs/PE/htm/PE.21.htm
  title: Texas Penal Code chapter 21
  accessed: 2026-11-01
tags:
- created
- shared
---

Making or sharing a sexual deepfake of someone without consent is a crime in Texas.
"""

CHANNEL = """---
type: channel
name: StopNCII.org
kind: hash_blocking
jurisdictions:
- GLOBAL
serves_adults: true
serves_minors: false
url: https://stopncii.org
review_status: published
verification: official
last_verified: 2026-11-01
sources:
- url: https://stopncii.org/how-it-works/
  title: How StopNCII.org works
  accessed: 2026-11-01
---

Blocks copies of intimate images on partner platforms.
"""


def write_tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def content(tmp_path, settings, db):
    settings.RECOURSE_CONTENT_DIR = tmp_path
    write_tree(
        tmp_path,
        {**JURISDICTIONS, "us/tx/laws/us-tx-penal-21-165.md": LAW, "global/channels/stopncii.md": CHANNEL},
    )
    return tmp_path


def load(*args) -> str:
    out = StringIO()
    call_command("load_content", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_it_loads_every_record_with_its_relations(content):
    load()
    law = Law.objects.get(id="us-tx-penal-21-165")
    assert law.jurisdiction_id == "US-TX"
    assert law.citation == "Tex. Penal Code § 21.165"
    assert law.tags == ["created", "shared"]
    assert law.body.startswith("Making or sharing")
    assert [s.title for s in law.sources.all()] == ["Texas Penal Code chapter 21"]
    assert list(Channel.objects.get(id="stopncii").jurisdictions.values_list("code", flat=True)) == ["GLOBAL"]
    assert Jurisdiction.objects.get(code="US-TX").parent_id == "US"


def test_loading_twice_changes_nothing(content):
    load()
    before = Law.objects.get(id="us-tx-penal-21-165").updated_at
    output = load()
    assert "laws: 0 new, 0 changed, 1 unchanged" in output
    assert Law.objects.get(id="us-tx-penal-21-165").updated_at == before
    assert Law.history.count() == 1


def test_it_removes_records_whose_files_were_deleted(content):
    load()
    (content / "global/channels/stopncii.md").unlink()
    load()
    assert not Channel.objects.filter(id="stopncii").exists()
    assert not Source.objects.filter(object_id="stopncii").exists()


def test_loading_a_folder_leaves_other_folders_alone(content):
    load()
    (content / "us/tx/laws/us-tx-penal-21-165.md").unlink()
    load(str(content / "global"))
    assert Law.objects.filter(id="us-tx-penal-21-165").exists()


def test_dry_run_validates_without_loading(content):
    assert "nothing was loaded" in load("--dry-run")
    assert Law.objects.count() == 0


BROKEN = [
    ("jurisdiction: US-TX", "jurisdiction: US-ZZ", "jurisdiction", "unknown jurisdiction 'US-ZZ'"),
    ("citation: Tex. Penal Code § 21.165\n", "", "citation", "is required"),
    ("status: in_force", "status: law", "status", "'law' is not one of"),
    (
        "url: https://statutes.capitol.texas.gov/Docs/PE/htm/PE.21.htm\ncovers",
        "url: statutes texas\ncovers",
        "url",
        "not a valid http(s) URL",
    ),
    ("in_force: 2023-09-01", "in_force: 1 September 2023", "in_force", "not a date"),
    ("intent: none", "intent: evil", "intent", "'evil' is not one of"),
    ("minors_specific: false", "minors_specific: maybe", "minors_specific", "not true or false"),
    ("tags:\n- created", "tags:\n- angry", "tags", "'angry' is not one of"),
    ("kind: criminal", "kind: criminal\ncolour: red", "colour", "unknown field"),
    ("in_force: 2023-09-01", "in_force: 2099-01-01", "status", "in the future"),
    (
        "status: in_force\nin_force: 2023-09-01",
        "status: bill\nin_force: 2023-09-01",
        "in_force",
        "no in-force date",
    ),
]


@pytest.mark.parametrize(("old", "new", "field", "message"), BROKEN)
def test_a_broken_law_file_loads_nothing_and_names_file_and_field(content, old, new, field, message):
    path = content / "us/tx/laws/us-tx-penal-21-165.md"
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))
    with pytest.raises(CommandError):
        out = StringIO()
        call_command("load_content", stdout=out, stderr=out)
    assert Law.objects.count() == 0 and Jurisdiction.objects.count() == 0


@pytest.mark.parametrize(("old", "new", "field", "message"), BROKEN)
def test_the_error_message_names_the_file_the_field_and_the_problem(
    content, old, new, field, message, capsys
):
    path = content / "us/tx/laws/us-tx-penal-21-165.md"
    path.write_text(path.read_text().replace(old, new, 1))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("load_content", stdout=StringIO(), stderr=err)
    assert f"us/tx/laws/us-tx-penal-21-165.md: {field}: " in err.getvalue()
    assert message in err.getvalue()


def test_a_law_without_sources_is_refused(content):
    path = content / "us/tx/laws/us-tx-penal-21-165.md"
    text = path.read_text()
    start = text.index("sources:")
    path.write_text(text[:start] + text[text.index("tags:") :])
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("load_content", stdout=StringIO(), stderr=err)
    assert "sources: a law needs at least one source" in err.getvalue()


def test_a_duplicate_id_is_refused(content):
    write_tree(content, {"us/laws/us-tx-penal-21-165.md": LAW})
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("load_content", stdout=StringIO(), stderr=err)
    assert "duplicate id 'us-tx-penal-21-165'" in err.getvalue()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter", "must start with a '---' line"),
        ("---\ntype: law\ntitle: [unclosed\n---\n", "not valid YAML"),
        ("---\ntype: statute\n---\n", "type: 'statute' is not one of"),
    ],
)
def test_malformed_files_are_refused(content, text, message):
    write_tree(content, {"us/laws/us-bad.md": text})
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("load_content", stdout=StringIO(), stderr=err)
    assert message in err.getvalue()


def test_a_broken_file_leaves_the_database_as_it_was(content):
    load()
    path = content / "us/tx/laws/us-tx-penal-21-165.md"
    path.write_text(
        path.read_text().replace("title: Unlawful", "title: Changed").replace("status: in_force", "status: x")
    )
    with pytest.raises(CommandError):
        call_command("load_content", stdout=StringIO(), stderr=StringIO())
    assert Law.objects.get(id="us-tx-penal-21-165").title.startswith("Unlawful")


def test_load_then_export_is_byte_identical(content):
    before = {p: p.read_bytes() for p in content.rglob("*.md")}
    load()
    call_command("export_content", stdout=StringIO())
    after = {p: p.read_bytes() for p in content.rglob("*.md")}
    assert after == before


def test_export_writes_records_made_in_the_admin_to_their_jurisdiction_folder(content):
    load()
    Law.objects.create(
        id="us-tx-new",
        jurisdiction_id="US-TX",
        title="New",
        citation="X",
        kind="civil",
        status="bill",
        url="https://example.org",
        review_status="draft",
    )
    call_command("export_content", stdout=StringIO())
    assert (content / "us/tx/laws/us-tx-new.md").read_text().startswith("---\ntype: law\n")


def test_every_file_in_the_repository_loads_and_round_trips(tmp_path, settings, db):
    """The real knowledge base: every file valid, and already in canonical form."""
    root = tmp_path / "legal_content"
    shutil.copytree(Path(settings.BASE_DIR) / "legal_content", root)
    settings.RECOURSE_CONTENT_DIR = root
    before = {p.relative_to(root): p.read_bytes() for p in root.rglob("*.md")}
    load()
    call_command("export_content", stdout=StringIO())
    after = {p.relative_to(root): p.read_bytes() for p in root.rglob("*.md")}
    changed = sorted(str(p) for p in before if after.get(p) != before[p])
    assert not changed, f"not in canonical form (run load_content && export_content): {changed[:10]}"
    assert Law.objects.count() == sum(1 for p in before if "/laws/" in str(p))
