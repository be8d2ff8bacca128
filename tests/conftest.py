"""Shared fixtures: paths, and the default rubric loaded and compiled once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from hpig_audit.engine.compiled import CompiledRubric, compile_rubric
from hpig_audit.rubric import load_rubric
from hpig_audit.rubric.schema import Rubric

REPO = Path(__file__).resolve().parents[1]
RUBRIC_FIXTURES = REPO / "tests" / "fixtures" / "rubrics"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def rubric_fixtures() -> Path:
    return RUBRIC_FIXTURES


@pytest.fixture(scope="session")
def default_rubric() -> Rubric:
    return load_rubric("hpig-2023")


@pytest.fixture(scope="session")
def default_compiled(default_rubric: Rubric) -> CompiledRubric:
    return compile_rubric(default_rubric)
