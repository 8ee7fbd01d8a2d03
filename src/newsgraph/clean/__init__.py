"""Cleaning and splitting: a Document becomes the Stories it holds."""

from __future__ import annotations

from collections.abc import Collection
from typing import get_args

from ..model import Removed, RemovedKind
from ..sources.base import Document
from .glue import doc_counts
from .glue_words import REPAIRED as GLUE_LANGS
from .lines import Line, assign_roles, split_lines
from .markdown import document_lines
from .memory import html_page, mark_recurring
from .page_roles import page_stories
from .story import Story, build_story

__all__ = ["Line", "Story", "document_stories"]

# The schema's `removed.kind` values; anything else a source reports is filed as "other".
REMOVED_KINDS = frozenset(get_args(RemovedKind))


def _language(text: str) -> str | None:
    """The document's language by newsgraph's detector; None when it cannot tell."""
    from ..lang import UNDETERMINED, detect_full

    code = detect_full(text).code
    return None if code == UNDETERMINED else code


def _file_unread(unread: list[Line], groups: list[list[Line]]) -> list[list[Line]]:
    """Per group, the unread lines in its stretch of the source: from its first line (the first group's from the
    start) to the next group's first line."""
    starts = [-1.0 if k == 0 else g[0].start if g else float("inf") for k, g in enumerate(groups)]
    filed: list[list[Line]] = [[] for _ in groups]
    for ln in unread:
        k = max((k for k, at in enumerate(starts) if at <= ln.start), default=0)
        filed[k].append(ln)
    return filed


def document_stories(doc: Document, recurring: Collection[str] = ()) -> list[Story]:
    """The stories of a document. `recurring`: fingerprints of its site's template lines (clean/memory.py),
    which become furniture of kind "recurring" after the line roles are assigned."""
    title, published = doc.title, doc.published
    captions: list[str] = []
    dropped: list[Removed] = []
    unread: list[Line] = []  # a Markdown scrape's lines with nothing to read (rules, bare images): removed
    if doc.html is not None:
        page = html_page(doc.html, doc.url)
        title, published = title or page.title, published or page.date
        if doc.url is None and page.url:
            doc.url = page.url
        lines = split_lines(page.text)
        # The HTML said which lines are headings; that beats guessing from their shape.
        assign_roles(lines, headings=set(page.headings), learned=False)
        mark_recurring(lines, recurring)
        groups = [lines]  # a page is one story
        captions = list(page.captions)
        dropped = [Removed(text, kind if kind in REMOVED_KINDS else "other") for text, kind in page.dropped]
    else:
        lines, unread = document_lines(doc.text or "")
        groups = page_stories(lines, recurring)
    many = len(groups) > 1
    whole = "\n".join(ln.text for ln in lines)
    lang = _language(whole)
    # Glued-word repair weighs its splits against the document's language's word list: English (and text
    # the detector cannot place), French, Spanish (not yet Russian: glue_words.REPAIRED). In any other
    # language "protesta" is a word, not "protest" glued to "a": the English list's model declines in
    # documents with few English function words, and detection also catches the short ones it takes for English.
    context = doc_counts(whole, lang if lang in GLUE_LANGS else "en")
    if lang is not None and lang not in GLUE_LANGS:
        context.shape = (0.0, context.shape[1] if context.shape else 0.0)
    stories = []
    for g, unread_here in zip(groups, _file_unread(unread, groups), strict=True):
        st = build_story(g, doc.uri, doc.format, record=doc.record, title=title if not many else None,
                         published=published, with_span=many, glue_context=context)
        if doc.url and doc.url != doc.uri:
            st.url = doc.url
        st.outlet = doc.outlet
        if many or doc.title is None:
            # Without a title from the source, a story's first heading-like line names it.
            first = next((ln for ln in g if ln.role in ("heading", "body")), None)
            if st.title is None and first is not None and first.role == "heading":
                st.title = first.text
        for cap in captions:
            if cap not in st.captions:
                st.captions.append(cap)
                st.removed.append(Removed(cap, "caption"))
        st.removed.extend(dropped)
        st.removed.extend(Removed(ln.text, "other") for ln in unread_here)
        st.warnings = list(doc.warnings)
        if st.text.strip():
            stories.append(st)
    return stories
