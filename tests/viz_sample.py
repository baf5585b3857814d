"""Two invented county reports for the explorer tests, and a name that tries to inject markup.

The first report is the one of ``graph_sample`` (云岭县); the second, from
石门县 in the same city, certifies another company as 高新技术企业 and
names a company ``</script><img src=x onerror=alert(1)>`` (with quotes,
an ampersand and a newline elsewhere in its sentence).
"""
from __future__ import annotations

from graph_sample import COMPANY, HIGH_TECH, sample
from kg.graph import build_graph
from kg.model import Entity, Mention, Relation, Report, Sentence

INJECTION = "</script><img src=x onerror=alert(1)>"
REPORT2 = "doc0002-1"
DISTRICT2 = "District/东岳省/南屏市/石门县"
COMPANY2 = "Enterprise/石门县禾丰生物科技有限公司"
ODD = "Enterprise/" + INJECTION

TEXT2 = (
    "石门县科技局2025年工作总结\n"
    "石门县禾丰生物科技有限公司被认定为高新技术企业。"
    f"{INJECTION}与\"松阳\" & '白鹭'实验室\n开展合作。"
)


def two_reports() -> dict:
    """``sample()`` plus a second report, as build_graph takes them."""
    data = sample()
    texts = ("石门县禾丰生物科技有限公司被认定为高新技术企业。",
             f"{INJECTION}与\"松阳\" & '白鹭'实验室\n开展合作。")
    sentences = []
    for n, text in enumerate(texts, 1):
        start = TEXT2.index(text)
        sentences.append(Sentence(f"{REPORT2}-s{n}", REPORT2, f"{REPORT2}-sec1", "summary", text,
                                  start, start + len(text)))
    s1, s2 = sentences

    def mention(sentence: Sentence, text: str, etype: str) -> Mention:
        start = TEXT2.index(text, sentence.start)
        return Mention(text, etype, start, start + len(text), sentence.sent_id, REPORT2, "test")

    report = Report(report_id=REPORT2, doc_id="doc0002", source="reports/shimen_2025.txt",
                    sha256="1" * 64, title="石门县科技局2025年工作总结", text=TEXT2,
                    district="石门县", parents=("东岳省", "南屏市"), period="2025")
    data["reports"].append(report)
    data["sentences"].extend(sentences)
    for i, e in enumerate(data["entities"]):
        if e.entity_id == HIGH_TECH:        # the designation is mentioned by both reports
            data["entities"][i] = Entity(e.entity_id, e.type, e.name, e.aliases,
                                         e.mentions + (mention(s1, "高新技术企业", "Designation"),))
    data["entities"] += [
        Entity(DISTRICT2, "District", "石门县", parent="南屏市"),
        Entity(COMPANY2, "Enterprise", "石门县禾丰生物科技有限公司", aliases=("禾丰生物",),
               mentions=(mention(s1, "石门县禾丰生物科技有限公司", "Enterprise"),)),
        Entity(ODD, "Enterprise", INJECTION, mentions=(mention(s2, INJECTION, "Enterprise"),)),
    ]
    data["relations"] += [
        Relation(COMPANY2, "certifiedAs", HIGH_TECH, s1.sent_id, REPORT2, s1.text, s1.start, s1.end,
                 "certifiedAs.认定为", "Enterprise", "Designation", year=2025),
        Relation(ODD, "certifiedAs", HIGH_TECH, s2.sent_id, REPORT2, s2.text, s2.start, s2.end,
                 "certifiedAs.认定为", "Enterprise", "Designation"),
    ]
    return data


def build(data: dict):
    """The graph of ``data``."""
    return build_graph(data["reports"], data["sentences"], data["entities"], data["relations"],
                       data["quantities"])


__all__ = ["INJECTION", "REPORT2", "DISTRICT2", "COMPANY", "COMPANY2", "HIGH_TECH", "ODD",
           "two_reports", "build"]
