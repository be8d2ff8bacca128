"""Error types and the exit codes, defined once for the whole tool."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    THRESHOLD_FAILED = 1  # a gate (--fail-under, --require, ...) failed
    ERROR = 2  # usage, input or rubric error, or a document that could not be read


class HpigError(Exception):
    """Base of every error the library raises on purpose; its message is one line for the user."""


class LoadError(HpigError):
    """A document could not be turned into text (missing, corrupt, encrypted, empty, unsupported)."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class RubricError(HpigError):
    """A rubric file is invalid; the message names the file, line, criterion and key."""


class UsageError(HpigError):
    """The user asked for something that cannot be done (bad option value, unknown ID)."""
