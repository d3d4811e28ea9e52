"""Every error factlint raises on purpose, under one base class.

A shell catches `FactlintError` and reports its message (exit code 2); anything else that
escapes is a bug. Each message names the file (and where known the line) and the problem.
"""

from __future__ import annotations


class FactlintError(Exception):
    """Something the user can fix: a file, a rule, a configuration or an argument."""


class RuleError(FactlintError):
    """A rule file that cannot be used, located by file, line and column in its YAML."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path, self.line, self.column, self.message = path, line, column, message


class ConfigError(FactlintError):
    """A configuration file that cannot be used; the message names the file and the key."""


class CalendarError(ConfigError):
    """A reference calendar that cannot be used: a configuration error, located by file and line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


class SourceError(FactlintError):
    """An article that cannot be read at all; the message names the file and the problem."""


class ModelError(FactlintError):
    """The spaCy model the user asked for cannot be loaded."""


class ChangesError(FactlintError):
    """git could not say what changed (not a repository, unknown ref)."""


class ReportError(FactlintError, ValueError):
    """A saved report that is not a factlint JSON report; the message says what is wrong."""


class LexiconError(FactlintError, ValueError):
    """A lexicon entry that cannot be used; the message names the entry."""


class RuleAborted(FactlintError):
    """A rule stopped on one file (e.g. a user regex over its time budget): said, not hidden."""
