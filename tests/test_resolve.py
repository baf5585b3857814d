"""Unit tests for the :mod:`kg.resolve` module (reports written for the tests)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg.extract import extract_mentions
from kg.model import Quantity, Relation, Report, ReportExtraction, Sentence
from kg.resolve import Resolution, resolve, write_entities_csv


def extraction(report_id: str, text: str, *, district: str | None = None, parents: tuple[str, ...] = (),
               issuer: str | None = None) -> ReportExtraction:
    """Split ``text`` on 。 and extract its mentions, as the pipeline does."""
    report = Report(report_id, report_id.split("-")[0], f"{report_id}.txt", "0", "工作总结", text,
                    issuer=issuer, district=district, parents=parents)
    sentences, start = [], 0
    for n, part in enumerate(text.split("。"), 1):
        if part:
            sentences.append(Sentence(f"{report_id}-s{n}", report_id, "", "summary", part + "。",
                                      start, start + len(part) + 1))
        start += len(part) + 1
    return ReportExtraction(report, sentences, extract_mentions(report, sentences))


def entity(res: Resolution, name: str):
    """The entity that has ``name`` as its name or one of its aliases."""
    hits = [e for e in res.entities if e.name == name or name in e.aliases]
    assert len(hits) == 1, f"{name}: {[(e.entity_id, e.aliases) for e in hits]}"
    return hits[0]


XIANGZHOU = dict(district="襄州区", parents=("湖北省", "襄阳市"), issuer="襄州区科学技术局")


def test_short_and_full_agency_names_are_one_entity():
    res = resolve([extraction("a-1", "襄州区科技局召开会议。襄州区科学技术局印发通知。", **XIANGZHOU)])
    bureau = entity(res, "襄州区科技局")
    assert bureau.name == "襄州区科学技术局"
    assert bureau.entity_id == "Agency/湖北省/襄阳市/襄州区科学技术局"
    assert "name-form" in bureau.merge_rules
    assert len(bureau.mentions) == 2


def test_an_enterprise_short_name_joins_its_registered_name():
    res = resolve([extraction("a-1", "新增襄阳恒远智能科技有限公司为高新技术企业。"
                                     "恒远智能科技、华鼎电子等3家企业入选省级专精特新中小企业名单。", **XIANGZHOU)])
    company = entity(res, "恒远智能科技")
    assert company.name == "襄阳恒远智能科技有限公司"
    assert company.merge_rules == ("enterprise-short",)
    assert entity(res, "华鼎电子").aliases == ()


def test_a_registered_name_without_its_place_joins_the_one_with_it():
    res = resolve([extraction("a-1", "推荐湖北青禾流量计有限公司等5家企业申报高新技术企业。"
                                     "其中青禾流量计有限公司通过初审。", **XIANGZHOU)])
    company = entity(res, "青禾流量计有限公司")
    assert company.name == "湖北青禾流量计有限公司"
    assert company.merge_rules == ("enterprise-short",)


def test_registered_names_of_two_places_stay_apart_from_the_placeless_one():
    res = resolve([extraction("a-1", "湖北青禾机械有限公司和襄阳青禾机械有限公司签约。"
                                     "青禾机械有限公司通过初审。", **XIANGZHOU)])
    assert entity(res, "青禾机械有限公司").aliases == ()


def test_a_short_name_that_fits_two_registered_names_stays_apart():
    res = resolve([extraction("a-1", "新增襄阳恒远科技有限公司、恒远科技发展股份有限公司。"
                                     "恒远科技、华鼎电子等2家企业获评瞪羚企业。", **XIANGZHOU)])
    assert entity(res, "恒远科技").aliases == ()


def test_same_named_districts_of_two_provinces_stay_apart():
    nanjing = extraction("n-1", "鼓楼区新增高新技术企业50家。", district="鼓楼区", parents=("江苏省", "南京市"))
    fuzhou = extraction("f-1", "鼓楼区新增高新技术企业40家。", district="鼓楼区", parents=("福建省", "福州市"))
    res = resolve([nanjing, fuzhou])
    ids = {e.entity_id for e in res.entities if e.type == "District"}
    assert ids == {"District/江苏省/南京市/鼓楼区", "District/福建省/福州市/鼓楼区"}
    assert res.lookup("n-1", "鼓楼区", "District") == "District/江苏省/南京市/鼓楼区"
    assert {e.parent for e in res.entities if e.type == "District"} == {"南京市", "福州市"}


def test_short_and_full_division_names_are_one_entity():
    res = resolve([extraction("a-1", "襄阳市科技局来我区调研。助力襄阳打造创新高地。", **XIANGZHOU)])
    city = entity(res, "襄阳")
    assert city.entity_id == "District/湖北省/襄阳市"
    assert city.name == "襄阳市"
    assert city.code == "420600"


def test_context_references_resolve_to_the_report_district_and_issuer():
    text = "区科技局在区委、区政府的领导下推动我区科技创新。全区新增高新技术企业30家,增量居全市第一。"
    res = resolve([extraction("a-1", text, **XIANGZHOU)])
    assert res.lookup("a-1", "我区", "District") == "District/湖北省/襄阳市/襄州区"
    assert res.lookup("a-1", "全区", "District") == "District/湖北省/襄阳市/襄州区"
    assert res.lookup("a-1", "全市", "District") == "District/湖北省/襄阳市"
    assert res.lookup("a-1", "区科技局", "Agency") == "Agency/湖北省/襄阳市/襄州区科学技术局"
    assert entity(res, "区委").name == "襄州区委"
    assert entity(res, "区政府").name == "襄州区人民政府"
    assert "context" in entity(res, "我区").merge_rules


def test_context_references_without_a_known_district_name_no_entity():
    res = resolve([extraction("x-1", "我区新增高新技术企业12家。")])
    assert res.lookup("x-1", "我区", "District") is None
    assert all(e.type != "District" for e in res.entities)


@pytest.mark.parametrize("forms, expected_id", [
    (["高企", "国家高新技术企业", "高新技术企业"], "Designation/高新技术企业"),
    (["省级众创空间", "省众创空间"], "Designation/省众创空间"),
])
def test_written_forms_of_a_designation_are_one_entity(forms, expected_id):
    text = "。".join(f"新增{form}5家" for form in forms) + "。"
    res = resolve([extraction("a-1", text, **XIANGZHOU)])
    designations = [e for e in res.entities if e.type == "Designation"]
    assert [e.entity_id for e in designations] == [expected_id]
    assert set(designations[0].aliases) | {designations[0].name} == set(forms)


def test_designations_of_different_levels_stay_apart():
    res = resolve([extraction("a-1", "新增省级众创空间2家、市级众创空间5家。", **XIANGZHOU)])
    assert {e.entity_id for e in res.entities if e.type == "Designation"} == {
        "Designation/省众创空间", "Designation/市众创空间"}


def test_a_programme_is_known_by_its_quoted_core():
    text = "深入实施“科技强企”行动。“科技强企”工程取得实效。以“科技强企”为抓手。"
    res = resolve([extraction("a-1", text, **XIANGZHOU)])
    programmes = [e for e in res.entities if e.type == "Programme"]
    assert len(programmes) == 1
    assert programmes[0].entity_id == "Programme/科技强企"
    assert "programme-core" in programmes[0].merge_rules


def test_editions_of_a_competition_are_one_programme():
    res = resolve([extraction("a-1", "举办第五届凤城创客大赛。第六届凤城创客大赛启动。", **XIANGZHOU)])
    assert [e.name for e in res.entities if e.type == "Programme"] == ["第五届凤城创客大赛"]


def test_a_university_short_name_joins_its_full_name():
    res = resolve([extraction("a-1", "与华中师大签订协议。华中师范大学专家来访。", **XIANGZHOU)])
    university = entity(res, "华中师大")
    assert university.name == "华中师范大学"
    assert university.entity_id == "University/华中师范大学"


def test_relations_are_mapped_to_entities_and_unresolved_ends_dropped():
    x = extraction("a-1", "襄阳恒远智能科技有限公司获批省级企业技术中心。", **XIANGZHOU)
    sentence = x.sentences[0]
    good = Relation("襄阳恒远智能科技有限公司", "certifiedAs", "省级企业技术中心", sentence.sent_id, "a-1",
                    sentence.text, sentence.start, sentence.end, "certifiedAs.获批", "Enterprise", "Designation")
    bad = Relation("某不存在公司", "certifiedAs", "省级企业技术中心", sentence.sent_id, "a-1",
                   sentence.text, sentence.start, sentence.end, "certifiedAs.获批", "Enterprise", "Designation")
    x.relations = [good, bad]
    res = resolve([x])
    assert res.dropped_relations == 1
    assert [(r.subject, r.object) for r in res.relations] == [
        ("Enterprise/襄阳恒远智能科技有限公司", "Designation/省企业技术中心")]


def test_quantities_get_their_subject_entity():
    x = extraction("a-1", "力争我区新增高新技术企业20家。", **XIANGZHOU)
    s = x.sentences[0]
    x.quantities = [
        Quantity("target", "我区", "新增高新技术企业", 20, "家", 2024, s.sent_id, "a-1", s.text, s.start, s.end, "t"),
        Quantity("target", None, "研发投入强度", 2.5, "%", 2024, s.sent_id, "a-1", s.text, s.start, s.end, "t"),
    ]
    res = resolve([x])
    assert [q.subject for q in res.quantities] == ["District/湖北省/襄阳市/襄州区"] * 2


def test_entity_ids_and_order_are_deterministic():
    texts = ["襄州区科技局与江北大学共建联合实验室。新增高新技术企业12家。",
             "恒远科技、华鼎电子等2家企业获评瞪羚企业。"]
    first = resolve([extraction(f"a-{n}", t, **XIANGZHOU) for n, t in enumerate(texts, 1)])
    second = resolve([extraction(f"a-{n}", t, **XIANGZHOU) for n, t in enumerate(texts, 1)])
    assert [e.entity_id for e in first.entities] == [e.entity_id for e in second.entities]
    assert [e.entity_id for e in first.entities] == sorted(e.entity_id for e in first.entities)


def test_write_entities_csv(tmp_path: Path):
    res = resolve([extraction("a-1", "襄州区科技局召开会议。襄州区科学技术局印发通知。新增高企3家。", **XIANGZHOU),
                   extraction("b-1", "新增高新技术企业8家。", district="鼓楼区", parents=("江苏省", "南京市"))])
    path = tmp_path / "out" / "entities.csv"
    write_entities_csv(res.entities, path)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert list(rows[0]) == ["entity_id", "type", "name", "aliases", "mentions", "reports", "merge_rules"]
    assert [r["entity_id"] for r in rows] == sorted(r["entity_id"] for r in rows)
    hightech = next(r for r in rows if r["entity_id"] == "Designation/高新技术企业")
    assert hightech["aliases"] == "高企"
    assert hightech["mentions"] == "2"
    assert hightech["reports"] == "a-1|b-1"
    bureau = next(r for r in rows if r["entity_id"].endswith("襄州区科学技术局"))
    assert bureau["merge_rules"] == "name-form"


def test_the_bureau_referred_to_is_the_report_issuer_whatever_its_full_name():
    res = resolve([extraction("w-1", "县科技局组织召开座谈会。我局全年走访企业80家。",
                              district="汶川县", parents=("四川省", "阿坝藏族羌族自治州"),
                              issuer="汶川县科学技术和信息化局")])
    issuer = "Agency/四川省/阿坝藏族羌族自治州/汶川县科学技术和信息化局"
    assert res.lookup("w-1", "县科技局", "Agency") == issuer
    assert res.lookup("w-1", "我局", "Agency") == issuer


def test_the_report_district_named_only_by_a_relation_becomes_an_entity():
    x = extraction("a-1", "获批省级农业科技园区。", **XIANGZHOU)
    s = x.sentences[0]
    x.relations = [Relation("襄州区", "certifiedAs", "省级农业科技园区", s.sent_id, "a-1", s.text, s.start, s.end,
                            "certifiedAs.获批", "District", "Designation")]
    res = resolve([x])
    assert [(r.subject, r.object) for r in res.relations] == [
        ("District/湖北省/襄阳市/襄州区", "Designation/省农业科技园区")]
    district = entity(res, "襄州区")
    assert district.mentions == () and district.code == "420607"


def test_a_zone_report_refers_to_the_zone_as_we():
    x = extraction("z-1", "我区新增瞪羚企业6家。", district="襄阳高新区", parents=("湖北省", "襄阳市"))
    res = resolve([x])
    assert res.lookup("z-1", "我区", "District") == "District/湖北省/襄阳市/襄阳高新区"


def test_a_programme_named_by_the_end_of_its_name_in_the_same_report():
    res = resolve([extraction("a-1", "深入实施高新技术企业倍增行动。倍增行动成效明显。", **XIANGZHOU)])
    programme = entity(res, "倍增行动")
    assert programme.name == "高新技术企业倍增行动"
    assert programme.merge_rules == ("name-suffix",)


def test_a_pool_of_candidates_is_not_the_designation_itself():
    res = resolve([extraction("a-1", "新增高新技术企业20家。入选高企培育库企业35家。", **XIANGZHOU)])
    assert {e.entity_id for e in res.entities if e.type == "Designation"} == {
        "Designation/高新技术企业", "Designation/高新技术企业培育库"}


def test_abbreviated_parties_of_a_joint_platform_join_their_full_names():
    text = ("江城理工大学与湖北恒远新材料股份有限公司共建江理工—恒远高分子材料联合实验室。"
            "湖北恒远新材料股份有限公司获评瞪羚企业。")
    res = resolve([extraction("a-1", text, **XIANGZHOU)])
    school = entity(res, "江理工")
    assert school.entity_id == "University/江城理工大学"
    assert "abbreviation" in school.merge_rules
    company = entity(res, "恒远高分子材料")
    assert company.name == "湖北恒远新材料股份有限公司"
    assert "enterprise-short" in company.merge_rules


def test_an_abbreviation_needs_its_characters_in_order():
    text = "江城大学与恒远科技共建理江—恒远智能传感联合实验室。"
    res = resolve([extraction("a-1", text, **XIANGZHOU)])
    assert all("理江" not in e.aliases for e in res.entities if e.entity_id == "University/江城大学")


def test_a_quoted_programme_is_also_labelled_by_its_core():
    res = resolve([extraction("a-1", "深入实施“专精登高”专项行动。", **XIANGZHOU)])
    programme = entity(res, "“专精登高”专项行动")
    assert "专精登高" in programme.aliases


def test_a_wholly_quoted_programme_is_the_same_as_unquoted():
    text = "实施“科技企业梯度培育行动”。科技企业梯度培育行动成效明显。"
    res = resolve([extraction("a-1", text, **XIANGZHOU)])
    assert len([e for e in res.entities if e.type == "Programme"]) == 1


def test_the_page_host_becomes_an_agency_of_its_district():
    x = extraction("a-1", "全区新增高新技术企业12家。", **XIANGZHOU)
    x.report = Report("a-1", "a", "a-1.txt", "0", "工作总结", x.report.text, district="襄州区",
                      parents=("湖北省", "襄阳市"), publisher="襄阳市襄州区人民政府办公室")
    host = entity(resolve([x]), "襄阳市襄州区人民政府办公室")
    assert host.type == "Agency" and "襄阳市" in host.entity_id


def test_a_designation_written_with_its_list_keeps_that_form_as_an_alias():
    res = resolve([extraction("a-1", "6家企业入选省级专精特新中小企业名单。", **XIANGZHOU)])
    designation = entity(res, "省级专精特新中小企业")
    assert "省级专精特新中小企业名单" in designation.aliases


def test_a_contest_round_of_a_region_joins_its_contest():
    res = resolve([extraction("a-1", "组织企业参加第九届中国创新创业大赛湖南赛区比赛。第九届中国创新创业大赛决赛在京举行。",
                              **XIANGZHOU)])
    contest = entity(res, "第九届中国创新创业大赛")
    assert "第九届中国创新创业大赛湖南赛区" in {contest.name, *contest.aliases}


def test_a_short_name_abbreviating_a_registered_name_after_its_brand():
    from kg.model import Mention, Report, ReportExtraction

    report = Report("d-1", "d", "a.txt", "0", "", "…", district="青山区", parents=("湖北省", "武汉市"))
    mentions = [Mention("武汉青感智能传感科技有限公司", "Enterprise", 0, 14, "s1", "d-1", "Enterprise.suffix.有限公司"),
                Mention("青感传感", "Enterprise", 20, 24, "s2", "d-1", "Enterprise.subject"),
                Mention("青禾传感", "Enterprise", 30, 34, "s3", "d-1", "Enterprise.subject")]
    res = resolve([ReportExtraction(report, [], mentions)])
    names = {e.name: set(e.aliases) for e in res.entities}
    assert names["武汉青感智能传感科技有限公司"] == {"青感传感"}
    assert "青禾传感" in names          # another brand stays apart


def test_a_county_before_the_brand_of_a_registered_name():
    from kg.model import Mention, Report, ReportExtraction

    report = Report("d-1", "d", "a.txt", "0", "", "…", district="沛县", parents=("江苏省", "徐州市"))
    mentions = [Mention("沛县青禾油茶科技有限公司", "Enterprise", 0, 12, "s1", "d-1", "Enterprise.suffix.有限公司"),
                Mention("青禾油茶", "Enterprise", 20, 24, "s2", "d-1", "Enterprise.subject")]
    res = resolve([ReportExtraction(report, [], mentions)])
    assert [(e.name, e.aliases) for e in res.entities if e.type == "Enterprise"] == [
        ("沛县青禾油茶科技有限公司", ("青禾油茶",))]


def test_a_places_edition_of_a_nationwide_event_is_that_event():
    from kg.model import Mention, Report, ReportExtraction

    report = Report("d-1", "d", "a.txt", "0", "", "…", district="沛县", parents=("江苏省", "徐州市"))
    mentions = [Mention("沛县科技活动周", "Programme", 0, 7, "s1", "d-1", "Programme.suffix.活动周"),
                Mention("科技活动周", "Programme", 20, 25, "s2", "d-1", "Programme.kind")]
    res = resolve([ReportExtraction(report, [], mentions)])
    assert [(e.name, e.aliases) for e in res.entities if e.type == "Programme"] == [
        ("科技活动周", ("沛县科技活动周",))]


def test_a_short_name_declared_in_brackets_is_the_full_name():
    text = ("邢州羊绒制品集团有限公司(以下简称“邢绒集团”)投产新生产线。"
            "依托邢绒集团共建羊绒产业技术研究院。")
    res = resolve([extraction("a-1", text, district="信都区", parents=("河北省", "邢台市"))])
    company = entity(res, "邢州羊绒制品集团有限公司")
    assert "邢绒集团" in company.aliases
    assert "declared-name" in company.merge_rules


def test_a_full_name_declared_in_brackets_after_the_short_one():
    text = "青禾智能(全称青禾智能装备有限公司)获评瞪羚企业。青禾智能新建研发中心。"
    res = resolve([extraction("a-1", text, **XIANGZHOU)])
    company = entity(res, "青禾智能装备有限公司")
    assert company.aliases == ("青禾智能",)


def test_a_merged_bureau_named_twice_is_one_agency():
    text = "沧州市科学技术局(沧州市工业和信息化局)组织企业申报。沧州市工业和信息化局推动企业技改。"
    res = resolve([extraction("a-1", text, district="沧州市", parents=("河北省",))])
    bureau = entity(res, "沧州市科学技术局")
    assert {bureau.name, *bureau.aliases} == {"沧州市科学技术局", "沧州市工业和信息化局"}
    assert "declared-name" in bureau.merge_rules


def test_a_declared_short_name_used_nowhere_else_is_an_alias():
    text = "邢州羊绒制品集团有限公司(简称邢绒集团)投产新生产线。"
    res = resolve([extraction("a-1", text, district="信都区", parents=("河北省", "邢台市"))])
    assert entity(res, "邢绒集团").name == "邢州羊绒制品集团有限公司"


def test_a_named_issuer_is_an_agency_even_when_no_sentence_names_it():
    text = "全市新增高新技术企业40家。"
    res = resolve([extraction("a-1", text, district="宜昌市", parents=("湖北省",), issuer="宜昌市科学技术局")])
    assert entity(res, "宜昌市科学技术局").type == "Agency"


def test_a_joint_or_bare_issuer_is_not_made_an_agency():
    text = "全市新增高新技术企业40家。"
    res = resolve([extraction("a-1", text, district="宜昌市", parents=("湖北省",), issuer="宜昌市科委、科协")])
    assert not [e for e in res.entities if e.name == "宜昌市科委、科协"]


def test_a_short_name_with_its_place_is_the_registered_name():
    from kg.model import Mention, Report, ReportExtraction

    report = Report("d-1", "d", "a.txt", "0", "", "…", district="青山区", parents=("湖北省", "武汉市"))
    mentions = [Mention("武汉青瀚智算科技有限公司", "Enterprise", 0, 12, "s1", "d-1", "Enterprise.suffix.有限公司"),
                Mention("武汉青瀚智算", "Enterprise", 20, 26, "s2", "d-1", "Enterprise.subject")]
    res = resolve([ReportExtraction(report, [], mentions)])
    assert [(e.name, e.aliases) for e in res.entities if e.type == "Enterprise"] == [
        ("武汉青瀚智算科技有限公司", ("武汉青瀚智算",))]


def test_a_regional_round_of_a_contest_is_known_by_the_contest_too():
    res = resolve([extraction("a-1", "青禾科技在中国创新创业大赛(湖北赛区)中获优秀企业奖。", **XIANGZHOU)])
    contest = entity(res, "中国创新创业大赛(湖北赛区)")
    assert {"中国创新创业大赛(湖北赛区)", "中国创新创业大赛"} <= {contest.name, *contest.aliases}
