"""Line roles: every line of a document is body, heading, caption, or furniture of a kind.

Rules over the shape of a line (clip durations, player and cookie notices, "Related/More on X"
navigation, "Image:"/"Pic:" credits, follow/listen/subscribe promos, share bars), then over its
neighbours: the short line after a clip is that clip's title (a teaser), headlines listed after a
navigation line are teasers of other stories, and a short line or question between body lines is a
subheading. Patterns, never phrases of one site: what works on one scrape must work on the next.
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


# "0:49", "(4:02)", "1:02:03", "Duration 2:31", "2:31 min"
_DURATION = re.compile(r"^(?:duration:?\s*)?\(?\d{1,2}:\d{2}(?::\d{2})?\)?(?:\s*(?:min|mins|minutes))?$", re.I)
_PLAYER = re.compile(
    r"\b(video player|your browser|browser does not support|enable javascript|javascript (is )?(required|disabled)"
    r"|media playback|(watch|play) (the )?(full )?video|(this|the) video (is|can|could|has)|video unavailable"
    r"|playback|press play|autoplay|(now|up next) playing)\b",
    re.I,
)
_ADVERT = re.compile(
    r"^(advertisement|advert|ad|ads|sponsored( content)?|promoted( content)?|paid (post|content)|partner content"
    r"|(story|article) continues (below|after).*|scroll (down )?to continue.*)$",
    re.I,
)
_CREDIT_WORD = r"(images?|pics?|photos?|photograph|picture|credit|credits|source|video|footage|illustration)"
# "Image: Agency", "Pic: Name/Agency", "Photo by X/Getty"
_CREDIT = re.compile(rf"^{_CREDIT_WORD}\s*(by\b|[:/|])", re.I)
_AGENCY_ONLY = re.compile(
    r"^[(\[]?((getty|reuters|ap|afp|epa|pa|shutterstock|alamy|bloomberg|ap photo)( images| media| wire)?"
    r"[\s/|,]*)+[)\]]?$",
    re.I,
)
_COPYRIGHT = re.compile(r"^(image )?(copyright|©)\s", re.I)
_CAPTION_LEAD = re.compile(r"^(image|picture|photo) caption\b[\s:]*", re.I)
_NAV = re.compile(
    r"^(related( (topics|stories|articles|content|coverage|reading|links|news))?|more (on|from|about|in|stories|news)\b"
    r"|read (more|next|also)|see also|also read|further reading|most (read|popular|viewed|shared)|top stories"
    r"|latest( news| stories)?|recommended( for you)?|you (may|might) (also )?like|trending( now)?|up next"
    r"|back to top|skip to (main )?content|topics|tags|filed under|categories)\b[^.!?]{0,60}:?$",
    re.I,
)
_BREADCRUMB = re.compile(r"^[^.!?]{1,30}(\s[>»›/|]\s[^.!?]{1,30}){2,}$")
_SHARE = re.compile(
    r"^((share|shares|tweet|email|e-mail|print|copy link|link copied|save|facebook|twitter|x|whatsapp|linkedin|"
    r"reddit|pinterest|telegram|messenger|comments?|share (this|on|via)( article| story| page)?)\b[\s|/·•,:]*)+$",
    re.I,
)
_PROMO = re.compile(
    r"^(follow|listen|subscribe|sign up|sign in|log in|register|download|get (the|our)|join( us| our)?|watch( live)?"
    r"|click here|tap here|newsletter|support (us|our)|donate|become a (member|subscriber)|try \w+ free)\b.{0,140}$",
    re.I,
)
_COOKIE = re.compile(
    r"\b(cookies?|privacy (policy|settings|notice)|terms (of|and) (use|service|conditions)|all rights reserved)\b", re.I
)
_SENT_END = re.compile(r"[.!?…\"”’'»)\]]$")
_HEADING_END = re.compile(r"[.!?…:;,\"”]$")


def classify(text: str) -> tuple[str, str | None]:
    """Role and kind of one line on its own (no context)."""
    t = text.strip()
    words = t.split()
    n = len(words)
    if _DURATION.match(t):
        return "furniture", "video"
    if _PLAYER.search(t) and n < 25:
        return "furniture", "video"
    if _ADVERT.match(t):
        return "furniture", "advert"
    if _CAPTION_LEAD.match(t):
        rest = _CAPTION_LEAD.sub("", t, count=1)
        return ("caption", "caption") if len(rest.split()) >= 4 else ("furniture", "credit")
    if _CREDIT.match(t):
        rest = _CREDIT.sub("", t, count=1).strip()
        # "Image: a long sentence" is a caption; "Pic: Agency" or "Image: Pics: Agency" is a credit.
        if len(rest.split()) >= 6 and not _CREDIT.match(rest):
            return "caption", "caption"
        return "furniture", "credit"
    if (_AGENCY_ONLY.match(t) or _COPYRIGHT.match(t)) and n <= 12:
        return "furniture", "credit"
    if _NAV.match(t) and n <= 8:
        return "furniture", "navigation"
    if _BREADCRUMB.match(t) and n <= 15:
        return "furniture", "navigation"
    if _SHARE.match(t):
        return "furniture", "share"
    if _COOKIE.search(t) and n < 40:
        return "furniture", "other"
    if _PROMO.match(t) and not _SENT_END.search(t) and n <= 20:
        return "furniture", "promo"
    return "body", None


def _headline_like(text: str) -> bool:
    """Short, capitalised, not ending like a sentence: a heading or another story's headline."""
    words = text.split()
    if not words or len(words) > 14 or not text[:1].isupper():
        return False
    return not _HEADING_END.search(text) or (text.endswith("?") and len(words) <= 12)


def assign_roles(lines: list[Line]) -> None:
    """Role of every line, in place, from its shape and its neighbours."""
    for ln in lines:
        ln.role, ln.kind = classify(ln.text)
    after_nav = False
    for i, ln in enumerate(lines):
        if ln.role != "body":
            # A navigation line ("Related", "Read more") heads a list of other stories' headlines.
            after_nav = ln.kind == "navigation" or (after_nav and ln.kind == "teaser")
            continue
        prev = lines[i - 1] if i else None
        if not _headline_like(ln.text):
            after_nav = False
            continue
        if prev is not None and prev.kind == "video" and len(ln.text.split()) <= 14:
            # The title of the clip just announced: a teaser, whatever its punctuation.
            ln.role, ln.kind = "furniture", "teaser"
        elif after_nav:
            ln.role, ln.kind = "furniture", "teaser"
        else:
            ln.role = "heading"
    # A clip's title may end like a sentence ("Leaders meet in Paris.") yet is not body.
    for i in range(1, len(lines)):
        ln, prev = lines[i], lines[i - 1]
        if ln.role == "body" and _DURATION.match(prev.text) and len(ln.text.split()) <= 14:
            ln.role, ln.kind = "furniture", "teaser"
