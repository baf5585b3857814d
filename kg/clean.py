"""Cleaning of a document's text before its reports are found.

:func:`clean_text` turns the normalised text of a web scrape or a PDF preview
into report text, one paragraph per line:

* lines of web-page and document-site furniture are dropped (navigation,
  footers, "展开>> 收起<<", file names, page numbers; the patterns are in
  ``kg/data/patterns/furniture.txt``, and ``kg.boilerplate.is_boilerplate_line``
  is consulted as well when that module is present);
* a site's truncated excerpt that repeats the text ("…" at its end) is dropped;
* quotation marks that a PDF extraction moved out of place (``“ ”``) and
  spaces between CJK characters and numbers are removed;
* lines broken in the middle of a sentence are joined again;
* a title is cut from a first sentence written on the same line, and a
  line of thousands of characters is cut before its headings (一、 (一) 1.).

Nothing else is removed: every CJK character of a body line survives.  The
returned :class:`~kg.model.OffsetMap` maps each index of the cleaned text
back to the input text.  The heading and title patterns live in
``kg/data/patterns/report_split.json`` and are shared with :mod:`kg.split`
through :func:`report_patterns`.
"""
from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from kg.errors import PatternError
from kg.model import OffsetMap

__all__ = ["clean_text", "clean_lines", "offset_map", "is_furniture_line", "heading_level", "title_rank",
           "report_patterns", "ReportPatterns"]

#: Characters that end a line without breaking a sentence.
FINAL = "。!?;:”’)》】…"
_YEAR = regex.compile(r"(?:19|20)\d{2}|20\d[*＊Xx×]|20[Xx×]{2}")      # 2024, 202X, 201*, 20XX
_QUOTE_CLUSTER = regex.compile(r"[“”‘’](?:[ \t\u3000]+[“”‘’])+")
# white space with a CJK character (or CJK punctuation) on at least one side
_CJK = r"[\p{Han}\u3000-\u303f\uff00-\uffef“”‘’《》【】…—、。]"
_CJK_SPACE = regex.compile(rf"(?<={_CJK})[ \t\u3000\u00a0]+(?=\S)|(?<=\S)[ \t\u3000\u00a0]+(?={_CJK})")
_DATE_ONLY = regex.compile(r"^(?:(?:(?:19|20)\d{2}|20[Xx]{2})\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?"
                           r"|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$")
_LONG_LINE = 800          # a line longer than this is cut at its headings
_HEADER_MAX = 60           # a running header is a short line (a title), at most this long
_MARKER = regex.compile(r"(?P<l1>[一二三四五六七八九十]{1,3})、|\((?P<l2>[一二三四五六七八九十]{1,3})\)"
                        r"|(?P<l3>\d{1,2})\.(?![\d.])|\((?P<l3b>\d{1,2})\)")
_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


@dataclass(frozen=True, slots=True)
class ReportPatterns:
    """The compiled patterns of ``report_split.json`` and ``furniture.txt``."""

    headings: tuple[tuple[int, regex.Pattern], ...]
    furniture: tuple[regex.Pattern, ...]
    title_end: regex.Pattern          # kind word (+ short parenthesis) at the end of a line
    title_head: regex.Pattern         # a title at the start of a long line, before a body opener
    body_opener: regex.Pattern
    issuer_words: regex.Pattern
    plan_period: regex.Pattern        # a five-year plan's period (“十四五”), a title's year
    collection: regex.Pattern
    title_max: int
    agency: regex.Pattern             # any agency ending
    zone: regex.Pattern               # any development-zone ending
    anonymised: regex.Pattern
    kind_words: dict[str, tuple[str, ...]]
    label_max: int
    label_modifiers: tuple[str, ...]
    summary_cues: tuple[str, ...]
    plan_cues: tuple[str, ...]
    date_labels: tuple[str, ...]
    issuer_labels: tuple[str, ...]
    publisher_labels: tuple[str, ...]
    cover_letter: regex.Pattern       # the title of a notice that sends out the report (关于印发…的通知)
    cover_letter_lines: int           # how many lines above the report's title such a notice may start


def _alternation(words: list[str], escape: bool = True) -> str:
    items = sorted(words, key=len, reverse=True)
    return "|".join(regex.escape(w) if escape else w for w in items)


@lru_cache(maxsize=1)
def report_patterns() -> ReportPatterns:
    """Load and compile ``kg/data/patterns/report_split.json`` and ``furniture.txt``.

    Returns
    -------
    ReportPatterns, cached after the first call.

    Raises :class:`~kg.errors.PatternError` when a file is malformed.
    """
    folder = resources.files("kg") / "data" / "patterns"
    try:
        data = json.loads((folder / "report_split.json").read_text(encoding="utf-8"))
        heads = data["headings"]
        headings = tuple((level, regex.compile(p)) for level in (1, 2, 3) for p in heads[f"level{level}"])
        title = data["title"]
        kinds = title["kind_words"]
        title_end = regex.compile(rf"(?:{_alternation(kinds)})(?:\([^()]{{1,12}}\))?$")
        opener = regex.compile(rf"(?:{'|'.join(title['body_openers'])})")
        title_head = regex.compile(
            rf"^[^,。;!?:]{{4,{title['max_length']}}}?(?:{_alternation(kinds)})(?:\([^()]{{1,12}}\))?"
            rf"(?=\s*(?:{opener.pattern}))")
        kind_words = {k: tuple(data["section_kinds"][k]) for k in ("summary", "plan", "other")}
        patterns = ReportPatterns(
            headings=headings,
            furniture=tuple(_load_furniture(folder / "furniture.txt")),
            title_end=title_end,
            title_head=title_head,
            body_opener=opener,
            issuer_words=regex.compile(_alternation(title["issuer_words"])),
            plan_period=regex.compile(title["plan_period"]),
            collection=regex.compile(_alternation(title["collection_words"], escape=False)),
            title_max=int(title["max_length"]),
            agency=regex.compile(rf"(?:{_alternation(data['agency_suffixes']['words'])})"),
            zone=regex.compile(rf"(?:{_alternation(data['zones']['words'])})"),
            anonymised=regex.compile(data["anonymised"]),
            kind_words=kind_words,
            label_max=int(data["section_kinds"]["label_max"]),
            label_modifiers=tuple(data["section_kinds"]["label_modifiers"]),
            summary_cues=tuple(data["preamble"]["summary_cues"]),
            plan_cues=tuple(data["preamble"]["plan_cues"]),
            date_labels=tuple(data["metadata"]["date_labels"]),
            issuer_labels=tuple(data["metadata"]["issuer_labels"]),
            publisher_labels=tuple(data["metadata"]["publisher_labels"]),
            cover_letter=regex.compile(data["cover_letter"]["title"]),
            cover_letter_lines=int(data["cover_letter"]["max_lines"]),
        )
    except (KeyError, TypeError, ValueError, regex.error) as exc:
        raise PatternError(f"report_split.json: {type(exc).__name__}: {exc}; expected keys: headings, "
                           "title, agency_suffixes, zones, anonymised, section_kinds, preamble, metadata, "
                           "cover_letter") from exc
    return patterns


def _load_furniture(path) -> list[regex.Pattern]:
    patterns = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            patterns.append(regex.compile(line))
        except regex.error as exc:
            raise PatternError(f"furniture.txt line {number}: {exc}: {line}") from exc
    return patterns


@lru_cache(maxsize=1)
def _boilerplate_check() -> Callable[[str], bool] | None:
    """``kg.boilerplate.is_boilerplate_line`` when that module exists."""
    try:
        module = importlib.import_module("kg.boilerplate")
    except ImportError:
        return None
    return getattr(module, "is_boilerplate_line", None)


def heading_level(line: str) -> tuple[int, int] | None:
    """Return ``(level, end of the marker)`` when ``line`` starts with a heading marker.

    Level 1: 一、 第一部分; level 2: (一); level 3: 1. 1、 (1).

    Examples
    --------
    >>> heading_level("(二)加强科技服务。")
    (2, 3)
    >>> heading_level("2024年新增企业12家。") is None
    True
    """
    for level, pattern in report_patterns().headings:
        match = pattern.match(line)
        if match:
            return level, match.end()
    return None


#: what may follow a title on a line of its own: its period or status in brackets ((2026—2030年), (征求意见稿))
_TITLE_TAIL = regex.compile(r"^[((][^()()]{1,16}[))]$")


def title_rank(line: str) -> int:
    """Rank ``line`` as a report title: 0 not a title, 1 a title without an issuer, 2 with one.

    A title is a short line without sentence punctuation that ends with a kind
    word (总结, 计划, 要点, 打算, 思路, 安排 …) and names a year (rank 1) and,
    before its first year, an issuing body or place (局, 委, 区, 县, 市 …: rank 2);
    a title without a year must name a body (某某区科技局工作计划: rank 2).
    Headings and titles of compilations (…汇编(5篇)) are not titles.

    Examples
    --------
    >>> title_rank("青山县科学技术局2023年工作总结及2024年工作计划")
    2
    >>> title_rank("2024年工作要点")
    1
    >>> title_rank("二、2024年工作计划")
    0
    >>> title_rank("青山县“十四五”科技创新发展规划")
    2
    """
    pats = report_patterns()
    line = line.strip()
    if not line or len(line) > pats.title_max or heading_level(line):
        return 0
    if regex.search(r"[,。;:!?]", line) or pats.collection.search(line) or line.count("《") != line.count("》"):
        return 0                # (a line that opens a 《title》 and breaks: a document named in a sentence)
    end = pats.title_end.search(line)
    if not end:
        return 0
    year = _YEAR.search(line) or pats.plan_period.search(line)     # 2024年; “十四五”
    if not year:   # without a year only a named body makes a title: 某某区科技局工作计划
        return 2 if pats.agency.search(line[:end.start()]) else 0
    return 2 if pats.issuer_words.search(line[:year.start()]) else 1


def is_furniture_line(line: str) -> bool:
    """Return True when ``line`` is web-page or document-site furniture, not report text.

    Examples
    --------
    >>> is_furniture_line("展开>> 收起<<")
    True
    >>> is_furniture_line("全年新增高新技术企业12家。")
    False
    """
    line = line.strip()
    if not line:
        return False
    if any(p.search(line) for p in report_patterns().furniture):
        return True
    check = _boilerplate_check()
    if check is None or heading_level(line) or title_rank(line) or _DATE_ONLY.match(line) or _is_agency_line(line):
        return False
    return bool(check(line))


# ------------------------------------------------------------------ lines with offsets

@dataclass(slots=True)
class _Line:
    """A piece of text with the input index of each of its characters."""

    text: str
    src: list[int]

    def cut(self, start: int, end: int) -> _Line:
        return _Line(self.text[start:end], self.src[start:end])

    def drop(self, pattern: regex.Pattern) -> _Line:
        """Remove every match of ``pattern``."""
        keep_text, keep_src, last = [], [], 0
        for match in pattern.finditer(self.text):
            keep_text.append(self.text[last:match.start()])
            keep_src.extend(self.src[last:match.start()])
            last = match.end()
        if last == 0:
            return self
        keep_text.append(self.text[last:])
        keep_src.extend(self.src[last:])
        return _Line("".join(keep_text), keep_src)

    def strip(self) -> _Line:
        stripped = self.text.strip()
        if len(stripped) == len(self.text):
            return self
        start = len(self.text) - len(self.text.lstrip())
        return self.cut(start, start + len(stripped))


def _source_lines(text: str) -> list[_Line]:
    lines, pos = [], 0
    for piece in text.split("\n"):
        lines.append(_Line(piece, list(range(pos, pos + len(piece)))))
        pos += len(piece) + 1
    return lines


def _cn_value(numeral: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23; 0 for anything else."""
    tens, ten, units = numeral.partition("十")
    if not ten:
        return _CN_DIGITS.get(numeral, 0) if len(numeral) == 1 else 0
    if len(tens) > 1 or len(units) > 1:
        return 0
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)


def _marker_number(match: regex.Match) -> tuple[int, int]:
    """(level, number) of a heading marker found inside a line."""
    for group, level in (("l1", 1), ("l2", 2), ("l3", 3), ("l3b", 3)):
        value = match.group(group)
        if value is not None:
            return level, int(value) if value.isdigit() else _cn_value(value)
    return 0, 0


def _heading_cuts(text: str) -> list[int]:
    """Positions where a very long line should break: before its headings.

    Headings are accepted in sequence only (二、 after 一、, (二) after (一)),
    a level-1 or level-3 marker only after sentence punctuation, so that
    enumerations inside sentences and words like 第一、 stay put.
    """
    pats = report_patterns()
    cuts: list[int] = []
    counters = {1: 0, 2: 0, 3: 0}
    for match in _MARKER.finditer(text):
        start = match.start()
        if start == 0:
            continue
        level, number = _marker_number(match)
        before = text[:start].rstrip(" \t\u3000")[-1:]     # a one-line scrape keeps a space before headings
        if number != counters[level] + 1:
            continue
        if level in (1, 3) and before not in "。;!?:”":
            continue
        if level == 2 and counters[1] == 0 and number == 1 and before not in "。;!?:”":
            continue
        counters[level] = number
        for deeper in range(level + 1, 4):
            counters[deeper] = 0
        cuts.append(start)
        if level < 3:
            # the heading's own text ends where its first item or first sentence starts
            window = text[match.end():match.end() + 60]
            stop = regex.search(r"[。;!?]", window)
            window = window[:stop.start()] if stop else window
            inner = regex.search(r"(?<=\S{4})(?:一是|首先)", window) or pats.body_opener.search(window, 4)
            if inner:
                cuts.append(match.end() + inner.start())
    return sorted(set(cuts))


def _cut_long_line(line: _Line) -> list[_Line]:
    """Cut a title from the text that follows it on the same line, and a very long line at its headings."""
    pats = report_patterns()
    cuts = []
    if len(line.text) > pats.title_max:
        title = pats.title_head.match(line.text)
        if title:
            cuts.append(title.end())
    if len(line.text) > _LONG_LINE:
        cuts.extend(_heading_cuts(line.text))
    if not cuts:
        return [line]
    bounds = [0, *sorted(set(cuts)), len(line.text)]
    return [line.cut(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _tidy(line: _Line) -> _Line:
    """Remove displaced quotation marks and spaces next to CJK characters."""
    return line.drop(_QUOTE_CLUSTER).drop(_CJK_SPACE).strip()


_SQUASHED = regex.compile(r"[\s“”‘’\"]+")


def _squash(text: str) -> str:
    return _SQUASHED.sub("", text)


def _drop_repeated_excerpts(lines: list[_Line | None]) -> list[_Line | None]:
    """Drop a site's truncated excerpt ("…" at its end) that repeats earlier text."""
    kept: list[_Line | None] = []
    seen = ""
    for line in lines:
        if line is not None and len(line.text) >= 40 and regex.search(r"(?:\.\.\.|…)$", line.text):
            key = _squash(line.text)[:30]
            if key and key in seen:
                continue
        if line is not None:
            seen += _squash(line.text)
        kept.append(line)
    return kept


def _drop_running_headers(lines: list[_Line | None]) -> list[_Line | None]:
    """Drop the repeats of a page's running header (the title printed atop every
    page of a PDF): a short line without sentence punctuation written three
    times or more, or twice in a PDF preview; the first stays."""
    counts: dict[str, int] = {}
    for line in lines:
        if line is not None and len(line.text) <= _HEADER_MAX and not regex.search(r"[,。;!?]", line.text):
            counts[line.text] = counts.get(line.text, 0) + 1
    pdf, _ = _looks_like_pdf(lines)
    repeated = {text for text, n in counts.items() if n >= 3 or (pdf and n >= 2)}
    seen: set[str] = set()
    out: list[_Line | None] = []
    for line in lines:
        if line is not None and line.text in repeated:
            if line.text in seen:
                continue
            seen.add(line.text)
        out.append(line)
    return out


def _looks_like_pdf(lines: list[_Line | None]) -> tuple[bool, int]:
    """(is this a PDF preview with fixed-width lines?, its usual line width)."""
    lengths = sorted(len(x.text) for x in lines if x is not None)
    if len(lengths) < 15:
        return False, 0
    open_ends = sum(1 for x in lines if x is not None and x.text[-1] not in FINAL)
    median, high = lengths[len(lengths) // 2], lengths[int(len(lengths) * 0.8)]
    return (open_ends >= 0.5 * len(lengths) and 15 <= median and high <= 80), high


@lru_cache(maxsize=1)
def _agency_end() -> regex.Pattern:
    return regex.compile(rf"(?:{report_patterns().agency.pattern})(?:\([^()]{{1,8}}\))?$")


def _is_agency_line(text: str) -> bool:
    """A signature line: a short name of a body, e.g. 某某区科学技术局."""
    return len(text) <= 30 and not regex.search(r"[,。;:!?]", text) and bool(_agency_end().search(text))


def _is_metadata_line(text: str) -> bool:
    """A page's metadata line: a date, issuer or publisher label and a colon (时间: 2021-12-06)."""
    pats = report_patterns()
    return text.lstrip().startswith(tuple(label + colon for label in (*pats.date_labels, *pats.issuer_labels,
                                                                      *pats.publisher_labels)
                                          for colon in (":", ":", " :", " :")))


def _is_heading_only(text: str) -> bool:
    """A heading line without body text: short, no sentence punctuation inside."""
    return heading_level(text) is not None and len(text) <= 40 and not regex.search(r"[。;!?]", text[:-1])


def _may_join(current: _Line, last_piece: _Line, following: _Line, pdf: bool, width: int) -> bool:
    """Should ``following`` continue the paragraph ``current`` (whose last line is ``last_piece``)?"""
    text = current.text
    if text[-1] in FINAL or heading_level(following.text) or title_rank(following.text):
        return False
    if title_rank(text) and _TITLE_TAIL.match(following.text):
        return True             # 某县“十五五”科技创新发展规划 / (2026—2030年): one title broken in two
    if title_rank(text) or _DATE_ONLY.match(following.text) or _is_metadata_line(following.text) \
            or _is_agency_line(text) \
            or _is_agency_line(following.text):
        return False
    if _is_heading_only(text) and not (pdf and len(last_piece.text) >= 0.85 * width):
        return False
    if not pdf and report_patterns().body_opener.match(following.text.lstrip()):
        return False            # a headline, then 近日,…: a paragraph opens
    return pdf or len(text) >= 8


def _needs_space(before: str, after: str, pdf: bool) -> bool:
    """Should a space join two pieces of a broken line?  Between two Latin words,
    yes; between two digits only outside a PDF, whose fixed-width lines break
    numbers anywhere (15 / 0家 is 150家)."""
    word = r"[A-Za-z]" if pdf else r"[A-Za-z0-9]"
    return bool(regex.match(word, after) and regex.search(rf"{word}$", before))


def _join_broken_lines(lines: list[_Line | None]) -> list[_Line]:
    """Join lines broken in the middle of a sentence; blank lines end a paragraph,
    except in a PDF preview where they stand around a page break inside a sentence."""
    pdf, width = _looks_like_pdf(lines)
    paragraphs: list[_Line] = []
    current: _Line | None = None
    last_piece: _Line | None = None
    for line in lines:
        if line is None:
            if pdf and current is not None and current.text[-1] not in FINAL:
                continue             # a page break (blank, page number, blank) inside a sentence
            if current is not None:
                paragraphs.append(current)
            current = last_piece = None
            continue
        if current is not None and _may_join(current, last_piece, line, pdf, width):
            glue = " " if _needs_space(current.text, line.text, pdf) else ""
            src = current.src + ([current.src[-1] + 1] if glue else []) + line.src
            current = _Line(current.text + glue + line.text, src)
        else:
            if current is not None:
                paragraphs.append(current)
            current = line
        last_piece = line
    if current is not None:
        paragraphs.append(current)
    return paragraphs


def clean_lines(text: str) -> tuple[str, list[int]]:
    """Clean ``text`` as :func:`clean_text` does; return the text and the input index of each character."""
    lines: list[_Line | None] = []
    for line in _source_lines(text):
        for piece in _cut_long_line(line):
            piece = _tidy(piece)
            if not piece.text:
                lines.append(None)
            elif not is_furniture_line(piece.text):
                lines.append(piece)
    paragraphs = _join_broken_lines(_drop_running_headers(_drop_repeated_excerpts(lines)))
    out_text: list[str] = []
    out_src: list[int] = []
    for paragraph in paragraphs:
        if out_text:
            out_text.append("\n")
            out_src.append(out_src[-1] + 1)
        out_text.append(paragraph.text)
        out_src.extend(paragraph.src)
    return "".join(out_text), out_src


def offset_map(src: list[int]) -> OffsetMap:
    """Compress a list of input indices (one per character) into an :class:`OffsetMap`."""
    derived, source = [], []
    for i, s in enumerate(src):
        if i == 0 or s != src[i - 1] + 1:
            derived.append(i)
            source.append(s)
    return OffsetMap(tuple(derived), tuple(source))


def clean_text(text: str) -> tuple[str, OffsetMap]:
    """Clean the normalised text of a document.

    Parameters
    ----------
    text : the NFKC-normalised text of a document (``Document.text``).

    Returns
    -------
    (cleaned text, map from cleaned-text index to ``text`` index).  The
    cleaned text has one paragraph per line, no blank lines and no furniture.

    Examples
    --------
    >>> cleaned, offsets = clean_text("当前位置:首页 > 工作动态\\n全年新增国家高新技术企业\\n12家。")
    >>> cleaned
    '全年新增国家高新技术企业12家。'
    >>> offsets.to_source(0)
    15
    """
    cleaned, src = clean_lines(text)
    return cleaned, offset_map(src)
