"""`manage.py benchmark` at its smallest scale: it generates, measures and prints every figure.

One run of the real command (two programmes, a few activities, one repeat) stands for the
full-scale runs of docs/benchmark.md: every measure of the table must be there with a number,
its floor where it has one, and its target.
"""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from demo.benchmark import generator
from programs.models import Program

TINY = {"programs": 2, "courses": 2, "activities": 10, "repeat": 1}
TIME = r"\d+ ms|\d+\.\d\d s"
MEMORY = r"\d+ MB"
# label → (median, floor or None, target or None); the compass page appears twice (large, small)
MEASURES = {
    "score all programmes (compass_all)": (TIME, TIME, TIME),
    "refresh all stored scores (nightly task)": (TIME, TIME, TIME),
    "SAM dashboard, stored scores fresh": (TIME, TIME, TIME),
    "SAM dashboard, 2 programmes edited (recomputed)": (TIME, TIME, TIME),
    "SAM dashboard, no stored scores (cold)": (TIME, TIME, None),
    "save an activity, its programme rescored (eager)": (TIME, None, TIME),
    "programme compass page, {large} activities": (TIME, TIME, TIME),
    "programme compass page, {small} activities": (TIME, TIME, TIME),
    "peak Python memory, score all (tracemalloc)": (MEMORY, None, MEMORY),
    "peak Python memory, dashboard cold (tracemalloc)": (MEMORY, None, MEMORY),
    "peak process memory (ru_maxrss)": (MEMORY, None, MEMORY),
}
COLUMNS = ("measure", "median", "floor", "ratio", "queries", "target")
EQUAL = "page query count, large = small programme"


def run(**options: object) -> str:
    out = io.StringIO()
    call_command("benchmark", stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def table(output: str, labels: list[str]) -> dict[str, dict[str, str]]:
    """The rows of the printed table with these labels, as {label: {column: cell}}; the
    cells are cut where the header's right-aligned column names end."""
    lines = output.splitlines()
    header_at = next(i for i, line in enumerate(lines) if line.startswith("measure "))
    header = lines[header_at]
    body = lines[header_at + 2 : lines.index("", header_at)]
    assert len(body) == len(labels), body
    ends = [header.index(name) + len(name) for name in COLUMNS[1:]]
    rows = {}
    for label in labels:
        (line,) = [line for line in body if line.startswith(f"{label} ")]
        starts = [len(label), *ends[:-1]]
        rows[label] = {
            name: line[a:b].strip() for name, a, b in zip(COLUMNS[1:], starts, ends, strict=True)
        }
        rows[label]["result"] = line[ends[-1] :].strip()
    return rows


def fullmatch(pattern: str | None, cell: str) -> bool:
    return cell == "" if pattern is None else re.fullmatch(pattern, cell) is not None


@pytest.mark.django_db
def test_a_tiny_run_prints_every_measure_with_a_number_its_floor_and_its_target():
    output = run(**TINY)
    sizes = sorted(
        (int(size) for size in re.findall(r"programme compass page, (\d+) activities", output)),
        reverse=True,
    )
    assert len(sizes) == 2
    assert sizes[0] > sizes[1]  # a large and a small programme: the query count is comparable
    expected = {
        label.format(large=sizes[0], small=sizes[1]): cells for label, cells in MEASURES.items()
    }
    rows = table(output, [*expected, EQUAL])
    for label, (median, floor, target) in expected.items():
        row = rows[label]
        assert fullmatch(median, row["median"]), (label, row)
        assert fullmatch(floor, row["floor"]), (label, row)
        if floor is not None:  # a floor comes with the ratio and the SQL query count
            assert re.fullmatch(r"\d+\.\d×", row["ratio"]), (label, row)
            assert re.fullmatch(r"[1-9]\d*", row["queries"]), (label, row)
        assert fullmatch(None if target is None else f"≤ ({target})", row["target"]), (label, row)
        assert row["result"] in ({"pass", "FAIL"} if target else {""}), (label, row)
    equal = rows[EQUAL]
    assert (equal["median"], equal["target"], equal["result"]) == ("yes", "equal", "pass")
    fresh = int(rows["SAM dashboard, stored scores fresh"]["queries"])
    edited = int(rows["SAM dashboard, 2 programmes edited (recomputed)"]["queries"])
    assert 0 < edited - fresh <= 12  # the edited programmes are rescored in one batch
    assert "assessments:program_compass does not exist" not in output

    # The data stays for the next run at the same scale, and --clean removes it.
    assert "Reusing the benchmark data" in run(**TINY, generate_only=True)
    assert Program.objects.filter(faculty__code=generator.BENCH_FACULTY).count() == 2
    run(clean=True)
    assert not Program.objects.exists()


@pytest.mark.django_db
def test_the_benchmark_refuses_a_database_with_real_programmes(program):
    with pytest.raises(CommandError, match="not benchmark data"):
        run(**TINY)
    assert not Program.objects.filter(faculty__code=generator.BENCH_FACULTY).exists()
