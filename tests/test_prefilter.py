"""The fast matcher (token-prefix index, anchored matches in one joined text) finds exactly what a
plain scan of every sentence with every term group finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hpig_audit.engine.analysis import _FOLD, _match_groups, _split
from hpig_audit.engine.compiled import compile_rubric
from hpig_audit.engine import matching
from hpig_audit.engine.matching import Joined, group_hits
from hpig_audit.engine.prefilter import (
    FIRST_CHAR,
    LINE_START,
    clean,
    index_tokens,
    pattern_anchors,
    pattern_first_chars,
    pattern_prefixes,
    shortest_keys,
)
from hpig_audit.engine.terms import compile_group
from hpig_audit.load import load_document
from hpig_audit.rubric import load_rubric

REPO = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted(REPO.glob("samples/*-strategy.md")) + sorted(REPO.glob("tests/agreement/set-*/*.txt"))[:6]


@pytest.fixture(scope="module")
def compiled():
    return compile_rubric(load_rubric())


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_fast_matching_equals_a_plain_scan(compiled, path: Path) -> None:
    _assert_same_as_plain_scan(compiled, path)


def test_words_in_quotes_are_matched_as_a_plain_scan_matches_them(compiled, tmp_path: Path) -> None:
    # A word straight after an opening quote or a hyphen starts a match of its own.
    path = tmp_path / "quoted.md"
    path.write_text(
        "# Our plan\n\nWe call it \u2018children first\u2019 and 'young people's voice' (\"babies\").\n\n"
        "The -children and 'CYP' board, 'Dr Ann Lee, Chief Nurse', meets by 'March 2026'.\n",
        encoding="utf-8",
    )
    sentences = _assert_same_as_plain_scan(compiled, path)
    assert {"child(?:ren)?(?:'s)?", "young (?:people|person|adults?)(?:'s)?"} <= sentences[1].groups["cyp"]


def _assert_same_as_plain_scan(compiled, path: Path) -> list:
    sentences = _split(load_document(str(path)))
    folded = [s.text.translate(_FOLD) for s in sentences]
    _match_groups(sentences, folded, compiled)
    for group in compiled.matchers:
        for sentence, text in zip(sentences, folded):
            # Every item that starts anywhere in the sentence (overlapping ones included).
            expected = {group.item_of(m) for start in range(len(text)) if (m := group.regex.match(text, start))}
            assert sentence.groups.get(group.name, set()) == expected, (group.name, text)
    return sentences


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        # As long as the pattern is literal, in the shortest form the index needs; a key runs
        # past its first token by at most SPAN_LENGTH characters ("health " + "visi").
        ("child(?:ren)?(?:'s)?", {"child"}),
        ("(?-i:CYP)", {"cyp"}),
        ("bab(?:y|ies)", {"babies", "baby"}),
        ("health visit(?:or|ing)s?", {"health visi"}),
        # A key runs past its first token by at most SPAN_LENGTH characters.
        ("(?:the )?ICSs?", {"the ics", "ics"}),
        ("a spokes(?:person|woman)", {"a spok"}),
        ("£", {"£"}),
        (r"\d+%", {str(d) for d in range(10)}),
        # Too many ways on: the key stops where the branching starts.
        (r"\|\s*\d[\d.,]*\s*\|\s*\d", {"|"}),
        (r"(?:by|before|within) (?:the )?(?:end of )?(?:this|next|the next|\w+|\d+) years?", {"by ", "before ", "within "}),
        # Anchored at a line start (each sentence is a line): every line start is a candidate.
        (r"(?-i:^[A-Z][a-z]+ing\b)", {LINE_START}),
        (r"[A-Z]\w+", None),
        (r"\w+ lead", None),
        # A key that ends before any text (a repeated edge) would match nowhere: no keys.
        (r"(?:^|\b)+the", None),
    ],
)
def test_literal_prefixes_of_patterns(pattern: str, expected: set[str] | None) -> None:
    found = pattern_prefixes(pattern)
    assert (None if found is None else set(shortest_keys({clean(p) for p in found}))) == expected


@pytest.mark.parametrize(
    ("pattern", "case_sensitive", "expected"),
    [
        # No literal start, but a few possible first characters: tokens starting with them.
        (r"\b[A-Z][a-z]+ [A-Z][a-z]+", True, set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")),
        (r"(?:[A-Z][\w&-]*,? ){1,8}Board", True, set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")),
        (r"(?i:chief)", True, {"c", "C"}),
        (r"chief", False, {"c", "C"}),
        (r"a?b", True, {"a", "b"}),
        (r"£\s?\d", True, {"£"}),
        # Any word character, or a space, may start these: no keys.
        (r"[\w.+-]+@[\w-]+", False, None),
        (r"\w+ lead", False, None),
        (r"\s*x", True, None),
        (r"[^a]b", True, None),
    ],
)
def test_first_characters_of_patterns(pattern: str, case_sensitive: bool, expected: set[str] | None) -> None:
    found = pattern_first_chars(pattern, case_sensitive=case_sensitive)
    assert (None if found is None else {key.removeprefix(FIRST_CHAR) for key in found}) == expected


def test_tokens_are_indexed_by_their_first_character_as_written() -> None:
    found = index_tokens("Dr Ann Lee and the Board. dr x", {FIRST_CHAR + "D", FIRST_CHAR + "B", "dr"})
    assert found[FIRST_CHAR + "D"] == [0]
    assert found[FIRST_CHAR + "B"] == [19]
    assert sorted(found["dr"]) == [0, 26]


def test_a_key_past_its_first_token_is_checked_at_each_occurrence() -> None:
    text = "the ICS will act. The ICB will not. theics. the icsx"
    found = index_tokens(text, {"the ics", "the", "ics"})
    assert found["the ics"] == [0, 44]
    assert sorted(found["the"]) == [0, 18, 36, 44]
    assert found["ics"] == [4, 48]


def test_a_word_after_an_opening_quote_starts_a_token() -> None:
    assert index_tokens("we said 'hello world' and -hello", {"hello"})["hello"] == [9, 27]


def test_line_starts_are_indexed_for_anchored_patterns() -> None:
    assert index_tokens("Leading the work\n.\nWe will", {LINE_START})[LINE_START] == [0, 17, 19]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        # Text every match contains, most telling first: a symbol beats a common word.
        # The "." is in nearly every sentence, so it is no anchor.
        (r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", [{"@"}]),
        # One member of a branch's set, when every branch has literal text (as `re` parses it: the
        # shared start of "were|was" is taken out of the branch).
        (r"\w+ (?:young people|pupils) (?:were|was)\b", [{"young people", "pupils"}, {"ere", "as"}, {" w"}]),
        (r"\w+ lead", [{" lead"}]),
        # A part that may be left out, or only repeated, is not required.
        (r"\w+(?: council)? [A-Z]\w*", []),
        (r"\w+\s+\d+", []),
        # Text with a line break could run across a sentence's end: no anchor.
        (r"\w+ lead\nnow", []),
        # A pattern with keys has anchors too, for when its keys start too many places.
        (r"^(?:\w+ )?plan was agreed", [{"plan was agreed"}]),
    ],
)
def test_anchors_of_patterns(pattern: str, expected: list[set[str]]) -> None:
    assert [set(texts) for texts in pattern_anchors(pattern, case_sensitive=False)] == expected


def test_a_scanned_pattern_is_tried_only_in_sentences_with_its_anchors_yet_finds_all(compiled, tmp_path: Path) -> None:
    # LD5's email pattern and CP7's "N of the young people were" have no literal start: they are
    # scanned over the sentences holding "@" and a group of participants, and find what a plain
    # scan finds, at a sentence's start, its end, and next to others.
    path = tmp_path / "scanned.md"
    path.write_text(
        "# Contact\n\nWrite to cyp.lead@pellbridge.nhs.uk. Or call.\n\n"
        "Most of the young people were positive. Seven of the pupils had ideas.\n\n"
        "name@x.org\n",
        encoding="utf-8",
    )
    sentences = _assert_same_as_plain_scan(compiled, path)
    assert [s.text for s in sentences if "LD5.email_phone" in s.groups] == ["Write to cyp.lead@pellbridge.nhs.uk.", "name@x.org"]
    assert [s.index for s in sentences if "CP7.participants_included" in s.groups] == [3, 4]


def test_where_two_buckets_match_at_one_place_the_earlier_item_wins() -> None:
    # Eight patterns or more: the group is split by keys. Item "first" (keys "abc", "xyc") and
    # item "later" (key "abc") fall into different buckets and both match at "abc".
    spec = {"first": r"(?:ab|xy)c", **{f"filler{n}": f"zz{n}q" for n in range(6)}, "later": r"abc"}
    group = compile_group("g", spec)
    assert len(group.buckets) > 1
    joined = Joined.of(["abc and xyc", "abc"])
    hits = group_hits(group, joined, index_tokens(joined.text, group.prefixes))
    plain = [{group.item_of(m) for start in range(len(t)) if (m := group.regex.match(t, start))} for t in ("abc and xyc", "abc")]
    assert hits == {0: {"first"}, 1: {"first"}} == dict(enumerate(plain))
    reversed_spec = dict(reversed(list(spec.items())))
    group = compile_group("g", reversed_spec)
    assert group_hits(group, joined, index_tokens(joined.text, group.prefixes)) == {0: {"later", "first"}, 1: {"later"}}


def test_a_case_sensitive_pattern_that_turns_case_off_has_no_anchors() -> None:
    # Its text may match in any case, so a case-sensitive search for it would miss sentences.
    assert pattern_anchors(r"(?i)\w+ lead", case_sensitive=True) == []
    assert [set(t) for t in pattern_anchors(r"(?i)\w+ lead", case_sensitive=False)] == [{" lead"}]


def test_a_pattern_whose_key_ends_before_any_text_is_scanned_and_found() -> None:
    # In a group big enough to be split into buckets, such a pattern once made splitting fail, and
    # in any group it made the whole group match nowhere.
    for spec in (["children", r"(?:^|\b)+the"], ["children", r"(?:^|\b)+the", *[f"w{i}x" for i in range(6)]]):
        group = compile_group("g", spec)
        joined = Joined.of(["children and the plan"])
        hits = group_hits(group, joined, index_tokens(joined.text, group.prefixes))
        assert hits == {0: {"children", r"(?:^|\b)+the"}}


def test_the_lowest_item_wins_even_when_its_bucket_was_made_later() -> None:
    # Item 0 ("abcq" or "xyz") makes the first bucket but does not match at "abc"; item 2 (same keys,
    # same bucket) does, and so does item 1, alone in a later bucket. As one alternation the group
    # reports item 1 at that place, not item 2.
    spec = {"zero": r"(?:xyz|abcq)", "one": r"abc", "two": r"(?:xyz|abc)", **{f"filler{n}": f"zz{n}q" for n in range(5)}}
    group = compile_group("g", spec)
    assert len(group.buckets) > 1
    joined = Joined.of(["abc"])
    plain = {group.item_of(m) for start in range(3) if (m := group.regex.match("abc", start))}
    assert group_hits(group, joined, index_tokens(joined.text, group.prefixes)) == {0: {"one"}} == {0: plain}


def _plain_hits(group, sentences: list[str]) -> dict[int, set[str]]:
    """Every item that starts anywhere in each sentence scanned on its own (overlaps included)."""
    hits = {}
    for i, text in enumerate(sentences):
        found = {group.item_of(m) for start in range(len(text)) if (m := group.regex.match(text, start))}
        if found:
            hits[i] = found
    return hits


def _fast_hits(group, sentences: list[str]) -> dict[int, set[str]]:
    joined = Joined.of(sentences)
    return group_hits(group, joined, index_tokens(joined.text, group.prefixes))


class _CountingRegex:
    """A bucket's regex that counts its tries."""

    def __init__(self, regex) -> None:
        self.regex, self.tries = regex, 0

    def match(self, *args):
        self.tries += 1
        return self.regex.match(*args)


def test_a_keyed_bucket_with_many_places_is_tried_only_in_sentences_with_its_anchors(monkeypatch) -> None:
    # Anchored at a line start, the pattern could start in every sentence; " was discussed" picks
    # out the sentences worth trying, and what is found is what a plain scan finds. (Narrowing
    # pays only on long documents: here it is let in for a short one.)
    monkeypatch.setattr(matching, "_MIN_PLACES", 0)
    group = compile_group("g", [r"^(?:\w+ )?(?:plan|draft) was discussed"])
    (bucket,) = group.buckets
    assert bucket.keys == {"\n"} and bucket.anchors[0] == {" was discussed"}
    sentences = ["The plan was discussed.", *["Nothing here yet."] * 50, "Draft was discussed", "It was discussed, the plan"]
    counting = bucket.__dict__["regex"] = _CountingRegex(re.compile(bucket.source, bucket.flags))
    try:
        assert _fast_hits(group, sentences) == _plain_hits(group, sentences) == {0: {group.items[0]}, 51: {group.items[0]}}
    finally:
        del bucket.__dict__["regex"]
    assert counting.tries == 3  # the three sentences holding the text, not all 53


def test_joined_sentences_know_where_each_ends() -> None:
    joined = Joined.of(["ab", "", "cde"])
    assert [joined.text[s : joined.end_of(i)] for i, s in enumerate(joined.starts)] == ["ab", "", "cde"]


def test_no_shipped_cue_runs_from_one_sentence_into_the_next(compiled) -> None:
    # `^\W*` of the reporting cue could once start on the separator's own line, crediting the next
    # sentence's "45% of them described" to "We asked them."; the reference cue's lookahead (text
    # after "Glossary -" on the same line) saw the separator after a bare "Glossary -" and read the
    # block as reference matter. ("Glossary:" alone is a glossary's heading, and matches as one.)
    sentences = ["We asked them.", "45% of them described a change.", "Glossary -", "ICB means integrated care board."]
    for group in compiled.matchers:
        assert _fast_hits(group, sentences) == _plain_hits(group, sentences), group.name
    hits = {g.name: _fast_hits(g, sentences) for g in compiled.matchers}
    assert 0 not in hits["~cue:reporting"] and 2 not in hits["~cue:reference"]


def test_a_match_may_start_after_an_apostrophe_inside_a_word(compiled) -> None:
    # The left word edge lets "Brien" of "O'Brien" start a match, so the index must offer it.
    person = next(g for g in compiled.matchers if g.name == "~signal:person")
    sentence = ["The plan is led by Dr O'Brien Smith, Clinical Director."]
    assert _fast_hits(person, sentence) == _plain_hits(person, sentence) != {}
    group = compile_group("g", ["brien"])
    assert _fast_hits(group, ["Mr O'Brien said", "rock'n'roll"]) == {0: {"brien"}}


@pytest.mark.parametrize(
    ("spec", "sentences", "expected"),
    [
        # A match that would run on into the next sentence is tried again, ending at its own.
        ({"across": r"lead\W+now", "alone": "lead"}, ["the lead", "now we go"], {0: {"alone"}}),
        ([r"\w+ lead\W+\w+"], ["Ann is the lead", "Now we start."], {}),
        ([r"\w+\W+lead"], ["foo", "lead it"], {}),
        # A lookahead sees the end of its sentence, not the separator and what follows.
        ([r"lead(?!\W*now)"], ["the lead", "now we go"], {0: {r"lead(?!\W*now)"}}),
        ([r"glossary:(?=\s*\S)"], ["Glossary:", "ICB means board."], {}),
        # `$` marks a sentence's end; `^` its start, and never the separator's line.
        ([r"lead$"], ["the lead", "x"], {0: {"lead$"}}),
        ([r"^\W*\d+%"], ["We asked.", "45% said"], {1: {r"^\W*\d+%"}}),
    ],
)
def test_every_try_stops_at_its_own_sentence_end(spec, sentences: list[str], expected: dict) -> None:
    for size in (1, 8):  # whole, and split into buckets
        padded = spec if size == 1 else ({**spec, **{f"f{n}": f"zz{n}q" for n in range(8)}} if isinstance(spec, dict) else [*spec, *[f"zz{n}q" for n in range(8)]])
        group = compile_group("g", padded)
        assert _fast_hits(group, sentences) == _plain_hits(group, sentences) == expected


def test_fast_matching_equals_a_plain_scan_on_random_groups(monkeypatch) -> None:
    # Seeded: small groups built from fragments that start, end and look around in many ways,
    # over sentences with apostrophes, hyphens, numbers and line-start punctuation; with the
    # narrowing by anchors that long documents get let in for these short ones.
    import random

    monkeypatch.setattr(matching, "_MIN_PLACES", 0)

    rng = random.Random(20261124)
    fragments = [
        "lead", "the lead", r"\w+ lead", r"lead\W+\w+", r"lead(?!\s*\w)", r"(?:dr|mr) \w+", "brien",
        r"\d+%", r"^\W*\d+", r"[a-z]+@\w+", r"young people'?s?", r"lead$", r"^the", r"(?<=')s\b",
        r"care(?=\W+now)", r"\bnow\b", r"[A-Z]\w+ [A-Z]\w+", r"well-being", r"being",
        # Keyed at every line start, with text every match holds: tried only in sentences with it.
        r"^(?:\w+ )?lead", r"^\W*(?:the|a) \w+ now", r"^\d+ (?:lead|care)",
    ]
    words = ["the", "lead", "Lead", "now", "O'Brien", "people's", "well-being", "45%", "Dr", "a@b", "-", "'s", "Care"]
    for _ in range(150):
        spec = rng.sample(fragments, rng.choice([1, 2, 3, 9]))
        group = compile_group("g", spec)
        sentences = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(1, 4))]
        assert _fast_hits(group, sentences) == _plain_hits(group, sentences), (spec, sentences)


@pytest.mark.parametrize(
    ("pattern", "may_leave"),
    [
        (r"\w+ lead", False),
        (r"lead\.", False),  # an escaped full stop is literal
        (r"lead\W+\w+", True),
        (r"lead\s+now", True),
        (r"lead.now", True),
        (r"lead[^,]+", True),
        (r"lead\\.", True),  # a literal backslash, then any character
        (r"£\d+", True),  # its key is not a word: the separator's "." line is a token too
    ],
)
def test_only_buckets_that_can_cross_a_line_break_are_checked_at_sentence_ends(pattern: str, may_leave: bool) -> None:
    (bucket,) = compile_group("g", [pattern]).buckets
    assert bucket.may_leave_its_sentence is may_leave
