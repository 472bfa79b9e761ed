"""Rank fusion: combine the lexical and dense rankings into one.

Reciprocal rank fusion (Cormack et al., 2009) needs no score calibration, which matters because
BM25 scores and cosines live on different scales. `k` damps the head of each list.
"""

from __future__ import annotations


def rank(scores: dict[int, float]) -> list[int]:
    return [i for i, s in sorted(scores.items(), key=lambda item: (-item[1], item[0])) if s > 0]


def reciprocal_rank_fusion(
    rankings: list[list[int]], *, k: int = 60, weights: list[float] | None = None
) -> dict[int, float]:
    weights = weights or [1.0] * len(rankings)
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for position, item in enumerate(ranking):
            fused[item] = fused.get(item, 0.0) + weight / (k + position + 1)
    return fused
