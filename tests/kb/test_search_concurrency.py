"""Threads hammering shared search state: the tokenizer, `ask`, and a rebuild while questions arrive.

A server answers from many threads at once; every result must equal the single-threaded one.
"""

import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from chat.ask import ask
from kb.search import lexical
from kb.search.engine import engine_get
from kb.search.index import index_manifest

THREADS = 8
SENTENCES = [
    "Someone shared sexual deepfakes of me without consent",
    "Publishing intimate images or digital forgeries is a federal crime",
    "Threatening to distribute explicit photographs, blackmailing and sextortion",
    "Les images intimes partagées sans consentement: code pénal",
    "Generating, possessing or circulating synthesised nudity of minors",
    "Platforms must remove the content within 48 hours of a valid report",
    "Civil remedies: damages, injunctions, and an order to delete the recordings",
    "The harassing, stalking and controlling behaviours of a former partner",
]
QUESTIONS = [
    ("Someone made a sexual deepfake of me and posted it", "US-TX"),
    ("can I sue for a deepfake", "US-TX"),
    ("I'm 15 and someone shared a nude of me", "US-TX"),
    ("deepfake nude shared in France", "FR"),
    ("he is threatening to post my pictures", "US"),
    ("how do I get an image removed from instagram", None),
]


def hammer(work, *, seconds: float) -> list[BaseException]:
    """Run `work()` in THREADS threads for `seconds`; return every exception raised."""
    errors: list[BaseException] = []
    stop = time.monotonic() + seconds

    def loop() -> None:
        try:
            while time.monotonic() < stop:
                work()
        except BaseException as exc:  # collected and asserted on below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=loop) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def answer_of(question: str, code: str | None) -> tuple:
    result = ask(question=question, jurisdiction=code)
    return (
        [(h.record_id, h.score) for h in result.ranking],
        [r.record.id for r in result.laws + result.channels + result.guides],
        result.answer,
    )


def test_the_tokenizer_gives_the_same_stems_from_many_threads():
    # Fresh words for every call, so the stem cache does not hide a shared stemmer.
    expected = {s: lexical.tokens(s) for s in SENTENCES}
    lexical.stem.cache_clear()
    wrong: list[str] = []
    counter = iter(range(10**9))

    def work() -> None:
        n = next(counter)
        sentence = SENTENCES[n % len(SENTENCES)]
        if lexical.tokens(sentence) != expected[sentence]:
            wrong.append(sentence)
        suffix = f"x{n}"
        words = [w + suffix for w in sentence.split()]
        single = [lexical.stem(w) for w in words]
        lexical.stem.cache_clear()
        if [lexical.stem(w) for w in words] != single:
            wrong.append(sentence)

    errors = hammer(work, seconds=2)
    assert errors == []
    assert wrong == []


@pytest.mark.django_db(transaction=True)
def test_ask_gives_the_same_answer_from_many_threads(texas_world):
    expected = {item: answer_of(*item) for item in QUESTIONS}
    counter = iter(range(10**9))
    wrong: list[tuple] = []

    def work() -> None:
        item = QUESTIONS[next(counter) % len(QUESTIONS)]
        if answer_of(*item) != expected[item]:
            wrong.append(item)

    errors = hammer(work, seconds=3)
    assert errors == []
    assert wrong == []


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_succeeds_while_eight_threads_ask(texas_world):
    engine = engine_get()
    expected = {item: answer_of(*item) for item in QUESTIONS}
    before = index_manifest(Path(settings.RECOURSE_INDEX_DIR))
    counter = iter(range(10**9))
    rebuilds: list[dict] = []
    rebuild_errors: list[BaseException] = []

    def rebuild_loop() -> None:
        try:
            for _ in range(3):
                rebuilds.append(engine.rebuild(force=True))
        except BaseException as exc:
            rebuild_errors.append(exc)
        finally:
            connection.close()

    def work() -> None:
        item = QUESTIONS[next(counter) % len(QUESTIONS)]
        assert answer_of(*item) == expected[item]

    builder = threading.Thread(target=rebuild_loop)
    builder.start()
    errors = hammer(work, seconds=3)
    builder.join()
    assert errors == []
    assert rebuild_errors == []
    assert len(rebuilds) == 3
    after = index_manifest(Path(settings.RECOURSE_INDEX_DIR))
    assert after["built_at"] >= before["built_at"]
    assert after["passages_digest"] == before["passages_digest"]
