"""Who a quote's speaker is: entity mentions, names the tagger missed, pronouns and unnamed sources.

A `Resolver` is built once per story. It maps a reporting verb's subject token to a `Speaker`: the entity's
canonical name when the subject is an entity mention, the nearest fitting earlier person for "he"/"she",
the nearest earlier organisation for "it", and the noun phrase itself for an unnamed source.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import DEP, IS_ALPHA, IS_TITLE
from spacy.strings import hash_string
from spacy.symbols import IDS

from .quotemarks import Region, is_sentence_like

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..model import Entity


PRONOUNS_PERSON = {"he": "m", "him": "m", "she": "f", "her": "f"}
PRONOUNS_OTHER = {"they", "them", "it", "i", "we", "you"}
# Determiner-like words that are the whole subject: not a speaker worth naming.
_EMPTY_SUBJECTS = {"who", "that", "which", "this", "these", "those", "what", "one", "there"}
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_NOT_NAMES = set(PRONOUNS_PERSON) | PRONOUNS_OTHER | _EMPTY_SUBJECTS | {"what", "where", "when", "why", "how", "all",
                                                                       "both", "some", "many", "most", "none"}
_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "lady": "f", "madam": "f"}
# A few very common given names: a pronoun's gender then rules out a wrong antecedent. Small on purpose:
# it is a tie-breaker, the parse and recency decide.
_GIVEN_NAMES = {
    "m": "john james robert michael william david richard joseph thomas charles daniel matthew mark donald "
    "george paul steven andrew kenneth joshua kevin brian edward ronald timothy jason jeffrey ryan jacob gary "
    "eric stephen jonathan larry justin scott frank benjamin gregory samuel raymond patrick alexander jack "
    "dennis jerry tyler aaron jose henry adam douglas nathan peter zachary kyle walter harold jeremy ethan "
    "carl keith roger gerald christian terry sean arthur austin noah lawrence jesse joe bryan billy bruce "
    "albert willie gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby "
    "philip johnny bernie barack bill mike ted marco jeb chris tim vladimir sergei dmitry boris emmanuel "
    "olaf volodymyr xi recep narendra benjamin ali ahmed mohammed muhammad hassan omar ivan nikolai",
    "f": "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret "
    "sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca "
    "sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha "
    "katherine christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce "
    "victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline "
    "frances gloria ann teresa kathryn sara janice jean alice madison doris abigail julia judy grace denise "
    "amber marilyn beverly danielle theresa sophia marie diana brittany natalie isabella charlotte rose "
    "alexis kayla hillary kamala ursula giorgia marine kate jill melania "
    "ivanka chelsea huma kellyanne",
}
_GENDER = {n: g for g, names in _GIVEN_NAMES.items() for n in names.split()}


@dataclass
class Speaker:
    name: str | None
    entity: str | None
    span: tuple[int, int] | None



# What someone said, standing as the subject of a reporting verb: the owner is the speaker.
_SAYINGS = {"language", "words", "remarks", "comments", "statement", "statements", "tweet", "tweets", "post",
            "message", "letter", "speech", "testimony", "rhetoric", "account"}
# Names the small NER model often tags PERSON that no pronoun "he"/"she" can stand for.
_NOT_PERSONS = {"twitter", "facebook", "instagram", "youtube", "tiktok", "reddit", "google", "whatsapp", "telegram"}
_DASHES = {"—", "–", "-", "--"}
# Nouns for people by their role: "The former ambassador said …" then "he" is that person, not a name
# mentioned beside him.
_ROLE_NOUNS = set(
    "ambassador senator candidate nominee president governor minister secretary official spokesman spokeswoman "
    "spokesperson businessman businesswoman congressman congresswoman lawmaker legislator leader chairman "
    "chairwoman chair director chief executive judge mayor commander general officer activist analyst "
    "economist expert lawyer attorney prosecutor researcher professor doctor scientist author writer "
    "reporter journalist editor founder owner manager coach player star actor actress singer rapper pastor "
    "priest bishop diplomat envoy negotiator strategist pollster adviser advisor aide donor voter resident "
    "witness victim survivor man woman father mother son daughter husband wife veteran democrat republican "
    "billionaire mogul host anchor moderator speaker delegate representative commissioner head".split()
)


def _after_dateline(tok: Token, text: str) -> Token | None:
    """A dateline ("BERLIN, May 2 — The minister said") parsed as the subject: the phrase after the dash."""
    sent = tok.sent
    if tok.i != sent.start or (sent.start_char and text[sent.start_char - 1] != "\n"):
        return None
    dash = next((t for t in tok.doc[tok.i + 1:min(len(tok.doc), tok.i + 8)] if t.text in _DASHES), None)
    if dash is None:
        return None
    later = [c for c in tok.children if c.i > dash.i and c.dep_ in ("appos", "npadvmod", "dep", "nsubj")]
    return later[0] if later else None


def string_ids(strings: Iterable[str]) -> np.ndarray:
    """The ids `Doc.to_array` may hold for these strings: spaCy's built-in symbols (most dependency labels)
    are small fixed ids, every other string its hash. Both are listed, so either matches."""
    words = list(strings)
    ids = {hash_string(w) for w in words} | {IDS[w] for w in words if w in IDS}
    return np.array(sorted(ids), dtype=np.uint64)


_NAME_DEPS = string_ids(("nsubj", "nsubjpass", "appos", "dobj", "pobj", "attr"))


def _name_slots(doc: Doc) -> list[Token]:
    """Capitalised alphabetic words in a noun slot, picked on the token array: a Python Token for every
    word of the story would cost more than the whole search."""
    if len(doc) == 0:
        return []
    arr = doc.to_array([DEP, IS_TITLE, IS_ALPHA])
    keep = np.isin(arr[:, 0], _NAME_DEPS) & (arr[:, 1] == 1) & (arr[:, 2] == 1)
    return [doc[int(i)] for i in np.flatnonzero(keep)]


@dataclass
class Name:
    start: int
    end: int
    name: str
    entity: Entity | None
    root: Token


class Resolver:
    """Maps tokens to entities, and pronouns to the person they most likely stand for."""

    def __init__(self, doc: Doc, entities: list[Entity], regions: list[Region], text: str | None = None) -> None:
        self.doc = doc
        self.mentions: list[tuple[int, int, Entity]] = sorted(
            (s, e, ent) for ent in entities for s, e in ent.mentions
        )
        self._starts = [m[0] for m in self.mentions]
        # Only quotes proper hide their mentions from pronouns; a ‘nickname’ in quote marks does not.
        # doc.text is rebuilt from the tokens on every access: read it once.
        self.text = text = doc.text if text is None else text
        self.regions = sorted((r for r in regions if is_sentence_like(text[r.start:r.end])), key=lambda r: r.start)
        self._region_starts = [r.start for r in self.regions]
        self.gender: dict[str, str] = {}
        self.names = self._names(doc)
        self.speakers: list[tuple[int, str, str | None]] = []  # (cue position, name, entity id) in order

    def _names(self, doc: Doc) -> list[Name]:
        """Persons a pronoun may stand for: PERSON entities, plus name-like subjects the tagger missed."""
        out: list[Name] = []
        text = self.text
        for s, e, ent in self.mentions:
            if ent.type != "PERSON" or ent.name.lower() in _NOT_PERSONS:
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            out.append(Name(s, e, ent.name, ent, span.root))
            before = text[max(0, s - 6):s].strip().rstrip(".").split()
            g = _HONORIFIC_GENDER.get(before[-1].lower()) if before else None
            if g is None and len(ent.name.split()) > 1:
                g = _GENDER.get(ent.name.split()[0].lower())
            if g:
                self.gender.setdefault(ent.id, g)
        taken = {i for n in out for i in range(n.root.left_edge.i, n.root.i + 1)}
        for t in _name_slots(doc):
            if t.i in taken:
                continue
            if not (t.text[:1].isupper() and t.text[1:].islower() and t.text.isalpha()):
                continue
            if t.ent_type_ and t.ent_type_ != "PERSON":
                continue
            if t.lower_ in _NOT_NAMES:
                continue
            parts = [c for c in t.lefts if c.dep_ == "compound" and c.text[:1].isupper()]
            first = parts[0] if parts else t
            if any(c.dep_ in ("det", "poss") for c in t.children):
                continue
            prev = doc[first.i - 1] if first.i > 0 else None
            sentence_start = prev is None or first.is_sent_start or prev.text in ("\n", ":") or not prev.text.strip()
            if prev is not None and not sentence_start and prev.is_punct and prev.text in "‘'“\"":
                sentence_start = first.i - 1 == first.sent.start or doc[first.i - 2].text.strip() == ""
                pseudonym = first.i + 1 < len(doc) and doc[t.i + 1].text in "’'”\""
                sentence_start = sentence_start and not pseudonym
            if sentence_start and not parts and t.ent_type_ != "PERSON":
                continue  # "Officials", "Voters": any sentence's first word is capitalised
            if not t.ent_type_ and not parts and t.dep_ not in ("nsubj", "nsubjpass", "appos"):
                continue
            s, e = max(first.idx, text.rfind("\n", 0, t.idx) + 1), t.idx + len(t)
            out.append(Name(s, e, text[s:e], None, t))
            g = _GENDER.get(first.lower_) if parts else None
            if g:
                self.gender.setdefault(text[s:e], g)
        out.sort(key=lambda n: n.start)
        return out

    def entity_at(self, start: int, end: int) -> tuple[Entity, tuple[int, int]] | None:
        k = bisect_right(self._starts, start) - 1
        for j in (k, k - 1, k + 1):
            if 0 <= j < len(self.mentions):
                s, e, ent = self.mentions[j]
                if s <= start < e or (start <= s < end):
                    return ent, (s, e)
        return None

    def in_region(self, pos: int) -> bool:
        # Regions never overlap: only the last one starting at or before `pos` can hold it.
        k = bisect_right(self._region_starts, pos) - 1
        return k >= 0 and pos < self.regions[k].end

    def speaker(self, tok: Token | None) -> Speaker:
        if tok is None:
            return Speaker(None, None, None)
        if tok.lower_ in ("who", "that", "which") and tok.head.dep_ == "relcl":
            tok = tok.head.head
        low = tok.lower_
        if low in PRONOUNS_PERSON:
            return self.pronoun(tok, PRONOUNS_PERSON[low])
        if low in PRONOUNS_OTHER:
            if low == "it":
                return self.pronoun(tok, "it")
            return Speaker(tok.text, None, (tok.idx, tok.idx + len(tok)))
        after = _after_dateline(tok, self.text)
        if after is not None:
            tok, low = after, after.lower_
        hit = self.entity_at(tok.idx, tok.idx + len(tok))
        if hit is None:
            for c in tok.children:  # "the head of the commission, Ella Smith"
                if c.dep_ == "appos":
                    hit = self.entity_at(c.idx, c.idx + len(c))
                    if hit and hit[0].type in ("PERSON", "ORG"):
                        break
                    hit = None
        if hit is not None:
            ent, span = hit
            return Speaker(ent.name, ent.id, span)
        if low in _EMPTY_SUBJECTS:
            return Speaker(None, None, None)
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if low in _SAYINGS and owner is not None and owner.lower_ not in PRONOUNS_OTHER | set(PRONOUNS_PERSON):
            return self.speaker(owner)  # "the envoy's remarks claimed …": the envoy speaks
        for n in self.names:
            if n.root.i == tok.i:
                return Speaker(n.name, None, (n.start, n.end))
        return self.phrase(tok)

    def phrase(self, tok: Token) -> Speaker:
        """An unnamed source as its noun phrase: determiners and modifiers, plus "of"/"for" attachments."""
        left = [c for c in tok.lefts if c.dep_ in ("det", "amod", "compound", "nummod", "poss", "nmod",
                                                    "quantmod", "advmod", "predet")]
        start = min([tok.idx] + [c.left_edge.idx for c in left])
        end = tok.idx + len(tok)
        first = next(iter(tok.rights), None)
        if first is not None and first.dep_ == "prep" and first.lower_ in ("of", "for", "from", "with"):
            end = first.right_edge.idx + len(first.right_edge)
        text = self.text
        start = max(start, text.rfind("\n", 0, tok.idx) + 1)  # a phrase never runs over a line break
        nl = text.find("\n", tok.idx)
        end = end if nl == -1 else min(end, nl)
        return Speaker(text[start:end], None, (start, end))

    def pronoun(self, tok: Token, gender: str) -> Speaker:
        """Nearest earlier sentence with a fitting name, preferring its subject; names inside quotes skipped."""
        span = (tok.idx, tok.idx + len(tok))
        own = self.in_region(tok.idx)
        sent = tok.sent
        if gender == "it":
            return self._it(tok, span)
        for steps in range(12):
            best = None
            for n in self.names:
                if n.start >= sent.end_char or n.end <= sent.start_char or n.start >= tok.idx:
                    continue
                if self.in_region(n.start) and not own:
                    continue
                g = self.gender.get(n.entity.id if n.entity else n.name)
                if g and g != gender:
                    continue
                r = n.root
                subj = r.dep_ in _SUBJ or (r.dep_ == "appos" and r.head.dep_ in _SUBJ)
                rank = (0 if subj else 1, n.start)
                if best is None or rank < best[0]:
                    best = (rank, n)
            if best is not None and best[0][0] == 1 and self._role_subject(sent, tok):
                best = None  # "The former ambassador discussed … Trump. He said": not Trump
            if best is not None and best[0][0] == 1:
                # Only a non-subject mention: the person quoted just before is the likelier "he".
                recent = self._recent_speaker(tok, gender, steps)
                if recent is not None:
                    return Speaker(recent[0], recent[1], span)
            if best is not None:
                n = best[1]
                self.gender.setdefault(n.entity.id if n.entity else n.name, gender)
                return Speaker(n.entity.name if n.entity else n.name, n.entity.id if n.entity else None, span)
            if sent.start == 0:
                break
            sent = self.doc[sent.start - 1].sent
        return Speaker(tok.text, None, span)

    def note_speaker(self, pos: int, sp: Speaker) -> None:
        if sp.name and (sp.entity or (sp.name[:1].isupper() and sp.name.lower() not in _NOT_NAMES)):
            self.speakers.append((pos, sp.name, sp.entity))

    def _recent_speaker(self, tok: Token, gender: str, steps: int) -> tuple[str, str | None] | None:
        """The last named speaker before `tok`, if quoted within the sentences scanned so far (plus one)."""
        floor = tok.sent
        for _ in range(steps + 1):
            if floor.start == 0:
                break
            floor = self.doc[floor.start - 1].sent
        for pos, name, ent in reversed(self.speakers):
            if pos >= tok.idx:
                continue
            if pos < floor.start_char:
                return None
            g = self.gender.get(ent or name)
            if g and g != gender:
                continue
            if not any((n.entity is not None and n.entity.id == ent) or n.name == name for n in self.names):
                return None  # an organisation or a phrase: not a "he" or "she"
            return name, ent
        return None

    @staticmethod
    def _role_subject(sent: Span, tok: Token) -> bool:
        root = sent.root
        subj = next((c for c in root.children if c.dep_ in _SUBJ), None)
        return subj is not None and subj.i < tok.i and subj.lower_ in _ROLE_NOUNS and not subj.ent_type_ \
            and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subj.children)

    def _it(self, tok: Token, span: tuple[int, int]) -> Speaker:
        """"It said": the organisation that is the nearest earlier subject within two sentences."""
        lo = tok.sent.start
        if lo > 0:
            lo = self.doc[lo - 1].sent.start
        floor = self.doc[lo].idx
        best = None
        for s, _e, ent in self.mentions:
            if floor <= s < tok.idx and ent.type == "ORG" and not self.in_region(s):
                best = ent
        if best is None:
            return Speaker(tok.text, None, span)
        return Speaker(best.name, best.id, span)
