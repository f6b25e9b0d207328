"""Personal API tokens: issue, find by secret, revoke. Secrets are never stored."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from initiatives.models import ApiToken

SECRET_PREFIX = "ptn_"
PREFIX_LENGTH = 12
# Recording every use would write on every request: once a minute is enough to
# tell a token still in use from a forgotten one.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    """Return the hexadecimal SHA-256 of ``secret``, as stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Create a token for ``user``; return it with its secret, which is shown only once."""
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=secret[:PREFIX_LENGTH], key_hash=hash_secret(secret)
    )
    return token, secret


def api_token_revoke(*, user, token: ApiToken) -> ApiToken:
    """Revoke ``token``, which must belong to ``user``; revoking twice changes nothing."""
    if token.user_id != user.pk:
        raise ApiToken.DoesNotExist
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_for_secret(secret: str) -> ApiToken | None:
    """Return the active token whose secret is ``secret``, with its user, or None."""
    if not secret.startswith(SECRET_PREFIX) or "\x00" in secret:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_secret(secret), revoked_at__isnull=True)
        .first()
    )
    if token is not None:
        _record_use(token)
    return token


def api_tokens_of(user):
    """Return the tokens of ``user``, the newest first, revoked ones included."""
    return ApiToken.objects.filter(user=user)


def _record_use(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
