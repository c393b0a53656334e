"""What a preview says about a course list: each row's status, reasons, notes and values."""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy

from programs.importing.reading import DELIMITER_LABELS


class RowStatus(StrEnum):
    """What the import does with a row."""

    CREATE = "create"
    UPDATE = "update"
    LINK = "link"
    UNCHANGED = "unchanged"
    REJECT = "reject"


STATUS_LABELS = {
    RowStatus.CREATE: gettext_lazy("New course"),
    RowStatus.UPDATE: gettext_lazy("Will be updated"),
    RowStatus.LINK: gettext_lazy("Existing course, added to the programme"),
    RowStatus.UNCHANGED: gettext_lazy("Unchanged"),
    RowStatus.REJECT: gettext_lazy("Rejected"),
}
WRITING_STATUSES = (RowStatus.CREATE, RowStatus.UPDATE, RowStatus.LINK)


@dataclass(frozen=True)
class Reason:
    """Why a row is rejected (or a note on it): a stable code and a sentence for people."""

    code: str
    message: str


@dataclass
class RowResult:
    """One course row of the file: what it says, what the import will do, and why."""

    line: int
    cells: dict[str, str]  # the file's text per field, shown in the preview
    status: RowStatus = RowStatus.CREATE
    values: dict[str, Any] = field(default_factory=dict)  # what the commit will write
    reasons: list[Reason] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    notes: list[Reason] = field(default_factory=list)
    year_from_term: bool = False  # the programme year was derived from the term

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def reason_codes(self) -> list[str]:
        return [reason.code for reason in self.reasons]

    def reject(self, code: str, message: str) -> None:
        self.reasons.append(Reason(code, message))
        self.status = RowStatus.REJECT


@dataclass
class Preview:
    """What an import would do: file facts, the columns used and every row's outcome."""

    filename: str
    file_format: str
    encoding: str
    delimiter: str
    sheet: str
    header_line: int
    columns: list[tuple[str, str]]  # (heading in the file, field label)
    ignored: list[str]
    rows: list[RowResult]

    @property
    def counts(self) -> dict[str, int]:
        counts = {status.value: 0 for status in RowStatus}
        for row in self.rows:
            counts[row.status.value] += 1
        return counts

    @property
    def rejected(self) -> list[RowResult]:
        return [row for row in self.rows if row.status == RowStatus.REJECT]

    @property
    def can_commit(self) -> bool:
        return bool(self.rows) and not self.rejected

    @property
    def delimiter_label(self) -> str:
        return str(DELIMITER_LABELS.get(self.delimiter, self.delimiter))
