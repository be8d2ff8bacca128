"""HTML loading on saved-web-page style files: the content without the website's chrome."""

from __future__ import annotations

from pathlib import Path

import pytest

from hpig_audit.load import load_document
from tests import docgen

BLOCKS: docgen.Blocks = [
    ("h1", "Our Integrated Care Strategy"),
    ("p", "Children and young people are one of our three priorities."),
    ("h2", "Starting well"),
    ("p", "We will reduce the number of children waiting for speech and language therapy."),
    ("li", "Family hubs in every district"),
    ("li", "Perinatal mental health support"),
    ("h3", "How we will measure progress"),
    ("p", "We will publish a dashboard each quarter."),
]
CHROME_WORDS = ("cookie", "Skip to main content", "About us", "Get involved", "Contact us", "Search",
                "Accessibility statement", "All rights reserved", "Share this page", "Facebook", "dataLayer",
                "Publications", "font-family")


def _assert_content(blocks) -> None:  # type: ignore[no-untyped-def]
    kinds = {"h1": "heading", "h2": "heading", "h3": "heading", "p": "paragraph", "li": "list_item"}
    assert [(b.kind, b.text) for b in blocks] == [(kinds[k], t) for k, t in BLOCKS]
    for block in blocks:
        for word in CHROME_WORDS:
            assert word.lower() not in block.text.lower(), (word, block.text)


def test_chrome_is_dropped_and_content_kept(tmp_path: Path) -> None:
    doc = load_document(str(docgen.write_html(tmp_path / "page.html", BLOCKS, title="Strategy | Anytown ICB")))
    assert doc.type == "html" and doc.title == "Strategy | Anytown ICB" and doc.pages is None
    _assert_content(doc.blocks)
    by_text = {b.text: b for b in doc.blocks}
    assert by_text["Our Integrated Care Strategy"].level == 1
    assert by_text["How we will measure progress"].level == 3
    assert by_text["Perinatal mental health support"].section == "Starting well"
    assert by_text["We will publish a dashboard each quarter."].section == "How we will measure progress"


def test_chrome_is_dropped_without_a_main_element(tmp_path: Path) -> None:
    path = docgen.write_html(tmp_path / "page.html", BLOCKS)
    html = path.read_text().replace('<main id="main-content">', '<div class="content">').replace("</main>", "</div>")
    path.write_text(html)
    _assert_content(load_document(str(path)).blocks)


def test_html_named_txt_is_html(tmp_path: Path) -> None:
    source = docgen.write_html(tmp_path / "page.html", BLOCKS)
    copy = tmp_path / "page.txt"
    copy.write_bytes(source.read_bytes())
    doc = load_document(str(copy))
    assert doc.type == "html"
    _assert_content(doc.blocks)


def test_fragment_without_doctype_is_html(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text("<div><h2>Priorities</h2>\n<p>First <b>bold</b> point.</p>\n<ul><li>One</li><li>Two</li></ul></div>\n")
    doc = load_document(str(path))
    assert doc.type == "html"
    assert [b.text for b in doc.blocks] == ["Priorities", "First bold point.", "One", "Two"]


@pytest.mark.parametrize("declared", ["meta", "none"])
def test_legacy_charset_and_curly_quotes_are_kept(tmp_path: Path, declared: str) -> None:
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">' if declared == "meta" else ""
    html = f"<html><head>{meta}<title>T</title></head><body><p>\u201cNo child left behind\u201d \u2013 our promise.</p></body></html>"
    path = tmp_path / "legacy.html"
    path.write_bytes(html.encode("cp1252"))
    assert load_document(str(path)).blocks[0].text == "\u201cNo child left behind\u201d \u2013 our promise."


def test_utf8_bom_and_tables_and_nested_lists(tmp_path: Path) -> None:
    html = """<!DOCTYPE html><html><body><article>
    <h2>Targets</h2>
    <table><tr><th>Measure</th><th>2025</th></tr><tr><td>Immunisation</td><td>95%</td></tr></table>
    <ul><li>Outer item<ul><li>Inner item</li></ul></li></ul>
    <div>Loose text in a div<br>after a line break</div>
    <p>Caf\u00e9 line one<br>line two</p>
    <div class="accordion-panel" hidden><p>""" + "Collapsed accordion content is still content. " * 6 + """</p></div>
    <span class="visually-hidden">Opens in a new window</span>
    </article></body></html>"""
    path = tmp_path / "bom.html"
    path.write_bytes(b"\xef\xbb\xbf" + html.encode("utf-8"))
    texts = [(b.kind, b.text) for b in load_document(str(path)).blocks]
    assert texts[:7] == [
        ("heading", "Targets"),
        ("table", "Measure | 2025"),
        ("table", "Immunisation | 95%"),
        ("list_item", "Outer item"),
        ("list_item", "Inner item"),
        ("paragraph", "Loose text in a div"),
        ("paragraph", "after a line break"),
    ]
    assert texts[7] == ("paragraph", "Caf\u00e9 line one line two")
    assert texts[8][1].startswith("Collapsed accordion content")
    assert len(texts) == 9


def test_whole_page_wrappers_with_noisy_class_names_are_kept(tmp_path: Path) -> None:
    """ASP.NET wraps the page in a <form>; themes put "sidebar"/"header" words on wrappers."""
    body = "".join(f"<p>Paragraph {n} about children's health services and outcomes.</p>" for n in range(15))
    html = f"""<html><body><form id="aspnetForm"><div class="page has-sidebar">
    <div class="page-header"><h1>Strategy</h1></div>{body}
    <div class="sidebar"><p>Related links</p></div></div></form></body></html>"""
    path = tmp_path / "wrapped.html"
    path.write_text(html)
    texts = [b.text for b in load_document(str(path)).blocks]
    assert texts[0] == "Strategy" and len(texts) == 16 and "Related links" not in texts
