"""Cleaning and splitting: a Document becomes the Stories it holds."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from typing import get_args

from ..model import Removed, RemovedKind
from ..sources.base import Document
from .glue import DocCounts, doc_counts
from .glue_words import REPAIRED as GLUE_LANGS
from .lines import Line, assign_roles, split_lines
from .markdown import document_lines
from .memory import html_page, mark_recurring
from .page_roles import page_stories
from .story import Story, build_story
from .titles import story_title

__all__ = ["Line", "Story", "document_stories"]

# The schema's `removed.kind` values; anything else a source reports is filed as "other".
REMOVED_KINDS = frozenset(get_args(RemovedKind))


def _language(text: str) -> str | None:
    """The document's language by newsgraph's detector; None when it cannot tell."""
    from ..lang import UNDETERMINED, detect_full

    code = detect_full(text).code
    return None if code == UNDETERMINED else code


class _GlueContexts:
    """The whole document's word counts (glue.doc_counts), which glued-word repair weighs its splits against, in
    the language of the story being repaired. Repair uses that language's word list: English (and text the
    detector cannot place), French, Spanish (not yet Russian: glue_words.REPAIRED). In any other language
    "protesta" is a word, not "protest" glued to "a": the English list's model declines in documents with few
    English function words, and detection also catches the short ones it takes for English. When the document's
    language has no word list, each story of it whose own language has one is repaired in that: pages run
    together may mix languages, and the detector reads only a text's first 2,000 characters, so one foreign page
    first in a document stopped every repair in the English pages after it (6 of lines_eval's 450 run-together
    documents of the train, tune and test parts). Only then: placing every story costs a detection each (the
    user's example's cleaning went from 8.2% to 9.7% of spaCy's time, benchmarks/clean_eval.py)."""

    def __init__(self, whole: str) -> None:
        self.whole = whole
        self.by_lang: dict[str | None, DocCounts] = {}
        self.doc_lang: str | None = _language(whole)

    def of(self, group: list[Line] | None) -> DocCounts:
        """The counts for a story made of `group` (None: the document is one story, in the document's language)."""
        lang = self.doc_lang
        if group is not None and lang not in GLUE_LANGS:
            body = "\n".join(ln.text for ln in group if ln.role == "body")
            own = _language(body) if body else None
            lang = own if own in GLUE_LANGS else lang
        if lang not in self.by_lang:
            context = doc_counts(self.whole, lang if lang in GLUE_LANGS else "en")
            if lang is not None and lang not in GLUE_LANGS:
                context.shape = (0.0, context.shape[1] if context.shape else 0.0)
            self.by_lang[lang] = context
        return self.by_lang[lang]


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
    contexts = _GlueContexts("\n".join(ln.text for ln in lines))
    titled = many or doc.title is None  # else the source's title names the one story
    repeats = Counter(ln.text for ln in lines) if titled else Counter()
    stories = []
    for g, unread_here in zip(groups, _file_unread(unread, groups), strict=True):
        context = contexts.of(g if many else None)
        st = build_story(g, doc.uri, doc.format, record=doc.record, title=title if not many else None,
                         published=published, with_span=many, glue_context=context)
        if doc.url and doc.url != doc.uri:
            st.url = doc.url
        st.outlet = doc.outlet
        if titled and st.title is None:
            # Without a title from the source, the likeliest of the story's first lines names it.
            st.title = story_title(g, repeats)
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
