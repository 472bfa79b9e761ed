"""The jurisdiction tree in memory: chains, descendants and names, without a query per step.

It sits above kb/models.py (it reads the models; the models know nothing of it), so the two never
import each other. Every answer is filtered by a jurisdiction's chain, so the tree is read once per process
and re-read when content changes (the loader and the admin clear it; other processes
notice through the fingerprint check in `jurisdiction_graph`).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from django.db.models import Count, Max

from kb.models import Jurisdiction
from kb.vocab import ReviewStatus

GLOBAL = "GLOBAL"


@dataclass
class JurisdictionGraph:
    names: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    parent: dict[str, str | None] = field(default_factory=dict)
    member_of: dict[str, list[str]] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    emergency: dict[str, str] = field(default_factory=dict)
    published: set[str] = field(default_factory=set)

    def chain(self, code: str) -> list[str]:
        """The code itself, its ancestors, their supranational bodies, then GLOBAL."""
        if code not in self.names:
            return [GLOBAL] if GLOBAL in self.names else []
        out: list[str] = []
        node: str | None = code
        while node and node not in out:
            out.append(node)
            node = self.parent.get(node)
        for member in list(out):
            for body in self.member_of.get(member, []):
                if body not in out:
                    out.append(body)
        if GLOBAL in self.names and GLOBAL not in out:
            out.append(GLOBAL)
        return out

    def descendants(self, code: str) -> list[str]:
        out, frontier = [], [code]
        while frontier:
            node = frontier.pop()
            kids = sorted(c for c, p in self.parent.items() if p == node)
            out.extend(kids)
            frontier.extend(kids)
        return out

    def members(self, code: str) -> list[str]:
        return sorted(c for c, bodies in self.member_of.items() if code in bodies)

    def emergency_number(self, code: str) -> str:
        for node in self.chain(code):
            if self.emergency.get(node):
                return self.emergency[node]
        return ""


# Other processes' edits are noticed within this many seconds; this process's own edits at once
# (the loader and the admin clear the cache).
CHECK_EVERY_SECONDS = 1.0
_lock = threading.Lock()
_cache: dict[str, object] = {}


def _fingerprint() -> tuple:
    agg = Jurisdiction.objects.aggregate(n=Count("code"), latest=Max("updated_at"))
    return (agg["n"], agg["latest"])


def jurisdiction_graph() -> JurisdictionGraph:
    now = time.monotonic()
    with _lock:
        if "graph" in _cache and now - _cache["checked"] < CHECK_EVERY_SECONDS:  # type: ignore[operator]
            return _cache["graph"]  # type: ignore[return-value]
    stamp = _fingerprint()
    with _lock:
        if _cache.get("stamp") == stamp:
            _cache["checked"] = now
            return _cache["graph"]  # type: ignore[return-value]
    graph = JurisdictionGraph()
    rows = Jurisdiction.objects.values_list(
        "code", "name", "kind", "parent_id", "aliases", "emergency_number", "review_status"
    )
    for code, name, kind, parent, aliases, emergency, status in rows:
        graph.names[code] = name
        graph.kinds[code] = kind
        graph.parent[code] = parent
        graph.aliases[code] = list(aliases or [])
        graph.emergency[code] = emergency
        if status == ReviewStatus.PUBLISHED:
            graph.published.add(code)
    for code, body in Jurisdiction.member_of.through.objects.values_list(
        "from_jurisdiction_id", "to_jurisdiction_id"
    ):
        graph.member_of.setdefault(code, []).append(body)
    for bodies in graph.member_of.values():
        bodies.sort()
    with _lock:
        _cache.update(stamp=stamp, graph=graph, checked=now)
    return graph


def jurisdiction_graph_clear() -> None:
    with _lock:
        _cache.clear()


def chain_codes(code: str) -> list[str]:
    return jurisdiction_graph().chain(code)


def jurisdiction_chain(code: str) -> list[Jurisdiction]:
    """The records of a jurisdiction's chain, nearest first (see JurisdictionGraph.chain)."""
    codes = chain_codes(code)
    found = Jurisdiction.objects.in_bulk(codes)
    return [found[c] for c in codes if c in found]
