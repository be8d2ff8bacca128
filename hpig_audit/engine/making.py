"""How a document about others was itself made: in a review, guidance or a case study nothing is
the document's own commitment, but its account of its own making (young advisers who reviewed its
draft, its young people's version) still counts for the rules that ask how a document was made."""

from __future__ import annotations

import re

from hpig_audit.document import ParsedDocument
from hpig_audit.engine.compiled import CUE
from hpig_audit.engine.sentence import LEADING_NUMBER, REVIEW_OPENING_SENTENCES, Sentence, opening_lines


def mark_own_making(sentences: list[Sentence], document: ParsedDocument) -> None:
    """In a document about others, mark what it says about how it was itself made; nothing else in
    it is its own."""
    making = CUE + "own_making"
    opening = opening_lines(document, sentences)
    plain_text = document.type == "text"  # where heading levels are guessed
    # A case study's "What we did" ("Case study: ...", "Client: Tarnley ICB") is the service done for
    # its client, not how the case study was made: there only a cue or a heading naming this
    # document counts ("How this case study was made", "This case study was written with ..."), not
    # "we ran six workshops with parents" for the client.
    first = sentences[:REVIEW_OPENING_SENTENCES]
    for_client = any(_CLIENT_LINE.match(s.text) for s in first) and any(
        _CASE_STUDY.search(line) for line in [document.title or "", *(s.text for s in first)]
    )
    for sentence in sentences:
        # "This guidance was developed with ...", or anything in its own voice under a heading
        # such as "How we did this review": rules about how a document was made may use it. The
        # cue in the sentence itself wins over its paragraph naming a client ("the client").
        cued = making in sentence.groups and (not for_client or _THIS_DOCUMENT in sentence.groups)
        under = any(
            making in sentences[h].groups and (not for_client or _THIS_DOCUMENT in sentences[h].groups)
            for h in (_headings_over(sentence, sentences) if plain_text else sentence.headings)
        )
        reports = CUE + "reporting" in sentence.groups or CUE + "quotation" in sentence.groups
        sentence.own_making = not reports and (
            cued or (under and _making_voice(sentence, opening)) or _continues_making(sentence, sentences)
        )
        sentence.own_voice = False
        sentence.voice_note = sentence.voice_note or "the document reviews others' plans"


def _headings_over(sentence: Sentence, sentences: list[Sentence]) -> tuple[int, ...]:
    """In plain text, where heading levels are guessed: the headings a sentence sits under, and the
    heading right above its nearest one when that one has no text of its own ("How we did this
    work" straight over "Our Young Listeners" is that section's parent, whatever levels the loader
    guessed for the two)."""
    headings = sentence.headings
    if headings and _CHAPTER_NUMBER.match(sentences[headings[-1]].text):
        # A chapter-numbered heading ("1. Know who you are talking to", "1. SUMMARY") that the loader
        # put under an unnumbered one ("About this guide", "How we prepared this response") starts
        # the document's own numbered body: what it heads is not part of the account of how the
        # document was made. A numbered ancestor is kept ("2.2 Talking to young people" under "2.
        # How we did this review" is still about the making).
        # A method heading over numbered steps in sentence case ("How we made this guide", then
        # "1. We read 42 plans") is kept: the steps are the account; not over chapters in
        # capitals ("How we prepared this response", then "1. SUMMARY").
        steps = not sentences[headings[-1]].text.isupper()
        headings = tuple(
            h
            for h in headings
            if h == headings[-1]
            or LEADING_NUMBER.match(sentences[h].text)
            or (steps and _METHOD_HEADING.match(sentences[h].text))
        )
    if headings and headings[-1] > 0 and sentences[headings[-1] - 1].is_heading:
        return (*headings, headings[-1] - 1)
    return headings


_CHAPTER_NUMBER = re.compile(r"\d{1,2}[.)]?\s")  # "1. ", "2 ", not "2.1 "
# A heading over how the document was made, not over what it is about ("About this guide").
_METHOD_HEADING = re.compile(r"how (?:we|the (?:\w+ )?team|they) \w+|(?:our )?(?:methods?|methodology|approach and methods?)$|what we did$", re.IGNORECASE)


def _making_voice(sentence: Sentence, opening: list[str]) -> bool:
    """Under "How we did this review" or "What we did", a sentence in the authors' own voice ("We
    ran six workshops", "Thirty young people were interviewed") tells how the document was made; one
    whose subject is another body ("Tarnley's Youth Board ran its own workshops", "The system
    published ...") tells what that body did, as a case study's "What we did" does of its client.
    The authors may name themselves ("Priddington Youth Council's members interviewed ...", under a
    title that begins with the council's name or says it is by the council) or write "we", "our" or
    "us" anywhere in the sentence."""
    if not sentence.own_voice:
        return False
    subject = _OTHER_SUBJECT.match(LEADING_NUMBER.sub("", sentence.text))
    if subject is None or _FIRST_PERSON.search(sentence.text):
        return True
    body = subject.group("body")
    return bool(body and _ORGANISATION.search(body) and _authored_by(body, opening))


def _authored_by(body: str, opening: list[str]) -> bool:
    """The body is the document's author: an opening line begins with its name or says the document
    is by it. A client ("Client: Tarnley Council") or the body reviewed ("A review of the Hexlow
    Board's strategy") is named in the opening too, but not in those places."""
    name = body.lower()
    return any(
        line.startswith((name, "the " + name)) or f"by {name}" in line or f"by the {name}" in line
        for line in (line.lower() for line in opening)
    )


# Another body as the subject: a possessive name ("Tarnley's", "Tarnley ICB's", "Velmoor Young
# People's Panel's": later words may hold an apostrophe, so the name runs to its last "'s"), not
# the authors' "Our ..." or "The Network's ...", children's own ("Children's views were ..."), or a
# contraction ("It's based on ..."). "The council's report/review" is the author's own report.
_OTHER_SUBJECT = re.compile(
    r"(?:(?!(?:the|our|children|pupils|young|parents|families|carers|students|residents|it|that|there|here|what|who|this|he|she|let)\b)"
    r"(?P<body>(?-i:[A-Z][\w-]+)(?: (?:and )?(?-i:[A-Z][\w'’-]+)){0,4})(?:'s|’s) "
    r"|the (?:system|council|ICB|ICS|ICP|trust|partnership|client|board)\b(?!(?:'s|’s) (?:own )?(?:report|review)))",
    re.IGNORECASE,
)
# The document naming itself ("this case study", "the present report"): a rubric cue.
_THIS_DOCUMENT = CUE + "this_document"
_CASE_STUDY = re.compile(r"\bcase stud(?:y|ies)\b", re.IGNORECASE)
# A label line naming the client (not "Client-centred research", nor a review's "Commissioned by:").
_CLIENT_LINE = re.compile(r"clients?\s*[:|]\s*\S", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:we|our|(?-i:us))\b", re.IGNORECASE)
_ORGANISATION = re.compile(
    r"\b(?:Council|Parliament|Forum|Panel|Board|Network|Healthwatch|Group|Assembly|Trust|Charity|Alliance|Collective)\b"
)


def _continues_making(sentence: Sentence, sentences: list[Sentence]) -> bool:
    """The paragraph's account of how the document was made goes on: "Young volunteers reviewed a
    draft of this report. They told us it sounded written for adults. As a result, ..." Only after
    a sentence about this document or its draft, and for a few sentences: "We held workshops with
    commissioners. They told us that two ICBs added ..." is what others did."""
    index = sentence.index
    for _ in range(_CONTINUED_AT_MOST):
        previous = sentences[index - 1] if index else None
        if previous is None or previous.block != sentence.block or not previous.own_making:
            return False
        if _CONTINUES_MAKING.match(sentences[index].text) is None:
            return False
        if _CONTINUES_MAKING.match(previous.text) is None:  # the account's first sentence
            return _OWN_DRAFT.search(previous.text) is not None or _THIS_DOCUMENT in previous.groups
        index -= 1
    return False


_CONTINUED_AT_MOST = 3
_CONTINUES_MAKING = re.compile(r"(?:They (?:told|said|asked)|As a result(?! of)|In response)\b")
# Its own draft ("our first draft", "a draft of this report"), not "a draft plan" of others'.
_OWN_DRAFT = re.compile(
    r"\bour (?:\w+ )?draft\b|\bdraft of this\b|\bdraft (?:report|review|briefing|guidance|summary|paper|guide|toolkit)\b", re.IGNORECASE
)
