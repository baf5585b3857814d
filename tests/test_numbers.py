"""Unit tests for the :mod:`kg.numbers` module."""
from __future__ import annotations

import pytest

from kg.numbers import find_quantities, load_units, parse_number, parse_quantity


@pytest.mark.parametrize("text, value", [
    ("三十", 30), ("十五", 15), ("一百二十", 120), ("一百零五", 105), ("两千", 2000),
    ("三千五百", 3500), ("十万", 100_000), ("一亿二千万", 120_000_000),
    ("1.2万", 12_000), ("3千", 3000), ("1,250", 1250), ("3.30", 3.3), ("45", 45),
    ("百分之三", 3), ("百分之十五", 15), ("五分之一", 0.2), ("三点五", 3.5),
])
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "创新", "第", "XX", "亿元"])
def test_parse_number_rejects_non_numerals(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text, quantity", [
    ("三十家", (30, "家")),
    ("两项", (2, "项")),
    ("二十多家", (20, "家")),
    ("300余个", (300, "个")),
    ("1.2亿元", (1.2, "亿元")),
    ("3000万元", (3000, "万元")),      # kept as written, not converted to 亿元
    ("三千万元", (3000, "万元")),
    ("16.8亿", (16.8, "亿元")),
    ("1.2万人", (12_000, "人")),
    ("百分之三", (3, "%")),
    ("增长10%", (10, "%")),
    ("提高0.5个百分点", (0.5, "个百分点")),
    ("10-15家", (10, "家")),
    ("10至15家", (10, "家")),
    ("10到15家", (10, "家")),
    ("10家至15家", (10, "家")),
    ("超过200家以上", (200, "家")),
    ("不少于20场次", (20, "场次")),
    ("近50名", (50, "名")),
    ("采购设备2台套", (2, "台(套)")),
    ("建成孵化面积3.5万平方米", (3.5, "万平方米")),     # as written, like 万元
    ("举办8 场", (8, "场")),                 # a space left by PDF extraction
])
def test_parse_quantity(text, quantity):
    value, unit = parse_quantity(text)
    assert (value, unit) == (pytest.approx(quantity[0]), quantity[1])


def test_a_fraction_is_a_share_in_percent():
    value, unit = parse_quantity("占全市总量的五分之一")
    assert unit == "%" and value == pytest.approx(20)


@pytest.mark.parametrize("text", [
    "2024年全面完成各项任务",          # a year
    "1-9月份运行平稳",                  # a date range
    "综合排名居全省第3位",              # an ordinal
    "咨询电话0571-86012345",            # a phone number
    "坚持四个面向",                     # a slogan
    "构建五位一体服务体系",
    "用3个月时间完成整改",              # a duration
    "建设G60科创走廊",                  # a number inside a name
    "推进“十四五”规划实施",
    "推动整车企业与零部件企业联合攻关",  # 零 in a word
])
def test_not_quantities(text):
    assert find_quantities(text) == []


def test_bare_wan_yi_need_money_context():
    assert find_quantities("服务群众1.2万") == []
    assert find_quantities("技术合同成交额达到16.8亿", money_cues=("成交额",))[0].unit == "亿元"
    assert find_quantities("带动就业1.2万", money_cues=("成交额",)) == []


def test_offsets_index_the_text():
    text = "新增省级众创空间2家,投入资金1500万元以上。"
    found = find_quantities(text)
    assert [text[q.start:q.end] for q in found] == ["2家", "1500万元以上"]
    assert [(q.value, q.unit) for q in found] == [(2, "家"), (1500, "万元")]


def test_unit_lexicon_is_longest_first():
    written = [u for u, _, _ in load_units()]
    assert written.index("个百分点") < written.index("个")
    assert written.index("万元") < written.index("元")


@pytest.mark.parametrize("text, quantity", [
    ("新建孵化场地2.5万平方米", (2.5, "万平方米")),
    ("服务群众6万人次", (6.0, "万人次")),
    ("推广良种种植1.2万亩", (1.2, "万亩")),
    ("新增就业岗位3万个", (30000.0, "个")),     # no 万个 unit: the multiplier is applied
])
def test_wan_units_stay_as_written(text, quantity):
    assert parse_quantity(text) == quantity


@pytest.mark.parametrize("text, quantity", [
    ("全省数字经济核心产业营业收入达到1.5万亿元", (15000.0, "亿元")),
    ("地区生产总值突破2万亿元", (20000.0, "亿元")),
    ("出口额2万亿美元", (20000.0, "亿美元")),
])
def test_wan_yi_yuan_is_ten_thousand_yi(text, quantity):
    assert parse_quantity(text) == quantity


@pytest.mark.parametrize("text, value, unit", [
    ("成交额四点三亿元。", 4.3, "亿元"),
    ("研发投入同比增长百分之十二点五。", 12.5, "%"),
    ("占比提高三点五个百分点。", 3.5, "个百分点"),
])
def test_chinese_numerals_with_decimals(text, value, unit):
    (q,) = find_quantities(text)
    assert (q.value, q.unit) == (value, unit)
