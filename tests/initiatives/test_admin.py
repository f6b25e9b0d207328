"""The admin: every model listed, initiative writes through the services."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse
from simple_history.models import HistoricalChanges

from initiatives.api.tokens import api_token_create
from initiatives.choices import Status
from initiatives.models import ApiToken, Initiative, Membership, Objective
from tests.factories import (
    MutualisationLevelFactory,
    OrientationFactory,
    ProgrammeFactory,
    TagFactory,
    ThemeFactory,
    UserFactory,
)

# Every model of the app (its history tables aside), and the user admin that lists memberships.
APP_MODELS = [
    model
    for model in apps.get_app_config("initiatives").get_models()
    if not issubclass(model, HistoricalChanges)
]
ADMIN_MODELS = [*APP_MODELS, get_user_model()]


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def change_form_data(initiative: Initiative, **changes) -> dict:
    """Return the POST of the initiative's admin change form, with ``changes`` applied."""
    values = {
        "code": initiative.code,
        "title": initiative.title,
        "description": initiative.description,
        "plan": initiative.plan_id,
        "lead_organization": initiative.lead_organization_id,
        "status": initiative.status,
        "is_demo": initiative.is_demo,
        "version_seen": initiative.version,
        "ambition": initiative.ambition_id,
        "orientation": initiative.orientation_id or "",
        "objective": initiative.objective_id or "",
        "theme": initiative.theme_id or "",
        "programme": initiative.programme_id or "",
        "phase": initiative.phase or "",
        "is_3pgtn": initiative.is_3pgtn,
        "mutualisation_level": initiative.mutualisation_level_id or "",
        "partners": [partner.pk for partner in initiative.partners.all()],
        "start_quarter": initiative.start_quarter.label if initiative.start_quarter else "",
        "end_quarter": initiative.end_quarter.label if initiative.end_quarter else "",
        "schedule_is_estimated": initiative.schedule_is_estimated,
        "financial_benefit": initiative.financial_benefit or "",
        "service_benefit": initiative.service_benefit,
        "tags": [tag.pk for tag in initiative.tags.all()],
        "contact_name": initiative.contact_name,
        "contact_email": initiative.contact_email,
        **changes,
    }
    # An unchecked checkbox is absent from a browser's POST.
    return {
        key: ("on" if value is True else value)
        for key, value in values.items()
        if value is not False
    }


@pytest.fixture
def staff_coordinator(coordinator):
    coordinator.is_staff = True
    coordinator.save()
    return coordinator


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def reference_rows(mcc_initiative, mcc, banq, mcc_officer):
    """One row of every model, so that each changelist draws its columns."""
    orientation = OrientationFactory(organization=mcc, number=1)
    Objective.objects.create(orientation=orientation, code="1.1", title="Objectif")
    parent = ThemeFactory(name="Parcours client et promotion des services")
    ThemeFactory(name="Aide financière", parent=parent)
    ProgrammeFactory(name="Passeport Culturel Numérique", lead_organization=mcc)
    tag = TagFactory(slug="donnees")
    level = MutualisationLevelFactory(rank=1)
    mcc_initiative.mutualisation_level = level
    mcc_initiative.save()
    mcc_initiative.partners.set([banq])
    mcc_initiative.tags.set([tag])
    api_token_create(user=mcc_officer, name="Synchronisation")


@pytest.mark.parametrize("model", APP_MODELS, ids=lambda model: model._meta.model_name)
def test_every_model_of_the_app_has_an_admin(model):
    assert admin.site.is_registered(model)


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda model: model._meta.model_name)
def test_every_changelist_answers_for_a_superuser(client, superuser, reference_rows, model):
    client.force_login(superuser)

    response = client.get(admin_url(model, "changelist"))

    assert response.status_code == 200


def test_the_admin_is_titled_in_french(client, superuser):
    client.force_login(superuser)

    response = client.get(reverse("admin:index"))

    assert "Administration du portefeuille PTN 2023-2027" in response.content.decode()


def test_the_change_form_and_the_history_page_answer(client, staff_coordinator, mcc_initiative):
    client.force_login(staff_coordinator)

    change = client.get(admin_url(Initiative, "change", mcc_initiative.pk))
    history = client.get(admin_url(Initiative, "history", mcc_initiative.pk))

    assert change.status_code == 200
    assert history.status_code == 200


def test_an_admin_edit_of_an_initiative_leaves_a_history_record_naming_its_user(
    client, staff_coordinator, mcc_initiative
):
    records_before = mcc_initiative.history.count()
    client.force_login(staff_coordinator)

    response = client.post(
        admin_url(Initiative, "change", mcc_initiative.pk),
        change_form_data(mcc_initiative, title="Refonte complète", status=Status.DONE),
    )

    assert response.status_code == 302
    mcc_initiative.refresh_from_db()
    assert (mcc_initiative.title, mcc_initiative.status) == ("Refonte complète", Status.DONE)
    assert mcc_initiative.version == 2
    assert mcc_initiative.history.count() == records_before + 1
    assert mcc_initiative.history.latest().history_user == staff_coordinator


def test_an_admin_addition_goes_through_the_service(client, staff_coordinator, mcc_initiative):
    client.force_login(staff_coordinator)
    data = change_form_data(mcc_initiative, code="MCC-901", title="Nouvelle initiative")
    del data["version_seen"]

    response = client.post(admin_url(Initiative, "add"), data)

    assert response.status_code == 302
    created = Initiative.objects.get(code="MCC-901")
    assert response["Location"] == admin_url(Initiative, "changelist")
    assert created.history.count() == 1
    assert created.history.get().history_user == staff_coordinator


def test_a_mutualisation_level_without_partners_is_refused_on_the_form(
    client, staff_coordinator, mcc_initiative
):
    level = MutualisationLevelFactory(rank=2)
    records_before = mcc_initiative.history.count()
    client.force_login(staff_coordinator)

    response = client.post(
        admin_url(Initiative, "change", mcc_initiative.pk),
        change_form_data(mcc_initiative, title="Ne sera pas gardé", mutualisation_level=level.pk),
    )

    assert response.status_code == 200
    assert (
        "Une initiative mutualisée doit avoir au moins une organisation partenaire."
        in response.content.decode()
    )
    mcc_initiative.refresh_from_db()
    assert mcc_initiative.title == "Refonte des services en ligne"
    assert mcc_initiative.mutualisation_level is None
    assert mcc_initiative.history.count() == records_before


def test_the_lead_organisation_as_its_own_partner_is_refused_on_the_form(
    client, staff_coordinator, mcc_initiative, mcc
):
    level = MutualisationLevelFactory(rank=1)
    client.force_login(staff_coordinator)

    response = client.post(
        admin_url(Initiative, "change", mcc_initiative.pk),
        change_form_data(mcc_initiative, mutualisation_level=level.pk, partners=[mcc.pk]),
    )

    assert response.status_code == 200
    assert "ne peut pas être aussi partenaire" in response.content.decode()
    assert not mcc_initiative.partners.exists()


def test_clearing_the_level_and_the_partners_together_is_accepted(
    client, staff_coordinator, mcc_initiative, banq
):
    mcc_initiative.mutualisation_level = MutualisationLevelFactory(rank=1)
    mcc_initiative.save()
    mcc_initiative.partners.set([banq])
    client.force_login(staff_coordinator)

    response = client.post(
        admin_url(Initiative, "change", mcc_initiative.pk),
        change_form_data(mcc_initiative, mutualisation_level="", partners=[]),
    )

    assert response.status_code == 302
    mcc_initiative.refresh_from_db()
    assert mcc_initiative.mutualisation_level is None
    assert not mcc_initiative.partners.exists()


def test_a_stale_form_is_refused_instead_of_overwriting_a_newer_save(
    client, staff_coordinator, mcc_initiative
):
    client.force_login(staff_coordinator)
    stale = change_form_data(mcc_initiative, title="Écrasera-t-il ?")
    Initiative.objects.filter(pk=mcc_initiative.pk).update(version=2, title="Plus récente")

    response = client.post(admin_url(Initiative, "change", mcc_initiative.pk), stale)

    assert response.status_code == 200
    assert "modifiée par quelqu’un d’autre" in response.content.decode()
    mcc_initiative.refresh_from_db()
    assert mcc_initiative.title == "Plus récente"


def test_an_officer_cannot_change_another_organisations_initiative_in_the_admin(
    client, banq_officer, mcc_initiative
):
    banq_officer.is_staff = True
    banq_officer.save()
    client.force_login(banq_officer)

    response = client.post(
        admin_url(Initiative, "change", mcc_initiative.pk),
        change_form_data(mcc_initiative, title="Détournée"),
    )

    assert response.status_code == 403
    mcc_initiative.refresh_from_db()
    assert mcc_initiative.title == "Refonte des services en ligne"


def test_the_archive_action_archives_through_the_service(client, staff_coordinator, mcc_initiative):
    client.force_login(staff_coordinator)

    response = client.post(
        admin_url(Initiative, "changelist"),
        {"action": "archive_selected", "_selected_action": [mcc_initiative.pk]},
    )

    assert response.status_code == 302
    mcc_initiative.refresh_from_db()
    assert mcc_initiative.is_archived
    assert mcc_initiative.history.latest().history_user == staff_coordinator


def test_the_unarchive_action_brings_an_initiative_back(client, staff_coordinator, mcc_initiative):
    client.force_login(staff_coordinator)
    changelist = admin_url(Initiative, "changelist")
    client.post(changelist, {"action": "archive_selected", "_selected_action": [mcc_initiative.pk]})

    client.post(
        changelist, {"action": "unarchive_selected", "_selected_action": [mcc_initiative.pk]}
    )

    mcc_initiative.refresh_from_db()
    assert not mcc_initiative.is_archived


def test_initiatives_cannot_be_deleted_from_the_admin(client, superuser, mcc_initiative):
    client.force_login(superuser)

    response = client.post(admin_url(Initiative, "delete", mcc_initiative.pk), {"post": "yes"})

    assert response.status_code == 403
    assert Initiative.objects.filter(pk=mcc_initiative.pk).exists()


def test_a_user_lists_the_organisations_they_work_for(client, superuser, mcc_officer):
    client.force_login(superuser)

    response = client.get(admin_url(get_user_model(), "change", mcc_officer.pk))

    assert response.status_code == 200
    assert Membership.objects.get(user=mcc_officer).organization.acronym == "MCC"
    assert "memberships-TOTAL_FORMS" in response.content.decode()


def test_an_api_token_is_revoked_from_the_admin_but_never_created_there(
    client, superuser, mcc_officer
):
    token, _secret = api_token_create(user=mcc_officer, name="Synchronisation")
    client.force_login(superuser)

    add = client.get(admin_url(ApiToken, "add"))
    client.post(
        admin_url(ApiToken, "changelist"),
        {"action": "revoke_selected", "_selected_action": [token.pk]},
    )

    assert add.status_code == 403
    token.refresh_from_db()
    assert not token.is_active
