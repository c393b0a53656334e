"""Read a rendered PDF back for the report tests: text per page, fonts, metadata, outline."""

import io
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader


def pdf_pages_text(content: bytes) -> list[str]:
    """The text of every page, by poppler's pdftotext (layout kept per page)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(content)
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_fonts(content: bytes) -> list[list[str]]:
    """pdffonts' rows (name, type, encoding, emb, sub, uni, object, generation)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(content)
        output = subprocess.run(
            ["pdffonts", str(path)], check=True, capture_output=True, text=True
        ).stdout
    return [line.split() for line in output.splitlines()[2:] if line.strip()]


def pdf_reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def outline_titles(reader: PdfReader) -> list[str]:
    """Every bookmark title, depth first."""
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))

    walk(reader.outline)
    return titles
