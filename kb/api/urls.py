"""Routes of the public read API, under /api/v1/. Trailing slashes are optional: /laws and /laws/."""

from rest_framework.routers import DefaultRouter

from kb.api import views

router = DefaultRouter()
router.trailing_slash = "/?"  # DRF turns any truthy argument into "/", so set it after
router.register("jurisdictions", views.JurisdictionViewSet, basename="jurisdiction")
router.register("laws", views.LawViewSet, basename="law")
router.register("channels", views.ChannelViewSet, basename="channel")
router.register("guides", views.GuideViewSet, basename="guide")
router.register("compare", views.CompareViewSet, basename="compare")

app_name = "api"
urlpatterns = router.urls
