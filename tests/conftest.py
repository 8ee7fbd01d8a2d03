"""Shared fixtures. Unit tests build inputs by hand; integration tests share one model load per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# tests/records.py holds hand-built records shared by several test files.
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def nlp():
    from newsgraph import Pipeline
    from newsgraph import nlp as nlp_mod

    # The same (model, components) key the CLI and Pipeline use, so the model loads once per session.
    return nlp_mod.load(None, needs=Pipeline().components)


@pytest.fixture(scope="session")
def pipeline(nlp):
    from newsgraph import Pipeline

    return Pipeline(nlp=nlp)
