"""An ImportBatch from upload to application: every write to a batch happens here.

Upload reads the file at once (a bad file is refused before anything is stored),
then the dry run and, on confirmation, the application run inline for a small
file and in a Celery task, queued on commit, for a large one. Both are
idempotent: a task delivered twice finds the batch past its step and stops.
"""

import logging
from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from initiatives.exchange import limits
from initiatives.exchange.errors import FileRejected
from initiatives.exchange.importer import CREATE, ERROR, REFUSED, UNCHANGED, UPDATE, ImportRun
from initiatives.exchange.layout import LAYOUT_LANGUAGE, match_headers
from initiatives.exchange.reader import read_table, too_large_message
from initiatives.models import Initiative
from initiatives.models.import_batch import ImportBatch, ImportStatus
from initiatives.permissions import can_create

logger = logging.getLogger(__name__)

REASON_LENGTH = 100  # the history's change reason column


def can_import(user) -> bool:
    """Whoever may create initiatives may import them (within their organisations)."""
    return can_create(user)


def import_batches_of(user):
    """Return the batches ``user`` uploaded, newest first: nobody else's."""
    return ImportBatch.objects.filter(created_by=user).select_related("created_by")


def import_batch_create(*, user, upload) -> ImportBatch:
    """Check an uploaded file, store it in a new batch and start its dry run."""
    if not can_import(user):
        raise PermissionDenied(_("Vous ne pouvez pas importer d’initiatives."))
    if upload.size > limits.max_upload_bytes():
        raise FileRejected(too_large_message())
    content = upload.read()
    with translation.override(LAYOUT_LANGUAGE):
        table = read_table(content, upload.name)
        match_headers(table.headers)
    batch = ImportBatch(
        created_by=user,
        original_name=upload.name[:255],
        row_count=len(table.rows),
        report={"notes": table.notes, "rows": []},
    )
    batch.file.save(upload.name, ContentFile(content), save=False)
    batch.save()
    _start(batch, apply=False)
    return batch


def import_batch_confirm(*, user, batch: ImportBatch) -> bool:
    """Start applying a simulated batch; return False if data changed and it is simulated again."""
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.created_by_id != user.pk or not can_import(user):
            raise PermissionDenied(
                _("Seule la personne qui a téléversé ce fichier peut le confirmer.")
            )
        if not locked.can_confirm:
            raise ValidationError(_("Ce lot ne peut pas être confirmé dans son état actuel."))
        stale = bool(stale_codes(locked))
        locked.status = ImportStatus.PENDING if stale else ImportStatus.APPLYING
        locked.progress = 0
        locked.save(update_fields=["status", "progress", "updated_at"])
    _start(locked, apply=not stale)
    return not stale


def _start(batch: ImportBatch, *, apply: bool) -> None:
    """Run the next step inline, or queue it on commit when the file is large."""
    from initiatives import tasks

    if batch.row_count <= limits.async_rows():
        (import_batch_apply if apply else import_batch_dry_run)(batch_id=batch.pk)
        return
    task = tasks.apply_import_batch if apply else tasks.simulate_import_batch
    task.delay_on_commit(batch.pk)


def import_batch_dry_run(*, batch_id: int) -> None:
    """Simulate every row of a pending batch and keep the report; write no initiative."""
    batch = ImportBatch.objects.select_related("created_by").get(pk=batch_id)
    if batch.status != ImportStatus.PENDING:
        return

    def simulate():
        notes, rows = _run(batch, apply=False, progress=_progress_saver(batch))
        return ImportStatus.VALIDATED, notes, rows

    _finish(batch, simulate)


def import_batch_apply(*, batch_id: int) -> None:
    """Apply a confirmed batch in one transaction: every row, or none if one fails."""
    batch = ImportBatch.objects.select_related("created_by").get(pk=batch_id)
    if batch.status != ImportStatus.APPLYING:
        return
    expected = expected_versions(batch)

    def apply():
        with transaction.atomic():
            notes, rows = _run(batch, apply=True, expected_versions=expected)
            failed = any(row["action"] == ERROR for row in rows)
            if failed:
                transaction.set_rollback(True)
        return (ImportStatus.FAILED if failed else ImportStatus.APPLIED), notes, rows

    _finish(batch, apply)


def _run(batch: ImportBatch, **options) -> tuple[list[str], list[dict]]:
    with translation.override(LAYOUT_LANGUAGE):
        with batch.file.open("rb") as stored:
            table = read_table(stored.read(), batch.original_name)
        reason = _("Importation de « %(name)s »") % {"name": batch.original_name}
        run = ImportRun(
            user=batch.created_by, table=table, reason=reason[:REASON_LENGTH], **options
        )
        return table.notes, run.run()


def _finish(batch: ImportBatch, work) -> None:
    """Run ``work`` and record its outcome; a failure is recorded, never raised."""
    try:
        status, notes, rows = work()
    except FileRejected as error:
        status, notes, rows = ImportStatus.FAILED, [error.message], []
    except Exception:  # a bug or a lost file must still end the batch, not leave it running
        logger.exception("Import batch %s failed", batch.pk)
        message = _("Le traitement a échoué de façon inattendue ; rien n’a été appliqué.")
        status, notes, rows = ImportStatus.FAILED, [message], []
    _record(batch, status, notes, rows)


def _record(batch: ImportBatch, status: str, notes: list[str], rows: list[dict]) -> None:
    counts = Counter(row["action"] for row in rows)
    batch.status = status
    batch.report = {"notes": notes, "rows": rows}
    batch.progress = batch.row_count
    batch.created_count, batch.updated_count = counts[CREATE], counts[UPDATE]
    batch.unchanged_count, batch.refused_count = counts[UNCHANGED], counts[REFUSED]
    batch.error_count = counts[ERROR]
    if status == ImportStatus.APPLIED:
        batch.applied_at = timezone.now()
    batch.save()


def _progress_saver(batch: ImportBatch):
    """Return a callback that saves the progress about every hundredth of the rows."""
    step = max(1, batch.row_count // 100)

    def save(done: int) -> None:
        if done % step == 0 or done == batch.row_count:
            ImportBatch.objects.filter(pk=batch.pk).update(progress=min(done, batch.row_count))

    return save


def expected_versions(batch: ImportBatch) -> dict[str, int | None]:
    """Return, for each row the dry run accepted, the version it saw (None: a creation)."""
    accepted = (CREATE, UPDATE, UNCHANGED)
    rows = batch.report.get("rows", [])
    return {row["code"]: row["version"] for row in rows if row["action"] in accepted}


def stale_codes(batch: ImportBatch) -> list[str]:
    """Return the codes whose initiative was changed, created or deleted since the dry run."""
    expected = expected_versions(batch)
    codes = sorted(expected)
    current = {}
    for start in range(0, len(codes), 500):
        chunk = Initiative.objects.filter(code__in=codes[start : start + 500])
        current.update(chunk.values_list("code", "version"))
    return [code for code in codes if current.get(code) != expected[code]]
