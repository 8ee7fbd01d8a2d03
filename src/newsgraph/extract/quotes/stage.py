"""Quotes and their speakers: who said what, with the evidence spans.

Three kinds: `direct` (the quoted words are the whole statement), `partial` (a quoted fragment inside a
reported clause: called it “a clear shift”) and `indirect` (reported speech without quote marks, and
"according to"). Quote marks are found by `marks` from the text alone; the dependency parse links a
quoted region to its reporting verb ("cue"), and the cue's subject is the speaker, resolved by `speakers` in
reading order once every quote is found (`speaker_rules.attribute`): entity mentions take the entity's
canonical name; pronouns a fitting person in their paragraph, never one the quote is about or addressed to;
unnamed sources keep their noun phrase ("a senior official").

The pipeline runs spaCy without tagger and lemmatizer (speed), so part-of-speech and lemmas are empty:
reporting verbs are recognised from their inflected forms here, and grammar is read from dependency labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import LOWER

from ...model import Quote
from .. import Stage
from .marks import Region, find_regions, is_sentence_like, title_like
from .speaker_rules import RECEIVING, Found, attribute, colon_lines, finish
from .speakers import PRONOUNS_PERSON, SUBJECT_DEPS, Resolver, string_ids

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ...clean.story import Story
    from ...model import Article, Entity

# Verbs of saying, writing and asking: these introduce quotes and indirect speech. Thoughts, beliefs and
# wishes (think, believe, hope, want) are not speech and are left out on purpose.
SPEECH_VERBS = (
    "say tell add warn insist claim write tweet post state declare announce explain note argue ask answer "
    "reply respond remark comment observe acknowledge admit concede confirm deny reveal report recall stress "
    "emphasize emphasise maintain contend assert allege suggest predict promise vow pledge urge complain "
    "lament joke quip boast retort shout yell scream whisper mutter exclaim testify disclose mention caution "
    "counter charge conclude proclaim inform brief reiterate repeat concur muse recount"
).split()
# Verbs that count as a cue only when a quoted region hangs on them ("called it “a farce”").
QUOTE_ONLY_VERBS = "continue read call describe dub label term hail go begin".split()
# Participles and -ing forms that English spells irregularly; the rest follow the regular rules below.
IRREGULAR = {
    "say": ("said", "says", "saying"),
    "tell": ("told", "tells", "telling"),
    "write": ("wrote", "written", "writes", "writing"),
    "read": ("reads", "reading"),
    "go": ("went", "goes", "going"),
    "begin": ("began", "begun", "begins", "beginning"),
}
_DOUBLE_FINAL = {"admit", "quip", "commit", "regret", "confer", "refer", "prefer", "concur"}

_SPEECH_SET = frozenset(SPEECH_VERBS)


def _inflections() -> dict[str, str]:
    forms: dict[str, str] = {}
    for base in SPEECH_VERBS + QUOTE_ONLY_VERBS:
        out = {base}
        if base in IRREGULAR:
            out.update(IRREGULAR[base])
        else:
            stem = base
            if base.endswith("e"):
                stem = base[:-1]
                out.update({base + "s", base + "d", stem + "ing"})
            elif base.endswith("y") and base[-2] not in "aeiou":
                out.update({base[:-1] + "ies", base[:-1] + "ied", base + "ing"})
            else:
                dbl = base + base[-1] if base in _DOUBLE_FINAL else base
                es = "es" if base.endswith(("s", "sh", "ch", "x", "z")) else "s"
                out.update({base + es, dbl + "ed", dbl + "ing"})
        for f in out:
            forms.setdefault(f, base)
    return forms


VERB_FORMS = _inflections()
_SPEECH = set(SPEECH_VERBS)
# Dependency labels a noun takes: a "report" or "call" in these slots is not a verb.
_NOMINAL = {"nsubj", "nsubjpass", "dobj", "pobj", "compound", "amod", "poss", "attr", "appos", "npadvmod", "det"}
_WORD = re.compile(r"\w+")
_POINT = ("point", "points", "pointed", "pointing")
_CUE_HASHES = string_ids({*VERB_FORMS, "according", *_POINT})


@dataclass
class Cue:
    token: Token
    lemma: str
    subject: Token | None
    kind: str = "verb"  # "verb", "according", "quoted"


# ---------------------------------------------------------------- reporting verbs and their subjects

def verb_lemma(word: str) -> str | None:
    """The reporting verb's base form for an inflected form ("told" → "tell"), or None."""
    return VERB_FORMS.get(word.lower())


def _agent(v: Token) -> Token | None:
    by = next((c for c in v.children if c.dep_ == "agent"), None)
    return None if by is None else next((g for g in by.children if g.dep_ == "pobj"), None)


def _subject(v: Token, depth: int = 0) -> Token | None:
    subjects = [c for c in v.children if c.dep_ in SUBJECT_DEPS]
    agent = _agent(v)
    if agent is not None and (not subjects or subjects[0].dep_ == "nsubjpass") and v.lower_ not in ("quoted", "cited"):
        return agent  # "was described by the minister as …", "a plan hailed by the mayor"
    if subjects:
        # Two subjects is a dateline glued on ("Washington (AFP) – Jane Doe said"): the nearer one speaks.
        before = [c for c in subjects if c.i < v.i]
        return before[-1] if before else subjects[0]
    if depth > 3:
        return None
    # "he said, adding that" / "she is quoted as saying" / "stood up and said": the governing verb's subject.
    if v.dep_ in ("conj", "xcomp", "advcl", "pcomp", "ccomp", "dep") and v.head.i != v.i:
        h = v.head
        if h.dep_ == "prep" and h.head.i != h.i:  # quoted → as → saying
            h = h.head
        if v.dep_ == "advcl" and verb_lemma(h.lower_) is None:
            # "argued that X would work, saying …": the participle belongs to the reporting verb above.
            up = h
            for _ in range(3):
                if up.head.i == up.i:
                    break
                up = up.head
                if up.i < v.i and verb_lemma(up.lower_) in _SPEECH_SET:
                    h = up
                    break
        return _subject(h, depth + 1)
    if v.dep_ in ("relcl", "acl") and v.head.i != v.i:  # "the minister, who said"; "a statement saying"
        noun = v.head
        if v.dep_ == "acl" and noun.dep_ in ("dobj", "pobj") and noun.head.i != noun.i:
            # "The office issued a statement saying …": the statement's author speaks.
            gov = noun.head.head if noun.dep_ == "pobj" else noun.head
            author = next((c for c in gov.children if c.dep_ in SUBJECT_DEPS), None)
            if author is not None:
                return author
        return noun
    # Inverted order after a quote: “…,” said the minister — sometimes parsed as an object.
    for c in v.rights:
        if c.dep_ in ("dobj", "attr", "npadvmod") and (c.ent_type_ == "PERSON" or c.text[:1].isupper()):
            return c
    return None


def _candidates(doc: Doc, hashes: np.ndarray) -> list[Token]:
    """Tokens whose lower-case form is one of `hashes`, found on the token array: building a Python Token
    for every word of the story costs more than the rest of the stage."""
    if len(doc) == 0:
        return []
    return [doc[int(i)] for i in np.flatnonzero(np.isin(doc.to_array(LOWER), hashes))]


def find_cues(doc: Doc, dtext: str | None = None) -> list[Cue]:
    cues: list[Cue] = []
    for t in _candidates(doc, _CUE_HASHES):
        low = t.lower_
        if low in _POINT:
            # "pointed out that": a phrasal verb with its particle.
            if any(c.dep_ == "prt" and c.lower_ == "out" for c in t.children):
                cues.append(Cue(t, "point out", _subject(t)))
            continue
        if low == "according":
            if t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                src = next((c for c in doc[t.i + 1].children if c.dep_ == "pobj"), None)
                if src is not None:
                    cues.append(Cue(t, "according to", src, "according"))
            continue
        lemma = verb_lemma(low)
        if lemma is None or t.dep_ in _NOMINAL or t.dep_ == "punct":
            continue
        if lemma == "go" and not any(c.dep_ == "prt" for c in t.children):
            continue
        if t.dep_ == "pcomp" and t.head.lower_ == "as" and verb_lemma(t.head.head.lower_) is None \
                and t.head.head.lower_ in ("quoted", "cited"):
            cues.append(Cue(t, "quoted as saying", _subject(t), "quoted"))
            continue
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            continue  # "declined to say", "for Russia to say": nothing was said
        cues.append(Cue(t, lemma, _subject(t)))
    text = doc.text if dtext is None else dtext
    for c in cues:
        # A subject on another line is a parse that ran over a paragraph break (a caption, a heading).
        if c.subject is not None and "\n" in text[min(c.subject.idx, c.token.idx):max(c.subject.idx, c.token.idx)]:
            c.subject = _same_line_part(c.subject, c.token, text)
    cues.sort(key=lambda c: c.token.i)
    return cues


def _same_line_part(subj: Token, cue: Token, text: str) -> Token | None:
    """The part of a subject's phrase on the cue's own line, or None when nothing of it is there."""
    lo = text.rfind("\n", 0, cue.idx) + 1
    part = [t for t in subj.subtree if lo <= t.idx < cue.idx and _is_word(t)]
    ids = {t.i for t in part}
    heads = [t for t in part if t.head.i not in ids]
    return heads[-1] if heads else None


# ---------------------------------------------------------------- linking quotes to cues

def _tokens_in(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _is_word(t: Token) -> bool:
    return bool(_WORD.search(t.text))


def _across_paragraphs(text: str, region: Region, tok: Token) -> bool:
    """A cue in another paragraph than the quote's edge next to it: the parse ran over a line break."""
    if tok.idx >= region.end:
        return "\n" in text[region.end:tok.idx]
    return "\n" in text[tok.idx:region.start]


def _link(region: Region, span: Span, cue_at: dict[int, Cue], doc: Doc,
          dtext: str) -> tuple[Cue, Token | None] | None:
    """The cue a quoted region hangs on, with the region's top token, or None (a scare quote or a title)."""
    inside = {t.i for t in span}
    best: tuple[int, Cue, Token | None] | None = None
    for t in span:
        if not _is_word(t) or t.head.i in inside or t.head.i == t.i:
            continue
        steps, a = 0, t.head
        while True:
            cue = cue_at.get(a.i)
            if cue is not None and _across_paragraphs(dtext, region, cue.token):
                break
            if cue is not None:
                if cue.subject is not None and cue.subject.i in inside:
                    break
                subj = cue.subject
                if subj is not None and subj.left_edge.i <= t.i <= subj.right_edge.i:
                    return None  # the quote is part of the speaker's description
                if best is None or steps < best[0]:
                    best = (steps, cue, t)
                break
            if a.head.i == a.i or steps >= 3:
                break
            a, steps = a.head, steps + 1
    if best is not None:
        return best[1], best[2]
    # A parse that broke the link: a cue right after the closing mark ("…” he told us) or right before
    # the opening one (He said: “…”), in the same sentence.
    # A full stop may stand where a comma belongs (“….” Trump said.): a short clause right after still counts.
    after = [t for t in doc[span.end:min(len(doc), span.end + 6)] if "\n" not in dtext[span.end_char:t.idx]]
    for t in after:
        cue = cue_at.get(t.i)
        if cue is not None and cue.subject is not None and cue.subject.i >= span.end \
                and not any(c.dep_ == "ccomp" and c.i > t.i for c in t.children):
            return cue, None
    before = doc[max(0, span.start - 8):span.start]
    stripped = dtext[before.start_char:span.start_char].rstrip(" \t\"“„«‘'")
    if before and stripped.endswith((":", ",")):
        for t in reversed(before):
            cue = cue_at.get(t.i)
            if cue is not None and cue.subject is not None and cue.kind != "according":
                return cue, None
        colon = next((t for t in reversed(before) if t.text == ":"), None)
        if colon is not None:
            # Any verb with a subject introducing a quote after a colon ("then leaned in and boomed: “…”").
            v = colon.head
            subj = _subject(v) if v.i < colon.i else None
            if subj is not None and subj.i < v.i and not _across_paragraphs(dtext, region, v):
                # "She received a voicemail: “…”": what someone received is not their words.
                return Cue(v, verb_lemma(v.lower_) or v.lower_, None if v.lower_ in RECEIVING else subj), None
    return None


def _opens_statement(doc: Doc, span: Span, cue: Cue) -> bool:
    """Whether a quoted region stands as the whole statement: it starts its sentence, or follows the
    attribution's comma or colon ("He said: “…”"), or the cue itself ("told reporters “…”")."""
    k = span.start - 1
    while k >= 0 and ((doc[k].is_punct and all(ch in "“\"‘'«„`" for ch in doc[k].text)) or not doc[k].text.strip()):
        if "\n" in doc[k].text:
            return True  # the quote opens its paragraph
        k -= 1
    if k < 0 or (doc[k].sent != span[0].sent and span[0].is_sent_start):
        return True
    prev = doc[k]
    if prev.text in (",", ":", ";", "—", "–", "-", "(", ".", "?", "!", "…") or "\n" in prev.text:
        return True
    if span[0].is_sent_start or prev.i < span[0].sent.start:
        return True
    return prev.i == cue.token.i or (prev.head.i == cue.token.i and prev.dep_ in ("dobj", "npadvmod", "advmod"))


def _cue_follows(doc: Doc, span: Span, cue: Cue) -> bool:
    """The attribution comes right after the closing mark: “…,” she said / “…,” said the mayor."""
    if any(c.dep_ == "ccomp" and c.i > cue.token.i for c in cue.token.children):
        return False  # the verb reports a clause of its own
    nxt = [t for t in doc[span.end:min(len(doc), span.end + 4)] if _is_word(t)]
    return bool(nxt) and (nxt[0].i == cue.token.i or (cue.subject is not None and nxt[0].i <= cue.subject.i
                                                      and cue.token.i - span.end <= 6))


def _complement(cue: Cue, dtext: str) -> tuple[int, int] | None:
    """Character span of what the cue reports, for indirect speech."""
    v = cue.token
    if cue.kind == "according":
        prep = v
        root = prep.head
        lo, hi = prep.left_edge.i, prep.right_edge.i
        sub = list(root.subtree)
        left = [t for t in sub if t.i < lo and _is_word(t)]
        right = [t for t in sub if t.i > hi and _is_word(t)]
        side = left if len(left) >= len(right) else right
        if len(side) < 3:
            return None
        return _clip(dtext, side[0].idx, side[-1].idx + len(side[-1]), v.idx)
    comps = [c for c in v.children if c.dep_ == "ccomp"]
    if not comps and cue.lemma in ("promise", "vow", "pledge", "urge"):
        comps = [c for c in v.children if c.dep_ == "xcomp"]
    as_clause = v.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod", "prep") and c.lower_ == "as" and c.i < v.i
                                          for c in v.children)
    aside = v  # the attribution that sits inside the clause it reports
    if v.dep_ == "relcl" and v.head.head.lower_ == "as" and v.head.head.i < v.i:
        aside, as_clause = v.head.head, True  # "As an observer on Twitter noted, …"
    if not comps and (v.dep_ == "parataxis" or as_clause) and cue.subject is not None:
        head = aside.head
        toks = [t for t in head.subtree if _is_word(t) and not (aside.left_edge.i <= t.i <= aside.right_edge.i)]
        if len(toks) >= 3:
            return _clip(dtext, toks[0].idx, toks[-1].idx + len(toks[-1]), v.idx)
        return None
    if not comps:
        return None
    c = max(comps, key=lambda x: len(list(x.subtree)))
    toks = [t for t in c.subtree if _is_word(t)]
    if toks and toks[0].dep_ == "mark" and toks[0].lower_ in ("that", "whether", "if"):
        toks = toks[1:]
    if len(toks) < 2:
        return None
    return _clip(dtext, toks[0].idx, toks[-1].idx + len(toks[-1]), v.idx)


def _clip(text: str, lo: int, hi: int, anchor: int) -> tuple[int, int]:
    """The span cut to the line holding `anchor` (or the nearest one): reported speech stays in its paragraph."""
    a = min(max(anchor, lo), hi)
    s = text.rfind("\n", 0, a) + 1
    e = text.find("\n", a)
    e = len(text) if e == -1 else e
    lo2, hi2 = max(lo, s), min(hi, e)
    if hi2 <= lo2:  # the cue sits outside the span's line: keep the span's own first line
        e = text.find("\n", lo)
        return lo, (hi if e == -1 else min(hi, e))
    return lo2, hi2


def extract_quotes(doc: Doc, entities: list[Entity], text: str | None = None) -> list[Quote]:
    """All quotes in a parsed story, in reading order."""
    dtext = doc.text  # rebuilt from the tokens on every access: read once
    text = dtext if text is None else text
    regions = find_regions(text)
    cues = find_cues(doc, dtext)
    res = Resolver(doc, entities, regions, dtext)
    found = _quoted(doc, text, regions, {c.token.i: c for c in cues}, res)
    found += _indirect(cues, found, res, text)
    attribute(found, res, text)  # speakers in reading order, once every quote is known
    quotes = [f.quote for f in found]
    taken = [q.span for q in quotes]
    quotes += [q for q in colon_lines(text, res) if not any(a < q.span[1] and q.span[0] < b for a, b in taken)]
    out = [finish(q, text) for q in _drop_nested(quotes)]
    out.sort(key=lambda q: q.span)
    return out


def _quoted(doc: Doc, text: str, regions: list[Region], cue_at: dict[int, Cue], res: Resolver) -> list[Found]:
    """Quotes in quote marks: linked to a cue, or carrying on the quote just before."""
    found: list[Found] = []
    last: tuple[int, int] | None = None  # the last attributed direct/partial quote (index) and where it ends
    for r in regions:
        span = _tokens_in(doc, r.start, r.end)
        if span is None or not any(_is_word(t) for t in span):
            continue
        rtext = r.text(text)
        link = _link(r, span, cue_at, doc, res.text)
        if link is None:
            if last is not None and is_sentence_like(rtext) and _carries_on(text, last[1], r.start):
                found.append(Found(Quote(rtext, (r.start, r.end), "direct"), None, last[0]))
                last = (len(found) - 1, r.end)
            continue
        q = _linked(doc, text, r, span, link[0], link[1])
        if q is not None:
            found.append(Found(q, link[0]))
            last = (len(found) - 1, r.end)
    return found


def _carries_on(text: str, prev_end: int, start: int) -> bool:
    """A bare quote in the paragraph of the last attributed quote, or opening the paragraph right after it."""
    between = text[prev_end:start].split("\n")
    starts_par = between[-1].strip(" \t\"“„«‘'") == ""
    # Only blank lines between the last attributed quote's paragraph and this one.
    return len(between) == 1 or (starts_par and all(not b.strip() for b in between[1:-1]))


def _linked(doc: Doc, text: str, r: Region, span: Span, cue: Cue, top: Token | None) -> Quote | None:
    """The quote of a region linked to its cue (direct, or partial with its reported clause), or None for a
    title or a quoted name for a thing."""
    rtext = r.text(text)
    if cue.subject is not None and r.start <= cue.subject.idx < r.end:
        return None
    if title_like(rtext) and not _cue_follows(doc, span, cue):
        return None  # a programme or book title ("on ABC's “This Week,”"), unless “Go Home,” he said
    kind, qspan = "direct", (r.start, r.end)
    whole = r.paragraphs > 1 or rtext.count(". ") >= 1
    # Punctuation inside the closing mark (“You tell me,” he said) marks a whole utterance.
    utterance = is_sentence_like(rtext) or rtext.rstrip()[-1:] in ",.?!…"
    if not whole and cue.kind != "according" and (not _opens_statement(doc, span, cue) or not utterance):
        # A fragment inside a reported clause: the quote is that clause, quoted words included.
        kind = "partial"
        if top is not None:
            part = _partial_span(text, r, cue, top)
            if part is None:
                return None
            qspan = part
    if kind == "partial" and len(_WORD.findall(rtext)) <= 1 and cue.lemma in QUOTE_ONLY_VERBS:
        return None  # a single quoted word after "called": a label, not something said
    return Quote(text[qspan[0]:qspan[1]], qspan, kind, cue=cue.lemma)


def _partial_span(text: str, r: Region, cue: Cue, top: Token) -> tuple[int, int] | None:
    while top.head.i != top.i and top.head.i != cue.token.i and top.head.dep_ != "ROOT":
        top = top.head  # up to the clause the cue reports
    if top.head.i == cue.token.i and top.dep_ in ("dobj", "pobj", "prep", "npadvmod", "nsubj") \
            and cue.lemma not in QUOTE_ONLY_VERBS and len(_WORD.findall(r.text(text))) <= 3:
        return None  # "promised a “green corridor”": a quoted name for a thing, not words said
    lo = min(r.start, top.left_edge.idx)
    hi = max(r.end, top.right_edge.idx + len(top.right_edge))
    lo, hi = _clip(text, lo, hi, cue.token.idx)
    hi = hi + 1 if hi < len(text) and text[hi] in "”\"’'»“" and hi == r.end else hi
    return lo, hi


def _indirect(cues: list[Cue], found: list[Found], res: Resolver, text: str) -> list[Found]:
    """Indirect speech: cues of saying with no quoted region, outside every quote found so far."""
    used = {f.cue.token.i for f in found if f.cue is not None}
    taken = [f.quote.span for f in found]
    out: list[Found] = []
    for cue in cues:
        if cue.token.i in used or cue.lemma not in _SPEECH | {"according to", "point out"}:
            continue
        if res.in_region(cue.token.idx) or any(s <= cue.token.idx < e for s, e in taken):
            continue
        if cue.subject is None:
            continue
        comp = _complement(cue, res.text)
        if comp is None:
            continue
        if cue.subject.lower_ not in PRONOUNS_PERSON and res.speaker(cue.subject).span is None:
            continue  # "which said", a bare "that": nobody to name
        out.append(Found(Quote(text[comp[0]:comp[1]], comp, "indirect", cue=cue.lemma), cue))
        taken.append(comp)
    return out


def _drop_nested(quotes: list[Quote]) -> list[Quote]:
    """An indirect quote whose cue and content sit inside another quote is part of that one."""
    keep: list[Quote] = []
    for q in quotes:
        if q.kind == "indirect" and any(o is not q and o.span[0] <= q.span[0] and q.span[1] <= o.span[1]
                                        and (o.span[1] - o.span[0]) > (q.span[1] - q.span[0]) for o in quotes):
            continue
        keep.append(q)
    return keep


def run(article: Article, doc: Doc, story: Story) -> None:
    article.quotes = extract_quotes(doc, article.entities, article.text)


STAGE = Stage("quotes", run, needs=("entities",), components=("parser", "ner"))
