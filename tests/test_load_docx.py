"""DOCX loading on real files written by python-docx: headings, lists, tables, order, errors."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from hpig_audit.errors import LoadError
from hpig_audit.load import load_document
from tests import docgen

BLOCKS: docgen.Blocks = [
    ("h1", "Joint Forward Plan"),
    ("p", "This plan covers babies, children and young people."),
    ("h2", "Our priorities"),
    ("li", "Reduce childhood obesity"),
    ("li", "Improve school readiness"),
    ("h3", "Measures"),
    ("p", "We will report progress every year."),
]


def test_headings_lists_and_sections(tmp_path: Path) -> None:
    doc = load_document(str(docgen.write_docx(tmp_path / "plan.docx", BLOCKS, title="JFP 2025")))
    assert doc.type == "docx" and doc.pages is None and doc.title == "JFP 2025"
    got = [(b.kind, b.level, b.text, b.section) for b in doc.blocks]
    assert got == [
        ("heading", 1, "Joint Forward Plan", "Joint Forward Plan"),
        ("paragraph", None, "This plan covers babies, children and young people.", "Joint Forward Plan"),
        ("heading", 2, "Our priorities", "Our priorities"),
        ("list_item", None, "Reduce childhood obesity", "Our priorities"),
        ("list_item", None, "Improve school readiness", "Our priorities"),
        ("heading", 3, "Measures", "Measures"),
        ("paragraph", None, "We will report progress every year.", "Measures"),
    ]
    assert all(block.page is None and block.line is None for block in doc.blocks)


def test_tables_in_body_order_and_title_fallback(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Outcomes framework", level=1)
    document.add_paragraph("Before the table.")
    table = document.add_table(rows=3, cols=3)
    rows = [("Indicator", "Baseline", "Target"), ("Good level of development", "61.8%", "70%"), ("", "", "")]
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    merged = document.add_table(rows=1, cols=3)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "Merged cell"
    merged.cell(0, 2).text = "Other"
    document.add_paragraph("After the table.")
    path = tmp_path / "tables.docx"
    document.save(str(path))

    doc = load_document(str(path))
    assert doc.title == "Outcomes framework"  # no core title: the first heading
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Outcomes framework"),
        ("paragraph", "Before the table."),
        ("table", "Indicator | Baseline | Target"),
        ("table", "Good level of development | 61.8% | 70%"),
        ("table", "Merged cell | Other"),
        ("paragraph", "After the table."),
    ]
    assert doc.blocks[3].section == "Outcomes framework"


@pytest.mark.parametrize("leftover", ["Document1", "strategy-final-v3.docx", "Microsoft Word - plan.docx"])
def test_placeholder_core_title_falls_back_to_first_heading(tmp_path: Path, leftover: str) -> None:
    path = docgen.write_docx(tmp_path / "plan.docx", BLOCKS, title=leftover)
    assert load_document(str(path)).title == "Joint Forward Plan"


def test_numbered_paragraph_is_a_list_item(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("First step", style="List Number")
    document.add_paragraph("Plain paragraph")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    assert [b.kind for b in load_document(str(path)).blocks] == ["list_item", "paragraph"]


def test_invalid_docx_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04" + b"not really a zip" * 20)
    with pytest.raises(LoadError, match="not a valid DOCX"):
        load_document(str(broken))

    no_ooxml = tmp_path / "fake.docx"
    with zipfile.ZipFile(no_ooxml, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(LoadError, match="not a valid DOCX"):
        load_document(str(no_ooxml))

    other_zip = tmp_path / "data.zip"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(LoadError, match="unsupported format"):
        load_document(str(other_zip))


def test_empty_docx_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    with pytest.raises(LoadError, match="no text"):
        load_document(str(path))


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC_NS = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def _sdt(inner: str, gallery: str | None = None) -> str:
    props = f'<w:docPartObj><w:docPartGallery w:val="{gallery}"/></w:docPartObj>' if gallery else ""
    return f"<w:sdt {W_NS}><w:sdtPr>{props}</w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>"


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_content_controls_text_boxes_and_toc(tmp_path: Path) -> None:
    """Real Word files keep text in content controls and text boxes; a TOC only repeats headings."""
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    sectpr = body[-1]
    sectpr.addprevious(parse_xml(_sdt(_p("Contents") + _p("Introduction 3"), gallery="Table of Contents")))
    heading = document.add_heading("Introduction", level=1)
    sectpr.addprevious(heading._p)
    sectpr.addprevious(parse_xml(_sdt(_p("Text inside a content control."))))
    box = (
        f'<w:p {W_NS} {MC_NS}><w:r><w:t>Anchor paragraph.</w:t></w:r><w:r><mc:AlternateContent>'
        f"<mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>{_p('Key message in a text box.')}</w:txbxContent></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><w:txbxContent>{_p('Key message in a text box.')}</w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    sectpr.addprevious(parse_xml(box))
    path = tmp_path / "controls.docx"
    document.save(str(path))
    assert [(b.kind, b.text) for b in load_document(str(path)).blocks] == [
        ("heading", "Introduction"),
        ("paragraph", "Text inside a content control."),
        ("paragraph", "Anchor paragraph."),
        ("paragraph", "Key message in a text box."),
    ]
