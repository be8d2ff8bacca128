"""HTML loader (lxml.html): the page's content, without the website around it.

Many strategies are saved web pages, full of navigation, cookie banners, search boxes, share
buttons and footers. Counting those as content would let a page "mention" things it does not
say, so the loader drops them (see `html_noise`), keeps `<main>` (or the main article) when the
page has one, and turns what is left into headings, paragraphs, list items and table rows.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from hpig_audit.load.common import (
    Draft,
    Parsed,
    Unreadable,
    decode_text,
    first_heading,
    fold,
    plausible_title,
    strip_controls,
)
from hpig_audit.load.html_noise import content_root, drop_noise

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary "
    "table tbody thead tfoot tr td th ul caption legend".split()
)
_LEAVES = frozenset("p h1 h2 h3 h4 h5 h6 dt dd caption figcaption summary pre address legend".split())
_NESTED_LISTS = frozenset("ul ol dl table".split())


def parse_html(data: bytes, charset: str | None = None) -> Parsed:
    """Parse HTML bytes (charset from BOM, HTTP header or <meta>) into content blocks."""
    root = _parse(decode_text(data, charset, _meta_charset(data)))
    title = _title(root)
    _space_out_blocks(root)
    drop_noise(root)
    drafts: list[Draft] = []
    _Walker(drafts).container(content_root(root))
    return Parsed(blocks=drafts, title=title or first_heading(drafts))


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def _parse(text: str) -> lxml.html.HtmlElement:
    text = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses str input that declares an encoding
    text = strip_controls(text)  # and str input with NUL or other control characters
    if not text.strip():
        raise Unreadable("no text found in this HTML document")
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise Unreadable(f"could not parse HTML ({str(exc).strip()[:100] or type(exc).__name__})") from None


def _title(root: lxml.html.HtmlElement) -> str | None:
    node = root.find(".//title")
    return plausible_title(node.text_content()) if node is not None else None


def _space_out_blocks(root: lxml.html.HtmlElement) -> None:
    """Put a space after every block element and <br>, so `text_content()` never glues words."""
    for element in root.iter():
        if isinstance(element.tag, str) and (element.tag in BLOCK_TAGS or element.tag == "br"):
            element.tail = " " + (element.tail or "")


class _Walker:
    """Walks the content tree in document order, emitting one draft per block."""

    def __init__(self, drafts: list[Draft]):
        self.drafts = drafts

    def container(self, element: lxml.html.HtmlElement) -> None:
        """An element holding blocks and loose inline text (div soup is common on council sites)."""
        loose: list[str] = [element.text or ""]
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _LEAVES:
                self._flush(loose)
                self._leaf(child, tag)
            elif tag == "li":
                self._flush(loose)
                self._list_item(child)
            elif tag == "tr":
                self._flush(loose)
                self._row(child)
            elif tag == "br":
                self._flush(loose)
            elif tag in BLOCK_TAGS or (tag and _has_block(child)):
                self._flush(loose)
                self.container(child)
            elif tag:
                loose.append(child.text_content())
            loose.append(child.tail or "")
        self._flush(loose)

    def _flush(self, loose: list[str]) -> None:
        text = fold("".join(loose))
        loose.clear()
        if text:
            self.drafts.append(Draft(text))

    def _leaf(self, element: lxml.html.HtmlElement, tag: str) -> None:
        text = fold(element.text_content())
        if not text:
            return
        if tag[0] == "h" and tag[1:].isdigit():
            self.drafts.append(Draft(text, "heading", int(tag[1:])))
        else:
            self.drafts.append(Draft(text))

    def _list_item(self, item: lxml.html.HtmlElement) -> None:
        """The item's own text, then any list or table nested inside it."""
        own: list[str] = [item.text or ""]
        nested = []
        for child in item:
            if isinstance(child.tag, str) and child.tag in _NESTED_LISTS:
                nested.append(child)
            elif isinstance(child.tag, str):
                own.append(child.text_content())
            own.append(child.tail or "")
        text = fold("".join(own))
        if text:
            self.drafts.append(Draft(text, "list_item"))
        for child in nested:
            self.container(child)

    def _row(self, row: lxml.html.HtmlElement) -> None:
        cells = [fold(cell.text_content()) for cell in row if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
        text = " | ".join(cell for cell in cells if cell)
        if text:
            self.drafts.append(Draft(text, "table"))


def _has_block(element: lxml.html.HtmlElement) -> bool:
    """Whether an inline element (e.g. an <a> wrapping a card) contains block elements."""
    return any(isinstance(node.tag, str) and node.tag in BLOCK_TAGS for node in element.iterdescendants())
