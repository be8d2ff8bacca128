"""The configuration file: `.hpig-audit.yaml`, or a `[tool.hpig-audit]` table in `pyproject.toml`.

It is looked for in the current directory, then its parents, stopping after the git root (the
first directory holding `.git`) or at the filesystem root. Relative paths in it (rubric files,
outputs, baseline) are relative to the file's own directory. Every key is optional; an unknown key
is an error that names it. Command-line options override the file, key by key.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from hpig_audit.errors import UsageError
from hpig_audit.format import FORMATS

YAML_NAMES = (".hpig-audit.yaml", ".hpig-audit.yml")
PYPROJECT = "pyproject.toml"
TOOL_TABLE = "hpig-audit"


class ConfigError(UsageError):
    """The configuration file is missing, unreadable or invalid; the message names the file and key."""


class ExcludeEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    criterion: str = Field(description="Criterion ID, e.g. CP1.")
    reason: str = Field(description="Why the criterion does not apply (required, shown with warnings).")
    expires: date | None = Field(default=None, description="Last day the exclusion applies (YYYY-MM-DD).")

    @field_validator("criterion", "reason")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value.strip()


class Config(BaseModel):
    """Every key of the configuration file. Command-line options override them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rubric: str | None = Field(default=None, description="Rubric ID or file (default hpig-2023).")
    format: str | None = Field(default=None, description="Format printed on standard output (default table).")
    outputs: dict[str, str] = Field(default_factory=dict, description="Format -> file, all written in one run.")
    fail_under: float | None = Field(default=None, ge=0, le=100, description="Minimum overall score.")
    fail_under_theme: dict[str, float] = Field(default_factory=dict, description="Theme ID or prefix -> minimum theme score.")
    require: list[str] = Field(default_factory=list, description="Criteria that must be met.")
    fail_on: Literal["partial", "not_met"] | None = Field(default=None, description="Fail on any partial (or only not_met) criterion.")
    baseline: str | None = Field(default=None, description="A previous JSON report: fail only on what got worse.")
    partial_fails: bool | None = Field(default=None, description="JUnit: a partial criterion is a failed test case.")
    exclude: list[ExcludeEntry] = Field(default_factory=list, description="Criteria left out of the gates.")

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: str | None) -> str | None:
        if value is not None and value not in FORMATS:
            raise ValueError(f"unknown format {value!r}; choose from {', '.join(FORMATS)}")
        return value

    @field_validator("outputs")
    @classmethod
    def _known_outputs(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = [name for name in value if name not in FORMATS]
        if unknown:
            raise ValueError(f"unknown format {', '.join(map(repr, unknown))}; choose from {', '.join(FORMATS)}")
        return value

    @field_validator("require", mode="before")
    @classmethod
    def _split_ids(cls, value: Any) -> Any:
        return [part.strip() for part in value.split(",") if part.strip()] if isinstance(value, str) else value

    @field_validator("fail_under_theme")
    @classmethod
    def _scores(cls, value: dict[str, float]) -> dict[str, float]:
        for theme, score in value.items():
            if not 0 <= score <= 100:
                raise ValueError(f"{theme}: expected a score from 0 to 100, got {score:g}")
        return value


KEYS = tuple(Config.model_fields)


@dataclass(frozen=True)
class LoadedConfig:
    settings: Config
    path: Path | None = None
    """The file it came from; None when there is none (or --no-config)."""

    @property
    def name(self) -> str:
        return display(self.path) if self.path else "configuration"

    def resolve_path(self, value: str) -> Path:
        """A path written in the file, relative to the file's directory."""
        path = Path(value).expanduser()
        return path if path.is_absolute() or self.path is None else self.path.parent / path


EMPTY = LoadedConfig(Config())


def find_config(start: Path | None = None) -> Path | None:
    """The configuration file that applies in `start` (default: the current directory), if any."""
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        found = [folder / name for name in YAML_NAMES if (folder / name).is_file()]
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _tool_table(pyproject) is not None:
            found.append(pyproject)
        if len(found) > 1:
            raise ConfigError(f"{' and '.join(display(p) for p in found)} both configure hpig-audit; keep one")
        if found:
            return found[0]
        if (folder / ".git").exists():
            return None
    return None


def load_config(path: Path | None = None, *, start: Path | None = None) -> LoadedConfig:
    """Read `path`, or the file `find_config` finds; no file gives the empty configuration."""
    if path is None:
        path = find_config(start)
        if path is None:
            return EMPTY
    elif not path.is_file():
        raise ConfigError(f"{display(path)}: configuration file not found")
    if path.suffix == ".toml":
        data = _tool_table(path)
        if data is None:
            raise ConfigError(f"{display(path)}: no [tool.{TOOL_TABLE}] table")
        node = None
    else:
        data, node = _read_yaml(path)
    return LoadedConfig(parse_config(data, display(path), node), path)


def parse_config(data: Any, name: str, node: yaml.Node | None = None) -> Config:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{name}: expected a mapping of keys ({', '.join(KEYS)})")
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, name, node)) from None


def display(path: Path) -> str:
    """A path as short as it can be said from the current directory."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _tool_table(path: Path) -> dict[str, Any] | None:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{display(path)}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{display(path)}: invalid TOML: {exc}") from None
    table = data.get("tool", {})
    if not isinstance(table, dict) or TOOL_TABLE not in table:
        return None
    if not isinstance(table[TOOL_TABLE], dict):
        raise ConfigError(f"{display(path)}: [tool.{TOOL_TABLE}] must be a table")
    return table[TOOL_TABLE]


def _read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{display(path)}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        return yaml.safe_load(text), yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{display(path)}{where}: invalid YAML: {problem}") from None


def _describe(exc: ValidationError, name: str, node: yaml.Node | None) -> str:
    errors = exc.errors()
    # The first problem in the file's own order, where the file's lines are known.
    error = min(errors, key=lambda e: _line_of(node, tuple(e["loc"])) or 0) if node is not None else errors[0]
    loc = tuple(error["loc"])
    key = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".")
    line = _line_of(node, loc)
    where = f"{name}{f':{line}' if line else ''}"
    if error["type"] == "extra_forbidden":
        known = KEYS if len(loc) == 1 else tuple(ExcludeEntry.model_fields)
        close = difflib.get_close_matches(str(loc[-1]).replace("-", "_"), known, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(known)})"
        return f"{where}: unknown key {key!r}{hint}"
    if error["type"] == "missing":
        return f"{where}: {key}: required key missing" + (" (every exclusion needs a reason)" if loc[-1] == "reason" else "")
    return f"{where}: key {key!r}: {error['msg'].removeprefix('Value error, ')}"


def _line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the key at `loc` in the YAML, or of the deepest node that exists on the way."""
    best = None
    for index, part in enumerate(loc):
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if getattr(k, "value", None) == part), None)
            if pair is None:
                break
            best, node = (pair[0] if index == len(loc) - 1 else pair[1]), pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            best = node = node.value[part]
        else:
            break
    return best.start_mark.line + 1 if best is not None else None
