"""Tests of :mod:`kg.sentences`: sentence boundaries, offsets, sections."""
from __future__ import annotations

import hashlib

import pytest

from kg.model import Document, Report, Section
from kg.sentences import split_sentences
from kg.split import split_reports


def make_report(text: str) -> Report:
    """A report of ``text`` with a single summary section."""
    return Report(report_id="r-1", doc_id="r", source="r.txt", sha256="0", title="", text=text,
                  sections=(Section("r-1-h1", "", 0, "summary", 0, len(text)),))


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(make_report(text))]


REPORT = """\
宜良县科学技术局2023年工作总结及2024年工作计划
2023年,宜良县科技局围绕县委县政府中心工作,全年新增国家高新技术企业9家;技术合同成交额达到3.2亿元!
一、2023年工作总结
(一)培育创新主体。县长在全县科技大会上强调:“要把科技创新摆在发展全局的核心位置。”会议印发了《宜良县关于支持科技创新的若干措施(试行)》。
(二)搭建创新平台。新建省级星创天地1家(其中农业类1家;服务类0家),开展“科技下乡。科普进村”系列活动12场。
二、2024年工作计划
力争新增国家高新技术企业12家?  确保技术合同成交额突破4亿元。
宜良县科学技术局
2024年1月12日
"""


@pytest.fixture
def report() -> Report:
    digest = hashlib.sha256(REPORT.encode()).hexdigest()
    doc = Document(digest[:16], "r.txt", digest, "text", "utf-8", REPORT)
    (report,) = split_reports(doc)
    return report


def test_offsets_index_the_report_text(report):
    sentences = split_sentences(report)
    assert sentences
    previous_end = 0
    for n, s in enumerate(sentences, start=1):
        assert report.text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= previous_end
        previous_end = s.end
        assert s.sent_id == f"{report.report_id}-s{n}"
        assert s.report_id == report.report_id


def test_sentences_of_a_report(report):
    got = [s.text for s in split_sentences(report)]
    assert got == [
        "宜良县科学技术局2023年工作总结及2024年工作计划",
        "2023年,宜良县科技局围绕县委县政府中心工作,全年新增国家高新技术企业9家;",
        "技术合同成交额达到3.2亿元!",
        "一、2023年工作总结",
        "(一)培育创新主体。",
        "县长在全县科技大会上强调:“要把科技创新摆在发展全局的核心位置。”",
        "会议印发了《宜良县关于支持科技创新的若干措施(试行)》。",
        "(二)搭建创新平台。",
        "新建省级星创天地1家(其中农业类1家;服务类0家),开展“科技下乡。科普进村”系列活动12场。",
        "二、2024年工作计划",
        "力争新增国家高新技术企业12家?",
        "确保技术合同成交额突破4亿元。",
        "宜良县科学技术局",
        "2024年1月12日",
    ]


def test_sentences_take_the_kind_and_id_of_their_section(report):
    sentences = split_sentences(report)
    by_text = {s.text: s for s in sentences}
    sections = {s.section_id: s for s in report.sections}
    for s in sentences:
        section = sections[s.section_id]
        assert section.start <= s.start < max(section.end, section.start + 1)
        assert s.kind == section.kind
    assert by_text["一、2023年工作总结"].kind == "summary"
    assert by_text["技术合同成交额达到3.2亿元!"].kind == "summary"
    assert by_text["确保技术合同成交额突破4亿元。"].kind == "plan"
    assert by_text["(一)培育创新主体。"].section_id != by_text["(二)搭建创新平台。"].section_id


@pytest.mark.parametrize("text, expected", [
    ("提出“让创新成为发展第一动力;让人才成为第一资源”的目标。全年新增企业5家。",
     ["提出“让创新成为发展第一动力;让人才成为第一资源”的目标。", "全年新增企业5家。"]),
    ("制定《关于加快科技创新的实施意见;配套细则》。新增平台3家。",
     ["制定《关于加快科技创新的实施意见;配套细则》。", "新增平台3家。"]),
    ("新增省级平台3家(其中重点实验室1家;工程中心2家)。", ["新增省级平台3家(其中重点实验室1家;工程中心2家)。"]),
    # an opening mark without its closing one does not glue the paragraph
    ("开展“科技活动周系列活动。新增企业5家。", ["开展“科技活动周系列活动。", "新增企业5家。"]),
    ("  \n。\n全年新增企业5家  \n", ["全年新增企业5家"]),
])
def test_boundaries(text, expected):
    assert texts(text) == expected


def test_every_sentence_offset_holds_on_noisy_text():
    text = " (一)强化平台建设  \n“ ”据统计, 新增企业 5 家;同比增长 12%!\n\n)  《未闭合的书名号;新增平台2家。 ”结束。"
    report = make_report(text)
    for s in split_sentences(report):
        assert text[s.start:s.end] == s.text
        assert s.text.strip() == s.text
