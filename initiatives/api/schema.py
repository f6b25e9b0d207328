"""OpenAPI descriptions: the error shape on every operation, If-Match and ETag."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers

from initiatives.api.serializers import HistoryEntrySerializer, InitiativeSerializer


class ApiErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("Message d’erreur en français."))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("Messages par champ (« non_field_errors » : la demande entière)."),
    )
    status = serializers.IntegerField(help_text=_("Code HTTP de la réponse."))

    class Meta:
        ref_name = "ApiError"


ERRORS = {
    400: _("Données, filtres ou paramètres non valides (messages par champ)."),
    401: _("Authentification requise : jeton absent, inconnu ou révoqué."),
    403: _("Authentifié, mais sans la permission nécessaire."),
    404: _("Objet introuvable ou hors de votre périmètre, ou page hors limites."),
    409: _("Conflit avec l’état des données (objet encore référencé, doublon)."),
    412: _("If-Match périmé : l’objet a changé depuis votre lecture."),
    429: _("Trop de requêtes : voir l’en-tête Retry-After."),
}
SAFE_ERRORS = (400, 401, 403, 404, 429)
WRITE_ERRORS = (400, 401, 403, 404, 409, 429)


ACTION_DESCRIPTIONS = {
    "list": _("Liste paginée : %(plural)s."),
    "retrieve": _("Lecture d’un objet : %(singular)s."),
    "create": _("Création (coordination seulement pour les données de référence) : %(singular)s."),
    "update": _(
        "Remplacement (coordination seulement pour les données de référence) : %(singular)s."
    ),
    "partial_update": _("Modification partielle : %(singular)s."),
    "destroy": _(
        "Suppression (refusée, 409, si d’autres données y font référence) : %(singular)s."
    ),
}


class ApiAutoSchema(AutoSchema):
    """Describe operations in French; document the error shape for every status."""

    def get_description(self):
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        action = getattr(self.view, "action", None)
        if model is None or action not in ACTION_DESCRIPTIONS:
            return ""
        names = {
            "singular": model._meta.verbose_name,
            "plural": model._meta.verbose_name_plural,
        }
        return str(ACTION_DESCRIPTIONS[action]) % names

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = SAFE_ERRORS if self.method in ("GET", "HEAD", "OPTIONS") else WRITE_ERRORS
        if self.method != "GET" and getattr(self.view, "supports_if_match", False):
            codes = (*codes, 412)
        for code in codes:
            error = OpenApiResponse(ApiErrorSerializer, description=str(ERRORS[code]))
            responses.setdefault(str(code), self._get_response_for_code(error, str(code)))
        return responses


IF_MATCH = OpenApiParameter(
    "If-Match",
    location=OpenApiParameter.HEADER,
    description=_(
        'ETag lu par GET (« "<id>-<version>" »). Facultatif : sans cet en-tête, la '
        "modification est acceptée même si l’initiative a changé entre-temps (la dernière "
        "écriture l’emporte) ; avec un ETag périmé, la réponse est 412."
    ),
)
ETAG = OpenApiParameter(
    "ETag",
    location=OpenApiParameter.HEADER,
    response=[200, 201],
    description=_("Version de l’initiative, à renvoyer dans If-Match."),
)
ARCHIVED = OpenApiParameter(
    "archived",
    type=bool,
    description=_("true : seulement les initiatives archivées ; par défaut, les actives."),
)
WRITE_NOTE = _(
    "Passe par les mêmes règles que le navigateur (validation, périmètre de votre "
    "organisation, historique à votre nom). "
)

INITIATIVE_SCHEMA = {
    "list": extend_schema(
        parameters=[ARCHIVED], description=_("Initiatives que vous pouvez lire.")
    ),
    "retrieve": extend_schema(
        parameters=[ETAG], description=_("Une initiative, avec son ETag (If-Match).")
    ),
    "create": extend_schema(parameters=[ETAG], description=WRITE_NOTE),
    "update": extend_schema(parameters=[IF_MATCH, ETAG], description=WRITE_NOTE),
    "partial_update": extend_schema(parameters=[IF_MATCH, ETAG], description=WRITE_NOTE),
    "destroy": extend_schema(
        parameters=[IF_MATCH],
        description=_("Archive l’initiative (coordination seulement) ; rien n’est supprimé."),
    ),
    "archive": extend_schema(
        request=None,
        responses=InitiativeSerializer,
        parameters=[IF_MATCH, ETAG],
        description=_("Archive l’initiative (coordination seulement)."),
    ),
    "unarchive": extend_schema(
        request=None,
        responses=InitiativeSerializer,
        parameters=[IF_MATCH, ETAG],
        description=_("Ramène une initiative archivée dans les listes (coordination seulement)."),
    ),
    "history": extend_schema(
        responses=HistoryEntrySerializer(many=True),
        description=_("Historique des modifications, la plus récente d’abord."),
    ),
}
