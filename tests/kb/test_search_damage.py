"""A damaged index on disk: caught by its checksums, repaired by build_index, never a 500."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from chat.ask import ask
from kb.search import engine as engine_module
from kb.search.embedder import HashingEmbedder
from kb.search.engine import IndexUnavailable, engine_get, engine_reset
from kb.search.index import IndexDamaged, content_fingerprint, index_build, index_load, index_problems

API = "/api/v1/ask"


def out_dir() -> Path:
    return Path(settings.RECOURSE_INDEX_DIR)


def build() -> dict:
    return index_build(out_dir=out_dir(), embedder=HashingEmbedder(), fingerprint=content_fingerprint())


def truncate_dense(build_dir: Path) -> None:
    path = build_dir / "dense.faiss"
    path.write_bytes(path.read_bytes()[:100])


def garble_passages(build_dir: Path) -> None:
    (build_dir / "passages.json").write_text('[{"record_type": "law"')


def edit_passages(build_dir: Path) -> None:
    """Valid JSON, wrong content: only the checksum can tell."""
    path = build_dir / "passages.json"
    path.write_text(path.read_text().replace("Texas", "Nevada"))


def remove_bm25(build_dir: Path) -> None:
    shutil.rmtree(build_dir / "bm25")


def garble_manifest(build_dir: Path) -> None:
    (build_dir / "manifest.json").write_text("{not json")


DAMAGE = [truncate_dense, garble_passages, edit_passages, remove_bm25, garble_manifest]


def damage(kind) -> None:
    kind((out_dir() / "current").resolve())


@pytest.mark.parametrize("kind", DAMAGE[:4])
def test_loading_refuses_a_damaged_build_and_names_the_file(texas_world, kind):
    build()
    damage(kind)
    problems = index_problems(out_dir())
    assert problems
    assert any(name in " ".join(problems) for name in ("dense.faiss", "passages.json", "bm25/"))
    with pytest.raises(IndexDamaged):
        index_load(out_dir())


def test_an_intact_build_has_no_problems_and_records_every_file(texas_world):
    manifest = build()
    assert index_problems(out_dir()) == []
    assert {"dense.faiss", "passages.json", "bm25/size.json"} <= set(manifest["files"])


@pytest.mark.parametrize("kind", DAMAGE)
def test_build_index_repairs_a_damaged_index_without_force(texas_world, kind):
    call_command("build_index", stdout=StringIO())
    damage(kind)
    out = StringIO()
    call_command("build_index", stdout=out)
    assert "built in" in out.getvalue()
    assert index_problems(out_dir()) == []
    assert len(index_load(out_dir()).passages) == 12


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_index_is_rebuilt_and_questions_are_answered(client, texas_world, kind):
    build()
    damage(kind)
    engine_reset()
    response = client.post(API, {"question": "deepfake of me", "jurisdiction": "US-TX"}, "application/json")
    assert response.status_code == 200
    assert response.json()["laws"][0]["id"] == "us-tx-penal-21-165"
    assert index_problems(out_dir()) == []


@pytest.mark.parametrize("kind", DAMAGE)
def test_while_no_index_can_be_built_the_answer_gives_the_place_s_services_and_guides(
    client, texas_world, kind, monkeypatch
):
    build()
    damage(kind)
    engine_reset()

    def fail(**kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(engine_module, "index_build", fail)
    response = client.post(API, {"question": "deepfake of me", "jurisdiction": "US-TX"}, "application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["laws"] == []
    channels = [c["id"] for c in body["channels"]]
    assert channels[0] == "ccri-helpline"  # a helpline of the asker's own chain first
    assert "pharos" not in channels  # still jurisdiction-exact: no French police for Texas
    assert {g["id"] for g in body["guides"]} == {"preserve-evidence", "when-under-18"}
    assert body["answer"].startswith("_Search is being rebuilt")


def test_without_an_index_danger_still_comes_first(texas_world, monkeypatch):
    engine_reset()
    monkeypatch.setattr(engine_module, "index_build", lambda **kwargs: (_ for _ in ()).throw(OSError()))
    result = ask(question="he is outside my house and threatening to hurt me", jurisdiction="US-TX")
    assert result.search_unavailable
    assert result.answer.startswith("**If you are in danger right now, call 911.**")
    assert "Search is being rebuilt" in result.answer.split("\n\n")[1]


def test_without_an_index_a_child_is_shown_children_s_services_first(texas_world, monkeypatch):
    engine_reset()
    monkeypatch.setattr(engine_module, "index_build", lambda **kwargs: (_ for _ in ()).throw(OSError()))
    result = ask(question="I'm 15 and someone shared a nude of me", jurisdiction="US-TX")
    assert result.channels[0].record.id == "take-it-down-ncmec"
    assert result.guides[0].record.id == "when-under-18"


def test_a_failed_rebuild_is_not_retried_on_every_question(texas_world, monkeypatch):
    calls = []

    def fail(**kwargs):
        calls.append(1)
        raise OSError("disk full")

    monkeypatch.setattr(engine_module, "index_build", fail)
    engine = engine_get()
    for _ in range(3):
        engine._checked_at = 0
        with pytest.raises(IndexUnavailable):
            engine.index()
    assert len(calls) == 1


def test_a_damaged_build_on_disk_never_replaces_the_index_in_memory(texas_world, make_law, monkeypatch):
    engine = engine_get()
    good = engine.index()
    damage(truncate_dense)
    monkeypatch.setattr(engine_module, "index_build", lambda **kwargs: (_ for _ in ()).throw(OSError()))
    make_law("us-tx-civil", "US-TX", kind="civil", body="Sue for damages.")
    engine._checked_at = 0
    assert engine.index() is good


@pytest.mark.django_db(transaction=True)
def test_in_a_server_the_rebuild_runs_in_the_background_and_questions_are_answered_meanwhile(
    texas_world, settings
):
    settings.RECOURSE_REINDEX_IN_BACKGROUND = True
    build()
    damage(remove_bm25)
    engine_reset()
    first = ask(question="deepfake of me", jurisdiction="US-TX")
    assert first.search_unavailable
    engine_get()._building.join(timeout=60)
    engine_get()._checked_at = 0
    again = ask(question="deepfake of me", jurisdiction="US-TX")
    assert not again.search_unavailable
    assert again.laws[0].record.id == "us-tx-penal-21-165"


@pytest.mark.django_db(transaction=True)
def test_a_command_waits_for_the_index_a_server_would_build_in_the_background(texas_world, settings):
    settings.RECOURSE_REINDEX_IN_BACKGROUND = True
    out = StringIO()
    call_command("ask", "deepfake of me", "--jurisdiction", "US-TX", stdout=out)
    assert "Search is being rebuilt" not in out.getvalue()
    assert "Tex. Penal Code § 21.165" in out.getvalue()
