"""nlp.columns: the plain lists the token-walking stages read agree with spaCy's own Token attributes."""

from __future__ import annotations

import pytest

from newsgraph.nlp import columns


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp("SPRINGFIELD, Ill. — Officials said on Monday. The U.S.-led team met in Baden-Württemberg.\n\n"
               "People's Republic of China  and Rhône-Alpes ! Ada, Oklahoma")


def test_columns_match_token_attributes(doc) -> None:
    cols = columns(doc)
    assert cols.words == [t.text for t in doc]
    assert cols.lower == [t.lower_ for t in doc]
    assert cols.idx == [t.idx for t in doc]
    assert cols.space == [bool(t.whitespace_) for t in doc]
    assert cols.alpha == [t.is_alpha for t in doc]
    assert cols.sent_start == [t.is_sent_start is True for t in doc]
    assert cols.text() == doc.text


def test_columns_are_cached_for_the_last_doc_only(nlp, doc) -> None:
    assert columns(doc) is columns(doc)
    other = nlp("Another story.")
    assert columns(other).words == ["Another", "story", "."]
    assert columns(doc).words[0] == "SPRINGFIELD"


def test_columns_of_an_empty_doc(nlp) -> None:
    cols = columns(nlp(""))
    assert cols.words == [] and cols.text() == ""
