"""The exceptions kg raises: one base class, one subclass per kind of failure."""
from __future__ import annotations

__all__ = ["KGError", "InputError", "PatternError", "QueryError"]


class KGError(Exception):
    """Base class of every error kg reports to its user."""


class InputError(KGError):
    """An input file cannot be read, decoded or holds no report.

    The message names the file and the reason, in one line.
    """

    def __init__(self, path: str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class PatternError(KGError):
    """A pattern or lexicon data file is malformed."""


class QueryError(KGError):
    """A SPARQL query cannot be found, parsed or run."""
