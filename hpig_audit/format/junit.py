"""JUnit XML, for CI dashboards: a test suite per document, a test case per criterion.

Built with ElementTree so that every attribute and text is escaped by the XML library.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hpig_audit.format import RenderOptions
from hpig_audit.format._common import clean, first_evidence, fmt_score, location
from hpig_audit.report import AuditReport, DocumentResult, Finding


def render(report: AuditReport, options: RenderOptions) -> str:
    root = ET.Element("testsuites", name=clean(report.tool.name))
    suites = [_suite(document, options) for document in report.documents]
    suites += [_skipped(item.source, item.reason) for item in report.skipped]
    for key in ("tests", "failures", "errors"):
        root.set(key, str(sum(int(suite.get(key, "0")) for suite in suites)))
    root.extend(suites)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _fails(finding: Finding, options: RenderOptions) -> bool:
    return finding.level == "not_met" or (finding.level == "partial" and options.partial_fails)


def _suite(document: DocumentResult, options: RenderOptions) -> ET.Element:
    failures = sum(_fails(finding, options) for finding in document.findings)
    suite = ET.Element(
        "testsuite",
        name=clean(document.source),
        tests=str(len(document.findings)),
        failures=str(failures),
        errors="0",
        skipped="0",
    )
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="score", value=fmt_score(document.score))
    ET.SubElement(properties, "property", name="type", value=clean(document.type))
    ET.SubElement(properties, "property", name="sha256", value=document.sha256)
    for theme in document.themes:
        ET.SubElement(properties, "property", name=f"theme.{clean(theme.id)}", value=fmt_score(theme.score))
    for finding in document.findings:
        suite.append(_case(finding, options))
    return suite


def _details(finding: Finding) -> str:
    lines = [finding.reason]
    if finding.recommendation:
        lines.append(f"Recommendation: {finding.recommendation}")
    evidence = first_evidence(finding)
    if evidence is not None:
        where = location(evidence)
        lines.append(f"Evidence: {evidence.quote}" + (f" ({where})" if where else ""))
    return clean("\n".join(lines))


def _case(finding: Finding, options: RenderOptions) -> ET.Element:
    case = ET.Element("testcase", classname=clean(finding.theme), name=clean(f"{finding.criterion} {finding.title}"))
    if _fails(finding, options):
        failure = ET.SubElement(case, "failure", message=clean(finding.reason), type=finding.level)
        failure.text = _details(finding)
    elif finding.level == "partial":
        ET.SubElement(case, "system-out").text = "partial: " + _details(finding)
    return case


def _skipped(source: str, reason: str) -> ET.Element:
    suite = ET.Element("testsuite", name=clean(source), tests="1", failures="0", errors="1", skipped="0")
    case = ET.SubElement(suite, "testcase", classname="hpig-audit", name="load document")
    ET.SubElement(case, "error", message=clean(reason), type="skipped").text = clean(f"{source}: {reason}")
    return suite
