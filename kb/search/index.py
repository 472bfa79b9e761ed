"""Building, saving and loading the search index, with a manifest and an atomic swap.

Layout under settings.RECOURSE_INDEX_DIR:

    builds/<stamp>/   manifest.json, passages.json, dense.faiss, bm25/
    current           symlink to the build in use

A build is written to a fresh folder and then `current` is replaced in one rename, so a
crash mid-build leaves the previous index in place and readers never see half an index.
The manifest records a SHA-256 of every file, and loading checks them: a damaged build (a
truncated file, a missing folder) is refused with IndexDamaged instead of answering wrongly or
failing every request, and `build_index` rebuilds it without needing --force.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.db.models import Count, Max
from django.utils import timezone

from kb.search.dense import DenseIndex
from kb.search.embedder import Embedder
from kb.search.lexical import LexicalIndex
from kb.search.passages import Passage, passages_digest, passages_from_db

# 4: the manifest records a SHA-256 of every file; 5: passages carry covers_synthetic, threats_only;
# 6: laws' passages carry their section numbers
FORMAT = 6


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

    def own(self, code: str) -> np.ndarray:
        """Passage numbers of records tagged with this jurisdiction itself (not its parents, not everywhere)."""
        return self._by_code.get(code, np.zeros(0, dtype=np.int64))

    def allowed(self, codes: list[str]) -> np.ndarray:
        """Passage numbers that apply in these jurisdictions (and those that apply everywhere)."""
        parts = [self._everywhere] + [self._by_code[c] for c in codes if c in self._by_code]
        return np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)


class IndexUnavailable(Exception):
    """No usable index: none built yet, or the one on disk is damaged and being rebuilt.

    Callers answer without retrieval (the place's channels and guides) rather than fail."""


class IndexDamaged(IndexUnavailable):
    """The current build's files do not match the checksums its manifest recorded."""


def index_refresh_if_current(
    *, out_dir: Path, model: str, passages: list[Passage], fingerprint: str
) -> dict | None:
    """When the current build already holds these passages for this model and its files are
    intact, record the new fingerprint and return its manifest: nothing needs embedding (or even
    the model loading). A damaged build returns None, so callers rebuild it without --force."""
    current = index_manifest(out_dir)
    if not (
        current
        and current.get("passages_digest") == passages_digest(passages)
        and current.get("model") == model
        and current.get("format") == FORMAT
        and not index_problems(out_dir)
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
    reuse: bool = True,
) -> dict:
    """Build the index for the published content and make it current. Returns its manifest.

    When the passages and the model are unchanged since the current build (and its files are
    intact), nothing is re-embedded: only the manifest's fingerprint is refreshed. Otherwise
    (unless `reuse` is off) passages whose text is unchanged take their vectors from the current
    intact build, so editing one record of 10,000 embeds one passage, not 10,000.
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

    texts = [p.text for p in passages]
    vectors, reused = _vectors(out_dir, embedder, texts, reuse=reuse)
    dense = DenseIndex.build(vectors)
    lexical = LexicalIndex.build(texts)
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
        "dense": dense.kind,
        "dense_recall": dense.recall,
        "reused_vectors": reused,
        "built_at": timezone.now().isoformat(timespec="seconds"),
        "build_seconds": 0.0,
    }
    builds = out_dir / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    # Unique even for two builds in the same second by the same process (a rebuild racing a
    # `build_index`): a clash would fail the rename and leave the index stale.
    stamp = f"{time.strftime('%Y%m%dT%H%M%S')}-{digest[:8]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp = builds / f".{stamp}.tmp"
    tmp.mkdir()
    try:
        dense.save(tmp)
        (tmp / "bm25").mkdir()
        lexical.save(tmp / "bm25")
        _write_json(tmp / "passages.json", [p.to_json() for p in passages])
        manifest["files"] = _checksums(tmp)
        manifest["build_seconds"] = round(time.perf_counter() - started, 2)
        _write_json(tmp / "manifest.json", manifest)
        final = builds / stamp
        tmp.rename(final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _swap_current(out_dir, final)
    _remove_old_builds(builds, keep=final)
    return manifest


def _vectors(out_dir: Path, embedder: Embedder, texts: list[str], *, reuse: bool) -> tuple[np.ndarray, int]:
    """Unit vectors for the texts, reusing the current build's for unchanged texts. Returns the
    vectors and how many were reused."""
    vectors = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    known = _known_vectors(out_dir, embedder) if reuse and texts else {}
    missing = []
    for row, text in enumerate(texts):
        found = known.get(_text_key(text))
        if found is None:
            missing.append(row)
        else:
            vectors[row] = found
    if missing:
        vectors[missing] = embedder.encode([texts[i] for i in missing])
    return vectors, len(texts) - len(missing)


def _known_vectors(out_dir: Path, embedder: Embedder) -> dict[str, np.ndarray]:
    """The current build's vectors by text, when it is intact and made with this model."""
    manifest = index_manifest(out_dir)
    if not manifest or manifest.get("model") != embedder.name or manifest.get("dim") != embedder.dim:
        return {}
    try:
        index = index_load(out_dir)
    except IndexDamaged:
        return {}
    if index is None or index.dense.size != len(index.passages):
        return {}
    stored = index.dense.vectors()
    return {_text_key(p.text): stored[i] for i, p in enumerate(index.passages)}


def _text_key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def index_manifest(out_dir: Path) -> dict | None:
    path = out_dir / "current" / "manifest.json"
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def index_problems(out_dir: Path) -> list[str]:
    """What is wrong with the current build, file by file; [] when it is whole.

    Every file's SHA-256 is compared with the manifest's: a truncated dense.faiss, an edited
    passages.json or a missing bm25/ folder are all caught before anything tries to load them."""
    build = _current_build(out_dir)
    if build is None:
        return ["no index has been built"]
    manifest = _read_manifest(build)
    if manifest is None:
        return ["manifest.json is missing or unreadable"]
    return _verify(build, manifest)


def index_load(out_dir: Path) -> SearchIndex | None:
    """The current build, verified against its manifest. None when nothing has been built;
    IndexDamaged when its files are damaged (the caller keeps what it has and rebuilds)."""
    for attempt in (1, 2):
        build = _current_build(out_dir)
        if build is None:
            return None
        try:
            return _load_build(build)
        except IndexDamaged:
            # `current` may have moved to a newer build while this one was read: look once more.
            if attempt == 2 or _current_build(out_dir) == build:
                raise
    return None  # not reached


def _load_build(build: Path) -> SearchIndex:
    manifest = _read_manifest(build)
    if manifest is None:
        raise IndexDamaged(f"{build.name}: manifest.json is missing or unreadable")
    problems = _verify(build, manifest)
    if problems:
        raise IndexDamaged(f"{build.name}: " + "; ".join(problems))
    try:
        passages = [Passage(**row) for row in json.loads((build / "passages.json").read_text())]
        return SearchIndex(
            passages=passages,
            dense=DenseIndex.load(build, recall=manifest.get("dense_recall")),
            lexical=LexicalIndex.load(build / "bm25"),
            manifest=manifest,
        )
    except Exception as exc:  # a file that hashes right but will not load is damage all the same
        raise IndexDamaged(f"{build.name}: {type(exc).__name__}") from exc


def _current_build(out_dir: Path) -> Path | None:
    """The build folder `current` points to, resolved once so every file is read from one build."""
    link = out_dir / "current"
    try:
        build = link.resolve(strict=True)
    except OSError:
        return None
    return build if build.is_dir() else None


def _read_manifest(build: Path) -> dict | None:
    try:
        manifest = json.loads((build / "manifest.json").read_text())
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def _checksums(folder: Path) -> dict[str, str]:
    """SHA-256 of every file in a build except the manifest itself, by path relative to the build."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != "manifest.json":
            out[path.relative_to(folder).as_posix()] = _sha256(path)
    return out


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _verify(build: Path, manifest: dict) -> list[str]:
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        return ["the manifest records no checksums"]
    problems = []
    for name, expected in sorted(files.items()):
        path = build / name
        if not path.is_file():
            problems.append(f"{name} is missing")
        elif _sha256(path) != expected:
            problems.append(f"{name} does not match its checksum")
    return problems


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
    """Remove all but the new build and the one before it: a reader that resolved `current` just
    before the swap can still finish loading the previous build."""
    done = sorted(
        (p for p in builds.iterdir() if p != keep and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
    )
    for path in done[:-1]:
        shutil.rmtree(path, ignore_errors=True)
