"""factory_boy factories for the domain; defaults build a valid initiative."""

import factory
from django.contrib.auth import get_user_model

from initiatives.choices import OrganizationKind, Status, TagCategory
from initiatives.fiscal import FiscalQuarter
from initiatives.models import (
    Ambition,
    Initiative,
    Membership,
    MutualisationLevel,
    Objective,
    Organization,
    Orientation,
    Plan,
    Programme,
    Tag,
    Theme,
)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("acronym",)

    acronym = factory.Sequence(lambda n: f"ORG{n}")
    name = factory.LazyAttribute(lambda o: f"Société d’État {o.acronym}")
    kind = OrganizationKind.STATE_CORPORATION


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        django_get_or_create = ("name",)

    name = "PTN 2023-2027"
    first_fiscal_year = 2022
    years = 6
    is_current = True


class OrientationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Orientation

    organization = factory.SubFactory(OrganizationFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Faker("sentence", locale="fr_CA")


class AmbitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ambition
        django_get_or_create = ("number",)

    number = 1
    title = factory.LazyAttribute(lambda a: f"Ambition {a.number}")
    short_title = factory.LazyAttribute(lambda a: f"Ambition {a.number}")
    descriptors = "Client\nCitoyen"


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("parent", "name")

    name = factory.Sequence(lambda n: f"Thème {n}")
    parent = None


class MutualisationLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MutualisationLevel
        django_get_or_create = ("rank",)

    rank = 1
    name = factory.LazyAttribute(lambda m: f"Niveau {m.rank}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"etiquette-{n}")
    name = factory.LazyAttribute(lambda t: t.slug.replace("-", " ").capitalize())
    category = TagCategory.DATA


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    lead_organization = factory.SubFactory(OrganizationFactory)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"TEST-{n:04d}")
    title = factory.Sequence(lambda n: f"Initiative numérique {n}")
    plan = factory.SubFactory(PlanFactory)
    lead_organization = factory.SubFactory(OrganizationFactory)
    ambition = factory.SubFactory(AmbitionFactory)
    status = Status.IN_PROGRESS
    start_quarter = FiscalQuarter(2023, 2)
    end_quarter = FiscalQuarter(2025, 1)

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partners.set(extracted)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("secret")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(extracted)

    @factory.post_generation
    def organizations(self, create, extracted, **kwargs):
        for organization in extracted or []:
            Membership.objects.create(user=self, organization=organization)


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    orientation = factory.SubFactory(OrientationFactory)
    code = factory.Sequence(lambda n: f"1.{n}")
    title = "Accroître la découvrabilité des contenus"
