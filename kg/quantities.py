"""Quantified targets (plan sentences) and achievements (summary sentences).

A quantity is "indicator + number + unit": 力争新增高新技术企业15家 gives the
target [新增高新技术企业, 15, 家].  The number and unit come from
:mod:`kg.numbers`; the indicator is the phrase before the number, trimmed of
trigger words, time words and verbs of reaching (达到, 突破); the word lists
live in ``kg/data/patterns/quantities.json``.  :func:`find_uncovered` lists the
sentences where a trigger or a number gave nothing, for ``coverage.csv``.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import regex

from kg.errors import PatternError
from kg.model import Mention, Quantity, Relation, Report, Sentence
from kg.numbers import QuantityMatch, find_quantities

__all__ = ["extract_quantities", "find_uncovered", "plan_year", "period_start", "load_words"]

_LISTS = ("strong_target_triggers", "other_target_triggers", "summary_target_triggers", "past_markers", "lead_words", "lead_patterns",
          "trail_words", "growth_words", "relational_starts", "distributive_starts", "carry_verbs", "money_cues",
          "year_compare_before", "year_compare_after", "level_words", "comparison_markers",
          "after_noun_stops", "policy_before", "plan_title_words", "list_separators", "baseline_after",
          "alternative_separators", "treated_before", "summary_aim_words", "subject_ends",
          "respectively_words", "example_verbs", "future_markers")
_BOUNDARY = ",;:。!?"
#: "by" a year: 到2027年, 至2030年 (a goal when that year is after the text's own)
_DUE_YEAR = regex.compile(r"(?:到|至)\s*(20\d{2})\s*年")
#: characters before 要 that make it no modal verb (主要, 重要, 需要, 只要)
_NOT_MODAL = set("主重需只必想")
_YEAR = regex.compile(r"(?<!\d)(20\d{2}|20[Xx]{2})(?:\s*(?:-|—|–|~|至|到)\s*(20\d{2}))?\s*年")
_ANONYMISED = regex.compile(r"XX|xx|Xx|\*\*|某|×")
_CJK = regex.compile(r"\p{Han}")
_PLACE_ENDINGS = "省市区县镇乡旗州"


@dataclass(frozen=True, slots=True)
class _Words:
    lists: dict[str, tuple[str, ...]]
    lead: regex.Pattern
    trail: regex.Pattern
    baseline: regex.Pattern
    after_noun_max_lead: int
    plan_period_ends: dict[str, int]        # 十四五 → 2025: the year a five-year plan's goals are due
    goal_list: regex.Pattern                # 要实现三个目标: … : goals listed after it
    goal_item: regex.Pattern                # 一是…, (2)…: an item of such a list
    assigned_task: regex.Pattern            # 根据市下达的目标任务, : the figure after it is the task
    aim_opening: regex.Pattern              # 全年力争…: an aim that opens a sentence governs all of it
    deployment: regex.Pattern               # 会议部署了2027年工作: the news item's figures after it are its goals
    session_after: regex.Pattern            # 九次、十次全会: after 次, a session of a congress, no count
    change: regex.Pattern                   # 从78家增至150家: group "start" holds the starting figure

    def __getattr__(self, name: str) -> tuple[str, ...]:
        try:
            return self.lists[name]
        except KeyError:
            raise AttributeError(name) from None


@lru_cache(maxsize=1)
def load_words() -> _Words:
    """Load ``kg/data/patterns/quantities.json`` (word lists named in ``_LISTS``).

    Raises :class:`~kg.errors.PatternError` when a list is missing or not a list of strings.
    """
    path = resources.files("kg") / "data" / "patterns" / "quantities.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise PatternError(f"quantities.json: not valid JSON: {exc}") from exc
    lists = {}
    for name in _LISTS:
        value = data.get(name)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise PatternError(f"quantities.json: {name!r} must be a list of non-empty strings; "
                               f"expected keys: {', '.join(_LISTS)}")
        lists[name] = tuple(value)
    by_length = lambda words: "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    long_leads = [w for w in lists["lead_words"] if len(w) > 1]
    lead = regex.compile(rf"^(?:\s+|{'|'.join(lists['lead_patterns'])}|{by_length(long_leads)})")
    trail = regex.compile(rf"(?:\s+|{by_length(lists['trail_words'])})$")
    try:
        baseline = regex.compile(data.get("baseline_pattern", "(?!)"))
    except regex.error as exc:
        raise PatternError(f"quantities.json: bad baseline_pattern: {exc}") from exc
    ends = data.get("plan_period_ends", {})
    if not isinstance(ends, dict) or not all(isinstance(k, str) and isinstance(v, int) for k, v in ends.items()):
        raise PatternError("quantities.json: 'plan_period_ends' must map a plan's name to its last year")
    try:
        goal_list = regex.compile(data.get("goal_list_pattern", "(?!)"))
        goal_item = regex.compile(data.get("goal_item_pattern", "(?!)"))
        assigned = regex.compile(data.get("assigned_task_pattern", "(?!)"))
        aim_opening = regex.compile(data.get("aim_opening_pattern", "(?!)"))
        deployment = regex.compile(data.get("deployment_pattern", "(?!)"))
        session_after = regex.compile(data.get("session_after_pattern", "(?!)"))
        change = regex.compile(data.get("change_pattern", "(?P<start>(?!))"))
    except regex.error as exc:
        raise PatternError(f"quantities.json: bad goal_list_pattern, goal_item_pattern, assigned_task_pattern, "
                           f"aim_opening_pattern, deployment_pattern, session_after_pattern or change_pattern: "
                           f"{exc}") from exc
    if "start" not in change.groupindex:
        raise PatternError("quantities.json: change_pattern needs a group named 'start'")
    return _Words(lists, lead, trail, baseline, int(data.get("after_noun_max_lead", 4)), ends, goal_list, goal_item,
                  assigned, aim_opening, deployment, session_after, change)


# ---------------------------------------------------------------- years

def _int_year(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


def plan_year(report: Report) -> int | None:
    """Return the year a report's plan part is for.

    Parameters
    ----------
    report : the report; its ``title``, ``period`` and sections are read.

    Returns
    -------
    The year written before the plan word of the title (…及2025年工作打算 →
    2025); else the year after ``period`` for a yearly summary with a plan,
    the same year for a first half-year (下半年 plan) or a plan-only report;
    None when unknown or anonymised (20XX).

    Examples
    --------
    >>> plan_year(Report("r", "d", "f", "h", "青山县科技局2023年工作总结及2024年工作计划", ""))
    2024
    >>> plan_year(Report("r", "d", "f", "h", "青山县科技局上半年工作总结及下半年工作安排", "", period="2024H1"))
    2024
    """
    title = report.title or ""
    plan = min((i for i in (title.find(w) for w in load_words().plan_title_words) if i >= 0), default=-1)
    if plan >= 0:
        years = list(_YEAR.finditer(title, 0, plan))
        if years and _int_year(years[-1].group(2) or years[-1].group(1)):
            return _int_year(years[-1].group(2) or years[-1].group(1))
    period = report.period or ""
    m = regex.fullmatch(r"(\d{4})(H[12])?", period)
    if not m:
        return None
    year = int(m.group(1))
    if m.group(2) == "H1":
        return year
    if m.group(2) == "H2":
        return year + 1
    has_summary = any(s.kind == "summary" for s in report.sections) or "总结" in (report.title or "")
    return year + 1 if has_summary else year


def period_start(report: Report) -> int | None:
    """The first year of a plan for several years (2026 of the period 2026-2030), else None.

    >>> period_start(Report("r", "d", "f", "h", "", "", period="2026-2030")), period_start(Report("r", "d", "f", "h", "", "", period="2024"))
    (2026, None)
    """
    m = regex.fullmatch(r"(\d{4})-\d{4}", report.period or "")
    return int(m.group(1)) if m else None


def _period_end(report: Report) -> int | None:
    """The last year of a plan for several years (2030 of 2026-2030): when its goals are due."""
    m = regex.fullmatch(r"\d{4}-(\d{4})", report.period or "")
    return int(m.group(1)) if m else None


def _summary_year(report: Report) -> int | None:
    m = regex.match(r"(\d{4})", report.period or "")
    return int(m.group(1)) if m else None


def _section_year(report: Report, section_id: str) -> int | None:
    """The year in the heading of the sentence's section or of an enclosing one (the last
    year of a five-year plan the heading names: 十五五 → 2030)."""
    index = next((i for i, s in enumerate(report.sections) if s.section_id == section_id), None)
    if index is None:
        return None
    level = report.sections[index].level + 1
    for section in reversed(report.sections[:index + 1]):
        if section.level >= level:
            continue
        level = section.level
        m = _YEAR.search(section.heading or "")
        if m:
            return _int_year(m.group(2) or m.group(1))
        plan = next((y for name, y in load_words().plan_period_ends.items() if name in (section.heading or "")), None)
        if plan is not None:
            return plan             # 一、“十五五”时期发展目标: the goals are due at the plan's end
        if level <= 1:
            break
    return None


def _sentence_year(text: str, end: int, words: _Words) -> tuple[bool, int | None]:
    """The year stated before ``end`` in the sentence: (found, year or None if anonymised)."""
    found, year = False, None
    for m in _YEAR.finditer(text, 0, end):
        if text.count("《", 0, m.start()) > text.count("》", 0, m.start()):
            continue                                     # the years of a document's title: 《…(2024—2026年)》
        before = text[max(0, m.start() - 3):m.start()]
        after = text[m.end():m.end() + 4]
        if any(before.endswith(w) for w in words.year_compare_before) or any(
                after.lstrip("的度").startswith(w) for w in words.year_compare_after):
            continue
        found, year = True, _int_year(m.group(2) or m.group(1))
    return found, year


def _year(report: Report, sentence: Sentence, match: QuantityMatch, kind: str, words: _Words,
          carried: int | None = None) -> int | None:
    found, year = _sentence_year(sentence.text, match.start, words)
    if not found and carried is not None:
        found, year = True, carried         # 到2027年,A…;B…: the year of the clauses before the semicolon
    if kind == "target":
        default = plan_year(report)
        if found and year is not None and (default is None or year >= default):
            return year
        return _section_year(report, sentence.section_id) or default or _period_end(report)
    if found and year is not None:
        return year
    return _section_year(report, sentence.section_id) or _summary_year(report)


# ---------------------------------------------------------------- indicators

_LINE_BREAK = regex.compile(r"\s*\n\s*")


@lru_cache(maxsize=8)
def _separators(words: tuple[str, ...]) -> regex.Pattern:
    return regex.compile("|".join(map(regex.escape, sorted(words, key=len, reverse=True))))


def _strip(text: str, words: _Words) -> str:
    """Trim leading triggers/time words and trailing verbs of reaching.

    A one-character lead word (并, 和, 共 …) is trimmed only when it is a word
    of its own (并入选, not 共性需求).
    """
    text = _LINE_BREAK.sub("", text).strip()
    while True:
        m = words.lead.search(text)
        if m and m.group(0):
            text = text[m.end():]
            continue
        if text[:1] in words.lead_words and _first_token(text) == text[:1]:
            text = text[1:]
            continue
        break
    while True:
        m = words.trail.search(text)
        if not m or not m.group(0):
            break
        text = text[:m.start()]
    text = text.strip()
    if text.count("(") < text.count(")") and text.endswith(")"):
        text = text[:-1]
    if text.count("(") > text.count(")") and text.startswith("("):
        text = text[1:]
    return text.strip()


def _first_token(text: str) -> str:
    return next(iter(_tokenizer().cut(text[:8])), "")


def _clause_start(text: str, pos: int) -> int:
    """Start of the clause before ``pos``: after ,;:。!? or an unclosed "(" (全市共2家)."""
    start = max(text.rfind(p, 0, pos) for p in _BOUNDARY) + 1
    depth, opening = 0, None
    for i in range(pos - 1, start - 1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            if depth == 0:
                opening = i
                break
            depth -= 1
    return opening + 1 if opening is not None else start


def _base(indicator: str, words: _Words) -> str:
    """The measured thing of an indicator without its relation: 研发经费增长 → 研发经费."""
    cut = len(indicator)
    for w in (*words.growth_words, *words.relational_starts):
        i = indicator.find(w, 1)
        if i > 0:
            cut = min(cut, i)
    return indicator[:cut]


def _leading(text: str, candidates: tuple[str, ...]) -> str:
    return next((w for w in sorted(candidates, key=len, reverse=True) if text.startswith(w)), "")


def _after_noun(text: str, end: int, words: _Words) -> str:
    """The noun phrase right after a quantity (开展10场政策宣讲 → 政策宣讲)."""
    m = regex.match(r"(?:\([^()]{0,6}\))?的?([^,;:。!?、\d()]{2,16})", text[end:])
    if not m or not _CJK.match(m.group(1)):
        return ""
    phrase = m.group(1)
    stops = [i for i in (phrase.find(w, 1) for w in words.after_noun_stops) if i > 0]
    phrase = phrase[:min(stops)] if stops else phrase
    phrase = phrase.removesuffix("等").rstrip("".join(words.list_separators))    # A和5个B: A
    return phrase if len(phrase) >= 2 else ""


def _previous_subject(text: str, clause_start: int, words: _Words) -> str:
    """The measured thing of the clause before ``clause_start`` (for 同比增长10%)."""
    if clause_start <= 1:
        return ""
    start = _clause_start(text, clause_start - 1)
    clause = text[start:clause_start - 1]
    m = regex.search(r"\d|XX|xx", clause)                 # the clause up to its own number
    return _strip(clause[:m.start()], words) if m else ""


def _indicators(text: str, matches: list[QuantityMatch], words: _Words) -> list[list[str]]:
    """The indicators of each quantity match: usually one; none when unreadable;
    several for 各 (A和B各2家) and 每项 (…每项争取入选1个)."""
    out: list[list[str]] = []
    prev: QuantityMatch | None = None
    prev_indicator = ""
    earlier: list[str] = []                  # indicators of this sentence so far
    raws: list[tuple[int, str]] = []         # where each match's indicator text starts, and that text
    noun_end = 0                             # end of the noun a figure took after it (认定20家A、…)
    for match in matches:
        start = _clause_start(text, match.start)
        continuing = prev is not None and prev.end >= start
        if continuing:
            start = prev.end
            if noun_end > start:             # 认定20家A、备案入库90家B: B's verb starts after A
                start = noun_end
                while start < match.start and (text[start] in _BOUNDARY or text[start] in words.list_separators):
                    start += 1
        noun_end = 0
        raw = text[start:match.start]
        change = _change_before(raw, words)
        if change is not None:
            raw = raw[:change]                  # A从78家增至150家: the indicator is A
        raws.append((start, raw))
        indicator = _strip(raw, words)
        distributive = _leading(indicator, words.distributive_starts)
        if distributive and earlier:
            rest = _strip(indicator[len(distributive):], words)
            names = [_without_verb(e, words) + rest for e in dict.fromkeys(earlier)]
            out.append(names)
            prev = match
            continue
        if len(indicator) <= words.after_noun_max_lead:
            after = _after_noun(text, match.end, words)
            if after:
                indicator += after
                noun_end = text.find(after, match.end) + len(after)
        relational = not indicator or _leading(indicator, words.relational_starts)
        if relational:
            indicator = words.baseline.sub("", indicator)          # 较上年3.1%提高 → 提高
            base = _base(prev_indicator or _previous_subject(text, start, words), words)
            indicator = base + indicator if base else indicator
        elif continuing and prev_indicator:
            verb = _leading(prev_indicator, words.carry_verbs)
            if verb and not _leading(indicator, words.carry_verbs):
                indicator = verb + indicator
        indicator = _collapse_examples(indicator, words)
        verb = _leading(indicator, words.carry_verbs)
        if indicator[len(verb):] in words.level_words and earlier:
            # …16家,其中国家级2家 / 新增省级平台8个、国家级1个: 新增国家级研发平台
            indicator = _at_level(earlier[0], indicator[len(verb):], words)
        if len(indicator) < 2 or not _CJK.search(indicator):
            out.append([])
        elif raw.rstrip().endswith("各"):
            out.append(_split_each(indicator, words))
        elif not relational and (shared := _shared_growth(indicator, words)):
            out.append(shared)                   # A、B增长10%: both grow by it
        elif not relational and _alternatives(indicator, words):
            out.append(_split_each(indicator, words, words.alternative_separators))   # A或B 2家: two goals
        else:
            out.append([indicator])
        prev, prev_indicator = match, indicator or prev_indicator
        earlier += out[-1]
    _distribute(text, matches, raws, out, words)
    return out


def _at_level(indicator: str, level: str, words: _Words) -> str:
    """``indicator`` at ``level``: its own level replaced (新增省级以上研发平台, 国家级 →
    新增国家级研发平台), else the level put after its leading verb (新增研发平台 → 新增国家级研发平台)."""
    levels = "|".join(regex.escape(w) for w in sorted(words.level_words, key=len, reverse=True) if w.endswith("级"))
    own = regex.search(rf"(?:{levels})(?:及以上|以上)?", indicator)
    if own:
        return indicator[:own.start()] + level + indicator[own.end():]
    verb = _leading(indicator, words.carry_verbs)
    return indicator[:len(verb)] + level + indicator[len(verb):]


def _change_before(raw: str, words: _Words) -> int | None:
    """Where a change written before a figure starts (…从78家增至|150家), or None."""
    for change in words.change.finditer(raw):
        if change.end() == len(raw):
            return change.start()
    return None


def _distribute(text: str, matches: list[QuantityMatch], raws: list[tuple[int, str]],
                out: list[list[str]], words: _Words) -> None:
    """Give each figure of "A和B分别达到X和Y" its own item of the list before 分别.

    ``raws`` holds each match's indicator text and where it starts; ``out`` (the
    indicators of each match) is changed in place when the list and the run of
    figures joined by 、/和 have the same length.  With nothing before 分别 in
    its clause, the list is the previous clause (A和B实现倍增,分别超过X和Y).
    """
    i = 0
    while i < len(matches):
        start, raw = raws[i]
        word = next((w for w in words.respectively_words if w in raw), "")
        if not word:
            i += 1
            continue
        at = raw.find(word)
        run = [i]
        while run[-1] + 1 < len(matches) and \
                text[matches[run[-1]].end:matches[run[-1] + 1].start].strip() in words.list_separators:
            run.append(run[-1] + 1)
        head = _strip(raw[:at], words) or _previous_clause_subject(text, start, words)
        items = _split_each(head, words) if head else []
        if len(run) >= 2 and len(items) == len(run):
            relation = _leading(raw[at + len(word):], words.growth_words)   # 分别增长 → A增长
            for item, j in zip(items, run):
                out[j] = [item + relation]
        i = run[-1] + 1


def _previous_clause_subject(text: str, clause_start: int, words: _Words) -> str:
    """The thing the clause before ``clause_start`` is about, cut before its
    predicate (全区A和B在…基础上实现倍增 → 全区A和B)."""
    if clause_start <= 1:
        return ""
    clause = text[_clause_start(text, clause_start - 1):clause_start - 1]
    cuts = [i for i in (clause.find(w, 2) for w in words.subject_ends) if i > 0]
    return _strip(clause[:min(cuts)] if cuts else clause, words)


def _shared_growth(indicator: str, words: _Words) -> list[str]:
    """"研发经费、技术合同成交额增长" → one indicator per item, each with the
    growth word; [] when ``indicator`` is no such list (items of four characters at least,
    not places, no 等)."""
    growth = next((w for w in words.growth_words if indicator.endswith(w)), "")
    if not growth or "等" in indicator or "、" not in indicator:
        return []
    items = indicator[:-len(growth)].split("、")
    if len(items) < 2 or any(len(item) < 4 for item in items) or items[0][-1] in _PLACE_ENDINGS:
        return []               # 甲区、乙区实现…增长15%: places listed, one indicator
    return [item + growth for item in items]


def _collapse_examples(indicator: str, words: _Words) -> str:
    """"建设甲、乙、丙等科技示范基地" → "建设科技示范基地": three or more examples
    listed before 等 name no indicator; the verb before them and the head after 等 do
    (two stay: 新增甲、乙等创新主体)."""
    last_item = indicator.rfind("、")
    cut = indicator.find("等", last_item + 1)
    if indicator.count("、") < 2 or cut < 0 or len(indicator) - cut - 1 < 2:
        return indicator
    first = indicator[:indicator.find("、")]
    verbs = [(i + len(v)) for v in words.carry_verbs + words.example_verbs if (i := first.rfind(v)) >= 0]
    return (first[:max(verbs)] if verbs else "") + indicator[cut + 1:]


def _without_verb(indicator: str, words: _Words) -> str:
    return indicator[len(_leading(indicator, words.carry_verbs)):]


def _not_a_quantity(text: str, match: QuantityMatch, words: _Words, names: list[tuple[int, int]]) -> bool:
    """Numbers that are part of a name or a phrase, not a measured amount.

    ``names`` are the spans of the entity mentions in ``text`` (508所 is a name).
    """
    if any(a < match.end and match.start < b for a, b in names):
        return True
    if match.unit == "期" and any(b == match.start for _, b in names) and not match.text[:1].isdigit():
        return True                                              # 某某中试基地二期: a phase, not a count
    if match.unit == "次" and words.session_after.match(text, match.end):
        return True                                              # 县委十二届三次、四次全会: sessions
    for change in words.change.finditer(text, _clause_start(text, match.start)):
        if change.start() > match.start:
            break
        if change.start("start") <= match.start and match.end <= change.end("start"):
            return True                                          # 从78家增至150家: where it started
    before = text[:match.start]
    if before.count("“") > before.count("”"):                # inside a quoted name: “惠企20条”
        return True
    after = text[match.end:match.end + 1]
    if match.text.endswith(("以上", "以下")) and after and _CJK.match(after) \
            and after not in words.list_separators:
        return True                                              # 亿元以上企业: a threshold
    rest = text[match.end:match.end + 4].lstrip("的")
    if rest.startswith(words.baseline_after):
        return True                                              # 在100家的基础上: a baseline
    clause = before[_clause_start(text, match.start):]
    if any(w in clause for w in words.comparison_markers) and _leading(rest, words.growth_words):
        return True                                              # 较上年3.14%提高0.1个百分点
    return clause.rstrip().endswith("等") and "、" in clause    # A、B等3家: counts a list


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba
    logging.getLogger("jieba").setLevel(logging.ERROR)
    return jieba.Tokenizer()


def _alternatives(indicator: str, words: _Words) -> bool:
    """Does ``indicator`` name two things as alternatives (新增A或B)?"""
    parts = _separators(tuple(words.alternative_separators)).split(indicator)
    # 新增或提升载体: alternative actions on one thing, not two things
    return len(parts) == 2 and all(len(_without_verb(p, words)) >= 2 for p in parts)


def _split_each(indicator: str, words: _Words, separators: tuple[str, ...] = ()) -> list[str]:
    """Split "A和B各N" (or, with ``separators`` 或, "A或B N") into one indicator per item.

    When the first item is only a modifier parallel to the start of the last
    (省级和市级重点实验室, 种植业和养殖业特派团, 一、二等奖), it gets the last
    item's head noun; otherwise the items are whole (孵化器和众创空间).
    """
    separators = separators or words.list_separators
    parts = [p for p in regex.split("|".join(map(regex.escape, sorted(separators, key=len, reverse=True))),
                                    indicator) if p]
    if len(parts) < 2:
        return [indicator]
    first, last = regex.sub(r"\([^()]*\)$", "", parts[0]), parts[-1]
    level = _leading(last, words.level_words)
    head = ""
    if level and any(first.endswith(w) for w in words.level_words):
        head = last[len(level):].lstrip("级")
    elif len(first) == 1:
        head = last[1:]
    elif not level:
        tokens = list(_tokenizer().cut(last))
        if len(tokens) > 1 and tokens[0][-1] == first[-1]:
            head = "".join(tokens[1:])
    verb = _leading(parts[0], words.carry_verbs)
    out = []
    for i, part in enumerate(parts):
        if i < len(parts) - 1 and head and not part.endswith(head):
            part += head
        if verb and not part.startswith(verb) and i > 0:
            part = verb + part
        out.append(part)
    return out


# ---------------------------------------------------------------- kinds and merging

def _kind(report: Report, sentence: Sentence, match: QuantityMatch, words: _Words,
          carried: int | None = None, goal_item: bool = False) -> str | None:
    """target / achievement / None for one quantity of a sentence.

    ``carried`` is the year a sentence ending in a semicolon looked ahead to
    (到2027年,A…;), which the next one shares, or the year whose work a news
    item laid out earlier in its section (会议部署了2027年工作); ``goal_item`` says the sentence
    is an item of a list of goals announced before it (三个目标:一是…).

    Summary sentences give achievements, unless a goal is stated after
    力争/确保/目标 in the same clause or at the opening of the sentence
    (全年力争A达…,B…), or earlier in a sentence that names a
    year after the summarised one, or the sentence looks ahead to a year
    after the summarised one (到2027年; any such year when the text's own is
    unknown), or the figure is what is to be reached (要突破, 要达到).  Plan sentences give targets, except
    a fact (目前已有…, or a year before the plan year: 2023年全县达到…).  Other
    sentences give a target only after 力争/确保/争取/目标 in the clause,
    after an aim opening the sentence, or with a ``carried`` year.
    """
    text_before = sentence.text[_clause_start(sentence.text, match.start):match.start]
    past = any(w in text_before for w in words.past_markers)
    strong = any(w in text_before for w in words.strong_target_triggers)
    if sentence.kind == "summary":
        # a goal stated among the facts: 力争2025年全区研发投入强度达到3.2%
        # (not 争取: in a summary 争取资金 is funding obtained)
        aim = any(w in text_before for w in words.summary_target_triggers)
        summarised = _summary_year(report)
        opening = words.aim_opening.match(sentence.text)
        if not aim and opening:
            # 力争全年A达…,B…,C…: an aim opening the sentence governs every clause,
            # unless it is dated to the summarised year (2023年力争…, then what was reached)
            found, year = _sentence_year(sentence.text, opening.end(), words)
            aim = not found or year is None or summarised is None or year > summarised
        if not aim and any(w in sentence.text[:match.start] for w in words.summary_target_triggers):
            # 2024年,力争A达到…,B达到…: an aim for a year after the summarised one runs on
            found, year = _sentence_year(sentence.text, match.start, words)
            aim = found and year is not None and summarised is not None and year > summarised
        if not aim:
            # 到2028年,全县…超过60家: a year still to come, when the text's own year is earlier or unknown
            due = _DUE_YEAR.search(sentence.text, 0, match.start)
            due_year = int(due.group(1)) if due else carried
            aim = due_year is not None and (summarised is None or due_year > summarised)
        if not aim:
            # 根据市下达的目标任务,全年新增…6家: the task set, not what was done
            clause = _clause_start(sentence.text, match.start)
            aim = bool(words.assigned_task.search(sentence.text, 0, clause))
        if not aim:
            # 发明专利授权量要突破300件: what is to be reached (not 主要, 需要)
            aim = any((i := text_before.rfind(w)) >= 0 and (i == 0 or text_before[i - 1] not in _NOT_MODAL)
                      for w in words.summary_aim_words)
        if not aim:
            # 今年还将实施…15项,转化…22项: what the text says will be done
            aim = any(w in sentence.text[:match.start] for w in words.future_markers)
        if not aim and (goal_item or words.goal_list.search(sentence.text, 0, match.start)):
            # 要实现三个目标:一是…: an item of the announced goals, unless it reports a past figure
            aim = not any(w in sentence.text[:match.start] for w in words.past_markers)
        return "target" if aim and not past else "achievement"
    if sentence.kind == "plan":
        if text_before.rstrip().endswith(words.policy_before):
            return None                                  # 给予100万元奖励: a rule, not a goal
        if text_before.rstrip().endswith(words.treated_before):
            return None                                  # 对30家申报企业实行帮扶: who is served, not a goal
        found, year = _sentence_year(sentence.text, match.start, words)
        default = plan_year(report) or period_start(report)     # a plan for 2026—2030: from 2026
        if found and year is not None and default is not None and year < default and not strong:
            past = True
        return "achievement" if past and not strong else "target"
    other = any(w in text_before for w in words.other_target_triggers) \
        or bool(words.aim_opening.match(sentence.text)) or carried is not None
    return "target" if other and not past else None


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def _similar(a: str, b: str, unit: str, words: _Words) -> bool:
    """Two wordings of one indicator: one inside the other, many shared character
    pairs, or (for counts) the same head noun at the same level (新增省级平台 /
    搭建省级以上创新平台)."""
    levels = lambda s: {w for w in words.level_words if w.endswith("级") and w in s}
    if levels(a) and levels(b) and levels(a) != levels(b):
        return False
    if a in b or b in a:
        return True
    x, y = _bigrams(a), _bigrams(b)
    if 2 * len(x & y) / (len(x) + len(y)) >= 0.4:
        return True
    if unit in ("%", "‰", "个百分点") or any(a.endswith(w) for w in words.growth_words):
        return False
    return a[-2:] == b[-2:] and levels(a) == levels(b)


def _merge_restated(quantities: list[Quantity], words: _Words) -> list[Quantity]:
    """Give a goal restated in another sentence the fields of its first statement.

    Same subject, value, unit, year and kind, and a similar indicator → the
    later one takes the first one's indicator, so the graph merges them.
    Exact duplicates within one sentence are dropped.
    """
    out: list[Quantity] = []
    seen: set[tuple] = set()
    for q in quantities:
        for first in out:
            if (first.kind, first.subject, first.value, first.unit, first.year) == \
                    (q.kind, q.subject, q.value, q.unit, q.year) and first.sent_id != q.sent_id \
                    and first.indicator != q.indicator and _similar(first.indicator, q.indicator, q.unit, words):
                q = replace(q, indicator=first.indicator)
                break
        key = (q.kind, q.subject, q.indicator, q.value, q.unit, q.year, q.sent_id)
        if key not in seen:
            seen.add(key)
            out.append(q)
    return out


def _subject(report: Report) -> tuple[str | None, str]:
    if report.district:
        return report.district, "District"
    if report.issuer:
        return report.issuer, "Agency"
    return None, "District"


# ---------------------------------------------------------------- public

def extract_quantities(report: Report, sentences: list[Sentence],
                       mentions: list[Mention]) -> list[Quantity]:
    """Extract the quantified targets and achievements of one report.

    Parameters
    ----------
    report : the report (its district/issuer is the subject, its title and
        period give the default year).
    sentences : its sentences; ``kind`` "plan" gives targets, "summary"
        achievements, "other" only targets with a trigger (力争, 确保 …) or
        after a news item lays out a year's work (会议部署了2027年工作: the
        figures that follow in its section are that year's targets).
    mentions : the entity mentions of the report; a number inside a name
        (508所) is not a quantity.

    Returns
    -------
    One :class:`Quantity` per number with a unit and a readable indicator, in
    sentence order; a goal restated in two sentences gets identical fields.

    Examples
    --------
    >>> r = Report("r1", "d", "f", "h", "青山县科技局2024年工作要点", "", district="青山县", period="2024")
    >>> s = Sentence("r1-s1", "r1", "r1-1", "plan", "力争新增高新技术企业15家。", 0, 14)
    >>> [(q.kind, q.indicator, q.value, q.unit, q.year) for q in extract_quantities(r, [s], [])]
    [('target', '新增高新技术企业', 15.0, '家', 2024)]
    """
    words = load_words()
    subject, subject_type = _subject(report)
    by_sentence: dict[str, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sent_id, []).append(m)
    out: list[Quantity] = []
    listed_goals = False        # the items after 要实现三个目标: (一是…; 二是…) are goals
    carried: int | None = None  # the year looked ahead to before a semicolon (到2027年,A…;B…)
    deployed: tuple[str, int] | None = None     # (section, year) of a news item's 部署了2027年工作
    for sentence in sentences:
        text = sentence.text
        if deployed is not None and deployed[0] != sentence.section_id:
            deployed = None
        # a news item (no period of its own) that lays out a year's work: 会议部署了2027年工作
        news = sentence.kind == "other" or (sentence.kind == "summary" and not report.period)
        announced = words.deployment.search(text) if news else None
        if announced:
            deployed = (sentence.section_id, int(announced.group(1)))
        due_here = [int(m.group(1)) for m in _DUE_YEAR.finditer(text)]
        shared, carried = carried, ((due_here[-1] if due_here else carried)
                                    if text.rstrip().endswith((";", ";")) else None)
        if shared is None and deployed is not None and news:
            shared = deployed[1]            # the year laid out is looked ahead to, as 到2027年 is
        goal_item = listed_goals and bool(words.goal_item.match(text))
        listed_goals = goal_item or bool(words.goal_list.search(text))
        spans = [(m.start - sentence.start, m.end - sentence.start) for m in by_sentence.get(sentence.sent_id, ())]
        matches = [m for m in find_quantities(text, money_cues=words.money_cues)
                   if not _not_a_quantity(text, m, words, spans)]
        if not matches:
            continue
        for match, names in zip(matches, _indicators(text, matches, words)):
            kind = _kind(report, sentence, match, words, shared, goal_item)
            if kind is None or not names:
                continue
            year = _year(report, sentence, match, kind, words, shared)
            rule = f"{kind}.{'split' if len(names) > 1 else 'number-unit'}"
            for name in names:
                out.append(Quantity(
                    kind=kind, subject=subject, indicator=name, value=match.value, unit=match.unit,
                    year=year, sent_id=sentence.sent_id, report_id=sentence.report_id,
                    evidence=text, start=sentence.start, end=sentence.end,
                    rule=rule, subject_type=subject_type))
    return _merge_restated(out, words)


def find_uncovered(report: Report, sentences: list[Sentence], relations: list[Relation],
                   quantities: list[Quantity]) -> list[tuple[Sentence, str]]:
    """List the sentences where extraction may have missed something.

    Parameters
    ----------
    report, sentences : the report and its sentences.
    relations, quantities : what was extracted from them.

    Returns
    -------
    ``(sentence, reason)`` pairs, in sentence order: a sentence holding a
    relation trigger but giving no relation ("trigger 获批, no relation"), and
    a plan or summary sentence holding a number with a unit but giving no
    quantity ("number with unit, no quantity").
    """
    from kg.relations import find_triggers

    words = load_words()
    related = {r.sent_id for r in relations}
    quantified = {q.sent_id for q in quantities}
    out: list[tuple[Sentence, str]] = []
    for sentence in sentences:
        if sentence.sent_id not in related:
            triggers = find_triggers(sentence.text)
            if triggers:
                out.append((sentence, f"trigger {triggers[0]}, no relation"))
        if sentence.sent_id not in quantified and sentence.kind in ("plan", "summary") \
                and find_quantities(sentence.text, money_cues=words.money_cues):
            out.append((sentence, "number with unit, no quantity"))
    return out
