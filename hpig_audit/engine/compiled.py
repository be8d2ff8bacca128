"""A rubric compiled for judging: every regex built once, shared by all documents."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hpig_audit.engine.terms import TermGroup, compile_cues, compile_group
from hpig_audit.rubric.schema import Criterion, Rubric


@dataclass(frozen=True)
class CompiledCues:
    deferral: re.Pattern[str] | None
    negation: re.Pattern[str] | None
    reporting: re.Pattern[str] | None
    review_document: re.Pattern[str] | None
    quotation: re.Pattern[str] | None
    third_party: re.Pattern[str] | None
    commitment: re.Pattern[str] | None


@dataclass(frozen=True)
class CompiledRubric:
    rubric: Rubric
    groups: dict[str, TermGroup]
    """All term groups by their qualified name: 'cyp' for rubric-wide, 'LD1.exec_lead' for local."""
    cues: CompiledCues
    signals: dict[str, re.Pattern[str]]
    cyp_name: str
    other_groups_name: str | None
    prefixes: frozenset[str] = frozenset()
    """Every literal token prefix any term group needs: what the token index collects."""

    @property
    def cyp_group(self) -> TermGroup:
        return self.groups[self.cyp_name]

    def qualified(self, criterion: Criterion, group: str) -> str:
        """The name under which `group`, as a rule of `criterion` writes it, was compiled."""
        return f"{criterion.id}.{group}" if group in criterion.terms else group


def compile_rubric(rubric: Rubric) -> CompiledRubric:
    groups = {name: compile_group(name, spec) for name, spec in rubric.terms.items()}
    for criterion in rubric.criteria:
        for name, spec in criterion.terms.items():
            qualified = f"{criterion.id}.{name}"
            groups[qualified] = compile_group(qualified, spec)
    cues = rubric.cues
    compiled_cues = CompiledCues(
        deferral=compile_cues(cues.deferral),
        negation=compile_cues(cues.negation),
        reporting=compile_cues(cues.reporting),
        review_document=compile_cues(cues.review_document),
        quotation=compile_cues(cues.quotation),
        third_party=compile_cues(cues.third_party),
        commitment=compile_cues(cues.commitment),
    )
    signals = {kind: compile_cues(patterns, case_sensitive=True) for kind, patterns in rubric.signals.items() if patterns}
    prefixes = frozenset().union(*(group.prefixes for group in groups.values() if group.prefixes is not None))
    return CompiledRubric(rubric, groups, compiled_cues, signals, rubric.cyp_terms, rubric.other_groups_terms, prefixes)  # type: ignore[arg-type]
