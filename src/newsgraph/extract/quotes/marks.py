"""Quoted regions in text, from its quote marks alone: pure Python, no model.

Handles straight and curly double quotes, „German“ and «guillemet» pairs, ‘single’ quotes used as quotes
(told apart from apostrophes by what is on either side), marks inside an open quote (nested quotes stay part
of the outer one), unbalanced marks (an open mark with no close ends at its paragraph's end) and quotes that
run over several paragraphs (each paragraph reopens the mark and only the last one closes it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«‟〝"
DOUBLE_CLOSE = "”»〞"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
STRAIGHT = "\"'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT
# What may stand right before an opening mark, and right after a closing one.
_BEFORE_OPEN = " \t([{—–-/:;,"
_AFTER_CLOSE = " \t)]}—–-/:;,.?!…"
# Fewer quoted words than this, with no sentence punctuation, is a phrase or a term (a scare quote), not a
# statement that can stand alone or inherit the last speaker.
MIN_WORDS_UNATTRIBUTED = 4
_WORD = re.compile(r"\w+")
_TITLE_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from"}


@dataclass
class Region:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    family: str  # "double" or "single"
    closed: bool = True  # False when the text ran out (paragraph end) before a closing mark
    paragraphs: int = 1  # more than one for a quote carried over paragraph breaks

    def text(self, source: str) -> str:
        return source[self.start:self.end]


def _family(ch: str) -> str:
    return "single" if ch in SINGLE_OPEN + SINGLE_CLOSE + "'" else "double"


def _role(text: str, i: int, open_family: str | None) -> str | None:
    """'open', 'close' or None (an apostrophe or an inch mark) for the mark at text[i]."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    starts_word = prev.isspace() or prev in _BEFORE_OPEN or prev in ALL_MARKS
    ends_word = nxt.isspace() or nxt in _AFTER_CLOSE or nxt in ALL_MARKS
    fam = _family(ch)
    if fam == "single":
        # Letters on both sides: an apostrophe (isn’t, O’Brien). A mark after a letter with no quote open:
        # a possessive (Jones’) or an elision.
        if prev.isalnum() and nxt.isalnum():
            return None
        if ch in "’'" and open_family == "single" and ends_word and not prev.isspace():
            return "close"
        if ch == "’":
            return None
        if ch in "‘'" and starts_word and nxt.isalnum():
            if ch == "'" and nxt.isdigit():  # '90s
                return None
            return "open" if open_family is None else None
        if ch in "‚‹" and open_family is None:
            return "open"
        if ch == "›" and open_family == "single":
            return "close"
        return None
    if ch == "“" and open_family == "double" and (ends_word or not starts_word):
        return "close"  # the „…“ convention, or a mark typed the wrong way round
    if ch in DOUBLE_OPEN:
        return "open" if open_family is None else None
    if ch in DOUBLE_CLOSE:
        if open_family == "double":
            return "close"
        # A close mark used to open (”like this”), seen in some scrapes.
        return "open" if open_family is None and starts_word and not nxt.isspace() else "stray"
    # Straight double quote: open by position, else close the one that is open.
    if open_family == "double" and (ends_word or not starts_word):
        return "close"
    if open_family is None and not nxt.isspace():
        return "open"
    return "close" if open_family == "double" else None


def _opens_paragraph(par: str) -> str | None:
    """The family of the quote mark a paragraph starts with, if any (a continued quote reopens it)."""
    s = par.lstrip()
    if s and s[0] in DOUBLE_OPEN + '"':
        return "double"
    if s and s[0] in "‘'" and len(s) > 1 and s[1].isalnum():
        return "single"
    return None


_TYPEWRITER = re.compile(r"''|``")
_MARK = re.compile("[" + re.escape(ALL_MARKS) + "]")


def _typewriter(text: str) -> str:
    """Two apostrophes or backticks typed for a double quote become one, padded with a space so every
    offset stays put: an opening pair puts the space before the mark, a closing pair after it."""
    def sub(m: re.Match[str]) -> str:
        prev = text[m.start() - 1] if m.start() else " "
        opening = m.group() == "``" or prev.isspace() or prev in _BEFORE_OPEN
        return ' "' if opening else '" '

    return _TYPEWRITER.sub(sub, text)


def find_regions(text: str) -> list[Region]:
    """Quoted regions in reading order. Nested quotes are inside their outer region, not listed apart."""
    source = text
    text = _typewriter(text)
    out: list[Region] = []
    paragraphs: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        paragraphs.append((pos, pos + len(line)))
        pos += len(line) + 1
    carry: Region | None = None  # a quote left open at the end of the previous paragraph
    for k, (p0, p1) in enumerate(paragraphs):
        open_family: str | None = None
        start = 0
        if carry is not None:
            fam = _opens_paragraph(text[p0:p1])
            if fam == carry.family:
                open_family, start = fam, -1  # continues the carried region
                carry.paragraphs += 1
            else:
                carry.closed = False
                out.append(carry)
                carry = None
        i = p0
        while True:
            # Jump from mark to mark: a character-by-character loop was most of this function's time.
            m = _MARK.search(text, i, p1)
            if m is None:
                break
            i = m.start()
            ch = text[i]
            if start == -1 and text[p0:i].strip() == "":
                i += 1  # the reopening mark of a continued quote
                start = 0
                continue
            role = _role(text, i, open_family)
            if role == "open":
                open_family, start = _family(ch), i + 1
            elif role == "close" and open_family is not None:
                if carry is not None:
                    carry.end, carry.closed = i, True
                    if carry.end > carry.start:
                        out.append(carry)
                    carry = None
                elif i > start:
                    out.append(Region(start, i, open_family))
                open_family = None
            elif role == "stray" and ch in DOUBLE_CLOSE and open_family is None and carry is None:
                # A closing mark whose opening was lost: the quote started at the paragraph's start.
                first = p0 + len(text[p0:i]) - len(text[p0:i].lstrip())
                if i - first > 1 and not any(r.start >= first and r.end <= i for r in out):
                    out.append(Region(first, i, "double", closed=False))
            i += 1
        if open_family is not None:
            if carry is None:
                carry = Region(start, p1, open_family)
            else:
                carry.end = p1
            nxt = paragraphs[k + 1] if k + 1 < len(paragraphs) else None
            if nxt is None or _opens_paragraph(text[nxt[0]:nxt[1]]) != open_family:
                carry.closed = False
                if carry.end > carry.start:
                    out.append(carry)
                carry = None
    for r in out:  # « spaced guillemets » and stray blanks are not part of the quote
        while r.start < r.end and (text[r.start].isspace() or source[r.start] in "'`"):
            r.start += 1
        while r.end > r.start and (text[r.end - 1].isspace() or source[r.end - 1] in "'`"):
            r.end -= 1
    return [r for r in out if r.end > r.start]


def title_like(text: str) -> bool:
    """“Meet the Voters,” “Chapter 11”: every word capitalised (or a number), a name of a show or a book."""
    words = _WORD.findall(text)
    return 1 <= len(words) <= 6 and (len(words) >= 2 or words[0][:1].isupper()) and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL for w in words) and words[0][:1].isupper()


def is_sentence_like(text: str) -> bool:
    """Quoted words that can stand as a statement: enough words, or a short full sentence; not a title."""
    words = _WORD.findall(text)
    if len(words) >= 2 and title_like(text) and not text.rstrip().endswith((".", "?", "!")):
        return False  # “Sunday Morning Talk,” a title, not a statement
    return len(words) >= MIN_WORDS_UNATTRIBUTED or (len(words) >= 2 and text.rstrip().endswith((".", "?", "!", "…")))
