"""Sentences of a report.

:func:`split_sentences` cuts ``Report.text`` after 。 ! ? ; (NFKC turns the
full-width ；！？ into ASCII) and at line breaks, but never inside a quotation
or a title in “…” ‘…’ 《…》 (…) 【…】: a boundary inside a bracket pair is
skipped.  Only pairs closed on the same line and within ``MAX_PAIR``
characters count, so a quotation mark left unpaired by a PDF extraction does
not glue a paragraph into one sentence.  Headings are sentences too.
"""
from __future__ import annotations

from bisect import bisect_right

from kg.model import Report, Sentence

__all__ = ["split_sentences", "MAX_PAIR"]

#: Characters ending a sentence.
ENDS = "。!?;"
#: Longest bracket or quotation (in characters) that protects its contents.
MAX_PAIR = 150
_PAIRS = {"“": "”", "‘": "’", "《": "》", "(": ")", "【": "】", "「": "」", "『": "』"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}


def _protected(line: str) -> list[tuple[int, int]]:
    """Spans (open, close) of the bracket and quotation pairs of one line."""
    stack: list[tuple[str, int]] = []
    spans = []
    for i, char in enumerate(line):
        if char in _PAIRS:
            stack.append((char, i))
        elif char in _CLOSERS:
            opener = _CLOSERS[char]
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == opener:
                    start = stack[depth][1]
                    del stack[depth:]
                    if i - start <= MAX_PAIR:
                        spans.append((start, i))
                    break
    return spans


def _line_cuts(line: str) -> list[int]:
    """Positions just after each sentence end of ``line`` that lies outside every pair."""
    spans = _protected(line)
    cuts = []
    for i, char in enumerate(line):
        if char not in ENDS:
            continue
        inside = [(a, b) for a, b in spans if a < i < b]
        if not inside:
            cuts.append(i + 1)
        elif all(b == i + 1 for a, b in inside) and not any(a < i + 1 < b for a, b in spans if b != i + 1):
            cuts.append(i + 2)        # 。” : the sentence ends with the quotation
    return cuts


def split_sentences(report: Report) -> list[Sentence]:
    """Split a report's text into sentences.

    Parameters
    ----------
    report : a :class:`~kg.model.Report` with its sections.

    Returns
    -------
    Sentences in order with ids f"{report_id}-s{n}" from 1; ``start``/``end``
    index ``report.text`` (``report.text[s.start:s.end] == s.text``); white
    space around a sentence is left out and empty sentences are skipped.
    ``section_id`` and ``kind`` come from the section containing the
    sentence's start.

    Examples
    --------
    >>> from kg.model import Report, Section
    >>> text = "一、主要成效\\n举办“科技活动周。创新大赛”活动;新增企业5家。"
    >>> report = Report("r-1", "d", "a.txt", "0", "", text, sections=(
    ...     Section("r-1-h1", "一、主要成效", 1, "summary", 0, len(text)),))
    >>> [s.text for s in split_sentences(report)]
    ['一、主要成效', '举办“科技活动周。创新大赛”活动;', '新增企业5家。']
    """
    text = report.text
    sections = sorted(report.sections, key=lambda s: s.start)
    section_starts = [s.start for s in sections]
    sentences: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        bounds = [0, *_line_cuts(line), len(line)]
        for a, b in zip(bounds, bounds[1:]):
            piece = line[a:b]
            stripped = piece.strip()
            if not stripped or all(not c.isalnum() for c in stripped):
                continue
            start = pos + a + (len(piece) - len(piece.lstrip()))
            end = start + len(stripped)
            index = bisect_right(section_starts, start) - 1
            section = sections[index] if index >= 0 else None
            sentences.append(Sentence(
                sent_id=f"{report.report_id}-s{len(sentences) + 1}",
                report_id=report.report_id,
                section_id=section.section_id if section else "",
                kind=section.kind if section else "other",
                text=stripped,
                start=start,
                end=end,
            ))
        pos += len(line) + 1
    return sentences
