from django.urls import path, re_path

from kb import views, views_compare, views_data, views_maps, views_suggest
from kb.feeds import ChangesFeed

app_name = "kb"
urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("safety/", views.safety, name="safety"),
    path("places/", views.places, name="places"),
    path("places/<str:code>/", views.jurisdiction_detail, name="jurisdiction"),
    path("laws/<slug:law_id>/", views.law_detail, name="law"),
    path("channels/<slug:channel_id>/", views.channel_detail, name="channel"),
    path("guides/<slug:guide_id>/", views.guide_detail, name="guide"),
    path("suggest/<str:record_type>/<slug:record_id>/", views_suggest.suggest, name="suggest"),
    # Policymakers and builders (issue 6): compare, maps, timeline, data, changes. Slash optional.
    re_path(r"^compare/?$", views_compare.compare, name="compare"),
    path("compare.csv", views_compare.compare_csv, name="compare-csv"),
    path("compare.json", views_compare.compare_json, name="compare-json"),
    re_path(r"^map/?$", views_maps.world_map, name="map"),
    re_path(r"^map/us/?$", views_maps.us_map, name="map-us"),
    re_path(r"^timeline/?$", views_maps.timeline, name="timeline"),
    re_path(r"^data/?$", views_data.data, name="data"),
    re_path(r"^data/download/?$", views_data.data_download, name="data-download"),
    re_path(r"^changes/?$", views_data.changes, name="changes"),
    re_path(r"^changes/feed/?$", ChangesFeed(), name="feed"),
]
