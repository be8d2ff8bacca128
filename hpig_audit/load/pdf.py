"""PDF loader: pypdfium2 text extraction, sampled per line, then layout analysis in `pdf_layout`.

Speed matters (a 500-page strategy must load in little more than pdfium's bare extraction time),
so each page's text is taken in one `get_text_range()` call and split into pdfium's lines; font
size, boldness and position are then read with a handful of raw calls per *line* (never per
character). Everything else is plain Python on those line records.
"""

from __future__ import annotations

import ctypes
import math
import re
import threading
from dataclasses import dataclass, field

import pypdfium2
import pypdfium2.raw as pdfium_c

from hpig_audit.load.common import Draft, Parsed, Unreadable, first_heading, plausible_title, strip_controls
from hpig_audit.load.pdf_layout import BULLETS, SOFT_HYPHEN, Line, build_blocks

# pdfium is not thread-safe; a lock keeps concurrent audits (e.g. a thread pool) correct.
_PDFIUM_LOCK = threading.Lock()
_MIN_PAGE_CHARS = 10  # fewer visible characters than this: the page has no usable text layer
_FORCE_BOLD = 1 << 18  # PDF font descriptor flag
_UNSCALED_SIZE = 3.0  # a font size below this is a unit size scaled by the text matrix
_MAX_HEADING_LINE_WORDS = 16  # a line with more words than this is never part of a heading
_BLOCK_END = frozenset(".!?:;\"'”’)]")
_BOLD_NAME = re.compile(rb"bold|black|heavy|demi", re.I)


def parse_pdf(data: bytes, charset: str | None = None) -> Parsed:
    """Parse PDF bytes into blocks with page numbers, headings and sections."""
    with _PDFIUM_LOCK:
        pdf = _open(data)
        try:
            page_count = len(pdf)
            found = _extract(pdf, page_count)
            title = _metadata_title(pdf)
        finally:
            pdf.close()
    if page_count == 0:
        raise Unreadable("PDF has no pages")
    if not found.lines:
        if found.no_text:
            raise Unreadable(_ocr_message(page_count, page_count))
        raise Unreadable("no text found in PDF" if not found.broken else "no page of this PDF could be read")
    blocks = build_blocks(found.lines, found.sizes, page_count)
    if not blocks:
        raise Unreadable("no text found in PDF")
    warnings = []
    if _worth_warning(len(found.no_text), page_count):
        warnings.append(_ocr_message(len(found.no_text), page_count))
    if _garbled(blocks):
        warnings.append(
            "the text layer looks garbled (fonts without a Unicode map): results will be unreliable; "
            "OCR would give better text"
        )
    if found.broken:
        warnings.append(f"{len(found.broken)} of {page_count} pages could not be read (damaged): {_pages(found.broken)}")
    return Parsed(blocks=blocks, title=title or first_heading(blocks), pages=page_count, warnings=warnings)


def _garbled(blocks: list[Draft]) -> bool:
    """Whether most characters are unmapped glyphs (private-use code points, replacement marks)."""
    sample = "".join(block.text for block in blocks[:300])[:50000]
    if not sample:
        return False
    odd = sum(1 for ch in sample if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff")
    return odd > 0.3 * len(sample)


def _pages(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return f"pages {shown}" + (" and more" if len(numbers) > 10 else "")


def _open(data: bytes) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise Unreadable("encrypted PDF (password required)") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise Unreadable("encrypted PDF (unsupported security scheme)") from None
        raise Unreadable("corrupt or invalid PDF (pdfium could not open it)") from None


def _ocr_message(missing: int, total: int) -> str:
    if missing >= total:
        return f"no text layer on any of its {total} page(s): this PDF needs OCR before it can be audited"
    return f"{missing} of {total} pages have no text layer: this PDF needs OCR before it can be audited"


def _worth_warning(missing: int, total: int) -> bool:
    """Warn when image-only pages are a real share of the document (one full-page picture is normal)."""
    return missing > 0 and (missing >= 3 or missing / total >= 0.1)


def _metadata_title(pdf: pypdfium2.PdfDocument) -> str | None:
    try:
        return plausible_title(strip_controls(pdf.get_metadata_value("Title") or ""))
    except (pypdfium2.PdfiumError, KeyError, UnicodeError):
        return None


@dataclass(slots=True)
class _Extraction:
    lines: list[Line] = field(default_factory=list)
    sizes: dict[float, int] = field(default_factory=dict)  # characters per rounded font size
    no_text: list[int] = field(default_factory=list)  # pages drawn without a text layer
    broken: list[int] = field(default_factory=list)  # pages pdfium could not load


def _extract(pdf: pypdfium2.PdfDocument, page_count: int) -> _Extraction:
    """Line records for every page; a page pdfium cannot load is skipped and reported, not fatal."""
    result = _Extraction()
    reader = _LineReader()
    for index in range(page_count):
        try:
            page = pdf[index]
        except pypdfium2.PdfiumError:
            result.broken.append(index + 1)
            continue
        try:
            page_lines = reader.read(page, index + 1)
            if sum(len(line.text) for line in page_lines) < _MIN_PAGE_CHARS:
                if pdfium_c.FPDFPage_CountObjects(page.raw) > 0:
                    result.no_text.append(index + 1)  # something is drawn but no text: scanned/image
        except pypdfium2.PdfiumError:
            result.broken.append(index + 1)
            continue
        finally:
            page.close()
        sizes = result.sizes
        for line in page_lines:
            sizes[line.size] = sizes.get(line.size, 0) + len(line.text)
        result.lines.extend(page_lines)
    return result


class _LineReader:
    """Reads one page's lines with reusable ctypes buffers (allocating them per call would dominate)."""

    def __init__(self) -> None:
        self._x = ctypes.c_double()
        self._y = ctypes.c_double()
        self._name = ctypes.create_string_buffer(256)
        self._flags = ctypes.c_int()
        self._matrix = pdfium_c.FS_MATRIX()
        self._bold_fonts: dict[tuple[bytes, int], bool] = {}  # decided once per font

    def read(self, page: pypdfium2.PdfPage, page_no: int) -> list[Line]:
        textpage = page.get_textpage()
        try:
            count = textpage.count_chars()
            if count <= 0:
                return []
            text = textpage.get_text_range()
            lines = self._lines(textpage.raw, text, count, page_no, page.get_height())
            rotation = page.get_rotation()
            if rotation:
                _to_display(lines, rotation, page.get_width(), page.get_height())
            return lines
        finally:
            textpage.close()

    def _lines(self, raw: object, text: str, count: int, page_no: int, height: float) -> list[Line]:
        """Sample each line: font size at its middle character, where it starts, and boldness if needed.

        This loop runs for every line of the document, so it is kept flat (no per-line helper calls).
        """
        # When pdfium's text and char views have the same length (nearly always) the indices match;
        # otherwise translate each needed index with one raw call.
        same = len(text) == count
        out: list[Line] = []
        prev: Line | None = None
        x_out, y_out = self._x, self._y
        # Locals for the hot loop (global lookups cost more than the work itself here).
        font_size, char_origin, new_line = _get_font_size, _get_char_origin, Line
        bullets, block_end, max_words, unscaled = BULLETS, _BLOCK_END, _MAX_HEADING_LINE_WORDS, _UNSCALED_SIZE
        pos = 0
        for piece in text.split("\r\n"):
            start = pos
            pos += len(piece) + 2
            body = piece.strip()
            if not body:
                continue
            first = start + piece.index(body[0])
            last = first + len(body) - 1
            # Sample the middle of the line, but never a space: pdfium's generated spaces have no font.
            offset = len(body) // 2
            if body[offset] == " ":
                offset -= 1
            middle = first + offset
            if not same:
                first, last, middle = (pdfium_c.FPDFText_GetCharIndexFromTextIndex(raw, i) for i in (first, last, middle))
                if min(first, last, middle) < 0:
                    continue
            y_end = None
            if not body.isprintable():
                body = _clean(body)
                if not body:
                    continue
                if SOFT_HYPHEN in body:  # pdfium joined visual lines; the next line follows the last one
                    char_origin(raw, last, x_out, y_out)
                    y_end = y_out.value
            size = font_size(raw, middle)
            if size < unscaled:
                size *= self._scale(raw, middle)
            size = round(size * 2) / 2
            char_origin(raw, first, x_out, y_out)
            y = y_out.value
            # Boldness only matters where a line could be (part of) a heading; bulleted and long
            # lines never are, nor is a line in the middle of a paragraph: same font as the line
            # before, normal line spacing, and that line did not end a sentence.
            bold = False
            if body[0] not in bullets and body.count(" ") < max_words:
                if (
                    prev is None
                    or prev.bold
                    or prev.size != size
                    or not size * 0.8 <= prev.y_end - y <= size * 1.6
                    or prev.text[-1] in block_end
                ):
                    bold = self._is_bold(raw, middle)
            prev = new_line(body, page_no, x_out.value, y, size, bold, height, y if y_end is None else y_end)
            out.append(prev)
        return out

    def _scale(self, raw: object, index: int) -> float:
        """Vertical scale of the character's text matrix: producers that set the font to 1 pt
        (InDesign, Distiller) size the text with the matrix, which FPDFText_GetFontSize ignores."""
        _get_matrix(raw, index, self._matrix)
        matrix = self._matrix
        return math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0

    def _is_bold(self, raw: object, index: int) -> bool:
        _get_font_info(raw, index, self._name, 256, self._flags)
        key = (self._name.value, self._flags.value)
        bold = self._bold_fonts.get(key)
        if bold is None:
            bold = self._bold_fonts[key] = _is_bold(key[0], key[1], _get_font_weight(raw, index))
        return bold


def _to_display(lines: list[Line], rotation: int, width: float, height: float) -> None:
    """Turn positions into the page as displayed, for pages with /Rotate (landscape tables, charts).

    Text that reads horizontally on a rotated page runs vertically in PDF user space; the layout
    rules need "up the page" to mean up as the reader sees it. `width` and `height` are displayed.
    """
    for line in lines:
        x, y, y_end = line.x, line.y, line.y_end
        if rotation == 90:
            line.x, line.y, line.y_end = y, height - x, height - x - (y_end - y)
        elif rotation == 180:
            line.x, line.y, line.y_end = width - x, height - y, height - y_end
        elif rotation == 270:
            line.x, line.y, line.y_end = width - y, x, x + (y - y_end)


def _clean(body: str) -> str:
    """Drop control characters, keeping pdfium's line-break hyphen marks (U+FFFE; older builds U+0002)."""
    return strip_controls(body.replace("\x02", SOFT_HYPHEN))


def _is_bold(name: bytes, flags: int, weight: int) -> bool:
    """Bold from the font name, the descriptor's ForceBold flag, or its weight (decided once per font)."""
    return bool(flags & _FORCE_BOLD) or bool(_BOLD_NAME.search(name)) or weight >= 600


_get_font_size = pdfium_c.FPDFText_GetFontSize
_get_matrix = pdfium_c.FPDFText_GetMatrix
_get_char_origin = pdfium_c.FPDFText_GetCharOrigin
_get_font_info = pdfium_c.FPDFText_GetFontInfo
_get_font_weight = pdfium_c.FPDFText_GetFontWeight
