"""docgen writes real, readable documents (the loaders' tests and the benchmarks depend on it)."""

from __future__ import annotations

import docx
import pypdfium2

from tests import docgen

MD = """# Our strategy

Children and **young people** come _first_.

## Priorities

- Best start in life
- Mental health

1. Numbered item
"""


def test_markdown_to_blocks() -> None:
    assert docgen.markdown_to_blocks(MD) == [
        ("h1", "Our strategy"),
        ("p", "Children and young people come first."),
        ("h2", "Priorities"),
        ("li", "Best start in life"),
        ("li", "Mental health"),
        ("li", "Numbered item"),
    ]


def test_write_pdf_has_text_pages_and_footer(tmp_path) -> None:
    blocks = docgen.markdown_to_blocks(MD) + [("pagebreak", ""), ("p", "Second page text.")]
    path = docgen.write_pdf(tmp_path / "a.pdf", blocks, title="Strategy")
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        assert len(pdf) == 2
        first = pdf[0].get_textpage().get_text_range()
        assert "Our strategy" in first and "Page 1" in first
        assert "Second page text." in pdf[1].get_textpage().get_text_range()
        assert pdf.get_metadata_dict().get("Title") == "Strategy"
    finally:
        pdf.close()


def test_write_docx_styles(tmp_path) -> None:
    path = docgen.write_docx(tmp_path / "a.docx", docgen.markdown_to_blocks(MD), title="T")
    styles = [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]
    assert ("Heading 1", "Our strategy") in styles
    assert ("List Bullet", "Mental health") in styles


def test_write_html_chrome(tmp_path) -> None:
    path = docgen.write_html(tmp_path / "a.html", docgen.markdown_to_blocks(MD), title="T")
    text = path.read_text()
    assert "<main" in text and "Accept all cookies" in text and "<nav" in text and "<li>Mental health</li>" in text
    plain = docgen.write_html(tmp_path / "b.html", [("p", "x")], chrome=False).read_text()
    assert "cookie" not in plain


def test_write_text_and_markdown(tmp_path) -> None:
    blocks = docgen.markdown_to_blocks(MD)
    assert docgen.write_markdown(tmp_path / "a.md", blocks).read_text().startswith("# Our strategy\n\nChildren")
    text = docgen.write_text(tmp_path / "a.txt", blocks).read_text()
    assert "- Best start in life\n- Mental health\n" in text
