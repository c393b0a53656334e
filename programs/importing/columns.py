"""Which headings mean which field: the accepted columns and their synonyms (docs/import.md)."""

import re
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy

from programs.models import Course, ProgramCourse, concrete_field


@dataclass(frozen=True)
class Column:
    """One importable field and the headings that mean it ("A | B | C", as people write them)."""

    field: str
    label: Any  # lazy translation
    headings: str
    required: bool = False
    alternative: str = ""  # a field whose column may stand in for a required one
    required_note: Any = ""  # lazy translation: how the alternative stands in

    @property
    def synonyms(self) -> list[str]:
        return [heading.strip() for heading in self.headings.split("|")]


KIND_MANDATORY_HEADINGS = "Obligatorisk | Obligatorisk kurs | Obl | Mandatory | Compulsory"
KIND_ELECTIVE_HEADINGS = "Valbar | Valbar kurs | Valfri | Elective | Optional"
COLUMNS = (
    Column(
        "code",
        gettext_lazy("Course code"),
        "Kurskod | Kod | Kurs-kod | Course code | Code",
        required=True,
    ),
    Column(
        "name_sv",
        gettext_lazy("Course name (Swedish)"),
        "Kursnamn | Benämning | Kursbenämning | Namn | Svenskt namn | Kursnamn svenska | "
        "Benämning svenska | Svensk benämning | Course name | Name | Swedish name",
        required=True,
    ),
    Column(
        "name_en",
        gettext_lazy("Course name (English)"),
        "Engelskt namn | Kursnamn engelska | Kursnamn på engelska | Engelsk benämning | "
        "Benämning engelska | Kursbenämning engelska | English name | English course name | "
        "Course name English",
    ),
    Column(
        "credits",
        gettext_lazy("Credits (hp)"),
        "Hp | Högskolepoäng | Poäng | Omfattning | Kurspoäng | Credits | ECTS",
        required=True,
    ),
    Column(
        "year",
        gettext_lazy("Programme year"),
        "År | Årskurs | Åk | Läsår | Programår | Studieår | Year | Programme year | "
        "Program year | Study year | Year of study",
        required=True,
        alternative="term",
        required_note=gettext_lazy(
            "Yes, unless the file has a term column: the year is then derived from the term "
            "(terms 1–2 are year 1, terms 3–4 year 2 …)"
        ),
    ),
    Column("term", gettext_lazy("Term"), "Termin | Terminsnummer | Term | Semester"),
    Column(
        "kind",
        gettext_lazy("Mandatory or elective"),
        "Obligatorisk/valbar | Obligatorisk eller valbar | Valbar/obligatorisk | Typ | Kurstyp | "
        "O/V | Mandatory/elective | Mandatory or elective | Kind | Type | Course type | "
        f"{KIND_MANDATORY_HEADINGS} | {KIND_ELECTIVE_HEADINGS}",
    ),
)
MODEL_FIELDS = {  # the export's Courses sheet uses these models' headings: accept them back
    "code": (Course, "code"),
    "name_sv": (Course, "name_sv"),
    "name_en": (Course, "name_en"),
    "credits": (Course, "credits"),
    "year": (ProgramCourse, "year"),
    "term": (ProgramCourse, "term"),
    "kind": (ProgramCourse, "kind"),
}

MANDATORY_WORDS = {
    "o",
    "obl",
    "obligatorisk",
    "obligatoriska",
    "obligatorisk kurs",
    "mandatory",
    "m",
    "compulsory",
    "required",
}
ELECTIVE_WORDS = {
    "v",
    "val",
    "valbar",
    "valbara",
    "valbar kurs",
    "valfri",
    "elective",
    "e",
    "optional",
}
YES_WORDS = {"ja", "j", "yes", "y", "x", "sant", "true", "1"}
NO_WORDS = {"nej", "n", "no", "falskt", "false", "0"}


def normalise_heading(text: str) -> tuple[str, str]:
    """The heading as matched: casefolded, punctuation to spaces; second form drops (…)."""
    value = str(text).replace("\xa0", " ").casefold().strip().strip("*:").strip()
    value = re.sub(r"\s*/\s*", "/", value)
    value = re.sub(r"[_\-.,;]+", " ", value)
    full = " ".join(re.sub(r"[()\[\]]", " ", value).split())
    short = " ".join(re.sub(r"\(.*?\)|\[.*?\]", " ", value).split())
    return full, short


def heading_lookup() -> dict[str, str]:
    """Normalised heading → field, from COLUMNS and the models' headings in sv and en."""
    lookup: dict[str, str] = {}
    for column in COLUMNS:
        for synonym in column.synonyms:
            lookup.setdefault(normalise_heading(synonym)[0], column.field)
    for name, (model, model_field) in MODEL_FIELDS.items():
        for language in ("sv", "en"):
            with translation.override(language):
                verbose = str(concrete_field(model, model_field).verbose_name)
            lookup.setdefault(normalise_heading(verbose)[0], name)
    return lookup


def field_for_heading(text: str, lookup: dict[str, str]) -> str | None:
    """The field a heading names, or None for a column to ignore."""
    full, short = normalise_heading(text)
    return lookup.get(full) or lookup.get(short)


def polar_headings(headings: str) -> set[str]:
    """Normalised headings of a yes/no column ("Obligatorisk: Ja")."""
    return {normalise_heading(heading)[0] for heading in headings.split("|")}
