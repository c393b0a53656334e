"""The value every document function returns: the bytes and what the archive stores about them."""

from dataclasses import dataclass

PDF_CONTENT_TYPE = "application/pdf"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class RenderedFile:
    """One rendered document: its bytes, content type, file extension, pages and title."""

    content: bytes
    content_type: str  # "application/pdf" or the XLSX content type
    extension: str  # "pdf" | "xlsx"
    page_count: int | None  # PDFs only
    title: str  # the document's title (also in the PDF metadata)
