"""One JSON shape for every API error, with French messages per field.

    {"detail": "…", "errors": {"field": ["message", …]}, "status": 400}

``errors`` is empty when the error concerns no particular field; nested fields
are named with dots ("partners.0"). Errors the services raise in Django's terms
(ValidationError, PermissionDenied, InitiativeConflict) get the same shape.
"""

import logging

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.fields import get_error_detail
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler

from initiatives.api.etags import etag_of
from initiatives.services import InitiativeConflict

logger = logging.getLogger(__name__)


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _(
        "Cette initiative a été modifiée depuis que vous l’avez lue (If-Match périmé) : "
        "relisez-la et renvoyez votre modification avec le nouvel ETag."
    )
    default_code = "precondition_failed"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("La demande contredit l’état actuel des données.")
    default_code = "conflict"


INVALID_DATA = _("Les données envoyées ne sont pas valides.")
NOT_FOUND = _("Ressource introuvable, ou hors de votre périmètre.")
PROTECTED = _("Impossible de supprimer cet objet : d’autres données y font référence.")
TOO_LARGE = _("Un nombre dépasse la capacité de la base de données.")
CHANGED_SINCE = _("Modifié par quelqu’un d’autre depuis votre lecture.")


def api_exception_handler(exc, context):
    """Answer ``exc`` in the API's error shape; leave unknown errors to Django (500)."""
    exc = as_api_exception(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    response.data = error_body(exc, response.status_code)
    if getattr(exc, "current", None) is not None:
        response["ETag"] = etag_of(exc.current)
    return response


def as_api_exception(exc):
    """Translate the errors of Django, the services and the database into DRF's."""
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(get_error_detail(exc))
    if isinstance(exc, InitiativeConflict):
        return _precondition_failed(exc)
    if isinstance(exc, Http404):
        return exceptions.NotFound(NOT_FOUND)
    if isinstance(exc, PermissionDenied) and not exc.args:
        return exceptions.PermissionDenied()
    if isinstance(exc, ProtectedError | RestrictedError):
        return Conflict(PROTECTED)
    if isinstance(exc, IntegrityError):
        logger.warning("API write refused by the database: %s", exc)
        return Conflict()
    if isinstance(exc, OverflowError):
        # SQLite cannot bind integers beyond 64 bits (an "in" filter, say).
        return exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [TOO_LARGE]})
    return exc


def _precondition_failed(conflict: InitiativeConflict) -> PreconditionFailed:
    error = PreconditionFailed()
    error.errors = {field: [str(CHANGED_SINCE)] for field in conflict.changed_fields}
    error.current = conflict.current
    return error


def error_body(exc, status_code: int) -> dict:
    if isinstance(exc, exceptions.ValidationError):
        return {"detail": str(INVALID_DATA), "errors": flatten(exc.detail), "status": status_code}
    detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
    errors = getattr(exc, "errors", {})
    return {"detail": str(detail), "errors": errors, "status": status_code}


def flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """Return DRF's nested error detail as {"field.sub": ["message", …]}."""
    if isinstance(detail, dict):
        result = {}
        for key, value in detail.items():
            name = api_settings.NON_FIELD_ERRORS_KEY if key == NON_FIELD_ERRORS else str(key)
            result.update(flatten(value, f"{prefix}.{name}" if prefix else name))
        return result
    key = prefix or api_settings.NON_FIELD_ERRORS_KEY
    if isinstance(detail, list) and all(not isinstance(item, dict | list) for item in detail):
        return {key: [str(item) for item in detail]}
    if isinstance(detail, list):
        return flatten({str(index): item for index, item in enumerate(detail) if item}, prefix)
    return {key: [str(detail)]}
