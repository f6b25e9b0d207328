"""Personal API tokens: hashed at rest, revocable, recorded when used, throttled on failure."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from initiatives.api.tokens import api_token_create
from initiatives.models import ApiToken
from tests.api.mixins import assert_error

pytestmark = pytest.mark.django_db

ORGANIZATIONS = reverse("initiatives-api:organization-list")


def client_with(header: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    return client


def test_only_the_sha256_of_the_secret_is_stored(manager):
    token, secret = api_token_create(user=manager, name="GIA")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {stored.key_hash, stored.prefix, stored.name}
    assert secret.startswith(stored.prefix)


@pytest.mark.parametrize("keyword", ["Bearer", "Token", "bearer"])
def test_both_keywords_authenticate_and_record_the_last_use(manager, keyword):
    token, secret = api_token_create(user=manager, name="GIA")
    assert token.last_used_at is None
    assert client_with(f"{keyword} {secret}").get(ORGANIZATIONS).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_token_gets_401(client, manager):
    token, secret = api_token_create(user=manager, name="GIA")
    client.force_login(manager)
    client.post(reverse("tokens:revoke", args=[token.pk]))
    response = client_with(f"Bearer {secret}").get(ORGANIZATIONS)
    assert "révoqué" in assert_error(response, 401)["detail"]


@pytest.mark.parametrize("header", ["Bearer ptn_unknown", "Bearer", "Bearer a b", "Token \u00e9"])
def test_unknown_or_malformed_tokens_get_401(header, db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header.encode().decode("latin-1"))
    assert_error(client.get(ORGANIZATIONS), 401)


def test_an_inactive_user_token_gets_401(manager):
    _token, secret = api_token_create(user=manager, name="GIA")
    manager.is_active = False
    manager.save()
    assert_error(client_with(f"Bearer {secret}").get(ORGANIZATIONS), 401)


def test_repeated_authentication_failures_are_throttled(settings, db):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api": None, "api_auth_failure": "3/minute"},
    }
    client = client_with("Bearer ptn_guess")
    statuses = [client.get(ORGANIZATIONS).status_code for _ in range(5)]
    assert statuses == [401, 401, 401, 429, 429]


def test_each_token_has_its_own_request_rate(settings, manager):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api": "2/minute", "api_auth_failure": None},
    }
    first = client_with(f"Bearer {api_token_create(user=manager, name='A')[1]}")
    second = client_with(f"Bearer {api_token_create(user=manager, name='B')[1]}")
    assert [first.get(ORGANIZATIONS).status_code for _ in range(3)] == [200, 200, 429]
    response = first.get(ORGANIZATIONS)
    assert int(response["Retry-After"]) >= 0 and response.json()["status"] == 429
    assert second.get(ORGANIZATIONS).status_code == 200


class TestTheTokenPage:
    url = reverse("tokens:list")

    def test_it_creates_a_token_and_shows_the_secret_once(self, client, manager):
        client.force_login(manager)
        response = client.post(self.url, {"name": "Synchronisation GIA"})
        token = ApiToken.objects.get(user=manager)
        secret = response.context["secret"]
        assert secret.encode() in response.content
        assert hashlib.sha256(secret.encode()).hexdigest() == token.key_hash
        assert response["Cache-Control"] == "no-store"
        again = client.get(self.url)
        assert secret.encode() not in again.content
        assert token.prefix.encode() in again.content

    def test_it_lists_only_the_users_own_tokens(self, client, manager, coordinator):
        api_token_create(user=coordinator, name="Jeton de la coordination")
        api_token_create(user=manager, name="Jeton de gestion")
        client.force_login(manager)
        content = client.get(self.url).content.decode()
        assert "Jeton de gestion" in content and "Jeton de la coordination" not in content

    def test_nobody_revokes_someone_elses_token(self, client, manager, coordinator):
        token, _secret = api_token_create(user=coordinator, name="Coordination")
        client.force_login(manager)
        assert client.post(reverse("tokens:revoke", args=[token.pk])).status_code == 404
        token.refresh_from_db()
        assert token.is_active

    def test_it_requires_a_login(self, client, db):
        assert client.get(self.url).status_code == 302


class TestTheCommand:
    def test_it_prints_the_token_once_and_stores_its_hash(self, manager):
        out, err = StringIO(), StringIO()
        call_command("create_api_token", "gestion", "--name", "Script", stdout=out, stderr=err)
        secret = out.getvalue().strip()
        token = ApiToken.objects.get(user=manager)
        assert token.name == "Script"
        assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
        assert secret not in err.getvalue()
        assert client_with(f"Bearer {secret}").get(ORGANIZATIONS).status_code == 200

    def test_it_refuses_an_unknown_user(self, db):
        with pytest.raises(CommandError, match="inconnu"):
            call_command("create_api_token", "personne")
