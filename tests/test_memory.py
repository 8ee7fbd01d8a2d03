"""Corpus memory (clean/memory.py): lines recurring across one site's pages are furniture of kind "recurring"."""

from __future__ import annotations

import pytest

from newsgraph.clean import document_stories
from newsgraph.clean.lines import Line, assign_roles, split_lines
from newsgraph.clean.memory import (
    MIN_PAGES,
    SiteMemory,
    fingerprint,
    group_of,
    mark_recurring,
    page_fps,
    page_key,
    prescan,
    recurring_for,
    site_of,
)
from newsgraph.pipeline import Options, Pipeline
from newsgraph.sources import Document
from newsgraph.store import SQLiteStore
from pg import pg_store

# An imaginary local paper: its masthead and sign-off read like sentences, so only memory can tell.
TOP = ["Harbour Times", "Local news for the Quayside and beyond since 1921."]
END = ["The Harbour Times welcomes letters from readers and prints a selection every Saturday.",
       "Harbour Times is owned by Quayside Media and printed at the Dock Street works."]
BODIES = [
    ["Ferry crews walked off the job on Tuesday after talks over rosters broke down.",
     "The union said its members had worked twelve-hour shifts for most of the summer.",
     "Passengers queued at the terminal for much of the morning before the first cancellations were posted.",
     "A spokeswoman for the operator said services would resume by the weekend.",
     "Talks are due to restart on Thursday with a mediator from the regional labour office."],
    ["The council voted to close the old fish market at the end of the month.",
     "Traders said they had not been told where they would be moved.",
     "“We have sold fish here for three generations,” said Mara Olsen, who runs a stall near the gate.",
     "Councillors said the roof was no longer safe and repairs would cost more than a new building.",
     "A temporary market will open in the car park beside the ferry terminal, the council said."],
    ["Storm damage closed the coast road north of the lighthouse for most of Monday.",
     "Crews cleared fallen trees by late afternoon, police said.",
     "Two houses near the point lost part of their roofs and one family spent the night with neighbours.",
     "Drivers were told to expect delays on the inland route until Wednesday.",
     "Forecasters expect calmer weather for the rest of the week."],
    ["A new lifeboat arrived at the harbour on Sunday after a three-day trip from the yard.",
     "Volunteers raised most of the money for it over the past four years.",
     "Its crew of seven trained on the boat at the yard before bringing it home along the coast.",
     "The boat will replace one that has served the station since the 1990s.",
     "An open day is planned for next month so that residents can see it."],
]
SITE = "https://www.harbourtimes.example/news/{}"


def page(i: int, body: list[str] | None = None) -> Document:
    return Document(uri=f"pages/{i}.txt", format="text", url=SITE.format(i),
                    text="\n".join(TOP + (body or BODIES[i]) + END))


def lines_of(doc: Document) -> list[str]:
    return (doc.text or "").splitlines()


def test_fingerprint_folds_case_digits_spacing_and_punctuation():
    assert fingerprint("Updated 3 hours ago") == fingerprint("updated  12 HOURS ago!")
    assert fingerprint("Share: Facebook | X") == fingerprint("share facebook x")
    assert fingerprint("Updated 3 hours ago") != fingerprint("Updated 3 days ago")
    assert len(fingerprint("anything")) == 16
    assert page_fps(["—", "***", "Home"]) == {fingerprint("Home")}  # punctuation-only lines name nothing
    # A line the page repeats is its own structure (a review's "Pros" under each product), not a template.
    assert page_fps(["Pros", "Bright screen", "Pros", "Long battery life"]) == {
        fingerprint("Bright screen"), fingerprint("Long battery life")}


def test_site_is_the_host_and_a_file_without_url_its_folder(tmp_path):
    assert site_of(Document("a.html", "html", url="https://www.Example.org/a/b")) == "example.org"
    assert site_of(Document("a.txt", "text")) is None
    (tmp_path / "a.txt").write_text("A line.", encoding="utf-8")
    assert group_of(Document(str(tmp_path / "a.txt"), "text")) == f"dir:{tmp_path}"
    assert group_of(Document("<stdin>", "text")) is None
    assert group_of(Document("made-up name", "text")) is None  # a Document built in code is no file


def test_memory_counts_distinct_pages_once_each():
    mem = SiteMemory()
    fp = fingerprint("Sign up for the morning briefing")
    assert mem.add_page("s", [fp, fp], key="p1")  # twice on one page: one page
    assert mem.recurring("s") == frozenset()
    assert not mem.add_page("s", [fp], key="p1")  # the same page again adds nothing
    for k in range(2, MIN_PAGES + 1):
        mem.add_page("s", [fp], key=f"p{k}")
    assert mem.recurring("s") == {fp}
    assert mem.recurring("other") == frozenset()


def test_a_long_run_forgets_lines_seen_once_but_not_the_template(monkeypatch, tmp_path):
    monkeypatch.setattr("newsgraph.clean.memory.MAX_TRACKED", 50)
    menu = fingerprint("Menu of the imaginary site")
    with SQLiteStore(tmp_path / "f.db") as db:
        for mem in (SiteMemory(), SiteMemory(db)):
            for k in range(40):
                word = "".join(chr(97 + int(c)) for c in str(k))  # digits fold to 0: letters tell pages apart
                fps = [menu, fingerprint(f"article line {word} a"), fingerprint(f"article line {word} b")]
                mem.add_page("s", fps, key=f"p{k}")
                mem.record("s", f"p{k}", fps, [])
            assert len(mem.counts["s"]) <= 50 and mem.counts["s"][menu] == 40
            mem.save()
        assert db.site_lines("s", [menu]) == {menu: 40}


def _memory_for(docs: list[Document]) -> SiteMemory:
    mem = SiteMemory()
    for d in docs:
        mem.add_page(site_of(d) or "", page_fps(lines_of(d)), page_key(lines_of(d)))
    return mem


def test_template_lines_go_as_recurring_and_the_body_stays():
    docs = [page(i) for i in range(4)]
    mem = _memory_for(docs)
    site = "harbourtimes.example"
    before = [r.text for st in document_stories(page(3)) for r in st.removed]
    kept_before = [t for t in TOP + END if t not in before]
    assert kept_before, "the line roles alone keep the paper's sign-off: memory is what removes it"
    (story,) = document_stories(page(3), mem.recurring(site))
    removed = {r.text: r.kind for r in story.removed}
    for t in kept_before:
        assert removed.get(t) == "recurring"
    for t in TOP + END:
        assert t not in story.text.splitlines()
    for t in BODIES[3]:
        assert t in story.text


def test_a_copy_of_a_story_seen_before_is_left_alone():
    # The same story re-published on three pages of the site: every line recurs, yet it is the story.
    copies = [page(10 + k, BODIES[0]) for k in range(3)]
    for day, d in zip(("Monday", "Tuesday", "Wednesday"), copies, strict=True):
        d.text = f"Updated {day}\n" + (d.text or "")  # each copy differs a little: three pages, not one
    mem = _memory_for(copies)
    site = "harbourtimes.example"
    assert fingerprint(BODIES[0][0]) in mem.recurring(site)
    (story,) = document_stories(copies[0], mem.recurring(site))
    assert all(r.kind != "recurring" for r in story.removed)
    # It is the share guard that holds: without it, memory would take the story.
    lines = split_lines(copies[0].text or "")
    assign_roles(lines)
    assert fingerprint(BODIES[0][0]) in mark_recurring(lines, mem.recurring(site), max_share=1.0)
    for t in BODIES[0]:
        assert t in story.text


def test_mark_recurring_takes_body_and_heading_lines_only():
    lines = [Line("Menu", 0, 4, "heading"), Line("A long first sentence of the story itself goes here.", 5, 60),
             Line("Another sentence of the story with several more words in it.", 61, 120),
             Line("Photo: Agency", 121, 134, "caption", "caption")]
    took = mark_recurring(lines, {fingerprint("Menu"), fingerprint("Photo: Agency")})
    assert took == {fingerprint("Menu")}
    assert [(ln.role, ln.kind) for ln in lines] == [("furniture", "recurring"), ("body", None), ("body", None),
                                                    ("caption", "caption")]


def test_prescan_lets_the_first_page_of_a_folder_benefit(tmp_path):
    docs = []
    for i in range(4):
        path = tmp_path / f"{i}.txt"
        path.write_text("\n".join(TOP + BODIES[i] + END), encoding="utf-8")
        docs.append(Document(str(path), "text", text=path.read_text("utf-8")))
    mem = SiteMemory()
    pairs = list(prescan(docs, mem))
    _, first_page = pairs[0]
    assert first_page is not None and first_page.site == f"dir:{tmp_path}"
    assert fingerprint(END[0]) in recurring_for(first_page, mem)
    # The same through the pipeline (cleaning only: no model needed), and off with site_memory=False.
    out = [s for s in Pipeline(Options(site_memory=True)).stories(docs)]
    assert END[0] not in out[0].text and BODIES[0][0] in out[0].text
    off = [s for s in Pipeline(Options(site_memory=False)).stories(docs)]
    assert END[0] in off[0].text


def _round_trip(store) -> None:
    docs = [page(i) for i in range(4)]
    mem = SiteMemory(store)
    site = "harbourtimes.example"
    for d in docs:
        texts = lines_of(d)
        assert mem.add_page(site, page_fps(texts), page_key(texts))
    for d in docs:
        texts = lines_of(d)
        mem.record(site, page_key(texts), page_fps(texts), [fingerprint(END[0])])
    assert mem.save() == 4
    assert store.site_recurring(site, MIN_PAGES) == {fingerprint(t) for t in TOP + END}
    assert store.site_lines(site, [fingerprint(END[1]), fingerprint(BODIES[0][0])]) == {
        fingerprint(END[1]): 4, fingerprint(BODIES[0][0]): 1}
    # A new run (a new memory over the same store): stored pages are not counted again, and a stored page
    # is cleaned as it was then.
    again = SiteMemory(store)
    texts = lines_of(docs[0])
    assert not again.add_page(site, page_fps(texts), page_key(texts))
    assert again.applied(site, page_key(texts)) == {fingerprint(END[0])}
    assert store.add_site_pages([(site, page_key(texts), sorted(page_fps(texts)), [])]) == 0
    assert store.site_lines(site)[fingerprint(END[1])] == 4
    new = "\n".join(TOP + BODIES[1][:2] + END).splitlines()
    assert again.add_page(site, page_fps(new), page_key(new))
    assert fingerprint(TOP[1]) in again.recurring(site)
    assert again.counts[site][fingerprint(TOP[1])] == 5  # read from the store, then this page


def test_sqlite_round_trip(tmp_path):
    with SQLiteStore(tmp_path / "m.db") as db:
        _round_trip(db)


def test_postgres_round_trip():
    with pg_store() as db:
        _round_trip(db)


@pytest.mark.model
def test_ingest_keeps_memory_across_runs_and_stays_idempotent(tmp_path, nlp):
    from click.testing import CliRunner

    from newsgraph.cli import main

    folder = tmp_path / "site"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i}.txt").write_text("\n".join(TOP + BODIES[i] + END), encoding="utf-8")
    db = str(tmp_path / "n.db")
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(folder), "--db", db, "-q"], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    again = runner.invoke(main, ["ingest", str(folder), "--db", db, "-q"], catch_exceptions=False)
    assert "0 new stories, 4 already stored" in again.output
    with SQLiteStore(db) as s:
        texts = [a.text for a in s.iter_articles()]
        assert len(texts) == 4 and all(END[0] not in t for t in texts)
        assert s.site_recurring(f"dir:{folder}", MIN_PAGES) >= {fingerprint(END[0])}
    off = runner.invoke(main, ["extract", "--no-site-memory", str(folder / "0.txt")], catch_exceptions=False)
    assert off.exit_code == 0 and END[0] in off.stdout


def test_saved_html_pages_are_grouped_by_their_canonical_link():
    from newsgraph.clean import memory

    def html(i: int) -> str:
        paras = "".join(f"<p>{t}</p>" for t in BODIES[i] + END)
        return (f'<html><head><link rel="canonical" href="{SITE.format(i)}"></head><body><article>'
                f"<h1>Harbour story number {i}</h1>{paras}</article></body></html>")

    docs = [Document(uri=f"saved-{i}.html", format="html", html=html(i)) for i in range(MIN_PAGES)]
    out = list(Pipeline(Options()).stories(docs))
    assert len(out) == MIN_PAGES
    for st in out:
        assert st.url and "harbourtimes.example" in st.url
        assert {r.text for r in st.removed if r.kind == "recurring"} == set(END)
    assert all(t in out[0].text for t in BODIES[0])
    assert not memory._HTML_PAGES  # every page the prescan parsed was handed to cleaning, none left behind
