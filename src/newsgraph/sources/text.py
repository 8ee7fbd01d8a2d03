"""Plain-text input: one file may hold several stories; splitting them is the segment stage's job."""

from __future__ import annotations

from collections.abc import Iterator

from .base import Document
from .decode import decode


def read_text(data: bytes, uri: str) -> Iterator[Document]:
    warnings: list[str] = []
    text = decode(data, uri, warnings)
    yield Document(uri=uri, format="text", text=text, warnings=warnings)
