"""Rubrics as a user asset: `rubric new` writes a template that validates; `rubric validate` lints
(duplicate IDs, empty rules, missing recommendations, unused term groups, levels without an
example, examples that give another level) one problem per line, exit 2 on any error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hpig_audit.cli import app
from hpig_audit.rubric.lint import lint_text
from hpig_audit.rubric.loading import parse_rubric
from hpig_audit.rubric.template import render_template

REPO = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def template(tmp_path: Path) -> Path:
    path = tmp_path / "core20plus5-adults.yaml"
    code, out, err = run("rubric", "new", "core20plus5-adults", "--output", str(path))
    assert code == 0, err
    assert out == f"wrote {path}: edit it, then run `hpig-audit rubric validate {path}`\n"
    return path


def edit(path: Path, old: str, new: str, count: int = 1) -> Path:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def test_new_template_validates_with_its_examples(template: Path) -> None:
    code, out, err = run("rubric", "validate", str(template))
    assert code == 0, out + err
    assert out == f"{template}: 1 criteria, 5 examples, 0 failing, 0 error(s), 0 warning(s)\n"
    rubric = parse_rubric(template.read_text(encoding="utf-8"), str(template))
    assert rubric.id == "core20plus5-adults"
    text = template.read_text(encoding="utf-8")
    for key in ("themes:", "terms:", "cues:", "signals:", "criteria:", "rules:", "examples:", "recommendation:"):
        assert key in text
    assert sum(1 for line in text.splitlines() if line.lstrip().startswith("#")) >= 30  # it is commented


def test_new_never_overwrites_without_force(template: Path) -> None:
    template.write_text("# my work\n", encoding="utf-8")
    code, _, err = run("rubric", "new", "core20plus5-adults", "--output", str(template))
    assert code == 2 and "already exists; use --force" in err
    assert template.read_text(encoding="utf-8") == "# my work\n"
    code, _, err = run("rubric", "new", "core20plus5-adults", "--output", str(template), "--force")
    assert code == 0 and "criteria:" in template.read_text(encoding="utf-8")


def test_new_default_path_and_bad_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("rubric", "new", "adult-cvd")
    assert code == 0, err
    assert (tmp_path / "adult-cvd.yaml").is_file()
    code, _, err = run("rubric", "new", "bad name!")
    assert code == 2 and "a rubric name is letters, digits" in err


def test_template_ids_render_as_valid_yaml() -> None:
    for name in ("x", "core20plus5-adults", "a.b_c-d"):
        assert parse_rubric(render_template(name), name).id == name


def test_duplicate_ids_are_named_with_both_lines(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    start = text.index("  - id: LEAD1")
    criterion = text[start:]
    template.write_text(text + criterion.replace("Named lead for adults", "Second copy"), encoding="utf-8")
    first_line = text[:start].count("\n") + 1
    second_line = text.count("\n") + 1
    code, out, _ = run("rubric", "validate", str(template))
    assert code == 2
    lines = out.splitlines()
    assert f"{template}:{second_line}: error: criterion LEAD1: key id: duplicate criterion id 'LEAD1' (first at line {first_line})" in lines
    assert lines[-1] == f"{template}: not a valid rubric, 1 error(s)"


def test_missing_and_empty_recommendations_and_empty_rules(template: Path) -> None:
    edit(template, "    recommendation: Name the lead for adults (the person and their post) and how to contact them.\n", "")
    result = lint_text(template.read_text(encoding="utf-8"), "r.yaml")
    assert [p.format("r.yaml") for p in result.problems] == [
        f"r.yaml:{_line(template, '  - id: LEAD1')}: error: criterion LEAD1: key recommendation: no recommendation: say what the authors could do when it is not met"
    ]
    edit(template, "    weight: 1.0  ", '    recommendation: "  "\n    weight: 1.0  ')
    rules_block = template.read_text(encoding="utf-8")
    rules_block = re.sub(r"    rules:\n(?:      .*\n)+", "    rules: []\n", rules_block)
    template.write_text(rules_block, encoding="utf-8")
    code, out, _ = run("rubric", "validate", str(template))
    assert code == 2
    assert f"{template}:{_line(template, '    rules: []')}: error: criterion LEAD1: key rules: no rules: the criterion could never be met or partial" in out
    assert "key recommendation: no recommendation" in out


def test_unused_groups_and_missing_levels_are_warnings(template: Path) -> None:
    edit(template, "cyp_terms: population\n", "cyp_terms: population\nother_groups_terms: others\n")
    edit(template, "terms:\n  population:\n", "terms:\n  others: ['older people']\n  spare: ['unused']\n  population:\n")
    edit(template, """      - level: partial
        text: We will appoint an executive lead for adults.
      - level: partial
        text: We have not yet named a lead for adults.
        note: negated, so partial at most
""", "")
    code, out, _ = run("rubric", "validate", str(template))
    assert code == 0, out  # warnings alone pass
    lines = out.splitlines()
    assert f"{template}:{_line(template, '  spare:')}: warning: key terms.spare: term group 'spare' is defined but no rule uses it" in lines
    assert not any("'others'" in line for line in lines)  # used as other_groups_terms
    assert any(line.endswith("warning: criterion LEAD1: key examples: no example of partial: add one to test the rules") for line in lines)
    assert lines[-1].endswith("1 criteria, 3 examples, 0 failing, 0 error(s), 2 warning(s)")


def test_a_pattern_cut_short_by_the_word_edge_is_a_warning(template: Path) -> None:
    # "cover \\d" would find "cover 6" but never "cover 60": every match ends at a word edge.
    edit(template, "terms:\n  population:\n",
         "terms:\n  coverage: ['cover \\d', 'in 20\\d\\d', 'ages [0-9]+', '(?-i:Dear [A-Z])', 'aged \\d(?!\\w)']\n  population:\n")
    edit(template, "        all: [lead_role]\n", "        all: [lead_role]\n        none: [coverage]\n", count=1)
    code, out, _ = run("rubric", "validate", str(template))
    assert code == 0, out
    warnings = [line for line in out.splitlines() if "ends in a single digit" in line]
    # "(?-i:Dear [A-Z])" finds "Dear J" but never "Dear Jo"; a lookahead at the end is not cut short.
    assert warnings == [
        f"{template}:{_line(template, '  coverage:')}: warning: key terms.coverage: pattern {pattern!r} ends in a single digit"
        " or word character; a match must end at a word edge, so longer numbers or words never match (add +)"
        for pattern in ("cover \\d", "(?-i:Dear [A-Z])")
    ]


def test_failing_example_and_empty_group_are_errors(template: Path) -> None:
    edit(template, "      - level: not_met\n        text: Our Chief Nurse leads", "      - level: met\n        text: Our Chief Nurse leads")
    edit(template, "  population:\n", "  empty: []\n  population:\n")
    code, out, _ = run("rubric", "validate", str(template))
    assert code == 2
    assert re.search(rf"{re.escape(str(template))}:\d+: error: criterion LEAD1: key examples\[3\]: example 4 claims met but gives not met: ", out)
    assert f"{template}:{_line(template, '  empty: []')}: error: key terms.empty: term group 'empty' has no patterns" in out
    assert out.splitlines()[-1].endswith("1 criteria, 5 examples, 1 failing, 2 error(s), 1 warning(s)")


def test_load_errors_keep_their_place(template: Path) -> None:
    edit(template, "    scope: sentence\n" if "    scope: sentence\n" in template.read_text() else "        why: mentions a lead without saying who\n",
         "        why: mentions a lead without saying who\n        scope: chapter\n")
    code, out, _ = run("rubric", "validate", str(template))
    assert code == 2
    assert re.search(r":\d+: error: criterion LEAD1: key rules\[1\]\.scope: Input should be", out)


def test_shipped_rubric_has_no_lint_errors() -> None:
    """Its 300 examples are run by test_rubric_examples.py; here only the lint checks, quickly."""
    path = REPO / "rubrics" / "hpig-2023.yaml"
    result = lint_text(path.read_text(encoding="utf-8"), str(path), run_examples=False)
    assert result.rubric is not None
    assert [p.format(str(path)) for p in result.problems if p.severity == "error"] == []


def _line(path: Path, prefix: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(prefix))
