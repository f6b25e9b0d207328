from django.urls import include, path

from initiatives import views

app_name = "initiatives"
urlpatterns = [
    path("", include("initiatives.exchange_urls")),
    path("", views.initiative_list, name="list"),
    path("new/", views.initiative_new, name="new"),
    path("orientations/", views.orientation_options, name="orientation-options"),
    path("<int:pk>/", views.initiative_detail, name="detail"),
    path("<int:pk>/edit/", views.initiative_edit, name="edit"),
    path("<int:pk>/archive/", views.initiative_archive_view, name="archive"),
]
