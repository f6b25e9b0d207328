"""The list of initiatives read from ``values_list()`` rows: the detail's JSON, five queries."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from initiatives.api.compiled import KeyedQuery
from initiatives.api.rows import row_serializer
from initiatives.api.serializers import InitiativeSerializer
from initiatives.choices import Status
from initiatives.fiscal import FiscalQuarter
from initiatives.models import Initiative
from tests.factories import (
    InitiativeFactory,
    MutualisationLevelFactory,
    ObjectiveFactory,
    OrganizationFactory,
    OrientationFactory,
    ProgrammeFactory,
    TagFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("initiatives-api:initiative-list")


def detail(pk) -> str:
    return reverse("initiatives-api:initiative-detail", args=[pk])


@pytest.fixture
def portfolio(plan, mcc, banq, ambition):
    """Return initiatives with every kind of relation, filled in, left empty or shared."""
    orientation = OrientationFactory(organization=mcc)
    parent = ThemeFactory(name="Parcours client")
    tags = [TagFactory(name=name) for name in ("Zèbre", "Données", "Accessibilité")]
    partners = [banq, OrganizationFactory(acronym="SODEC", sort_order=5)]
    common = {"plan": plan, "lead_organization": mcc, "ambition": ambition}
    return [
        InitiativeFactory(
            **common,
            orientation=orientation,
            objective=ObjectiveFactory(orientation=orientation),
            theme=ThemeFactory(parent=parent),
            programme=ProgrammeFactory(lead_organization=mcc),
            phase=1,
            mutualisation_level=MutualisationLevelFactory(rank=2),
            partners=partners,
            tags=tags,
            financial_benefit=250_000,
        ),
        InitiativeFactory(**common, theme=parent, orientation=orientation, tags=tags[:1]),
        InitiativeFactory(
            **common, status=Status.DONE, start_quarter=None, end_quarter=None, partners=[banq]
        ),
        InitiativeFactory(plan=plan, lead_organization=banq, ambition=ambition),
    ]


@pytest.mark.parametrize("language", ["fr-ca", "en"])
def test_every_list_row_is_the_same_json_as_its_detail(api, manager, portfolio, language):
    client = api(manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    rows = client.get(LIST).json()["results"]
    assert len(rows) == len(portfolio)
    for row in rows:
        assert row == client.get(detail(row["id"])).json()


def test_rows_filtered_through_partners_are_the_detail_json(api, manager, portfolio, banq):
    client = api(manager)
    rows = client.get(LIST, {"organization": banq.acronym, "ordering": "-theme"}).json()["results"]
    assert {row["id"] for row in rows} == {portfolio[0].pk, portfolio[2].pk, portfolio[3].pk}
    for row in rows:
        assert row == client.get(detail(row["id"])).json()


def test_the_keys_of_a_distinct_queryset_come_once_each_in_its_order(portfolio):
    queryset = Initiative.objects.filter(tags__isnull=False).distinct()
    keys = row_serializer(InitiativeSerializer).keys(queryset.order_by("-theme__name", "pk"))
    assert list(keys) == [portfolio[0].pk, portfolio[1].pk]


def test_a_page_reads_initiatives_in_five_queries(api, manager, portfolio):
    client = api(manager)
    client.get(LIST)  # the token's first use is recorded once
    with CaptureQueriesContext(connection) as queries:
        client.get(LIST, {"page_size": 2})
    read = [query["sql"] for query in queries if '"initiatives_initiative' in query["sql"]]
    assert len(read) == 5, read  # count, keys, rows with their labels, partners, tags


def test_the_count_query_joins_and_orders_nothing(api, manager, portfolio):
    client = api(manager)
    with CaptureQueriesContext(connection) as queries:
        client.get(LIST, {"ordering": "-theme"})
    [count] = [query["sql"] for query in queries if "COUNT(" in query["sql"]]
    assert "JOIN" not in count and "ORDER BY" not in count, count


class TestKeyedQuery:
    def test_it_returns_what_the_orm_returns_converted(self, portfolio):
        columns = ("pk", "start_quarter", "created_at", "is_3pgtn", "lead_organization__acronym")
        queryset = Initiative.objects.order_by().values_list(*columns)
        keyed = KeyedQuery(queryset, "pk__in")
        for keys in ([portfolio[0].pk], [obj.pk for obj in portfolio]):
            assert sorted(keyed.run(keys)) == sorted(map(list, queryset.filter(pk__in=keys)))
        [row] = keyed.run([portfolio[0].pk])
        assert isinstance(row[1], FiscalQuarter) and timezone.is_aware(row[2])

    def test_it_compiles_once_per_number_of_keys(self, portfolio):
        keyed = KeyedQuery(Initiative.objects.values_list("pk"), "pk__in")
        for keys in ([portfolio[0].pk], [portfolio[1].pk], [obj.pk for obj in portfolio]):
            keyed.run(keys)
        assert sorted(count for _connection, count in keyed.compiled) == [1, len(portfolio)]

    def test_it_runs_no_query_without_keys(self, django_assert_num_queries):
        with django_assert_num_queries(0):
            assert KeyedQuery(Initiative.objects.values_list("pk"), "pk__in").run([]) == []

    def test_it_refuses_a_query_with_parameters_of_its_own(self, portfolio):
        queryset = Initiative.objects.filter(code__startswith="TEST").values_list("pk")
        with pytest.raises(ValueError, match="only parameters"):
            KeyedQuery(queryset, "pk__in").run([portfolio[0].pk])
