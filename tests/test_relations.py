"""Unit tests for the :mod:`kg.relations` module (coBuilds, certifiedAs, appliesFor, locatedIn)."""
from __future__ import annotations

import json

import pytest

from kg.errors import PatternError
from kg.model import Mention, Report, Sentence
from kg.relations import extract_relations, find_triggers, load_patterns


def mention(sentence: Sentence, text: str, type_: str, occurrence: int = 0) -> Mention:
    """A mention of ``text`` in ``sentence`` (its ``occurrence``-th appearance)."""
    pos = -1
    for _ in range(occurrence + 1):
        pos = sentence.text.index(text, pos + 1)
    return Mention(text, type_, sentence.start + pos, sentence.start + pos + len(text),
                   sentence.sent_id, sentence.report_id, "test")


def report_of(*texts: str, district: str | None = "青山县"):
    """A report whose sentences are ``texts``; returns (report, sentences)."""
    text = "".join(texts)
    report = Report("r1", "d1", "r.txt", "", "青山县科技局2023年工作总结", text,
                    issuer="青山县科学技术局", district=district, period="2023")
    sentences, pos = [], 0
    for n, t in enumerate(texts, 1):
        sentences.append(Sentence(f"r1-s{n}", "r1", "r1-1", "summary", t, pos, pos + len(t)))
        pos += len(t)
    return report, sentences


def run(text: str, *mentions: tuple[str, str], district: str | None = "青山县"):
    """Relations of a one-sentence report; mentions given as (text, type)."""
    report, (s,) = report_of(text, district=district)
    counts: dict[str, int] = {}
    ms = []
    for name, type_ in mentions:
        ms.append(mention(s, name, type_, counts.get(name, 0)))
        counts[name] = counts.get(name, 0) + 1
    return extract_relations(report, [s], ms)


def triples(relations):
    return [(r.subject, r.predicate, r.object) for r in relations]


# ---------------------------------------------------------------- certifiedAs

@pytest.mark.parametrize("text, subject, obj, rule", [
    ("青禾科技获批省级技术创新中心。", "青禾科技", "省级技术创新中心", "certifiedAs.获批"),
    ("远航电子被认定为国家级专精特新“小巨人”企业。", "远航电子", "国家级专精特新“小巨人”企业", "certifiedAs.被认定为"),
    ("江北农科院入选省级农业科技园区。", "江北农科院", "省级农业科技园区", "certifiedAs.入选"),
    ("桃源众创空间获评省级优秀众创空间。", "桃源众创空间", "省级优秀众创空间", "certifiedAs.获评"),
    ("青禾科技被评为省级瞪羚企业。", "青禾科技", "省级瞪羚企业", "certifiedAs.被评为"),
    ("青山县农业科技园成功创建省级农业科技园区。", "青山县农业科技园", "省级农业科技园区", "certifiedAs.成功创建"),
    ("青山县智能装备工程技术研究中心通过省级工程技术研究中心验收。", "青山县智能装备工程技术研究中心",
     "省级工程技术研究中心", "certifiedAs.通过验收"),
    ("青山县跻身全国科技创新百强县。", "青山县", "全国科技创新百强县", "certifiedAs.跻身"),
    ("远航电子列入省级创新型中小企业名单。", "远航电子", "省级创新型中小企业", "certifiedAs.列入名单"),
    ("青禾科技成功取得省级企业技术中心认定。", "青禾科技", "省级企业技术中心", "certifiedAs.取得认定"),
    ("远航电子成功申报市级院士工作站。", "远航电子", "市级院士工作站", "certifiedAs.成功申报"),
])
def test_certified_as_triggers(text, subject, obj, rule):
    found = run(text, (subject, "Enterprise" if subject != "青山县" else "District"), (obj, "Designation"))
    assert triples(found) == [(subject, "certifiedAs", obj)]
    assert found[0].rule == rule
    assert found[0].object_type == "Designation"


def test_every_rule_id_is_a_pattern_id():
    ids = {p.id for p in load_patterns()}
    found = run("青禾科技获批省级技术创新中心。", ("青禾科技", "Enterprise"), ("省级技术创新中心", "Designation"))
    assert found[0].rule in ids


def test_application_is_not_a_certification():
    found = run("组织青禾科技、远航电子2家企业申报省级专精特新中小企业。",
                ("青禾科技", "Enterprise"), ("远航电子", "Enterprise"), ("省级专精特新中小企业", "Designation"))
    assert triples(found) == [("青禾科技", "appliesFor", "省级专精特新中小企业"),
                              ("远航电子", "appliesFor", "省级专精特新中小企业")]


def test_recommended_application_is_not_a_certification():
    found = run("推荐青禾科技申报国家科技型中小企业。",
                ("青禾科技", "Enterprise"), ("国家科技型中小企业", "Designation"))
    assert [r.predicate for r in found] == ["appliesFor"]


def test_a_list_of_subjects_is_certified_each():
    found = run("青禾科技、远航电子和江北生物3家企业被认定为高新技术企业。",
                ("青禾科技", "Enterprise"), ("远航电子", "Enterprise"), ("江北生物", "Enterprise"),
                ("高新技术企业", "Designation"))
    assert [r.subject for r in found] == ["青禾科技", "远航电子", "江北生物"]
    assert {r.predicate for r in found} == {"certifiedAs"}


def test_named_in_brackets_after_a_count():
    found = run("上半年新增国家级科技企业孵化器1家(星火创业港)。",
                ("国家级科技企业孵化器", "Designation"), ("星火创业港", "Platform"))
    assert triples(found) == [("星火创业港", "certifiedAs", "国家级科技企业孵化器")]
    assert found[0].level == "国家级"


def test_an_award_written_with_its_grade_certifies_the_winner():
    found = run("青禾科技获省技术发明二等奖。", ("青禾科技", "Enterprise"), ("省技术发明二等奖", "Designation"))
    assert triples(found) == [("青禾科技", "certifiedAs", "省技术发明二等奖")]


def test_quoted_projects_selected_into_a_programme():
    from kg.extract import default_extractor

    text = "“茶叶绿色防控技术集成与示范”“猕猴桃良种繁育技术研究”入选国家重点研发计划项目支持。"
    assert {m.text for m in default_extractor()(text) if m.type == "Programme"} == {
        "茶叶绿色防控技术集成与示范", "猕猴桃良种繁育技术研究", "国家重点研发计划项目"}
    found = run(text, ("茶叶绿色防控技术集成与示范", "Programme"), ("猕猴桃良种繁育技术研究", "Programme"),
                ("国家重点研发计划项目", "Programme"))
    assert triples(found) == [("茶叶绿色防控技术集成与示范", "certifiedAs", "国家重点研发计划项目"),
                              ("猕猴桃良种繁育技术研究", "certifiedAs", "国家重点研发计划项目")]


def test_listed_enterprises_opening_the_sentence_are_the_subject_of_a_later_clause():
    found = run("远航电子、江北生物等2家企业经过培育,已通过省科技厅认定的省级创新型试点企业。",
                ("远航电子", "Enterprise"), ("江北生物", "Enterprise"), ("省科技厅", "Agency"),
                ("省级创新型试点企业", "Designation"))
    assert triples(found) == [("远航电子", "certifiedAs", "省级创新型试点企业"),
                              ("江北生物", "certifiedAs", "省级创新型试点企业")]


def test_a_ranking_of_a_designation_and_a_graded_award():
    found = run("青禾制造、远航科技等2家企业获评市高新技术企业20强。",
                ("青禾制造", "Enterprise"), ("远航科技", "Enterprise"), ("市高新技术企业20强", "Designation"))
    assert triples(found) == [("青禾制造", "certifiedAs", "市高新技术企业20强"),
                              ("远航科技", "certifiedAs", "市高新技术企业20强")]


def test_certified_with_cheng_gong_ren_ding():
    found = run("青禾科技成功认定2023年湖南省企业研发中心。",
                ("青禾科技", "Enterprise"), ("湖南省企业研发中心", "Designation"))
    assert triples(found) == [("青禾科技", "certifiedAs", "湖南省企业研发中心")]


def test_a_platform_recorded_with_a_level():
    found = run("“青山县互联网+众创空间”成功备案省级众创空间。",
                ("“青山县互联网+众创空间”", "Platform"), ("省级众创空间", "Designation"))
    assert triples(found) == [("“青山县互联网+众创空间”", "certifiedAs", "省级众创空间")]


def test_named_after_a_dash_is_certified():
    found = run("获批建设首家省实验室——青岚储能技术实验室,新建省实验室2家。",
                ("省实验室", "Designation"), ("青岚储能技术实验室", "Platform"), ("省实验室", "Designation"))
    assert triples(found) == [("青岚储能技术实验室", "certifiedAs", "省实验室")]


def test_certified_by_named_bodies_before_the_designation():
    found = run("远航电子、江北生物等2家企业已通过省科技厅、省财政厅认定的省级创新型试点企业。",
                ("远航电子", "Enterprise"), ("江北生物", "Enterprise"), ("省科技厅", "Agency"),
                ("省财政厅", "Agency"), ("省级创新型试点企业", "Designation"))
    assert triples(found) == [("远航电子", "certifiedAs", "省级创新型试点企业"),
                              ("江北生物", "certifiedAs", "省级创新型试点企业")]


def test_named_in_brackets_after_an_application_applies():
    found = run("推荐申报省级众创空间2家(桃源众创空间、溪口创客工场)。",
                ("省级众创空间", "Designation"), ("桃源众创空间", "Platform"), ("溪口创客工场", "Platform"))
    assert {r.predicate for r in found} == {"appliesFor"}
    assert [r.subject for r in found] == ["桃源众创空间", "溪口创客工场"]


def test_prize_certifies_the_winner_as_the_competition():
    found = run("组织12家企业参加全省创新创业大赛,其中青禾科技荣获成长组二等奖。",
                ("全省创新创业大赛", "Programme"), ("青禾科技", "Enterprise"))
    assert triples(found) == [("青禾科技", "certifiedAs", "全省创新创业大赛")]


def test_our_district_stays_as_written_for_resolution():
    found = run("我县成功入选全省创新型县建设名单。", ("我县", "District"), ("全省创新型县", "Designation"))
    assert triples(found) == [("我县", "certifiedAs", "全省创新型县")]
    assert found[0].subject_type == "District"


def test_our_district_without_a_mention_still_counts():
    found = run("我县成功入选全省创新型县建设名单。", ("全省创新型县", "Designation"))
    assert triples(found) == [("青山县", "certifiedAs", "全省创新型县")]


def test_unnamed_subject_of_a_district_honour_is_the_district():
    found = run("成功获批创建省级高新区,创新能力稳步提升。", ("省级高新区", "Designation"))
    assert triples(found) == [("青山县", "certifiedAs", "省级高新区")]


def test_unnamed_subject_is_written_as_the_report_refers_to_itself():
    report, (s1, s2) = report_of("我县创新生态持续优化。", "成功获批创建省级高新区。")
    ms = [mention(s1, "我县", "District"), mention(s2, "省级高新区", "Designation")]
    assert triples(extract_relations(report, [s1, s2], ms)) == [("我县", "certifiedAs", "省级高新区")]


def test_no_district_no_implicit_subject():
    assert run("成功获批创建省级高新区。", ("省级高新区", "Designation"), district=None) == []


def test_and_also_keeps_the_subject():
    found = run("青山数据中心获批省级大数据示范平台,并入选国家算力枢纽节点名单。",
                ("青山数据中心", "Platform"), ("省级大数据示范平台", "Designation"),
                ("国家算力枢纽节点", "Designation"))
    assert triples(found) == [("青山数据中心", "certifiedAs", "省级大数据示范平台"),
                              ("青山数据中心", "certifiedAs", "国家算力枢纽节点")]


def test_short_form_in_a_list_refers_back():
    found = run("积极组织企业申报省级数字化转型重点项目,青禾科技、远航电子已被列入重点项目名单。",
                ("省级数字化转型重点项目", "Programme"), ("青禾科技", "Enterprise"), ("远航电子", "Enterprise"))
    assert ("青禾科技", "certifiedAs", "省级数字化转型重点项目") in triples(found)
    assert ("远航电子", "certifiedAs", "省级数字化转型重点项目") in triples(found)


def test_level_and_year():
    found = run("2023年,远航电子被认定为省级专精特新中小企业。",
                ("远航电子", "Enterprise"), ("省级专精特新中小企业", "Designation"))
    assert (found[0].level, found[0].year) == ("省级", 2023)


def test_approved_to_build_a_named_lab_is_not_a_certification():
    found = run("江北医院获批建设江北市心血管病重点实验室。",
                ("江北医院", "ResearchInstitute"), ("江北市心血管病重点实验室", "Platform"))
    assert found == []


def test_anonymised_names_give_no_relation():
    assert run("XX公司获批省级技术创新中心。", ("XX公司", "Enterprise"),
               ("省级技术创新中心", "Designation")) == []


def test_brackets_holding_more_than_names_are_not_certifications():
    found = run("青山县农业科技园获评省级农业科技园区(全市共2家)。",
                ("青山县农业科技园", "Platform"), ("省级农业科技园区", "Designation"), ("全市", "District"))
    assert triples(found) == [("青山县农业科技园", "certifiedAs", "省级农业科技园区")]


def test_and_also_keeps_the_subject_when_the_first_object_is_unnamed():
    found = run("青山数据中心获批区域算力枢纽,并入选国家算力示范平台名单。",
                ("青山数据中心", "Platform"), ("国家算力示范平台", "Designation"))
    assert triples(found) == [("青山数据中心", "certifiedAs", "国家算力示范平台")]


def test_a_mention_that_swallows_the_trigger_is_ignored():
    found = run("青禾科技成功取得省级重点实验室认定。",
                ("青禾科技", "Enterprise"), ("取得省级重点实验室", "Platform"), ("省级重点实验室", "Designation"))
    assert triples(found) == [("青禾科技", "certifiedAs", "省级重点实验室")]


# ---------------------------------------------------------------- coBuilds

def test_co_builds_every_partner_to_the_platform():
    found = run("积极推动与江北大学、东湖研究院共建智能装备联合创新中心。",
                ("江北大学", "University"), ("东湖研究院", "ResearchInstitute"),
                ("智能装备联合创新中心", "Platform"))
    assert triples(found) == [("江北大学", "coBuilds", "智能装备联合创新中心"),
                              ("东湖研究院", "coBuilds", "智能装备联合创新中心")]
    assert found[0].rule == "coBuilds.共建"


def test_jointly_founded_by_two_parties():
    found = run("青禾科技与江北大学联合组建青山县新材料产业研究院。",
                ("青禾科技", "Enterprise"), ("江北大学", "University"),
                ("青山县新材料产业研究院", "ResearchInstitute"))
    assert triples(found) == [("青禾科技", "coBuilds", "青山县新材料产业研究院"),
                              ("江北大学", "coBuilds", "青山县新材料产业研究院")]
    assert {r.rule for r in found} == {"coBuilds.联合组建"}


def test_a_declared_short_name_between_the_partner_and_the_trigger():
    found = run("青禾科技与江北大学新材料研究院(以下简称“江大材料院”)合作共建的青山新材料中试基地投入运营。",
                ("青禾科技", "Enterprise"), ("江北大学新材料研究院", "ResearchInstitute"),
                ("青山新材料中试基地", "Platform"))
    assert triples(found) == [("青禾科技", "coBuilds", "青山新材料中试基地"),
                              ("江北大学新材料研究院", "coBuilds", "青山新材料中试基地")]


@pytest.mark.parametrize("trigger", ["合作共建", "联合建设", "携手打造", "合建"])
def test_co_build_triggers(trigger):
    found = run(f"远航电子与东湖研究院{trigger}智能传感中试基地。",
                ("远航电子", "Enterprise"), ("东湖研究院", "ResearchInstitute"), ("智能传感中试基地", "Platform"))
    assert [r.subject for r in found] == ["远航电子", "东湖研究院"]
    assert {r.rule for r in found} == {f"coBuilds.{trigger}"}


def test_both_parties_in_the_same_sentence():
    found = run("青山县人民政府与江北大学签署战略合作协议,双方将共建青山县智能制造研究院。",
                ("青山县人民政府", "Agency"), ("江北大学", "University"),
                ("青山县智能制造研究院", "ResearchInstitute"))
    assert triples(found) == [("青山县人民政府", "coBuilds", "青山县智能制造研究院"),
                              ("江北大学", "coBuilds", "青山县智能制造研究院")]


def test_both_parties_named_in_the_sentence_before():
    report, (s1, s2) = report_of("青禾科技与东湖研究院签订全面合作协议。", "双方合作共建生物基材料联合实验室。")
    ms = [mention(s1, "青禾科技", "Enterprise"), mention(s1, "东湖研究院", "ResearchInstitute"),
          mention(s2, "生物基材料联合实验室", "Platform")]
    found = extract_relations(report, [s1, s2], ms)
    assert triples(found) == [("青禾科技", "coBuilds", "生物基材料联合实验室"),
                              ("东湖研究院", "coBuilds", "生物基材料联合实验室")]
    assert found[0].sent_id == "r1-s2"


def test_joint_lab_named_after_its_builders():
    found = run("青禾科技-江北大学智能传感联合实验室正式揭牌。",
                ("青禾科技-江北大学智能传感联合实验室", "Platform"), ("青禾科技", "Enterprise"),
                ("江北大学", "University"))
    assert sorted(triples(found)) == [("江北大学", "coBuilds", "青禾科技-江北大学智能传感联合实验室"),
                                      ("青禾科技", "coBuilds", "青禾科技-江北大学智能传感联合实验室")]


def test_co_build_without_a_named_platform_gives_nothing():
    assert run("鼓励青禾科技与高校院所共建研发平台。", ("青禾科技", "Enterprise")) == []


# ---------------------------------------------------------------- locatedIn

def test_settles_in_a_district():
    found = run("远航电子科技有限公司落户青山县经济开发区。",
                ("远航电子科技有限公司", "Enterprise"), ("青山县经济开发区", "District"))
    assert triples(found) == [("远航电子科技有限公司", "locatedIn", "青山县经济开发区")]


def test_located_in_before_the_name():
    found = run("位于桃源镇的青山县农业科技园获评省级农业科技园区。",
                ("桃源镇", "District"), ("青山县农业科技园", "Platform"), ("省级农业科技园区", "Designation"))
    assert ("青山县农业科技园", "locatedIn", "桃源镇") in triples(found)
    assert ("青山县农业科技园", "certifiedAs", "省级农业科技园区") in triples(found)


# ---------------------------------------------------------------- provenance and data

def test_evidence_is_the_sentence():
    report, (s,) = report_of("青禾科技获批省级技术创新中心。")
    (r,) = extract_relations(report, [s], [mention(s, "青禾科技", "Enterprise"),
                                           mention(s, "省级技术创新中心", "Designation")])
    assert (r.evidence, r.start, r.end, r.sent_id, r.report_id) == (s.text, s.start, s.end, "r1-s1", "r1")
    assert (r.subject_type, r.object_type) == ("Enterprise", "Designation")


def test_find_triggers_for_coverage():
    assert find_triggers("青禾科技通过省级企业技术中心验收。") == ["通过…验收"]
    assert find_triggers("持续优化营商环境。") == []


def test_malformed_pattern_file_names_the_valid_options(tmp_path):
    path = tmp_path / "relations.jsonl"
    path.write_text(json.dumps({"id": "x", "predicate": "buildsWith", "trigger": "共建"}) + "\n",
                    encoding="utf-8")
    with pytest.raises(PatternError, match="coBuilds, certifiedAs"):
        load_patterns(str(path))


def test_the_clause_topic_co_builds_too():
    found = run("支持青禾科技开展技术攻关并与江北大学共建智能传感联合实验室。",
                ("青禾科技", "Enterprise"), ("江北大学", "University"), ("智能传感联合实验室", "Platform"))
    assert [r.subject for r in found] == ["青禾科技", "江北大学"]


def test_a_partner_far_from_the_trigger_is_not_a_builder():
    found = run("在江北市科技局指导下青禾科技联合东湖研究院共建智能传感中试基地。",
                ("江北市科技局", "Agency"), ("青禾科技", "Enterprise"), ("东湖研究院", "ResearchInstitute"),
                ("智能传感中试基地", "Platform"))
    assert [r.subject for r in found] == ["青禾科技", "东湖研究院"]


def test_passive_co_build():
    found = run("青山县智能制造创新中心由青禾科技和江北大学共建。",
                ("青山县智能制造创新中心", "Platform"), ("青禾科技", "Enterprise"), ("江北大学", "University"))
    assert triples(found) == [("青禾科技", "coBuilds", "青山县智能制造创新中心"),
                              ("江北大学", "coBuilds", "青山县智能制造创新中心")]


# ---------------------------------------------------------------- second-round rules

def test_later_clause_without_subject_certifies_the_sentence_topic():
    found = run("青山县与江北大学合作共建的青山绿色化工研究院正式揭牌运营,已引进研发团队6个,被认定为省级新型研发机构。",
                ("青山县", "District"), ("江北大学", "University"),
                ("青山绿色化工研究院", "ResearchInstitute"), ("省级新型研发机构", "Designation"))
    assert ("青山绿色化工研究院", "certifiedAs", "省级新型研发机构") in triples(found)
    assert ("青山县", "certifiedAs", "省级新型研发机构") not in triples(found)


def test_new_platform_then_approved_is_the_topic():
    found = run("新增青山县储能材料重点实验室,获批市级重点实验室。",
                ("青山县储能材料重点实验室", "Platform"), ("市级重点实验室", "Designation"))
    assert triples(found) == [("青山县储能材料重点实验室", "certifiedAs", "市级重点实验室")]


def test_registered_after_passing_is_a_certification():
    found = run("江北大学青山储能研究院完成主体建设,通过市级新型研发机构备案。",
                ("江北大学青山储能研究院", "ResearchInstitute"), ("市级新型研发机构", "Designation"))
    assert triples(found) == [("江北大学青山储能研究院", "certifiedAs", "市级新型研发机构")]
    assert found[0].rule == "certifiedAs.通过备案"


def test_becoming_a_designated_centre():
    found = run("青禾化工牵头建设的青山县精细化工工程技术研究中心获批组建,成为我县第3家省级工程技术研究中心。",
                ("青禾化工", "Enterprise"), ("青山县精细化工工程技术研究中心", "Platform"),
                ("我县", "District"), ("省级工程技术研究中心", "Designation"))
    assert triples(found) == [("青山县精细化工工程技术研究中心", "certifiedAs", "省级工程技术研究中心")]


def test_prized_project_and_its_owner_are_both_certified():
    found = run("青禾生物参与完成的“茶树良种选育关键技术”项目荣获省科学技术进步奖二等奖。",
                ("青禾生物", "Enterprise"), ("“茶树良种选育关键技术”", "Programme"),
                ("省科学技术进步奖", "Designation"))
    assert triples(found) == [("青禾生物", "certifiedAs", "省科学技术进步奖"),
                              ("“茶树良种选育关键技术”", "certifiedAs", "省科学技术进步奖")]


def test_with_a_partner_and_no_subject_the_district_builds():
    found = run("与江北大学共建青山县技术转移中心,全年促成合作项目12项。",
                ("江北大学", "University"), ("青山县技术转移中心", "Platform"))
    assert triples(found) == [("青山县", "coBuilds", "青山县技术转移中心"),
                              ("江北大学", "coBuilds", "青山县技术转移中心")]


def test_agreement_with_a_partner_then_building_together():
    found = run("与江北大学签订全面合作协议,合作共建青山县技术转移中心。",
                ("江北大学", "University"), ("青山县技术转移中心", "Platform"))
    assert triples(found) == [("青山县", "coBuilds", "青山县技术转移中心"),
                              ("江北大学", "coBuilds", "青山县技术转移中心")]


def test_named_partners_keep_their_own_subjects():
    found = run("青禾科技与江北大学共建青山智能装备联合实验室。",
                ("青禾科技", "Enterprise"), ("江北大学", "University"), ("青山智能装备联合实验室", "Platform"))
    assert [r.subject for r in found] == ["青禾科技", "江北大学"]


def test_joint_lab_short_names_are_expanded_to_the_partners_full_names():
    report, sentences = report_of(
        "青州禾丰新材料股份有限公司入选省级专精特新中小企业。",
        "东江理工大学与禾丰新材联合组建东理—禾丰高分子材料联合实验室。")
    s1, s2 = sentences
    ms = [mention(s1, "青州禾丰新材料股份有限公司", "Enterprise"),
          mention(s1, "省级专精特新中小企业", "Designation"),
          mention(s2, "东江理工大学", "University"),
          mention(s2, "东理—禾丰高分子材料联合实验室", "Platform"),
          mention(s2, "东理", "Enterprise"), mention(s2, "禾丰高分子材料", "Enterprise")]
    found = [r for r in extract_relations(report, sentences, ms) if r.predicate == "coBuilds"]
    assert sorted(r.subject for r in found) == ["东江理工大学", "青州禾丰新材料股份有限公司"]


def test_joint_lab_short_name_is_not_expanded_to_a_name_sharing_only_its_place():
    found = run("东江理工大学-青州海创EDA联合实验室揭牌,青州海洋地质研究所升级为市级创新中心。",
                ("东江理工大学-青州海创EDA联合实验室", "Platform"), ("东江理工大学", "University"),
                ("青州海创", "Enterprise"), ("青州海洋地质研究所", "ResearchInstitute"),
                ("市级创新中心", "Designation"))
    co = sorted(r.subject for r in found if r.predicate == "coBuilds")
    assert co == ["东江理工大学", "青州海创"]


def test_an_aimed_certification_is_an_application():
    found = run("力争青山星创众创空间获批国家级众创空间。",
                ("青山星创众创空间", "Platform"), ("国家级众创空间", "Designation"))
    assert [(r.subject, r.predicate, r.object, r.rule) for r in found] == [
        ("青山星创众创空间", "appliesFor", "国家级众创空间", "aim.力争")]


def test_prize_at_a_joint_competition_certifies_both_competitions():
    found = run("青禾生物在第十三届全国创新创业大赛(青海赛区)暨第九届青海省科技创业大赛中荣获成长组二等奖。",
                ("青禾生物", "Enterprise"), ("第十三届全国创新创业大赛", "Programme"), ("青海", "District"),
                ("第九届青海省科技创业大赛", "Programme"))
    assert triples(found) == [("青禾生物", "certifiedAs", "第十三届全国创新创业大赛"),
                              ("青禾生物", "certifiedAs", "第九届青海省科技创业大赛")]


def test_led_by_one_with_partners_builds_together():
    found = run("由青禾光学牵头,联合远航精密机械有限公司、江北师范学院等单位组建青山光学产业创新联盟,开展协同攻关。",
                ("青禾光学", "Enterprise"), ("远航精密机械有限公司", "Enterprise"),
                ("江北师范学院", "University"), ("青山光学产业创新联盟", "Platform"))
    assert triples(found) == [("青禾光学", "coBuilds", "青山光学产业创新联盟"),
                              ("远航精密机械有限公司", "coBuilds", "青山光学产业创新联盟"),
                              ("江北师范学院", "coBuilds", "青山光学产业创新联盟")]
    assert {r.rule for r in found} == {"coBuilds.牵头联合组建"}


def test_pushing_for_a_certification_is_an_aim_in_a_plan_and_a_success_in_a_summary():
    text = "积极推动青禾科技获批省级企业技术中心。"
    names = [("青禾科技", "Enterprise"), ("省级企业技术中心", "Designation")]
    assert [r.predicate for r in run(text, *names)] == ["certifiedAs"]
    report, (s,) = report_of(text)
    s = Sentence(s.sent_id, s.report_id, s.section_id, "plan", s.text, s.start, s.end)
    found = extract_relations(report, [s], [mention(s, n, t) for n, t in names])
    assert [(r.predicate, r.rule) for r in found] == [("appliesFor", "aim.推动")]


# ---------------------------------------------------------------- phrasings of other reports

def plan_run(text: str, *mentions: tuple[str, str]):
    """Relations of a one-sentence report whose sentence lies in a plan section."""
    report, (s,) = report_of(text)
    s = Sentence(s.sent_id, s.report_id, s.section_id, "plan", s.text, s.start, s.end)
    return extract_relations(report, [s], [mention(s, n, t) for n, t in mentions])


@pytest.mark.parametrize("text, names, lab", [
    ("云峰药业有限公司联合滇南大学、省农业科学院组建中药材资源开发研究院。",
     [("云峰药业有限公司", "Enterprise"), ("滇南大学", "University"), ("省农业科学院", "ResearchInstitute")],
     ("中药材资源开发研究院", "ResearchInstitute")),
    ("恒泰机械股份有限公司携手北方工业大学建设智能农机装备创新中心,开展关键技术攻关。",
     [("恒泰机械股份有限公司", "Enterprise"), ("北方工业大学", "University")],
     ("智能农机装备创新中心", "Platform")),
    ("黔灵电子科技有限公司与贵州理工学院共同出资组建山地装备研究院。",
     [("黔灵电子科技有限公司", "Enterprise"), ("贵州理工学院", "University")],
     ("山地装备研究院", "ResearchInstitute")),
    ("今年,冰城智能装备有限公司联合哈尔滨理工大学成立了“寒地智能装备研究院”。",
     [("冰城智能装备有限公司", "Enterprise"), ("哈尔滨理工大学", "University")],
     ("“寒地智能装备研究院”", "ResearchInstitute")),
])
def test_one_joined_with_others_builds_with_a_plain_verb(text, names, lab):
    found = run(text, *names, lab)
    assert triples(found) == [(n, "coBuilds", lab[0]) for n, _ in names]


def test_the_leader_alone_builds_what_it_leads():
    found = run("宏远集团牵头组建新能源汽车产业技术研究院。",
                ("宏远集团", "Enterprise"), ("新能源汽车产业技术研究院", "ResearchInstitute"))
    assert triples(found) == [("宏远集团", "coBuilds", "新能源汽车产业技术研究院")]
    assert found[0].rule == "coBuilds.牵头组建"


def test_the_body_a_platform_is_built_on_builds_it():
    found = run("依托北岭大学建设寒地黑土保护利用技术创新中心。",
                ("北岭大学", "University"), ("寒地黑土保护利用技术创新中心", "Platform"))
    assert triples(found) == [("北岭大学", "coBuilds", "寒地黑土保护利用技术创新中心")]


def test_a_leader_is_not_an_agency_that_organised_it():
    found = run("区科技局组织绿源环保科技有限公司联合东江理工大学成立先进复合材料研究院。",
                ("区科技局", "Agency"), ("绿源环保科技有限公司", "Enterprise"), ("东江理工大学", "University"),
                ("先进复合材料研究院", "ResearchInstitute"))
    assert triples(found) == [("绿源环保科技有限公司", "coBuilds", "先进复合材料研究院"),
                              ("东江理工大学", "coBuilds", "先进复合材料研究院")]


def test_attracting_a_university_to_build_together_makes_the_district_a_builder():
    found = run("积极引进北江大学共建青山县智能制造产业研究院。",
                ("北江大学", "University"), ("青山县智能制造产业研究院", "ResearchInstitute"))
    assert triples(found) == [("青山县", "coBuilds", "青山县智能制造产业研究院"),
                              ("北江大学", "coBuilds", "青山县智能制造产业研究院")]


def test_two_parties_that_signed_then_build_together():
    found = run("黔灵电子科技有限公司与贵州理工学院签订战略合作协议,共同建设大数据安全工程技术研究中心。",
                ("黔灵电子科技有限公司", "Enterprise"), ("贵州理工学院", "University"),
                ("大数据安全工程技术研究中心", "Platform"))
    assert triples(found) == [("黔灵电子科技有限公司", "coBuilds", "大数据安全工程技术研究中心"),
                              ("贵州理工学院", "coBuilds", "大数据安全工程技术研究中心")]


def test_the_named_district_government_as_builder_stays_the_government():
    # only the text's own words: 青山县人民政府 builds, as written
    found = run("西京大学与青山县人民政府合作共建青山硬科技产业研究院。",
                ("西京大学", "University"), ("青山县人民政府", "Agency"), ("青山县", "District"),
                ("青山硬科技产业研究院", "ResearchInstitute"))
    assert set(triples(found)) == {("西京大学", "coBuilds", "青山硬科技产业研究院"),
                                   ("青山县人民政府", "coBuilds", "青山硬科技产业研究院")}


def test_the_government_named_by_its_level_is_the_district():
    found = run("西京大学与县政府合作共建青山硬科技产业研究院。",
                ("西京大学", "University"), ("县政府", "Agency"), ("青山硬科技产业研究院", "ResearchInstitute"))
    assert ("青山县", "coBuilds", "青山硬科技产业研究院") in triples(found)


def test_another_government_stays_an_agency():
    found = run("江北市人民政府与西京大学合作共建江北硬科技产业研究院。",
                ("江北市人民政府", "Agency"), ("西京大学", "University"),
                ("江北硬科技产业研究院", "ResearchInstitute"))
    assert ("江北市人民政府", "coBuilds", "江北硬科技产业研究院") in triples(found)


def test_quoted_platform_built_with_a_partner():
    found = run("金穗农业科技有限公司与西南林业大学合作共建“林下经济工程技术研究中心”。",
                ("金穗农业科技有限公司", "Enterprise"), ("西南林业大学", "University"),
                ("“林下经济工程技术研究中心”", "Platform"))
    assert [r.subject for r in found] == ["金穗农业科技有限公司", "西南林业大学"]


def test_respectively_pairs_subjects_with_objects_in_order():
    found = run("启明光电有限公司、华信软件有限公司分别获批省级工程技术研究中心和省级企业技术中心。",
                ("启明光电有限公司", "Enterprise"), ("华信软件有限公司", "Enterprise"),
                ("省级工程技术研究中心", "Designation"), ("省级企业技术中心", "Designation"))
    assert triples(found) == [("启明光电有限公司", "certifiedAs", "省级工程技术研究中心"),
                              ("华信软件有限公司", "certifiedAs", "省级企业技术中心")]


def test_two_certifications_in_one_sentence_keep_their_own_subjects():
    found = run("冰城智能装备有限公司被认定为省级专精特新中小企业,松花江生物科技有限公司获批省级企业技术中心。",
                ("冰城智能装备有限公司", "Enterprise"), ("省级专精特新中小企业", "Designation"),
                ("松花江生物科技有限公司", "Enterprise"), ("省级企业技术中心", "Designation"))
    assert triples(found) == [("冰城智能装备有限公司", "certifiedAs", "省级专精特新中小企业"),
                              ("松花江生物科技有限公司", "certifiedAs", "省级企业技术中心")]


@pytest.mark.parametrize("text", [
    "青山县共有3家企业获批省级企业技术中心。",
    "青山县5家企业入选省级企业技术中心。",
    "青山县辖区企业获批省级企业技术中心。",
])
def test_a_district_counting_its_members_is_not_certified(text):
    assert run(text, ("青山县", "District"), ("省级企业技术中心", "Designation")) == []


def test_an_agency_helping_firms_is_not_certified():
    assert run("县科技局帮助企业获批省级企业技术中心。",
               ("县科技局", "Agency"), ("省级企业技术中心", "Designation")) == []


def test_a_district_counting_what_it_obtained_is_not_certified():
    assert run("2023年,青山县成功获批国家级科技企业孵化器1家。",
               ("青山县", "District"), ("国家级科技企业孵化器", "Designation")) == []


def test_the_region_of_a_competition_is_not_a_winner():
    found = run("启明光电有限公司在第十二届全国创新创业大赛江北赛区比赛中荣获二等奖。",
                ("启明光电有限公司", "Enterprise"), ("第十二届全国创新创业大赛", "Programme"), ("江北", "District"))
    assert triples(found) == [("启明光电有限公司", "certifiedAs", "第十二届全国创新创业大赛")]


def test_a_prize_goes_to_the_competition_it_names_not_to_every_competition():
    found = run("组织企业参加第九届全国创新创业大赛和第五届江北省创新创业大赛,黔灵科技荣获三等奖。",
                ("第九届全国创新创业大赛", "Programme"), ("第五届江北省创新创业大赛", "Programme"),
                ("黔灵科技", "Enterprise"))
    assert triples(found) == [("黔灵科技", "certifiedAs", "第五届江北省创新创业大赛")]


def test_a_project_listed_in_a_programme_certifies_its_owner():
    found = run("绿源环保科技有限公司的高效脱硫技术研发项目列入省科技重大专项。",
                ("绿源环保科技有限公司", "Enterprise"), ("省科技重大专项", "Programme"))
    assert triples(found) == [("绿源环保科技有限公司", "certifiedAs", "省科技重大专项")]


@pytest.mark.parametrize("text, rule", [
    ("春晖生物科技有限公司被确定为省级技术创新示范企业。", "certifiedAs.被确定为"),
    ("春晖生物科技有限公司顺利获得省级技术创新示范企业认定。", "certifiedAs.获得认定"),
])
def test_more_certification_triggers(text, rule):
    found = run(text, ("春晖生物科技有限公司", "Enterprise"), ("省级技术创新示范企业", "Designation"))
    assert [(r.predicate, r.rule) for r in found] == [("certifiedAs", rule)]


def test_an_aim_earlier_in_a_plan_sentence_governs_a_later_clause():
    text = "力争到2025年,黔灵电子科技有限公司获批国家级企业技术中心。"
    names = [("黔灵电子科技有限公司", "Enterprise"), ("国家级企业技术中心", "Designation")]
    assert [r.predicate for r in plan_run(text, *names)] == ["appliesFor"]


def test_the_body_that_certifies_is_not_certified():
    found = run("青山县被科技部认定为国家创新型县。",
                ("青山县", "District"), ("科技部", "Agency"), ("国家创新型县", "Designation"))
    assert triples(found) == [("青山县", "certifiedAs", "国家创新型县")]


def test_a_named_prize_won_at_a_competition():
    found = run("冰城智能装备有限公司在第十一届全国创新创业大赛中斩获优秀企业奖。",
                ("冰城智能装备有限公司", "Enterprise"), ("第十一届全国创新创业大赛", "Programme"))
    assert triples(found) == [("冰城智能装备有限公司", "certifiedAs", "第十一届全国创新创业大赛")]


@pytest.mark.parametrize("text", [
    "冰城智能装备有限公司被评定为省级工业设计中心。",
    "冰城智能装备有限公司顺利通过省级工业设计中心复核。",
])
def test_rated_and_rechecked_are_certifications(text):
    found = run(text, ("冰城智能装备有限公司", "Enterprise"), ("省级工业设计中心", "Designation"))
    assert triples(found) == [("冰城智能装备有限公司", "certifiedAs", "省级工业设计中心")]


def test_a_certification_written_in_a_plan_is_only_an_aim():
    found = plan_run("2024年,青禾科技获批省级企业技术中心。",
                     ("青禾科技", "Enterprise"), ("省级企业技术中心", "Designation"))
    assert [(r.predicate, r.rule) for r in found] == [("appliesFor", "aim.plan")]


def test_building_together_in_a_plan_is_still_stated():
    found = plan_run("推动青禾科技与江北大学共建青山智能装备联合实验室。",
                     ("青禾科技", "Enterprise"), ("江北大学", "University"), ("青山智能装备联合实验室", "Platform"))
    assert {r.predicate for r in found} == {"coBuilds"}


def test_the_unnamed_district_government_as_builder_is_the_district():
    found = run("县人民政府与江北大学签约共建青山生态农业研究院。",
                ("县人民政府", "Agency"), ("江北大学", "University"), ("青山生态农业研究院", "ResearchInstitute"))
    assert set(triples(found)) == {("青山县", "coBuilds", "青山生态农业研究院"),
                                   ("江北大学", "coBuilds", "青山生态农业研究院")}


def test_named_after_a_colon_following_a_count():
    found = run("新增省级工程技术研究中心2家:青禾科技、远航电子。",
                ("省级工程技术研究中心", "Designation"), ("青禾科技", "Enterprise"), ("远航电子", "Enterprise"))
    assert triples(found) == [("青禾科技", "certifiedAs", "省级工程技术研究中心"),
                              ("远航电子", "certifiedAs", "省级工程技术研究中心")]


def test_a_colon_followed_by_more_than_names_is_not_a_certification():
    found = run("新增省级工程技术研究中心2家:青禾科技牵头承担研发任务。",
                ("省级工程技术研究中心", "Designation"), ("青禾科技", "Enterprise"))
    assert found == []


def test_named_in_brackets_in_a_plan_is_an_aim():
    found = plan_run("新增省级众创空间2家(桃源众创空间、溪口创客工场)。",
                     ("省级众创空间", "Designation"), ("桃源众创空间", "Platform"), ("溪口创客工场", "Platform"))
    assert {r.predicate for r in found} == {"appliesFor"}


def test_a_leader_without_by_then_partners_after_a_comma():
    found = run("宏远集团牵头,联合西岭大学、江北农科院组建山地果业产业技术创新联盟。",
                ("宏远集团", "Enterprise"), ("西岭大学", "University"), ("江北农科院", "ResearchInstitute"),
                ("山地果业产业技术创新联盟", "Platform"))
    assert triples(found) == [("宏远集团", "coBuilds", "山地果业产业技术创新联盟"),
                              ("西岭大学", "coBuilds", "山地果业产业技术创新联盟"),
                              ("江北农科院", "coBuilds", "山地果业产业技术创新联盟")]


def test_named_after_a_count_and_a_listing_word():
    found = run("全年获批省级企业技术中心2家,分别是青禾科技、远航电子。",
                ("省级企业技术中心", "Designation"), ("青禾科技", "Enterprise"), ("远航电子", "Enterprise"))
    assert {(r.subject, r.predicate, r.object) for r in found} == {
        ("青禾科技", "certifiedAs", "省级企业技术中心"), ("远航电子", "certifiedAs", "省级企业技术中心")}


def test_a_district_counting_its_parks_is_not_itself_certified():
    assert run("青山县3个园区获批省级农业科技园区。",
               ("青山县", "District"), ("省级农业科技园区", "Designation")) == []


@pytest.mark.parametrize("trigger", ["合作设立", "联合打造", "共同成立"])
def test_more_co_build_triggers(trigger):
    found = run(f"与江北大学{trigger}青山县生态农业研究院。",
                ("江北大学", "University"), ("青山县生态农业研究院", "ResearchInstitute"))
    assert triples(found) == [("青山县", "coBuilds", "青山县生态农业研究院"),
                              ("江北大学", "coBuilds", "青山县生态农业研究院")]


@pytest.mark.parametrize("text", [
    "松花江生物科技有限公司荣登省级瞪羚企业榜单。",
    "松花江生物科技有限公司被授牌省级瞪羚企业。",
])
def test_listed_and_plaqued_are_certifications(text):
    found = run(text, ("松花江生物科技有限公司", "Enterprise"), ("省级瞪羚企业", "Designation"))
    assert triples(found) == [("松花江生物科技有限公司", "certifiedAs", "省级瞪羚企业")]


def test_a_prize_far_from_any_competition_certifies_nothing():
    found = run("组织企业参加第九届全国创新创业大赛,开展赛前辅导培训,邀请专家点评项目,举办路演活动,"
                "青禾科技荣获二等奖。",
                ("第九届全国创新创业大赛", "Programme"), ("青禾科技", "Enterprise"))
    assert found == []


def test_a_prize_two_clauses_after_its_competition():
    found = run("组织企业参加第九届全国创新创业大赛,5家企业进入决赛,其中青禾科技荣获二等奖。",
                ("第九届全国创新创业大赛", "Programme"), ("青禾科技", "Enterprise"))
    assert triples(found) == [("青禾科技", "certifiedAs", "第九届全国创新创业大赛")]


# ---------------------------------------------------------------- the certified named after the verb

def test_a_naming_verb_names_the_certified_before_the_designation():
    found = run("认定嘉远新能源、国华兴业2家企业为省独角兽企业。",
                ("嘉远新能源", "Enterprise"), ("国华兴业", "Enterprise"), ("省独角兽企业", "Designation"))
    assert triples(found) == [("嘉远新能源", "certifiedAs", "省独角兽企业"),
                              ("国华兴业", "certifiedAs", "省独角兽企业")]


def test_a_naming_verb_with_a_counted_list():
    found = run("认定蓝图新能源、天河先导等8家省潜在独角兽企业。",
                ("蓝图新能源", "Enterprise"), ("天河先导", "Enterprise"), ("省潜在独角兽企业", "Designation"))
    assert {t[0] for t in triples(found)} == {"蓝图新能源", "天河先导"}
    assert {t[1] for t in triples(found)} == {"certifiedAs"}


def test_an_application_after_a_naming_verb_is_no_certification():
    # 申请认定: the verb names what is applied for
    found = run("组织青禾智能申请认定省级瞪羚企业。", ("青禾智能", "Enterprise"), ("省级瞪羚企业", "Designation"))
    assert "certifiedAs" not in {t[1] for t in triples(found)}


def test_parties_joined_by_xieshou_in_the_clause_before_the_trigger():
    found = run("青禾新材料有限公司携手江南大学材料研究院,合作共建“碳纤维复合材料中试基地”。",
                ("青禾新材料有限公司", "Enterprise"), ("江南大学材料研究院", "ResearchInstitute"),
                ("“碳纤维复合材料中试基地”", "Platform"))
    assert {t[0] for t in triples(found) if t[1] == "coBuilds"} == {"青禾新材料有限公司", "江南大学材料研究院"}


def test_a_short_name_declared_in_brackets_does_not_break_a_list_of_subjects():
    text = "青禾新材料有限公司(以下简称“青禾新材”)、远航电子有限公司两家企业入选省级瞪羚企业名单。"
    found = run(text, ("青禾新材料有限公司", "Enterprise"), ("远航电子有限公司", "Enterprise"),
                ("省级瞪羚企业", "Designation"))
    assert ("青禾新材料有限公司", "certifiedAs", "省级瞪羚企业") in triples(found)
    assert ("远航电子有限公司", "certifiedAs", "省级瞪羚企业") in triples(found)


def test_the_body_relied_on_and_the_partner_after_a_comma_build_together():
    text = "依托青禾集团,联合江汉大学共建襄州区羊绒产业技术研究院。"
    found = run(text, ("青禾集团", "Enterprise"), ("江汉大学", "University"),
                ("襄州区羊绒产业技术研究院", "ResearchInstitute"))
    assert {("青禾集团", "coBuilds", "襄州区羊绒产业技术研究院"),
            ("江汉大学", "coBuilds", "襄州区羊绒产业技术研究院")} <= set(triples(found))


def test_the_subject_of_a_sentence_builds_in_its_later_clauses():
    text = "青山县管理委员会与江汉大学共建青山县智能装备研究院,与湖北工业大学合作共建青山县生物医药研究院。"
    found = run(text, ("青山县管理委员会", "Agency"), ("江汉大学", "University"),
                ("青山县智能装备研究院", "ResearchInstitute"), ("湖北工业大学", "University"),
                ("青山县生物医药研究院", "ResearchInstitute"))
    assert ("青山县管理委员会", "coBuilds", "青山县生物医药研究院") in triples(found)
    assert ("青山县", "coBuilds", "青山县生物医药研究院") not in triples(found)


def test_the_named_bodies_after_the_report_calling_itself_are_the_topic():
    text = "我县青禾众创空间和远航众创空间通过专家评审,获批国家级众创空间。"
    found = run(text, ("我县", "District"), ("青禾众创空间", "Platform"), ("远航众创空间", "Platform"),
                ("国家级众创空间", "Designation"))
    assert set(triples(found)) == {("青禾众创空间", "certifiedAs", "国家级众创空间"),
                                   ("远航众创空间", "certifiedAs", "国家级众创空间")}


def test_a_prize_won_with_a_single_verb_certifies_the_winner():
    text = "帮助青禾科技有限公司获中国专利优秀奖。"
    found = run(text, ("青禾科技有限公司", "Enterprise"), ("中国专利优秀奖", "Designation"))
    assert triples(found) == [("青禾科技有限公司", "certifiedAs", "中国专利优秀奖")]


def test_a_joint_platform_named_after_a_university_and_a_city():
    text = "江汉大学——宜昌联合创新孵化中心揭牌运营。"
    found = run(text, ("江汉大学——宜昌联合创新孵化中心", "Platform"), ("江汉大学", "University"),
                ("宜昌", "District"))
    assert set(triples(found)) == {("江汉大学", "coBuilds", "江汉大学——宜昌联合创新孵化中心"),
                                   ("宜昌", "coBuilds", "江汉大学——宜昌联合创新孵化中心")}


def test_standalone_names_are_those_no_longer_name_contains():
    from kg.relations import _standalone

    report, (s,) = report_of("江汉大学襄阳研究院与江汉大学合作,襄阳研究院揭牌。")
    ms = [mention(s, "江汉大学襄阳研究院", "ResearchInstitute"), mention(s, "江汉大学", "University"),
          mention(s, "江汉大学", "University", 1), mention(s, "襄阳研究院", "ResearchInstitute", 1),
          mention(s, "襄阳", "District", 0)]
    assert _standalone(ms) == {"江汉大学襄阳研究院", "江汉大学", "襄阳研究院"}


def test_a_platform_built_by_two_parties_named_after_it_with_a_remark():
    text = "汉江智能装备研究院(新型研发机构)由青山县与江汉大学联合建设。"
    found = run(text, ("汉江智能装备研究院", "ResearchInstitute"), ("青山县", "District"), ("江汉大学", "University"))
    assert {("青山县", "coBuilds", "汉江智能装备研究院"), ("江汉大学", "coBuilds", "汉江智能装备研究院")} \
        <= set(triples(found))


@pytest.mark.parametrize("text", [
    "青禾科技在中国创新创业大赛(湖北赛区)中获得优秀企业奖。",
    "成功举办第三届“汉江杯”创新创业大赛,征集项目348个,青禾科技获大赛企业组一等奖。",
])
def test_a_prize_at_a_regional_or_earlier_named_competition_certifies_the_winner(text):
    contest = "中国创新创业大赛(湖北赛区)" if "湖北赛区" in text else "第三届“汉江杯”创新创业大赛"
    found = run(text, (contest, "Programme"), ("青禾科技", "Enterprise"))
    assert triples(found) == [("青禾科技", "certifiedAs", contest)]


@pytest.mark.parametrize("text, mentions", [
    ("我县携手江汉大学打造青山县中试基地。", [("我县", "District"), ("江汉大学", "University"), ("青山县中试基地", "Platform")]),
    ("我县与江汉大学校地合作共建青山县科技小院。", [("我县", "District"), ("江汉大学", "University"), ("青山县科技小院", "Platform")]),
    ("支持江汉大学与我县合作共建青山县科技小院。", [("江汉大学", "University"), ("我县", "District"), ("青山县科技小院", "Platform")]),
])
def test_the_report_calling_itself_is_a_builder_when_joined_to_a_partner(text, mentions):
    found = run(text, *mentions)
    assert ("我县", "coBuilds", mentions[-1][0]) in triples(found)
    assert ("江汉大学", "coBuilds", mentions[-1][0]) in triples(found)


def test_the_report_calling_itself_before_its_companies_builds_nothing():
    found = run("我县企业与江汉大学共建联合实验室。", ("我县", "District"), ("江汉大学", "University"),
                ("联合实验室", "Platform"))
    assert ("我县", "coBuilds", "联合实验室") not in triples(found)


def test_a_short_form_in_brackets_after_a_partner_builds_nothing():
    text = "我县携手中国科学院汉江材料研究所(汉江材料所)打造青山县中试基地。"
    # 汉江 twice: inside the institute's name, then in the bracket
    found = run(text, ("我县", "District"), ("中国科学院汉江材料研究所", "ResearchInstitute"), ("汉江", "District"),
                ("汉江", "District"), ("青山县中试基地", "Platform"))
    assert ("汉江", "coBuilds", "青山县中试基地") not in triples(found)


def test_the_bodies_that_jointly_completed_a_prized_project_are_certified():
    text = "青禾新材、江汉大学联合完成的“高强韧铝合金关键技术”项目荣获湖北省科学技术奖二等奖。"
    found = run(text, ("青禾新材", "Enterprise"), ("江汉大学", "University"), ("“高强韧铝合金关键技术”", "Programme"),
                ("湖北省科学技术奖", "Designation"))
    assert {("青禾新材", "certifiedAs", "湖北省科学技术奖"), ("江汉大学", "certifiedAs", "湖北省科学技术奖")} \
        <= set(triples(found))


def _plan_sentence(text: str):
    report = Report("r1", "d1", "r.txt", "", "青山县科技局2025年工作计划", text, issuer="青山县科学技术局",
                    district="青山县", period="2025")
    return report, Sentence("r1-s1", "r1", "r1-1", "plan", text, 0, len(text))


@pytest.mark.parametrize("text, predicate", [
    ("青禾科技于2023年被认定为省级专精特新中小企业。", "certifiedAs"),
    ("青禾众创空间成功入选国家级众创空间。", "certifiedAs"),
    ("青禾科技获批省级专精特新中小企业。", "appliesFor"),
    ("2024年,全县新增企业12家,青禾科技获批省级专精特新中小企业。", "certifiedAs"),
    ("力争青禾科技2025年成功入选省级专精特新中小企业。", "appliesFor"),
])
def test_a_fact_in_a_plan_is_a_certification_and_the_rest_an_aim(text, predicate):
    report, s = _plan_sentence(text)
    subject = "青禾众创空间" if "众创空间成功" in text else "青禾科技"
    obj = "国家级众创空间" if "国家级众创空间" in text else "省级专精特新中小企业"
    found = extract_relations(report, [s], [mention(s, subject, "Platform" if "众创" in subject else "Enterprise"),
                                            mention(s, obj, "Designation")])
    assert [(r.subject, r.predicate, r.object) for r in found] == [(subject, predicate, obj)]


def test_a_later_clause_after_just_then_has_the_topic_as_subject():
    text = "青山县管委会与江汉大学共建的青山县智能传感研究院正式揭牌,当年即被认定为省级新型研发机构。"
    found = run(text, ("青山县管委会", "Agency"), ("江汉大学", "University"), ("青山县智能传感研究院", "ResearchInstitute"),
                ("省级新型研发机构", "Designation"))
    assert ("青山县智能传感研究院", "certifiedAs", "省级新型研发机构") in triples(found)


def test_the_leader_and_the_participant_build_together():
    text = "推动青禾材料股份有限公司牵头、湖北省材料研究院参与,组建“钛合金产业创新联合体”。"
    found = run(text, ("青禾材料股份有限公司", "Enterprise"), ("湖北省材料研究院", "ResearchInstitute"),
                ("“钛合金产业创新联合体”", "Platform"))
    assert set(triples(found)) == {("青禾材料股份有限公司", "coBuilds", "“钛合金产业创新联合体”"),
                                   ("湖北省材料研究院", "coBuilds", "“钛合金产业创新联合体”")}


def test_a_place_after_zai_is_where_not_who_is_certified():
    text = "青山经开区在全省开发区考核评价中被评为优秀开发区。"
    found = run(text, ("青山经开区", "District"), ("全省", "District"), ("优秀开发区", "Designation"))
    assert triples(found) == [("青山经开区", "certifiedAs", "优秀开发区")]


def test_names_listed_before_a_designation_hold_it():
    found = run("远航电子、江北生物等高新技术企业负责人出席签约仪式。",
                ("远航电子", "Enterprise"), ("江北生物", "Enterprise"), ("高新技术企业", "Designation"))
    assert triples(found) == [("远航电子", "certifiedAs", "高新技术企业"), ("江北生物", "certifiedAs", "高新技术企业")]


@pytest.mark.parametrize("text, mentions", [
    # which of the two kinds each name holds is not said
    ("新增青山县智能农机工程技术研究中心、青山县茶叶重点实验室等5家市级工程技术研究中心、重点实验室。",
     (("青山县智能农机工程技术研究中心", "Platform"), ("青山县茶叶重点实验室", "Platform"),
      ("市级工程技术研究中心", "Designation"), ("重点实验室", "Designation"))),
    # a count of the kind, the names only examples
    ("远航电子、江北生物等高新技术企业累计达到45家。",
     (("远航电子", "Enterprise"), ("江北生物", "Enterprise"), ("高新技术企业", "Designation"))),
])
def test_a_list_before_a_designation_that_says_nothing_of_each_name(text, mentions):
    assert triples(run(text, *mentions)) == []


def test_two_co_buildings_listed_in_one_clause_keep_their_own_partners():
    text = "青山大学张明院士和远山香料有限公司共建的张明院士工作站、江北矿冶研究院李强院士与青峰矿业有限公司共建的李强院士工作站今年均已挂牌运行。"
    found = run(text, ("青山大学", "University"), ("远山香料有限公司", "Enterprise"), ("张明院士工作站", "Platform"),
                ("江北矿冶研究院", "ResearchInstitute"), ("青峰矿业有限公司", "Enterprise"), ("李强院士工作站", "Platform"))
    # the university and the institute only say where each academician works
    assert sorted(triples(found)) == [("远山香料有限公司", "coBuilds", "张明院士工作站"),
                                      ("青峰矿业有限公司", "coBuilds", "李强院士工作站")]


def test_the_body_after_huo_that_praises_is_no_subject():
    found = run("全市科技工作成效显著,获省科技厅发文表扬为“全省科技金融工作先进市”。",
                ("省科技厅", "Agency"), ("“全省科技金融工作先进市”", "Designation"), district="青山市")
    assert triples(found) == [("青山市", "certifiedAs", "“全省科技金融工作先进市”")]


def test_a_quoted_project_of_an_organisation_is_what_wins_the_programme():
    from kg.extract import default_extractor
    text = "远航电子“高精度光纤传感器关键技术研究”获国家重点研发计划项目立项。"
    report, (s,) = report_of(text)
    found = extract_relations(report, [s], default_extractor()(s))
    assert triples(found) == [("高精度光纤传感器关键技术研究", "certifiedAs", "国家重点研发计划项目")]


# ---------------------------------------------------------------- a subject sentences back

def _paragraph(*sentences: tuple[str, list[tuple[str, str]]]):
    """Relations of a report of several sentences, each given with its mentions."""
    report, parsed = report_of(*(text for text, _ in sentences))
    ms = [mention(s, name, type_) for s, (_, names) in zip(parsed, sentences) for name, type_ in names]
    return triples(extract_relations(report, parsed, ms))


def test_an_honour_without_subject_goes_to_the_company_the_paragraph_is_about():
    found = _paragraph(
        ("青禾仪表有限公司是一家专注流量仪表的民营企业,研发团队百余人。", [("青禾仪表有限公司", "Enterprise")]),
        ("目前,公司拥有省级工程研究中心一个。", [("省级工程研究中心", "Designation")]),
        ("还获评国家高新技术企业和省级智能制造示范工厂。",
         [("国家高新技术企业", "Designation"), ("省级智能制造示范工厂", "Designation")]))
    assert ("青禾仪表有限公司", "certifiedAs", "国家高新技术企业") in found
    assert ("青禾仪表有限公司", "certifiedAs", "省级智能制造示范工厂") in found


def test_a_sentence_about_something_else_ends_the_paragraphs_topic():
    found = _paragraph(
        ("青禾仪表有限公司今年研发投入增长两成。", [("青禾仪表有限公司", "Enterprise")]),
        ("全县科技型企业数量稳步增加。", []),
        ("先后荣获省级创新型县等称号。", [("省级创新型县", "Designation")]))
    assert not any(s == "青禾仪表有限公司" for s, _, _ in found)


def test_a_company_that_only_owns_the_project_is_no_topic():
    found = _paragraph(
        ("其中,远航电子承担的“高精度传感芯片研发”", [("远航电子", "Enterprise"), ("“高精度传感芯片研发”", "Programme")]),
        ("获批省级科技重大专项。", [("省级科技重大专项", "Programme")]))
    assert ("远航电子", "certifiedAs", "省级科技重大专项") not in found


def test_a_counted_kind_after_a_subjectless_verb_is_no_honour_of_the_topic():
    found = _paragraph(
        ("青禾种业今年新建育种基地一处。", [("青禾种业", "Enterprise")]),
        ("成功认定省级高新技术产品12件。", [("省级高新技术产品", "Designation")]))
    assert found == []


def test_confirmed_as_is_a_certification():
    found = triples(run("青禾种业被确认为省级农业科技型企业。", ("青禾种业", "Enterprise"),
                        ("省级农业科技型企业", "Designation")))
    assert found == [("青禾种业", "certifiedAs", "省级农业科技型企业")]
