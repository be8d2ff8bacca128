"""Lint a rubric file: everything `rubric validate` reports, one problem per line with its place.

Checks, beyond what loading a rubric already enforces:

- errors: duplicate theme or criterion IDs (both places named), a criterion without a
  recommendation or with an empty one, a criterion with no rules, an empty term group or pattern,
  an example that does not give the level it claims, and any error that stops the rubric loading;
- warnings: term groups defined but never used, a criterion without an example for a level its
  rules can give (met, partial) or for not_met, and a pattern ending in a single digit or word
  character (a match must end at a word edge, so "cover \\d" never matches "cover 60").

Problems found on the raw YAML are reported together, before the one error pydantic would stop at,
so that a researcher sees every duplicate and every missing recommendation in one run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from hpig_audit.errors import RubricError
from hpig_audit.rubric.loading import _line_of, parse_rubric
from hpig_audit.rubric.schema import Rubric

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    severity: Severity
    message: str
    line: int | None = None
    criterion: str | None = None
    key: str | None = None

    def format(self, name: str) -> str:
        where = f"{name}:{self.line}" if self.line else name
        parts = [where, self.severity]
        if self.criterion:
            parts.append(f"criterion {self.criterion}")
        if self.key:
            parts.append(f"key {self.key}")
        return ": ".join(parts + [self.message])


@dataclass(frozen=True)
class LintResult:
    rubric: Rubric | None
    problems: tuple[Problem, ...]
    examples: int = 0
    failing_examples: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")


def lint_file(path: Path) -> LintResult:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return LintResult(None, (Problem("error", f"cannot read rubric: {getattr(exc, 'strerror', None) or exc}"),))
    return lint_text(text, str(path))


def lint_text(text: str, name: str, *, run_examples: bool = True) -> LintResult:
    problems: list[Problem] = []
    node: yaml.Node | None = None
    data: Any = None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        pass  # parse_rubric below words the YAML error with its line
    if isinstance(data, dict):
        problems += _raw_checks(data, node)
    try:
        rubric = parse_rubric(text, name)
    except RubricError as exc:
        message = str(exc).removeprefix(name).lstrip(":")
        line, _, rest = message.partition(": ")
        # The raw checks already named every duplicate and missing recommendation, with better places.
        if not (problems and ("duplicate" in message or "recommendation" in message)):
            problems.append(Problem("error", rest if line.isdigit() else message.strip(), int(line) if line.isdigit() else None))
        return LintResult(None, tuple(problems))
    problems += _semantic_checks(rubric, node)
    failures, total = _examples(rubric, node) if run_examples else ([], sum(len(c.examples) for c in rubric.criteria))
    problems += failures
    return LintResult(rubric, tuple(problems), total, len(failures))


# ---------------------------------------------------------------------------------- raw YAML


def _raw_checks(data: dict[str, Any], node: yaml.Node | None) -> list[Problem]:
    problems: list[Problem] = []
    for section, what in (("themes", "theme"), ("criteria", "criterion")):
        items = data.get(section)
        if not isinstance(items, list):
            continue
        first: dict[str, int] = {}
        for index, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            line = _line_of(node, (section, index, "id"))
            if item["id"] in first:
                problems.append(Problem("error", f"duplicate {what} id {item['id']!r} (first at line {first[item['id']]})",
                                        line, item["id"] if what == "criterion" else None, "id"))
            else:
                first[item["id"]] = line or 0
    for index, item in enumerate(data.get("criteria") or []):
        if not isinstance(item, dict):
            continue
        cid = str(item.get("id", f"#{index + 1}"))
        recommendation = item.get("recommendation")
        if recommendation is None or (isinstance(recommendation, str) and not recommendation.strip()):
            problems.append(Problem("error", "no recommendation: say what the authors could do when it is not met",
                                    _line_of(node, ("criteria", index)), cid, "recommendation"))
        if "rules" in item and not item["rules"]:
            problems.append(Problem("error", "no rules: the criterion could never be met or partial",
                                    _line_of(node, ("criteria", index, "rules")), cid, "rules"))
    return problems


# ---------------------------------------------------------------------------------- validated rubric


def _semantic_checks(rubric: Rubric, node: yaml.Node | None) -> list[Problem]:
    problems: list[Problem] = []
    used_global: set[str] = {rubric.cyp_terms} | {name for name in (rubric.other_groups_terms, rubric.adult_terms) if name}
    for index, criterion in enumerate(rubric.criteria):
        used = set().union(*(rule.groups_used() for rule in criterion.rules)) if criterion.rules else set()
        used_global |= used - set(criterion.terms)
        for group in criterion.terms:
            if group not in used:
                problems.append(Problem("warning", f"term group {group!r} is defined but no rule uses it",
                                        _line_of(node, ("criteria", index, "terms", group)), criterion.id, f"terms.{group}"))
        for group, spec in criterion.terms.items():
            problems += _group_problems(group, spec, _line_of(node, ("criteria", index, "terms", group)), criterion.id)
        reachable = {rule.level for rule in criterion.rules} | ({"met"} if any(rule.lift for rule in criterion.rules) else set())
        have = {example.level for example in criterion.examples}
        for level in ("met", "partial", "not_met"):
            if (level in reachable or level == "not_met") and level not in have:
                problems.append(Problem("warning", f"no example of {level.replace('_', ' ')}: add one to test the rules",
                                        _line_of(node, ("criteria", index, "examples")),
                                        criterion.id, "examples"))
    for group, spec in rubric.terms.items():
        line = _line_of(node, ("terms", group))
        if group not in used_global:
            problems.append(Problem("warning", f"term group {group!r} is defined but no rule uses it", line, None, f"terms.{group}"))
        problems += _group_problems(group, spec, line, None)
    for section, lists in (("cues", rubric.cues.model_dump()), ("signals", dict(rubric.signals))):
        for kind, patterns in lists.items():
            problems += [_cut_short(p, _line_of(node, (section, kind)), None, f"{section}.{kind}") for p in patterns if _ENDS_IN_ONE_CHAR.search(p)]
    return problems


def _group_problems(group: str, spec: Any, line: int | None, criterion: str | None) -> list[Problem]:
    patterns = [p for value in spec.values() for p in ([value] if isinstance(value, str) else value)] if isinstance(spec, dict) else list(spec)
    if not patterns:
        return [Problem("error", f"term group {group!r} has no patterns", line, criterion, f"terms.{group}")]
    if any(not p.strip() for p in patterns):
        return [Problem("error", f"term group {group!r} has an empty pattern (it would match everywhere)", line, criterion, f"terms.{group}")]
    return [_cut_short(pattern, line, criterion, f"terms.{group}") for pattern in patterns if _ENDS_IN_ONE_CHAR.search(pattern)]


# Every match must end at a word edge, so a pattern ending in one digit or word character cannot
# match a longer number or word there: "cover \d" finds "cover 6" but not "cover 60", and
# "(?-i:Dear [A-Z])" finds "Dear J" but not "Dear Jo" (closing brackets do not change that).
# (A year written "20\d\d" is meant to be four digits long and is not flagged.)
_ENDS_IN_ONE_CHAR = re.compile(r"(?:(?<!\\d)(?<!\\)(?<!\(\?!)(?<!\(\?<!)\\[dw]|(?<!\[0-9\])\[0-9\]|\[(?:A-Z|a-z|A-Za-z|a-zA-Z)\])\)*$")


def _cut_short(pattern: str, line: int | None, criterion: str | None, key: str) -> Problem:
    return Problem(
        "warning",
        f"pattern {pattern!r} ends in a single digit or word character; a match must end at a word edge,"
        " so longer numbers or words never match (add +)",
        line, criterion, key,
    )


def _examples(rubric: Rubric, node: yaml.Node | None) -> tuple[list[Problem], int]:
    from hpig_audit.engine.compiled import compile_rubric
    from hpig_audit.rubric.examples import run_example

    compiled = compile_rubric(rubric)
    failures: list[Problem] = []
    total = 0
    for index, criterion in enumerate(rubric.criteria):
        for number, example in enumerate(criterion.examples):
            total += 1
            result = run_example(compiled, criterion, number, example)
            if not result.ok:
                failures.append(Problem(
                    "error",
                    f"example {number + 1} claims {result.expected.replace('_', ' ')} but gives {result.got.replace('_', ' ')}: {result.reason}",
                    _line_of(node, ("criteria", index, "examples", number)), criterion.id, f"examples[{number}]",
                ))
    return failures, total
