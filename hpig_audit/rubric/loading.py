"""Find, read and validate rubric files. Errors name the file, line, criterion and key."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import yaml
from pydantic import ValidationError

from hpig_audit.errors import RubricError
from hpig_audit.rubric.fragments import FragmentError, expand_fragments
from hpig_audit.rubric.schema import LocatedError, Rubric

DEFAULT_RUBRIC = "hpig-2023"
# libyaml's C parser when PyYAML has it (the default rubric is large); the pure-Python one otherwise.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def rubrics_dir() -> Path:
    """Where the shipped rubrics live: inside the installed package, or `rubrics/` in a checkout."""
    packaged = Path(str(resources.files("hpig_audit"))) / "rubrics"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rubrics"


def builtin_rubrics() -> dict[str, Path]:
    return {path.stem: path for path in sorted(rubrics_dir().glob("*.yaml"))}


def resolve(name_or_path: str | Path) -> Path:
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise RubricError(f"{path}: rubric file not found")
        return path
    shipped = builtin_rubrics()
    if str(name_or_path) in shipped:
        return shipped[str(name_or_path)]
    raise RubricError(f"{name_or_path}: no such rubric file or shipped rubric (shipped: {', '.join(shipped) or 'none'})")


def load_rubric(name_or_path: str | Path = DEFAULT_RUBRIC) -> Rubric:
    return _load(resolve(name_or_path).resolve())


@lru_cache(maxsize=8)
def _load(path: Path) -> Rubric:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RubricError(f"{path}: cannot read rubric: {exc}") from None
    return parse_rubric(text, str(path))


def parse_rubric(text: str, name: str) -> Rubric:
    try:
        data = yaml.load(text, Loader=_FAST_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RubricError(f"{name}{where}: invalid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise RubricError(f"{name}: a rubric must be a YAML mapping with id, version, themes, terms and criteria")
    try:
        data = expand_fragments(data)
    except FragmentError as exc:
        line = _line_of(_nodes(text), exc.loc)
        raise RubricError(f"{name}{f':{line}' if line else ''}: {_context(data, exc.loc)}{exc}") from None
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        raise RubricError(_describe(exc, data, _nodes(text), name)) from None
    if not _patterns_checked_before(text):
        nodes = _nodes(text)
        _check_duplicate_keys(nodes, name)
        _check_patterns(rubric, data, lambda: nodes, name)
        _remember_patterns_checked(text)
    return rubric


def _check_duplicate_keys(node: yaml.Node | None, name: str) -> None:
    """YAML keeps the last of two equal keys in a mapping without a word ("note:" twice in one
    example): a rubric that says something twice is reported, with the second key's line."""
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in current.value:
                label = getattr(key, "value", None)
                if isinstance(label, str) and label in seen:
                    raise RubricError(f"{name}:{key.start_mark.line + 1}: key {label!r} appears twice in one mapping")
                if isinstance(label, str):
                    seen.add(label)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


# Compiling every pattern on its own (about 1,300 in the default rubric) to report a bad one with
# its place, and finding keys given twice, costs about half a second; it is done once per rubric
# content and remembered in the cache directory. A rubric that fails is never remembered, so its
# errors are always reported.
def _marker(text: str) -> Path | None:
    from hpig_audit.cache import rubric_cache_dir

    folder = rubric_cache_dir()
    return None if folder is None else folder / f"{hashlib.sha256(text.encode('utf-8')).hexdigest()}.patterns-ok"


def _patterns_checked_before(text: str) -> bool:
    try:
        marker = _marker(text)
        return marker is not None and marker.is_file()
    except OSError:
        return False


def _remember_patterns_checked(text: str) -> None:
    try:
        marker = _marker(text)
        if marker is not None:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
    except OSError:
        pass  # an unwritable cache only costs the check next time


def _nodes(text: str) -> yaml.Node | None:
    """The YAML node tree, with line numbers: built only when an error needs locating."""
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _describe(exc: ValidationError, data: dict[str, Any], node: yaml.Node | None, name: str) -> str:
    error = exc.errors()[0]
    loc = tuple(error["loc"])
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, LocatedError):
        loc = loc + cause.loc  # a cross-check: the error knows which criterion and rule
    line = _line_of(node, loc)
    message = error["msg"].removeprefix("Value error, ")
    return f"{name}{f':{line}' if line else ''}: {_context(data, loc)}{message}"


def _context(data: dict[str, Any], loc: tuple[Any, ...]) -> str:
    """'criterion LD1: key rules[0].why: ' style prefix for a pydantic error location."""
    parts = []
    if len(loc) >= 2 and loc[0] == "criteria" and isinstance(loc[1], int):
        criteria = data.get("criteria") or []
        if loc[1] < len(criteria) and isinstance(criteria[loc[1]], dict):
            parts.append(f"criterion {criteria[loc[1]].get('id', f'#{loc[1] + 1}')}")
        rest = loc[2:]
    else:
        rest = loc
    key = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in rest).lstrip(".")
    if key:
        parts.append(f"key {key}")
    return "".join(f"{part}: " for part in parts)


def _line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the YAML node at `loc`, or of the deepest node that exists on the way."""
    best = node
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if getattr(key, "value", None) == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            node = None
        if node is None:
            break
        best = node
    return best.start_mark.line + 1 if best is not None else None


def _check_patterns(rubric: Rubric, data: dict[str, Any], nodes: Callable[[], yaml.Node | None], name: str) -> None:
    """Compile every pattern now, so a bad regex is reported at load time with its place."""
    places: list[tuple[tuple[Any, ...], str, str]] = [
        (("fragments", fragment), f"fragment {fragment}", body) for fragment, body in rubric.fragments.items()
    ]
    for group, spec in rubric.terms.items():
        places += [(("terms", group, *where), f"term group {group}", p) for where, p in _patterns(spec)]
    for index, criterion in enumerate(rubric.criteria):
        for group, spec in criterion.terms.items():
            places += [
                (("criteria", index, "terms", group, *where), f"criterion {criterion.id}: term group {group}", p)
                for where, p in _patterns(spec)
            ]
    for cue, patterns in rubric.cues.model_dump().items():
        places += [(("cues", cue, i), f"cues.{cue}", p) for i, p in enumerate(patterns)]
    for kind, patterns in rubric.signals.items():
        places += [(("signals", kind, i), f"signals.{kind}", p) for i, p in enumerate(patterns)]
    for number, theme in enumerate(rubric.themes):
        places += [(("themes", number, "section_terms", i), f"theme {theme.id}: section_terms", p) for i, p in enumerate(theme.section_terms)]
    for loc, what, pattern in places:
        try:
            re.compile(pattern)
            # Matching joins each pattern into an alternation, so it must compile inside a group
            # too: a leading global flag such as "(?i)" fails only there, and groups are compiled
            # when a document first needs them.
            re.compile(f"(?:x|(?:{pattern}))")
        except re.error as exc:
            line = _line_of(nodes(), loc)
            raise RubricError(f"{name}{f':{line}' if line else ''}: {what}: bad pattern {pattern!r}: {exc}") from None
        if "(?P<" in pattern:
            raise RubricError(f"{name}: {what}: pattern {pattern!r} must not use named groups")


def _patterns(spec: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """Each pattern of a term group with its place inside the group (item name, list index)."""
    if isinstance(spec, dict):
        found: list[tuple[tuple[str | int, ...], str]] = []
        for item, value in spec.items():
            if isinstance(value, str):
                found.append(((item,), value))
            else:
                found += [((item, i), p) for i, p in enumerate(value)]
        return found
    return [((i,), p) for i, p in enumerate(spec)]
