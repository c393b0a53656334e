"""Inventory export: one programme's inventory as Excel (all sheets) or CSV (one sheet).

Headings and choice labels are in the active language (the view wraps the call in
`translation.override`). The files are written by `alakompass.spreadsheets` (formula
neutralising, sheet titles, CSV with BOM, semicolons and the language's decimal separator,
download headers), the one module every export goes through. The Courses sheet's headings
are the ones the course-list import accepts, so an exported course list can be edited and
imported back.
"""

from programs.exporting.sheets import (
    DEFAULT_CSV_SHEET,
    SHEET_KEYS,
    SHEET_TITLES,
    inventory_sheet,
    inventory_sheets,
)
from programs.exporting.writing import export_filename, inventory_xlsx

__all__ = [
    "DEFAULT_CSV_SHEET",
    "SHEET_KEYS",
    "SHEET_TITLES",
    "export_filename",
    "inventory_sheet",
    "inventory_sheets",
    "inventory_xlsx",
]
