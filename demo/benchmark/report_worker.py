"""The entry point of the benchmark's report process (demo/benchmark/reports.py).

A spawned process imports this module before Django is set up, so it imports nothing of
Django at the top: `run` sets Django up, then measures.
"""

import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from demo.benchmark.measure import Measurement


def run(repeat: int, today: datetime.date) -> "list[Measurement]":
    """Set Django up in this fresh process and run the report measures here."""
    import django

    django.setup()
    from demo.benchmark import reports

    return reports.measure_in_this_process(repeat=repeat, today=today, fresh=True)
