"""Stage order, batching and rejects: Documents in, Articles (and Rejects) out, streaming.

Stories are gathered into batches for `nlp.pipe`; every extractor then fills its part of each Article, in
an order checked once, when the Pipeline is built, against what each stage reads and adds (stages.py).
A failure inside one story becomes a Reject with the reason; the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from . import lang
from . import nlp as nlp_mod
from .clean import Story, document_stories
from .clean.memory import SiteMemory, prescan, recurring_for, taken
from .extract import Stage
from .model import Article, Seen, Source
from .sources import Document, Reject, read
from .stages import check_stages, default_stages

log = logging.getLogger(__name__)

# Stories longer than this are cut for spaCy (its own limit is 1,000,000 characters and memory grows with it).
MAX_STORY_CHARS = 200_000


@dataclass
class Options:
    model: str | None = None
    batch_size: int = 32
    # Processes for spaCy and the extractors (workers.py): 1 runs in this process, None uses every core.
    # A Pipeline is the building block and runs in-process unless told; newsgraph.ingest, extract_records and
    # the CLI use every core by default.
    workers: int | None = 1
    # With workers > 1, an input of fewer characters than this (as workers.py estimates them before cleaning)
    # stays in-process (None: workers.MIN_CHARS); 0 always starts the pool.
    pool_min_chars: int | None = None
    stages: Sequence[Stage] | None = None
    # Lines recurring across a site's pages are furniture (clean/memory.py): within a run, and across runs
    # when a store is given.
    site_memory: bool = True


class Pipeline:
    """Load once, run many: `for item in Pipeline().run(paths)` yields Articles and Rejects in input order."""

    def __init__(self, options: Options | None = None, nlp=None,
                 warn: Callable[[str], None] | None = None) -> None:
        self.options = options or Options()
        # Problems that do not stop a document (bytes replaced, records skipped) go here.
        self.warn = warn or log.warning
        self.stages = list(self.options.stages or default_stages())
        check_stages(self.stages)  # once, here: a misordered list fails before any story is read
        self.components = sorted({c for st in self.stages for c in st.components})
        self._nlp = nlp

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = nlp_mod.load(self.options.model, needs=self.components)
        return self._nlp

    @property
    def workers(self) -> int:
        """Processes a run may use: 1 when this pipeline was given its nlp object (workers load their own
        from `options.model`, which might not be the same)."""
        from .workers import resolve

        return 1 if self._nlp is not None else resolve(self.options.workers)

    def check_model(self) -> None:
        """Raise ModelError now rather than at the first story: loads the model for an in-process run; with
        workers, where this process never needs it, only checks that the name resolves to an installed one."""
        if self.workers == 1:
            self.nlp  # noqa: B018
            return
        from pathlib import Path

        import spacy.util

        name = self.options.model or nlp_mod.default_model()
        if not (spacy.util.is_package(name) or Path(name).exists()):
            raise nlp_mod.ModelError(f"cannot load spaCy model {name!r}: install it with pip, or choose another "
                                     "with --model")

    def stories(self, docs: Iterable[Document | Reject], store: Any = None) -> Iterator[Story | Reject | Article]:
        """Cleaned stories. With site memory on, documents are read a window ahead (clean/memory.py prescan) and
        `store` (optional) keeps the memory across runs."""
        memory = SiteMemory(store) if self.options.site_memory else None
        for d, page in prescan(docs, memory) if memory is not None else ((d, None) for d in docs):
            if isinstance(d, Reject):
                yield d
                continue
            if d.article is not None:
                yield d.article
                continue
            try:
                recurring = recurring_for(page, memory) if page is not None and memory is not None else ()
                stories = document_stories(d, recurring)
            except Exception as e:
                log.debug("cleaning failed", exc_info=True)
                yield Reject(d.uri, f"cleaning failed: {type(e).__name__}: {e}", record=d.record)
                continue
            if page is not None and memory is not None:
                memory.record(page.site, page.key, page.fps, taken(r for st in stories for r in st.removed))
            for w in d.warnings:
                self.warn(f"{d.uri if d.record is None else f'{d.uri}#{d.record}'}: {w}")
            if not stories:
                yield Reject(d.uri, "no story text found after cleaning", record=d.record)
            yield from stories
        if memory is not None:
            memory.save()

    def run_documents(self, docs: Iterable[Document | Reject], known: Callable[[str], bool] | None = None,
                      store: Any = None) -> Iterator[Article | Reject | Seen]:
        """`known(id)` says a story is already stored: it skips spaCy and comes out as a Seen. `store`: where
        the site memory is kept across runs (the store being ingested into). In input order, on
        `options.workers` processes (workers.py: the output is the same on any number)."""
        if self.workers > 1:
            from .workers import run_documents

            return run_documents(self, docs, known, store)
        return self.run_here(self.batches(docs, known, store))

    def run_here(self, batches: Iterable[list[Story | Reject | Seen | Article]]) -> Iterator[Article | Reject | Seen]:
        """Batches extracted in this process."""
        for batch in batches:
            yield from self._process(batch)

    def batches(self, docs: Iterable[Document | Reject], known: Callable[[str], bool] | None,
                 store: Any) -> Iterator[list[Story | Reject | Seen | Article]]:
        """Cleaned stories in batches of `batch_size` items, those already stored turned into Seen."""
        batch: list[Story | Reject | Seen | Article] = []
        for item in self.stories(docs, store):
            if known is not None and isinstance(item, Story | Article):
                sid = item.id if isinstance(item, Article) else Article.make_id(item.text[:MAX_STORY_CHARS], item.title)
                if known(sid):
                    item = Seen(sid, Source(item.uri, item.format, item.record, item.span, item.url,
                                              item.outlet) if isinstance(item, Story)
                                else item.source)
            batch.append(item)
            if len(batch) >= self.options.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def run(self, inputs: Iterable[str], fmt: str = "auto", known: Callable[[str], bool] | None = None,
            store: Any = None) -> Iterator[Article | Reject | Seen]:
        return self.run_documents(read(inputs, fmt), known, store)

    def _process(self, batch: list[Story | Reject | Seen | Article]) -> Iterator[Article | Reject | Seen]:
        stories = [s for s in batch if isinstance(s, Story)]
        # Each story's language decides who reads it: English stories go through the English model and stages,
        # French, Spanish, Russian and any other language through newsgraph/lang.
        dets = {id(s): lang.detect_full(s.text[:MAX_STORY_CHARS]) for s in stories}
        english = [s for s in stories if lang.route(dets[id(s)]) == "en"]
        texts = (nlp_mod.nlp_text(s.text[:MAX_STORY_CHARS]) for s in english)
        # records read back need no model: don't load one for them
        docs = iter(self.nlp.pipe(texts, batch_size=self.options.batch_size) if english else ())
        for item in batch:
            if not isinstance(item, Story):
                yield item
                continue
            det = dets[id(item)]
            doc = next(docs) if lang.route(det) == "en" else None
            try:
                yield self.article(item, doc, det)
            except Exception as e:
                log.debug("extraction failed", exc_info=True)
                yield Reject(item.uri, f"extraction failed: {type(e).__name__}: {e}", record=item.record)

    def article(self, story: Story, doc, det: lang.Detection | None = None) -> Article:
        """The story's record: the English stages over its parsed `doc`, or, with no doc (a story in another
        language), newsgraph/lang's readers for its detected language."""
        text = story.text[:MAX_STORY_CHARS]
        art = Article(
            id=Article.make_id(text, story.title),
            source=Source(story.uri, story.format, story.record, story.span, story.url, story.outlet),
            text=text,
            title=story.title,
            published=story.published,
            headings=story.headings,
            captions=story.captions,
            removed=story.removed,
            repairs=story.repairs,
        )
        if doc is None:
            lang.fill(art, det or lang.detect_full(text))
            return art
        for st in self.stages:
            st.run(art, doc, story)
        return art


def extract(text_or_path: str, *, fmt: str = "auto", options: Options | None = None) -> list[Article]:
    """Articles from a path (file, folder, glob) or from a string of text. Rejects raise ValueError."""
    import os

    pipe = Pipeline(options)
    if "\n" not in text_or_path and len(text_or_path) < 4096 and (os.path.exists(text_or_path) or text_or_path == "-"):
        items = pipe.run([text_or_path], fmt)
    else:
        items = pipe.run_documents([Document(uri="<string>", format="text", text=text_or_path)])
    out: list[Article] = []
    for it in items:
        if isinstance(it, Reject):
            raise ValueError(str(it))
        if isinstance(it, Article):  # a Seen comes only from a run told what is stored, which this is not
            out.append(it)
    return out
