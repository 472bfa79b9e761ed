"""One query against a loaded index, restricted to the passages that apply in a chain of places."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kb.search.embedder import Embedder
from kb.search.fuse import rank, reciprocal_rank_fusion
from kb.search.index import SearchIndex

MODES = ("bm25", "dense", "hybrid")
CANDIDATES = 60


@dataclass(frozen=True)
class RecordHit:
    record_type: str
    record_id: str
    score: float


def retrieve(
    index: SearchIndex,
    embedder: Embedder,
    *,
    query: str,
    codes: list[str],
    mode: str = "hybrid",
    rrf_k: int = 60,
    dense_weight: float = 1.0,
    local_weight: float = 0.0,
) -> list[RecordHit]:
    """Records best first, each scored by its best passage. Only passages that apply in `codes`.

    `local_weight`: a third ranking, of the first code's own passages only, so the asker's own place's
    best match competes even when the country's and the world's records fill the other rankings."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    allowed = index.allowed(codes)
    if len(allowed) == 0:
        return []
    rankings, weights = [], []
    if mode in ("bm25", "hybrid"):
        lexical = index.lexical.scores(query)
        top = allowed[np.argsort(-lexical[allowed], kind="stable")[:CANDIDATES]]
        rankings.append(rank({int(i): float(lexical[i]) for i in top}))
        weights.append(1.0)
    if mode in ("dense", "hybrid"):
        vector = embedder.encode([query])[0]
        dense = index.dense.scores(vector, allowed, k=CANDIDATES)
        rankings.append(rank({i: s + 1.0 for i, s in dense.items()}))  # cosines may be negative
        weights.append(dense_weight)
    if local_weight and mode in ("dense", "hybrid") and codes:
        own = index.own(codes[0])
        if len(own):
            local = index.dense.scores(vector, own, k=CANDIDATES)
            rankings.append(rank({i: s + 1.0 for i, s in local.items()}))
            weights.append(local_weight)
    # With one ranking (BM25 or dense alone) this is just 1 / (k + rank), so all modes score alike.
    scores = reciprocal_rank_fusion(rankings, k=rrf_k, weights=weights)
    best: dict[tuple[str, str], float] = {}
    for i, score in scores.items():
        p = index.passages[i]
        key = (p.record_type, p.record_id)
        if score > best.get(key, 0.0):
            best[key] = score
    ordered = sorted(best.items(), key=lambda item: (-item[1], item[0]))
    return [RecordHit(t, rid, round(s, 6)) for (t, rid), s in ordered]
