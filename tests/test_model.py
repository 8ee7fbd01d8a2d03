from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from newsgraph.model import SCHEMA_ID, Article
from records import sample_article


def package_schema() -> dict:
    return json.loads(resources.files("newsgraph").joinpath("schema/article.schema.json").read_text("utf-8"))


def test_record_is_valid_against_packaged_schema():
    d = sample_article().to_dict()
    assert d["schema"] == SCHEMA_ID
    jsonschema.validate(d, package_schema())


def test_round_trip_is_lossless():
    a = sample_article()
    b = Article.from_json(a.to_json())
    assert b == a
    assert b.to_dict() == a.to_dict()


def test_repairs_use_from_key():
    d = sample_article().to_dict()
    assert d["repairs"] == [{"from": "Lindsaid", "to": "Lind said"}]


def test_id_is_content_hash():
    a, b = sample_article(uri="x://a"), sample_article(uri="x://b")
    assert a.id == b.id
    assert Article.make_id("Some words here.") == Article.make_id("Some  words\nhere.")
    assert Article.make_id("Some words here.") != Article.make_id("Other words here.")


def variants() -> list[dict]:
    """Valid records and records broken in one way each, to compare two schemas' verdicts."""
    base = sample_article().to_dict()
    out = [base]
    breaks = [
        ("schema", "newsgraph/article/2"), ("id", 5), ("text", None), ("entities", "x"),
        ("removed", [{"text": "x", "kind": "banner"}]), ("figures", [{"text": "x", "span": [1], "category": "killed",
                                                                       "qualifier": "exact"}]),
        ("events", [{"id": "e", "type": "DANCE", "span": [0, 1]}]), ("places", [{"id": "p"}]),
        ("quotes", [{"text": "q", "span": [0, 1], "kind": "shouted", "speaker": None}]),
        ("source", {"uri": "u", "format": "pdf"}),
    ]
    for key, value in breaks:
        d = copy.deepcopy(base)
        d[key] = value
        out.append(d)
    for key in ("title", "published", "events", "source"):
        d = copy.deepcopy(base)
        del d[key]
        out.append(d)
    return out


def test_packaged_schema_rejects_broken_records():
    v = jsonschema.Draft202012Validator(package_schema())
    verdicts = [v.is_valid(d) for d in variants()]
    assert verdicts[0] is True
    assert not any(verdicts[1:])


def test_packaged_schema_matches_shared_contract():
    shared = Path(__file__).resolve().parents[2] / "shared" / "schema" / "article.schema.json"
    if not shared.exists():
        pytest.skip("the shared schema folder is not beside the project (a user's machine)")
    ours = jsonschema.Draft202012Validator(package_schema())
    theirs = jsonschema.Draft202012Validator(json.loads(shared.read_text("utf-8")))
    for d in variants():
        assert ours.is_valid(d) == theirs.is_valid(d)


def test_vocabulary_types_match_the_schema_enums():
    from typing import get_args

    from newsgraph import model

    # each part's properties: the source object's, and the items' of each list of parts
    props = {name: d.get("items", d).get("properties", {}) for name, d in package_schema()["properties"].items()}
    expect = {
        model.EntityType: props["entities"]["type"], model.RemovedKind: props["removed"]["kind"],
        model.SourceFormat: props["source"]["format"], model.QuoteKind: props["quotes"]["kind"],
        model.SpeakerMethod: props["quotes"]["speaker_method"], model.FigureQualifier: props["figures"]["qualifier"],
        model.FigureCategory: props["figures"]["category"], model.PlaceFeature: props["places"]["feature"],
        model.EventType: props["events"]["type"],
    }
    for alias, prop in expect.items():
        assert list(get_args(alias)) == [v for v in prop["enum"] if v is not None], prop
