"""The stage contract (newsgraph/stages.py): what each stage reads and adds, checked once when a Pipeline is built."""

from __future__ import annotations

import copy
from dataclasses import MISSING, fields
from typing import Any

import pytest

from newsgraph import Options, Pipeline
from newsgraph.clean.story import Story
from newsgraph.extract import Stage
from newsgraph.model import Article, Removed, Repair, Source
from newsgraph.stages import FIELDS, INPUT_FIELDS, STAGE_FIELDS, StageOrderError, check_stages, default_stages

BUILT_IN = ["entities", "quotes", "figures", "places", "figure_places", "dates", "events"]


def _nothing(art: Article, doc: Any, story: Story) -> None:
    """A stage body for lists that are only checked, never run."""


def _by_name(name: str) -> Stage:
    return next(st for st in default_stages() if st.name == name)


def test_the_built_in_pipeline_passes_its_own_check() -> None:
    stages = default_stages()
    check_stages(stages)
    assert [st.name for st in stages] == BUILT_IN
    assert [st.name for st in Pipeline().stages] == BUILT_IN  # building one loads no model
    assert all(st.reads and st.adds for st in stages)  # every built-in stage declares both


def test_a_stage_reading_a_field_nobody_adds_is_named_with_the_field() -> None:
    # Events date each event from "dates": without the dates stage nothing provides them.
    stages = [st for st in default_stages() if st.name != "dates"]
    with pytest.raises(StageOrderError, match=r"stage 'events' reads 'dates', which the record does not start with"):
        check_stages(stages)


def test_a_misordered_list_says_which_stage_to_move() -> None:
    entities, quotes = _by_name("entities"), _by_name("quotes")
    with pytest.raises(StageOrderError, match=r"stage 'quotes' reads 'entities', which stage 'entities' adds after "
                                              r"it: put 'entities' before 'quotes'"):
        check_stages([quotes, entities])


def test_a_stage_before_one_that_fills_in_its_field_is_misordered() -> None:
    # The dates stage fills a missing `published` from the dateline: a reader of it placed earlier would see
    # the record without it, although the field exists from the start.
    early = Stage("early", _nothing, reads={"published"}, adds={"events"})
    with pytest.raises(StageOrderError, match=r"stage 'early' reads 'published', which stage 'dates' adds after it"):
        check_stages([_by_name("entities"), early, _by_name("dates")])


def test_an_unknown_field_is_refused_with_the_nearest_name() -> None:
    typo = Stage("sentiment", _nothing, reads={"entites"}, adds={"quotes"})
    with pytest.raises(StageOrderError, match=r"stage 'sentiment' reads 'entites', which is no field \(did you mean "
                                              r"'entities'\?\)"):
        check_stages([_by_name("entities"), typo])
    with pytest.raises(StageOrderError, match=r"stage 'tone' adds 'tone', which is no field"):
        check_stages([Stage("tone", _nothing, adds={"tone"})])


def test_the_pipeline_refuses_a_bad_list_when_it_is_built() -> None:
    with pytest.raises(StageOrderError, match="'places' reads 'entities'"):
        Pipeline(Options(stages=[_by_name("places"), _by_name("entities")]))


def test_custom_stages_may_still_order_themselves_by_needs() -> None:
    # The older declaration, names of earlier stages, is still checked alongside the fields.
    after_places = Stage("tagger", _nothing, needs=("places",))
    assert [st.name for st in Pipeline(Options(stages=[*default_stages(), after_places])).stages][-1] == "tagger"
    with pytest.raises(StageOrderError, match="stage 'tagger' needs places to run before it"):
        check_stages([_by_name("entities"), after_places, _by_name("places")])


def test_a_declared_custom_stage_after_events_passes_and_reads_are_sets() -> None:
    summary = Stage("summary", _nothing, reads=["events", "text"], adds=("events",))
    check_stages([*default_stages(), summary])
    assert summary.reads == frozenset({"events", "text"})
    with pytest.raises(TypeError, match="not the string 'text'"):
        Stage("letters", _nothing, reads="text")


def test_the_field_names_are_the_records_and_the_storys_dates() -> None:
    record = {f.name for f in fields(Article)}
    assert FIELDS - {"dates"} == record and not INPUT_FIELDS & STAGE_FIELDS
    assert "dates" in {f.name for f in fields(Story)}


def test_the_record_starts_with_the_input_fields_only() -> None:
    # A first stage looks at what Pipeline.article filled: it must be what INPUT_FIELDS promises.
    seen: dict[str, Any] = {}

    def probe(art: Article, doc: Any, story: Story) -> None:
        seen.update({f.name: getattr(art, f.name) for f in fields(Article)})

    text = "The harbour bridge reopened after a week of repairs."
    story = Story(text, "bridge.txt", "text", title="Bridge reopens", published="2024-06-01", headings=[(0, 18)],
                  captions=["The bridge at dawn"], removed=[Removed("Share this", "share")],
                  repairs=[Repair("harbourbridge", "harbour bridge")])
    Pipeline(Options(stages=[Stage("probe", probe)])).article(story, doc=object())
    filled = {f.name for f in fields(Article) if seen[f.name] != _default(f)}
    # `language` keeps its default ("en") on this path and is there from the start all the same
    assert filled == INPUT_FIELDS - {"language"}


def _default(f: Any) -> Any:
    """The field's default; MISSING (equal to no value) for id, source and text, which have none."""
    if f.default is not MISSING:
        return f.default
    return f.default_factory() if f.default_factory is not MISSING else MISSING


class _Watched:
    """Notes each contract field read from it while `read` (a set) is in its __dict__."""

    def __getattribute__(self, name: str) -> Any:
        if name in FIELDS:
            read = object.__getattribute__(self, "__dict__").get("read")
            if read is not None:
                read.add(name)
        return object.__getattribute__(self, name)


class _WatchedArticle(_Watched, Article):
    pass


class _WatchedStory(_Watched, Story):
    pass


STORY = ("Nyala, Sudan (March 3, 2025) – Gunmen killed 12 traders and wounded 30 others in an attack on the main "
         "market in Nyala on Monday, the governor of South Darfur said.\n"
         "\"We will find the men who did this,\" Governor Amina Bashir told reporters in Nyala on Tuesday.\n"
         "About 2,000 people have fled Nyala since the attack, the United Nations said.")


@pytest.mark.model
def test_each_built_in_stage_reads_and_adds_what_it_declares(nlp) -> None:
    from newsgraph.nlp import nlp_text

    art = _WatchedArticle(id=Article.make_id(STORY), source=Source("<test>"), text=STORY)
    story = _WatchedStory(STORY, "<test>", "text")
    doc = nlp(nlp_text(STORY))
    for st in default_stages():
        before = _snapshot(art, story)
        art.__dict__["read"], story.__dict__["read"] = set(), set()
        st.run(art, doc, story)
        read = art.__dict__.pop("read") | story.__dict__.pop("read")
        # a stage appends its own name to `extractors` (stages.extractor): a write, not a read of what others found
        read -= {"extractors"} if "extractors" in st.adds else set()
        after = _snapshot(art, story)
        assert read <= st.reads, f"{st.name} reads undeclared {read - st.reads}"
        # The story gives every stage something to do, so each adds exactly what it declares.
        assert {k for k in before if before[k] != after[k]} == st.adds, st.name


def _snapshot(art: Article, story: Story) -> dict[str, Any]:
    # `source` is a dataclass no stage touches; the rest compare by value.
    return {f: copy.deepcopy(getattr(story if f == "dates" else art, f)) for f in FIELDS - {"source"}}


def test_the_readme_table_says_what_the_stages_declare() -> None:
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\w+) \| ([^|]+) \| ([^|]+) \|$", readme, re.M)

    def names(cell: str) -> frozenset[str]:
        return frozenset(n.strip() for n in re.sub(r"\([^)]*\)", "", cell).split(","))

    table = {name: (names(reads), names(adds)) for name, reads, adds in rows if name in BUILT_IN}
    assert table == {st.name: (st.reads, st.adds) for st in default_stages()}
