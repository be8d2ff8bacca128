"""Run a rubric's embedded examples: each passage must get the level it claims."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from hpig_audit.document import Block, ParsedDocument
from hpig_audit.engine.analysis import analyse
from hpig_audit.engine.compiled import CompiledRubric, compile_rubric
from hpig_audit.engine.judge import judge_criterion
from hpig_audit.rubric.schema import Criterion, Example, Rubric


@dataclass(frozen=True)
class ExampleResult:
    criterion: str
    index: int
    expected: str
    got: str
    reason: str

    @property
    def ok(self) -> bool:
        return self.expected == self.got


def example_document(text: str, name: str = "example") -> ParsedDocument:
    """A tiny document from example text: '#' lines are headings, blank lines separate paragraphs."""
    blocks: list[Block] = []
    section: str | None = None
    for chunk in text.strip().split("\n\n"):
        for line in _heading_lines(chunk):
            if line.startswith("#"):
                level = len(line) - len(line.lstrip("#"))
                section = line.lstrip("#").strip()
                blocks.append(Block(text=section, kind="heading", level=level, section=section))
            elif line.strip():
                kind = "list_item" if line.lstrip().startswith(("- ", "* ")) else "paragraph"
                blocks.append(Block(text=line.strip().lstrip("-* ").strip(), kind=kind, section=section))
    digest = hashlib.sha256(text.encode()).hexdigest()
    return ParsedDocument(source=name, sha256=digest, type="markdown", blocks=tuple(blocks))


def _heading_lines(chunk: str) -> list[str]:
    lines = chunk.splitlines()
    if any(line.startswith("#") or line.lstrip().startswith(("- ", "* ")) for line in lines):
        return lines
    return [" ".join(line.strip() for line in lines)]


def run_example(compiled: CompiledRubric, criterion: Criterion, index: int, example: Example) -> ExampleResult:
    document = example_document(example.text, f"{criterion.id} example {index + 1}")
    finding = judge_criterion(analyse(document, compiled), compiled, criterion)
    return ExampleResult(criterion.id, index, example.level, finding.level, finding.reason)


def check_examples(rubric: Rubric) -> list[str]:
    """One line per failing example; empty when every example gives its level."""
    compiled = compile_rubric(rubric)
    failures = []
    for criterion in rubric.criteria:
        for index, example in enumerate(criterion.examples):
            result = run_example(compiled, criterion, index, example)
            if not result.ok:
                failures.append(f"{criterion.id} example {index + 1}: expected {result.expected}, got {result.got}: {result.reason}")
    return failures
