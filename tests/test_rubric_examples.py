"""Every shipped rubric's embedded examples give the level they claim, and the default rubric keeps
its public contract: the 50 criterion IDs, each with a question, source, recommendation and theme."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import pytest

from hpig_audit.engine.compiled import CompiledRubric, compile_rubric
from hpig_audit.rubric import builtin_rubrics, load_rubric
from hpig_audit.rubric.examples import run_example
from hpig_audit.rubric.schema import Rubric

# The criterion IDs of the HPIG criteria (criteria.md): a public contract used in reports, labels,
# configuration and CI. They are never renumbered.
CRITERIA_IDS = (
    "PH1 PH2 PH3 PH4 PH5 PH6 PH7 PH8 PH9 "
    "LD1 LD2 LD3 LD4 LD5 "
    "CP1 CP2 CP3 CP4 CP5 CP6 CP7 "
    "WF1 WF2 WF3 WF4 WF5 WF6 "
    "DS1 DS2 DS3 DS4 DS5 DS6 DS7 "
    "IN1 IN2 IN3 IN4 IN5 IN6 IN7 "
    "EQ1 EQ2 EQ3 EQ4 EQ5 EQ6 EQ7 EQ8 EQ9"
).split()
THEMES = {
    "population_health": "PH",
    "leadership": "LD",
    "coproduction": "CP",
    "workforce": "WF",
    "data_sharing": "DS",
    "integration": "IN",
    "inequalities": "EQ",
}
LEVELS = ("met", "partial", "not_met")
SHIPPED = builtin_rubrics()


@lru_cache(maxsize=None)
def _compiled(rubric_id: str) -> CompiledRubric:
    return compile_rubric(load_rubric(SHIPPED[rubric_id]))


def _examples() -> list:  # type: ignore[type-arg]
    cases = []
    for rubric_id, path in SHIPPED.items():
        for criterion in load_rubric(path).criteria:
            for index in range(len(criterion.examples)):
                cases.append(pytest.param(rubric_id, criterion.id, index, id=f"{rubric_id}-{criterion.id}-{index + 1}"))
    return cases


def test_the_default_rubric_is_shipped() -> None:
    assert "hpig-2023" in SHIPPED


@pytest.mark.parametrize("rubric_id, criterion_id, index", _examples())
def test_example_gets_its_level(rubric_id: str, criterion_id: str, index: int) -> None:
    compiled = _compiled(rubric_id)
    criterion = compiled.rubric.criterion(criterion_id)
    assert criterion is not None
    example = criterion.examples[index]
    result = run_example(compiled, criterion, index, example)
    assert result.got == example.level, (
        f"{criterion_id} example {index + 1}: expected {example.level}, got {result.got}\n"
        f"text: {example.text}\nnote: {example.note}\nreason: {result.reason}"
    )


@pytest.mark.parametrize("rubric_id", SHIPPED)
def test_every_criterion_has_two_examples_of_each_level(rubric_id: str) -> None:
    rubric = load_rubric(SHIPPED[rubric_id])
    short = {}
    for criterion in rubric.criteria:
        counts = Counter(example.level for example in criterion.examples)
        missing = {level: counts[level] for level in LEVELS if counts[level] < 2}
        if missing:
            short[criterion.id] = missing
    assert short == {}, f"criteria with fewer than 2 examples of a level: {short}"


@pytest.fixture(scope="module")
def hpig() -> Rubric:
    return load_rubric("hpig-2023")


def test_default_rubric_has_exactly_the_50_criteria_in_order(hpig: Rubric) -> None:
    assert len(CRITERIA_IDS) == 50 == len(set(CRITERIA_IDS))
    assert [criterion.id for criterion in hpig.criteria] == CRITERIA_IDS


def test_default_rubric_has_the_seven_themes(hpig: Rubric) -> None:
    assert {theme.id: theme.prefix for theme in hpig.themes} == THEMES
    assert all(theme.name.strip() for theme in hpig.themes)


@pytest.mark.parametrize("criterion_id", CRITERIA_IDS)
def test_default_criterion_is_complete(hpig: Rubric, criterion_id: str) -> None:
    criterion = hpig.criterion(criterion_id)
    assert criterion is not None
    assert criterion.theme in THEMES
    assert criterion_id.startswith(THEMES[criterion.theme]), f"{criterion_id} sits in theme {criterion.theme}"
    for field in ("title", "question", "met", "partial", "source", "recommendation"):
        value = getattr(criterion, field)
        assert isinstance(value, str) and len(value.strip()) >= 3, f"{criterion_id}: {field} is empty"
    assert criterion.question.rstrip().endswith("?")
    assert criterion.rules
