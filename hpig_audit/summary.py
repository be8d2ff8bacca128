"""The corpus summary: for each criterion and theme, the share of documents met / partial / not met,
split by document type, with the 2023 baseline beside it and the difference.

Input is one or more `AuditReport`s (results JSON files) and the rubric they were made with; output
is a frozen `Summary`, rendered by the pure functions in `hpig_audit/format/summary_*.py`.

How the figures are made (the formats repeat this in a note, so a table can be cited alone):

- A criterion's shares are over the documents that have a finding for it: met, partial and not met,
  each a percentage with one decimal (rounded half up, separately, so they may not add to 100.0).
- A theme's shares are over all its criterion findings in those documents (documents x criteria),
  and its mean score is the mean of the documents' theme scores.
- Document type comes from a manifest's `type` (in each result's `meta`); `plan`, `other` and
  documents without a type count as "other".
- The 2023 baseline is the share of documents that met the criterion in 2023, where the report gave
  a figure (`baseline_pct`); the difference is the share met now (all documents) minus it, in
  percentage points. A theme's baseline is the mean over its criteria with a figure, and its
  difference compares the mean share met over those same criteria. Baselines in words are shown
  as text, with no difference.
- The same document (same SHA-256) in several results files counts once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hpig_audit import TOOL_NAME, __version__
from hpig_audit.errors import UsageError
from hpig_audit.report import AuditReport, DocumentResult, RubricInfo, ToolInfo
from hpig_audit.rubric.schema import Rubric

GROUPS: tuple[str, ...] = ("all", "strategy", "jfp", "other")
GROUP_LABELS: dict[str, str] = {"all": "All documents", "strategy": "Strategies", "jfp": "Joint forward plans", "other": "Other documents"}
SUMMARY_FORMATS: tuple[str, ...] = ("table", "markdown", "csv", "json", "html")
_RENDERERS = {name: f"hpig_audit.format.summary_{name}:render" for name in SUMMARY_FORMATS}

METHOD_NOTE = (
    "Shares are percentages of documents (one decimal, rounded separately). A theme's shares are over all its "
    "criterion findings. Document type comes from the manifest; plans, other documents and documents without a "
    "type count as other. The 2023 baseline is the share of documents that met the criterion in the 2023 HPIG "
    "report, where it gave a figure; the difference is the share met now (all documents) minus the baseline, "
    "in percentage points. A theme's baseline is the mean over its criteria with a figure, compared with the mean "
    "share met over the same criteria."
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Shares(_Frozen):
    documents: int = Field(description="Documents counted (those with a finding for the criterion or theme).")
    met: float = Field(description="Percentage met, one decimal (a theme: of its criterion findings).")
    partial: float = Field(description="Percentage partial, one decimal.")
    not_met: float = Field(description="Percentage not met, one decimal.")


class GroupInfo(_Frozen):
    id: str = Field(description="all, strategy, jfp or other.")
    label: str
    documents: int


class CriterionSummary(_Frozen):
    id: str
    title: str
    theme: str
    shares: dict[str, Shares] = Field(description="By group id, in the order of `Summary.groups`.")
    baseline: str | None = Field(description="The 2023 national picture in words, if the report measured it.")
    baseline_pct: float | None = Field(description="Share (%) of documents in 2023, where a figure exists.")
    baseline_counts: str = Field(description="What baseline_pct counts: 'met', or 'met_or_partial' (the report's 'to some extent').")
    compared: float | None = Field(description="The share now (all documents) counted the same way as the baseline.")
    difference: float | None = Field(description="compared minus baseline_pct, percentage points.")


class ThemeSummary(_Frozen):
    id: str
    name: str
    criteria: int = Field(description="Criteria in the theme.")
    shares: dict[str, Shares] = Field(description="Over all the theme's criterion findings, by group id.")
    mean_score: dict[str, float] = Field(description="Mean theme score (0-100) of the documents, by group id.")
    baseline: str | None
    baseline_pct: float | None = Field(description="Mean 2023 share met over the criteria with a figure.")
    baseline_criteria: int = Field(description="How many of the theme's criteria have a 2023 figure.")
    met_compared: float | None = Field(description="Mean share now over those same criteria (all documents), each counted as its baseline counts.")
    difference: float | None = Field(description="met_compared minus baseline_pct, percentage points.")


class Summary(_Frozen):
    tool: ToolInfo
    rubric: RubricInfo
    documents: int = Field(description="Documents summarised (after counting duplicates once).")
    skipped: int = Field(description="Documents the audits could not read (not in any share).")
    groups: tuple[GroupInfo, ...] = Field(description="'all', then each document type that has documents.")
    themes: tuple[ThemeSummary, ...]
    criteria: tuple[CriterionSummary, ...]
    notes: tuple[str, ...] = Field(description="How the figures were made, and anything unusual in the input.")


# ---------------------------------------------------------------------------------- inputs


def load_results(paths: Sequence[Path]) -> list[AuditReport]:
    """Read results JSON files (`audit --format json`); errors name the file."""
    reports = []
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: cannot read results file: {getattr(exc, 'strerror', None) or exc}") from None
        reports.append(parse_results(text, str(path)))
    return reports


def parse_results(text: str, name: str) -> AuditReport:
    try:
        return AuditReport.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        if first["type"] == "json_invalid":
            raise UsageError(f"{name}: not a JSON file ({first['msg']})") from None
        where = ".".join(str(part) for part in first["loc"])
        raise UsageError(f"{name}: not an hpig-audit results file (from `audit --format json`): {where}: {first['msg']}") from None


def rubric_id_of(reports: Sequence[AuditReport], names: Sequence[str]) -> str:
    """The one rubric ID the reports share (an error names the files when they differ)."""
    ids = {report.rubric.id for report in reports}
    if len(ids) > 1:
        listed = ", ".join(f"{name} ({report.rubric.id})" for name, report in zip(names, reports))
        raise UsageError(f"results made with different rubrics cannot be summarised together: {listed}")
    return ids.pop()


def group_of(document: DocumentResult) -> str:
    kind = document.meta.get("type", "other")
    return kind if kind in ("strategy", "jfp") else "other"


# ---------------------------------------------------------------------------------- computing


def summarise(reports: Iterable[AuditReport], rubric: Rubric) -> Summary:
    reports = list(reports)
    notes = [METHOD_NOTE]
    documents: list[DocumentResult] = []
    seen: set[str] = set()
    duplicates = 0
    for report in reports:
        for document in report.documents:
            if document.sha256 in seen:
                duplicates += 1
                continue
            seen.add(document.sha256)
            documents.append(document)
    if duplicates:
        notes.append(f"{duplicates} duplicate document(s) (same SHA-256) counted once.")
    versions = sorted({report.rubric.version for report in reports} - {rubric.version})
    if versions:
        notes.append(f"Some results were made with rubric version {', '.join(versions)}; baselines are from version {rubric.version}.")
    skipped = sum(len(report.skipped) for report in reports)

    members = {group: [d for d in documents if group == "all" or group_of(d) == group] for group in GROUPS}
    groups = tuple(GroupInfo(id=g, label=GROUP_LABELS[g], documents=len(members[g])) for g in GROUPS if g == "all" or members[g])
    group_ids = [g.id for g in groups]

    criteria = tuple(_criterion(criterion, {g: members[g] for g in group_ids}) for criterion in rubric.criteria)
    themes = tuple(_theme(theme, rubric, criteria, {g: members[g] for g in group_ids}) for theme in rubric.themes)
    known = {c.id for c in rubric.criteria}
    foreign = sorted({f.criterion for d in documents for f in d.findings} - known)
    if foreign:
        notes.append(f"Findings for criteria not in this rubric were left out: {', '.join(foreign)}.")
    return Summary(
        tool=ToolInfo(name=TOOL_NAME, version=__version__),
        rubric=RubricInfo(id=rubric.id, version=rubric.version),
        documents=len(documents),
        skipped=skipped,
        groups=groups,
        themes=themes,
        criteria=criteria,
        notes=tuple(notes),
    )


def _criterion(criterion, members: dict[str, list[DocumentResult]]) -> CriterionSummary:  # type: ignore[no-untyped-def]
    shares = {}
    for group, docs in members.items():
        levels = [f.level for d in docs for f in d.findings if f.criterion == criterion.id]
        shares[group] = _shares(levels, len(levels))
    counts_partial = criterion.baseline_counts == "met_or_partial"
    compared = None
    if shares["all"].documents:
        compared = _round(shares["all"].met + (shares["all"].partial if counts_partial else 0.0))
    pct = criterion.baseline_pct
    return CriterionSummary(
        id=criterion.id,
        title=criterion.title,
        theme=criterion.theme,
        shares=shares,
        baseline=criterion.baseline,
        baseline_pct=None if pct is None else float(pct),
        baseline_counts=criterion.baseline_counts,
        compared=compared,
        difference=None if pct is None or compared is None else _round(compared - pct),
    )


def _theme(theme, rubric: Rubric, criteria: tuple[CriterionSummary, ...], members: dict[str, list[DocumentResult]]) -> ThemeSummary:  # type: ignore[no-untyped-def]
    ids = {c.id for c in rubric.criteria if c.theme == theme.id}
    shares, means = {}, {}
    for group, docs in members.items():
        levels = [f.level for d in docs for f in d.findings if f.criterion in ids]
        shares[group] = _shares(levels, len([d for d in docs if any(f.criterion in ids for f in d.findings)]))
        scores = [t.score for d in docs for t in d.themes if t.id == theme.id]
        means[group] = _round(sum(scores) / len(scores)) if scores else 0.0
    with_figure = [c for c in criteria if c.theme == theme.id and c.baseline_pct is not None and c.shares["all"].documents]
    baseline_pct = _round(sum(c.baseline_pct for c in with_figure) / len(with_figure)) if with_figure else None  # type: ignore[misc]
    met_compared = _round(sum(c.compared or 0.0 for c in with_figure) / len(with_figure)) if with_figure else None
    return ThemeSummary(
        id=theme.id,
        name=theme.name,
        criteria=len(ids),
        shares=shares,
        mean_score=means,
        baseline=theme.baseline,
        baseline_pct=baseline_pct,
        baseline_criteria=len([c for c in criteria if c.theme == theme.id and c.baseline_pct is not None]),
        met_compared=met_compared,
        difference=None if baseline_pct is None or met_compared is None else _round(met_compared - baseline_pct),
    )


def _shares(levels: list[str], documents: int) -> Shares:
    total = len(levels)
    if not total:
        return Shares(documents=documents, met=0.0, partial=0.0, not_met=0.0)
    return Shares(
        documents=documents,
        met=_round(100.0 * levels.count("met") / total),
        partial=_round(100.0 * levels.count("partial") / total),
        not_met=_round(100.0 * levels.count("not_met") / total),
    )


def _round(value: float) -> float:
    """Half away from zero, one decimal, so the same counts always print the same figure."""
    sign = -1.0 if value < 0 else 1.0
    return sign * float(int(abs(value) * 10 + 0.5 + 1e-9)) / 10 + 0.0  # + 0.0: never -0.0


# ---------------------------------------------------------------------------------- wording shared by the formats


def fmt_pct(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def fmt_diff(value: float | None) -> str:
    """'+12.5', '-3.0', '0.0'; '' when there is no figure to compare with."""
    if value is None:
        return ""
    return f"{value:+.1f}" if value else "0.0"


def fmt_shares(shares: Shares) -> str:
    """'40.0 / 20.0 / 40.0' (met / partial / not met), or '-' when no document counts."""
    if not shares.documents:
        return "-"
    return f"{shares.met:.1f} / {shares.partial:.1f} / {shares.not_met:.1f}"


def rows_by_theme(summary: Summary) -> list[tuple[ThemeSummary, list[CriterionSummary]]]:
    return [(theme, [c for c in summary.criteria if c.theme == theme.id]) for theme in summary.themes]


# ---------------------------------------------------------------------------------- rendering


def render_summary(summary: Summary, format: str, *, color: bool = False, width: int = 100) -> str:
    """Render with the pure renderer registered for `format` (see SUMMARY_FORMATS)."""
    import importlib

    if format not in _RENDERERS:
        raise UsageError(f"unknown summary format {format!r}; choose from {', '.join(SUMMARY_FORMATS)}")
    module, function = _RENDERERS[format].split(":")
    return getattr(importlib.import_module(module), function)(summary, color=color, width=width)
