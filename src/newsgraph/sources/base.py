"""What every reader yields: a Document to process, or a Reject that says why an input was skipped."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Article


class InputError(Exception):
    """One input cannot be read; the message says what to do. The run goes on with the others."""


@dataclass
class Document:
    uri: str
    format: str
    text: str | None = None
    html: str | None = None
    record: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None  # the publisher's name, when the user or a sidecar gives it
    warnings: list[str] = field(default_factory=list)
    # A newsgraph record read back (an export): stored as it is, not extracted again.
    article: Article | None = None


@dataclass
class Reject:
    uri: str
    reason: str
    record: str | None = None

    def __str__(self) -> str:
        where = f"{self.uri}#{self.record}" if self.record else self.uri
        return f"{where}: {self.reason}"
