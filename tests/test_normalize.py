"""Unit tests for the :mod:`kg.normalize` module."""
from __future__ import annotations

import unicodedata

import pytest

from kg.normalize import normalize_text

SAMPLES = [
    "东川区科学技术局２０２３年工作总结\r\n一、２０２３年工作完成情况\r\n",
    "（一）培育创新主体。全年新增高新技术企业１８家，科技型中小企业入库９２家；"
    "研发投入强度达到２.８％：位居全市第三！\n",
    "\ufeff\u3000\u3000二、２０２４年工作计划\u00a0\u00a0\t\n（二）力争新增省级研发平台⑩家…\n",
    "北湖区科技局\u200b与\u200c南方工业大学\u2060共建  新材料研究院 \u200b \n\n\n落款\u3000\u3000",
    "第一页末尾\f第二页开头\rＡＢＣ公司\x00\x07完成㈠项㎡\u2028下一行",
    "caf\u00e9 cafe\u0301 \uff76\uff9e \u1100\u1161 \U0001d400\U0001d7ce",
]


def _comes_from(out_char: str, src_char: str) -> bool:
    """Whether a normalised character can come from an original character."""
    if out_char == "\n":
        return src_char in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
    if out_char == " ":
        return src_char.isspace()
    if out_char in unicodedata.normalize("NFKC", src_char):
        return True
    # a character composed from the original one and the marks after it
    return unicodedata.normalize("NFKD", out_char)[0] == unicodedata.normalize("NFKD", src_char)[0]


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_character_maps_back_to_its_origin(sample):
    out, offsets = normalize_text(sample)
    for i, char in enumerate(out):
        j = offsets.to_source(i)
        assert 0 <= j < len(sample)
        assert _comes_from(char, sample[j]), (i, char, j, sample[j])
    assert offsets.to_source(len(out)) == len(sample)


@pytest.mark.parametrize("sample", SAMPLES)
def test_source_positions_never_go_back(sample):
    out, offsets = normalize_text(sample)
    positions = [offsets.to_source(i) for i in range(len(out) + 1)]
    assert positions == sorted(positions)


def test_full_width_digits_letters_and_punctuation_become_ascii():
    out, _ = normalize_text("２０２３年，ＡＢＣ科技（集团）有限公司：研发投入增长１２．５％；")
    assert out == "2023年,ABC科技(集团)有限公司:研发投入增长12.5%;"


def test_cjk_full_stop_and_enumeration_comma_are_kept():
    out, _ = normalize_text("一、总体情况。二、下步打算")
    assert out == "一、总体情况。二、下步打算"


def test_white_space_is_collapsed_and_stripped_per_line():
    out, _ = normalize_text("\u3000\u3000（一）加强\u00a0\u00a0平台\t建设。 \t\r\n\r\n  二、工作计划\u3000\n")
    assert out == "(一)加强 平台 建设。\n\n二、工作计划\n"


def test_line_endings_become_newlines():
    out, _ = normalize_text("第一行\r\n第二行\r第三行\u2028第四行\f第五行")
    assert out == "第一行\n第二行\n第三行\n第四行\n第五行"


def test_zero_width_and_control_characters_are_removed():
    out, _ = normalize_text("\ufeff科\u200b技\u200d局\x00工作\u00ad要点")
    assert out == "科技局工作要点"


def test_expanding_characters_map_to_their_origin():
    text = "新增企业⑫家㈡"
    out, offsets = normalize_text(text)
    assert out == "新增企业12家(二)"
    assert [offsets.to_source(i) for i in range(4, 7)] == [4, 4, 5]
    assert {offsets.to_source(i) for i in range(7, 10)} == {6}


def test_combining_marks_compose_with_the_character_before():
    out, offsets = normalize_text("Re\u0301sume\u0301 ok")
    assert out == "Résumé ok"
    assert offsets.to_source(out.index("ok")) == len("Re\u0301sume\u0301 ")


def test_spans_map_back_to_the_original_text():
    text = "\u3000\u3000２０２３年，南坪县科技局新增高新技术企业２１家。\r\n"
    out, offsets = normalize_text(text)
    start = out.index("南坪县科技局")
    end = start + len("南坪县科技局")
    assert text[offsets.to_source(start):offsets.to_source(end)] == "南坪县科技局"
    number = out.index("21")
    assert text[offsets.to_source(number):offsets.to_source(number + 2)] == "２１"


def test_result_is_nfkc_when_there_is_no_white_space_to_fix():
    text = "Ａ\u0301１２３ｶﾞ㈠⑩㎡…ﬁ\U0001d400科技"
    out, _ = normalize_text(text)
    assert out == unicodedata.normalize("NFKC", text)


def test_clean_text_is_unchanged_with_an_identity_map():
    text = "一、2023年工作总结\n(一)新增高新技术企业12家。\n"
    out, offsets = normalize_text(text)
    assert out == text
    assert offsets.derived == ()


def test_empty_text():
    out, offsets = normalize_text("")
    assert out == ""
    assert offsets.to_source(0) == 0


def test_straight_quotes_around_chinese_words_become_curly_one_for_one():
    text = '入选南昌市"洪城计划"和"双千计划";<a href="x">'
    out, offsets = normalize_text(text)
    assert out == '入选南昌市“洪城计划”和“双千计划”;<a href="x">'
    assert len(out) == len(text) and offsets.to_source(out.index("洪")) == text.index("洪")
