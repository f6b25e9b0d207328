"""Write initiatives in the layout: a streamed CSV for Excel, or an XLSX workbook.

The CSV is UTF-8 with a BOM and ";" between cells by default, as Excel opens it
in Quebec; the XLSX is written by openpyxl in write-only mode, its header row
styled and frozen. Both read the initiatives in chunks, each with its two
prefetch queries, so that the number of queries does not grow with each row.
"""

import csv
import io
from itertools import islice

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from initiatives.exchange.cells import guard_csv, xlsx_text
from initiatives.exchange.layout import COLUMNS, LAYOUT_LANGUAGE, PREFETCHED, RELATED, headers

CHUNK = 500
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="095797")  # --qc-color-blue-piv


def export_queryset(queryset):
    """Return ``queryset`` with everything the layout reads, loaded in constant queries."""
    return queryset.select_related(*RELATED).prefetch_related(*PREFETCHED)


def csv_response(queryset, filename: str, delimiter: str = ";") -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_chunks(queryset, delimiter), content_type=CSV_TYPE)
    return _attachment(response, filename)


def xlsx_response(queryset, filename: str) -> HttpResponse:
    with translation.override(LAYOUT_LANGUAGE):
        content = xlsx_bytes(queryset)
    return _attachment(HttpResponse(content, content_type=XLSX_TYPE), filename)


def dated_filename(stem: str, extension: str) -> str:
    return f"{stem}-{timezone.localdate().isoformat()}.{extension}"


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _csv_chunks(queryset, delimiter: str):
    """Yield the CSV a chunk of rows at a time; French only while each chunk is written."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    with translation.override(LAYOUT_LANGUAGE):
        writer.writerow(headers())
    yield BOM + _drain(buffer)
    initiatives = queryset.iterator(chunk_size=CHUNK)
    while True:
        with translation.override(LAYOUT_LANGUAGE):
            chunk = list(islice(initiatives, CHUNK))
            writer.writerows([guard_csv(column.read(i)) for column in COLUMNS] for i in chunk)
        if not chunk:
            return
        yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def xlsx_bytes(queryset) -> bytes:
    """Return a workbook: the initiatives' sheet, then a sheet that explains the columns."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Initiatives"))
    _prepare(sheet, [column.width for column in COLUMNS])
    sheet.append([_header_cell(sheet, text) for text in headers()])
    for initiative in queryset.iterator(chunk_size=CHUNK):
        sheet.append([_cell(sheet, column.read(initiative)) for column in COLUMNS])
    _write_guide(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _prepare(sheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _header_cell(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _cell(sheet, value):
    value = xlsx_text(value)
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # text, never a formula
        return cell
    return value


def _write_guide(workbook) -> None:
    sheet = workbook.create_sheet(_("Colonnes"))
    _prepare(sheet, [34, 12, 80, 40])
    titles = [_("Colonne"), _("Obligatoire"), _("Contenu"), _("Exemple")]
    sheet.append([_header_cell(sheet, title) for title in titles])
    for column in COLUMNS:
        required = _("oui") if column.required else _("non")
        sheet.append([str(column.header), required, str(column.description), column.example])
