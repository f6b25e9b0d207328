"""Publishing plan versions: who may, what a version keeps, and that it never changes."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from initiatives.choices import Status
from initiatives.demo import load_demo_data
from initiatives.fiscal import FiscalQuarter
from initiatives.models import Initiative, Plan
from initiatives.permissions import SYSTEM
from initiatives.services import initiative_archive, initiative_update
from roadmap.choices import ChangeKind
from roadmap.comparison import compare
from roadmap.demo import load_demo_versions
from roadmap.models import FrozenPlanVersionError, PlanVersion, PlanVersionEntry
from roadmap.services import plan_version_publish
from tests.factories import (
    InitiativeFactory,
    MutualisationLevelFactory,
    PlanFactory,
    ThemeFactory,
)

JUNE = datetime.date(2024, 6, 15)
TRIGGERS = {
    "roadmap_pventry_no_insert",
    "roadmap_pventry_no_delete",
    "roadmap_pventry_no_update",
    "roadmap_pventry_no_relink",
    "roadmap_planversion_no_update",
}
needs_triggers = pytest.mark.skipif(
    connection.vendor not in ("sqlite", "postgresql"),
    reason="The freezing triggers exist on SQLite and PostgreSQL only.",
)


@pytest.fixture
def portfolio(plan, mcc, banq, ambition):
    """Two active MCC initiatives (one mutualised with BAnQ), one BAnQ, one archived."""
    level = MutualisationLevelFactory(rank=2)
    theme = ThemeFactory(name="Aide financière", parent=ThemeFactory(name="Parcours client"))
    first = InitiativeFactory(
        code="MCC-001",
        plan=plan,
        lead_organization=mcc,
        ambition=ambition,
        theme=theme,
        is_3pgtn=True,
        mutualisation_level=level,
        partners=[banq],
    )
    second = InitiativeFactory(code="MCC-002", plan=plan, lead_organization=mcc, ambition=ambition)
    third = InitiativeFactory(
        code="BANQ-001", plan=plan, lead_organization=banq, ambition=ambition, is_demo=True
    )
    archived = InitiativeFactory(
        code="MCC-003", plan=plan, lead_organization=mcc, ambition=ambition
    )
    initiative_archive(user=SYSTEM, initiative=archived)
    return [first, second, third]


def publish(plan, user=SYSTEM, name="Mise à jour de juin 2024"):
    return plan_version_publish(user=user, plan=plan, name=name, published_on=JUNE)


# Publishing -------------------------------------------------------------------


def test_publishing_freezes_every_active_initiative_of_the_plan(coordinator, plan, portfolio):
    version = publish(plan, user=coordinator)

    assert version.is_published
    assert version.published_by == coordinator
    assert sorted(version.entries.values_list("code", flat=True)) == [
        "BANQ-001",
        "MCC-001",
        "MCC-002",
    ]
    entry = version.entries.get(code="MCC-001")
    initiative = portfolio[0]
    assert entry.initiative == initiative
    assert (entry.title, entry.status) == (initiative.title, initiative.status)
    assert (entry.start_quarter, entry.end_quarter) == (
        FiscalQuarter(2023, 2),
        FiscalQuarter(2025, 1),
    )
    assert entry.lead_organization == initiative.lead_organization
    assert (entry.ambition, entry.theme) == (initiative.ambition, initiative.theme)
    assert entry.mutualisation_level == initiative.mutualisation_level
    assert entry.is_3pgtn and not entry.is_demo
    assert version.entries.get(code="BANQ-001").is_demo


def test_publishing_leaves_out_the_initiatives_of_another_plan(plan, portfolio, mcc, ambition):
    other = PlanFactory(name="PTN 2028-2032", first_fiscal_year=2028, is_current=False)
    InitiativeFactory(
        code="AUTRE-001",
        plan=other,
        lead_organization=mcc,
        ambition=ambition,
        start_quarter=FiscalQuarter(2028, 1),
        end_quarter=FiscalQuarter(2028, 4),
    )

    version = publish(plan)

    assert not version.entries.filter(code="AUTRE-001").exists()


@pytest.mark.parametrize("persona", ["mcc_officer", "manager", "outsider"])
def test_only_coordinators_may_publish(request, persona, plan, portfolio):
    user = request.getfixturevalue(persona)

    with pytest.raises(PermissionDenied):
        publish(plan, user=user)

    assert not PlanVersion.objects.exists()


def test_a_second_version_of_the_same_name_is_refused_in_french(coordinator, plan, portfolio):
    publish(plan, user=coordinator)

    with pytest.raises(ValidationError) as refused:
        publish(plan, user=coordinator)

    assert "porte déjà le nom « Mise à jour de juin 2024 »" in refused.value.message_dict["name"][0]
    assert PlanVersion.objects.count() == 1


def test_a_version_needs_a_name(coordinator, plan, portfolio):
    with pytest.raises(ValidationError) as refused:
        publish(plan, user=coordinator, name="   ")

    assert "name" in refused.value.message_dict


def test_publishing_takes_as_many_queries_for_few_as_for_many_initiatives(plan, mcc, ambition):
    def queries_to_publish(name):
        with CaptureQueriesContext(connection) as captured:
            publish(plan, name=name)
        return len(captured)

    InitiativeFactory.create_batch(3, plan=plan, lead_organization=mcc, ambition=ambition)
    few = queries_to_publish("Petite")
    # More rows than SQLite lets one bulk INSERT carry (999 parameters).
    InitiativeFactory.create_batch(97, plan=plan, lead_organization=mcc, ambition=ambition)
    many = queries_to_publish("Grande")

    assert few == many
    assert PlanVersion.objects.get(name="Grande").entries.count() == 100


# Immutability -----------------------------------------------------------------


def test_a_published_version_does_not_change_when_its_initiatives_do(plan, portfolio):
    version = publish(plan)
    first, second, _third = portfolio

    initiative_update(
        user=SYSTEM,
        initiative=first,
        data={
            "status": Status.DONE,
            "title": "Nouveau titre",
            "end_quarter": FiscalQuarter(2025, 3),
        },
    )
    initiative_archive(user=SYSTEM, initiative=second)

    entry = version.entries.get(code="MCC-001")
    assert (entry.title, entry.status) != ("Nouveau titre", Status.DONE)
    assert entry.end_quarter == FiscalQuarter(2025, 1)
    assert version.entries.count() == 3


def test_deleting_an_initiative_keeps_its_entry_without_the_link(plan, portfolio):
    version = publish(plan)

    portfolio[1].delete()

    entry = version.entries.get(code="MCC-002")
    assert entry.initiative is None
    assert entry.title == portfolio[1].title


def test_the_models_refuse_to_change_a_published_version(plan, portfolio):
    version = publish(plan)
    entry = version.entries.get(code="MCC-001")
    entry.status = Status.DONE

    for attempt in (
        entry.save,
        entry.delete,
        entry.full_clean,
        lambda: version.entries.update(status=Status.DONE),
        lambda: version.entries.all().delete(),
        lambda: PlanVersionEntry.objects.create(
            version=version,
            code="X",
            title="X",
            lead_organization=entry.lead_organization,
            ambition=entry.ambition,
            status=Status.DONE,
        ),
    ):
        with pytest.raises(ValidationError, match="ne peut plus être modifiée"):
            attempt()
    reloaded = PlanVersion.objects.get(pk=version.pk)
    reloaded.name = "Autre nom"
    with pytest.raises(FrozenPlanVersionError, match="ne peut plus être modifiée"):
        reloaded.save()
    with pytest.raises(FrozenPlanVersionError):
        reloaded.delete()


@needs_triggers
@pytest.mark.parametrize(
    "attempt",
    [
        "update_entry",
        "relink_entry",
        "delete_entry",
        "insert_entry",
        "update_version",
    ],
)
def test_the_database_refuses_what_goes_around_the_models(plan, portfolio, attempt):
    version = publish(plan)
    entries = PlanVersionEntry._base_manager.filter(version=version)
    entry = entries.get(code="MCC-001")
    attempts = {
        "update_entry": lambda: entries.filter(pk=entry.pk).update(status=Status.DONE),
        "relink_entry": lambda: entries.filter(pk=entry.pk).update(initiative=portfolio[1]),
        "delete_entry": lambda: entries.filter(pk=entry.pk).delete(),
        "insert_entry": lambda: PlanVersionEntry._base_manager.bulk_create(
            [PlanVersionEntry(**{**_entry_values(entry), "code": "NOUVEAU"})]
        ),
        "update_version": lambda: PlanVersion._base_manager.filter(pk=version.pk).update(
            name="Autre nom"
        ),
    }

    with pytest.raises(IntegrityError), transaction.atomic():
        attempts[attempt]()

    assert entries.get(code="MCC-001").status == entry.status
    assert PlanVersion.objects.get(pk=version.pk).name == version.name


def _entry_values(entry):
    fields = [f.attname for f in PlanVersionEntry._meta.concrete_fields if not f.primary_key]
    return {name: getattr(entry, name) for name in fields}


def test_the_admin_shows_versions_and_entries_but_changes_nothing(admin_client, plan, portfolio):
    version = publish(plan)
    entry = version.entries.get(code="MCC-001")

    listing = admin_client.get("/admin/roadmap/planversion/")
    assert listing.status_code == 200 and "Mise à jour de juin 2024" in listing.content.decode()
    assert admin_client.get(f"/admin/roadmap/planversion/{version.pk}/change/").status_code == 200
    assert (
        admin_client.get(f"/admin/roadmap/planversionentry/{entry.pk}/change/").status_code == 200
    )
    assert admin_client.get("/admin/roadmap/planversion/add/").status_code == 403
    deleting = admin_client.post(
        f"/admin/roadmap/planversion/{version.pk}/delete/", {"post": "yes"}
    )
    assert deleting.status_code == 403
    changing = admin_client.post(
        f"/admin/roadmap/planversionentry/{entry.pk}/change/", {"status": Status.DONE}
    )
    assert changing.status_code == 403
    assert PlanVersionEntry.objects.get(pk=entry.pk).status == Status.IN_PROGRESS


@needs_triggers
def test_the_database_holds_the_freezing_triggers(db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        names = {row[0] for row in cursor.fetchall()}

    assert names >= TRIGGERS


# Demonstration versions ---------------------------------------------------------


@pytest.fixture
def demo_portfolio(db):
    """The reference data, the seed's initiatives and the demonstration portfolio."""
    call_command("load_reference_data", verbosity=0)
    load_demo_data(accounts_allowed=False)
    return Plan.objects.get(name="PTN 2023-2027")


def test_the_demo_publishes_its_two_versions_once(demo_portfolio):
    out = io.StringIO()

    call_command("load_demo_versions", stdout=out)
    call_command("load_demo_versions", stdout=out)

    versions = PlanVersion.objects.order_by("published_on")
    assert [(v.name, v.published_on.year, v.is_demo) for v in versions] == [
        ("PTN 2023-2027 — version initiale", 2023, True),
        ("Mise à jour de juin 2024", 2024, True),
    ]
    assert "Versions de démonstration publiées" in out.getvalue()
    assert out.getvalue().rstrip().endswith("Versions de démonstration\u00a0: déjà présentes.")
    assert load_demo_versions() == []
    dropped = PlanVersionEntry.objects.filter(code__contains="-R0")
    assert dropped.count() == 8 and not dropped.filter(initiative__isnull=False).exists()


def test_the_demo_versions_tell_a_plausible_story(demo_portfolio):
    load_demo_versions()
    initial, june = PlanVersion.objects.order_by("published_on")

    since_june = compare(june, None)
    since_2023 = compare(initial, june)

    for comparison in (since_june, since_2023):
        counts = {item.kind: item.count for item in comparison.counts}
        for kind in ChangeKind.values:
            if kind != ChangeKind.RESCHEDULED:
                assert counts[kind] >= 1, (comparison.base_label, kind)
    assert 8 <= len(since_june.rows) <= 20
    assert len(since_2023.rows) > 3 * len(since_june.rows)
    current = Initiative.objects.active().filter(plan=demo_portfolio).count()
    assert june.entries.count() == current - 3 + 2  # three added since, two dropped since
