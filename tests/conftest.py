"""Shared fixtures. Unit tests build inputs by hand; integration tests share one model load per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from newsgraph import nlp as nlp_mod

    return nlp_mod.load(None, needs=("ner", "parser"))


@pytest.fixture(scope="session")
def pipeline(nlp):
    from newsgraph import Pipeline

    return Pipeline(nlp=nlp)
