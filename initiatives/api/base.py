"""Base classes every API viewset of the project inherits (as NetBox's do).

Other apps (plan versions, reports) build their viewsets on these and register
them on their own router, mounted under ``/api/v1/`` in ``ptn/urls.py``.
"""

from functools import cache

from django.contrib.auth.decorators import login_not_required
from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissions
from rest_framework.response import Response
from rest_framework.viewsets import ModelViewSet

from initiatives.api.concurrency import check_if_match
from initiatives.api.etags import etag
from initiatives.api.rows import row_serializer
from initiatives.api.serializers import reference_serializer


class ApiViewMixin:
    """Exempt API views from LoginRequiredMiddleware: the API answers 401 in JSON itself.

    Any path segment reaches the view (not only digits), so that a malformed id
    gets the API's JSON 404 rather than Django's HTML one.
    """

    lookup_value_regex = "[^/]+"

    @classmethod
    def as_view(cls, *args, **kwargs):
        return login_not_required(super().as_view(*args, **kwargs))


class ETagMixin:
    """Versioned objects: an ETag on every answer, If-Match checked before every write.

    The view's objects have ``version``; its list is ordered by the FilterSet's
    ``ordering`` or ``default_ordering``, the id breaking ties so that pages
    never overlap.
    """

    supports_if_match = True
    default_ordering: tuple[str, ...] = ()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.order_by(*(queryset.query.order_by or self.default_ordering), "pk")

    def get_object(self):
        obj = super().get_object()
        if self.request.method not in SAFE_METHODS:
            self.if_match = check_if_match(self.request, obj)
        return obj

    def finalize_response(self, request, response, *args, **kwargs):
        data = getattr(response, "data", None)
        if response.status_code < 300 and isinstance(data, dict) and "version" in data:
            response["ETag"] = etag(data["id"], data["version"])
        return super().finalize_response(request, response, *args, **kwargs)


class ValuesListMixin:
    """Page through the keys of the list; serialize each page from rows read by key.

    See ``initiatives.api.rows``.
    """

    def list(self, request, *args, **kwargs):
        rows = row_serializer(self.get_serializer_class())
        keys = rows.keys(self.filter_queryset(self.get_queryset()))
        page = self.paginate_queryset(keys)
        if page is None:
            return Response(rows.serialize(keys))
        return self.get_paginated_response(rows.serialize(page))


class ModelPermissionsWithView(DjangoModelPermissions):
    """Read with the model's view permission; write with its add/change/delete ones."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }

    def _queryset(self, view):
        # The class-level queryset names the model: no need to build the user's.
        queryset = getattr(view, "queryset", None)
        return queryset if queryset is not None else super()._queryset(view)


class ReferenceViewSet(ApiViewMixin, ModelViewSet):
    """Reference data: read by every role, written by coordinators only.

    A subclass declares ``queryset`` (and ``filterset_fields``); the serializer
    is built from the model.
    """

    permission_classes = [ModelPermissionsWithView]
    filterset_fields: list[str] = []

    def get_serializer_class(self):
        return cached_reference_serializer(self.queryset.model)


cached_reference_serializer = cache(reference_serializer)
