"""The benchmark command at a tiny scale: it generates, measures and prints every figure."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from assessments.models import ProgramScore
from demo.benchmark import generator
from programs.models import Activity, Course, Partner, Program

TINY = {"programs": 4, "courses": 8, "activities": 30, "repeat": 1}


def run(**options):
    out = io.StringIO()
    call_command("benchmark", stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


@pytest.mark.django_db
def test_benchmark_prints_every_measure_with_median_floor_and_target():
    output = run(**TINY)
    for label in (
        "score all programmes",
        "refresh all stored scores (nightly task)",
        "SAM dashboard, stored scores fresh",
        "SAM dashboard, 4 programmes edited (recomputed)",
        "SAM dashboard, no stored scores (cold)",
        "save an activity, its programme rescored (eager)",
        "peak Python memory, score all",
        "peak Python memory, dashboard cold",
        "peak process memory (ru_maxrss)",
        "page query count, large = small programme",
    ):
        assert label in output
    assert len(re.findall(r"programme compass page, \d+ activities", output)) == 2
    timed = [
        line
        for line in output.splitlines()
        if line.startswith(("score all", "refresh all", "SAM dash"))
    ]
    assert len(timed) == 5
    for line in timed:
        # median, floor, ratio and query count on every timed line
        assert re.search(r"\d+ ms|\d+\.\d+ s", line)
        assert "×" in line
        if "(cold)" in line:  # reported for information: no target
            assert not re.search(r"≤ \d|pass|FAIL", line)
        else:
            assert re.search(r"≤ \d", line)
            assert re.search(r"pass|FAIL", line)
    assert "assessments:program_compass does not exist" not in output


@pytest.mark.django_db
def test_benchmark_rescores_only_the_edited_programmes_before_the_dashboard():
    output = run(**TINY)
    fresh = next(line for line in output.splitlines() if "stored scores fresh" in line)
    edited = next(line for line in output.splitlines() if "programmes edited" in line)
    # The fresh dashboard reads stored scores only; the edited one adds one batched rescoring.
    fresh_queries = int(re.search(r"×\s+(\d+)", fresh).group(1))
    edited_queries = int(re.search(r"×\s+(\d+)", edited).group(1))
    assert 0 < edited_queries - fresh_queries <= 12
    assert ProgramScore.objects.filter(stale=False).count() == 4


@pytest.mark.django_db
def test_benchmark_writes_the_scale_asked_for_and_clean_removes_it():
    run(**TINY)
    assert Program.objects.filter(faculty__code=generator.BENCH_FACULTY).count() == 4
    assert Course.objects.filter(code__startswith=generator.BENCH_COURSE_PREFIX).count() == 8
    assert Activity.objects.count() == 30
    assert "Reusing" in run(**TINY)
    assert ProgramScore.objects.count() == 4
    run(clean=True)
    assert not ProgramScore.objects.exists()
    assert not Program.objects.exists()
    assert not Activity.objects.exists()
    assert not Partner.objects.exists()


@pytest.mark.django_db
def test_benchmark_page_query_count_is_the_same_for_a_large_and_a_small_programme():
    output = run(**TINY)
    line = next(line for line in output.splitlines() if line.startswith("page query count"))
    assert "yes" in line
    assert line.rstrip().endswith("pass")


@pytest.mark.django_db
def test_benchmark_refuses_a_database_with_real_programmes(program):
    with pytest.raises(CommandError, match="not benchmark data"):
        run(**TINY)
    assert not Program.objects.filter(faculty__code=generator.BENCH_FACULTY).exists()
