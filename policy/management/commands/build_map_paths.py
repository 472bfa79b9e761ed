"""Turn the world-atlas and us-atlas TopoJSON (npm packages) into small SVG-path files.

Run once after `npm install` when the atlas versions change, and commit the output:

    python manage.py build_map_paths            # reads node_modules/, writes policy/mapdata/*.json

The maps are then drawn on the server from policy/mapdata/world.json and us.json: no tiles, no CDN,
no JavaScript. Paths are projected (Natural Earth for the world; the US file is already in
Albers USA), simplified on shared arcs so borders still meet, and rounded to 0.1 px.
"""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import pycountry
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

OUT_DIR = Path(__file__).resolve().parents[2] / "mapdata"
WORLD_WIDTH = 960.0

Point = tuple[float, float]

SOURCES = {
    "world": {
        "package": "world-atlas",
        "file": "countries-50m.json",
        "object": "countries",
        "attribution": (
            "Country boundaries: Natural Earth 1:50m Admin 0 (public domain), via the world-atlas "
            "npm package {version} (ISC licence, Mike Bostock). Natural Earth projection."
        ),
        "tolerance": 0.45,
    },
    "us": {
        "package": "us-atlas",
        "file": "states-albers-10m.json",
        "object": "states",
        "attribution": (
            "State boundaries: US Census Bureau cartographic boundary files, 2017 (public domain), "
            "via the us-atlas npm package {version} (ISC licence, Mike Bostock). Albers USA projection."
        ),
        "tolerance": 0.35,
    },
}
# Places without an ISO numeric code in Natural Earth that have one in ISO 3166 user space.
WORLD_NAMED = {"Kosovo": "XK"}
WORLD_SKIP = {"010"}  # Antarctica: no laws, and it takes a fifth of the map


def natural_earth(lon: float, lat: float) -> Point:
    """The Natural Earth I projection (Šavrič et al.), as in d3-geo's geoNaturalEarth1."""
    lam, phi = math.radians(lon), math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, -y


def arcs_decode(topology: dict) -> list[list[Point]]:
    """Absolute coordinates of every arc (TopoJSON quantised arcs are delta-encoded)."""
    transform = topology.get("transform")
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            if transform:
                x, y = x + dx, y + dy
                (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((dx, dy))
        out.append(points)
    return out


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify(points: list[Point], tolerance: float) -> list[int]:
    """Douglas-Peucker: the indexes to keep, both ends always (so shared arcs still meet)."""
    if len(points) < 3:
        return list(range(len(points)))
    if points[0] == points[-1]:  # a closed ring (an island): split at its farthest point
        far = max(range(len(points)), key=lambda i: math.dist(points[0], points[i]))
        tail = [far + i for i in simplify(points[far:], tolerance)]
        return simplify(points[: far + 1], tolerance)[:-1] + tail
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, 0
        for i in range(first + 1, last):
            d = _segment_distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [i for i, k in enumerate(keep) if k]


def _clip(ring: list[Point], inside, cross) -> list[Point]:
    """Sutherland-Hodgman against one half-plane."""
    out: list[Point] = []
    for i, current in enumerate(ring):
        previous = ring[i - 1]
        if inside(current):
            if not inside(previous):
                out.append(cross(previous, current))
            out.append(current)
        elif inside(previous):
            out.append(cross(previous, current))
    return out


def _at_lon(lon: float):
    def cross(a: Point, b: Point) -> Point:
        t = (lon - a[0]) / (b[0] - a[0])
        return lon, a[1] + t * (b[1] - a[1])

    return cross


def antimeridian_cut(ring: list[Point]) -> list[list[Point]]:
    """A lon/lat ring that crosses ±180° (Russia, Fiji) as pieces that each stay on one side."""
    if all(abs(b[0] - a[0]) <= 180 for a, b in itertools.pairwise(ring)):
        return [ring]
    unwrapped = [ring[0]]
    for lon, lat in ring[1:]:
        prev = unwrapped[-1][0]
        while lon - prev > 180:
            lon -= 360
        while prev - lon > 180:
            lon += 360
        unwrapped.append((lon, lat))
    pieces = []
    for offset in (-360, 0, 360):
        shifted = [(lon + offset, lat) for lon, lat in unwrapped]
        piece = _clip(shifted, lambda p: p[0] >= -180, _at_lon(-180))
        piece = _clip(piece, lambda p: p[0] <= 180, _at_lon(180)) if piece else []
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


def _ring(indexes: list[int], arcs: list[list[Point]]) -> list[Point]:
    ring: list[Point] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(arc if not ring else arc[1:])
    return ring


def _area(ring: list[Point]) -> float:
    return (
        abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2
    )


def path_data(polygons: list[list[list[Point]]], *, min_area: float) -> str:
    """An SVG path `d` for a (multi)polygon; rings too small to see are dropped, but never all."""
    rings = [ring for polygon in polygons for ring in polygon if len(ring) >= 3]
    if not rings:
        return ""
    largest = max(rings, key=_area)
    parts = []
    for ring in rings:
        if ring is not largest and _area(ring) < min_area:
            continue
        coords: list[str] = []
        for x, y in ring:
            c = f"{round(x, 1):g},{round(y, 1):g}"
            if not coords or coords[-1] != c:
                coords.append(c)
        if len(coords) >= 3:
            parts.append("M" + "L".join(coords) + "Z")
    return "".join(parts)


def _geometry_polygons(geometry: dict, arcs: list[list[Point]]) -> list[list[list[Point]]]:
    if geometry["type"] == "Polygon":
        return [[_ring(r, arcs) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
    return []


def world_code(geometry: dict) -> str:
    numeric = geometry.get("id")
    if numeric:
        country = pycountry.countries.get(numeric=str(numeric).zfill(3))
        if country:
            return country.alpha_2
    return WORLD_NAMED.get(geometry.get("properties", {}).get("name", ""), "")


def us_code(geometry: dict) -> str:
    name = geometry.get("properties", {}).get("name", "")
    for sub in pycountry.subdivisions.get(country_code="US"):
        if sub.name == name:
            return sub.code
    return ""


def map_build(*, name: str, topology: dict, version: str) -> dict:
    spec = SOURCES[name]
    arcs = arcs_decode(topology)
    geometries = topology["objects"][spec["object"]]["geometries"]
    tolerance = spec["tolerance"]
    if name == "world":
        geometries = [g for g in geometries if str(g.get("id")) not in WORLD_SKIP]
        projected = [[natural_earth(lon, lat) for lon, lat in arc] for arc in arcs]
        used = {
            i if i >= 0 else ~i for g in geometries for p in _geometry_polygons_raw(g) for r in p for i in r
        }
        xs = [x for i in used for x, _ in projected[i]]
        ys = [y for i in used for _, y in projected[i]]
        scale = (WORLD_WIDTH - 10) / (max(xs) - min(xs))
        left, top = min(xs), min(ys)

        def to_svg(ring: list[Point]) -> list[Point]:
            return [
                ((x - left) * scale + 5, (y - top) * scale + 5) for x, y in (natural_earth(*p) for p in ring)
            ]

        kept = [simplify([(x * scale, y * scale) for x, y in arc], tolerance) for arc in projected]
        arcs = [[arc[i] for i in keep] for arc, keep in zip(arcs, kept, strict=True)]
        width, height = WORLD_WIDTH, math.ceil((max(ys) - top) * scale + 10)

        def rings_of(g: dict) -> list[list[list[Point]]]:
            return [
                [to_svg(piece) for ring in polygon for piece in antimeridian_cut(ring)]
                for polygon in _geometry_polygons(g, arcs)
            ]
    else:
        arcs = [[arc[i] for i in simplify(arc, tolerance)] for arc in arcs]
        width, height = 975, 610

        def rings_of(g: dict) -> list[list[list[Point]]]:
            return _geometry_polygons(g, arcs)

    coder = world_code if name == "world" else us_code
    places: dict[str, dict] = {}
    for g in geometries:
        code, label = coder(g), g.get("properties", {}).get("name", "")
        d = path_data(rings_of(g), min_area=tolerance**2 * 4)
        if not d:
            continue
        key = code or label
        if key in places:  # a country drawn in two parts (Australia and its Ashmore Islands)
            places[key]["d"] += d
        else:
            places[key] = {"id": code, "name": label, "d": d}
    return {
        "name": name,
        "viewBox": f"0 0 {width:g} {height:g}",
        "attribution": spec["attribution"].format(version=version),
        "source": f"{spec['package']}@{version}/{spec['file']}",
        "places": sorted(places.values(), key=lambda p: (p["id"] or "~", p["name"])),
    }


def _geometry_polygons_raw(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


class Command(BaseCommand):
    help = "Build policy/mapdata/world.json and us.json from the world-atlas and us-atlas npm packages."

    def add_arguments(self, parser):
        parser.add_argument("--node-modules", default=str(Path(settings.BASE_DIR) / "node_modules"))
        parser.add_argument("--out", default=str(OUT_DIR))

    def handle(self, *args, node_modules: str, out: str, **options):
        out_dir = Path(out)
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, spec in SOURCES.items():
            package = Path(node_modules) / spec["package"]
            source = package / spec["file"]
            if not source.exists():
                raise CommandError(f"{source} is missing: run `npm install` at the repository root first")
            version = json.loads((package / "package.json").read_text())["version"]
            data = map_build(name=name, topology=json.loads(source.read_text()), version=version)
            target = out_dir / f"{name}.json"
            target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
            self.stdout.write(
                f"wrote {target} ({target.stat().st_size // 1024} KB, {len(data['places'])} places)"
            )
