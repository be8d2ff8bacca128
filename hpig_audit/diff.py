"""Compare two audits of a document (e.g. last year's strategy and this year's): criterion by
criterion what went up, down or stayed, theme and overall score changes, and the evidence quotes
that are new or lost.

It compares judgments, not text, so the two versions may be in different formats (an old PDF and a
new web page). Quotes are compared after folding whitespace, so a line break in a PDF does not
make a quote "new". Renderers are the pure functions in `hpig_audit/format/diff_*.py`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from hpig_audit import TOOL_NAME, __version__
from hpig_audit.report import DocumentResult, Finding, Level, RubricInfo, ToolInfo
from hpig_audit.rubric.schema import Rubric

Change = Literal["up", "down", "same", "added", "removed"]
CHANGES: tuple[Change, ...] = ("up", "down", "same", "added", "removed")
DIFF_FORMATS: tuple[str, ...] = ("table", "markdown", "json", "html")
_RANK = {"not_met": 0, "partial": 1, "met": 2}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Side(_Frozen):
    source: str = Field(description="Path or URL of the document as audited.")
    sha256: str
    type: str = Field(description="Detected format: pdf, docx, html, markdown or text.")
    pages: int | None
    score: float = Field(description="Overall score 0-100.")
    rubric: RubricInfo


class CriterionChange(_Frozen):
    criterion: str
    title: str
    theme: str
    old: Level | None = Field(description="Level in the old version (null: the criterion was not judged there).")
    new: Level | None
    change: Change = Field(description="up, down or same; added/removed when only one side judged it.")
    new_evidence: tuple[str, ...] = Field(description="Quotes supporting it in the new version that the old did not have.")
    lost_evidence: tuple[str, ...] = Field(description="Quotes from the old version that no longer support it.")


class ThemeChange(_Frozen):
    id: str
    name: str
    old: float | None
    new: float | None
    delta: float | None = Field(description="new minus old, one decimal.")


class AuditDiff(_Frozen):
    tool: ToolInfo
    old: Side
    new: Side
    score_delta: float = Field(description="New overall score minus old, one decimal.")
    counts: dict[str, int] = Field(description="How many criteria went up, down, stayed the same, were added or removed.")
    themes: tuple[ThemeChange, ...]
    criteria: tuple[CriterionChange, ...]
    notes: tuple[str, ...]


def fold(quote: str) -> str:
    """A quote as compared: whitespace runs folded to one space, ends trimmed."""
    return " ".join(quote.split())


def diff_results(
    old: DocumentResult,
    new: DocumentResult,
    *,
    old_rubric: RubricInfo,
    new_rubric: RubricInfo,
    rubric: Rubric | None = None,
) -> AuditDiff:
    notes = []
    if (old_rubric.id, old_rubric.version) != (new_rubric.id, new_rubric.version):
        notes.append(
            f"The two audits used different rubrics ({old_rubric.id} v{old_rubric.version} and {new_rubric.id} "
            f"v{new_rubric.version}): changes may come from the rubric as well as the document."
        )
    if old.sha256 == new.sha256:
        notes.append("Both sides are the same document (same SHA-256).")
    old_by = {f.criterion: f for f in old.findings}
    new_by = {f.criterion: f for f in new.findings}
    order = [c.id for c in rubric.criteria] if rubric is not None else []
    order += [cid for cid in list(old_by) + list(new_by) if cid not in order]
    criteria = tuple(_criterion(old_by.get(cid), new_by.get(cid)) for cid in order if cid in old_by or cid in new_by)
    counts = {change: sum(1 for c in criteria if c.change == change) for change in CHANGES}
    return AuditDiff(
        tool=ToolInfo(name=TOOL_NAME, version=__version__),
        old=_side(old, old_rubric),
        new=_side(new, new_rubric),
        score_delta=_round(new.score - old.score),
        counts=counts,
        themes=_themes(old, new, rubric),
        criteria=criteria,
        notes=tuple(notes),
    )


def _side(result: DocumentResult, rubric: RubricInfo) -> Side:
    return Side(source=result.source, sha256=result.sha256, type=result.type, pages=result.pages, score=result.score, rubric=rubric)


def _criterion(old: Finding | None, new: Finding | None) -> CriterionChange:
    some = new or old
    assert some is not None
    if old is None:
        change: Change = "added"
    elif new is None:
        change = "removed"
    else:
        delta = _RANK[new.level] - _RANK[old.level]
        change = "up" if delta > 0 else "down" if delta < 0 else "same"
    old_quotes = _quotes(old)
    new_quotes = _quotes(new)
    return CriterionChange(
        criterion=some.criterion,
        title=some.title,
        theme=some.theme,
        old=old.level if old else None,
        new=new.level if new else None,
        change=change,
        new_evidence=tuple(q for q in new_quotes if q not in old_quotes),
        lost_evidence=tuple(q for q in old_quotes if q not in new_quotes),
    )


def _quotes(finding: Finding | None) -> list[str]:
    """Folded quotes in evidence order, each once."""
    if finding is None:
        return []
    seen: list[str] = []
    for evidence in finding.evidence:
        quote = fold(evidence.quote)
        if quote and quote not in seen:
            seen.append(quote)
    return seen


def _themes(old: DocumentResult, new: DocumentResult, rubric: Rubric | None) -> tuple[ThemeChange, ...]:
    old_by = {t.id: t for t in old.themes}
    new_by = {t.id: t for t in new.themes}
    order = [t.id for t in rubric.themes] if rubric is not None else []
    order += [tid for tid in list(old_by) + list(new_by) if tid not in order]
    changes = []
    for tid in order:
        o, n = old_by.get(tid), new_by.get(tid)
        if o is None and n is None:
            continue
        name = (n or o).name  # type: ignore[union-attr]
        delta = _round(n.score - o.score) if o is not None and n is not None else None
        changes.append(ThemeChange(id=tid, name=name, old=o.score if o else None, new=n.score if n else None, delta=delta))
    return tuple(changes)


def _round(value: float) -> float:
    sign = -1.0 if value < 0 else 1.0
    return sign * float(int(abs(value) * 10 + 0.5 + 1e-9)) / 10 + 0.0


def fmt_delta(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:+.1f}" if value else "0.0"


LEVEL_WORDS = {"met": "met", "partial": "partial", "not_met": "not met", None: "—"}


def render_diff(diff: AuditDiff, format: str, *, color: bool = False, width: int = 100) -> str:
    import importlib

    from hpig_audit.errors import UsageError

    if format not in DIFF_FORMATS:
        raise UsageError(f"unknown diff format {format!r}; choose from {', '.join(DIFF_FORMATS)}")
    module = importlib.import_module(f"hpig_audit.format.diff_{format}")
    return module.render(diff, color=color, width=width)
