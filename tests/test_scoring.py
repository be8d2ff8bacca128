"""Scores: met 2, partial 1, not_met 0 points; a theme scores its weighted share of the maximum;
a document scores the weighted mean of its themes; both rounded half up to one decimal."""

from __future__ import annotations

import pytest

from hpig_audit.report import LEVEL_POINTS, Finding, ThemeScore
from hpig_audit.rubric.schema import Rubric
from hpig_audit.scoring import overall_score, theme_scores


def rubric(themes: dict[str, float], criteria: dict[str, tuple[str, float]]) -> Rubric:
    """themes: id -> weight; criteria: id -> (theme, weight)."""
    return Rubric.model_validate(
        {
            "id": "scoring-test",
            "version": "1",
            "name": "Scoring test",
            "terms": {"cyp": ["children"]},
            "themes": [{"id": t, "name": t.title(), "prefix": t[:1].upper(), "weight": w} for t, w in themes.items()],
            "criteria": [
                {
                    "id": cid,
                    "theme": theme,
                    "weight": weight,
                    "title": cid,
                    "question": "?",
                    "met": "m",
                    "partial": "p",
                    "source": "s",
                    "recommendation": "r",
                    "rules": [{"level": "met", "why": "w", "any": ["cyp"]}],
                }
                for cid, (theme, weight) in criteria.items()
            ],
        }
    )


def finding(criterion: str, theme: str, level: str) -> Finding:
    return Finding(
        criterion=criterion,
        title=criterion,
        theme=theme,
        level=level,  # type: ignore[arg-type]
        score=LEVEL_POINTS[level],
        reason=level,
        evidence=(),
        recommendation=None,
    )


def scores(themes: tuple[ThemeScore, ...]) -> dict[str, float]:
    return {t.id: t.score for t in themes}


def test_level_points() -> None:
    assert LEVEL_POINTS == {"met": 2, "partial": 1, "not_met": 0}


@pytest.mark.parametrize("level, expected", [("met", 100.0), ("partial", 50.0), ("not_met", 0.0)])
def test_one_criterion_theme(level: str, expected: float) -> None:
    r = rubric({"a": 1}, {"A1": ("a", 1)})
    assert scores(theme_scores([finding("A1", "a", level)], r)) == {"a": expected}


def test_theme_is_the_weighted_share_of_its_maximum() -> None:
    r = rubric({"a": 1, "b": 1}, {"A1": ("a", 1), "A2": ("a", 1), "A3": ("a", 1), "B1": ("b", 3), "B2": ("b", 1)})
    findings = [
        finding("A1", "a", "met"),  # 2 of 2
        finding("A2", "a", "partial"),  # 1 of 2
        finding("A3", "a", "not_met"),  # 0 of 2  -> 3 of 6 = 50%
        finding("B1", "b", "partial"),  # 3 x 1 of 3 x 2
        finding("B2", "b", "met"),  # 1 x 2 of 1 x 2  -> 5 of 8 = 62.5%
    ]
    themes = theme_scores(findings, r)
    assert [(t.id, t.name, t.score) for t in themes] == [("a", "A", 50.0), ("b", "B", 62.5)]


def test_theme_scores_round_half_up_to_one_decimal() -> None:
    # 1 of 3 points -> 33.33..; 2 of 3 -> 66.66..; 49 of 400 -> exactly 12.25, which rounds up to 12.3
    # (Python's round() would give 12.2).
    r = rubric(
        {"a": 1, "b": 1, "c": 1},
        {"A1": ("a", 1), "A2": ("a", 0.5), "B1": ("b", 1), "B2": ("b", 0.5), "C1": ("c", 49), "C2": ("c", 151)},
    )
    findings = [
        finding("A1", "a", "partial"),  # 1 of 3
        finding("A2", "a", "not_met"),
        finding("B1", "b", "met"),  # 2 of 3
        finding("B2", "b", "not_met"),
        finding("C1", "c", "partial"),  # 49 of 400
        finding("C2", "c", "not_met"),
    ]
    assert round(12.25, 1) == 12.2  # the banker's rounding the scores must not use
    assert scores(theme_scores(findings, r)) == {"a": 33.3, "b": 66.7, "c": 12.3}


def test_overall_is_the_weighted_mean_of_theme_scores() -> None:
    r = rubric({"a": 1, "b": 3}, {"A1": ("a", 1), "B1": ("b", 1)})
    themes = theme_scores([finding("A1", "a", "not_met"), finding("B1", "b", "met")], r)
    assert overall_score(themes, r) == 75.0  # (0 x 1 + 100 x 3) / 4
    equal = rubric({"a": 1, "b": 1}, {"A1": ("a", 1), "B1": ("b", 1)})
    assert overall_score(theme_scores([finding("A1", "a", "partial"), finding("B1", "b", "met")], equal), equal) == 75.0


def test_overall_rounds_half_up() -> None:
    r = rubric({"a": 1, "b": 1}, {})
    themes = (ThemeScore(id="a", name="A", score=0.5), ThemeScore(id="b", name="B", score=0.0))
    assert overall_score(themes, r) == 0.3  # 0.25 exactly: half up, not to even
    themes = (ThemeScore(id="a", name="A", score=33.3), ThemeScore(id="b", name="B", score=66.7))
    assert overall_score(themes, r) == 50.0
    themes = (ThemeScore(id="a", name="A", score=12.3), ThemeScore(id="b", name="B", score=12.4))
    assert overall_score(themes, r) == 12.4  # 12.35 up


def test_all_met_is_100_and_all_not_met_is_0() -> None:
    r = rubric({"a": 2, "b": 1}, {"A1": ("a", 1), "A2": ("a", 2), "B1": ("b", 1)})
    for level, expected in (("met", 100.0), ("not_met", 0.0)):
        themes = theme_scores([finding(c.id, c.theme, level) for c in r.criteria], r)
        assert overall_score(themes, r) == expected
