"""HTML input: trafilatura finds the main content and metadata; our line roles clean what it leaves."""

from __future__ import annotations

from collections.abc import Iterator

from .base import Document, InputError
from .decode import decode

# lxml refuses trees deeper than this; we refuse earlier with a clear message instead of a crash.
MAX_DEPTH_HINT = 5000


def html_to_text(html: str, url: str | None = None) -> tuple[str, str | None, str | None]:
    """Main text, title and date of a page. Lines stay lines; headings and paragraphs each get one."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_formatting=False,
            with_metadata=True,
            favor_precision=False,
            deduplicate=False,
        )
    except (RecursionError, ValueError) as e:
        raise InputError(f"HTML could not be parsed ({type(e).__name__}); is it truncated or nested too deep?") from None
    if doc is None:
        return "", None, None
    text = getattr(doc, "text", None) or ""
    title = getattr(doc, "title", None)
    date = getattr(doc, "date", None)
    return text, title, date


def read_html(data: bytes, uri: str, url: str | None = None) -> Iterator[Document]:
    warnings: list[str] = []
    html = decode(data, uri, warnings)
    yield Document(uri=uri, format="html", html=html, url=url, warnings=warnings)
