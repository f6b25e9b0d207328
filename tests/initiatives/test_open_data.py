"""The public open data: JSON, CSV and the data dictionary, without login nor personal data."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from initiatives.exchange.open_fields import PUBLIC_FIELDS
from initiatives.permissions import SYSTEM
from roadmap.services import plan_version_publish
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

JSON = reverse("open_data:json")
CSV = reverse("open_data:csv")
DICTIONARY = reverse("open_data:dictionary")


@pytest.fixture
def portfolio(plan, mcc, banq, ambition):
    real = InitiativeFactory(
        code="MCC-001",
        plan=plan,
        lead_organization=mcc,
        ambition=ambition,
        contact_name="Marie Tremblay",
        contact_email="marie.tremblay@example.org",
    )
    demo = InitiativeFactory(
        code="DEMO-001", plan=plan, lead_organization=banq, ambition=ambition, is_demo=True
    )
    archived = InitiativeFactory(
        code="MCC-OLD",
        plan=plan,
        lead_organization=mcc,
        ambition=ambition,
        archived_at=timezone.now(),
    )
    return real, demo, archived


class TestJson:
    def test_it_lists_every_non_archived_initiative_is_public_and_contains_no_contact(
        self, client, portfolio
    ):
        response = client.get(JSON)  # nobody logged in
        assert response.status_code == 200
        data = response.json()
        assert sorted(row["code"] for row in data["initiatives"]) == ["DEMO-001", "MCC-001"]
        body = response.content.decode()
        assert "Marie" not in body and "example.org" not in body and "contact" not in body
        assert set(data["initiatives"][0]) == {field.name for field in PUBLIC_FIELDS}

    def test_its_metadata_give_the_licence_and_flag_demonstration_rows(self, client, portfolio):
        data = client.get(JSON).json()
        metadata = data["metadata"]
        assert metadata["licence"]["spdx"] == "CC-BY-4.0"
        assert metadata["source"].endswith(DICTIONARY) and metadata["version"] is None
        assert (metadata["count"], metadata["demonstration_count"]) == (2, 1)
        flags = {row["code"]: row["demonstration"] for row in data["initiatives"]}
        assert flags == {"DEMO-001": True, "MCC-001": False}

    def test_a_client_holding_the_same_rows_gets_304(self, client, portfolio):
        first = client.get(JSON)
        assert first["Access-Control-Allow-Origin"] == "*"
        again = client.get(JSON, headers={"If-None-Match": first["ETag"]})
        assert again.status_code == 304
        portfolio[0].title = "Autre titre"
        portfolio[0].save()
        assert client.get(JSON, headers={"If-None-Match": first["ETag"]}).status_code == 200


class TestCsv:
    def test_the_csv_has_the_same_fields_and_rows(self, client, portfolio):
        response = client.get(CSV)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        header, *rows = csv.reader(io.StringIO(response.content.decode()))
        assert header == [field.name for field in PUBLIC_FIELDS]
        assert sorted(row[0] for row in rows) == ["DEMO-001", "MCC-001"]
        assert "Marie" not in response.content.decode()


class TestVersions:
    def test_a_published_version_is_served_with_its_frozen_rows(self, client, plan, portfolio):
        version = plan_version_publish(
            user=SYSTEM,
            plan=plan,
            name="Mise à jour de juin 2024",
            published_on=datetime.date(2024, 6, 15),
        )
        portfolio[0].title = "Titre changé après la version"
        portfolio[0].save()
        response = client.get(JSON, {"version": version.pk})
        data = response.json()
        assert data["metadata"]["version"]["name"] == "Mise à jour de juin 2024"
        row = next(row for row in data["initiatives"] if row["code"] == "MCC-001")
        assert row["title"] != "Titre changé après la version"
        assert row["description"] is None and row["status_label"] == "En cours"
        assert "Last-Modified" in response

    @pytest.mark.parametrize("version", ["999", "abc", "1" * 40])
    def test_an_unknown_version_is_404(self, client, portfolio, version):
        assert client.get(JSON, {"version": version}).status_code == 404


class TestDictionary:
    def test_the_data_dictionary_lists_every_field_of_the_json(self, client, portfolio):
        page = client.get(DICTIONARY)
        assert page.status_code == 200
        content = page.content.decode()
        for name in client.get(JSON).json()["initiatives"][0]:
            assert f"<code>{name}</code>" in content
        assert "CC BY 4.0" in content


@pytest.mark.parametrize("url", [JSON, CSV])
def test_the_query_count_does_not_grow_with_the_number_of_initiatives(
    client, plan, mcc, banq, ambition, url, django_assert_num_queries
):
    def build(count):
        for _ in range(count):
            InitiativeFactory(plan=plan, lead_organization=mcc, ambition=ambition, partners=[banq])

    build(3)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    build(40)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)
