"""Writing a previewed course list: every row in one transaction, or nothing."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from programs import services
from programs.importing.results import WRITING_STATUSES, Preview
from programs.importing.rows import course_list_preview
from programs.models import Program


class ImportRejected(Exception):
    """Commit refused: the file has rejected rows (the preview says which)."""

    def __init__(self, preview: "Preview") -> None:
        super().__init__("rejected rows")
        self.preview = preview


class ImportCommitError(Exception):
    """A row failed while writing; everything was rolled back."""

    def __init__(self, *, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def course_list_commit(
    *, program: Program, user: User | None, data: bytes, filename: str
) -> Preview:
    """Write every row of the file, or none: any rejected row or failing write stops all.

    The file is checked again as `user` imports it, and every row goes through
    `services.course_add_to_program`, which links an existing course the user may not
    change without applying the file's names or credits (the preview's note said so).
    """
    preview = course_list_preview(program=program, user=user, data=data, filename=filename)
    if not preview.can_commit:
        raise ImportRejected(preview)
    line: int | None = None
    try:
        with transaction.atomic():
            for row in preview.rows:
                if row.status not in WRITING_STATUSES:
                    continue
                line = row.line
                services.course_add_to_program(program=program, user=user, **row.values)
    except ValidationError as exc:
        raise ImportCommitError(line=line, message=" ".join(exc.messages)) from exc
    except DatabaseError as exc:
        raise ImportCommitError(
            line=line, message=_("The database refused the row (%(error)s).") % {"error": exc}
        ) from exc
    return preview
