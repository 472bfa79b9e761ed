from django.urls import path

from chat import views

app_name = "chat"
urlpatterns = [
    path("help/", views.start, name="start"),
    path("ask/", views.ask_page, name="ask"),
]
