"""API clients authenticated by personal tokens, and a clean throttle cache per test."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from initiatives.api.tokens import api_token_create


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Start every test with empty throttle counters (they live in the cache)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    """Return a client for ``user`` with a new token (anonymous without a user)."""

    def client_for(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            _token, secret = api_token_create(user=user, name="tests")
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        return client

    return client_for
