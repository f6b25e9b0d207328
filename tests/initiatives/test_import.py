"""Bringing initiatives in from a spreadsheet: dry run, confirmation, refusals and bad files."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from initiatives import tasks
from initiatives.choices import Status
from initiatives.exchange.layout import COLUMNS, COLUMNS_BY_FIELD
from initiatives.exchange.reader import read_table
from initiatives.models import ImportBatch, ImportStatus, Initiative
from tests.factories import (
    InitiativeFactory,
    MutualisationLevelFactory,
    ObjectiveFactory,
    OrientationFactory,
    ProgrammeFactory,
    TagFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

IMPORT = reverse("initiatives:import")
ALL_FIELDS = [column.field for column in COLUMNS]


def new_row(**values) -> dict:
    """Return the cells (by field name) of a valid new MCC initiative."""
    row = {
        "code": "MCC-100",
        "title": "Guichet numérique des subventions",
        "lead_organization": "MCC",
        "ambition": "1",
        "status": "En cours",
        "start_quarter": "2024-2025 T1",
        "end_quarter": "2025-2026 T2",
    }
    return {**row, **values}


def spreadsheet(*rows: dict, fields=None, separator=";", encoding="utf-8-sig") -> bytes:
    """Return a CSV file in the layout holding ``rows`` (cells by field name)."""
    fields = fields or ALL_FIELDS
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator)
    writer.writerow([str(COLUMNS_BY_FIELD[name].header) for name in fields])
    for row in rows:
        writer.writerow([row.get(name, "") for name in fields])
    return buffer.getvalue().encode(encoding)


def upload(client, content: bytes, name="initiatives.csv"):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content)})


def latest_batch() -> ImportBatch:
    return ImportBatch.objects.latest("pk")


def errors_of(batch: ImportBatch) -> list[tuple[int, str, str]]:
    return [
        (row["row"], error["column"], error["message"])
        for row in batch.report["rows"]
        for error in row["errors"]
    ]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Keep the uploaded files of the tests out of the project folder."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def references(plan, mcc, banq, ambition):
    orientation = OrientationFactory(organization=mcc, number=3)
    return {
        "orientation": orientation,
        "objective": ObjectiveFactory(orientation=orientation, code="1.2"),
        "theme": ThemeFactory(name="Aide financière", parent=ThemeFactory(name="Parcours client")),
        "level": MutualisationLevelFactory(rank=2, name="Partage d’expertise"),
        "tag": TagFactory(slug="ia", name="Intelligence artificielle"),
        "programme": ProgrammeFactory(name="Passeport Culturel Numérique", lead_organization=mcc),
    }


@pytest.fixture
def portfolio(references, plan, mcc, banq, ambition):
    """Two MCC initiatives (one mutualised with BAnQ, fully described) and one of BAnQ."""
    full = InitiativeFactory(
        code="MCC-001",
        title="Passeport Culturel Numérique - phase 1",
        description="Accès simplifié\nà l’offre culturelle.",
        plan=plan,
        lead_organization=mcc,
        ambition=ambition,
        orientation=references["orientation"],
        objective=references["objective"],
        theme=references["theme"],
        programme=references["programme"],
        phase=1,
        is_3pgtn=True,
        mutualisation_level=references["level"],
        partners=[banq],
        tags=[references["tag"]],
        financial_benefit=250_000,
        service_benefit="Demandes traitées en 48 heures.",
        contact_name="Marie Tremblay",
        contact_email="marie.tremblay@example.org",
    )
    plain = InitiativeFactory(code="MCC-002", plan=plan, lead_organization=mcc, ambition=ambition)
    other = InitiativeFactory(code="BANQ-001", plan=plan, lead_organization=banq, ambition=ambition)
    return [full, plain, other]


class TestAccess:
    def test_readers_get_403(self, client, manager):
        client.force_login(manager)
        assert client.get(IMPORT).status_code == 403
        assert upload(client, spreadsheet(new_row())).status_code == 403
        assert not ImportBatch.objects.exists()

    def test_an_import_batch_is_visible_to_its_uploader_only(
        self, client, coordinator, mcc_officer, references
    ):
        client.force_login(mcc_officer)
        upload(client, spreadsheet(new_row()))
        batch = latest_batch()
        client.force_login(coordinator)
        assert client.get(batch.get_absolute_url()).status_code == 404
        confirm = reverse("initiatives:import-batch-confirm", args=[batch.pk])
        assert client.post(confirm).status_code == 404

    def test_the_page_offers_the_template_and_explains_the_layout(self, client, coordinator):
        client.force_login(coordinator)
        page = client.get(IMPORT).content.decode()
        assert reverse("initiatives:import-template", args=["xlsx"]) in page
        layout = client.get(reverse("initiatives:import-layout")).content.decode()
        assert all(str(column.header) in layout for column in COLUMNS)
        template = client.get(reverse("initiatives:import-template", args=["csv"]))
        header = b"".join(template.streaming_content).decode("utf-8-sig").splitlines()
        assert header == [";".join(str(column.header) for column in COLUMNS)]


class TestDryRun:
    def test_a_dry_run_writes_nothing(self, client, coordinator, portfolio):
        client.force_login(coordinator)
        history = Initiative.history.count()
        changed = new_row(code="MCC-002", title="Nouveau titre")
        response = upload(client, spreadsheet(new_row(), changed))
        batch = latest_batch()
        assert response.url == batch.get_absolute_url()
        assert batch.status == ImportStatus.VALIDATED
        assert (batch.created_count, batch.updated_count) == (1, 1)
        assert not Initiative.objects.filter(code="MCC-100").exists()
        assert Initiative.objects.get(code="MCC-002").title != "Nouveau titre"
        assert Initiative.history.count() == history

    def test_it_shows_which_fields_an_update_changes_from_old_to_new(
        self, client, coordinator, portfolio
    ):
        client.force_login(coordinator)
        upload(
            client, spreadsheet(new_row(code="MCC-002", title="Nouveau titre", status="Terminé"))
        )
        row = latest_batch().report["rows"][0]
        assert row["action"] == "update"
        changes = {change["column"]: (change["old"], change["new"]) for change in row["changes"]}
        assert changes["Statut"] == ("En cours", "Terminé")
        assert changes["Titre"][1] == "Nouveau titre"
        page = client.get(latest_batch().get_absolute_url()).content.decode()
        assert "En cours → Terminé" in page

    def test_a_row_with_an_end_before_its_start_is_reported_with_its_row_and_column(
        self, client, coordinator, references
    ):
        client.force_login(coordinator)
        late = new_row(code="MCC-101", start_quarter="2025-2026 T3", end_quarter="2024-2025 T1")
        upload(client, spreadsheet(new_row(), late))
        batch = latest_batch()
        assert batch.error_count == 1
        [(row, column, message)] = errors_of(batch)
        assert (row, column) == (3, "Fin")
        assert "ne peut pas précéder" in message
        assert batch.report["rows"][1]["errors"][0]["letter"] == "P"
        page = client.get(batch.get_absolute_url()).content.decode()
        assert "Colonne P « Fin »" in page

    @pytest.mark.parametrize(
        ("cells", "column", "message"),
        [
            ({"lead_organization": "XYZ"}, "Organisation responsable", "Organisation inconnue"),
            ({"orientation": "9"}, "Orientation", "n’a pas d’orientation"),
            ({"start_quarter": "2024 T5"}, "Début", "n’est pas un trimestre financier"),
            (
                {"mutualisation_level": "2"},
                "Organisations partenaires",
                "au moins une organisation partenaire",
            ),
            ({"title": ""}, "Titre", "Valeur obligatoire manquante"),
            ({"status": "Fini"}, "Statut", "Statut inconnu"),
            (
                {"financial_benefit": "9" * 40},
                "Bénéfice financier estimé ($)",
                "dépasse le maximum",
            ),
            ({"phase": "1e+300"}, "Phase", "n’est pas un nombre entier"),
            ({"tags": "ia;inconnue"}, "Étiquettes", "Étiquettes inconnues"),
        ],
    )
    def test_each_error_is_reported_in_french_with_its_column(
        self, client, coordinator, references, cells, column, message
    ):
        client.force_login(coordinator)
        upload(client, spreadsheet(new_row(**cells)))
        [(row, found_column, found_message)] = errors_of(latest_batch())
        assert (row, found_column) == (2, column)
        assert message in found_message

    def test_a_code_twice_in_the_file_is_an_error_on_its_second_row(
        self, client, coordinator, references
    ):
        client.force_login(coordinator)
        upload(client, spreadsheet(new_row(), new_row(title="Doublon")))
        [(row, column, message)] = errors_of(latest_batch())
        assert (row, column) == (3, "Code")
        assert "ligne 2" in message

    def test_a_batch_with_errors_cannot_be_confirmed(self, client, coordinator, references):
        client.force_login(coordinator)
        upload(client, spreadsheet(new_row(), new_row(code="MCC-101", ambition="7")))
        batch = latest_batch()
        client.post(reverse("initiatives:import-batch-confirm", args=[batch.pk]))
        batch.refresh_from_db()
        assert batch.status == ImportStatus.VALIDATED
        assert not Initiative.objects.exists()


class TestConfirmation:
    def test_confirming_creates_and_updates_with_history_naming_the_importer(
        self, client, coordinator, portfolio, references
    ):
        client.force_login(coordinator)
        upload(client, spreadsheet(new_row(), new_row(code="MCC-002", status="Terminé")))
        batch = latest_batch()
        response = client.post(reverse("initiatives:import-batch-confirm", args=[batch.pk]))
        batch.refresh_from_db()
        assert response.status_code == 302
        assert batch.status == ImportStatus.APPLIED
        created = Initiative.objects.get(code="MCC-100")
        assert created.history.get().history_user == coordinator
        updated = Initiative.objects.get(code="MCC-002")
        assert updated.status == Status.DONE
        latest = updated.history.latest("history_id")
        assert latest.history_user == coordinator
        assert "initiatives.csv" in latest.history_change_reason

    def test_one_bad_row_at_confirmation_leaves_everything_unapplied(
        self, client, coordinator, portfolio, references
    ):
        client.force_login(coordinator)
        spare = OrientationFactory(organization=references["programme"].lead_organization, number=8)
        rows = [
            new_row(),
            new_row(code="MCC-002", status="Terminé"),
            new_row(code="MCC-101", orientation="8"),
        ]
        upload(client, spreadsheet(*rows))
        batch = latest_batch()
        assert batch.error_count == 0
        spare.delete()  # the reference data changed between the dry run and the confirmation
        client.post(reverse("initiatives:import-batch-confirm", args=[batch.pk]))
        batch.refresh_from_db()
        assert batch.status == ImportStatus.FAILED
        assert not Initiative.objects.filter(code__in=["MCC-100", "MCC-101"]).exists()
        assert Initiative.objects.get(code="MCC-002").status == Status.IN_PROGRESS
        assert [row for row, _column, _message in errors_of(batch)] == [4]

    def test_a_batch_whose_initiatives_changed_since_the_dry_run_is_simulated_again(
        self, client, coordinator, portfolio
    ):
        client.force_login(coordinator)
        upload(client, spreadsheet(new_row(code="MCC-002", status="Terminé")))
        batch = latest_batch()
        Initiative.objects.filter(code="MCC-002").update(version=99, status=Status.SUSPENDED)
        response = client.post(
            reverse("initiatives:import-batch-confirm", args=[batch.pk]), follow=True
        )
        batch.refresh_from_db()
        assert batch.status == ImportStatus.VALIDATED
        assert Initiative.objects.get(code="MCC-002").status == Status.SUSPENDED
        assert "elle a été refaite" in response.content.decode()
        changes = {change["column"]: change["old"] for change in batch.report["rows"][0]["changes"]}
        assert changes["Statut"] == "Suspendu"


class TestOfficers:
    def test_an_officers_rows_for_another_organisation_are_refused(
        self, client, mcc_officer, portfolio
    ):
        client.force_login(mcc_officer)
        rows = [
            new_row(code="MCC-002", status="Terminé"),
            new_row(code="BANQ-001", lead_organization="BAnQ", status="Terminé"),
            new_row(code="BANQ-002", lead_organization="BAnQ"),
        ]
        upload(client, spreadsheet(*rows))
        batch = latest_batch()
        assert [row["action"] for row in batch.report["rows"]] == ["update", "refused", "refused"]
        assert "refusée" in batch.report["rows"][1]["errors"][0]["message"]
        client.post(reverse("initiatives:import-batch-confirm", args=[batch.pk]))
        assert Initiative.objects.get(code="MCC-002").status == Status.DONE
        assert Initiative.objects.get(code="BANQ-001").status == Status.IN_PROGRESS
        assert not Initiative.objects.filter(code="BANQ-002").exists()

    def test_an_officer_cannot_move_an_initiative_to_another_organisation(
        self, client, mcc_officer, portfolio
    ):
        client.force_login(mcc_officer)
        upload(client, spreadsheet(new_row(code="MCC-002", lead_organization="BAnQ")))
        assert latest_batch().report["rows"][0]["action"] == "refused"


class TestRoundTrip:
    def test_importing_the_xlsx_export_back_changes_no_initiative_and_writes_no_history(
        self, client, coordinator, portfolio
    ):
        client.force_login(coordinator)
        exported = client.get(reverse("initiatives:export"), {"format": "xlsx"}).content
        history = Initiative.history.count()
        versions = list(Initiative.objects.values_list("code", "version"))
        upload(client, exported, name="initiatives.xlsx")
        batch = latest_batch()
        assert (batch.unchanged_count, batch.error_count) == (3, 0)
        client.post(reverse("initiatives:import-batch-confirm", args=[batch.pk]))
        batch.refresh_from_db()
        assert batch.status == ImportStatus.APPLIED
        assert Initiative.history.count() == history
        assert list(Initiative.objects.values_list("code", "version")) == versions

    def test_the_csv_export_comes_back_unchanged_too(self, client, coordinator, portfolio):
        client.force_login(coordinator)
        response = client.get(reverse("initiatives:export"), {"format": "csv"})
        upload(client, b"".join(response.streaming_content))
        assert latest_batch().unchanged_count == 3

    def test_a_file_with_only_some_columns_leaves_the_others_as_they_are(
        self, client, coordinator, portfolio
    ):
        client.force_login(coordinator)
        fields = ["code", "title", "lead_organization", "ambition", "status"]
        upload(client, spreadsheet(new_row(code="MCC-001", title="Renommée"), fields=fields))
        batch = latest_batch()
        client.post(reverse("initiatives:import-batch-confirm", args=[batch.pk]))
        initiative = Initiative.objects.get(code="MCC-001")
        assert initiative.title == "Renommée"
        assert initiative.financial_benefit == 250_000
        assert list(initiative.partners.values_list("acronym", flat=True)) == ["BAnQ"]


class TestBadFiles:
    def test_uploading_a_png_renamed_xlsx_gives_a_french_error_and_changes_nothing(
        self, client, coordinator, portfolio
    ):
        client.force_login(coordinator)
        png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
        response = upload(client, png, name="initiatives.xlsx")
        assert response.status_code == 200
        assert "n’est pas une feuille de calcul lisible" in response.content.decode()
        assert not ImportBatch.objects.exists()

    @pytest.mark.parametrize(
        ("content", "name", "message"),
        [
            (b"", "vide.csv", "est vide"),
            (b" \n\n", "blanc.csv", "Le fichier est vide"),
            (b"Code;Titre\n", "entetes.csv", "aucune ligne d’initiative"),
            (b"PK\x03\x04broken zip", "casse.xlsx", "n’est pas une feuille de calcul"),
            (
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
                "vieux.xls",
                "ne sont pas acceptés",
            ),
            (b"Code;Titre\nA;B\n", "image.png", "Seuls les classeurs Excel"),
            (b"Code;Titre;Couleur\nA;B;C\n", "x.csv", "Organisation responsable"),
        ],
    )
    def test_a_bad_file_is_refused_in_french_and_never_causes_a_500(
        self, client, coordinator, content, name, message
    ):
        client.force_login(coordinator)
        response = upload(client, content, name=name)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not ImportBatch.objects.exists()

    def test_wrong_columns_are_named_missing_or_unknown(self, client, coordinator):
        client.force_login(coordinator)
        response = upload(client, b"Code;Titre;Couleur\nA;B;C\n")
        content = response.content.decode()
        assert "Colonnes obligatoires absentes" in content and "Statut" in content
        assert "Colonnes inconnues : « Couleur » (colonne C)" in content

    def test_a_file_over_the_size_limit_is_refused(self, client, coordinator, settings):
        settings.PTN_IMPORT_MAX_BYTES = 100
        client.force_login(coordinator)
        response = upload(client, spreadsheet(new_row()) + b" " * 200)
        assert "dépasse la taille maximale" in response.content.decode()

    def test_a_windows_1252_csv_with_commas_is_read_with_a_note(
        self, client, coordinator, references
    ):
        client.force_login(coordinator)
        content = spreadsheet(new_row(title="Évaluation"), separator=",", encoding="cp1252")
        upload(client, content)
        batch = latest_batch()
        assert (batch.created_count, batch.error_count) == (1, 0)
        assert batch.report["rows"][0]["title"] == "Évaluation"
        assert "Windows-1252" in batch.report["notes"][0]

    def test_nul_bytes_in_a_csv_are_dropped(self, client, coordinator, references):
        client.force_login(coordinator)
        upload(client, spreadsheet(new_row(title="Titre\x00 propre")))
        assert latest_batch().report["rows"][0]["title"] == "Titre propre"


class TestLargeFiles:
    def test_a_large_file_goes_through_the_celery_task_and_the_batch_shows_progress(
        self,
        client,
        coordinator,
        references,
        settings,
        monkeypatch,
        django_capture_on_commit_callbacks,
    ):
        settings.PTN_IMPORT_ASYNC_ROWS = 3
        queued = []
        delay = tasks.simulate_import_batch.delay_on_commit
        monkeypatch.setattr(
            tasks.simulate_import_batch,
            "delay_on_commit",
            lambda batch_id: queued.append(batch_id) or delay(batch_id),
        )
        client.force_login(coordinator)
        rows = [new_row(code=f"MCC-{n:03d}") for n in range(100, 106)]
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            upload(client, spreadsheet(*rows))
        batch = latest_batch()
        assert queued == [batch.pk] and batch.status == ImportStatus.PENDING
        progress_url = reverse("initiatives:import-batch-progress", args=[batch.pk])
        running = client.get(progress_url, headers={"HX-Request": "true"}).content.decode()
        assert 'hx-trigger="every 1s"' in running and "0 ligne(s) traitée(s) sur 6" in running
        for callback in callbacks:
            callback()  # the eager Celery task runs here
        batch.refresh_from_db()
        assert (batch.status, batch.progress, batch.created_count) == ("validated", 6, 6)
        done = client.get(progress_url, headers={"HX-Request": "true"})
        assert done["HX-Refresh"] == "true"

    def test_the_batch_page_works_without_javascript_while_running(
        self, client, coordinator, references
    ):
        client.force_login(coordinator)
        batch = ImportBatch.objects.create(
            created_by=coordinator, original_name="gros.csv", row_count=800, progress=200
        )
        page = client.get(batch.get_absolute_url()).content.decode()
        assert 'value="200"' in page and "Rafraîchir la page" in page


class TestReader:
    @pytest.mark.parametrize(
        "content",
        [
            b"sep=,\r\nCode,Titre\r\nMCC-1,Un titre\r\n",
            "Code\tTitre\nMCC-1\tUn titre\n".encode("utf-16"),
            b"\xef\xbb\xbfCode;Titre\n\nMCC-1;Un titre\n",
        ],
        ids=["excel-separator-line", "utf-16-tabs", "bom-and-blank-row"],
    )
    def test_it_reads_the_csv_files_excel_writes(self, content):
        table = read_table(content, "fichier.csv")
        assert table.headers == ["Code", "Titre"]
        assert [cells for _number, cells in table.rows] == [["MCC-1", "Un titre"]]

    def test_an_xlsx_keeps_its_row_numbers_and_reads_numbers_as_text(self):
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["Code", "Phase", "Bénéfice financier estimé ($)"])
        sheet.append([])
        sheet.append(["MCC-1", 2.0, 1e300])
        buffer = io.BytesIO()
        workbook.save(buffer)
        table = read_table(buffer.getvalue(), "classeur.xlsx")
        assert table.rows == [(3, ["MCC-1", "2", "1e+300"])]
