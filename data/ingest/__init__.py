"""Getting documents into the store: sources, normalisation, the ingest pipeline."""

from data.ingest.documents import Document, Rejected
from data.ingest.files import documents_from_records, read_paths
from data.ingest.normalise import article_id, normalise_url, parse_date
from data.ingest.pipeline import IngestReport, ingest_documents

__all__ = [
    "Document",
    "IngestReport",
    "Rejected",
    "article_id",
    "documents_from_records",
    "ingest_documents",
    "normalise_url",
    "parse_date",
    "read_paths",
]
