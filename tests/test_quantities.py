"""Unit tests for the :mod:`kg.quantities` module (targets and achievements)."""
from __future__ import annotations

import pytest

from kg.model import Mention, Relation, Report, Section, Sentence
from kg.quantities import extract_quantities, find_uncovered, plan_year


def build(parts, *, title="青山县科学技术局2023年工作总结及2024年工作计划",
          district="青山县", issuer="青山县科学技术局", period="2023"):
    """A report of ``parts``: (heading, kind, [sentence, …]); returns (report, sentences)."""
    text, sections, spans = "", [], []
    for n, (heading, kind, sentences) in enumerate(parts, 1):
        start = len(text)
        text += heading + "\n"
        for s in sentences:
            spans.append((f"r1-{n}", kind, len(text), s))
            text += s
        text += "\n"
        sections.append(Section(f"r1-{n}", heading, 1 if heading[:1] in "一二三四五六七八九" else 2,
                                kind, start, len(text)))
    report = Report("r1", "d1", "r.txt", "0" * 64, title, text, issuer=issuer, district=district,
                    period=period, sections=tuple(sections))
    sentences = [Sentence(f"r1-s{i}", "r1", sec, kind, s, start, start + len(s))
                 for i, (sec, kind, start, s) in enumerate(spans, 1)]
    return report, sentences


def plan(*sentences, **kw):
    return build([("二、2024年工作计划", "plan", list(sentences))], **kw)


def summary(*sentences, **kw):
    return build([("一、2023年工作总结", "summary", list(sentences))], **kw)


def facts(quantities):
    return [(q.kind, q.indicator, q.value, q.unit, q.year) for q in quantities]


def test_plan_numbers_are_targets_of_the_district():
    report, sentences = plan("力争2025年全县高新技术企业达到120家,全社会研发投入强度达到2.8%。")
    found = extract_quantities(report, sentences, [])
    assert [(q.kind, q.value, q.unit, q.year) for q in found] == [
        ("target", 120, "家", 2025), ("target", 2.8, "%", 2025)]
    assert "高新技术企业" in found[0].indicator and "力争" not in found[0].indicator
    assert found[1].indicator.endswith("研发投入强度")
    assert all(q.subject == "青山县" and q.subject_type == "District" for q in found)


def test_summary_numbers_are_achievements_not_targets():
    report, sentences = summary("全年新增高新技术企业35家,技术合同成交额达到12.6亿元。")
    found = extract_quantities(report, sentences, [])
    assert {q.kind for q in found} == {"achievement"}
    assert [(q.value, q.unit) for q in found] == [(35, "家"), (12.6, "亿元")]
    assert found[0].year == 2023


def test_a_summary_estimate_is_not_a_target():
    report, sentences = summary("预计全年技术合同成交额突破15亿元。")
    assert [q.kind for q in extract_quantities(report, sentences, [])] == ["achievement"]


def test_a_goal_stated_in_a_summary_is_a_target():
    report, sentences = summary("下一步,力争2025年全县研发经费投入强度达到3.2%以上。")
    assert facts(extract_quantities(report, sentences, [])) == [
        ("target", "全县研发经费投入强度", 3.2, "%", 2025)]


def test_an_aim_for_the_next_year_in_a_summary_covers_every_clause():
    report, sentences = summary("会议明确,2024年力争全市高新技术企业达到90家,技术合同登记额达到18亿元,"
                                "规上工业企业研发机构覆盖率达到40%。")
    assert [(q.kind, q.value, q.year) for q in extract_quantities(report, sentences, [])] == [
        ("target", 90, 2024), ("target", 18, 2024), ("target", 40, 2024)]
    # the summarised year itself: the later clauses are what was reached
    report, sentences = summary("2023年力争引进团队5个,全年新增高新技术企业35家。")
    assert [q.kind for q in extract_quantities(report, sentences, [])] == ["target", "achievement"]


def test_a_year_still_to_come_in_a_summary_makes_a_target():
    report, sentences = summary("到2026年,全县科技型企业突破120家。", "到2023年底,全县科技型企业达到96家。")
    assert [(q.kind, q.value, q.year) for q in extract_quantities(report, sentences, [])] == [
        ("target", 120, 2026), ("achievement", 96, 2023)]


def test_a_year_looked_ahead_to_runs_on_past_a_semicolon():
    report, sentences = summary("到2028年,全县高新技术企业超过60家;", "省级专精特新企业突破15家。",
                                "全年新增科技型中小企业120家。")
    assert [(q.kind, q.value, q.year) for q in extract_quantities(report, sentences, [])] == [
        ("target", 60, 2028), ("target", 15, 2028), ("achievement", 120, 2023)]


def test_the_task_set_by_a_higher_body_is_a_target():
    report, sentences = summary("根据市科技局下达的目标任务,全年新认定高新技术企业8家,目前已申报12家。")
    assert [(q.kind, q.value) for q in extract_quantities(report, sentences, [])] == [
        ("target", 8), ("achievement", 12)]


def test_what_is_to_be_reached_in_a_summary_is_a_target():
    report, sentences = summary("会议要求,发明专利授权量要突破300件。", "主要突破关键技术12项。")
    assert [(q.kind, q.value) for q in extract_quantities(report, sentences, [])] == [
        ("target", 300), ("achievement", 12)]


def test_goals_listed_after_they_are_announced_are_targets():
    report, sentences = summary("今年全市科技工作要实现三个目标:一是新增高新技术企业40家;",
                                "二是技术合同成交额突破15亿元;", "三是新建省级研发平台6家。",
                                "全年新增科技型中小企业120家。")
    assert [(q.kind, q.value) for q in extract_quantities(report, sentences, [])] == [
        ("target", 40), ("target", 15), ("target", 6), ("achievement", 120)]


def test_funding_won_in_a_summary_is_no_target():
    # 争取 in a summary: funds obtained, not a goal
    report, sentences = summary("全年争取上级科技资金3600万元。")
    assert [q.kind for q in extract_quantities(report, sentences, [])] == ["achievement"]


def test_growth_target_keeps_percent_and_says_growth():
    report, sentences = plan("力争技术合同成交额增长15%以上。")
    (q,) = extract_quantities(report, sentences, [])
    assert (q.value, q.unit) == (15, "%")
    assert "增长" in q.indicator and "技术合同成交额" in q.indicator


def test_list_items_share_the_verb():
    report, sentences = plan("新增省级重点实验室3家、众创空间2家。")
    assert [(q.indicator, q.value) for q in extract_quantities(report, sentences, [])] == [
        ("新增省级重点实验室", 3), ("新增众创空间", 2)]


def test_a_relation_continues_the_measured_thing():
    report, sentences = plan("力争规上工业企业研发费用增长12%、占营业收入比重达到2%。")
    second = extract_quantities(report, sentences, [])[1]
    assert second.indicator == "规上工业企业研发费用占营业收入比重"
    assert second.value == 2


def test_reaching_verb_alone_continues_the_measured_thing():
    report, sentences = plan("力争全县技术交易额增长20%,突破3.5亿元。")
    found = extract_quantities(report, sentences, [])
    assert [(q.value, q.unit) for q in found] == [(20, "%"), (3.5, "亿元")]
    assert found[1].indicator == "全县技术交易额"


def test_noun_after_the_number_completes_the_indicator():
    report, sentences = plan("全年开展不少于12场科技政策宣讲。")
    (q,) = extract_quantities(report, sentences, [])
    assert (q.indicator, q.value, q.unit) == ("开展科技政策宣讲", 12, "场")


def test_ranges_keep_the_lower_bound():
    report, sentences = plan("培育省级技术转移示范机构2-3家。")
    (q,) = extract_quantities(report, sentences, [])
    assert (q.value, q.unit) == (2, "家")


def test_each_gives_one_target_per_item():
    report, sentences = plan("新增省级和市级工程技术研究中心各2家。")
    assert sorted(q.indicator for q in extract_quantities(report, sentences, [])) == [
        "新增市级工程技术研究中心", "新增省级工程技术研究中心"]


def test_each_keeps_whole_items_whole():
    report, sentences = plan("建成省级科技企业孵化器和众创空间各3家。")
    assert [q.indicator for q in extract_quantities(report, sentences, [])] == [
        "建成省级科技企业孵化器", "建成众创空间"]


def test_each_gives_parallel_modifiers_the_head_noun():
    report, sentences = plan("组建种植业和养殖业科技服务团各1个。")
    assert [q.indicator for q in extract_quantities(report, sentences, [])] == [
        "组建种植业科技服务团", "组建养殖业科技服务团"]


def test_a_subsidy_rule_is_not_a_target():
    report, sentences = plan("对新认定的省级研发平台给予50万元奖励。")
    assert extract_quantities(report, sentences, []) == []


def test_every_item_distributes_over_the_items_before():
    report, sentences = plan("推荐申报省级人才项目6个、市级人才项目10个,每项争取入选2个。")
    found = extract_quantities(report, sentences, [])
    picked = [q.indicator for q in found if q.value == 2]
    assert picked == ["省级人才项目入选", "市级人才项目入选"]


def test_restated_goal_gets_identical_fields():
    report, sentences = build([
        ("(一)主要目标", "plan", ["力争新增高新技术企业30家。"]),
        ("(二)重点工作", "plan", ["壮大企业梯队,新增国家高新技术企业30家。"]),
    ])
    found = extract_quantities(report, sentences, [])
    assert len(found) == 2
    assert len({(q.subject, q.indicator, q.value, q.unit, q.year) for q in found}) == 1
    assert {q.sent_id for q in found} == {"r1-s1", "r1-s2"}


def test_different_levels_are_not_merged():
    report, sentences = build([
        ("(一)主要目标", "plan", ["新增省级重点实验室2家。"]),
        ("(二)重点工作", "plan", ["新增市级重点实验室2家。"]),
    ])
    assert len({q.indicator for q in extract_quantities(report, sentences, [])}) == 2


@pytest.mark.parametrize("sentence", [
    "深入落实“科创30条”政策措施。",                     # a number inside a quoted name
    "推动五亿元以上工业企业研发机构全覆盖。",           # a threshold, not an amount
    "支持青禾科技、远航电子等3家企业建设研发中心。",    # counts the list before it
    "在2023年45家的基础上继续扩容。",                   # a baseline
    "2024年是全面实施“十四五”规划的关键一年。",
])
def test_numbers_that_are_not_quantities(sentence):
    report, sentences = plan(sentence)
    assert extract_quantities(report, sentences, []) == []


def test_year_stated_in_the_sentence_wins():
    report, sentences = plan("到2027年,全县科技型中小企业达到500家。")
    assert extract_quantities(report, sentences, [])[0].year == 2027


def test_comparison_year_is_not_the_target_year():
    report, sentences = plan("本级财政科技支出较2023年增长10%。")
    (q,) = extract_quantities(report, sentences, [])
    assert q.year == 2024 and "增长" in q.indicator


def test_year_from_the_plan_heading():
    report, sentences = build([
        ("三、2025年工作打算", "plan", ["新增科技型企业60家。"]),
    ], title="青山县科技局工作总结及工作打算", period="2024")
    assert extract_quantities(report, sentences, [])[0].year == 2025


@pytest.mark.parametrize("title, period, year", [
    ("青山县科学技术局2023年工作总结及2024年工作计划", "2023", 2024),
    ("青山县科技局2024年工作要点", "2024", 2024),
    ("青山县科技局2024年上半年工作总结及下半年工作安排", "2024H1", 2024),
    ("青山县科技局工作总结及工作思路", "2023", 2024),
    ("科技局20XX年工作总结及20XX年工作计划", "20XX", None),
])
def test_plan_year(title, period, year):
    report = Report("r1", "d1", "r.txt", "", title, "", period=period,
                    sections=(Section("r1-1", "一、工作总结", 1, "summary", 0, 0),
                              Section("r1-2", "二、工作计划", 1, "plan", 0, 0)))
    assert plan_year(report) == year


def test_half_year_report_plans_for_the_same_year():
    report, sentences = build([
        ("一、上半年工作完成情况", "summary", ["上半年新增科技型企业12家。"]),
        ("二、下半年工作安排", "plan", ["全年计划新增科技型企业30家。"]),
    ], title="青山县科技局2024年上半年工作总结及下半年工作安排", period="2024H1")
    found = extract_quantities(report, sentences, [])
    assert [(q.kind, q.value, q.year) for q in found] == [("achievement", 12, 2024), ("target", 30, 2024)]


def test_subject_falls_back_to_the_issuer():
    report, sentences = plan("力争新增高新技术企业15家。", district=None, issuer="江北市科学技术局")
    (q,) = extract_quantities(report, sentences, [])
    assert (q.subject, q.subject_type) == ("江北市科学技术局", "Agency")


def test_other_sections_need_a_target_trigger():
    report, sentences = build([
        ("二、存在的问题", "other", ["全县高新技术企业仅有58家。", "力争明年高新技术企业达到80家。"]),
    ])
    assert [(q.kind, q.value) for q in extract_quantities(report, sentences, [])] == [("target", 80)]


def test_past_fact_in_a_plan_section_is_not_a_target():
    report, sentences = plan("目前全县已有省级以上研发平台46家。")
    assert [q.kind for q in extract_quantities(report, sentences, [])] == ["achievement"]


def test_evidence_points_at_the_sentence():
    report, sentences = plan("力争新增高新技术企业15家。")
    (q,) = extract_quantities(report, sentences, [])
    s = sentences[0]
    assert (q.evidence, q.start, q.end, q.sent_id, q.report_id) == (s.text, s.start, s.end, s.sent_id, "r1")
    assert report.text[q.start:q.end] == s.text
    assert q.rule.startswith("target.")


def test_find_uncovered_reports_triggers_and_numbers_left_over():
    report, sentences = summary("青禾科技成功创建省级农业科技园区。", "全年新增高新技术企业35家。",
                                "持续优化创新生态。")
    uncovered = find_uncovered(report, sentences, [], [])
    assert [(s.sent_id, reason) for s, reason in uncovered] == [
        ("r1-s1", "trigger 成功创建, no relation"),
        ("r1-s2", "number with unit, no quantity"),
    ]
    done = extract_quantities(report, sentences, [])
    relation = Relation("青禾科技", "certifiedAs", "省级农业科技园区", "r1-s1", "r1",
                        sentences[0].text, sentences[0].start, sentences[0].end, "certifiedAs.成功创建")
    assert find_uncovered(report, sentences, [relation], done) == []


def test_a_past_year_in_a_plan_section_is_a_fact():
    report, sentences = plan("2023年,全县高新技术企业达到58家,为下一步发展奠定基础。")
    assert [q.kind for q in extract_quantities(report, sentences, [])] == ["achievement"]


def test_baseline_of_a_comparison_is_not_a_quantity():
    report, sentences = summary("全县研发投入强度达到2.6%,较上年2.4%提高0.2个百分点。")
    found = extract_quantities(report, sentences, [])
    assert [(q.value, q.unit) for q in found] == [(2.6, "%"), (0.2, "个百分点")]
    assert found[1].indicator == "全县研发投入强度提高"


def test_number_inside_a_mentioned_name_is_not_a_quantity():
    from kg.model import Mention

    report, sentences = summary("走访东湖研究院、712所等科研院所。")
    s = sentences[0]
    start = s.start + s.text.index("712所")
    name = Mention("712所", "ResearchInstitute", start, start + 4, s.sent_id, "r1", "test")
    assert extract_quantities(report, sentences, [name]) == []


def test_one_character_words_are_trimmed_only_as_words():
    report, sentences = summary("梳理企业共性需求36个,并新增合作项目12项。")
    assert [q.indicator for q in extract_quantities(report, sentences, [])] == [
        "梳理企业共性需求", "新增合作项目"]


def test_either_or_goal_is_two_targets():
    report, sentences = plan("全年新增省级以上创新平台4个,新增市级重点实验室或市级工程技术研究中心3家。")
    found = facts(extract_quantities(report, sentences, []))
    assert ("target", "新增市级重点实验室", 3.0, "家", 2024) in found
    assert ("target", "新增市级工程技术研究中心", 3.0, "家", 2024) in found
    assert len(found) == 3


def test_alternative_actions_on_one_thing_are_one_target():
    report, sentences = plan("新增或提档升级科技企业孵化器2家。")
    assert [q.indicator for q in extract_quantities(report, sentences, [])] == ["新增或提档升级科技企业孵化器"]


def test_the_served_set_of_a_measure_is_not_a_target():
    report, sentences = plan("做好认定辅导,对36家申报企业实行一对一帮扶,力争新增高新技术企业20家。")
    assert facts(extract_quantities(report, sentences, [])) == [("target", "新增高新技术企业", 20.0, "家", 2024)]


def test_years_in_a_document_title_are_not_the_target_year():
    report, sentences = plan("修订《青山县科技型企业培育三年行动方案(2024—2026年)》,力争新增省级瞪羚企业4家。")
    assert facts(extract_quantities(report, sentences, [])) == [("target", "新增省级瞪羚企业", 4.0, "家", 2024)]


def test_milestones_of_a_plan_for_several_years_are_targets():
    report, sentences = build(
        [("三、主要目标", "plan", ["到2027年,全社会研发投入强度达到3.2%,高新技术企业数量达到800家。"])],
        title="青山县“十五五”时期科技创新工作思路(2026—2030年)", period="2026-2030")
    found = extract_quantities(report, sentences, [])
    assert [(q.kind, q.value, q.unit, q.year) for q in found] == [
        ("target", 3.2, "%", 2027), ("target", 800, "家", 2027)]


def test_a_goal_of_a_plan_for_several_years_without_a_year_is_due_at_its_end():
    report, sentences = build(
        [("三、主要目标", "plan", ["全社会研发经费投入强度达到1.5%,高新技术企业达到30家。"])],
        title="青山县“十五五”时期科技创新工作思路(2026—2030年)", period="2026-2030")
    found = extract_quantities(report, sentences, [])
    assert [(q.kind, q.value, q.year) for q in found] == [("target", 1.5, 2030), ("target", 30, 2030)]


def test_goals_under_a_five_year_plan_heading_are_due_at_its_end():
    report, sentences = build(
        [("一、“十五五”时期发展目标", "plan", ["全社会研发投入强度达到4%,高新技术企业总数突破500家。"]),
         ("二、2026年主要目标", "plan", ["新增高新技术企业60家。"])],
        title="青山高新区科技创新局2026年工作计划", period="2026")
    found = extract_quantities(report, sentences, [])
    assert [(q.value, q.year) for q in found] == [(4, 2030), (500, 2030), (60, 2026)]


def test_the_phase_of_a_named_platform_is_no_target():
    report, sentences = plan("加快青山县新材料中试基地二期建设,新增中试服务企业20家。")
    mentions = [Mention("青山县新材料中试基地", "Platform", sentences[0].start + 2, sentences[0].start + 12,
                        sentences[0].sent_id, "r1", "test")]
    found = extract_quantities(report, sentences, mentions)
    assert [(q.value, q.unit) for q in found] == [(20, "家")]


def test_a_year_before_a_plan_for_several_years_gives_a_fact():
    report, sentences = build(
        [("三、主要目标", "plan", ["2024年全县高新技术企业达到6家,到2030年高新技术企业达到20家。"])],
        title="青山县“十五五”时期科技创新工作思路(2026—2030年)", period="2026-2030")
    found = extract_quantities(report, sentences, [])
    assert [(q.kind, q.value) for q in found] == [("achievement", 6), ("target", 20)]


def test_an_aim_opening_a_summary_sentence_governs_every_clause():
    report, sentences = summary("力争全年高新技术企业达到260家,科技型中小企业入库450家,技术合同成交额达到9亿元。",
                                "全年新增高新技术企业35家,技术合同成交额8.2亿元。")
    assert [(q.kind, q.value) for q in extract_quantities(report, sentences, [])] == [
        ("target", 260), ("target", 450), ("target", 9), ("achievement", 35), ("achievement", 8.2)]


def test_an_aim_opening_a_news_sentence_makes_targets():
    report, sentences = build([("", "other", ["新的一年,全市力争研发投入增长12%,新增省级以上创新平台15个。"])],
                              title="青山市召开全市科技创新大会")
    assert [(q.kind, q.value, q.unit) for q in extract_quantities(report, sentences, [])] == [
        ("target", 12, "%"), ("target", 15, "个")]


def test_figures_given_respectively_go_to_the_items_in_order():
    report, sentences = plan("全县高新技术企业和科技型中小企业分别达到48家和260家,研发投入、技术合同成交额分别增长10%、12%。",
                             "全区孵化器和众创空间在上年的基础上实现倍增,分别超过6个和10个。")
    assert [(q.indicator, q.value) for q in extract_quantities(report, sentences, [])] == [
        ("全县高新技术企业", 48), ("科技型中小企业", 260), ("研发投入增长", 10), ("技术合同成交额增长", 12),
        ("全区孵化器", 6), ("众创空间", 10)]


def test_each_figure_before_its_noun_gets_its_own_verb_and_noun():
    report, sentences = plan("力争新认定30家高新技术企业、备案入库260家科技型中小企业,新建4个工程技术研究中心和2个重点实验室。")
    assert [(q.indicator, q.value) for q in extract_quantities(report, sentences, [])] == [
        ("新认定高新技术企业", 30), ("备案入库科技型中小企业", 260), ("新建工程技术研究中心", 4), ("新建重点实验室", 2)]


def test_examples_listed_before_deng_leave_the_verb_and_the_head():
    report, sentences = plan("(2)高标准建设茶叶、中药材、蔬菜、养殖等科技示范基地8处;",
                             "新增高新技术企业、科技型中小企业等创新主体120家。")
    assert [(q.indicator, q.value) for q in extract_quantities(report, sentences, [])] == [
        ("高标准建设科技示范基地", 8), ("新增高新技术企业、科技型中小企业等创新主体", 120)]


def test_a_circled_number_opening_an_item_is_no_part_of_the_indicator():
    report, sentences = plan("②构建科技信息、科技金融、成果转化等科技服务平台4个;")
    assert [q.indicator for q in extract_quantities(report, sentences, [])] == ["构建科技服务平台"]


def test_a_growth_shared_by_listed_indicators_goes_to_each():
    report, sentences = plan("高新技术产业增加值、企业吸纳技术合同成交额增长12%以上。")
    assert [(q.indicator, q.value) for q in extract_quantities(report, sentences, [])] == [
        ("高新技术产业增加值增长", 12), ("企业吸纳技术合同成交额增长", 12)]


def test_an_aim_opening_after_a_reported_speech_governs_the_sentence():
    report, sentences = build([("", "other", ["市科技局介绍,2026年,我市力争申报高新技术企业40家,通过认定的企业达到30家。"])],
                              title="青山市科技局谈新年科技工作")
    assert [(q.kind, q.value) for q in extract_quantities(report, sentences, [])] == [("target", 40), ("target", 30)]


def test_figures_after_a_news_item_lays_out_a_years_work_are_its_targets():
    report, sentences = build([("", "other", ["1月6日,青山县科技局召开会议,部署了2027年工作。",
                                              "科技工作,新认定高新技术企业5家以上,发明专利申请量达到120件;",
                                              "2026年已完成技术合同登记2.1亿元。"])],
                              title="青山县科技局召开全县科技工作会议", period=None)
    assert [(q.kind, q.value, q.year) for q in extract_quantities(report, sentences, [])] == [
        ("target", 5, 2027), ("target", 120, 2027)]


def test_what_a_news_item_says_will_be_done_is_a_target():
    report, sentences = summary("今年该县还将实施科技攻关项目15项,转化科技成果22项;",
                                "全县高新技术产业产值要达80亿元。",
                                "将科技成果应用于农业,全年推广新品种32项。")
    assert [(q.kind, q.indicator, q.value) for q in extract_quantities(report, sentences, [])] == [
        ("target", "实施科技攻关项目", 15), ("target", "转化科技成果", 22),
        ("target", "全县高新技术产业产值", 80), ("achievement", "推广新品种", 32)]


def test_sessions_of_a_congress_are_no_counts():
    report, sentences = summary("学习贯彻县委十二届三次、四次全会精神,全年组织宣讲12次。")
    assert [(q.indicator, q.value) for q in extract_quantities(report, sentences, [])] == [("组织宣讲", 12)]


@pytest.mark.parametrize("sentence, expected", [
    ("力争技术合同成交额从2022年的4亿元增长至2026年的9亿元。", ("target", "技术合同成交额", 9, "亿元", 2026)),
    ("科技型中小企业数量由60家提高到120家。", ("target", "科技型中小企业数量", 120, "家", 2024)),
    ("研发经费投入强度将从1.6%提升至2.2%。", ("target", "研发经费投入强度", 2.2, "%", 2024)),
])
def test_a_change_from_one_figure_to_another_aims_at_the_second(sentence, expected):
    report, sentences = plan(sentence)
    assert facts(extract_quantities(report, sentences, [])) == [expected]


def test_a_change_in_a_summary_achieved_the_second_figure():
    report, sentences = summary("全县高新技术企业由35家增至52家。")
    assert facts(extract_quantities(report, sentences, [])) == [("achievement", "全县高新技术企业", 52, "家", 2023)]


def test_a_level_after_其中_names_the_indicator_at_that_level():
    report, sentences = plan("全县新增省级以上研发平台12家,其中国家级2家、省级10家。")
    assert [q.indicator for q in extract_quantities(report, sentences, [])] == [
        "全县新增省级以上研发平台", "全县新增国家级研发平台", "全县新增省级研发平台"]


def test_a_level_after_其中_goes_after_the_verb_of_an_indicator_without_one():
    report, sentences = plan("新建研发平台8个,其中省级3个。")
    assert [q.indicator for q in extract_quantities(report, sentences, [])] == ["新建研发平台", "新建省级研发平台"]


def test_raising_to_a_level_names_the_level_not_a_growth():
    report, sentences = plan("科技进步贡献率提升至62%,研发投入强度提高到2.8%。")
    assert [q.indicator for q in extract_quantities(report, sentences, [])] == ["科技进步贡献率", "研发投入强度"]


def test_a_level_listed_after_its_kind_takes_the_kinds_noun():
    report, sentences = plan("新增省级以上创新平台8个、国家级1个。")
    assert [q.indicator for q in extract_quantities(report, sentences, [])] == [
        "新增省级以上创新平台", "新增国家级创新平台"]


def test_the_share_of_the_years_goal_done_is_no_target():
    report, sentences = summary("上半年新增科技型中小企业入库62家,完成全年目标任务的70%。")
    assert {q.kind for q in extract_quantities(report, sentences, [])} == {"achievement"}
