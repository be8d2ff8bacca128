"""A rubric compiled for judging: every regex built once, shared by all documents."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hpig_audit.engine.keycache import analyse_patterns
from hpig_audit.engine.terms import TermGroup, compile_cues, compile_group, normalise_spec
from hpig_audit.gcpause import collector_paused
from hpig_audit.rubric.schema import Criterion, Rubric, TermGroupSpec

CUE = "~cue:"
SIGNAL = "~signal:"
"""Prefixes of the names under which cues and signals are matched like term groups."""


@dataclass(frozen=True)
class VoiceCues:
    """The cues whose triggering words a reason quotes ("reports on others ('ICSs should')"), or
    that the genre decision reads (the body an own_name cue names). Finding a cue is done by the
    matchers; these only recover its words."""

    reporting: re.Pattern[str] | None
    quotation: re.Pattern[str] | None
    third_party: re.Pattern[str] | None
    own_name: re.Pattern[str] | None = None
    """Recovers the body a third-person action names, to compare with the document's title."""
    own_name_words: frozenset[str] = frozenset()
    """Capitalised words the own_name patterns spell themselves (NHS, Integrated, Board): not a name."""


@dataclass(frozen=True)
class CompiledRubric:
    rubric: Rubric
    groups: dict[str, TermGroup]
    """All term groups by their qualified name: 'cyp' for rubric-wide, 'LD1.exec_lead' for local."""
    cues: VoiceCues
    cyp_name: str
    other_groups_name: str | None
    prefixes: frozenset[str]
    """Every literal token prefix any matcher needs: what the token index collects."""
    matchers: tuple[TermGroup, ...]
    """Term groups, cues (named '~cue:KIND') and signals ('~signal:KIND'): all matched in one pass."""
    theme_sections: dict[str, re.Pattern[str]]
    """Theme ID -> headings of the sections where the theme is written about."""

    @property
    def cyp_group(self) -> TermGroup:
        return self.groups[self.cyp_name]

    def qualified(self, criterion: Criterion, group: str) -> str:
        """The name under which `group`, as a rule of `criterion` writes it, was compiled."""
        return f"{criterion.id}.{group}" if group in criterion.terms else group


def compile_rubric(rubric: Rubric) -> CompiledRubric:
    with collector_paused():
        return _compile(rubric)


def _compile(rubric: Rubric) -> CompiledRubric:
    # (name, patterns, case-sensitive) of every group, cue and signal: all matched in one pass.
    specs: list[tuple[str, TermGroupSpec, bool]] = [(name, spec, False) for name, spec in rubric.terms.items()]
    specs += [(f"{criterion.id}.{name}", spec, False) for criterion in rubric.criteria for name, spec in criterion.terms.items()]
    term_groups = len(specs)
    specs += [(CUE + kind, list(patterns), False) for kind, patterns in rubric.cues.model_dump().items() if patterns]
    specs += [(SIGNAL + kind, list(patterns), True) for kind, patterns in rubric.signals.items() if patterns]
    analysed = analyse_patterns(
        (pattern, case_sensitive) for _, spec, case_sensitive in specs for _, patterns in normalise_spec(spec) for pattern in patterns
    )
    matchers = [compile_group(name, spec, case_sensitive=case_sensitive, analysed=analysed) for name, spec, case_sensitive in specs]
    groups = {group.name: group for group in matchers[:term_groups]}
    cues = rubric.cues
    voice = VoiceCues(
        reporting=compile_cues(cues.reporting),
        quotation=compile_cues(cues.quotation),
        third_party=compile_cues(cues.third_party),
        own_name=compile_cues(cues.own_name),
        own_name_words=frozenset(re.findall(r"[A-Z][A-Za-z]+", " ".join(cues.own_name))),
    )
    prefixes = frozenset().union(*(m.prefixes for m in matchers))
    sections = {theme.id: regex for theme in rubric.themes if (regex := compile_cues(theme.section_terms)) is not None}
    return CompiledRubric(rubric, groups, voice, rubric.cyp_terms, rubric.other_groups_terms, prefixes, tuple(matchers), sections)
