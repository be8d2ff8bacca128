"""Excel workbook: a "Scores" sheet (document by theme) and a "Findings" sheet (rows as in the CSV).

openpyxl is an optional extra. Output is byte-for-byte repeatable: fixed document properties and
fixed timestamps inside the zip, so the same report gives the same file.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import TYPE_CHECKING, Any

from hpig_audit.errors import UsageError
from hpig_audit.format import RenderOptions
from hpig_audit.format._common import clean, theme_order
from hpig_audit.format.csv_format import COLUMNS, rows
from hpig_audit.report import AuditReport

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FIXED_TIME = datetime(2000, 1, 1)
ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def render(report: AuditReport, options: RenderOptions) -> bytes:
    try:
        from openpyxl import Workbook
    except ImportError as error:
        raise UsageError("xlsx output needs the optional extra: pip install 'hpig-audit[xlsx]'") from error
    workbook = Workbook()
    _scores(workbook.active, report, options)
    _findings(workbook.create_sheet("Findings"), report)
    workbook.properties.creator = report.tool.name
    workbook.properties.title = "HPIG audit report"
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    return _repeatable(_save(workbook))


def _cell_value(value: Any) -> Any:
    # Document text can start with '=', which openpyxl would store as a formula; strings are
    # written as inline text below, and control characters (PDF form feeds) are not allowed.
    return clean(value) if isinstance(value, str) else value


def _write_row(sheet: "Worksheet", values: list[Any]) -> None:
    sheet.append([_cell_value(value) for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _header(sheet: "Worksheet", names: list[str], widths: list[int]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    _write_row(sheet, names)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for position, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    sheet.freeze_panes = "A2"


def _scores(sheet: "Worksheet", report: AuditReport, options: RenderOptions) -> None:
    sheet.title = "Scores"
    themes = theme_order(report, options.rubric)
    _header(sheet, ["Document", "Type", "Pages", "Overall"] + [name for _, name in themes], [48, 10, 8, 10] + [16] * len(themes))
    for document in report.documents:
        by_id = {theme.id: theme.score for theme in document.themes}
        _write_row(sheet, [document.source, document.type, document.pages, document.score] + [by_id.get(i) for i, _ in themes])


def _findings(sheet: "Worksheet", report: AuditReport) -> None:
    widths = {"document": 40, "quote": 80, "recommendation": 60, "title": 40, "section": 30}
    _header(sheet, list(COLUMNS), [widths.get(name, 12) for name in COLUMNS])
    for row in rows(report):
        _write_row(sheet, [row[name] for name in COLUMNS])
    sheet.auto_filter.ref = sheet.dimensions


def _save(workbook: Any) -> bytes:
    # ExcelWriter is what Workbook.save uses, minus the line that stamps "modified" with now().
    from openpyxl.writer.excel import ExcelWriter

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return buffer.getvalue()


def _repeatable(data: bytes) -> bytes:
    """Rewrite the zip with a fixed timestamp on every entry (zipfile stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
