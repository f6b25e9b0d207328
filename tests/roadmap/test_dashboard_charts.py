"""The dashboard's figures on a hand-built portfolio, and the SVG charts drawn from them."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from initiatives.choices import Status
from initiatives.fiscal import FiscalQuarter
from roadmap import charts
from roadmap.selectors import (
    AmbitionRow,
    Bar,
    HeadlineFigures,
    MatrixRow,
    MutualisationMatrix,
    StartsAndEnds,
    StatusByAmbition,
    YearCount,
    portfolio_headline_figures,
)
from tests.factories import (
    AmbitionFactory,
    InitiativeFactory,
    MutualisationLevelFactory,
    OrganizationFactory,
)

SVG = "{http://www.w3.org/2000/svg}"
CHART_FUNCTIONS = [
    charts.status_by_ambition_svg,
    charts.starts_and_ends_svg,
    charts.organizations_svg,
]


def quarter(year: int, q: int) -> FiscalQuarter:
    return FiscalQuarter(year, q)


@pytest.fixture
def calq(db):
    return OrganizationFactory(acronym="CALQ", name="Conseil des arts et des lettres du Québec")


@pytest.fixture
def portfolio(plan, mcc, banq, calq, ambition):
    """Five active initiatives of MCC, BAnQ and CALQ, three of them shared, and one archived.

    Plan window: 2022-2023 to 2027-2028.
    - MCC leads one done (2022 -> 2023) with BAnQ and CALQ, benefit 1,000,000;
    - MCC leads one in progress (2023 -> 2025) with BAnQ;
    - BAnQ leads one not started (2025 -> 2026) with CALQ, benefit 250,000;
    - CALQ leads one suspended (2023 -> 2023);
    - BAnQ leads one abandoned, never scheduled.
    """
    second = AmbitionFactory(number=2)
    AmbitionFactory(number=3)
    level = MutualisationLevelFactory(rank=1)

    def add(lead, status, start, end, ambition=ambition, **fields):
        return InitiativeFactory(
            plan=plan,
            lead_organization=lead,
            ambition=ambition,
            status=status,
            start_quarter=start,
            end_quarter=end,
            **fields,
        )

    shared = {"mutualisation_level": level}
    add(
        mcc,
        Status.DONE,
        quarter(2022, 1),
        quarter(2023, 4),
        partners=[banq, calq],
        financial_benefit=1_000_000,
        **shared,
    )
    add(mcc, Status.IN_PROGRESS, quarter(2023, 2), quarter(2025, 1), partners=[banq], **shared)
    add(
        banq,
        Status.NOT_STARTED,
        quarter(2025, 1),
        quarter(2026, 4),
        ambition=second,
        partners=[calq],
        financial_benefit=250_000,
        **shared,
    )
    add(calq, Status.SUSPENDED, quarter(2023, 1), quarter(2023, 3), ambition=second)
    add(banq, Status.ABANDONED, None, None)
    archived = add(mcc, Status.DONE, quarter(2022, 1), quarter(2022, 2), partners=[calq], **shared)
    archived.archived_at = timezone.now()
    archived.save()


@pytest.fixture
def figures(portfolio, manager):
    return portfolio_headline_figures(user=manager)


# Figures ---------------------------------------------------------------------------


def test_it_cross_counts_status_by_ambition(figures):
    cross = figures.status_by_ambition

    assert [value for value, _ in cross.statuses] == Status.values
    assert [(row.key, row.counts) for row in cross.rows] == [
        ("1", [0, 1, 1, 0, 1]),
        ("2", [1, 0, 0, 1, 0]),
        ("3", [0, 0, 0, 0, 0]),
    ]
    assert cross.totals == [1, 1, 1, 1, 1]
    assert cross.total == figures.total == 5


def test_it_keeps_the_headline_breakdowns(figures):
    assert [(bar.key, bar.count) for bar in figures.by_status] == [
        ("not_started", 1),
        ("in_progress", 1),
        ("done", 1),
        ("suspended", 1),
        ("abandoned", 1),
    ]
    assert [(bar.key, bar.count) for bar in figures.by_ambition] == [("1", 3), ("2", 2), ("3", 0)]
    assert (figures.mutualised, figures.unscheduled) == (3, 1)


def test_it_counts_starts_and_ends_by_fiscal_year_of_the_plan(figures):
    years = figures.starts_and_ends

    assert [(y.label, y.starts, y.ends) for y in years.years] == [
        ("2022-2023", 1, 0),
        ("2023-2024", 2, 2),
        ("2024-2025", 0, 0),
        ("2025-2026", 1, 1),
        ("2026-2027", 0, 1),
        ("2027-2028", 0, 0),
    ]
    assert (years.unscheduled, years.outside) == (1, 0)


def test_a_schedule_outside_the_plan_window_is_counted_apart(plan, mcc, ambition, manager):
    InitiativeFactory(
        plan=plan,
        lead_organization=mcc,
        ambition=ambition,
        start_quarter=quarter(2021, 4),
        end_quarter=quarter(2022, 2),
    )

    years = portfolio_headline_figures(user=manager).starts_and_ends

    assert years.outside == 1
    assert sum(y.starts for y in years.years) == 0
    assert years.years[0].ends == 1


def test_the_mutualisation_matrix_counts_lead_partner_and_partner_partner_pairs(figures):
    matrix = {row.key: row.cells for row in figures.matrix.rows}
    order = [row.key for row in figures.matrix.rows]

    assert order == ["MCC", "BAnQ", "CALQ"]
    assert matrix["MCC"] == [None, 2, 1]
    assert matrix["BAnQ"] == [2, None, 2]
    assert matrix["CALQ"] == [1, 2, None]
    assert figures.matrix.largest == 2


def test_the_mutualisation_matrix_is_symmetric_with_an_empty_diagonal(figures):
    cells = [row.cells for row in figures.matrix.rows]

    for i, row in enumerate(cells):
        assert row[i] is None
        for j, count in enumerate(row):
            assert count == cells[j][i]


def test_benefits_are_totalled_and_summed_by_lead_organisation(figures):
    assert figures.financial_benefit == 1_250_000
    assert {bar.key: bar.amount for bar in figures.by_organization} == {
        "MCC": 1_000_000,
        "BAnQ": 250_000,
        "CALQ": 0,
    }


def test_organisations_come_in_their_display_order(plan, ambition, manager):
    last = OrganizationFactory(acronym="AAA", sort_order=200)
    first = OrganizationFactory(acronym="ZZZ", sort_order=1)
    InitiativeFactory(plan=plan, lead_organization=last, ambition=ambition)
    InitiativeFactory(plan=plan, lead_organization=first, ambition=ambition)

    figures = portfolio_headline_figures(user=manager)

    assert [bar.key for bar in figures.by_organization] == ["ZZZ", "AAA"]


def test_an_outsider_gets_empty_figures(portfolio, outsider):
    figures = portfolio_headline_figures(user=outsider)

    assert figures.total == 0
    assert all(cell in (None, 0) for row in figures.matrix.rows for cell in row.cells)
    assert figures.status_by_ambition.total == 0


# Charts ----------------------------------------------------------------------------


def parse(svg) -> ET.Element:
    """Parse a chart as XML: it fails on anything a PDF renderer would choke on."""
    return ET.fromstring(str(svg))


def texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("draw", CHART_FUNCTIONS)
def test_each_chart_is_valid_svg_named_by_its_title_and_description(figures, draw):
    root = parse(draw(figures))

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert re.fullmatch(r"0 0 \d+(\.\d+)? \d+(\.\d+)?", root.get("viewBox"))
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text and desc.text
    assert root.find(f".//{SVG}script") is None
    assert not any(key.startswith("on") for e in root.iter() for key in e.attrib)


@pytest.mark.parametrize("draw", CHART_FUNCTIONS)
def test_each_chart_draws_with_literal_colours(figures, draw):
    root = parse(draw(figures))

    fills = {e.get("fill") for e in root.iter() if e.get("fill")}
    assert fills and all(re.fullmatch(r"#[0-9a-f]{6}", fill) for fill in fills)


def test_the_status_chart_labels_its_bars_with_counts_and_totals(figures):
    root = parse(charts.status_by_ambition_svg(figures))

    labels = texts(root)
    assert "1. Ambition 1" in labels and "3" in labels  # the first ambition's total
    assert {"Non débuté", "En cours", "Terminé", "Suspendu", "Abandonné"} <= set(labels)
    fills = {rect.get("fill") for rect in root.iter(f"{SVG}rect")}
    assert set(charts.STATUS_COLOURS.values()) <= fills


def test_the_years_chart_has_one_group_per_fiscal_year(figures):
    labels = texts(parse(charts.starts_and_ends_svg(figures)))

    assert [label for label in labels if re.fullmatch(r"\d{4}-\d{4}", label)] == [
        "2022-2023",
        "2023-2024",
        "2024-2025",
        "2025-2026",
        "2026-2027",
        "2027-2028",
    ]
    assert {"Débuts", "Fins"} <= set(labels)


def test_the_organisation_chart_names_each_organisation_and_its_count(figures):
    labels = texts(parse(charts.organizations_svg(figures)))

    assert [label for label in labels if label.isalpha()] == ["MCC", "BAnQ", "CALQ"]
    assert labels.count("2") == 2  # MCC and BAnQ lead two each


def hostile_figures() -> HeadlineFigures:
    """Figures built by hand, as a report would pass them: no database needed."""
    hostile = "<script>alert('x')</script> & \x07"
    return HeadlineFigures(
        total=1,
        by_organization=[Bar(hostile, 1, "<script>")],
        status_by_ambition=StatusByAmbition(
            list(Status.choices), [AmbitionRow(hostile, hostile, "1", [1, 0, 0, 0, 0])]
        ),
        starts_and_ends=StartsAndEnds([YearCount(hostile, 2024, 1, 0)]),
        matrix=MutualisationMatrix([MatrixRow(hostile, "<script>", [None])]),
    )


@pytest.mark.parametrize("draw", CHART_FUNCTIONS)
def test_the_charts_escape_hostile_labels(draw):
    svg = str(draw(hostile_figures()))
    root = parse(svg)

    assert "<script" not in svg
    assert root.find(f".//{SVG}script") is None
    assert any("<script>" in text for text in texts(root))
    assert "\x07" not in svg


def test_the_same_chart_drawn_twice_can_take_other_ids(figures):
    first = parse(charts.organizations_svg(figures))
    second = parse(charts.organizations_svg(figures, id_prefix="annexe-organisations"))

    assert first.find(f"{SVG}title").get("id") != second.find(f"{SVG}title").get("id")
    assert second.get("aria-labelledby") == ("annexe-organisations-title annexe-organisations-desc")


def test_charts_of_an_empty_portfolio_are_still_valid():
    for draw in CHART_FUNCTIONS:
        root = parse(draw(HeadlineFigures()))
        assert root.get("role") == "img"


# Colours ---------------------------------------------------------------------------


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_status_colours_equal_the_roadmap_css():
    css = (Path(settings.BASE_DIR) / "static/css/roadmap.css").read_text()

    for status, colour in charts.STATUS_COLOURS.items():
        declaration = re.search(rf"--status-{status}:\s*([^;]+);", css).group(1)
        assert declaration.rstrip(")").endswith(colour), status


@pytest.mark.parametrize("colour", charts.STATUS_COLOURS.values())
def test_white_labels_are_legible_on_every_status_colour(colour):
    assert contrast(colour, "#ffffff") >= 4.5


@pytest.mark.parametrize("colour", [charts.TOKENS["blue-piv"], charts.TOKENS["purple"]])
def test_the_series_colours_stand_out_from_the_page(colour):
    assert contrast(colour, "#ffffff") >= 4.5  # 3:1 needed for graphics; labels sit on them


@pytest.mark.parametrize("background, text", [*charts.HEAT_SHADES, charts.NO_SHADE])
def test_the_matrix_shades_keep_their_numbers_legible(background, text):
    assert contrast(background, text) >= 4.5


def test_the_matrix_shades_darken_with_the_count():
    shades = [charts.heat_shade(count, 10) for count in range(11)]

    assert shades[0] == charts.NO_SHADE
    assert shades[1] == charts.HEAT_SHADES[0]
    assert shades[10] == charts.HEAT_SHADES[-1]
    order = [charts.HEAT_SHADES.index(shade) for shade in shades[1:]]
    assert order == sorted(order)
    assert charts.heat_shade(None, 10) == charts.NO_SHADE


def test_the_heat_matrix_shades_every_cell_but_the_diagonal(figures):
    rows = charts.heat_matrix(figures.matrix)

    (mcc, cells), *_ = rows
    assert mcc.key == "MCC"
    assert [cell.count for cell in cells] == [None, 2, 1]
    assert cells[1].background == charts.HEAT_SHADES[-1][0]
    assert cells[1].style.startswith("background-color: #")
