"""One reading of a story that every language's extractors share, whatever library produced it.

spaCy (French, Spanish) and natasha (Russian) give tokens, lemmas, a dependency parse, sentences and named
entities in different shapes; the adapters here turn either into an `LDoc`, so that the extractors in this
package are written once and driven by each language's word tables. Offsets are characters of the story
text, as everywhere in the record.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

# Entity labels of the libraries -> the record's types (model.ENTITY_TYPES); places are retyped GPE/LOC
# once the gazetteer has read them (entities.py).
LABELS = {"PER": "PERSON", "PERSON": "PERSON", "LOC": "LOC", "GPE": "GPE", "ORG": "ORG", "MISC": "OTHER"}


@dataclass
class Token:
    text: str
    start: int
    end: int
    lemma: str
    pos: str
    dep: str
    head: int  # index of the head token in LDoc.tokens; its own index at a root
    sent: int
    gender: str | None = None  # "m", "f" from morphology where the library gives it


@dataclass
class Ent:
    start: int
    end: int
    label: str  # PERSON, LOC, GPE, ORG, OTHER
    normal: str  # the name in its dictionary form (natasha: nominative; spaCy: as written)


@dataclass
class LDoc:
    text: str
    lang: str
    tokens: list[Token] = field(default_factory=list)
    sents: list[tuple[int, int]] = field(default_factory=list)
    ents: list[Ent] = field(default_factory=list)

    def split_sentences_at_lines(self) -> None:
        """A sentence never runs across a line break: a headline or a dateline ends where its line does
        (the taggers read "Titre\nVILLE, 5 mai" as one sentence); an opening quote mark the tagger made a
        sentence of its own belongs to the sentence after it."""
        out: list[tuple[int, int]] = []
        glue: int | None = None  # start of a run of marks the tagger cut off as a sentence ("«" alone)
        for s, e in self.sents:
            pos = s
            for part in self.text[s:e].split("\n"):
                a, b = pos + len(part) - len(part.lstrip()), pos + len(part.rstrip())
                pos += len(part) + 1
                if b <= a:
                    continue
                if not any(ch.isalnum() for ch in self.text[a:b]):
                    glue = a if glue is None else glue
                    continue
                out.append((a if glue is None or "\n" in self.text[glue:a] else glue, b))
                glue = None
        self.sents = out or [(0, len(self.text))]
        for tok in self.tokens:
            tok.sent = self.sent_of(tok.start)

    def sent_of(self, offset: int) -> int:
        """Index of the sentence holding character `offset` (the one before, between sentences)."""
        starts = [s for s, _ in self.sents]
        return max(0, bisect_right(starts, offset) - 1)

    def tokens_in(self, start: int, end: int) -> list[Token]:
        return [t for t in self.tokens if t.start >= start and t.end <= end]


def _gender(feats: Any) -> str | None:
    g = feats.get("Gender") if hasattr(feats, "get") else None
    if isinstance(g, list | tuple):
        g = g[0] if g else None
    return {"Masc": "m", "Fem": "f"}.get(g or "")


def from_spacy(doc: Any, lang: str) -> LDoc:
    """An LDoc from a spaCy Doc of the story text."""
    out = LDoc(doc.text, lang)
    sent_index = {}
    for i, s in enumerate(doc.sents):
        out.sents.append((s.start_char, s.end_char))
        sent_index[s.start] = i
    cur = 0
    for t in doc:
        cur = sent_index.get(t.sent.start, cur)
        out.tokens.append(Token(t.text, t.idx, t.idx + len(t.text), t.lemma_ or t.text, t.pos_, t.dep_, t.head.i, cur,
                                _gender(t.morph.to_dict())))
    for e in doc.ents:
        out.ents += split_lines(Ent(e.start_char, e.end_char, LABELS.get(e.label_, "OTHER"), e.text), doc.text)
    out.split_sentences_at_lines()
    return out


def split_lines(e: Ent, text: str) -> list[Ent]:
    """An entity the tagger ran across a line break ("Tillabéri\nNIAMEY": a headline and a dateline) is one
    entity per line."""
    if "\n" not in text[e.start:e.end]:
        return [e]
    out, pos = [], e.start
    for part in text[e.start:e.end].split("\n"):
        s, t = pos + len(part) - len(part.lstrip()), pos + len(part.rstrip())
        if t > s:
            out.append(Ent(s, t, e.label, text[s:t]))
        pos += len(part) + 1
    return out


def from_natasha(doc: Any, lang: str = "ru") -> LDoc:
    """An LDoc from a natasha Doc (segmented, tagged, parsed, NER spans normalised: models.Natasha.doc)."""
    out = LDoc(doc.text, lang)
    index: dict[str, int] = {}
    for si, sent in enumerate(doc.sents):
        out.sents.append((sent.start, sent.stop))
        for tok in sent.tokens:
            index[tok.id] = len(out.tokens)
            out.tokens.append(Token(tok.text, tok.start, tok.stop, (tok.lemma or tok.text).lower(), tok.pos or "",
                                    tok.rel or "", -1, si, _gender(tok.feats or {})))
    for sent in doc.sents:
        for tok in sent.tokens:
            i = index[tok.id]
            # natasha's heads are "sentence_token" ids; "s_0" is the root
            out.tokens[i].head = index.get(tok.head_id, i)
    for span in doc.spans:
        ent = Ent(span.start, span.stop, LABELS.get(span.type, "OTHER"), span.normal or span.text)
        out.ents += [ent] if "\n" not in span.text else split_lines(ent, doc.text)
    out.split_sentences_at_lines()
    return out
