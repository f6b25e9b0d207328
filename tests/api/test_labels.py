"""The list's label functions give exactly what the models' ``str()`` gives, in both languages."""

import pytest
from django.utils import translation

from initiatives.api.fields import LabelField, LabelsField
from initiatives.api.labels import LABELS, label_function
from initiatives.api.serializers import InitiativeSerializer
from initiatives.models import Initiative
from tests.factories import (
    AmbitionFactory,
    MutualisationLevelFactory,
    ObjectiveFactory,
    OrganizationFactory,
    OrientationFactory,
    PlanFactory,
    ProgrammeFactory,
    TagFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def samples():
    """Return one object of every labelled model, a theme with and one without a parent."""
    orientation = OrientationFactory(number=4, title="Favoriser l’innovation")
    parent = ThemeFactory(name="Parcours client")
    return [
        OrganizationFactory(acronym="BAnQ"),
        PlanFactory(),
        ProgrammeFactory(name="Passeport culturel numérique"),
        TagFactory(name="Données ouvertes"),
        AmbitionFactory(number=2, title="Efficacité & performance"),
        parent,
        ThemeFactory(name="Intelligence artificielle", parent=parent),
        MutualisationLevelFactory(rank=3, name="Service partagé"),
        orientation,
        ObjectiveFactory(orientation=orientation, code="4.2", title="Accroître la découvrabilité"),
    ]


def label_of(obj) -> str:
    """Return ``obj``'s label as a list page builds it, from ``values_list()`` columns."""
    model = type(obj)
    columns = model._base_manager.filter(pk=obj.pk).values_list(*LABELS[model].columns).get()
    return label_function(model)(*columns)


@pytest.mark.parametrize("language", ["fr-ca", "en"])
def test_every_label_function_gives_what_str_gives(samples, language):
    with translation.override(language):
        for obj in samples:
            assert label_of(obj) == str(obj), type(obj).__name__


def test_the_templates_are_translated_when_the_request_starts(samples):
    level = next(obj for obj in samples if obj._meta.model_name == "mutualisationlevel")
    with translation.override("en"):
        english = label_function(type(level))
    with translation.override("fr-ca"):
        assert english(level.rank, level.name) == f"Level 3 – {level.name}"


def test_every_labelled_relation_of_an_initiative_has_a_label_function():
    fields = InitiativeSerializer(context={}).fields.values()
    models = {
        Initiative._meta.get_field(field.source.split(".")[0]).related_model
        for field in fields
        if isinstance(field, (LabelField, LabelsField))
    }
    assert models and models <= set(LABELS)
