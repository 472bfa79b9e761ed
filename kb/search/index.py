"""Building, saving and loading the search index, with a manifest and an atomic swap.

Layout under settings.RECOURSE_INDEX_DIR:

    builds/<stamp>/   manifest.json, passages.json, dense.faiss, bm25/
    current           symlink to the build in use

A build is written to a fresh folder and then `current` is replaced in one rename, so a
crash mid-build leaves the previous index in place and readers never see half an index.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.db.models import Count, Max
from django.utils import timezone

from kb.search.dense import DenseIndex
from kb.search.embedder import Embedder
from kb.search.lexical import LexicalIndex
from kb.search.passages import Passage, passages_digest, passages_from_db

FORMAT = 3


def content_fingerprint() -> str:
    """A cheap summary of the knowledge base's state: changes whenever any record is saved or removed."""
    from kb.models import Channel, Guide, Jurisdiction, Law, Source

    parts = []
    for model in (Jurisdiction, Law, Channel, Guide, Source):
        agg = model.objects.aggregate(
            n=Count("pk"), **({"t": Max("updated_at")} if model is not Source else {})
        )
        parts.append(f"{model.__name__}:{agg['n']}:{agg.get('t')}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


@dataclass
class SearchIndex:
    passages: list[Passage]
    dense: DenseIndex
    lexical: LexicalIndex
    manifest: dict
    _by_code: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    by_record: dict[tuple[str, str], Passage] = field(default_factory=dict, repr=False)
    _everywhere: np.ndarray | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        by_code: dict[str, list[int]] = {}
        everywhere: list[int] = []
        for i, p in enumerate(self.passages):
            self.by_record.setdefault((p.record_type, p.record_id), p)
            if not p.jurisdictions:
                everywhere.append(i)
            for code in p.jurisdictions:
                by_code.setdefault(code, []).append(i)
        self._by_code = {c: np.array(ids, dtype=np.int64) for c, ids in by_code.items()}
        self._everywhere = np.array(everywhere, dtype=np.int64)

    def allowed(self, codes: list[str]) -> np.ndarray:
        """Passage numbers that apply in these jurisdictions (and those that apply everywhere)."""
        parts = [self._everywhere] + [self._by_code[c] for c in codes if c in self._by_code]
        return np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)


def index_refresh_if_current(
    *, out_dir: Path, model: str, passages: list[Passage], fingerprint: str
) -> dict | None:
    """When the current build already holds these passages for this model, record the new
    fingerprint and return its manifest: nothing needs embedding (or even the model loading)."""
    current = index_manifest(out_dir)
    if not (
        current
        and current.get("passages_digest") == passages_digest(passages)
        and current.get("model") == model
        and current.get("format") == FORMAT
    ):
        return None
    if current.get("content_fingerprint") != fingerprint:
        current = {**current, "content_fingerprint": fingerprint}
        _write_json(out_dir / "current" / "manifest.json", current)
    return {**current, "up_to_date": True}


def index_build(
    *,
    out_dir: Path,
    embedder: Embedder,
    passages: list[Passage] | None = None,
    fingerprint: str = "",
    force: bool = False,
) -> dict:
    """Build the index for the published content and make it current. Returns its manifest.

    When the passages and the model are unchanged since the current build, nothing is
    re-embedded: only the manifest's fingerprint is refreshed.
    """
    started = time.perf_counter()
    passages = passages_from_db() if passages is None else passages
    digest = passages_digest(passages)
    if not force:
        current = index_refresh_if_current(
            out_dir=out_dir, model=embedder.name, passages=passages, fingerprint=fingerprint
        )
        if current:
            return current

    vectors = (
        embedder.encode([p.text for p in passages]) if passages else np.zeros((0, embedder.dim), np.float32)
    )
    dense = DenseIndex.build(vectors)
    lexical = LexicalIndex.build([p.text for p in passages])
    counts = {
        t: len({p.record_id for p in passages if p.record_type == t}) for t in ("law", "channel", "guide")
    }
    manifest = {
        "format": FORMAT,
        "model": embedder.name,
        "dim": embedder.dim,
        "content_fingerprint": fingerprint,
        "passages_digest": digest,
        "counts": {"passages": len(passages), **counts},
        "built_at": timezone.now().isoformat(timespec="seconds"),
        "build_seconds": 0.0,
    }
    builds = out_dir / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    stamp = f"{time.strftime('%Y%m%dT%H%M%S')}-{digest[:8]}-{os.getpid()}"
    tmp = builds / f".{stamp}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    dense.save(tmp / "dense.faiss")
    (tmp / "bm25").mkdir()
    lexical.save(tmp / "bm25")
    _write_json(tmp / "passages.json", [p.to_json() for p in passages])
    manifest["build_seconds"] = round(time.perf_counter() - started, 2)
    _write_json(tmp / "manifest.json", manifest)
    final = builds / stamp
    tmp.rename(final)
    _swap_current(out_dir, final)
    _remove_old_builds(builds, keep=final)
    return manifest


def index_manifest(out_dir: Path) -> dict | None:
    path = out_dir / "current" / "manifest.json"
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def index_load(out_dir: Path) -> SearchIndex | None:
    current = out_dir / "current"
    manifest = index_manifest(out_dir)
    if manifest is None:
        return None
    passages = [Passage(**row) for row in json.loads((current / "passages.json").read_text())]
    return SearchIndex(
        passages=passages,
        dense=DenseIndex.load(current / "dense.faiss"),
        lexical=LexicalIndex.load(current / "bm25"),
        manifest=manifest,
    )


def _write_json(path: Path, data) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1))
    os.replace(tmp, path)


def _swap_current(out_dir: Path, build: Path) -> None:
    link = out_dir / "current"
    tmp_link = out_dir / f".current.{os.getpid()}"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    tmp_link.symlink_to(build.relative_to(out_dir))
    os.replace(tmp_link, link)


def _remove_old_builds(builds: Path, keep: Path) -> None:
    for path in builds.iterdir():
        if path != keep and not path.name.startswith("."):
            shutil.rmtree(path, ignore_errors=True)
