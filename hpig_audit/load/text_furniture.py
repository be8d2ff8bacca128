"""Running headers and footers in plain text extracted from a PDF.

Text saved from a PDF (pdftotext, "Save as text") keeps each page's furniture where the page broke,
at a form feed: the document's title at the top of every page ("Marbeck and Ostley Integrated Care
Strategy 2024-2029"), a footer with the page number ("Fairer health, together   2"). Read as text,
such a line looks like a heading and cuts the chapter it falls in two. A line counts as furniture
when the same words (a page number set apart by spaces aside) stand next to a good share of the
page breaks; on the first page only a footer with its page number counts, since the first page
is where the title belongs.
"""

from __future__ import annotations

import re
from collections import Counter

_MIN_PAGES = 3
_SHARE_OF_BREAKS = 0.4
"""A line is furniture when it stands beside this share of the page breaks, and three at least: a
running title is on every page, a heading that happens to open two pages is not."""
_MIN_PAGE_LINES = 8
"""Lines of text at least between two page numbers on their own: a page holds more than a table row."""
_MAX_WORDS = 16
"""Longer lines are prose that happens to start or end a page."""
# A page number set apart from the running text by two spaces or more, either side, or "Page 7 of 13":
# on the first page only such a line is furniture. Between pages, any number at either end is left
# out when lines are compared ("Healthier together 2", "Healthier together 3").
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})? {2,}|\s{2,}(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?$", re.I)
# A page number on a line of its own, as a page break where the text has no form feeds.
_LONE_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?(\d{1,4})(?:\s+of\s+\d{1,4})?\s*$|^\s*[-–]\s*(\d{1,4})\s*[-–]\s*$", re.I)
_ANY_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?\s+|\s+(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?$", re.I)


def running_lines(lines: list[str]) -> set[int]:
    """Indices into `lines` of the running headers and footers beside the page breaks: the form
    feeds, or where the text has none, page numbers on lines of their own ("12", "Page 12"), as
    text copied out of a PDF viewer keeps them. There the page number lines beside a running line
    are furniture too (a number on a line of its own elsewhere may be a table's figure)."""
    feeds = [index for index, line in enumerate(lines) if "\f" in line]
    if feeds:
        return _running(lines, _form_feed_sides(lines), feeds)
    numbers = _page_numbers(lines)
    sides = {number: _non_blank(lines, number - 1, -1, numbers) + _non_blank(lines, number + 1, 1, numbers) for number in numbers}
    found = _running(lines, {side for beside in sides.values() for side in beside}, numbers, min_words=2, exact=True)
    return found | {number for number, beside in sides.items() if found.intersection(beside)}


def _page_numbers(lines: list[str]) -> list[int]:
    """Indices of the lines that are page numbers on their own: numbers that go up page by page,
    a page apart. Row numbers of a table ("1", "2", "3" a line or two apart) and figures are not."""
    found: list[int] = []
    last_number = 0
    text_since = _MIN_PAGE_LINES  # lines of text since the last page number (the first may come at once)
    for index, line in enumerate(lines):
        match = _LONE_PAGE_NUMBER.match(line)
        if match is None:
            text_since += bool(line.strip())
            continue
        number = int(match.group(1) or match.group(2))
        if last_number < number <= last_number + 3 and text_since >= _MIN_PAGE_LINES:
            found.append(index)
            last_number, text_since = number, 0
    return found


def _running(lines: list[str], beside: set[int], breaks: list[int], *, min_words: int = 1, exact: bool = False) -> set[int]:
    """Of the lines `beside` the page breaks (at the indices `breaks`), those whose words stand
    beside enough of the breaks: a page number at either end aside, or with `exact`, word for word."""
    first_break = breaks[0] if breaks else len(lines)
    # On the first page (up to the first form feed, also on its own line: "Title\f") only a footer
    # with its page number: a cover's title is the document's own.
    on_first_page = lambda i: i < first_break or (i == first_break and lines[i].split("\f", 1)[0].strip())  # noqa: E731
    beside = {i for i in beside if not on_first_page(i) or _PAGE_NUMBER.search(lines[i].strip())}
    # Beside lone page numbers a running line is written the same on every page: its own numbers
    # (a date, "Target 2027/28") are part of it, not a page number to leave out.
    key = _exact_key if exact else _key
    counts = Counter(found for index in beside if (found := key(lines[index])) and len(found.split()) >= min_words)
    enough = max(_MIN_PAGES, _SHARE_OF_BREAKS * len(breaks))
    repeated = {found for found, count in counts.items() if count >= enough}
    return {index for index in beside if key(lines[index]) in repeated}


def _exact_key(line: str) -> str | None:
    text = line.replace("\f", "").strip()
    return " ".join(text.lower().split()) if text and len(text.split()) <= _MAX_WORDS else None


def _form_feed_sides(lines: list[str]) -> set[int]:
    """The first non-blank line after each form feed and the last one before it."""
    found: set[int] = set()
    for index, line in enumerate(lines):
        if "\f" not in line:
            continue
        before, after = line.split("\f", 1)
        found.update(_non_blank(lines, index - 1, -1) if not before.strip() else [index])
        found.update(_non_blank(lines, index + 1, 1) if not after.strip() else [index])
    return found


def _non_blank(lines: list[str], start: int, step: int, numbers: list[int] | None = None) -> list[int]:
    """The first non-blank line from `start` on, going by `step`, before another page break (a
    form feed, or one of the page number lines `numbers`)."""
    index = start
    stops = set(numbers or ())
    while 0 <= index < len(lines) and "\f" not in lines[index] and index not in stops:
        if lines[index].strip():
            return [index]
        index += step
    return []


def _key(line: str) -> str | None:
    """The line's words without its page number, or None for a line too long to be furniture."""
    text = _ANY_NUMBER.sub("", line.replace("\f", "").strip()).strip()
    if not text or len(text.split()) > _MAX_WORDS:
        return None
    return " ".join(text.lower().split())
