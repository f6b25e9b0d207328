"""The OpenAPI document and the documentation page."""

import pytest
import yaml
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client, manager):
    client.force_login(manager)
    response = client.get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_openapi_3_and_lists_the_endpoints(schema):
    assert schema["openapi"].startswith("3.")
    for path in (
        "/api/v1/initiatives/",
        "/api/v1/organizations/",
        "/api/v1/initiatives/{id}/history/",
    ):
        assert path in schema["paths"]


def test_the_schema_documents_the_errors_and_if_match(schema):
    update = schema["paths"]["/api/v1/initiatives/{id}/"]["patch"]
    assert {"400", "401", "403", "404", "412"} <= set(update["responses"])
    assert "If-Match" in [parameter["name"] for parameter in update["parameters"]]
    assert "ETag" in update["responses"]["200"]["headers"]
    assert set(schema["components"]["schemas"]["ApiError"]["properties"]) == {
        "detail",
        "errors",
        "status",
    }


def test_the_schema_documents_the_list_filters(schema):
    listing = schema["paths"]["/api/v1/initiatives/"]["get"]
    names = {parameter["name"] for parameter in listing["parameters"]}
    assert {"q", "status", "organization", "ordering", "page", "page_size", "archived"} <= names


def test_the_schema_needs_authentication(client, db):
    assert client.get(reverse("api-schema")).status_code == 401


def test_the_yaml_schema_parses(client, manager):
    client.force_login(manager)
    assert yaml.safe_load(client.get(reverse("api-schema")).content)["info"]["title"]


def test_the_documentation_page_is_served_with_vendored_assets(client, manager):
    client.force_login(manager)
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    assert b"drf_spectacular_sidecar" in response.content
    assert b"cdn" not in response.content.lower()
