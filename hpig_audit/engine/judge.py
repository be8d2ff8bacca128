"""Judge every criterion of a rubric on an analysed document, with evidence and a reason."""

from __future__ import annotations

from hpig_audit.document import ParsedDocument
from hpig_audit.engine.analysis import Analysis, analyse
from hpig_audit.engine.sentence import Sentence
from hpig_audit.engine.compiled import CompiledRubric
from hpig_audit.engine.rules import Hit, diagnose, evaluate
from hpig_audit.engine.text import shorten
from hpig_audit.gcpause import collector_paused
from hpig_audit.report import LEVEL_POINTS, Evidence, Finding
from hpig_audit.rubric.schema import Criterion

_RANK = {"not_met": 0, "partial": 1, "met": 2}


def judge_document(document: ParsedDocument, compiled: CompiledRubric) -> tuple[list[Finding], list[str]]:
    """Findings in rubric order, and notes about the document as a whole."""
    with collector_paused():
        analysis = analyse(document, compiled)
        findings = [judge_criterion(analysis, compiled, criterion) for criterion in compiled.rubric.criteria]
    return findings, analysis.notes


def judge_criterion(analysis: Analysis, compiled: CompiledRubric, criterion: Criterion) -> Finding:
    hits = [hit for index, rule in enumerate(criterion.rules) if (hit := evaluate(analysis, compiled, criterion, index, rule))]
    best = max(hits, key=lambda h: (_RANK[h.level], h.held_back is None, -h.rule_index), default=None)
    level = best.level if best else "not_met"
    evidence = tuple(_evidence(analysis.sentences[i]) for i in best.evidence) if best else ()
    location = _gap_location(analysis, compiled, criterion) if level == "not_met" else None
    return Finding(
        criterion=criterion.id,
        title=criterion.title,
        theme=criterion.theme,
        level=level,  # type: ignore[arg-type]
        score=LEVEL_POINTS[level],
        reason=_reason(analysis, compiled, criterion, best, hits),
        evidence=evidence,
        recommendation=None if level == "met" else criterion.recommendation,
        location=location,
    )


def _gap_location(analysis: Analysis, compiled: CompiledRubric, criterion: Criterion) -> Evidence | None:
    """The heading a reader would look under for what is missing: the first section about the
    criterion's theme, else the first section about children."""
    headings = [s for s in analysis.sentences if s.is_heading]
    theme = compiled.theme_sections.get(criterion.theme)
    for sentence in headings:
        if theme is not None and theme.search(sentence.text):
            return _evidence(sentence)
    for sentence in headings:
        if compiled.cyp_name in sentence.groups:
            return _evidence(sentence)
    return None


def _evidence(sentence: Sentence) -> Evidence:
    return Evidence(quote=shorten(sentence.text), page=sentence.page, section=sentence.section_title, line=sentence.line)


def _where(sentence: Sentence) -> str:
    parts = []
    if sentence.page is not None:
        parts.append(f"p.{sentence.page}")
    elif sentence.line is not None:
        parts.append(f"line {sentence.line}")
    if sentence.section_title and not sentence.is_heading:
        parts.append(f"under '{shorten(sentence.section_title, 60)}'")
    return ", ".join(parts) or "in the text"


def _reason(analysis: Analysis, compiled: CompiledRubric, criterion: Criterion, best: Hit | None, hits: list[Hit]) -> str:
    if best is None:
        return _reason_not_met(analysis, compiled, criterion)
    first = analysis.sentences[best.evidence[0]]
    text = f"{best.level}: {best.rule.why} ({_where(first)}: \"{shorten(first.text, 120)}\")"
    if best.lifted_by:
        text += f"; lifted to met by a specific {best.lifted_by}"
    if best.held_back and best.rule.level == "met":
        text += f"; capped at partial because {best.held_back}"
    elif best.held_back:
        text += f"; {best.held_back}, so it counts as partial at most"
    if best.level != "met":
        text += _held_back_note(hits, best)
    return text + "."


def _held_back_note(hits: list[Hit], best: Hit) -> str:
    higher = [h for h in hits if h.held_back and h.rule.level == "met" and h is not best]
    if not higher:
        return ""
    return f"; a stronger rule ('{higher[0].rule.why}') held back because {higher[0].held_back}"


def _reason_not_met(analysis: Analysis, compiled: CompiledRubric, criterion: Criterion) -> str:
    looked_for = criterion.rules[-1].why
    text = f"not_met: nothing in the document's own words about children meets it (looked for: {looked_for})"
    for rule in criterion.rules:
        sentence = diagnose(analysis, compiled, criterion, rule)
        if sentence is None:
            continue
        why = sentence.voice_note if not sentence.own_voice else "it is not about children"
        if not sentence.own_voice or not sentence.cyp:
            text += f"; held back {_where(sentence)} (\"{shorten(sentence.text, 100)}\") because {why}"
            break
    return text + "."
