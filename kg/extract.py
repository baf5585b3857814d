"""Entity mentions: typed names found in the sentences of a report.

:class:`EntityExtractor` finds candidates with :meth:`~EntityExtractor.match`
and keeps a non-overlapping set with :func:`filter_spans` (the longest span
wins, then the earliest).  Candidates come from

* name endings of each type (某某有限公司, 某某重点实验室, 某某大学 …), whose
  left boundary is found by segmenting the text before the ending and
  stopping at the last verb, preposition or context word (新增, 与, 组织 …);
* China's administrative divisions and their short forms, development zones
  (某某高新区) and townships (某某镇);
* central government bodies, context references (我区, 区科技局 …);
* designation kinds with their level (省级众创空间, 高新技术企业);
* the patterns of ``kg/data/patterns/entities.jsonl`` (《…》 titles, “…”
  programmes, enterprises named in a list before 等N家企业 …).

Names nested in a kept name are kept too where they are names of their own
(see :meth:`EntityExtractor.select`).  :func:`extract_mentions` runs a cached
default extractor over a report.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

import regex

from kg.clean import report_patterns
from kg.errors import PatternError
from kg.lexicon import Lexicon, WordMatcher, trie_pattern
from kg.model import ENTITY_TYPES, Mention, Report, Sentence

__all__ = ["EntityExtractor", "ReportContext", "filter_spans", "extract_mentions", "default_extractor",
           "load_patterns"]

#: characters that always end a name's left context
_HARD = set(",。;:!?、,;:!?[]【】《》<>〈〉「」『』|/\\ \t\r\n…")
_OPEN_QUOTES = "“‘\""
#: the longest body (characters before the ending) a name may have, by type
_MAX_BODY = {"Enterprise": 30, "ResearchInstitute": 20, "University": 16, "Platform": 24,
             "Programme": 18, "Policy": 30, "Agency": 14, "District": 8, "Designation": 12}
#: organisations complete in themselves: a platform named after one of them
#: starts after it (某某研究所 | 某某重点实验室)
_HOST_ENDINGS = ("研究所", "有限公司", "公司", "集团", "医院", "附院")
_NUMERAL = re.compile(r"^(?:[\d.%]+|[零〇一二两三四五六七八九十百千万亿]{2,})$")
_CONJUNCTIONS = {"与", "和", "及"}
#: a township's name opening a company's name, where a province's name follows
_TOWN_BEFORE = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:镇|乡|街道)(?=[\u4e00-\u9fff])")
#: a word ending so before 与/和 is a generic party or a person (某某企业和专业合作社, 某某院士与某某公司):
#: the name starts after it
_GENERIC_PARTIES = ("企业", "单位", "机构", "农户", "高校", "院所", "院士", "教授", "专家", "博士", "研究员", "团队")
#: the programme before a 、 in an enumeration of programmes (申报甲项目2个、乙项目…)
_PROGRAMME_SIBLING = re.compile(r"(?:项目|计划|人才|团队)(?:\d+|[一二三四五六七八九十]+)?[个项名人支家]?、$")
#: a quoted name followed by one of these words names a programme (“某某”为抓手, “某某”品牌)
_QUOTED_PROGRAMME = re.compile(r"(?:“[^“”,。;、,;:!?\n]{2,14}”)+(?=为主线|为抓手|为引领|为载体|为核心|为重点|品牌|活动"
                               r"|系列|工作(?!思路)|行动|工程|计划|项目|专项|改革"
                               r"|(?!等)[\u4e00-\u9fff]{1,4}?(?:活动|行动)(?![\u4e00-\u9fff]{0,2}[化性]))")
#: quoted names listed before 等…活动 (“甲”、“乙”等活动): each names a programme
_QUOTED_LIST = re.compile(r"(?:“[^“”,。;、,;:!?\n]{2,14}”[、和及与]?){2,}(?=等[\u4e00-\u9fff]{0,4}?(?:活动|行动))")
_RANK = re.compile(r"\d{1,3}强")
#: 等 and a count of bodies in 家 before a certification verb (甲、乙等10家获批…)
_COUNTED_TAIL = re.compile(r"等(?:\d+|[两三四五六七八九十]+)家")
#: a ranking right after a designation kind: 高新技术企业30强, 瞪羚企业十强
_RANK_AFTER = re.compile(r"(?:\d{1,3}|[一二三四五六七八九十百]{1,3})强")
_QUOTED_NAME = re.compile(r"“[\u4e00-\u9fffA-Za-z]{2,12}”")
_QUOTED_ITEM = re.compile(r"“[^“”]+”")
#: a quoted project title before 项目 (“某某关键技术研究及产业化”项目)
_QUOTED_PROJECT = re.compile(r"“[^“”,。;,;:!?\n]{15,32}”(?=项目)")
#: quoted project titles selected into a programme: “某某技术研究与示范”入选…
_QUOTED_SELECTED = re.compile(r"(?:“[^“”,。;,;:!?\n]{6,32}”[、和及与]?){1,4}"
                              r"(?=(?:等\d*[个五四三两二]?项目)?(?:成功|顺利)?(?:入选|获批立项|列入|获得立项|获立项|被列为"
                              r"|获批?(?=[^,。;]{0,30}?(?:立项|专项|计划|项目))))")
#: a programme body ending so is a building project (某某总部扩建工程)
_CONSTRUCTION = ("扩建", "改造", "新建", "续建", "改扩建")
#: list items ending so are quantities, not enterprises (研发费用、增加值等)
_NOT_ITEM_ENDINGS = ("值", "费用", "投资", "额", "率", "量", "人数", "指标", "收入", "面积", "增速")
_NUMBERED = re.compile(r"[一两二三四五六七八九十几多每][家条个批项类种]")
#: words before a classifier that make it count (3家, 一批, 多个)
_COUNTING = re.compile(r"^(?:[\d.]+|[零〇一二两三四五六七八九十百千万几多每各该这那首]+)$")
#: a count and names in brackets after a designation: 2家(甲、乙)
_COUNTED_BRACKET = re.compile(r"(?:\d+|[一二两三四五六七八九十]+)[家个](?:[((])(?P<names>[^()(),。;,;]{2,60})[))]")
_CLASSIFIERS = set("家个项名所批类支座处件届期位次场人条张份台套")
_TOWN_THEN_OWN_NAME = re.compile(r"((\w{2})(?:镇|乡|街道))(?=\2)")
_BATCH_WORD = re.compile(r"第[一二三四五六七八九十\d]+批")
_COUNT_AFTER = re.compile(r"(?:\d+|[两三四五六七八九十百]+)[家个项]")
_COUNT_WORD = re.compile(r"^(?:\d+|[零〇一二两三四五六七八九十百千万几多]+)[家个项名所批类支座处件届期位次场人条张份台套]$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_OPENING_BRACKET = re.compile(r"[(（]")
_RANKING = re.compile(r"(?:\d+|[一二三四五六七八九十百千]+)强$")     # 50强, 二十强
_MAX_OPEN_BODY = 20         # characters between a level and the end of a designation's head
_OPEN_BREAKS = set("等和及与或的")
#: quoted titles, each with its level or scope, before 称号: 省级“甲”、“乙”和全市“丙”等荣誉称号
_TITLED_HONOUR = re.compile(r"(?:国家级|省级|自治区级|市级|县级|区级|全国|全省|全区|全市|全县|全州)?"
                            r"“[^“”,。;,;:!?\n]{2,30}”")
_TITLED_HONOURS = re.compile(rf"(?:{_TITLED_HONOUR.pattern}[、和及与]?)+(?=等?(?:荣誉)?称号)")
#: a second quoted name joined to one before it: …”和“…
_NEXT_QUOTED = re.compile(r"[和及与、]“")
_OPENING_QUOTE_YEAR = re.compile(r"[“\"](?:(?:20\d{2}|20[Xx]{2})\s*年度?)?")

_LEVEL_BRACKET_AFTER = re.compile(r"[((][区市县旗](?:、[区市县旗])*[))]")
_CAMPUS = re.compile(r"[((]([\u4e00-\u9fff]{2,6})[))]")
_MAX_KIND_EXTENSION = 6     # characters a listed kind may go on to a designation head (专精特新冠军企业)
_OWN_SCOPE = re.compile(r"全[区市县州旗镇]|[各本该每]|.*(?:首个|首家|首批|第一|唯一)")     # not 全省, 全国: rankings above; 唯一: the only one, no title
#: a prize grade, alone or of a category of entrants (成长组优胜奖): no designation
_GRADE_ONLY = re.compile(r"(?:[\u4e00-\u9fff]{0,8}组)?(?:[一二三四五六七八九十]+等|特等|优秀|优胜|金|银|铜)奖")
#: a joint platform named after two parties: 甲-乙(某某)联合实验室
_JOINT = re.compile(r"(?P<a>[\u4e00-\u9fff]{2,8})[-—–](?P<b>[\u4e00-\u9fff]{2,8})[A-Za-z\u4e00-\u9fff]{0,12}联合")
#: a second level in brackets after a designation kind: 示范县(区), 创新型县(市)
_LEVEL_BRACKET = r"[((][区市县旗][))]"
#: what stands between a place and a zone's suffix when no zone is named (某市两个开发区, 某市相关开发区)
_NOT_ZONE_CHARS = set("一二两三四五六七八九十几各每个些所该本全其等级批类")
_NOT_ZONE_WORDS = {"相关", "有关", "重点", "省内", "市内", "区内", "县内", "境内", "辖区", "现有", "其他"}
_TYPES = set(ENTITY_TYPES)
#: types of names kept when nested at the start of a longer name
_NESTED_TYPES = {"District", "University", "ResearchInstitute", "Enterprise", "Agency"}
#: types of names whose places are kept as District mentions
_PLACE_HOLDERS = {"Agency", "District", "Designation", "Programme", "Policy"}


def _past_opening_quote(text: str, pos: int) -> tuple[int, re.Match | None]:
    """Where a name starts at ``pos`` after an opening quote and a year (“2024年度…), and that match."""
    quoted = _OPENING_QUOTE_YEAR.match(text, pos)
    return (quoted.end() if quoted else pos), quoted


@dataclass(frozen=True, slots=True)
class ReportContext:
    """What a report tells the extractor about its place.

    ``local`` holds short forms (涟源, 鹿城) that may be read as District
    names in this report, because their division or its parent is named in
    full in it or is the report's own district.
    """

    local: frozenset[str] = frozenset()
    #: names the report declares for an organisation in brackets (以下简称“某某科技”,
    #: or 某某科技(全称…)), with the organisation's type: found wherever the report uses them
    declared: tuple[tuple[str, str], ...] = ()


@lru_cache(maxsize=1)
def load_alias_patterns() -> tuple[regex.Pattern, regex.Pattern, frozenset[str]]:
    """The bracket patterns of ``patterns/aliases.json``: a short name declared after a
    name, a full name declared after one, and the types of names that declare them."""
    file = resources.files("kg") / "data" / "patterns" / "aliases.json"
    data = json.loads(file.read_text(encoding="utf-8"))
    return regex.compile(data["short_after"]), regex.compile(data["full_after"]), frozenset(data["types"])


@lru_cache(maxsize=256)
def _declared_pattern(names: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(names, key=lambda n: (-len(n), n)))))


_CONTEST_REGION = re.compile(r"[（(][\u4e00-\u9fff]{1,10}赛区[）)]|[\u4e00-\u9fff]{1,10}?赛区")


def _same_level(division: str, level: str) -> bool:
    """True if ``level`` is the level of ``division`` itself (某某省 省级, 某某市 市级)."""
    for word in ("自治区", "省", "市", "州", "区", "县", "旗"):
        if division.endswith(word):
            return level.startswith(word)
    return False


def load_patterns(path: str | Path | None = None) -> list[dict]:
    """Load the entity patterns (JSON Lines: ``id``, ``label``, ``pattern``, ``group``).

    Parameters
    ----------
    path : a ``.jsonl`` file; ``None`` for ``kg/data/patterns/entities.jsonl``.

    Returns
    -------
    list of dicts with the compiled regular expression under ``regex``.
    """
    file = Path(path) if path is not None else Path(str(resources.files("kg") / "data" / "patterns" / "entities.jsonl"))
    patterns = []
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise PatternError(f"cannot read entity patterns {file}: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            entry = json.loads(line)
            if "pattern" not in entry or "id" not in entry or "label" not in entry:
                raise PatternError(f"{file}:{n}: an entity pattern needs id, label and pattern")
            if entry["label"] not in _TYPES and entry["label"] != "list":
                raise PatternError(f"{file}:{n}: unknown label {entry['label']!r}; "
                                   f"valid labels: {', '.join(ENTITY_TYPES)}, list")
            entry["regex"] = re.compile(entry["pattern"])
            entry["lead_regex"] = re.compile(entry["lead"]) if entry.get("lead") else None
            entry.setdefault("group", 0)
        except (ValueError, KeyError, re.error) as exc:
            raise PatternError(f"{file}:{n}: bad entity pattern: {exc}") from exc
        patterns.append(entry)
    return patterns


def filter_spans(mentions: Iterable[Mention]) -> list[Mention]:
    """Keep non-overlapping mentions: the longest first, then the earliest.

    Parameters
    ----------
    mentions : candidates, possibly overlapping (only ``start``/``end`` are used).

    Returns
    -------
    The kept mentions sorted by start.  Among candidates of equal span the
    first one given wins.

    Examples
    --------
    >>> m = lambda t, s, e: Mention(t, "X", s, e, "s1", "r1", "test")
    >>> [x.text for x in filter_spans([m("杭州市", 0, 3), m("杭州市科学技术局", 0, 8), m("科学技术局", 3, 8)])]
    ['杭州市科学技术局']
    """
    ordered = sorted(enumerate(mentions), key=lambda im: (-(im[1].end - im[1].start), im[1].start, im[0]))
    taken: list[tuple[int, int]] = []
    kept = []
    for _, mention in ordered:
        if mention.end <= mention.start:
            continue
        if any(mention.start < e and s < mention.end for s, e in taken):
            continue
        taken.append((mention.start, mention.end))
        kept.append(mention)
    return sorted(kept, key=lambda x: (x.start, x.end))


class EntityExtractor:
    """Finds entity mentions in sentences, from a :class:`Lexicon` and patterns.

    Parameters
    ----------
    lexicon : the kinds and divisions to use; default :meth:`Lexicon.from_dir`.
    patterns : entity patterns; default :func:`load_patterns`.

    Examples
    --------
    >>> ex = default_extractor()
    >>> [(m.text, m.type) for m in ex("新增青山县绿源农业科技有限公司等3家高新技术企业")]
    [('青山县绿源农业科技有限公司', 'Enterprise'), ('高新技术企业', 'Designation')]
    """

    def __init__(self, lexicon: Lexicon | None = None, patterns: list[dict] | None = None):
        self.lexicon = lex = lexicon or Lexicon.from_dir()
        self.patterns = patterns if patterns is not None else load_patterns()
        self._heads = re.compile(trie_pattern(lex.heads))
        self._head_at_end = re.compile("(?:" + trie_pattern(lex.heads) + ")$")
        self._tails_longest_first = tuple(sorted(lex.enterprise_tails, key=len, reverse=True))
        self._full = re.compile(trie_pattern(lex.division_names))
        self._short = re.compile(trie_pattern(w for w, codes in lex.division_shorts.items()
                                              if any(lex.divisions[c].level != "county" for c in codes)))
        self._any_short = re.compile(trie_pattern(lex.division_shorts))
        # 某县 (two characters) only before a body's or zone's name (某县人民政府) or as the report's place
        self._small_county = re.compile(trie_pattern(lex.small_counties))
        self._zone_suffix = re.compile(trie_pattern(lex.zone_suffixes))
        self._parent_body = re.compile(trie_pattern(lex.parent_bodies))
        self._zone_at_end = re.compile(r"(?<=[\u4e00-\u9fff])(?:" + trie_pattern(lex.zone_suffixes) + ")$")
        self._small_county_safe = re.compile(
            r"(?:" + trie_pattern(lex.small_counties) + r")(?=\d|人民|县委|政府|"
            + trie_pattern(h for h, head in lex.heads.items() if head.type in ("Agency", "District")) + ")")
        self._places = WordMatcher(set(lex.division_names) | set(lex.division_shorts))
        self._full_scan = WordMatcher(lex.division_names)      # for sweeps over running text
        self._central = re.compile(trie_pattern(lex.central_agencies))
        self._programme_kinds = re.compile(trie_pattern(lex.programme_kinds))
        self._institutions = re.compile(trie_pattern(lex.institutions))
        # 我区, 全市 anywhere; 区委, 市科技局 not inside a longer name (某某区委)
        own = trie_pattern(w for w in lex.context_refs if w[0] in "我全本")
        level = trie_pattern(w for w in lex.context_refs if w[0] not in "我全本")
        self._context = re.compile(r"(?:" + own + r")|(?:(?<![\u4e00-\u9fff])|(?<=[各该的在对向为与和及,、]))(?:"
                                   + level + ")")
        levels = trie_pattern(lex.levels)
        self._level_prefix = re.compile(r"^(?:" + levels + r")(?:及以上|以上)?(?:各类|各级)?")
        single = r"(?<![全我本各该城地辖郊市区县省州乡镇村级])(?:自治区|省|市|区|县)"
        level = r"(?:国家级|国家|全国|省部级|省级|自治区级|兵团级|市级|区级|县级|州级|" + single + r")"
        grade = r"(?P<grade>[A-Z甲乙丙][类级](?:[((][\u4e00-\u9fff]{1,4}[))])?)?"       # A类(优秀)
        self._designation = re.compile(
            r"(?P<prefix>(?P<div>" + trie_pattern(lex.division_names) + r")级?"
            r"|(?P<level>" + level + r"(?:及以上|以上)?))?"
            r"(?P<batch>第[一二三四五六七八九十\d]+批)?" + grade +
            r"(?P<kind>" + trie_pattern(lex.designation_kinds) + r")"
            r"(?P<tail>培育库|后备库|种子库|储备库|建设名单|名单|名录|" + _LEVEL_BRACKET + r")?")
        # the same, found from the kind backwards (faster on running text)
        self._kind = re.compile(r"(?P<kind>" + trie_pattern(lex.designation_kinds) + r")"
                                r"(?P<tail>培育库|后备库|种子库|储备库|建设名单|名单|名录|" + _LEVEL_BRACKET + r")?")
        self._kind_prefix = re.compile(
            # a division, a level or both (某某省省级农业科技园区)
            r"(?:(?P<div>" + trie_pattern(lex.division_names) + r")级?)?(?P<level>" + level + r")?"
            r"(?P<batch>第[一二三四五六七八九十\d]+批)?" + grade + "$")
        self._levels_re = re.compile(r"^(?:" + levels + r")")
        # a level right before a quoted name, after words that are no part of it (唯一省“某某”专项);
        # not 全省/我市/各区, which speak of a place's whole, not of a level
        self._level_before_quote = re.compile(r"(?<![全我本该各此])(?:" + levels + r")$")
        self._explicit_level = re.compile(r"(?:" + trie_pattern(w for w in lex.levels if w.endswith("级"))
                                          + r")(?!及以上|以上|以下|各)")
        self._open_head = re.compile(trie_pattern(lex.designation_heads))
        self._open_follower = re.compile(trie_pattern(lex.designation_followers))
        self._honour_head = re.compile(trie_pattern(set(lex.designation_heads) | set(lex.honour_heads)))
        self._honour_head_at_end = re.compile(
            "(?:" + trie_pattern(set(lex.designation_heads) | set(lex.honour_heads)) + ")$")
        # the certification verbs of the relation patterns, then a year or batch
        from kg.relations import load_patterns as relation_patterns
        verbs = {p.trigger for p in relation_patterns()
                 if p.form == "trigger" and p.predicate == "certifiedAs" and not p.close}
        self._certification_verb = re.compile(
            r"(?:" + trie_pattern(verbs) + r")(?:了|为|成为)?(?:设立|建设|创建|组建)?(?:(?:20\d{2}|20[Xx]{2})\s*年度?|第[一二三四五六七八九十\d]+批|首批)*")
        self._kind_at_end = re.compile(r"(?:" + trie_pattern(lex.designation_kinds) + r")$")
        self._region = re.compile(trie_pattern(lex.regions))
        self._ethnic = re.compile("(?:" + trie_pattern(lex.ethnic_groups) + ")$")     # 某某彝族乡

    # ------------------------------------------------------------------ API

    def __call__(self, sentence: Sentence | str, context: ReportContext | None = None) -> list[Mention]:
        """Return the kept mentions of one sentence (``match`` then ``filter_spans``)."""
        return self.select(self.match(sentence, context))

    def match(self, sentence: Sentence | str, context: ReportContext | None = None) -> list[Mention]:
        """Return every candidate mention of a sentence; candidates may overlap.

        Parameters
        ----------
        sentence : a :class:`Sentence` (offsets then index ``Report.text``) or
            a plain string (offsets index the string).
        context : what the report says about its place (see :class:`ReportContext`).

        Returns
        -------
        list of :class:`Mention`, in no particular order.
        """
        if isinstance(sentence, str):
            sentence = Sentence("s", "r", "", "other", sentence, 0, len(sentence))
        text = sentence.text
        context = context or ReportContext()
        found: list[tuple[int, int, str, str]] = []
        found += self._match_designations(text)      # first: of two equal spans, the first is kept
        found += self._match_open_designations(text, found)
        found += self._match_certified_names(text, found)
        found += self._match_titled_honours(text, found)
        found += self._match_heads(text)
        found += self._match_divisions(text, context)
        found += self._match_central(text)
        found += self._match_context(text)
        found += self._match_quoted(text)
        found += self._match_quoted_platforms(text, found)
        found += self._match_patterns(text, found)
        if context.declared:
            kinds = dict(context.declared)
            found += [(m.start(), m.end(), kinds[m.group()], f"{kinds[m.group()]}.declared")
                      for m in _declared_pattern(tuple(kinds)).finditer(text)]
        found = self._with_contest_region(text, found)
        return [Mention(text[s:e], t, sentence.start + s, sentence.start + e,
                        sentence.sent_id, sentence.report_id, rule)
                for s, e, t, rule in found if e > s]

    @staticmethod
    def _with_contest_region(text: str, found: list[tuple]) -> list[tuple]:
        """Extend a contest's name over the region right after it (某某大赛广西赛区,
        某某大赛（某市赛区）); a place inside that region yields no District."""
        out = []
        regions = []
        for s, e, t, rule in found:
            if t == "Programme" and text[s:e].endswith("赛"):
                m = _CONTEST_REGION.match(text, e)
                if m:
                    out.append((s, m.end(), t, rule))
                    regions.append((e, m.end()))
                    continue
            out.append((s, e, t, rule))
        return [f for f in out
                if not (f[2] == "District" and any(a <= f[0] and f[1] <= b for a, b in regions))]

    def select(self, candidates: list[Mention]) -> list[Mention]:
        """Keep the best non-overlapping candidates, plus the names nested in them.

        A name that opens a longer one (杭州市 in 杭州市科学技术局, 某某大学 in
        某某大学某某研究院) and the parties a joint platform is named after are
        kept too, each right after the longer name.
        """
        kept = filter_spans(candidates)
        kept_set = set(kept)
        nested = []
        for c in candidates:
            if c in kept_set or c.type not in _NESTED_TYPES:
                continue
            outer = [k for k in kept if k.start <= c.start and c.end <= k.end]
            if not outer or any(k.start < c.end and c.start < k.end and k not in outer for k in kept):
                continue
            if any(o.type == c.type and o.start == c.start for o in outer):
                continue
            if c.type == "District":
                if c.rule.startswith("District.town") and all(o.type in ("Programme", "Policy") for o in outer):
                    continue        # “某乡英才计划”: a word ending in 乡 inside a programme's name, no township
                # a place inside a body's or a zone's name; inside other names only when written in full
                if any(o.type in _PLACE_HOLDERS or (o.type != "Enterprise" and c.rule == "District.division")
                       for o in outer):
                    nested.append(c)
            elif c.rule.endswith(".joint") or any(o.start == c.start and o.type in ("Platform", "ResearchInstitute")
                                                   for o in outer):
                if c.type == "University" and c.text.endswith("大") and self.place_prefix(c.text):
                    continue        # 某市某区某大某某研究院: a place and a short name, no university's name
                nested.append(c)
        return sorted(kept + filter_spans(nested), key=lambda m: (m.start, -m.end))

    def extract(self, report: Report, sentences: list[Sentence]) -> list[Mention]:
        """Return the mentions of a report's sentences, in text order."""
        context = self.report_context(report, sentences)
        mentions: list[Mention] = []
        for sentence in sentences:
            mentions.extend(self(sentence, context))
        return mentions

    def report_context(self, report: Report, sentences: list[Sentence]) -> ReportContext:
        """Find the divisions named in full in a report; their short forms and
        their children's short forms become local names (see :class:`ReportContext`)."""
        lex = self.lexicon
        codes: set[str] = set()
        names = [report.district or "", *report.parents, report.issuer or "", report.title]
        for name in names:
            for m in self._full.finditer(name):
                codes.update(lex.division_names[m.group()])
        for name in set(self._full_scan.findall("\n".join(s.text for s in sentences))):
            codes.update(lex.division_names[name])
        local: set[str] = {name for name in (report.district, report.issuer) if name in lex.small_counties}
        for code in codes:
            division = lex.divisions[code]
            if division.short:
                local.add(division.short)
            if division.level != "county":
                for child in lex.children(code):
                    if child.short:
                        local.add(child.short)
        return ReportContext(frozenset(local), self.declared_names("\n".join(s.text for s in sentences)))

    def declared_names(self, text: str) -> tuple[tuple[str, str], ...]:
        """The short names ``text`` declares in brackets, with their organisation's type.

        >>> default_extractor().declared_names("青禾种业股份有限公司(以下简称“青禾种业”)与青禾智能(全称青禾智能装备有限公司)")
        (('青禾种业', 'Enterprise'), ('青禾智能', 'Enterprise'))
        """
        short_after, full_after, types = load_alias_patterns()
        found: dict[str, str] = {}
        for bracket in _OPENING_BRACKET.finditer(text):
            pos = bracket.start()
            m = short_after.match(text, pos)
            if m:
                head = self._head_at_end.search(text, max(0, pos - 40), pos)
                if head and self.lexicon.heads[head.group()].type in types:
                    found.setdefault(m.group("name"), self.lexicon.heads[head.group()].type)
                continue
            m = full_after.match(text, pos)
            head = self._head_at_end.search(m.group("name")) if m else None
            if head is None or self.lexicon.heads[head.group()].type not in types:
                continue
            run = regex.search(r"\p{Han}{2,10}$", text[max(0, pos - 10):pos])
            short = next((run.group()[i:] for i in range(len(run.group()) - 1)
                          if _in_order(run.group()[i:], m.group("name"))), None) if run else None
            if short:
                found.setdefault(short, self.lexicon.heads[head.group()].type)
        return tuple(found.items())

    def division_at(self, text: str, pos: int = 0) -> re.Match | None:
        """Match a division name or short form starting at ``pos`` of ``text``, else None."""
        return self._full.match(text, pos) or self._any_short.match(text, pos)

    def small_county_at(self, text: str, pos: int = 0) -> re.Match | None:
        """Match a two-character county name (某县) starting at ``pos`` of ``text``, else None."""
        return self._small_county.match(text, pos)

    def place_prefix(self, text: str) -> re.Match | None:
        """Match a division's full name, or a province's or city's short form, opening ``text``."""
        return self._full.match(text) or self._short.match(text)

    def parse_designation(self, name: str) -> re.Match | None:
        """Match a whole designation name: groups ``div``, ``level``, ``batch``, ``kind``, ``tail``."""
        return self._designation.fullmatch(name)

    # ------------------------------------------------------------ matchers

    def _match_heads(self, text: str) -> list[tuple[int, int, str, str]]:
        lex = self.lexicon
        out = []
        for m in self._heads.finditer(text):
            head = lex.heads[m.group()]
            head_start, head_end = m.span()
            if head.type == "University" and head.text.endswith("大") and text.startswith("学", head_end):
                head, head_start, head_end = lex.heads["大学"], head_end - 1, head_end + 1   # 某某理工大学
            elif head.type == "University" and head.text.endswith("大") \
                    and len(lex.tokenize(text[head_end - 1:head_end + 3])[0][0]) > 1:
                continue            # 某某大都市: 大 opens another word, no short name of a university
            if not self._right_ok(text, head_start, head_end):
                continue
            start, quotes = self._left_start(text, head_start, head.type)
            opening = self._quote_opening(text, head_start, head_end)
            if opening is not None and head.type in ("Programme", "Policy") and opening + 1 < start:
                first = self.lexicon.tokenize(text[opening + 1:head_start])[0][0]
                if not self._is_stop(first, head.type) or _NUMERAL.match(first) or _COUNT_WORD.match(first):
                    start = opening + 1     # “某某百人计划”: the whole quoted name, whatever words it holds
            if head.type == "Programme" and len(quotes) > 1:
                # “甲”“乙”行动: the ending goes with the last quoted name; the others stand alone
                for q0, q1 in quotes[:-1]:
                    out.append((q0, q1, "Programme", "Programme.quoted"))
                start = max(start, quotes[-2][1])
                quotes = quotes[-1:]
            if 0 < start and text[start - 1] == "“" and text[head_end:head_end + 1] == "”" \
                    and head.type in ("Programme", "Platform", "Policy", "Designation") and head_start > start:
                # a quoted name ending in the head: the whole quoted name, with a level before it
                out.append((self._prefix_start(text, start - 1), head_end + 1, head.type, head.rule))
                continue
            found = self._validate(text, start, head_start, head_end, head, quotes)
            if found and found[2] == "University":
                campus = _CAMPUS.match(text, found[1])
                if campus and self.division_at(campus.group(1)):
                    found = (found[0], campus.end(), *found[2:])     # 某某大学(威海): a campus
            if found:
                if found[2] == "Programme" and text.startswith("项目", found[1]) and not head.text.endswith("项目"):
                    found = (found[0], found[1] + 2, *found[2:])      # 某某计划 + 项目
                elif found[2] == "Programme" and head.text.endswith("计划") and text.startswith("企业", found[1]):
                    # 某市雏鹰培育计划企业: the enterprises taken into a plan hold a status
                    found = (self._prefix_start(text, found[0]), found[1] + 2, "Designation", "Designation.plan-members")
                out.append(found)
        return out

    def _match_quoted(self, text: str) -> list[tuple]:
        """Quoted names followed by a word that shows they name a programme (“某某”为抓手)."""
        out = []
        for m in _QUOTED_PROGRAMME.finditer(text):
            if m.group().count("“") > 1:
                after = self._heads.match(text, m.end())
                if after and self.lexicon.heads[after.group()].type == "Programme":
                    continue            # “甲”“乙”行动: the ending decides (see _match_heads)
                if text.startswith(("活动", "等"), m.end()):
                    # “甲”“乙”活动: two activities written one after the other
                    out.extend((q.start(), q.end(), "Programme", "Programme.quoted")
                               for q in _QUOTED_ITEM.finditer(text, m.start(), m.end()))
                    continue
            start, end = self._prefix_start(text, m.start()), m.end()
            if text.startswith("项目", end) and self._kind_at_end.search(text, max(0, m.start() - 20), m.start()):
                end += 2            # 省科技型中小企业“某某”项目: the project call of a designation
            out.append((start, end, "Programme", "Programme.quoted"))
        for m in _QUOTED_LIST.finditer(text):
            out.extend((q.start(), q.end(), "Programme", "Programme.quoted")
                       for q in _QUOTED_ITEM.finditer(text, m.start(), m.end()))
        out.extend((m.start(), m.end(), "Programme", "Programme.project") for m in _QUOTED_PROJECT.finditer(text))
        for m in _QUOTED_SELECTED.finditer(text):     # each title, without its quotes, is a project
            out.extend((q.start() + 1, q.end() - 1, "Programme", "Programme.project.selected")
                       for q in _QUOTED_ITEM.finditer(text, m.start(), m.end()))
        return out

    def _match_quoted_platforms(self, text: str, known: list[tuple]) -> list[tuple]:
        """某街道“某某创客汇”获评省级众创空间: a quoted name certified as a kind of
        platform names that platform (without its quotes)."""
        out = []
        for m in _QUOTED_NAME.finditer(text):
            verb = self._certification_verb.match(text, m.end())
            if verb is None:
                continue
            for s, e, t, _ in known:
                if s == verb.end() and t == "Designation":
                    head = self._head_at_end.search(text, s, e)
                    kind = self._kind_at_end.search(text, s, e)
                    if (head and self.lexicon.heads[head.group()].type == "Platform") or (
                            kind and kind.group() in self.lexicon.county_platform_kinds):
                        out.append((m.start() + 1, m.end() - 1, "Platform", "Platform.quoted.certified"))
                        break
        return out

    @staticmethod
    def _quote_opening(text: str, head_start: int, head_end: int) -> int | None:
        """Where the quote opens that closes right after a head (“某某计划”), else None."""
        if text[head_end:head_end + 1] != "”":
            return None
        j = text.rfind("“", max(0, head_start - 20), head_start)
        if j < 0 or any(c in _HARD or c in "”—─–-+" for c in text[j + 1:head_start]):
            return None             # “甲—乙—丙”: a chain of kinds, no name
        return j

    def _prefix_start(self, text: str, pos: int) -> int:
        """Where a level or place, then a designation kind, written right before ``pos``
        starts (省“某某”计划, 省科技型中小企业“某某”项目), else ``pos``."""
        if pos == 0:
            return pos
        kind = self._kind_at_end.search(text, max(0, pos - 20), pos)
        if kind:
            pos = kind.start()
        window = text[max(0, pos - 10):pos]
        offset = pos - len(window)
        start = pos
        for word, a, b in reversed(self.lexicon.tokenize(window)):
            if word in self.lexicon.levels or word in self.lexicon.division_names:
                start = offset + a
                continue
            break
        return start

    def _on_word_bounds(self, text: str, start: int, end: int) -> bool:
        """False if a word of the text around ``start:end`` crosses its start or its end."""
        a = max(0, start - 3)
        for word, ws, we in self.lexicon.tokenize(text[a:min(len(text), end + 3)]):
            ws, we = ws + a, we + a
            if (ws < start < we or ws < end < we) and len(word) > 1:
                return False
        return True

    def _right_ok(self, text: str, start: int, end: int) -> bool:
        """False if the ending is the start of a longer word (工程 in 工程师)."""
        if end >= len(text) or not _CJK.match(text[end]):
            return True
        for word, a, b in self.lexicon.tokenize(text[start:end + 3]):
            if a < end - start < b and word not in self.lexicon.heads:
                return False
        return True

    def _validate(self, text: str, start: int, head_start: int, end: int, head,
                  quotes: list[tuple[int, int]]) -> tuple | None:
        """Check a name found before an ending; return (start, end, type, rule) or None.

        The checks per type (``_valid_*``) return (start, type, rule) or None.
        """
        lex = self.lexicon
        type_ = head.type
        if type_ == "District":
            return self._validate_place(text, start, head_start, end, head)
        if head.needs == "quote":       # “某某”系列活动: the quoted name alone
            if quotes and head_start - quotes[-1][1] <= 4:
                return quotes[-1][0], quotes[-1][1], type_, head.rule
            return None
        name = text[start:end]
        if name in lex.generic or name in lex.stoplists.get(type_, ()) or name[0] in "((" \
                or name.endswith(lex.stop_endings.get(type_, ())):
            return None
        core = self._strip_prefix(name)
        if core != name and core in lex.stoplists.get(type_, ()) and self._levels_re.match(name):
            return None             # 市级重大人才工程: a level before a generic phrase
        check = {"Agency": self._valid_agency, "Policy": self._valid_policy,
                 "Programme": self._valid_programme, "Enterprise": self._valid_enterprise}
        found = check.get(type_, self._valid_organisation)(text, start, head_start, end, head, quotes, core)
        return None if found is None else (found[0], end, found[1], found[2])

    def _valid_agency(self, text, start, head_start, end, head, quotes, core):
        """An agency is a division (or a level: 区财政局) and an agency ending."""
        body = text[start:head_start]
        for i in range(len(body)):
            if self._is_division_chain(body[i:]):
                if text[start + i:end] in self.lexicon.central_agencies:
                    return start + i, "Agency", "Agency.central"          # 国家发改委: 国家 is no level here
                if self._levels_re.fullmatch(body[i:]) or text[start + i:end] in self.lexicon.context_refs:
                    return start + i, "Agency", "Agency.context"          # the report's own body
                return start + i, "Agency", head.rule
        return None

    def _valid_policy(self, text, start, head_start, end, head, quotes, core):
        """A title without 《》 needs a division before it (某某区某某管理办法), or quotes."""
        body_core = self._strip_prefix(text[start:head_start])
        if report_patterns().plan_period.fullmatch(body_core):
            return None             # “十五五”规划: a period's plans in general, no title
        if len(body_core) >= 2 and body_core not in self.lexicon.generic and (self._full.match(text, start) or quotes):
            return start, "Policy", head.rule
        return None

    def _valid_enterprise(self, text, start, head_start, end, head, quotes, core):
        if len(self._strip_prefix(text[start:head_start])) < 2 and not quotes:
            return None
        county = self._full.match(text, start, head_start)
        if county and self._province_at(text, county.end()) and all(
                self.lexicon.divisions[c].level == "county" for c in self.lexicon.division_names[county.group()]):
            start = county.end()    # 某县贵州某某有限公司: where the company is, then its name
        town = _TOWN_BEFORE.match(text, start, head_start)
        if town and self._province_at(text, town.end()):
            start = town.end()      # 某某镇海南某某有限公司: the same with a township
        return start, "Enterprise", head.rule

    def _province_at(self, text: str, pos: int) -> bool:
        """True if a province's name (full or short) starts at ``pos``."""
        m = self._full.match(text, pos) or self._any_short.match(text, pos)
        if m is None:
            return False
        codes = self.lexicon.division_names.get(m.group()) or self.lexicon.division_shorts.get(m.group(), [])
        return bool(codes) and all(self.lexicon.divisions[c].level == "province" for c in codes)

    def _valid_programme(self, text, start, head_start, end, head, quotes, core):
        lex = self.lexicon
        ministry = self._central.match(text, start)
        if ministry and head_start - ministry.end() >= 4:
            start = ministry.end()          # 某部某某试点示范项目: the ministry is named on its own
        body = text[start:head_start]
        body_core = self._strip_prefix(body)
        prefixed = core != text[start:end]
        if head.needs == "quoted" and not quotes:
            return None
        if head.needs == "prefixed" and not (prefixed or quotes or _PROGRAMME_SIBLING.search(text, 0, start)):
            return None
        if body.endswith(_CONSTRUCTION) or "级以上" in body:
            return None                     # 某某扩建工程; 市级以上人才工程: a class of programmes
        if not quotes and not body_core and body and self._full.match(body):
            if len(head.text) < 3:
                return None                 # 某某区计划新增…: a place and a verb, no name
            return start, "Programme", head.rule            # 某某省创新创业大赛
        if not quotes and (len(body_core) < head.min_body or body_core in lex.generic or core in lex.generic):
            return None
        return start, "Programme", head.rule

    def _valid_organisation(self, text, start, head_start, end, head, quotes, core):
        """Platforms, institutes, universities: a level and a kind alone is a Designation
        (省级重点实验室); a place alone before the ending makes a name only for some."""
        lex = self.lexicon
        type_ = head.type
        town = _TOWN_THEN_OWN_NAME.match(text, start, head_start)
        if town:
            start = town.end(1)             # 某镇某镇氢能科创园: the town, then the park named after it
        body = text[start:head_start]
        body_core = self._strip_prefix(body)
        prefixed = core != text[start:end]
        if head.needs == "quoted" and not quotes:
            return None
        if core in lex.designation_kinds or self._kind_with_level(core):
            place = text[start:end - len(core)]
            if prefixed and type_ == "Platform" and place in lex.division_names \
                    and self._county_platform(place, core):
                return start, type_, head.rule          # 某某区科技企业孵化器: the county's own
            return (start, "Designation", f"Designation.kind.{core}") if prefixed else None
        if not body_core:
            if type_ == "Platform" and core not in lex.generic and body and self._is_division_chain(body) \
                    and not self._levels_re.match(body):
                return start, type_, head.rule              # 某某区双创中心
            if type_ == "Platform" and core not in lex.generic and self._region.fullmatch(body):
                return start, type_, head.rule              # 某部科学城: a region's platform
            if type_ == "ResearchInstitute" and body and head.min_body <= len(body):
                return start, type_, head.rule              # 省科学院
            if type_ == "University" and len(body) >= head.min_body and not self._levels_re.match(body):
                return start, type_, head.rule              # 某省大学
            return None
        if len(body) < head.min_body:
            return None
        placed = body_core != body and not self._levels_re.match(body)      # 某某区现代农业科技示范园
        if type_ in ("Platform", "ResearchInstitute") and self._only_descriptors(body_core) and not placed \
                and not (type_ == "Platform" and text[:start].removesuffix("的").endswith(tuple(lex.cobuild_verbs))):
            return None                                     # 专业化众创空间 (but 共建(的)新材料工程技术研究中心)
        return start, type_, head.rule

    def _is_party(self, text: str) -> bool:
        """True if ``text`` is a whole name (an organisation, a place, a context word) —
        so a 与 after it joins two parties rather than two words of one name."""
        lex = self.lexicon
        if text in lex.generic or text in lex.designation_kinds:
            return False
        if text in lex.context_refs or text in lex.central_agencies:
            return True
        if self._is_division_chain(text):
            return True
        return bool(self._head_at_end.search(text))

    def _place_and_brand(self, item: str) -> bool:
        """True if ``item`` is a province's or city's short name and a brand (某省某某: 山东某某)."""
        m = self._short.match(item)
        if not m or m.group() in self.lexicon.division_names:
            return False
        brand = item[m.end():]
        return 2 <= len(brand) <= 3 and brand not in self.lexicon.generic and brand not in self.lexicon.heads \
            and not any(self._is_stop(w, "Enterprise") for w, _, _ in self.lexicon.tokenize(brand))

    def _only_descriptors(self, text: str) -> bool:
        """True if ``text`` is made of descriptive words only (专业化, 创新创业, “双创”)."""
        words = [w for w, _, _ in self.lexicon.tokenize(text) if w not in "“”\"'‘’的"]
        return bool(words) and all(w in self.lexicon.descriptors for w in words)

    def _kind_with_level(self, core: str) -> bool:
        """True if ``core`` is a designation kind after a level written inside it (省级企业研究院)."""
        m = self._levels_re.match(core)
        return bool(m) and core[m.end():] in self.lexicon.designation_kinds

    def _validate_place(self, text, start, head_start, end, head):
        lex = self.lexicon
        body = text[start:head_start]
        if head.rule.startswith("District.town"):
            if self._is_town(text, start, head_start, end):
                return start, end, "District", head.rule
            start = self._town_start(text, head_start, end)
            return None if start is None else (start, end, "District", head.rule)
        # a development zone: a division or a township, then the zone
        if not body:
            return None
        if body.endswith(("级", "以上")):
            return None             # 某市省级以上开发区: the zones of a level, no name
        for i in range(len(body)):
            # from a place, not a level glued to it (自创区某某片区: no 区某某片区)
            if self._is_division_chain(body[i:]) and not self._levels_re.match(body[i:]):
                return start + i, end, "District", head.rule
        for suffix in lex.town_suffixes:
            if body.endswith(suffix) and self._is_town(text, start, head_start - len(suffix), head_start):
                return start, end, "District", head.rule
        # a place, then a word or two naming the zone (某市医药高新区, 某市某湖新技术开发区)
        place = self.place_prefix(body)
        rest = body[place.end():] if place else ""
        if place and 2 <= len(rest) <= 6 and _CJK.fullmatch(rest[0]) and not self._levels_re.match(rest) \
                and not any(ch in _NOT_ZONE_CHARS for ch in rest) \
                and all(_CJK.match(w) and not self._is_stop(w, "District") and w not in lex.generic
                        and w not in _NOT_ZONE_WORDS for w, _, _ in lex.tokenize(rest)):
            return start, end, "District", head.rule
        return None

    def _town_start(self, text: str, suffix_start: int, end: int) -> int | None:
        """Where a township name ending at ``suffix_start`` starts when the left context
        gave no name: the two characters before the suffix (服务李庄镇, 在东和街道), or
        three where a word boundary falls there (白沙洲街道), with an ethnic group
        between (某某彝族乡); None if they make no township name."""
        lex = self.lexicon
        ethnic = self._ethnic.search(text, max(0, suffix_start - 6), suffix_start)
        stem_end = ethnic.start() if ethnic else suffix_start
        window_start = stem_end
        while window_start > 0 and stem_end - window_start < 5 and _CJK.match(text[window_start - 1]):
            window_start -= 1
        tokens = lex.tokenize(text[window_start:stem_end])
        bounds = {window_start + a for _, a, _ in tokens}
        for size in (2, 3):
            start = stem_end - size
            if start < window_start or start not in bounds:
                continue
            words = [w for w, a, _ in tokens if window_start + a >= start]
            if any(len(w) > 1 and (w in lex.stops or w in lex.heads or w in lex.generic) for w in words):
                return None
            if text[stem_end - 1] in "等和与及的" and any(len(w) > 1 for w in words[:-1]):
                return None         # 社区和街道: a word and a conjunction
            # after a stop word, a punctuation mark or (two characters only) a word of its own
            before = [w for w, _, b in tokens if window_start + b == start]
            if not (start == 0 or text[start - 1] in _HARD or (before and before[0] in lex.stops)
                    or (size == 2 and (not _CJK.match(text[start - 1]) or (before and len(before[0]) > 1)))):
                continue            # no boundary before two characters: try three (青石岭镇)
            return start if self._is_town(text, start, stem_end, end, longest=3) else None
        return None

    def _is_town(self, text: str, start: int, suffix_start: int, end: int, longest: int = 2) -> bool:
        """True if text[start:end] is a township name (某某镇, 某某街道); the part before
        the suffix (``suffix_start``) has one to ``longest`` characters."""
        lex = self.lexicon
        body = text[start:suffix_start]
        name = text[start:end]
        if name in lex.town_stoplist or any(name[-k:] in lex.town_stoplist and end - suffix_start < k
                                            for k in (2, 3)):
            return False
        if not (1 <= len(body) <= longest) or not _CJK.fullmatch(body[-1]):
            return False
        if end < len(text) and text[end] in "村镇街域里区级办":
            return False
        if len(body) == 1 and body in _CLASSIFIERS:
            return False            # 个镇
        if body in lex.descriptors or body in lex.generic or body in lex.stops:
            return False            # 特色镇, 农业乡: a kind of township
        return not any(ch in "各全本该我每几乡镇一二三四五六七八九十百千万两" for ch in body)

    def _match_divisions(self, text: str, context: ReportContext) -> list[tuple]:
        lex = self.lexicon
        out = []
        for m in self._small_county.finditer(text):
            after_parent = m.start() > 0 and text[m.start() - 1] in "省市州盟"      # 某某省某县
            if m.group() in context.local or after_parent or self._small_county_safe.match(text, m.start()):
                out.append((m.start(), m.end(), "District", "District.small"))
        for m in self._places.finditer(text):
            short = m.group()
            if short in lex.division_names:
                out.append((m.start(), m.end(), "District", "District.division"))
                continue
            codes = lex.division_shorts[short]
            if short not in context.local and all(lex.divisions[c].level == "county" for c in codes):
                continue
            nxt = text[m.end(): m.end() + 1]
            if nxt and nxt in "路街道巷里桥":
                continue            # 延安路: a road
            if not self._right_ok(text, m.start(), m.end()):
                continue            # 三明治: a word
            if not self._on_word_bounds(text, m.start(), m.end()):
                continue            # 长江西岸: no 江西
            out.append((m.start(), m.end(), "District", "District.short"))
        return out

    def _match_central(self, text: str) -> list[tuple]:
        out = [(m.start(), m.end(), "Agency", "Agency.central") for m in self._central.finditer(text)]
        out += [(m.start(), m.end(), "Programme", "Programme.kind") for m in self._programme_kinds.finditer(text)]
        for m in self._institutions.finditer(text):
            type_, _ = self.lexicon.institutions[m.group()]
            out.append((m.start(), m.end(), type_, f"{type_}.national"))
        return out

    def _match_context(self, text: str) -> list[tuple]:
        lex = self.lexicon
        out = []
        for m in self._context.finditer(text):
            if m.start() and _CJK.match(text[m.start() - 1]) and not self._on_word_bounds(text, m.start(), m.end()):
                continue            # 资本市场: no 本市
            type_, _ = lex.context_refs[m.group()]
            out.append((m.start(), m.end(), type_, f"{type_}.context"))
        return out

    def _match_designations(self, text: str) -> list[tuple]:
        lex = self.lexicon
        out = []
        for m in self._kind.finditer(text):
            kind = m.group("kind")
            alone, _ = lex.designation_kinds[kind]
            p = self._kind_prefix.search(text, max(0, m.start() - 16), m.start())
            start = p.start() if p else m.start()
            if p and p.group("div") and p.group("level") and not _same_level(p.group("div"), p.group("level")):
                start = p.start("level")    # 某县 | 自治区级农业科技园区: the county's, certified higher up
            if not (alone or start < m.start() or m.group("tail")):
                continue
            if not m.group("tail") and kind in lex.county_platform_kinds \
                    and self._zone_at_end.search(text, max(0, m.start() - 12), m.start()):
                if self._right_ok(text, m.start("kind"), m.end("kind")):
                    zone_start, _ = self._left_start(text, m.start(), "Platform")
                    out.append((zone_start, m.end(), "Platform", f"Platform.zone.{kind}"))
                continue            # 某某高新区农业科技园区: the zone's own park, a platform
            if p and p.group("div") and not p.group("level") and not p.group("batch") and not p.group("grade") \
                    and not m.group("tail") and self._county_platform(p.group("div"), kind):
                if kind in lex.county_platform_kinds and self._right_ok(text, m.start("kind"), m.end("kind")):
                    out.append((start, m.end(), "Platform", f"Platform.county.{kind}"))
                continue            # 某某区科技企业孵化器: the county's own incubator, a platform
            # the word after the kind, or after its tail (…企业名单: not 业名)
            if not (self._right_ok(text, m.start("kind"), m.end("kind")) or m.group("tail")
                    and self._right_ok(text, m.start("tail"), m.end())):
                continue
            end, rule = m.end(), f"Designation.kind.{kind}"
            if not m.group("tail"):
                # a listed kind that goes on to a designation head: 专精特新 + 冠军企业
                longer = self._designation_end(text, m.start("kind"), self._open_head)
                if longer is not None and end < longer <= end + _MAX_KIND_EXTENSION and not any(
                        word in self.lexicon.stops for word, _, _ in self.lexicon.tokenize(text[end:longer])):
                    end, rule = longer, rule + ".extended"
            rank = _RANK_AFTER.match(text, end) if not m.group("tail") else None
            if rank:
                end, rule = rank.end(), rule + ".ranking"      # 市高新技术企业20强: a ranking of the kind
            if m.group("tail") == "名单" and (alone or start < m.start()):
                # 省级某某企业名单: the designation is the kind, not its list (kept as an alias)
                end, rule = m.start("tail"), rule + ".list"
            out.append((start, end, "Designation", rule))
        return out

    def _county_platform(self, division: str, kind: str) -> bool:
        """True if a county's name before a kind of platform names one platform
        (某某区科技企业孵化器) rather than a level of designation (某某市重点实验室)."""
        lex = self.lexicon
        head = self._head_at_end.search(kind)
        codes = [code for code in lex.division_names.get(division, []) if code in lex.divisions]
        platform = kind in lex.county_platform_kinds or (head is not None and lex.heads[head.group()].type == "Platform")
        return platform and bool(codes) and all(lex.divisions[code].level == "county" for code in codes)

    def _match_open_designations(self, text: str, known: list[tuple]) -> list[tuple]:
        """省级数字化车间, 市级科技人才创新实践基地: an explicit level, a body and a
        designation head (designation_heads.txt), ending where a boundary follows.

        Not after 以上 or 各 (省级以上研发平台 is a class of things), and not
        where a listed kind already starts (``known``: 省级孵化器评价中…)."""
        out = []
        starts = {s for s, _, t, _ in known if t == "Designation"}
        for level in self._explicit_level.finditer(text):
            if level.start() in starts:
                continue
            end = self._designation_end(text, level.end(), self._open_head)
            if end is not None and text[level.end():end] not in self.lexicon.generic:
                out.append((level.start(), end, "Designation", "Designation.open"))
        # a province or a city, a body and a head, then a count: 新增某省智能工厂2家
        for place in self._full_scan.finditer(text):
            if place.start() in starts or not self._province_or_city(place.group()):
                continue
            end = self._designation_end(text, place.end(), self._open_head)
            if end is not None and _COUNT_AFTER.match(text, end) and text[place.end():end] not in self.lexicon.generic:
                out.append((place.start(), end, "Designation", "Designation.open.counted"))
        return out

    def _province_or_city(self, name: str) -> bool:
        """True if ``name`` is a province or a city (whose name comes before its designations)."""
        codes = self.lexicon.division_names.get(name, [])
        return bool(codes) and all(self.lexicon.divisions[c].level in ("province", "city") for c in codes)

    def _match_certified_names(self, text: str, known: list[tuple]) -> list[tuple]:
        """获评高成长性创新型企业, 入选全国创新能力百强城市: right after a certification
        verb, a name ending with a designation or honour head is a designation."""
        out = []
        for verb in self._certification_verb.finditer(text):
            first_word = self.lexicon.tokenize(text[verb.start():verb.end() + 2])[0][0]
            if len(first_word) > verb.end() - verb.start():
                continue            # 获奖企业: the verb is part of a longer word
            start = verb.end()
            while (again := self._certification_verb.match(text, start)) and again.end() > start:
                start = again.end()         # 获批认定为…: the second verb is no part of the name
            start, quoted = _past_opening_quote(text, start)    # 授予“2024年度某某先进区”称号
            if any(s == start and t != "District" for s, _, t, _ in known):
                continue            # a listed designation, a programme or a platform starts here
            end = self._designation_end(text, start, self._honour_head)
            if end is None:
                opening = quoted.start() if quoted else None
                honour = self._quoted_honour(text, opening) if opening is not None else None
                while honour is not None:   # 获评“某省十佳科技小院”: a ranking, whatever its ending
                    out.append((opening, honour, "Designation", "Designation.honour.quoted"))
                    following = _NEXT_QUOTED.match(text, honour)      # 被授予“甲基地”和“乙基地”
                    opening = following.end() - 1 if following else None
                    honour = self._quoted_honour(text, opening) if following else None
                continue
            naming = [v for v in self._certification_verb.finditer(text, start, end) if v.group().endswith("为")]
            if naming and end - naming[-1].end() >= 3:
                # 获某厅发文表扬为“…”: the name follows the naming verb
                start, quoted = _past_opening_quote(text, naming[-1].end())
            name = text[start:end]
            if any(start < s and e <= end and t == "Designation"
                   and (self._central.match(text, start) or _BATCH_WORD.search(text, start, s))
                   for s, e, t, _ in known):
                continue            # 入选某部第六批国家级…企业: the listed designation inside is the name
            if name in self.lexicon.generic or "赛" in name or _GRADE_ONLY.fullmatch(name):
                continue            # a prize of a competition is read as the competition
            if "以上" in name or _OWN_SCOPE.match(name):
                continue            # 市级及以上科学技术奖, 全区首个…: a class of things, or a ranking at home
            if quoted and quoted.end() - quoted.start() == 1 and text.startswith("”", end):
                start, end = quoted.start(), end + 1     # the whole quoted ranking, as written
            elif name.count("“") > name.count("”") and text.startswith("”", end):
                end += 1                # 省“某某鼎”: the quote opened inside the name closes after it
            out.append((start, end, "Designation", "Designation.certified"))
        return out

    @staticmethod
    def _match_titled_honours(text: str, known: list[tuple]) -> list[tuple]:
        """省级“某某单位”、“全市某某先进集体”等荣誉称号: each quoted
        title before 称号, with the level or scope written before it, is a designation
        (unless a designation of ``known`` overlaps it: 授予“2024年度某某先进区”称号 is
        read without its year)."""
        out = []
        for run in _TITLED_HONOURS.finditer(text):
            out.extend((m.start(), m.end(), "Designation", "Designation.honour.titled")
                       for m in _TITLED_HONOUR.finditer(text, run.start(), run.end())
                       if not any(s < m.end() and m.start() < e and t == "Designation" for s, e, t, _ in known))
        return out

    def _quoted_honour(self, text: str, quote: int) -> int | None:
        """The end (after the closing quote) of a quoted honour opening at ``quote``
        (“某省十佳科技小院”, “某省民营企业创新能力50强”), else None."""
        if text[quote] not in "“\"":
            return None
        close = text.find("”" if text[quote] == "“" else '"', quote + 1, quote + 32)
        if close < 0:
            return None
        name = text[quote + 1:close]
        if _RANKING.search(name) or any(mark in name for mark in self.lexicon.honour_marks):
            return close + 1
        if len(name) >= 6 and (self._kind_at_end.search(name) or self._honour_head_at_end.search(name)):
            return close + 1        # “某某及某某产业示范基地”: the quotes bound a name the open rule cuts at 及
        return None

    def _designation_end(self, text: str, body_start: int, heads: re.Pattern) -> int | None:
        """Where a designation whose body starts at ``body_start`` ends: after the last
        of ``heads`` that a boundary follows, at least three characters in; None if none."""
        end = body_start
        limit = min(len(text), body_start + _MAX_OPEN_BODY)
        while end < limit and text[end] not in _OPEN_BREAKS:
            if _CJK.match(text[end]) or text[end] in "“”":
                end += 1
            elif (rank := _RANK.match(text, end)):
                end = rank.end()    # 民营企业100强: a ranking written in digits
            else:
                break
        best = None
        for pos in range(body_start, end):
            head = heads.match(text, pos, end)
            if head is None or head.end() - body_start < 3:
                continue
            after = head.end()
            if after < len(text) and _CJK.match(text[after]) and not self._open_follower.match(text, after):
                continue        # 省级孵化器在孵企业: the head goes on into another word
            best = max(best or 0, after)
        if best is not None:
            bracket = _LEVEL_BRACKET_AFTER.match(text, best)       # 先进县(市、区)
            if bracket:
                best = bracket.end()
        return best

    def _match_patterns(self, text: str, found: list[tuple]) -> list[tuple]:
        out = []
        for p in self.patterns:
            label = p["label"]
            for m in p["regex"].finditer(text):
                g = p["group"]
                s, e = m.span(g)
                if s < 0 or e <= s:
                    continue
                if label == "list":
                    if e > s:
                        out.extend(self._list_items(text, m, p, found))
                    continue
                if p.get("trim"):
                    s, _ = self._left_start(text, m.start("head"), label)
                    if m.start("head") - s < p.get("min_body", 2):
                        continue
                if text[s:e].strip("“”\"") in self.lexicon.generic:
                    continue
                out.append((s, e, label, p["id"]))
        out.extend(self._joint_parties(text, found))
        out.extend(self._bracketed_names(text, found))
        return out

    def _bracketed_names(self, text: str, found: list[tuple]) -> list[tuple]:
        """Names in brackets after a counted designation: 新增省级众创空间2家(甲、乙)."""
        out = []
        for s, e, type_, rule in found:
            if type_ != "Designation":
                continue
            m = _COUNTED_BRACKET.match(text, e)
            if not m:
                continue
            kind = rule.rsplit(".", 1)[-1]
            item_type = "Enterprise" if kind.endswith("企业") else "Platform"
            pos = m.start("names")
            for part in m.group("names").split("、"):
                a, b = pos, pos + len(part)
                pos = b + 1
                if not (2 <= len(part) <= 20) or part in self.lexicon.generic or _NUMBERED.search(part):
                    continue
                if re.search(r"\d", part):
                    continue        # (超出200家完成目标), (总数79家): a remark, no name
                own = [t for fs, fe, t, _ in found if fs == a and fe == b and t != "District"]
                out.append((a, b, own[0] if own else item_type, f"{own[0] if own else item_type}.bracketed"))
        return out

    def _joint_parties(self, text: str, found: list[tuple]) -> list[tuple]:
        """The two parties a joint platform is named after (甲-乙联合实验室)."""
        out = []
        for s, e, type_, _ in found:
            if type_ != "Platform" or "联合" not in text[s:e]:
                continue
            m = _JOINT.match(text, s, e)
            if not m:
                continue
            for g in ("a", "b"):
                a, b = m.span(g)
                own = sorted(((fe, t) for fs, fe, t, _ in found if fs == a and fe <= b and t != "District"),
                             reverse=True)
                if own:
                    b, party = own[0]
                else:
                    party = "Enterprise"
                    if g == "b":        # 甲-乙智能传感联合实验室: 乙 ends after its industry word, if any
                        for word, _, wb in self.lexicon.tokenize(text[a:b]):
                            if word in self.lexicon.enterprise_tails and wb >= 2:
                                b = a + wb
                                break
                out.append((a, b, party, f"{party}.joint"))
        return out

    def _list_items(self, text: str, m: re.Match, p: dict, found: list[tuple]) -> list[tuple]:
        """Items of an enumeration before its tail ``m`` (甲、乙等3家企业)."""
        lex = self.lexicon
        filler = m.groupdict().get("filler")
        if filler and not filler.endswith("的") \
                and any(self._is_stop(w, "Platform") for w, _, _ in lex.tokenize(filler)):
            return []               # (等5家单位开展…: no list) but 等29家计划申报高企的企业 is one
        e = m.start()
        s = e
        while s > 0 and e - s < 80 and (text[s - 1] == "、" or text[s - 1] not in _HARD) \
                and text[s - 1] not in "()()“”\"《》":
            s -= 1
        if p["lead_regex"] is not None:
            leads = list(p["lead_regex"].finditer(text, s, e))
            if not leads:
                return []
            s = leads[-1].end()
        enumerated = e > s and text[e - 1] == "等" or m.group().startswith("等")
        while e > s and text[e - 1] == "等":
            e -= 1
        if e - s < 2:
            return []
        if not (enumerated or p.get("tails")) and "、" not in text[s:e]:
            return []               # 已有5家公司: one word before a count, no enumeration
        spans = []
        pos = s
        for part in re.split(r"(、)", text[s:e]):
            if part != "、":
                spans.append((pos, pos + len(part)))
            pos += len(part)
        first_s, first_e = spans[0]
        left, _ = self._left_start(text, first_e, "Enterprise", stop_at=first_s)
        spans[0] = (left, first_e)
        # a later item may open with a verb of two characters or more (、依托某某光电组建的…)
        for n, (a, b) in enumerate(spans[1:], start=1):
            words = self.lexicon.tokenize(text[a:b])
            if len(words) > 1 and len(words[0][0]) >= 2 and words[0][0] in lex.stops \
                    and "Enterprise" not in lex.stops[words[0][0]]:
                spans[n] = (a + words[0][2], b)
        type_ = p.get("type", "Enterprise")
        tails = p.get("tails", False)
        # 甲、乙等10家获批…: names counted in 家 need no industry word to be read as enterprises
        counted = tails and type_ == "Enterprise" and m.start() > 0 and bool(_COUNTED_TAIL.match(text, m.start() - 1))
        out = []
        for n, (a, b) in enumerate(spans):
            item = text[a:b]
            last = n == len(spans) - 1
            if not (2 <= len(item) <= 16) or not _CJK.search(item) or re.search(r"\d", item):
                if last:            # the item next to the tail is no name: this is no list of names
                    return []
                continue
            if item in lex.generic or item in lex.stops or item in lex.designation_kinds or item in lex.heads:
                continue            # a kind (经开区, 孵化器) names nothing
            if last and self._kind_at_end.search(text, a, min(len(text), b + 2)):
                return []           # 对照高新技术 + 企业认定条件: the item and the tail make a designation
            # an item found with its own type (a place, a university, an institute) keeps it
            if any(fs <= a and b <= fe and (t != "District" or (fs, fe) == (a, b)) for fs, fe, t, _ in found):
                continue
            glued = self._glued_short_names(item) if type_ == "Enterprise" else []
            if glued:                   # 甲电源乙股份丙药业: names whose separators were lost
                out += [(a + gs, a + ge, type_, p["id"] + ".glued") for gs, ge in glued]
                continue
            if tails and not counted and (len(item) > 10 or not (self._brand_and_tail(item)
                                                                   or self._place_and_brand(item))):
                if last:
                    return []
                continue
            if item.endswith(_NOT_ITEM_ENDINGS) or _NUMBERED.search(item):
                continue
            if self._strip_prefix(item) != item and len(self._strip_prefix(item)) < 2:
                continue
            if not self._strip_prefix(item):
                continue            # a place (湖北襄阳), no enterprise
            if item[-1] in "院所" and type_ == "Enterprise":
                out.append((a, b, "ResearchInstitute", "ResearchInstitute.list"))
                continue
            out.append((a, b, type_, p["id"]))
        return out

    # -------------------------------------------------------------- helpers

    def _short_enterprise(self, text: str) -> bool:
        """True if ``text`` reads as an enterprise's short name on its own: a brand of two
        characters that is no ordinary word, then an industry word (某某化学, 某某股份)."""
        lex = self.lexicon
        for tail in lex.enterprise_tails:
            brand = text[:-len(tail)]
            if text.endswith(tail) and len(brand) == 2 \
                    and all(_CJK.match(ch) for ch in brand) and not lex.is_common_word(brand) \
                    and brand not in lex.descriptors and brand not in lex.generic and brand not in lex.stops \
                    and brand not in lex.enterprise_tails and brand not in lex.heads \
                    and self._strip_prefix(brand) == brand:
                return True
        return False

    def _glued_short_names(self, item: str) -> list[tuple[int, int]]:
        """Spans of two or more short names written without separators (甲电源乙股份丙药业):
        each a brand of two characters and an industry word; [] if ``item`` is not only that."""
        tails = self._tails_longest_first
        spans, pos = [], 0
        while pos < len(item):
            tail = next((t for t in tails if item.startswith(t, pos + 2)), None)
            if tail is None or not self._short_enterprise(item[pos:pos + 2 + len(tail)]):
                return []
            spans.append((pos, pos + 2 + len(tail)))
            pos += 2 + len(tail)
        return spans if len(spans) >= 2 else []

    def _brand_and_tail(self, item: str) -> bool:
        """某某电子: a brand of two or more characters before an industry word (not 科技 alone)."""
        return any(item.endswith(tail) and len(item) - len(tail) >= 2 for tail in self.lexicon.enterprise_tails)

    def _is_stop(self, word: str, type_: str) -> bool:
        lex = self.lexicon
        inside = lex.stops.get(word)
        if inside is not None and type_ not in inside:
            return True
        if word in _CLASSIFIERS or _NUMERAL.match(word) \
                or (_COUNT_WORD.match(word) and (type_ != "Programme" or word[0].isdigit())
                    and word not in lex.division_shorts):
            return True             # 三十家 counts (not the county 三台); 千企 of 某某千企工程 names a programme
        if word in lex.generic and word not in lex.heads and type_ not in ("Designation", "Policy"):
            if type_ == "Enterprise":
                return len(word) >= 4
            if type_ == "Programme":
                return False
            return True
        return False

    def _left_start(self, text: str, pos: int, type_: str,
                    stop_at: int | None = None) -> tuple[int, list[tuple[int, int]]]:
        """Return where a name ending at ``pos`` starts, and the quoted parts it holds."""
        limit = max(0, pos - _MAX_BODY.get(type_, 16)) if stop_at is None else stop_at
        i = pos
        protected: list[tuple[int, int]] = []     # quoted or bracketed parts, never cut inside
        quotes: list[tuple[int, int]] = []
        while i > limit:
            ch = text[i - 1]
            if ch in "”’" or (ch == '"' and text.count('"', limit, i - 1) % 2 == 1):
                opening = "“" if ch == "”" else "‘" if ch == "’" else '"'
                j = text.rfind(opening, limit, i - 1)
                if j >= 0 and i - 1 - j <= 24:
                    protected.append((j, i))
                    quotes.append((j, i))
                    i = j
                    continue
                break
            if ch in ")）":
                j = max(text.rfind("(", max(limit, i - 10), i - 1), text.rfind("（", max(limit, i - 10), i - 1))
                if j > limit and not any(c in _HARD for c in text[j + 1:i - 1]):
                    protected.append((j, i))
                    i = j
                    continue
                break
            if ch in _HARD or ch in "(（" or ch in _OPEN_QUOTES:
                break
            if ch in "—─–" and type_ in ("Platform", "ResearchInstitute", "University"):
                dashes = 2 if text[i - 2:i - 1] == ch == "—" else 1
                joint = type_ == "Platform" and ch != "─" and "联合" in text[i:pos + 6]
                if not joint or (dashes == 1 and text[i - 2:i - 1] in "—─–") \
                        or (dashes == 2 and not self._head_at_end.search(text, max(0, i - 12), i - 2)):
                    break           # 甲—乙联合实验室, 某某大学——某市联合…中心: the parties of a joint platform
                i -= dashes
                continue
            if ch == "-" and type_ in ("University", "ResearchInstitute", "Enterprise"):
                break
            if ch == "+" and type_ == "Enterprise":
                break               # “某某+合作社”: a model, not a name
            i -= 1
        window_start = i
        if window_start >= pos:
            return pos, []
        start = pos
        tokens = self.lexicon.tokenize(text[window_start:pos])
        if window_start == limit and stop_at is None and window_start > 0 and _CJK.match(text[window_start - 1]):
            tokens = tokens[1:]     # the window cut a word: its first token is no whole word
        conjunction = None          # a 与/和/及 passed over: inside the name unless a party stands before it
        for n in range(len(tokens) - 1, -1, -1):
            word, a, b = tokens[n]
            a += window_start
            b += window_start
            inside = any(ps <= a and b <= pe for ps, pe in protected)
            if word in _CLASSIFIERS and not (n and _COUNTING.match(tokens[n - 1][0])):
                inside = True       # 类 in 鱼类 counts nothing
            if not inside:
                if word in _CONJUNCTIONS and type_ not in ("District", "Agency") and conjunction is None:
                    conjunction = (a, b)
                    start = a
                    continue
                if word == "中" and start == b and text[b:b + 1] in self.lexicon.country_abbreviations:
                    start = a       # 中越联合实验室: 中 and a country's abbreviation name the parties
                    continue
                if self._is_stop(word, type_):
                    break
                if type_ not in ("District", "Agency") and len(word) > 1 and word in self.lexicon.stops \
                        and (self._levels_re.match(text[b:b + 4]) or self._full.match(text, b)):
                    break           # 企业对接国家重点研发计划, 重组市级重点实验室: a verb before a level or a place
                if type_ in ("Platform", "ResearchInstitute") and start < pos and word.endswith(_HOST_ENDINGS):
                    break
            start = a
        if conjunction is not None:
            before = text[start:conjunction[0]]
            after = text[conjunction[1]:pos]
            if not before or self._is_party(before) or before.endswith(_GENERIC_PARTIES) or type_ == "University" \
                    or (before in self.lexicon.generic and type_ != "Programme") \
                    or (type_ in ("Enterprise", "ResearchInstitute")
                        and (self._short_enterprise(before) or self.place_prefix(after) or self._institutions.match(text, conjunction[1])
                             or after.startswith(self.lexicon.countries))):
                start = conjunction[1]      # 甲与某省农业科学院, 甲与中国科学院某所: the name after 与 opens anew
        for ps, pe in protected:            # never start inside a quoted part
            if ps < start < pe:
                start = ps
        quotes = [q for q in quotes if q[0] >= start]
        if quotes:
            first = min(q[0] for q in quotes)
            before = text[start:first]
            # before a quoted name only a level or a place, then a designation kind, may stand
            # (省“某某”计划, 科技型企业“某某”计划)
            kind = self._kind_at_end.search(before)
            rest = before[:kind.start()] if kind else before
            if rest and not (self._levels_re.fullmatch(rest) or self._full.match(rest)
                             or self._is_division_chain(rest)):
                level = self._level_before_quote.search(rest)
                start = start + level.start() if level and not kind else first
        while start < pos and text[start] in "-—–─·+":
            start += 1
        return start, sorted(quotes)

    def _strip_prefix(self, body: str) -> str:
        """Remove a leading level (省级, 国家) and leading divisions from a name or body."""
        prev = None
        while body and body != prev:
            prev = body
            m = self._level_prefix.match(body)
            if m and m.end():
                body = body[m.end():]
                continue
            m = self._full.match(body) or self._short.match(body) or self._region.match(body)
            if m:
                body = body[m.end():]
                if body.startswith("级"):
                    body = body[1:]
        return body

    def _is_division_chain(self, body: str) -> bool:
        """True if ``body`` is only division names, short forms or a level (襄阳市襄州区, 区)."""
        if not body:
            return False
        rest = body
        place = False
        while rest:
            m = self._full.match(rest) or self._any_short.match(rest) or self._small_county.fullmatch(rest) \
                or (place and self._zone_suffix.match(rest)) \
                or (place and self._parent_body.match(rest))         # 某某高新区管委会 of 某某高新区管委会科技创新局
            if m:
                rest, place = rest[m.end():], True
                continue
            m = self._level_prefix.match(rest)
            if m and m.end() > 0:
                rest = rest[m.end():]
                continue
            return False
        return True


def _in_order(short: str, name: str) -> bool:
    """True if the characters of ``short`` stand in ``name`` in the same order, the first one first."""
    if short[0] not in name:
        return False
    rest = iter(name[name.index(short[0]):])
    return all(ch in rest for ch in short)


@lru_cache(maxsize=1)
def default_extractor() -> EntityExtractor:
    """The extractor built from the packaged lexicons and patterns (built once)."""
    return EntityExtractor()


def extract_mentions(report: Report, sentences: list[Sentence]) -> list[Mention]:
    """Find the entity mentions of a report.

    Parameters
    ----------
    report : the report; its district, parents, issuer and title tell which
        short place names are local.
    sentences : the report's sentences (offsets index ``report.text``).

    Returns
    -------
    list of :class:`Mention` in text order; offsets index ``report.text``,
    ``rule`` names the lexicon entry or pattern that fired.  Mentions do not
    overlap, except for names nested in a longer one, returned right after
    it: a District inside a body's or zone's name (杭州市 in 杭州市科学技术局),
    a District written in full inside another name, a university or
    institute opening a platform's or institute's name (某某大学 in
    某某大学某某研究院) and the parties of a joint laboratory (``*.joint``).

    Examples
    --------
    >>> from kg.model import Report, Sentence
    >>> text = "襄州区科技局与江北大学共建新材料研究院。"
    >>> report = Report("d-1", "d", "x.txt", "0", "", text, district="襄州区")
    >>> sentence = Sentence("d-1-s1", "d-1", "", "summary", text, 0, len(text))
    >>> [(m.text, m.type, m.start) for m in extract_mentions(report, [sentence])]
    [('襄州区科技局', 'Agency', 0), ('襄州区', 'District', 0), ('江北大学', 'University', 7)]
    """
    return default_extractor().extract(report, sentences)
