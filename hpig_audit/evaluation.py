"""Audit hand-coded documents and pair each coder's level with the tool's: what `eval` measures.

The documents are audited like a corpus (in parallel, through the cache when one is given), so a
researcher's labels over hundreds of documents take minutes, not an hour. A document that cannot
be read is kept as data: skipped, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from hpig_audit.agreement import LabelledDocument, Pair
from hpig_audit.cache import Cache
from hpig_audit.parallel import audit_many
from hpig_audit.report import DocumentResult, Finding, SkippedDocument
from hpig_audit.rubric.schema import Rubric


@dataclass(frozen=True)
class ScoredLabel:
    """One hand-coded level beside the tool's level for the same criterion."""

    pair: Pair
    finding: Finding
    """The tool's finding: its reason and evidence explain a disagreement."""


@dataclass(frozen=True)
class DocumentEvaluation:
    """One labelled document: its labels scored, or why it could not be audited."""

    path: str
    scored: tuple[ScoredLabel, ...]
    """Labels of criteria the rubric has, in the labels file's order; a label for a criterion the
    rubric lacks is not scored."""
    skipped: str | None = None
    """Why the document could not be audited (then nothing is scored)."""
    score: float | None = None
    """The document's overall score, 0-100 (None when it could not be audited)."""


def evaluate_labels(
    documents: Sequence[LabelledDocument], rubric: Rubric, *, jobs: int | None = None, cache: Cache | None = None
) -> list[DocumentEvaluation]:
    """Audit every labelled document (`jobs`: as `audit_many`) and score its labels, in input order."""
    results = audit_many([document.path for document in documents], rubric, jobs=jobs, cache=cache)
    return [_scored(document, result) for document, result in zip(documents, results, strict=True)]


def _scored(document: LabelledDocument, result: DocumentResult | SkippedDocument) -> DocumentEvaluation:
    if isinstance(result, SkippedDocument):
        return DocumentEvaluation(document.path, (), skipped=result.reason)
    findings = {finding.criterion: finding for finding in result.findings}
    name = Path(document.path).name
    scored = []
    for criterion, expected in document.labels.items():
        if (finding := findings.get(criterion)) is not None:
            scored.append(ScoredLabel(Pair(name, criterion, finding.theme, expected, finding.level), finding))
    return DocumentEvaluation(document.path, tuple(scored), score=result.score)
