"""Line roles: every line of a document is body, heading, caption, or furniture of a kind.

Rules over the shape of a line (clip durations, player and cookie notices, "Related/More on X"
navigation, "Image:"/"Pic:" credits, follow/listen/subscribe promos, share bars; on web pages also
sign-up and rating calls to action, affiliate disclosures, "Written by" bylines, tables of contents and
next/previous links), then over its neighbours: the short line after a clip is that clip's title (a
teaser), headlines listed after a navigation line are teasers of other stories, and a short line or
question between body lines is a subheading (or a heading the HTML marked as one). Patterns, never
phrases of one site: what works on one scrape must work on the next.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from .roles import SHAPE_CACHE, SHAPE_CHARS, dumper_marked, unmarked


@dataclass
class Line:
    text: str
    start: int  # offsets into the document's decoded text
    end: int
    role: str = "body"  # body | heading | caption | furniture
    kind: str | None = None  # the furniture kind (schema `removed.kind`), or "caption"
    furn: float = 0.0  # the line-role model's furniture probability (clean/roles.py), 0 where it did not run
    # (offset in text, offset in the document) of each source line joined to this one after the first (a
    # paragraph a dumper wrapped, clean/reflow.py), so the story's line map points at every source line
    joins: tuple[tuple[int, int], ...] = ()


def blank_between(first: Line, nxt: Line, source: str) -> bool:
    """Whether a blank line stands between two lines of `source` (a paragraph ends there)."""
    return source.count("\n", first.end, nxt.start) > 1


def joined(first: Line, nxt: Line, sep: str) -> Line:
    """One Line of two pieces of a block (`sep` between their texts), spanning both in the source, its joins
    pointing at where `nxt` and the lines joined into it start (clean/reflow.py, clean/joins.py)."""
    off = len(first.text) + len(sep)
    return Line(first.text + sep + nxt.text, first.start, nxt.end,
                joins=(*first.joins, (off, nxt.start), *((off + o, src) for o, src in nxt.joins)))


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
    r"|playback (is )?(not |un)?(supported|available|error|failed)|(error|problem)s? (during|with) playback"
    r"|press play|autoplay (is )?(on|off|enabled|disabled)|turn (on|off) autoplay|(now|up next) playing)\b",
    re.I,
)
_ADVERT = re.compile(
    r"^(advertisement|advert|ad|ads|sponsored( content)?|promoted( content)?|paid (post|content)|partner content"
    r"|(story|article) continues (below|after).*|scroll (down )?to continue.*)$",
    re.I,
)
# "Advertisement: a product", "Advertisement - Continue reading below": the label, then a short tail.
_ADVERT_LABEL = re.compile(r"^(advertisement|advert|sponsored|ad)\s*[:\-–—|]\s*\S.{0,80}$", re.I)
_CREDIT_WORD = r"(images?|pics?|photos?|photograph|picture|credit|credits|source|video|footage|illustration)"
# "Image: Agency", "Pic: Name/Agency", "Photo by X/Getty"
_CREDIT = re.compile(rf"^((feature[sd]?|featured|header|hero|cover|top|lead|main)\s+)?{_CREDIT_WORD}\s*(by\b|via\b|[:/|])", re.I)
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
    r"|trending( now)?|up next"
    r"|back to top|skip to (main )?content|topics|tags|filed under|categories)\b[^.!?]{0,60}:?$"
    # "Latest"/"Recommended" also open a product's spec or a how-to's heading: only the bare label is a menu.
    r"|^(home|latest|recommended)( news| stories| posts| articles| for you| reading| videos)?\s*:?$",
    re.I,
)
# Lines that point at other pages or at the page's own parts, with or without a tail of titles.
_NAV_MORE = re.compile(
    r"^((you|readers|people) (may|might|will|would)? ?(also )?(like|liked|enjoy|enjoyed|love|loved|read"
    r"|be interested in)( these| this| reading| the following( \w+)?( as well)?)?"
    r"|(browse|explore|view|see) (all |more )?(related|similar|other|our) (articles|posts|stories|guides|topics)"
    r"|(next|previous|prev|older|newer) (article|post|story|entry|page|posts|articles|stories)\b[^.!?]{0,100}"
    r"|(key takeaways?|table of contents|contents|on this page|in this (article|post|guide|story|page)"
    r"|sections in this (article|post|guide)|jump to( the)?( \w+)?)"
    r"|(back|return) to (the )?(all )?(blog|posts?|articles?|news|home|homepage|top|list|index|overview|results"
    r"|search results|stories|resources|insights|guides|\w+ (blog|home|news)))\s*(:[^.!?]{0,100}|\.\.\.|…)?$",
    re.I,
)
# A crumb cannot hold a separator: with crumbs free to span them, a long selector line ("Albania / ALL Andorra /
# EUR ...", 3,000 characters from an inscriptis dump) backtracked through every way of grouping its crumbs and
# the cleaning never returned. Any line the old pattern matched, this one matches (crumbs cut at each separator).
_CRUMB = r"(?:(?!\s[>»›/|]\s)[^.!?]){1,30}"
_BREADCRUMB = re.compile(rf"^{_CRUMB}(\s[>»›/|]\s{_CRUMB}){{2,}}$")
_SHARE = re.compile(
    r"^((share|shares|tweet|email|e-mail|print|copy link|link copied|save|facebook|twitter|x|whatsapp|linkedin|"
    r"reddit|pinterest|telegram|messenger|comments?|share (this|on|via)( article| story| page)?)\b[\s|/·•,:]*)+$",
    re.I,
)
_PROMO = re.compile(
    r"^(follow(?! these\b| (the )?([\w-]+ )?(steps|rules?|instructions|advice|process|recipe)\b)"
    r"|listen|subscribe|sign up|sign in|log in|register(?! \w+s\b)|download"
    r"|get (the|our) (\w+ )?(app|newsletter|podcast|e-?book|guide|report|updates|latest|free)|join( us| our)?"
    r"|watch( live)?|click here|tap here|newsletter|support (us|our)|donate|become a (member|subscriber)"
    r"|try \w+ free)(?![-\w]).{0,140}$",
    re.I,
)
# Calls to sign up, follow, rate or share, anywhere in a short line: they ask the reader to act.
_CTA = re.compile(
    r"\b(sign[- ]?up (now |today )?(for|to) (our|my|free)\b|subscribe (now |today )?(to|for) (our|my|free)\b"
    r"|subscribe for free|join (our|my|the) (\w+ )?(newsletter|mailing list|email list)"
    r"|newsletter sign[- ]?up|(delivered|sent|straight|right) (straight |right |directly )?(to|into) your inbox"
    r"|to your inbox|never miss (a|an|another) (post|story|article|update|episode|recipe)"
    r"|pin (it |this |me )?for later|help (us|me) spread the word|spread the word about (this|our|my)"
    r"|rate (this|the|our) (recipe|article|post|podcast|episode|story|page|show)"
    r"|leave (us |me )a (star )?(rating|review)|leave a star rating|(was|is|did you find) this"
    r" (article|page|post|story|guide) (helpful|useful)|how (useful|helpful) was this"
    r"|how (was|did you like) this (issue|article|post|episode|newsletter)"
    r"|if you (liked|enjoyed|found value in) this (article|post|episode|story|recipe|newsletter)"
    r"|tell your friends|join \w+ for free|get updates from this (writer|author|blog)"
    r"|follow (us|me) on (facebook|twitter|instagram|x|linkedin|tiktok|youtube|pinterest|threads|bluesky|social))\b",
    re.I,
)
# The same asks in fewer words, which a sentence of a story could also hold: only as a line of their own.
_CTA_SHORT = re.compile(
    r"^(\W*(share your (story|thoughts|experience|feedback|comments?)|spread the word|tell us what you think"
    r"|sign[- ]?up( now| today| here)?|subscribe( now| today| here)?|get (the|our) latest)\b[^.]{0,80}[.!]?)$",
    re.I,
)
# A newsletter's name on its own line: "Email Newsletter", "Our Newsletters".
_NEWSLETTER_NAME = re.compile(r"^[\w&'’ .-]{0,40}\b(e-?)?newsletters?\s*[:!]?$", re.I)
# Affiliate and editorial disclosures: the site explains how it earns or picks, not the story.
_DISCLOSURE = re.compile(
    r"\b((we|i) (may |might |will |could )?(earn|receive|get|make) (a |an )?(small |affiliate |modest )*"
    r"(commissions?|compensation|a share of sales)"
    r"|(chosen|selected|picked|reviewed|tested) independently by (our|the) (editors|editorial team|writers)"
    r"|(we|our (editors|reviewers|writers|team)) independently (select|review|test|evaluate|research|choose|pick)"
    r"|as an amazon associate|earn(s)? from qualifying purchases|supported by (commissions|our readers|readers)"
    r"|(supported|funded|made possible) by readers like you"
    r"|(this|our) (site|website|post|page|article|blog|content)( \w+)? (contains|uses|may contain|includes)"
    r" (affiliate|sponsored) links|(links|some links) .{0,60}\bare affiliate links)\b",
    re.I,
)
# "Written by Ada Lane", "Reviewed by Dr. Ola Kim": a byline of the page, not a sentence of the story.
_BYLINE = re.compile(
    r"^(?i:written|posted|published|reviewed|edited|fact[- ]checked|medically reviewed|updated) (?i:by):?\s+[A-Z][\w.'’-]*"
    r"(\s+([A-Z][\w.'’-]*|(and|&|de|van|von|da|del|la|le)))*\s*(,.{0,60})?$"
)
# A cookie or legal notice speaks of the site's cookies and policies; a recipe or a guide may say "cookies" too.
_COOKIE = re.compile(
    r"\b((we|this (site|website)|our (site|website|partners)) (use|uses|may use) cookies|(accept|reject|manage|allow)"
    r"( all)? cookies|cookies? (policy|settings|preferences|consent|notice)|privacy (policy|notice)|terms of (use|service)"
    r"|all rights reserved)\b",
    re.I,
)
_COOKIE_WORD = re.compile(r"\b(cookies?|privacy|terms (and|&) conditions|terms)\b", re.I)
_SENT_END = re.compile(r"[.!?…\"”’'»)\]]$")
_HEADING_END = re.compile(r"[.!?…:;,\"”]$")


# Every alternative of _PLAYER, _COOKIE, _CTA and _DISCLOSURE holds one of these (lower case): a line with none
# cannot match, and is let go without the search, which tries each alternative at every position (the four were
# a twentieth of cleaning's time on lines_eval's run-together documents).
_PLAYER_WORDS = ("video", "browser", "javascript", "play")
_COOKIE_WORDS = ("cookie", "privacy", "terms of", "rights reserved")
_CTA_WORDS = ("sign", "subscribe", "join", "inbox", "never miss", "for later", "spread the word", "rate ", "leave",
              "helpful", "useful", "how ", "if you", "tell your friends", "get updates", "follow")
_DISCLOSURE_WORDS = ("commission", "compensation", "share of sales", "independently", "amazon", "qualifying",
                     "supported by", "readers like you", " links", "affiliate")


def _may(low: str, words: tuple[str, ...]) -> bool:
    return any(map(low.__contains__, words))


def classify(text: str) -> tuple[str, str | None]:
    """Role and kind of one line on its own (no context)."""
    # A verdict depends on the text alone; the same lines come back when a document's pages are weighed again one
    # by one (clean/page_roles.py), as does a site's furniture on every page of it (sizes: roles.SHAPE_CACHE).
    return _cached_classify(text) if len(text) <= SHAPE_CHARS else _classify(text)


def _classify(text: str) -> tuple[str, str | None]:
    t = text.strip()
    words = t.split()
    n = len(words)
    if _DURATION.match(t):
        return "furniture", "video"
    # Word counts first: the searches below cost most on long lines, which they never mark.
    low = t.lower()
    if n < 25 and _may(low, _PLAYER_WORDS) and _PLAYER.search(t):
        return "furniture", "video"
    if _ADVERT.match(t) or (_ADVERT_LABEL.match(t) and n <= 14):
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
    table_row = "\t" in t  # cells of a table row (HTML), which are data, not a menu
    if not table_row and ((_NAV.match(t) and n <= 8) or (_NAV_MORE.match(t) and n <= 16)):
        return "furniture", "navigation"
    if not table_row and n <= 15 and _BREADCRUMB.match(t):
        return "furniture", "navigation"
    if _SHARE.match(t):
        return "furniture", "share"
    if (n < 40 and _may(low, _COOKIE_WORDS) and _COOKIE.search(t)) or (n <= 5 and _COOKIE_WORD.search(t)):
        return "furniture", "other"
    if _PROMO.match(t) and not _SENT_END.search(t) and n <= 20:
        return "furniture", "promo"
    if ((n <= 40 and _may(low, _CTA_WORDS) and _CTA.search(t)) or (n <= 5 and _NEWSLETTER_NAME.match(t))
            or (n <= 14 and _CTA_SHORT.match(t))):
        return "furniture", "promo"
    if n <= 60 and _may(low, _DISCLOSURE_WORDS) and _DISCLOSURE.search(t):
        return "furniture", "other"
    if _BYLINE.match(t) and n <= 14:
        return "furniture", "other"
    return "body", None


_cached_classify = lru_cache(maxsize=SHAPE_CACHE)(_classify)


def _learned_roles(lines: list[Line], marked: Collection[str], unmark: bool) -> set[int]:
    """Lines the model finds to be furniture, though no rule names them, are furniture of a kind their shape says.
    Returns the indices of those lines."""
    from .roles import furniture_prob, load_model, shape_kind

    model = load_model()
    if model is None or not lines:
        return set()
    kinds = [ln.kind if ln.role != "body" else None for ln in lines]
    probs = furniture_prob([ln.text for ln in lines], kinds, model, unmark)
    table = tab_table_rows([ln.text for ln in lines])
    out = set()
    for i, (ln, p) in enumerate(zip(lines, probs, strict=True)):
        ln.furn = float(p)
        if ln.role == "body" and p >= model.threshold and ln.text not in marked and i not in table:
            ln.role, ln.kind = "furniture", shape_kind(ln.text)
            out.add(i)
    return out


# A table copied from a browser or exported as text keeps a tab between its cells; no scraper of the development
# pages writes one (of the train and tune parts' dumps in seven styles, 4 furniture lines and no body line stand in
# runs of tabbed lines), so the model never learned such rows, and took out 218 of the 443 tab-table rows of
# articles_eval's training-half web documents (data tables of the articles' ground truth; held-out half 36 of
# 173, and 6 with this rule). Its rows are no menu. Figures: benchmarks/marks_tables.py.
TABLE_ROWS = 3


def tab_table_rows(texts: list[str]) -> set[int]:
    """Indices of the lines that are rows of a tab-separated table: TABLE_ROWS or more lines in a row, each with
    the same number (1 or more) of tabs between cells."""
    tabs = [t.strip().count("\t") for t in texts]
    out: set[int] = set()
    start = 0
    for i in range(1, len(texts) + 1):
        if i == len(texts) or tabs[i] != tabs[start]:
            if tabs[start] and i - start >= TABLE_ROWS:
                out.update(range(start, i))
            start = i
    return out


def headline_like(text: str) -> bool:
    """Short, capitalised (after an opening quote or a number), not ending like a sentence: a heading or a
    headline."""
    # Cached as classify is: the same lines are weighed again page by page.
    return _cached_headline_like(text) if len(text) <= SHAPE_CHARS else _is_headline_like(text)


# What may stand before a headline's first capital: opening quotes or brackets, and a number ("‘We got her’: ...",
# "51 Must-Have Tools", "3 Killed in Clashes"). Such headlines read as body lines before (session 26), and a plain
# text's story then got no title. lines_eval.py --only singles news, title_right train / tune / test (1f84b42 ->
# 71fa9db): blocks .626/.693/.598 -> .694/.713/.684, text .631/.639/.617 -> .695/.657/.708, news .538/.615/.750 ->
# .564/.615/.800; word F1 unchanged, single pages wrongly split (blocks) .045/.030/.032 -> .047/.030/.026;
# articles_eval within .002.
_HEADLINE_LEAD = re.compile(r"[\"'‘’“”«(\[]*(?:\d[\d,.%]*\s+)?")


def _is_headline_like(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 14:
        return False
    lead = _HEADLINE_LEAD.match(text)
    if not text[lead.end() if lead else 0:][:1].isupper():
        return False
    return not _HEADING_END.search(text) or (text.endswith("?") and len(words) <= 12)


_cached_headline_like = lru_cache(maxsize=SHAPE_CACHE)(_is_headline_like)


def assign_roles(lines: list[Line], headings: Collection[str] | None = None, learned: bool = True,
                 unmark: bool | None = None) -> None:
    """Role of every line, in place, from its shape and its neighbours.

    `headings`: texts the source marked as headings (HTML <h1>-<h6>). Such a line is a heading unless its
    own shape says furniture ("Related stories", "Sign up for our newsletter" are headings on many pages).
    `learned`: let the line-role model (clean/roles.py) take out furniture the rules do not name; off where
    a source already removed the page's furniture (HTML through trafilatura), which the model was not trained on.
    `unmark`: whether the dumper marked the document's list items (roles.dumper_marked of the whole document; a
    part of it decided alone would read an author's list as the dumper's). None: decided from these lines.
    """
    marked = set(headings or ())
    # A dumper that marks every list item ("* Follow us"): the rules read the lines as a dump without markers
    # shows them (roles.dumper_marked; an author's few bullets stay as written).
    if unmark is None:
        unmark = dumper_marked([ln.text for ln in lines])
    texts = [unmarked(ln.text) for ln in lines] if unmark else None
    for i, ln in enumerate(lines):
        ln.role, ln.kind = classify(texts[i] if texts else ln.text)
        if ln.role == "body" and ln.text in marked:
            ln.role = "heading"
    # Only a line a rule names navigation ("Related stories") heads a list of teasers: the model already weighed
    # each line's neighbours, and a list item it doubted would otherwise take the items after it along
    # (on the tuning part's run-together documents, 671 body lines went as teasers, most after such items).
    # Tried and kept (session 26): with the model, the rule only after a navigation line ending in a colon. On
    # the web pages of the benchmarks that scored a little better (tune / test: single pages wrongly split
    # .030/.032 -> .024/.026, body kept .939/.924 -> .940/.928, word F1 .912/.914 -> .910/.912; articles_eval web
    # furniture F1 .740/.731 -> .748/.736), but on the news pages (ScrapingHub's) every line the rule takes after
    # a model-kept line is furniture ("More News from ...", "Latest videos": 5 of 5, training and tuning parts;
    # web pages 29 furniture, 32 body), and a news page's "Most read" list would leak as headings.
    by_model = _learned_roles(lines, marked, unmark) if learned else set()
    after_nav = False
    for i, ln in enumerate(lines):
        if ln.role == "heading" and ln.text in marked:
            after_nav = False
            continue
        if ln.role != "body":
            # A navigation line ("Related", "Read more") heads a list of other stories' headlines.
            after_nav = (ln.kind == "navigation" and i not in by_model) or (after_nav and ln.kind == "teaser")
            continue
        prev = lines[i - 1] if i else None
        if not headline_like(texts[i] if texts else ln.text):
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
