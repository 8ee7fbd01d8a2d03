"""HTML input: trafilatura finds the main content and metadata; our line roles clean what it leaves.

The text comes out one block a line (heading, paragraph, list item, table row with tab-separated cells) so
that the line roles of `newsgraph.clean.lines` apply to HTML as to plain text. Before that, what only the
HTML shows is used here:
- class names: sign-up forms, calls to action, disclosures, tables of contents are pruned (PRUNE_XPATH);
- links: a heading, item or short paragraph that is all link, a list made of links, leads elsewhere;
- metadata: the page's title and own address repeated in the body, bylines and datelines next to the
  author and date trafilatura found, image addresses and timestamps leaked from scripts;
- position: after the story's last full paragraph, a heading with a short run under it is a widget.
Captions are not part of the text: trafilatura drops figures, so we read <figcaption> ourselves.
Measured in benchmarks/html_eval.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..lexicon import MONTH_NUMBERS, MONTH_WORDS_BUT_MAY, WEEKDAY_ABBREVIATIONS, WEEKDAYS
from .base import Document, InputError
from .decode import decode_html

# libxml2 and trafilatura's recursive walks fail in unhelpful ways on pathological nesting; past this many
# nested open tags we refuse the page with a clear reason.
MAX_DEPTH = 1000
# trafilatura's own limit (settings.cfg MAX_FILE_SIZE); above it, it silently returns nothing.
MAX_HTML_CHARS = 20_000_000

def _class_or_id(*fragments: str) -> str:
    attrs = ("translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')",
             "translate(@id, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')")
    return " or ".join(f"contains(concat(' ', {a}, ' '), '{f}')" for a in attrs for f in fragments)


def _token(tok: str) -> tuple[str, ...]:
    """A class token on its own or as a part of a BEM/kebab name, not inside another word ('cta', not 'octave')."""
    return tuple(f"{a}{tok}{b}" for a in (" ", "-", "_") for b in (" ", "-", "_"))


# Calls to action, sign-up forms, disclosures, tables of contents and paywall notices sit inside the
# article container on many sites, where trafilatura keeps them; their class names say what they are.
# (Tuned on WCXB development pages: which class tokens wrap leaked `without` snippets and never body text.)
PRUNE_XPATH = (
    "//*[self::div or self::section or self::aside or self::p or self::span or self::ul or self::ol or self::form "
    "or self::nav or self::h2 or self::h3 or self::h4][" + _class_or_id(
        "signup", "sign-up", "subscri", "newsletter", "optin", "opt-in", "mc4wp", "mailchimp", "convertkit",
        "klaviyo", "call-to-action", "calltoaction", "disclaimer", "disclosure", "affiliate", "reading-time",
        "read-time", "readtime", "popup", "tableofcontent", "table-of-content", "prevnext", "prev-next", "breadcrumb",
        *_token("cta"), *_token("toc"), *_token("promo"), *_token("modal"),
    ) + "]"
)

_PRUNE = None


def prune_boilerplate(tree) -> int:
    """Remove the PRUNE_XPATH elements from a parsed page, in place; returns how many went.

    A wrapper that happens to carry such a name ("page has-popup") must not take the story with it: an
    element holding an <h1>, an <article> or a fifth of the page's text stays.
    """
    global _PRUNE
    from lxml import etree

    if _PRUNE is None:
        _PRUNE = etree.XPath(PRUNE_XPATH)
    body = tree.find(".//body")
    total = _visible_chars(body if body is not None else tree)
    n = 0
    for el in _PRUNE(tree):
        parent = el.getparent()
        if parent is None or el.find(".//h1") is not None or el.find(".//article") is not None:
            continue
        if _visible_chars(el) > 0.2 * total or _prose_paragraphs(el) >= PROSE_PARAGRAPHS:
            continue
        tail = el.tail
        if tail and tail.strip():
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        parent.remove(el)
        n += 1
    return n


# A call to action, a sign-up form or a table of contents holds a line or two of prose, not several
# paragraphs: a named wrapper with this many paragraphs of 12+ words is the story's container, whatever its
# class says ("sticky-table-of-content", "newsletter-cms" and "above-cta" wrapped whole articles on WCXB
# development pages, where the whole-page share below missed them behind kilobytes of script text).
PROSE_PARAGRAPHS = 4
_INVISIBLE = "ancestor::script or ancestor::style or ancestor::noscript or ancestor::template"


def _visible_chars(el) -> int:
    """Characters of text a reader sees: script and style contents count for nothing."""
    return sum(len(t) for t in el.xpath(f".//text()[not({_INVISIBLE})]"))


def _prose_paragraphs(el) -> int:
    return sum(1 for p in el.iter("p") if len((p.text_content() or "").split()) >= 12)


_DOC_START = re.compile(r"<(!doctype\s+html|html|head|body)\b", re.I)


@dataclass
class HtmlText:
    """What one page yields: its main text, one block a line, and what we know about it."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None  # canonical URL from the page's metadata, else the one given
    author: str | None = None
    sitename: str | None = None
    description: str | None = None
    headings: list[str] = field(default_factory=list)  # lines of `text` that were HTML headings
    captions: list[str] = field(default_factory=list)
    # (line, kind) taken out here, kinds as in the schema's `removed.kind`
    dropped: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Block:
    text: str
    tag: str  # p | head | item | row | quote | code
    link_chars: int = 0
    group: int = 0  # blocks of one list or table share a group number

    @property
    def link_ratio(self) -> float:
        n = len(self.text.replace(" ", ""))
        return self.link_chars / n if n else 0.0


_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
# Elements whose end tag is absent or optional do not count as nesting.
_FLAT = {b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"source",
         b"track", b"wbr", b"param", b"p", b"li", b"option", b"td", b"tr", b"th", b"dt", b"dd"}


def nesting_depth(html: str | bytes, stop_at: int = MAX_DEPTH) -> int:
    """A cheap upper estimate of tag nesting (open minus close tags), stopping once past `stop_at`."""
    depth = best = 0
    data = html.encode("utf-8", errors="replace") if isinstance(html, str) else html
    for m in _TAG.finditer(data):
        if m.group(2).lower() in _FLAT or m.group(0).endswith(b"/>"):
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > best:
                best = depth
                if best > stop_at:
                    break
    return best


def _space(s: str) -> str:
    return " ".join(s.split())


def _captions(tree) -> list[str]:
    """Figure captions of the main article (the longest <article> when there is one, else the page)."""
    scope = tree
    arts = tree.xpath("//article")
    if arts:
        scope = max(arts, key=lambda a: len(a.text_content() or ""))
    out: list[str] = []
    for el in scope.iter("figcaption"):
        t = _space(el.text_content() or "")
        if 3 <= len(t) <= 600 and t not in out:
            out.append(t)
    return out


# --- the body tree trafilatura returns (its own XML: p, head, list/item, table/row/cell, quote, ref, lb, hi)

_CELL = "\ue000"  # a private-use character marks cell borders until whitespace is normalised
_BLOCK_TAGS = {"p", "head", "item", "row", "quote", "code", "list", "table", "div", "body", "doc", "main"}


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.link = 0
        self.tags: list[str] = ["p"]
        self.groups: list[int] = [0]
        self.next_group = 1

    def add(self, s: str | None, in_link: bool) -> None:
        if s:
            self.parts.append(s)
            if in_link:
                self.link += len(s.replace(" ", "").replace("\n", ""))

    def flush(self) -> None:
        text = _space("".join(self.parts)).replace(f" {_CELL} ", "\t").replace(_CELL, "\t").strip()
        if text:
            self.blocks.append(Block(text, self.tags[-1], self.link, self.groups[-1]))
        self.parts, self.link = [], 0

    def walk(self, el, in_link: bool = False) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "graphic":
            self.add(el.tail, in_link)
            return
        if tag == "lb":
            self.flush()
            self.add(el.tail, in_link)
            return
        if tag == "cell":
            # Cells of a row stay on the row's line, tab-separated as in TSV: a table row is content, and
            # " | " would read as a navigation bar to the line roles.
            if self.parts:
                self.parts.append(_CELL)
        block = tag in _BLOCK_TAGS
        link = in_link or tag == "ref"
        if block:
            self.flush()
            self.tags.append(tag if tag in ("head", "item", "row", "quote", "code") else "p")
            if tag in ("list", "table"):
                self.groups.append(self.next_group)
                self.next_group += 1
            else:
                self.groups.append(self.groups[-1])
        self.add(el.text, link)
        for child in el:
            self.walk(child, link)
        if block:
            self.flush()
            self.tags.pop()
            self.groups.pop()
        self.add(el.tail, in_link)


def body_blocks(body) -> list[Block]:
    w = _Walker()
    w.walk(body)
    w.flush()
    return w.blocks


# --- post-filters: what trafilatura keeps but is not the story

# A bare image or asset address left in the body is page metadata (og:image and the like), not a link the
# author put in the story; other bare URLs are kept, since articles do list them.
_ASSET_LINE = re.compile(r"^(https?:)?//\S+\.(jpe?g|png|gif|webp|svg|ico|css|js)(\?\S*)?$", re.I)
# A link whose text is its address is a source the author cites, not a way to another page of the site.
_URLISH = re.compile(r"^(https?://|www\.)\S+$", re.I)
_STAMP_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
_WORD = re.compile(r"\w+")
_SENT = re.compile(r"[.!?…\"”’'»)]$")


def _norm(s: str) -> str:
    return " ".join(_WORD.findall(s.lower()))


# Words of a byline or dateline: with the author's name, a date and numbers taken away, nothing is left.
_META_WORDS = set(
    "by and written reviewed edited fact checked updated update published posted on at last modified date "
    "min mins minute minutes read reading time estimated am pm gmt utc est edt pst pdt bst cet ist "
    "today yesterday ago hour hours day days week weeks the of in".split()
) | set(MONTH_NUMBERS) | set(WEEKDAY_ABBREVIATIONS) | set(WEEKDAYS)


_STRONG = set(
    "by written reviewed edited updated published posted modified min mins minute minutes read reading".split()
) | MONTH_WORDS_BUT_MAY


def _is_meta_line(text: str, author: str | None) -> bool:
    words = _WORD.findall(text.lower())
    if not words or len(words) > 14:
        return False
    names = set(_WORD.findall((author or "").lower()))
    rest = [w for w in words if w not in _META_WORDS and w not in names and not w.isdigit()
            and not re.fullmatch(r"\d+(st|nd|rd|th)", w)]
    # at most one stray word is left, and what went says byline or date (not a heading like "The day")
    strong = any(w in _STRONG or w in names for w in words)
    return strong and len(rest) <= (1 if len(words) >= 3 else 0)


def _same_as_title(text: str, title: str | None) -> bool:
    if not title:
        return False
    a, b = _norm(text), _norm(title)
    if not a or not b:
        return False
    # Titles often carry the site's name ("Headline | Site", "Site: Headline").
    return a == b or (len(a) >= 20 and (b.startswith(a) or b.endswith(a)))


# A run after the story longer than this is content (results, a list of facts), not a widget.
TAIL_MAX = 6


def filter_blocks(blocks: list[Block], title: str | None, urls: tuple[str | None, ...] = (),
                  author: str | None = None) -> tuple[list[Block], list[tuple[str, str]]]:
    """Blocks that are the story, and (text, kind) of those dropped."""
    dropped: list[tuple[str, str]] = []
    keep = [True] * len(blocks)

    def drop(i: int, kind: str) -> None:
        if keep[i]:
            keep[i] = False
            dropped.append((blocks[i].text, kind))

    # A list or table made mostly of links is a list of other stories or navigation.
    groups: dict[int, list[int]] = {}
    for i, b in enumerate(blocks):
        if b.group and b.tag in ("item", "row"):
            groups.setdefault(b.group, []).append(i)
    for idx in groups.values():
        linky = sum(1 for i in idx if blocks[i].link_ratio >= 0.5 and not _URLISH.match(blocks[i].text))
        if linky >= max(2, 0.6 * len(idx)):
            for i in idx:
                drop(i, "navigation")

    for i, b in enumerate(blocks):
        t = b.text
        words = len(t.split())
        if _ASSET_LINE.match(t) or _STAMP_LINE.match(t):
            drop(i, "other")
        elif b.link_ratio >= 0.8 and (b.tag in ("head", "item") or words <= 25) and not _URLISH.match(t):
            # a heading, item or short paragraph that is all link leads elsewhere: teaser or navigation
            drop(i, "teaser" if b.tag == "head" or words >= 4 else "navigation")
    # The page's own address or its title in the body are metadata already: the title anywhere word for
    # word, or near the top with the site's name added or cut.
    own = {u.rstrip("/") for u in urls if u}
    norm_title = _norm(title or "")
    seen_text = 0
    for i, b in enumerate(blocks):
        if not keep[i]:
            continue
        if b.text.rstrip("/") in own or (norm_title and _norm(b.text) == norm_title):
            drop(i, "other")
        elif seen_text < 3 and b.tag == "head" and _same_as_title(b.text, title):
            drop(i, "other")
        elif seen_text == 0 and _same_as_title(b.text, title):
            drop(i, "other")
        else:
            seen_text += 1
    full = [i for i, b in enumerate(blocks) if keep[i] and b.tag in ("p", "quote", "item")
            and len(b.text.split()) >= 15 and _SENT.search(b.text)]
    # Bylines, datelines and reading times above or below the story: the page's metadata says the same.
    for i, b in enumerate(blocks):
        if keep[i] and (not full or i < full[0] or i > full[-1]) and _is_meta_line(b.text, author):
            drop(i, "credit")
    # After the story's last full paragraph, a heading starts a widget ("Don't miss", "More from us"): the
    # heading and what follows it go.
    if full:
        tail_head = next((i for i in range(full[-1] + 1, len(blocks)) if keep[i] and blocks[i].tag == "head"), None)
        if tail_head is not None:
            region = [i for i in range(tail_head, len(blocks)) if keep[i]]
            linky = sum(blocks[i].link_ratio for i in region) / len(region)
            if len(region) <= TAIL_MAX or linky >= 0.5:
                for i in region:
                    drop(i, "teaser")
    # A heading with nothing after it introduces nothing: a widget's title ("Join our newsletter", "Related").
    for i in range(len(blocks) - 1, -1, -1):
        if not keep[i]:
            continue
        if blocks[i].tag != "head":
            break
        drop(i, "other")
    return [b for i, b in enumerate(blocks) if keep[i]], dropped


def extract_html(html: str, url: str | None = None) -> HtmlText:
    """Main text, headings, captions and metadata of a page. Raises InputError when it cannot be parsed."""
    import trafilatura
    from trafilatura.utils import load_html

    if len(html) > MAX_HTML_CHARS:
        raise InputError(f"HTML page of {len(html) // 2**20} MiB is larger than {MAX_HTML_CHARS // 10**6} MB")
    if nesting_depth(html) > MAX_DEPTH:
        raise InputError(f"HTML nested deeper than {MAX_DEPTH} elements; not a page we can parse")
    if not _DOC_START.search(html[:2048]):
        # A fragment (a feed entry's content): trafilatura wants a document with more than one block.
        html = f"<html><body><div>{html}</div></body></html>"
    try:
        tree = load_html(html)
        if tree is None:
            return HtmlText("")
        captions = _captions(tree)
        prune_boilerplate(tree)
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_formatting=False,
            include_links=True,  # kept for link density only; the text carries no link targets
            with_metadata=True,
            deduplicate=False,
        )
    except (RecursionError, ValueError) as e:
        why = type(e).__name__
        raise InputError(f"HTML could not be parsed ({why}); is it truncated or nested too deep?") from None
    if doc is None or getattr(doc, "body", None) is None:
        return HtmlText("", captions=captions)
    title = getattr(doc, "title", None)
    blocks, dropped = filter_blocks(body_blocks(doc.body), title, (url, getattr(doc, "url", None)),
                                    getattr(doc, "author", None))
    return HtmlText(
        text="\n".join(b.text for b in blocks),
        title=title,
        date=getattr(doc, "date", None),
        url=getattr(doc, "url", None) or url,
        author=getattr(doc, "author", None),
        sitename=getattr(doc, "sitename", None),
        description=getattr(doc, "description", None),
        headings=[b.text for b in blocks if b.tag == "head"],
        captions=captions,
        dropped=dropped,
    )


def html_to_text(html: str, url: str | None = None) -> tuple[str, str | None, str | None]:
    """Main text, title and date of a page. Lines stay lines; headings and paragraphs each get one."""
    page = extract_html(html, url)
    return page.text, page.title, page.date


def read_html(data: bytes, uri: str, url: str | None = None) -> Iterator[Document]:
    warnings: list[str] = []
    html = decode_html(data, uri, warnings)
    yield Document(uri=uri, format="html", html=html, url=url, warnings=warnings)
