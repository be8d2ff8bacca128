"""SARIF 2.1.0, for code-scanning tools: a rule per criterion, a result per gap.

A met criterion is not a result. Skipped documents are tool notifications, not results, since
nothing was judged in them.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from hpig_audit.format import RenderOptions
from hpig_audit.format._common import first_evidence, location
from hpig_audit.report import AuditReport, DocumentResult, Evidence, Finding

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"not_met": "warning", "partial": "note"}


def render(report: AuditReport, options: RenderOptions) -> str:
    rules = _rules(report, options)
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    driver: dict[str, Any] = {"name": report.tool.name, "version": report.tool.version, "rules": rules}
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [_invocation(report)],
        "artifacts": [_artifact(document) for document in report.documents],
        "results": [
            _result(finding, document, artifact, index)
            for artifact, document in enumerate(report.documents)
            for finding in document.findings
            if finding.level in LEVELS
        ],
        "properties": {"rubric": {"id": report.rubric.id, "version": report.rubric.version}},
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def uri(source: str) -> str:
    """A URI reference for a path as given: '/' separators, spaces and the like percent-encoded.

    Relative paths stay relative (code scanning resolves them against the repository root); a
    Windows drive path becomes a file URI, since 'C:/x' would read as a URI with scheme 'c'.
    """
    if "://" in source:
        return source
    path = quote(source.replace("\\", "/"), safe="/:@!$&'()*+,;=~")
    return f"file:///{path}" if re.match(r"[A-Za-z]:/", path) else path


def _rules(report: AuditReport, options: RenderOptions) -> list[dict[str, Any]]:
    """Every criterion of the rubric if given, else every criterion the report mentions."""
    rules: dict[str, dict[str, Any]] = {}
    if options.rubric is not None:
        for criterion in options.rubric.criteria:
            rules[criterion.id] = {
                "id": criterion.id,
                "shortDescription": {"text": criterion.title},
                "fullDescription": {"text": criterion.question},
                "help": {"text": criterion.recommendation},
                "properties": {"theme": criterion.theme, "tags": ["hpig", criterion.theme]},
            }
    for document in report.documents:
        for finding in document.findings:
            rule = rules.setdefault(finding.criterion, _rule_from_finding(finding))
            if "help" not in rule and finding.recommendation:
                rule["help"] = {"text": finding.recommendation}
    return list(rules.values())


def _rule_from_finding(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.criterion,
        "shortDescription": {"text": finding.title},
        "properties": {"theme": finding.theme, "tags": ["hpig", finding.theme]},
    }


def _artifact(document: DocumentResult) -> dict[str, Any]:
    return {
        "location": {"uri": uri(document.source)},
        "hashes": {"sha-256": document.sha256},
        "properties": {"type": document.type, "score": document.score},
    }


def _line(evidence: Evidence | None) -> int:
    return evidence.line if evidence is not None and evidence.line else 1


def _result(finding: Finding, document: DocumentResult, artifact: int, index: dict[str, int]) -> dict[str, Any]:
    text = finding.reason + (f" Recommendation: {finding.recommendation}" if finding.recommendation else "")
    evidence = first_evidence(finding)
    place_of_gap = finding.location if evidence is None else None
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": uri(document.source), "index": artifact},
        "region": {"startLine": _line(evidence or place_of_gap)},
    }
    place: dict[str, Any] = {"physicalLocation": physical}
    if evidence is not None:
        # PDFs have pages, not lines: the page and section go in the location's message, and a
        # snippet is given only where the region really is the passage's line.
        where = location(evidence)
        if evidence.line:
            physical["region"]["snippet"] = {"text": evidence.quote}
        if where:
            place["message"] = {"text": where}
    return {
        "ruleId": finding.criterion,
        "ruleIndex": index[finding.criterion],
        "level": LEVELS[finding.level],
        "message": {"text": text},
        "locations": [place],
        "partialFingerprints": {"hpigCriterion/v1": f"{finding.criterion}"},
        "properties": {"hpigLevel": finding.level, "theme": finding.theme, "documentScore": document.score},
    }


def _invocation(report: AuditReport) -> dict[str, Any]:
    notes = [
        {
            "level": "error",
            "message": {"text": f"{item.source}: could not be audited: {item.reason}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(item.source)}}}],
        }
        for item in report.skipped
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not report.skipped}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return invocation
