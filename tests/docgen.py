"""Write real documents (PDF, DOCX, HTML, Markdown, text) from a simple list of blocks.

Used by the tests, by `scripts/build_samples.py` and by benchmarks, so that loaders are exercised
on files made by real producers (reportlab, python-docx) rather than on hand-written strings.

A document is `Blocks`: a list of `(kind, text)` with kind one of "h1", "h2", "h3", "p", "li",
or `("pagebreak", "")`.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Iterable

Blocks = list[tuple[str, str]]

HEADING_KINDS = {"h1": 1, "h2": 2, "h3": 3}
_INLINE_MARKS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\3(?![\w*])")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_HEADING = re.compile(r"^(#{1,3})\s+(.*?)\s*#*\s*$")


def _strip_inline(text: str) -> str:
    """Remove **bold** / _italic_ markers, keeping the words."""
    previous = None
    while previous != text:
        previous = text
        text = _INLINE_MARKS.sub(lambda m: m.group(2) or m.group(4), text)
    return text


def markdown_to_blocks(md: str) -> Blocks:
    """Turn a small Markdown subset (ATX headings, list items, paragraphs) into `Blocks`."""
    blocks: Blocks = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(("p", _strip_inline(" ".join(paragraph))))
            paragraph.clear()

    for raw in md.splitlines():
        line = raw.strip()
        heading = _HEADING.match(line)
        item = _LIST_ITEM.match(raw)
        if not line:
            flush()
        elif heading:
            flush()
            blocks.append((f"h{len(heading.group(1))}", _strip_inline(heading.group(2))))
        elif item:
            flush()
            blocks.append(("li", _strip_inline(item.group(1).strip())))
        else:
            paragraph.append(line)
    flush()
    return blocks


# --------------------------------------------------------------------------- PDF


def write_pdf(path: str | Path, blocks: Blocks, *, title: str | None = None) -> Path:
    """Write a PDF with a real text layer: bold larger headings, 10.5pt body, page-number footers."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    path = Path(path)
    styles = {
        "h1": ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=18, leading=22, spaceBefore=12, spaceAfter=8),
        "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=14, leading=18, spaceBefore=10, spaceAfter=6),
        "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=12, leading=15, spaceBefore=8, spaceAfter=4),
        "p": ParagraphStyle("p", fontName="Helvetica", fontSize=10.5, leading=13.5, spaceAfter=7),
        "li": ParagraphStyle(
            "li", fontName="Helvetica", fontSize=10.5, leading=13.5, leftIndent=14, bulletIndent=4, spaceAfter=3
        ),
    }

    def footer(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawCentredString(A4[0] / 2, 1.2 * cm, f"Page {doc.page}")
        canvas.restoreState()

    story = []
    for kind, text in blocks:
        if kind == "pagebreak":
            story.append(PageBreak())
        elif kind == "li":
            story.append(Paragraph(html.escape(text), styles["li"], bulletText="\u2022"))
        else:
            story.append(Paragraph(html.escape(text), styles[kind if kind in styles else "p"]))
    doc = SimpleDocTemplate(
        str(path), pagesize=A4, title=title or "", author="docgen",
        leftMargin=2.2 * cm, rightMargin=2.2 * cm, topMargin=2.2 * cm, bottomMargin=2.4 * cm,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return path


# --------------------------------------------------------------------------- DOCX


def write_docx(path: str | Path, blocks: Blocks, *, title: str | None = None) -> Path:
    """Write a DOCX with real "Heading N" and "List Bullet" styles."""
    import docx
    from docx.enum.text import WD_BREAK

    path = Path(path)
    document = docx.Document()
    if title:
        document.core_properties.title = title
    last = None
    for kind, text in blocks:
        if kind == "pagebreak":
            target = last if last is not None else document.add_paragraph()
            target.add_run().add_break(WD_BREAK.PAGE)
        elif kind in HEADING_KINDS:
            last = document.add_heading(text, level=HEADING_KINDS[kind])
        elif kind == "li":
            last = document.add_paragraph(text, style="List Bullet")
        else:
            last = document.add_paragraph(text)
    document.save(str(path))
    return path


# --------------------------------------------------------------------------- HTML

_CHROME_HEAD = """<style>body{font-family:Arial,sans-serif} .cookie-banner{position:fixed;bottom:0}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>"""

_CHROME_TOP = """<a class="skip-link" href="#main-content">Skip to main content</a>
<div id="cookie-banner" class="cookie-banner" role="region" aria-label="Cookie banner">
  <p>We use cookies to make this website work and to collect information about how you use it.</p>
  <button type="button">Accept all cookies</button> <button type="button">Reject additional cookies</button>
</div>
<header class="site-header">
  <a href="/" class="logo">Anytown Integrated Care Board</a>
  <form role="search" action="/search"><label for="q">Search this site</label>
    <input id="q" name="q" type="search"><button type="submit">Search</button></form>
</header>
<nav class="main-menu" aria-label="Main menu"><ul>
  <li><a href="/">Home</a></li><li><a href="/about-us">About us</a></li>
  <li><a href="/our-work">Our work</a></li><li><a href="/get-involved">Get involved</a></li>
  <li><a href="/contact">Contact us</a></li></ul></nav>
<div class="breadcrumbs"><ol><li><a href="/">Home</a></li><li><a href="/publications">Publications</a></li></ol></div>"""

_CHROME_BOTTOM = """<div class="share-links"><p>Share this page</p><a href="#">Facebook</a> <a href="#">X (Twitter)</a></div>
<footer class="site-footer"><ul><li><a href="/accessibility">Accessibility statement</a></li>
  <li><a href="/privacy">Privacy notice</a></li><li><a href="/cookies">Cookie policy</a></li></ul>
  <p>&copy; 2024 Anytown Integrated Care Board. All rights reserved.</p></footer>
<script>document.querySelectorAll('.cookie-banner button').forEach(b => b.onclick = () => b.parentNode.remove());</script>"""


def _html_body(blocks: Blocks) -> str:
    """Render blocks as HTML, grouping consecutive list items into one <ul>."""
    out: list[str] = []
    in_list = False
    for kind, text in blocks:
        if kind == "li" and not in_list:
            out.append("<ul>")
            in_list = True
        elif kind != "li" and in_list:
            out.append("</ul>")
            in_list = False
        escaped = html.escape(text, quote=False)
        if kind in HEADING_KINDS:
            out.append(f"<{kind}>{escaped}</{kind}>")
        elif kind == "li":
            out.append(f"  <li>{escaped}</li>")
        elif kind == "p":
            out.append(f"<p>{escaped}</p>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def write_html(path: str | Path, blocks: Blocks, *, title: str | None = None, chrome: bool = True) -> Path:
    """Write a saved-web-page style HTML file; `chrome` adds nav, cookie banner, header, footer, scripts."""
    path = Path(path)
    head_title = html.escape(title or "Document")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{head_title}</title>",
        _CHROME_HEAD if chrome else "",
        "</head><body>",
        _CHROME_TOP if chrome else "",
        '<main id="main-content">',
        _html_body(blocks),
        "</main>",
        _CHROME_BOTTOM if chrome else "",
        "</body></html>",
    ]
    path.write_text("\n".join(p for p in parts if p) + "\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- text and Markdown


def _join_blocks(lines: Iterable[tuple[str, str]]) -> str:
    """Join rendered blocks with blank lines, keeping consecutive list items together."""
    out: list[str] = []
    previous_kind = None
    for kind, rendered in lines:
        if out and not (kind == "li" and previous_kind == "li"):
            out.append("")
        out.append(rendered)
        previous_kind = kind
    return "\n".join(out) + "\n"


def write_markdown(path: str | Path, blocks: Blocks) -> Path:
    """Write Markdown: `#` headings, `- ` list items, blank-line separated paragraphs."""
    rendered = []
    for kind, text in blocks:
        if kind in HEADING_KINDS:
            rendered.append((kind, "#" * HEADING_KINDS[kind] + " " + text))
        elif kind == "li":
            rendered.append((kind, "- " + text))
        elif kind != "pagebreak":
            rendered.append((kind, text))
    path = Path(path)
    path.write_text(_join_blocks(rendered), encoding="utf-8")
    return path


def write_text(path: str | Path, blocks: Blocks, *, blank_lines: bool = True) -> Path:
    """Write plain text: headings as bare lines, list items with "- ", one paragraph per line.
    Without blank lines between blocks it is text as copied from a web page."""
    rendered = []
    for kind, text in blocks:
        if kind == "li":
            rendered.append((kind, "- " + text))
        elif kind != "pagebreak":
            rendered.append((kind, text))
    path = Path(path)
    text = _join_blocks(rendered) if blank_lines else "\n".join(line for _, line in rendered) + "\n"
    path.write_text(text, encoding="utf-8")
    return path
