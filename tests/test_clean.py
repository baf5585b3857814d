"""Tests of :mod:`kg.clean`: furniture, broken lines, long lines, offsets."""
from __future__ import annotations

import regex
import pytest

from kg.clean import clean_text, heading_level, is_furniture_line, title_rank


def cjk(text: str) -> str:
    return "".join(regex.findall(r"\p{Han}", text))


def check_offsets(source: str, cleaned: str, offsets) -> None:
    """Every character kept from the source maps back onto itself."""
    for i, char in enumerate(cleaned):
        if char not in "\n ":
            assert source[offsets.to_source(i)] == char, (i, char)


WEB_BODY = [
    "江宁区科技局2024年上半年工作总结及下半年工作安排",
    "今年以来,江宁区科技局紧扣高质量发展要求,新增国家高新技术企业38家,技术合同成交额达到46.2亿元。",
    "一、上半年工作完成情况",
    "(一)壮大创新主体。组织126家企业申报国家高新技术企业,入库科技型中小企业412家。",
    "二、下半年工作安排",
    "(一)加快平台建设。力争新增省级以上研发平台10家。",
    "江宁区科学技术局",
    "2024年7月10日",
]
WEB_PAGE = "\n".join([
    "当前位置:首页 > 政务公开 > 规划计划",
    "",
    WEB_BODY[0],
    "发布日期:2024年07月15日  来源:江宁区科技局",
    "【字体:大 中 小】  打印本页  关闭窗口",
    "",
    *[line for body in WEB_BODY[1:] for line in (body, "")],
    "上一篇:江宁区开展科技活动周",
    "扫一扫在手机打开当前页",
    "网站标识码:3201150001  苏ICP备05001234号-1  主办单位:南京市江宁区人民政府办公室  版权所有",
    "联系方式:025-12345678  苏公网安备32011502000000号",
])


def test_web_page_furniture_is_dropped_and_body_kept():
    cleaned, offsets = clean_text(WEB_PAGE)
    for furniture in ("当前位置", "发布日期", "打印本页", "上一篇", "扫一扫", "ICP备", "公网安备"):
        assert furniture not in cleaned
    assert cjk(cleaned) == cjk("".join(WEB_BODY))
    assert cleaned.split("\n") == WEB_BODY
    check_offsets(WEB_PAGE, cleaned, offsets)


PDF_BODY_LINES = [
    "某某高新区2023年科技创新工作总结",
    "为深入实施创新驱动发展战略,我们坚持以企业为主体,大力实",
    "“ ” 施 科技企业倍增 行动,着力推动创新链产业链深度融合。全年新增",
    "国家高新技术企业 56",
    "家,科技型中小企业入库 312 家;技术合同成交额达到 21.5 亿",
    "元,同比增长 18%。",
    "一、2023 年重点工作",
    "(一)强化创新平台建设。",
    "全年新建省级工程技术研究中心 4 家、市级重点实验室 7 家,推动",
    "平台数量质量双提升,平台对产业发展的支撑作用进一步增强。",
    "(二)优化创新创业生态。",
    "举办第五届创新创业大赛,吸引 130 个项目参赛,组织科技金融对",
    "接活动 12 场,帮助科技型企业获得贷款 3.6 亿元。",
    "二、2024 年工作打算",
    "力争新增国家高新技术企业 60 家,全社会研发投入强度达到 4.5%。",
]
PDF_FURNITURE = [
    "免费",
    "2.0 user01 2024-03-02 999+ 38.5KB 3 页 免费 海报",
    "侵权投诉",
    "- 2 -",
    "展开>> 收起<<",
    "某某高新区2023年科技创新工作总结.docx",
    "共3页,预览3页",
    "还剩页未读, 继续阅读",
    "声明:本文档由网友提供,仅限参考学习,如有不妥请联系我们删除。",
    "作者:user01 分类:工作总结 价格:免费 属性:3 页 大小:38.5KB 格式:DOCX 时间:2024-03-02",
    "开通VIP享超值会员特权",
    "  • 多端同步记录",
    "  • 高速下载文档",
    "/ 3",
]


@pytest.fixture
def pdf_preview() -> str:
    lines = PDF_BODY_LINES[:1] + PDF_FURNITURE[:3] + PDF_BODY_LINES[1:9] + PDF_FURNITURE[3:4] \
        + PDF_BODY_LINES[9:] + PDF_FURNITURE[4:]
    return "\n".join(lines)


def test_pdf_preview_lines_are_rejoined(pdf_preview):
    cleaned, offsets = clean_text(pdf_preview)
    lines = cleaned.split("\n")
    assert "为深入实施创新驱动发展战略,我们坚持以企业为主体,大力实施科技企业倍增行动,着力推动创新链产业链深度融合。" in cleaned
    assert "全年新增国家高新技术企业56家,科技型中小企业入库312家;技术合同成交额达到21.5亿元,同比增长18%。" in cleaned
    # a page number between two halves of a sentence does not stop the joining
    assert "推动平台数量质量双提升,平台对产业发展的支撑作用进一步增强。" in cleaned
    assert "一、2023年重点工作" in lines
    assert "(一)强化创新平台建设。" in lines
    assert "二、2024年工作打算" in lines
    check_offsets(pdf_preview, cleaned, offsets)


def test_pdf_preview_furniture_is_dropped(pdf_preview):
    cleaned, _ = clean_text(pdf_preview)
    for furniture in ("免费", "侵权投诉", "展开", ".docx", "共3页", "未读", "声明", "VIP", "多端同步", "大小:", "- 2 -", "/ 3"):
        assert furniture not in cleaned
    assert cjk(cleaned) == cjk("".join(PDF_BODY_LINES))


def test_truncated_excerpt_repeating_the_text_is_dropped():
    body = "全年新增国家高新技术企业56家,科技型中小企业入库312家,技术合同成交额达到21.5亿元,同比增长18%。"
    text = "\n".join([body, "摘要:", "", body[:45] + "...", "", "展开>> 收起<<"])
    cleaned, _ = clean_text(text)
    assert cleaned == body


FILLER = "组织企业参加科技政策培训,覆盖企业负责人和研发骨干,提升企业申报科技项目的能力。"
ONE_LINE = (
    "雁塔区科技局2023年工作总结2024年工作计划今年以来,雁塔区科技局坚持创新驱动发展战略,"
    "排名全市第一、全省第三。"
    "一、2023年工作情况(一)培育创新主体一是壮大企业梯队。新增国家高新技术企业85家。" + FILLER * 4 +
    "二是强化企业研发。规上工业企业研发活动覆盖率达到60%。(二)建设创新平台新建省级重点实验室3家。" + FILLER * 4 +
    "二、2024年工作计划2024年是科技创新提质增效之年,区科技局将聚焦产业需求。"
    "(一)壮大创新主体力争新增国家高新技术企业90家。" + FILLER * 4 +
    "(二)提升平台能级推动建设(1)类实验室2家。" + FILLER * 3
)


def test_one_line_report_is_cut_at_its_headings():
    assert len(ONE_LINE) > 800
    cleaned, offsets = clean_text(ONE_LINE)
    lines = cleaned.split("\n")
    assert lines[0] == "雁塔区科技局2023年工作总结2024年工作计划"
    assert lines[1].startswith("今年以来,")
    assert "排名全市第一、全省第三。" in lines[1]          # 第一、 inside a sentence is no heading
    for heading in ("一、2023年工作情况", "(一)培育创新主体", "(二)建设创新平台新建省级重点实验室3家。",
                    "二、2024年工作计划"):
        assert any(line.startswith(heading) for line in lines), heading
    assert any(line.startswith("一是壮大企业梯队") for line in lines)
    assert any(line.startswith("2024年是科技创新提质增效之年") for line in lines)
    assert not any(line.startswith("类实验室") for line in lines)
    assert cjk(cleaned) == cjk(ONE_LINE)
    check_offsets(ONE_LINE, cleaned, offsets)


def test_signature_and_date_are_not_joined():
    text = "全年新增国家高新技术企业12家,技术合同成交额达到8.5亿元\n宜良县科学技术局\n2024年1月12日"
    cleaned, _ = clean_text(text)
    assert cleaned.split("\n") == ["全年新增国家高新技术企业12家,技术合同成交额达到8.5亿元", "宜良县科学技术局",
                                   "2024年1月12日"]


def test_title_and_first_sentence_are_not_joined():
    text = "宜良县科学技术局2023年工作总结\n2023年,宜良县科技局围绕县委县政府中心工作推进科技创新。"
    cleaned, _ = clean_text(text)
    assert cleaned.split("\n")[0] == "宜良县科学技术局2023年工作总结"


def test_a_titles_period_on_the_next_line_stays_with_it():
    text = "青山县“十五五”科技创新发展规划\n(2026—2030年)\n“十四五”时期,全县科技创新能力持续提升。"
    cleaned, _ = clean_text(text)
    assert cleaned.split("\n")[0] == "青山县“十五五”科技创新发展规划(2026—2030年)"


@pytest.mark.parametrize("line", [
    "当前位置:首页 > 信息公开 > 工作总结", "上一篇:区科技局召开科技工作会议", "扫一扫在手机打开当前页",
    "主办单位:某某市某某区人民政府办公室 地址:某某路1号", "版权所有:某某区人民政府", "浙ICP备12345678号",
    "展开>> 收起<<", "共5页,预览3页", "还剩2页未读, 继续阅读", "开通VIP享超值会员特权", "• 每日登录抽奖",
    "某某区2024年工作总结.docx", "- 3 -", "/ 4", "第2页 共5页", "免费", "侵权投诉",
    "作者:abc 分类:工作计划 价格:免费 属性:6 页", "发布日期:2024年03月05日 来源:区科技局",
    "2025-03-01 09:12 来源:柳溪日报", "2024年3月5日 来源:区科技局",
])
def test_furniture_lines(line):
    assert is_furniture_line(line)


@pytest.mark.parametrize("line", [
    "全年新增国家高新技术企业12家。", "一、2024年工作总结", "(二)加快科技成果转化", "某某区科学技术局",
    "2024年6月11日", "组织企业申报省级工程技术研究中心5家,免费提供政策辅导。",
    "4.加强科技人才引育", "技术合同成交额达到12.6亿元,同比增长15%。",
])
def test_body_lines_are_not_furniture(line):
    assert not is_furniture_line(line)


@pytest.mark.parametrize("line, expected", [
    ("一、2024年工作总结", (1, 2)),
    ("十二、其他工作", (1, 3)),
    ("第二部分 2025年工作计划", (1, 5)),
    ("(三)强化科技金融服务", (2, 3)),
    ("2.加快培育科技型企业", (3, 2)),
    ("3、实施人才引育行动", (3, 2)),
    ("(4)推进技术合同登记", (3, 3)),
    ("1.5亿元用于研发补助", None),
    ("2024年新增高新技术企业20家", None),
    ("一是强化企业创新主体地位。", None),
])
def test_heading_level(line, expected):
    assert heading_level(line) == expected


@pytest.mark.parametrize("line, rank", [
    ("宜良县科学技术局2023年工作总结及2024年工作计划", 2),
    ("区科技局(科协)2023年工作总结及2024年工作要点", 2),
    ("某某高新区科技创新工作总结暨2024年工作打算", 2),
    ("市科技局2024年上半年工作总结及下半年重点工作安排", 2),
    ("2025年工作要点", 1),
    ("科技局2023年工作总结汇编(4篇)", 0),
    ("2.区科技局2023年工作总结及2024年工作计划12", 0),
    ("三、2024年工作计划", 0),
    ("现将2023年工作总结及2024年工作计划报告如下:", 0),
    ("工作总结、工作谋划", 0),
    ("市级科技计划", 0),
    ("宜良县科学技术局工作计划", 2),
    ("青山县“十四五”科技创新发展规划", 2),
    ("认真落实《青山县“十四五”科技创新发展规划", 0),
])
def test_title_rank(line, rank):
    assert title_rank(line) == rank


def test_one_line_scrape_with_spaces_is_cut_at_title_and_headings():
    # a web page that keeps the whole report on one line, with a space before each heading
    text = ("河源市东源县科学技术局2024年工作总结及2025年工作打算 2024年,东源县科技局围绕县委中心工作,"
            "扎实推进科技创新各项工作。 一、2024年工作成效 (一)创新主体不断壮大。新增高新技术企业14家。"
            + FILLER * 7 + " (二)创新平台提质增效。新建市级工程技术研究中心3家。" + FILLER * 7
            + " 二、2025年工作打算 (一)主要目标。力争新增高新技术企业16家。" + FILLER * 3)
    assert len(text) > 800
    cleaned, offsets = clean_text(text)
    lines = cleaned.split("\n")
    assert lines[0] == "河源市东源县科学技术局2024年工作总结及2025年工作打算"
    assert lines[1].startswith("2024年,东源县科技局")
    for heading in ("一、2024年工作成效", "(一)创新主体不断壮大", "(二)创新平台提质增效", "二、2025年工作打算",
                    "(一)主要目标"):
        assert any(line.startswith(heading) for line in lines), heading
    check_offsets(text, cleaned, offsets)


def pdf_page(lines: list[str]) -> str:
    """A PDF preview: fixed-width lines without final punctuation, as extracted."""
    return "\n".join(lines)


PDF_LINES = [
    "一、2024年工作总结",
    "(一)创新主体持续壮大。全县新增国家高新技术企业21家,总数达到",
    "146家;评价入库科技型中小企业378家,同比增长19.2%;科技型",
    "企业培育库入库企业达到260家,建立一企一策精准服务机制,新增",
    "省级专精特新中小企业9家。技术合同成交额达到12.6亿元,同比增",
    "长22.7%,科技成果本地转化率进一步提升,服务企业达到500家次。",
    "二、2025年工作计划",
    "(一)主要目标。力争新增国家高新技术企业25家,引进高层次人才1",
    "50名,全社会研发投入强度达到2.4%,技术合同成交额达到15亿元,",
    "新增省级研发平台4家,科技型中小企业评价入库400家以上,培育科",
    "技型企业梯队,推动规上工业企业研发机构建有率达到55%以上。",
]


def test_pdf_number_broken_across_lines_is_joined_without_a_space():
    cleaned, _ = clean_text(pdf_page(PDF_LINES * 2))
    assert "引进高层次人才150名" in cleaned
    assert "1 50名" not in cleaned


def test_pdf_page_break_inside_a_sentence_is_joined():
    lines = PDF_LINES[:3] + ["", "- 1 -", ""] + PDF_LINES[3:]
    cleaned, offsets = clean_text(pdf_page(lines * 2))
    assert "评价入库科技型中小企业378家,同比增长19.2%;科技型企业培育库入库企业达到260家" in cleaned
    assert "- 1 -" not in cleaned
    check_offsets(pdf_page(lines * 2), cleaned, offsets)


def test_words_broken_across_lines_outside_a_pdf_keep_their_space():
    cleaned, _ = clean_text("推广应用 BIM 技术的企业达到 12\n30家以上的规模化应用企业队伍")
    assert "12 30家" in cleaned


def test_a_running_header_repeated_atop_every_page_is_a_page_break():
    title = "青禾县科学技术局2024年工作总结"
    body = ["2024年,青禾县科学技术局深入实施创新驱动发展战略,全年新认定高新技术企业",
            "25家,技术合同成交额达到6.2亿元,同比增长15%,研发投入强度达到2.6%,各项",
            "工作取得积极成效。", "一、主要工作", "(一)企业培育。新增科技型中小企业入库",
            "120家。"]
    text = "\n".join([title, *body[:2], "- 1 -", title, *body[2:5], "- 2 -", title, body[5]])
    cleaned, _ = clean_text(text)
    assert cleaned.count(title) == 1
    assert "研发投入强度达到2.6%,各项工作取得积极成效。" in cleaned
    assert "新增科技型中小企业入库120家。" in cleaned


def test_a_headline_and_the_paragraph_that_opens_with_recently_are_not_joined():
    text = "青山县科技工作交出亮眼成绩单\n近日,记者从县科技局获悉,全县新增国家高新技术企业17家。"
    cleaned, _ = clean_text(text)
    assert cleaned.split("\n")[0] == "青山县科技工作交出亮眼成绩单"
