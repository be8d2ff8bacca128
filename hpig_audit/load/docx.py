"""DOCX loader (python-docx): body paragraphs and tables in document order.

Headings come from the paragraph style ("Heading 1".."Heading 9", "Title", or any style based
on one) or an explicit outline level; list items from list styles or Word numbering. Each table
row becomes one "table" block with its cells joined by " | ".
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Any, Iterator

import docx
import lxml.etree
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from hpig_audit.load.common import Draft, Parsed, Unreadable, first_heading, fold, plausible_title

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.I)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_WRAPPERS = frozenset(f"{_W}{name}" for name in ("ins", "customXml", "smartTag", "sdtContent"))


def parse_docx(data: bytes, charset: str | None = None) -> Parsed:
    """Parse DOCX bytes into headings, paragraphs, list items and table rows."""
    document = _open(data)
    drafts: list[Draft] = []
    for item in _body_items(document.element.body, document._body):
        if isinstance(item, Paragraph):
            drafts.extend(_paragraph_blocks(item))
        else:
            drafts.extend(_table_rows(item))
    title = plausible_title(document.core_properties.title) or first_heading(drafts)
    return Parsed(blocks=drafts, title=title or None)


def _body_items(element: BaseOxmlElement, parent: Any) -> Iterator[Paragraph | Table]:
    """Paragraphs and tables in document order, including those inside content controls and
    tracked insertions (python-docx's own iterator skips them), but not a table of contents."""
    for child in element:
        if child.tag == f"{_W}p":
            yield Paragraph(child, parent)
        elif child.tag == f"{_W}tbl":
            yield Table(child, parent)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None and not _is_table_of_contents(child):
                yield from _body_items(content, parent)
        elif child.tag in _WRAPPERS:
            yield from _body_items(child, parent)


def _is_table_of_contents(sdt: BaseOxmlElement) -> bool:
    gallery = sdt.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
    return gallery is not None and "contents" in (gallery.get(f"{_W}val") or "").lower()


def _paragraph_blocks(paragraph: Paragraph) -> list[Draft]:
    """The paragraph's block, then any text boxes anchored in it (call-outs, key messages)."""
    drafts = []
    draft = _paragraph(paragraph)
    if draft is not None:
        drafts.append(draft)
    for box in paragraph._p.iter(f"{_W}txbxContent"):
        if any(ancestor.tag == _MC_FALLBACK for ancestor in box.iterancestors()):
            continue  # the same box again, in the fallback for old Word versions
        for inner in box.iter(f"{_W}p"):
            inner_draft = _paragraph(Paragraph(inner, paragraph._parent))
            if inner_draft is not None:
                drafts.append(inner_draft)
    return drafts


def _open(data: bytes) -> docx.document.Document:
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, EOFError, zlib.error) as exc:
        raise Unreadable(f"not a valid DOCX file ({_short(exc)})") from None
    except lxml.etree.XMLSyntaxError:
        raise Unreadable("not a valid DOCX file (damaged XML inside)") from None
    except ValueError as exc:
        # python-docx says "... is not a Word file, content type is ..." for xlsx/pptx packages;
        # other ValueErrors come from a damaged zip directory.
        if "content type" in str(exc):
            raise Unreadable("not a Word document (another Office file type)") from None
        raise Unreadable(f"not a valid DOCX file ({_short(exc)})") from None


def _short(exc: Exception) -> str:
    text = str(exc).strip().strip("\"'").splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:100]


def _paragraph(paragraph: Paragraph) -> Draft | None:
    text = fold(paragraph.text)
    if not text or _style_name(paragraph).lower().startswith("toc"):
        return None  # empty, or an entry of a table of contents (it repeats headings)
    level = _heading_level(paragraph)
    if level is not None:
        return Draft(text, "heading", level)
    if _is_list_item(paragraph):
        return Draft(text, "list_item")
    return Draft(text)


def _heading_level(paragraph: Paragraph) -> int | None:
    """Heading level from the style (or the style it is based on), else from an outline level."""
    style = paragraph.style
    depth = 0
    while style is not None and depth < 10:
        name = (style.name or "").strip()
        if name.lower() == "title":
            return 1
        match = _HEADING_STYLE.match(name)
        if match:
            return max(1, int(match.group(1)))
        style = style.base_style
        depth += 1
    return _outline_level(paragraph)


def _outline_level(paragraph: Paragraph) -> int | None:
    """w:outlineLvl (0-based; 9 means body text) set directly on the paragraph or on its style."""
    elements = [paragraph._p.pPr]
    if paragraph.style is not None:
        elements.append(paragraph.style.element.pPr)
    for ppr in elements:
        if ppr is None:
            continue
        node = ppr.find(f"{_W}outlineLvl")
        if node is not None:
            value = node.get(f"{_W}val", "")
            if value.isdigit() and int(value) < 9:
                return int(value) + 1
    return None


def _is_list_item(paragraph: Paragraph) -> bool:
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.find(f"{_W}numPr") is not None:
        return True
    return _style_name(paragraph).lower().startswith("list")


def _style_name(paragraph: Paragraph) -> str:
    try:
        style = paragraph.style
    except (KeyError, ValueError):  # a style id missing from styles.xml
        return ""
    return (style.name if style is not None else "") or ""


def _table_rows(table: Table) -> list[Draft]:
    """One block per row, cells joined by " | ".

    Cells are read straight from the row's <w:tc> elements: python-docx's `row.cells` repeats
    merged cells and raises on some irregular grids that real documents contain.
    """
    drafts = []
    for row in table.rows:
        cells = [fold(_Cell(tc, table).text) for tc in row._tr.tc_lst]
        text = " | ".join(cell for cell in cells if cell)
        if text:
            drafts.append(Draft(text, "table"))
    return drafts
