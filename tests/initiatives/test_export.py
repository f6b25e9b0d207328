"""The list's initiatives as CSV and XLSX files, in the layout the import reads back."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from initiatives.exchange.layout import COLUMNS
from tests.factories import InitiativeFactory, MutualisationLevelFactory, TagFactory

pytestmark = pytest.mark.django_db

EXPORT = reverse("initiatives:export")
HEADERS = [str(column.header) for column in COLUMNS]


def csv_rows(response, separator=";") -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=separator))


def xlsx_rows(response) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    return [["" if value is None else str(value) for value in row] for row in sheet.values]


@pytest.fixture
def portfolio(plan, mcc, banq, ambition):
    level = MutualisationLevelFactory(rank=2)
    shared = InitiativeFactory(
        code="MCC-001",
        title="Passeport Culturel Numérique",
        plan=plan,
        lead_organization=mcc,
        ambition=ambition,
        mutualisation_level=level,
        partners=[banq],
        tags=[TagFactory(slug="ia"), TagFactory(slug="donnees")],
        is_3pgtn=True,
        financial_benefit=1_500,
    )
    alone = InitiativeFactory(
        code="BANQ-001",
        title="Archives en ligne",
        plan=plan,
        lead_organization=banq,
        ambition=ambition,
    )
    return [shared, alone]


class TestCsv:
    def test_the_csv_export_has_a_header_and_a_line_per_initiative(
        self, client, manager, portfolio
    ):
        client.force_login(manager)
        response = client.get(EXPORT, {"format": "csv"})
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        header, *rows = csv_rows(response)
        assert header == HEADERS
        assert sorted(row[0] for row in rows) == ["BANQ-001", "MCC-001"]
        shared = next(dict(zip(header, row, strict=True)) for row in rows if row[0] == "MCC-001")
        assert shared["Organisations partenaires"] == "BAnQ"
        assert shared["Étiquettes"] == "donnees;ia"
        assert (shared["3PGTN"], shared["Niveau de mutualisation"]) == ("oui", "2")
        assert (shared["Statut"], shared["Début"]) == ("En cours", "2023-2024 T2")

    def test_it_honours_every_filter_of_the_list_search_included(self, client, manager, portfolio):
        client.force_login(manager)
        _header, *rows = csv_rows(client.get(EXPORT, {"format": "csv", "q": "archives"}))
        assert [row[0] for row in rows] == ["BANQ-001"]
        _header, *rows = csv_rows(client.get(EXPORT, {"format": "csv", "mutualised": "true"}))
        assert [row[0] for row in rows] == ["MCC-001"]

    def test_a_comma_separator_can_be_asked_for(self, client, manager, portfolio):
        client.force_login(manager)
        response = client.get(EXPORT, {"format": "csv", "separator": "comma"})
        assert csv_rows(response, separator=",")[0] == HEADERS

    def test_a_formula_in_a_cell_is_never_evaluated_by_a_spreadsheet(
        self, client, manager, portfolio
    ):
        InitiativeFactory(
            code="X-1",
            title='=HYPERLINK("http://evil")',
            lead_organization=portfolio[0].lead_organization,
        )
        client.force_login(manager)
        rows = csv_rows(client.get(EXPORT, {"format": "csv", "q": "X-1"}))
        assert rows[1][1] == '\'=HYPERLINK("http://evil")'
        workbook = load_workbook(
            io.BytesIO(client.get(EXPORT, {"format": "xlsx", "q": "X-1"}).content)
        )
        cell = workbook.worksheets[0]["B2"]
        assert (cell.value, cell.data_type) == ('=HYPERLINK("http://evil")', "s")


class TestXlsx:
    def test_the_xlsx_export_opens_with_the_same_rows_as_the_csv(self, client, manager, portfolio):
        client.force_login(manager)
        from_csv = csv_rows(client.get(EXPORT, {"format": "csv"}))
        response = client.get(EXPORT, {"format": "xlsx"})
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert xlsx_rows(response) == from_csv

    def test_its_header_is_styled_and_frozen_and_its_columns_explained(
        self, client, manager, portfolio
    ):
        client.force_login(manager)
        workbook = load_workbook(io.BytesIO(client.get(EXPORT, {"format": "xlsx"}).content))
        sheet, guide = workbook.worksheets
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold and sheet.column_dimensions["B"].width == 50
        assert [row[0] for row in guide.iter_rows(min_row=2, values_only=True)] == HEADERS


class TestAccessAndQueries:
    def test_an_outsider_gets_403_and_an_unknown_format_400(self, client, outsider, manager):
        client.force_login(outsider)
        assert client.get(EXPORT, {"format": "csv"}).status_code == 403
        client.force_login(manager)
        assert client.get(EXPORT, {"format": "pdf"}).status_code == 400

    @pytest.mark.parametrize("file_format", ["csv", "xlsx"])
    def test_the_query_count_does_not_grow_with_the_number_of_initiatives(
        self, client, manager, plan, mcc, banq, ambition, file_format, django_assert_num_queries
    ):
        client.force_login(manager)

        def build(count):
            for _ in range(count):
                InitiativeFactory(
                    plan=plan, lead_organization=mcc, ambition=ambition, partners=[banq]
                )

        def export():
            response = client.get(EXPORT, {"format": file_format})
            return (
                b"".join(response.streaming_content) if file_format == "csv" else response.content
            )

        build(3)
        with CaptureQueriesContext(connection) as small:
            export()
        build(40)
        with django_assert_num_queries(len(small.captured_queries)):
            export()
