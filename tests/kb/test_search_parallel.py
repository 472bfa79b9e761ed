"""A build from the command line embeds on every core, in forked processes, with the same vectors."""

import os
import time
from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command

from kb.search import parallel
from kb.search.embedder import HashingEmbedder
from kb.search.parallel import CHUNK, ProcessPoolEmbedder


class PidEmbedder(HashingEmbedder):
    """Hashing vectors with the encoding process's id in the last column; slow enough to share out."""

    def encode(self, texts):
        time.sleep(0.2)
        vectors = super().encode(texts)
        vectors[:, -1] = os.getpid()
        return vectors


class DyingEmbedder(PidEmbedder):
    """Kills any forked process that uses it, as the out-of-memory killer would."""

    def __init__(self, parent: int):
        self.parent = parent

    def encode(self, texts):
        if os.getpid() != self.parent:
            os._exit(1)
        return super().encode(texts)


def texts(n: int) -> list[str]:
    return [f"record {i} about " + "consent " * (i % 17) + f"image {i * 7}" for i in range(n)]


def test_a_long_encode_is_shared_with_a_forked_process_with_the_same_vectors():
    corpus = texts(4 * CHUNK + 5)
    vectors = ProcessPoolEmbedder(PidEmbedder(), 2).encode(corpus)
    pids = set(vectors[:, -1].astype(int))
    assert os.getpid() in pids and len(pids) == 2  # this process and one forked copy
    expected = HashingEmbedder().encode(corpus)
    assert np.array_equal(vectors[:, :-1], expected[:, :-1])  # each text kept its own vector, in order


def test_what_a_dead_forked_process_left_is_embedded_here():
    corpus = texts(4 * CHUNK)
    vectors = ProcessPoolEmbedder(DyingEmbedder(os.getpid()), 3).encode(corpus)
    assert set(vectors[:, -1].astype(int)) == {os.getpid()}
    assert np.array_equal(vectors[:, :-1], HashingEmbedder().encode(corpus)[:, :-1])


def test_a_short_encode_or_one_process_stays_in_this_process():
    assert set(ProcessPoolEmbedder(PidEmbedder(), 2).encode(texts(10))[:, -1].astype(int)) == {os.getpid()}
    one = ProcessPoolEmbedder(PidEmbedder(), 1).encode(texts(3 * CHUNK))
    assert set(one[:, -1].astype(int)) == {os.getpid()}


def test_the_wrapper_names_the_model_it_wraps_so_a_build_records_the_same_model():
    wrapped = ProcessPoolEmbedder(HashingEmbedder(), 4)
    assert (wrapped.name, wrapped.dim) == (HashingEmbedder.name, HashingEmbedder.dim)


@pytest.mark.parametrize("processes", [1, 2])
def test_build_index_embeds_in_the_processes_it_is_given(texas_world, monkeypatch, processes):
    used = []
    real = ProcessPoolEmbedder.__init__

    def spy(self, embedder, count):
        used.append(count)
        real(self, embedder, count)

    monkeypatch.setattr(ProcessPoolEmbedder, "__init__", spy)
    out = StringIO()
    call_command("build_index", "--force", "--processes", str(processes), stdout=out)
    assert used == [processes]
    assert "12 passages from 5 laws, 5 channels, 2 guides" in out.getvalue()


def test_build_index_uses_every_core_by_default(monkeypatch):
    from kb.management.commands import build_index

    monkeypatch.setattr(build_index, "cores_available", lambda: 3)
    parser = build_index.Command().create_parser("manage.py", "build_index")
    assert parser.parse_args([]).processes == 3


def test_the_cores_available_are_those_this_process_may_run_on():
    assert parallel.cores_available() == len(os.sched_getaffinity(0))


def test_a_long_encode_keeps_freed_memory_for_the_next_batch_and_a_short_one_changes_nothing(monkeypatch):
    calls = []
    monkeypatch.setattr(parallel, "malloc_keep_freed_memory", lambda: calls.append(1))
    ProcessPoolEmbedder(HashingEmbedder(), 1).encode(texts(10))
    assert calls == []
    ProcessPoolEmbedder(HashingEmbedder(), 1).encode(texts(2 * CHUNK))
    assert calls == [1]
