"""The PDFs themselves: pages, repeated headers, the right initiatives, tags, the two layouts."""

import datetime
import re

import pytest

from initiatives.choices import Status
from initiatives.permissions import SYSTEM
from reports.choices import ReportKind, ReportState
from reports.services import report_request_create
from roadmap.models import PlanVersionEntry
from roadmap.services import plan_version_record
from tests.reports.conftest import pdf_of, pdf_pages_text, pdf_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def produce(django_capture_on_commit_callbacks):
    """Request a report as the application and render it at once (eager tasks)."""

    def produce(kind, query="", version=None):
        with django_capture_on_commit_callbacks(execute=True):
            report = report_request_create(user=SYSTEM, kind=kind, query=query, version=version)
        report.refresh_from_db()
        assert report.state == ReportState.DONE, report.error
        return report

    return produce


def text_of(report) -> str:
    return "\n".join(pdf_pages_text(pdf_of(report)))


def test_the_mcc_roadmap_holds_every_initiative_of_the_filter_and_no_other(portfolio, produce):
    report = produce(ReportKind.ROADMAP_MCC, "organization=BAnQ&status=done")

    text = text_of(report)

    assert "Numérisation des archives sonores" in text
    for key in ("online", "passport", "security"):
        assert portfolio[key].title.split(" - ")[0][:30] not in text
    assert "1 initiative" in text
    assert "Statut : Terminé" in text


def test_each_page_repeats_the_table_header_and_numbers_itself(many_initiatives, produce):
    report = produce(ReportKind.ROADMAP_MCC)

    pages = pdf_pages_text(pdf_of(report))

    assert report.pages == len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert "Plan stratégique" in page and "Thème - Sous-thème" in page
        assert f"Page {number} de {len(pages)}" in page
        assert "PTN 2023-2027 · État actuel des initiatives · Généré le " in page
    text = "\n".join(pages)
    assert all(initiative.title in text for initiative in many_initiatives)


def test_the_mcc_layout_follows_the_seed_and_groups_by_organisation(portfolio, produce):
    text = text_of(produce(ReportKind.ROADMAP_MCC))

    for header in ("Plan stratégique", "Plan de transformation numérique", "3PGTN", "Statut"):
        assert header in text
    assert "2022-2023" in text and "2027-2028" in text
    assert "MCC – Ministère de la Culture et des Communications (2)" in text
    assert "Orientation 3 : Favoriser l’innovation" in text
    assert "Légende" not in text or "Trimestre en cours" in text


def test_the_mcn_layout_has_a_cover_and_groups_by_ambition_and_theme(portfolio, produce):
    mcn = pdf_pages_text(pdf_of(produce(ReportKind.ROADMAP_MCN)))
    mcc = pdf_pages_text(pdf_of(produce(ReportKind.ROADMAP_MCC)))

    cover, table = mcn[0], "\n".join(mcn[1:])
    assert "Chiffres clés" in cover and "Période du plan" in cover
    assert re.search(r"Initiatives\s+4", cover)
    assert "Partenaires" in table and "Plan stratégique" not in table
    assert "1. Expérience clients" in table and "3. Performance organisationnelle" in table
    assert "Parcours client - Aide financière" in table
    assert "Partenaires" not in "\n".join(mcc)
    assert len(mcn) == len(mcc) + 1


def test_annex_2_lists_the_initiatives_tagged_data_only(portfolio, produce):
    text = text_of(produce(ReportKind.ANNEX_DATA))

    assert "Refonte des services en ligne" in text
    assert "Numérisation des archives sonores" in text
    assert "Passeport Culturel" not in text
    assert "Mise en oeuvre d’un programme de GIA" not in text


def test_annex_3_lists_the_initiatives_tagged_ai_within_the_filters(portfolio, produce):
    text = text_of(produce(ReportKind.ANNEX_AI, "organization=MCC"))

    assert "Passeport Culturel" in text
    assert "Numérisation des archives sonores" not in text


def test_annex_4_lists_every_initiative_with_its_benefits_and_their_total(portfolio, produce):
    text = text_of(produce(ReportKind.ANNEX_FULL))

    assert all(i.title[:30] in text for i in portfolio.values())
    assert "Demandes traitées en ligne de bout en bout." in text
    assert "1\u202f234\u202f567\u00a0$" in text or "1 234 567 $" in text.replace("\u202f", " ")
    totals = text[text.index("Totaux") :]
    assert re.search(r"Initiatives\s+4", totals)
    assert "1 284 567 $" in totals.replace("\u202f", " ").replace("\u00a0", " ")


def test_every_pdf_is_tagged_in_french_with_a_title(portfolio, produce):
    for kind in ReportKind.values:
        reader = pdf_reader(pdf_of(produce(kind)))
        catalog = reader.trailer["/Root"]

        assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
        assert catalog["/Lang"] == "fr"
        assert "/StructTreeRoot" in catalog
        assert reader.metadata.title.startswith("PTN 2023-2027 – ")
        assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()


VENDORED_FONTS = {"Open-Sans", "PTN-Symboles"}


def embedded_font_families(reader) -> set[str]:
    """Return the families of the fonts the pages use ("ABCDEF+Open-Sans-Bold" -> "Open-Sans")."""
    families = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            name = str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1]
            families.add(re.sub(r"-(Bold|Semi-Bold|Oblique|Italic)", "", name))
    return families


def test_every_pdf_uses_the_vendored_fonts_only_even_for_the_warning_sign(portfolio, produce):
    passport = portfolio["passport"]
    type(passport).objects.filter(pk=passport.pk).update(status=Status.DONE)  # ends later: ⚠
    for kind in (ReportKind.ROADMAP_MCC, ReportKind.ROADMAP_MCN, ReportKind.ANNEX_FULL):
        report = produce(kind)

        assert "⚠" in text_of(report)
        assert embedded_font_families(pdf_reader(pdf_of(report))) == VENDORED_FONTS, kind


def test_a_version_report_shows_the_version_not_the_current_state(portfolio, produce, coordinator):
    online = portfolio["online"]
    entry = PlanVersionEntry(
        initiative=online,
        code=online.code,
        title="Titre de juin 2024",
        lead_organization=online.lead_organization,
        ambition=online.ambition,
        status=Status.NOT_STARTED,
    )
    version = plan_version_record(
        user=coordinator,
        plan=online.plan,
        name="Mise à jour de juin 2024",
        published_on=datetime.date(2024, 6, 1),
        entries=[entry],
    )

    text = text_of(produce(ReportKind.ROADMAP_MCC, version=version))

    assert "Titre de juin 2024" in text
    assert "Non débuté" in text and "non planifié" in text
    assert "Passeport Culturel" not in text
    assert "Version « Mise à jour de juin 2024 » du 1er juin 2024" in text


def test_a_large_report_is_rendered_in_sections_and_numbered_across_them(
    many_initiatives, produce, settings
):
    pytest.importorskip("pikepdf")
    settings.PTN_REPORT_SECTION_ROWS = 30

    report = produce(ReportKind.ROADMAP_MCC)

    pages = pdf_pages_text(pdf_of(report))
    assert report.sections == 3
    assert report.pages == len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} de {len(pages)}" in page
        assert "Plan stratégique" in page
    text = "\n".join(pages)
    assert all(text.count(i.title) == 1 for i in many_initiatives)
    catalog = pdf_reader(pdf_of(report)).trailer["/Root"]
    tree = catalog["/StructTreeRoot"]
    assert tree["/K"][0]["/S"] == "/Document"
    assert [part["/S"] for part in tree["/K"][0]["/K"]] == ["/Part"] * 3
    assert len(tree["/ParentTree"]["/Nums"]) == 2 * len(pages)
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)


def test_sections_start_at_a_group_boundary_when_one_is_near(many_initiatives, produce, settings):
    pytest.importorskip("pikepdf")
    settings.PTN_REPORT_SECTION_ROWS = 30

    report = produce(ReportKind.ROADMAP_MCC)

    starts = list(report.section_set.order_by("index").values_list("first_row", flat=True))
    assert starts == [0, 30, 60]


def test_a_portrait_annex_in_sections_keeps_its_page_size_and_numbers(
    many_initiatives, tags, produce, settings
):
    pytest.importorskip("pikepdf")
    settings.PTN_REPORT_SECTION_ROWS = 40
    for initiative in many_initiatives:
        initiative.tags.add(tags["data"])

    report = produce(ReportKind.ANNEX_DATA)

    pages = pdf_pages_text(pdf_of(report))
    assert report.sections == 3
    assert all(f"Page {n} de {len(pages)}" in page for n, page in enumerate(pages, start=1))
    widths = {round(float(page.mediabox.width)) for page in pdf_reader(pdf_of(report)).pages}
    assert widths == {612}  # Letter, portrait: 8.5 in
