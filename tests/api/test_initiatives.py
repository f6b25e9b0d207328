"""Initiatives through the API: the browser's rules, scope, history and lost updates."""

import pytest

from initiatives.choices import Status
from initiatives.models import Initiative
from tests.api.mixins import (
    HUGE_ID,
    ETagTests,
    HistoryTests,
    OrganisationScopedWriteTests,
    ReadTests,
    WriteTests,
    assert_error,
)
from tests.factories import (
    InitiativeFactory,
    MutualisationLevelFactory,
    ObjectiveFactory,
    OrientationFactory,
    TagFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def make(plan, mcc, banq, ambition):
    """Return a maker of MCC initiatives with every kind of relation filled in."""
    level = MutualisationLevelFactory()
    parent = ThemeFactory(name="Parcours client")

    def make_one(**overrides):
        orientation = OrientationFactory(organization=mcc)
        fields = {
            "plan": plan,
            "lead_organization": mcc,
            "ambition": ambition,
            "orientation": orientation,
            "objective": ObjectiveFactory(orientation=orientation),
            "theme": ThemeFactory(parent=parent),
            "mutualisation_level": level,
            "partners": [banq],
            "tags": [TagFactory(), TagFactory()],
        }
        return InitiativeFactory(**{**fields, **overrides})

    return make_one


@pytest.fixture
def create_data(mcc, ambition, plan):
    return {
        "code": "MCC-500",
        "title": "Plateforme de données clients",
        "lead_organization": mcc.pk,
        "ambition": ambition.pk,
        "status": Status.NOT_STARTED,
        "start_quarter": "2024-2025 T1",
        "end_quarter": "2025-2026 T4",
    }


@pytest.fixture
def update_data():
    return {"title": "Refonte des services en ligne (phase 2)", "status": Status.DONE}


class TestInitiatives(ReadTests, WriteTests, OrganisationScopedWriteTests, HistoryTests, ETagTests):
    url_name = "initiatives-api:initiative"
    text_fields = ("code", "title", "description", "service_benefit", "contact_name")

    def test_a_list_row_is_the_same_json_as_the_detail(self, api, manager, make):
        initiative = make(phase=None, financial_benefit=250_000)
        client = api(manager)
        [row] = client.get(self.list_url()).json()["results"]
        assert row == client.get(self.detail_url(initiative)).json()

    def test_relations_come_as_ids_with_labels(self, api, manager, make, mcc, banq):
        body = api(manager).get(self.detail_url(make())).json()
        assert (body["lead_organization"], body["lead_organization_label"]) == (mcc.pk, "MCC")
        assert (body["partners"], body["partners_labels"]) == ([banq.pk], ["BAnQ"])
        assert body["theme_label"].startswith("Parcours client - ")
        assert body["start_quarter"] == "2023-2024 T2"

    def test_the_detail_carries_an_etag_built_from_the_version(self, api, manager, make):
        initiative = make()
        response = api(manager).get(self.detail_url(initiative))
        assert response["ETag"] == f'"{initiative.pk}-{initiative.version}"'

    def test_a_malformed_quarter_answers_400_in_french(self, api, mcc_officer, make):
        response = api(mcc_officer).patch(self.detail_url(make()), {"start_quarter": "2024 T5"})
        [message] = assert_error(response, 400)["errors"]["start_quarter"]
        assert "trimestre financier" in message

    def test_the_model_rules_answer_400_per_field(self, api, mcc_officer, make):
        body = {"start_quarter": "2025-2026 T1", "end_quarter": "2024-2025 T1"}
        errors = assert_error(api(mcc_officer).patch(self.detail_url(make()), body), 400)["errors"]
        assert "précéder" in errors["end_quarter"][0]

    @pytest.mark.parametrize(
        "field", ["ambition", "lead_organization", "financial_benefit", "phase"]
    )
    def test_huge_integers_answer_400(self, api, coordinator, make, field):
        response = api(coordinator).patch(self.detail_url(make()), {field: HUGE_ID})
        assert field in assert_error(response, 400)["errors"]

    def test_an_officer_cannot_hand_an_initiative_to_another_organisation(
        self, api, mcc_officer, make, banq
    ):
        initiative = make(partners=[], mutualisation_level=None, orientation=None, objective=None)
        body = {"lead_organization": banq.pk}
        assert_error(api(mcc_officer).patch(self.detail_url(initiative), body), 403)
        initiative.refresh_from_db()
        assert initiative.lead_organization.acronym == "MCC"

    def test_an_officer_creates_for_their_organisation(self, api, mcc_officer, create_data):
        response = api(mcc_officer).post(self.list_url(), create_data)
        assert response.status_code == 201, response.json()
        assert response["ETag"] == f'"{response.json()["id"]}-1"'
        created = Initiative.objects.get(code="MCC-500")
        assert created.history.get().history_user == mcc_officer

    def test_delete_archives_and_never_deletes(self, api, coordinator, make):
        initiative = make()
        client = api(coordinator)
        assert client.delete(self.detail_url(initiative)).status_code == 204
        initiative.refresh_from_db()
        assert initiative.is_archived
        assert client.get(self.list_url()).json()["count"] == 0
        archived = client.get(self.list_url(), {"archived": "true"}).json()["results"]
        assert [row["id"] for row in archived] == [initiative.pk]
        restored = client.post(f"{self.detail_url(initiative)}unarchive/")
        assert restored.status_code == 200 and restored.json()["archived_at"] is None

    def test_officers_cannot_archive(self, api, mcc_officer, make):
        initiative = make()
        assert_error(api(mcc_officer).delete(self.detail_url(initiative)), 403)
        assert_error(api(mcc_officer).post(f"{self.detail_url(initiative)}archive/"), 403)

    def test_the_list_takes_every_filter_of_the_list_page(self, api, manager, make, mcc):
        wanted = make(status=Status.DONE, title="Passeport culturel")
        make(status=Status.IN_PROGRESS)
        client = api(manager)
        for query in (
            {"status": Status.DONE},
            {"q": "passeport"},
            {"organization": "MCC", "q": "pass"},
        ):
            rows = client.get(self.list_url(), query).json()["results"]
            assert [row["id"] for row in rows] == [wanted.pk], query

    def test_the_list_orders_by_the_filterset_ordering(self, api, manager, make):
        first, second = make(code="B-1"), make(code="A-1")
        rows = api(manager).get(self.list_url(), {"ordering": "-code"}).json()["results"]
        assert [row["id"] for row in rows] == [first.pk, second.pk]

    @pytest.mark.parametrize(
        "query",
        [{"q": "a\x00b"}, {"ordering": "nope"}, {"ambition": str(HUGE_ID)}, {"archived": "x"}],
    )
    def test_bad_filters_answer_400(self, api, manager, query):
        assert_error(api(manager).get(self.list_url(), query), 400)

    def test_the_history_lists_who_changed_what(self, api, coordinator, make):
        initiative = make()
        client = api(coordinator)
        client.patch(
            self.detail_url(initiative), {"title": "Nouveau titre", "change_reason": "Revue"}
        )
        [latest, *_] = client.get(f"{self.detail_url(initiative)}history/").json()
        assert (latest["user"], latest["kind"], latest["reason"]) == ("coordination", "~", "Revue")
        [change] = latest["changes"]
        assert change["new"] == "Nouveau titre" and change["old"] != change["new"]

    def test_session_authentication_serves_the_browser(self, client, manager, make):
        initiative = make()
        client.force_login(manager)
        assert client.get(self.detail_url(initiative)).status_code == 200
