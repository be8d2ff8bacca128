"""The report formats: golden files, escaping of hostile document text, and each format's contract.

One hand-built report (tests/fixtures/report.json) feeds every test: two documents, findings at all
three levels in all seven themes, evidence with HTML/JS injection attempts, '|', ',', a newline and
non-ASCII, and one skipped document. Regenerate goldens with UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from hpig_audit.errors import UsageError
from hpig_audit.format import FORMATS, RenderOptions, render, renderer
from hpig_audit.format.csv_format import COLUMNS
from hpig_audit.format.github import escape_data, escape_property
from hpig_audit.format.sarif import uri
from hpig_audit.report import AuditReport
from hpig_audit.rubric.schema import Rubric

HERE = Path(__file__).parent
FIXTURES, GOLDEN = HERE / "fixtures", HERE / "golden"
SCRIPT, ONERROR = "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'
CHROMIUM = Path("/usr/bin/chromium")
GOLDEN_FILES = {
    "markdown": "report.md",
    "html": "report.html",
    "csv": "report.csv",
    "junit": "report.junit.xml",
    "sarif": "report.sarif",
    "github": "report.github.txt",
}


@pytest.fixture(scope="module")
def hostile(report: AuditReport) -> AuditReport:
    """The report with injection text added to every free-text field, ids and hashes included."""
    attack = f"# {SCRIPT} | {ONERROR}\n- item & &amp; 'x' [link](javascript:alert(1)) ~~struck~~"

    def taint(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: taint(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [taint(v, key) for v in value]
        # level is a closed set of words; the rest is free text as far as a renderer knows.
        return value + attack if isinstance(value, str) and key != "level" else value

    return AuditReport.model_validate(taint(report.model_dump(mode="json")))


def text(output: str | bytes) -> str:
    assert isinstance(output, str)
    return output


def check_golden(name: str, output: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(output.encode("utf-8"))
    assert path.exists(), f"no golden {path.name}: run with UPDATE_GOLDEN=1 and review it"
    assert output == path.read_bytes().decode("utf-8"), f"{name} differs from its golden (UPDATE_GOLDEN=1 to accept)"


# --- every format ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_has_a_working_renderer(name: str, report: AuditReport) -> None:
    function = renderer(name)
    if name == "xlsx" and not _has_openpyxl():
        with pytest.raises(UsageError):
            function(report, RenderOptions())
        return
    for options in (RenderOptions(), RenderOptions(partial_fails=True)):
        output = function(report, options)
        assert isinstance(output, (str, bytes)) and output


@pytest.mark.parametrize("name", sorted(GOLDEN_FILES))
def test_golden(name: str, report: AuditReport, rubric: Rubric) -> None:
    check_golden(GOLDEN_FILES[name], text(render(report, name, RenderOptions(rubric=rubric))))


@pytest.mark.parametrize("name", sorted(GOLDEN_FILES))
def test_output_is_repeatable_and_rubric_optional(name: str, report: AuditReport) -> None:
    assert render(report, name, RenderOptions()) == render(report, name, RenderOptions())


def _has_openpyxl() -> bool:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        return False
    return True


# --- HTML -----------------------------------------------------------------------------------------


class Tags(HTMLParser):
    """Every start tag with its attributes, the text, and the bar rects inside each <svg>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.bars: list[int] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"
        if tag == "svg":
            self.bars.append(0)
        classes = (dict(attrs).get("class") or "").split()
        if tag == "rect" and "bar" in classes:
            self.bars[-1] += 1

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)


def parse_html(output: str) -> Tags:
    parser = Tags()
    parser.feed(output)
    parser.close()
    return parser


def test_html_renders_hostile_text_as_text(hostile: AuditReport, rubric: Rubric) -> None:
    output = text(render(hostile, "html", RenderOptions(rubric=rubric)))
    page = parse_html(output)
    names = [tag for tag, _ in page.tags]
    assert "script" not in names and "img" not in names
    assert not [attrs for _, attrs in page.tags if any(key.startswith("on") for key in attrs)]
    body = "".join(page.text)
    assert SCRIPT in body and ONERROR in body  # shown to the reader, as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in output
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in output
    assert names.count("article") == 28 and page.bars == [7, 7]
    assert all(attrs["href"].startswith("#doc-") for _, attrs in page.tags if "href" in attrs)


def test_html_is_self_contained(report: AuditReport, rubric: Rubric) -> None:
    page = parse_html(text(render(report, "html", RenderOptions(rubric=rubric))))
    for tag, attrs in page.tags:
        assert tag not in ("script", "link", "iframe", "object", "embed", "img")
        for key in ("src", "href", "xlink:href", "action", "data"):
            value = (attrs.get(key) or "").strip()
            assert not re.match(r"(?i)(https?:)?//", value), (tag, key, value)
    css = "".join(page.styles)
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


def test_html_chart_has_a_bar_per_theme_and_baseline_markers(report: AuditReport, rubric: Rubric) -> None:
    output = text(render(report, "html", RenderOptions(rubric=rubric)))
    assert parse_html(output).bars == [7, 7]  # one chart per document, seven themes each
    # 5 of the 7 themes have a criterion with a published 2023 share in the test rubric.
    assert output.count('class="baseline"') == 2 * 5
    assert "mean of the shares of documents" in output
    bare = text(render(report, "html", RenderOptions()))
    assert parse_html(bare).bars == [7, 7] and 'class="baseline"' not in bare


def test_html_has_a_section_per_document_and_a_print_stylesheet(report: AuditReport) -> None:
    output = text(render(report, "html", RenderOptions()))
    sections = [a for tag, a in parse_html(output).tags if tag == "section" and a.get("class") == "document"]
    assert [a["id"] for a in sections] == ["doc-1", "doc-2"]
    assert "plans/scan&lt;1&gt;.pdf" in output  # the skipped document is listed
    print_css = output.split("@media print", 1)[1]
    assert "break-before: page" in print_css and "break-inside: avoid" in print_css


def test_html_of_a_large_report_is_small_and_fast(report: AuditReport) -> None:
    # A 100-page strategy: 50 criteria with 8 long passages each; the report shows 3 per finding.
    base = report.documents[0]
    finding = base.findings[1]
    passage = finding.evidence[0].model_copy(update={"quote": "Children and young people " * 20})
    findings = tuple(
        finding.model_copy(update={"criterion": f"PH{i}", "evidence": (passage,) * 8}) for i in range(50)
    )
    big = report.model_copy(update={"documents": (base.model_copy(update={"pages": 100, "findings": findings}),)})
    start = time.perf_counter()
    output = text(render(big, "html", RenderOptions()))
    assert time.perf_counter() - start < 1.0
    assert len(output.encode("utf-8")) < 2_000_000
    assert output.count('class="evidence"') == 50 * 3 and "5 more passage(s)" in output


# --- Markdown -------------------------------------------------------------------------------------


def test_markdown_escapes_document_text(hostile: AuditReport, rubric: Rubric) -> None:
    output = text(render(hostile, "markdown", RenderOptions(rubric=rubric)))
    body = "\n".join(line.removeprefix("> ") for line in output.splitlines())  # our blockquotes
    assert not re.search(r"(?<!\\)[<>]", body)  # no raw HTML from the document reaches the page
    assert "\\<script\\>alert(1)\\</script\\>" in output
    # Theme ids the rubric does not know (tainted here) still get their findings shown.
    assert len(re.findall(r"^- (✅|🟡|❌) ", output, flags=re.M)) == 28
    for line in output.splitlines():
        assert not line.startswith("- item")  # a newline in the text never starts a block
        assert not re.match(r"#+ #", line)  # a '#' from the text never deepens a heading
    tables = [line for line in output.splitlines() if line.startswith("|")]
    widths = {len(re.findall(r"(?<!\\)\|", line)) for line in tables}
    assert widths == {5, 7, 4}  # gaps and theme-with-baseline tables (5), summary (7), none broken


def test_markdown_through_a_commonmark_parser_with_raw_html_on(hostile: AuditReport, rubric: Rubric) -> None:
    # markdown-it-py (a dependency of rich) passes raw HTML through, as GitHub's parser would
    # before sanitising: whatever reaches the HTML as a tag was not escaped.
    markdown_it = pytest.importorskip("markdown_it")
    source = text(render(hostile, "markdown", RenderOptions(rubric=rubric)))
    page = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(source)
    tags = [tag for tag, _ in parse_html(page).tags]
    assert not {"script", "img", "del", "a"} & set(tags)
    assert tags.count("table") == 5  # summary; theme scores and gaps for each document
    for table in re.findall(r"<table>.*?</table>", page, flags=re.S):
        rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
        assert len({row.count("<td") + row.count("<th") for row in rows}) == 1  # no row split by a '|'
    assert "&amp;amp;" in page  # an entity in the text stays as typed


def test_markdown_shows_theme_baselines_only_with_a_rubric(report: AuditReport, rubric: Rubric) -> None:
    assert "| Theme | Score | 2023 baseline |" in text(render(report, "markdown", RenderOptions(rubric=rubric)))
    bare = text(render(report, "markdown", RenderOptions()))
    assert "| Theme | Score |\n" in bare and "2023 baseline" not in bare
    assert "### Gaps" in bare and "Recommendation" in bare


# --- CSV ------------------------------------------------------------------------------------------


def test_csv_has_a_row_per_document_and_criterion(report: AuditReport) -> None:
    output = text(render(report, "csv", RenderOptions()))
    assert "\r" not in output
    reader = csv.DictReader(io.StringIO(output, newline=""))
    rows = list(reader)
    assert tuple(reader.fieldnames or ()) == COLUMNS
    assert len(rows) == sum(len(d.findings) for d in report.documents) == 28
    assert {row["document"] for row in rows} == {d.source for d in report.documents}  # skipped: no rows
    wf1 = next(r for r in rows if r["criterion"] == "WF1" and r["type"] == "pdf")
    assert wf1["quote"] == "Health visitor vacancies stand at 18%,\nand school nursing vacancies at 12%."
    assert (wf1["page"], wf1["line"], wf1["section"], wf1["level"], wf1["score"]) == ("30", "", "Workforce", "met", "2")
    assert any(SCRIPT in r["quote"] for r in rows) and any("Café" in r["quote"] for r in rows)


# --- JUnit ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("partial_fails", "expected"), [(False, [4, 3]), (True, [8, 8])])
def test_junit_counts_failures(report: AuditReport, partial_fails: bool, expected: list[int]) -> None:
    root = ET.fromstring(text(render(report, "junit", RenderOptions(partial_fails=partial_fails))))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [d.source for d in report.documents] + ["plans/scan<1>.pdf"]
    for suite, failures in zip(suites, expected):
        assert len(suite.findall("testcase/failure")) == int(suite.get("failures", "-1")) == failures
        assert len(suite.findall("testcase")) == 14
    assert root.get("failures") == str(sum(expected))
    assert suites[2].find("testcase/error") is not None and root.get("errors") == "1"
    partial = suites[0].find("testcase[@name='PH7 CYP priorities linked to timebound actions']")
    assert partial is not None and partial.get("classname") == "population_health"
    assert (partial.find("failure") is not None) is partial_fails
    assert (partial.find("system-out") is not None) is not partial_fails


def test_junit_is_valid_xml_with_hostile_text_and_control_characters(hostile: AuditReport) -> None:
    document = hostile.documents[0]
    bad = document.findings[1].model_copy(update={"reason": "form\x0cfeed\x00"})
    report = hostile.model_copy(update={"documents": (document.model_copy(update={"findings": (bad,)}),)})
    root = ET.fromstring(text(render(report, "junit", RenderOptions(partial_fails=True))))
    assert root.find("testsuite/testcase/failure").get("message") == "formfeed"  # type: ignore[union-attr]
    assert SCRIPT in (ET.fromstring(text(render(hostile, "junit", RenderOptions()))).get("name") or "")


# --- SARIF ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft7Validator:
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def test_sarif_validates_and_locates_results(report: AuditReport, rubric: Rubric, sarif_validator: Any) -> None:
    log = json.loads(text(render(report, "sarif", RenderOptions(rubric=rubric))))
    sarif_validator.validate(log)
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [c.id for c in rubric.criteria]
    assert run["tool"]["driver"]["rules"][0]["fullDescription"]["text"] == rubric.criteria[0].question
    results = run["results"]
    assert len(results) == 16 and {r["level"] for r in results} == {"warning", "note"}
    by_place = {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["ruleId"]): r for r in results}
    region = by_place[("plans/south%20jfp,%202024-25.md", "PH1")]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 12  # the evidence line
    pdf = by_place[("strategies/north-icp-strategy.pdf", "PH7")]
    assert pdf["level"] == "note" and pdf["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert pdf["locations"][0]["message"]["text"] == "p. 22, § Delivery plan | 2024–2026"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == 1 and "plans/scan<1>.pdf" in notes[0]["message"]["text"]


def test_sarif_without_rubric_and_hostile_text_validates(hostile: AuditReport, sarif_validator: Any) -> None:
    sarif_validator.validate(json.loads(text(render(hostile, "sarif", RenderOptions()))))
    assert [uri("a b/ç%.pdf"), uri("C:\\x\\y.md"), uri("https://h/a.pdf")] == [
        "a%20b/%C3%A7%25.pdf", "file:///C:/x/y.md", "https://h/a.pdf"]  # fmt: skip


def test_vendored_sarif_schema_is_not_vacuous(sarif_validator: Any) -> None:
    good = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}}]}]}
    sarif_validator.validate(good)
    bad_level = json.loads(json.dumps(good))
    bad_level["runs"][0]["results"][0]["level"] = "warn"
    no_message = json.loads(json.dumps(good))
    del no_message["runs"][0]["results"][0]["message"]
    bad_line = json.loads(json.dumps(good))
    bad_line["runs"][0]["results"][0]["locations"] = [{"physicalLocation": {"region": {"startLine": 0}}}]
    for bad in (bad_level, no_message, bad_line, {"version": "2.0.0", "runs": []}):
        assert not sarif_validator.is_valid(bad)


# --- GitHub ---------------------------------------------------------------------------------------


def test_github_escaping_rules() -> None:
    assert escape_data("50% a:b,c\r\nd") == "50%25 a:b,c%0D%0Ad"
    assert escape_property("50% a:b,c\r\nd") == "50%25 a%3Ab%2Cc%0D%0Ad"


def test_github_annotations(hostile: AuditReport, report: AuditReport) -> None:
    lines = text(render(report, "github", RenderOptions())).splitlines()
    assert len(lines) == 16 + 1 + 2  # gaps, the skipped document, a score per document
    assert lines[-1] == "::notice title=hpig-audit::plans/south jfp, 2024-25.md: score 60.7/100"
    first = "::notice file=strategies/north-icp-strategy.pdf,line=1,title=PH7 CYP priorities linked to timebound actions::"
    assert lines[0].startswith(first)
    assert any(line.startswith("::notice file=plans/south jfp%2C 2024-25.md,line=12,title=PH1 ") for line in lines)
    assert sum(line.startswith("::warning ") for line in lines) == 7
    for line in text(render(hostile, "github", RenderOptions())).splitlines():
        command, props, _ = re.fullmatch(r"::(\w+) ([^:]*)::(.*)", line).groups()  # type: ignore[union-attr]
        assert all(re.fullmatch(r"(file|line|title)=[^,]*", p) for p in props.split(","))


# --- XLSX -----------------------------------------------------------------------------------------


def test_xlsx_sheets_match_the_csv(report: AuditReport, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    data = render(report, "xlsx", RenderOptions())
    assert isinstance(data, bytes) and data == render(report, "xlsx", RenderOptions())
    (tmp_path / "r.xlsx").write_bytes(data)
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["Scores", "Findings"]
    scores = list(book["Scores"].iter_rows(values_only=True))
    assert scores[0][:4] == ("Document", "Type", "Pages", "Overall") and len(scores[0]) == 11
    assert scores[1][:4] == ("strategies/north-icp-strategy.pdf", "pdf", 48, 57.1)
    findings = [[("" if v is None else str(v)) for v in row] for row in book["Findings"].iter_rows(values_only=True)]
    expected = list(csv.reader(io.StringIO(text(render(report, "csv", RenderOptions())), newline="")))
    assert findings == expected
    check_golden("report.xlsx.txt", "\n".join("\t".join(map(repr, row)) for row in scores) + "\n")


def test_xlsx_keeps_formula_like_and_control_text_as_text(report: AuditReport, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    document = report.documents[0]
    finding = document.findings[0]
    evidence = finding.evidence[0].model_copy(update={"quote": "=HYPERLINK(\"x\")\x0c page two"})
    odd = document.model_copy(update={"findings": (finding.model_copy(update={"evidence": (evidence,)}),)})
    (tmp_path / "r.xlsx").write_bytes(render(report.model_copy(update={"documents": (odd,)}), "xlsx", RenderOptions()))
    cell = openpyxl.load_workbook(tmp_path / "r.xlsx")["Findings"]["K2"]
    assert cell.value == '=HYPERLINK("x") page two' and cell.data_type == "s"


def test_xlsx_without_openpyxl_says_how_to_get_it(report: AuditReport, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # makes `import openpyxl` raise ImportError
    with pytest.raises(UsageError, match=r"pip install 'hpig-audit\[xlsx\]'"):
        render(report, "xlsx", RenderOptions())


# --- a real browser -------------------------------------------------------------------------------


@pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed (apt-get install chromium)")
def test_html_in_headless_chromium(report: AuditReport, rubric: Rubric, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(text(render(report, "html", RenderOptions(rubric=rubric))), encoding="utf-8")
    shot = tmp_path / "shot.png"
    script = HERE.parent / "scripts" / "screenshot_html.py"
    subprocess.run(
        [sys.executable, str(script), str(FIXTURES / "report.json"), "--rubric", str(FIXTURES / "format-rubric.yaml"),
         "--out", str(shot)],
        check=True, timeout=120, capture_output=True,
    )  # fmt: skip
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    dom = subprocess.run(
        [str(CHROMIUM), *chromium_flags(tmp_path), "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert dom.stdout.count('class="bar ') == 14 and "<script" not in dom.stdout and "<img" not in dom.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom.stdout
    console = [line for line in dom.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == []


def chromium_flags(tmp_path: Path) -> list[str]:
    return [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]  # fmt: skip
