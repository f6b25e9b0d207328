"""Reference data through the API: every role reads, only coordinators write."""

import pytest

from initiatives.choices import OrganizationKind, TagCategory
from tests.api.mixins import ReadTests, WriteTests, assert_error
from tests.factories import (
    AmbitionFactory,
    MutualisationLevelFactory,
    ObjectiveFactory,
    OrganizationFactory,
    OrientationFactory,
    ProgrammeFactory,
    TagFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


class ReferenceTests(ReadTests, WriteTests):
    readers = ("manager", "mcc_officer")

    def test_a_coordinator_deletes_an_unused_object(self, api, coordinator, make):
        client = api(coordinator)
        obj = make()
        assert client.delete(self.detail_url(obj)).status_code == 204
        assert_error(client.get(self.detail_url(obj)), 404)


class TestOrganizations(ReferenceTests):
    url_name = "initiatives-api:organization"
    text_fields = ("acronym", "name")

    @pytest.fixture
    def make(self, db):
        return OrganizationFactory

    @pytest.fixture
    def create_data(self):
        return {
            "acronym": "MNBAQ",
            "name": "Musée national des beaux-arts du Québec",
            "kind": OrganizationKind.STATE_CORPORATION,
            "is_museum_law": True,
        }

    @pytest.fixture
    def update_data(self):
        return {"name": "Musée national des beaux-arts", "sort_order": 3}

    def test_an_organisation_still_referenced_cannot_be_deleted(
        self, api, coordinator, mcc_initiative, mcc
    ):
        body = assert_error(api(coordinator).delete(self.detail_url(mcc)), 409)
        assert "référence" in body["detail"]

    def test_an_integer_beyond_its_column_answers_400(self, api, coordinator, mcc):
        response = api(coordinator).patch(self.detail_url(mcc), {"sort_order": 10**12})
        assert "sort_order" in assert_error(response, 400)["errors"]


class TestOrientations(ReferenceTests):
    url_name = "initiatives-api:orientation"
    text_fields = ("title",)

    @pytest.fixture
    def make(self, mcc):
        return lambda: OrientationFactory(organization=mcc)

    @pytest.fixture
    def create_data(self, mcc):
        return {"organization": mcc.pk, "number": 9, "title": "Favoriser l’innovation"}

    @pytest.fixture
    def update_data(self):
        return {"title": "Faire rayonner le contenu québécois"}

    def test_it_labels_the_organisation_beside_its_id(self, api, manager, mcc, make):
        orientation = make()
        body = api(manager).get(self.detail_url(orientation)).json()
        assert (body["organization"], body["organization_label"]) == (mcc.pk, "MCC")


class TestObjectives(ReferenceTests):
    url_name = "initiatives-api:objective"
    text_fields = ("code", "title")

    @pytest.fixture
    def make(self, mcc):
        orientation = OrientationFactory(organization=mcc)
        return lambda: ObjectiveFactory(orientation=orientation)

    @pytest.fixture
    def create_data(self, mcc):
        return {"orientation": OrientationFactory(organization=mcc).pk, "code": "2.1", "title": "X"}

    @pytest.fixture
    def update_data(self):
        return {"title": "Accroître la découvrabilité"}


class TestAmbitions(ReferenceTests):
    url_name = "initiatives-api:ambition"
    text_fields = ("title",)
    sizes = (2, 3)  # there are three ambitions, no more

    @pytest.fixture
    def make(self, db):
        numbers = iter((1, 2, 3))
        return lambda: AmbitionFactory(number=next(numbers))

    @pytest.fixture
    def create_data(self):
        return {
            "number": 3,
            "title": "Performance organisationnelle",
            "short_title": "Performance",
            "descriptors": "Processus\nCollaboration",
        }

    @pytest.fixture
    def update_data(self):
        return {"short_title": "Clients"}

    def test_the_model_rules_hold_through_the_api(self, api, coordinator):
        response = api(coordinator).post(
            self.list_url(), {"number": 4, "title": "X", "short_title": "X", "descriptors": "X"}
        )
        assert_error(response, 400)


class TestThemes(ReferenceTests):
    url_name = "initiatives-api:theme"
    text_fields = ("name",)

    @pytest.fixture
    def make(self, db):
        parent = ThemeFactory(name="Parcours client et promotion des services")
        return lambda: ThemeFactory(parent=parent)

    @pytest.fixture
    def create_data(self):
        return {"name": "Sécurité et services technologiques communs"}

    @pytest.fixture
    def update_data(self):
        return {"name": "Aide financière"}

    def test_a_sub_theme_cannot_have_a_sub_theme(self, api, coordinator, make):
        child = make()
        response = api(coordinator).post(self.list_url(), {"name": "Trop bas", "parent": child.pk})
        assert "parent" in assert_error(response, 400)["errors"]


class TestMutualisationLevels(ReferenceTests):
    url_name = "initiatives-api:mutualisationlevel"
    text_fields = ("name",)

    @pytest.fixture
    def make(self, db):
        ranks = iter(range(1, 100))
        return lambda: MutualisationLevelFactory(rank=next(ranks))

    @pytest.fixture
    def create_data(self):
        return {"rank": 200, "name": "Mise en commun"}

    @pytest.fixture
    def update_data(self):
        return {"description": "Partage des solutions"}


class TestTags(ReferenceTests):
    url_name = "initiatives-api:tag"
    text_fields = ("name",)

    @pytest.fixture
    def make(self, db):
        return TagFactory

    @pytest.fixture
    def create_data(self):
        return {"slug": "ia", "name": "Intelligence artificielle", "category": TagCategory.AI}

    @pytest.fixture
    def update_data(self):
        return {"name": "IA générative"}

    def test_the_list_filters_by_category(self, api, manager):
        TagFactory(category=TagCategory.AI)
        TagFactory(category=TagCategory.DATA)
        rows = api(manager).get(self.list_url(), {"category": TagCategory.AI}).json()["results"]
        assert [row["category"] for row in rows] == [TagCategory.AI]


class TestProgrammes(ReferenceTests):
    url_name = "initiatives-api:programme"
    text_fields = ("name", "description")

    @pytest.fixture
    def make(self, mcc):
        return lambda: ProgrammeFactory(lead_organization=mcc)

    @pytest.fixture
    def create_data(self, mcc):
        return {"name": "Passeport Culturel Numérique", "lead_organization": mcc.pk}

    @pytest.fixture
    def update_data(self):
        return {"description": "Deux phases"}

    def test_a_programme_with_phases_cannot_be_deleted(
        self, api, coordinator, mcc_initiative, make
    ):
        programme = make()
        mcc_initiative.programme = programme
        mcc_initiative.phase = 1
        mcc_initiative.save()
        assert_error(api(coordinator).delete(self.detail_url(programme)), 409)
