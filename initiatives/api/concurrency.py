"""Lost-update protection for the API: If-Match against the initiative's version."""

from initiatives.api.etags import IfMatch
from initiatives.api.exceptions import PreconditionFailed


def check_if_match(request, obj) -> IfMatch:
    """Refuse early (412) a stale If-Match; the service checks again under a row lock."""
    if_match = IfMatch(request.headers.get("If-Match"), obj.pk)
    if if_match.matches_nothing or (
        if_match.version is not None and if_match.version != obj.version
    ):
        error = PreconditionFailed()
        error.current = obj
        raise error
    return if_match
