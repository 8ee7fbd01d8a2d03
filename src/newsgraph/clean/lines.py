"""Line roles: every line of a document is body, heading, caption, or furniture of a kind.

A first, rule-based version: patterns of page furniture (clip durations, player notices, navigation,
image credits, promos), never phrases of one site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class Line:
    text: str
    start: int  # offsets into the document's decoded text
    end: int
    role: str = "body"  # body | heading | caption | furniture
    kind: str | None = None  # the furniture kind (schema `removed.kind`), or "caption"


def split_lines(text: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            out.append(Line(stripped, pos + lead, pos + lead + len(stripped)))
        pos += len(raw)
    return out


_DURATION = re.compile(r"^\(?\d{1,2}:\d{2}(:\d{2})?\)?$")
_CREDIT = re.compile(r"^(image|images|pic|pics|photo|photos|picture|video|credit|source|getty|reuters|ap)\s*[:/|]", re.I)
_NAV = re.compile(r"^(related|more on|more from|more about|read more|see also|related topics|topics|tags)\b[^.!?]{0,60}:?$", re.I)
_PLAYER = re.compile(
    r"\b(video player|your browser|enable javascript|javascript (is )?(required|disabled)|media playback|"
    r"(watch|play) (the )?video|(this|the) video (is|can)|playback)\b",
    re.I,
)
_ADVERT = re.compile(r"^(advertisement|advert|sponsored( content)?|ad|promoted|story continues below.*)$", re.I)
_SHARE = re.compile(r"^((share|tweet|email|print|copy link|facebook|twitter|whatsapp|linkedin)\b[\s|/·,]*)+$", re.I)
_PROMO = re.compile(
    r"^(follow|listen to|subscribe|sign up|download|get the|join us|watch|read|click here|newsletter)\b.{0,120}$", re.I
)
_COOKIE = re.compile(r"\b(cookies?|privacy policy|terms of (use|service)|all rights reserved|©)\b", re.I)
_SENT_END = re.compile(r"[.!?…\"”’'»)\]]$")


def classify(text: str) -> tuple[str, str | None]:
    """Role and kind of one line on its own (no context)."""
    t = text.strip()
    words = t.split()
    if _DURATION.match(t):
        return "furniture", "video"
    if _PLAYER.search(t) and len(words) < 25:
        return "furniture", "video"
    if _ADVERT.match(t):
        return "furniture", "advert"
    if _CREDIT.match(t):
        rest = _CREDIT.sub("", t, count=1).strip()
        # "Image: a long sentence" is a caption; "Pic: Agency" is a credit.
        if len(rest.split()) >= 6:
            return "caption", "caption"
        return "furniture", "credit"
    if _NAV.match(t) and len(words) <= 8:
        return "furniture", "navigation"
    if _SHARE.match(t):
        return "furniture", "share"
    if _COOKIE.search(t) and len(words) < 40:
        return "furniture", "other"
    if _PROMO.match(t) and not _SENT_END.search(t) and len(words) <= 20:
        return "furniture", "promo"
    return "body", None


def assign_roles(lines: list[Line]) -> None:
    """Role of every line, in place, using its neighbours: a short unpunctuated line right after a clip
    duration is that clip's title (a teaser), a short question or phrase between body lines is a heading."""
    for ln in lines:
        ln.role, ln.kind = classify(ln.text)
    for i, ln in enumerate(lines):
        if ln.role != "body":
            continue
        words = ln.text.split()
        prev = lines[i - 1] if i else None
        if prev is not None and prev.kind == "video" and _DURATION.match(prev.text) and len(words) <= 14:
            ln.role, ln.kind = "furniture", "teaser"
            continue
        if len(words) <= 12 and not _SENT_END.search(ln.text.rstrip("?")) and ln.text[:1].isupper():
            ln.role = "heading"
        elif len(words) <= 12 and ln.text.endswith("?"):
            ln.role = "heading"
