"""Simulate or apply the rows of an import through the initiative services.

Each row is read with the layout, matched by code to an existing initiative and
handed to initiative_create or initiative_update: the same permission checks,
validation and history as every other door. A dry run calls the services too,
each row in its own transaction that is rolled back at once, so that it sees the
very rules an application will meet without holding locks between rows; an
application runs inside the caller's transaction, which rolls everything back if
any row fails. Rows whose columns are all equal to the initiative's are not sent:
an unchanged file writes nothing, not even history.
"""

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from initiatives.exchange.errors import CellError
from initiatives.exchange.layout import (
    COLUMNS_BY_FIELD,
    PREFETCHED,
    RELATED,
    comparable,
    match_headers,
)
from initiatives.exchange.reader import Table
from initiatives.exchange.references import References
from initiatives.models import Initiative
from initiatives.permissions import can_edit_for
from initiatives.services import InitiativeConflict, initiative_create, initiative_update

logger = logging.getLogger(__name__)

CREATE, UPDATE, UNCHANGED, REFUSED, ERROR = "create", "update", "unchanged", "refused", "error"
_MISSING = object()


@dataclass
class RowOutcome:
    """What became of one row: its action, its changes (old → new) and its errors."""

    row: int
    code: str = ""
    title: str = ""
    action: str = ERROR
    version: int | None = None
    changes: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)

    def fail(self, action: str, errors: list[dict]) -> None:
        self.action = action
        self.errors.extend(errors)


@dataclass
class ImportRun:
    """One pass over a table's rows on behalf of ``user``: a dry run unless ``apply``.

    ``expected_versions`` (code → version, None for a creation) holds what the dry
    run saw; an application refuses a row whose initiative has changed since.
    """

    user: Any
    table: Table
    apply: bool = False
    reason: str = ""
    expected_versions: dict | None = None
    progress: Callable[[int], None] | None = None

    def run(self) -> list[dict]:
        """Process every row in order; return each row's outcome as a dict."""
        self.columns = match_headers(self.table.headers)
        self.letters = {
            column.field: get_column_letter(index + 1)
            for index, column in enumerate(self.columns)
            if column
        }
        self.refs = References()
        self.existing = existing_by_code(self._codes())
        self.first_rows: dict = {}
        outcomes = []
        for done, (number, cells) in enumerate(self.table.rows, start=1):
            outcomes.append(asdict(self._process(number, cells)))
            if self.progress:
                self.progress(done)
        return outcomes

    def _codes(self) -> list[str]:
        index = next(
            i for i, column in enumerate(self.columns) if column and column.field == "code"
        )
        return [cells[index] for _number, cells in self.table.rows if cells[index]]

    def _process(self, number: int, cells: list[str]) -> RowOutcome:
        outcome = RowOutcome(row=number)
        data = self._parse(cells, outcome)
        outcome.code, outcome.title = data.get("code", ""), data.get("title", "")
        initiative = self.existing.get(outcome.code)
        outcome.version = initiative.version if initiative else None
        verdict = self._refusal(data, initiative) or self._staleness(outcome)
        if verdict:
            outcome.errors = [self._error(None, verdict[1])]
            outcome.action = verdict[0]
            return outcome
        outcome.errors.extend(self._duplicates(number, data))
        if outcome.errors:
            return outcome
        if initiative is None:
            self._create(data, outcome)
        else:
            self._update(initiative, data, outcome)
        return outcome

    def _parse(self, cells: list[str], outcome: RowOutcome) -> dict:
        data: dict = {}
        for column, raw in zip(self.columns, cells, strict=False):
            if column is None:
                continue
            try:
                data[column.field] = column.read_cell(raw, self.refs, data)
            except CellError as error:
                outcome.errors.append(self._error(column.field, error.message))
        return data

    def _refusal(self, data: dict, initiative: Initiative | None) -> tuple[str, str] | None:
        current = initiative.lead_organization if initiative else None
        for organization in (current, data.get("lead_organization")):
            if organization is not None and not can_edit_for(self.user, organization):
                message = _(
                    "Ligne refusée : vous ne pouvez pas importer d’initiative de l’organisation %(org)s."
                ) % {"org": organization.acronym}
                return REFUSED, message
        return None

    def _duplicates(self, number: int, data: dict) -> list[dict]:
        """Refuse a code, or a programme's phase, that an earlier row of the file holds."""
        errors = []
        code, programme, phase = data.get("code"), data.get("programme"), data.get("phase")
        if code:
            first = self.first_rows.setdefault(("code", code), number)
            if first != number:
                message = _("Le code « %(code)s » figure déjà à la ligne %(row)s du fichier.")
                errors.append(self._error("code", message % {"code": code, "row": first}))
        if programme and phase:
            first = self.first_rows.setdefault(("phase", programme.pk, phase), number)
            if first != number:
                message = _(
                    "La phase %(phase)s de ce programme figure déjà à la ligne %(row)s du fichier."
                )
                errors.append(self._error("phase", message % {"phase": phase, "row": first}))
        return errors

    def _staleness(self, outcome: RowOutcome) -> tuple[str, str] | None:
        """When applying, set aside a row the dry run refused or whose initiative changed since."""
        if self.expected_versions is None:
            return None
        expected = self.expected_versions.get(outcome.code, _MISSING)
        if expected is _MISSING:
            return REFUSED, _("Ligne écartée : elle avait été refusée lors de la simulation.")
        if expected != outcome.version:
            return ERROR, stale_message()
        return None

    def _create(self, data: dict, outcome: RowOutcome) -> None:
        outcome.action = CREATE
        self._call(
            outcome, lambda: initiative_create(user=self.user, data=data, reason=self.reason)
        )

    def _update(self, initiative: Initiative, data: dict, outcome: RowOutcome) -> None:
        changed = {}
        for name, value in data.items():
            column = COLUMNS_BY_FIELD[name]
            old, new = comparable(column.read(initiative)), column.show(value)
            if old != new:
                outcome.changes.append({"column": str(column.header), "old": old, "new": new})
                changed[name] = value
        outcome.action = UPDATE if changed else UNCHANGED
        if changed:
            self._call(
                outcome,
                lambda: initiative_update(
                    user=self.user,
                    initiative=initiative,
                    data=changed,
                    expected_version=initiative.version,
                    reason=self.reason,
                ),
            )

    def _call(self, outcome: RowOutcome, service: Callable) -> None:
        """Run one service call in its own savepoint; a dry run rolls it back at once."""
        try:
            with transaction.atomic():
                service()
                if not self.apply:
                    transaction.set_rollback(True)
        except ValidationError as error:
            outcome.fail(ERROR, self._validation_errors(error))
        except PermissionDenied as error:
            outcome.errors.clear()
            outcome.fail(REFUSED, [self._error(None, str(error))])
        except InitiativeConflict:
            outcome.fail(ERROR, [self._error(None, stale_message())])
        except DatabaseError:
            logger.warning("Import row %s refused by the database", outcome.row, exc_info=True)
            message = _("La base de données a refusé cette ligne : vérifiez ses valeurs.")
            outcome.fail(ERROR, [self._error(None, message)])

    def _validation_errors(self, error: ValidationError) -> list[dict]:
        if not hasattr(error, "error_dict"):
            return [self._error(None, message) for message in error.messages]
        return [
            self._error(None if name == NON_FIELD_ERRORS else name, message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]

    def _error(self, name: str | None, message) -> dict:
        """Return an error as the report keeps it: column header and letter, message."""
        column = COLUMNS_BY_FIELD.get(name) if name in self.letters else None
        return {
            "column": str(column.header) if column else "",
            "letter": self.letters.get(name, "") if column else "",
            "message": str(message),
        }


def stale_message() -> str:
    return _(
        "Cette initiative a été modifiée ou créée par quelqu’un d’autre depuis la simulation : refaites l’importation."
    )


def existing_by_code(codes) -> dict[str, Initiative]:
    """Return the initiatives bearing ``codes``, with what the layout reads, by code."""
    codes = sorted(set(codes))
    found = {}
    for start in range(0, len(codes), 500):
        queryset = (
            Initiative.objects.filter(code__in=codes[start : start + 500])
            .select_related(*RELATED)
            .prefetch_related(*PREFETCHED)
        )
        found.update({initiative.code: initiative for initiative in queryset})
    return found
