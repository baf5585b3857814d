"""Unicode and white-space normalisation of decoded text, with a map back to it.

NFKC turns full-width ASCII into ASCII (``２０２４`` → ``2024``, ``（`` → ``(``,
``，`` → ``,``), line endings become ``\\n``, other white space becomes a plain
space, zero-width and control characters are removed, runs of spaces inside a
line become one space and spaces at the start and end of a line are dropped;
straight double quotes around Chinese words become “…”.
The :class:`~kg.model.OffsetMap` returned with the text maps every index of the
normalised text back to the character of the original it came from.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import regex

from kg.model import OffsetMap

__all__ = ["normalize_text"]

# Characters that end a line (besides "\n"): CR, vertical tab, form feed (a PDF
# page break), file/group/record separators, NEL, line and paragraph separators.
_LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Invisible characters that are removed: soft hyphen, zero-width spaces and
# joiners, direction marks, word joiner, invisible operators, byte order mark.
_ZERO_WIDTH = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
# Other control characters (C0 except tab and line breaks, DEL, C1 except NEL).
_CONTROL = "\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f"
_SPACE = " \t\u1680"  # other Unicode spaces become " " by NFKC itself

_NO_COMPOSE = "\n" + _LINE_BREAKS + _SPACE
_VISIBLE_SPACE = re.compile(f"[{_SPACE}]")


def _char_class(pattern: regex.Pattern, text: str) -> str:
    """The characters of ``text`` that ``pattern`` matches, as the inside of a
    ``re`` character class of ranges."""
    ranges = (m.group() for m in pattern.finditer(text))
    return "".join(re.escape(r[0]) + ("-" + re.escape(r[-1]) if len(r) > 1 else "")
                   for r in ranges)


@cache
def _tables() -> tuple[dict[int, str], re.Pattern[str], re.Pattern[str]]:
    """Build, once, what normalisation needs.

    Returns the ``str.translate`` table of BMP characters NFKC maps to one
    other character that neither composes nor is a combining mark (full-width
    forms, ideographic space, NBSP, CJK compatibility ideographs …), a pattern
    finding runs of them, and the pattern of everything else to fix: line
    breaks, runs of white space, characters NFKC changes or that may compose.
    Explicit ``re`` classes are used (``re`` goes from match to match several
    times faster than ``regex``); they list the BMP characters and take in
    every supplementary one, which NFKC then leaves or changes (a class with
    scattered supplementary ranges makes ``re`` scan slowly).
    """
    maybe = regex.compile(r"\p{NFKC_QC=M}")
    table: dict[int, str] = {}
    for cp in range(0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        char = chr(cp)
        mapped = unicodedata.normalize("NFKC", char)
        if (mapped != char and len(mapped) == 1 and not unicodedata.combining(char)
                and not unicodedata.combining(mapped) and not maybe.match(mapped)):
            table[cp] = mapped
    width = "".join(re.escape(chr(cp)) for cp in sorted(table))
    bmp = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))
    changed = _char_class(regex.compile(r"[\p{NFKC_QC=N}\p{NFKC_QC=M}]+"), bmp)
    changed += "\U00010000-\U0010ffff"
    special = re.compile(
        rf"(?P<nl>\r\n?|[{_LINE_BREAKS}])"
        rf"|(?P<ws>[{_SPACE}{_ZERO_WIDTH}{_CONTROL}]+)"
        rf"|(?P<nf>[{changed}]+)")
    return table, re.compile(f"[{width}]+"), special


# A plan says how a matched piece of the source becomes output: the output
# string and the breakpoints (output offset, source offset) it adds to the
# offset map, relative to where the piece starts.
_Plan = tuple[str, tuple[tuple[int, int], ...]]


def _plan(parts: list[tuple[int, str]]) -> _Plan:
    """Build a plan from consecutive ``(source length, output)`` parts.

    Output character k of a part comes from source character min(k, n - 1)
    of it (n = the part's source length); after a part the source goes on at
    its end.  Breakpoints the map already implies are left out.
    """
    points: list[tuple[int, int]] = []
    shift = src = dst = 0

    def add(d: int, s: int) -> None:
        nonlocal shift
        if points and points[-1][0] == d:
            points[-1] = (d, s)
        elif s - d != shift:
            points.append((d, s))
        shift = s - d

    for n, out in parts:
        length = len(out)
        if length != n:
            for k in range(n, length):
                add(dst + k, src + n - 1)
            add(dst + length, src + n)
        src, dst = src + n, dst + length
    return "".join(out for _, out in parts), tuple(points)


@lru_cache(maxsize=1 << 16)
def _nfkc_plan(chunk: str) -> _Plan:
    """Plan the NFKC normalisation of ``chunk``: per character where no two
    characters compose, else per grapheme cluster."""
    out = unicodedata.normalize("NFKC", chunk)
    if len(out) == len(chunk):
        return out, ()
    pieces = [unicodedata.normalize("NFKC", c) for c in chunk]
    if "".join(pieces) == out:
        return _plan([(1, piece) for piece in pieces])
    return _plan([(len(c), unicodedata.normalize("NFKC", c)) for c in regex.findall(r"\X", chunk)])


@lru_cache(maxsize=1 << 12)
def _space_plan(run: str, at_edge: bool) -> _Plan:
    """Plan a run of white space and invisible characters: nothing at the
    start or end of a line or when nothing in it is visible, else one space
    (coming from the run's first visible space)."""
    visible = _VISIBLE_SPACE.search(run)
    if at_edge or visible is None:
        return _plan([(len(run), "")])
    keep = visible.start()
    return _plan([(keep, ""), (1, " "), (len(run) - keep - 1, "")])


def normalize_text(text: str) -> tuple[str, OffsetMap]:
    """Normalise Unicode (NFKC) and white space, keeping a map to the original.

    Parameters
    ----------
    text : decoded text as read from a file.

    Returns
    -------
    ``(normalised, offsets)`` where ``offsets.to_source(i)`` is the index in
    ``text`` of the character that normalised character ``i`` comes from
    (``to_source(len(normalised)) == len(text)``).

    Examples
    --------
    >>> out, offsets = normalize_text("２０２４年，新增　企业１２家\\r\\n")
    >>> out
    '2024年,新增 企业12家\\n'
    >>> offsets.to_source(out.index("\\n"))
    14
    """
    table, width_runs, special = _tables()
    # one character to one: indices unchanged
    translated = width_runs.sub(lambda m: m.group().translate(table), text)
    parts: list[str] = []
    derived: list[int] = []           # breakpoints of the offset map
    source: list[int] = []
    spos = dpos = 0                   # source consumed, output made
    end_of_text = len(translated)
    ends_line = "\n" + _LINE_BREAKS
    crlf = _plan([(2, "\n")])

    for match in special.finditer(translated):
        start, end = match.span()
        kind = match.lastgroup
        if kind == "nl":
            # CR LF becomes one character; a single break keeps its length
            plan = crlf if end - start == 2 else ("\n", ())
        elif kind == "nf":
            if start > spos and translated[start - 1] not in _NO_COMPOSE:
                start -= 1               # the character before may compose with it
            plan = _nfkc_plan(translated[start:end])
        else:
            run = match.group()
            at_edge = (start == 0 or translated[start - 1] in ends_line
                       or end == end_of_text or translated[end] in ends_line)
            if run == " " and not at_edge:
                continue                 # a single space inside a line stays
            plan = _space_plan(run, at_edge)
        if start > spos:
            parts.append(translated[spos:start])
            dpos += start - spos
        out, points = plan
        for d, s in points:
            d += dpos
            if derived and derived[-1] == d:
                source[-1] = start + s
            else:
                derived.append(d)
                source.append(start + s)
        parts.append(out)
        dpos += len(out)
        spos = end
    parts.append(translated[spos:])
    return _curly_quotes("".join(parts)), OffsetMap(tuple(derived), tuple(source))


_STRAIGHT_QUOTED = re.compile(r'"([^"\n]{1,60})"')
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _curly_quotes(text: str) -> str:
    """Write straight double quotes around Chinese words as “…” (one character for one).

    Reports written with ASCII punctuation quote names as "某某计划"; the rules
    read names in “…”.  Only a pair on one line around Chinese text changes.

    >>> _curly_quotes('实施"英才"计划, size="3"')
    '实施“英才”计划, size="3"'
    """
    if '"' not in text:
        return text
    return _STRAIGHT_QUOTED.sub(
        lambda m: f"“{m.group(1)}”" if _HAN.search(m.group(1)) else m.group(), text)
