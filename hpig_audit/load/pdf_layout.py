"""Layout analysis for PDF lines: running headers/footers, paragraphs, list items and headings.

Input is one `Line` per pdfium text line (text, position, font size, boldness), in content order.
Nothing here touches pdfium, so it is cheap and easy to test. The rules, and why:

* Page furniture (page numbers, running titles) is dropped first (see `pdf_furniture`).
* Lines of one paragraph are spaced by the font's normal leading; a larger gap, a change of font,
  a bullet, a jump up the page (new column) or a short line ending a sentence starts a new block.
  The normal leading is learned from the document itself (the most common gap per font size).
* Headings are short lines clearly larger than the body font, or bold at body size; their level
  is the rank of their size among the heading sizes in the document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from hpig_audit.load.common import BULLET_CLASS, BULLETS, Draft
from hpig_audit.load.pdf_furniture import drop_running_lines

_BULLET_CLASS = BULLET_CLASS
_BULLET_START = re.compile(rf"^(?:[{_BULLET_CLASS}]|[-–*](?=\s)|\(?\d{{1,2}}[.)](?=\s)|\(?[a-z][.)](?=\s)|\([ivx]{{1,4}}\)(?=\s))")
_SYMBOL_BULLET = re.compile(rf"^[{_BULLET_CLASS}]\s*")
_CLOSERS = frozenset(".!?:;\"'”’)]")  # a line ending in one of these may end a sentence
_ITEM_FIRST_CHARS = BULLETS | frozenset("0123456789(-–*")
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_TABLE_OF_CONTENTS = re.compile(r"(?:\.\s?){4,}\s*\d+$|\s{3,}\d+$")  # dot leaders before a page number
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
SOFT_HYPHEN = "\ufffe"  # pdfium's marker for a hyphen at a line break
_SOFT_BREAK = re.compile(r"([^\W\d_]+)\ufffe\s*([^\W\d_]+)")
_BODY_SIZE_TOLERANCE = 1.5  # points
_LARGER = 1.15  # a heading's size relative to the body text...
_BOLD_AT_LEAST = 0.9  # ...or, if bold, at least this
_LEADING_SAMPLE = 5000  # line pairs; the leading of a document is consistent, no need to see all


@dataclass(slots=True)
class Line:
    """One pdfium text line with the few layout facts sampled from it."""

    text: str
    page: int
    x: float
    y: float  # baseline of the first character, from the bottom of the page
    size: float  # font size rounded to 0.5 pt
    bold: bool
    page_height: float
    y_end: float  # baseline of the last character: lower than `y` when pdfium joined hyphenated lines


@dataclass(slots=True)
class _Group:
    lines: list[Line]
    is_list: bool
    heading_style: bool

    @property
    def first(self) -> Line:
        return self.lines[0]


def build_blocks(lines: list[Line], sizes: dict[float, int], page_count: int) -> list[Draft]:
    """Turn a document's lines into draft blocks (headings with levels, paragraphs, list items)."""
    if not lines:
        return []
    body = max(sizes, key=lambda size: sizes[size])
    lines = _merge_lone_bullets(drop_running_lines(lines, page_count))
    leading = _estimate_leading(lines)
    groups = _merge_across_pages(_group(lines, leading, body))
    return _to_drafts(groups, body, _Joiner(lines))


# --------------------------------------------------------------------------- bullets


def _merge_lone_bullets(lines: list[Line]) -> list[Line]:
    """Some producers draw the bullet glyph as its own text line; attach it to the item's text."""
    out: list[Line] = []
    pending: Line | None = None
    for line in lines:
        if len(line.text) == 1 and line.text in BULLETS:
            pending = line
            continue
        if pending is not None and pending.page == line.page and abs(pending.y - line.y) < line.size:
            line.text = f"{pending.text} {line.text}"
            line.x = min(line.x, pending.x)
        pending = None
        out.append(line)
    return out


# --------------------------------------------------------------------------- grouping


def _estimate_leading(lines: list[Line]) -> dict[float, float]:
    """Most common baseline-to-baseline distance between consecutive same-size lines, per size."""
    gaps: dict[float, Counter[float]] = {}
    sample = lines[: _LEADING_SAMPLE + 1]
    for prev, line in zip(sample, sample[1:]):
        if prev.page == line.page and prev.size == line.size:
            gap = prev.y_end - line.y
            if 0 < gap < line.size * 2.5:
                gaps.setdefault(line.size, Counter())[round(gap * 2) / 2] += 1
    return {size: counter.most_common(1)[0][0] for size, counter in gaps.items()}


def _group(lines: list[Line], leading: dict[float, float], body: float) -> list[_Group]:
    widths = _widest_lines(lines)
    # Most lines are the middle of a body paragraph; `_plainly_continues` lets them skip the full rules.
    plain_gap = {size: gap * 1.2 + 0.5 for size, gap in leading.items()}
    large, bold_large = body * _LARGER, body * _BOLD_AT_LEAST
    groups: list[_Group] = []
    current: _Group | None = None
    for line in lines:
        # Heading style: clearly larger than the body text, or bold at about body size.
        heading_style = line.size >= large or (line.bold and line.size >= bold_large)
        if current is not None and (
            _plainly_continues(current, line, heading_style, plain_gap)
            or _continues(current, line, heading_style, leading, widths)
        ):
            current.lines.append(line)
            continue
        current = _Group([line], bool(_BULLET_START.match(line.text)), heading_style)
        groups.append(current)
    return groups


def _plainly_continues(group: _Group, line: Line, heading_style: bool, plain_gap: dict[float, float]) -> bool:
    """The common case, decided cheaply: same font, normal line spacing, the previous line does not
    end a sentence and this one does not start a list item. Anything else goes to `_continues`."""
    if heading_style or group.heading_style or group.is_list:
        return False
    prev = group.lines[-1]
    text = line.text
    return (
        line.page == prev.page
        and line.size == prev.size
        and 1.0 < prev.y_end - line.y <= plain_gap.get(line.size, 0.0)
        and prev.text[-1] not in _CLOSERS
        and text[0] not in _ITEM_FIRST_CHARS
        and text[1:2] not in (".", ")")
    )


def _widest_lines(lines: list[Line]) -> dict[tuple[int, float], int]:
    """Characters in the longest line per (page, font size): a cheap stand-in for the column width."""
    widths: dict[tuple[int, float], int] = {}
    for line in lines:
        key = (line.page, line.size)
        if len(line.text) > widths.get(key, 0):
            widths[key] = len(line.text)
    return widths


def _continues(
    group: _Group, line: Line, heading_style: bool, leading: dict[float, float], widths: dict[tuple[int, float], int]
) -> bool:
    """Whether `line` carries on the block `group` (the heart of paragraph reconstruction)."""
    prev = group.lines[-1]
    if line.page != prev.page or heading_style != group.heading_style:
        return False
    if heading_style and (line.bold != prev.bold or abs(line.size - prev.size) > 0.6):
        return False
    # Body text may change size by a point or so within a paragraph (inline code, another font);
    # a bigger change is a footnote, caption or callout.
    if abs(line.size - prev.size) > _BODY_SIZE_TOLERANCE:
        return False
    gap = prev.y_end - line.y
    if abs(gap) <= 1.0:  # same baseline: pdfium split one visual line
        return line.x > prev.x
    if gap < 0:  # moved up the page: a new column or a floating box
        return False
    normal = max(leading.get(line.size, line.size * 1.2), leading.get(prev.size, prev.size * 1.2))
    if gap > normal * 1.2 + 0.5 or _starts_item(group, prev, line):
        return False
    if heading_style:
        return True  # a heading that wraps (a new item's number was caught above)
    if group.is_list:
        return line.x > group.first.x + 1.0  # continuation lines are indented past the bullet
    ends_sentence = bool(_SENTENCE_END.search(prev.text))
    if ends_sentence and line.x > prev.x + line.size:  # first-line indent of a new paragraph
        return False
    starts_sentence = line.text[:1].isupper() or line.text[:1].isdigit()
    if ends_sentence and starts_sentence and len(prev.text) < widths[prev.page, prev.size] * 0.8:
        # A short line ending a sentence closes the paragraph. This also separates list items
        # whose bullets are drawn as graphics (browsers' "print to PDF" does that).
        return False
    return True


def _starts_item(group: _Group, prev: Line, line: Line) -> bool:
    """Whether a line begins a new list item rather than continuing the block.

    A bullet glyph always does. A number or letter marker ("2.", "(11)", "a)") can also be the
    first word of a wrapped line, so it counts only at the current item's indent, or in running
    text after a line that ended a sentence.
    """
    if not _BULLET_START.match(line.text):
        return False
    if line.text[0] in BULLETS:
        return True
    if group.is_list:
        return line.x <= group.first.x + 1.0
    return bool(_SENTENCE_END.search(prev.text))


def _merge_across_pages(groups: list[_Group]) -> list[_Group]:
    """Join a paragraph that runs over a page break.

    It continues when its last line does not end a sentence and either the next page starts in
    lower case or that last line is full width (it was wrapped, so the paragraph goes on).
    """
    out: list[_Group] = []
    for group in groups:
        prev = out[-1] if out else None
        if prev is not None and _continues_on_next_page(prev, group):
            prev.lines.extend(group.lines)
            continue
        out.append(group)
    return out


def _continues_on_next_page(prev: _Group, group: _Group) -> bool:
    last = prev.lines[-1]
    first = group.first
    if first.page != last.page + 1 or group.heading_style or prev.heading_style:
        return False
    if abs(first.size - last.size) > 0.6 or _SENTENCE_END.search(last.text):
        return False
    if first.text[0] in BULLETS or (group.is_list and not prev.is_list):
        return False
    wrapped = len(prev.lines) > 1 and len(last.text) >= 0.85 * max(len(line.text) for line in prev.lines)
    return first.text[:1].islower() or wrapped


# --------------------------------------------------------------------------- blocks


class _Joiner:
    """Joins a block's lines, repairing words hyphenated at a line break.

    pdfium reports a hyphen it recognises at a line break as U+FFFE and keeps both halves on one
    text line; a plain "-" at the end of a line is treated the same way. Whether "evidence-" +
    "based" keeps its hyphen is decided by the document's own vocabulary (built lazily, only if
    such a break occurs): if "evidence-based" appears elsewhere the hyphen stays; otherwise the
    halves are joined ("chil-" + "dren" -> "children").
    """

    def __init__(self, lines: list[Line]):
        self._lines = lines
        self._vocabulary: set[str] | None = None

    def join(self, lines: list[Line]) -> str:
        if not any(line.text[-1] == "-" or SOFT_HYPHEN in line.text for line in lines):
            return " ".join(line.text for line in lines)  # the common case: no hyphenated break
        text = lines[0].text
        for line in lines[1:]:
            nxt = line.text
            if text.endswith(SOFT_HYPHEN):
                text += nxt
            elif text.endswith("-") and len(text) > 1 and text[-2].isalpha() and nxt[:1].islower():
                text = text[:-1] + SOFT_HYPHEN + nxt
            else:
                text = f"{text} {nxt}"
        if SOFT_HYPHEN in text:
            text = _SOFT_BREAK.sub(self._resolve, text).replace(SOFT_HYPHEN, "-")
        return text

    def _resolve(self, match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        words = self._words()
        joined, hyphenated = f"{left}{right}".lower(), f"{left}-{right}".lower()
        if joined in words:
            return left + right
        if hyphenated in words or (left.lower() in words and right.lower() in words):
            return f"{left}-{right}"  # "evidence-based": both halves are words of their own
        return left + right  # "antici-pated": a word split by hyphenation

    def _words(self) -> set[str]:
        """Words used elsewhere in the document, halves of hyphenated compounds included.

        The broken words themselves are left out, or every half would vouch for itself.
        """
        if self._vocabulary is None:
            words: set[str] = set()
            for line in self._lines:
                text = _SOFT_BREAK.sub(" ", line.text) if SOFT_HYPHEN in line.text else line.text
                for word in _WORD.findall(text):
                    word = word.lower()
                    words.add(word)
                    if "-" in word:
                        words.update(word.split("-"))
            self._vocabulary = words
        return self._vocabulary


def _to_drafts(groups: list[_Group], body: float, joiner: _Joiner) -> list[Draft]:
    neighbours = zip([None, *groups], [*groups[1:], None])  # the groups before and after each
    heading_groups = [g for g, around in zip(groups, neighbours) if g.heading_style and _looks_like_heading(g, body, around)]
    levels = _heading_levels(heading_groups, body)
    headings = {id(g) for g in heading_groups}
    drafts = []
    for group in groups:
        text = joiner.join(group.lines)
        page = group.first.page
        if id(group) in headings:
            drafts.append(Draft(text, "heading", levels[_size_key(group, body)], page=page))
        elif group.is_list:
            drafts.append(Draft(_SYMBOL_BULLET.sub("", text), "list_item", page=page))
        else:
            drafts.append(Draft(text, "paragraph", page=page))
    return drafts


def _looks_like_heading(group: _Group, body: float, around: tuple[_Group | None, _Group | None] = (None, None)) -> bool:
    text = " ".join(line.text for line in group.lines)
    words = len(text.split())
    if not any(ch.isalpha() for ch in text) or text[0] in BULLETS or _TABLE_OF_CONTENTS.search(text):
        return False
    if group.first.size >= body * _LARGER:
        return words <= 25  # a larger "1. Introduction" is a numbered heading, not a list item
    if group.is_list and not _numbered_heading(group, *around):
        return False
    return words <= 15 and not text.rstrip().endswith((".", ",", ";"))


def _numbered_heading(group: _Group, before: _Group | None, after: _Group | None) -> bool:
    """A bold numbered line at about body size ("45. APOLOGIES FOR ABSENCE", "2.1 Our priorities")
    is a heading when text follows it; next to another bold numbered line it is an item of a list."""
    if not group.first.text[:1].isdigit() or after is None:
        return False
    return not any(other is not None and other.is_list and other.heading_style for other in (before, after))


def _size_key(group: _Group, body: float) -> float:
    """Bold body-size headings rank below every larger heading size."""
    size = group.first.size
    return size if size >= body * _LARGER else 0.0


def _heading_levels(groups: list[_Group], body: float) -> dict[float, int]:
    keys = sorted({_size_key(g, body) for g in groups}, reverse=True)
    return {key: min(rank + 1, 6) for rank, key in enumerate(keys)}
