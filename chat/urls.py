from django.urls import path

from chat import views

app_name = "chat"
urlpatterns = [
    path("help/", views.start, name="start"),
    path("help/step/", views.step, name="step"),
    path("help/plan/print/", views.plan_print, name="print"),
    path("ask/", views.ask_page, name="ask"),
]
