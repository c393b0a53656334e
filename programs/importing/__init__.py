"""Course-list import: read a CSV or Excel file, preview every row, commit all or nothing.

The file is what Swedish student-records systems (Ladok) and Excel produce:

* CSV separated by semicolon, comma or tab (counted on the heading line; an Excel
  ``sep=;`` first line wins), in UTF-8 with or without BOM, UTF-16 with BOM (Excel's
  "Unicode text") or, failing UTF-8, Windows-1252. Decoding is tried in that fixed
  order rather than guessed statistically, so the same file always reads the same way.
* Excel .xlsx (read-only, cached values, not formulas): the first sheet that has a
  course-code column, otherwise the first sheet.

The heading row is the first row, among the first 20 non-empty ones, that names a
course-code column (so a title line above the headings is skipped); otherwise the first
non-empty row. Headings are matched case- and space-insensitively against the synonyms in
COLUMNS (documented in docs/import.md); unknown columns are listed as ignored.

A file without a programme-year column (or a row with an empty year cell) may give the
term instead: terms 1–2 are year 1, terms 3–4 year 2 and so on, and the row's note says the
year was derived. A course code on more than one row rejects every one of those rows.

An existing course is classified with the shared-course rule of services/courses.py: when
the importing user may not change its shared facts (code, names, credits), the row links it
as it is and a note lists the file's facts that are not applied. The preview therefore
depends on who imports (`user`).

Nothing here writes until `course_list_commit`, which re-reads the same bytes, refuses if
any row is rejected, and calls `services.course_add_to_program` (which keeps the same rule)
for every row inside one transaction: an error on any row rolls back every row. An import
never removes courses. An empty optional cell (English name, term, mandatory/elective) gives
a new course the default and leaves an existing placement's value as it is.
"""

from programs.importing.columns import COLUMNS, Column, field_for_heading, heading_lookup
from programs.importing.commit import ImportCommitError, ImportRejected, course_list_commit
from programs.importing.reading import (
    ImportFileError,
    Table,
    check_upload,
    read_table,
    upload_digest,
)
from programs.importing.results import STATUS_LABELS, Preview, Reason, RowResult, RowStatus
from programs.importing.rows import course_list_preview, parse_decimal

__all__ = [
    "COLUMNS",
    "STATUS_LABELS",
    "Column",
    "ImportCommitError",
    "ImportFileError",
    "ImportRejected",
    "Preview",
    "Reason",
    "RowResult",
    "RowStatus",
    "Table",
    "check_upload",
    "course_list_commit",
    "course_list_preview",
    "field_for_heading",
    "heading_lookup",
    "parse_decimal",
    "read_table",
    "upload_digest",
]
