"""Agreement between the tool and hand-coded labels: exact, within one level, weighted kappa.

Linearly weighted Cohen's kappa over the three ordered levels (not_met < partial < met):
kappa = 1 - sum(w * observed) / sum(w * expected), with disagreement weight |i - j| / 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import yaml
from pydantic import BaseModel, ConfigDict, Field

from hpig_audit.errors import UsageError
from hpig_audit.report import LEVELS

_INDEX = {level: i for i, level in enumerate(LEVELS)}


class LabelledDocument(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    path: str
    type: str = "other"
    labels: dict[str, str]


class LabelsFile(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    rubric: str | None = None
    documents: tuple[LabelledDocument, ...]


def read_labels(path: Path) -> LabelsFile:
    """Read a labels file; document paths are resolved relative to it. Unknown keys are ignored."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read labels file: {exc}") from None
    except yaml.YAMLError as exc:
        raise UsageError(f"{path}: invalid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), dict):
        raise UsageError(f"{path}: a labels file needs a 'documents' mapping of file name -> {{type, labels}}")
    documents = []
    for name, entry in data["documents"].items():
        if not isinstance(entry, dict) or not isinstance(entry.get("labels"), dict):
            raise UsageError(f"{path}: document {name!r} needs a 'labels' mapping of criterion -> level")
        labels = {}
        for criterion, level in entry["labels"].items():
            normal = _normal_level(level)
            if normal not in _INDEX:
                raise UsageError(f"{path}: document {name!r}: {criterion}: level {level!r} is not one of {', '.join(LEVELS)}")
            labels[str(criterion).strip().upper()] = normal
        documents.append(
            LabelledDocument(path=str((path.parent / str(name)).resolve()), type=str(entry.get("type", "other")), labels=labels)
        )
    return LabelsFile(rubric=data.get("rubric"), documents=tuple(documents))


def _normal_level(level: object) -> str:
    """'Met', 'not met', 'Not-Met' and 'partially met' are spellings hand coders use for the levels."""
    text = "_".join(str(level).strip().lower().replace("-", " ").split())
    return {"partially_met": "partial", "notmet": "not_met", "unmet": "not_met"}.get(text, text)


@dataclass(frozen=True)
class Pair:
    document: str
    criterion: str
    theme: str
    expected: str
    got: str


class Agreement(BaseModel):
    model_config = ConfigDict(frozen=True)
    n: int = Field(description="Number of judgments compared.")
    exact: float = Field(description="Share of judgments where the levels are equal.")
    within_one: float = Field(description="Share where the levels differ by at most one step.")
    kappa: float | None = Field(description="Linearly weighted Cohen's kappa; null when undefined.")


def agreement(pairs: Iterable[Pair]) -> Agreement:
    pairs = list(pairs)
    n = len(pairs)
    if n == 0:
        return Agreement(n=0, exact=0.0, within_one=0.0, kappa=None)
    exact = sum(p.expected == p.got for p in pairs) / n
    within = sum(abs(_INDEX[p.expected] - _INDEX[p.got]) <= 1 for p in pairs) / n
    return Agreement(n=n, exact=round(exact, 4), within_one=round(within, 4), kappa=_kappa(pairs))


def _kappa(pairs: list[Pair]) -> float | None:
    k = len(LEVELS)
    n = len(pairs)
    observed = [[0.0] * k for _ in range(k)]
    for p in pairs:
        observed[_INDEX[p.expected]][_INDEX[p.got]] += 1 / n
    rows = [sum(observed[i]) for i in range(k)]
    cols = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    weight = lambda i, j: abs(i - j) / (k - 1)  # noqa: E731
    disagree_obs = sum(weight(i, j) * observed[i][j] for i in range(k) for j in range(k))
    disagree_exp = sum(weight(i, j) * rows[i] * cols[j] for i in range(k) for j in range(k))
    if disagree_exp == 0:
        return 1.0 if disagree_obs == 0 else None
    return round(1 - disagree_obs / disagree_exp, 4)
