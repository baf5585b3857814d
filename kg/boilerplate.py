"""Web-page furniture lines: breadcrumbs, share buttons, footers, site chrome.

The patterns live in ``kg/data/patterns/boilerplate.txt`` (one regular
expression per line); both the HTML reader and the cleaning of plain-text
scrapes use them to drop lines that are never report text.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

import regex

from kg.errors import PatternError

__all__ = ["BOILERPLATE_FILE", "load_boilerplate_patterns", "is_boilerplate_line"]

BOILERPLATE_FILE = Path(__file__).parent / "data" / "patterns" / "boilerplate.txt"


def load_boilerplate_patterns(path: str | Path = BOILERPLATE_FILE) -> list[regex.Pattern]:
    """Read a furniture pattern file.

    Parameters
    ----------
    path : a text file with one regular expression per line; blank lines and
        lines starting with ``#`` are skipped.

    Returns
    -------
    The compiled patterns, in file order.

    Raises
    ------
    PatternError : a line is not a valid regular expression.

    Examples
    --------
    >>> any(p.search("分享到:") for p in load_boilerplate_patterns())
    True
    """
    patterns: list[regex.Pattern] = []
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            patterns.append(regex.compile(line, regex.IGNORECASE))
        except regex.error as exc:
            raise PatternError(f"{path}:{number}: bad regular expression {line!r}: {exc}") from exc
    return patterns


@cache
def _combined() -> regex.Pattern:
    """All default patterns as one alternation (one scan per line)."""
    parts = [f"(?:{p.pattern})" for p in load_boilerplate_patterns()]
    return regex.compile("|".join(parts), regex.IGNORECASE)


def is_boilerplate_line(line: str) -> bool:
    """Tell whether a line of text is web-page furniture.

    Parameters
    ----------
    line : one line of text (outer white space is ignored).

    Returns
    -------
    True when one of the patterns of :data:`BOILERPLATE_FILE` matches.

    Examples
    --------
    >>> is_boilerplate_line("当前位置:首页 > 信息公开 > 工作总结")
    True
    >>> is_boilerplate_line("全年新增高新技术企业12家。")
    False
    """
    return _combined().search(line.strip()) is not None
