"""Who a quote's speaker is: entity mentions, names the tagger missed, pronouns and unnamed sources.

A `Resolver` is built once per story. It maps a reporting verb's subject token to a `Speaker`: the entity's
canonical name when the subject is an entity mention (or stands beside one in apposition), for "he"/"she" a
person named earlier in the same paragraph who can be the speaker (gender agrees where the text shows it, not
someone the quote is about or addressed to) or else the last speaker carried on, for "it" an organisation
named just before in the paragraph, and the noun phrase itself for an unnamed source. Anything else ("they",
"we", a pronoun with nobody to stand for) leaves the speaker unknown, the pronoun kept as its span.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import DEP, IS_ALPHA, IS_TITLE
from spacy.strings import hash_string
from spacy.symbols import IDS

from .marks import Region, is_sentence_like

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ...model import Entity


PRONOUNS_PERSON = {"he": "m", "him": "m", "she": "f", "her": "f"}
PRONOUNS_OTHER = {"they", "them", "it", "i", "we", "you"}
# Determiner-like words that are the whole subject: not a speaker worth naming.
_EMPTY_SUBJECTS = {"who", "that", "which", "this", "these", "those", "what", "one", "there"}
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_NOT_NAMES = set(PRONOUNS_PERSON) | PRONOUNS_OTHER | _EMPTY_SUBJECTS | {"what", "where", "when", "why", "how", "all",
                                                                       "both", "some", "many", "most", "none"}
_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "lady": "f", "madam": "f"}
# Titles and roles right before a name that show the person's gender ("Congresswoman Jane Roe").
_HONORIFIC_GENDER.update({w: "f" for w in (
    "congresswoman spokeswoman chairwoman businesswoman councilwoman assemblywoman alderwoman actress queen "
    "princess duchess countess baroness dame sister nun wife mother daughter grandmother aunt niece widow "
    "girlfriend woman girl".split())})
_HONORIFIC_GENDER.update({w: "m" for w in (
    "congressman spokesman chairman businessman councilman assemblyman alderman actor king prince duke "
    "baron brother monk husband father son grandfather uncle nephew widower boyfriend man boy".split())})
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
# Titles that stand in names as written ("President Obama"): never a name on their own.
_TITLES = set(_HONORIFIC_GENDER) | {"president", "senator", "sen", "rep", "gov", "governor", "mayor", "judge",
                                    "general", "minister", "secretary", "chief", "dr", "prof", "the", "of", "and"}
# How many paragraphs back a pronoun may carry on the last speaker ("previous").
PREVIOUS_PARAGRAPHS = 3
# How many paragraphs before its own a pronoun may look for its person. Issue 20 asks for its own paragraph
# only (0); news paragraphs are one or two sentences and '"...," he said' mostly points one back, so 0 took
# speaker accuracy on PolNeAR from .900/.911 to .866/.871 (tuned/measured) and left three rightly named speakers
# of the user's example unknown. 1 gives .904/.909; the pronouns it adds are right about .79 of the time, as
# often as those resolved within the paragraph, and carry speaker_method "pronoun" and its confidence (.76)
# so a user can leave them out. Every other safety rule (gender, addressee, topic) still applies.
PRONOUN_PARAGRAPHS = 1
_GENDER = {n: g for g, names in _GIVEN_NAMES.items() for n in names.split()}


@dataclass
class Speaker:
    name: str | None
    entity: str | None
    span: tuple[int, int] | None  # the words naming the speaker at the cue ("he", "the minister")
    method: str = "cue"  # how it was found: cue, apposition, pronoun, previous, none (see speaker_rules)



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
    "billionaire mogul host anchor moderator speaker delegate representative commissioner head caller suspect "
    "gunman attacker assailant shooter stranger defendant protester driver neighbor neighbour".split()
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
        self.types = {ent.id: ent.type for ent in entities}
        # Only quotes proper hide their mentions from pronouns; a ‘nickname’ in quote marks does not.
        # doc.text is rebuilt from the tokens on every access: read it once.
        self.text = text = doc.text if text is None else text
        self.regions = sorted((r for r in regions if is_sentence_like(text[r.start:r.end])), key=lambda r: r.start)
        self._region_starts = [r.start for r in self.regions]
        self.gender: dict[str, str] = {}
        self.names = self._names(doc)
        # (cue position, name, entity id, a name rather than a phrase), in reading order
        self.speakers: list[tuple[int, str, str | None, bool]] = []

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
            before = text[max(0, s - 24):s].strip().rstrip(".").split()
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

    def is_person(self, entity: str | None, name: str | None) -> bool:
        """A person's name rather than an organisation or an unnamed source's phrase."""
        if entity is not None:
            return self.types.get(entity) == "PERSON"
        words = (name or "").split()
        return 0 < len(words) <= 4 and words[0].lower() not in ("the", "a", "an") and all(
            w[:1].isupper() for w in words)

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

    def speaker(self, tok: Token | None, avoid: frozenset[str] = frozenset()) -> Speaker:
        """Who the subject `tok` of a reporting verb is. `avoid`: keys (see `key`) of the people the quote is
        about or addressed to, never its speaker."""
        if tok is None:
            return Speaker(None, None, None, "none")
        if tok.lower_ in ("who", "that", "which") and tok.head.dep_ == "relcl":
            tok = tok.head.head
        low = tok.lower_
        if low in PRONOUNS_PERSON:
            return self.pronoun(tok, PRONOUNS_PERSON[low], avoid)
        if low == "it":
            return self.pronoun(tok, "it", avoid)
        if low in PRONOUNS_OTHER:  # they, we, I, you: not resolved; the pronoun stays as text
            return Speaker(None, None, (tok.idx, tok.idx + len(tok)), "none")
        after = _after_dateline(tok, self.text)
        if after is not None:
            tok, low = after, after.lower_
        method, hit = "cue", self.entity_at(tok.idx, tok.idx + len(tok))
        if hit is None:
            method, hit = "apposition", self._apposition(tok)
        if hit is not None:
            ent, span = hit
            return Speaker(ent.name, ent.id, span, method)
        if low in _EMPTY_SUBJECTS:
            return Speaker(None, None, None, "none")
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if low in _SAYINGS and owner is not None and owner.lower_ not in PRONOUNS_OTHER | set(PRONOUNS_PERSON):
            return self.speaker(owner, avoid)  # "the envoy's remarks claimed …": the envoy speaks
        for n in self.names:
            if n.root.i == tok.i:
                return Speaker(n.name, None, (n.start, n.end))
        return self.phrase(tok)

    def _apposition(self, tok: Token) -> tuple[Entity, tuple[int, int]] | None:
        for c in tok.children:  # "the head of the commission, Ella Smith"
            if c.dep_ == "appos":
                hit = self.entity_at(c.idx, c.idx + len(c))
                if hit and hit[0].type in ("PERSON", "ORG"):
                    return hit
        return None

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

    def pronoun(self, tok: Token, gender: str, avoid: frozenset[str] = frozenset()) -> Speaker:
        """A person named earlier in the pronoun's own paragraph who can be its speaker (gender agrees, not
        the quote's topic or addressee, not inside another quote), its sentence's subject first; else the
        previous speaker carried on (see `previous`); else unknown, the pronoun kept as the span."""
        span = (tok.idx, tok.idx + len(tok))
        if gender == "it":
            return self._it(tok, span, avoid)
        lo = self._paragraphs_back(self.text.rfind("\n", 0, tok.idx) + 1, PRONOUN_PARAGRAPHS)
        own = self.in_region(tok.idx)
        sent = tok.sent
        while sent.end_char > lo:
            best = self._best_name(sent, tok, gender, own, avoid, lo)
            same = self._same_pronoun(sent, tok, gender, own)
            if same is not None and (best is None or not best[0] or best[1].start < same.idx):
                return self.pronoun(same, gender, avoid)  # "He said … He added": the same person
            if best is not None and not best[0] and self._role_subject(sent, tok):
                break  # "A caller threatened Jane Roe. He said …": he is the caller, not Roe
            if best is not None and not best[0]:
                # Only a non-subject mention: the person quoted just before, in this paragraph, is likelier.
                recent = self._recent_speaker(tok, gender, avoid, lo)
                if recent is not None:
                    return Speaker(recent[0], recent[1], span, "pronoun")
            if best is not None:
                n = best[1]
                self.gender.setdefault(n.entity.id if n.entity else n.name, gender)
                return Speaker(n.entity.name if n.entity else n.name, n.entity.id if n.entity else None, span,
                               "pronoun")
            if sent.start == 0:
                break
            sent = self.doc[sent.start - 1].sent
        return self.previous(tok, gender, avoid, lo) or Speaker(None, None, span, "none")

    def _same_pronoun(self, sent: Span, tok: Token, gender: str, own: bool) -> Token | None:
        """The last subject pronoun of the same gender in `sent` before `tok`, outside quotes."""
        for t in reversed(sent[:max(0, tok.i - sent.start)]):
            if PRONOUNS_PERSON.get(t.lower_) == gender and t.dep_ in SUBJECT_DEPS and t.i < tok.i \
                    and (own or not self.in_region(t.idx)):
                return t
        return None

    def _best_name(self, sent: Span, tok: Token, gender: str, own: bool, avoid: frozenset[str],
                   lo: int) -> tuple[bool, Name] | None:
        """The fitting person named in `sent` before `tok` and in its paragraph: (is a subject, name)."""
        best: tuple[tuple[int, int], Name] | None = None
        for n in self.names:
            if n.start >= sent.end_char or n.end <= sent.start_char or n.start >= tok.idx or n.start < lo:
                continue
            if (self.in_region(n.start) and not own) or not self._fits(n, gender, avoid):
                continue
            r = n.root
            subj = r.dep_ in SUBJECT_DEPS or (r.dep_ == "appos" and r.head.dep_ in SUBJECT_DEPS)
            rank = (0 if subj else 1, n.start)
            if best is None or rank < best[0]:
                best = (rank, n)
        return None if best is None else (best[0][0] == 0, best[1])

    def _fits(self, n: Name, gender: str, avoid: frozenset[str]) -> bool:
        if avoided(n.entity.id if n.entity else None, n.name, avoid):
            return False
        g = self.gender.get(n.entity.id if n.entity else n.name)
        return not g or g == gender

    def previous(self, tok: Token, gender: str, avoid: frozenset[str], lo: int) -> Speaker | None:
        """A pronoun carrying on the last speaker quoted before it, within PREVIOUS_PARAGRAPHS paragraphs: only
        a named person of fitting gender, with no other person named (outside quotes) and nobody else
        quoted between that quote's cue and the pronoun."""
        floor = self._paragraphs_back(lo, PREVIOUS_PARAGRAPHS)
        prior = [x for x in self.speakers if x[0] < tok.idx]
        if not prior:
            return None
        pos, name, ent, named = prior[-1]
        if pos < floor or not named or avoided(ent, name, avoid):
            return None
        person = [n for n in self.names if (ent is not None and n.entity is not None and n.entity.id == ent)
                  or n.name == name]
        if not person or not self._fits(person[0], gender, avoid):
            return None  # an organisation: not a "he" or "she"
        if any(pos < n.start < tok.idx and not self.in_region(n.start) and n not in person
               and self._fits(n, gender, frozenset()) for n in self.names):
            return None
        return Speaker(name, ent, (tok.idx, tok.idx + len(tok)), "previous")

    def _paragraphs_back(self, lo: int, k: int) -> int:
        """Where the paragraph `k` paragraphs before the one starting at `lo` starts (blank lines skipped)."""
        text, floor = self.text, lo
        for _ in range(k):
            if floor == 0:
                break
            end = floor
            floor = text.rfind("\n", 0, max(0, floor - 1)) + 1
            while floor > 0 and not text[floor:end].strip():  # blank lines between paragraphs
                floor = text.rfind("\n", 0, floor - 1) + 1
        return floor

    def note_speaker(self, pos: int, sp: Speaker) -> None:
        if sp.name:
            named = bool(sp.entity or (sp.name[:1].isupper() and sp.name.lower() not in _NOT_NAMES))
            insort(self.speakers, (pos, sp.name, sp.entity, named), key=lambda x: x[0])

    def _recent_speaker(self, tok: Token, gender: str, avoid: frozenset[str],
                        lo: int) -> tuple[str, str | None] | None:
        """The last named person quoted before `tok` in its paragraph."""
        for pos, name, ent, named in reversed(self.speakers):
            if pos >= tok.idx or not named:
                continue
            if pos < lo:
                return None
            if avoided(ent, name, avoid):
                continue
            g = self.gender.get(ent or name)
            if g and g != gender:
                continue
            if not any((n.entity is not None and n.entity.id == ent) or n.name == name for n in self.names):
                return None  # an organisation or a phrase: not a "he" or "she"
            return name, ent
        return None

    @staticmethod
    def _role_subject(sent: Span, tok: Token) -> bool:
        """The sentence's subject is a person named by a role ("the former ambassador", "a caller")."""
        root = sent.root
        subj = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
        return subj is not None and subj.i < tok.i and subj.lower_ in _ROLE_NOUNS and not subj.ent_type_ \
            and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "a", "an", "another", "one")
                    for c in subj.children)

    def _it(self, tok: Token, span: tuple[int, int], avoid: frozenset[str]) -> Speaker:
        """"It said": the organisation named last before it in its paragraph, outside quotes; else unknown."""
        lo = max(self.text.rfind("\n", 0, tok.idx) + 1, self.doc[max(0, tok.sent.start - 1)].sent.start_char)
        best = None
        for s, _e, ent in self.mentions:
            if lo <= s < tok.idx and ent.type == "ORG" and not self.in_region(s) and ent.id not in avoid:
                best = ent
        if best is None:
            return Speaker(None, None, span, "none")
        return Speaker(best.name, best.id, span, "pronoun")


def key(entity: str | None, name: str | None) -> str:
    """How a person is told apart in `avoid` sets: the entity id, else the lower-case name."""
    return entity if entity is not None else f"name:{(name or '').lower()}"


def avoid_keys(entity: str | None, surface: str, person: bool = True) -> set[str]:
    """What goes into an `avoid` set for one mention: its entity and its words as written; for a person, also
    each capitalised word that is not a title ("Paul" addressed in a quote rules out "Paul Durand")."""
    words = [w for w in surface.replace("’s", "").replace("'s", "").split()
             if w[:1].isupper() and w.isalpha() and w.lower() not in _TITLES] if person else []
    return {key(None, surface)} | {f"word:{w.lower()}" for w in words} | ({entity} if entity is not None else set())


def avoided(entity: str | None, name: str | None, avoid: frozenset[str], person: bool = True) -> bool:
    """Whether the speaker (entity id, name) is one the quote is about or addressed to: the same entity, the
    same name, or for a person a name with a word (not a title) that names an avoided person on its own."""
    if not avoid:
        return False
    if (entity is not None and entity in avoid) or key(None, name) in avoid:
        return True
    return person and any(k in avoid for k in avoid_keys(None, name or "") if k.startswith("word:"))
