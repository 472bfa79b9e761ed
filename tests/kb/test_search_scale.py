"""What keeps search fast on a large corpus: reused vectors, an HNSW graph checked against exact
search, and exact search over a question's own places."""

from pathlib import Path

import numpy as np
import pytest
from django.conf import settings

from kb.models import Law
from kb.search import dense as dense_module
from kb.search.dense import DenseIndex
from kb.search.embedder import HashingEmbedder
from kb.search.index import content_fingerprint, index_build, index_load


class CountingEmbedder(HashingEmbedder):
    def __init__(self):
        self.encoded = 0

    def encode(self, texts):
        self.encoded += len(texts)
        return super().encode(texts)


def build(embedder, **kwargs):
    return index_build(
        out_dir=Path(settings.RECOURSE_INDEX_DIR),
        embedder=embedder,
        fingerprint=content_fingerprint(),
        **kwargs,
    )


def unit_vectors(n: int, dim: int = 64, seed: int = 1) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_a_rebuild_embeds_only_the_passages_whose_text_changed(texas_world):
    embedder = CountingEmbedder()
    build(embedder)
    assert embedder.encoded == 12
    Law.objects.filter(id="us-defiance-act").update(body="The DEFIANCE Act would let victims sue.")
    manifest = build(embedder)
    assert embedder.encoded == 13
    assert manifest["reused_vectors"] == 11
    reused = index_load(Path(settings.RECOURSE_INDEX_DIR)).dense.vectors()
    fresh = HashingEmbedder().encode([p.text for p in index_load(Path(settings.RECOURSE_INDEX_DIR)).passages])
    assert np.allclose(reused, fresh, atol=1e-6)


def test_a_forced_build_without_reuse_embeds_everything(texas_world):
    embedder = CountingEmbedder()
    build(embedder)
    build(embedder, force=True, reuse=False)
    assert embedder.encoded == 24


def test_a_large_corpus_gets_a_graph_whose_recall_was_checked():
    vectors = unit_vectors(2_000)
    index = DenseIndex.build(vectors, exact_up_to=1_000)
    assert index.kind == "hnsw"
    assert index.recall >= dense_module.MIN_RECALL
    assert DenseIndex.build(vectors).kind == "flat"


def test_a_graph_with_poor_recall_is_not_kept(monkeypatch):
    monkeypatch.setattr(dense_module, "recall_at_k", lambda *args, **kwargs: 0.5)
    assert DenseIndex.build(unit_vectors(500), exact_up_to=100).kind == "flat"


def test_a_question_s_own_places_are_searched_exactly_even_with_a_graph():
    vectors = unit_vectors(2_000)
    graph, exact = DenseIndex.build(vectors, exact_up_to=1_000), DenseIndex.build(vectors)
    allowed = np.arange(0, 2_000, 7)
    query = vectors[3] + 0.1 * vectors[10]
    assert graph.scores(query, allowed, k=20) == exact.scores(query, allowed, k=20)


@pytest.mark.parametrize("allowed", [None, np.arange(0, 2_000, 2)])
def test_a_wide_search_on_the_graph_finds_nearly_all_of_the_exact_top_k(monkeypatch, allowed):
    monkeypatch.setattr(dense_module, "EXACT_SUBSET", 10)
    vectors = unit_vectors(2_000)
    graph, exact = DenseIndex.build(vectors, exact_up_to=1_000), DenseIndex.build(vectors)
    found = truth = 0
    for i in range(0, 2_000, 100):
        want = set(exact.scores(vectors[i], allowed, k=10))
        found += len(want & set(graph.scores(vectors[i], allowed, k=10)))
        truth += len(want)
    assert found / truth >= 0.9


def test_a_graph_index_survives_a_save_and_load(tmp_path):
    vectors = unit_vectors(1_500)
    index = DenseIndex.build(vectors, exact_up_to=1_000)
    index.save(tmp_path)
    loaded = DenseIndex.load(tmp_path, recall=index.recall)
    assert loaded.kind == "hnsw"
    assert np.allclose(loaded.vectors(), vectors)
