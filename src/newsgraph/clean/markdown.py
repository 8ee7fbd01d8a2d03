"""Markdown scrapes read as plain text: a link is its words, a heading its title, an image is not text.

Many scrapers now write Markdown (markdownify, html2text, reader services, crawler libraries): every menu item
is "[Home](https://...)", a photo "![alt](https://...)", a heading "## Title", emphasis "**word**", and the
converter escapes "_" and "*" in ordinary text. Read as it stands, the addresses are words of the story and
the line roles, learned on plain dumps, see no line they know. So a document that reads as Markdown has its
lines rewritten first (stage: reads the Lines of split_lines, rewrites their text in place, drops lines
left with nothing to read; the offsets still point at the source line, so the story's line map holds).

A document reads as Markdown when at least MIN_SYNTAX of its lines hold a Markdown link, image or heading and
they are at least MIN_SHARE of its lines. Plain text almost never holds "[words](address)", so the first
rewrite (links and images) is made in any document; the rest (headings, emphasis, escapes, rules, table
pipes) only in one that reads as Markdown, where "# " and "*word*" mean what Markdown says they mean.
"""

from __future__ import annotations

import re

from .joins import join_fragments
from .lines import Line, split_lines
from .reflow import reflow

MIN_SYNTAX = 3  # lines with Markdown syntax: one stray "[x](y)" makes no Markdown document
MIN_SHARE = 0.05  # of the lines; a converted page's menus alone are more (0.3-0.9 on the development pages)

# An inline image, alone or as a link's text ("[![logo](a.png)](/)"); its alt text in group 1. Images leave the
# text: an article's own text holds no alt text, which is mostly a file's name, a logo's or the headline again
# (markdown dumps of the development pages, tool_dumps.py, labelled without alt text: word F1 train/tune/test
# .895/.894/.893 with alt text as the line's words, .907/.906/.909 without; leak .114/.101/.132 and
# .109/.089/.125; body lines kept equal).
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
# An inline link, its text in group 1; the address may hold one level of parentheses ("wiki/Foo_(bar)").
_LINK = re.compile(r"\[([^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
# A link whose text spans lines (a teaser card's block elements inside one link): its pieces, a line opening
# "[" with no "]" after it and a line holding the "](address)" that closes it.
_OPEN_PIECE = re.compile(r"^!?\[(?=[^\]]*$)")
_CLOSE_PIECE = re.compile(r"\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")  # "[text][1]"
_REF_DEF = re.compile(r"^\[[^\[\]]+\]:\s*\S+(?:\s+\"[^\"]*\")?$")  # "[1]: https://..."
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)(?:\s+#+)?$")
_SYNTAX = re.compile(r"\]\([^()\s]*\)|^#{1,6}\s")
# A thematic break, a setext heading's underline, a table's rule or a code fence: nothing to read.
_RULE = re.compile(r"^(?:[-*_=]\s*){3,}$|^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$|^(?:`{3,}|~{3,}).*$")
_QUOTE = re.compile(r"^(?:>\s?)+")
# An emphasised run is at most a paragraph: bounding it keeps a long line of stray markers from a quadratic search
# (a 9,000-character line of "_a ": 0.28 s unbounded, 0.06 s at 1,000). At 200, bold paragraphs of the markdown
# dumps kept their markers (tool_dumps tune word F1 .906 -> .904); at 1,000 every dump reads as unbounded.
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.{1,1000}?)(?<=\S)\1")
# Single-marker emphasis only at word edges: "snake_case" and "2*3" stay as they are.
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])(.{1,1000}?)(?<=[^\s*_])\1(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_CODE = re.compile(r"`([^`]+)`")


def reads_as_markdown(lines: list[Line]) -> bool:
    """Whether enough of a document's lines hold Markdown links, images or headings (MIN_SYNTAX, MIN_SHARE)."""
    marked = sum(1 for ln in lines if _SYNTAX.search(ln.text))
    return marked >= MIN_SYNTAX and marked >= MIN_SHARE * len(lines)


def _no_image(m: re.Match[str]) -> str:
    """An image out of the text: a space where it held two words apart ("2024![](a.png)If" is "2024 If")."""
    before, after = m.string[m.start() - 1:m.start()], m.string[m.end():m.end() + 1]
    return " " if before.strip() and after.strip() else ""


def links_to_text(text: str) -> str:
    """Links to their words, images out: the rewrite safe in any document."""
    if "](" not in text and "][" not in text:
        return text
    text = _IMAGE.sub(_no_image, text)
    text = _LINK.sub(lambda m: m.group(1), text)
    return _REF_LINK.sub(lambda m: m.group(1), text)


def plain_text(text: str) -> str:
    """One Markdown line as the words a reader sees: links, images, heading marks, emphasis, quote marks,
    table pipes, inline code and escapes gone. "" for a line with nothing to read."""
    if _RULE.match(text) or _REF_DEF.match(text):
        return ""
    text = _QUOTE.sub("", text)
    heading = _HEADING.match(text)
    if heading:
        text = heading.group(1)
    text = _CLOSE_PIECE.sub("", _OPEN_PIECE.sub("", _AUTOLINK.sub(lambda m: m.group(1), links_to_text(text))))
    text = _CODE.sub(lambda m: m.group(1), text)
    text = _EMPHASIS.sub(lambda m: m.group(2), _STRONG.sub(lambda m: m.group(2), text))
    if text.startswith("|") and text.rstrip().endswith("|"):
        text = " | ".join(c.strip() for c in text.strip().strip("|").split("|") if c.strip())
    return _ESCAPE.sub(r"\1", text).strip()


def plain_lines(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The document's lines as plain text (rewritten in place) when it reads as Markdown, links and images
    rewritten in any other; and the lines dropped for holding nothing to read (rules, fences, link definitions,
    lines of images alone), as they stood, for the record's `removed`."""
    markdown = reads_as_markdown(lines)
    kept: list[Line] = []
    dropped: list[Line] = []
    for ln in lines:
        text = plain_text(ln.text) if markdown else links_to_text(ln.text).strip()
        if not text:
            dropped.append(ln)
            continue
        ln.text = text
        kept.append(ln)
    return kept, dropped


def document_lines(text: str) -> tuple[list[Line], list[Line]]:
    """split_lines, plain_lines, wrapped paragraphs joined (clean/reflow.py, which measures the lines as the source
    has them), then fragments of one block joined (clean/joins.py): the lines a plain-text document's cleaning
    reads, and those dropped."""
    kept, dropped = plain_lines(split_lines(text))
    return join_fragments(reflow(kept, text), text), dropped
