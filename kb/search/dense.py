"""Dense retrieval: unit vectors in FAISS, inner product = cosine.

A question only ever searches the passages of its place chain, usually a few hundred even in a
large corpus, so the common search is exact over that subset (FAISS computes distances only for
the selected ids). An exact flat index is kept up to EXACT_UP_TO passages; above it the build
adds an HNSW graph for the rare wide searches (a chain allowing more than EXACT_SUBSET passages),
and keeps it only if its recall against exact search, measured at build time, is good enough.
"""

from __future__ import annotations

import logging
from pathlib import Path

import faiss
import numpy as np

log = logging.getLogger(__name__)
EXACT_UP_TO = 50_000  # passages: below this an exact scan of the whole corpus costs ~1-3 ms
EXACT_SUBSET = 20_000  # allowed passages: up to this, search them exactly even with a graph
MIN_RECALL = 0.95  # recall@10 of the graph against exact search, or the build stays exact
HNSW_NEIGHBOURS = 32
HNSW_EF_SEARCH = 128
FILE = "dense.faiss"


class DenseIndex:
    def __init__(self, index: faiss.Index, *, recall: float | None = None):
        self._index = index
        self.size = index.ntotal
        self.recall = recall
        # The exact vectors: the index itself when flat, the graph's storage when HNSW.
        self._exact = faiss.downcast_index(index.storage) if isinstance(index, faiss.IndexHNSW) else index

    @property
    def kind(self) -> str:
        return "hnsw" if isinstance(self._index, faiss.IndexHNSW) else "flat"

    @classmethod
    def build(cls, vectors: np.ndarray, *, exact_up_to: int = EXACT_UP_TO) -> DenseIndex:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        flat = faiss.IndexFlatIP(vectors.shape[1])
        if len(vectors):
            flat.add(vectors)
        if len(vectors) <= exact_up_to:
            return cls(flat)
        graph = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
        graph.hnsw.efConstruction = 80
        graph.hnsw.efSearch = HNSW_EF_SEARCH
        graph.add(vectors)
        recall = recall_at_k(graph, flat, vectors)
        if recall < MIN_RECALL:
            log.warning("HNSW recall@10 %.3f is below %.2f: the dense index stays exact", recall, MIN_RECALL)
            return cls(flat)
        return cls(graph, recall=recall)

    def scores(
        self, query_vector: np.ndarray, allowed: np.ndarray | None = None, k: int = 50
    ) -> dict[int, float]:
        """Top-k cosine scores, searched only among the allowed passage numbers when given."""
        if self.size == 0:
            return {}
        query = np.ascontiguousarray(query_vector.reshape(1, -1), dtype=np.float32)
        index, params = self._index, None
        if allowed is not None:
            if len(allowed) == 0:
                return {}
            selector = faiss.IDSelectorBatch(allowed.astype(np.int64))
            if len(allowed) <= EXACT_SUBSET or index is self._exact:
                index, params = self._exact, faiss.SearchParameters(sel=selector)
            else:
                params = faiss.SearchParametersHNSW(sel=selector, efSearch=max(HNSW_EF_SEARCH, k))
        elif index is not self._exact:
            params = faiss.SearchParametersHNSW(efSearch=max(HNSW_EF_SEARCH, k))
        k = min(k, self.size if allowed is None else len(allowed))
        distances, ids = index.search(query, k, params=params)
        return {int(i): float(d) for i, d in zip(ids[0], distances[0], strict=True) if i >= 0}

    def vectors(self) -> np.ndarray:
        """Every stored vector, in passage order (a copy)."""
        if self.size == 0:
            return np.zeros((0, self._exact.d), dtype=np.float32)
        return self._exact.reconstruct_n(0, self.size)

    def save(self, folder: Path) -> None:
        faiss.write_index(self._index, str(folder / FILE))

    @classmethod
    def load(cls, folder: Path, *, recall: float | None = None) -> DenseIndex:
        return cls(faiss.read_index(str(folder / FILE)), recall=recall)


def recall_at_k(graph: faiss.Index, exact: faiss.Index, vectors: np.ndarray, *, k: int = 10) -> float:
    """Share of the exact top-k that the graph finds, over up to 500 of the corpus's own vectors
    (a passage's vector is a fair stand-in for a question about it)."""
    rng = np.random.default_rng(0)
    sample = vectors[rng.choice(len(vectors), size=min(500, len(vectors)), replace=False)]
    _, truth = exact.search(sample, k)
    _, found = graph.search(sample, k)
    hits = sum(len(set(t) & set(f)) for t, f in zip(truth.tolist(), found.tolist(), strict=True))
    return hits / truth.size
