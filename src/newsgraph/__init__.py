"""newsgraph: who said what, who did what to whom, where, when and how many — from raw news."""

from .ingest import IngestError, IngestResult, extract_records, ingest
from .model import Article, Entity, Event, Figure, Place, Quote, Source
from .pipeline import Options, Pipeline, extract
from .sources import Document, Reject

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Document",
    "Entity",
    "Event",
    "Figure",
    "IngestError",
    "IngestResult",
    "Options",
    "Pipeline",
    "Place",
    "Quote",
    "Reject",
    "Source",
    "__version__",
    "extract",
    "extract_records",
    "ingest",
]
