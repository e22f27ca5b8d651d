"""Getting documents into the store: sources, normalisation, the ingest pipeline.

Readers yield :class:`Document` (to score) or :class:`Rejected` (to quarantine, with a
one-line reason); :func:`ingest_documents` scores and publishes them. The dashboard's "Add
data" page and the ``tension ingest`` command call the same functions.

Names are loaded on first use (PEP 562), so importing one light submodule (dates, say, for
``tension extract``) does not import the store's readers (DuckDB, pyarrow, pandas).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tension.data.ingest.dates import parse_date
    from tension.data.ingest.documents import (
        Document,
        Note,
        Rejected,
        parse_country,
        with_speaker,
    )
    from tension.data.ingest.feeds import feed_urls_from_file, read_feeds
    from tension.data.ingest.files import (
        read_bytes,
        read_file,
        read_paths,
        read_text_input,
        read_upload,
    )
    from tension.data.ingest.normalise import article_id, normalise_url
    from tension.data.ingest.pipeline import IngestReport, ingest_documents
    from tension.data.ingest.tabular import documents_from_records, parse_column_map
    from tension.data.ingest.web import read_urls

__all__ = [
    "Document",
    "IngestReport",
    "Note",
    "Rejected",
    "article_id",
    "documents_from_records",
    "feed_urls_from_file",
    "ingest_documents",
    "normalise_url",
    "parse_column_map",
    "parse_country",
    "parse_date",
    "read_bytes",
    "read_feeds",
    "read_file",
    "read_paths",
    "read_text_input",
    "read_upload",
    "read_urls",
    "with_speaker",
]

_HOME = {
    "Document": "documents",
    "IngestReport": "pipeline",
    "Note": "documents",
    "Rejected": "documents",
    "article_id": "normalise",
    "documents_from_records": "tabular",
    "feed_urls_from_file": "feeds",
    "ingest_documents": "pipeline",
    "normalise_url": "normalise",
    "parse_column_map": "tabular",
    "parse_country": "documents",
    "parse_date": "dates",
    "read_bytes": "files",
    "read_feeds": "feeds",
    "read_file": "files",
    "read_paths": "files",
    "read_text_input": "files",
    "read_upload": "files",
    "read_urls": "web",
    "with_speaker": "documents",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
