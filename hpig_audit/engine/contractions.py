"""Contractions written out in full, for matching only.

Plain-English plans, young people's versions and youth councils' responses write "we'll",
"we're", "there aren't enough" and "we can't fill"; the rubric's patterns are written for "we
will", "we are", "there are not enough" and "cannot". The text a sentence is matched in has these
written out, so one pattern serves both; the sentence itself (its quote and its evidence) keeps
what was written.

Only the document's own words are written out, not what it quotes between double quotation marks:
"Now we'll be checking," from a youth mayor, or "We'll write another report," from a young person
a reporter talked to, is not the document's own commitment. "Don't", "doesn't" and "didn't" are
left as written: a plan reports what children told it in their words, often without quotation
marks ("Young people said: We don't know where to go for help"), and "we do not know" is the plan
holding back; the patterns that should see them name them ("do not|don't"). "'s" (is, has or a
possessive) and "'d" (had or would) are ambiguous and left too.
"""

from __future__ import annotations

import re

_VERBS = {"ll": "will", "re": "are", "ve": "have"}
# Apostrophes and quotation marks are plain ' and " here: the matcher folds curly ones first.
_CONTRACTION = re.compile(r"\b(we|you|they|I|he|she|it|who|that|there)'(ll|re|ve)\b", re.IGNORECASE)
_NEGATIVE = re.compile(r"\b(are|is|was|were|have|has|had|could|would|should|must)n't\b|\b(can|won)'t\b", re.IGNORECASE)
_IRREGULAR = {"can": "cannot", "won": "will not"}


def expand_contractions(text: str, *, opens_quoted: bool = False) -> str:
    """`text` with its contractions written out ("We'll" -> "We will", "aren't" -> "are not")
    outside double quotation marks; `opens_quoted` when the text starts inside a quotation (one opened in an
    earlier sentence of its paragraph)."""
    if "'" not in text:
        return text
    pieces = text.split('"')
    first_own = 1 if opens_quoted else 0
    for index in range(first_own, len(pieces), 2):
        pieces[index] = _NEGATIVE.sub(_negative_written_out, _CONTRACTION.sub(_written_out, pieces[index]))
    return '"'.join(pieces)


def _written_out(match: re.Match[str]) -> str:
    return f"{match.group(1)} {_VERBS[match.group(2).lower()]}"


def _negative_written_out(match: re.Match[str]) -> str:
    if match.group(1):
        return f"{match.group(1)} not"
    stem = match.group(2)
    full = _IRREGULAR[stem.lower()]
    return full.capitalize() if stem[0].isupper() else full
