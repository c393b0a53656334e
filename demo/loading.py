"""Read the demo university from the TOML files in `data/` into the specs of `specs.py`.

Each TOML table becomes one spec: its keys are the spec's field names and its values have
the field's types (a key left out takes the field's default). A missing or unknown key, a
value of the wrong type, or a reference to a course, outcome, partner, faculty, programme or
support offer that the files do not define raises DemoDataError naming the file, the
programme (or other entry) and the field. Values the models constrain (choices, ranges) are
checked by the services when the demo is built.
"""

import tomllib
import types
import typing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import MISSING, fields, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import ValidationError

from demo.specs import (
    SUPPORT_ITEMS,
    AgreementSpec,
    FacultySpec,
    PartnerSpec,
    ProgramSpec,
    SharedCourseSpec,
    SupportOfferSpec,
    University,
    UserSpec,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

DATA_DIR = Path(__file__).resolve().parent / "data"
UNIVERSITY_FILE = "university.toml"
PROGRAMS_FILE = "programmes.toml"
LABEL_KEYS = ("code", "key", "username", "title", "title_sv", "name", "axis", "partner")
Spec = TypeVar("Spec", bound="DataclassInstance")
TYPE_NAMES: dict[object, str] = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
}


class DemoDataError(ValueError):
    """A demo data file that does not describe a demo university."""


@contextmanager
def refused_as_data_error(where: str) -> Iterator[None]:
    """Turn a value the services refuse into a DemoDataError naming the entry `where`."""
    try:
        yield
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            text = "; ".join(f"{key}: {' '.join(msgs)}" for key, msgs in exc.message_dict.items())
        else:
            text = " ".join(exc.messages)
        raise DemoDataError(f"{where}: {text}") from exc


def university_load(*, data_dir: Path | None = None) -> University:
    """Read the demo university from `data_dir` (default DATA_DIR), references checked."""
    data_dir = data_dir or DATA_DIR
    organisation = _read(data_dir / UNIVERSITY_FILE)
    programs_file = _read(data_dir / PROGRAMS_FILE)
    shared = {
        course.code: course
        for course in _specs(SharedCourseSpec, programs_file, "shared_courses", PROGRAMS_FILE)
    }
    programs_file["programs"] = [
        _with_shared_courses(table, shared, PROGRAMS_FILE)
        for table in _tables(programs_file, "programs", PROGRAMS_FILE)
    ]
    loaded = University(
        users=_specs(UserSpec, organisation, "users", UNIVERSITY_FILE),
        faculties=_specs(FacultySpec, organisation, "faculties", UNIVERSITY_FILE),
        partners=_specs(PartnerSpec, organisation, "partners", UNIVERSITY_FILE),
        support_offers=_specs(SupportOfferSpec, organisation, "support_offers", UNIVERSITY_FILE),
        agreements=_specs(AgreementSpec, organisation, "agreements", UNIVERSITY_FILE),
        programs=_specs(ProgramSpec, programs_file, "programs", PROGRAMS_FILE),
    )
    _references_check(loaded)
    return loaded


def _read(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except tomllib.TOMLDecodeError as exc:
        raise DemoDataError(f"{path.name}: not valid TOML: {exc}") from exc


def _tables(document: dict[str, object], key: str, file: str) -> list[object]:
    tables = document.get(key)
    if not isinstance(tables, list):
        raise DemoDataError(f"{file}: expected a list of [[{key}]] tables")
    return tables


def _specs(cls: type[Spec], document: dict[str, object], key: str, file: str) -> tuple[Spec, ...]:
    return tuple(
        _spec(cls, table, f"{file}: {key} {_label(table, index)}")
        for index, table in enumerate(_tables(document, key, file), start=1)
    )


def _label(table: object, index: int) -> str:
    """How an entry is named in errors: its code, key or title, else its position."""
    if isinstance(table, dict):
        for key in LABEL_KEYS:
            if isinstance(table.get(key), str):
                return f"{table[key]!r}"
    return f"#{index}"


def _spec(cls: type[Spec], table: object, where: str) -> Spec:
    """One spec from one table, each value checked against the field's type."""
    if not isinstance(table, dict):
        raise DemoDataError(f"{where}: expected a table, got {table!r}")
    known = [field.name for field in fields(cls)]
    unknown = sorted(set(table) - set(known))
    if unknown:
        raise DemoDataError(f"{where}: unknown key {unknown[0]!r} (keys: {', '.join(known)})")
    hints = typing.get_type_hints(cls)
    values: dict[str, object] = {}
    for field in fields(cls):
        if field.name in table:
            values[field.name] = _value(
                hints[field.name], table[field.name], f"{where}: {field.name}"
            )
        elif field.default is MISSING:
            raise DemoDataError(f"{where}: missing key {field.name!r}")
    return cls(**values)


def _value(hint: object, value: object, where: str) -> object:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):  # `X | None`: TOML has no None, only omission
        (hint,) = (arg for arg in typing.get_args(hint) if arg is not type(None))
        return _value(hint, value, where)
    if origin is tuple:
        if not isinstance(value, list):
            raise DemoDataError(f"{where}: expected a list, got {value!r}")
        (item_hint, _ellipsis) = typing.get_args(hint)
        return tuple(
            _value(item_hint, item, f"{where} {_label(item, index)}")
            for index, item in enumerate(value, start=1)
        )
    if isinstance(hint, type) and is_dataclass(hint):
        return _spec(hint, value, where)
    if not _has_type(value, hint):
        raise DemoDataError(f"{where}: expected {TYPE_NAMES.get(hint, hint)}, got {value!r}")
    return value


def _has_type(value: object, hint: object) -> bool:
    if hint is bool:
        return isinstance(value, bool)
    if isinstance(value, bool):  # bool is an int in Python, never a number in the data
        return False
    if hint is float:
        return isinstance(value, int | float)
    return isinstance(hint, type) and isinstance(value, hint)


def _with_shared_courses(table: object, shared: dict[str, SharedCourseSpec], file: str) -> object:
    """Fill in the names and credits of the shared courses a programme places."""
    if not isinstance(table, dict) or not isinstance(table.get("courses"), list):
        return table
    courses = []
    for course in table["courses"]:
        if isinstance(course, dict) and course.get("code") in shared:
            definition = shared[course["code"]]
            repeated = sorted({"name_sv", "name_en", "credits"} & set(course))
            if repeated:
                raise DemoDataError(
                    f"{file}: programs {_label(table, 0)}: courses {course['code']!r}: "
                    f"{repeated[0]} is given in shared_courses; give only code, year, term, kind"
                )
            course = {
                "name_sv": definition.name_sv,
                "name_en": definition.name_en,
                "credits": definition.credits,
                **course,
            }
        courses.append(course)
    return {**table, "courses": courses}


def _references_check(university: University) -> None:
    """Every code, key and title that one entry uses is defined somewhere in the files."""
    programs = {program.code for program in university.programs}
    faculties = {faculty.code: faculty for faculty in university.faculties}
    partners = {partner.key for partner in university.partners}
    offers = {offer.title_sv for offer in university.support_offers}
    _unique(UNIVERSITY_FILE, "partners", (partner.key for partner in university.partners))
    _unique(PROGRAMS_FILE, "programs", (program.code for program in university.programs))
    for user in university.users:
        where = f"{UNIVERSITY_FILE}: users {user.username!r}"
        _known(where, "coordinator_of", user.coordinator_of, programs)
        _known(where, "board_member_of", user.board_member_of, faculties)
    for agreement in university.agreements:
        where = f"{UNIVERSITY_FILE}: agreements {agreement.title!r}"
        _known(where, "partner", [agreement.partner], partners)
        _known(where, "programs", agreement.programs, programs)
    for program in university.programs:
        _program_check(program, faculties=faculties, partners=partners, offers=offers)


def _program_check(
    program: ProgramSpec,
    *,
    faculties: dict[str, FacultySpec],
    partners: set[str],
    offers: set[str],
) -> None:
    where = f"{PROGRAMS_FILE}: programs {program.code!r}"
    _known(where, "faculty", [program.faculty], faculties)
    faculty = faculties[program.faculty]
    departments = {department.name_sv for department in faculty.departments}
    _known(where, "department", [program.department], departments)
    courses = {course.code for course in program.courses}
    outcomes = {outcome.code for outcome in program.outcomes}
    for outcome in program.outcomes:
        _known(f"{where}: outcomes {outcome.code!r}", "course", [outcome.course], courses | {""})
    for activity in program.activities:
        at = f"{where}: activities {activity.title!r}"
        _known(at, "course", [activity.course], courses | {""})
        _known(at, "outcomes", activity.outcomes, outcomes)
        _known(at, "partners", [link.partner for link in activity.partners], partners)
        _known(at, "support", activity.support or (), SUPPORT_ITEMS, "a support item")
        if (activity.authenticity is None) != (activity.proximity is None):
            raise DemoDataError(f"{at}: give authenticity and proximity together")
    if program.council is not None:
        for member in program.council.members:
            at = f"{where}: council: members {member.role!r}"
            _known(at, "partner", [member.partner], partners | {""})
            if not (member.partner or member.organisation_name):
                raise DemoDataError(f"{at}: give a partner or an organisation_name")
    if program.compass_round is not None:
        for action in program.compass_round.actions:
            at = f"{where}: compass_round: actions {action.indicator!r}"
            _known(at, "support_offer", [action.support_offer], offers | {""})


def _known(
    where: str, field: str, used: Iterable[str], defined: Iterable[str], what: str = ""
) -> None:
    """Raise unless every value in `used` is in `defined`."""
    missing = sorted(set(used) - set(defined))
    if missing:
        known = sorted(value for value in defined if value)
        listed = f" ({', '.join(known)})" if len(known) <= 15 else ""
        what = what or "defined in the data files"
        raise DemoDataError(f"{where}: {field}: {missing[0]!r} is not {what}{listed}")


def _unique(file: str, key: str, values: Iterable[str]) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise DemoDataError(f"{file}: {key} {value!r} is defined twice")
        seen.add(value)
