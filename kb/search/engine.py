"""The process's loaded index, kept in step with the published content.

The index follows the content on its own: each use compares the database's fingerprint with
the one the index was built from (a cheap aggregate query, at most once per second). When
they differ, a newer build on disk (made by another process) is loaded, or one is built in a
background thread while the old index keeps answering.

With no usable index (none built yet, or the files on disk are damaged) `index()` raises
`IndexUnavailable` at once and a rebuild starts (in the background in a server, in the caller
with RECOURSE_REINDEX_IN_BACKGROUND off); callers answer without retrieval meanwhile. A damaged
build on disk never replaces a good index already in memory. A failed rebuild is retried after
RETRY_SECONDS, not on every question.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from kb.search.embedder import Embedder, embedder_get
from kb.search.index import (
    FORMAT,
    IndexDamaged,
    IndexUnavailable,
    SearchIndex,
    content_fingerprint,
    index_build,
    index_load,
    index_manifest,
)
from kb.search.records import RecordCache

__all__ = ["Engine", "IndexUnavailable", "engine_get", "engine_reset"]

log = logging.getLogger(__name__)
CHECK_EVERY_SECONDS = 1.0
REBUILD_LOCK = "recourse:index-rebuild"
# The lock is a lease the builder renews while it works: a builder that dies (a worker killed, a
# machine lost) frees it within LEASE_SECONDS, not after the longest build could take.
LEASE_SECONDS = 60
RENEW_EVERY_SECONDS = 15
RETRY_SECONDS = 30.0


class RebuildLease:
    """One rebuild at a time across every process sharing the cache (Redis in production).

    Held under a token of its own, so a builder whose lease ran out never removes the lock another
    builder holds since."""

    def __init__(self) -> None:
        self.token = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None

    def take(self) -> bool:
        if not cache.add(REBUILD_LOCK, self.token, timeout=LEASE_SECONDS):
            return False
        self._renewer = threading.Thread(target=self._renew, name="recourse-reindex-lease", daemon=True)
        self._renewer.start()
        return True

    def _renew(self) -> None:
        while not self._stop.wait(RENEW_EVERY_SECONDS):
            if cache.get(REBUILD_LOCK) != self.token or not cache.touch(REBUILD_LOCK, LEASE_SECONDS):
                log.warning("search index rebuild lease lost while building")
                return

    def release(self) -> None:
        self._stop.set()
        if cache.get(REBUILD_LOCK) == self.token:
            cache.delete(REBUILD_LOCK)


class Engine:
    def __init__(
        self, out_dir: Path, embedder: Embedder, *, auto_reindex: bool = True, background: bool = True
    ):
        self.out_dir = out_dir
        self.embedder = embedder
        self.auto_reindex = auto_reindex
        self.background = background
        self._index: SearchIndex | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()
        self._building: threading.Thread | None = None
        self._failed_at: float | None = None
        self._damaged: dict | None = None
        # The records answers show, kept for the content fingerprint last read (kb/search/records.py).
        self.records = RecordCache()

    def index(self, *, wait: bool = False) -> SearchIndex:
        """The index to answer from; IndexUnavailable while none is usable (a rebuild is under way).

        `wait`: with no usable index, build one in the caller and return it (commands such as
        `evaluate` want real answers, not the server's answers-while-rebuilding)."""
        now = time.monotonic()
        if self._index is not None and now - self._checked_at < CHECK_EVERY_SECONDS:
            return self._index
        self._checked_at = now
        fingerprint = content_fingerprint()
        self.records.follow(fingerprint)
        if self._index is not None and self._index.manifest.get("content_fingerprint") == fingerprint:
            return self._index
        with self._lock:
            on_disk = index_manifest(self.out_dir)
            usable = (
                on_disk and on_disk.get("model") == self.embedder.name and on_disk.get("format") == FORMAT
            )
            newer = self._index is None or (
                on_disk
                and on_disk.get("content_fingerprint") == fingerprint
                and on_disk != self._index.manifest
            )
            if usable and newer and on_disk != self._damaged:
                try:
                    self._index = index_load(self.out_dir) or self._index
                except IndexDamaged as exc:
                    # Remembered, so the damaged files are not hashed again on every question.
                    self._damaged = on_disk
                    log.error("search index on disk is damaged (%s); rebuilding it", exc)
            if self._index is not None and self._index.manifest.get("content_fingerprint") == fingerprint:
                return self._index
            if self._index is None and wait:
                self.rebuild(fingerprint)
            elif self._index is None:
                self._rebuild_later(fingerprint)  # in the caller when not in the background
                if self._index is None:
                    raise IndexUnavailable("the search index is being rebuilt")
            elif self.auto_reindex:
                self._rebuild_later(fingerprint)
            return self._index

    def rebuild(self, fingerprint: str | None = None, *, force: bool = False) -> dict:
        fingerprint = fingerprint or content_fingerprint()
        manifest = index_build(
            out_dir=self.out_dir, embedder=self.embedder, fingerprint=fingerprint, force=force
        )
        self._index = index_load(self.out_dir)
        self._damaged = None
        return manifest

    def _rebuild_logged(self, fingerprint: str) -> None:
        """Rebuild; a failure is logged and remembered (retried after RETRY_SECONDS), never raised."""
        started = time.monotonic()
        try:
            manifest = self.rebuild(fingerprint)
            self._failed_at = None
            log.info(
                "search index rebuilt for content %s in %.1f s%s",
                fingerprint,
                time.monotonic() - started,
                " (unchanged passages)" if manifest.get("up_to_date") else "",
            )
        except Exception:
            self._failed_at = time.monotonic()
            log.exception("search index rebuild failed; the previous index (if any) stays in use")

    def _rebuild_later(self, fingerprint: str) -> None:
        """Rebuild in a background thread (or now, in tests and commands), unless one is under way
        or one failed less than RETRY_SECONDS ago: a broken build is not retried on every question."""
        if self._building is not None and self._building.is_alive():
            return
        if self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_SECONDS:
            return
        # One rebuild at a time across every process sharing the cache: the others keep answering
        # from the old index and load the new build from disk when they share it.
        lease = RebuildLease()
        if not lease.take():
            return
        if not self.background:
            try:
                self._rebuild_logged(fingerprint)
            finally:
                lease.release()
            return

        def work() -> None:
            from django.db import connection

            try:
                self._rebuild_logged(fingerprint)
            finally:
                lease.release()
                connection.close()

        self._building = threading.Thread(target=work, name="recourse-reindex", daemon=True)
        self._building.start()


_engine: Engine | None = None
_engine_lock = threading.Lock()


def engine_get() -> Engine:
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = Engine(
                Path(settings.RECOURSE_INDEX_DIR),
                embedder_get(),
                auto_reindex=settings.RECOURSE_AUTO_REINDEX,
                background=settings.RECOURSE_REINDEX_IN_BACKGROUND,
            )
        return _engine


def engine_reset() -> None:
    """Forget the process's engine (tests switch settings between runs)."""
    global _engine
    with _engine_lock:
        _engine = None
