"""How a report is cut into sections: for memory, and for the worker processes at hand."""

from reports.rendering.sections import parallel_sections, plan_sections

ORGANISATION = "lead_organization__acronym"


def rows_of(*group_sizes: int) -> list:
    """Return (values, row) pairs: ``group_sizes[i]`` rows of organisation ORG{i}."""
    return [
        ({ORGANISATION: f"ORG{group}"}, None)
        for group, size in enumerate(group_sizes)
        for _ in range(size)
    ]


def spans(sections) -> list[tuple[int, int]]:
    return [(section.first_row, section.row_count) for section in sections]


def test_a_portfolio_rendered_in_one_process_stays_one_document():
    assert plan_sections(rows_of(100, 100), "organization", size=500, parallel=1) == []


def test_two_worker_processes_render_a_200_row_report_in_two_halves():
    sections = plan_sections(rows_of(60, 40, 100), "organization", size=500, parallel=2)

    assert spans(sections) == [(0, 100), (100, 100)]
    assert [s.index for s in sections] == [0, 1]


def test_the_halves_are_cut_at_a_group_boundary_when_one_is_near():
    sections = plan_sections(rows_of(90, 110), "organization", size=500, parallel=2)

    assert spans(sections) == [(0, 90), (90, 110)]


def test_a_report_too_small_to_gain_from_splitting_stays_one_document():
    assert plan_sections(rows_of(150), "organization", size=500, parallel=2) == []


def test_memory_cuts_a_large_report_into_more_sections_than_processes():
    sections = plan_sections(rows_of(*[250] * 12), "organization", size=500, parallel=2)

    assert spans(sections) == [(start, 500) for start in range(0, 3000, 500)]


def test_eager_tasks_never_split_for_parallelism(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.PTN_REPORT_PARALLEL_SECTIONS = 4

    assert parallel_sections() == 1


def test_workers_split_for_their_concurrency(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.PTN_REPORT_PARALLEL_SECTIONS = 4

    assert parallel_sections() == 4
