"""Issue 3's requirements on whole documents: a document that only reviews, summarises or advises
on others' plans scores no more than 15, and the three samples keep their order by a wide margin."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from hpig_audit.audit import audit_source
from hpig_audit.evaluation import DocumentEvaluation
from tests.conftest import AGREEMENT_LABELS

REPO = Path(__file__).resolve().parents[1]
REPORT = REPO.parent / "shared" / "hpig-report-2023.txt"


def _reviews_of_others() -> list:  # pytest.param of each document's resolved path
    """Agreement-set documents about others' plans: those their coders found to meet nothing
    (guidance, news, reviews, case studies), and those of such a type credited only for a few
    things about their own making (a Healthwatch report's own young people's version, a review's
    young advisers)."""
    found = []
    for labels in AGREEMENT_LABELS:
        data = yaml.safe_load(labels.read_text(encoding="utf-8"))
        for name, entry in data["documents"].items():
            credited = [level for level in entry["labels"].values() if level != "not_met"]
            about_others = entry.get("type") in _ABOUT_OTHERS
            if not credited or (about_others and len(credited) <= _OWN_MAKING_AT_MOST):
                case = f"{labels.parent.name}/{name}"
                marks = [pytest.mark.xfail(strict=True, reason=_CONTESTED[case])] if case in _CONTESTED else []
                found.append(pytest.param(str((labels.parent / name).resolve()), id=case, marks=marks))
    return found


# Documents of a genre the coders of different sets read both ways, so that no rule can follow
# them all: each is expected to fail, and the test fails if one starts to pass (then the genre
# rule has moved, and the other sets' coders need looking at). A document of a kept-back set that
# arrives failing is listed too, untouched (it may not be tuned on). Keep this list short and say why.
_CONTESTED = {
    "set-rs/stavenmoor-youth-health-voice-annual-report-2023-24.txt": (
        "a youth panel's report of its own year with its ICB: its coder credited only its own"
        " making, as EH's did; the coders of KP, QM, QW and kept-back JT credited such reports"
        " with their system's plans (a cue reading them as about others took JT 0.82 -> 0.69)"
    ),
    "set-se/quarnley-parent-carer-forum-co-production-report-2024-25.txt": (
        "a parent carer forum's report of its own co-production work: kept back, coded with only its"
        " own making, where QW's coders credited a parent carer forum's annual report with its"
        " system's plans (29 criteria); the same split as RS's youth panel report"
    ),
    "set-su/marrowdene-youth-council-health-manifesto-2025.txt": (
        "a youth council's health manifesto to its own ICB and council: in kept-back set SU, drawn by"
        " lot before scoring; above 15 on arrival at d144ae1, so not looked into or tuned on"
    ),
}


_OWN_MAKING_AT_MOST = 8  # CP1-CP7 and IN6 at most: how the document itself was made
# The types coders gave documents about others ("other" in the earlier sets).
_ABOUT_OTHERS = {"other", "guidance", "review", "news", "case_study", "research", "inspection"}


@pytest.fixture(scope="module")
def compiled(default_compiled):
    return default_compiled  # the session's compiled default rubric (conftest)


@pytest.mark.parametrize("path", _reviews_of_others())
def test_a_document_about_others_plans_scores_at_most_15(agreement_evaluations: dict[str, DocumentEvaluation], path: str) -> None:
    # The agreement sets are audited once for this and the agreement tests (conftest), keyed by the
    # resolved path read_labels gives.
    evaluated = agreement_evaluations[path]
    assert evaluated.skipped is None and evaluated.score is not None
    assert evaluated.score <= 15


GENRE = REPO / "tests" / "fixtures" / "genre"
REVIEWED = "because the document reviews others' plans"


@pytest.mark.parametrize("path", sorted(GENRE.glob("own-*.txt")), ids=lambda p: p.stem)
def test_an_own_document_that_answers_or_quotes_a_review_stays_its_own(compiled, path: Path) -> None:
    # Documents a review of this project's cues wrote to trip them: a JFP chapter 'Prepared by ...
    # LLP on behalf of' the ICB with a 'Suggested owner:' under each action, a trust's and a
    # partnership's response to an inspection or a peer review, an ICB's reply to Healthwatch that
    # quotes each recommendation, an annual report whose service teams 'found' and 'met' things, and
    # a self-assessment saying 'Our assessment is that the ICB ...', and a young people's version of
    # a strategy that says what 'the strategy says'.
    result = audit_source(str(path), compiled)
    assert result.score > 15
    assert not any(REVIEWED in finding.reason for finding in result.findings)


@pytest.mark.parametrize("path", sorted(GENRE.glob("about-*.txt")), ids=lambda p: p.stem)
def test_a_report_on_one_other_body_scores_at_most_15(compiled, path: Path) -> None:
    # A CQC inspection report on a provider, a consultancy's review of one ICB.
    assert audit_source(str(path), compiled).score <= 15


def test_the_hpig_report_itself_scores_at_most_15(compiled) -> None:
    if not REPORT.is_file():
        pytest.skip("the HPIG report is not beside the repository")
    assert audit_source(str(REPORT), compiled).score <= 15


def test_samples_keep_their_order_by_a_wide_margin(compiled) -> None:
    scores = {name: audit_source(str(REPO / "samples" / f"{name}-strategy.md"), compiled).score for name in ("strong", "middling", "weak")}
    assert scores["strong"] >= scores["middling"] + 30 >= scores["weak"] + 50


def test_numbered_advice_after_a_guides_about_section_is_not_its_own_making(compiled) -> None:
    # Plain text nests "1. Read the plans" under "About this guide" (numbered headings sit below the
    # last unnumbered one); the guide's advice to ICBs ("show what changed", "publish an easy read
    # version") is not how the guide was made, though "We developed it with 19 member charities" is.
    result = audit_source(str(GENRE / "about-guide-for-charities-with-numbered-advice.txt"), compiled)
    levels = {finding.criterion: finding.level for finding in result.findings}
    assert (levels["CP4"], levels["CP6"], levels["CP7"]) == ("not_met", "not_met", "not_met")
    assert levels["IN6"] == "partial"  # its own workshops with member charities


def test_numbered_steps_under_an_unnumbered_method_heading_stay_its_own_making(compiled, tmp_path: Path) -> None:
    # "1. We read the plans", "2. We talked to young people" under "How we made this guide" are the
    # steps of how it was made; a numbered body in capitals after such a heading ("1. SUMMARY"
    # under "How we prepared this response") is not (see the test above).
    guide = tmp_path / "guide.txt"
    body = (
        "Hear us out: a guide for ICBs on involving children\n\n"
        "A guide by the Fernbrook Trust, May 2025\n\n"
        "Integrated care systems should name an Executive Lead for Children. Only two of the five strategies we read did.\n\n"
        "ICBs should publish an easy read version of every plan. Most JFPs did not.\n\n"
        "How we made this guide\n\n"
        "1. We read the plans\n\n"
        "Two researchers read five integrated care strategies published in 2024.\n\n"
        "2. We talked to young people\n\n"
        "Our youth panel of 12 young people aged 14 to 21 chose the questions and spoke to their friends.\n\n"
        "What ICBs should do\n\n"
        "ICSs should involve children directly. Systems should set out what changed as a result.\n"
    )
    guide.write_text(body, encoding="utf-8")
    levels = {finding.criterion: finding.level for finding in audit_source(str(guide), compiled).findings}
    assert levels["CP1"] == "met"  # who took part, how many and how: the panel under step 2
    chapters = tmp_path / "chapters.txt"
    chapters.write_text(body.replace("1. We read the plans", "1. WE READ THE PLANS").replace("2. We talked to young people", "2. WE TALKED TO YOUNG PEOPLE"), encoding="utf-8")
    levels = {finding.criterion: finding.level for finding in audit_source(str(chapters), compiled).findings}
    assert levels["CP1"] != "met"


def test_numbered_steps_under_a_numbered_method_chapter_stay_its_own_making(compiled, tmp_path: Path) -> None:
    # "2.2 Talking to young people" under "2. How we did this review" is still how the review was
    # made (only a chapter-numbered series under an unnumbered introduction starts the body).
    review = tmp_path / "review.txt"
    review.write_text(
        "Still Waiting: children and young people in integrated care\n\n"
        "A report by the Fernbrook Trust, May 2025\n\n"
        "1. Summary\n\n"
        "Integrated care systems should name an Executive Lead for Children. Only two of the five strategies we read did.\n\n"
        "2. How we did this review\n\n"
        "We read five integrated care strategies published in 2024.\n\n"
        "2.1 Reading the plans\n\n"
        "Two researchers coded each strategy against the HPIG criteria.\n\n"
        "2.2 Talking to young people\n\n"
        "Twenty-seven young people aged 14 to 22 took part in three focus groups, recruited through youth councils and a young carers' project.\n\n"
        "3. What we found\n\n"
        "ICSs should publish the names of their leads. The strategies do not say who leads for children.\n",
        encoding="utf-8",
    )
    levels = {finding.criterion: finding.level for finding in audit_source(str(review), compiled).findings}
    assert levels["CP2"] == "met"
    assert levels["CP7"] == "met"  # young carers among those who took part
