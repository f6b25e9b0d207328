"""`manage.py bench`: time the main pages on 200, 2,000 and 10,000 initiatives."""

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from roadmap.bench import (
    DEFAULT_REPEAT,
    DEFAULT_SIZES,
    TARGETS,
    as_json,
    format_table,
    run_benchmark,
)


def parse_sizes(values: list[str]) -> list[int]:
    """Read sizes given as "200 2000" or "200,2000"."""
    try:
        sizes = [int(part) for value in values for part in value.split(",") if part.strip()]
    except ValueError as error:
        raise CommandError(f"Tailles invalides : {' '.join(values)}") from error
    if not sizes or min(sizes) < 1:
        raise CommandError("Les tailles doivent être des entiers positifs.")
    return sizes


class Command(BaseCommand):
    help = (
        "Mesure les pages principales (temps médian, nombre de requêtes SQL) sur des "
        "portefeuilles synthétiques, dans une base jetable du moteur configuré : "
        "les données du développeur ne sont pas touchées."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes",
            nargs="+",
            default=[str(size) for size in DEFAULT_SIZES],
            help="Nombres d’initiatives, par exemple « --sizes 200 2000 » (défaut : 200 2000 10000).",
        )
        parser.add_argument(
            "--repeat",
            type=int,
            default=DEFAULT_REPEAT,
            help=f"Mesures par page et par taille, après un essai à blanc (défaut : {DEFAULT_REPEAT}).",
        )
        parser.add_argument("--json", dest="json_path", help="Écrit aussi les résultats en JSON.")

    def handle(self, *args, sizes, repeat, json_path, **options):
        sizes = parse_sizes(sizes)
        if repeat < 1:
            raise CommandError("--repeat doit valoir au moins 1.")
        self.stdout.write(
            f"Banc d’essai : {len(TARGETS)} cible(s), tailles {sizes}, {repeat} mesure(s), "
            f"base jetable {connection.vendor}."
        )
        started = time.perf_counter()
        measurements = run_benchmark(sizes=sizes, repeat=repeat)
        self.stdout.write(format_table(measurements))
        self.stdout.write(f"Durée totale : {time.perf_counter() - started:.0f} s.")
        if json_path:
            payload = as_json(measurements, repeat=repeat)
            Path(json_path).write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
            self.stdout.write(f"Résultats écrits dans {json_path}.")
        failed = sorted({m.url for m in measurements if m.status >= 500})
        if failed:
            raise CommandError(f"Pages en erreur (statut 500) : {', '.join(failed)}")
