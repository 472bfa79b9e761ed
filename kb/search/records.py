"""The records that answers show, read from the database once per content version, not per question.

An answer shows up to five laws, five channels and three guides. Reading them on every question
(three `in_bulk` queries and a prefetch) cost about 5 ms of CPU in the worker, mostly the ORM
building SQL and model instances, plus PostgreSQL's own work: a third of an ask. Records only
change when the content does, and the engine already compares the database's content fingerprint
at most once a second (kb/search/engine.py). So the records read are kept for that fingerprint
and dropped when it changes (a publish, an edit, a withdrawal, in any process): a record withdrawn
since the index was built is left out of answers within a second, as before.

The instances are shared by a worker's threads: callers only read them. Only published records
are kept, at most MAX_KEPT per content version, so memory stays bounded at 10,000 records and more.
"""

from __future__ import annotations

import threading

from django.db.models import Model, QuerySet

from kb.models import Channel, Guide, Law

MAX_KEPT = 2000


def _published(kind: str) -> QuerySet:
    """What an answer needs of each kind of record, in one query (and a prefetch for channels)."""
    if kind == "law":
        return Law.objects.published().select_related("jurisdiction")
    if kind == "channel":
        return Channel.objects.published().prefetch_related("jurisdictions")
    if kind == "guide":
        return Guide.objects.published()
    raise ValueError(f"unknown record type {kind!r}")


class RecordCache:
    """Published records by (type, id) for one content fingerprint; a record not published is kept as None."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._fingerprint: str | None = None
        self._kept: dict[tuple[str, str], Model | None] = {}

    def follow(self, fingerprint: str) -> None:
        """The database's content is now `fingerprint`: forget what was read for another one."""
        with self._lock:
            if fingerprint != self._fingerprint:
                self._fingerprint, self._kept = fingerprint, {}

    def records_get(self, *, kind: str, ids: list[str]) -> dict[str, Model]:
        """The published records of `kind` among `ids`, by id; ids not published are left out."""
        with self._lock:
            if self._fingerprint is None:
                kept = None  # no content version known yet: nothing can be kept safely
            else:
                if len(self._kept) > MAX_KEPT:
                    self._kept = {}
                kept = self._kept  # replaced, never emptied, when the content changes: safe to read
        if kept is None:
            return _published(kind).in_bulk(ids)
        missing = [i for i in ids if (kind, i) not in kept]
        found = _published(kind).in_bulk(missing) if missing else {}
        for record_id in missing:
            kept[(kind, record_id)] = found.get(record_id)
        shown = {}
        for record_id in ids:
            record = found[record_id] if record_id in found else kept.get((kind, record_id))
            if record is not None:
                shown[record_id] = record
        return shown
