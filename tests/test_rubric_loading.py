"""Loading rubrics: every error is one line naming the file, the line, the criterion and the key.

The broken rubrics are small files in tests/fixtures/rubrics/; the expected line is found by
searching the fixture for the offending text, so the assertion is the right line for that file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hpig_audit.errors import RubricError
from hpig_audit.rubric import builtin_rubrics, load_rubric, parse_rubric

FIXTURES = Path(__file__).parent / "fixtures" / "rubrics"


def lines_with(path: Path, text: str) -> list[int]:
    return [number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line]


def line_with(path: Path, text: str) -> int:
    [line] = lines_with(path, text)
    return line


def load_error(name: str) -> tuple[Path, str]:
    path = FIXTURES / name
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    message = str(caught.value)
    assert "\n" not in message, f"not one line: {message!r}"
    return path.resolve(), message


def test_valid_fixture_loads() -> None:
    rubric = load_rubric(FIXTURES / "valid.yaml")
    assert rubric.id == "valid-test"
    assert [c.id for c in rubric.criteria] == ["F1"]


def test_missing_required_key_names_file_line_criterion_and_key() -> None:
    path, message = load_error("missing-recommendation.yaml")
    line = line_with(path, "- id: F2")
    assert message.startswith(f"{path}:{line}: ")
    assert "criterion F2" in message
    assert "key recommendation" in message
    assert "required" in message.lower()


def test_unknown_key_is_rejected_with_its_line() -> None:
    path, message = load_error("unknown-key.yaml")
    assert message.startswith(f"{path}:{line_with(path, 'colour: red')}: ")
    assert "criterion F1" in message
    assert "key colour" in message


def test_invalid_yaml_names_the_line() -> None:
    path, message = load_error("invalid-yaml.yaml")
    assert message.startswith(f"{path}:{line_with(path, 'Apples: are they')}: invalid YAML")


def test_non_mapping_file_is_rejected() -> None:
    path, message = load_error("not-a-mapping.yaml")
    assert message.startswith(f"{path}: ")
    assert "mapping" in message


def test_bad_regex_names_group_pattern_and_its_line() -> None:
    path, message = load_error("bad-regex.yaml")
    assert "term group apple" in message
    assert "'apple(s'" in message
    assert message.startswith(f"{path}:{line_with(path, 'apple(s')}: "), message


# 'crunch[y' does not compile at all; '(?i)crunchy' compiles alone but not inside the alternation a
# term group is matched as (a global flag not at the start). Groups compile lazily, when a document
# first needs them, so the loader must catch both up front, naming the criterion, group and line.
@pytest.mark.parametrize("bad", ["crunch[y", "(?i)crunchy"])
def test_bad_regex_in_a_criterions_own_terms_names_the_criterion(bad: str) -> None:
    text = (FIXTURES / "valid.yaml").read_text(encoding="utf-8").replace(
        "    recommendation: Give children apples.\n",
        f"    recommendation: Give children apples.\n    terms:\n      crunchy: ['crisp', '{bad}']\n",
    )
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "local.yaml")
    message = str(caught.value)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if bad in row)
    assert message.startswith(f"local.yaml:{line}: criterion F1: term group crunchy: bad pattern '{bad}'"), message


def test_named_groups_in_patterns_are_rejected() -> None:
    text = (FIXTURES / "valid.yaml").read_text(encoding="utf-8").replace("apple: ['apples?']", "apple: ['(?P<fruit>apples?)']")
    with pytest.raises(RubricError, match=r"term group apple: pattern '\(\?P<fruit>apples\?\)' must not use named groups"):
        parse_rubric(text, "named.yaml")


def test_unknown_term_group_names_criterion_group_and_the_rules_line() -> None:
    path, message = load_error("unknown-group.yaml")
    assert "criterion F1" in message
    assert "'pear'" in message
    assert message.startswith(f"{path}:{line_with(path, 'any: [pear]')}: "), message


def test_duplicate_criterion_id_names_the_id_and_the_duplicates_line() -> None:
    path, message = load_error("duplicate-id.yaml")
    first, second = lines_with(path, "- id: F1")
    assert "duplicate criterion id 'F1'" in message
    assert message.startswith(f"{path}:{second}: "), message


def test_unknown_rubric_id_lists_the_shipped_ones() -> None:
    with pytest.raises(RubricError) as caught:
        load_rubric("no-such-rubric")
    assert str(caught.value).startswith("no-such-rubric: no such rubric")
    assert "hpig-2023" in str(caught.value)


def test_missing_rubric_file(tmp_path: Path) -> None:
    with pytest.raises(RubricError, match="rubric file not found"):
        load_rubric(tmp_path / "absent.yaml")


def test_default_rubric_loads_from_another_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    rubric = load_rubric("hpig-2023")
    assert rubric.id == "hpig-2023"
    assert len(rubric.criteria) == 50
    assert builtin_rubrics()["hpig-2023"].is_file()


def test_patterns_are_checked_once_per_rubric_content_and_errors_always_reported(tmp_path, monkeypatch) -> None:
    from hpig_audit.rubric import loading

    monkeypatch.setenv("HPIG_AUDIT_CACHE_DIR", str(tmp_path / "cache"))
    checks = []
    original = loading._check_patterns
    monkeypatch.setattr(loading, "_check_patterns", lambda *a: (checks.append(1), original(*a))[1])
    text = (FIXTURES / "valid.yaml").read_text(encoding="utf-8")
    loading.parse_rubric(text, "valid.yaml")
    loading.parse_rubric(text, "valid.yaml")
    assert len(checks) == 1  # remembered after the first check
    bad = (FIXTURES / "bad-regex.yaml").read_text(encoding="utf-8")
    for _ in range(2):  # a failing rubric is never remembered
        with pytest.raises(RubricError, match="bad pattern"):
            loading.parse_rubric(bad, "bad-regex.yaml")
    assert len(checks) == 3


@pytest.mark.parametrize("name", ["F1.crunchy", "~cue:reporting"])
def test_a_term_group_name_the_engine_reserves_is_rejected(name: str) -> None:
    # "F1.crunchy" is how the engine names criterion F1's own group "crunchy": a top-level group
    # of that name would be merged with it.
    text = (FIXTURES / "valid.yaml").read_text(encoding="utf-8").replace("apple: ['apples?']", f"'{name}': ['apples?']")
    assert name in text
    with pytest.raises(RubricError, match="must not contain '.' or start with '~'"):
        parse_rubric(text, "reserved.yaml")


def test_a_key_given_twice_in_one_mapping_is_reported_with_its_line() -> None:
    # YAML would keep the second "note:" silently; an example that says two things is a mistake.
    text = (FIXTURES / "valid.yaml").read_text(encoding="utf-8").replace(
        "      - {level: met, text: We give children apples.}\n",
        "      - level: met\n        text: We give children apples.\n        note: first\n        note: second\n",
    )
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "twice.yaml")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "note: second" in row)
    assert str(caught.value) == f"twice.yaml:{line}: key 'note' appears twice in one mapping"
