"""Dense retrieval: unit vectors in a FAISS inner-product index (inner product = cosine)."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np


class DenseIndex:
    def __init__(self, index: faiss.Index):
        self._index = index
        self.size = index.ntotal

    @classmethod
    def build(cls, vectors: np.ndarray) -> DenseIndex:
        index = faiss.IndexFlatIP(vectors.shape[1])
        if len(vectors):
            index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(index)

    def scores(
        self, query_vector: np.ndarray, allowed: np.ndarray | None = None, k: int = 50
    ) -> dict[int, float]:
        """Top-k cosine scores, searched only among the allowed passage numbers when given."""
        if self.size == 0:
            return {}
        query = np.ascontiguousarray(query_vector.reshape(1, -1), dtype=np.float32)
        params = None
        if allowed is not None:
            if len(allowed) == 0:
                return {}
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed.astype(np.int64)))
        k = min(k, self.size if allowed is None else len(allowed))
        distances, ids = self._index.search(query, k, params=params)
        return {int(i): float(d) for i, d in zip(ids[0], distances[0], strict=True) if i >= 0}

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        return cls(faiss.read_index(str(path)))
