"""Feed input (placeholder until the feed reader lands): refuse clearly rather than guess."""

from __future__ import annotations

from collections.abc import Iterator

from .base import Document, InputError


def read_feed(data: bytes, uri: str) -> Iterator[Document]:
    raise InputError("RSS/Atom input is not supported yet")
    yield  # pragma: no cover
