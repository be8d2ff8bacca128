"""Evaluate one declared rule against an analysed document.

A rule holds in a scope unit (a sentence, paragraph, section or the whole document) when every
condition it declares holds over the unit's eligible sentences. Eligible means: about children
(unless `cyp: false`; with `cyp_framed`, one such sentence holding the rule's first `all` group
frames the rest of its unit), in the document's own voice (unless `own_voice: false`), free of the
rule's `none` groups, under a matching heading when `heading` is given, and, in a strict pass, neither
deferred nor negated (with `hold_back: deferred`, negated sentences are eligible: the rule looks for
a negative, such as a gap in data). A rule that only holds when held-back sentences are let in is
"held back": it can give partial at most.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from hpig_audit.engine.analysis import Analysis
from hpig_audit.engine.compiled import SIGNAL, CompiledRubric
from hpig_audit.engine.sentence import Sentence
from hpig_audit.rubric.schema import Criterion, Rule

_MAX_EVIDENCE = 3
_SMALL_UNIT = 32


@dataclass(frozen=True)
class Hit:
    rule_index: int
    rule: Rule
    level: str
    evidence: tuple[int, ...]
    """Sentence indices, strongest first."""
    held_back: str | None = None
    """Why a met rule was capped at partial (deferral, negation)."""
    lifted_by: str | None = None
    """The specificity signal that lifted a partial rule to met."""


@dataclass(frozen=True)
class _Groups:
    """A rule's groups, qualified for the criterion (local groups are compiled as 'ID.name')."""

    all: tuple[str, ...]
    any: tuple[str, ...]
    none: tuple[str, ...]
    heading: tuple[str, ...]
    distinct: str | None
    only: tuple[str, ...] = ()

    @property
    def positive(self) -> tuple[str, ...]:
        return self.all + self.any + ((self.distinct,) if self.distinct else ())


def evaluate(analysis: Analysis, compiled: CompiledRubric, criterion: Criterion, index: int, rule: Rule) -> Hit | None:
    """The best hit of `rule` in the document: a strict one if units enough give it, else a held-back one."""
    if rule.whole_document and not analysis.cyp_focused:
        return None
    groups = _qualify(compiled, criterion, rule)
    strict: list[list[int]] = []
    lenient: list[list[int]] = []
    # Enough passing units settle the rule; a lift-able rule keeps looking for a lifting signal.
    enough = max(rule.min_passages, _MAX_EVIDENCE)
    for unit in _candidate_units(analysis, rule, groups):
        evidence = _try_unit(analysis, rule, groups, unit, lenient=False)
        if evidence is not None:
            strict.append(evidence)
            lenient.append(evidence)
            if len(strict) >= enough and (not rule.lift or _lifts(analysis, rule, evidence)):
                break
        elif rule.caps_deferred and (evidence := _try_unit(analysis, rule, groups, unit, lenient=True)) is not None:
            lenient.append(evidence)
    if len(strict) >= rule.min_passages:
        return _make_hit(analysis, index, rule, _combine(strict, rule), lenient=False)
    if len(lenient) >= rule.min_passages:
        return _make_hit(analysis, index, rule, _combine(lenient, rule), lenient=True)
    return None


def _lifts(analysis: Analysis, rule: Rule, evidence: list[int]) -> bool:
    return any(kind in analysis.sentences[i].signals for i in evidence for kind in rule.lift)


def _combine(passing: list[list[int]], rule: Rule) -> list[int]:
    """Evidence from the passing units: the strongest unit alone, or one sentence from each of the
    first units when the rule needs several passages."""
    if rule.min_passages > 1:
        return [evidence[0] for evidence in passing[:_MAX_EVIDENCE]]
    return max(passing, key=len)


def diagnose(analysis: Analysis, compiled: CompiledRubric, criterion: Criterion, rule: Rule) -> Sentence | None:
    """A sentence the rule would have used but for its voice or subject (for explaining not_met)."""
    groups = _qualify(compiled, criterion, rule)
    for unit in _candidate_units(analysis, rule, groups):
        evidence = _try_unit(analysis, rule, groups, unit, lenient=True, ignore_context=True)
        if evidence:
            return analysis.sentences[evidence[0]]
    return None


def _qualify(compiled: CompiledRubric, criterion: Criterion, rule: Rule) -> _Groups:
    q = lambda names: tuple(compiled.qualified(criterion, name) for name in names)  # noqa: E731
    distinct = compiled.qualified(criterion, rule.distinct.terms) if rule.distinct else None
    return _Groups(q(rule.all), q(rule.any), q(rule.none), q(rule.heading), distinct, q(rule.only))


def _candidate_units(analysis: Analysis, rule: Rule, groups: _Groups) -> list[list[int]]:
    """Units that contain every `all` group and some `any`/`distinct` group, as sentence lists."""
    unit_of = analysis.units[rule.scope]
    def units_with(names: tuple[str, ...]) -> set[int]:
        return {unit_of[i] for name in names for i in analysis.group_sentences.get(name, ())}

    if groups.all or groups.any or groups.distinct:
        candidates: set[int] | None = None
        for name in groups.all:
            candidates = units_with((name,)) if candidates is None else candidates & units_with((name,))
        alternatives = groups.any + ((groups.distinct,) if groups.distinct else ())
        if alternatives:
            found = units_with(alternatives)
            candidates = found if candidates is None else candidates & found
    else:  # is_heading alone
        candidates = {unit_of[s.index] for s in analysis.sentences if s.is_heading}
    members = analysis.members[rule.scope]
    units = [members[unit] for unit in sorted(candidates or ())]
    if rule.scope == "sentence" or not groups.positive:
        return units
    # Only sentences holding one of the rule's groups or signals can decide it: a long section or
    # the whole document is cut down to those before each sentence's eligibility is checked.
    names = groups.positive + tuple(SIGNAL + kind for kind in rule.specific)
    relevant = set().union(*(analysis.group_sentences.get(name, ()) for name in names))
    return [[i for i in unit if i in relevant] if len(unit) > _SMALL_UNIT else unit for unit in units]


def _try_unit(
    analysis: Analysis, rule: Rule, groups: _Groups, unit: list[int], *, lenient: bool, ignore_context: bool = False
) -> list[int] | None:
    """Evidence sentence indices when the rule holds in `unit`, else None."""
    sentences = analysis.sentences
    framed = rule.cyp_framed and not ignore_context
    eligible = [sentences[i] for i in unit if _eligible(analysis, rule, groups, sentences[i], lenient, ignore_context, framed)]
    if framed:
        eligible = _framed(eligible, groups.all[0])
    if not eligible:
        return None
    present = lambda name: any(name in s.groups for s in eligible)  # noqa: E731
    if not all(present(name) for name in groups.all):
        return None
    if groups.any and not any(present(name) for name in groups.any):
        return None
    if rule.distinct and groups.distinct:
        items = set().union(*(s.groups.get(groups.distinct, set()) for s in eligible))
        if len(items) < rule.distinct.min or (rule.distinct.max is not None and len(items) > rule.distinct.max):
            return None
    contributing = [s for s in eligible if any(name in s.groups for name in groups.positive)] or eligible[:1]
    if rule.specific:
        pool = contributing if rule.scope == "sentence" else eligible
        if not any(kind in s.signals for s in pool for kind in rule.specific):
            return None
    return _order_evidence(contributing, groups, rule)


def _framed(eligible: list[Sentence], subject: str) -> list[Sentence]:
    """With `cyp_framed`: the sentences about children, and those that go on about what a sentence
    about children holding the rule's subject says (PH8's gap): they point back to it ("We will raise
    this to 95%") or share a word with it ("... waiting for speech therapy by school" / "The provider
    will report waits by school"). Without such a frame, only the sentences about children."""
    frames = [s for s in eligible if s.cyp and subject in s.groups]
    if not frames:
        return [s for s in eligible if s.cyp]
    words = set().union(*(_content_words(s.text) for s in frames))
    return [s for s in eligible if s.cyp or _BACK_REFERENCE.search(s.text) or words & _content_words(s.text)]


def _content_words(text: str) -> set[str]:
    """Its less common words, cut to their first four letters ("waiting" and "waits", "linked" and
    "linkage" meet)."""
    return {word[:4] for word in _WORD.findall(text.lower()) if word not in _COMMON}


_BACK_REFERENCE = re.compile(r"\b(?:this|these|it|them|that gap|the gap)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z]{5,}")
# Words too common in plans to tie one sentence to another.
_COMMON = frozenset(
    "about after again along among because before being between could every first from have their there these "
    "those through under until where which while would children young people partners services service support "
    "local plans across within whether other years further working improve better ensure data information".split()
)


def _eligible(
    analysis: Analysis, rule: Rule, groups: _Groups, s: Sentence, lenient: bool, ignore_context: bool, framed: bool = False
) -> bool:
    if not ignore_context:
        if rule.cyp and not s.cyp and (not framed or s.adult_only):
            return False
        if not rule.cyp and not rule.adults and s.adult_only:
            return False  # a statement about adults only is not about children, even in part
        if rule.own_voice and not s.own_voice and not (rule.own_making and s.own_making):
            return False
    if not lenient and ((s.deferred and rule.caps_deferred) or (s.negated and rule.caps_negated)):
        return False
    if rule.is_heading and not s.is_heading:
        return False
    if any(name in s.groups for name in groups.none):
        return False
    if groups.only and not s.is_heading and not any(name in s.groups for name in groups.only):
        return False
    if groups.heading and not _under_heading(analysis, s, groups.heading):
        return False
    return True


def _under_heading(analysis: Analysis, s: Sentence, names: tuple[str, ...]) -> bool:
    heads = list(s.headings) + ([s.index] if s.is_heading else [])
    return any(name in analysis.sentences[h].groups for h in heads for name in names)


def _order_evidence(contributing: list[Sentence], groups: _Groups, rule: Rule) -> list[int]:
    if rule.distinct and groups.distinct:
        # One sentence per distinct item, so the evidence shows the count.
        chosen: list[int] = []
        seen: set[str] = set()
        for s in contributing:
            new = s.groups.get(groups.distinct, set()) - seen
            if new:
                chosen.append(s.index)
                seen |= new
        return chosen[:5]
    score: Callable[[Sentence], tuple[int, int, int]] = lambda s: (  # noqa: E731
        -sum(1 for name in groups.positive if name in s.groups),
        -len(s.signals & set(rule.specific or rule.lift)),
        s.index,
    )
    return [s.index for s in sorted(contributing, key=score)[:_MAX_EVIDENCE]]


def _make_hit(analysis: Analysis, index: int, rule: Rule, evidence: list[int], lenient: bool) -> Hit:
    sentences = [analysis.sentences[i] for i in evidence]
    if lenient:
        cue = "deferred" if any(s.deferred for s in sentences) else "negated"
        level = "partial"
        return Hit(index, rule, level, tuple(evidence), held_back=f"the passage is {cue}")
    if rule.lift:
        for kind in rule.lift:
            if any(kind in s.signals for s in sentences):
                return Hit(index, rule, "met", tuple(evidence), lifted_by=kind)
    return Hit(index, rule, rule.level, tuple(evidence))


def _rank(level: str) -> int:
    return {"not_met": 0, "partial": 1, "met": 2}[level]
