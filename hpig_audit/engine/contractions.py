"""Contractions of a pronoun and its verb written out in full, for matching only.

Plain-English plans, young people's versions and youth councils' responses write "we'll",
"we're" and "we've"; the rubric's patterns are written for "we will", "we are" and "we have". The
text a sentence is matched in has these written out, so one pattern serves both; the sentence
itself (its quote and its evidence) keeps what was written.

Only the document's own words are written out, not what it quotes: "Now we'll be checking," from a
youth mayor, or 'We'll write another report,' from a young person a reporter talked to, is not the
document's own commitment. A quotation may run over several sentences of a paragraph, so the
state (inside a quotation or not) is carried from one sentence to the next.

Negative contractions ("don't", "won't", "aren't") are left as written: they are most often in
the words of children and families a plan reports, with or without quotation marks, and written
out they would read as the plan holding back ("we do not know") or, for "will not", as an action
("will not get" matching "will get"); the patterns that should see them name them ("do not|don't",
"aren't enough"). "'s" (is, has or a possessive) and "'d" (had or would) are ambiguous.
"""

from __future__ import annotations

import re

_VERBS = {"ll": "will", "re": "are", "ve": "have"}
# Apostrophes and quotation marks are plain ' and " here: the matcher folds curly ones first.
_CONTRACTION = re.compile(r"\b(we|you|they|I|he|she|it|who|that|there)'(ll|re|ve)\b", re.IGNORECASE)
# A double mark opens or closes a quotation. A single mark opens one after a space or bracket and
# before a letter ('We'll ...), and closes it after a letter or stop and before a space or stop
# (... report.'); one between letters (we'll, children's) is an apostrophe.
_MARK = re.compile(r"\"|(?<![\w'])'(?=[A-Za-z])|(?<=[\w.,!?])'(?![\w])")

DOUBLE, SINGLE = '"', "'"


def expand_contractions(text: str, quoted: str | None = None) -> tuple[str, str | None]:
    """`text` with a pronoun's "'ll", "'re" and "'ve" written out ("We'll" -> "We will") outside
    quotations, and the quotation still open at its end. `quoted` is the mark of a quotation open
    at its start (one opened in an earlier sentence of its paragraph), or None."""
    if "'" not in text and '"' not in text:
        return text, quoted
    pieces: list[str] = []
    start = 0
    for match in _MARK.finditer(text):
        mark = match.group()
        opens = quoted is None
        closes = quoted == mark and (mark == DOUBLE or not text[match.start() - 1 : match.start()].isspace())
        if not (opens or closes):
            continue  # a single mark inside a double quotation, or an apostrophe after a plural
        if opens and mark == SINGLE and text[match.start() - 1 : match.start()].isalnum():
            continue  # "parents' views" outside a quotation: a possessive, not an opening
        pieces.append(_own(text[start : match.start()]) if quoted is None else text[start : match.start()])
        pieces.append(mark)
        start = match.end()
        quoted = None if closes else mark
    rest = text[start:]
    pieces.append(_own(rest) if quoted is None else rest)
    return "".join(pieces), quoted


def _own(words: str) -> str:
    return _CONTRACTION.sub(lambda m: f"{m.group(1)} {_VERBS[m.group(2).lower()]}", words)
