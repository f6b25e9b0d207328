"""Token authentication: ``Authorization: Bearer <token>`` (or ``Token <token>``)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from initiatives.api.throttling import AuthenticationFailureThrottle
from initiatives.api.tokens import api_token_for_secret

KEYWORDS = (b"bearer", b"token")


class ApiTokenAuthentication(BaseAuthentication):
    """Authenticate with a personal token; its SHA-256 is looked up, never the secret.

    Listed first in the settings: its ``WWW-Authenticate`` header makes DRF
    answer 401, not 403, to a request without credentials.
    """

    def authenticate(self, request):
        secret = self._secret(request)
        if secret is None:
            return None
        throttle = AuthenticationFailureThrottle()
        throttle.check(request)
        token = api_token_for_secret(secret)
        if token is None or not token.user.is_active:
            throttle.record_failure()
            raise AuthenticationFailed(_("Jeton d’API inconnu, révoqué ou inactif."))
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'

    def _secret(self, request) -> str | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(
                _("En-tête Authorization mal formé : « Bearer <jeton> » attendu.")
            )
        try:
            return parts[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise AuthenticationFailed(
                _("Le jeton ne contient que des caractères ASCII.")
            ) from error


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Describe the token scheme in the OpenAPI document."""

    target_class = ApiTokenAuthentication
    name = "jeton"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(
                _(
                    "Jeton personnel créé sur la page « Mes jetons d’API » (/accounts/tokens/) "
                    "ou par « manage.py create_api_token ». « Authorization: Token <jeton> » "
                    "est aussi accepté."
                )
            ),
        }
