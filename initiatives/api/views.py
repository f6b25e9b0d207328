"""API viewsets: reference data (one base class) and initiatives (through the services)."""

from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.viewsets import ModelViewSet

from initiatives.api.base import (
    ApiViewMixin,
    ETagMixin,
    ModelPermissionsWithView,
    ReferenceViewSet,
    ValuesListMixin,
)
from initiatives.api.schema import INITIATIVE_SCHEMA
from initiatives.api.serializers import HistoryEntrySerializer, InitiativeSerializer
from initiatives.filtersets import InitiativeFilterSet
from initiatives.history import initiative_change_log
from initiatives.models import (
    Ambition,
    Initiative,
    MutualisationLevel,
    Objective,
    Organization,
    Orientation,
    Programme,
    Tag,
    Theme,
)
from initiatives.selectors import initiatives_editable_by, initiatives_visible_to
from initiatives.services import initiative_archive, initiative_create, initiative_update

ARCHIVE_ACTIONS = {"destroy", "archive", "unarchive"}


class OrganizationViewSet(ReferenceViewSet):
    queryset = Organization.objects.all()
    filterset_fields = ["kind", "is_museum_law"]


class OrientationViewSet(ReferenceViewSet):
    queryset = Orientation.objects.select_related("organization")
    filterset_fields = ["organization"]


class ObjectiveViewSet(ReferenceViewSet):
    queryset = Objective.objects.select_related("orientation")
    filterset_fields = ["orientation"]


class AmbitionViewSet(ReferenceViewSet):
    queryset = Ambition.objects.all()


class ThemeViewSet(ReferenceViewSet):
    queryset = Theme.objects.select_related("parent")
    filterset_fields = ["parent"]


class MutualisationLevelViewSet(ReferenceViewSet):
    queryset = MutualisationLevel.objects.all()


class TagViewSet(ReferenceViewSet):
    queryset = Tag.objects.all()
    filterset_fields = ["category"]


class ProgrammeViewSet(ReferenceViewSet):
    queryset = Programme.objects.select_related("lead_organization")
    filterset_fields = ["lead_organization"]


def archived_requested(request) -> bool:
    """Read ``?archived=true|false``; refuse (400) any other value."""
    raw = request.query_params.get("archived")
    if raw is None:
        return False
    try:
        return serializers.BooleanField().to_internal_value(raw)
    except serializers.ValidationError as error:
        raise serializers.ValidationError({"archived": error.detail}) from error


class InitiativePermission(ModelPermissionsWithView):
    """Archiving (DELETE, archive/, unarchive/) takes the archive permission."""

    def has_permission(self, request, view):
        if getattr(view, "action", None) in ARCHIVE_ACTIONS:
            user = request.user
            return bool(user and user.has_perm("initiatives.archive_initiative"))
        return super().has_permission(request, view)


def initiative_queryset(request, action: str):
    """Return what ``action`` may reach: writes only the user's organisations' initiatives."""
    user = request.user
    if request.method not in SAFE_METHODS:
        return initiatives_editable_by(user).select_related("plan")
    if action != "list":
        return initiatives_visible_to(user, include_archived=True).select_related("objective")
    if archived_requested(request):
        archived = initiatives_visible_to(user, include_archived=True)
        return archived.filter(archived_at__isnull=False)
    return initiatives_visible_to(user)


@extend_schema_view(**INITIATIVE_SCHEMA)
class InitiativeViewSet(ApiViewMixin, ETagMixin, ValuesListMixin, ModelViewSet):
    """Initiatives: reads scoped to the user, writes to their organisations (else 404)."""

    queryset = Initiative.objects.none()  # names the model; get_queryset() scopes it
    serializer_class = InitiativeSerializer
    filterset_class = InitiativeFilterSet
    permission_classes = [InitiativePermission]
    default_ordering = ("lead_organization__sort_order", "code")

    def get_queryset(self):
        return initiative_queryset(self.request, self.action)

    def perform_create(self, serializer):
        initiative = initiative_create(
            user=self.request.user,
            data=serializer.service_data(),
            reason=serializer.change_reason_value,
        )
        serializer.instance = self.reload(initiative)

    def perform_update(self, serializer):
        initiative = initiative_update(
            user=self.request.user,
            initiative=serializer.instance,
            data=serializer.service_data(),
            expected_version=self.if_match.version,
            reason=serializer.change_reason_value,
        )
        serializer.instance = self.reload(initiative)

    def destroy(self, request, *args, **kwargs):
        self.archive_or_restore(archived=True)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        return self.archive_or_restore(archived=True)

    @action(detail=True, methods=["post"])
    def unarchive(self, request, pk=None):
        return self.archive_or_restore(archived=False)

    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def history(self, request, pk=None):
        entries = initiative_change_log(self.get_object())
        return Response(HistoryEntrySerializer(entries, many=True).data)

    def archive_or_restore(self, *, archived: bool) -> Response:
        initiative = initiative_archive(
            user=self.request.user,
            initiative=self.get_object(),
            archived=archived,
            expected_version=self.if_match.version,
        )
        return Response(self.get_serializer(self.reload(initiative)).data)

    def reload(self, initiative):
        """Return ``initiative`` as reads see it, its labels loaded in a constant number of queries."""
        queryset = initiatives_visible_to(self.request.user, include_archived=True)
        return queryset.select_related("objective").get(pk=initiative.pk)
