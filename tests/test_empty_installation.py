"""Before the reference data is loaded, every page answers without a server error."""

import pytest

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/roadmap/",
    "/initiatives/",
    "/initiatives/new/",
    "/roadmap/versions/",
    "/reports/",
    "/open-data/initiatives.json",
    "/api/v1/initiatives/",
]


@pytest.mark.parametrize("url", PAGES)
def test_a_page_of_an_installation_without_plan_answers_without_a_server_error(
    client, coordinator, url
):
    client.force_login(coordinator)
    assert client.get(url).status_code < 500


def test_the_roadmap_says_that_no_plan_is_defined(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/roadmap/")
    assert response.status_code == 404
    assert "Aucun plan n’est défini" in response.content.decode()
