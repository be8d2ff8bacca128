"""Rubric fragments: a named sub-pattern spelled once and included in patterns as {{name}}.

Each broken rubric is the small valid fixture with one edit; the expected line is found by
searching the edited text, so the assertion is the right line whatever else the fixture holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hpig_audit.errors import RubricError
from hpig_audit.rubric import load_rubric, parse_rubric
from hpig_audit.rubric.examples import check_examples

VALID = (Path(__file__).parent / "fixtures" / "rubrics" / "valid.yaml").read_text(encoding="utf-8")
WITH_FRAGMENT = VALID.replace(
    "terms:\n  cyp:", "fragments:\n  fruit: 'apples?|pears?'\nterms:\n  cyp:"
).replace("apple: ['apples?']", "apple: ['\\bfresh (?:{{fruit}})\\b']")


def error_of(text: str) -> str:
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "local.yaml")
    message = str(caught.value)
    assert "\n" not in message, f"not one line: {message!r}"
    return message


def line_of(text: str, needle: str) -> int:
    [line] = [number for number, row in enumerate(text.splitlines(), 1) if needle in row]
    return line


def test_a_reference_is_replaced_by_the_fragment_in_a_group() -> None:
    rubric = parse_rubric(WITH_FRAGMENT, "local.yaml")
    assert rubric.terms["apple"] == ["\\bfresh (?:(?:apples?|pears?))\\b"]
    assert rubric.fragments == {"fruit": "apples?|pears?"}


def test_an_expanded_pattern_matches_every_alternative_of_the_fragment() -> None:
    # The group around the fragment keeps "fresh" in front of each alternative: without it
    # "fresh apples|pears" would match "pears" alone.
    text = WITH_FRAGMENT.replace(
        "- {level: met, text: We give children apples.}\n      - {level: not_met, text: We give children pears.}",
        "- {level: met, text: We give children fresh pears.}\n"
        "      - {level: met, text: We give children fresh apples.}\n"
        "      - {level: not_met, text: We give children pears.}",
    )
    assert "fresh pears" in text
    assert check_examples(parse_rubric(text, "local.yaml")) == []


def test_a_rubric_without_fragments_is_unchanged() -> None:
    rubric = parse_rubric(VALID, "local.yaml")
    assert rubric.fragments == {}
    assert rubric.terms["apple"] == ["apples?"]


def test_an_unknown_fragment_names_the_file_line_place_and_the_known_ones() -> None:
    text = WITH_FRAGMENT.replace("{{fruit}}", "{{fruits}}")
    message = error_of(text)
    assert message.startswith(f"local.yaml:{line_of(text, '{{fruits}}')}: key terms.apple[0]: "), message
    assert "unknown fragment {{fruits}} (fragments: fruit)" in message


def test_an_unknown_fragment_in_a_criterions_own_terms_names_the_criterion() -> None:
    text = WITH_FRAGMENT.replace(
        "    recommendation: Give children apples.\n",
        "    recommendation: Give children apples.\n    terms:\n      crunchy: ['crisp {{veg}}']\n",
    )
    message = error_of(text)
    assert message.startswith(f"local.yaml:{line_of(text, '{{veg}}')}: criterion F1: key terms.crunchy[0]: "), message
    assert "unknown fragment {{veg}}" in message


def test_a_reference_without_any_fragments_defined_says_so() -> None:
    text = VALID.replace("apple: ['apples?']", "apple: ['{{fruit}}']")
    assert "unknown fragment {{fruit}} (fragments: none defined)" in error_of(text)


def test_a_fragment_may_not_include_another() -> None:
    text = WITH_FRAGMENT.replace("  fruit: 'apples?|pears?'\n", "  fruit: 'apples?|pears?'\n  snack: 'crisp {{fruit}}'\n")
    message = error_of(text)
    assert message.startswith(f"local.yaml:{line_of(text, 'snack:')}: key fragments.snack: "), message
    assert "must not include another fragment" in message


@pytest.mark.parametrize("name", ["Fruit", "fruit-noun", "1fruit"])
def test_a_fragment_name_must_be_lower_case_letters_digits_and_underscores(name: str) -> None:
    text = WITH_FRAGMENT.replace("  fruit: 'apples?|pears?'", f"  '{name}': 'apples?|pears?'")
    message = error_of(text)
    assert message.startswith(f"local.yaml:{line_of(text, name + chr(39) + ':')}: key fragments.{name}: "), message
    assert "lower case letters, digits and '_'" in message


def test_a_fragment_that_is_not_a_regex_names_the_fragment_and_its_line() -> None:
    text = WITH_FRAGMENT.replace("'apples?|pears?'", "'apples?|pears?('")
    message = error_of(text)
    assert message.startswith(f"local.yaml:{line_of(text, 'pears?(')}: fragment fruit: bad pattern "), message


def test_the_default_rubric_expands_all_its_references() -> None:
    rubric = load_rubric()
    assert "document_noun" in rubric.fragments
    patterns = [p for patterns in rubric.cues.model_dump().values() for p in patterns]
    assert patterns and not any("{{" in pattern for pattern in patterns)
    # The document's own nouns are spelled once: a noun in the fragment reaches every cue that uses it.
    assert sum("brief(?:ing)?|statement" in pattern for pattern in rubric.cues.own_making) >= 8
    assert rubric.cues.this_document


def test_a_fragment_that_is_a_list_says_it_must_be_one_pattern() -> None:
    text = WITH_FRAGMENT.replace("  fruit: 'apples?|pears?'", "  fruit: ['apples?', 'pears?']")
    message = error_of(text)
    assert message.startswith(f"local.yaml:{line_of(text, 'fruit: [')}: key fragments.fruit: "), message
    assert "must be one pattern (a string), not list" in message


def test_a_rubric_without_a_this_document_cue_still_has_one() -> None:
    # The case-study check in the engine needs the cue; a rubric of its own gets a default.
    assert parse_rubric(VALID, "local.yaml").cues.this_document
