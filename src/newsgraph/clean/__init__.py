"""Cleaning and splitting: a Document becomes the Stories it holds."""

from __future__ import annotations

from ..sources.base import Document
from .glue import doc_counts
from .lines import Line, assign_roles, split_lines
from .segment import split_stories
from .story import Story, build_story

__all__ = ["Line", "Story", "document_stories"]


def document_stories(doc: Document) -> list[Story]:
    title, published = doc.title, doc.published
    if doc.html is not None:
        from ..sources.html import html_to_text

        text, t2, d2 = html_to_text(doc.html, doc.url)
        title, published = title or t2, published or d2
        lines = split_lines(text)
        assign_roles(lines)
        groups = [lines]  # a page is one story
    else:
        lines = split_lines(doc.text or "")
        assign_roles(lines)
        groups = split_stories(lines)
    many = len(groups) > 1
    context = doc_counts("\n".join(ln.text for ln in lines))
    stories = []
    for g in groups:
        st = build_story(g, doc.uri, doc.format, record=doc.record, title=title if not many else None,
                         published=published, with_span=many, glue_context=context)
        if many or doc.title is None:
            # Without a title from the source, a story's first heading-like line names it.
            first = next((ln for ln in g if ln.role in ("heading", "body")), None)
            if st.title is None and first is not None and first.role == "heading":
                st.title = first.text
        st.warnings = list(doc.warnings)
        if st.text.strip():
            stories.append(st)
    return stories
