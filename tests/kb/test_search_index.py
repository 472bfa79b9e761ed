"""The search index: build, manifest, atomic swap, chain filtering, and following content changes."""

import time
from pathlib import Path

import pytest
from django.conf import settings

from kb.models import Law
from kb.search import index as index_module
from kb.search.embedder import HashingEmbedder
from kb.search.engine import engine_get
from kb.search.index import content_fingerprint, index_build, index_load, index_manifest
from kb.search.retrieve import retrieve


def build(**kwargs):
    return index_build(
        out_dir=Path(settings.RECOURSE_INDEX_DIR),
        embedder=HashingEmbedder(),
        fingerprint=content_fingerprint(),
        **kwargs,
    )


def test_a_build_records_its_model_content_and_counts(texas_world):
    manifest = build()
    assert manifest["model"] == "hashing-384"
    assert manifest["counts"] == {"passages": 12, "law": 5, "channel": 5, "guide": 2}
    assert manifest["content_fingerprint"] == content_fingerprint()
    assert index_manifest(Path(settings.RECOURSE_INDEX_DIR))["passages_digest"] == manifest["passages_digest"]


def test_an_unchanged_knowledge_base_is_not_rebuilt(texas_world):
    first = build()
    again = build()
    assert again["up_to_date"] is True
    assert again["built_at"] == first["built_at"]


def test_unpublished_records_are_not_indexed(texas_world):
    Law.objects.filter(id="us-defiance-act").update(review_status="draft")
    build()
    index = index_load(Path(settings.RECOURSE_INDEX_DIR))
    assert "us-defiance-act" not in {p.record_id for p in index.passages}


def test_a_crash_during_a_build_leaves_the_previous_index_in_place(texas_world, monkeypatch):
    build()
    out = Path(settings.RECOURSE_INDEX_DIR)
    before = index_manifest(out)
    Law.objects.filter(id="us-defiance-act").update(body="Changed text.")

    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(index_module, "_swap_current", explode)
    with pytest.raises(OSError):
        build()
    assert index_manifest(out) == before
    assert index_load(out) is not None


def test_retrieval_never_returns_a_law_from_outside_the_chain(texas_world):
    build()
    index = index_load(Path(settings.RECOURSE_INDEX_DIR))
    for mode in ("bm25", "dense", "hybrid"):
        hits = retrieve(
            index,
            HashingEmbedder(),
            query="sexual deepfake crime France Texas",
            codes=["US-TX", "US", "GLOBAL"],
            mode=mode,
        )
        ids = {h.record_id for h in hits}
        assert "fr-code-penal-226-8-1" not in ids and "pharos" not in ids
        assert "us-tx-penal-21-165" in ids


def test_the_asker_s_own_place_competes_when_other_records_fill_the_rankings(texas_world, monkeypatch):
    """With room for one passage per ranking, the federal law fills both; the ranking of Texas's own
    passages still brings Texas's law."""
    from kb.search import retrieve as retrieve_module

    build()
    index = index_load(Path(settings.RECOURSE_INDEX_DIR))
    monkeypatch.setattr(retrieve_module, "CANDIDATES", 1)
    query = "publishing intimate images or digital forgeries without consent is a federal crime"

    def ids(**kwargs) -> set[str]:
        hits = retrieve(index, HashingEmbedder(), query=query, codes=["US-TX", "US", "GLOBAL"], **kwargs)
        return {h.record_id for h in hits}

    assert "us-tx-penal-21-165" not in ids()
    assert "us-tx-penal-21-165" in ids(local_weight=1.0)


def test_the_index_follows_published_content_on_its_own(texas_world, make_law):
    engine = engine_get()
    assert "us-tx-civil" not in {p.record_id for p in engine.index().passages}
    make_law("us-tx-civil", "US-TX", kind="civil", body="Sue for damages.")
    engine._checked_at = 0  # skip the once-a-second throttle
    assert "us-tx-civil" in {p.record_id for p in engine.index().passages}


def test_the_build_index_command_reports_what_it_built(texas_world):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("build_index", stdout=out)
    assert "12 passages from 5 laws, 5 channels, 2 guides" in out.getvalue()
    call_command("build_index", stdout=out)
    assert "up to date" in out.getvalue()


def test_only_one_process_rebuilds_at_a_time(texas_world, make_law):
    from django.core.cache import cache

    from kb.search.engine import REBUILD_LOCK

    engine = engine_get()
    engine.index()
    cache.add(REBUILD_LOCK, "another process", timeout=60)
    try:
        make_law("us-tx-civil", "US-TX", kind="civil", body="Sue for damages.")
        engine._checked_at = 0
        assert "us-tx-civil" not in {p.record_id for p in engine.index().passages}
    finally:
        cache.delete(REBUILD_LOCK)
    engine._checked_at = 0
    assert "us-tx-civil" in {p.record_id for p in engine.index().passages}


def test_a_rebuild_lease_is_renewed_while_held_and_freed_by_its_holder_only(monkeypatch):
    from django.core.cache import cache

    from kb.search import engine as engine_module
    from kb.search.engine import REBUILD_LOCK, RebuildLease

    monkeypatch.setattr(engine_module, "LEASE_SECONDS", 1)
    monkeypatch.setattr(engine_module, "RENEW_EVERY_SECONDS", 0.2)
    first, second = RebuildLease(), RebuildLease()
    try:
        assert first.take()
        time.sleep(1.5)  # past the lease: only the renewals keep it
        assert cache.get(REBUILD_LOCK) == first.token
        assert not second.take()
        first.release()
        assert cache.get(REBUILD_LOCK) is None
        assert second.take()
        first.release()  # a holder whose lease has gone never frees the next holder's
        assert cache.get(REBUILD_LOCK) == second.token
    finally:
        first.release(), second.release()
    assert cache.get(REBUILD_LOCK) is None


def test_a_lease_whose_builder_died_runs_out(monkeypatch):
    from django.core.cache import cache

    from kb.search import engine as engine_module
    from kb.search.engine import REBUILD_LOCK, RebuildLease

    monkeypatch.setattr(engine_module, "LEASE_SECONDS", 1)
    dead = RebuildLease()
    cache.add(REBUILD_LOCK, dead.token, timeout=engine_module.LEASE_SECONDS)  # taken, never renewed
    assert not RebuildLease().take()
    time.sleep(1.2)
    replacement = RebuildLease()
    assert replacement.take()
    replacement.release()
