"""The officers' pages, through the real URLs, forms and services."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from initiatives.fiscal import FiscalQuarter
from initiatives.forms import FORM_FIELDS
from initiatives.models import Initiative
from tests.factories import InitiativeFactory, OrientationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("initiatives:list")


def form_data(initiative, **overrides):
    """Return the POST body of the edit form as the browser sends it unchanged."""
    values = model_to_dict(initiative, fields=FORM_FIELDS)
    data = {"version": initiative.version}
    for name, value in values.items():
        if isinstance(value, FiscalQuarter):
            value = value.label
        elif isinstance(value, list):
            value = [item.pk for item in value]
        elif isinstance(value, bool):
            value = "on" if value else None
        data[name] = value
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


class TestAccess:
    @pytest.mark.parametrize("name", ["initiatives:list", "initiatives:new"])
    def test_anonymous_visitors_are_sent_to_the_login_page(self, client, name):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))

    @pytest.mark.parametrize("persona", ["banq_officer", "manager"])
    def test_others_get_no_edit_form_and_no_write_on_an_mcc_initiative(
        self, client, request, persona, mcc_initiative
    ):
        client.force_login(request.getfixturevalue(persona))
        url = reverse("initiatives:edit", args=[mcc_initiative.pk])
        assert client.get(url).status_code == 403
        response = client.post(url, form_data(mcc_initiative, title="Piraté"))
        assert response.status_code == 403
        mcc_initiative.refresh_from_db()
        assert mcc_initiative.title == "Refonte des services en ligne"

    def test_a_reader_cannot_open_the_creation_form(self, client, manager):
        client.force_login(manager)
        assert client.get(reverse("initiatives:new")).status_code == 403

    def test_an_officer_cannot_archive(self, client, mcc_officer, mcc_initiative):
        client.force_login(mcc_officer)
        response = client.post(reverse("initiatives:archive", args=[mcc_initiative.pk]))
        assert response.status_code == 403
        assert Initiative.objects.active().count() == 1


class TestList:
    def test_the_text_search_finds_the_passeport_phases_and_not_gia(
        self, client, manager, passeport, gia
    ):
        client.force_login(manager)
        response = client.get(LIST, {"q": "Passeport"})
        content = response.content.decode()
        assert "Passeport Culturel Numérique - phase 1" in content
        assert "Passeport Culturel Numérique - phase 2" in content
        assert "GIA" not in content
        assert "2 initiatives correspondent aux filtres" in content

    def test_the_organisation_filter_matches_leads_and_partners(
        self, client, manager, mcc_initiative, banq
    ):
        shared = InitiativeFactory(
            code="BANQ-9",
            lead_organization=banq,
            plan=mcc_initiative.plan,
            ambition=mcc_initiative.ambition,
        )
        client.force_login(manager)
        codes = {
            i.code for i in client.get(LIST, {"organization": "BAnQ"}).context["page"].object_list
        }
        assert codes == {"BANQ-9"}
        shared.partners.add(mcc_initiative.lead_organization)
        codes = {
            i.code for i in client.get(LIST, {"organization": "MCC"}).context["page"].object_list
        }
        assert codes == {"MCC-900", "BANQ-9"}

    def test_status_and_fiscal_year_filters_combine(self, client, manager, passeport, gia):
        client.force_login(manager)
        done = client.get(LIST, {"status": "done"}).context["page"].object_list
        assert [i.code for i in done] == ["MCC-004"]
        in_2025 = client.get(LIST, {"fiscal_year": "2025"}).context["page"].object_list
        assert {i.code for i in in_2025} == {"MCC-001", "MCC-002"}

    def test_a_bad_filter_value_is_explained_not_a_server_error(self, client, manager, gia):
        client.force_login(manager)
        response = client.get(LIST, {"status": "perdu", "fiscal_year": "abc", "q": "a\x00b"})
        assert response.status_code == 200
        assert "perdu" in response.content.decode()  # the field error names the value

    def test_sorting_by_a_column(self, client, manager, passeport, gia):
        client.force_login(manager)
        page = client.get(LIST, {"ordering": "-code"}).context["page"]
        assert [i.code for i in page.object_list] == ["MCC-004", "MCC-002", "MCC-001"]

    def test_an_htmx_request_gets_only_the_results(self, client, manager, gia):
        client.force_login(manager)
        response = client.get(
            LIST, {"q": "GIA"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="initiative-results"
        )
        content = response.content.decode()
        assert "<html" not in content and 'id="initiative-results"' in content

    def test_archived_initiatives_leave_the_default_list(self, client, coordinator, gia):
        client.force_login(coordinator)
        client.post(reverse("initiatives:archive", args=[gia.pk]))
        assert client.get(LIST).context["page"].paginator.count == 0
        assert client.get(LIST, {"archived": "1"}).context["page"].paginator.count == 1

    def test_the_query_count_does_not_grow_with_the_number_of_initiatives(
        self, client, manager, plan, mcc, banq, ambition, django_assert_num_queries
    ):
        client.force_login(manager)

        def build(count):
            for _ in range(count):
                initiative = InitiativeFactory(plan=plan, lead_organization=mcc, ambition=ambition)
                initiative.partners.add(banq)

        build(3)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as small:
            client.get(LIST)
        build(40)
        with django_assert_num_queries(len(small.captured_queries)):
            client.get(LIST)


class TestDetail:
    def test_it_shows_the_initiative_its_phases_and_its_history(
        self, client, mcc_officer, passeport
    ):
        first, _second = passeport
        client.force_login(mcc_officer)
        client.post(reverse("initiatives:edit", args=[first.pk]), form_data(first, status="done"))
        content = client.get(reverse("initiatives:detail", args=[first.pk])).content.decode()
        assert "2023-2024 T2 à 2025-2026 T1" in content
        assert "Passeport Culturel Numérique - phase 2" in content  # the other phase
        assert "agent.mcc" in content and "En cours" in content and "Terminé" in content

    def test_another_organisations_officer_may_read_it(self, client, banq_officer, mcc_initiative):
        client.force_login(banq_officer)
        response = client.get(reverse("initiatives:detail", args=[mcc_initiative.pk]))
        assert response.status_code == 200
        assert "Modifier" not in response.content.decode()


class TestEdit:
    def test_an_officer_edits_their_initiative_and_the_history_names_them(
        self, client, mcc_officer, mcc_initiative
    ):
        client.force_login(mcc_officer)
        url = reverse("initiatives:edit", args=[mcc_initiative.pk])
        response = client.post(
            url, form_data(mcc_initiative, title="Refonte complète des services")
        )
        assert response.status_code == 302
        mcc_initiative.refresh_from_db()
        assert mcc_initiative.title == "Refonte complète des services"
        assert mcc_initiative.history.latest().history_user == mcc_officer

    def test_an_end_quarter_before_the_start_is_refused_with_a_message(
        self, client, mcc_officer, mcc_initiative
    ):
        client.force_login(mcc_officer)
        url = reverse("initiatives:edit", args=[mcc_initiative.pk])
        response = client.post(url, form_data(mcc_initiative, end_quarter="2022-2023 T1"))
        assert response.status_code == 200
        assert "ne peut pas précéder le trimestre de début" in response.content.decode()
        mcc_initiative.refresh_from_db()
        assert mcc_initiative.end_quarter == FiscalQuarter(2025, 1)

    def test_a_quarter_outside_the_plan_window_is_not_offered(
        self, client, mcc_officer, mcc_initiative
    ):
        client.force_login(mcc_officer)
        url = reverse("initiatives:edit", args=[mcc_initiative.pk])
        response = client.post(url, form_data(mcc_initiative, end_quarter="2030-2031 T1"))
        assert response.status_code == 200
        assert response.context["form"].errors["end_quarter"]

    def test_a_stale_form_is_refused_and_the_first_save_stands(
        self, client, mcc_officer, coordinator, mcc_initiative
    ):
        stale = form_data(mcc_initiative)
        client.force_login(coordinator)
        url = reverse("initiatives:edit", args=[mcc_initiative.pk])
        client.post(url, {**stale, "title": "Titre de la coordination"})
        client.force_login(mcc_officer)
        response = client.post(url, {**stale, "title": "Titre de l’agent"})
        assert response.status_code == 409
        content = response.content.decode()
        assert (
            "a changé entre-temps" in content and "coordination" in content and "Titre" in content
        )
        mcc_initiative.refresh_from_db()
        assert mcc_initiative.title == "Titre de la coordination"

    def test_orientation_choices_are_limited_to_the_lead_organisation(
        self, client, mcc_officer, mcc_initiative, banq
    ):
        mine = OrientationFactory(organization=mcc_initiative.lead_organization, number=1)
        theirs = OrientationFactory(organization=banq, number=1)
        client.force_login(mcc_officer)
        form = client.get(reverse("initiatives:edit", args=[mcc_initiative.pk])).context["form"]
        assert list(form.fields["orientation"].queryset) == [mine]
        response = client.post(
            reverse("initiatives:edit", args=[mcc_initiative.pk]),
            form_data(mcc_initiative, orientation=theirs.pk),
        )
        assert response.context["form"].errors["orientation"]

    def test_a_mutualised_initiative_without_partner_is_refused_beside_the_field(
        self, client, mcc_officer, mcc_initiative
    ):
        from tests.factories import MutualisationLevelFactory

        level = MutualisationLevelFactory(rank=2)
        client.force_login(mcc_officer)
        response = client.post(
            reverse("initiatives:edit", args=[mcc_initiative.pk]),
            form_data(mcc_initiative, mutualisation_level=level.pk),
        )
        assert response.context["form"].errors["partners"] == [
            "Une initiative mutualisée doit avoir au moins une organisation partenaire."
        ]

    def test_the_orientation_options_follow_the_chosen_lead(self, client, mcc_officer, mcc, banq):
        OrientationFactory(organization=banq, number=4, title="Rendre accessibles les archives")
        client.force_login(mcc_officer)
        response = client.get(
            reverse("initiatives:orientation-options"), {"lead_organization": banq.pk}
        )
        assert "Rendre accessibles les archives" in response.content.decode()


class TestCreate:
    def test_an_officer_creates_an_initiative_of_their_organisation(
        self, client, mcc_officer, mcc, ambition, plan
    ):
        client.force_login(mcc_officer)
        response = client.post(
            reverse("initiatives:new"),
            {
                "lead_organization": mcc.pk,
                "code": "MCC-200",
                "title": "Billetterie en ligne",
                "ambition": ambition.pk,
                "status": "not_started",
                "start_quarter": "2025-2026 T1",
                "end_quarter": "2026-2027 T4",
            },
        )
        created = Initiative.objects.get(code="MCC-200")
        assert response.status_code == 302 and response.url == created.get_absolute_url()
        assert created.history.get().history_user == mcc_officer

    def test_an_officer_cannot_create_for_another_organisation(
        self, client, banq_officer, mcc, ambition, plan
    ):
        client.force_login(banq_officer)
        response = client.post(
            reverse("initiatives:new"),
            {
                "lead_organization": mcc.pk,
                "code": "MCC-201",
                "title": "Intrusion",
                "ambition": ambition.pk,
                "status": "not_started",
            },
        )
        assert response.status_code == 200
        assert response.context["form"].errors["lead_organization"]
        assert not Initiative.objects.filter(code="MCC-201").exists()


def test_the_filter_form_starts_with_nothing_chosen(client, manager, mcc_initiative):
    """A select without an empty choice would filter on its first option when the form is sent."""
    client.force_login(manager)
    form = client.get(LIST).context["filterset"].form
    for name in ("fiscal_year", "theme", "programme", "is_3pgtn", "mutualised", "inconsistent"):
        choices = list(form.fields[name].widget.choices)
        assert choices[0][0] in ("", None), name


def test_ambition_level_and_tag_filters_match_by_their_public_keys(
    client, manager, plan, mcc, banq
):
    """The URL names an ambition by number, a level by rank and a tag by slug, never by id."""
    from tests.factories import AmbitionFactory, MutualisationLevelFactory, TagFactory

    # Ids and numbers deliberately differ: ambition number 3 gets the first id.
    third = AmbitionFactory(number=3, title="Performance organisationnelle")
    first = AmbitionFactory(number=1, title="Expérience clients")
    level = MutualisationLevelFactory(rank=4, name="Service commun")
    tag = TagFactory(slug="intelligence-artificielle")
    InitiativeFactory(
        code="A3",
        plan=plan,
        lead_organization=mcc,
        ambition=third,
        mutualisation_level=level,
        partners=[banq],
        tags=[tag],
    )
    InitiativeFactory(code="A1", plan=plan, lead_organization=mcc, ambition=first)
    client.force_login(manager)

    def codes(**params):
        response = client.get(LIST, params)
        assert response.status_code == 200
        return {i.code for i in response.context["page"].object_list}

    assert codes(ambition="3") == {"A3"}
    assert codes(ambition="1") == {"A1"}
    assert codes(mutualisation_level="4") == {"A3"}
    assert codes(tag="intelligence-artificielle") == {"A3"}
