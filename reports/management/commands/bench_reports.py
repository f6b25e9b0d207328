"""`manage.py bench_reports`: time the PDF reports (see reports/bench.py)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.bench import (
    DEFAULT_REPEAT,
    DEFAULT_SIZES,
    DEFAULT_WORKERS,
    as_dicts,
    format_report_table,
    run_report_benchmark,
)


class Command(BaseCommand):
    help = (
        "Mesure le rendu des rapports PDF (temps médian, mémoire maximale par processus) : "
        "gabarit MCC à côté d’un tableau naïf de 24 cellules par ligne, puis, pour les "
        "grands portefeuilles, le rendu en sections par plusieurs processus. Base jetable."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sizes", nargs="+", type=int, default=list(DEFAULT_SIZES))
        parser.add_argument("--repeat", type=int, default=DEFAULT_REPEAT)
        parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
        parser.add_argument("--json", dest="json_path", help="Écrit aussi les résultats en JSON.")

    def handle(self, *args, sizes, repeat, workers, json_path, **options):
        if min(sizes) < 1 or repeat < 1 or workers < 1:
            raise CommandError("Tailles, --repeat et --workers doivent être positifs.")
        measurements = run_report_benchmark(sizes=sizes, repeat=repeat, workers=workers)
        self.stdout.write(format_report_table(measurements))
        if json_path:
            Path(json_path).write_text(json.dumps(as_dicts(measurements), indent=2) + "\n")
            self.stdout.write(f"Résultats écrits dans {json_path}.")
