"""A corpus: many documents from directories, paths, URLs and manifest files, with their metadata.

A manifest is a CSV file (with a header row) or a YAML file listing one document per row:

    path or url   the document (exactly one of the two); a relative path is read from the
                  manifest's folder
    ics           the Integrated Care System's name (optional)
    type          strategy, jfp, plan or other (optional)
    year          e.g. 2023 or 2023/24 (optional)
    notes, title  free text, ignored

YAML takes a list of mappings with the same keys, or a mapping with such a list under
`documents`. Every problem names the manifest, the row (CSV: the line; YAML: the entry and its
line) and the column.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import yaml

from hpig_audit.audit import DOCUMENT_SUFFIXES, build_report, expand_sources
from hpig_audit.errors import UsageError
from hpig_audit.report import AuditReport, DocumentResult
from hpig_audit.rubric.schema import Rubric

if TYPE_CHECKING:
    from hpig_audit.cache import Cache
    from hpig_audit.parallel import Progress

MANIFEST_SUFFIXES = (".csv", ".yaml", ".yml")
DOCUMENT_TYPES = ("strategy", "jfp", "plan", "other")
META_KEYS = ("ics", "type", "year")
_SOURCE_KEYS = ("path", "url")
_IGNORED_KEYS = ("notes", "title")
_YEAR = re.compile(r"(?:19|20)\d{2}(?:\s*[/-]\s*(?:\d{2}|(?:19|20)\d{2}))?")
_TYPE_ALIASES = {"joint forward plan": "jfp", "joint-forward-plan": "jfp", "ics strategy": "strategy", "icp strategy": "strategy"}


class ManifestError(UsageError):
    """A manifest row or column is wrong; the message names the manifest, row and column."""


@dataclass(frozen=True)
class CorpusEntry:
    source: str
    """Path or URL, as it will appear in the report."""
    meta: dict[str, str] = field(default_factory=dict)
    """ics, type and year from a manifest, in that order, where given."""


def is_manifest(item: str) -> bool:
    return "://" not in item and Path(item).suffix.lower() in MANIFEST_SUFFIXES and Path(item).is_file()


def expand_corpus(items: Iterable[str]) -> list[CorpusEntry]:
    """Directories (recursively, sorted), manifests (their rows, in order), paths and URLs as given."""
    entries: list[CorpusEntry] = []
    for item in items:
        if is_manifest(item):
            entries += read_manifest(Path(item))
        else:
            entries += [CorpusEntry(source) for source in expand_sources([item])]
    return entries


def read_manifest(path: Path) -> list[CorpusEntry]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: cannot read manifest: {getattr(exc, 'strerror', None) or exc}") from None
    rows = _csv_rows(path, text) if path.suffix.lower() == ".csv" else _yaml_rows(path, text)
    entries: list[CorpusEntry] = []
    seen: dict[str, str] = {}
    for where, row in rows:
        entry = _entry(path, where, row)
        if entry.source in seen:
            raise ManifestError(f"{path}: {where}: {entry.source} is already listed ({seen[entry.source]})")
        seen[entry.source] = where
        entries.append(entry)
    if not entries:
        raise ManifestError(f"{path}: the manifest lists no documents")
    return entries


def _csv_rows(path: Path, text: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        reader = csv.reader(text.splitlines())
        header = next(reader, None)
        if header is None:
            raise ManifestError(f"{path}: the manifest is empty (a header row naming path or url, ics, type, year is needed)")
        columns = [name.strip().lower() for name in header]
        _check_columns(path, "row 1 (header)", columns)
        rows = []
        for number, values in enumerate(reader, start=2):
            if not any(value.strip() for value in values):
                continue
            if len(values) > len(columns):
                raise ManifestError(f"{path}: row {number}: {len(values)} values but the header names {len(columns)} columns")
            rows.append((f"row {number}", dict(zip(columns, values))))
        return rows
    except csv.Error as exc:
        raise ManifestError(f"{path}: not a valid CSV file: {exc}") from None


def _yaml_rows(path: Path, text: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise ManifestError(f"{path}:{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
    items_node = node
    if isinstance(data, dict) and "documents" in data:
        data = data["documents"]
        items_node = next((value for key, value in node.value if key.value == "documents"), None)  # type: ignore[union-attr]
    if not isinstance(data, list):
        raise ManifestError(f"{path}: a YAML manifest is a list of documents (or a mapping with a `documents` list)")
    rows = []
    for index, item in enumerate(data):
        line = items_node.value[index].start_mark.line + 1 if isinstance(items_node, yaml.SequenceNode) else None
        where = f"row {index + 1}" + (f" (line {line})" if line else "")
        if not isinstance(item, dict):
            raise ManifestError(f"{path}: {where}: each document is a mapping with path or url, ics, type, year")
        columns = [str(key).strip().lower() for key in item]
        _check_columns(path, where, columns)
        rows.append((where, {str(key).strip().lower(): value for key, value in item.items()}))
    return rows


def _check_columns(path: Path, where: str, columns: Sequence[str]) -> None:
    known = _SOURCE_KEYS + META_KEYS + _IGNORED_KEYS
    for column in columns:
        if column not in known:
            raise ManifestError(f"{path}: {where}: column {column!r}: unknown column (known: {', '.join(known)})")
    duplicates = sorted({c for c in columns if columns.count(c) > 1})
    if duplicates:
        raise ManifestError(f"{path}: {where}: column {duplicates[0]!r} appears twice")


def _entry(path: Path, where: str, row: dict[str, Any]) -> CorpusEntry:
    values = {key: ("" if value is None else str(value)).strip() for key, value in row.items()}
    given = [key for key in _SOURCE_KEYS if values.get(key)]
    if not given:
        raise ManifestError(f"{path}: {where}: column path: empty (each row needs a path or a url)")
    if len(given) == 2:
        raise ManifestError(f"{path}: {where}: column url: give a path or a url, not both")
    source = values[given[0]]
    if given[0] == "url":
        if not re.match(r"https?://\S+$", source, re.IGNORECASE):
            raise ManifestError(f"{path}: {where}: column url: {source!r} is not an http(s) URL")
    elif "://" in source:
        raise ManifestError(f"{path}: {where}: column path: {source!r} is a URL; put it in the url column")
    else:
        local = Path(source).expanduser()
        source = str(local if local.is_absolute() else path.parent / local)
        if Path(source).suffix.lower() not in DOCUMENT_SUFFIXES and Path(source).suffix:
            raise ManifestError(f"{path}: {where}: column path: {values[given[0]]!r} is not a document "
                                f"({', '.join(DOCUMENT_SUFFIXES)})")
    meta: dict[str, str] = {}
    if values.get("ics"):
        meta["ics"] = " ".join(values["ics"].split())
    if values.get("type"):
        kind = values["type"].lower()
        kind = _TYPE_ALIASES.get(kind, kind)
        if kind not in DOCUMENT_TYPES:
            raise ManifestError(f"{path}: {where}: column type: {values['type']!r} is not one of {', '.join(DOCUMENT_TYPES)}")
        meta["type"] = kind
    if values.get("year"):
        if not _YEAR.fullmatch(values["year"]):
            raise ManifestError(f"{path}: {where}: column year: {values['year']!r} is not a year like 2023 or 2023/24")
        meta["year"] = re.sub(r"\s+", "", values["year"])
    return CorpusEntry(source, meta)


# ---------------------------------------------------------------------------------- auditing


def audit_corpus(
    entries: Sequence[CorpusEntry],
    rubric: Rubric,
    *,
    jobs: int | None = None,
    cache: "Cache | None" = None,
    progress: "Progress | None" = None,
) -> AuditReport:
    """Audit a corpus (in parallel when `jobs` > 1); manifest metadata goes into each result's `meta`."""
    from hpig_audit.parallel import audit_many

    results = audit_many([entry.source for entry in entries], rubric, jobs=jobs, cache=cache, progress=progress)
    with_meta = [
        result.model_copy(update={"meta": dict(entry.meta)}) if entry.meta and isinstance(result, DocumentResult) else result
        for entry, result in zip(entries, results)
    ]
    return build_report(rubric, with_meta)
