"""Inventory export: one programme's inventory as Excel (all sheets) or CSV (one sheet).

Headings and choice labels are in the active language (the view wraps the call in
`translation.override`). Every text cell that a spreadsheet would read as a formula
(starting with =, +, -, @, tab or carriage return) gets a leading apostrophe, as OWASP
advises against CSV/formula injection; numbers and dates stay numbers and dates.

CSV is written as UTF-8 with BOM, semicolon-separated, with the language's decimal
separator (7,5 in Swedish), so Swedish Excel opens it with å ä ö and numbers intact. The
Courses sheet's headings are the ones the course-list import accepts, so an exported
course list can be edited and imported back.
"""

from programs.exporting.sheets import (
    DEFAULT_CSV_SHEET,
    SHEET_KEYS,
    SHEET_TITLES,
    Sheet,
    inventory_sheet,
    inventory_sheets,
)
from programs.exporting.writing import (
    CSV_CONTENT_TYPE,
    FORMULA_PREFIXES,
    XLSX_CONTENT_TYPE,
    export_filename,
    inventory_xlsx,
    neutralise,
    sheet_csv,
    sheets_xlsx,
)

__all__ = [
    "CSV_CONTENT_TYPE",
    "DEFAULT_CSV_SHEET",
    "FORMULA_PREFIXES",
    "SHEET_KEYS",
    "SHEET_TITLES",
    "XLSX_CONTENT_TYPE",
    "Sheet",
    "export_filename",
    "inventory_sheet",
    "inventory_sheets",
    "inventory_xlsx",
    "neutralise",
    "sheet_csv",
    "sheets_xlsx",
]
