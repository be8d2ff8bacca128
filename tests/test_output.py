"""Reports are written atomically and never over a file the user wrote, unless asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from hpig_audit.errors import UsageError
from hpig_audit.format import FORMATS, RenderOptions, render
from hpig_audit.output import write_atomic
from hpig_audit.report import AuditReport

FIXTURE = Path(__file__).parent / "fixtures" / "report.json"


@pytest.fixture(scope="module")
def report() -> AuditReport:
    return AuditReport.model_validate_json(FIXTURE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", FORMATS)
def test_a_report_we_wrote_is_replaced_without_force(tmp_path: Path, report: AuditReport, name: str) -> None:
    if name == "xlsx":
        pytest.importorskip("openpyxl")
    content = render(report, name, RenderOptions())
    target = tmp_path / f"report.{name}"
    write_atomic(target, content)
    write_atomic(target, content)  # the second run replaces its own earlier report
    assert target.read_bytes() == (content.encode() if isinstance(content, str) else content)


@pytest.mark.parametrize(
    "foreign",
    [
        "- run: hpig-audit audit plan.md --output-json report.json\n",  # a workflow naming the tool
        '{"name": "hpig-audit", "private": true}\n',
        "# My notes on hpig-audit\n",
    ],
)
def test_a_file_we_did_not_write_is_refused_and_left_alone(tmp_path: Path, report: AuditReport, foreign: str) -> None:
    target = tmp_path / "report.json"
    target.write_text(foreign, encoding="utf-8")
    with pytest.raises(UsageError, match="--force"):
        write_atomic(target, render(report, "json", RenderOptions()))
    assert target.read_text(encoding="utf-8") == foreign
    write_atomic(target, "{}", force=True)
    assert target.read_text(encoding="utf-8") == "{}"


def test_no_temporary_file_is_left_behind(tmp_path: Path) -> None:
    write_atomic(tmp_path / "out.md", "# HPIG audit report\n")
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_a_report_gets_the_mode_of_an_ordinary_new_file(tmp_path: Path) -> None:
    import os

    ordinary = tmp_path / "ordinary.txt"
    ordinary.write_text("x", encoding="utf-8")
    write_atomic(tmp_path / "report.md", "# HPIG audit report\n")
    assert (tmp_path / "report.md").stat().st_mode & 0o777 == ordinary.stat().st_mode & 0o777
