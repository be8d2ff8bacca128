"""Contractions ("we'll", "we're") are matched as written out, but only in the document's own words."""

from __future__ import annotations

import pytest

from hpig_audit.engine.analysis import analyse
from hpig_audit.engine.compiled import CUE, CompiledRubric
from hpig_audit.engine.contractions import expand_contractions
from hpig_audit.engine.text import split_sentences
from tests.test_engine import FOR_CHILDREN, doc

COMMITMENT = CUE + "commitment"


@pytest.mark.parametrize(
    ("written", "expanded"),
    [
        ("We'll publish it by March.", "We will publish it by March."),
        ("we're working with schools and they've agreed", "we are working with schools and they have agreed"),
        ("I've waited and you'll see", "I have waited and you will see"),
        # Negatives are mostly children's words a plan reports; "'s" and "'d" have more than one
        # reading: kept.
        ("We don't know; we won't wait; it's late; we'd like more", "We don't know; we won't wait; it's late; we'd like more"),
        # Possessives, singular and plural, are not contractions.
        ("children's services and the parents' views: we'll act", "children's services and the parents' views: we will act"),
    ],
)
def test_a_pronoun_and_its_verb_are_written_out(written: str, expanded: str) -> None:
    assert expand_contractions(written) == (expanded, None)


def test_words_inside_double_quotation_marks_are_left_as_written() -> None:
    text = 'We\'ll act. "We\'ll be checking," said Josh, and we\'ll report back.'
    assert expand_contractions(text) == ('We will act. "We\'ll be checking," said Josh, and we will report back.', None)


def test_words_inside_single_quotation_marks_are_left_as_written() -> None:
    text = "One pupil said 'we're always last, we'll never get seen.' So we'll add a drop-in."
    assert expand_contractions(text) == ("One pupil said 'we're always last, we'll never get seen.' So we will add a drop-in.", None)


def test_a_quotation_opened_before_the_text_keeps_its_words_and_its_end_is_reported() -> None:
    assert expand_contractions("If it hasn't, we'll write another report.\" So we'll see.", '"') == (
        "If it hasn't, we'll write another report.\" So we will see.",
        None,
    )
    assert expand_contractions('"We\'ve heard it all before.') == ('"We\'ve heard it all before.', '"')


def _sentences(default_compiled: CompiledRubric, *paragraphs: str):
    document = doc(FOR_CHILDREN, *(("p", text) for text in paragraphs))
    return {s.text: s for s in analyse(document, default_compiled).sentences}


def test_a_plain_english_we_will_is_the_documents_own_commitment(default_compiled: CompiledRubric) -> None:
    sentences = _sentences(default_compiled, "We'll publish a young people's version by March 2025.")
    assert COMMITMENT in sentences["We'll publish a young people's version by March 2025."].groups


def test_a_quoted_we_will_is_not_even_over_several_sentences(default_compiled: CompiledRubric) -> None:
    said = (
        "\u201cWe\u2019ve heard it all before.\u201d Josh paused. \u201cWe\u2019ll be checking in six months. "
        "If nothing has changed, we\u2019ll write again.\u201d We\u2019ll answer him by May."
    )
    sentences = _sentences(default_compiled, said, "We\u2019ll meet the youth council every term.")
    assert COMMITMENT not in sentences["\u201cWe\u2019ll be checking in six months."].groups
    assert COMMITMENT not in sentences["If nothing has changed, we\u2019ll write again.\u201d"].groups
    # After the quotation closes, and in the next paragraph, the words are the document's own again.
    assert COMMITMENT in sentences["We\u2019ll answer him by May."].groups
    assert COMMITMENT in sentences["We\u2019ll meet the youth council every term."].groups


def test_a_sentence_keeps_the_quotation_mark_that_closes_it() -> None:
    # The quotation state is read from the sentences: a closing mark left off one would keep the
    # quotation open over the document's own words after it.
    assert split_sentences('"We\'ll be checking." Josh paused. (See below.) Next.') == [
        '"We\'ll be checking."',
        "Josh paused.",
        "(See below.)",
        "Next.",
    ]
