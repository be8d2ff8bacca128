"""`hpig-audit rubric new NAME`: a commented rubric template that validates and whose examples pass.

The template is the documentation a researcher reads first, so every key is explained where it
stands. `render_template` fills in the ID and name; a test runs `rubric validate` on the result.
"""

from __future__ import annotations

import re

from hpig_audit.errors import UsageError

_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*", re.IGNORECASE)

TEMPLATE = """\
# {rubric_id}: a rubric for hpig-audit. Check it with:   hpig-audit rubric validate {file_name}
# Use it with:                                          hpig-audit audit STRATEGY.pdf --rubric {file_name}
#
# A rubric is data, no Python. Each criterion has rules; a rule names term groups (lists of regular
# expressions) that must occur together in a sentence, paragraph, section or the whole document.
# The highest level any rule reaches is the finding: met, partial, or not_met when no rule holds.
# Passages that defer ("we will consider ...") or negate ("we have not yet ...") give partial at most,
# and passages reporting what others should do ("ICBs should ...") do not count at all.
# Patterns are Python regular expressions, matched case-insensitively unless noted; write them in
# single quotes so that backslashes stay as typed ('\\bcancer\\b'). No named groups (?P<...>).

id: {rubric_id}               # stable ID, shown in every report
version: "0.1"                 # bump it when you change rules: results record which version made them
name: {title}
description: >
  What this rubric checks, for whom, and where its criteria come from.
source: "Where the criteria come from: a report, a framework, guidance (title, publisher, year)."

# Themes group criteria and get a score each (0-100). `prefix` is the start of their criteria IDs.
themes:
  - id: leadership
    name: Leadership
    prefix: LEAD
    weight: 1.0                # share of the overall score, relative to the other themes
    # baseline: "What a national review found for this theme, in words (optional)."

# The population the rubric is about. Rules count only passages that mention it (set `cyp: false`
# on a rule to count any passage). The key is called cyp_terms for historical reasons: for an
# adult rubric (for instance Core20PLUS5) name a group of adult population terms here.
cyp_terms: population

# Term groups: named lists of patterns, shared by all criteria. A group may also be a mapping from
# item names to patterns, for rules that count distinct items (`distinct:` below).
terms:
  population:
    - 'adults?'
    - 'people aged (?:18|over)'
    - 'residents?'
    - 'patients?'

# Fragments (optional): a sub-pattern several patterns share, spelled once and included in any
# pattern as {{{{name}}}} (replaced by the fragment in a non-capturing group). For example:
# fragments:
#   document_noun: 'report|review|guidance'
# and then a cue '\\bthis (?:{{{{document_noun}}}}) was written with\\b'.

# Cues change how a passage counts (optional; these few are a start, the shipped hpig-2023 rubric
# has fuller lists to copy). Matched case-insensitively.
cues:
  deferral:
    - '\\bwe (?:will|may|might|could) (?:consider|explore|look (?:at|into))\\b'
    - '\\b(?:in (?:the )?future|in due course|subject to funding)\\b'
  negation:
    - '\\b(?:not yet|have not|has not|there is no|lack of)\\b'
  reporting:
    - '\\b(?:ICBs|ICSs|systems) (?:should|must|are expected to)\\b'
  commitment:
    - '\\bwe will\\b'
    - '\\bour (?:ICS|ICB|system|partnership|strategy|plan)\\b'

# Specificity signals: what makes a mention specific. Case-sensitive (so a named person or board
# is told from a common noun); wrap parts in (?i:...) to ignore case. Kinds: person, post, date,
# number, board.
signals:
  person:
    - '\\b(?:Dr|Professor|Mr|Mrs|Ms|Mx|Cllr)\\.? [A-Z][a-z]+(?: [A-Z][a-z''-]+)*'
  post:
    - '(?i:\\bchief (?:nurse|medical officer|executive)\\b)'
    - '(?i:\\bdirector of (?:nursing|public health|adult social care)\\b)'
  date:
    - '\\b20[2-4]\\d\\b'
  number:
    - '\\b\\d+(?:\\.\\d+)?\\s?(?:%|per ?cent)'
  board:
    - '\\b(?:[A-Z][\\w&-]*,? (?:(?:and|for|of) )?){{1,6}}(?:Board|Committee|Partnership)\\b'

criteria:
  - id: LEAD1                  # theme prefix + number; IDs are a public contract, never renumber
    theme: leadership
    title: Named lead for adults
    question: Does the document name who leads this work for adults?
    met: A named person or an accountable post leads the work ("our Chief Nurse is the lead for adults").
    partial: A lead is mentioned without saying who.
    source: "Where this criterion comes from (a finding or recommendation, with its number)."
    baseline: "What the national review found, in words (optional)."
    # baseline_pct: 43         # share (0-100) of documents that met it then, if published (optional)
    recommendation: Name the lead for adults (the person and their post) and how to contact them.
    weight: 1.0                # share of the theme's score, relative to its other criteria
    terms:                     # term groups only this criterion uses (optional)
      lead_role:
        - '(?:executive|senior|named|clinical|system) (?:lead|director|sponsor) for (?:adults|this (?:work|programme))'
        - 'lead for (?:adults|adult services)'
    rules:
      # Tried in turn; the highest level reached wins. Keys: level (met or partial), why (shown in
      # reports), scope (sentence, paragraph, section or document), all / any / none (term groups),
      # distinct ({{terms: GROUP, min: N}}), heading (groups the section heading must match),
      # specific (signals one of which must occur), lift (on a partial rule: signals that make it met),
      # min_passages, cyp (default true), cyp_framed (default false), own_voice (default true), own_making (default false),
      # hold_back (default true; 'deferred': only deferral caps), whole_document (default false).
      - level: met
        why: names who holds the lead role (a person or an accountable post)
        all: [lead_role]
        specific: [person, post]
      - level: partial
        why: mentions a lead without saying who
        all: [lead_role]
    # Examples are tests: `rubric validate` checks that each passage gets the level it claims.
    # Give at least one per level the criterion can reach, and traps that must not score.
    examples:
      - level: met
        text: Dr Sam Patel, our Chief Nurse, is the executive lead for adults in our ICS.
      - level: partial
        text: We will appoint an executive lead for adults.
      - level: partial
        text: We have not yet named a lead for adults.
        note: negated, so partial at most
      - level: not_met
        text: Our Chief Nurse leads on quality and safety for maternity services.
      - level: not_met
        text: ICBs should name an executive lead for adults, the guidance says.
        note: reports what others should do
"""


def render_template(name: str, file_name: str | None = None) -> str:
    """The template with `name` as the rubric ID; `file_name` is where it will be written."""
    rubric_id = name
    if not _NAME.fullmatch(rubric_id):
        raise UsageError(f"{name!r}: a rubric name is letters, digits, '.', '_' and '-', e.g. core20plus5-adults")
    title = rubric_id.replace("-", " ").replace("_", " ").strip().capitalize()
    return TEMPLATE.format(rubric_id=rubric_id, file_name=file_name or f"{rubric_id}.yaml", title=_yaml_scalar(title))


def _yaml_scalar(text: str) -> str:
    return text if re.fullmatch(r"[A-Za-z][\w .-]*", text) else '"' + text.replace('"', '\\"') + '"'
