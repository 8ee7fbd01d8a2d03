"""Glued-word repair: names run into the next word are split; words, names and brands are left alone."""

from __future__ import annotations

import math
from collections import Counter
from itertools import pairwise

import pytest

from newsgraph.clean.glue import (
    EN_FEATURES,
    LANG_FEATURES,
    candidates,
    doc_counts,
    link_glue,
    position,
    repair_glue,
    score_splits,
    split_glued,
)
from newsgraph.clean.glue_words import ENGLISH

DOC = (
    "Officials in Moscow met envoys from Tehran and Madrid on Tuesday to discuss the grain corridor. "
    "Kyiv was not invited, and officials in Kyiv said they learned of the meeting from the press. "
    "Analysts said Moscowwould reject the offer, that Tehranisn’t ready to sign and that Madridhas doubts "
    "about the terms. Some diplomats said Kyivwas right to stay away from a meeting where it had no seat."
)

# A news story as a scraper that drops the space after each link's text writes it: names, a two-word
# name whose last word glues ("New Yorkwould") and a lowercase link ("a reportpublished").
NEWS = (
    "Russian officials met envoys from Brussels on Monday as talks on the grain deal resumed in Geneva.\n"
    "Vladimir Putin told reporters that the offer was not enough, and that Russiawould wait for a better one.\n"
    "Diplomats said Putinsaid much the same last week. The Kremlinhas not published the text of the proposal.\n"
    "A spokesman for the Kremlin declined to comment, but a reportpublished by the agency on Sunday said "
    "Russia wanted guarantees for its exports. Officials in New Yorkwould not say whether the United Nations "
    "would take part.\nRussia and Ukraine both rely on the route, and the talks in New York are expected to "
    "run into next week. Shoppers still bought the Sonicare brush, and the Budlong family kept the Surfshark "
    "subscription it had paid for."
)


@pytest.mark.parametrize(
    ("glued", "fixed"),
    [("Moscowwould", "Moscow would"), ("Tehranisn’t", "Tehran isn’t"), ("Madridhas", "Madrid has"),
     ("Kyivwas", "Kyiv was")],
)
def test_glued_names_are_split_with_document_context(glued: str, fixed: str) -> None:
    assert split_glued(glued, doc_counts(DOC)) == fixed


def test_repair_glue_rewrites_text_and_records_each_repair() -> None:
    text, reps = repair_glue(DOC, doc_counts(DOC))
    assert "Moscow would reject" in text and "Tehran isn’t ready" in text and "Kyiv was right" in text
    assert [(r.from_, r.to) for r in reps] == [
        ("Moscowwould", "Moscow would"), ("Tehranisn’t", "Tehran isn’t"), ("Madridhas", "Madrid has"),
        ("Kyivwas", "Kyiv was"),
    ]


def test_a_scraped_story_gets_names_multiword_names_and_a_lowercase_link_repaired() -> None:
    ctx = doc_counts(NEWS)
    reps = [(r.from_, r.to) for line in NEWS.split("\n") for r in repair_glue(line, ctx)[1]]
    assert reps == [
        ("Russiawould", "Russia would"), ("Putinsaid", "Putin said"), ("Kremlinhas", "Kremlin has"),
        ("reportpublished", "report published"), ("Yorkwould", "York would"),
    ]


def test_clear_cases_are_split_without_context() -> None:
    # Without a document the token is judged alone: a country and "would", or any word and a negation.
    assert split_glued("Russiawould") == "Russia would"
    assert split_glued("Tehranisn’t") == "Tehran isn’t"


@pytest.mark.parametrize(
    "word",
    ["iPhone", "McDonald", "YouTube", "PayPal", "LinkedIn", "WhatsApp", "eBay", "OpenAI", "WeWork",
     "FreshBooks", "Nevertheless", "Washington", "Understanding", "Something", "Greenwood", "Heathrow",
     "Johnson", "Kazakhstan", "Tuesday", "Elementor", "Budlong", "Sonicare", "Homeless", "ThoughtSpot",
     "Surfshark", "Beachbody", "Raincover"],
)
def test_words_names_and_brands_are_not_broken(word: str) -> None:
    text = f"We read about {word} yesterday, and {word.lower()} too."
    for ctx in (None, doc_counts(text + " Home Sonic Element Bud Green John Thought Surf Beach Rain")):
        fixed, reps = repair_glue(text, ctx)
        assert fixed == text and reps == []


def test_brands_in_a_scraped_story_are_left_alone() -> None:
    ctx = doc_counts(NEWS)
    for brand in ("Sonicare", "Budlong", "Surfshark"):
        assert split_glued(brand, ctx) is None


def test_a_token_repeated_in_the_document_is_a_name_not_an_accident() -> None:
    doc = "Brightwater opened a shop. Brightwater later closed it. Bright ideas. Water rose."
    assert split_glued("Brightwater", doc_counts(doc)) is None


def test_a_name_never_seen_alone_needs_more_than_common_halves() -> None:
    # "Paris" never stands alone here, so "Parisand" is more likely a name than a lost space.
    doc = "The Parisand family owns the mill."
    assert split_glued("Parisand", doc_counts(doc)) is None


def test_the_last_part_of_a_dotted_word_is_judged_like_any_token() -> None:
    # A link's text may hold a dot ("St.Petersburg", "Booking.com") and run into the next word.
    doc = ("Officials in Moscow met envoys from Madrid on Tuesday. Analysts said Moscowwould reject the offer and "
           "that Madridhas doubts about the terms. The agency said that St.Petersburgwould host the next round, "
           "and Petersburg officials agreed.")
    got = [(r.from_, r.to) for r in repair_glue(doc, doc_counts(doc))[1]]
    assert ("Petersburgwould", "Petersburg would") in got


def test_addresses_and_code_are_not_looked_at() -> None:
    text = "See softwareadvice.com, call nameof(x) or visit the @Russiawould page and #Kyivsaid tag."
    assert repair_glue(text, doc_counts(text)) == (text, [])


def test_the_last_part_of_a_hyphenated_word_is_judged_like_any_token() -> None:
    # A link's text may be hyphenated ("e-bike"); its last part runs into the next word. Hyphenated words of
    # clean text stay whole.
    doc = ("The council approved new bike lanes in the city centre.\n"
           "Riders can rent a cargo e-bikefrom the station kiosk for a small fee, officials said.\n"
           "The mayor praised the long-awaited decision and said the anti-inflammatory cream and the well-wishers "
           "were welcome.\n"
           "Residents who joined the sign-upsthis week will get a free helmet.")
    ctx = doc_counts(doc)
    got = [r for line in doc.split("\n") for r in repair_glue(line, ctx)[1]]
    assert [(r.from_, r.to) for r in got] == [("bikefrom", "bike from"), ("upsthis", "ups this")]
    # It stands where the whole hyphenated word stands: after a lowercase word here.
    assert _where("joined the sign-upsthis week", "upsthis") == _where("joined the signupsthis week", "signupsthis")


def test_no_split_in_a_document_that_is_not_english() -> None:
    german = ("Die Gesundheitsstatus der Patienten wird im Patientenportal gezeigt, und die Ärzte sehen "
              "ihn jeden Tag. Der Bericht kommt aus Berlin und wurde von der Klinik geschrieben. ") * 4
    ctx = doc_counts(german)
    assert ctx.shape is not None and ctx.shape[0] < 0.1
    assert repair_glue(german, ctx)[1] == []


def test_splits_are_scored_best_first() -> None:
    scored = score_splits("Obamasaid", doc_counts("President Obama spoke. Obamasaid it twice."))
    assert scored[0][1:] == ("Obama", "said")
    assert all(a[0] >= b[0] for a, b in pairwise(scored))


def test_english_rows_count_the_right_half_alone_in_lowercase_and_other_languages_keep_their_columns() -> None:
    # The English model reads one column more than the French/Spanish/Russian one: how often the right half
    # stands alone in lowercase ("harbour" twice here; the capitalised "Harbour" of the heading is not counted).
    doc = "Harbour News. The ferry left the harbour at noon, and the Oslharbour crew waved from the harbour wall."
    rows = {(left, right): row for left, right, row in candidates("Oslharbour", doc_counts(doc, "en"))}
    row = rows[("Osl", "harbour")]
    assert len(row) == len(EN_FEATURES)
    assert row[EN_FEATURES.index("right_lower_alone")] == math.log2(1 + 2)
    fr = "Le maire de Lyon a parlé mardi. Selon la presse, Lyonsouhaite encore négocier avec la région."
    assert {len(r) for _, _, r in candidates("Lyonsouhaite", doc_counts(fr, "fr"))} == {len(LANG_FEATURES)}


def _where(text: str, token: str) -> tuple[int, int]:
    at = text.index(token)
    return position(text, at, at + len(token))


def test_position_reads_what_stands_before_and_after_the_token_on_its_line() -> None:
    assert _where("Kyivwas right, they said.", "Kyivwas") == (0, 2)  # the line's start, a lowercase word
    assert _where("It rained. Kyivwas quiet", "Kyivwas") == (1, 2)  # after a sentence's end
    assert _where("officials in Kyivwas, then", "Kyivwas") == (2, 1)  # after a lowercase word; punctuation
    assert _where("said New Yorkwould Monday", "Yorkwould") == (3, 3)  # after a capitalised word
    assert _where("on 3 Yorkwould", "Yorkwould") == (4, 0)  # after a number; the line's end
    # Only the token's own line counts: the line before ends with a word, this one starts with the token.
    assert _where("the talks went on\nKyivwas absent\nnext", "Kyivwas") == (0, 2)


def test_english_rows_end_with_compound_counts_and_the_position() -> None:
    doc = "The team played well. The market opened late, and the firehouse crew met at the firemarket stall at noon."
    where = (2, 2)
    rows = {(left, right): row for left, right, row in candidates("firemarket", doc_counts(doc, "en"), where)}
    row = rows[("fire", "market")]
    assert len(row) == len(EN_FEATURES)
    assert (row[EN_FEATURES.index("prev_shape")], row[EN_FEATURES.index("next_shape")]) == where
    # Common words end with "market" and start with "fire" ("firefighter"); none ends with "would".
    assert row[EN_FEATURES.index("right_compound")] > 0
    assert row[EN_FEATURES.index("left_compound")] > 0
    glued = {(left, right): r for left, right, r in candidates("Teamwould", doc_counts(doc + " Teamwould", "en"))}
    assert glued[("Team", "would")][EN_FEATURES.index("right_compound")] == 0


def test_repair_reads_each_tokens_position_on_its_line() -> None:
    # The same glued name mid-sentence and opening a line: both are weighed with their own position.
    text = "Officials said Moscowwould refuse the deal.\nMoscowwould not comment on Monday."
    ctx = doc_counts(text + " Officials in Moscow met envoys from Madrid. Moscow said no.", "en")
    mid = score_splits("Moscowwould", ctx, _where(text, "Moscowwould"))
    start = score_splits("Moscowwould", ctx, (0, 2))
    assert mid[0][1:] == start[0][1:] == ("Moscow", "would")


# A council story of plain sentences; the borderline token stands mid-sentence after a capitalised word.
_PLAIN = ("The council met on Tuesday to discuss the budget for the coming year, and the members agreed on most "
          "of the points that residents had raised at the last meeting. ") * 3
_LINKED = ("Officials in Moscowsaid the talks would resume. A statement from Genevawould follow on Friday, "
           "the ministry added. ")


def test_a_document_that_drops_spaces_after_links_gets_its_borderline_glue_split() -> None:
    text = _PLAIN + _LINKED + "The report by Codeagain the morning was read aloud."
    ctx = doc_counts(text)
    assert link_glue(ctx) == {"Moscowsaid", "Genevawould"}
    # Under the model's own threshold (the next test): the document's other glue decides.
    assert split_glued("Codeagain", ctx, (3, 2)) == "Code again"
    fixed, _ = repair_glue(text, ctx)
    assert "Moscow said" in fixed and "Code again" in fixed


@pytest.mark.parametrize("others", ["", "Officials in Moscowsaid the talks would resume. "])
def test_without_two_other_glued_tokens_the_models_threshold_stands(others: str) -> None:
    ctx = doc_counts(_PLAIN + others + "The report by Codeagain the morning was read aloud.")
    assert len(link_glue(ctx)) == (1 if others else 0)
    assert split_glued("Codeagain", ctx, (3, 2)) is None


def test_a_plain_counter_context_has_no_link_glue() -> None:
    assert link_glue(Counter(["Moscowsaid", "Genevawould", "Kyivsaid"])) == frozenset()


def test_the_documents_glue_is_what_the_models_own_thresholds_split() -> None:
    # link_glue scores every token of the document in one batch; a plain Counter has no text, memo or link glue,
    # so each token is scored alone there, against the model's own thresholds.
    text = _PLAIN + _LINKED + DOC + "The report by Codeagain the morning was read aloud."
    ctx = doc_counts(text)
    alone = set()
    for line in text.split("\n"):
        for m in ENGLISH.token.finditer(line):
            if split_glued(m.group(0), Counter(ctx), position(line, m.start(), m.end())):
                alone.add(m.group(0))
    assert link_glue(ctx) == alone
    assert {"Moscowsaid", "Genevawould", "Moscowwould"} <= alone
