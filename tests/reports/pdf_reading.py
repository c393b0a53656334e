"""Read a rendered PDF back for the report tests: text per page, fonts, metadata, outline."""

import io
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from pypdf import PdfReader


def pdf_pages_text(content: bytes) -> list[str]:
    """The text of every page, by poppler's pdftotext, white space collapsed.

    `-raw` keeps the content stream's order, which is the document's order, so the cells
    of a table row stay together; a long text wrapped over lines in a cell joins up again
    because runs of white space become one space.
    (pdftotext's -nodiag would drop the diagonal draft watermark, but on this poppler it
    also drops the upright header text of every page but the first.)
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(content)
        text = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    return [" ".join(page.split()) for page in pages]


def pdf_fonts(content: bytes) -> list[dict[str, str]]:
    """pdffonts' rows as dicts with at least "name" and "emb" ("yes" when embedded)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(content)
        output = subprocess.run(
            ["pdffonts", str(path)], check=True, capture_output=True, text=True
        ).stdout
    rows = []
    for line in output.splitlines()[2:]:
        if not line.strip():
            continue
        # The last five columns are emb, sub, uni, object id and generation; the type and
        # encoding before them may contain spaces ("CID TrueType").
        parts = line.split()
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


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


def xmp_text(reader: PdfReader) -> str:
    """The document's XMP metadata packet as text."""
    xmp = reader.xmp_metadata
    assert xmp is not None
    return xmp.stream.get_data().decode("utf-8")


def image_xobjects(reader: PdfReader) -> list[str]:
    """Names of image XObjects on any page, also inside form XObjects."""
    found: list[str] = []

    def walk(resources: object, seen: set[int]) -> None:
        if not resources:
            return
        xobjects = resources.get("/XObject") or {}
        for name, ref in xobjects.items():
            obj = ref.get_object()
            key = id(obj)
            if key in seen:
                continue
            seen.add(key)
            if obj.get("/Subtype") == "/Image":
                found.append(str(name))
            elif obj.get("/Subtype") == "/Form":
                walk(obj.get("/Resources"), seen)

    for page in reader.pages:
        walk(page.get("/Resources"), set())
    return found


PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"


def pdfa_identification(reader: PdfReader) -> tuple[str, str]:
    """(pdfaid:part, pdfaid:conformance) from the XMP, as attributes or as elements."""
    root = ET.fromstring(xmp_text(reader).split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
    values: dict[str, str] = {}
    for element in root.iter():
        for name in ("part", "conformance"):
            if PDFAID + name in element.attrib:
                values[name] = element.attrib[PDFAID + name]
            if element.tag == PDFAID + name and element.text:
                values[name] = element.text.strip()
    return values.get("part", ""), values.get("conformance", "")


def form_xobject_streams(page: object) -> list[bytes]:
    """The content streams of the page's form XObjects (where WeasyPrint draws an SVG)."""
    streams: list[bytes] = []

    def walk(resources: object) -> None:
        if not resources:
            return
        for ref in (resources.get("/XObject") or {}).values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Form":
                streams.append(obj.get_data())
                walk(obj.get("/Resources"))

    walk(page.get("/Resources"))
    return streams
