"""A sentence of a document as the analysis sees it, and where a document says what it is."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hpig_audit.document import ParsedDocument
from hpig_audit.engine.text import ITEM_NUMBER

OPENING_SENTENCES = 4
"""The title and this many first sentences are a document's opening: where it says what it is."""
REVIEW_OPENING_SENTENCES = 8
"""One whose first lines say what it is (a reporter's byline, "carried out a peer challenge of"
another body, "Client: ...") is read over this many sentences."""


@dataclass
class Sentence:
    index: int
    text: str
    block: int
    section: int
    is_heading: bool
    is_list_item: bool
    page: int | None
    line: int | None
    section_title: str | None
    headings: tuple[int, ...]
    """Indices (into Analysis.sentences) of the headings this sentence sits under, outermost first."""
    level: int | None = None
    """A heading's level (1 for the top); None for other sentences."""
    lead_in: int | None = None
    """For a list item: the sentence introducing the list ("We will:"), whose meaning it completes."""
    groups: dict[str, set[str]] = field(default_factory=dict)
    signals: set[str] = field(default_factory=set)
    cyp: bool = False
    adult_only: bool = False
    """Names adults (older people, working-age adults) and not children: not about children even in
    part. Carers, women or refugees may be children's families, so naming them does not count."""
    own_voice: bool = True
    own_making: bool = False
    """In a document that reviews others: this passage says how the document itself was made."""
    deferred: bool = False
    negated: bool = False
    voice_note: str | None = None


def opening_lines(document: ParsedDocument, sentences: list[Sentence]) -> list[str]:
    """The title and the first sentences: where a document says what it is and whose it is."""
    return [document.title or "", *(s.text for s in sentences[:OPENING_SENTENCES])]


# An item's own number ("1. Develop ...", "2.3 Reduce ...") or an action's reference in a delivery
# table ("B3 Launch ...", "SW2 | Extend ...") is left out when matching, so that a pattern anchored
# at the start of a sentence sees the item's first word. A bare decimal or a reference counts only
# before a capital or a cell border: "12.5 per cent of children" keeps its figure.
LEADING_NUMBER = re.compile(
    rf"^(?:{ITEM_NUMBER}\s+"
    r"|(?:\d{1,2}(?:\.\d{1,3})+|(?!Q[1-4]\b)[A-Z]{1,4}\d{1,2}(?:\.\d{1,2})?)(?:\s*\|\s*|\s+(?=[A-Z(])))"
)
