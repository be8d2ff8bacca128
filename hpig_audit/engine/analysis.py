"""Analyse a parsed document once, before any criterion is judged.

Every sentence gets its location (block, section, heading path, page, line), the term groups and
items it contains, its specificity signals, and the flags that decide whether it may count:
about children or not, the document's own voice or a report on others, deferred, negated.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from hpig_audit.document import ParsedDocument
from hpig_audit.engine.compiled import CUE, SIGNAL, CompiledRubric
from hpig_audit.engine.contractions import expand_contractions
from hpig_audit.engine.matching import Joined, group_hits
from hpig_audit.engine.making import mark_own_making
from hpig_audit.engine.prefilter import index_tokens
from hpig_audit.engine.sentence import LEADING_NUMBER, OPENING_SENTENCES, REVIEW_OPENING_SENTENCES, Sentence, opening_lines
from hpig_audit.engine.text import split_sentences

# A document is judged to review or advise other organisations (a report on strategies, national
# guidance, a news item, a consultancy's case studies) when this share of its sentences carry
# review cues and those cues outnumber its own commitments at least two to one.
_REVIEW_SHARE = 0.08
_REVIEW_MIN_SENTENCES = 4
# A document whose opening lines already say it comes from an outside body ("Healthwatch
# Pellbridge", "By ..., Health Reporter", "CASE STUDY") needs fewer signs in its body, and only as
# many as its own commitments: most of such a report is what others told it (OPENING_SENTENCES).
_REVIEW_SHARE_OPENED = 0.03
# One whose first lines say what it is (a reporter's byline, "carried out a peer challenge of"
# another body, "the findings of an independent evaluation of") may be short: two signs in all
# are enough, if they also pass the share and own-sentence tests below.
_REVIEW_MIN_SENTENCES_DECLARED = 2
# Both kinds of sign count towards a review; a sentence carrying either is never an own action.
_REVIEW_CUES = (CUE + "review_document", CUE + "review_opening")
# A document is about children as a whole when its title or first heading names them, or when
# this share of its sentences do (in a text long enough for a share to say anything).
_CYP_FOCUS_SHARE = 0.35
_CYP_FOCUS_MIN_SENTENCES = 10


@dataclass
class Analysis:
    document: ParsedDocument
    sentences: list[Sentence]
    review_document: bool
    cyp_focused: bool
    units: dict[str, list[int]]
    """Scope name -> unit number of each sentence (sentence, paragraph, section, document)."""
    group_sentences: dict[str, list[int]]
    """Term group -> indices of sentences containing it, ascending."""
    members: dict[str, dict[int, list[int]]] = field(default_factory=dict)
    """Scope name -> unit number -> its sentence indices, ascending."""
    notes: list[str] = field(default_factory=list)


def analyse(document: ParsedDocument, rubric: CompiledRubric) -> Analysis:
    sentences = _split(document)
    _link_lead_ins(sentences)
    folded = _matched_texts(sentences)
    group_sentences = _match_groups(sentences, folded, rubric)
    _mark_signals(sentences)
    _mark_voice(sentences, folded, rubric)
    _inherit_from_lead_ins(sentences, group_sentences)
    review = _is_review_document(sentences, document, rubric)
    focused = _is_cyp_focused(document, sentences, rubric)
    _mark_cyp(sentences, rubric, focused)
    notes = []
    if review:
        notes.append(
            "the document reviews or advises on other organisations' plans, so none of it counts as its own"
            " commitment; only what it says about how it was itself made counts, for engagement and versions"
        )
        mark_own_making(sentences, document)
    units = {
        "sentence": list(range(len(sentences))),
        "paragraph": _paragraph_units(sentences),
        "section": [s.section for s in sentences],
        "document": [0] * len(sentences),
    }
    members: dict[str, dict[int, list[int]]] = {}
    for scope, unit_of in units.items():
        by_unit: dict[int, list[int]] = {}
        for index, unit in enumerate(unit_of):
            by_unit.setdefault(unit, []).append(index)
        members[scope] = by_unit
    return Analysis(document, sentences, review, focused, units, group_sentences, members, notes)


def _paragraph_units(sentences: list[Sentence]) -> list[int]:
    """The paragraph each sentence is read in: its block, or for a list item that completes a
    lead-in ("What they told us, and what changed:"), the lead-in's block, for every sentence of
    the item and not only its first; a paragraph that opens by pointing back ("As a result, ...")
    is read with the paragraph before it."""
    lead_block = {s.block: sentences[s.lead_in].block for s in sentences if s.lead_in is not None}
    unit_of_block: dict[int, int] = {}
    previous: Sentence | None = None
    for s in sentences:
        if s.block not in unit_of_block:
            unit = lead_block.get(s.block, s.block)
            if previous is not None and not previous.is_heading and not s.is_heading and _POINTS_BACK.match(s.text):
                unit = unit_of_block[previous.block]
            unit_of_block[s.block] = unit
        previous = s
    return [unit_of_block[s.block] for s in sentences]


# A paragraph that opens with a consequence of the one before it ("As a result, the new teams
# will offer a drop-in", "Because of this, we added ...") completes that paragraph; one with a
# cause of its own ("As a result of the pandemic") does not, nor minutes' "In response, the
# Director explained".
_POINTS_BACK = re.compile(r"(?:as a (?:direct )?result(?! of)|because of (?:this|that|what)|following (?:this|that|their feedback))\b", re.IGNORECASE)


def _split(document: ParsedDocument) -> list[Sentence]:
    sentences: list[Sentence] = []
    heading_stack: list[tuple[int, int]] = []  # (level, sentence index)
    section = -1
    for block_index, block in enumerate(document.blocks):
        is_heading = block.kind == "heading"
        if is_heading or section < 0:
            section += 1
        if is_heading:
            level = block.level or 1
            while heading_stack and heading_stack[-1][0] >= level:
                heading_stack.pop()
        headings = tuple(index for _, index in heading_stack)
        # A table row stays one statement: an action, its lead and its quarter belong together.
        pieces = [block.text] if is_heading or block.kind == "table" else split_sentences(block.text)
        for piece in pieces:
            sentences.append(
                Sentence(
                    index=len(sentences),
                    text=piece,
                    block=block_index,
                    section=section,
                    is_heading=is_heading,
                    is_list_item=block.kind == "list_item",
                    level=(block.level or 1) if is_heading else None,
                    page=block.page,
                    line=block.line,
                    section_title=block.section,
                    headings=headings,
                )
            )
        if is_heading and pieces:
            heading_stack.append((block.level or 1, len(sentences) - 1))
    return sentences


# Words of a heading that reports what adults said or whom a plan heard from, not a section for
# them ("Top themes from adults", "You told us: 'Adults talk about us'").
_HEARD_FROM = re.compile(r"\b(?:told|said|say|heard|asked|views)\b|\bfrom adults\b|[\"“”]", re.IGNORECASE)

# A sentence that starts by pointing back ("They", "Their", "This") is about what the one before
# it was about.
# So does one that names "these groups" or "this gap" in its first few words ("Our data on these
# groups is limited", "To close this gap, ...").
_REFERS_BACK = re.compile(
    r"(?:They|Their|Them|These|This|It|Its|Those|Such|Both|Each|All of them|He|She|His|Her)\b"
    r"|(?:[\w'-]+\W+){1,4}?(?:these|those|this|that|such|both|all these) (?:groups?|cohorts?|children|young people|families"
    r"|gaps?|needs?|issues?|problems?|challenges?|risks?)\b"
)

# Curly quotes, odd hyphens and the en dash are folded for matching only (a match is only ever
# placed in its sentence, never quoted from the folded text); patterns can then write a plain ' or
# -, and a range reads the same either way ("aged 14–23", "aged 14-23"). Contractions are then
# written out ("we'll" -> "we will"), so patterns need not spell both.
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "‐": "-", "‑": "-", "–": "-"})

# Who said a quoted line, after its closing quotation mark ('..." - young person, Tollgate youth
# council'): the speaker's group or job is not a mechanism or a practitioner the document names,
# so those few words are not matched. The quotation itself still is: it is what the document heard.
_CREDIT = re.compile(r'"\s*[-–—]{1,2}\s*((?:[\w\'-]+,?\s+){0,8}[\w\'-]+[.,)]*)\s*$')


def _matched_texts(sentences: list[Sentence]) -> list[str]:
    """Each sentence's text as the term groups are matched in it (see _FOLD and _blank_credit)."""
    texts: list[str] = []
    quoted: str | None = None
    block = None
    for sentence in sentences:
        if sentence.block != block:  # a quotation runs on over sentences, never paragraphs
            quoted, block = None, sentence.block
        text, quoted = expand_contractions(LEADING_NUMBER.sub("", sentence.text).translate(_FOLD), quoted)
        texts.append(_blank_credit(text))
    return texts


def _blank_credit(text: str) -> str:
    credit = _CREDIT.search(text)
    # Only a quotation the sentence opens with, or one that began in an earlier sentence (a single
    # quotation mark before the credit), is someone's words: 'the name "Voice Up" - the youth
    # board meets monthly' goes on in the document's own voice.
    if credit is None or not (text.lstrip().startswith('"') or text.count('"', 0, credit.start()) == 0):
        return text
    start, end = credit.span(1)
    return text[:start] + " " * (end - start) + text[end:]


def _link_lead_ins(sentences: list[Sentence]) -> None:
    """A list item completes the sentence that introduces its list when that sentence ends with a
    colon ("By March 2026 we will:"), so the item is read with it."""
    lead_in: int | None = None
    for sentence in sentences:
        if sentence.is_list_item:
            # The item's first sentence completes the lead-in and takes its terms; later ones are
            # read in its paragraph and share its deferral and voice (_inherit_from_lead_ins).
            first_of_item = sentence.index == 0 or sentences[sentence.index - 1].block != sentence.block
            sentence.lead_in = lead_in if first_of_item else None
        elif sentence.is_heading:
            # A heading such as "We will:" introduces the list below it like a sentence would.
            lead_in = sentence.index if sentence.text.rstrip().endswith(":") else None
        else:
            lead_in = sentence.index if sentence.text.rstrip().endswith(":") else None


def _inherit_from_lead_ins(sentences: list[Sentence], group_sentences: dict[str, list[int]]) -> None:
    by_block: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        by_block.setdefault(sentence.block, []).append(sentence)
    for sentence in sentences:
        if sentence.lead_in is None:
            continue
        lead = sentences[sentence.lead_in]
        # The whole paragraph that introduces the list frames it, not only its last sentence.
        for framing in by_block[lead.block]:
            for name, items in framing.groups.items():
                if name not in sentence.groups:
                    bisect.insort(group_sentences.setdefault(name, []), sentence.index)
                sentence.groups.setdefault(name, set()).update(items)
        sentence.negated = sentence.negated or lead.negated
        # The item's later sentences are read in the lead-in's paragraph too: what defers the list
        # ("We will explore the following:") or puts it in another's voice holds them back as well.
        for target in [sentence, *(s for s in by_block[sentence.block] if s.index > sentence.index)]:
            target.deferred = target.deferred or lead.deferred
            if not lead.own_voice and target.own_voice:
                target.own_voice = False
                target.voice_note = lead.voice_note


def _match_groups(sentences: list[Sentence], folded: list[str], rubric: CompiledRubric) -> dict[str, list[int]]:
    """Find every term group's items in every sentence.

    All sentences are matched in one text, each try stopping at its sentence's end, and each group
    is tried only where its literal keys start (see `matching`)."""
    joined = Joined.of(folded)
    occurrences = index_tokens(joined.text, rubric.prefixes)
    found: dict[str, list[int]] = {}
    for group in rubric.matchers:
        hits, name = group_hits(group, joined, occurrences), group.name
        for i, items in hits.items():
            groups = sentences[i].groups
            if name in groups:  # two groups of one name: only a rubric built in code, unvalidated
                groups[name] |= items
            else:
                groups[name] = items
        found[name] = sorted(hits)
    return found


def _mark_signals(sentences: list[Sentence]) -> None:
    for sentence in sentences:
        sentence.signals = {name[len(SIGNAL) :] for name in sentence.groups if name.startswith(SIGNAL)}


def _mark_voice(sentences: list[Sentence], folded: list[str], rubric: CompiledRubric) -> None:
    cues = rubric.cues
    third_party_blocks: dict[int, str] = {}
    for sentence, text in zip(sentences, folded):
        found = sentence.groups
        if CUE + "reporting" in found:
            sentence.own_voice = False
            sentence.voice_note = f"reports on others ({_cue_text(cues.reporting, text)!r})"
        elif CUE + "quotation" in found:
            sentence.own_voice = False
            sentence.voice_note = f"quotes another source ({_cue_text(cues.quotation, text)!r})"
        if CUE + "third_party" in found:
            third_party_blocks[sentence.block] = _cue_text(cues.third_party, text)
        sentence.deferred = CUE + "deferral" in found
        sentence.negated = CUE + "negation" in found
    # Under a heading that itself reports on others ("National context") a passage does too; under
    # a glossary's heading it only defines words, and under one on what other areas do ("Learning
    # from others") it is theirs, unless it is a commitment of the document's own (a closing "This
    # plan is available in large print" after the last definition, "We will consider ...").
    for cue, keeps, nearest, note in _HEADING_VOICES:
        for index, heading in _headed_by(sentences, cue, nearest=nearest).items():
            sentence = sentences[index]
            if sentence.own_voice and keeps not in sentence.groups:
                sentence.own_voice = False
                sentence.voice_note = f"{note} ({sentences[heading].text!r})"
    # A glossary run into a paragraph of its own ("Glossary: DCO - ...") defines words too.
    glossary_blocks = {s.block for s in sentences if not s.is_heading and CUE + "reference" in s.groups}
    for sentence in sentences if glossary_blocks else ():
        if sentence.block in glossary_blocks and sentence.own_voice:
            sentence.own_voice = False
            sentence.voice_note = "defines words in the document's reference matter"
    for sentence in sentences:
        if sentence.block in third_party_blocks:
            sentence.own_voice = False
            sentence.voice_note = f"describes work for another organisation ({third_party_blocks[sentence.block]!r})"


# (cue of the heading, cue that keeps a passage under it the document's own, whether only the
# nearest heading counts, what the reason says). Reference matter (a glossary, who attended a
# meeting) and what other areas do have no sub-sections of the document's own: in plain text a
# heading guessed too high ("PRESENT:", "LEARNING FROM OTHERS") must not take the rest with it.
# Others' opinions of the document likewise (each board's sub-heading is one of them: "A1.
# Quenwick Health and Wellbeing Board"); the plan's own reply under them stays its own.
_HEADING_VOICES = (
    (CUE + "reporting", None, False, "sits under a heading on others' plans or national policy"),
    (CUE + "reference", CUE + "commitment", True, "defines words in the document's reference matter"),
    (CUE + "elsewhere", CUE + "commitment", True, "sits under a heading on what other areas do"),
    (CUE + "opinions", CUE + "commitment", True, "sits under a heading over others' opinions of the document"),
)


def _headed_by(sentences: list[Sentence], cue: str, *, nearest: bool) -> dict[int, int]:
    """Sentence index -> the heading carrying `cue` that it sits under (only its nearest heading
    counts when `nearest`)."""
    marked = {s.index for s in sentences if s.is_heading and cue in s.groups}
    found: dict[int, int] = {}
    for sentence in sentences if marked else ():
        above = sentence.headings[-1:] if nearest else sentence.headings
        heading = next((h for h in above if h in marked), None)
        if heading is not None:
            found[sentence.index] = heading
    return found


def _cue_text(regex: re.Pattern[str] | None, text: str) -> str:
    """The words that triggered a cue, for the reason shown to users."""
    match = regex.search(text) if regex else None
    return match.group(0).strip() if match else ""


def _is_review_document(sentences: list[Sentence], document: ParsedDocument, rubric: CompiledRubric) -> bool:
    # An action or improvement plan answering an inspection, a peer challenge or a report restates
    # what it answers before its actions, which are often in the passive ("The DCO will ..."): its
    # title, not its cue count, says whose it is.
    opening = sentences[:OPENING_SENTENCES]
    if not sentences or any(CUE + "own_plan_title" in s.groups and CUE + "review_document" not in s.groups for s in opening):
        return False
    # What the document says other systems do, under a heading of its own ("Learning from other
    # systems"), is a plan's benchmarking, and the boards' opinions a JFP prints ("The Board notes
    # that the draft plan does not ...") are its statutory appendix: neither is a sign that the
    # whole document reports on others.
    set_aside = _headed_by(sentences, CUE + "elsewhere", nearest=True) | _headed_by(sentences, CUE + "opinions", nearest=True)
    marked = [any(cue in s.groups for cue in _REVIEW_CUES) and s.index not in set_aside for s in sentences]
    review = sum(marked)
    declared = any(CUE + "review_opening" in s.groups for s in sentences[:REVIEW_OPENING_SENTENCES])
    if review < (_REVIEW_MIN_SENTENCES_DECLARED if declared else _REVIEW_MIN_SENTENCES):
        return False  # most documents: no need to count their own sentences
    # A plan in the third person ("NHS Fernvale ICB will ...") or the passive has few "we will"s;
    # such an action in a sentence that reports on others is theirs (what leaders told inspectors),
    # and a body named must be the one the title or opening names (a review's examples are not).
    opening_text = " ".join(opening_lines(document, sentences))
    own = sum(
        1
        for s, cued in zip(sentences, marked)
        if not cued and (CUE + "commitment" in s.groups or _own_third_person(s, opening_text, rubric))
    )
    # The declaration lowers only the minimum: the share and the own-sentence allowance still
    # come from the opening lines, so an own plan citing one review is not given away.
    opened = any(marked[:OPENING_SENTENCES])
    share, own_per_cue = (_REVIEW_SHARE_OPENED, 1.0) if opened else (_REVIEW_SHARE, 0.5)
    return review / len(sentences) >= share and own <= review * own_per_cue


def _own_third_person(sentence: Sentence, opening_text: str, rubric: CompiledRubric) -> bool:
    if any(cue in sentence.groups for cue in _REVIEW_CUES):
        return False
    if CUE + "own_action" in sentence.groups:
        return True
    found = rubric.cues.own_name.search(sentence.text) if CUE + "own_name" in sentence.groups and rubric.cues.own_name else None
    if found is None:
        return False
    names = [word for word in re.findall(r"[A-Z][A-Za-z]+", found.group()) if word not in rubric.cues.own_name_words]
    return any(re.search(rf"\b{re.escape(word)}\b", opening_text) for word in names)


def _is_cyp_focused(document: ParsedDocument, sentences: list[Sentence], rubric: CompiledRubric) -> bool:
    """About children as a whole: the title or first headings name children (and not as one group
    among many), or a large share of the sentences do; a document with a section of its own for
    adults covers every age unless its title names children."""
    title = document.title or ""
    if title and rubric.cyp_group.regex.search(title) and not _among_others(title, rubric):
        return True
    # Otherwise a document with a section of its own for adults ("Age well", "Older people")
    # covers every age, however much of it is about children and even if its first stage is
    # "Start well".
    headings = [s for s in sentences if s.is_heading]
    if any(_is_adults_section(s, rubric) for s in headings):
        return False
    if any(_names_children(s, rubric) for s in headings[:2]):
        return True
    body = [s for s in sentences if not s.is_heading]
    with_cyp = sum(1 for s in body if _names_children(s, rubric))
    return len(body) >= _CYP_FOCUS_MIN_SENTENCES and with_cyp / len(body) >= _CYP_FOCUS_SHARE


def _is_adults_section(heading: Sentence, rubric: CompiledRubric) -> bool:
    """A heading of a section about adults ("6. Age well", "Adults and older people"), not one
    that reports what adults said ("Top themes from adults")."""
    adults = rubric.rubric.adult_terms
    if adults is None or adults not in heading.groups or rubric.cyp_name in heading.groups:
        return False
    return _HEARD_FROM.search(heading.text) is None


def _names_children(s: Sentence, rubric: CompiledRubric) -> bool:
    # Children named as one group in a list of several others do not make a passage about them.
    if rubric.cyp_name not in s.groups:
        return False
    others = rubric.other_groups_name
    return not (others and len(s.groups.get(others, ())) >= 2)


def _among_others(text: str, rubric: CompiledRubric) -> bool:
    others = rubric.other_groups_name
    if not others:
        return False
    group = rubric.groups[others]
    return len({group.item_of(m) for m in group.regex.finditer(text)}) >= 2


def _mark_cyp(sentences: list[Sentence], rubric: CompiledRubric, focused: bool) -> None:
    """About children: the sentence names them (or points back with "they", "this" to the sentence
    before it, which does), a heading above it does, or the whole document is about children."""
    names = [_names_children(s, rubric) for s in sentences]
    adults = rubric.rubric.adult_terms
    for sentence in sentences:
        # A sentence about adults ("For working-age adults our focus is ...") and not children is
        # not about children, even under a children's heading or in a children's plan. Other groups
        # that may be children's families (women, carers, refugees) do not take a sentence out.
        sentence.adult_only = adults is not None and adults in sentence.groups and rubric.cyp_name not in sentence.groups
        previous = sentence.index - 1
        continues = (
            previous >= 0
            and sentences[previous].block == sentence.block
            and names[previous]
            and _REFERS_BACK.match(sentence.text) is not None
        )
        in_context = focused or continues or any(names[h] for h in sentence.headings)
        sentence.cyp = names[sentence.index] or (in_context and not sentence.adult_only)
