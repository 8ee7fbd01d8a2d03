"""Safe speakers: whom a quote is about or addressed to (never its speaker), speakers given in reading order
with how each was found and how far to trust it, and indirect speech without quote marks.

How a speaker was found (`Quote.speaker_method`):
- "cue": named at the reporting verb, as its subject (an entity, a name, an unnamed source's phrase),
  "according to X", or a transcript label "X: …";
- "apposition": the subject is a description and the name stands beside it ("the head of the port, Ella Smith");
- "pronoun": he/she resolved to a person named earlier in the same paragraph, "it" to an organisation;
- "previous": the speaker of the quote before, carried on (a bare quote paragraph, or a pronoun right after
  that speaker's quote with nobody else named in between);
- "none": no speaker (an unresolved pronoun stays in `speaker_text`).
`Quote.speaker_confidence` is the measured accuracy of the method (CONFIDENCE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...model import Quote
from .speakers import PRONOUNS_PERSON, Speaker, avoid_keys, avoided

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .speakers import Resolver
    from .stage import Cue

METHODS = ("cue", "apposition", "pronoun", "previous", "none")
# Speaker accuracy of each method on the tuned part of PolNeAR (benchmarks/quotes_eval.py, "speaker by ...").
# For "none" it is how often leaving the speaker unknown (or the bare pronoun) agrees with the annotation.
# (apposition's 41 of 41 smoothed to .98; with PRONOUN_PARAGRAPHS = 1.)
CONFIDENCE = {"cue": 0.96, "apposition": 0.98, "pronoun": 0.78, "previous": 0.93, "none": 0.34}

# A preposition on the reporting verb whose object is spoken to or about: "said to X", "warned about X".
_CUE_PREPS = {"to", "about", "against", "at", "toward", "towards", "with", "of", "on"}
# Anywhere in the cue's sentence, the object of these is what the quote is about: "a threat against X".
_TOPIC_PREPS = {"against", "about", "toward", "towards", "targeting"}
# Verbs whose object is the target of the words, not their author: "threatened X, saying …".
_TARGET_VERBS = {
    f"{stem}{end}" for stem in ("threaten", "attack", "target", "harass", "insult", "menace", "warn", "mock")
    for end in ("", "s", "ed", "ing")
} | {"kill", "kills", "killed", "killing", "stalk", "stalked", "stalking", "stalks"}
# Verbs before a colon whose subject received the quoted words rather than said them.
RECEIVING = {
    "received", "receives", "receive", "receiving", "got", "gets", "get", "getting", "heard", "hears", "hear",
    "saw", "sees", "see", "seen", "found", "finds", "find", "shared", "shares", "share", "forwarded", "showed",
    "shows", "shown", "displayed", "obtained",
}
_MARKS = "“”\"‘’'«»„ \t"
# What follows a name used to address someone at the start of a quote: "Nancy, you …", "Nancy, please …".
_ADDRESS_NEXT = {"you", "your", "you're", "youre", "please", "listen", "look", "i", "we", "let", "don't", "do",
                 "thank", "thanks", "come", "stop", "tell", "sir", "ma'am", "my", "dear", "welcome", "how", "why",
                 "what", "are", "is", "can", "will", "would"}
_NAME_WORDS = re.compile(r"\b[A-Z][a-z’'-]+(?: [A-Z][a-z’'-]+){0,2}\b")
_ADDRESS_BEFORE = ("dear", "hey", "hi", "hello", "thank you", "thanks", "oh", "o", "sorry")


@dataclass
class Found:
    """A quote before its speaker is known: its cue, or the quote it carries on (`prev`, an index)."""
    quote: Quote
    cue: Cue | None
    prev: int | None = None


def attribute(found: list[Found], res: Resolver, text: str) -> None:
    """Give every quote its speaker, in reading order of the cues (so "the previous speaker" is the one
    before in the text), then bare continuing quotes from the quote they carry on."""
    order = sorted(range(len(found)), key=lambda k: (found[k].cue is None, _pos(found[k])))
    for k in order:
        f = found[k]
        q = f.quote
        if f.cue is None:
            src = found[f.prev].quote if f.prev is not None else None
            sp = Speaker(None, None, None, "none")
            if src is not None and src.speaker is not None:
                sp = Speaker(src.speaker, src.speaker_entity, src.speaker_span, "previous")
            elif src is not None and src.speaker_text and src.speaker_text.lower() in PRONOUNS_PERSON:
                sp = Speaker(None, None, src.speaker_span, "none")  # carries on an unresolved "he"
            avoid = _vocatives(res, text, q.span[0], q.span[1])
        else:
            addressed, about = avoid_for(res, f.cue, q, text)
            sp = res.speaker(f.cue.subject, addressed | about)
            res.note_speaker(f.cue.token.idx, sp)
            # Named at the cue, a speaker is only ruled out as the one spoken to or threatened: a person also
            # named inside reported speech may report on themselves.
            avoid = addressed if sp.method in ("cue", "apposition") else addressed | about
        set_speaker(q, safe(sp, avoid, text, res), text)


def _pos(f: Found) -> int:
    return f.cue.token.idx if f.cue is not None else f.quote.span[0]


def safe(sp: Speaker, avoid: frozenset[str], text: str, res: Resolver) -> Speaker:
    """The speaker, unless it is someone the quote is about or addressed to: then unknown (a pronoun at the
    cue stays as the span; a name that was the wrong person does not)."""
    if sp.name is not None and avoided(sp.entity, sp.name, avoid, res.is_person(sp.entity, sp.name)):
        said = text[sp.span[0]:sp.span[1]].lower() if sp.span else ""
        return Speaker(None, None, sp.span if said in PRONOUNS_PERSON or said == "it" else None, "none")
    return sp


def set_speaker(q: Quote, sp: Speaker, text: str) -> None:
    q.speaker, q.speaker_entity, q.speaker_span = sp.name, sp.entity, sp.span
    q.speaker_text = text[sp.span[0]:sp.span[1]] if sp.span else None
    q.speaker_method = sp.method if sp.name is not None else "none"
    q.speaker_confidence = CONFIDENCE[q.speaker_method]


def avoid_for(res: Resolver, cue: Cue, q: Quote, text: str) -> tuple[frozenset[str], frozenset[str]]:
    """Keys of the people (and organisations) a quote is addressed to or about. Addressed: the reporting
    verb's objects ("told X", "said of X"), objects of "against"/"about" and of threats in its sentence, names
    used to address someone inside the quote. About: people named in reported (indirect, partial) speech."""
    v = cue.token
    roots: list[Token] = [c for c in v.children if c.dep_ in ("dative", "iobj")]
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
        roots += [c for c in v.children if c.dep_ == "dobj"]  # "he told Smith": Smith listens
    for c in v.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in _CUE_PREPS:
            roots += [g for g in c.children if g.dep_ == "pobj"]
    for t in v.sent:
        if t.lower_ in _TOPIC_PREPS:
            roots += [g for g in t.children if g.dep_ in ("pobj", "dobj")]
        elif t.lower_ in _TARGET_VERBS and t.i != v.i:
            roots += [g for g in t.children if g.dep_ == "dobj"]
    own = _own_span(cue.subject)
    addressed = _keys_in(res, text, [_phrase(r) for r in roots], own) | _vocatives(res, text, q.span[0], q.span[1])
    # "Trump said Clinton lied": Clinton is what was said, not who said it.
    about = _keys_in(res, text, [q.span], own) if q.kind != "direct" else frozenset()
    return addressed, about


def _keys_in(res: Resolver, text: str, spans: list[tuple[int, int]], own: tuple[int, int]) -> frozenset[str]:
    """Keys of the mentions starting inside `spans`, but for the speaker's own phrase at the cue."""
    return frozenset().union(*(k for s, _e, k in _mentions(res, text)
                               if any(a <= s < b for a, b in spans) and not (own[0] <= s < own[1])))


def _phrase(r: Token) -> tuple[int, int]:
    """Characters of a noun phrase up to its head, with names joined by "and" and appositions."""
    last = r
    for c in r.rights:
        if c.dep_ in ("conj", "appos", "cc", "punct", "flat", "compound"):
            last = c.right_edge if c.dep_ in ("conj", "appos") else c
    return r.left_edge.idx, last.idx + len(last)


def _own_span(subj: Token | None) -> tuple[int, int]:
    if subj is None or subj.lower_ in ("he", "she", "it", "they", "him", "her", "who", "that", "which"):
        return (0, 0)
    return subj.left_edge.idx, subj.idx + len(subj)


def _mentions(res: Resolver, text: str) -> list[tuple[int, int, set[str]]]:
    """Every entity mention and name the resolver knows, with its `avoid` keys."""
    cached = getattr(res, "_keyed", None)
    if cached is None:
        cached = [(s, e, avoid_keys(ent.id, text[s:e], ent.type == "PERSON")) for s, e, ent in res.mentions]
        cached += [(n.start, n.end, avoid_keys(n.entity.id if n.entity else None, n.name)) for n in res.names]
        res._keyed = cached  # type: ignore[attr-defined]
    return cached


def _vocatives(res: Resolver, text: str, lo: int, hi: int) -> frozenset[str]:
    """Keys of names used inside text[lo:hi] to address someone: "Nancy, you …", "…, Nancy.", "Dear Nancy"."""
    out: set[str] = set()
    for s, e, k in _mentions(res, text):
        if lo <= s and e <= hi and _addressed(text, s, e, lo, hi):
            out |= k
    for m in _NAME_WORDS.finditer(text, lo, hi):  # names the tagger did not mark ("Ines, you …")
        s, e = m.start(), m.end()
        if _addressed(text, s, e, lo, hi):
            out |= avoid_keys(None, text[s:e])
    return frozenset(out)


def _addressed(text: str, s: int, e: int, lo: int, hi: int) -> bool:
    before = text[lo:s].rstrip(_MARKS)
    after = text[e:hi].rstrip(_MARKS)
    words = before.lower().split()
    if words and (words[-1] in _ADDRESS_BEFORE or " ".join(words[-2:]) in _ADDRESS_BEFORE):
        return True
    if not before or before.endswith((".", "?", "!", ":")):  # the name opens a sentence of the quote
        if after[:1] in ("!", "?"):
            return True
        nxt = after[1:].split() if after[:1] == "," else []
        return bool(nxt) and nxt[0].lower().strip(".,!?") in _ADDRESS_NEXT
    # "…, Nancy." / "…, Nancy!" closing the quote or one of its sentences.
    return before.endswith(",") and (after == "" or (after[:1] in ".!?" and after[1:].strip(_MARKS + ".!?,") == "")
                                     or (after[:1] in ".!?" and after[1:2] == " "))


_COLON_LINE = re.compile(r"^([^:\n]{2,60}?):[ \t]+(\S[^\n]*)$", re.M)
_WORD = re.compile(r"\w+")


def colon_lines(text: str, res: Resolver) -> list[Quote]:
    """Headline and transcript lines "Speaker: what they said"; the speaker must be a named entity."""
    out: list[Quote] = []
    for m in _COLON_LINE.finditer(text):
        head, body = m.group(1), m.group(2)
        if len(head.split()) > 4 or len(_WORD.findall(body)) < 3:
            continue
        hit = res.entity_at(m.start(1), m.end(1))
        if hit is None or hit[0].type not in ("PERSON", "ORG", "GPE", "NORP"):
            continue
        ent, span = hit
        if span[0] - m.start(1) > 12 or m.end(1) - span[1] > 2:
            continue  # the name must be the label, not part of a longer heading
        lo, hi = m.start(2), m.end(2)
        quoted = body[0] in "“\"‘'«„" and body.rstrip(" .")[-1:] in "”\"’'»“"
        if quoted:
            lo, hi = lo + 1, hi - 1 - (len(body) - len(body.rstrip(" .")))
        out.append(Quote(text[lo:hi], (lo, hi), "direct" if quoted else "indirect", ent.name, ent.id, span, ":",
                         text[span[0]:span[1]], "cue", CONFIDENCE["cue"]))
    return out


_OPENS, _CLOSES = "“„«\"", "”»\""


def finish(q: Quote, text: str) -> Quote:
    """Indirect speech carries no quote marks around it: a span wrapped in one pair of marks is a direct
    quote; a mark left unpaired at either edge is cut off (a quoted phrase inside keeps its marks)."""
    if q.kind != "indirect":
        return q
    s, e = q.span
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    inner = text[s + 1:e - 1]
    if e - s > 2 and text[s] in _OPENS and text[e - 1] in _CLOSES and not any(m in inner for m in _OPENS + _CLOSES):
        q.kind, s, e = "direct", s + 1, e - 1
    else:
        if s < e and text[s] in _OPENS and unpaired(text[s:e]):
            s += 1
        if e > s and text[e - 1] in _CLOSES and unpaired(text[s:e]):
            e -= 1
    q.span, q.text = (s, e), text[s:e]
    return q


def unpaired(body: str) -> bool:
    """Whether the double quote marks in `body` do not pair up."""
    opens = sum(body.count(c) for c in "“„«")
    closes = sum(body.count(c) for c in "”»")
    return opens != closes or body.count('"') % 2 == 1


def display_text(q: Quote) -> str:
    """How a quote is printed: quoted words inside quote marks, reported (indirect) speech without them."""
    return q.text if q.kind == "indirect" else f"“{q.text}”"

