"""Embedding a whole corpus on every core, for index builds run from the command line.

A fresh build is embedding-bound: about 12 ms of one core per passage, so 10,000 records take
about 125 s of CPU. `build_index` and the benchmark may use every core for that; a server's
rebuild in the background may not (it would take the cores from the people asking), so the
engine keeps its one-thread embedder and only these commands wrap it.

Processes, not torch threads. With two torch threads every operation of the model splits its
work in two and waits for both halves: on this shared machine (load average 8) a 600-record
build with two threads took twice the CPU and twice the wall time of one thread (docs/
performance.md), because the half whose core was busy with other work held the other back while
OpenMP's waiting thread spun. Here each process embeds whole batches with one thread and never
waits for another; the processes are forked after the model is loaded, so they share its memory,
and they take chunks of the corpus as they finish, so a process that gets less CPU does less.
"""

from __future__ import annotations

import multiprocessing
import os

import numpy as np

from kb.search.embedder import BATCH, Embedder

CHUNK = 8 * BATCH  # passages per task: big enough to batch well, small enough to share out evenly

# The embedder the forked processes use: set in the parent just before the fork (they inherit it).
_inherited: Embedder | None = None


def _encode_chunk(texts: list[str]) -> np.ndarray:
    return _inherited.encode(texts)


def cores_available() -> int:
    """The cores this process may run on (an affinity mask or a container can leave fewer)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class ProcessPoolEmbedder:
    """An embedder that spreads one long encode over `processes` forked copies of `embedder`.

    Same name, dimension and vectors as the embedder it wraps (each text is encoded by the same
    model with the same batching), so a build made with it is the same build."""

    def __init__(self, embedder: Embedder, processes: int) -> None:
        self.embedder = embedder
        self.processes = max(1, processes)
        self.name = embedder.name
        self.dim = embedder.dim

    def encode(self, texts: list[str]) -> np.ndarray:
        global _inherited
        if self.processes == 1 or len(texts) < 2 * CHUNK:
            return self.embedder.encode(texts)  # a few passages: not worth a fork
        # Longest first, so each chunk holds texts of similar length and its batches pad little.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        chunks = [order[start : start + CHUNK] for start in range(0, len(order), CHUNK)]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        _inherited = self.embedder
        try:
            context = multiprocessing.get_context("fork")
            with context.Pool(self.processes) as pool:
                results = pool.imap(_encode_chunk, [[texts[i] for i in chunk] for chunk in chunks])
                for chunk, vectors in zip(chunks, results, strict=True):
                    out[chunk] = vectors
        finally:
            _inherited = None
        return out
