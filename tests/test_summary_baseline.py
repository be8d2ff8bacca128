"""The summary compares like with like: a 2023 figure that counted 'to some extent' is set against
the share met or partial now, a figure of documents that met it against the share met."""

from __future__ import annotations

import pytest

from hpig_audit.audit import build_report
from hpig_audit.report import LEVEL_POINTS, DocumentResult, Finding, ThemeScore
from hpig_audit.rubric import load_rubric
from hpig_audit.summary import summarise


def _document(name: str, levels: dict[str, str], rubric) -> DocumentResult:  # type: ignore[no-untyped-def]
    findings = tuple(
        Finding(criterion=c.id, title=c.title, theme=c.theme, level=levels.get(c.id, "not_met"),  # type: ignore[arg-type]
                score=LEVEL_POINTS[levels.get(c.id, "not_met")], reason="test", evidence=(), recommendation=None)
        for c in rubric.criteria
    )
    themes = tuple(ThemeScore(id=t.id, name=t.name, score=0.0) for t in rubric.themes)
    return DocumentResult(source=name, sha256=name, type="text", pages=None, score=0.0, themes=themes, findings=findings, warnings=())


def test_to_some_extent_baselines_are_compared_with_met_or_partial() -> None:
    rubric = load_rubric()
    assert rubric.criterion("DS2").baseline_counts == "met_or_partial"
    assert rubric.criterion("LD1").baseline_counts == "met"
    documents = [
        _document("a", {"DS2": "met", "LD1": "met"}, rubric),
        _document("b", {"DS2": "partial", "LD1": "partial"}, rubric),
        _document("c", {}, rubric),
        _document("d", {}, rubric),
    ]
    summary = summarise([build_report(rubric, documents)], rubric)
    by_id = {c.id: c for c in summary.criteria}
    assert by_id["DS2"].compared == pytest.approx(50.0)  # met 25% + partial 25%
    assert by_id["DS2"].difference == pytest.approx(50.0 - 61.0)
    assert by_id["LD1"].compared == pytest.approx(25.0)  # met only
    assert by_id["LD1"].difference == pytest.approx(25.0 - 43.0)
