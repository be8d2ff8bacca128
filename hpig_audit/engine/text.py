"""Sentence splitting tuned for strategy prose: abbreviations, list fragments and headings."""

from __future__ import annotations

import re

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before whitespace
# and a capital, digit or opening quote. Abbreviations such as "Dr." or "e.g." are not ends, nor is
# the "et al." of a citation ("Marmot et al. (2020) found ..."), which is nearly always mid-sentence.
# A closing quotation mark or bracket after the stop stays with its sentence: a quotation's end is
# where the document's own words start again (see contractions).
_BOUNDARY = re.compile(r"(?<=[.!?])([\"'”’)\]]?)\s+(?=[A-Z0-9“\"‘'(•])")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|St|No|Cllr|Rev|Sr|Jr|vs|etc|approx|Ref|Fig|Vol|Co|Ltd|Inc)|\be\.g|\bi\.e|\bet al|\b[A-Z])\.$"
)
ITEM_NUMBER = r"\(?\d{1,3}(?:\.\d{1,3})*[.)]"
"""A list item's own number ("1.", "2.3.", "(4)"): not a sentence of its own ("1. Reduce the wait")."""
_ITEM_NUMBER = re.compile(ITEM_NUMBER)
_MAX_SENTENCE = 600  # characters; longer runs (tables, run-on lists) are cut at semicolons or bullets
_SOFT_BREAK = re.compile(r"(?<=;)\s+|\s+(?=[•·▪●]\s)")
# A hedge joined on after a comma or semicolon ("We have a section 75 agreement for children's
# community services, and we will look at extending it to mental health") holds back only its own
# clause: the clause before it is said outright, so it is a sentence of its own. Its subject may be
# "we", a partner body or several ("the two organisations", "the ICB and the council"), its verb a
# future ("will explore") or a present ("is now scoping"). (A clause that negates the one before it,
# "..., but it is not yet filled", is not split off: it undoes the lead.)
_HEDGE_CLAUSE = re.compile(
    r"(?:(?<=,)|(?<=;))\s+(?=(?:and |but |while |although )?(?:we|the (?:ICB|ICS|ICP|council|councils|partnership|board)|partners|officers"
    r"|(?:the )?(?:two|three|four|both) (?:organisations|partners|councils)"
    r"|the (?:ICB|council|councils) and the (?:ICB|council|councils))"
    r" (?:(?:will|would|may|might|could|are going to|plan to|intend to) (?:also |further |then |now )?"
    r"(?:consider|explore|look at|look into|scope|investigate|think about|review whether)"
    r"|(?:is|are) (?:now |also )?(?:considering|exploring|scoping|looking at|investigating))\b)"
)
# A lead clause that states a problem or a gap ("Sharing information remains difficult, and we will
# explore ...") or is itself only possible ("Therapies could be jointly commissioned ..., and we will
# explore this") keeps its hedge: the hedge is the only answer given to it.
_PROBLEM = re.compile(
    r"\b(?:not|no|never|cannot|can't|lacks?|lacking|difficult|limited|currently|remains?|yet|gaps?|could|would|may|might|"
    r"should|if|propose[sd]?|plan to|intend to|hope to)\b",
    re.IGNORECASE,
)


def split_sentences(text: str) -> list[str]:
    """Split a block's text into sentences, keeping each sentence's text exactly as written."""
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        candidate = text[start : match.start()].rstrip()
        if _ABBREVIATIONS.search(candidate[-8:]) or _ITEM_NUMBER.fullmatch(candidate.strip()):
            continue
        pieces.append(text[start : match.end(1)])
        start = match.end()
    pieces.append(text[start:])
    sentences: list[str] = []
    for piece in pieces:
        for part in _cut_long(piece.strip()):
            sentences.extend(_split_hedge(part))
    return [sentence for sentence in sentences if sentence]


def _split_hedge(sentence: str) -> list[str]:
    """The sentence, or its plain lead clause and the hedge joined on to it as two sentences."""
    clauses = [clause.strip() for clause in _HEDGE_CLAUSE.split(sentence)]
    if len(clauses) == 1 or _PROBLEM.search(clauses[0]):
        return [sentence]
    return clauses


def _cut_long(sentence: str) -> list[str]:
    if len(sentence) <= _MAX_SENTENCE:
        return [sentence]
    parts = [part.strip() for part in _SOFT_BREAK.split(sentence) if part.strip()]
    return parts if len(parts) > 1 else [sentence]


def shorten(text: str, limit: int = 300) -> str:
    """Trim a quote to `limit` characters at a word boundary, marking the cut with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"
