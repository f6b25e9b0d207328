"""Request rates per token (or session user) and per address on authentication failures.

Rates come from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``, read on every
request so that a settings override (tests, an operator) takes effect at once.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import Throttled
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from initiatives.models import ApiToken


class LiveRateMixin:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class ApiRateThrottle(LiveRateMixin, SimpleRateThrottle):
    """Limit each token, or each session user, to the "api" rate.

    A counter per fixed window (one ``incr`` per request) rather than DRF's list
    of timestamps, which the cache would (un)pickle whole on every request.
    """

    scope = "api"

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        key = f"{self.get_cache_key(request, view)}_{window}"
        self.cache.add(key, 0, self.duration)
        try:
            count = self.cache.incr(key)
        except ValueError:  # expired between add() and incr()
            count = 1
        self.window_end = (window + 1) * self.duration
        return count <= self.num_requests

    def wait(self):
        return max(self.window_end - self.now, 0)

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"address-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AuthenticationFailureThrottle(LiveRateMixin, SimpleRateThrottle):
    """Refuse an address that keeps presenting unknown tokens (guessing secrets)."""

    scope = "api_auth_failure"

    def check(self, request) -> None:
        """Raise Throttled if the address is over its failure rate; count nothing."""
        if self.rate is None:
            return
        self.key = self.get_cache_key(request, None)
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        if len(self.history) >= self.num_requests:
            raise Throttled(
                wait=self.wait(),
                detail=str(_("Trop d’échecs d’authentification depuis cette adresse : patientez.")),
            )

    def record_failure(self) -> None:
        if self.rate is not None:
            self.throttle_success()

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
