import datetime as dt
import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from policy.classify import Treatment
from policy.management.commands.build_map_paths import antimeridian_cut, arcs_decode, map_build, simplify
from policy.maps import MAPDATA, chart_build, laws_per_year, mapdata_load

# Anything the browser would load by itself: scripts, images, stylesheets, SVG images, CSS urls.
EXTERNAL = re.compile(r"""(?:src=|<link[^>]*href=|<image[^>]*href=|url\()["']?(?:https?:)?//""")


def queries_for(client, url: str) -> int:
    client.get(url)  # build the jurisdiction graph first
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.fixture
def laws(world, make_law):
    make_law("us-fed", "US", enacted=dt.date(2025, 5, 19))
    make_law("us-tx-1", "US-TX", enacted=dt.date(2019, 9, 1))
    make_law("us-ca-bill", "US-CA", status="bill", enacted=dt.date(2025, 1, 1))
    make_law("gb-eaw-1", "GB-EAW", kind="civil", covers_synthetic="no", in_force=dt.date(2019, 3, 1))
    make_law("fr-1", "FR", covers_synthetic="interpretation")


@pytest.mark.parametrize("url", ["/map", "/map/", "/map/us", "/timeline"])
def test_maps_and_timeline_render_on_the_server_with_nothing_from_another_site(client, laws, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "<title>" in html
    assert not EXTERNAL.search(html), EXTERNAL.search(html)
    assert "style=" not in html and "<script>" not in html


def test_the_world_map_colours_each_country_and_says_why(client, laws):
    html = client.get("/map").content.decode()
    assert '<a href="/places/US/" tabindex="-1"><path class="t-specific_criminal"' in html
    assert "<title>United States: Specific criminal law</title>" in html
    # the UK's colour comes from England and Wales only, and the map says so
    assert "United Kingdom: Civil only (in some states or nations)" not in html
    assert "United Kingdom: General law only (in some states or nations)" in html
    assert "<title>France: General law only</title>" in html
    assert "Brazil: not covered by Recourse yet" in html
    assert "Natural Earth" in html and "world-atlas" in html
    assert "How we decide the colour" in html


def test_the_us_map_uses_each_states_own_laws_and_names_federal_law(client, laws):
    html = client.get("/map/us").content.decode()
    assert "<title>Texas: Specific criminal law</title>" in html
    assert "<title>California: Bill pending</title>" in html
    assert "Federal law applies in every state as well: Specific criminal law." in html
    assert "US Census Bureau" in html and "us-atlas" in html
    table = html.split('class="map-table"')[1]
    assert "Texas" in table and "us-tx-1" in table


@pytest.mark.parametrize("url", ["/map", "/map/us", "/timeline"])
def test_the_map_pages_take_the_same_queries_for_few_or_many_laws(client, laws, make_law, url):
    few = queries_for(client, url)
    for i in range(20):
        make_law(f"us-tx-more-{i}", "US-TX", enacted=dt.date(2000 + i, 1, 1))
    assert queries_for(client, url) == few <= 6  # the maps' sixth: the short names of the laws in the table


def test_the_timeline_counts_laws_by_year_and_never_bills(laws):
    counts, undated = laws_per_year()
    assert counts == {2019: (1, 1), 2025: (1, 0)}
    assert undated == 1  # fr-1 has no date


def test_the_chart_has_a_bar_per_year_and_a_table(client, laws):
    chart = chart_build(counts={2019: (1, 1), 2021: (2, 0)})
    assert [b.year for b in chart.bars] == [2019, 2020, 2021]
    assert chart.bars[2].y_explicit == 16  # the tallest bar fills the plot
    assert all(b.labelled for b in chart.bars)
    crowded = chart_build(counts={2000: (1, 0), 2030: (1, 0)})
    assert [b.year for b in crowded.bars if b.labelled] == [2000, 2005, 2010, 2015, 2020, 2025, 2030]
    html = client.get("/timeline").content.decode()
    assert '<th scope="row">2019</th><td>1</td><td>1</td><td>2</td>' in html
    assert "1 law in force or passed has no enactment or in-force date recorded" in html


def test_the_committed_map_files_are_small_and_name_their_source():
    for name, expected in [("world", {"US", "GB", "FR", "AU", "JP"}), ("us", {"US-TX", "US-CA", "US-AK"})]:
        data = mapdata_load(name)
        assert (MAPDATA / f"{name}.json").stat().st_size < 300_000
        assert expected <= {p["id"] for p in data["places"]}
        assert data["attribution"] and data["source"]
        assert all(p["d"].startswith("M") for p in data["places"])


def test_topojson_is_decoded_simplified_and_cut_at_the_antimeridian():
    topology = {"transform": {"scale": [1, 1], "translate": [10, 20]}, "arcs": [[[0, 0], [1, 0], [0, 1]]]}
    assert arcs_decode(topology) == [[(10, 20), (11, 20), (11, 21)]]
    assert simplify([(0, 0), (1, 0.01), (2, 0)], 0.1) == [0, 2]
    pieces = antimeridian_cut([(170, 0), (-170, 0), (-170, 10), (170, 10), (170, 0)])
    assert len(pieces) == 2
    assert all(-180 <= lon <= 180 for piece in pieces for lon, _ in piece)


def test_build_map_paths_writes_both_files(tmp_path, settings):
    node_modules = settings.BASE_DIR / "node_modules"
    if not (node_modules / "world-atlas").exists():
        pytest.skip("run `npm install` first: the atlas packages are build inputs, not runtime ones")
    call_command("build_map_paths", out=str(tmp_path))
    for name in ("world", "us"):
        built = json.loads((tmp_path / f"{name}.json").read_text())
        assert built == mapdata_load(name)  # the committed files are current


def test_map_build_names_us_states_by_their_iso_codes():
    topology = {
        "arcs": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]],
        "objects": {
            "states": {"geometries": [{"type": "Polygon", "arcs": [[0]], "properties": {"name": "Texas"}}]}
        },
    }
    built = map_build(name="us", topology=topology, version="0")
    assert [(p["id"], p["name"]) for p in built["places"]] == [("US-TX", "Texas")]


def test_the_map_table_names_laws_and_the_legend_counts_what_is_drawn(client, laws):
    response = client.get("/map")
    html = response.content.decode()
    drawn = response.context["map"]
    assert sum(drawn.counts.values()) + drawn.uncovered == len(drawn.places)
    grey = sum(1 for p in drawn.places if p.covered and p.treatment == Treatment.NOTHING_KNOWN)
    assert f"Nothing known ({grey})" in html
    assert f"not covered by Recourse yet ({drawn.uncovered})" in html
    table = html.split('class="map-table"')[1]
    assert ">us-tx-" not in table  # law names, not internal ids


def test_the_map_is_not_one_nested_interactive_element(client, laws):
    html = client.get("/map").content.decode()
    svg = html[html.index("<svg") : html.index(">", html.index("<svg"))]
    assert 'role="img"' not in svg and 'aria-hidden="true"' in svg


def test_the_data_dictionary_scrolls_by_keyboard_and_shows_no_backticks(client, laws):
    html = client.get("/data").content.decode()
    assert 'class="table-scroll" tabindex="0" role="region"' in html
    main = html[html.index("<main") : html.index("</main>")]
    assert "`" not in main and "<code>published</code>" in main
