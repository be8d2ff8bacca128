"""The rule engine, one feature at a time, on small documents built here and a small rubric
(tests/fixtures/rubrics/engine.yaml) whose criteria each exercise one feature with neutral words."""

from __future__ import annotations

from pathlib import Path

import pytest

from hpig_audit.document import Block, ParsedDocument
from hpig_audit.engine.analysis import analyse
from hpig_audit.engine.sentence import LEADING_NUMBER
from hpig_audit.engine.compiled import CUE, CompiledRubric, compile_rubric
from hpig_audit.engine.judge import judge_document
from hpig_audit.engine.text import split_sentences
from hpig_audit.report import Finding
from hpig_audit.rubric import load_rubric

ENGINE_RUBRIC = Path(__file__).parent / "fixtures" / "rubrics" / "engine.yaml"
FOR_CHILDREN = ("h1", "Our plan for children and young people")
_KINDS = {"p": "paragraph", "li": "list_item"}


@pytest.fixture(scope="module")
def engine() -> CompiledRubric:
    return compile_rubric(load_rubric(ENGINE_RUBRIC))


def doc(*items: tuple, title: str | None = None) -> ParsedDocument:
    """Blocks from ("h1".."h3" | "p" | "li", text[, {page/line}]); each block's section is the nearest heading."""
    blocks = []
    section = None
    for kind, text, *extra in items:
        where = extra[0] if extra else {}
        if kind.startswith("h"):
            section = text
            blocks.append(Block(text=text, kind="heading", level=int(kind[1]), section=text, **where))
        else:
            blocks.append(Block(text=text, kind=_KINDS[kind], section=section, **where))
    return ParsedDocument(source="test.md", sha256="0" * 64, type="markdown", title=title, blocks=tuple(blocks))


def judge(compiled: CompiledRubric, document: ParsedDocument) -> dict[str, Finding]:
    findings, _ = judge_document(document, compiled)
    return {finding.criterion: finding for finding in findings}


def levels(compiled: CompiledRubric, document: ParsedDocument, *criteria: str) -> tuple[str, ...]:
    found = judge(compiled, document)
    return tuple(found[c].level for c in criteria)


# ------------------------------------------------------------------------------------ scopes

SCOPE_CASES = {
    "same-sentence": (doc(FOR_CHILDREN, ("p", "We grow apples and pears.")), ("met", "met", "met", "met")),
    "same-paragraph": (doc(FOR_CHILDREN, ("p", "We grow apples. We also grow pears.")), ("not_met", "met", "met", "met")),
    "same-section": (
        doc(FOR_CHILDREN, ("p", "We grow apples."), ("p", "We also grow pears.")),
        ("not_met", "not_met", "met", "met"),
    ),
    "same-document": (
        doc(FOR_CHILDREN, ("h2", "Spring"), ("p", "We grow apples."), ("h2", "Autumn"), ("p", "We also grow pears.")),
        ("not_met", "not_met", "not_met", "met"),
    ),
    "apples-only": (doc(FOR_CHILDREN, ("p", "We grow apples.")), ("not_met", "not_met", "not_met", "not_met")),
}


@pytest.mark.parametrize("case", SCOPE_CASES)
def test_scope_sentence_paragraph_section_document(engine: CompiledRubric, case: str) -> None:
    document, expected = SCOPE_CASES[case]
    assert levels(engine, document, "SC1", "SC2", "SC3", "SC4") == expected


def test_section_scope_evidence_comes_from_both_paragraphs(engine: CompiledRubric) -> None:
    finding = judge(engine, doc(FOR_CHILDREN, ("p", "We grow apples."), ("p", "We also grow pears.")))["SC3"]
    assert {e.quote for e in finding.evidence} == {"We grow apples.", "We also grow pears."}


# ------------------------------------------------------------------------- all / any / none


def test_any_needs_one_of_its_groups_and_all_needs_every_group(engine: CompiledRubric) -> None:
    assert levels(engine, doc(FOR_CHILDREN, ("p", "We grow pears.")), "ANY1", "SC1") == ("met", "not_met")
    assert levels(engine, doc(FOR_CHILDREN, ("p", "We grow apples.")), "ANY1", "SC1") == ("met", "not_met")
    assert levels(engine, doc(FOR_CHILDREN, ("p", "We grow plums.")), "ANY1", "SC1") == ("not_met", "not_met")


def test_none_makes_a_sentence_ineligible(engine: CompiledRubric) -> None:
    assert levels(engine, doc(FOR_CHILDREN, ("p", "We grow apples and bananas.")), "NONE1") == ("not_met",)
    finding = judge(engine, doc(FOR_CHILDREN, ("p", "We grow apples and bananas. We grow apples alone.")))["NONE1"]
    assert finding.level == "met"
    assert [e.quote for e in finding.evidence] == ["We grow apples alone."]


# ---------------------------------------------------------------------------------- distinct


@pytest.mark.parametrize(
    "text, dist1, dmax1",
    [
        ("We grow apples, pears and damsons.", "met", "not_met"),  # damsons are the item "plum"
        ("We grow apples, pears, plums and figs.", "met", "not_met"),
        ("We grow apples and pears.", "partial", "partial"),
        ("We grow apples, more apples and an apple tree.", "partial", "partial"),  # one item, three times
        ("We grow plums and damsons.", "partial", "partial"),  # two patterns of one item
        ("We grow bananas.", "not_met", "not_met"),
    ],
)
def test_distinct_counts_items_not_matches(engine: CompiledRubric, text: str, dist1: str, dmax1: str) -> None:
    assert levels(engine, doc(FOR_CHILDREN, ("p", text)), "DIST1", "DMAX1") == (dist1, dmax1)


def test_distinct_counts_across_the_sentences_of_its_scope_with_one_evidence_sentence_per_item(engine: CompiledRubric) -> None:
    document = doc(FOR_CHILDREN, ("p", "We grow apples. We grow more apples. We grow pears. We grow figs."), ("p", "We grow plums."))
    finding = judge(engine, document)["DIST1"]
    assert finding.level == "met"
    assert [e.quote for e in finding.evidence] == ["We grow apples.", "We grow pears.", "We grow figs."]
    # The fourth kind is in another paragraph: a paragraph scope does not add it up.
    assert levels(engine, doc(FOR_CHILDREN, ("p", "We grow apples and pears."), ("p", "We grow figs.")), "DIST1") == ("partial",)


# ------------------------------------------------------------------------ heading, is_heading


@pytest.mark.parametrize(
    "items, expected",
    [
        ([("h2", "The orchard"), ("p", "We grow apples.")], "met"),
        ([("h2", "The orchard"), ("h3", "Varieties"), ("p", "We grow apples.")], "met"),  # nested under the orchard
        ([("h2", "The orchard"), ("p", "We prune."), ("h2", "The kitchen"), ("p", "We cook apples.")], "not_met"),
        ([("h2", "The kitchen"), ("p", "We cook apples in the orchard.")], "not_met"),  # the heading, not the text
    ],
)
def test_heading_condition_follows_the_heading_stack(engine: CompiledRubric, items: list, expected: str) -> None:
    assert levels(engine, doc(FOR_CHILDREN, *items), "HEAD1") == (expected,)


def test_is_heading_needs_the_passage_to_be_a_heading(engine: CompiledRubric) -> None:
    finding = judge(engine, doc(FOR_CHILDREN, ("h2", "Apples"), ("p", "We grow them.")))["ISH1"]
    assert finding.level == "met"
    assert [e.quote for e in finding.evidence] == ["Apples"]
    assert levels(engine, doc(FOR_CHILDREN, ("h2", "Fruit"), ("p", "We grow apples.")), "ISH1") == ("not_met",)


# --------------------------------------------------------------------------- specific, lift


def test_specific_needs_the_signal_else_a_weaker_rule_decides(engine: CompiledRubric) -> None:
    met = judge(engine, doc(FOR_CHILDREN, ("p", "We will plant apples by 2026.")))["SPEC1"]
    assert met.level == "met"
    assert met.reason.startswith("met: apples by a stated year")
    partial = judge(engine, doc(FOR_CHILDREN, ("p", "We will plant apples soon.")))["SPEC1"]
    assert partial.level == "partial"
    assert partial.reason.startswith("partial: apples without a year")


def test_specific_at_sentence_scope_must_be_in_the_contributing_sentence(engine: CompiledRubric) -> None:
    document = doc(FOR_CHILDREN, ("p", "We will plant apples. The year is 2026."))
    assert levels(engine, document, "SPEC1") == ("partial",)


FILLER = ("p", " ".join(f"Line {n} of the plan is here." for n in range(40)))


def test_a_long_section_is_judged_on_all_its_sentences(engine: CompiledRubric) -> None:
    # The apples and the year sit among 80 sentences that hold neither: only the sentences with
    # the rule's groups or signals are checked, and the result must be the same as checking all.
    document = doc(FOR_CHILDREN, FILLER, ("p", "We will plant apples."), FILLER, ("p", "All of this happens by 2026."))
    found = judge(engine, document)
    assert found["SPEC2"].level == "met"
    assert [e.quote for e in found["SPEC2"].evidence] == ["We will plant apples."]
    assert found["SC4"].level == "not_met"
    no_year = doc(FOR_CHILDREN, FILLER, ("p", "We will plant apples."), FILLER)
    assert levels(engine, no_year, "SPEC2") == ("not_met",)
    both = doc(FOR_CHILDREN, ("p", "We grow apples."), FILLER, FILLER, ("h1", "Later"), FILLER, ("p", "We grow pears."))
    assert levels(engine, both, "SC4", "SC3") == ("met", "not_met")


def test_lift_raises_a_partial_rule_to_met_on_its_signal(engine: CompiledRubric) -> None:
    lifted = judge(engine, doc(FOR_CHILDREN, ("p", "Ms Green brings apples every week.")))["LIFT1"]
    assert lifted.level == "met"
    assert "lifted to met by a specific person" in lifted.reason
    plain = judge(engine, doc(FOR_CHILDREN, ("p", "Someone brings apples every week.")))["LIFT1"]
    assert plain.level == "partial"
    assert "lifted" not in plain.reason


# ---------------------------------------------------------------------------- min_passages


def test_min_passages_needs_separate_units(engine: CompiledRubric) -> None:
    two = judge(engine, doc(FOR_CHILDREN, ("p", "We grow apples."), ("p", "We sell apples.")))["MIN1"]
    assert two.level == "met"
    assert [e.quote for e in two.evidence] == ["We grow apples.", "We sell apples."]
    one = judge(engine, doc(FOR_CHILDREN, ("p", "We grow apples. We sell apples.")))["MIN1"]
    assert one.level == "partial"


# ------------------------------------------------------------------- children context, cyp_framed


def test_cyp_framed_lets_one_sentence_about_children_frame_its_paragraph(engine: CompiledRubric) -> None:
    # The framed sentence goes on about the frame: it shares a word with it or points back to it.
    shared = doc(("h1", "Our plan"), ("p", "Children eat apples from the orchard. We will grow pears in the orchard."))
    assert levels(engine, shared, "FRAME0", "FRAME1") == ("not_met", "met")
    pointing = doc(("h1", "Our plan"), ("p", "Children eat apples. We will grow pears beside them."))
    assert levels(engine, pointing, "FRAME0", "FRAME1") == ("not_met", "met")
    # A sentence on something else in the same paragraph is not framed by it.
    unrelated = doc(("h1", "Our plan"), ("p", "Children eat apples. We will grow more pears."))
    assert levels(engine, unrelated, "FRAME1") == ("not_met",)


def test_cyp_framed_needs_a_sentence_about_children_holding_a_rule_group(engine: CompiledRubric) -> None:
    # Children named in the paragraph, but not in a sentence that holds apples or pears.
    aside = doc(("h1", "Our plan"), ("p", "Children matter. We eat apples. We will grow more pears."))
    assert levels(engine, aside, "FRAME1") == ("not_met",)
    # The frame holds the rule's subject, its first 'all' group (apples), not any of its groups.
    second = doc(("h1", "Our plan"), ("p", "Children grow pears in the orchard. We eat apples from the orchard."))
    assert levels(engine, second, "FRAME1") == ("not_met",)


def test_cyp_framed_never_takes_in_a_sentence_about_adults_only(default_compiled: CompiledRubric) -> None:
    gap = "Ethnicity recording in children's community health data is incomplete, at 71% of referrals."
    closed = doc(("h1", "Our data"), ("p", f"{gap} We will work with providers to raise this to 95% by March 2026."))
    adults = doc(("h1", "Our data"), ("p", f"{gap} For working-age adults we will work with providers to raise this to 95% by March 2026."))
    assert levels(default_compiled, closed, "PH8") == ("met",)
    assert levels(default_compiled, adults, "PH8") == ("partial",)


def test_cyp_framed_needs_a_scope_wider_than_a_sentence() -> None:
    from pydantic import ValidationError

    from hpig_audit.rubric.schema import Rule

    with pytest.raises(ValidationError, match="cyp_framed needs a scope wider than a sentence"):
        Rule(level="met", why="x", all=("apple",), cyp_framed=True)
    with pytest.raises(ValidationError, match="and an 'all' group"):
        Rule(level="met", why="x", scope="paragraph", any=("apple",), cyp_framed=True)
    with pytest.raises(ValidationError, match="cyp true"):
        Rule(level="met", why="x", scope="paragraph", all=("apple",), cyp=False, cyp_framed=True)
    assert Rule(level="met", why="x", scope="paragraph", all=("apple",), cyp_framed=True).cyp_framed


# ------------------------------------------------------------------- children context, cyp: false


def test_cyp_false_counts_passages_not_about_children(engine: CompiledRubric) -> None:
    document = doc(("h1", "Our plan"), ("p", "We grow apples for everyone."))
    assert levels(engine, document, "CYPF1", "ANY1") == ("met", "not_met")


ADULT_SENTENCES = ("p", "We will cut waiting times for hip operations. We will open a stroke unit. We will hire nurses for wards.")


def test_a_sentence_pointing_back_shares_the_children_context_of_the_one_before(engine: CompiledRubric) -> None:
    document = doc(("h1", "Our plan"), ADULT_SENTENCES, ("p", "We serve children. They grow apples with us."))
    assert levels(engine, document, "ANY1") == ("met",)
    # A sentence that does not point back is judged on its own words, even in the same paragraph.
    unrelated = doc(("h1", "Our plan"), ADULT_SENTENCES, ("p", "We serve children. Our wards grow apples."))
    assert levels(engine, unrelated, "ANY1") == ("not_met",)
    # Naming "these groups" early in the sentence points back too.
    these = doc(("h1", "Our plan"), ADULT_SENTENCES, ("p", "We serve children in care. Our apples for these groups are grown locally."))
    assert levels(engine, these, "ANY1") == ("met",)


def test_children_as_one_group_among_many_do_not_give_children_context(engine: CompiledRubric) -> None:
    among = doc(("h1", "Our plan"), ADULT_SENTENCES, ("p", "We serve older people, adults, veterans and children. We grow apples for them."))
    assert levels(engine, among, "ANY1") == ("not_met",)
    assert not any(s.cyp for s in analyse(among, engine).sentences)
    alone = doc(("h1", "Our plan"), ADULT_SENTENCES, ("p", "We serve children. They grow apples with us."))
    assert levels(engine, alone, "ANY1") == ("met",)
    heading = doc(("h1", "Older people, adults and children"), ("p", "We grow apples."))
    assert levels(engine, heading, "ANY1") == ("not_met",)


def test_mentions_among_many_do_not_make_a_document_about_children(engine: CompiledRubric) -> None:
    # Most of this short document names children, but only ever in a list of other groups: that is
    # not a document about children, so its other sentences are not about children either.
    among = doc(("h1", "Our plan"), ("p", "We serve older people, adults, veterans and children. We grow apples for them."))
    assert not analyse(among, engine).cyp_focused
    assert levels(engine, among, "ANY1") == ("not_met",)


def test_document_title_about_children_makes_all_of_it_about_children(engine: CompiledRubric) -> None:
    plain = [("p", "We grow apples.")]
    assert levels(engine, doc(*plain, title="A plan for children"), "ANY1") == ("met",)
    assert levels(engine, doc(*plain, title="A plan for older people, adults and children"), "ANY1") == ("not_met",)
    assert levels(engine, doc(*plain, title="A plan"), "ANY1") == ("not_met",)


# ---------------------------------------------------------------- own voice, reporting, review


def test_reporting_cue_makes_a_sentence_not_the_documents_own(engine: CompiledRubric) -> None:
    reported = doc(FOR_CHILDREN, ("p", "ICSs should grow apples for children."))
    found = judge(engine, reported)
    assert found["ANY1"].level == "not_met"
    assert "reports on others ('ICSs should')" in found["ANY1"].reason
    assert found["VOICE1"].level == "met"  # own_voice: false lets it count
    sentence = next(s for s in analyse(reported, engine).sentences if "ICSs" in s.text)
    assert not sentence.own_voice

    mixed = judge(engine, doc(FOR_CHILDREN, ("p", "ICSs should grow apples for children. We grow pears for children.")))["ANY1"]
    assert mixed.level == "met"
    assert [e.quote for e in mixed.evidence] == ["We grow pears for children."]


REVIEW_SENTENCES = [
    "We read the strategies of 42 ICSs.",
    "Only 6% of strategies named a lead.",
    "ICSs should say who leads the work.",
    "Most ICSs said little about workforce.",
    "About 48% of strategies had an easy read version.",
]


def test_a_review_document_meets_nothing(engine: CompiledRubric) -> None:
    own = ("p", "We grow apples and pears for children.")
    review = doc(FOR_CHILDREN, ("p", " ".join(REVIEW_SENTENCES)), own)
    findings, notes = judge_document(review, engine)
    assert analyse(review, engine).review_document
    # Only the criterion whose rule opts out of the own-voice condition still counts the sentence.
    assert {f.criterion: f.level for f in findings if f.level != "not_met"} == {"VOICE1": "met"}
    assert any("reviews or advises on other organisations' plans" in note for note in notes)
    # Control: the same own sentence without the review around it meets.
    assert levels(engine, doc(FOR_CHILDREN, own), "ANY1", "VOICE1") == ("met", "met")


def test_a_review_documents_own_making_counts_only_for_rules_about_its_making(engine: CompiledRubric) -> None:
    making = ("p", "This review was written with children who grow apples.")
    review = doc(FOR_CHILDREN, ("p", " ".join(REVIEW_SENTENCES)), making)
    found = judge(engine, review)
    assert analyse(review, engine).review_document
    assert found["MAKING1"].level == "met"
    assert found["ANY1"].level == "not_met"  # the same sentence is not a commitment of its own
    # Without the cue, the rule that opts in finds nothing either.
    other = doc(FOR_CHILDREN, ("p", " ".join(REVIEW_SENTENCES)), ("p", "Children grow apples, the review says."))
    assert levels(engine, other, "MAKING1") == ("not_met",)


def test_a_few_reporting_sentences_do_not_make_a_review_document(engine: CompiledRubric) -> None:
    own = [("p", f"We will grow apples in field {n} for children.") for n in range(6)]
    document = doc(FOR_CHILDREN, ("p", REVIEW_SENTENCES[1]), *own)
    assert not analyse(document, engine).review_document
    assert levels(engine, document, "ANY1") == ("met",)


def test_third_party_paragraph_does_not_count_but_the_next_one_does(engine: CompiledRubric) -> None:
    consultancy = ("p", "We were commissioned by Northshire council. We planted apples for its children.")
    found = judge(engine, doc(FOR_CHILDREN, consultancy))
    assert found["ANY1"].level == "not_met"
    assert "describes work for another organisation" in found["ANY1"].reason
    both = judge(engine, doc(FOR_CHILDREN, consultancy, ("p", "We grow pears for our children.")))["ANY1"]
    assert both.level == "met"
    assert [e.quote for e in both.evidence] == ["We grow pears for our children."]


# ---------------------------------------------------------------------------------- hold-back


@pytest.mark.parametrize(
    "text, cue",
    [
        ("We will consider planting apples for children.", "deferred"),
        ("Apples for children will come in future.", "deferred"),
        ("There is no apple tree for children.", "negated"),
        ("Apples for children are not yet planted.", "negated"),
    ],
)
def test_deferred_or_negated_passage_caps_met_at_partial_and_says_why(engine: CompiledRubric, text: str, cue: str) -> None:
    found = judge(engine, doc(FOR_CHILDREN, ("p", text)))
    held = found["HOLD1"]
    assert held.level == "partial"
    assert held.score == 1
    assert f"capped at partial because the passage is {cue}" in held.reason
    assert [e.quote for e in held.evidence] == [text]
    # A rule with hold_back: false is not capped.
    assert found["HOLD3"].level == "met"
    # With hold_back: deferred, only a deferred passage is capped; a negative one ("no apple tree")
    # is what such a rule looks for.
    assert found["HOLD4"].level == ("partial" if cue == "deferred" else "met")
    # Beside a weaker rule that holds, the weaker rule decides and the reason says what was held back.
    beside = found["HOLD2"]
    assert beside.level == "partial"
    assert beside.reason.startswith("partial: apples mentioned in any way")
    assert f"a stronger rule ('a firm commitment to apples') held back because the passage is {cue}" in beside.reason


def test_a_firm_passage_beats_a_held_back_one(engine: CompiledRubric) -> None:
    document = doc(FOR_CHILDREN, ("p", "We will consider planting apples."), ("p", "We plant apples every spring."))
    finding = judge(engine, document)["HOLD1"]
    assert finding.level == "met"
    assert "capped" not in finding.reason
    assert [e.quote for e in finding.evidence] == ["We plant apples every spring."]


# ---------------------------------------------------------------- evidence, reason, determinism


def test_evidence_carries_page_section_and_line_from_the_blocks(engine: CompiledRubric) -> None:
    document = doc(
        ("h1", "Our plan for children", {"page": 1, "line": 1}),
        ("h2", "The orchard", {"page": 3, "line": 15}),
        ("p", "We prune in winter. We grow apples for every school.", {"page": 4, "line": 17}),
    )
    finding = judge(engine, document)["ANY1"]
    assert finding.level == "met"
    [evidence] = finding.evidence
    assert (evidence.quote, evidence.page, evidence.section, evidence.line) == (
        "We grow apples for every school.",
        4,
        "The orchard",
        17,
    )
    assert "p.4" in finding.reason and "under 'The orchard'" in finding.reason


def test_reason_names_the_rule_and_quotes_the_passage(engine: CompiledRubric) -> None:
    text = "We grow pears beside the school."
    finding = judge(engine, doc(FOR_CHILDREN, ("h2", "Fruit", {"line": 3}), ("p", text, {"line": 5})))["ANY1"]
    assert finding.reason.startswith("met: apples or pears for children")
    assert f'"{text}"' in finding.reason
    assert "line 5" in finding.reason
    assert finding.recommendation is None  # met: nothing to recommend
    missing = judge(engine, doc(FOR_CHILDREN, ("p", "We grow plums.")))["ANY1"]
    assert missing.reason.startswith("not_met:")
    assert "apples or pears for children" in missing.reason  # what was looked for
    assert missing.evidence == ()
    assert missing.recommendation == "Mention apples or pears."


def test_judging_is_deterministic(engine: CompiledRubric) -> None:
    blocks = [
        FOR_CHILDREN,
        ("h2", "The orchard", {"page": 2}),
        ("p", "We will consider planting figs. Ms Green grows apples, pears and plums by 2026.", {"page": 2}),
        ("li", "ICSs should grow bananas.", {"page": 3}),
        ("p", "We grow apples again.", {"page": 3}),
    ]
    first, first_notes = judge_document(doc(*blocks), engine)
    again, again_notes = judge_document(doc(*blocks), engine)
    fresh, fresh_notes = judge_document(doc(*blocks), compile_rubric(load_rubric(ENGINE_RUBRIC)))
    dump = [f.model_dump_json() for f in first]
    assert dump == [f.model_dump_json() for f in again] == [f.model_dump_json() for f in fresh]
    assert first_notes == again_notes == fresh_notes
    assert [f.criterion for f in first] == [c.id for c in engine.rubric.criteria]  # rubric order


# ------------------------------------------------------------------ the default rubric, end to end


def test_default_rubric_a_review_of_strategies_meets_nothing(default_compiled: CompiledRubric) -> None:
    own_lead = "Our Chief Nurse, Dr Jane Smith, is the Executive Lead for Children and Young People."
    review = doc(
        ("h1", "What ICS strategies said about children"),
        ("p", "We reviewed 42 ICP strategies and 42 JFPs. ICSs should name an Executive Lead for Children."),
        ("p", "57% of strategies did not identify a lead for children. Only 6% of JFPs showed how engagement changed them."),
        ("p", "Systems should define children and young people as aged 0 to 25. Most strategies did not mention CHILDS."),
        ("p", own_lead),
    )
    findings, notes = judge_document(review, default_compiled)
    assert len(findings) == 50
    assert [f.criterion for f in findings if f.level != "not_met"] == []
    assert notes and "reviews or advises" in notes[0]
    # Control: the same sentence in the document's own strategy meets LD1.
    own = judge(default_compiled, doc(("h1", "Our strategy for children and young people"), ("p", own_lead)))
    assert own["LD1"].level == "met"


def test_default_rubric_a_life_course_plan_is_not_a_childrens_plan(default_compiled: CompiledRubric) -> None:
    # "Start well" beside the other stages of life names children as one group among several.
    stages = doc(("h1", "Best start | Living well | Ageing well"), ADULT_SENTENCES, ("p", "We will open more stroke beds."))
    assert not analyse(stages, default_compiled).cyp_focused
    childrens = doc(("h1", "Best start for children in Fellside"), ADULT_SENTENCES)
    assert analyse(childrens, default_compiled).cyp_focused


def test_default_rubric_guidance_is_credited_only_for_how_it_was_made(default_compiled: CompiledRubric) -> None:
    guidance = doc(
        ("h1", "Children and young people in joint forward plans: guidance for ICBs"),
        ("p", "ICBs should name an Executive Lead for Children. ICSs should define children and young people as aged 0 to 25."),
        ("p", "57% of JFPs did not identify a lead for children. Systems should publish an easy read version of their plans."),
        ("p", "ICBs must show how engagement with children changed their plans. ICSs should set out family hubs in every place."),
        ("p", "This guidance was developed with ICB Executive Leads for Children and directors of children's services."),
        ("p", "Members of the NHS Youth Forum reviewed a draft in two online sessions."),
    )
    findings, _ = judge_document(guidance, default_compiled)
    credited = {f.criterion for f in findings if f.level != "not_met"}
    assert credited and credited <= {"CP1", "CP2", "CP3", "CP6", "IN6"}
    assert next(f for f in findings if f.criterion == "CP2").level == "met"
    assert all(f.level == "not_met" for f in findings if f.criterion in {"LD1", "PH2", "CP4", "IN3"})


def test_default_rubric_prevention_listed_under_a_priorities_heading_is_a_priority(default_compiled: CompiledRubric) -> None:
    plan = doc(
        ("h1", "Our priorities for children"),
        ("li", "Early help through family hubs before problems grow"),
        ("li", "Nobody waiting over 18 weeks for CAMHS by March 2026"),
    )
    assert judge(default_compiled, plan)["PH9"].level == "met"
    plain = doc(("h1", "Family hubs"), ("li", "Early help through family hubs before problems grow"))
    assert judge(default_compiled, plain)["PH9"].level != "met"


# ------------------------------------------------------------------ sentences and numbered items


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. Reduce the wait for help. Offer support while they wait.", ["1. Reduce the wait for help.", "Offer support while they wait."]),
        ("2.3. We will open hubs. By 2026 we will have five.", ["2.3. We will open hubs.", "By 2026 we will have five."]),
        ("(4) Name a lead. Publish it.", ["(4) Name a lead.", "Publish it."]),
        ("We saw 12. Then we acted.", ["We saw 12.", "Then we acted."]),
        ("Dr. Khan leads. Mrs. Ode chairs.", ["Dr. Khan leads.", "Mrs. Ode chairs."]),
        ("Marmot et al. (2020) showed it. Bell et al. Found more.", ["Marmot et al. (2020) showed it.", "Bell et al. Found more."]),
    ],
)
def test_item_numbers_and_abbreviations_do_not_end_a_sentence(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The ICB and the council have a section 75 agreement for children's therapies, and we will look at extending it to mental health.",
            ["The ICB and the council have a section 75 agreement for children's therapies,", "and we will look at extending it to mental health."],
        ),
        # A clause that negates the one before it undoes it: not split off.
        ("The post of Designated Clinical Officer is created, but it is not yet filled.", ["The post of Designated Clinical Officer is created, but it is not yet filled."]),
        # A lead clause that is itself only possible keeps its hedge.
        (
            "Therapies could be jointly commissioned through a section 75 agreement, and we will explore this in 2025.",
            ["Therapies could be jointly commissioned through a section 75 agreement, and we will explore this in 2025."],
        ),
        # A lead clause that states a problem keeps its hedge: the hedge is the only answer to it.
        (
            "Sharing information remains difficult, and we will explore how the record can help.",
            ["Sharing information remains difficult, and we will explore how the record can help."],
        ),
        ("We will open hubs, and we will publish a plan.", ["We will open hubs, and we will publish a plan."]),
    ],
)
def test_a_hedge_joined_on_to_a_plain_statement_is_a_sentence_of_its_own(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_a_hedge_joined_on_does_not_hold_back_the_arrangement_before_it(default_compiled: CompiledRubric) -> None:
    text = (
        "The ICB and Fawnsey County Council have a section 75 agreement for the commissioning of children's community "
        "health services, and we will look at extending joint commissioning to children's mental health."
    )
    assert judge(default_compiled, doc(("h1", "Children's programme"), ("p", text)))["IN5"].level == "met"
    hedged = "We will look at a section 75 agreement for the commissioning of children's community health services."
    assert judge(default_compiled, doc(("h1", "Children's programme"), ("p", hedged)))["IN5"].level == "partial"


def test_a_numbered_item_is_read_with_its_lead_in(engine: CompiledRubric) -> None:
    # "1." used to be split off as a sentence, so the item lost the lead-in that frames it.
    document = doc(FOR_CHILDREN, ("p", "ICSs should do the following:"), ("li", "1. Plant apples for children."))
    analysis = analyse(document, engine)
    item = next(s for s in analysis.sentences if "Plant apples" in s.text)
    assert item.text == "1. Plant apples for children."
    assert item.lead_in is not None and not item.own_voice


def test_every_sentence_of_a_list_item_is_read_with_its_lead_in(default_compiled: CompiledRubric) -> None:
    # The item's later sentences share the lead-in's paragraph, so what defers the list or puts
    # it in another's voice holds them back too: a strict paragraph rule must not build a met
    # result from them.
    document = doc(
        ("h1", "Our plan for children"),
        ("p", "We will explore the following over the next few years:"),
        ("li", "A named lead for children. Jane Smith, Director of Nursing, will lead this by March 2026."),
        ("li", "A youth board."),
        ("p", "ICSs should do the following:"),
        ("li", "Name a lead. Ann Lee, Chief Nurse, leads for children."),
        ("p", "Our achievements:"),
        ("li", "A children's board. It meets monthly."),
    )
    analysis = analyse(document, default_compiled)
    by_text = {s.text: s for s in analysis.sentences}
    later = by_text["Jane Smith, Director of Nursing, will lead this by March 2026."]
    assert later.deferred and by_text["A named lead for children."].deferred
    assert not by_text["Ann Lee, Chief Nurse, leads for children."].own_voice
    own = by_text["It meets monthly."]
    assert own.own_voice and not own.deferred
    paragraph = analysis.units["paragraph"]
    lead_in = by_text["We will explore the following over the next few years:"]
    assert paragraph[later.index] == paragraph[by_text["A youth board."].index] == paragraph[lead_in.index]
    assert paragraph[own.index] != paragraph[later.index]


def test_default_rubric_recommendations_to_another_body_are_not_commitments(default_compiled: CompiledRubric) -> None:
    report = doc(
        ("h1", "Young voices on health"),
        ("p", "We are making six recommendations to NHS Fellside Integrated Care Board and its partners:"),
        ("li", "4. Name a lead for children and young people at the ICB and publish how young people can contact them."),
    )
    found = judge(default_compiled, report)
    assert found["LD5"].level == "not_met" and found["LD1"].level == "not_met"
    own = doc(("h1", "Our plan for children"), ("p", "We will:"), ("li", "4. Name a lead for children and young people and publish how young people can contact them."))
    assert judge(default_compiled, own)["LD1"].level != "not_met"


def test_default_rubric_a_sentence_about_adults_is_not_about_children_under_a_childrens_heading(default_compiled: CompiledRubric) -> None:
    plan = doc(
        ("h1", "Our plan for children and young people"),
        ("p", "For working-age adults our focus is on diabetes, asthma and epilepsy, with new clinics in every town."),
    )
    analysis = analyse(plan, default_compiled)
    assert not analysis.sentences[-1].cyp
    assert judge(default_compiled, plan)["PH5"].level == "not_met"
    # Women and carers may be children's families: a maternity sentence stays about children.
    maternity = doc(("h1", "Maternity and early years plan for children"), ("p", "We will offer every woman a continuity of carer team."))
    assert analyse(maternity, default_compiled).sentences[-1].cyp


def test_default_rubric_a_review_counting_documents_is_a_review(default_compiled: CompiledRubric) -> None:
    # A review that counts the documents it read ("17 documents (50%) used ...") and quotes them
    # by name, with its own method under a heading of its own.
    review = doc(
        ("h1", "A second look at children in integrated care strategies"),
        ("p", "We wanted to know whether refreshed strategies had moved. Only 12 (35%) defined children and young people as aged 0-25."),
        ("p", "17 documents (50%) used specific figures on school readiness. Only 4 documents said anything about vacancies."),
        ("p", "One strategy explained: \"By March 2026 we will put in place a single information sharing agreement.\" (Hallowmere ICP strategy)"),
        ("p", "Eleven documents (32%) attached dates to more than one action. Children's social care data was used in 14 (41%)."),
        ("h2", "How we did this review"),
        ("p", "We involved young people directly. Fourteen members of our Young Advisers group, aged 14 to 24, took part in two workshops."),
    )
    analysis = analyse(review, default_compiled)
    assert analysis.review_document
    found = _credited(review, default_compiled)
    # Nothing it reports about others counts; how it was itself made does.
    assert found.get("CP2") == "met"
    assert set(found) <= OWN_MAKING_CRITERIA
    method = next(s for s in analysis.sentences if s.text.startswith("Fourteen"))
    assert method.own_making
    quoted = next(s for s in analysis.sentences if "Hallowmere" in s.text)
    assert not quoted.own_making and not quoted.own_voice


def _own_making(analysis, start: str) -> bool:
    return next(s.own_making for s in analysis.sentences if s.text.startswith(start))


def test_default_rubric_a_case_studys_what_we_did_is_its_clients_work(default_compiled: CompiledRubric) -> None:
    # Under "What we did", a consultancy's case study tells what its client did: another body's
    # youth board and easy read version are not how the case study itself was made.
    case_study = doc(
        ("h1", "Case study: an integrated children's hub in Tarnley"),
        ("p", "We worked with NHS Tarnley ICB and Tarnley Council. Our client came to us in 2022 with rising waits."),
        ("p", "Across 20 systems, ICBs should set out how children will be involved. Most strategies we read did not."),
        ("h2", "What we did"),
        ("p", "Tarnley's Youth Health Board, 14 young people including care-experienced young people, ran its own workshops in three schools."),
        ("p", "The system has since published an easy read version of the hub's offer."),
        # The client is named in the opening, but not as the author.
        ("p", "Tarnley Council's Youth Board ran two sessions in family hubs."),
        ("p", "It's based on 20 interviews with families."),
        ("p", "We ran four workshops with 30 young people aged 12 to 18."),
    )
    analysis = analyse(case_study, default_compiled)
    assert analysis.review_document
    assert not _own_making(analysis, "Tarnley's Youth Health Board") and not _own_making(analysis, "The system")
    assert not _own_making(analysis, "Tarnley Council's Youth Board")
    assert _own_making(analysis, "We ran four workshops")
    assert _own_making(analysis, "It's based on")  # a contraction, not another body's possessive


def test_default_rubric_a_client_case_studys_we_is_the_work_done_for_its_client(default_compiled: CompiledRubric) -> None:
    # With a "Client:" line, "What we did" and "we ran workshops with ..." are the consultancy's
    # service to its client; only a sentence about this case study itself is how it was made.
    blocks = [
        ("h1", "Case study: supporting Tarnley ICS to write its children's strategy"),
        ("p", "Client: NHS Tarnley ICB and Tarnley Council"),
        ("p", "Across 20 systems, ICBs should set out how children will be involved. Most strategies we read did not."),
        ("h2", "What we did"),
        ("p", "We ran six workshops with 130 parents and carers, and 412 children and young people took part in sessions in schools."),
        ("p", "This case study was reviewed by two young people from the client's youth council."),
    ]
    analysis = analyse(doc(*blocks), default_compiled)
    assert analysis.review_document
    assert not _own_making(analysis, "We ran six workshops")
    assert _own_making(analysis, "This case study was reviewed")
    assert judge(default_compiled, doc(*blocks))["CP1"].level != "met"
    # Control: the same account without the client line is how the document itself was made.
    own = analyse(doc(*(b for b in blocks if not b[1].startswith("Client:"))), default_compiled)
    assert own.review_document and _own_making(own, "We ran six workshops")
    # A review commissioned by someone is no client case study; in a case study, a heading naming
    # it ("How this case study was made") still covers how it was made.
    commissioned = [("p", "Commissioned by: NHS Tarnby ICB") if b[1].startswith("Client:") else b for b in blocks]
    assert _own_making(analyse(doc(*commissioned), default_compiled), "We ran six workshops")
    made = analyse(doc(*blocks, ("h2", "How this case study was made"), ("p", "We interviewed 12 young people who had used the pathway.")), default_compiled)
    assert _own_making(made, "We interviewed 12 young people") and not _own_making(made, "We ran six workshops")


# The opening of a document about others' plans: it reviews, so only its own making counts.
_ABOUT_OTHERS = (
    ("p", "ICBs should name an Executive Lead for Children. Most joint forward plans we read did not."),
    ("p", "In 2023, 57% of JFPs did not clearly identify the Executive Lead for Children. ICBs should publish their leads."),
)


@pytest.mark.parametrize(
    ("title", "heading", "account"),
    [
        # A college's position statement: its young people's advisory group under "About this statement".
        (
            "Children in integrated care systems: a position statement",
            "About this statement",
            "We worked with our Young People's Advisory Group, 14 young people aged 13 to 24, who met three times to shape it.",
        ),
        # A charity's consultation response: how it gathered young people's views for it.
        (
            "Response to the consultation on ICBs' duties to children",
            "How we gathered young people's views for this response",
            "Between February and March 2024 we asked 31 young people aged 13 to 24 what their ICB should do.",
        ),
    ],
)
def test_default_rubric_a_heading_over_how_a_document_about_others_was_made(
    default_compiled: CompiledRubric, title: str, heading: str, account: str
) -> None:
    blocks = [("h1", title), *_ABOUT_OTHERS, ("h2", heading), ("p", account)]
    analysis = analyse(doc(*blocks), default_compiled)
    assert analysis.review_document
    assert _own_making(analysis, account[:30])
    assert judge(default_compiled, doc(*blocks))["CP2"].level == "met"
    # Control: the same account under a heading of another kind is not the document's own.
    other = [("h1", title), *_ABOUT_OTHERS, ("h2", "What ICBs should do next"), ("p", account)]
    assert not _own_making(analyse(doc(*other), default_compiled), account[:30])


def test_default_rubric_a_colleges_council_is_no_statutory_partner(default_compiled: CompiledRubric) -> None:
    # "It was approved by the College Council" in how a statement was made is no statutory
    # council taking part (IN6); "the council's children's services" would be.
    def statement(approval: str) -> ParsedDocument:
        return doc(("h1", "Children in integrated care systems: a position statement"), *_ABOUT_OTHERS, ("h2", "About this statement"), ("p", approval))

    assert judge(default_compiled, statement("It was approved by the College Council on 17 October 2024."))["IN6"].level == "not_met"
    assert judge(default_compiled, statement("It was developed with Tarnby Council's children's services and the Tarnby Safeguarding Children Partnership."))["IN6"].level != "not_met"


def test_default_rubric_what_the_icb_told_a_forum_about_its_plans_is_the_icbs(default_compiled: CompiledRubric) -> None:
    # A parent carer forum's annual report passes on what the ICB said of its own plans: the
    # ICB's named lead is not the forum's. What young people told the forum is still its own.
    def report(heading: str) -> ParsedDocument:
        return doc(
            ("h1", "Tarnby Parent Carer Forum: annual report 2024/25"),
            ("p", "This year we held 14 coffee mornings and ran a survey of 412 parent carers of children with SEND."),
            ("h2", heading),
            ("p", "The ICB's Executive Lead for Children is its Chief Nurse, Angela Moss, and its Designated Clinical Officer for SEND is Dr Ravi Shah."),
        )

    assert judge(default_compiled, report("What the ICB and council have told us about their plans"))["LD1"].level == "not_met"
    assert judge(default_compiled, report("What young people told us"))["LD1"].level == "met"


def test_default_rubric_a_method_heading_straight_over_another_covers_that_section(default_compiled: CompiledRubric) -> None:
    # Plain text gives both headings one level; "How we did this work" with no text of its own,
    # straight over "Our Young Listeners", is that section's parent. The next section is not.
    review = doc(
        ("h1", "Healthwatch Tarnby"),
        ("p", "Still waiting: a Healthwatch Tarnby report on young people's experience of mental health support."),
        ("p", "Across six systems, ICBs should say how children will be involved. Only 2 of 6 plans (33%) named a lead."),
        ("p", "Four of the six plans (67%) did not name a lead for SEND. ICBs should publish their leads."),
        ("h2", "How we did this work"),
        ("h2", "Our Young Listeners"),
        ("p", "Eleven young volunteers aged 15 to 22 wrote the survey questions and ran the focus groups with us."),
        ("h2", "What young people told us"),
        ("p", "Young people ran their own peer support groups in two schools."),
    )
    analysis = analyse(review.model_copy(update={"type": "text"}), default_compiled)
    assert analysis.review_document
    assert _own_making(analysis, "Eleven young volunteers")
    assert not _own_making(analysis, "Young people ran their own")
    # Where the format gives heading levels (Markdown here), an empty heading above is only a
    # sibling: "### How we did this work" over "# Part 2: What we found" does not take Part 2 in.
    assert not _own_making(analyse(review, default_compiled), "Eleven young volunteers")


def test_default_rubric_a_reviews_authors_may_name_themselves_in_its_method(default_compiled: CompiledRubric) -> None:
    # The authors' own body in the third person ("The Network's Youth Advisory Group", "Priddington
    # Youth Council's members") is how the review was made; another voice body is not.
    network = doc(
        ("h1", "What children's plans say: a review by the Aldermoor Children's Health Network"),
        ("p", "Across 20 systems, ICBs should set out how children will be involved. Most strategies we read did not."),
        ("p", "Only 4 documents (20%) named a lead. 17 documents (85%) used figures on school readiness."),
        ("h2", "How we did this review"),
        ("p", "The Network's Youth Advisory Group, nine young people aged 15 to 21, read four of the documents."),
    )
    assert _own_making(analyse(network, default_compiled), "The Network's Youth Advisory Group")
    # A youth council reviewing its system's strategy names itself in its title and in its method.
    council = doc(
        ("h1", "Priddington Youth Council's review of the Hexlow Integrated Care Strategy"),
        ("p", "We could not find the name of anyone responsible for children in the strategy. The strategy says the Joint Forward Plan will have them."),
        ("p", "The strategy does not mention school nurses. We urge the ICB to name a lead."),
        ("h2", "How we worked"),
        ("p", "Priddington Youth Council's members interviewed 15 young carers at the carers' centre."),
        ("p", "Priddington Young People's Panel's members ran a survey in two colleges."),
    )
    analysis = analyse(council, default_compiled)
    assert analysis.review_document
    assert _own_making(analysis, "Priddington Youth Council's members")
    # Not the author: a second voice body, not named in the opening.
    assert not _own_making(analysis, "Priddington Young People's Panel's")
    # A name with an apostrophe of its own runs to its last "'s": the panel is the author here.
    panel = doc(
        ("h1", "Velmoor Young People's Panel's review of the Velmoor Joint Forward Plan"),
        ("p", "We could not find the name of anyone responsible for children in the plan. The plan does not mention school nurses."),
        ("p", "The plan says the strategy will have them. We urge the ICB to name a lead."),
        ("h2", "How we worked"),
        ("p", "Velmoor Young People's Panel's members asked 63 students at three schools what they thought."),
    )
    analysis = analyse(panel, default_compiled)
    assert analysis.review_document
    assert _own_making(analysis, "Velmoor Young People's Panel's members")


# The opening of a review of others' plans, enough for the document to read as one.
SIX_SYSTEMS_REVIEW = (
    ("h1", "Young voices on waiting: a review of six ICSs' plans for children"),
    ("p", "Across six systems, ICBs should say how children will be involved. Only 2 of 6 plans (33%) named a lead."),
)


def test_default_rubric_a_reviews_account_of_its_own_draft_runs_on_to_what_changed(default_compiled: CompiledRubric) -> None:
    # "Volunteers reviewed a draft of this report. They told us ... As a result, ..." is one account
    # of how the report was made: CP4 (what changed because of what people said) is its own.
    account = "They told us the draft sounded written for adults. As a result, each section now opens with what young people said."
    review = doc(
        *SIX_SYSTEMS_REVIEW,
        ("p", f"Young volunteers reviewed an early draft of this report. {account}"),
        ("p", "They found that four plans had no children's lead. As a result of this, ICBs should act."),
    )
    analysis = analyse(review, default_compiled)
    assert analysis.review_document
    assert _own_making(analysis, "They told us the draft") and _own_making(analysis, "As a result, each section")
    # A new paragraph's findings are not how the report was made.
    assert not _own_making(analysis, "They found that four plans")
    assert judge(default_compiled, review)["CP4"].level == "met"
    # Control: the same account without its first sentence is nobody's making.
    assert judge(default_compiled, doc(*SIX_SYSTEMS_REVIEW, ("p", account)))["CP4"].level == "not_met"


@pytest.mark.parametrize(
    "workshops",
    [
        # What others told the authors, after workshops that were not about this report's draft ...
        "We held three workshops with children's commissioners from across the region.",
        # ... nor about its draft when the draft is others' ("each on a draft plan").
        "We held three workshops with children's commissioners from across the region, each on a draft plan.",
    ],
)
def test_default_rubric_what_others_told_a_review_is_not_how_it_was_made(default_compiled: CompiledRubric, workshops: str) -> None:
    told = analyse(
        doc(
            *SIX_SYSTEMS_REVIEW,
            ("h2", "How we did this review"),
            ("p", f"{workshops} They told us that two ICBs added a chapter for children after young people said they felt "
                  "left out. As a result, two ICBs added a new chapter."),
        ),
        default_compiled,
    )
    assert _own_making(told, "We held three workshops")
    assert not _own_making(told, "They told us that two ICBs") and not _own_making(told, "As a result, two ICBs")


def test_default_rubric_as_a_result_of_does_not_go_on_with_a_reviews_account(default_compiled: CompiledRubric) -> None:
    pandemic = analyse(
        doc(
            *SIX_SYSTEMS_REVIEW,
            ("p", "Young volunteers reviewed an early draft of this report. As a result of the pandemic, two ICBs added a new chapter for children."),
        ),
        default_compiled,
    )
    assert _own_making(pandemic, "Young volunteers reviewed") and not _own_making(pandemic, "As a result of the pandemic")


def test_default_rubric_a_childrens_plan_is_a_section_of_its_own(default_compiled: CompiledRubric) -> None:
    # A children's plan whose headings are generic ("Introduction") is devoted to children as a
    # whole: PH3 is met by the whole document, not only by a children's heading.
    body = [
        ("p", "Children and young people in Quenby deserve timely help with their mental health."),
        ("p", "We will open two more mental health support teams for children in schools by 2025."),
        ("p", "Young people told us that waiting is the hardest part."),
        *[("p", f"Waiting times for children in area {n} fell in 2024.") for n in range(8)],
    ]
    plan = doc(("h1", "Introduction"), *body)
    assert analyse(plan, default_compiled).cyp_focused
    assert judge(default_compiled, plan)["PH3"].level == "met"
    # Control: the same passages in an all-age strategy are children threaded through it.
    adults = [("p", f"Adults with long-term condition {n} will get a care plan from their GP practice.") for n in range(40)]
    all_age = doc(("h1", "Introduction"), *adults, *body)
    assert not analyse(all_age, default_compiled).cyp_focused
    assert judge(default_compiled, all_age)["PH3"].level == "partial"
    # A plan that is mostly about adults, with a children's cohort in a third of its sentences, is
    # not a children's plan either; two in five is.
    for children, focused in ((7, False), (9, True)):
        kids = [("p", f"Children in cohort {n} will get a review from the children's community team.") for n in range(children)]
        grown = [("p", f"Adults in segment {n} will get a proactive review from their GP practice.") for n in range(22 - children)]
        mixed = doc(("h1", "Population health management plan"), *grown, *kids)
        assert analyse(mixed, default_compiled).cyp_focused is focused, children


def test_default_rubric_a_section_for_adults_makes_an_all_age_document(default_compiled: CompiledRubric) -> None:
    # A life-course strategy opening with "Start well" and mostly about children is still an all-age
    # document when it has a section of its own for older people; a heading reporting what adults
    # said is not such a section.
    kids = [("p", f"Children in place {n} will get their health visiting checks on time.") for n in range(9)]
    grown = [("p", f"Residents in place {n} will get a proactive review from their GP practice.") for n in range(6)]
    stages = doc(("h1", "Start well"), *kids, ("h1", "Age well"), *grown)
    assert not analyse(stages, default_compiled).cyp_focused
    heard = doc(("h1", "Our plan"), *kids, ("h2", "What we heard from adults"), *grown)
    assert analyse(heard, default_compiled).cyp_focused
    # Control: without the older people's section, the same text is a children's plan.
    assert analyse(doc(("h1", "Start well"), *kids, ("h1", "Our enablers"), *grown), default_compiled).cyp_focused
    # A title naming children wins: a children's plan with a heading on the adults around them
    # ("Older people as carers") is still a children's plan.
    titled = doc(("h1", "Start well"), *kids, ("h1", "Age well"), *grown, title="Our plan for children and young people")
    assert analyse(titled, default_compiled).cyp_focused


def test_default_rubric_national_context_is_not_the_documents_own(default_compiled: CompiledRubric) -> None:
    # What national bodies have set or rolled out, and anything under a "National context" heading,
    # is context: the same words under the document's own heading count.
    national = "Mental health support was promised for children and young people aged 0-25."
    plan = doc(
        ("h1", "Children and young people's mental health plan"),
        ("h2", "National context"),
        ("p", national),
        ("p", "NHS England has rolled out mental health support teams in schools since 2019."),
    )
    analysis = analyse(plan, default_compiled)
    rolled_out = next(s for s in analysis.sentences if s.text.startswith("NHS England"))
    assert "reports on others ('NHS England has rolled out')" == rolled_out.voice_note
    under = next(s for s in analysis.sentences if s.text == national)
    assert not under.own_voice and "National context" in (under.voice_note or "")
    assert judge(default_compiled, plan)["PH2"].level == "not_met"
    own = doc(("h1", "Children and young people's mental health plan"), ("h2", "Our plan"), ("p", "Our plan covers children and young people aged 0-25."))
    assert judge(default_compiled, own)["PH2"].level == "met"


def test_default_rubric_carers_are_not_adults_only(default_compiled: CompiledRubric) -> None:
    # Whole-population rules (cyp: false) skip sentences about adults only; carers may be
    # children's families (or children themselves), so naming them does not make a sentence so.
    carers = "A section on carers was added to the final strategy as a result."
    plan = doc(("h1", "Our integrated care strategy"), ("p", "People told us that carers feel invisible."), ("p", carers))
    sentence = next(s for s in analyse(plan, default_compiled).sentences if s.text == carers)
    assert not sentence.adult_only
    assert judge(default_compiled, plan)["CP4"].level == "met"
    older = "A section on older people was added to the final strategy as a result."
    adults_only = doc(("h1", "Our integrated care strategy"), ("p", "People told us that care homes feel far away."), ("p", older))
    assert next(s for s in analyse(adults_only, default_compiled).sentences if s.text == older).adult_only
    assert judge(default_compiled, adults_only)["CP4"].level == "not_met"


def test_default_rubric_guidance_standards_and_a_glossary_are_not_the_documents_own(default_compiled: CompiledRubric) -> None:
    # A framework's "What good looks like" statements set standards for others; a glossary
    # defines words. Neither is the document's own plan; the same words as its own plan count.
    standard = "Population health management explicitly covers children and young people."
    definition = "CHILDS: the Child Health Integrated Learning and Delivery System, a framework for children."
    framework = doc(
        ("h1", "What good looks like for children: a framework for ICBs"),
        ("h2", "Domain 6: Data"),
        ("h3", "What good looks like"),
        ("p", standard),
        ("h2", "Annex A: Glossary"),
        ("p", definition),
    )
    analysis = analyse(framework, default_compiled)
    by_text = {s.text: s for s in analysis.sentences}
    assert not by_text[standard].own_voice and "What good looks like" in (by_text[standard].voice_note or "")
    assert not by_text[definition].own_voice and "Glossary" in (by_text[definition].voice_note or "")
    found = judge(default_compiled, framework)
    assert (found["DS7"].level, found["EQ9"].level) == ("not_met", "not_met")
    # Control: the very same sentences under the document's own headings count (the definition as
    # a mention of CHILDS).
    own = judge(default_compiled, doc(("h1", "Our plan for children"), ("p", standard), ("h2", "Our approach"), ("p", definition)))
    assert (own["DS7"].level, own["EQ9"].level) == ("met", "partial")


def test_default_rubric_a_closing_commitment_after_the_glossary_is_the_documents_own(default_compiled: CompiledRubric) -> None:
    # "Appendix - Abbreviations" heads reference matter even with a dash and no letter; a
    # definition under it commits to nothing, but a line of the document's own after the last
    # definition still counts.
    definition = "BCF: Better Care Fund, a pooled budget for children and adults."
    closing = "This plan is available in large print and as a young people's version on request."
    plan = doc(("h1", "Our plan for children"), ("h2", "Appendix \u2013 Abbreviations"), ("p", definition), ("p", closing))
    by_text = {s.text: s for s in analyse(plan, default_compiled).sentences}
    assert not by_text[definition].own_voice
    assert by_text[closing].own_voice
    found = judge(default_compiled, plan)
    assert (found["IN5"].level, found["CP6"].level) == ("not_met", "partial")


def test_default_rubric_a_guidance_note_gets_credit_for_how_it_was_developed(default_compiled: CompiledRubric) -> None:
    # Guidance about other organisations' plans earns nothing for what it asks of them, but its
    # own account of how it was made, under a heading such as "How this note was developed", counts.
    note = doc(
        ("h1", "Children in joint forward plans: a guidance note for ICBs"),
        ("p", "ICBs should name an executive lead for children. JFPs should set out how children were involved."),
        ("p", "ICBs should publish an easy read version of their plan. JFPs should use a 0-25 definition."),
        ("p", "ICBs should say how young people were involved. Systems should show what changed as a result."),
        ("h2", "How this note was developed"),
        ("p", "Between November and January our Young Advisers Panel of 21 young people aged 14 to 24 met twice to review the draft, and 142 parents answered a survey."),
        ("h2", "You said, we did"),
        ("p", "Young advisers said the draft was full of jargon. We added a glossary and a plain English summary."),
        ("p", "We will involve young people again when this note is next revised."),
    )
    analysis = analyse(note, default_compiled)
    assert analysis.review_document
    method = next(s for s in analysis.sentences if s.text.startswith("Between"))
    assert method.own_making
    found = _credited(note, default_compiled)
    assert (found.get("CP2"), found.get("CP4"), found.get("CP5")) == ("met", "met", "partial")
    assert set(found) <= OWN_MAKING_CRITERIA


def test_default_rubric_a_paragraph_opening_as_a_result_is_read_with_the_one_before(default_compiled: CompiledRubric) -> None:
    # What people asked for, then (in a paragraph of its own) the change it led to.
    asked = "Young people told us that they wanted help without a referral."
    changed = "As a result, the new teams will offer a drop-in option that needs no referral."
    assert judge(default_compiled, doc(("h1", "Our plan"), ("p", asked), ("p", changed)))["CP4"].level == "met"
    # Under a heading of its own, the consequence belongs to something else.
    apart = doc(("h1", "Our plan"), ("p", asked), ("h2", "Access"), ("p", changed))
    assert judge(default_compiled, apart)["CP4"].level != "met"


def test_default_rubric_what_other_areas_do_is_theirs_but_the_plans_own_commitment_under_it_counts(default_compiled: CompiledRubric) -> None:
    # Under "Learning from others:" a plan describes what neighbours do (theirs) and may commit to
    # taking something up itself ("We will consider ..."), which is its own. Only the nearest
    # heading counts, so a heading guessed too high in plain text does not take the rest with it.
    theirs = "Tillmouth uses the CHILDS framework to join up child health data."
    # Named in the third person, a neighbour's plans are theirs too (only whose document it is
    # counts such a sentence as an own action).
    named = "NHS Tillmouth ICB will extend the framework to school nursing records."
    own = "We will consider the CHILDS framework when we refresh our children's data plan."
    later = "Priority 2 is children's mental health, with CHILDS-style data linkage."
    plan = doc(
        ("h1", "Our plan for children"),
        ("p", "We will cut waits for children's therapies."),
        ("h2", "Learning from others:"),
        ("p", theirs),
        ("p", named),
        ("p", own),
        ("h3", "Priority 2"),
        ("p", later),
    )
    by_text = {s.text: s for s in analyse(plan, default_compiled).sentences}
    assert not by_text[theirs].own_voice and "what other areas do" in (by_text[theirs].voice_note or "")
    assert not by_text[named].own_voice
    assert by_text[own].own_voice and by_text[later].own_voice
    assert judge(default_compiled, plan)["EQ9"].level == "partial"
    without_commitment = doc(("h1", "Our plan for children"), ("h2", "Learning from others"), ("p", theirs))
    assert judge(default_compiled, without_commitment)["EQ9"].level == "not_met"


def test_default_rubric_a_glossary_run_into_one_paragraph_defines_words(default_compiled: CompiledRubric) -> None:
    # "Glossary: DCO - Designated Clinical Officer (SEND); ..." names a post only to define it.
    glossary = "Glossary: CAMHS - child and adolescent mental health services; DCO - Designated Clinical Officer (SEND)."
    plan = doc(("h1", "Our plan for children"), ("p", "We will cut waits for children's therapies."), ("p", glossary))
    by_text = {s.text: s for s in analyse(plan, default_compiled).sentences}
    assert not by_text[glossary].own_voice
    assert judge(default_compiled, plan)["LD2"].level == "not_met"
    # Control: the same post named in the plan's own words counts.
    own = doc(("h1", "Our plan for children"), ("p", "Our Designated Clinical Officer (SEND) leads this work."))
    assert judge(default_compiled, own)["LD2"].level == "met"


def test_default_rubric_a_review_gets_credit_for_its_own_engagement_in_the_first_person(default_compiled: CompiledRubric) -> None:
    # "We held a roundtable with 14 young people ... their views shaped our recommendations" is how
    # the review itself was made; what it reports about the strategies it read still counts for nothing.
    review = doc(
        ("h1", "Seen but not planned for? A review of children in ICS strategies"),
        ("p", "We read 18 strategies. Only 7 (39%) had a children's chapter. 5 documents (28%) named a lead."),
        ("p", "ICSs should name an executive lead. Strategies should use a 0-25 definition. 9 (50%) named SEND."),
        ("h2", "What young people told us"),
        ("p", "In March we held a half-day roundtable with 14 young people aged 15 to 24. Their views shaped our recommendations."),
    )
    analysis = analyse(review, default_compiled)
    assert analysis.review_document
    found = _credited(review, default_compiled)
    assert found.get("CP2") == "met"
    assert set(found) <= OWN_MAKING_CRITERIA


def test_default_rubric_who_attended_a_meeting_is_not_its_business(default_compiled: CompiledRubric) -> None:
    # Minutes list who was present; a post named there ("Designated Clinical Officer for SEND") is
    # not the board's business. A "PRESENT:" heading guessed as a chapter must not take the rest of
    # the minutes with it: only what sits straight under it is a list of people.
    minutes = doc(
        ("h1", "Health and Wellbeing Board: minutes"),
        ("h2", "PRESENT:"),
        ("p", "Dr Ann Lee - Designated Clinical Officer for SEND; Tom Ray - Youth Council representative."),
        ("h3", "36. Children's strategy"),
        ("p", "The board agreed that the Youth Council will review progress on the children's strategy every quarter."),
    )
    by_text = {s.text: s for s in analyse(minutes, default_compiled).sentences}
    assert not by_text["Dr Ann Lee - Designated Clinical Officer for SEND; Tom Ray - Youth Council representative."].own_voice
    business = by_text["The board agreed that the Youth Council will review progress on the children's strategy every quarter."]
    assert business.own_voice
    found = judge(default_compiled, minutes)
    assert (found["LD2"].level, found["CP5"].level) == ("not_met", "met")


# Documents about other systems, each a different kind of review: what they report earns nothing;
# only how they were themselves made may.
REVIEWS_OF_OTHER_SYSTEMS = {
    # A charity briefing that names each system's document and counts systems.
    "briefing-counting-systems": doc(
        ("h1", "Counted in? How five integrated care systems plan for children"),
        ("p", "All five systems we reviewed describe children as a priority. Three systems quote school readiness figures."),
        ("p", "Upper Tane's JFP states that its Chief Nurse is the Executive Lead for Children. Greyfield's strategy names asthma and epilepsy."),
        ("p", "Only one system refers to the CYP Core20PLUS5 with its five clinical areas. Two systems describe a section 75 agreement."),
        ("p", "None mentions the CHILDS framework. Redmarsh's plan includes a you said, we did table."),
        ("p", "Coldharbour's JFP sets out vacancies in health visiting, school nursing and community paediatrics."),
    ),
    # A think-tank report that compares systems in prose rather than counting documents.
    "think-tank-comparing-systems": doc(
        ("h1", "Growing up in the system: how five systems plan for children"),
        ("p", "We looked in depth at five systems in different parts of England. All five name children as a priority."),
        ("p", "Three of the five systems consulted parents but not children. No system refers to the CHILDS framework."),
        ("p", "Northfold's strategy, by contrast, ties each priority to local figures. Two systems' documents used education data."),
        ("p", "Of the five systems, only one has a funded 0-25 mental health service. None has yet agreed a pooled budget."),
        ("p", "Fenmarsh is the exception: it mentions children mainly within a whole population approach."),
    ),
    # Academic research reporting what staff in other systems said.
    "research-summary-of-interviews": doc(
        ("h1", "Joining up for children: staff views in three systems"),
        ("p", "Interviewees in all three systems said that children were missing from system boards. In one system the lead post was vacant."),
        ("p", "Data sharing was raised in 21 of the 30 interviews. All three ICBs had a shared care record for adults only."),
        ("p", "Place partnerships did most of the joining up. In the other two systems schools were rarely involved."),
        ("p", "Our findings suggest that systems could give places a clearer role for children. Suggested citation: Ward A (2024)."),
        ("p", "We will hold a webinar for participants in 2025."),
    ),
    # An inspection-style review of a partnership: its findings, what leaders told it, the case
    # files it read, and what leaders should do.
    "peer-review-of-a-local-area": doc(
        ("h1", "Local area SEND review: summary of findings"),
        ("p", "The review team met leaders from the council and the ICB. At the time of the review 900 children were waiting for an assessment."),
        ("p", "Leaders told us the joint commissioning strategy will be agreed this year. In the case files we reviewed, health advice was brief."),
        ("p", "Since the previous review, plans are issued faster. The partnership has a designated clinical officer and a pooled budget for short breaks."),
        ("p", "Leaders from the council and the ICB should agree a plan for information sharing. The ICB should publish its waiting times."),
        ("p", "We recommend that the council and the ICB recruit a participation officer."),
    ),
    # A peer challenge of a council and its ICS, written up by the visiting team.
    "peer-challenge-feedback": doc(
        ("h1", "Children's health peer challenge: Fenmoor Council and Fenmoor and Tarn ICS"),
        ("p", "Lead peer: Jo Hale, former Chief Executive. The peer team met more than 80 people over three days."),
        ("p", "The peer team heard that the Youth Assembly shaped the council's plan. Partners could not tell the peer team who the ICB's lead for children is."),
        ("p", "The peer team recommends that the ICS adds a section on children to its strategy, and that partners agree a plan for sharing information."),
        ("p", "The peer team thought the family hubs were strong, and the ICB has a named lead for SEND and a pooled budget."),
    ),
    # A peer challenge write-up whose peers are listed by sector and whose team "also found".
    "peer-challenge-in-plain-team-words": doc(
        ("h1", "Children's health and care partnership peer challenge: Ashwell"),
        ("p", "The peers were:"),
        ("li", "Education peer: Jo Hale, executive headteacher"),
        ("li", "Voluntary sector peer: Sam Reed, chief executive"),
        ("p", "A peer challenge is not an inspection. The peer team also found real commitment, and the Youth Assembly meets monthly."),
        ("p", "These are the peer team's key recommendations. Family hubs open in every town by 2025 under a section 75 agreement."),
    ),
    # A briefing whose examples are other ICBs' plans, named in the third person: a body named that
    # the title does not name is not the document's own.
    "briefing-quoting-named-icbs-plans": doc(
        ("h1", "Children in joint forward plans: a briefing"),
        ("p", "This briefing looks at how 42 integrated care boards address children in their joint forward plans."),
        ("p", "Most plans mention children, but few set out specific actions. Only nine plans named an executive lead for children."),
        ("p", "For example, NHS Fernvale ICB will fund a single waiting list from 2025. Oxendale and Sallowmarsh ICB will publish a dashboard."),
        ("p", "Pettlecombe ICB will extend its 0-25 mental health service. Ashwell ICB will recruit 30 school nurses by 2026."),
        ("p", "Bramwick ICB will open six family hubs. Quarnby ICB will pool budgets for short breaks."),
        ("p", "Only a third of plans described engagement with children. We recommend that all ICBs name an executive lead."),
        ("p", "Many plans said that children's voices would be heard, without saying how."),
    ),
    # An academic systematic review of integrated care for children elsewhere.
    "academic-systematic-review": doc(
        ("h1", "Integrated care for children: a systematic review"),
        ("p", "Corresponding author: a.b@university.ac.uk. The funder had no role in the design of the review."),
        ("p", "Keywords: integrated care; children; family hubs."),
        ("p", "We searched MEDLINE and Embase; two reviewers independently screened 6,418 records, and 57 studies met the inclusion criteria."),
        ("p", "Thorncastle et al. (2021) found that a family hub raised uptake. One ICB names an Executive Lead for Children and pools budgets by 2025."),
    ),
    # A national independent review of a service across all systems.
    "national-independent-review": doc(
        ("h1", "The Independent Review of Children's Community Health Services"),
        ("p", "Commissioned by the Department of Health and Social Care. Presented to the Secretary of State, November 2024."),
        ("p", "The Department asked the review to make recommendations to government, NHS England and local systems."),
        ("h2", "How we carried out the review"),
        ("p", "We visited 14 services in nine integrated care systems. My panel and I heard from 142 children and young people."),
        ("p", "One ICB has named its Executive Lead for Children and pools funding for therapies under a section 75 agreement by 2025."),
    ),
    # A professional body's response to an ICB's draft strategy.
    "response-to-a-draft": doc(
        ("h1", "Consultation response: NHS Fenmoor ICB draft strategy"),
        ("p", "The College welcomes the opportunity to comment on the ICB's draft strategy. The draft does not name a lead for children."),
        ("p", "We would urge the ICB to define children as aged 0 to 25. The final strategy should adopt CHILDS and name its SEND lead."),
        ("p", "The draft rightly commits to a youth panel, and a section 75 agreement pools funding for children's therapies by 2025."),
    ),
    # A local MP's newspaper column on the ICB's plan.
    "opinion-column": doc(
        ("h1", "Opinion | Our children cannot wait for the ICB"),
        ("p", "By Jo Hale, Member of Parliament for Fenmoor. I have read all 118 pages of the ICB's plan."),
        ("p", "The ICB's plan mentions schools only once. It states that every child will have the best start, by 2026."),
        ("p", "In my constituency 600 children wait for an autism assessment, and the ICB has an Executive Lead for Children."),
    ),
    # An inspectorate's letter to an area's partners after a joint inspection.
    "inspection-letter": doc(
        ("h1", "Joint targeted area inspection of the response to children's mental health in Fenmoor"),
        ("p", "This letter summarises the findings of the joint targeted area inspection in Fenmoor. It was carried out by inspectors from three inspectorates."),
        ("p", "Inspectors evaluated the records of 30 children. School staff told inspectors they are often not told when a pupil leaves CAMHS."),
        ("p", "The ICB's Designated Nurse gives strong leadership. Mental health support teams cover 60% of schools, and the council has a section 75 agreement."),
        ("p", "We have determined that Fenmoor Council is the principal authority and should prepare a written statement of action."),
    ),
    # A consultancy's web page about work for a client ICB.
    "consultancy-case-study-page": doc(
        ("h1", "Supporting Fenmoor and Tarn ICS to build a children's programme"),
        ("p", "Client: NHS Fenmoor and Tarn Integrated Care Board. Our team: 5 consultants over nine months."),
        ("p", "When the ICB came to us, children's health was spread across several programmes. We surveyed 900 young people through schools."),
        ("p", "The programme names an Executive Lead for Children, adopts CHILDS and pools funding under a section 75 agreement by 2025."),
        ("p", "How we can help. We have worked with 30 systems on their strategies."),
    ),
    # A national body's summary of what systems told it, neither guidance nor a review by name.
    "national-learning-summary": doc(
        ("p", "Publication reference: PRN01234"),
        ("h1", "Learning from systems: children and young people"),
        ("p", "This summary is intended to help ICBs and their partners learn from one another. It is not statutory guidance."),
        ("p", "We held conversations with Executive Leads for Children in twelve ICBs. Systems reported that sharing records remains hard."),
        ("p", "The systems furthest ahead had named an Executive Lead for Children and pooled budgets under a section 75 agreement by 2025."),
    ),
    # A national patient champion's report on children's access across England.
    "national-champion-report": doc(
        ("h1", "Voices England: The independent national champion for people who use health services"),
        ("p", "The report does not set out Voices England's own services or plans; it describes what families told us."),
        ("p", "We read the most recent versions for all 42 systems. Many systems name an Executive Lead for Children."),
        ("p", "Children in care wait longest. Family hubs open in every town by 2025 under a section 75 agreement."),
        ("h2", "For integrated care boards and integrated care partnerships"),
        ("li", "name an Executive Lead for Children and a SEND lead, with a way for families to contact them"),
    ),
    # Short ones whose first lines say what they are, with the news of others' plans in the
    # passive and a body named in the title (a reviewer's): two signs are enough.
    "short-news-item-in-the-passive": doc(
        ("h1", "Crisis line and new hubs for Pettlecombe's children"),
        ("p", "By Jo Tansy, Local Democracy Reporter"),
        ("p", "Four family hubs will be opened in Pettlecombe next year, the health board has announced."),
        ("p", "NHS Pettlecombe ICB will spend £3 million on the hubs. A crisis line for young people will be launched in May."),
        ("p", "Critics say the plans do not go far enough. An autism service will be commissioned from the autumn."),
    ),
    "short-evaluation-of-a-service": doc(
        ("h1", "Evaluation of the Quarnby Integrated Children's Team"),
        ("p", "This report presents the findings of an independent evaluation of the Quarnby Integrated Children's Team."),
        ("p", "We spoke to 30 staff and 12 families. Waits for a first appointment fell from 16 weeks to 8 weeks."),
        ("p", "The team will be extended to two more towns in 2025."),
        ("p", "We recommend that the ICB sets clear outcome measures for the team."),
    ),
    # A regulator's national annual report on the services it inspects (set JY's arrived as its
    # authors' own plan, 64.6): its examples and expectations are about others.
    "regulators-annual-report-chapter": doc(
        ("h1", "The state of health and care in England 2023/24"),
        ("p", "Annual report to Parliament"),
        ("p", "This chapter draws on 29 joint area SEND inspections. Of the 61 inpatient services, we rated 18 as requires improvement."),
        ("p", "In our assessments of integrated care systems, some had a children's section and a board-level lead for children."),
        ("p", "Integrated care systems vary widely in how they plan for children. Family hubs will open in every town by 2025."),
        ("p", "We expect integrated care boards to name an Executive Lead for Children. Next year we will publish a national review of transition."),
    ),
    # A national charity's survey of families across several areas (set KA's arrived as its
    # authors' own, 50.4): its findings, other areas' plans and its recommendations are about others.
    "charitys-survey-of-families-in-several-areas": doc(
        ("h1", "Still waiting: what parents of disabled children told us"),
        ("p", "Registered charity number 1190044. 71% of parents said their child had waited more than a year."),
        ("p", "Most parents had not heard of their local integrated care board. Experience varied widely between areas."),
        ("p", "In two other areas, parents told us that packages could not be delivered. Local plans were those published on ICB websites."),
        ("p", "All six strategies included a section on children. Family hubs will open in every town by 2025."),
        ("h2", "For the Department for Education"),
        ("li", "place clear duties on health partners to contribute to EHCPs"),
    ),
    "short-peer-challenge-with-plain-team-words": doc(
        ("h1", "Sallowmarsh children's health partnership"),
        ("p", "Final report, November 2024"),
        ("p", "Sallowmarsh is a rural county of 480,000 people."),
        ("p", "The Local Government Association carried out a peer challenge of the partnership in October 2024."),
        ("p", "The team heard that a single point of access will be introduced in April 2025."),
        ("p", "A new autism pathway will be launched in 2025. A Designated Clinical Officer will be appointed in January, partners said."),
    ),
}


@pytest.mark.parametrize("kind", REVIEWS_OF_OTHER_SYSTEMS)
def test_default_rubric_a_document_about_other_systems_earns_only_for_its_own_making(
    default_compiled: CompiledRubric, kind: str
) -> None:
    document = REVIEWS_OF_OTHER_SYSTEMS[kind]
    assert analyse(document, default_compiled).review_document
    assert set(_credited(document, default_compiled)) <= OWN_MAKING_CRITERIA


OWN_DOCUMENTS_WITH_WORDS_REVIEWS_USE = {
    # Evidence cited, and a review of its own service.
    "citations": doc(
        ("h1", "Our children and young people's plan"),
        ("p", "Poverty shapes children's health (Marmot et al., 2020). Early help works best when it is local (Hale et al., 2021)."),
        ("p", "In 2023 we carried out a rapid review of our CAMHS single point of access. A systematic review of family hubs informed our model."),
        ("p", "Partners need to work together differently. The ICS needs to shift resources towards prevention."),
        ("p", "Family hubs will open in every town by 2025. The Designated Clinical Officer will lead the SEND work."),
    ),
    # A board paper on its own draft.
    "board-paper-on-its-own-draft": doc(
        ("h1", "ICB Board: draft children and young people's plan"),
        ("p", "The draft does not yet include a workforce section. The final plan should include measurable targets."),
        ("p", "We would ask the Board to note the engagement so far. Many respondents said the draft does not say enough about SEND."),
        ("p", "The plan will name an Executive Lead for Children by April 2025 and open four family hubs."),
    ),
    # An own plan whose IT systems are the subject of a sentence.
    "own-plan-about-its-it-systems": doc(
        ("h1", "Our children's digital plan"),
        ("p", "Systems described in section 4 will be replaced by one shared care record by 2026."),
        ("p", "Systems reported as unlinked in the 2023 audit were GP and school nursing records."),
        ("p", "We held conversations with the three record systems suppliers in April."),
        ("p", "Systems shared across the two councils include the early help case management system."),
        ("p", "We reviewed the current versions of the systems used by community providers."),
        ("p", "Family hubs will open in every town by 2025. The Designated Clinical Officer will lead the SEND work."),
    ),
    # A plan in the third person that benchmarks itself against other systems under a heading.
    "benchmarking-under-its-heading": doc(
        ("h1", "NHS Fernvale ICB: children and young people's strategy"),
        ("h2", "Benchmarking"),
        ("p", "Systems reported waits for autism assessment of up to two years. Most systems named workforce as the main barrier."),
        ("p", "The systems furthest ahead had a single waiting list. Following conversations with five comparator ICBs, a single list will open in 2025."),
        ("h2", "Priorities"),
        ("p", "Family hubs will open in every town by 2025. The Designated Clinical Officer will lead the SEND work."),
    ),
    # A strategy in the third person and the passive, whose benchmarking paragraph has no heading
    # of its own: its named body's and its passive actions are its own commitments.
    "third-person-strategy-benchmarking-without-a-heading": doc(
        ("h1", "Fernvale integrated care strategy 2024 to 2029"),
        ("p", "Systems reported waits for autism assessment of up to two years. Most systems named workforce as the main barrier."),
        ("p", "The systems furthest ahead had a single waiting list. Several ICBs told us that pooled budgets helped."),
        ("p", "Conversations with five comparator ICBs informed the model."),
        ("p", "NHS Fernvale Integrated Care Board will fund a single neurodevelopmental waiting list from 2025."),
        ("p", "A single point of access will be introduced in 2025. Family hubs will be established in every town by 2026."),
        ("p", "Fernvale Health and Care Partnership will publish progress each year. A Designated Clinical Officer will be appointed."),
    ),
    # An own plan's asks of national bodies, and the scope statement of its foreword.
    "asks-of-national-partners": doc(
        ("h1", "Joint forward plan: children and young people"),
        ("p", "This document does not set out each partner organisation's own plans. It does not set new requirements on providers."),
        ("h2", "To NHS England:"),
        ("li", "publish waiting time data for children's community services"),
        ("li", "fund the consistent child identifier"),
        ("h2", "To local authorities and the Department for Education:"),
        ("li", "share school attendance data for children with long-term conditions"),
        ("p", "Family hubs will open in every town by 2025. The Designated Clinical Officer will lead the SEND work."),
    ),
    # A board paper addressed to the board, with its own actions.
    "board-paper-to-the-board": doc(
        ("h1", "To the Integrated Care Board, 12 May 2025"),
        ("p", "Children's and young people's plan: progress report. This report does not set out our adult services."),
        ("p", "Family hubs will open in every town by 2025. The Designated Clinical Officer will lead the SEND work."),
    ),
    # An own plan that opens with the peer challenge and the evaluation of its own services.
    "own-plan-opening-with-its-peer-challenge": doc(
        ("h1", "Our children and young people's plan 2025 to 2028"),
        ("p", "In 2024 the Local Government Association carried out a peer challenge of our partnership."),
        ("p", "The independent evaluation of our family hubs pilot found that families valued one front door."),
        ("p", "We will open family hubs in every town by 2026. We will name an Executive Lead for Children."),
        ("p", "We will publish a young people's version of this plan."),
    ),
    # Own plans that cite their own peer review or evaluation, and their own interviews (a
    # reviewer's: each was read as a review when such a sentence counted whoever was reviewed).
    "own-report-on-its-own-peer-challenge": doc(
        ("h1", "Ashwell Children and Young People's Partnership: annual report 2023/24"),
        ("p", "In November 2023 the Local Government Association carried out a peer challenge of our SEND partnership at our request."),
        ("p", "According to the peer review, transition was the weakest part of the pathway. Healthwatch Ashwell heard from 60 families."),
        ("p", "A single front door will be launched in September 2024. Two more family hubs will open by March 2025."),
    ),
    "own-plan-citing-the-evaluation-of-its-service": doc(
        ("h1", "Bramwick children's mental health plan"),
        ("p", "This plan draws on the findings of an independent evaluation of our CAMHS single point of access."),
        ("p", "The evaluation found that waits fell. We interviewed 30 young people who had used CAMHS, according to our survey plan."),
        ("p", "A crisis line will be introduced in 2025. Having heard from parents, a waiting well offer will be introduced."),
    ),
    # An own plan that speaks of its assessments of children's needs and the services it commissions.
    "own-plan-with-its-assessments-and-services": doc(
        ("h1", "Fernvale children and young people's plan"),
        ("p", "In our assessments of children's needs, waits for speech and language therapy stood out. We expect waits to fall."),
        ("p", "The services we commission for children will be reviewed in 2025. Where services did this well, families felt supported."),
        ("p", "Family hubs will open in every town by 2025. The Designated Clinical Officer will lead the SEND work."),
    ),
    # Own reports in words a regulator also uses (a reviewer's: each went to 0 when such words
    # counted whoever used them): a trust's internal visits, an ICB's expectations of providers,
    # a director of public health calling on government, a Bill laid before Parliament.
    "own-annual-report-in-a-regulators-words": doc(
        ("h1", "Bramwick ICB children and young people's programme: annual report 2024/25"),
        ("p", "The Children's Wellbeing and Schools Bill was laid before Parliament in December 2024."),
        ("p", "We expect providers to publish a recovery plan for community paediatrics. The areas we visited in Ashwell had the longest waits."),
        ("p", "Where services did this well, families felt supported. We call on government to fund community paediatrics."),
        ("p", "Of the services we inspected internally, we rated four as good. Waits fell from 60 weeks to 41 weeks."),
    ),
    # A JFP whose printed board opinions criticise its draft in a reviewer's words ("The draft
    # plan does not ...", "We would urge the ICB to ..."): its statutory appendix, not a review.
    "jfp-with-critical-board-opinions": doc(
        ("h1", "Joint forward plan 2024 to 2029"),
        ("p", "We will open family hubs in every town by 2025. A Designated Clinical Officer will be appointed."),
        ("h2", "Appendix A: Statements of opinion from the Health and Wellbeing Boards"),
        ("h3", "A1. Fernvale Health and Wellbeing Board"),
        ("p", "The draft plan does not name a safeguarding lead. The plan does not include a dedicated section on SEND."),
        ("p", "We would urge the ICB to publish its leads. Your JFP should say more about children in care."),
    ),
    # An own action plan answering an inspection, restating its findings.
    "inspection-action-plan": doc(
        ("h1", "Fenmoor joint targeted area inspection: partnership action plan"),
        ("p", "The inspection was carried out by inspectors from Ofsted, CQC and HMICFRS. Leaders told inspectors that waits were too long."),
        ("p", "Inspectors sampled 30 children's records. The letter said the council should prepare a written statement of action."),
        ("p", "The Designated Nurse will lead a new information sharing protocol by March 2025. CAMHS waits will fall to 18 weeks by 2026."),
    ),
}


@pytest.mark.parametrize("kind", OWN_DOCUMENTS_WITH_WORDS_REVIEWS_USE)
def test_default_rubric_an_own_document_using_words_reviews_use_is_still_its_own(default_compiled: CompiledRubric, kind: str) -> None:
    # Found by a reviewer: citations, a rapid review of its own service, "the draft does not yet",
    # "Partners need to", an action plan restating its inspection each once made an own plan read
    # as about others.
    assert not analyse(OWN_DOCUMENTS_WITH_WORDS_REVIEWS_USE[kind], default_compiled).review_document


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("NHS Fernvale Integrated Care Board will fund a single waiting list.", "own_name"),
        ("Fernvale and Ashwell ICB will publish progress each year.", "own_name"),
        ("A single point of access will be introduced in 2025.", "own_action"),
        ("Each ICB will receive a minimum of £1.2 million.", None),
        ("Plans should describe how NHS Fernvale ICB will meet the duty.", None),
        ("Fernvale ICB will need to agree a plan with its councils.", None),
        ("Plans should set out how a consistent child identifier will be introduced.", None),
        ("Leaders said that a new Designated Clinical Officer will be appointed.", None),
        ("NHS England will publish the guidance in 2025.", None),
    ],
)
def test_default_rubric_which_third_person_or_passive_actions_are_cued(default_compiled: CompiledRubric, sentence: str, cue: str | None) -> None:
    # A plan in the third person has no "we will": its passive actions and its own body named
    # are cued (advice, reported speech and a question about how are not).
    found = {name for name in ("commitment", "own_action", "own_name") if CUE + name in analyse(doc(("p", sentence)), default_compiled).sentences[0].groups}
    assert found == ({cue} if cue else set())


@pytest.mark.parametrize(
    ("title", "counted"),
    [("Fernvale integrated care strategy 2024 to 2029", True), ("Children in joint forward plans: a briefing", False)],
)
def test_default_rubric_a_body_named_counts_as_its_own_only_when_the_title_names_it(default_compiled: CompiledRubric, title: str, counted: bool) -> None:
    # Five review cues and four sentences naming NHS Fernvale ICB: in Fernvale's own strategy
    # they are its commitments (so it is no review); in a briefing they are another body's plans.
    cues = ("Systems reported long waits.", "The systems furthest ahead had one list.", "Several ICBs told us that pooling helped.")
    named = ("NHS Fernvale ICB will fund one list.", "NHS Fernvale ICB will open hubs.", "NHS Fernvale ICB will name a lead.", "NHS Fernvale ICB will pool budgets.")
    opening = "This document sets out priorities for children. It covers five years. It was agreed in March."
    document = doc(("h1", title), ("p", opening), ("p", " ".join(cues)), ("p", "Conversations with five comparator ICBs informed this."), ("p", " ".join(named)))
    assert analyse(document, default_compiled).review_document is not counted


def test_default_rubric_a_document_titled_as_its_own_action_plan_is_its_own(default_compiled: CompiledRubric) -> None:
    # It restates what the peer team found, in the team's words, then sets its actions in the
    # passive: counted, its cues would make it a review; its title says whose it is.
    findings = [
        ("p", "The peer team heard that families wait too long. The peer team found that leadership for SEND is unclear."),
        ("p", "The peer team noted that schools are not involved. The peer team did not see a shared outcomes framework."),
        ("p", "The Designated Clinical Officer will lead the outcomes framework by March 2025. Waits will fall to 18 weeks by 2026."),
    ]
    own = doc(("h1", "Fenmoor SEND peer challenge: partnership action plan"), *findings)
    assert not analyse(own, default_compiled).review_document
    guidance = doc(("h1", "Guidance for councils on writing a SEND improvement plan after a peer challenge"), *findings)
    assert analyse(guidance, default_compiled).review_document


def test_default_rubric_a_bodys_reply_to_a_report_about_it_is_its_own(default_compiled: CompiledRubric) -> None:
    # It sums up the report's findings about it, then accepts the recommendations with actions:
    # its own plan, however much of it repeats what the report found.
    reply = doc(
        ("h1", "NHS Fenmoor ICB: response to Healthwatch Fenmoor's report on young people's mental health"),
        ("p", "Thank you for sharing the report with us. We accept all six recommendations. We will report progress to the Youth Health Panel every six months."),
        ("h2", "Summary of the Healthwatch findings"),
        ("p", "Healthwatch Fenmoor spoke to 300 young people. 58% of young people waited more than 18 weeks."),
        ("p", "Many young people did not know where to go while they waited. The ICB should reduce waits, Healthwatch recommended."),
        ("h2", "Our response"),
        ("p", "Recommendation 1: reduce waits. Response: Accepted."),
        ("p", "Actions: we will fund eight more mental health practitioners for children from April 2025."),
        ("p", "Recommendation 2: help young people while they wait. Response: Accepted."),
        ("p", "Actions: we will send every young person on the waiting list a waiting well pack by June 2025."),
        ("p", "Recommendation 3: support at 18. Response: Accepted."),
        ("p", "Actions: we will agree a transition plan with every young person in CAMHS at 17 and a half from September 2025."),
    )
    assert not analyse(reply, default_compiled).review_document
    assert _credited(reply, default_compiled)


def test_default_rubric_a_strategy_naming_its_places_and_partners_is_not_a_review(default_compiled: CompiledRubric) -> None:
    own = doc(
        ("h1", "Our children and young people's strategy"),
        ("p", "We will name an executive lead for children by April 2025. All five family hubs will open on Saturdays."),
        ("p", "Our three places will each set up a children's partnership. We will publish a young people's version."),
    )
    assert not analyse(own, default_compiled).review_document
    assert _credited(own, default_compiled)  # its own commitments count


def test_default_rubric_a_report_that_names_its_outside_author_first_needs_fewer_signs(default_compiled: CompiledRubric) -> None:
    # A Healthwatch-style report is mostly what young people told it; its opening line says who
    # wrote it, so a few signs in the body (its recommendations to the ICB) settle the genre.
    lines = [("h1", "Healthwatch Wrenbury: what 400 young people told us")]
    lines += [("p", f"Young people told us that waits for help number {n} were too long and that they were not listened to.") for n in range(60)]
    lines += [
        ("p", "The ICB should publish how long young people wait. We recommend that the council trains receptionists."),
        ("p", "Response from NHS Wrenbury ICB: we welcome this report."),
    ]
    report = doc(*lines)
    assert analyse(report, default_compiled).review_document
    assert set(_credited(report, default_compiled)) <= OWN_MAKING_CRITERIA
    # Control: the same body without the opening is a plan's long engagement section, not a review.
    assert not analyse(doc(("h1", "Our plan for children and young people"), *lines[1:]), default_compiled).review_document


# What a document that reviews or advises others may still earn: how it was itself made.
OWN_MAKING_CRITERIA = {"CP1", "CP2", "CP3", "CP4", "CP5", "CP6", "CP7", "IN6"}


def _credited(document, compiled: CompiledRubric) -> dict[str, str]:
    """Criterion -> level for every criterion the document meets at least in part."""
    return {f.criterion: f.level for f in judge_document(document, compiled)[0] if f.level != "not_met"}


# ------------------------------------------------------------ item references in delivery tables


@pytest.mark.parametrize(
    ("text", "matched_as"),
    [
        ("1. Develop a plan", "Develop a plan"),
        ("2.3 Reduce waits", "Reduce waits"),
        ("B3 Launch the service", "Launch the service"),
        ("SW2 | Extend the teams", "Extend the teams"),
        ("Q2 2025/26 | Launch the service", "Q2 2025/26 | Launch the service"),
        ("12.5 per cent of children are obese", "12.5 per cent of children are obese"),
        ("2.4 times higher than in England", "2.4 times higher than in England"),
        ("NHS111 calls rose", "NHS111 calls rose"),
    ],
)
def test_an_items_own_number_or_table_reference_is_left_out_when_matching(text: str, matched_as: str) -> None:
    assert LEADING_NUMBER.sub("", text) == matched_as


def test_default_rubric_a_quoted_speakers_credit_is_not_matched(default_compiled: CompiledRubric) -> None:
    # Who said a quoted line names the speaker's youth council, not a mechanism of the plan's; the
    # evidence a user sees still quotes the sentence as written. A name in quotation marks followed
    # by the plan's own words is not a quotation.
    credited = '"Why can\'t they just talk to each other?" - young person, Tollgate Youth Council'
    plan = doc(("h1", "Our plan for children and young people"), ("h2", "What you told us"), ("p", credited))
    assert judge(default_compiled, plan)["CP5"].level == "not_met"
    sentence = next(s for s in analyse(plan, default_compiled).sentences if "Tollgate" in s.text)
    assert sentence.text == credited
    # A quotation of two sentences: the credit follows the second, which does not open with a
    # quotation mark but continues the one begun before it.
    two = '"Every time I go somewhere new they ask the same questions. Why can\'t they talk to each other?" - young person, Tollgate Youth Council'
    longer = doc(("h1", "Our plan for children and young people"), ("h2", "What you told us"), ("p", two))
    assert judge(default_compiled, longer)["CP5"].level == "not_met"
    named = doc(
        ("h1", "Our plan for children and young people"),
        ("h2", "Hearing from young people"),
        ("p", 'Young people chose the name "Voice Up" - the youth board meets monthly to advise the ICB.'),
    )
    assert judge(default_compiled, named)["CP5"].level == "met"


# ------------------------------------------------ a review's own making, not the systems it praises


def _briefing_with(engagement: str) -> ParsedDocument:
    return doc(
        ("h1", "Children in integrated care: a parliamentary briefing"),
        ("p", "We received written evidence from 37 organisations. Only 6% of strategies and 17% of JFPs highlighted how engagement influenced them."),
        ("p", "NHS England should require every ICB to name an Executive Lead for Children. Integrated care boards should publish a young people's version."),
        ("p", "Three of the five systems consulted parents but not children. No system refers to the CHILDS framework."),
        ("p", engagement),
    )


def test_default_rubric_a_review_is_not_credited_for_another_systems_youth_board_reviewing_its_draft(
    default_compiled: CompiledRubric,
) -> None:
    # Found in set JR: a briefing's example of good practice elsewhere ("In Fernvale, the ICP worked
    # with a youth board ..., who reviewed the draft strategy") was read as how the briefing was made.
    elsewhere = _briefing_with(
        "In Ashwell, the integrated care partnership worked with a youth board of 30 young people, who reviewed the draft strategy and secured changes to its priorities."
    )
    own = _briefing_with("A panel of 12 young people aged 14 to 19 reviewed the first draft of this briefing.")
    assert analyse(elsewhere, default_compiled).review_document and analyse(own, default_compiled).review_document
    assert "CP2" not in _credited(elsewhere, default_compiled)
    assert "CP2" in _credited(own, default_compiled)


# ------------------------------------------------ a JFP's printed opinions of its boards


def _jfp_with_opinions(*blocks: tuple) -> ParsedDocument:
    return doc(
        ("h1", "Joint forward plan 2024 to 2029"),
        ("h2", "Children and young people"),
        ("p", "We will have Mental Health Support Teams in 80% of schools by March 2025."),
        *blocks,
    )


def test_default_rubric_a_jfps_printed_board_opinions_are_the_boards_not_the_plans(default_compiled: CompiledRubric) -> None:
    # Sets JP and JS: each board's statement sits under a sub-heading of the appendix; the boards'
    # wishes ("would like future plans to take an intersectional approach", "asks that the ICB
    # considers CHILDS") are not the plan's approach, but the plan's own reply is.
    document = _jfp_with_opinions(
        ("h2", "Appendix A: Statements of opinion from the Health and Wellbeing Boards"),
        ("h3", "A1. Fernvale Health and Wellbeing Board"),
        ("p", "Members would like future plans to take an intersectional approach, recognising that children may face poverty and disability at the same time."),
        ("h3", "Ashwell Health and Wellbeing Board (meeting of 6 February 2024)"),
        ("p", "The Board asks that the ICB adopts the Child Health Integrated Learning and Delivery System (CHILDS) framework."),
        ("p", "In response, we will adopt the CHILDS framework in 2025."),
    )
    credited = _credited(document, default_compiled)
    assert "EQ6" not in credited
    assert credited.get("EQ9") == "met"  # from the plan's own reply only
    reply = next(s for s in analyse(document, default_compiled).sentences if s.text.startswith("In response"))
    board = next(s for s in analyse(document, default_compiled).sentences if s.text.startswith("The Board asks"))
    assert reply.own_voice and not board.own_voice


def test_default_rubric_an_opinion_heading_guessed_too_high_does_not_take_the_plan_with_it(default_compiled: CompiledRubric) -> None:
    # A reviewer's plain text: the board's statement near the top in capitals (read as a level-1
    # heading), the plan's own sections after it in mixed case (read as its sub-sections).
    document = doc(
        ("h1", "STATEMENT OF OPINION FROM THE FERNVALE HEALTH AND WELLBEING BOARD"),
        ("p", "The Board has considered this plan and is satisfied that it takes account of the Joint Local Health and Wellbeing Strategy."),
        ("h2", "Children and young people"),
        ("p", "Looked after children and care leavers will be offered an annual dental check from April 2024."),
    )
    assert _credited(document, default_compiled).get("EQ3") == "met"


def test_an_en_dash_in_a_range_reads_as_a_hyphen(default_compiled: CompiledRubric) -> None:
    # Typeset documents write ranges with an en dash ("aged 14–23"); it is folded for matching only,
    # so the levels are those of the hyphen and the quote keeps the dash as written.
    text = "Our 14 Youth Wellbeing Champions (aged 14{}23) co-designed the survey, ran four focus groups and helped write this plan."
    hyphen, dash = (judge(default_compiled, doc(("h1", "How we developed this plan"), ("p", text.format(mark)))) for mark in "-–")
    assert hyphen["CP2"].level == "met"
    assert {c: f.level for c, f in dash.items()} == {c: f.level for c, f in hyphen.items()}
    assert "(aged 14–23)" in dash["CP2"].evidence[0].quote
