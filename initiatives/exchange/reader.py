"""Turn an uploaded file into rows of text cells, or refuse it with a French message.

The kind of file is read from its first bytes, not trusted from its name: an XLSX
is a ZIP archive; anything else must be text, decoded as UTF-8 (with or without a
BOM, or UTF-16 with one) and, failing that, as Windows-1252, with a note. The CSV
separator is whichever of ";", "," or tab the header line uses most.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.utils.translation import gettext as _

from initiatives.exchange import limits
from initiatives.exchange.cells import clean
from initiatives.exchange.errors import FileRejected

ACCEPTED_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".csv", ".txt", ".tsv"}
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls)
BINARY_MAGICS = (b"\x89PNG", b"%PDF", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
SEPARATORS = (";", ",", "\t")
SEPARATOR_HINTS = {f"sep={separator}": separator for separator in SEPARATORS}
MAX_COLUMNS = 60
# Trailing formatted but empty rows: stop reading after this many in a row.
MAX_EMPTY_RUN = 1000
# An XLSX (a ZIP) may not expand past this many times the upload limit.
MAX_EXPANSION = 30


@dataclass
class Table:
    """The header and the non-empty rows of a file; rows keep their number in the file."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    file_format: str
    notes: list[str] = field(default_factory=list)


def read_table(content: bytes, filename: str) -> Table:
    """Return the table a file holds; raise FileRejected if it cannot be read."""
    if PurePath(filename).suffix.lower() not in ACCEPTED_SUFFIXES:
        raise FileRejected(
            _("Seuls les classeurs Excel (.xlsx) et les fichiers CSV sont acceptés.")
        )
    if not content.strip():
        raise FileRejected(_("Le fichier est vide."))
    if len(content) > limits.max_upload_bytes():
        raise FileRejected(too_large_message())
    if content.startswith(ZIP_MAGIC):
        return _table(_xlsx_rows(content), "xlsx", [])
    _refuse_binary(content)
    text, notes = _decode(content)
    return _table(_csv_rows(text), "csv", notes)


def too_large_message() -> str:
    size = limits.max_upload_bytes() / limits.MEGABYTE
    return _("Le fichier dépasse la taille maximale de %(size)s Mo.") % {"size": f"{size:g}"}


def not_a_spreadsheet_message() -> str:
    return _(
        "Ce fichier n’est pas une feuille de calcul lisible : téléversez un classeur Excel (.xlsx) ou un fichier CSV."
    )


def _table(rows, file_format: str, notes: list[str]) -> Table:
    rows = iter(rows)
    header = next(rows, None)
    if header is None or not any(header[1]):
        raise FileRejected(_("Le fichier est vide : la première ligne doit porter les en-têtes."))
    headers = _trim(header[1])
    body = []
    for number, cells in rows:
        if any(cells):
            if len(body) >= limits.max_rows():
                raise FileRejected(
                    _("Le fichier compte plus de %(max)s lignes : découpez-le.")
                    % {"max": limits.max_rows()}
                )
            body.append((number, (cells + [""] * len(headers))[: len(headers)]))
    if not body:
        raise FileRejected(_("Le fichier ne contient aucune ligne d’initiative sous les en-têtes."))
    return Table(headers=headers, rows=body, file_format=file_format, notes=notes)


def _trim(cells: list[str]) -> list[str]:
    """Drop the blank headers at the end of the first row."""
    while cells and not cells[-1]:
        cells = cells[:-1]
    return cells


def _refuse_binary(content: bytes) -> None:
    head = content[:4096]
    if head.startswith(OLE2_MAGIC):
        raise FileRejected(
            _(
                "Les classeurs Excel 97-2003 (.xls) ne sont pas acceptés : enregistrez le fichier au format .xlsx ou CSV."
            )
        )
    is_utf16 = head.startswith(UTF16_BOMS)
    if head.startswith(BINARY_MAGICS) or (not is_utf16 and head.count(b"\x00") > len(head) // 100):
        raise FileRejected(not_a_spreadsheet_message())


def _decode(content: bytes) -> tuple[str, list[str]]:
    if content.startswith(UTF16_BOMS):
        try:
            return content.decode("utf-16"), []
        except UnicodeDecodeError as error:
            raise FileRejected(not_a_spreadsheet_message()) from error
    try:
        return content.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    for encoding, name in (("cp1252", "Windows-1252"), ("latin-1", "ISO-8859-1")):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        note = _(
            "Le fichier n’est pas encodé en UTF-8 : il a été lu comme %(encoding)s. Vérifiez les accents dans la simulation."
        ) % {"encoding": name}
        return text, [note]
    raise FileRejected(not_a_spreadsheet_message())  # latin-1 decodes anything: unreachable


def _csv_rows(text: str):
    text = text.replace("\x00", "")
    first_line, _newline, rest = text.partition("\n")
    hint = first_line.rstrip("\r").lower()
    if hint in SEPARATOR_HINTS:  # Excel's "sep=;" line
        separator, text = SEPARATOR_HINTS[hint], rest
    else:
        separator = max(SEPARATORS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        for number, record in enumerate(reader, start=1):
            yield number, [clean(cell) for cell in record[:MAX_COLUMNS]]
    except csv.Error as error:
        raise FileRejected(
            _("Le fichier CSV est mal formé vers la ligne %(line)s.") % {"line": reader.line_num}
        ) from error


def _xlsx_rows(content: bytes):
    workbook = _open_workbook(content)
    try:
        sheet = workbook.worksheets[0]
        empty_run = 0
        for number, values in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), 1):
            cells = [clean(value) for value in values]
            empty_run = 0 if any(cells) else empty_run + 1
            if empty_run > MAX_EMPTY_RUN:
                return
            yield number, cells
    except FileRejected:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged sheet
        raise FileRejected(not_a_spreadsheet_message()) from error
    finally:
        workbook.close()


def _open_workbook(content: bytes):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            expanded = sum(member.file_size for member in archive.infolist())
        if expanded > MAX_EXPANSION * limits.max_upload_bytes():
            raise FileRejected(too_large_message())
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except FileRejected:
        raise
    except Exception as error:  # BadZipFile, InvalidFileException, KeyError, XML errors...
        raise FileRejected(not_a_spreadsheet_message()) from error
    if not workbook.worksheets:
        workbook.close()
        raise FileRejected(not_a_spreadsheet_message())
    return workbook
