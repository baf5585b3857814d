"""Unit tests for the :mod:`kg.extract` module (sentences written for the tests)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import PatternError
from kg.extract import EntityExtractor, ReportContext, default_extractor, extract_mentions, filter_spans, load_patterns
from kg.model import Mention, Report, Sentence


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return default_extractor()


def found(extractor: EntityExtractor, text: str, context: ReportContext | None = None) -> set[tuple[str, str]]:
    return {(m.text, m.type) for m in extractor(text, context)}


def names(extractor: EntityExtractor, text: str, type_: str) -> set[str]:
    return {m.text for m in extractor(text) if m.type == type_}


# ------------------------------------------------------------ filter_spans

def _m(text: str, start: int, end: int, type_: str = "X") -> Mention:
    return Mention(text, type_, start, end, "s1", "r1", "test")


@pytest.mark.parametrize("spans, kept", [
    ([("杭州市", 0, 3), ("杭州市科学技术局", 0, 8)], ["杭州市科学技术局"]),
    ([("科学技术局", 3, 8), ("杭州市科学技术局", 0, 8)], ["杭州市科学技术局"]),
    ([("甲乙", 0, 2), ("乙丙", 1, 3)], ["甲乙"]),                      # equal length: the earliest
    ([("甲", 0, 1), ("乙", 1, 2)], ["甲", "乙"]),                      # no overlap: both
    ([("某某大学", 5, 9), ("某某大学某某研究院", 5, 14), ("研究院", 11, 14)], ["某某大学某某研究院"]),
])
def test_filter_spans_longest_then_earliest(spans, kept):
    assert [m.text for m in filter_spans(_m(*s) for s in spans)] == kept


def test_filter_spans_keeps_the_first_of_equal_spans():
    first, second = _m("省级众创空间", 0, 6, "Designation"), _m("省级众创空间", 0, 6, "Platform")
    assert filter_spans([first, second]) == [first]


# ------------------------------------------------------------ each type

@pytest.mark.parametrize("text, name, type_", [
    ("全年新增襄阳市恒远智能科技有限公司等3家高新技术企业", "襄阳市恒远智能科技有限公司", "Enterprise"),
    ("引进江北智造集团建设新能源装备产业园", "江北智造集团", "Enterprise"),
    ("支持湖北省农业科学院建设作物育种创新平台", "湖北省农业科学院", "ResearchInstitute"),
    ("与中国科学院合作开展关键技术攻关", "中国科学院", "ResearchInstitute"),
    ("与武汉理工大学签订产学研合作协议", "武汉理工大学", "University"),
    ("依托湖南师大建设省级重点实验室", "湖南师大", "University"),
    ("获批建设湖北省作物遗传改良与育种重点实验室", "湖北省作物遗传改良与育种重点实验室", "Platform"),
    ("建成襄州区智能装备工程技术研究中心", "襄州区智能装备工程技术研究中心", "Platform"),
    ("襄州区双创中心入驻企业42家", "襄州区双创中心", "Platform"),
    ("深入实施“科技强企”行动", "“科技强企”行动", "Programme"),
    ("组织开展科技活动周和全国科普日活动", "科技活动周", "Programme"),
    ("以“三链融合”为抓手推动成果转化", "“三链融合”", "Programme"),
    ("推荐申报湖北省重点研发计划项目12项", "湖北省重点研发计划项目", "Programme"),
    ("出台《襄州区科技创新券管理办法》", "《襄州区科技创新券管理办法》", "Policy"),
    ("落实“科技新政30条”", "“科技新政30条”", "Policy"),
    ("新增省级众创空间2家", "省级众创空间", "Designation"),
    ("有效期内高新技术企业达到215家", "高新技术企业", "Designation"),
    ("新认定国家级科技企业孵化器1家", "国家级科技企业孵化器", "Designation"),
    ("入选省级“专精特新”中小企业名单", "省级“专精特新”中小企业", "Designation"),
    ("襄州区科学技术局会同区财政局印发通知", "襄州区科学技术局", "Agency"),
    ("科技部、财政部联合印发通知", "科技部", "Agency"),
    ("襄阳高新区获批国家创新型城市试点", "襄阳高新区", "District"),
    ("在柳河镇建设现代农业示范基地", "柳河镇", "District"),
    ("湖北省襄阳市科技创新工作会议召开", "湖北省", "District"),
    ("闵行区科委会同区财政局印发通知", "闵行区科委", "Agency"),
    ("重大项目通过国家发改委复审", "国家发改委", "Agency"),
    ("加快建设中部科学城", "中部科学城", "Platform"),
    ("江汉大学——襄阳联合创新孵化中心揭牌运行", "江汉大学——襄阳联合创新孵化中心", "Platform"),
    ("中国农业科学院襄阳分院落户", "中国农业科学院襄阳分院", "ResearchInstitute"),
    ("襄州智造创新港获批省级科技企业孵化器", "襄州智造创新港", "Platform"),
    ("与省农科院合作建设的襄州区优质稻繁育示范基地", "襄州区优质稻繁育示范基地", "Platform"),
    ("支持江汉大学联合建设新材料中试验证平台", "新材料中试验证平台", "Platform"),
    ("江汉大学与青禾智能联合创建智能装备工程技术研究中心", "青禾智能", "Enterprise"),
    ("江汉大学与远航船舶携手打造智能动力研发中心", "远航船舶", "Enterprise"),
    ("认定国家高新技术企业14家、农高企6家", "农高企", "Designation"),
    ("全年新增科技小巨人企业15家", "科技小巨人企业", "Designation"),
    ("建成汉江人工智能算力中心", "汉江人工智能算力中心", "Platform"),
    ("重点围绕襄阳科创新城建设", "襄阳科创新城", "Platform"),
    ("联合建设“鄂西特色水果种苗繁育中心”", "“鄂西特色水果种苗繁育中心”", "Platform"),
    ("与江北农林科技大学信息工程学院合作", "江北农林科技大学信息工程学院", "University"),
    ("共建襄州中医药创新转化中心", "襄州中医药创新转化中心", "Platform"),
    ("青山工业互联网平台入选省级试点", "青山工业互联网平台", "Platform"),
    ("青山县科技成果转化服务中心揭牌", "青山县科技成果转化服务中心", "Platform"),
    ("新增湖北省智能工厂2家、湖北省数字化车间5家", "湖北省数字化车间", "Designation"),
    ("推荐青禾科技申报湖北省科技型领军企业", "湖北省科技型领军企业", "Designation"),
    ("智慧果园项目入选湖北省数字化转型典型案例", "湖北省数字化转型典型案例", "Designation"),
    ("省创新实验室建设有序推进", "省创新实验室", "Designation"),
    ("汉江创新实验室累计引进团队12个", "汉江创新实验室", "Platform"),
    ("全年完成科技成果倍增转化工程项目94项", "科技成果倍增转化工程项目", "Programme"),
    ("推出首台套研发费用损失保险", "首台套研发费用损失保险", "Programme"),
    ("推动产业振兴攻坚三年行动", "产业振兴攻坚三年行动", "Programme"),
    ("设立襄阳市区域创新联合基金", "襄阳市区域创新联合基金", "Programme"),
    ("设立襄阳市天使投资引导基金", "襄阳市天使投资引导基金", "Programme"),
    ("组建襄州区科技创新母基金", "襄州区科技创新母基金", "Programme"),
    ("召开襄阳市科技成果转化大会", "襄阳市科技成果转化大会", "Programme"),
    ("举办2025年湖北科技成果转移转化对接会", "湖北科技成果转移转化对接会", "Programme"),
    ("全年发放襄州区科创券800万元", "襄州区科创券", "Programme"),
    ("深入实施营商环境优化行动", "营商环境优化行动", "Programme"),
    ("引导企业对接国家重点研发计划", "国家重点研发计划", "Programme"),
])
def test_each_type_is_found(extractor, text, name, type_):
    assert (name, type_) in found(extractor, text)


# ------------------------------------------------------------ left boundaries

@pytest.mark.parametrize("text, name", [
    ("新增恒远智能科技有限公司", "恒远智能科技有限公司"),
    ("与浙江华鼎新材料股份有限公司合作", "浙江华鼎新材料股份有限公司"),
    ("推动襄阳华丰建设工程有限公司上市", "襄阳华丰建设工程有限公司"),       # 建设 inside the name
    ("支持恒远智能科技有限公司建设企业技术中心", "恒远智能科技有限公司"),
    ("组织全区企业申报,协调襄阳农商银行股份有限公司提供贷款", "襄阳农商银行股份有限公司"),
    ("龙头企业华丰重工集团获批省级技术创新中心", "华丰重工集团"),
    ("充分发挥襄州区技术转移研究院作用", "襄州区技术转移研究院"),
    ("骨干企业承担国家重点研发计划项目3项", "国家重点研发计划项目"),
    ("当年立项河北省科技计划项目12项", "河北省科技计划项目"),
    ("园区内青禾智能装备有限公司建成投产", "青禾智能装备有限公司"),
    ("青禾智能(全称青禾智能装备有限公司)获评瞪羚企业", "青禾智能装备有限公司"),
    ("吸纳江汉大学毕业生200余人", "江汉大学"),
])
def test_left_boundary_drops_verbs_prepositions_and_context_words(extractor, text, name):
    assert name in {m.text for m in extractor(text)}


def test_a_conjunction_inside_a_name_is_kept(extractor):
    # 与 joins two fields of one laboratory, not two parties
    assert names(extractor, "获批建设襄阳市细胞与分子病理重点实验室", "Platform") == {"襄阳市细胞与分子病理重点实验室"}
    # … but here it joins the bureau and a university
    assert names(extractor, "区科技局与江北大学共建人工智能研究院", "University") == {"江北大学"}


def test_a_short_enterprise_name_before_a_conjunction_is_a_party(extractor):
    found_ = found(extractor, "青禾化学与中国石油吉林油田研究院联合组建工程技术研究中心")
    assert ("青禾化学", "Enterprise") in found_
    assert ("中国石油吉林油田研究院", "ResearchInstitute") in found_
    # an ordinary word before the industry word stays inside the institute's name
    assert names(extractor, "依托中国科学院生物化学与分子生物学研究所", "ResearchInstitute") == {
        "中国科学院生物化学与分子生物学研究所"}
    # a platform's fields (材料与工艺) are no company
    assert names(extractor, "共建青瓷材料与工艺联合实验室", "Platform") == {"青瓷材料与工艺联合实验室"}


def test_a_country_after_a_conjunction_opens_a_new_name(extractor):
    assert names(extractor, "宏远机械有限公司与德国亚琛应用技术研究所签订协议", "ResearchInstitute") == {
        "德国亚琛应用技术研究所"}


@pytest.mark.parametrize("text, honour", [
    ("青禾农业科技小院获评“江西十佳科技小院”", "“江西十佳科技小院”"),
    ("远航电子跻身“湖南民营企业创新能力50强”", "“湖南民营企业创新能力50强”"),
    ("远航电子跻身“湖南省民营企业科技创新二十强”", "“湖南省民营企业科技创新二十强”"),
    ("青山区连续三年获“创新发展鼎”", "“创新发展鼎”"),          # a trophy
])
def test_a_quoted_ranking_after_a_certification_verb_is_a_designation(extractor, text, honour):
    assert names(extractor, text, "Designation") == {honour}


def test_a_verb_before_a_level_ends_a_name_but_the_same_word_inside_a_name_stays(extractor):
    assert names(extractor, "重组市级重点实验室12家", "Platform") == set()
    assert ("市级重点实验室", "Designation") in found(extractor, "重组市级重点实验室12家")
    assert names(extractor, "建设青山县重组蛋白药物重点实验室", "Platform") == {"青山县重组蛋白药物重点实验室"}
    assert names(extractor, "工作可按计划推进", "Programme") == set()
    assert not any(name.startswith("每") for name in names(extractor, "对每个湖北实验室给予支持", "Platform"))


def test_quoted_activities_written_one_after_the_other_are_each_a_programme(extractor):
    # the ending goes with the last name, as for 行动
    assert names(extractor, "开展“科技进乡村”“科普大篷车”活动36场", "Programme") == {"“科技进乡村”", "“科普大篷车”活动"}
    # two quoted words before a project are one programme's name
    assert names(extractor, "实施“揭榜”“挂帅”项目8项", "Programme") != {"“揭榜”", "“挂帅”"}


def test_a_count_before_a_kind_is_no_part_of_a_name(extractor):
    assert names(extractor, "全年新增三十家企业技术中心", "Platform") == set()
    assert names(extractor, "实施科技服务千企工程", "Programme") == {"科技服务千企工程"}


def test_short_names_whose_separators_were_lost_are_split(extractor):
    assert names(extractor, "青禾电子远航股份康宁药业等高新技术企业累计60家", "Enterprise") == {
        "青禾电子", "远航股份", "康宁药业"}


def test_the_bodies_before_jointly_completed_are_names(extractor):
    found_ = found(extractor, "青禾激光、汉江光机所联合完成的精密加工技术项目荣获湖北省科学技术奖")
    assert {("青禾激光", "Enterprise"), ("汉江光机所", "ResearchInstitute")} <= found_


def test_a_town_before_a_park_named_after_it_is_a_place_of_its_own(extractor):
    found_ = found(extractor, "青龙镇青龙数智科创谷入驻企业42家")
    assert ("青龙数智科创谷", "Platform") in found_
    assert ("青龙镇青龙数智科创谷", "Platform") not in found_


def test_a_ministry_before_a_programme_is_named_on_its_own(extractor):
    found_ = found(extractor, "获批工业和信息化部智能制造试点示范项目")
    assert {("工业和信息化部", "Agency"), ("智能制造试点示范项目", "Programme")} <= found_


@pytest.mark.parametrize("text, name, type_", [
    ("串联江汉大学等高校资源", "江汉大学", "University"),
    ("高标准规划襄阳大学城科创走廊", "襄阳大学城科创走廊", "Platform"),
    ("襄阳市城市规划设计研究院有限公司中标", "襄阳市城市规划设计研究院有限公司", "Enterprise"),
])
def test_verbs_of_linking_and_planning_end_a_name(extractor, text, name, type_):
    assert names(extractor, text, type_) == {name}


def test_programmes_of_a_level_and_above_are_a_class(extractor):
    assert names(extractor, "组织企业申报省级以上科技工程项目", "Programme") == set()


def test_an_institute_known_by_its_number(extractor):
    assert names(extractor, "青禾重工与江汉大学、712研究所建立合作", "ResearchInstitute") == {"712研究所"}
    assert names(extractor, "508所、617所等单位参与", "ResearchInstitute") == {"508所", "617所"}
    assert names(extractor, "全县新建学校100所。", "ResearchInstitute") == set()


def test_a_generic_kind_of_computing_centre_is_no_name(extractor):
    assert names(extractor, "加快建设城市算力中心", "Platform") == set()


def test_a_pool_one_is_taken_into_is_a_designation(extractor):
    assert ("襄州区科创板上市培育企业库", "Designation") in found(extractor, "青禾科技纳入襄州区科创板上市培育企业库")


def test_a_long_honour_after_a_certification_verb(extractor):
    assert ("湖北省科技特派员服务乡村振兴示范镇", "Designation") in found(
        extractor, "龙泉镇入选湖北省科技特派员服务乡村振兴示范镇")


def test_short_names_before_fenhuo_a_prize(extractor):
    assert names(extractor, "青禾光电、远航数智分获成长组一等奖和初创组二等奖", "Enterprise") == {"青禾光电", "远航数智"}


def test_a_short_company_name_before_jishen_is_an_enterprise(extractor):
    assert names(extractor, "远航电子跻身“湖南民营企业创新能力50强”", "Enterprise") == {"远航电子"}


def test_a_county_before_a_kind_of_platform_names_its_own_platform(extractor):
    found_ = found(extractor, "沛县科技企业孵化器获批徐州市级科技企业孵化器")
    assert ("沛县科技企业孵化器", "Platform") in found_
    assert ("徐州市级科技企业孵化器", "Designation") in found_
    # a city before the kind is the city's level of the designation
    assert ("徐州市重点实验室", "Designation") in found(extractor, "获批徐州市重点实验室")


def test_a_county_before_an_agricultural_park_kind_names_its_park(extractor):
    found_ = found(extractor, "武功县农业科技园区获批省级农业科技园区")
    assert {("武功县农业科技园区", "Platform"), ("省级农业科技园区", "Designation")} <= found_
    # a city before the kind is the city's level of it
    assert ("襄阳市农业科技园区", "Designation") in found(extractor, "新增襄阳市农业科技园区2家")


def test_a_province_before_laboratory_is_a_designation(extractor):
    assert ("省实验室", "Designation") in found(extractor, "新建省实验室2家")
    assert ("自治区实验室", "Designation") in found(extractor, "新建自治区实验室1家")


def test_a_development_zone_before_an_agricultural_park_kind_names_its_park(extractor):
    found_ = found(extractor, "推进衡水高新区农业科技园区基础设施建设")
    assert ("衡水高新区农业科技园区", "Platform") in found_
    assert not any(type_ == "Designation" for _, type_ in found_)


def test_a_university_before_a_school_partner_word(extractor):
    assert names(extractor, "推动县政府与江汉大学校地共建研究院", "University") == {"江汉大学"}


def test_a_platform_named_after_its_host_starts_after_the_host(extractor):
    text = "支持襄阳水产研究所淡水鱼类育种重点实验室建设"
    assert names(extractor, text, "ResearchInstitute") == {"襄阳水产研究所"}
    assert names(extractor, text, "Platform") == {"淡水鱼类育种重点实验室"}


# ------------------------------------------------------------ nested names

def test_a_division_inside_an_agency_name_is_kept_after_it(extractor):
    mentions = extractor("襄阳市科学技术局组织召开座谈会")
    assert [(m.text, m.type) for m in mentions] == [("襄阳市科学技术局", "Agency"), ("襄阳市", "District")]
    assert mentions[1].start == mentions[0].start


def test_a_short_place_inside_a_company_name_is_not_a_district(extractor):
    assert names(extractor, "引进杭州恒远数据集团落户", "District") == set()


def test_a_university_opening_an_institute_name_is_kept(extractor):
    found_ = found(extractor, "湖北工业大学襄阳产业研究院揭牌运营")
    assert ("湖北工业大学襄阳产业研究院", "ResearchInstitute") in found_
    assert ("湖北工业大学", "University") in found_


def test_the_parties_of_a_joint_laboratory(extractor):
    found_ = found(extractor, "恒远科技-华中农业大学智能传感联合实验室揭牌")
    assert ("恒远科技-华中农业大学智能传感联合实验室", "Platform") in found_
    assert ("恒远科技", "Enterprise") in found_
    assert ("华中农业大学", "University") in found_


# ------------------------------------------------------------ what is no entity

@pytest.mark.parametrize("text", [
    "鼓励企业与高校院所、科研机构共建创新平台",
    "培育龙头企业和科技型企业,壮大研发机构",
    "打造一批专业化科技企业孵化器和众创空间",
    "建立健全工作机制,完善管理制度",
    "推动重点实验室、工程技术研究中心等各类平台提质增效",
    "服务范围覆盖全区17个乡镇街道",
    "争取省级财政专项资金支持",
])
def test_generic_phrases_are_not_entities(extractor, text):
    kept = {(m.text, m.type) for m in extractor(text) if m.type != "District" or not m.rule.endswith("context")}
    assert kept == set()


def test_a_level_and_a_kind_is_a_designation_not_a_platform(extractor):
    assert found(extractor, "新增省级重点实验室3家、市级工程技术研究中心5家") == {
        ("省级重点实验室", "Designation"), ("市级工程技术研究中心", "Designation")}


def test_a_slogan_in_quotes_is_not_a_programme(extractor):
    assert names(extractor, "增强科技创新“新动能”。", "Programme") == set()


def test_a_word_that_only_starts_with_an_ending_is_no_name(extractor):
    # 工程师 is no 工程 (a programme ending)
    assert names(extractor, "新增海外工程师12名", "Programme") == set()


# ------------------------------------------------------------ enumerations

def test_enterprises_listed_before_a_count(extractor):
    text = "组织恒远科技、华鼎新材料、瑞丰电子等5家企业申报高新技术企业"
    assert names(extractor, text, "Enterprise") == {"恒远科技", "华鼎新材料", "瑞丰电子"}


def test_a_word_before_a_count_is_no_enumeration(extractor):
    # without 等 or 、 the word before "5家公司" is a verb, not a name
    assert names(extractor, "截至年底,已有5家公司通过高新技术企业认定", "Enterprise") == set()
    assert names(extractor, "现有3家企业入驻孵化器", "Enterprise") == set()
    assert names(extractor, "青川智能、禾木生物2家企业通过认定", "Enterprise") == {"青川智能", "禾木生物"}


def test_enterprises_as_the_subject_of_a_listing(extractor):
    text = "今年以来,恒远软件、丰源电子进入拟上市企业名单,瑞达物流成功上市"
    assert names(extractor, text, "Enterprise") == {"恒远软件", "丰源电子", "瑞达物流"}


def test_listed_items_keep_their_own_type(extractor):
    text = "深化与华丰电力、江北大学、襄阳农科院等单位合作"
    assert found(extractor, text) >= {("江北大学", "University"), ("襄阳农科院", "ResearchInstitute")}


def test_quantities_listed_before_companies_are_no_companies(extractor):
    text = "力争规上工业研发费用、高新投资等企业科创指标增速达10%"
    assert names(extractor, text, "Enterprise") == set()


# ------------------------------------------------------------ context and places

def test_context_references_are_found(extractor):
    mentions = {(m.text, m.type, m.rule) for m in extractor("区科技局会同区财政局推动我区创新发展")}
    assert ("区科技局", "Agency", "Agency.context") in mentions
    assert ("区财政局", "Agency", "Agency.context") in mentions
    assert ("我区", "District", "District.context") in mentions


def test_a_merged_bureau_of_the_report_is_a_context_reference(extractor):
    mentions = {(m.text, m.rule) for m in extractor("区科技和工业信息化局获评全省科技系统先进集体")}
    assert ("区科技和工业信息化局", "Agency.context") in mentions


def test_the_chrome_of_a_document_site_is_no_part_of_an_agency(extractor):
    assert ("区科学技术局", "Agency") in found(extractor, "下载后可任意编辑区科学技术局工作总结")


def test_context_references_of_prefectures_and_banners_are_found(extractor):
    mentions = {(m.text, m.type) for m in extractor("州科技局联合州委组织部推动全州创新,旗科技局服务全旗企业")}
    assert {("州科技局", "Agency"), ("全州", "District"), ("旗科技局", "Agency"), ("全旗", "District")} <= mentions


def test_a_department_of_a_zone_committee_is_one_agency(extractor):
    assert ("青山高新区管委会科技创新局", "Agency") in found(extractor, "青山高新区管委会科技创新局牵头推进")


def test_a_county_that_reads_like_a_count_starts_a_name(extractor):
    # 五台 reads as "five machines" but is the short name of 五台县
    assert ("五台黄芪产业研究院", "ResearchInstitute") in found(extractor, "与山西农业大学共建的五台黄芪产业研究院揭牌")


def test_a_service_station_for_research_results_is_a_platform(extractor):
    found_ = found(extractor, "推进青川县科技成果转化服务站与江北大学国家大学科技园协同联动")
    assert {("青川县科技成果转化服务站", "Platform"), ("江北大学国家大学科技园", "Platform")} <= found_
    assert not any(type_ == "Platform" for _, type_ in found(extractor, "在各乡镇设立科技服务站12个"))


def test_an_area_ends_a_names_left_context(extractor):
    assert ("青峰新能源产业孵化基地", "Platform") in found(extractor, "目前,5万平方米青峰新能源产业孵化基地已开工")


def test_fields_listed_before_a_count_of_centres_are_no_enterprises(extractor):
    found_ = found(extractor, "围绕新材料、装备制造等领域认定的12家市级企业技术中心")
    assert not any(type_ == "Enterprise" for _, type_ in found_)
    assert ("青禾科技", "Enterprise") in found(extractor, "青禾科技、远航电子等3家企业获评瞪羚企业")
    # the centres of listed enterprises: the enterprises are named
    assert ("远航电子", "Enterprise") in found(extractor, "青禾科技、远航电子2家企业技术中心被认定为省级企业技术中心")


def test_an_exchange_conference_with_a_name_is_a_programme(extractor):
    assert ("“丝路”科技交流大会", "Programme") in found(extractor, "举办首届“丝路”科技交流大会")
    assert not any(type_ == "Programme" for _, type_ in found(extractor, "召开科技交流大会"))


def test_a_zone_starts_at_its_place_not_at_a_level_glued_before(extractor):
    assert ("厦门片区", "District") in found(extractor, "深化自贸试验区厦门片区改革")
    assert not any(name.startswith("区") for name, _ in found(extractor, "深化自贸试验区厦门片区改革"))


def test_an_autonomous_prefecture_of_two_groups_has_its_short_name(extractor):
    # 黔西南布依族苗族自治州: both groups go, 黔西南 stays
    assert ("黔西南州科技局", "Agency") in found(extractor, "黔西南州科技局召开全州科技工作会议")


def test_a_merged_science_and_industry_bureau_is_an_agency(extractor):
    assert ("桃源县科技工信局", "Agency") in found(extractor, "桃源县科技工信局召开专题会议")


def test_a_county_before_a_company_named_after_its_province_is_where_it_is(extractor):
    found_ = found(extractor, "凤冈县贵州青禾茶业有限公司获评瞪羚企业")
    assert {("凤冈县", "District"), ("贵州青禾茶业有限公司", "Enterprise")} <= found_
    # a county's name that the company itself bears stays in it
    assert ("凤冈县青禾茶业有限公司", "Enterprise") in found(extractor, "凤冈县青禾茶业有限公司获评瞪羚企业")


def test_a_word_ending_in_a_township_suffix_inside_a_programme_is_no_township(extractor):
    assert found(extractor, "实施“茶乡英才计划”,引进人才") == {("“茶乡英才计划”", "Programme")}
    assert not found(extractor, "组建科技型企业后备资源库")


def test_an_adverb_and_its_verb_end_a_names_left_context(extractor):
    assert found(extractor, "广泛开展科技活动周系列活动") == {("科技活动周", "Programme")}


def test_enterprises_guided_to_undertake_a_project(extractor):
    assert {("青禾食品", "Enterprise"), ("远航制冷", "Enterprise")} <= found(
        extractor, "指导青禾食品、远航制冷承担省重点研发项目")


def test_names_counted_in_jia_before_a_certification_are_enterprises(extractor):
    # no industry word ends 星河通达, but 等10家获批 counts bodies
    assert {("青禾新材料", "Enterprise"), ("星河通达", "Enterprise")} <= found(
        extractor, "青禾新材料、星河通达等10家获批省瞪羚企业")
    assert not any(type_ == "Enterprise" for _, type_ in found(extractor, "高新区、经开区等2家获批省级园区"))


def test_a_word_before_a_designation_kind_is_no_enterprise(extractor):
    # 高新技术 + 企业申报: the designation 高新技术企业, not an enterprise named 对照高新技术
    assert not any(type_ == "Enterprise" for _, type_ in found(extractor, "对照高新技术企业认定条件开展培育"))


def test_an_award_written_with_its_grade_is_a_designation(extractor):
    assert ("市科技进步二等奖", "Designation") in found(extractor, "远航电子获市科技进步二等奖")


def test_central_agencies_of_customs_and_medicines(extractor):
    assert {("海关总署", "Agency"), ("国家药监局", "Agency")} <= found(extractor, "落实海关总署支持政策,配合国家药监局开展审评")


def test_kinds_of_enterprise_counted_without_their_head(extractor):
    assert {("雏鹰", "Designation"), ("瞪羚", "Designation")} <= found(extractor, "其中,雏鹰36家、瞪羚12家")
    assert ("雏鹰计划", "Programme") in found(extractor, "实施雏鹰计划")


@pytest.mark.parametrize("text, name", [
    ("3月青山先进材料研究中心揭牌", "青山先进材料研究中心"),          # a month before the name
    ("今年继续排摸市级企业技术中心培育名单", None),                     # verbs before a level: no name
])
def test_months_and_verbs_end_a_names_left_context(extractor, text, name):
    platforms = names(extractor, text, "Platform")
    assert platforms == ({name} if name else set())


def test_big_city_is_no_short_name_of_a_university(extractor):
    assert not any(type_ == "University" for _, type_ in found(extractor, "建设国际化滨海大都市"))


@pytest.mark.parametrize("text, designation", [
    ("4家企业获评市高新技术企业20强", "市高新技术企业20强"),      # a ranking of a kind
    ("远航电子获批省科学技术二等奖", "省科学技术二等奖"),          # a graded award
])
def test_rankings_and_grades_of_designations(extractor, text, designation):
    assert designation in names(extractor, text, "Designation")


def test_a_ranking_in_digits_ends_an_honour(extractor):
    assert "贵州省民营企业50强" in names(extractor, "青木新材跻身2024年贵州省民营企业50强", "Designation")


def test_county_short_names_need_the_report_context(extractor):
    text = "与谷城、保康等县市开展合作"
    assert names(extractor, text, "District") == set()
    local = ReportContext(frozenset({"谷城", "保康"}))
    assert {m.text for m in extractor(text, local) if m.type == "District"} == {"谷城", "保康"}


def test_report_context_holds_the_children_of_named_divisions(extractor):
    text = "襄阳市科技局来我区调研。"
    report = Report("d-1", "d", "x.txt", "0", "襄州区科技局工作总结", text, district="襄州区",
                    parents=("湖北省", "襄阳市"))
    sentence = Sentence("d-1-s1", "d-1", "", "summary", text, 0, len(text))
    local = extractor.report_context(report, [sentence]).local
    assert {"襄州", "谷城", "襄阳"} <= local


def test_road_names_are_no_places(extractor):
    assert names(extractor, "推动延安路科创走廊建设", "District") == set()


# ------------------------------------------------------------ report level

def test_extract_mentions_offsets_index_the_report_text():
    text = "二〇二三年工作总结\n全年新增江北区恒远智能科技有限公司等3家高新技术企业。区科技局与江北大学共建联合实验室。"
    report = Report("d-1", "d", "x.txt", "0", "工作总结", text, district="江北区", parents=("湖北省",))
    sentences = []
    start = 0
    for n, part in enumerate(text.split("。")[:-1], 1):
        sentences.append(Sentence(f"d-1-s{n}", "d-1", "", "summary", part + "。", start, start + len(part) + 1))
        start += len(part) + 1
    mentions = extract_mentions(report, sentences)
    assert mentions
    for m in mentions:
        assert report.text[m.start:m.end] == m.text
        assert m.report_id == "d-1" and m.sent_id.startswith("d-1-s")
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    rules = {m.text: m.rule for m in mentions}
    assert rules["江北区恒远智能科技有限公司"] == "Enterprise.suffix.有限公司"
    assert rules["江北大学"] == "University.suffix.大学"


def test_extract_mentions_on_the_shared_report(report_text):
    report = Report("q-1", "q", "q.txt", "0", "青山县科学技术局2023年工作总结及2024年工作计划", report_text,
                    issuer="青山县科学技术局", district="青山县")
    sentences = []
    for n, line in enumerate(report_text.split("\n"), 1):
        start = report_text.index(line) if line else 0
        if line.strip():
            sentences.append(Sentence(f"q-1-s{n}", "q-1", "", "summary", line, start, start + len(line)))
    got = {(m.text, m.type) for m in extract_mentions(report, sentences)}
    assert {("青山县绿源农业科技有限公司", "Enterprise"), ("江北大学", "University"),
            ("青山县新材料产业研究院", "ResearchInstitute"), ("高新技术企业", "Designation"),
            ("省级众创空间", "Designation"), ("科技活动周", "Programme"),
            ("青山县科学技术局", "Agency")} <= got


# ------------------------------------------------------------ patterns file

def test_patterns_load_with_ids_and_labels():
    patterns = load_patterns()
    assert {p["id"] for p in patterns} >= {"Policy.title", "Enterprise.list"}
    assert all(p["label"] for p in patterns)


def test_a_pattern_with_an_unknown_label_is_reported(tmp_path: Path):
    file = tmp_path / "entities.jsonl"
    file.write_text(json.dumps({"id": "x", "label": "Person", "pattern": "某某"}) + "\n", encoding="utf-8")
    with pytest.raises(PatternError, match="valid labels: District"):
        load_patterns(file)


def test_a_pattern_that_does_not_compile_is_reported(tmp_path: Path):
    file = tmp_path / "entities.jsonl"
    file.write_text(json.dumps({"id": "x", "label": "Policy", "pattern": "《(未闭合"}) + "\n", encoding="utf-8")
    with pytest.raises(PatternError, match="entities.jsonl:1"):
        load_patterns(file)


# ------------------------------------------------------------ second-round rules

@pytest.mark.parametrize("text, town", [
    ("选派科技特派员20名服务李家镇、桃源镇等乡镇", "李家镇"),          # 家 is a classifier only after a numeral
    ("在清和街道、东岭街道建设科普驿站3个", "清和街道"),                # 和 inside the name
    ("科技特派员深入金沙塔街道开展服务", "金沙塔街道"),                # three characters after a stop word
    ("服务青岗街道、白石彝族乡等乡镇(街道)", "白石彝族乡"),            # an ethnic township
    ("在东岭街道建设科普驿站", "东岭街道"),
])
def test_townships_are_found_after_verbs_and_in_lists(extractor, text, town):
    assert town in names(extractor, text, "District")


@pytest.mark.parametrize("text, wrong", [
    ("组织青山镇等工业镇开展技术对接", "工业镇"),                      # a kind of township
    ("获批国家超级计算淮安中心", "计算淮安"),
    ("推动社区和街道建设科普阵地", "社区和街道"),
    ("创建省级特色镇3个", "特色镇"),
    ("科技特派员服务沿海街道", "沿海街道"),
    ("支持农业乡发展特色产业", "农业乡"),
])
def test_no_township_from_kinds_and_words(extractor, text, wrong):
    assert not any(wrong in n for n in names(extractor, text, "District"))


@pytest.mark.parametrize("text, zone", [
    ("主动对接南通生物医药高新区开展合作", "南通生物医药高新区"),
    ("与合肥滨湖新技术开发区签订合作协议", "合肥滨湖新技术开发区"),
])
def test_a_zone_named_by_a_place_and_a_word(extractor, text, zone):
    assert zone in names(extractor, text, "District")


def test_the_parties_of_a_joint_platform_named_with_a_dash(extractor):
    got = found(extractor, "江城理工大学与恒远新材料有限公司共建江理工—恒远高分子材料联合创新中心")
    assert ("江理工—恒远高分子材料联合创新中心", "Platform") in got
    assert ("江城理工大学", "University") in got


@pytest.mark.parametrize("text, name, type_", [
    ("支持青禾种业与湖南省农业科学院共建水稻育种联合研发中心", "湖南省农业科学院", "ResearchInstitute"),
    ("推动恒远电子与江城大学共建智能传感联合实验室", "江城大学", "University"),
    ("办好江城大学溧水技术转移中心", "江城大学溧水技术转移中心", "Platform"),
    ("联合江北精工机械有限公司等单位组建产业创新联盟", "江北精工机械有限公司", "Enterprise"),
    ("联合宜宾市农业科学研究院实施示范项目", "宜宾市农业科学研究院", "ResearchInstitute"),
    ("组织企业参加第九届中国(合肥)国际科技成果博览会", "第九届中国(合肥)国际科技成果博览会", "Programme"),
])
def test_names_start_after_verbs_and_a_party_before_with(extractor, text, name, type_):
    assert name in names(extractor, text, type_)


@pytest.mark.parametrize("text, name", [
    ("项目荣获安徽省科学技术进步奖一等奖", "安徽省科学技术进步奖"),
    ("新增江西省知识产权示范企业5家", "江西省知识产权示范企业"),
    ("我区获评安徽省科技创新工作先进单位", "安徽省科技创新工作先进单位"),
    ("白沙镇入选江西省技术创新专业镇", "江西省技术创新专业镇"),
    ("恒远食品获评农业产业化国家重点龙头企业", "农业产业化国家重点龙头企业"),
    ("我县入选国家知识产权强县建设试点县", "国家知识产权强县建设试点县"),
    ("恒远药业获批江西省研究生工作站", "江西省研究生工作站"),
    ("市科技局获评全国科技管理系统先进集体", "全国科技管理系统先进集体"),
    ("恒远信息被认定为江西省科技型中小企业“创新能力提升”示范企业", "江西省科技型中小企业“创新能力提升”示范企业"),
])
def test_honours_and_lists_are_designations(extractor, text, name):
    assert name in names(extractor, text, "Designation")


@pytest.mark.parametrize("text, name", [
    ("组织开展“科普进校园”、“专家下乡月”等活动20场", "“专家下乡月”"),
    ("举办“成果进园区”对接活动6场", "“成果进园区”对接活动"),
    ("恒远药业“新型靶向制剂关键技术研究及产业化”项目获省科学技术进步奖", "“新型靶向制剂关键技术研究及产业化”"),
])
def test_quoted_programmes_in_lists_and_project_titles(extractor, text, name):
    assert name in names(extractor, text, "Programme")


@pytest.mark.parametrize("text, wrong", [
    ("推行“科技特派员+合作社+农户”服务模式", "科技特派员+合作社"),
    ("为农业服务企业和专业合作社提供技术指导", "农业服务企业和专业合作社"),
    ("支持科技特派员领办创办农民专业合作社", "农民专业合作社"),
])
def test_cooperatives_in_general_are_no_enterprise(extractor, text, wrong):
    assert wrong not in names(extractor, text, "Enterprise")


def test_two_names_joined_by_ji_are_two(extractor):
    got = names(extractor, "在第五届中国创新创业大赛(江西赛区)暨第三届江西省创新创业大赛中获奖", "Programme")
    assert "第三届江西省创新创业大赛" in got
    assert not any("暨" in n for n in got)


@pytest.mark.parametrize("text, name, type_", [
    ("推荐申报江西省“千人计划”和赣州市高层次人才", "江西省“千人计划”", "Programme"),
    ("推荐科技人才申报兴赣英才支持计划", "兴赣英才支持计划", "Programme"),
    ("在张江设立瑞金科创飞地", "瑞金科创飞地", "Platform"),
    ("与省农业科学院共建瑞金现代农业科技综合示范基地", "瑞金现代农业科技综合示范基地", "Platform"),
    ("恒远药业院士(专家)工作站通过验收", "恒远药业院士(专家)工作站", "Platform"),
    ("恒远药业获批江西省院士(专家)工作站", "江西省院士(专家)工作站", "Designation"),
    ("我县入选江西省科技特派员工作示范县(市)", "江西省科技特派员工作示范县(市)", "Designation"),
])
def test_quoted_and_bracketed_names(extractor, text, name, type_):
    assert name in names(extractor, text, type_)


def test_a_quoted_chain_of_kinds_is_no_platform(extractor):
    assert not names(extractor, "构建“众创空间—孵化器—加速器”孵化链条", "Platform")


@pytest.mark.parametrize("text, name", [
    ("实施科技型企业“登高”计划", "科技型企业“登高”计划"),                        # a designation kind before the quote
    ("推荐企业申报江西省科技型中小企业“专精提升”项目", "江西省科技型中小企业“专精提升”项目"),
    ("举办“校企协同创新对接会”4场", "“校企协同创新对接会”"),
    ("设立总规模3亿元的瑞金市科创投资基金", "瑞金市科创投资基金"),
    ("获批江西省科技成果转化专项资金项目2项", "江西省科技成果转化专项资金项目"),
    ("组织企业参加中国—东盟技术转移与创新合作大会", "中国—东盟技术转移与创新合作大会"),
])
def test_programme_endings_and_prefixes(extractor, text, name):
    assert name in names(extractor, text, "Programme")


@pytest.mark.parametrize("text, wrong", [
    ("举办校企对接会", "校企对接会"),                                     # 对接会 needs a quoted name
    ("申报省“揭榜挂帅”项目", "省“揭榜挂帅”项目"),                          # a level alone keeps 项目 out
])
def test_no_programme_from_plain_endings(extractor, text, wrong):
    assert wrong not in names(extractor, text, "Programme")


def test_a_short_form_inside_a_word_is_no_district(extractor):
    assert "江西" not in names(extractor, "打造珠江西岸先进装备制造产业带", "District")


def test_a_place_and_a_short_university_name_open_an_institute(extractor):
    got = found(extractor, "推动宜宾南溪理大先进材料研究院建设")
    assert ("宜宾南溪理大先进材料研究院", "ResearchInstitute") in got
    assert not any(t == "University" for _, t in got)


def test_generic_words_before_and_are_no_part_of_a_platform(extractor):
    assert not names(extractor, "鼓励企业在发达地区设研究院和技术中心", "Platform")


def test_a_part_of_a_province_opens_a_platform_name(extractor):
    got = names(extractor, "联合恒远光学等单位组建皖南精密光学产业创新联盟", "Platform")
    assert "皖南精密光学产业创新联盟" in got


@pytest.mark.parametrize("text", ["推动宁波市相关开发区提质增效", "郑州市两个开发区获评先进", "推动南京市国家级高新区建设"])
def test_no_zone_named_by_a_count_a_level_or_a_determiner(extractor, text):
    assert not any(n.endswith(("开发区", "高新区")) and len(n) > 5 for n in names(extractor, text, "District"))


# ------------------------------------------------------------ boundaries of joint, contest and designation names

@pytest.mark.parametrize("text,name", [
    ("与老挝有关机构合作建设中老香料作物联合实验室。", "中老香料作物联合实验室"),
    ("依托学院组建中德智能制造联合研究中心。", "中德智能制造联合研究中心"),
])
def test_zhong_and_a_country_abbreviation_open_a_joint_platform(extractor, text, name):
    assert name in names(extractor, text, "Platform")


@pytest.mark.parametrize("text", ["推荐企业参加第九届中国创新创业大赛湖南赛区比赛。",
                                  "组织参加第九届中国创新创业大赛（湖南赛区）决赛。"])
def test_a_contest_region_stays_with_the_contest(extractor, text):
    programmes = names(extractor, text, "Programme")
    assert any(p.startswith("第九届中国创新创业大赛") and "湖南赛区" in p for p in programmes)
    assert "湖南" not in names(extractor, text, "District")


def test_a_designation_list_is_named_by_its_kind(extractor):
    assert names(extractor, "全区共有9家企业入选省级专精特新中小企业名单。", "Designation") == {"省级专精特新中小企业"}


@pytest.mark.parametrize("text,name", [
    ("年内成功创建省级科普示范区。", "省级科普示范区"),
    ("我县顺利通过国家级科普示范县(区)复核。", "国家级科普示范县(区)"),
    ("2家企业被认定为省级技术创新示范企业。", "省级技术创新示范企业"),
    ("新增国家技术创新示范企业1家。", "国家技术创新示范企业"),
    ("我市连续三次获评全国科技进步先进市。", "全国科技进步先进市"),
])
def test_demonstration_and_progress_designations(extractor, text, name):
    assert name in names(extractor, text, "Designation")


def test_field_words_and_a_platform_ending_after_a_co_building_verb(extractor):
    text = "区内企业与农业大学共建生物育种工程技术研究中心。"
    assert "生物育种工程技术研究中心" in names(extractor, text, "Platform")


def test_a_quoted_promotion_centre_is_a_platform_but_an_office_is_not(extractor):
    assert any("沅江技术创新促进中心" in n for n in names(extractor, "揭牌成立“沅江技术创新促进中心”。", "Platform"))
    assert not names(extractor, "依托区政务服务中心办理业务。", "Platform")


@pytest.mark.parametrize("verb", ["摘得", "斩获", "夺得", "荣获", "获得"])
def test_a_winning_verb_ends_the_left_of_a_contest(extractor, verb):
    text = f"恒远智能装备有限公司{verb}第八届中国创新创业大赛优秀奖。"
    assert names(extractor, text, "Programme") == {"第八届中国创新创业大赛"}
    assert "恒远智能装备有限公司" in names(extractor, text, "Enterprise")


# ------------------------------------------------------------ designations of kinds not listed

@pytest.mark.parametrize("text, designation", [
    ("新建市级科技人才创新实践基地2家", "市级科技人才创新实践基地"),
    ("认定省级数字化车间5个", "省级数字化车间"),
    ("入选省级服务型制造示范企业", "省级服务型制造示范企业"),
    ("新增省级企业研究开发中心8家", "省级企业研究开发中心"),
    ("禾丰园区获批省级小型微型企业创业创新示范基地", "省级小型微型企业创业创新示范基地"),
])
def test_a_level_and_a_designation_head_make_a_designation(extractor, text, designation):
    assert designation in names(extractor, text, "Designation")


@pytest.mark.parametrize("text", [
    "获批省级以上科技创新平台12个",       # a class of things, not one designation
    "整合省级各类研发平台资源",
    "省级孵化器在孵企业达120家",           # the head runs on into another word
])
def test_no_open_designation_for_classes_of_things(extractor, text):
    assert not any(n.startswith("省级") and len(n) > 5 for n in names(extractor, text, "Designation"))


# ------------------------------------------------------------ enterprises as partners of a co-building

@pytest.mark.parametrize("text, enterprise", [
    ("恒远电子与江南理工大学共建的智能传感联合实验室揭牌", "恒远电子"),
    ("推动金石重工联合中南大学组建高端装备创新联合体", "金石重工"),
    ("促成青峰能源与东南大学合作建设风电技术研究中心", "青峰能源"),
    ("鼎泰机械、浙江大学合作共建智能制造联合研发中心", "鼎泰机械"),
])
def test_a_short_enterprise_name_as_a_partner(extractor, text, enterprise):
    assert enterprise in names(extractor, text, "Enterprise")


def test_an_industry_word_alone_is_no_partner(extractor):
    assert names(extractor, "加强科技与金融合作", "Enterprise") == set()


@pytest.mark.parametrize("text, institute", [
    ("中科院微生物所落地我区建设产业研究院", "中科院微生物所"),
    ("与中国农科院饲料所开展合作", "中国农科院饲料所"),
    ("邀请省农科院植保所专家授课", "省农科院植保所"),
])
def test_an_academy_institute_by_its_short_name(extractor, text, institute):
    assert institute in names(extractor, text, "ResearchInstitute")


def test_an_academy_in_an_enumeration_is_no_institute_name(extractor):
    assert names(extractor, "联合省科学院等科研院所攻关", "ResearchInstitute") == {"省科学院"}


def test_an_enterprise_that_succeeded_in_a_certification(extractor):
    assert names(extractor, "凯丰新材料成功获批设立省级博士后创新实践基地", "Enterprise") == {"凯丰新材料"}


def test_an_enumeration_before_a_long_designation(extractor):
    text = "认定蓝图新能源、中科新能等8家省潜在独角兽企业"
    assert names(extractor, text, "Enterprise") == {"蓝图新能源", "中科新能"}


# ------------------------------------------------------------ designations named after a certification verb

@pytest.mark.parametrize("text, designation", [
    ("获评高成长性创新型企业15家", "高成长性创新型企业"),
    ("连续3年入选全国创新能力百强城市", "全国创新能力百强城市"),
    ("1名外国专家荣获2023年度省政府友谊奖", "省政府友谊奖"),
    ("获评全国科普日活动先进集体", "全国科普日活动先进集体"),
    ("甲乙公司获批认定为省级创新型领军企业", "省级创新型领军企业"),     # two verbs: neither is in the name
    ("我县被批准为国家知识产权强县工程示范县", "国家知识产权强县工程示范县"),
    ("3个合作社被认定为省级科技型农民专业合作组织", "省级科技型农民专业合作组织"),
])
def test_a_name_after_a_certification_verb_is_a_designation(extractor, text, designation):
    assert designation in names(extractor, text, "Designation")
    assert not any(name.startswith(("认定", "获批")) for name in names(extractor, text, "Designation"))


@pytest.mark.parametrize("text", [
    "获得资金支持1000万元",
    "荣获初创企业组优秀奖",                 # a prize category, not a designation
    "获得市级及以上科学技术奖12项",          # a class of awards
    "成为全区首个省级技术创新中心",          # a ranking before the designation
])
def test_no_designation_after_a_certification_verb(extractor, text):
    found = names(extractor, text, "Designation")
    assert not any(n.startswith(("资金", "初创", "市级及以上", "全区")) for n in found)


@pytest.mark.parametrize("text, designation", [
    ("入选工信部第六批国家级专精特新“小巨人”企业名单", "国家级专精特新“小巨人”企业"),
    ("2家企业被认定为河北省专精特新冠军企业", "河北省专精特新冠军企业"),
    ("青松光电成功获批设立国家级博士后科研工作站", "国家级博士后科研工作站"),
])
def test_designation_boundaries(extractor, text, designation):
    assert designation in names(extractor, text, "Designation")


def test_a_listed_kind_does_not_run_on_over_a_verb(extractor):
    found = names(extractor, "青禾农场星创天地被认定为省级星创天地", "Designation")
    assert found == {"省级星创天地"}


# ------------------------------------------------------------ two-character counties, zones' bodies

def test_a_two_character_county_before_a_body(extractor):
    found = {(m.text, m.type) for m in extractor("沛县人民政府与江苏师范大学共建研究院")}
    assert ("沛县人民政府", "Agency") in found and ("沛县", "District") in found


def test_a_two_character_county_after_its_province(extractor):
    assert "萧县" in names(extractor, "安徽省萧县新增高新技术企业12家", "District")


def test_a_two_character_county_name_inside_a_word_is_none(extractor):
    assert names(extractor, "统筹城市和县域科技资源", "District") == set()


def test_a_development_zones_body(extractor):
    found = {(m.text, m.type) for m in extractor("长治经开区科技创新局联合多家单位举办活动")}
    assert ("长治经开区科技创新局", "Agency") in found and ("长治经开区", "District") in found


@pytest.mark.parametrize("text, enterprise", [
    ("推动金石模具与太原科技大学共建联合实验室", "金石模具"),
    ("支持恒远铸造联合湖南工业大学共建重点实验室", "恒远铸造"),
    ("华辰激光与江南大学合作共建联合实验室", "华辰激光"),
])
def test_industry_words_of_manufacturing_end_short_names(extractor, text, enterprise):
    assert enterprise in names(extractor, text, "Enterprise")


@pytest.mark.parametrize("text, programme", [
    ("深入实施青川英才集聚工程", "青川英才集聚工程"),
    ("推进规上企业研发机构倍增行动", "规上企业研发机构倍增行动"),
    ("发放人才价值信用贷款1.5亿元", "人才价值信用贷款"),
    ("设立高新区科创天使基金", "高新区科创天使基金"),
    ("获批晋中市揭榜挂帅科技项目3项", "晋中市揭榜挂帅科技项目"),
])
def test_programme_names_with_their_own_verbs_and_finance_products(extractor, text, programme):
    assert programme in names(extractor, text, "Programme")


@pytest.mark.parametrize("text, platform", [
    ("建成汉水科技大市场高新区分市场", "汉水科技大市场高新区分市场"),
    ("青林镇青峰茶叶科技小院入选示范名单", "青林镇青峰茶叶科技小院"),
    ("启用青江区科技馆新馆", "青江区科技馆"),
    ("新建青江区技术转移服务中心", "青江区技术转移服务中心"),
])
def test_technology_markets_service_centres_and_science_carriers(extractor, text, platform):
    assert platform in names(extractor, text, "Platform")


def test_a_universitys_campus_in_brackets_belongs_to_its_name(extractor):
    found = {(m.text, m.type) for m in extractor("恒远智能携手北京理工大学(珠海)打造联合实验室")}
    assert ("北京理工大学(珠海)", "University") in found
    assert not any(t == "District" for _, t in found)


@pytest.mark.parametrize("text", ["评为科技示范镇", "覆盖全县各街镇"])
def test_kinds_of_towns_are_no_town_names(extractor, text):
    assert names(extractor, text, "District") <= {"全县"}


@pytest.mark.parametrize("text, designation", [
    ("以建设创新型县为目标,培育发展新质生产力", "创新型县"),
    ("新认定省级高新技术产品46个", "省级高新技术产品"),
])
def test_designations_named_without_a_level(extractor, text, designation):
    assert designation in names(extractor, text, "Designation")


def test_a_township_of_three_characters_before_a_verb(extractor):
    assert "青石岭镇" in names(extractor, "青石岭镇被评为市级科技示范乡镇", "District")


@pytest.mark.parametrize("text, designation", [
    ("青川县被省政府评为2024年度全省科技创新工作先进县(市、区)", "全省科技创新工作先进县(市、区)"),
    ("青石岭镇被评为市级科技示范乡镇", "市级科技示范乡镇"),
])
def test_honours_of_places(extractor, text, designation):
    assert designation in names(extractor, text, "Designation")


def test_no_honour_for_every_township(extractor):
    assert names(extractor, "科技特派员服务覆盖各乡镇", "Designation") == set()


def test_a_quoted_honour_after_a_verb(extractor):
    text = '青川县被省人民政府授予"2023年度全省科技创新工作先进县"称号'
    assert "全省科技创新工作先进县" in names(extractor, text, "Designation")


def test_a_kind_written_with_straight_quotes(extractor):
    text = '青禾科技有限公司获评国家级专精特新"小巨人"企业'
    assert names(extractor, text, "Designation") == {'国家级专精特新"小巨人"企业'}


def test_enterprises_that_passed_a_certification(extractor):
    text = "青峰硅材、禾川传感通过国家知识产权示范企业认定"
    assert names(extractor, text, "Enterprise") == {"青峰硅材", "禾川传感"}


def test_money_set_aside_is_not_part_of_a_programmes_name(extractor):
    assert names(extractor, "县财政安排科技专项资金800万元", "Programme") == set()
    assert names(extractor, "实施全社会研发投入攻坚行动", "Programme") == {"全社会研发投入攻坚行动"}


def test_a_later_item_of_a_list_opening_with_a_verb(extractor):
    text = "依托青禾新材组建的锂电实验室、依托禾川光电组建的显示实验室等2家平台获批市级创新平台"
    assert names(extractor, text, "Enterprise") == {"青禾新材", "禾川光电"}


def test_research_inside_a_programmes_name(extractor):
    assert "河北省重点研究与开发计划" in names(extractor, "2个项目入选河北省重点研究与开发计划", "Programme")


def test_a_place_and_descriptive_words_name_a_platform(extractor):
    assert "青江区现代农业科技示范园" in names(extractor, "建成青江区现代农业科技示范园", "Platform")
    assert names(extractor, "建设专业化众创空间", "Platform") == set()


def test_a_verb_of_lacking_is_no_part_of_a_platform(extractor):
    assert names(extractor, "缺少国家级重点实验室", "Platform") == set()


def test_a_quoted_mechanism_in_a_project_calls_name(extractor):
    text = "获批青川市“揭榜挂帅”科技项目3项"
    assert "青川市“揭榜挂帅”科技项目" in names(extractor, text, "Programme")


def test_a_university_science_park_is_a_platform(extractor):
    found = {(m.text, m.type) for m in extractor("青川学院大学科技园新增在孵企业30家")}
    assert ("青川学院大学科技园", "Platform") in found and ("青川学院", "University") in found


def test_a_national_academy_after_a_conjunction_opens_a_new_name(extractor):
    found = names(extractor, "青川智算与中国科学院某地绿色智能技术研究院联合组建", "ResearchInstitute")
    assert all(n.startswith("中国科学院") for n in found) and found


def test_banks_are_enterprises_and_kinds_of_banks_are_none(extractor):
    assert names(extractor, "与青川农商银行合作推出科技贷", "Enterprise") == {"青川农商银行"}
    assert names(extractor, "鼓励各商业银行设立科技支行", "Enterprise") == set()


def test_a_list_of_enterprises_before_a_relative_clause(extractor):
    text = "摸排出青禾电力、禾川电气等29家计划申报高企的企业"
    assert names(extractor, text, "Enterprise") == {"青禾电力", "禾川电气"}


def test_a_designation_counted_right_after_it(extractor):
    assert "高成长性创新型企业" in names(extractor, "获评高成长性创新型企业数达20家", "Designation")


def test_a_two_character_county_before_a_year(extractor):
    assert "沛县" in names(extractor, "沛县2023年度56家高新技术企业纳入白名单", "District")


@pytest.mark.parametrize("text", ["用实际行动践行初心使命", "制定专题学习计划"])
def test_phrases_ending_like_programmes_that_name_none(extractor, text):
    assert names(extractor, text, "Programme") == set()


def test_a_certification_verb_inside_a_longer_word_names_nothing(extractor):
    assert names(extractor, "对获奖企业给予一次性奖励", "Designation") == set()


def test_a_division_and_its_own_level_before_a_kind(extractor):
    assert "河北省省级农业科技园区" in names(extractor, "顺利通过河北省省级农业科技园区验收", "Designation")
    # a county's park certified by the province: the county is no part of the designation
    assert names(extractor, "沛县省级农业科技园区通过验收", "Designation") == {"省级农业科技园区"}


def test_a_verb_of_stimulating_before_a_market_names_no_platform(extractor):
    assert names(extractor, "激发技术市场活力", "Platform") == set()


def test_a_quoted_name_certified_as_a_kind_of_platform_is_a_platform(extractor):
    found_ = found(extractor, "北岸街道“青梧创客汇”获评省级众创空间,“科技小院”获评省级示范项目")
    assert ("青梧创客汇", "Platform") in found_
    assert not any(name == "科技小院" and type_ == "Platform" for name, type_ in found_)


def test_quoted_designations_conferred_together_are_each_a_designation():
    text = "青山工业园区被授予“国家有色金属及精深加工新型工业化产业示范基地”和“有色金属精深加工高新技术产业化基地”。"
    found = [(m.text, m.type) for m in default_extractor()(text) if m.type == "Designation"]
    assert found == [("“国家有色金属及精深加工新型工业化产业示范基地”", "Designation"),
                     ("“有色金属精深加工高新技术产业化基地”", "Designation")]


@pytest.mark.parametrize("text, name", [
    ("江北市获批国家知识产权试点城市。", "国家知识产权试点城市"),
    ("远航电子获评省级专利试点示范企业。", "省级专利试点示范企业"),
    ("青禾科技通过知识产权贯标企业认证。", "知识产权贯标企业"),
    ("青山县获评省级科技进步示范县。", "省级科技进步示范县"),
    ("溪口社区获评省级科普示范社区。", "省级科普示范社区"),
])
def test_designation_kinds_of_intellectual_property_and_popular_science(text, name):
    assert name in [m.text for m in default_extractor()(text) if m.type == "Designation"]


@pytest.mark.parametrize("text, name", [
    ("南湖学院陈刚教授与青山矿业有限公司合作建设的研发中心投入使用。", "青山矿业有限公司"),
    ("评审后确定石桥镇湖南青禾生态农业有限责任公司为示范点。", "湖南青禾生态农业有限责任公司"),
])
def test_an_enterprise_name_starts_after_a_person_or_a_township(text, name):
    assert [m.text for m in default_extractor()(text) if m.type == "Enterprise"] == [name]


def test_a_quoted_activity_keeps_its_ending():
    found = [m.text for m in default_extractor()("持续开展“专家进企业”活动,组织“政策上门”活动。") if m.type == "Programme"]
    assert found == ["“专家进企业”活动", "“政策上门”活动"]


@pytest.mark.parametrize("text", [
    "今年青山区计划建成科技企业孵化器2家。",
    "完成28个建设工程项目的消防验收。",
])
def test_no_programme_in_a_place_with_a_verb_or_a_construction_project(text):
    assert [m.text for m in default_extractor()(text) if m.type == "Programme"] == []


def test_quoted_titles_before_cheng_hao_are_each_a_designation():
    text = "区科技局荣获国家级“绿色示范机关”、“全省科技统计工作先进单位”和全市“安全生产先进单位”等荣誉称号。"
    found = [m.text for m in default_extractor()(text) if m.type == "Designation"]
    assert found == ["国家级“绿色示范机关”", "“全省科技统计工作先进单位”", "全市“安全生产先进单位”"]


def test_a_titled_honour_with_a_year_is_read_without_it():
    found = [m.text for m in default_extractor()("青山区被省人民政府授予“2025年度全省科技成果转化工作先进区”称号。")
             if m.type == "Designation"]
    assert found == ["全省科技成果转化工作先进区"]


@pytest.mark.parametrize("text, name", [
    ("今年全区科技工作成效明显,首捧省“创新发展鼎”。", "省“创新发展鼎”"),
    ("青山区连续三年获“创新发展鼎”。", "“创新发展鼎”"),
    ("远航电子捧回“青山创新杯”。", "“青山创新杯”"),
])
def test_a_trophy_won_is_a_designation(text, name):
    assert [m.text for m in default_extractor()(text) if m.type == "Designation"] == [name]


@pytest.mark.parametrize("text, name, type_", [
    ("加快建设青岚科学谷和江北智创谷。", "青岚科学谷", "Platform"),
    ("东湖青创空间入驻团队20个。", "东湖青创空间", "Platform"),
    ("举办第三届青山人才周。", "第三届青山人才周", "Programme"),
    ("远航仪表获评省级智能制造试点示范企业。", "省级智能制造试点示范企业", "Designation"),
    ("青禾股份入选省级创新标杆企业。", "省级创新标杆企业", "Designation"),
])
def test_kinds_of_valleys_talent_weeks_and_smart_manufacturing(text, name, type_):
    assert name in [m.text for m in default_extractor()(text) if m.type == type_]


@pytest.mark.parametrize("text, name", [
    ("推动临江科创带和东湖科技大走廊建设。", "临江科创带"),
    ("推动临江科创带和东湖科技大走廊建设。", "东湖科技大走廊"),
    ("新建龙泉创新生态圈。", "龙泉创新生态圈"),
    ("启动编制东川综合性科学中心三年规划。", "东川综合性科学中心"),
    ("建成白沙产学研基地和石湖生态工业园。", "白沙产学研基地"),
    ("建成白沙产学研基地和石湖生态工业园。", "石湖生态工业园"),
    ("组建沿江绿色化工创新创业共同体。", "沿江绿色化工创新创业共同体"),
    ("设立云溪科创广场。", "云溪科创广场"),
])
def test_corridors_circles_and_bases_are_platforms(text, name):
    assert name in [m.text for m in default_extractor()(text) if m.type == "Platform"]


def test_joining_a_consortium_is_no_part_of_its_name():
    names = [m.text for m in default_extractor()("推动5家企业加入省级生物医药创新联合体,加入长江科创走廊。")]
    assert "长江科创走廊" in names
    assert not any(n.startswith("加入") for n in names)


@pytest.mark.parametrize("text, name", [
    ("彰显青岚科技城创新活力。", "青岚科技城"),
    ("擦亮江北重点实验室品牌。", "江北重点实验室"),
])
def test_a_verb_before_a_platform_is_no_part_of_its_name(text, name):
    assert [m.text for m in default_extractor()(text) if m.type == "Platform"] == [name]


def test_enterprises_of_a_cultivation_plan_hold_a_designation():
    found = [(m.text, m.type) for m in default_extractor()("远航电子等5家企业入选青山市瞪羚培育计划企业。")
             if m.type in ("Designation", "Programme")]
    assert found == [("青山市瞪羚培育计划企业", "Designation")]


def test_an_unquoted_project_title_before_deng_n_projects_selected():
    text = "今年全区科技工作取得新成效,其中高效低毒农药中间体绿色合成技术开发与应用示范等四个项目被列为全省重点研发计划项目。"
    found = [m.text for m in default_extractor()(text) if m.type == "Programme"]
    assert "高效低毒农药中间体绿色合成技术开发与应用示范" in found


@pytest.mark.parametrize("text, name", [
    ("青禾研究院的芯片项目获批今年度省“领航”专项。", "省“领航”专项"),
    ("远航电子入选国家“万人计划”。", "国家“万人计划”"),
])
def test_a_level_right_before_a_quoted_programme_belongs_to_it(text, name):
    assert name in [m.text for m in default_extractor()(text) if m.type == "Programme"]


def test_a_places_whole_before_a_quoted_programme_is_no_level_of_it():
    names = [m.text for m in default_extractor()("全省“领航”专项共支持12项。") if m.type == "Programme"]
    assert names == ["“领航”专项"]


def test_a_short_company_name_before_its_projects_quoted_title_is_an_enterprise():
    text = "青岚研究院“高精度传感芯片研发”获批省重大专项、远航智能“果园采摘机器人研发”获省级科技专项。"
    found = [(m.type, m.text) for m in default_extractor()(text)]
    assert ("Enterprise", "远航智能") in found
    assert ("Programme", "果园采摘机器人研发") in found


@pytest.mark.parametrize("text, name", [
    ("牵头推进“双百双千工程”。", "“双百双千工程”"),
    ("推进“十百千”行动。", "“十百千”行动"),
])
def test_a_quoted_programme_may_open_with_numerals(text, name):
    assert name in [m.text for m in default_extractor()(text) if m.type == "Programme"]


@pytest.mark.parametrize("text, name, type_", [
    ("东岭·智谷创新示范基地入选省级双创示范基地名单。", "东岭·智谷创新示范基地", "Platform"),
    ("青禾公司被认定为青州市科技创新示范基地。", "青州市科技创新示范基地", "Designation"),
])
def test_a_named_demonstration_base_is_a_platform_a_citys_kind_a_designation(text, name, type_):
    assert name in [m.text for m in default_extractor()(text) if m.type == type_]


@pytest.mark.parametrize("text, name", [
    ("青岚半导体的“碳化硅衬底缺陷检测技术研发”项目通过验收。", "青岚半导体"),
    ("支持高企青岚机械成功登陆科创板。", "青岚机械"),
    ("青禾新材成功挂牌新三板。", "青禾新材"),
])
def test_short_company_names_owning_a_project_or_listed_on_a_market(text, name):
    assert name in [m.text for m in default_extractor()(text) if m.type == "Enterprise"]


def test_a_status_before_a_company_stays_in_a_programmes_name():
    found = [(m.type, m.text) for m in default_extractor()("推出“高企贷”并实施高企提质培育行动。")]
    assert ("Programme", "高企提质培育行动") in found


def test_a_context_word_inside_a_longer_word_is_no_reference():
    assert [m.text for m in default_extractor()("推动企业登陆资本市场。")] == []
    assert "本市" in [m.text for m in default_extractor()("本市新增高企12家。")]


def test_the_only_one_selected_is_no_title():
    found = [m.text for m in default_extractor()("青禾联盟通过省级评审,成为青州唯一入选企业。") if m.type == "Designation"]
    assert not any("唯一" in n for n in found)


def test_a_periods_plans_in_general_are_no_policy():
    assert [m.text for m in default_extractor()("各乡镇要结合“十五五”规划谋划科技项目。")] == []
    assert "青山县“十五五”科技创新规划" in [
        m.text for m in default_extractor()("编制青山县“十五五”科技创新规划。") if m.type == "Policy"]


@pytest.mark.parametrize("text, name", [
    ("青州市政府新闻办公室举行新闻发布会。", "青州市政府新闻办公室"),
    ("青州经开区科技创新促进局牵头。", "青州经开区科技创新促进局"),
])
def test_a_press_office_and_a_zones_innovation_bureau_are_agencies(text, name):
    assert name in [m.text for m in default_extractor()(text) if m.type == "Agency"]


def test_a_short_company_name_hosting_a_platform_after_依托_is_an_enterprise():
    found = [(m.type, m.text) for m in default_extractor()("依托青禾药业建设的中药饮片工程技术研究中心通过验收。")]
    assert ("Enterprise", "青禾药业") in found
    assert not any(t == "Enterprise" for t, _ in default_extractor()("依托龙头企业建设创新平台。"))


def test_paying_out_vouchers_is_no_part_of_a_programmes_name():
    names = [m.text for m in default_extractor()("出台若干政策措施,兑现科技创新券资金120万元。")]
    assert not any(n.startswith("兑现") for n in names)


def test_a_platform_named_by_its_field_after_a_co_building_verb_and_的():
    found = [(m.type, m.text) for m in default_extractor()("青禾生物与省农科院共建的现代农业工程技术研究中心揭牌运行。")]
    assert ("Platform", "现代农业工程技术研究中心") in found
    assert default_extractor()("建设专业化众创空间。") == []
