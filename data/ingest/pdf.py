"""PDF documents: the text layer, read with pypdf, page by page.

Official statements and UN documents are mostly PDFs. The text of each page is extracted in
the order the PDF draws it (a two-column page gives its columns one after the other), pages
are joined with form feeds, and the print layout is undone like any text's (see
:func:`tension.data.ingest.documents.clean_text`: lines broken inside sentences joined,
end-of-line hyphens, page numbers and running headers or footers dropped).

Refused with a reason: a PDF that cannot be parsed, one that is encrypted with a password,
and a scanned PDF with no text layer (it needs OCR first, e.g. ``ocrmypdf``).
Limits: the title comes from the PDF's metadata; the date from the first lines of the text
(see :func:`tension.data.ingest.dates.date_in_text`), not from the metadata's creation date,
which is often the date a file was converted.
"""

from __future__ import annotations

import io
import logging
import zlib
from datetime import date

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from tension.data.ingest.dates import date_in_text
from tension.data.ingest.documents import Document, Rejected, clean_text

_MIN_LETTERS = 20  # fewer letters than this on every page together: no text layer
_PARSE_ERRORS = (
    PyPdfError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    AssertionError,
    RecursionError,
    OSError,
    zlib.error,
)


def pdf_document(raw: bytes, name: str, *, default_date: date | None = None) -> Document | Rejected:
    """The document in the PDF file ``name`` whose bytes are ``raw``, or why not."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not the user's
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            return Rejected(name, "encrypted PDF: it needs a password")
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
        title = str(meta.title).strip() if meta is not None and meta.title else None
    except _PARSE_ERRORS as exc:
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        return Rejected(name, f"cannot read the PDF ({detail})")
    text = clean_text("\f".join(pages))
    if sum(ch.isalpha() for ch in text) < _MIN_LETTERS:
        return Rejected(
            name,
            f"scanned PDF without a text layer ({len(pages)} page(s), no text): "
            "run OCR on it first (for example ocrmypdf) and ingest the result",
        )
    return Document(
        text=text,
        source=name,
        title=title or None,
        published=date_in_text(text) or default_date,
    )
