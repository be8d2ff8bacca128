"""The fast matcher (token-prefix index, anchored matches in one joined text) finds exactly what a
plain scan of every sentence with every term group finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from hpig_audit.engine.analysis import _FOLD, _match_groups, _split
from hpig_audit.engine.compiled import compile_rubric
from hpig_audit.engine.prefilter import clean, pattern_prefixes
from hpig_audit.load import load_document
from hpig_audit.rubric import load_rubric

REPO = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted(REPO.glob("samples/*-strategy.md")) + sorted(REPO.glob("tests/agreement/set-*/*.txt"))[:6]


@pytest.fixture(scope="module")
def compiled():
    return compile_rubric(load_rubric())


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_fast_matching_equals_a_plain_scan(compiled, path: Path) -> None:
    sentences = _split(load_document(str(path)))
    folded = [s.text.translate(_FOLD) for s in sentences]
    _match_groups(sentences, folded, compiled)
    for group in compiled.matchers:
        for sentence, text in zip(sentences, folded):
            # Every item that starts anywhere in the sentence (overlapping ones included).
            expected = {group.item_of(m) for start in range(len(text)) if (m := group.regex.match(text, start))}
            assert sentence.groups.get(group.name, set()) == expected, (group.name, text)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("child(?:ren)?(?:'s)?", {"chil"}),
        ("(?-i:CYP)", {"cyp"}),
        ("bab(?:y|ies)", {"babi", "baby"}),
        ("(?:the )?ICSs?", {"the ", "ics", "icss"}),
        ("a spokes(?:person|woman)", {"a "}),
        ("£", {"£"}),
        (r"\d+%", {str(d) for d in range(10)}),
        (r"[A-Z]\w+", None),
        (r"\w+ lead", None),
    ],
)
def test_literal_prefixes_of_patterns(pattern: str, expected: set[str] | None) -> None:
    found = pattern_prefixes(pattern)
    assert (None if found is None else {clean(p) for p in found}) == expected
