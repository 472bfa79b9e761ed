"""The policymakers' pages: compare, maps, timeline, data download, recent changes and their feed.

Slashes are optional so that /compare and /compare/ both work (links in reports and papers vary).
"""

from django.urls import path, re_path

from policy.feeds import ChangesFeed
from policy.views import compare, data, maps

app_name = "policy"
urlpatterns = [
    re_path(r"^compare/?$", compare.compare, name="compare"),
    path("compare.csv", compare.compare_csv, name="compare-csv"),
    path("compare.json", compare.compare_json, name="compare-json"),
    re_path(r"^map/?$", maps.world_map, name="map"),
    re_path(r"^map/us/?$", maps.us_map, name="map-us"),
    re_path(r"^timeline/?$", maps.timeline, name="timeline"),
    re_path(r"^data/?$", data.data, name="data"),
    re_path(r"^data/download/?$", data.data_download, name="data-download"),
    re_path(r"^changes/?$", data.changes, name="changes"),
    re_path(r"^changes/feed/?$", ChangesFeed(), name="feed"),
]
