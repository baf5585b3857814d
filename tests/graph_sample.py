"""A small resolved extraction of a fictional county report, for the graph and viz tests.

The county (云岭县 in 南屏市), its bureau, companies, university and platform
are invented for the tests.
"""
from __future__ import annotations

from kg.model import Entity, Mention, Quantity, Relation, Report, Sentence

REPORT_ID = "doc0001-1"

TEXT = (
    "云岭县科学技术局2025年工作总结和2026年工作计划\n"
    "一、2025年工作总结\n"
    "云岭县翠峰电子科技有限公司被认定为高新技术企业。"
    "县科技局与南屏理工大学共建云岭县智能传感工程技术研究中心。"
    "全年新增科技型中小企业25家。\n"
    "二、2026年工作计划\n"
    "2026年力争全社会研发投入强度达到3.0%。"
    "到2026年,全县研发投入强度达到3.0%以上,技术合同成交额突破5亿元。"
)

SENTENCE_TEXTS = (
    "云岭县翠峰电子科技有限公司被认定为高新技术企业。",
    "县科技局与南屏理工大学共建云岭县智能传感工程技术研究中心。",
    "全年新增科技型中小企业25家。",
    "2026年力争全社会研发投入强度达到3.0%。",
    "到2026年,全县研发投入强度达到3.0%以上,技术合同成交额突破5亿元。",
)

DISTRICT = "District/东岳省/南屏市/云岭县"
CITY = "District/东岳省/南屏市"
BUREAU = "Agency/云岭县科学技术局"
COMPANY = "Enterprise/云岭县翠峰电子科技有限公司"
HIGH_TECH = "Designation/高新技术企业"
UNIVERSITY = "University/南屏理工大学"
PLATFORM = "Platform/云岭县智能传感工程技术研究中心"


def _sentences() -> list[Sentence]:
    out = []
    for n, text in enumerate(SENTENCE_TEXTS, 1):
        start = TEXT.index(text)
        kind = "summary" if n <= 3 else "plan"
        out.append(Sentence(f"{REPORT_ID}-s{n}", REPORT_ID, f"{REPORT_ID}-sec{1 if n <= 3 else 2}",
                            kind, text, start, start + len(text)))
    return out


def _mention(sentence: Sentence, text: str, etype: str, rule: str) -> Mention:
    start = TEXT.index(text, sentence.start)
    return Mention(text, etype, start, start + len(text), sentence.sent_id, REPORT_ID, rule)


def sample() -> dict:
    """Reports, sentences, entities, relations and quantities, as build_graph takes them."""
    s = _sentences()
    report = Report(
        report_id=REPORT_ID, doc_id="doc0001", source="reports/yunling_2025.txt",
        sha256="0" * 64, title="云岭县科学技术局2025年工作总结和2026年工作计划", text=TEXT,
        issuer="云岭县科学技术局", district="云岭县", parents=("东岳省", "南屏市"),
        period="2025", published="2026-01-12",
    )
    entities = [
        Entity(DISTRICT, "District", "云岭县", parent="南屏市", code="990101"),
        Entity(CITY, "District", "南屏市"),
        Entity(BUREAU, "Agency", "云岭县科学技术局", aliases=("县科技局",),
               mentions=(_mention(s[1], "县科技局", "Agency", "agency.suffix"),)),
        Entity(COMPANY, "Enterprise", "云岭县翠峰电子科技有限公司", aliases=("翠峰电子", "翠峰科技"),
               mentions=(_mention(s[0], "云岭县翠峰电子科技有限公司", "Enterprise", "enterprise.有限公司"),)),
        Entity(HIGH_TECH, "Designation", "高新技术企业",
               mentions=(_mention(s[0], "高新技术企业", "Designation", "designation.lexicon"),)),
        Entity(UNIVERSITY, "University", "南屏理工大学",
               mentions=(_mention(s[1], "南屏理工大学", "University", "university.大学"),)),
        Entity(PLATFORM, "Platform", "云岭县智能传感工程技术研究中心",
               mentions=(_mention(s[1], "云岭县智能传感工程技术研究中心", "Platform", "platform.工程技术研究中心"),)),
    ]
    relations = [
        Relation(COMPANY, "certifiedAs", HIGH_TECH, s[0].sent_id, REPORT_ID, s[0].text,
                 s[0].start, s[0].end, "certifiedAs.认定为", "Enterprise", "Designation", year=2025),
        Relation(BUREAU, "coBuilds", PLATFORM, s[1].sent_id, REPORT_ID, s[1].text,
                 s[1].start, s[1].end, "coBuilds.共建", "Agency", "Platform"),
        Relation(UNIVERSITY, "coBuilds", PLATFORM, s[1].sent_id, REPORT_ID, s[1].text,
                 s[1].start, s[1].end, "coBuilds.共建", "University", "Platform"),
    ]
    quantities = [
        Quantity("achievement", DISTRICT, "新增科技型中小企业", 25.0, "家", 2025, s[2].sent_id,
                 REPORT_ID, s[2].text, s[2].start, s[2].end, "quantity.新增"),
        Quantity("target", DISTRICT, "全社会研发投入强度", 3.0, "%", 2026, s[3].sent_id,
                 REPORT_ID, s[3].text, s[3].start, s[3].end, "target.力争"),
        Quantity("target", DISTRICT, "全社会研发投入强度", 3.0, "%", 2026, s[4].sent_id,
                 REPORT_ID, s[4].text, s[4].start, s[4].end, "target.达到"),
        Quantity("target", None, "技术合同成交额", 5.0, "亿元", 2026, s[4].sent_id,
                 REPORT_ID, s[4].text, s[4].start, s[4].end, "target.突破"),
    ]
    return {"reports": [report], "sentences": s, "entities": entities,
            "relations": relations, "quantities": quantities}


def reordered(data: dict) -> dict:
    """The same objects in another order (lists reversed, aliases and mentions too)."""
    from dataclasses import replace

    entities = [replace(e, aliases=tuple(reversed(e.aliases)), mentions=tuple(reversed(e.mentions)))
                for e in reversed(data["entities"])]
    return {key: entities if key == "entities" else list(reversed(value))
            for key, value in data.items()}
