"""manage.py benchmark: a synthetic university at a given scale, then the timings.

    python manage.py benchmark --programs 1000 --courses 20000 --activities 100000 --repeat 5

Prints, with medians over --repeat runs, the time to score all programmes and to refresh
every stored score (the nightly task), the SAM dashboard's server time with the stored scores
fresh, after 10 programmes had an activity edited (only those rescored) and cold (no stored
scores, for information), the time to save one activity with its programme's eager rescoring,
the programme compass page's server time for the largest and the smallest programme with their
SQL query counts, and peak memory; beside each time its floor (the same SELECTs as bare SQL)
and the ratio. See docs/benchmark.md.
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

from demo.benchmark import generator
from demo.benchmark import reports as report_measures
from demo.benchmark.measure import MeasureFacts, Measurement, measure


class Command(BaseCommand):
    help = "Generate a synthetic university and measure scoring, dashboard and page times."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--programs", type=int, default=1000)
        parser.add_argument("--courses", type=int, default=20000)
        parser.add_argument("--activities", type=int, default=100000)
        parser.add_argument("--repeat", type=int, default=5, help="runs per measure (median)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--clean", action="store_true", help="remove the benchmark data and stop"
        )
        parser.add_argument(
            "--generate-only",
            action="store_true",
            help="write the data and stop (measure in a fresh process: cleaner peak memory)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="run even though the database holds programmes or partners of its own",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["clean"]:
            generator.bench_clean()
            self.stdout.write("Benchmark data removed.")
            return
        if options["repeat"] < 1 or options["programs"] < 2 or options["activities"] < 2:
            raise CommandError("Use --repeat >= 1, --programs >= 2 and --activities >= 2.")
        if generator.foreign_data_exists():
            if not options["force"]:
                raise CommandError(
                    "This database holds programmes or partners that are not benchmark data. "
                    "Point DATABASE_URL at a database of its own, or pass --force."
                )
            self.stderr.write("Warning: the database holds data of its own (--force).")

        scale = generator.BenchScale(
            programs=options["programs"],
            courses=options["courses"],
            activities=options["activities"],
        )
        generated_here = False
        if generator.bench_scale() != scale:
            if generator.bench_scale() is not None:
                self.stdout.write("Removing benchmark data of another scale …")
                generator.bench_clean()
            self.stdout.write(
                f"Generating {scale.programs} programmes, {scale.courses} courses, "
                f"{scale.activities} activities …"
            )
            start = time.perf_counter()
            generator.bench_generate(scale=scale, seed=options["seed"])
            generator.bench_analyze()
            self.stdout.write(f"Generated in {time.perf_counter() - start:.1f} s.")
            generated_here = True
        else:
            self.stdout.write("Reusing the benchmark data already in the database.")
        if options["generate_only"]:
            return

        university = generator.bench_university()
        rows, facts = measure(
            university=university, repeat=options["repeat"], today=timezone.localdate()
        )
        self._report(rows, facts, options=options, generated_here=generated_here)
        self._report_documents(
            report_measures.measure_reports(repeat=options["repeat"], today=timezone.localdate())
        )

    def _report_documents(self, rows: list[Measurement]) -> None:
        """The report generation measures (demo/benchmark/reports.py), a table of their own."""
        self.stdout.write("")
        header = f"{'report measure':<52} {'median':>10} {'target':>10}  result"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for row in rows:
            self.stdout.write(
                f"{row.label:<52} {_value(row.median, row.unit):>10} "
                f"{_target(row.target, row.unit):>10}  {_result(row.passed)}".rstrip()
            )
        self.stdout.write(
            "reports: warm (kaleido's browser already started); the rounds, faculty and "
            "moves they need are rolled back afterwards. See demo/benchmark/reports.py."
        )

    def _report(
        self,
        rows: list[Measurement],
        facts: MeasureFacts,
        *,
        options: dict[str, Any],
        generated_here: bool,
    ) -> None:
        self.stdout.write("")
        self.stdout.write(
            f"Database: {connection.vendor}; {options['programs']} programmes, "
            f"{options['courses']} courses, {options['activities']} activities; "
            f"median of {options['repeat']} runs."
        )
        header = f"{'measure':<52} {'median':>10} {'floor':>10} {'ratio':>7} {'queries':>8} {'target':>10}  result"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for row in rows:
            self.stdout.write(
                f"{row.label:<52} {_value(row.median, row.unit):>10} "
                f"{_value(row.floor, row.unit):>10} {_ratio(row.ratio):>7} "
                f"{'' if row.queries is None else row.queries:>8} "
                f"{_target(row.target, row.unit):>10}  {_result(row.passed)}".rstrip()
            )
        equal = facts.page_queries_equal
        self.stdout.write(
            f"{'page query count, large = small programme':<52} "
            f"{'yes' if equal else 'no':>10} {'':>10} {'':>7} {'':>8} {'equal':>10}  "
            f"{_result(equal)}"
        )
        self.stdout.write("")
        self.stdout.write(
            "floor: the same SELECT statements as bare SQL (no ORM, scoring or rendering); "
            "ratio = median / floor."
        )
        self.stdout.write(
            f"edited: one activity in each of {facts.edited_programs} programmes saved "
            "through the services, their stored scores left stale as before the worker's "
            f"refresh; the save line is the median of {facts.edits} such saves, each "
            "rescoring its programme in-process (eager Celery)."
        )
        self.stdout.write(
            "cold: no stored scores, so the dashboard scores every programme (for information)."
        )
        if not facts.is_compass_page:
            self.stdout.write(
                "note: assessments:program_compass does not exist yet; the programme page "
                "(programs:program_detail) was measured instead."
            )
        if generated_here:
            self.stdout.write(
                "note: the data was generated in this process, so ru_maxrss includes the "
                "generator; run again (the data is reused) for the measurements alone."
            )


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    return f"{value:.0f} MB"


def _ratio(ratio: float | None) -> str:
    return "" if ratio is None else f"{ratio:.1f}×"


def _target(target: float | None, unit: str) -> str:
    return "" if target is None else f"≤ {_value(target, unit)}"


def _result(passed: bool | None) -> str:
    return {True: "pass", False: "FAIL", None: ""}[passed]
