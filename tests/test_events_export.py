"""The events export with ACLED's columns, from hand-built records (no model)."""

from __future__ import annotations

import csv
import io

from newsgraph.export.acled_actors import inter_codes, interaction, words_code
from newsgraph.export.events_out import ACLED_COLUMNS, COLUMNS, event_rows, write_events
from newsgraph.model import Actor, Article, Event, Place, Source

ACLED_ORDER = ["event_id_cnty", "event_date", "year", "disorder_type", "event_type", "sub_event_type", "actor1",
               "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
               "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
               "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]


def _article(text: str, events: list[Event], places: list[Place] | None = None, *, published: str = "2025-06-14",
             url: str | None = "https://www.daily-ledger.example/world/story-1") -> Article:
    return Article(id=Article.make_id(text, "A story"), source=Source("feed://ledger/1", "feed", url=url), text=text,
                   title="A story", published=published, places=places or [], events=events)


def _rows(*articles: Article) -> list[dict[str, str]]:
    buf = io.StringIO()
    counts = write_events(articles, buf)
    buf.seek(0)
    rows = list(csv.DictReader(buf))
    assert counts == {"events": len(rows)}
    return rows


def _whole(text: str) -> tuple[int, int]:
    return (0, len(text))


def test_header_puts_acleds_columns_first_then_newsgraphs():
    buf = io.StringIO()
    write_events([], buf)
    header = next(csv.reader(io.StringIO(buf.getvalue())))
    assert header[:30] == ACLED_ORDER == list(ACLED_COLUMNS)
    assert header[30:] == ["plover_type", "plover_mode", "injured", "confidence", "source_url", "article_id"]
    assert header == list(COLUMNS)


def test_police_firing_on_protesters():
    text = "Riot police opened fire on protesters outside the provincial assembly in Kisumu, killing two of them."
    kisumu = Place("geo:191245", "Kisumu", "KE", -0.1, 34.75, [(80, 86)], 191245, "KE-17", "city")
    ev = Event("e-kisumu", "ASSAULT", _whole(text), mode="crowd-control", acled_type="Protests",
               acled_subtype="Excessive force against protesters", actor=Actor("Riot police"),
               recipient=Actor("protesters"), place=kisumu.id, date="2025-06-13", killed=2, injured=None,
               confidence=0.81)
    (r,) = _rows(_article(text, [ev], [kisumu]))
    assert r["inter1"] == "1" and r["inter2"] == "6" and r["interaction"] == "16"
    assert r["disorder_type"] == "Political violence; Demonstrations"
    assert r["event_type"] == "Protests" and r["sub_event_type"] == "Excessive force against protesters"
    assert r["civilian_targeting"] == ""
    assert r["actor1"] == "Riot police" and r["actor2"] == "protesters"
    assert r["event_date"] == "2025-06-13" and r["year"] == "2025"
    assert r["fatalities"] == "2" and r["injured"] == ""
    assert r["iso"] == "404" and r["country"] == "Kenya"
    assert r["admin1"] == "Kisumu" and r["admin2"] == "" and r["admin3"] == "" and r["region"] == ""
    assert r["location"] == "Kisumu" and r["latitude"] == "-0.1" and r["longitude"] == "34.75"
    assert r["geo_precision"] == "1"
    assert r["source"] == "daily-ledger.example"
    assert r["source_url"] == "https://www.daily-ledger.example/world/story-1"
    assert r["notes"] == text
    assert r["plover_type"] == "ASSAULT" and r["plover_mode"] == "crowd-control" and r["confidence"] == "0.81"


def test_gunmen_killing_villagers_is_civilian_targeting():
    text = "Gunmen on motorbikes stormed the village at dawn and shot dead eleven villagers."
    ev = Event("e-village", "ASSAULT", _whole(text), mode="firearms", acled_type="Violence against civilians",
               acled_subtype="Attack", actor=Actor("Gunmen"), recipient=Actor("eleven villagers"), killed=11)
    (r,) = _rows(_article(text, [ev]))
    assert r["civilian_targeting"] == "Civilian targeting"
    assert r["disorder_type"] == "Political violence"
    assert r["inter1"] == "3" and r["inter2"] == "7" and r["interaction"] == "37"
    assert r["fatalities"] == "11"


def test_natural_disaster_has_no_acled_disorder_type():
    text = "Floodwater swept through the lower town after three days of rain."
    ev = Event("e-flood", "DISASTER", _whole(text), mode="natural", acled_type="Disasters",
               acled_subtype="Natural disaster")
    (r,) = _rows(_article(text, [ev]))
    assert r["disorder_type"] == "" and r["event_type"] == "Disasters" and r["sub_event_type"] == "Natural disaster"
    assert r["inter1"] == r["inter2"] == r["interaction"] == r["civilian_targeting"] == ""
    assert r["fatalities"] == "0"  # no count reported: ACLED's convention is 0


def test_unknown_place_leaves_geography_empty():
    text = "The two parties signed a truce on Tuesday."
    ev = Event("e-truce", "AGREE", _whole(text), acled_type="Strategic developments", acled_subtype="Agreement",
               actor=Actor("the government"), recipient=Actor("the rebels"), place="geo:missing")
    (r,) = _rows(_article(text, [ev], url=None))
    for col in ("iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
                "geo_precision"):
        assert r[col] == "", col
    assert r["disorder_type"] == "Strategic developments"
    assert r["inter1"] == "1" and r["inter2"] == "2" and r["interaction"] == "12"
    assert r["event_date"] == "2025-06-14"  # no date of its own: the publication day
    assert r["source"] == "A story" and r["source_url"] == "feed://ledger/1"  # no web address: title, record uri


def test_iso_numeric_country_name_and_regions():
    text = "Soldiers shelled the outskirts of the district overnight."
    region = Place("iso:CO-ANT", "Antioquia", "CO", 7.0, -75.5, [], None, "CO-ANT", "admin1")
    county = Place("iso:GB-KEN", "Kent", "GB", 51.2, 0.7, [], None, "GB-KEN", "other")
    country = Place("geo:203312", "Democratic Republic of the Congo", "CD", -2.9, 23.6, [], 203312, None, "country")
    evs = [Event(f"e{i}", "ASSAULT", _whole(text), mode="heavy-weapons", acled_type="Explosions/Remote violence",
                 acled_subtype="Shelling/artillery/missile attack", actor=Actor("Soldiers"), place=p.id)
           for i, p in enumerate((region, county, country))]
    rows = _rows(_article(text, evs, [region, county, country]))
    assert [r["iso"] for r in rows] == ["170", "826", "180"]
    assert [r["country"] for r in rows] == ["Colombia", "United Kingdom", "Democratic Republic of Congo"]
    assert [r["admin1"] for r in rows] == ["Antioquia", "England", ""]
    assert [r["admin2"] for r in rows] == ["", "Kent", ""]
    assert [r["geo_precision"] for r in rows] == ["3", "2", "3"]
    assert [r["interaction"] for r in rows] == ["10", "10", "10"]  # one side only: the code and 0
    assert all(r["civilian_targeting"] == "" for r in rows)


def test_partial_dates_keep_the_year_only():
    text = "Rebels overran the garrison town in March."
    ev = Event("e-march", "ASSAULT", _whole(text), mode="clash", acled_type="Battles",
               acled_subtype="Non-state actor overtakes territory", actor=Actor("Rebels"), date="2024-03")
    (r,) = _rows(_article(text, [ev]))
    assert r["event_date"] == "" and r["year"] == "2024"
    assert r["inter1"] == "2" and r["interaction"] == "20"


def test_sub_event_rules_for_unnamed_sides():
    # a march with no named actor: the marchers are protesters, alone
    assert inter_codes(None, None, "Peaceful protest", "PROTEST") == (6, None)
    # students who march are protesters, not civilians; the police who disperse them are state forces
    assert inter_codes("students", "police", "Protest with intervention", "PROTEST") == (6, 1)
    # a crowd set upon by troops, with the crowd unnamed: the recipient is protesters
    assert inter_codes("troops", None, "Excessive force against protesters", "ASSAULT") == (1, 6)
    # demonstrators who turn violent are rioters
    assert inter_codes("demonstrators", "police", "Violent demonstration", "PROTEST") == (5, 1)
    assert inter_codes("a crowd", None, "Mob violence", "ASSAULT") == (5, None)
    # the victim of violence against civilians is a civilian, named or not
    assert inter_codes("unknown attackers", "a local councillor", "Abduction/forced disappearance", "ASSAULT") == (3, 7)
    assert inter_codes("gunmen", None, "Attack", "ASSAULT") == (3, 7)
    # battles leave unknown words unknown
    assert inter_codes("the group", "the unit", "Armed clash", "ASSAULT") == (None, None)


def test_words_codes_modifier_first():
    assert words_code("rebel soldiers") == 2
    assert words_code("anti-government protesters") == 6
    assert words_code("pro-government militia") == 3
    assert words_code("an ethnic militia") == 4
    assert words_code("UN peacekeepers") == 8
    assert words_code("Islamic State fighters") == 2
    assert words_code("the national police") == 1
    assert words_code("journalists") == 7
    assert words_code("Ana Lind") is None
    assert interaction(7, 1) == "17" and interaction(None, 6) == "60" and interaction(None, None) == ""


def test_event_rows_start_with_the_event_id_and_match_columns():
    text = "Police arrested four reporters at the border crossing."
    ev = Event("e-arrest", "COERCE", _whole(text), mode="arrest", acled_type="Strategic developments",
               acled_subtype="Arrests", actor=Actor("Police"), recipient=Actor("four reporters"))
    (row,) = list(event_rows(_article(text, [ev])))
    assert len(row) == len(COLUMNS) and row[0] == "e-arrest"
    d = dict(zip(COLUMNS, row, strict=True))
    assert d["interaction"] == "17"
    assert d["civilian_targeting"] == ""  # arrests are a strategic development, not an attack
