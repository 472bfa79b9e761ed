"""Embedding a whole corpus on every core, for index builds run from the command line.

A fresh build is embedding-bound: about 12-20 ms of one core per passage, so 10,000 records take
two to three minutes of CPU. `build_index` and the benchmark may use every core for that; a
server's rebuild in the background may not (it would take the cores from the people asking), so
the engine keeps its one-thread embedder and only these commands wrap it.

Processes, not torch threads. With two torch threads every operation of the model splits its
work in two and waits for both halves: on this shared machine (load average 8) a 600-record
build with two threads took twice the CPU and twice the wall time of one thread (docs/
performance.md), because the half whose core was busy with other work held the other back while
OpenMP's waiting thread spun. Here each process embeds whole chunks with one thread and never
waits for another. This process is one of them and the others are forked from it once the model
is loaded, so they share its memory (each adds ~200 MB of its own); all of them take the next
chunk as they finish one, so a process that gets less CPU does less. If a forked process dies,
this one embeds what it left.
"""

from __future__ import annotations

import multiprocessing
import os
import queue

import numpy as np

from kb.search.embedder import BATCH, Embedder

CHUNK = 8 * BATCH  # passages per task: big enough to batch well, small enough to share out evenly


def cores_available() -> int:
    """The cores this process may run on (an affinity mask or a container can leave fewer)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def malloc_keep_freed_memory() -> None:
    """Let this process's allocator keep the large blocks a batch frees, for the next batch.

    A batch of 32 passages of 128 word pieces allocates tensors of up to ~25 MB per operation. By
    default glibc returns such blocks to the system and gets them back zeroed on the next batch:
    ~1,300 page faults and 2.3-2.9 ms of system CPU per passage, 15-20% of a build (measured on
    640 passages: 16.3-18.1 ms wall per passage before, 13.8 after, 0 ms of system CPU). Set
    before forking, so the other processes have it too. Without glibc, nothing changes."""
    import ctypes

    m_trim_threshold, m_mmap_threshold = -1, -3
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(m_mmap_threshold, 64 * 2**20)
        libc.mallopt(m_trim_threshold, 256 * 2**20)
    except (OSError, AttributeError):
        return


def _chunks_take(counter, total: int) -> int | None:
    """The next chunk nobody has taken, or None when all are taken."""
    with counter.get_lock():
        index = counter.value
        counter.value += 1
    return index if index < total else None


class ProcessPoolEmbedder:
    """An embedder that spreads one long encode over this process and `processes - 1` forked copies.

    Same name, dimension and vectors as the embedder it wraps (each text is encoded by the same
    model in the same batches), so a build made with it is the same build."""

    def __init__(self, embedder: Embedder, processes: int) -> None:
        self.embedder = embedder
        self.processes = max(1, processes)
        self.name = embedder.name
        self.dim = embedder.dim

    def encode(self, texts: list[str]) -> np.ndarray:
        if len(texts) < 2 * CHUNK:
            return self.embedder.encode(texts)  # a few passages: not worth a fork
        malloc_keep_freed_memory()
        if self.processes == 1:
            return self.embedder.encode(texts)
        # Longest first, so each chunk holds texts of similar length and its batches pad little.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        chunks = [order[start : start + CHUNK] for start in range(0, len(order), CHUNK)]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        context = multiprocessing.get_context("fork")
        counter, results = context.Value("i", 0), context.Queue()

        def work(deliver) -> None:
            while (index := _chunks_take(counter, len(chunks))) is not None:
                deliver(index, self.embedder.encode([texts[i] for i in chunks[index]]))

        def child() -> None:
            work(lambda index, vectors: results.put((index, vectors)))

        others = [context.Process(target=child, daemon=True) for _ in range(self.processes - 1)]
        for process in others:
            process.start()
        done: set[int] = set()

        def keep(index: int, vectors: np.ndarray) -> None:
            out[chunks[index]] = vectors
            done.add(index)

        work(keep)
        while len(done) < len(chunks):
            try:
                keep(*results.get(timeout=1))
            except queue.Empty:
                if not any(process.is_alive() for process in others) and results.empty():
                    break  # a forked process died holding a chunk: embedded below
        for process in others:
            process.join(timeout=10)
        for index in set(range(len(chunks))) - done:
            keep(index, self.embedder.encode([texts[i] for i in chunks[index]]))
        return out
