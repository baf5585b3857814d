"""Tests of :mod:`kg.split`: reports of a document, their metadata and sections."""
from __future__ import annotations

import hashlib

import pytest

from kg.model import Document
from kg.split import find_district, find_sections, report_period, section_kinds, split_reports


def make_doc(text: str, path: str = "report.txt") -> Document:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(doc_id=digest[:16], path=path, sha256=digest, format="text", encoding="utf-8", text=text)


COMPILATION = """\
县区科技局2023年工作总结汇编(3篇)
县区科技局2023年工作总结汇编(3篇)
目录
1.县科学技术局2023年工作总结及2024年工作计划2
2.区科技局2023年度工作总结6
3.区科技局2024年工作要点9
宜良县科学技术局2023年工作总结及2024年工作计划
2023年,宜良县科技局围绕县委县政府中心工作,全年新增国家高新技术企业9家,技术合同成交额达到3.2亿元。
一、2023年工作总结
(一)培育创新主体。新增省级科技型中小企业46家,2家企业获批省级专精特新中小企业。
(二)搭建创新平台。新建省级星创天地1家、市级工程技术研究中心3家。
二、存在的问题
(一)企业研发投入不足,规上企业研发活动覆盖率偏低。
三、2024年工作计划
(一)主要目标
力争新增国家高新技术企业12家,技术合同成交额突破4亿元。
(二)重点工作
组织开展科技活动周和科技下乡活动,推动科技成果在县域转化。
雁塔区科技局2023年度工作总结
今年以来,雁塔区科技局深入实施创新驱动发展战略,全区科技创新工作取得新成效。
一、科技企业量质齐升
全年新认定国家高新技术企业312家,入库科技型中小企业1480家。
二、创新平台提质增效
新增省级重点实验室4家、省级工程技术研究中心6家,新建校地共建研发平台2个。
区科技局2024年工作要点
2024年,XX区科技局将以科技创新引领产业创新,全面提升区域创新体系整体效能。
一、壮大创新主体
力争新增高新技术企业30家,科技型中小企业入库200家以上。
二、提升平台能级
推动建设省级以上研发平台5家,支持企业与高校共建联合实验室。
"""


def test_compilation_gives_one_report_per_title_not_the_table_of_contents():
    reports = split_reports(make_doc(COMPILATION))
    assert [r.title for r in reports] == [
        "宜良县科学技术局2023年工作总结及2024年工作计划",
        "雁塔区科技局2023年度工作总结",
        "区科技局2024年工作要点",
    ]
    assert [r.issuer for r in reports] == ["宜良县科学技术局", "雁塔区科技局", "XX区科技局"]
    assert [r.period for r in reports] == ["2023", "2023", "2024"]
    assert [r.district for r in reports] == ["宜良县", "雁塔区", None]
    assert reports[0].parents == ("云南省", "昆明市")
    assert reports[1].parents == ("陕西省", "西安市")
    assert [r.report_id for r in reports] == [f"{reports[0].doc_id}-{n}" for n in (1, 2, 3)]
    assert "目录" not in "".join(r.text for r in reports)


def test_compilation_sections_follow_the_headings():
    first, second, third = split_reports(make_doc(COMPILATION))
    assert [(s.level, s.kind) for s in first.sections] == [
        (0, "summary"), (1, "summary"), (2, "summary"), (2, "summary"), (1, "other"), (2, "other"),
        (1, "plan"), (2, "plan"), (2, "plan")]
    assert [s.heading for s in first.sections][1:4] == ["一、2023年工作总结", "(一)培育创新主体", "(二)搭建创新平台"]
    assert {s.kind for s in second.sections} == {"summary"}
    assert {s.kind for s in third.sections} == {"plan"}          # a plan-only title
    for report in (first, second, third):
        assert [s.section_id for s in report.sections] == [
            f"{report.report_id}-h{n}" for n in range(1, len(report.sections) + 1)]
        assert report.sections[0].start == 0 and report.sections[-1].end == len(report.text)


def test_report_text_maps_back_to_the_document():
    doc = make_doc(COMPILATION)
    for report in split_reports(doc):
        assert doc.text[report.doc_start:].startswith(report.title)
        for i, char in enumerate(report.text):
            if char != "\n":
                assert doc.text[report.doc_offsets.to_source(i)] == char


WEB_PAGE = """\
当前位置:首页 > 政务公开 > 规划计划

江宁区科技局2024年上半年工作总结及下半年工作安排

发布日期:2024年07月15日  来源:江宁区科技局

江宁区科技局2024年上半年工作总结及下半年工作安排

今年以来,江宁区科技局紧扣高质量发展要求,新增国家高新技术企业38家,技术合同成交额达到46.2亿元。

一、上半年工作完成情况

(一)壮大创新主体。组织126家企业申报国家高新技术企业,入库科技型中小企业412家。

二、存在的问题和不足

部分企业研发投入意愿不强,创新平台能级有待提升。

三、下半年工作安排

(一)加快平台建设。力争新增省级以上研发平台10家。

江宁区科学技术局

2024年7月10日

扫一扫在手机打开当前页
网站标识码:3201150001  苏ICP备05001234号-1  主办单位:南京市江宁区人民政府办公室  版权所有
"""


def test_web_page_report_metadata():
    (report,) = split_reports(make_doc(WEB_PAGE))
    assert report.title == "江宁区科技局2024年上半年工作总结及下半年工作安排"
    assert report.text.count(report.title) == 1
    assert report.issuer == "江宁区科学技术局"            # the signature, not the short form of the title
    assert report.district == "江宁区"
    assert report.parents == ("江苏省", "南京市")
    assert report.period == "2024H1"
    assert report.published == "2024-07-15"
    assert [(s.level, s.kind) for s in report.sections] == [
        (0, "summary"), (1, "summary"), (2, "summary"), (1, "other"), (1, "plan"), (2, "plan")]
    for furniture in ("当前位置", "发布日期", "扫一扫", "ICP备", "主办单位"):
        assert furniture not in report.text


def test_signature_date_is_the_publication_date_without_a_page_date(report_text):
    (report,) = split_reports(make_doc(report_text))
    assert report.published == "2024-01-15"
    assert report.issuer == "青山县科学技术局"
    assert report.period == "2023"


def same_name_district(footer: str) -> str:
    return f"""\
鼓楼区科技局2024年工作总结
2024年,鼓楼区科技局聚焦科技创新和产业创新融合,全年新增国家高新技术企业65家,新增省级新型研发机构2家。
一、主要工作成效
全区技术合同成交额达到58亿元,同比增长21%。
主办单位:{footer}
"""


@pytest.mark.parametrize("footer, parents", [
    ("福州市鼓楼区人民政府办公室", ("福建省", "福州市")),
    ("徐州市鼓楼区人民政府", ("江苏省", "徐州市")),
    ("鼓楼区人民政府办公室", ()),                          # four 鼓楼区: nothing to choose by
])
def test_same_name_district_is_resolved_by_its_parent(footer, parents):
    (report,) = split_reports(make_doc(same_name_district(footer)))
    assert report.district == "鼓楼区"
    assert report.parents == parents


def test_footer_host_is_the_publisher_and_stops_at_its_agency_ending():
    text = same_name_district("福州市鼓楼区人民政府办公室版权所有 闽ICP备00000000号")
    (report,) = split_reports(make_doc(text))
    assert report.publisher == "福州市鼓楼区人民政府办公室"
    (report,) = split_reports(make_doc(same_name_district("").replace("主办单位:", "")))
    assert report.publisher is None


def test_development_zone_takes_its_city_from_the_text():
    text = """\
高新区科技创新工作总结暨2025年工作打算
2024年,绵阳高新区坚持以科技创新引领产业发展,全年新增国家高新技术企业48家,技术合同成交额达到35亿元。
一、2024年重点工作
(一)强化企业创新主体地位。新增科技型中小企业入库220家。
二、2025年工作打算
力争新增国家高新技术企业50家。
"""
    (report,) = split_reports(make_doc(text))
    assert report.issuer is None
    assert report.district == "绵阳高新区"
    assert report.parents == ("四川省", "绵阳市")
    assert report.period == "2024"
    assert [s.kind for s in report.sections] == ["summary", "summary", "summary", "plan"]


def test_bare_issuer_is_completed_from_the_first_sentence():
    text = """\
区科技局2023年工作总结2024年工作思路
今年以来,雁塔区科技局深入实施创新驱动发展战略,全区新增国家高新技术企业312家。
一、2023年工作情况
全年技术合同成交额达到420亿元。
"""
    (report,) = split_reports(make_doc(text))
    assert report.issuer == "雁塔区科技局"
    assert report.district == "雁塔区"
    assert report.parents == ("陕西省", "西安市")


def test_page_without_report_gives_nothing():
    text = """\
首页
政务公开
工作动态
当前位置:首页 > 工作总结
区科技局2024年工作总结
上一篇:区科技局召开科技工作会议
扫一扫在手机打开当前页
版权所有:某某区人民政府
"""
    assert split_reports(make_doc(text)) == []


def test_a_short_news_item_on_a_bureaus_goals_is_one_report():
    text = """\
来源: https://news.example.cn/2024/0212/1.html
昨日,市科技局召开全市科技工作会议,总结去年工作,部署今年任务。
会议要求,今年全市科技工作要实现四个目标:一是新增国家高新技术企业40家以上;二是技术合同成交额突破15亿元;三是新建省级研发平台6家;四是全社会研发投入强度达到2.2%。
会议还对去年获得市科学技术奖的单位和个人进行了表彰。
"""
    (report,) = split_reports(make_doc(text))
    assert report.title == ""


def test_untitled_report_with_headings_is_one_report():
    text = """\
今年以来,全区坚持创新驱动发展战略,全年新增国家高新技术企业26家,技术合同成交额达到12亿元。
一、主要工作
(一)培育创新主体。新增科技型中小企业入库130家,新建市级工程技术研究中心5家。
(二)优化创新生态。举办科技成果对接活动8场,帮助企业解决技术难题42项。
二、下一步工作打算
力争新增国家高新技术企业30家,全社会研发投入强度达到2.8%。
"""
    (report,) = split_reports(make_doc(text))
    assert report.title == ""
    assert [s.kind for s in report.sections] == ["summary", "summary", "summary", "summary", "plan"]


def test_one_line_report_gets_sections():
    filler = "组织企业参加科技政策培训,覆盖企业负责人和研发骨干,提升企业申报科技项目的能力。" * 7
    text = ("区科技局2023年工作总结2024年工作计划今年以来,雁塔区科技局坚持创新驱动发展战略。"
            "一、2023年工作情况(一)培育创新主体新增国家高新技术企业85家。" + filler +
            "(二)建设创新平台新建省级重点实验室3家。" + filler +
            "二、2024年工作计划(一)壮大创新主体力争新增国家高新技术企业90家。" + filler)
    (report,) = split_reports(make_doc(text))
    assert report.title == "区科技局2023年工作总结2024年工作计划"
    assert [(s.level, s.kind) for s in report.sections] == [
        (0, "summary"), (1, "summary"), (2, "summary"), (2, "summary"), (1, "plan"), (2, "plan")]


@pytest.mark.parametrize("title, period", [
    ("某某县科技局2024年工作总结及2025年工作打算", "2024"),
    ("某某区科技局2024年上半年工作总结及下半年重点工作安排", "2024H1"),
    ("某某市科技局2024年下半年工作计划", "2024H2"),
    ("某某区科技局工作总结暨2025年工作打算", "2024"),
    ("区科技局(科协)20XX年工作总结及2024年工作要点", "20XX"),
    ("某某区科技局2025年工作要点", "2025"),
])
def test_report_period(title, period):
    assert report_period(title) == period


def test_report_period_from_the_first_sentence():
    assert report_period("某某区科技局工作总结", "2023年以来,某某区科技局坚持创新驱动。") == "2023"


def test_half_year_report_kinds():
    text = """\
某某县科技局2024年上半年工作总结及下半年工作安排
一、上半年工作开展情况
组织企业申报国家高新技术企业18家。
二、下半年工作安排
力争全年新增国家高新技术企业10家。
"""
    sections = find_sections(text, "r-1", text.split("\n")[0], "2024H1")
    assert [(s.level, s.kind) for s in sections] == [(0, "other"), (1, "summary"), (1, "plan")]


def test_subsection_label_overrides_parent_kind():
    kinds = section_kinds([
        (1, "一、2024年工作总结", ""), (2, "(一)完善高企培育计划,形成梯次培育格局", ""),
        (1, "二、2025年工作思路", ""), (2, "(一)总体思路", ""), (2, "(二)主要目标", ""), (2, "(三)工作回顾", ""),
    ], "某某区科技局2024年工作总结及2025年工作思路", "2024")
    assert kinds == ["summary", "summary", "plan", "plan", "plan", "summary"]


def test_the_review_part_of_a_plan_for_several_years_is_a_summary():
    kinds = section_kinds([
        (1, "一、发展基础与面临形势", ""), (2, "(一)“十四五”时期主要成效", ""),
        (1, "二、总体要求", ""), (2, "(一)指导思想", ""), (2, "(二)发展目标", ""), (1, "三、重点任务", ""),
    ], "某某县“十五五”科技创新发展规划(2026—2030年)", "2026-2030")
    assert kinds == ["summary", "summary", "plan", "plan", "plan", "plan"]


def test_a_plan_opening_on_last_years_results_opens_with_a_summary():
    kinds = section_kinds([
        (0, "", "2025年,全区新增高新技术企业40家,圆满完成年度目标。\n2026年是开局之年。"),
        (1, "一、2026年主要目标", ""),
    ], "某某高新区科技创新局2026年工作计划", "2026")
    assert kinds == ["summary", "plan"]
    kinds = section_kinds([(0, "", "2026年,力争新增高新技术企业50家。"), (1, "一、重点工作", "")],
                          "某某高新区科技创新局2026年工作计划", "2026")
    assert kinds == ["plan", "plan"]


def test_an_untitled_text_opening_as_a_plan_is_a_plan():
    kinds = section_kinds([(0, "", "2026年是“十五五”开局之年。全市科技工作的总体思路是:坚持创新驱动。"),
                           (1, "一、强化企业创新主体地位", "")], "", "2026")
    assert kinds == ["plan", "plan"]
    assert report_period("", "2026年是“十五五”开局之年。全市科技工作的总体思路是:坚持创新驱动。") == "2026"


def test_a_monthly_brief_summary_and_plan():
    kinds = section_kinds([(1, "一、9月工作小结", ""), (1, "二、10月工作计划", "")],
                          "青山县科技局2024年9月工作小结和10月工作计划", "2024")
    assert kinds == ["summary", "plan"]


def test_a_heading_reporting_on_a_plan_is_a_summary():
    kinds = section_kinds([
        (1, "一、年度目标完成情况", ""), (1, "二、重点工作计划执行情况", ""), (1, "三、下一步工作计划", ""),
    ], "某某县科技局关于2023年度目标完成情况的报告", "2023")
    assert kinds == ["summary", "summary", "plan"]


def test_headings_without_kind_words_use_years_and_order():
    kinds = section_kinds([
        (1, "一、2024年重点工作", ""), (1, "二、存在不足", ""), (1, "三、强化创新主体培育", ""),
    ], "某某区科技局2024年工作总结及2025年工作计划", "2024")
    assert kinds == ["summary", "other", "plan"]
    kinds = section_kinds([(1, "一、2025年重点工作", "")], "某某区科技局2024年工作总结及2025年工作计划", "2024")
    assert kinds == ["plan"]


@pytest.mark.parametrize("place, context, expected", [
    ("某某市鼓楼区", "", (None, ())),
    ("XX区", "", (None, ())),
    ("南京市鼓楼区", "", ("鼓楼区", ("江苏省", "南京市"))),
    ("鼓楼区", "开封市人民政府", ("鼓楼区", ("河南省", "开封市"))),
    ("宜良县", "", ("宜良县", ("云南省", "昆明市"))),
    ("绵阳高新区", "", ("绵阳高新区", ("四川省", "绵阳市"))),
    ("高新区", "", ("高新区", ())),
])
def test_find_district(place, context, expected):
    assert find_district(place, context) == expected


def test_signature_with_a_date_in_chinese_numerals():
    text = """\
关于中共宜良县委科技委员会2024年工作要点的报告
2024年,宜良县将围绕科技强县目标,力争新增国家高新技术企业12家,技术合同成交额突破4亿元。
一、壮大创新主体
推动规上工业企业研发机构全覆盖。
中共宜良县委科技委员会办公室
二〇二四年三月十二日
"""
    (report,) = split_reports(make_doc(text))
    assert report.published == "2024-03-12"
    assert report.issuer == "中共宜良县委科技委员会办公室"
    assert report.district == "宜良县"
    assert report.period == "2024"
    assert {s.kind for s in report.sections} == {"plan"}


def test_issuer_on_the_line_above_the_title_belongs_to_the_title():
    text = ("韶关市曲江区科学技术局\n2024年工作总结和2025年工作计划\n"
            "2024年,曲江区科技局在区委、区政府的坚强领导下,深入实施创新驱动发展战略,全区科技创新工作取得新进展。\n"
            "一、2024年工作总结\n(一)创新主体不断壮大。新增高新技术企业18家,总数达到126家。\n"
            "二、2025年工作计划\n(一)主要目标。力争新增高新技术企业20家。\n")
    (report,) = split_reports(make_doc(text))
    assert report.title == "韶关市曲江区科学技术局2024年工作总结和2025年工作计划"
    assert report.issuer == "韶关市曲江区科学技术局"
    assert report.district == "曲江区"
    assert report.period == "2024"
    assert [s.kind for s in report.sections][-2:] == ["plan", "plan"]


def test_issuer_keeps_the_city_the_title_writes_when_the_signature_omits_it():
    text = ("南平市建阳区科学技术局2024年上半年工作总结及下半年工作计划\n"
            "今年以来,建阳区科学技术局在区委、区政府的坚强领导下,持续推进科技创新各项工作,取得阶段性成效。\n"
            "一、上半年工作完成情况\n(一)主要指标。新增科技型中小企业评价入库41家,技术合同成交额0.9亿元。\n"
            "二、下半年工作计划\n(一)冲刺全年目标。力争全年新增高新技术企业12家。\n"
            "建阳区科学技术局\n2024年7月8日\n")
    (report,) = split_reports(make_doc(text))
    assert report.issuer == "南平市建阳区科学技术局"
    assert report.published == "2024-07-08"
    assert report.period == "2024H1"


def test_a_cover_letters_signature_names_the_issuer():
    text = ("各县区科技管理部门:\n现将《2025年全市科技工作要点》印发你们,请结合实际认真贯彻执行。\n"
            "衡水市科学技术局\n2025年3月3日\n2025年全市科技工作要点\n"
            "主要目标:全社会研发经费投入增长10%以上,高新技术企业达到300家。\n"
            "一、实施科技型企业培育行动\n支持企业建设研发机构,推动规上工业企业研发活动全覆盖。")
    (report,) = split_reports(make_doc(text))
    assert report.title == "2025年全市科技工作要点"
    assert (report.issuer, report.district) == ("衡水市科学技术局", "衡水市")


def test_a_disclosure_page_with_a_bare_issuer_and_a_title_naming_the_city():
    text = ("首页\n> 政府信息公开 > 市科学技术局 > 规划计划 > 工作计划\n"
            "索  引  号: HZ0006/2025-00012 发文机关: 市科技局\n组配分类: 工作计划\n成文日期: 2025-04-23\n"
            "废止日期:\n有效性:\n2025年汉中市科技工作意见\n"
            "为贯彻落实科技创新的决策部署,结合我市实际,制定2025年科技工作意见如下。\n"
            "一、工作目标\n全市高新技术企业突破300家,科技型中小企业入库520家。")
    (report,) = split_reports(make_doc(text))
    assert report.title == "2025年汉中市科技工作意见"
    assert (report.issuer, report.district) == ("汉中市科技局", "汉中市")
    assert "政府信息公开" not in report.text and "索" not in report.text


def test_an_issuer_with_its_other_name_in_brackets():
    text = ("宁海县科技局(科协)2024年度工作总结\n2024年,宁海县科技局围绕创新驱动发展战略,全年新增高新技术企业"
            "30家,技术合同成交额达到8亿元。\n一、主要工作\n(一)培育科技企业。新增科技型中小企业120家。")
    (report,) = split_reports(make_doc(text))
    assert report.issuer == "宁海县科技局(科协)"


def test_an_untitled_report_takes_the_place_it_calls_itself_by():
    text = """\
今年以来,宜昌市坚持创新驱动发展战略,我市全年新增国家高新技术企业26家,与武汉市、长沙市开展科技合作。
一、主要工作
(一)培育创新主体。我市新增科技型中小企业入库130家,宜昌市技术合同成交额达到12亿元。
(二)深化区域合作。我市与长沙市共建联合实验室1家,举办科技成果对接活动8场。
"""
    (report,) = split_reports(make_doc(text))
    assert report.district == "宜昌市"
    assert report.parents == ("湖北省",)


def test_a_title_with_a_masked_year_still_names_its_place():
    text = """\
201*年宜昌市科技工作总结
一、主要工作
(一)培育创新主体。全市新增科技型中小企业入库130家,技术合同成交额达到12亿元。
"""
    (report,) = split_reports(make_doc(text))
    assert report.district == "宜昌市"


def test_a_notice_sending_out_the_report_belongs_to_it():
    text = ("网站首页 > 政务公开 > 通知公告\n\n"
            "青岚市科学技术局关于印发《2026年全市科技工作要点》的通知\n\n"
            "各区县科技局,青岚高新区管委会科技创新局:\n\n"
            "现将《2026年全市科技工作要点》印发给你们,请结合实际认真贯彻落实。\n\n"
            "青岚市科学技术局\n\n2026年2月20日\n\n2026年全市科技工作要点\n"
            "主要目标:全社会研发经费投入增长12%以上,高新技术企业达到420家。\n"
            "一、实施科技企业梯次培育工程\n支持企业建设研发机构,推动规上工业企业研发活动全覆盖。")
    (report,) = split_reports(make_doc(text))
    assert report.title == "2026年全市科技工作要点"
    assert report.text.startswith("青岚市科学技术局关于印发")
    assert "各区县科技局,青岚高新区管委会科技创新局" in report.text
    assert "网站首页" not in report.text
    assert report.issuer == "青岚市科学技术局" and report.period == "2026"
    assert report.sections[0].kind == "plan"


def test_an_untitled_plan_declaring_itself_is_a_plan_of_the_place_it_names():
    text = ("2026年,是全面推进创新驱动发展的攻坚之年,也是丽江市“十五五”开局之年。为做好全年科技工作,"
            "结合本市实际,特制定2026年全市科技工作要点。\n一、总体目标\n力争全社会研发投入达到12亿元,"
            "高新技术企业达到150家。\n二、重点工作\n支持丽江企业建设研发机构,推动丽江创新平台提质,"
            "围绕丽江主导产业部署创新链,在全市开展科技特派员服务。")
    (report,) = split_reports(make_doc(text))
    assert report.period == "2026"
    assert [s.kind for s in report.sections] == ["plan", "plan", "plan"]
    assert report.district == "丽江市"     # named once in full, then by its short form


def test_an_untitled_text_naming_a_city_by_its_short_form_only_is_of_that_city():
    text = ("科技创新综合实力稳步提升;\n区域创新能力评价位居全省第3位。\n"
            "2025年丽江科技创新指标持续攀升,新质生产力加快形成。全年丽江新增高新技术企业36家,"
            "技术合同成交额达到12亿元,科技型中小企业入库评价突破400家,创新平台建设取得新进展。"
            "全年组织实施重大科技专项12项,引进高层次科技人才团队8个,科技成果转化应用持续加快,"
            "创新生态不断优化,科技创新对经济社会发展的支撑引领作用进一步增强。")
    (report,) = split_reports(make_doc(text))
    assert report.district == "丽江市"


def test_a_news_pages_labelled_source_below_its_headline_names_the_issuer():
    text = """\
来源: https://news.example.cn/2021/1206/1.html
以创新驱动青山高质量发展
时间: 2021-12-06
来源: 青山县科学技术局
今年,我县围绕主导产业抓创新,科技型企业梯队越来越壮,产学研合作越走越深,县域创新活力明显增强。
全年新增国家高新技术企业12家,技术合同成交额达到3.5亿元,新建省级工程技术研究中心3家。
县里还请来高校专家下乡问诊,为茶叶、竹木加工企业破解生产难题二十余个,一批新品种新工艺在田间车间落地见效。
"""
    (report,) = split_reports(make_doc(text))
    assert report.title == "以创新驱动青山高质量发展"
    assert report.issuer == "青山县科学技术局"


def test_a_labelled_source_runs_into_the_next_label():
    text = """\
县科技局2025年4月工作小结和5月工作计划
2025-04-27 09:10 来源:青山县科学技术局浏览次数:
一、4月工作小结
本月走访企业27家,收集技术需求9项,新增科技型中小企业入库14家,指导4家企业准备省级研发中心申报材料。
二、5月工作计划
举办校企对接会1场,推动高新技术企业后备库新增企业5家以上。
"""
    (report,) = split_reports(make_doc(text))
    assert report.issuer == "青山县科学技术局"
