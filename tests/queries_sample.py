"""Three fictional reports of two counties, resolved, for the query, validation and export tests.

云岭县 (in 南屏市, 东岳省) reports on 2025 and plans 2026, then reports on
2026; 青川区 plans 2027.  Every district, bureau, company, university,
institute and platform is invented for the tests.
"""
from __future__ import annotations

from rdflib import Graph

from kg.graph import build_graph
from kg.model import Entity, Mention, Quantity, Relation, Report, Sentence

YL25, YL26, QC26 = "doc0101-1", "doc0102-1", "doc0103-1"

TEXTS = {
    YL25: (
        "云岭县科学技术局2025年工作总结和2026年工作计划\n"
        "一、2025年工作总结\n"
        "云岭县翠峰电子科技有限公司被认定为国家高新技术企业。"
        "县科技局与南屏理工大学共建云岭县智能传感工程技术研究中心。"
        "全年新增高新技术企业12家。"
        "县科技局深入实施科技特派员制度,选派科技特派员40名。\n"
        "二、2026年工作计划\n"
        "力争2026年全社会研发投入强度达到3.0%,新增高新技术企业15家。"
    ),
    YL26: (
        "云岭县科学技术局2026年工作总结\n"
        "一、主要成效\n"
        "云岭县翠峰电子科技有限公司入选省级专精特新中小企业名单。"
        "2026年全县全社会研发投入强度达到3.1%,新增高新技术企业13家。"
        "翠峰电子与县内企业开展技术合作。"
    ),
    QC26: (
        "青川区科学技术局2026年工作总结和2027年工作计划\n"
        "一、2026年工作总结\n"
        "青川蓝湾生物医药有限公司被认定为高新技术企业。"
        "青川蓝湾生物医药有限公司与东岳省农业科学院共建青川区生物医药中试基地。"
        "区科技局组织企业参加创新创业大赛。\n"
        "二、2027年工作计划\n"
        "2027年力争新增高新技术企业30家,技术合同成交额突破8亿元。"
        "新增科技型中小企业50家。"
    ),
}

SENTENCES = {
    YL25: (
        "云岭县翠峰电子科技有限公司被认定为国家高新技术企业。",
        "县科技局与南屏理工大学共建云岭县智能传感工程技术研究中心。",
        "全年新增高新技术企业12家。",
        "县科技局深入实施科技特派员制度,选派科技特派员40名。",
        "力争2026年全社会研发投入强度达到3.0%,新增高新技术企业15家。",
    ),
    YL26: (
        "云岭县翠峰电子科技有限公司入选省级专精特新中小企业名单。",
        "2026年全县全社会研发投入强度达到3.1%,新增高新技术企业13家。",
        "翠峰电子与县内企业开展技术合作。",
    ),
    QC26: (
        "青川蓝湾生物医药有限公司被认定为高新技术企业。",
        "青川蓝湾生物医药有限公司与东岳省农业科学院共建青川区生物医药中试基地。",
        "区科技局组织企业参加创新创业大赛。",
        "2027年力争新增高新技术企业30家,技术合同成交额突破8亿元。",
        "新增科技型中小企业50家。",
    ),
}

YUNLING = "District/东岳省/南屏市/云岭县"
QINGCHUAN = "District/东岳省/南屏市/青川区"
NANPING = "District/东岳省/南屏市"
YL_BUREAU = "Agency/云岭县科学技术局"
QC_BUREAU = "Agency/青川区科学技术局"
CUIFENG = "Enterprise/云岭县翠峰电子科技有限公司"
CUIFENG_SHORT = "Enterprise/翠峰电子"            # not merged with CUIFENG: a merge candidate
LANWAN = "Enterprise/青川蓝湾生物医药有限公司"
HIGH_TECH = "Designation/高新技术企业"
SPECIALISED = "Designation/专精特新中小企业"
UNIVERSITY = "University/南屏理工大学"
ACADEMY = "ResearchInstitute/东岳省农业科学院"
SENSOR_CENTRE = "Platform/云岭县智能传感工程技术研究中心"
PILOT_BASE = "Platform/青川区生物医药中试基地"
ENVOYS = "Programme/科技特派员制度"
CONTEST = "Programme/创新创业大赛"

TITLES = {
    YL25: "云岭县科学技术局2025年工作总结和2026年工作计划",
    YL26: "云岭县科学技术局2026年工作总结",
    QC26: "青川区科学技术局2026年工作总结和2027年工作计划",
}


def sentences() -> dict[str, list[Sentence]]:
    """The sentences of each report, with offsets into its text."""
    out = {}
    for report_id, texts in SENTENCES.items():
        full = TEXTS[report_id]
        items = []
        for n, text in enumerate(texts, 1):
            start = full.index(text)
            kind = "plan" if "二、" in full[:start] else "summary"
            items.append(Sentence(f"{report_id}-s{n}", report_id, f"{report_id}-sec1", kind,
                                  text, start, start + len(text)))
        out[report_id] = items
    return out


def _mention(s: Sentence, text: str, etype: str) -> Mention:
    start = TEXTS[s.report_id].index(text, s.start)
    return Mention(text, etype, start, start + len(text), s.sent_id, s.report_id, f"{etype}.test")


def _relation(s: Sentence, subject: str, predicate: str, obj: str, level: str | None = None,
              year: int | None = None) -> Relation:
    return Relation(subject, predicate, obj, s.sent_id, s.report_id, s.text, s.start, s.end,
                    f"{predicate}.test", level=level, year=year)


def _quantity(s: Sentence, kind: str, subject: str | None, indicator: str, value: float, unit: str,
              year: int | None) -> Quantity:
    return Quantity(kind, subject, indicator, value, unit, year, s.sent_id, s.report_id, s.text,
                    s.start, s.end, f"{kind}.test")


def sample() -> dict:
    """Reports, sentences, entities, relations and quantities, as build_graph takes them."""
    s = sentences()
    a, b, c = s[YL25], s[YL26], s[QC26]
    reports = [
        Report(YL25, "doc0101", "reports/yunling_2025.txt", "1" * 64, TITLES[YL25], TEXTS[YL25],
               issuer="云岭县科学技术局", district="云岭县", parents=("东岳省", "南屏市"),
               period="2025", published="2026-01-12"),
        Report(YL26, "doc0102", "reports/yunling_2026.txt", "2" * 64, TITLES[YL26], TEXTS[YL26],
               issuer="云岭县科学技术局", district="云岭县", parents=("东岳省", "南屏市"),
               period="2026", published="2027-01-15"),
        Report(QC26, "doc0103", "reports/qingchuan_2026.txt", "3" * 64, TITLES[QC26], TEXTS[QC26],
               issuer="青川区科学技术局", district="青川区", parents=("东岳省", "南屏市"),
               period="2026", published="2027-01-20"),
    ]
    entities = [
        Entity(YUNLING, "District", "云岭县", parent="南屏市", code="990101"),
        Entity(QINGCHUAN, "District", "青川区", parent="南屏市", code="990102"),
        Entity(NANPING, "District", "南屏市"),
        Entity(YL_BUREAU, "Agency", "云岭县科学技术局", aliases=("县科技局",),
               mentions=(_mention(a[1], "县科技局", "Agency"), _mention(a[3], "县科技局", "Agency"))),
        Entity(QC_BUREAU, "Agency", "青川区科学技术局", aliases=("区科技局",),
               mentions=(_mention(c[2], "区科技局", "Agency"),)),
        Entity(CUIFENG, "Enterprise", "云岭县翠峰电子科技有限公司",
               mentions=(_mention(a[0], "云岭县翠峰电子科技有限公司", "Enterprise"),
                         _mention(b[0], "云岭县翠峰电子科技有限公司", "Enterprise"))),
        Entity(CUIFENG_SHORT, "Enterprise", "翠峰电子", mentions=(_mention(b[2], "翠峰电子", "Enterprise"),)),
        Entity(LANWAN, "Enterprise", "青川蓝湾生物医药有限公司",
               mentions=(_mention(c[0], "青川蓝湾生物医药有限公司", "Enterprise"),
                         _mention(c[1], "青川蓝湾生物医药有限公司", "Enterprise"))),
        Entity(HIGH_TECH, "Designation", "高新技术企业",
               mentions=(_mention(a[0], "高新技术企业", "Designation"),
                         _mention(c[0], "高新技术企业", "Designation"))),
        Entity(SPECIALISED, "Designation", "专精特新中小企业",
               mentions=(_mention(b[0], "专精特新中小企业", "Designation"),)),
        Entity(UNIVERSITY, "University", "南屏理工大学", mentions=(_mention(a[1], "南屏理工大学", "University"),)),
        Entity(ACADEMY, "ResearchInstitute", "东岳省农业科学院",
               mentions=(_mention(c[1], "东岳省农业科学院", "ResearchInstitute"),)),
        Entity(SENSOR_CENTRE, "Platform", "云岭县智能传感工程技术研究中心",
               mentions=(_mention(a[1], "云岭县智能传感工程技术研究中心", "Platform"),)),
        Entity(PILOT_BASE, "Platform", "青川区生物医药中试基地",
               mentions=(_mention(c[1], "青川区生物医药中试基地", "Platform"),)),
        Entity(ENVOYS, "Programme", "科技特派员制度", mentions=(_mention(a[3], "科技特派员制度", "Programme"),)),
        Entity(CONTEST, "Programme", "创新创业大赛", mentions=(_mention(c[2], "创新创业大赛", "Programme"),)),
    ]
    relations = [
        _relation(a[0], CUIFENG, "certifiedAs", HIGH_TECH, level="国家级", year=2025),
        _relation(a[1], YL_BUREAU, "coBuilds", SENSOR_CENTRE),
        _relation(a[1], UNIVERSITY, "coBuilds", SENSOR_CENTRE),
        _relation(b[0], CUIFENG, "certifiedAs", SPECIALISED, level="省级"),
        _relation(c[0], LANWAN, "certifiedAs", HIGH_TECH),
        _relation(c[1], LANWAN, "coBuilds", PILOT_BASE),
        _relation(c[1], ACADEMY, "coBuilds", PILOT_BASE),
        _relation(c[2], QC_BUREAU, "appliesFor", CONTEST),
    ]
    quantities = [
        _quantity(a[2], "achievement", YUNLING, "新增高新技术企业", 12, "家", 2025),
        _quantity(a[3], "achievement", YUNLING, "选派科技特派员", 40, "名", 2025),
        _quantity(a[4], "target", YUNLING, "全社会研发投入强度", 3.0, "%", 2026),
        _quantity(a[4], "target", YUNLING, "新增高新技术企业", 15, "家", 2026),
        _quantity(b[1], "achievement", YUNLING, "全社会研发投入强度", 3.1, "%", 2026),
        _quantity(b[1], "achievement", YUNLING, "新增高新技术企业", 13, "家", 2026),
        _quantity(c[3], "target", QINGCHUAN, "新增高新技术企业", 30, "家", 2027),
        _quantity(c[3], "target", QINGCHUAN, "技术合同成交额", 8, "亿元", 2027),
        _quantity(c[4], "target", None, "新增科技型中小企业", 50, "家", 2027),
    ]
    return {"reports": reports, "sentences": [x for r in (a, b, c) for x in r], "entities": entities,
            "relations": relations, "quantities": quantities}


def sample_graph() -> Graph:
    """The sample built into a graph with kg.graph.build_graph."""
    data = sample()
    return build_graph(data["reports"], data["sentences"], data["entities"], data["relations"],
                       data["quantities"])
