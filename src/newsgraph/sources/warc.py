"""WARC input (placeholder until the WARC reader lands): refuse clearly rather than guess."""

from __future__ import annotations

from collections.abc import Iterator

from .base import Document, InputError


def read_warc(data: bytes, uri: str) -> Iterator[Document]:
    raise InputError("WARC input is not supported yet")
    yield  # pragma: no cover
