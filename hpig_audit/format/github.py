"""GitHub Actions workflow commands: an annotation per gap, then a score line per document.

GitHub decodes '%25', '%0D' and '%0A' in messages, and also '%3A' and '%2C' in the properties
(file, line, title), where a raw ':' or ',' would end the value early.
"""

from __future__ import annotations

from hpig_audit.format import RenderOptions
from hpig_audit.format._common import first_evidence, fmt_score, location
from hpig_audit.report import AuditReport, DocumentResult, Finding

COMMANDS = {"not_met": "warning", "partial": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: dict[str, str], message: str) -> str:
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}"


def render(report: AuditReport, options: RenderOptions) -> str:
    lines = [line for document in report.documents for line in _document(document)]
    for item in report.skipped:
        lines.append(_command("error", {"file": item.source, "title": "hpig-audit: not audited"}, item.reason))
    for document in report.documents:
        lines.append(_command("notice", {"title": "hpig-audit"}, f"{document.source}: score {fmt_score(document.score)}/100"))
    return "\n".join(lines) + "\n" if lines else ""


def _document(document: DocumentResult) -> list[str]:
    return [_annotation(document, finding) for finding in document.findings if finding.level in COMMANDS]


def _annotation(document: DocumentResult, finding: Finding) -> str:
    evidence = first_evidence(finding)
    pointer = evidence or finding.location  # a gap points at the section where it sits
    line = pointer.line if pointer is not None and pointer.line else 1
    message = finding.reason
    if evidence is not None:
        where = location(evidence)
        message += f"\nEvidence: {evidence.quote}" + (f" ({where})" if where else "")
    if finding.recommendation:
        message += f"\nRecommendation: {finding.recommendation}"
    properties = {"file": document.source, "line": str(line), "title": f"{finding.criterion} {finding.title}"}
    return _command(COMMANDS[finding.level], properties, message)
