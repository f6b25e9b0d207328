"""The initiatives app's API, mounted under /api/v1/ (names: ``initiatives-api:<basename>-list``)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from initiatives.api import bare, views

app_name = "initiatives-api"

router = SimpleRouter()
router.register("organizations", views.OrganizationViewSet)
router.register("orientations", views.OrientationViewSet)
router.register("objectives", views.ObjectiveViewSet)
router.register("ambitions", views.AmbitionViewSet)
router.register("themes", views.ThemeViewSet)
router.register("mutualisation-levels", views.MutualisationLevelViewSet)
router.register("tags", views.TagViewSet)
router.register("programmes", views.ProgrammeViewSet)
router.register("initiatives", views.InitiativeViewSet, basename="initiative")

urlpatterns = [
    *router.urls,
    path("_bench/initiatives/", bare.initiative_list_bare, name="bench-initiative-list"),
]
