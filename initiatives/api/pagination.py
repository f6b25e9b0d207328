from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

PAGE_SIZE_INVALID = _("« page_size » est un entier de 1 à %(max)s.")


class ApiPagination(PageNumberPagination):
    """Pages of 50 by default, ``page_size`` from 1 to 500; a page out of range answers 404."""

    page_size = 50
    page_size_query_param = "page_size"
    page_size_query_description = _("Nombre de résultats par page (50 par défaut, 500 au plus).")
    page_query_description = _("Numéro de la page (à partir de 1) ; hors limites : 404.")
    max_page_size = 500
    invalid_page_message = _("Page introuvable : {message}")

    def get_page_size(self, request):
        """Refuse (400) a ``page_size`` that is not an integer from 1 to 500."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdecimal() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [PAGE_SIZE_INVALID % {"max": self.max_page_size}]}
            )
        return int(raw)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters
