"""Direct quotes and their speakers in French, Spanish and Russian.

A quote is the text between a language's quotation marks (« », „ “, “ ”, "), three words or more, inside one
paragraph; or, in Russian and Spanish, a dialogue line ("— Мы не отступим, — заявил он.", "—No cederemos
—dijo el ministro."). Its speaker is read at the speech verb (words_xx.py) nearest the quote:
- after it: "« ... », a déclaré le ministre X", "«...», afirmó X", "«...», — заявил X": the person named
  right after the verb, else before it within the cue;
- before it: "X a déclaré : « ... »", "según X, «...»", "по словам X, «...»";
- a pronoun at the cue ("a-t-il ajouté", "— сказала она") keeps its words in `speaker_text` and resolves
  to the last speaker, or else the nearest person before the quote, of its gender (Russian morphology
  gives names' gender; in French and Spanish an unknown gender agrees) within two sentences; unresolved, the
  speaker stays None with the pronoun kept;
- a description at the cue ("», a souligné la ministre", "», escribió el mandatario", "», — отметил губернатор"),
  when definite (an article or a possessive; any bare noun in Russian, which has no articles), refers back to
  the last person named within two sentences whose introduction holds its head noun in either gender ("La
  ministre des Affaires étrangères, X"), else to the one person named there (method "apposition"); an
  indefinite one ("un ouvrier") is someone new and stays a phrase, cut at its first preposition but "de";
- no subject at all (Spanish and Russian drop it: "«...», afirmó.") is the previous quote's speaker when
  that quote is within two sentences.
Methods are the English stage's names (extract/quotes/speaker_rules.py). The confidences are set by hand, a little
under the English stage's measured ones: the hand-written stories of benchmarks/data/lang hold too few
quotes per method (a few dozen in all) to measure each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Entity, Quote
from .ldoc import LDoc
from .tables import Tables

# Set by hand, not measured (see the module's doc); lang_eval.py measures speaker accuracy over all methods.
CONFIDENCE = {"cue": 0.95, "apposition": 0.95, "pronoun": 0.8, "previous": 0.85, "none": 0.3}
MIN_WORDS = 3
CUE_CHARS = 140  # how far from the quote its cue is looked for
_SPACE = " \u00a0\u202f\u2009\t"
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.U)
_DASH_LINE = re.compile(r"^[ \t]*[—–―][ \u00a0]*(?P<q>[^—–―\n]+?)[ \u00a0]*[—–―][ \u00a0]*(?P<cue>[^—–―\n]*)", re.M)


@dataclass
class Found:
    start: int  # the quote's text, without marks
    end: int
    cue_after: tuple[int, int]  # where its cue is read after it, and before it
    cue_before: tuple[int, int]


def _para_bounds(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, len(text) if e < 0 else e


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _SPACE:
        s += 1
    while e > s and text[e - 1] in _SPACE:
        e -= 1
    return s, e


def _marked(text: str, t: Tables) -> list[Found]:
    out: list[Found] = []
    for op, cl in t.quote_pairs:
        i = 0
        while (i := text.find(op, i)) >= 0:
            ps, pe = _para_bounds(text, i)
            j, depth, k = None, 0, i + 1
            while k < pe:  # nested pairs of the same marks ("« ... « ... » ... »") close together
                if text[k] == cl and (op == cl or depth == 0):
                    j = k
                    break
                depth += (text[k] == op and op != cl) - (text[k] == cl and op != cl)
                k += 1
            if j is None:
                i += 1
                continue
            s, e = _trim(text, i + 1, j)
            if len(_WORD.findall(text[s:e])) >= MIN_WORDS and not any(f.start <= s < f.end for f in out):
                out.append(Found(s, e, (j + 1, min(pe, j + 1 + CUE_CHARS)), (max(ps, i - CUE_CHARS), i)))
            i = j + 1
    return out


def _dialogue(text: str, t: Tables) -> list[Found]:
    if not t.dialogue_dash:
        return []
    out = []
    for m in _DASH_LINE.finditer(text):
        s, e = _trim(text, m.start("q"), m.end("q"))
        while e > s and text[e - 1] in ",":
            e -= 1
        if len(_WORD.findall(text[s:e])) >= MIN_WORDS and _speech_verb(text, m.start("cue"), m.end("cue"), t):
            out.append(Found(s, e, (m.start("cue"), m.end("cue")), (m.start(), m.start())))
    return out


def _verb_form(word: str) -> str:
    """A word as the speech-verb tables list it: without a French inversion ("ajoute-t-il") or the reflexive
    pronoun elided onto it ("s'indigne", "s’inquiète")."""
    w = word.lower().split("-")[0]
    return w[2:] if w.startswith(("s'", "s’")) else w


def _speech_verb(text: str, s: int, e: int, t: Tables, last: bool = False) -> tuple[int, int] | None:
    hits = [(m.start() + s, m.end() + s) for m in _WORD.finditer(text[s:e]) if _verb_form(m.group()) in t.speech_verbs]
    if not hits:
        return None
    return hits[-1] if last else hits[0]


def _clause_end(text: str, s: int, e: int) -> int:
    m = re.search(r"[.!?;«»“”„\"]", text[s:e])
    return s + m.start() if m else e


@dataclass
class Speaker:
    name: str | None = None
    entity: str | None = None
    span: tuple[int, int] | None = None
    text: str | None = None
    method: str = "none"
    cue: str | None = None
    gender: str | None = None  # of an unresolved pronoun or a verb ending ("сказала"), to resolve it


class Context:
    """What attribution reads of a story: its persons, their genders, the parse and the tables."""

    def __init__(self, ld: LDoc, t: Tables, entities: list[Entity], persons: list[tuple[int, int, str]]) -> None:
        self.ld, self.t, self.persons = ld, t, persons
        self.names = {e.id: e.name for e in entities}
        self.genders: dict[str, str] = {}
        # natasha's morphology reads a Russian name's gender reliably; spaCy's French and Spanish morphologizers
        # guess it for proper nouns ("Mody" Fem), so there an unknown gender agrees with any pronoun
        for s, _, eid in persons if ld.lang == "ru" else ():
            g = next((tk.gender for tk in ld.tokens if tk.start >= s and tk.gender and tk.pos == "PROPN"
                      and tk.end <= s + 60), None)
            if g and eid not in self.genders:
                self.genders[eid] = g

    def person(self, s: int, e: int, last: bool = False) -> tuple[int, int, str] | None:
        hits = [p for p in self.persons if s <= p[0] and p[1] <= e]
        return (hits[-1] if last else hits[0]) if hits else None

    def lemma(self, s: int) -> str | None:
        tok = next((tk for tk in self.ld.tokens if tk.start <= s < tk.end), None)
        return tok.lemma if tok is not None else None

    def named(self, p: tuple[int, int, str], method: str, cue: str | None) -> Speaker:
        text = self.ld.text[p[0]:p[1]]
        return Speaker(self.names[p[2]], p[2], (p[0], p[1]), text, method, cue)


def _pronoun_at(ctx: Context, s: int, e: int) -> tuple[int, int, str] | None:
    """A subject pronoun in text[s:e] ("a-t-il", "dit-elle", "он"), as (start, end, gender)."""
    text = ctx.ld.text
    for m in re.finditer(r"[\w'’-]+", text[s:e]):
        w = m.group().lower()
        for form, g in ctx.t.pronouns.items():
            if w == form:
                return m.start() + s, m.end() + s, g
            if w.endswith("-" + form):  # French inversion: "a-t-il", "ajoute-t-elle", "dit-il"
                return m.end() + s - len(form), m.end() + s, g
    return None


def _verb_gender(word: str, t: Tables) -> str | None:
    if t.code != "ru":
        return None
    w = word.lower()
    return "f" if w.endswith("ла") else "p" if w.endswith("ли") else "m" if w.endswith("л") else None


# Prepositions that end a subject noun phrase after the verb: "le gouverneur | sur Telegram", "el mandatario | en
# sus redes". "de" and its contractions stay inside it ("le président de la commission").
_PHRASE_END = re.compile(r"\s(?:sur|à|au|aux|dans|devant|lors|pendant|après|avant|depuis|en|par|pour|avec|"
                         r"ante|tras|durante|desde|al|a|con|por|para|sobre|entre)\s", re.I)
_PHRASE = re.compile(r"[\s,]*((?:le|la|les|l['’]|un|une|son|sa|el|los|las|una?|su)\s*[^\W\d_][^.;!?,«»\n]{0,60})",
                     re.I)


def _phrase(ctx: Context, s: int, e: int) -> tuple[int, int] | None:
    """A common-noun subject after a verb ("le porte-parole de l'armée", "un portavoz"), up to the clause's end
    or a preposition other than "de"."""
    text = ctx.ld.text
    m = _PHRASE.match(text[s:e])
    if m:
        cut = _PHRASE_END.search(m.group(1))
        return s + m.start(1), s + m.start(1) + (cut.start() if cut else len(m.group(1)))
    tok = next((tk for tk in ctx.ld.tokens if tk.start >= s and tk.text.strip(",")), None)
    if ctx.t.code == "ru" and tok is not None and tok.end <= e and tok.pos == "NOUN":
        end = _clause_end(text, tok.start, e)
        return tok.start, min(end, tok.start + 60)
    return None


# Determiners of a description that refers back ("le gouverneur", "la directora", "son président"); an
# indefinite one ("un responsable", "una vecina") introduces someone new and refers to nobody.
_DEFINITE = frozenset("le la les l' l’ son sa el los las su".split())
TITLE_WINDOW = 60  # chars around a person's name where the words introducing them are read


def _head(ctx: Context, s: int, e: int) -> str | None:
    """The head noun of a description (its first word after the determiner), as a lemma; None when the
    description is indefinite. Russian has no articles: a bare noun subject is read as definite."""
    toks = [tk for tk in ctx.ld.tokens_in(s, e) if any(ch.isalpha() for ch in tk.text)]
    if ctx.t.code != "ru":
        if not toks or toks[0].text.lower() not in _DEFINITE:
            return None
        toks = toks[1:]
    return _noun_key(toks[0].lemma) if toks else None


def _described(ctx: Context, head: str, before: int) -> tuple[int, int, str] | None:
    """The person a definite description refers back to: the last one named before the quote, within two
    sentences, whose introduction holds the description's head noun beside the name ("le gouverneur
    régional, Ivan Melnyk", "губернатор Андрей Белов", "Ali Haroun, le maire")."""
    here = ctx.ld.sent_of(before)
    near_persons = [p for p in ctx.persons if p[1] <= before and here - ctx.ld.sent_of(p[0]) <= 2]
    for p in reversed(near_persons):
        sent = ctx.ld.sents[ctx.ld.sent_of(p[0])] if ctx.ld.sents else (0, len(ctx.ld.text))
        near = ctx.ld.tokens_in(max(sent[0], p[0] - TITLE_WINDOW), min(sent[1], p[1] + TITLE_WINDOW))
        if any(_noun_key(tk.lemma) == head or _noun_key(tk.text) == head for tk in near if not p[0] <= tk.start < p[1]):
            return p
    # A description in other words than the title ("el mandatario" for the governor, "глава региона" for
    # "губернатор"): it refers back when one person only is named in the two sentences before the quote.
    if len({p[2] for p in near_persons}) == 1:
        return near_persons[-1]
    return None


def _noun_key(word: str) -> str:
    """A noun without its gender and number endings, so a description matches the title it repeats in the
    other gender or number ("la ministra" / "el ministro", "la présidente" / "le président", "министра")."""
    w = word.lower()
    return re.sub(r"(?:as|os|es|a|o|e|s|у|а|ом|ы|ов)$", "", w) if len(w) > 4 else w


def _after(ctx: Context, f: Found) -> Speaker | None:
    text = ctx.ld.text
    a0, a1 = f.cue_after
    end = _clause_end(text, a0, a1)
    verb = _speech_verb(text, a0, end, ctx.t)
    if verb is None or verb[0] - a0 > 40:
        return _according_after(ctx, a0, end)
    cue = ctx.lemma(verb[0]) or text[verb[0]:verb[1]].lower()
    end = _source_cut(ctx, verb[1], end)
    pro = _pronoun_at(ctx, max(a0, verb[0] - 12), min(end, verb[1] + 8))
    # an inverted pronoun is the verb's subject ("a-t-elle tenu à préciser à Jean Dupont"): no person after it is
    p = None if _inverted(text, pro) else _subject(ctx, verb[1], end) or ctx.person(a0, verb[0], last=True)
    if p is not None:
        return ctx.named(p, "cue", cue)
    if pro is not None:
        return Speaker(text=text[pro[0]:pro[1]], span=(pro[0], pro[1]), method="pronoun", cue=cue, gender=pro[2])
    ph = _phrase(ctx, verb[1], end)
    if ph is not None:
        head = _head(ctx, *ph)
        back = _described(ctx, head, f.start) if head else None
        if back is not None:
            return Speaker(ctx.names[back[2]], back[2], ph, text[ph[0]:ph[1]], "apposition", cue)
        words = text[ph[0]:ph[1]].strip()
        return Speaker(name=words, span=ph, text=words, method="cue", cue=cue)
    return Speaker(method="previous", cue=cue, gender=_verb_gender(text[verb[0]:verb[1]], ctx.t))


def _according_after(ctx: Context, s: int, e: int) -> Speaker | None:
    """No verb after the quote, but an attribution right after it: "« ... », selon X, chercheur"."""
    low = ctx.ld.text[s:e].lower()
    for phrase in ctx.t.according_to:
        m = re.match(rf"[\s,]*{re.escape(phrase)}(?!\w)", low)
        if m is None:
            continue
        p = ctx.person(s + m.end(), e)
        if p is not None and not _OF.search(ctx.ld.text[s + m.end():p[0]]):
            return ctx.named(p, "cue", phrase)
    return None


def _opening(ctx: Context, s: int, e: int) -> Speaker | None:
    """A sentence opened by an attribution: "Pour le chercheur X, « ... »"."""
    low = ctx.ld.text[s:e].lower()
    for phrase in ctx.t.opening_according_to:
        m = re.match(rf"\s*{re.escape(phrase)}\s", low)
        p = ctx.person(s + m.end(), e) if m else None
        if p is not None:
            return ctx.named(p, "cue", phrase)
    return None


def _source_cut(ctx: Context, s: int, e: int) -> int:
    """The cue's end before an attribution to a source ("déplorent les habitants, selon le maire X"): the
    person named after "selon" reported the words, the subject before it spoke them."""
    low = ctx.ld.text[s:e].lower()
    hits = [m.start() for phrase in ctx.t.according_to for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", low)]
    return s + min(hits) if hits else e


def _inverted(text: str, pro: tuple[int, int, str] | None) -> bool:
    """A French subject pronoun joined to its verb by a hyphen ("a-t-il", "ajoute-t-elle")."""
    return pro is not None and text[pro[0] - 1:pro[0]] == "-"


# A person named after "de" is the complement of the noun before it ("les avocats de X", "el portavoz de X"),
# not the subject: a speaker in apposition follows a comma ("le porte-parole de X, Y").
_OF = re.compile(r"(?:^|\s)(?:de|du|des|del|d['’])\s*$", re.I)


def _subject(ctx: Context, s: int, e: int) -> tuple[int, int, str] | None:
    """The first person named in text[s:e] who is not a noun's complement; None when every one is."""
    for p in ctx.persons:
        if s <= p[0] and p[1] <= e and not _OF.search(ctx.ld.text[s:p[0]].rsplit(",", 1)[-1]):
            return p
    return None


def _before(ctx: Context, f: Found) -> Speaker | None:
    text = ctx.ld.text
    b0, b1 = f.cue_before
    b0 = max(b0, max(text.rfind(". ", b0, b1), text.rfind("» ", b0, b1)) + 1)
    low = text[b0:b1].lower()
    for phrase in ctx.t.according_to:
        i = low.rfind(phrase)
        if i >= 0:
            p = ctx.person(b0 + i + len(phrase), b1)
            if p is not None:
                return ctx.named(p, "cue", phrase)
    opening = _opening(ctx, b0, b1)
    if opening is not None:
        return opening
    # "X a rejeté le résultat : « ... »": a colon opening the quote makes the sentence's person its speaker
    colon = ctx.person(b0, b1, last=True) if text[b0:b1].rstrip().endswith(":") else None
    verb = _speech_verb(text, b0, b1, ctx.t, last=True)
    if verb is None:
        return ctx.named(colon, "cue", None) if colon is not None else None
    cue = ctx.lemma(verb[0]) or text[verb[0]:verb[1]].lower()
    p = ctx.person(b0, verb[0], last=True)
    if p is not None:
        return ctx.named(p, "cue", cue)
    pro = _pronoun_at(ctx, max(b0, verb[0] - 12), verb[1])
    if pro is not None:
        return Speaker(text=text[pro[0]:pro[1]], span=(pro[0], pro[1]), method="pronoun", cue=cue, gender=pro[2])
    # a verb opening the sentence before its subject ("Interrogé par la radio, X a lâché : « ... »")
    return ctx.named(colon, "cue", cue) if colon is not None else None


def _agrees(ctx: Context, eid: str | None, gender: str | None) -> bool:
    g = ctx.genders.get(eid or "")
    return gender in (None, "p") or g is None or g == gender


def _resolve(ctx: Context, sp: Speaker, f: Found, done: list[Quote]) -> Speaker:
    """A pronoun or a missing subject: the last speaker, else the nearest person before, of its gender, within
    two sentences of the quote."""
    if sp.method not in ("pronoun", "previous"):
        return sp
    here = ctx.ld.sent_of(f.start)
    last = next((q for q in reversed(done) if q.speaker is not None and here - ctx.ld.sent_of(q.span[1]) <= 2
                 and _agrees(ctx, q.speaker_entity, sp.gender)), None)
    before = [p for p in ctx.persons if p[1] <= f.start and here - ctx.ld.sent_of(p[0]) <= 2
              and _agrees(ctx, p[2], sp.gender) and sp.gender != "p"]
    # a person named after the last quote is the newer topic: "X a déclaré « ... ». Y a réagi. « ... », a-t-il dit"
    if before and (last is None or before[-1][0] > last.span[1]):
        p = before[-1]
        return Speaker(ctx.names[p[2]], p[2], sp.span, sp.text, sp.method, sp.cue)
    if last is not None:
        return Speaker(last.speaker, last.speaker_entity, sp.span, sp.text, sp.method, sp.cue)
    return Speaker(None, None, sp.span, sp.text, "none", sp.cue)


def find_quotes(text: str, t: Tables) -> list[Found]:
    """Every quote of `text` with where its cue is read, in text order."""
    found = _marked(text, t)
    for d in _dialogue(text, t):
        if not any(f.start < d.end and d.start < f.end for f in found):
            found.append(d)
    return sorted(found, key=lambda f: f.start)


def extract_quotes(ld: LDoc, t: Tables, entities: list[Entity], persons: list[tuple[int, int, str]]) -> list[Quote]:
    """Direct quotes of a story with their speakers (see the module's doc for the rules)."""
    ctx = Context(ld, t, entities, persons)
    quotes: list[Quote] = []
    for f in find_quotes(ld.text, t):
        after = _after(ctx, f)
        sp = after if after is not None and after.method != "previous" else (_before(ctx, f) or after or Speaker())
        sp = _resolve(ctx, sp, f, quotes)
        method = sp.method if sp.name is not None else "none"
        quotes.append(Quote(text=ld.text[f.start:f.end], span=(f.start, f.end), kind="direct", speaker=sp.name,
                            speaker_entity=sp.entity, speaker_span=sp.span, cue=sp.cue, speaker_text=sp.text,
                            speaker_method=method, speaker_confidence=CONFIDENCE[method]))
    return quotes
