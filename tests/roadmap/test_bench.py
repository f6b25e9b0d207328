"""The benchmark machinery, on a tiny portfolio in the test database (no speed thresholds)."""

import random

import pytest

from initiatives.models import Initiative
from roadmap.bench import (
    TARGETS,
    format_table,
    grow_portfolio,
    measure_current_database,
)
from tests.factories import (
    AmbitionFactory,
    MutualisationLevelFactory,
    OrganizationFactory,
    OrientationFactory,
    TagFactory,
    ThemeFactory,
)


@pytest.fixture
def reference(plan, mcc, banq, roles):
    """A small stand-in for the reference data: three ambitions, levels, themes, tags."""
    OrganizationFactory.create_batch(3)
    for number in (1, 2, 3):
        AmbitionFactory(number=number)
    for rank in (1, 2):
        MutualisationLevelFactory(rank=rank)
    parent = ThemeFactory(name="Parcours client et promotion des services")
    ThemeFactory(name="Aide financière", parent=parent)
    OrientationFactory(organization=mcc, number=1)
    TagFactory.create_batch(2)
    return plan


def test_it_measures_every_target_at_every_size(reference):
    measurements = measure_current_database(sizes=[10, 20], repeat=1)

    assert [(m.target, m.size) for m in measurements] == [
        (target.name, size) for size in (10, 20) for target in TARGETS
    ]
    for measurement in measurements:
        assert measurement.median_ms > 0
        assert measurement.queries > 0
    assert Initiative.objects.count() == 20


def test_it_prints_one_table_row_per_measurement(reference):
    measurements = measure_current_database(sizes=[20], repeat=1)

    lines = format_table(measurements).splitlines()

    assert lines[0].split()[0] == "Cible"
    assert len(lines) == 2 + len(TARGETS)
    assert all(" 20 " in line for line in lines[2:])


def test_it_builds_a_valid_partly_mutualised_portfolio(reference):
    grow_portfolio(200, rng=random.Random(1))

    initiatives = Initiative.objects.select_related("orientation").prefetch_related("partners")
    mutualised = [i for i in initiatives if i.mutualisation_level_id is not None]
    assert initiatives.count() == 200
    assert 0.3 < len(mutualised) / 200 < 0.6
    for initiative in mutualised:
        partner_ids = {partner.pk for partner in initiative.partners.all()}
        assert partner_ids and initiative.lead_organization_id not in partner_ids
    for initiative in initiatives:
        assert initiative.start_quarter <= initiative.end_quarter
        assert reference.contains(initiative.start_quarter)
        assert reference.contains(initiative.end_quarter)
        assert initiative.orientation is None or (
            initiative.orientation.organization_id == initiative.lead_organization_id
        )


def test_it_only_tops_up_a_portfolio_that_is_already_large_enough(reference):
    grow_portfolio(30, rng=random.Random(1))

    assert grow_portfolio(20, rng=random.Random(1)) == 0
    assert grow_portfolio(35, rng=random.Random(1)) == 5
    assert Initiative.objects.count() == 35
