"""Celery tasks of the initiatives app: thin, each takes an id and calls one service.

An import's steps are idempotent (a batch past the step is left alone), so that a
task re-delivered after a lost worker does no harm. The hard time limit stays
below the broker's visibility timeout (3,600 s): a task is never run twice at once.
"""

from celery import shared_task

from initiatives.exchange import batches

HARD_TIME_LIMIT = 30 * 60
SOFT_TIME_LIMIT = HARD_TIME_LIMIT - 60  # the service then records the batch as failed


@shared_task(time_limit=HARD_TIME_LIMIT, soft_time_limit=SOFT_TIME_LIMIT)
def simulate_import_batch(batch_id: int) -> None:
    """Run the dry run of an uploaded import batch."""
    batches.import_batch_dry_run(batch_id=batch_id)


@shared_task(time_limit=HARD_TIME_LIMIT, soft_time_limit=SOFT_TIME_LIMIT)
def apply_import_batch(batch_id: int) -> None:
    """Apply a confirmed import batch in one transaction."""
    batches.import_batch_apply(batch_id=batch_id)
