from django.urls import path

from kb import views, views_suggest

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
]
