"""The library API: sources in, an `AuditReport` out. It never prints or exits.

Pipeline: load (document -> located text) -> judge (rubric rules -> findings) -> score (themes,
overall). A source that cannot be loaded becomes a `SkippedDocument` with a one-line reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Sequence

from hpig_audit import TOOL_NAME, __version__
from hpig_audit.document import ParsedDocument
from hpig_audit.engine.compiled import CompiledRubric, compile_rubric
from hpig_audit.engine.judge import judge_document
from hpig_audit.errors import LoadError
from hpig_audit.report import AuditReport, DocumentResult, RubricInfo, SkippedDocument, ToolInfo
from hpig_audit.rubric.schema import Rubric
from hpig_audit.scoring import overall_score, theme_scores

DOCUMENT_SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt")

Progress = Callable[[str, "DocumentResult | SkippedDocument"], None]


def audit_parsed(document: ParsedDocument, compiled: CompiledRubric) -> DocumentResult:
    """Judge and score one parsed document."""
    findings, notes = judge_document(document, compiled)
    themes = theme_scores(findings, compiled.rubric)
    return DocumentResult(
        source=document.source,
        sha256=document.sha256,
        type=document.type,
        pages=document.pages,
        score=overall_score(themes, compiled.rubric),
        themes=themes,
        findings=tuple(findings),
        warnings=tuple(document.warnings) + tuple(notes),
    )


def audit_source(source: str, compiled: CompiledRubric) -> DocumentResult | SkippedDocument:
    from hpig_audit.load import load_document  # imported here: PDF libraries are slow to import

    try:
        document = load_document(source)
    except LoadError as exc:
        return SkippedDocument(source=source, reason=exc.reason)
    return audit_parsed(document, compiled)


def audit_sources(sources: Sequence[str], rubric: Rubric, *, progress: Progress | None = None) -> AuditReport:
    """Audit every source in order; unreadable ones are reported as skipped, the rest go on."""
    compiled = compile_rubric(rubric)
    results = []
    for source in sources:
        result = audit_source(source, compiled)
        if progress:
            progress(source, result)
        results.append(result)
    return build_report(rubric, results)


def build_report(rubric: Rubric, results: Iterable[DocumentResult | SkippedDocument]) -> AuditReport:
    results = list(results)
    return AuditReport(
        tool=ToolInfo(name=TOOL_NAME, version=__version__),
        rubric=RubricInfo(id=rubric.id, version=rubric.version),
        documents=tuple(r for r in results if isinstance(r, DocumentResult)),
        skipped=tuple(r for r in results if isinstance(r, SkippedDocument)),
    )


def expand_sources(paths: Iterable[str]) -> list[str]:
    """Directories become the documents under them (recursively, sorted); files and URLs stay as given."""
    expanded: list[str] = []
    for item in paths:
        path = Path(item)
        if "://" not in item and path.is_dir():
            expanded += [str(p) for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES]
        else:
            expanded.append(item)
    return expanded
