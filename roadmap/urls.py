from django.urls import path

from roadmap import views

urlpatterns = [
    path("", views.dashboard, name="home"),
]
