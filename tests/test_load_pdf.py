"""PDF loading on real PDFs written by reportlab: headings, sections, pages, paragraphs, furniture."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from hpig_audit.errors import LoadError
from hpig_audit.load import load_document
from tests import docgen

LONG = (
    "Every child in our area should have the best start in life, and we will work with families, "
    "schools, early years settings and the voluntary sector to make that happen. This paragraph is "
    "long enough to wrap over several lines of the page, so the loader has to join its lines back "
    "into one paragraph rather than report each printed line as a separate block of text."
)
BLOCKS: docgen.Blocks = [
    ("h1", "Our Children and Young People Strategy"),
    ("p", LONG),
    ("h2", "Best start in life"),
    ("p", "We will increase the uptake of health visiting reviews at two years."),
    ("li", "Support breastfeeding in every maternity unit."),
    ("li", "Offer every family a named health visitor."),
    ("pagebreak", ""),
    ("h2", "Mental health"),
    ("p", "Waiting times for CAMHS will fall to four weeks by 2026."),
    ("h3", "Schools"),
    ("p", "Mental health support teams will cover every secondary school."),
    ("pagebreak", ""),
    ("h2", "Transition to adult services"),
    ("p", "Young people aged 16 to 25 will have a transition plan."),
]


@pytest.fixture(scope="module")
def strategy_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return docgen.write_pdf(tmp_path_factory.mktemp("pdf") / "strategy.pdf", BLOCKS, title="CYP Strategy 2025")


def test_pages_title_type_and_hash(strategy_pdf: Path) -> None:
    doc = load_document(str(strategy_pdf))
    assert doc.type == "pdf"
    assert doc.pages == 3
    assert doc.title == "CYP Strategy 2025"
    assert doc.source == str(strategy_pdf)
    assert doc.sha256 == hashlib.sha256(strategy_pdf.read_bytes()).hexdigest()
    assert doc.warnings == ()


def test_blocks_match_the_source_exactly(strategy_pdf: Path) -> None:
    """Headings, wrapped paragraphs joined, list items, and no page-number footers."""
    kinds = {"h1": "heading", "h2": "heading", "h3": "heading", "p": "paragraph", "li": "list_item"}
    expected = [(kinds[kind], text) for kind, text in BLOCKS if kind != "pagebreak"]
    doc = load_document(str(strategy_pdf))
    assert [(block.kind, block.text) for block in doc.blocks] == expected
    assert not any("Page" in block.text and len(block.text) < 10 for block in doc.blocks)


def test_heading_levels_sections_and_pages(strategy_pdf: Path) -> None:
    blocks = {block.text: block for block in load_document(str(strategy_pdf)).blocks}
    assert blocks["Our Children and Young People Strategy"].level == 1
    assert blocks["Best start in life"].level == 2
    assert blocks["Schools"].level == 3
    assert blocks[LONG].section == "Our Children and Young People Strategy"
    assert blocks["Offer every family a named health visitor."].section == "Best start in life"
    assert blocks["Mental health"].section == "Mental health"
    assert blocks["Mental health support teams will cover every secondary school."].section == "Schools"
    assert blocks[LONG].page == 1
    assert blocks["Waiting times for CAMHS will fall to four weeks by 2026."].page == 2
    assert blocks["Young people aged 16 to 25 will have a transition plan."].page == 3
    assert all(block.line is None for block in blocks.values())


def _canvas_pdf(path: Path, pages: list[list[tuple[str, float, str]]], header: str | None = None) -> Path:
    """Draw pages line by line: (font, size, text) at a fixed left margin and leading."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number, lines in enumerate(pages, start=1):
        if header:
            pdf.setFont("Helvetica", 8)
            pdf.drawString(60, 810, header)
            pdf.drawRightString(535, 30, f"{number}")
        y = 760.0
        for font, size, text in lines:
            if not text:
                y -= 10
                continue
            pdf.setFont(font, size)
            pdf.drawString(60, y, text)
            y -= size * 1.3
        pdf.showPage()
    pdf.save()
    return path


def test_running_header_dropped_bold_heading_and_hyphenation(tmp_path: Path) -> None:
    body = [
        ("Helvetica-Bold", 10.5, "Our commitments"),
        ("Helvetica", 10.5, "We will make sure that chil-"),
        ("Helvetica", 10.5, "dren get an evidence-"),
        ("Helvetica", 10.5, "based offer, because evidence-based care works."),
    ]
    page = [("Helvetica", 10.5, "Text that differs on every page, page marker {}.")]
    pages = [body] + [[(f, s, t.format(n)) for f, s, t in page] for n in range(2, 5)]
    path = _canvas_pdf(tmp_path / "header.pdf", pages, header="Anytown ICS Strategy 2024 to 2029")
    doc = load_document(str(path))
    texts = [block.text for block in doc.blocks]
    assert not any("Anytown ICS Strategy" in text for text in texts)
    assert texts[0] == "Our commitments" and doc.blocks[0].kind == "heading"
    assert texts[1] == "We will make sure that children get an evidence-based offer, because evidence-based care works."
    assert doc.blocks[1].section == "Our commitments"
    assert len(texts) == 5 and not any(text.isdigit() for text in texts)


def test_bold_numbered_lines_are_headings_before_text_and_items_in_a_run(tmp_path: Path) -> None:
    # Minutes and plans number their headings in bold barely larger than the text ("45. APOLOGIES",
    # 12pt over 10.5pt): before text they are headings, and one that wraps stays one heading; a run
    # of bold numbered lines with nothing between them is a list.
    B, R = "Helvetica-Bold", "Helvetica"
    page = [
        (B, 12, "45. APOLOGIES FOR ABSENCE"),
        (R, 10.5, "Apologies were received from the Director of Public Health."),
        ("", 0, ""),
        (B, 12, "48. DRAFT CHILDREN AND YOUNG PEOPLE'S HEALTH AND WELLBEING"),
        (B, 12, "PLAN 2025-2028"),
        (R, 10.5, "The Board discussed the draft plan with the police and schools."),
        ("", 0, ""),
        (R, 10.5, "Our three priorities are:"),
        (B, 10.5, "1. Best start in life"),
        (B, 10.5, "2. Good mental health"),
        (B, 10.5, "3. Safe and supported"),
        ("", 0, ""),
        (R, 10.5, "Each priority has a lead."),
    ]
    doc = load_document(str(_canvas_pdf(tmp_path / "minutes.pdf", [page])))
    kinds = [(block.kind, block.text) for block in doc.blocks]
    assert kinds[:4] == [
        ("heading", "45. APOLOGIES FOR ABSENCE"),
        ("paragraph", "Apologies were received from the Director of Public Health."),
        ("heading", "48. DRAFT CHILDREN AND YOUNG PEOPLE'S HEALTH AND WELLBEING PLAN 2025-2028"),
        ("paragraph", "The Board discussed the draft plan with the police and schools."),
    ]
    assert doc.blocks[3].section == "48. DRAFT CHILDREN AND YOUNG PEOPLE'S HEALTH AND WELLBEING PLAN 2025-2028"
    assert [kind for kind, text in kinds if text[:1] in "123"] == ["list_item", "list_item", "list_item"]


def test_ligature_glyphs_read_as_letters(tmp_path: Path) -> None:
    """A PDF set with ligature glyphs ("identi\ufb01er") reads as plain letters, so the rubric's words
    find it. (pdfium spells them out; text from other sources is folded by the loaders, see
    test_load_text.py.)"""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    # Bitstream Vera, shipped with reportlab, has the fi and fl ligature glyphs.
    pdfmetrics.registerFont(TTFont("VeraLigatures", str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")))
    line = "Every child has one identi\ufb01er, so information \ufb02ows between services."
    path = _canvas_pdf(tmp_path / "ligatures.pdf", [[("VeraLigatures", 11, line)]])
    assert [block.text for block in load_document(str(path)).blocks] == ["Every child has one identifier, so information flows between services."]


def test_scanned_pages_warn_and_all_scanned_fails(tmp_path: Path) -> None:
    def write(path: Path, text_pages: int, image_pages: int) -> Path:
        pdf = canvas.Canvas(str(path), pagesize=A4)
        for _ in range(text_pages):
            pdf.drawString(72, 700, "This page has a real text layer with enough characters.")
            pdf.showPage()
        for _ in range(image_pages):
            pdf.rect(50, 50, 480, 700, fill=1)  # stands in for a scanned image
            pdf.showPage()
        pdf.save()
        return path

    doc = load_document(str(write(tmp_path / "partly.pdf", 1, 3)))
    assert doc.pages == 4
    assert any("3 of 4 pages have no text layer" in warning and "OCR" in warning for warning in doc.warnings)
    with pytest.raises(LoadError, match="OCR"):
        load_document(str(write(tmp_path / "scanned.pdf", 0, 3)))


def test_encrypted_pdf_is_a_load_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", "owner"))
    pdf.drawString(72, 700, "Confidential")
    pdf.save()
    with pytest.raises(LoadError) as info:
        load_document(str(path))
    assert info.value.reason == "encrypted PDF (password required)"


def test_corrupt_pdf_is_a_load_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage\n%%EOF\n")
    with pytest.raises(LoadError, match="corrupt or invalid PDF"):
        load_document(str(path))


def test_pdf_is_recognised_by_content_not_name(strategy_pdf: Path, tmp_path: Path) -> None:
    for name in ("strategy.txt", "strategy.docx", "strategy"):
        copy = tmp_path / name
        copy.write_bytes(strategy_pdf.read_bytes())
        assert load_document(str(copy)).type == "pdf"


def test_unit_font_scaled_by_text_matrix(tmp_path: Path) -> None:
    """InDesign and Distiller set the font to 1 pt and size text with the matrix; headings still show."""
    path = tmp_path / "scaled.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for y, scale, font, text in ((700, 20, "Helvetica-Bold", "Scaled heading"),
                                 (660, 10, "Helvetica", "Body text drawn with a unit font and a scaled matrix.")):
        obj = pdf.beginText()
        obj.setTextTransform(scale, 0, 0, scale, 72, y)
        obj.setFont(font, 1)
        obj.textLine(text)
        pdf.drawText(obj)
    pdf.save()
    blocks = load_document(str(path)).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Scaled heading"),
        ("paragraph", "Body text drawn with a unit font and a scaled matrix."),
    ]


def test_two_columns_keep_paragraphs_apart(tmp_path: Path) -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph

    style = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12, spaceAfter=6)
    left = "Left column paragraph about family hubs and health visiting, long enough to wrap onto several lines. " * 3
    right = "Right column paragraph about school nurses and mental health support teams in every school. " * 3
    path = tmp_path / "columns.pdf"
    doc = BaseDocTemplate(str(path), pagesize=A4)
    width = (A4[0] - 144 - 20) / 2
    frames = [Frame(72, 72, width, A4[1] - 144, id="left"), Frame(72 + width + 20, 72, width, A4[1] - 144, id="right")]
    doc.addPageTemplates([PageTemplate(frames=frames)])
    doc.build([Paragraph(left.strip(), style), FrameBreak(), Paragraph(right.strip(), style)])
    texts = [b.text for b in load_document(str(path)).blocks]
    assert texts == [left.strip(), right.strip()]


def test_rotated_landscape_page_reads_as_displayed(tmp_path: Path) -> None:
    """A /Rotate 90 page draws its text vertically in PDF space; lines must still group upright."""
    path = tmp_path / "rotated.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setPageRotation(90)
    pdf.rotate(90)  # draw so that the text reads horizontally once the page is rotated for display
    rows = [("Helvetica-Bold", 16, 0, "Landscape table page"),
            ("Helvetica", 10, 30, "First line of a paragraph that wraps"),
            ("Helvetica", 10, 43, "onto a second line."),
            ("Helvetica", 10, 70, "Another paragraph after a gap.")]
    for font, size, down, text in rows:
        pdf.setFont(font, size)
        pdf.drawString(72, -72 - down, text)
    pdf.save()
    blocks = load_document(str(path)).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Landscape table page"),
        ("paragraph", "First line of a paragraph that wraps onto a second line."),
        ("paragraph", "Another paragraph after a gap."),
    ]
