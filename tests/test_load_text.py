"""Markdown and plain-text loading: headings, lists, paragraphs, source line numbers, sniffing."""

from __future__ import annotations

from pathlib import Path

import pytest

from hpig_audit.load import load_document
from hpig_audit.load.sniff import detect_type
from tests import docgen

MARKDOWN = """---
title: front matter is skipped
---
# Our **Strategy**

Children and [young people](https://example.org) come _first_.
This line continues the paragraph ![logo](logo.png).

Starting well
-------------

- Family hubs in every district
  with a lazy continuation line
* Health visiting
1. Numbered item

| Measure | Target |
|---------|--------|
| Immunisation | 95% |

> A quoted line from a young person.

```
code stays as text
```
"""


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_markdown_blocks_lines_and_sections(tmp_path: Path) -> None:
    doc = load_document(_write(tmp_path, "s.md", MARKDOWN))
    assert doc.type == "markdown" and doc.title == "Our Strategy"
    got = [(b.kind, b.level, b.line, b.text) for b in doc.blocks]
    assert got == [
        ("heading", 1, 4, "Our Strategy"),
        ("paragraph", None, 6, "Children and young people come first. This line continues the paragraph ."),
        ("heading", 2, 9, "Starting well"),
        ("list_item", None, 12, "Family hubs in every district with a lazy continuation line"),
        ("list_item", None, 14, "Health visiting"),
        ("list_item", None, 15, "Numbered item"),
        ("table", None, 17, "Measure | Target"),
        ("table", None, 19, "Immunisation | 95%"),
        ("paragraph", None, 21, "A quoted line from a young person."),
        ("paragraph", None, 24, "code stays as text"),
    ]
    assert {b.section for b in doc.blocks[3:]} == {"Starting well"}


def test_markdown_written_by_docgen_round_trips(tmp_path: Path) -> None:
    blocks = [("h1", "Plan"), ("p", "Intro."), ("h2", "Aims"), ("li", "One"), ("li", "Two"), ("p", "End.")]
    doc = load_document(str(docgen.write_markdown(tmp_path / "plan.md", blocks)))
    assert [(b.kind, b.text, b.line) for b in doc.blocks] == [
        ("heading", "Plan", 1), ("paragraph", "Intro.", 3), ("heading", "Aims", 5),
        ("list_item", "One", 7), ("list_item", "Two", 8), ("paragraph", "End.", 10),
    ]


WEB_COPY = """Skip to main content
Language Translation
Menu
Scroll to Top

NHS ANYTOWN INTEGRATED CARE STRATEGY

Introduction
This strategy sets out how the NHS, councils and the voluntary sector will work together to improve the health of babies, children and young people.
Every child should have the best start in life, and we will measure whether they do through school readiness and immunisation rates.
Our priorities
We will focus on the first 1,001 days, on mental health support in schools, and on planned transitions to adult services.

Young people told us that they wanted:
- shorter waits for mental health support
• somewhere safe to go after school
1. more say in how services are run

This paragraph was hard-wrapped by an editor at about
sixty characters, so its lines must be joined back into
one paragraph of text.
Back to top
"""


def test_text_headings_paragraphs_lists_and_boilerplate(tmp_path: Path) -> None:
    doc = load_document(_write(tmp_path, "copied.txt", WEB_COPY))
    assert doc.type == "text" and doc.title == "NHS ANYTOWN INTEGRATED CARE STRATEGY"
    got = [(b.kind, b.line, b.text[:40]) for b in doc.blocks]
    assert got == [
        ("heading", 6, "NHS ANYTOWN INTEGRATED CARE STRATEGY"),
        ("heading", 8, "Introduction"),
        ("paragraph", 9, "This strategy sets out how the NHS, coun"),
        ("paragraph", 10, "Every child should have the best start i"),
        ("heading", 11, "Our priorities"),
        ("paragraph", 12, "We will focus on the first 1,001 days, o"),
        ("paragraph", 14, "Young people told us that they wanted:"),
        ("list_item", 15, "shorter waits for mental health support"),
        ("list_item", 16, "somewhere safe to go after school"),
        ("list_item", 17, "1. more say in how services are run"),
        ("paragraph", 19, "This paragraph was hard-wrapped by an ed"),
    ]
    assert doc.blocks[-1].text.endswith("must be joined back into one paragraph of text.")
    assert doc.blocks[3].section == "Introduction" and doc.blocks[-1].section == "Our priorities"
    assert doc.blocks[0].level == 1 and doc.blocks[1].level == 2
    for block in doc.blocks:
        assert block.text not in ("Skip to main content", "Language Translation", "Menu", "Scroll to Top", "Back to top")


def test_text_written_by_docgen(tmp_path: Path) -> None:
    blocks = [("h1", "Joint Forward Plan"), ("p", "A first paragraph that is clearly longer than the heading."),
              ("h2", "Best start in life"), ("p", "Another paragraph of ordinary running text."), ("li", "An item")]
    doc = load_document(str(docgen.write_text(tmp_path / "plan.txt", blocks)))
    assert [(b.kind, b.text, b.line) for b in doc.blocks] == [
        ("heading", "Joint Forward Plan", 1),
        ("paragraph", "A first paragraph that is clearly longer than the heading.", 3),
        ("heading", "Best start in life", 5),
        ("paragraph", "Another paragraph of ordinary running text.", 7),
        ("list_item", "An item", 9),
    ]


@pytest.mark.parametrize("name, text", [("s.md", MARKDOWN), ("copied.txt", WEB_COPY)])
@pytest.mark.parametrize("ending", ["\r\n", "\r"], ids=["windows", "old-mac"])
def test_line_endings_give_the_same_blocks_and_lines(tmp_path: Path, name: str, text: str, ending: str) -> None:
    """Evidence cites line numbers, so a file saved on Windows or an old Mac must cite the same lines."""
    unix = load_document(_write(tmp_path, name, text))
    other_path = tmp_path / ("other-" + name)
    other_path.write_bytes(text.replace("\n", ending).encode("utf-8"))
    other = load_document(str(other_path))
    assert len(unix.blocks) > 5
    assert [(b.kind, b.line, b.text, b.section) for b in other.blocks] == [
        (b.kind, b.line, b.text, b.section) for b in unix.blocks
    ]


def test_text_copied_from_a_web_page_one_paragraph_per_line(tmp_path: Path) -> None:
    # No blank lines: a heading follows a short sentence, a list item or another heading, and a
    # list item ends at its line (the paragraph after it is not part of it).
    text = (
        "Our plan for children\n"
        "Why this plan matters\n"
        "Every child in Hobbleden should have the best start in life, and we will work with families, schools and the voluntary sector to make that happen.\n"
        "We will do three things.\n"
        "What we will do\n"
        "By March 2026 we will:\n"
        "- open four family hubs\n"
        "- name a lead for children with SEND\n"
        "Each hub will have a health visitor, an early help worker and a youth worker, and families will be able to drop in.\n"
        "For young people:\n"
        "- a youth health drop-in in every secondary school by September 2026, run with the school nursing service\n"
        "How we will know\n"
        "We will publish a dashboard of outcomes for children every quarter, starting in June 2025, and report it to the board.\n"
    )
    doc = load_document(_write(tmp_path, "web.txt", text))
    assert [(b.kind, b.text[:30]) for b in doc.blocks] == [(kind, text[:30]) for kind, text in [
        ("heading", "Our plan for children"),
        ("heading", "Why this plan matters"),
        ("paragraph", "Every child in Hobbleden should"),
        ("paragraph", "We will do three things."),
        ("heading", "What we will do"),
        ("paragraph", "By March 2026 we will:"),
        ("list_item", "open four family hubs"),
        ("list_item", "name a lead for children with "),
        ("paragraph", "Each hub will have a health vis"),
        ("paragraph", "For young people:"),  # a list's lead-in, not a heading
        ("list_item", "a youth health drop-in in every"),
        ("heading", "How we will know"),
        ("paragraph", "We will publish a dashboard of"),
    ]]
    assert doc.blocks[-1].section == "How we will know"
    # Facts, dates and a table's header row are not headings, however short.
    facts = load_document(_write(tmp_path, "facts.txt", (
        "Our plan for children\n"
        "Hobbleden in numbers\n"
        "Population: 241,600\n"
        "Children and young people under 18 make up almost a quarter of our residents, more than in England as a whole.\n"
        "11 March 2025\n"
        "The board agreed the plan at its meeting in March, after a long discussion of the waiting times for children.\n"
        "Action | Lead | By\n"
        "Open four family hubs | Director of Children's Services | March 2026\n"
    )))
    headings = [b.text for b in facts.blocks if b.kind == "heading"]
    assert headings == ["Our plan for children", "Hobbleden in numbers"]
    # A copied page (hardly a blank line): a line that does not end a sentence is a block of its own.
    facts_lines = ["Children and young people under 18: 58,900 (24.4%, higher than the England average)",
                   "Children living in the most deprived fifth of neighbourhoods in England: 14,200 (24%)"]
    page = "\n".join(facts_lines
                     + ["Every child in Hobbleden should have the best start in life, and we will work with families to make that happen."] * 10)
    assert [b.text for b in load_document(_write(tmp_path, "page.txt", page)).blocks][:2] == facts_lines
    # A sentence broken across two lines after a heading is not a heading over its second half.
    broken_sentence = load_document(_write(tmp_path, "broken-sentence.txt", text.replace(
        "How we will know\n", "How we will know\nAs partners, we are changing how services work across the\nwhole of Hobbleden.\n")))
    assert [b.text for b in broken_sentence.blocks if b.kind == "heading"][-1] == "How we will know"
    # A list item broken mid-sentence across two lines is still one item.
    broken = load_document(_write(tmp_path, "broken.txt", text.replace("- open four family hubs\n", "- open four family hubs in the areas with\nthe most children\n")))
    assert "open four family hubs in the areas with the most children" in [b.text for b in broken.blocks]


def test_web_copied_text_keeps_colon_headings_attributions_slogans_and_wrapped_sentences_apart(tmp_path: Path) -> None:
    # Cases a review found: each pair of lines must read as it would to a person.
    long = "Every child in Hobbleden should have the best start in life, and we will work with families and schools to make that happen."
    text = "\n".join([
        "Our plan for children", long,
        "Learning from other areas:",  # a heading over text (not a lead-in: no list follows)
        "In Ilverton, the council and the ICB pooled their budgets for children with complex needs in 2023, and waits fell by half.",
        "\u201cI want help before things get bad.\u201d",
        "Young person, Hobbleden Youth Forum",  # who said it, not a heading
        long,
        "Every child matters",  # a slogan over a short sentence, not a heading
        "We say this often.",
        long,
        "We will explore the options for:",  # a lead-in: its unbulleted lines are its items
        "a pooled budget for children with complex needs",
        "a single front door for families",
        "We will report on this to the board in March.",
    ])
    blocks = load_document(_write(tmp_path, "copied.txt", text + "\n")).blocks
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings == ["Our plan for children", "Learning from other areas:"]
    assert next(b for b in blocks if b.text.startswith("In Ilverton")).section == "Learning from other areas:"
    items = [b.text for b in blocks if b.kind == "list_item"]
    assert items == ["a pooled budget for children with complex needs", "a single front door for families"]
    assert next(b for b in blocks if b.text.startswith("We will report")).kind == "paragraph"
    # Text copied from a PDF, hard-wrapped with no blank lines: its sentences are not cut at line ends.
    wrapped = "\n".join([
        long,
        "By 2028 we will reduce emergency admissions for asthma among children by 20% and make sure that",
        "every school has an asthma-friendly policy, working with the school nursing service and with GPs",
        "in each of our four localities, starting with the neighbourhoods where admissions are highest.",
    ])
    texts = [b.text for b in load_document(_write(tmp_path, "wrapped.txt", wrapped + "\n")).blocks]
    assert texts[-1].startswith("By 2028 we will reduce") and texts[-1].endswith("where admissions are highest.")


def test_a_quotations_speaker_on_its_own_after_a_blank_line_is_not_a_heading(tmp_path: Path) -> None:
    text = "\n\n".join([
        "OUR VISION",
        "Every child in Hobbleden grows up healthy, happy and safe.",
        "\u201cWe want every young person to have a say in the services they use.\u201d",
        "Amira Khan, Youth Council Chair",  # who said it: stays in OUR VISION
        "\"Nobody asked us before.\"",
        "- Jo, aged 15",
        "\"We welcome this report.\"",
        "YOU SAID, WE DID",  # a heading in capitals after a quotation
        "We changed the opening hours of the clinic after young people asked us to.",
        "\"We will act on it.\"",
        "Ilverton Borough Council, Children's Services\n\"The council's leaving care service will work with health colleagues to give every care leaver a health summary.\"",  # over its own quotation
        "Our priorities",  # a heading after a quotation, with no comma
        "We will name an executive lead for children by April 2025.",
        "A Year 9 student said: \u201cI want to be asked, not told.\u201d",
        "Children, Young People and Families",  # the speaker is named before the quotation: a heading
        "We will publish a young people's version of this plan by September 2025.",
    ])
    blocks = load_document(_write(tmp_path, "quotes.txt", text + "\n")).blocks
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings == ["OUR VISION", "YOU SAID, WE DID", "Ilverton Borough Council, Children's Services", "Our priorities",
                        "Children, Young People and Families"]
    assert next(b for b in blocks if b.text == "Amira Khan, Youth Council Chair").section == "OUR VISION"
    assert next(b for b in blocks if b.text == "- Jo, aged 15" or b.text == "Jo, aged 15").section == "OUR VISION"


def test_the_first_run_of_two_short_lines_is_the_title(tmp_path: Path) -> None:
    text = ("HOBBLEDEN AND ILVERTON\nChildren and Young People's Mental Health Crisis Plan 2025 to 2027\n\n"
            "Produced by NHS Hobbleden and Ilverton Integrated Care Board with its partners in both places.\n\n"
            "Contact us\nWrite to the children's team at the address below.\n")
    blocks = load_document(_write(tmp_path, "title.txt", text)).blocks
    assert [b.text for b in blocks if b.kind == "heading"] == [
        "HOBBLEDEN AND ILVERTON", "Children and Young People's Mental Health Crisis Plan 2025 to 2027", "Contact us"]
    # Later in the document two short lines are a heading over a short paragraph, as before.
    assert blocks[-1].kind == "paragraph" and blocks[-1].section == "Contact us"


def test_sub_numbered_actions_in_one_run_are_items_and_numbered_paragraphs_stay_paragraphs(tmp_path: Path) -> None:
    text = (
        "WORKSTREAM 4: CHILDREN WITH COMPLEX NEEDS\n\n"
        "  4.1 Recruit an epilepsy specialist nurse for children with complex disabilities, so\n"
        "      that every child with epilepsy has a review at least once a year (by December 2025)\n"
        "  4.2 Agree a shared advance care planning approach for children with life-limiting\n"
        "      conditions with the children's hospice (by March 2026)\n\n"
        "BACKGROUND\n\n"
        "2.3 Shifting the balance of care from treatment to prevention is one of our four priorities.\n\n"
        "2.4 The programme board meets every month and reports to the ICB board each quarter.\n"
    )
    doc = load_document(_write(tmp_path, "workstreams.txt", text))
    assert [(b.kind, b.text[:30]) for b in doc.blocks] == [
        ("heading", "WORKSTREAM 4: CHILDREN WITH CO"),
        ("list_item", "4.1 Recruit an epilepsy specia"),
        ("list_item", "4.2 Agree a shared advance car"),
        ("heading", "BACKGROUND"),
        ("paragraph", "2.3 Shifting the balance of ca"),
        ("paragraph", "2.4 The programme board meets "),
    ]
    assert doc.blocks[1].text.endswith("has a review at least once a year (by December 2025)")


def test_running_headers_with_page_numbers_are_dropped(tmp_path: Path) -> None:
    page = "Every child should have the best start in life, and we will work with families and schools to make it happen.\n"
    text = "\n".join(
        f"Hobbleden Children's Plan 2025-27 | Draft        Page {n} of 3\n\n{page}" for n in (1, 2, 3)
    ) + "\nPage 4 of 4     Hobbleden Children's Plan\n"
    blocks = [b.text for b in load_document(_write(tmp_path, "extracted.txt", text)).blocks]
    assert blocks == [page.strip()] * 3
    # A sentence that ends with a page reference is not furniture.
    kept = load_document(_write(tmp_path, "reference.txt", "The full list of actions is in the annex on page 4.\n"))
    assert [b.text for b in kept.blocks] == ["The full list of actions is in the annex on page 4."]


def test_running_titles_and_footers_at_page_breaks_are_dropped(tmp_path: Path) -> None:
    # Text saved from a PDF: the title on top of every page and a footer with the page number at
    # its foot, beside the form feeds. Read as headings they would cut every chapter in two.
    pages = [
        "Tarnby Integrated Care Strategy 2024-2029\n\nOur priorities\nWe will give every child the best start in life, with family hubs in every town.\n",
        "We will halve waits for speech and language therapy by March 2026, working with schools.\n",
        "Children and young people\nWe will name an executive lead for children by June 2025 and publish the name.\n",
        "We will report progress to the Children's Partnership Board every six months from 2025.\n",
    ]
    text = "".join(
        ("" if n == 0 else "Tarnby Integrated Care Strategy 2024-2029\n\n") + page + f"\nHealthier together   {n + 1}\n\f"
        for n, page in enumerate(pages)
    )
    doc = load_document(_write(tmp_path, "strategy.txt", text))
    texts = [b.text for b in doc.blocks]
    assert not any(t.startswith("Healthier together") for t in texts)
    assert texts.count("Tarnby Integrated Care Strategy 2024-2029") == 1  # the title on the first page stays
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert headings == ["Tarnby Integrated Care Strategy 2024-2029", "Our priorities", "Children and young people"]
    # The second page's sentence stays in the chapter it continues.
    waits = next(b for b in doc.blocks if b.text.startswith("We will halve waits"))
    assert waits.section == "Our priorities"
    # A cover page that holds only the title keeps it, though the same title runs over every page.
    cover = "Tarnby Integrated Care Strategy 2024-2029\n\f" + text.split("\f", 1)[1]
    assert [b.text for b in load_document(_write(tmp_path, "cover.txt", cover)).blocks][0] == "Tarnby Integrated Care Strategy 2024-2029"
    # The same with the cover's form feed at the end of its title line, and footers whose page
    # number follows one space only.
    tight = cover.replace("2024-2029\n\f", "2024-2029\f\n", 1).replace("together   ", "together ")
    tight_blocks = [b.text for b in load_document(_write(tmp_path, "tight.txt", tight)).blocks]
    assert tight_blocks[0] == "Tarnby Integrated Care Strategy 2024-2029"
    assert not any(t.startswith("Healthier together") for t in tight_blocks)
    # A heading that opens one page only is no running title.
    once = text.replace("Tarnby Integrated Care Strategy 2024-2029\n\nChildren", "Children")
    assert "Children and young people" in [b.text for b in load_document(_write(tmp_path, "once.txt", once)).blocks if b.kind == "heading"]


def test_a_heading_labelled_as_a_priority_may_run_longer(tmp_path: Path) -> None:
    # "Priority 2: ..." says which of the document's priorities it opens, so it may have 20 words;
    # an unlabelled line as long is a sentence broken off, not a heading.
    body = "Children and young people are a quarter of our population, and many grow up in poverty in our coastal towns.\n"
    labelled = "Priority 2: Giving every child and young person the best possible start in life and a good childhood\n\n" + body
    plain = "Giving every child and young person the very best possible start in life and a good childhood\n\n" + body
    assert [b.kind for b in load_document(_write(tmp_path, "labelled.txt", labelled)).blocks] == ["heading", "paragraph"]
    assert [b.kind for b in load_document(_write(tmp_path, "plain.txt", plain)).blocks] == ["paragraph", "paragraph"]
    # Up to 140 characters; and a labelled sentence left without its full stop is no heading.
    longer = "Priority 2: Giving every child and young person in Tarnby the best possible start in life, a good childhood\n\n" + body
    assert len(longer.split("\n")[0]) > 100
    assert [b.kind for b in load_document(_write(tmp_path, "longer.txt", longer)).blocks] == ["heading", "paragraph"]
    modal = "Outcome 1: Children and young people with SEND will wait no more than 18 weeks by 2026\n\n" + body
    assert [b.kind for b in load_document(_write(tmp_path, "modal.txt", modal)).blocks] == ["paragraph", "paragraph"]
    # Over a hard-wrapped paragraph whose lines are not much longer than itself (text from a PDF);
    # not the first of a list of labelled lines ("Ambition 1: ..." over "Ambition 2: ...").
    wrapped = (
        "Priority 2: Special educational needs and disabilities and neurodiversity\n"
        "The rise in EHCPs and the length of neurodevelopmental waits are among the most serious\n"
        "pressures our partners face, and we will halve the longest waits by March 2027.\n"
    )
    assert [b.kind for b in load_document(_write(tmp_path, "wrapped.txt", wrapped)).blocks] == ["heading", "paragraph"]
    listed = (
        "Our strategy\n\nWe have agreed four ambitions with our partners, reflecting the needs in our JSNAs.\n\n"
        "Ambition 1: Preventing ill health and helping people to stay well\n"
        "Ambition 2: Giving children and young people the best start in life\n"
    )
    assert "Ambition 1: Preventing ill health and helping people to stay well" not in _heading_levels(
        load_document(_write(tmp_path, "listed.txt", listed)).blocks
    )


def test_curly_quotes_kept_and_whitespace_folded(tmp_path: Path) -> None:
    doc = load_document(_write(tmp_path, "q.txt", "\u201cWe   will\tlisten\u201d, said the\u00a0board.\n"))
    assert doc.blocks[0].text == "\u201cWe will listen\u201d, said the board."


def test_ligatures_and_unicode_hyphens_are_spelled_out_so_the_rubric_finds_them(tmp_path: Path, default_compiled) -> None:  # type: ignore[no-untyped-def]
    from hpig_audit.audit import audit_source

    plain = "# Our plan for children\n\nDr Ruth Hale is our Designated Clinical Officer for SEND and leads our well-being work.\n"
    typeset = plain.replace("ffi", "\ufb03").replace("-", "\u2011")
    doc = load_document(_write(tmp_path, "typeset.md", typeset))
    assert doc.blocks[-1].text == "Dr Ruth Hale is our Designated Clinical Officer for SEND and leads our well-being work."
    levels = [
        {f.criterion: (f.level, [e.quote for e in f.evidence]) for f in audit_source(_write(tmp_path, name, text), default_compiled).findings}
        for name, text in (("plain.md", plain), ("typeset.md", typeset))
    ]
    assert levels[0]["LD2"][0] == "met"  # the post is named: it counts only when "Officer" is spelled out
    assert levels[1] == levels[0]


def test_sniffing_markdown_text_and_html() -> None:
    assert detect_type(b"# Title\n\nSome text with a [link](http://x).\n", "notes.txt") == "markdown"
    assert detect_type(b"# Title\n\nPlain text.\n", "notes.md") == "markdown"
    assert detect_type(b"Plain text\n\nwith - some dashes.\n", "notes.md") == "markdown"
    assert detect_type(b"Plain text\n\n- an item\n- another\n", "notes.txt") == "text"
    assert detect_type(b"Plain text\n\n- an item\n", "notes") == "text"
    # Underlined headings are plain text's as much as Markdown's: a .txt file keeps its type.
    framed = b"-----\nSUMMARY\n-----\n\nText.\n\nFINDINGS\n--------\n\nMore text.\n"
    assert detect_type(framed, "review.txt") == "text"
    assert detect_type(framed, "review") == "markdown"
    # So are **bold** words (an easy read version marks its hard words so): a .txt stays text.
    bold = b"About this plan\n\nSome words are in **bold**, like **this** and **that**.\n"
    assert detect_type(bold, "easy-read.txt") == "text"
    assert detect_type(bold, "easy-read") == "markdown"
    # A long line of tildes across the page is a rule, not a code fence; a real fence still counts.
    ruled = b"OUR PROMISES\n\n" + b"~" * 60 + b"\n\nWELCOME\n\nText.\n"
    assert detect_type(ruled, "charter.txt") == "text"
    assert detect_type(b"Notes\n\n```python\nx = 1\n```\n", "notes.txt") == "markdown"
    assert detect_type(b"<!DOCTYPE html><html><body><p>x</p></body></html>", "page.md") == "html"
    assert detect_type(b"%PDF-1.7\n...", "file.html") == "pdf"
    assert detect_type(b"\x89PNG\r\n\x1a\n\x00\x00", "image.txt") is None
    assert detect_type("Caf\u00e9 ol\u00e9\n".encode("cp1252"), "x.txt") == "text"
    assert detect_type("\ufeffUTF-16 text\n".encode("utf-16-le"), "x.txt") == "text"


def test_contents_lines_table_rows_and_short_line_runs(tmp_path):
    """Contents entries are dropped; a flattened table row and each line of a run of short
    unpunctuated lines (an attendance list) are blocks of their own, not one long sentence."""
    from hpig_audit.load import load_document

    path = tmp_path / "plan.txt"
    path.write_text(
        "Children's Plan\n\n"
        "Contents\n1 Introduction .......... 3\n2 Our priorities ..........  7\n\n"
        "Present\nCouncillor Ann Lee (Chair)\nDr Sam Roy, Director of Public Health\nJo Park, Healthwatch\n\n"
        "Asthma | Every child with asthma to have a plan | Clinical Lead | March 2025\n"
        "Epilepsy | A specialist nurse in every service | Network Lead | Q3 2024/25\n\n"
        "We will improve care for children with asthma and epilepsy across the county.\n",
        encoding="utf-8",
    )
    blocks = load_document(str(path)).blocks
    texts = [b.text for b in blocks]
    assert not any("......" in t or t.startswith(("1 Introduction", "2 Our priorities")) for t in texts)
    assert "Councillor Ann Lee (Chair)" in texts and "Jo Park, Healthwatch" in texts
    rows = [b for b in blocks if b.kind == "table"]
    assert [r.text.split(" | ")[0] for r in rows] == ["Asthma", "Epilepsy"]
    assert texts[-1] == "We will improve care for children with asthma and epilepsy across the county."


def test_symbol_bullets_are_list_items_and_a_numbered_line_over_them_is_a_heading(tmp_path: Path) -> None:
    # A plan on a page copied out of a PDF: "►", "★" and "✓" bullets, numbered headings over them.
    text = (
        "OUR PRIORITIES\n\n"
        "1. BEST START (0-5)\n"
        "   ► Every family offered all 5 health reviews\n"
        "   ► Speech and language groups in all 6 family hubs\n\n"
        "2. FEELING OK\n"
        "   ★ Mental health support team in every secondary school\n"
        "   ✓ Nobody waiting over 18 weeks by March 2026\n\n"
        "Steps we follow:\n"
        "1. Ask children first\n"
        "2. Act on what they say\n"
    )
    blocks = load_document(_write(tmp_path, "plan.txt", text)).blocks
    shown = [(b.kind, b.text) for b in blocks]
    assert ("heading", "1. BEST START (0-5)") in shown
    assert ("heading", "2. FEELING OK") in shown
    items = [b.text for b in blocks if b.kind == "list_item"]
    assert "Every family offered all 5 health reviews" in items
    assert "Mental health support team in every secondary school" in items
    assert "Nobody waiting over 18 weeks by March 2026" in items
    # A numbered line followed by another numbered line is an item of a numbered list.
    assert "1. Ask children first" in items and "2. Act on what they say" in items
    item = next(b for b in blocks if "Speech and language" in b.text)
    assert item.section == "1. BEST START (0-5)"


def test_headings_framed_by_rules_and_a_rule_ends_a_paragraph(tmp_path: Path) -> None:
    # Reports saved as text often frame each heading with rule lines, and separate parts with one.
    rule = "-" * 60
    text = (
        f"{rule}\nSUMMARY\n{rule}\n\n"
        "We read 34 documents this year and found that most had improved since the last review.\n\n"
        f"{rule}\n5. HOW WE DID THIS REVIEW\n{rule}\n\n"
        "Two researchers read every document between May and August 2024.\n"
        f"{rule}\n"
        "About us: a coalition of charities working for children's health.\n"
    )
    blocks = load_document(_write(tmp_path, "review.txt", text)).blocks
    shown = [(b.kind, b.text) for b in blocks]
    assert ("heading", "SUMMARY") in shown
    assert ("heading", "5. HOW WE DID THIS REVIEW") in shown
    assert not any(set(b.text) <= {"-", " "} for b in blocks)  # the rules themselves are not text
    method = next(b for b in blocks if b.text.startswith("Two researchers"))
    assert method.section == "5. HOW WE DID THIS REVIEW"
    assert method.kind == "paragraph" and "About us" not in method.text


def test_a_word_hyphenated_across_a_line_break_is_made_whole(tmp_path: Path) -> None:
    # Text exported from a justified PDF breaks words at line ends; a compound keeps its hyphen.
    text = (
        "The ICB's safeguarding team works closely with the three safeguarding chil-\n"
        "dren partnerships, and our long-\n"
        "term plan for Kes-\n"
        "trelford is agreed. A dash at a line end -\n"
        "stays a dash.\n"
    )
    [block] = load_document(_write(tmp_path, "jfp.txt", text)).blocks
    assert block.text == (
        "The ICB's safeguarding team works closely with the three safeguarding children partnerships,"
        " and our long-term plan for Kestrelford is agreed. A dash at a line end - stays a dash."
    )


def _heading_levels(blocks: list) -> dict[str, int]:  # type: ignore[type-arg]
    return {b.text: b.level for b in blocks if b.kind == "heading"}


def test_numbered_chapters_keep_their_level_around_unnumbered_headings(tmp_path: Path) -> None:
    # Chapters numbered in capitals are the skeleton: a mixed-case heading after one is its
    # sub-heading, a chapter in capitals beside them ("ANNEX A: ... ICBs") is not; a signature
    # under the foreword heads nothing; "6." after unnumbered headings is still the sibling of "5.".
    text = (
        "Our plan for children\n\n"
        "FOREWORD\n\nWe are proud of what partners have done together this year for our children.\n\n"
        "Dr Jane Ellis\nChief Medical Officer, NHS Example ICB\n\n"
        "1 WHAT FAMILIES TOLD US\n\nWe asked families and young people across the county what matters.\n\n"
        "Parents and carers\n\n- 318 parents and carers answered a survey\n\n"
        "Children and young people\n\n- 27 pupils shared their views in small groups\n\n"
        "2 OUR MODEL\n\nThree tiers of support will replace the single clinic-based service.\n\n"
        "5. Measures\n\nWe will report waiting times for every service to the board each quarter.\n\n"
        "DOMAIN 1 - DATA\n\nPartners share one dataset on waiting times for every service.\n\n"
        "What good looks like\n\nEvery partner uses the same dataset for planning and for reporting.\n\n"
        "6. Governance\n\nThe children's board meets monthly and reports to the ICB board twice a year.\n\n"
        "ANNEX A: CHECKLIST FOR ICBs\n\nA list of questions for boards to ask about their own plans.\n"
    )
    blocks = load_document(_write(tmp_path, "plan.txt", text)).blocks
    levels = _heading_levels(blocks)
    assert "Dr Jane Ellis" not in levels
    # The foreword is the chapters' sibling, not their parent (see the test below).
    assert levels["FOREWORD"] == levels["1 WHAT FAMILIES TOLD US"] == levels["2 OUR MODEL"] == 1
    assert levels["Parents and carers"] == levels["Children and young people"] == 2
    assert levels["5. Measures"] == levels["6. Governance"] == 1
    assert levels["ANNEX A: CHECKLIST FOR ICBs"] == 1
    pupils = next(b for b in blocks if b.text.startswith("27 pupils"))
    assert pupils.section == "Children and young people"


def test_numbered_chapters_straight_under_the_contents_are_the_skeleton(tmp_path: Path) -> None:
    # Text copied out of a PDF: "Contents", then chapters "1." to "3." in mixed case. A mixed-case
    # heading between them is the chapter's sub-heading, so what it heads stays in the chapter
    # ("Why this matters" under "2. Children and Young People's Programme"); "3." closes it, and an
    # annex is a chapter of its own, not part of the last one.
    text = (
        "Tarnby Joint Forward Plan\n\nContents\n\n"
        "1. Foreword\n\nWe are proud of what partners have done together this year in Tarnby.\n\n"
        "2. Children and Young People's Programme (Aims 1 and 3)\n\n"
        "Why this matters\nA quarter of our population is aged 0 to 19, and many grow up in poverty in our towns.\n\n"
        "Data gaps\nWe do not yet have reliable data on waits for community paediatrics across our providers.\n\n"
        "3. Our workforce\n\nAround 41,000 people work in health and care in Tarnby, in many different roles.\n\n"
        "Annex A: Summary of statutory duties\n\nSafeguarding | Children Act 2004 | Agree arrangements with the police.\n"
    )
    blocks = load_document(_write(tmp_path, "jfp.txt", text)).blocks
    levels = _heading_levels(blocks)
    chapter = levels["2. Children and Young People's Programme (Aims 1 and 3)"]
    assert levels["1. Foreword"] == levels["3. Our workforce"] == chapter
    assert levels["Why this matters"] == levels["Data gaps"] == chapter + 1
    assert levels["Annex A: Summary of statutory duties"] < chapter + 1
    # Control: after an unnumbered heading with text of its own, the series sits under it and a
    # later mixed-case heading is its sibling, as before.
    plain = text.replace("Contents\n\n", "Our ambition\n\nEvery child in Tarnby should have the best start in life.\n\n")
    levels = _heading_levels(load_document(_write(tmp_path, "plain.txt", plain)).blocks)
    assert levels["Why this matters"] == levels["Our ambition"] < levels["2. Children and Young People's Programme (Aims 1 and 3)"]


def test_a_heading_in_capitals_broken_over_lines_is_one_heading(tmp_path: Path) -> None:
    # A cover's title in capitals over three lines is one heading, so the words for children on
    # its second line head the document; a heading in capitals over a sentence is not joined to it.
    text = (
        "NHS Tarnby Integrated Care Board\n\n"
        "JOINT COMMISSIONING FRAMEWORK:\nPALLIATIVE CARE FOR CHILDREN AND YOUNG PEOPLE\n2025-2028\n\n"
        "Status: Final. Approved by the Joint Commissioning Executive, 4 February 2025.\n\n"
        "1. PURPOSE\n\nThis framework sets out how the ICB and the councils will plan care together.\n\n"
        "WHAT WE WILL DO\nWe will open a single point of access for families by April 2026, with one panel.\n"
    )
    levels = _heading_levels(load_document(_write(tmp_path, "framework.txt", text)).blocks)
    assert "JOINT COMMISSIONING FRAMEWORK: PALLIATIVE CARE FOR CHILDREN AND YOUNG PEOPLE 2025-2028" in levels
    assert "WHAT WE WILL DO" in levels
    assert not any(heading.startswith("WHAT WE WILL DO We will") for heading in levels)


def test_a_short_lead_in_with_a_subject_is_no_heading(tmp_path: Path) -> None:
    # "We used four methods:" over a list is a sentence's lead-in: the list stays in the section
    # it is part of ("How we did this"), as a longer lead-in ("Young people told us:") did before.
    text = (
        "Young people's experiences of GP services\n\n"
        "How we did this\n\nOur panel of 12 volunteers aged 15 to 22 designed this project with our staff.\n\n"
        "We used four methods:\n"
        "- An online survey, open from 16 September to 8 November 2024, completed by 436 young people.\n"
        "- Six focus groups with 52 young people, including an LGBTQ+ youth group and young carers.\n\n"
        "Who we heard from\n\nMost of the young people who took part were aged 15 to 18.\n"
    )
    blocks = load_document(_write(tmp_path, "report.txt", text)).blocks
    assert "We used four methods:" not in _heading_levels(blocks)
    groups = next(b for b in blocks if b.text.startswith("Six focus groups"))
    assert groups.section == "How we did this"
    # A heading in capitals ending with a colon is still a heading.
    caps = text.replace("We used four methods:", "WE USED:")
    assert "WE USED:" in _heading_levels(load_document(_write(tmp_path, "caps.txt", caps)).blocks)


def test_running_titles_beside_page_numbers_on_lines_of_their_own_are_dropped(tmp_path: Path) -> None:
    # Text copied out of a PDF viewer has no form feeds: each page ends with its number on a line
    # of its own and the next starts with the running title. Read as a heading, the title would
    # cut the chapter in two; the numbers beside it go too. A figure on a line of its own in a
    # table, with no running title beside it, stays.
    # (A page holds some lines of text: row numbers a line or two apart are no page numbers.)
    filler = "".join(f"Our partners agreed action {n} of this chapter with parents and carers in 2024.\n" for n in range(8))
    pages = [
        "Tarnby Joint Forward Plan\n\n1. Children and young people\n\nWe will open family hubs in every town by 2026.\n" + filler,
        "We will halve waits for speech and language therapy by March 2026, working with schools.\n" + filler,
        "We will name an executive lead for children by June 2025 and publish the name.\n\nChildren seen\n\n412\n" + filler,
        "We will report progress to the Children's Partnership Board every six months from 2025.\n" + filler,
    ]
    title = "NHS Tarnby ICB | Joint Forward Plan 2024/25 to 2028/29"
    text = "".join((f"{title}\n\n" if n else "") + page + f"\n{n + 1}\n\n" for n, page in enumerate(pages))
    blocks = load_document(_write(tmp_path, "jfp.txt", text)).blocks
    texts = [b.text for b in blocks]
    assert title not in texts
    assert not any(t in ("1", "2", "3") for t in texts)
    assert "412" in texts
    waits = next(b for b in blocks if b.text.startswith("We will halve waits"))
    assert waits.section == "1. Children and young people"
    # Twice is not a running title: a heading that happens to open two pages stays.
    twice = text.replace(f"{title}\n\nWe will report", "We will report")
    assert sum(b.text == title for b in load_document(_write(tmp_path, "twice.txt", twice)).blocks) == 2


def test_a_chapter_series_in_capitals_is_the_sibling_of_an_unnumbered_heading_in_capitals(tmp_path: Path) -> None:
    # "HOW WE WROTE IT" has text of its own, so "1. WHY LISTENING MATTERS" after it starts a new
    # chapter, not a sub-section of how the guide was written; a heading that names a part, or one
    # with nothing under it but the series, is the series' parent.
    text = (
        "Hear us out\n\n"
        "HOW WE WROTE IT\n\nWe held four workshops with 71 young people to write this guide.\n\n"
        "1. WHY LISTENING MATTERS\n\nChildren are experts in their own lives.\n\n"
        "2. WHAT GOOD LOOKS LIKE\n\nEarly, honest and inclusive.\n\n"
        "PART B: TOOLS\n\nThe tools that follow can be used on their own.\n\n"
        "1. SURVEYS\n\nReach large numbers quickly.\n"
    )
    blocks = load_document(_write(tmp_path, "guide.txt", text)).blocks
    levels = _heading_levels(blocks)
    assert levels["HOW WE WROTE IT"] == levels["1. WHY LISTENING MATTERS"] == levels["2. WHAT GOOD LOOKS LIKE"] == 1
    assert levels["PART B: TOOLS"] == 1 and levels["1. SURVEYS"] == 2
    children = next(b for b in blocks if b.text.startswith("Children are experts"))
    assert children.section == "1. WHY LISTENING MATTERS"
    # A heading over a part for children, or whose text announces the chapters, is their parent.
    for heading, intro in (
        ("STARTING WELL: CHILDREN AND YOUNG PEOPLE", "Every child should have the best start."),
        ("NATIONAL POLICY CONTEXT", "This section summarises the national policies that shape our work."),
    ):
        part = f"Our strategy\n\n{heading}\n\n{intro}\n\n1. FIRST\n\nOne.\n\n2. SECOND\n\nTwo.\n"
        levels = _heading_levels(load_document(_write(tmp_path, "part.txt", part)).blocks)
        assert levels["1. FIRST"] == levels["2. SECOND"] == levels[heading] + 1, heading
    plan = "Our plan\n\nOUR PRIORITIES\n\n1. BEST START\n\nFamily hubs in every district.\n\n2. LIVING WELL\n\nWork for all.\n"
    levels = _heading_levels(load_document(_write(tmp_path, "plan.txt", plan)).blocks)
    assert levels["OUR PRIORITIES"] == 1 and levels["1. BEST START"] == levels["2. LIVING WELL"] == 2


def test_page_numbers_on_lines_of_their_own_are_dropped(tmp_path: Path) -> None:
    # "Page 3" between two sections of an exported plan is furniture, not a heading over the next.
    text = (
        "Our plan for children\n\nWe will open two family hubs in each district by March 2026.\n\n"
        "Page 3\n\nWho is in charge\n\nOur Director of Nursing leads the plan for children and young people.\n\n"
        "- 4 -\n\nPage 5 of 12\n"
    )
    blocks = load_document(_write(tmp_path, "plan.txt", text)).blocks
    assert not any(b.text.startswith(("Page", "-")) for b in blocks)
    lead = next(b for b in blocks if b.text.startswith("Our Director"))
    assert lead.section == "Who is in charge"


def test_rules_of_tildes_underscores_and_box_lines_end_what_is_above(tmp_path: Path) -> None:
    text = (
        "WELCOME\n\nWe wrote this charter with 38 young people from across the county this year.\n"
        + "~" * 50 + "\nHOW IT WAS MADE\n\nThe young people met eleven times between October and March.\n"
        + "_" * 50 + "\n\n" + "─" * 40 + "\nWho to contact\n\nText the word CHARTER to our youth line at any time.\n"
    )
    blocks = load_document(_write(tmp_path, "charter.txt", text)).blocks
    assert not any(set(b.text) <= {"~", "_", "─", " "} for b in blocks)
    assert [b.text for b in blocks if b.kind == "heading"] == ["WELCOME", "HOW IT WAS MADE", "Who to contact"]


def test_two_cell_rows_beside_each_other_are_a_table_but_one_such_line_is_not(tmp_path: Path) -> None:
    # "Role | Who" tables: each row is its own statement, so a lead "To be appointed" in one row
    # does not borrow the names in the next. A single line with one " | " (a running header) stays prose.
    from hpig_audit.load import load_document

    path = tmp_path / "plan.txt"
    path.write_text(
        "Our Children's Plan\n\n"
        "Role | Who\n"
        "ICB Executive Lead for Children | To be appointed (the ICB is recruiting to this role)\n"
        "Designated Clinical Officer for SEND | Lorna Betteridge, Ebbrook Community Health NHS Trust\n\n"
        "Growing up well | page header\n"
        "We will do more for children in the borough this year.\n",
        encoding="utf-8",
    )
    blocks = load_document(str(path)).blocks
    rows = [b.text for b in blocks if b.kind == "table"]
    assert rows[-2:] == [
        "ICB Executive Lead for Children | To be appointed (the ICB is recruiting to this role)",
        "Designated Clinical Officer for SEND | Lorna Betteridge, Ebbrook Community Health NHS Trust",
    ]
    # A line with one " | " beside prose is not a table row.
    assert not any(row.startswith("Growing up well") for row in rows)
    assert any(b.text.startswith("Growing up well") for b in blocks)


def test_role_and_name_lines_are_entries_of_their_own_but_wrapped_prose_is_one_paragraph(tmp_path: Path) -> None:
    """A list of "Role - Name, post" lines, each longer than a short line, is one entry per line:
    joined, a vacant post in one entry would make the named lead in the next read as negated."""
    path = tmp_path / "plan.txt"
    path.write_text(
        "Members and roles include:\n"
        "  Director of Children's Services - Mark Ellery, lead for early help and children's social care\n"
        "  ICB Executive Lead for Children - Joanne Fairclough, Chief Nursing Officer, NHS Westmoor ICB\n"
        "  Designated Clinical Officer for SEND - post currently vacant; recruitment under way\n\n"
        "Our partnership brings together the council, the NHS and schools - and the voluntary\n"
        "Sector, whose youth clubs reach children we would otherwise miss.\n",
        encoding="utf-8",
    )
    texts = [b.text for b in load_document(str(path)).blocks]
    assert "ICB Executive Lead for Children - Joanne Fairclough, Chief Nursing Officer, NHS Westmoor ICB" in texts
    assert "Designated Clinical Officer for SEND - post currently vacant; recruitment under way" in texts
    assert any(t.startswith("Our partnership brings together") and t.endswith("otherwise miss.") for t in texts)


def test_two_wrapped_lines_each_with_a_dash_stay_one_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        "Our Children's Partnership Board – chaired by the Director of Children's\n"
        "Services – meets monthly and reports to the Health and Wellbeing Board.\n",
        encoding="utf-8",
    )
    texts = [b.text for b in load_document(str(path)).blocks]
    assert texts == [
        "Our Children's Partnership Board – chaired by the Director of Children's Services – meets monthly and reports to the Health and Wellbeing Board."
    ]


def test_a_line_hanging_under_a_list_items_text_carries_the_item_on(tmp_path: Path) -> None:
    # Wrapped items indented under their own text, as a report laid out in plain text has them,
    # in a run read as a paragraph per line (one line is longer than any wrap width);
    # a contents list's indented entries under a short line stay entries of their own.
    path = _write(
        tmp_path,
        "report.txt",
        "What we recommend\n\n"
        "We recommend that the board does three things, each of them before the strategy is refreshed next year:\n\n"
        "1. Publishes the name of its Executive Lead for Children and Young People, with a way to contact\n"
        "   them directly.\n"
        # A line longer than any wrap width ending a sentence: read as a paragraph per line.
        "2. Sets up a young people's health panel that meets every month and includes young carers and\n"
        "   Spectrum Youth (an LGBTQ+ group), with real influence over all the plans of the board and of its partners.\n"
        "\u2022 Young Listeners ran seven focus groups with 63 young people, including groups we rarely hear\n"
        "  from. Their first comment was that the survey was too long.\n\n"
        "Contents\n"
        "5. Our shared priorities\n"
        "   Priority 1: Living longer, healthier lives\n"
        "   Priority 2: Giving every child the best start in life\n",
    )
    texts = [b.text for b in load_document(path).blocks]
    assert "1. Publishes the name of its Executive Lead for Children and Young People, with a way to contact them directly." in texts
    assert (
        "2. Sets up a young people's health panel that meets every month and includes young carers and "
        "Spectrum Youth (an LGBTQ+ group), with real influence over all the plans of the board and of its partners." in texts
    )
    assert "Young Listeners ran seven focus groups with 63 young people, including groups we rarely hear from. Their first comment was that the survey was too long." in texts
    assert "Priority 1: Living longer, healthier lives" in texts and "Priority 2: Giving every child the best start in life" in texts


def test_lines_indented_under_a_label_item_are_entries_of_their_own(tmp_path: Path) -> None:
    # Under a short item ("- We will improve children's mental health") its indented actions, a
    # table laid out with spaces, or a parent's quotation under a long item are not its words,
    # also in a run of short lines, where every line is near the run's widest.
    path = _write(
        tmp_path,
        "plan.txt",
        "Our commitments for children and young people, each with a date and a named lead, are these:\n\n"
        "- We will improve children's mental health\n"
        "    We will open a crisis line for under-18s by April 2025\n"
        "    We will reduce CAMHS waits to four weeks by March 2026\n"
        "- Our leads for children and young people\n"
        "    Executive Lead for Children      Dr Amara Osei\n\n"
        "1. We will reduce the wait for an autism assessment for children to 18 weeks by March 2026 in each locality.\n"
        "   \"We waited two years for an assessment and nobody told us why.\" Parent, Ellbury\n",
    )
    texts = [b.text for b in load_document(path).blocks]
    assert "We will open a crisis line for under-18s by April 2025" in texts
    assert "We will reduce CAMHS waits to four weeks by March 2026" in texts
    assert "Executive Lead for Children Dr Amara Osei" in texts
    assert '"We waited two years for an assessment and nobody told us why." Parent, Ellbury' in texts


def test_a_tables_header_row_over_its_rule_is_not_a_heading(tmp_path: Path) -> None:
    # "Measures" over a rule is a heading; a header row with columns over one is a table's, and
    # the rows below it stay in the section of the heading above the table.
    text = (
        "How we will know it is working\n\n"
        "We will publish these figures every six months.\n\n"
        "  What we will measure                  Where we are    Where we want to be\n"
        "  ---------------------------------------------------------------------------\n"
        "  Schools with a mental health team     54%             100% by Sep 2026\n"
        "  Waits over 18 weeks                   41%             0% by Mar 2027\n"
        "  Young people who felt listened to     52%             75% by 2028\n\n"
        "Measures\n"
        "--------\n\n"
        "One more paragraph.\n\n"
        "PART 2      CHILDREN AND YOUNG PEOPLE\n"
        "------------------------------------\n\n"
        "Our children's chapter.\n\n"
        "Who does what\n\n"
        "Role                     Responsibility\n"
        "---------------------------------------\n"
        "Executive Lead           Accountable for the plan\n"
        "Programme Manager        Day-to-day delivery\n"
    )
    document = load_document(_write(tmp_path, "plan.txt", text))
    headings = [b.text for b in document.blocks if b.kind == "heading"]
    assert headings == ["How we will know it is working", "Measures", "PART 2 CHILDREN AND YOUNG PEOPLE", "Who does what"]
    row = next(b for b in document.blocks if b.text.startswith("Schools with"))
    assert row.section == "How we will know it is working"
    assert next(b for b in document.blocks if "Day-to-day" in b.text).section == "Who does what"


def test_row_numbers_and_dated_lines_beside_them_are_no_page_furniture(tmp_path: Path) -> None:
    # An action table copied one cell a line: row numbers "1" to "4" a line or two apart are not
    # page numbers, so the lead named beside each stays, and so do dated lines that differ only
    # in their year ("by March 2026", "by March 2027").
    rows = "".join(
        f"{n}\n\nExpand the children's community nursing team in locality {n}\n\n"
        f"Lead: Dr Priya Nandra, Designated Clinical Officer for SEND\n\nTimescale: by March {2025 + n}\n\n"
        for n in range(1, 5)
    )
    text = "Tarnby children's plan\n\nOur actions for children and young people in 2025 to 2029 are set out below.\n\n" + rows
    texts = [b.text for b in load_document(_write(tmp_path, "table.txt", text)).blocks]
    assert sum("Dr Priya Nandra" in t for t in texts) == 4
    assert all(any(f"by March {year}" in t for t in texts) for year in (2026, 2027, 2028, 2029))


def test_skeleton_chapters_leave_parts_of_their_own_alone(tmp_path: Path) -> None:
    # Under "Contents", an unnumbered part listed beside the chapters ("Summary of our actions")
    # and "Appendices" are parts of their own; "Section 75 agreement" under a chapter names no part.
    text = (
        "Kelsby Joint Forward Plan\n\nContents\n\n1. Foreword\n2. Our population\n3. National policy context\n"
        "Summary of our actions for children and young people\nAppendices\n\n"
        "1. Foreword\n\nWelcome to the joint forward plan of the Kelsby Integrated Care Board for 2025 to 2030.\n\n"
        "2. Our population\n\nAbout 98,000 of our residents are children and young people aged 0 to 25.\n\n"
        "Section 75 agreement\n\nThe ICB and the council pool £4.2 million for children with complex needs from April 2025.\n\n"
        "3. National policy context\n\nNHS England requires every ICB to publish a joint forward plan each year.\n\n"
        "Summary of our actions for children and young people\n\nFamily hubs will open in all four Kelsby towns by March 2026.\n\n"
        "Appendices\n\nA glossary of the terms used in this plan.\n"
    )
    levels = _heading_levels(load_document(_write(tmp_path, "jfp.txt", text)).blocks)
    chapter = levels["3. National policy context"]
    assert levels["Summary of our actions for children and young people"] <= chapter
    assert levels["Appendices"] <= chapter
    assert levels["Section 75 agreement"] == levels["2. Our population"] + 1


def test_shapes_that_stay_what_they_were(tmp_path: Path) -> None:
    # A box of figures in capitals under a colon is no heading broken over lines; a labelled
    # sentence cut at the end of a line is no heading; "You said, we did:" is a heading.
    box = (
        "Mental health support for children and young people\n\n"
        "We will cut the wait for a first appointment for children to 6 weeks by March 2026, with two new teams.\n\n"
        "IN NUMBERS:\nREFERRALS IN 2024: 3,412\nMEDIAN WAIT: 19 WEEKS\n"
    )
    levels = _heading_levels(load_document(_write(tmp_path, "box.txt", box)).blocks)
    assert not any("REFERRALS" in heading for heading in levels)
    cut = (
        "Our plan\n\n"
        "Objective 3: Cut the time children and young people wait for an autism assessment in\n"
        "Marbeck and Ostley from 74 weeks to 18 weeks by March 2027, with a new hub in each town.\n"
    )
    assert not any(h.startswith("Objective 3") for h in _heading_levels(load_document(_write(tmp_path, "cut.txt", cut)).blocks))
    said = (
        "How we developed this plan\n\nWe heard from 412 young people in schools and youth clubs across the county.\n\n"
        "You said, we did:\n- You asked for shorter waits, so we have funded two new teams.\n- You asked for evening clinics.\n"
    )
    assert "You said, we did:" in _heading_levels(load_document(_write(tmp_path, "said.txt", said)).blocks)
