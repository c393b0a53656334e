"""The programme report's tables, read back as word boxes: no cell's text runs into the next."""

import datetime
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reports import documents
from tests.reports.report_builders import open_round

XHTML = "{http://www.w3.org/1999/xhtml}"


def word_boxes(content: bytes) -> list[tuple[str, float, float, float]]:
    """Every word of the PDF as (text, x_min, x_max, y_min), read with `pdftotext -bbox`."""
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "report.pdf"
        pdf.write_bytes(content)
        html = subprocess.run(
            ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True
        ).stdout
    root = ET.fromstring(html)
    return [
        (w.text or "", float(w.get("xMin", 0)), float(w.get("xMax", 0)), float(w.get("yMin", 0)))
        for w in root.iter(f"{XHTML}word")
    ]


@pytest.mark.django_db
def test_a_long_activity_type_in_the_annex_stays_inside_its_column(program):
    report = documents.program_report(
        compass_round=open_round(program),
        language="sv",
        generated_by=None,
        generated_at=datetime.datetime(2026, 10, 1, 11, 30, tzinfo=datetime.UTC),
    )
    words = word_boxes(report.content)
    # The annex row: type "Gästföreläsning" (narrow column) just left of status "Obligatorisk".
    types = [w for w in words if w[0].startswith("Gästföreläs")]
    statuses = [w for w in words if w[0].startswith("Obligato")]
    pairs = [
        (type_right, status_left)
        for _, type_left, type_right, type_top in types
        for _, status_left, _, status_top in statuses
        if abs(type_top - status_top) < 1 and type_left < status_left
    ]
    assert pairs, "the annex row's type and status are separate words on one line"
    for type_right, status_left in pairs:
        assert type_right <= status_left
