"""Page furniture in PDFs: page numbers, running headers and footers, repeated on every page.

They are not content (a footer saying "Children and Young People's Plan" on every page would
otherwise "mention" children 80 times), so they are dropped before the layout analysis. They sit
in the top or bottom margin and either repeat at the same height on many pages, are a bare page
number, or carry a number that follows the page ("Chapter 2: Services 14" on page 16).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hpig_audit.load.pdf_layout import Line

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–(]?\s*(?:\d{1,4}|x{0,3}(?:ix|iv|v?i{0,3}))\s*[-–)]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I
)
_DIGITS = re.compile(r"\d+")
_EDGE_NUMBER = re.compile(r"^(\d{1,4})\s|\s(\d{1,4})$")
_BAND = 0.08  # top and bottom share of the page height where running headers/footers live
_FURNITURE_MAX_CHARS = 80


def drop_running_lines(lines: list[Line], page_count: int) -> list[Line]:
    """Drop page numbers and text repeated at the same height on many pages (headers/footers).

    Only short lines can be furniture, so long body lines are skipped at once (this pass must stay
    cheap on 500-page documents). Digits are masked in the margins only ("Page 3 of 40"); in the
    body, text that differs only in its numbers is content.
    """
    candidates: list[tuple[int, tuple[str, int], bool]] = []
    pages_with: Counter[tuple[str, int]] = Counter()
    last_page: dict[tuple[str, int], int] = {}
    offsets: Counter[int] = Counter()
    for index, line in enumerate(lines):
        text = line.text
        if len(text) > _FURNITURE_MAX_CHARS:
            continue
        in_band = line.y < line.page_height * _BAND or line.y > line.page_height * (1 - _BAND)
        if in_band:
            key = (_DIGITS.sub("#", text.lower()), round(line.y / 3))
            number = _edge_number(text)
            if number is not None:
                offsets[line.page - number] += 1
        else:
            key = (text, round(line.y / 3))
        candidates.append((index, key, in_band))
        if last_page.get(key) != line.page:
            last_page[key] = line.page
            pages_with[key] += 1
    offset = _page_number_offset(offsets)
    in_band_limit = 2 if page_count <= 3 else max(3, min(math.ceil(0.25 * page_count), 6))
    anywhere_limit = max(3, math.ceil(0.5 * page_count)) if page_count >= 3 else math.inf
    dropped = set()
    for index, key, in_band in candidates:
        repeats = pages_with[key]
        text, page = lines[index].text, lines[index].page
        if repeats >= anywhere_limit or (
            in_band
            and (
                repeats >= in_band_limit
                or _PAGE_NUMBER.match(text)
                or (offset is not None and _edge_number(text) == page - offset)
            )
        ):
            dropped.add(index)
    return [line for index, line in enumerate(lines) if index not in dropped] if dropped else lines


def _edge_number(text: str) -> int | None:
    """The number a margin line starts or ends with ("Chapter 2: Services 14" -> 14)."""
    match = _EDGE_NUMBER.search(text)
    if match is None:
        return None
    return int(match.group(1) or match.group(2))


def _page_number_offset(offsets: Counter[int]) -> int | None:
    """The constant difference between physical page and the number printed in the margins.

    Running heads such as "Chapter 2: Services 14" change with every chapter, so they do not
    repeat; but their number follows the page, which gives them away. `offsets` counts, for each
    margin line starting or ending with a number, its page minus that number.
    """
    if not offsets:
        return None
    offset, count = offsets.most_common(1)[0]
    return offset if count >= 3 and count >= 0.3 * sum(offsets.values()) else None
