"""CSV: one row per document and criterion, with its first piece of evidence. Ready for pandas.

Skipped documents have no criteria, so they have no rows; the JSON report lists them.
"""

from __future__ import annotations

import csv
import io

from hpig_audit.format import RenderOptions
from hpig_audit.format._common import first_evidence
from hpig_audit.report import AuditReport, DocumentResult, Finding

COLUMNS: tuple[str, ...] = (
    "document",
    "type",
    "theme",
    "criterion",
    "title",
    "level",
    "score",
    "page",
    "line",
    "section",
    "quote",
    "recommendation",
)


def finding_row(document: DocumentResult, finding: Finding) -> dict[str, str | int | None]:
    """The row for one criterion; None where there is no value (an empty cell)."""
    evidence = first_evidence(finding)
    return {
        "document": document.source,
        "type": document.type,
        "theme": finding.theme,
        "criterion": finding.criterion,
        "title": finding.title,
        "level": finding.level,
        "score": finding.score,
        "page": evidence.page if evidence else None,
        "line": evidence.line if evidence else None,
        "section": evidence.section if evidence else None,
        "quote": evidence.quote if evidence else None,
        "recommendation": finding.recommendation,
    }


def rows(report: AuditReport) -> list[dict[str, str | int | None]]:
    return [finding_row(document, finding) for document in report.documents for finding in document.findings]


def render(report: AuditReport, options: RenderOptions) -> str:
    buffer = io.StringIO()
    # QUOTE_MINIMAL with doubled quotes is RFC 4180; '\n' endings keep diffs and pandas simple.
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    writer.writerows(rows(report))
    return buffer.getvalue()
