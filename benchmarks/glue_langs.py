"""French, Spanish and Russian text for the glued-word benchmark (glue_eval.py) and its training script
(train_glue_lang.py), and glue inserted into it the way glue_eval.insert_glue does for English.

Where the text comes from, per language (each text split into the tune or measure part by glue_eval.part_of's
fixed hash of its id):
- the development sets' pages (WCXB, CC BY 4.0; ScrapingHub AEB, MIT) that newsgraph's detector puts in the
  language: news, but few (Russian: 4 pages, 9,282 words; French and Spanish: none);
- benchmarks/data/lang/<lang>.jsonl: 32 short news stories per language written for the project;
- the Debian Administrator's Handbook's translations (Debian package `debian-handbook`, GPL-2+ or CC BY-SA
  3.0, `apt-get install debian-handbook`), when installed: about 100,000 words of edited prose per language,
  each paragraph kept when the detector puts it in the language (untranslated ones stay English). It is a
  technical book, not news: its rare tokens are command and package names more than people and places, so
  its false-split figures are a harsher test than news, and its names are fewer;
- the manual pages' translations (Debian packages `manpages-fr`, `manpages-es`, `manpages-ru`, GPL-3+),
  when installed, set by groff (paragraphs of 8 words or more, each kept when the detector puts it in the
  language): technical prose again, with option and function names;
- Spanish and Russian fortune-cookie files (Debian packages `fortunes-es`, GPL-2+, quotes presumed public
  domain; `fortunes-ru`, GPL-2), when installed: aphorisms, jokes and quotations with their authors' names,
  in runs of about 1,000 words (no French package has them).
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from _shared import ROOT
from glue_eval import CAP_RATE, LOWER_RATE, SEED, Glue, Part, pages, part_of, score_glued

HANDBOOK = Path("/usr/share/doc/debian-handbook/html")
FORTUNES = Path("/usr/share/games/fortunes")
MANUAL = Path("/usr/share/man")
CHUNK_WORDS = 1000  # fortunes are short: a run of them this long stands for a document
LOCALES = {"fr": "fr-FR", "es": "es-ES", "ru": "ru-RU"}
_UPPER = "A-ZÀ-ÖØ-ÞŒА-ЯЁ"
_LOWER = "a-zß-öø-ÿœа-яё"
_CAP_RUN = re.compile(
    rf"(?<![\w’'-])(?P<run>(?:[{_UPPER}][{_UPPER}{_LOWER}]+ ){{0,9}}(?P<last>[{_UPPER}][{_UPPER}{_LOWER}]+)) "
    rf"(?P<next>[{_LOWER}]+)(?![\w’'-])"
)
_MID = re.compile(rf"[{_LOWER},] $")
_LOWER_SITE = re.compile(rf"(?<=[{_LOWER},] )(?P<last>[{_LOWER}]{{3,}})(?= (?P<next>[{_LOWER}]+)(?![\w’'-]))")


PACKAGES = "debian-handbook manpages-fr manpages-es manpages-ru fortunes-es fortunes-ru"


def installed(lang: str) -> bool:
    """Whether the large licensed sources of the language are on this machine (the floors were set with
    them; without them only a few thousand words of news are left)."""
    return (HANDBOOK / LOCALES[lang]).exists() and (MANUAL / lang).exists()


@lru_cache(maxsize=4)
def texts(lang: str) -> tuple[tuple[str, str], ...]:
    """(stable id, text) of every text in the language."""
    from newsgraph.lang import detect_full

    out = [(pid, text) for pid, text in _dev_pages() if _dev_language(pid, text) == lang]
    for line in (ROOT / "benchmarks" / "data" / "lang" / f"{lang}.jsonl").read_text("utf-8").splitlines():
        rec = json.loads(line)
        out.append((f"lang/{rec['id']}", rec["text"]))
    folder = HANDBOOK / LOCALES[lang]
    for f in sorted(folder.glob("*.html")) if folder.exists() else []:
        paras = [p for p in _paragraphs(f) if detect_full(p).code == lang]
        if paras:
            out.append((f"handbook/{lang}/{f.stem}", "\n".join(paras)))
    for f in sorted((MANUAL / lang).glob("man*/*.gz")):
        paras = [p for p in _manual_paragraphs(f) if detect_full(p).code == lang]
        if paras:
            out.append((f"man/{lang}/{f.name.removesuffix('.gz')}", "\n".join(paras)))
    for f in sorted((FORTUNES / lang).glob("*.u8")) if (FORTUNES / lang).exists() else []:
        for i, chunk in enumerate(_fortune_chunks(f)):
            if detect_full(chunk).code == lang:
                out.append((f"fortunes/{lang}/{f.stem}/{i}", chunk))
    return tuple(out)


def _manual_paragraphs(path: Path) -> list[str]:
    """A manual page's paragraphs of 8 words or more, set by groff on one line each without hyphenation."""
    import gzip
    import subprocess

    try:
        out = subprocess.run(["groff", "-k", "-man", "-Tutf8", "-P-cbuo", "-rLL=3000n", "-rHY=0"],
                             input=gzip.open(path).read(), capture_output=True, timeout=30, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    lines = (" ".join(ln.split()) for ln in out.decode("utf-8", errors="replace").splitlines())
    return [ln for ln in lines if len(ln.split()) >= 8 and not ln.startswith("-")]


def _fortune_chunks(path: Path) -> list[str]:
    """A fortune file's entries (separated by lines of "%"), in runs of about CHUNK_WORDS words; each
    entry's lines joined (they are wrapped at 70-80 columns), its attribution on a line of its own."""
    chunks: list[str] = []
    cur: list[str] = []
    n = 0
    for entry in re.split(r"(?m)^%\s*$", path.read_text("utf-8", errors="replace")):
        lines = [ln.strip() for ln in entry.strip().splitlines() if ln.strip()]
        body = " ".join(ln for ln in lines if not ln.startswith("--"))
        if not body:
            continue
        cur.extend([body] + [ln for ln in lines if ln.startswith("--")])
        n += len(body.split())
        if n >= CHUNK_WORDS:
            chunks.append("\n".join(cur))
            cur, n = [], 0
    if cur:
        chunks.append("\n".join(cur))
    return chunks


def _dev_pages() -> tuple[tuple[str, str], ...]:
    return _dev_cache()


@lru_cache(maxsize=1)
def _dev_cache() -> tuple[tuple[str, str], ...]:
    return tuple(pages())


@lru_cache(maxsize=2048)
def _dev_language(pid: str, text: str) -> str:
    from newsgraph.lang import detect_full

    return detect_full(text).code


def _paragraphs(path: Path) -> list[str]:
    """The handbook page's paragraphs of prose, program listings and screens left out."""
    import lxml.html

    root = lxml.html.parse(str(path)).getroot()
    for bad in root.xpath("//pre|//script|//style"):
        bad.drop_tree()
    paras = root.xpath("//div[@class='para'][not(.//div[@class='para'])]")
    return [t for t in (" ".join(p.text_content().split()) for p in paras) if len(t.split()) >= 8]


def insert_glue(text: str, rng: random.Random, function: frozenset[str]) -> tuple[str, list[list[Glue]]]:
    """The text with some link-like spans glued to the next word, and the glues of each of its lines: a
    capitalised run of 1-3 words mid-sentence at glue_eval's CAP_RATE, and a lowercase content word (not one
    of the language's `function` words) at LOWER_RATE. Unlike English, no parse checks that a lowercase link
    could end there (no parser for these languages in the base install): some lowercase glue falls inside
    a noun phrase ("forces|armées"), which makes its recall a lower bound."""
    out_lines: list[str] = []
    glues: list[list[Glue]] = []
    for line in text.split("\n"):
        sites: dict[int, tuple[int, int, str]] = {}
        for m in _LOWER_SITE.finditer(line):
            if m.group("last") not in function and rng.random() < LOWER_RATE:
                sites[m.end("last")] = (m.start("last"), m.end("next"), "lower")
        for m in _CAP_RUN.finditer(line):
            mid = _MID.search(line, max(0, m.start() - 2), m.start())
            if mid and m.group("run").count(" ") <= 2 and rng.random() < CAP_RATE:
                sites[m.end("last")] = (m.start("last"), m.end("next"), "cap")
        parts, mine, at = [], [], 0
        for space in sorted(sites):
            start, end, kind = sites[space]
            if start < at:
                continue
            parts.append(line[at:space])
            parts.append(line[space + 1:end])
            mine.append(Glue(line[start:space] + line[space + 1:end], line[start:end], kind))
            at = end
        parts.append(line[at:])
        out_lines.append("".join(parts))
        glues.append(mine)
    return "\n".join(out_lines), glues


def parts(lang: str) -> Iterator[tuple[str, str, str]]:
    """(part, id, text) of every text in the language."""
    for tid, text in texts(lang):
        yield part_of(tid), tid, text


def score_text(text: str, rng: random.Random, acc: Part, lang: str) -> None:
    """glue_eval.score_page for a text in `lang`: false splits of the clean text, then recall on glue
    inserted into it, each line repaired with the glued document's context in that language."""
    from newsgraph.clean.glue import doc_counts, repair_glue
    from newsgraph.clean.glue_words import LEXICONS

    t0 = time.process_time()
    acc.docs += 1
    acc.words += len(text.split())
    ctx = doc_counts(text, lang)
    for line in text.split("\n"):
        acc.false.update(f"{r.from_} -> {r.to}" for r in repair_glue(line, ctx)[1])
    glued, glues = insert_glue(text, rng, LEXICONS[lang].function)
    score_glued(glued, glues, acc, lang)
    acc.secs += time.process_time() - t0


NEWS = ("wcxb", "aeb", "lang")  # the sources that are news (the others: handbook, manual pages, fortunes)
# The texts a shipped model may learn from: all of them but the Russian fortunes, whose GPL-2 (without "or
# later") cannot be combined with the manual pages' GPL-3+; data/clean_glue_lang.json is distributed under
# GPL-3.0-or-later (NOTICE). Trained on news and the handbook alone (licences without copyleft on code), the
# model split 3.3 (fr), 15.3 (es) and 14.0 (ru) clean words per 100,000 on the measure part: too little clean
# text to set thresholds at one in 100,000. Measuring on the Russian fortunes ships nothing of them.
NOT_TRAINED_ON = ("fortunes/ru/",)


def shippable(tid: str) -> bool:
    """Whether a text may be trained on for a model the package ships."""
    return not tid.startswith(NOT_TRAINED_ON)


def measure(lang: str, which: str = "both") -> dict[str, Part]:
    """The tune and measure parts' Part of a language (glue drawn with glue_eval's SEED per text), and
    the news texts' share of each ("news tune", "news measure")."""
    out = {k: Part() for k in ("tune", "measure", "news tune", "news measure")}
    for p, tid, text in parts(lang):
        if which in (p, "both"):
            score_text(text, random.Random(f"{SEED}/{tid}"), out[p], lang)
            if tid.split("/", 1)[0] in NEWS:
                score_text(text, random.Random(f"{SEED}/{tid}"), out[f"news {p}"], lang)
    return out
