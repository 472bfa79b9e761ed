"""One path through the real embedding model (loaded once per test run, from the installed package)."""

import numpy as np
import pytest

from chat.ask import ask
from kb.search.embedder import embedder_get

# The production default: the packaged model, int8-quantised (see config/settings.py).
REAL = "minilm-int8"


@pytest.fixture
def real_model(settings):
    settings.RECOURSE_EMBEDDER = REAL
    return embedder_get(REAL)


@pytest.mark.model
def test_the_packaged_model_loads_offline_and_gives_unit_vectors(real_model):
    vectors = real_model.encode(["a fake nude picture of me", "a sexual deepfake image"])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert float(vectors[0] @ vectors[1]) > 0.4


@pytest.mark.model
def test_dense_retrieval_finds_meaning_without_shared_words(real_model, texas_world):
    result = ask(question="an app undressed my photo", jurisdiction="US-TX", mode="dense")
    assert result.laws[0].record.id in {"us-tx-penal-21-165", "us-take-it-down-act"}


@pytest.mark.model
def test_the_embedder_gives_the_same_vectors_as_sentence_transformers(real_model):
    texts = ["deepfake texas", "a much longer passage about intimate images " * 40, "Nacktbilder erpresst"]
    ours = real_model.encode(texts)
    theirs = real_model._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    assert np.allclose(ours, theirs, atol=1e-5)


@pytest.mark.model
def test_a_question_goes_through_the_traced_model_with_the_same_vector(real_model):
    questions = ["deepfake texas", "Someone posted a fake nude of me on Instagram, I live in Ontario"]
    ours = np.vstack([real_model.encode([q]) for q in questions])
    assert real_model._traced not in (None, False)  # the traced path answered
    # One at a time, as a question is asked: int8 dynamic quantisation scales each call's activations
    # over the whole batch, so a question batched with others (and padded) gets a slightly other vector.
    theirs = np.vstack(
        [real_model._model.encode([q], normalize_embeddings=True, convert_to_numpy=True) for q in questions]
    )
    assert np.allclose(ours, theirs, atol=1e-5)


@pytest.mark.model
def test_a_model_that_cannot_be_traced_keeps_the_eager_path(real_model, monkeypatch):
    import torch

    from kb.search.embedder import MiniLMEmbedder

    def broken(*args, **kwargs):
        raise RuntimeError("no tracing here")

    monkeypatch.setattr(torch.jit, "trace", broken)
    monkeypatch.setattr(real_model, "_traced", None)
    vector = real_model.encode(["a sexual deepfake of me"])
    assert real_model._traced is False
    expected = MiniLMEmbedder._forward(real_model, ["a sexual deepfake of me"])
    assert np.allclose(vector, expected, atol=1e-6)
