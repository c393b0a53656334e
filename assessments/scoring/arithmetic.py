"""Helpers that build a sub-indicator's value and its arithmetic in numbers and symbols.

The arithmetic carries no words, so it reads the same in Swedish and English; the page puts
the translated label beside it.
"""

from collections.abc import Callable, Iterable
from datetime import date
from typing import NamedTuple

from .inputs import ActivityInput, ProgramInput

NOT_APPLICABLE = "N/A"
EMPTY = "∅"
YES = "✓"
NO = "✗"
TIMES = "×"


class Raw(NamedTuple):
    """What a rule returns: its value (None: N/A), arithmetic, and the rows it read."""

    value: float | None
    arithmetic: str
    rows: Iterable[ActivityInput]


# Formatting: numbers with at most 3 decimals (2 for R1's intermediate share, as in the
# worked example), sets as {1, 2}, the empty set as ∅.


def num(x: float, places: int = 3) -> str:
    """x with at most `places` decimals and no trailing zeros: 180.0 -> "180"."""
    text = f"{x:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def number_set(items: Iterable[int]) -> str:
    ordered = sorted(items)
    return "{" + ", ".join(str(i) for i in ordered) + "}" if ordered else EMPTY


def mark(flag: bool) -> str:
    return YES if flag else NO


# Shared shapes: a percentage of rows, a highest reach, a share of the programme years.


def percent_of(population: list[ActivityInput], test: Callable[[ActivityInput], bool]) -> Raw:
    """% of `population` passing `test`; N/A when the population is empty."""
    if not population:
        return Raw(None, f"0 / 0 → {NOT_APPLICABLE}", ())
    hits = sum(1 for activity in population if test(activity))
    value = hits * 100 / len(population)
    return Raw(value, f"{hits} / {len(population)} {TIMES} 100 = {num(value)}", population)


def highest_reach(population: list[ActivityInput]) -> Raw:
    """The highest effective reach (a mandatory activity reaches 100); 0 when there is none."""
    if not population:
        return Raw(0.0, f"{EMPTY} → 0", ())
    reaches = sorted({a.effective_reach for a in population}, reverse=True)
    arguments = ", ".join(num(r) for r in reaches)
    return Raw(reaches[0], f"max({arguments}) = {num(reaches[0])}", population)


def counted(program: ProgramInput, activities: Iterable[ActivityInput]) -> list[ActivityInput]:
    """The activities placed in a programme year 1..Y; only those add a year to a count."""
    return [a for a in activities if a.year is not None and 1 <= a.year <= program.years]


def share_of_years(program: ProgramInput, activities: Iterable[ActivityInput]) -> Raw:
    """Distinct programme years among `activities` / Y x 100."""
    rows = counted(program, activities)
    years = {a.year for a in rows if a.year is not None}
    value = len(years) * 100 / program.years
    arithmetic = f"|{number_set(years)}| / {program.years} {TIMES} 100 = {num(value)}"
    return Raw(value, arithmetic, rows)


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` years earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
