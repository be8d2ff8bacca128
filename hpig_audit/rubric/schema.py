"""The rubric file format, validated by pydantic.

A rubric is data: themes, named synonym groups ("terms"), cue lists that hold passages back, and
criteria whose evidence rules are declared in YAML. No criterion has Python of its own.
"""

from __future__ import annotations

import re
from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Scope = Literal["sentence", "paragraph", "section", "document"]
SignalKind = Literal["person", "post", "date", "number", "board"]
RuleLevel = Literal["met", "partial"]
ExampleLevel = Literal["met", "partial", "not_met"]

# A term group is a list of regex patterns (each pattern one item for `distinct` counting), or a
# mapping from item name to one pattern or a list of patterns.
TermGroupSpec = Union[list[str], dict[str, Union[str, list[str]]]]


class LocatedError(ValueError):
    """A cross-check failure that knows where in the rubric it is, e.g. ('criteria', 3, 'rules', 1)."""

    def __init__(self, message: str, loc: tuple[str | int, ...]):
        super().__init__(message)
        self.loc = loc


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Theme(_Strict):
    id: str = Field(description="Stable theme ID, e.g. population_health.")
    name: str
    prefix: str = Field(description="Criterion ID prefix of the theme, e.g. PH.")
    weight: float = 1.0
    baseline: str | None = Field(default=None, description="2023 national picture for the theme, in words.")
    section_terms: tuple[str, ...] = Field(
        default=(), description="Regex for headings of sections where the theme is written about (where a gap sits)."
    )


class Distinct(_Strict):
    terms: str = Field(description="Term group whose distinct items are counted.")
    min: int = Field(ge=1)
    max: int | None = Field(default=None, description="Fire only when at most this many items are present.")


class Rule(_Strict):
    """One way a criterion can reach a level. Every condition given must hold in one scope unit."""

    level: RuleLevel
    why: str = Field(description="The reason shown to users when this rule decides the level.")
    scope: Scope = "sentence"
    all: tuple[str, ...] = Field(default=(), description="Term groups that must each occur in the unit.")
    any: tuple[str, ...] = Field(default=(), description="Term groups of which at least one must occur.")
    none: tuple[str, ...] = Field(default=(), description="Term groups that must not occur in the unit.")
    only: tuple[str, ...] = Field(
        default=(), description="Only headings and sentences containing one of these groups count at all."
    )
    distinct: Distinct | None = None
    heading: tuple[str, ...] = Field(default=(), description="The unit's section heading must match one of these groups.")
    is_heading: bool = Field(default=False, description="The passage must itself be a heading.")
    specific: tuple[SignalKind, ...] = Field(default=(), description="At least one of these specificity signals must occur.")
    lift: tuple[SignalKind, ...] = Field(default=(), description="On a partial rule: any of these signals lifts it to met.")
    min_passages: int = Field(default=1, ge=1, description="The rule must hold in at least this many separate units.")
    cyp: bool = Field(
        default=True,
        description="Only passages about babies, children and young people count. With false, whole-population "
        "passages count too (the report's 'to some extent'), but never ones about adults only.",
    )
    adults: bool = Field(default=False, description="With cyp false: passages about adults only count too.")
    cyp_framed: bool = Field(
        default=False,
        description="Outside sentence scope: one sentence about children that holds the rule's first 'all' group (its "
        "subject: PH8's gap in data) frames the unit, and its other sentences count without naming children again "
        "('We will raise this to 95% by 2026'); never ones about adults only.",
    )
    own_voice: bool = Field(default=True, description="Only the document's own statements count, not reports on others.")
    own_making: bool = Field(
        default=False,
        description="In a document that reviews others' plans, its passages on how it was itself made still count (engagement in writing it, its easy read version).",
    )
    hold_back: bool | Literal["deferred"] = Field(
        default=True,
        description="Deferred or negated passages cap the level at partial. 'deferred': only deferred ones do, for "
        "rules whose subject is itself a negative ('we do not have reliable data on ...' names a gap).",
    )
    whole_document: bool = Field(
        default=False,
        description="Only in a document about babies, children and young people as a whole (its title or first "
        "headings name them, or a large share of its sentences do), such as a children's plan.",
    )

    @model_validator(mode="after")
    def _has_condition(self) -> "Rule":
        if not (self.all or self.any or self.distinct or self.is_heading):
            raise ValueError("a rule needs at least one of: all, any, distinct, is_heading")
        if self.lift and self.level != "partial":
            raise ValueError("lift only makes sense on a partial rule")
        if self.cyp_framed and (self.scope == "sentence" or not self.cyp or not self.all):
            raise ValueError("cyp_framed needs a scope wider than a sentence, cyp true and an 'all' group (its subject)")
        return self

    @property
    def caps_deferred(self) -> bool:
        """A deferred passage caps this rule at partial."""
        return bool(self.hold_back)

    @property
    def caps_negated(self) -> bool:
        """A negated passage caps this rule at partial (not with `hold_back: deferred`)."""
        return self.hold_back is True

    def groups_used(self) -> set[str]:
        used = set(self.all) | set(self.any) | set(self.none) | set(self.heading) | set(self.only)
        if self.distinct:
            used.add(self.distinct.terms)
        return used


class Example(_Strict):
    level: ExampleLevel
    text: str = Field(description="A passage or short document (Markdown headings allowed).")
    note: str | None = Field(default=None, description="What the example shows (e.g. a trap).")


class Criterion(_Strict):
    id: str
    theme: str
    title: str
    question: str
    met: str = Field(description="What met requires, in words.")
    partial: str = Field(description="What partial requires, in words.")
    weight: float = 1.0
    source: str = Field(description="The report finding or recommendation this criterion comes from.")
    baseline: str | None = Field(default=None, description="The 2023 national picture, where the report measured it.")
    baseline_pct: float | None = Field(default=None, description="Share (0-100) of documents in 2023, where a figure exists.")
    baseline_counts: Literal["met", "met_or_partial"] = Field(
        default="met",
        description="What baseline_pct counts: documents that met it, or that did it at least 'to some extent'.",
    )
    recommendation: str = Field(description="What the document's authors could do when it is not met.")
    terms: dict[str, TermGroupSpec] = Field(default_factory=dict, description="Term groups local to this criterion.")
    rules: tuple[Rule, ...]
    examples: tuple[Example, ...] = ()

    @field_validator("terms")
    @classmethod
    def _term_names(cls, terms: dict[str, TermGroupSpec]) -> dict[str, TermGroupSpec]:
        return _plain_term_names(terms)

    @field_validator("title", "question", "met", "partial", "source", "baseline", "recommendation")
    @classmethod
    def _tidy_prose(cls, value: str | None) -> str | None:
        # Folded YAML scalars (>) end with a newline; prose is shown inline, so fold whitespace.
        return " ".join(value.split()) if isinstance(value, str) else value

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Z][A-Z0-9_-]*[0-9]+[a-z]?", value):
            raise ValueError(f"criterion id {value!r} should look like PH1 or LD2")
        return value


class Cues(_Strict):
    """Phrases (regex) that change how a passage counts. Matched case-insensitively."""

    deferral: tuple[str, ...] = Field(default=(), description="Intent not yet acted on: 'we will consider', 'we aim to explore'.")
    negation: tuple[str, ...] = Field(default=(), description="Absence: 'we have not yet', 'there is no'.")
    reporting: tuple[str, ...] = Field(default=(), description="A passage about other organisations' documents or duties.")
    review_document: tuple[str, ...] = Field(default=(), description="Signs that a whole document reviews others' plans.")
    review_opening: tuple[str, ...] = Field(
        default=(),
        description="What a document says it is in its opening lines ('By ..., Health Reporter', 'carried out a peer "
        "challenge of' another body, 'the findings of an independent evaluation of'): counted as a review cue, and a "
        "document with one in its first eight sentences needs two review cues, not four, to be read as a review (the "
        "share and own-sentence tests still apply).",
    )
    quotation: tuple[str, ...] = Field(default=(), description="A passage quoting another source.")
    third_party: tuple[str, ...] = Field(default=(), description="Work done for another organisation (a case study): the whole paragraph is not the document's own.")
    commitment: tuple[str, ...] = Field(default=(), description="The document's own commitments: 'we will', 'our ICS'.")
    own_action: tuple[str, ...] = Field(
        default=(),
        description="Actions in the passive ('a single point of access will be introduced'): counted with commitments when "
        "deciding whose the document is, unless the sentence also reports on others; not kept as its own under a heading on "
        "what other areas do.",
    )
    own_name: tuple[str, ...] = Field(
        default=(),
        description="A body named in the third person with what it will do ('NHS Fernvale ICB will ...'): counted with "
        "commitments when deciding whose the document is only when a capitalised word of the name that the pattern itself "
        "does not spell (Fernvale, not ICB) is in the document's title or opening lines; a review names other bodies.",
    )
    own_plan_title: tuple[str, ...] = Field(
        default=(),
        description="A title (in the document's opening lines, on a line without a review_document cue) that names it its "
        "authors' own action or improvement plan: it is its own whatever it restates of the inspection or report it "
        "answers, so it is never read as a review.",
    )
    own_making: tuple[str, ...] = Field(
        default=(),
        description="How this document itself was made ('this guidance was developed with ...'): in a document that reviews others, such a passage is still its own.",
    )
    this_document: tuple[str, ...] = Field(
        # A rubric without its own list still tells a case study naming itself from the client's work.
        default=(r"\bth(?:is|e present) (?:case study|report|review|guidance|document|paper|summary)\b",),
        description="The document naming itself ('this report', 'this case study'): in a case study for a client, only an "
        "account of its making that names the document itself is its own, not the service done for the client.",
    )
    reference: tuple[str, ...] = Field(
        default=(),
        description="Headings over reference matter (a glossary, a list of abbreviations): what sits under them defines words and commits to nothing.",
    )
    elsewhere: tuple[str, ...] = Field(
        default=(),
        description="Headings over what other areas do ('Learning from others'): what sits under them is theirs, "
        "unless it is the document's own commitment ('we will consider their framework').",
    )
    opinions: tuple[str, ...] = Field(
        default=(),
        description="Headings over others' opinions of the document (a JFP's 'Statements of opinion from the Health and "
        "Wellbeing Boards', and each board's sub-heading): what sits under them is theirs, unless it is the document's own "
        "commitment ('In response, we will ...').",
    )


class Rubric(_Strict):
    id: str
    version: str
    name: str
    description: str | None = None
    source: str | None = None
    themes: tuple[Theme, ...]
    fragments: dict[str, str] = Field(
        default_factory=dict,
        description="Named sub-patterns that any pattern includes as {{name}} (expanded when the rubric is read).",
    )
    terms: dict[str, TermGroupSpec] = Field(default_factory=dict)
    cues: Cues = Cues()
    cyp_terms: str = Field(default="cyp", description="Term group that marks a passage as about children.")
    other_groups_terms: str | None = Field(
        default=None,
        description="Term group of other population groups: a sentence naming children beside two or more of "
        "them treats children as one group among many, and does not make a passage about children.",
    )
    adult_terms: str | None = Field(
        default=None,
        description="Term group naming adults as such (adults, older people): a sentence naming them and not "
        "children is not about children, even under a children's heading or in a children's plan.",
    )
    signals: dict[SignalKind, tuple[str, ...]] = Field(
        default_factory=dict,
        description="Specificity signals (case-sensitive regex): a named person, a post, a date, a figure, a named board.",
    )
    criteria: tuple[Criterion, ...]

    @field_validator("terms")
    @classmethod
    def _term_names(cls, terms: dict[str, TermGroupSpec]) -> dict[str, TermGroupSpec]:
        return _plain_term_names(terms)

    @model_validator(mode="after")
    def _cross_checks(self) -> "Rubric":
        theme_ids = [theme.id for theme in self.themes]
        _no_duplicates("theme", theme_ids, "themes")
        _no_duplicates("criterion", [criterion.id for criterion in self.criteria], "criteria")
        for number, criterion in enumerate(self.criteria):
            if criterion.theme not in theme_ids:
                raise LocatedError(f"theme {criterion.theme!r} is not one of {theme_ids}", ("criteria", number, "theme"))
            known = set(self.terms) | set(criterion.terms)
            for index, rule in enumerate(criterion.rules):
                missing = sorted(rule.groups_used() - known)
                if missing:
                    raise LocatedError(f"uses unknown term group(s) {missing}", ("criteria", number, "rules", index))
        for key in ("cyp_terms", "other_groups_terms", "adult_terms"):
            group = getattr(self, key)
            if group is not None and group not in self.terms:
                raise ValueError(f"{key} names {group!r}, which is not a term group")
        return self

    def theme(self, theme_id: str) -> Theme:
        return next(theme for theme in self.themes if theme.id == theme_id)

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id.upper() == criterion_id.upper()), None)


def _plain_term_names(terms: dict[str, TermGroupSpec]) -> dict[str, TermGroupSpec]:
    """A criterion's own groups are known inside the engine as "ID.name", and cues and signals by
    names starting with "~", so a group named that way would be taken for another."""
    for name in terms:
        if "." in name or name.startswith("~"):
            raise ValueError(f"term group name {name!r} must not contain '.' or start with '~' (reserved by the engine)")
    return terms


def _no_duplicates(what: str, ids: list[str], key: str) -> None:
    seen: set[str] = set()
    for index, item in enumerate(ids):
        if item in seen:
            raise LocatedError(f"duplicate {what} id {item!r}", (key, index, "id"))
        seen.add(item)
