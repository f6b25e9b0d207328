from django.urls import path

from roadmap import version_views as views

app_name = "versions"
urlpatterns = [
    path("", views.planversion_list, name="list"),
    path("publish/", views.planversion_publish, name="publish"),
    path("compare/", views.planversion_compare, name="compare"),
]
