"""Unit tests for the :mod:`kg.lexicon` module."""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from kg.errors import PatternError
from kg.lexicon import Lexicon, WordMatcher, read_entries, trie_pattern

LEXICONS = Path(__file__).resolve().parent.parent / "kg" / "data" / "lexicons"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.from_dir()


def test_trie_pattern_prefers_the_longest_word():
    pattern = re.compile(trie_pattern(["中心", "技术中心", "企业技术中心", "技术"]))
    assert [m.group() for m in pattern.finditer("某某企业技术中心和某某技术")] == ["企业技术中心", "技术"]


def test_trie_pattern_escapes_brackets():
    pattern = re.compile(trie_pattern(["瞪羚(培育)企业"]))
    assert pattern.search("新增瞪羚(培育)企业5家").group() == "瞪羚(培育)企业"


def test_trie_pattern_of_nothing_matches_nothing():
    assert re.compile(trie_pattern([])).search("任何文字") is None


def test_read_entries_skips_comments_and_splits_fields(tmp_path: Path):
    file = tmp_path / "kinds.tsv"
    file.write_text("# 注释\n\n省级\t省\n  # indented comment\n高企\talone\t高新技术企业\n", encoding="utf-8")
    assert read_entries(file) == [["省级", "省"], ["高企", "alone", "高新技术企业"]]


@pytest.mark.parametrize("head, type_", [
    ("重点实验室", "Platform"), ("众创空间", "Platform"), ("有限公司", "Enterprise"),
    ("研究所", "ResearchInstitute"), ("大学", "University"), ("科学技术局", "Agency"),
    ("高新区", "District"), ("镇", "District"), ("行动", "Programme"), ("管理办法", "Policy"),
])
def test_heads_have_their_type(lexicon: Lexicon, head: str, type_: str):
    assert lexicon.heads[head].type == type_
    assert lexicon.heads[head].rule == f"{type_}.{'zone' if head == '高新区' else 'town' if head == '镇' else 'suffix'}.{head}"


@pytest.mark.parametrize("short, full", [
    ("河南", "河南省"), ("广西", "广西壮族自治区"), ("宁夏", "宁夏回族自治区"), ("内蒙古", "内蒙古自治区"),
    ("襄阳", "襄阳市"), ("恩施州", "恩施土家族苗族自治州"),
])
def test_short_forms_of_divisions(lexicon: Lexicon, short: str, full: str):
    assert any(lexicon.divisions[code].name == full for code in lexicon.division_shorts[short])


def test_ambiguous_short_forms_are_not_derived(lexicon: Lexicon):
    # 东方 (a city in Hainan) is also a word in many company names
    assert "东方" not in lexicon.division_shorts
    assert "城区" not in lexicon.division_names


def test_same_named_districts_have_different_parents(lexicon: Lexicon):
    codes = lexicon.division_names["鼓楼区"]
    assert len(codes) > 1
    cities = {lexicon.parents(code)[-1].name for code in codes}
    assert {"南京市", "福州市"} <= cities


def test_parents_are_outermost_first(lexicon: Lexicon):
    code = lexicon.division_names["襄州区"][0]
    assert [d.name for d in lexicon.parents(code)] == ["湖北省", "襄阳市"]


def test_designation_kinds_name_their_canonical_kind(lexicon: Lexicon):
    assert lexicon.designation_kinds["高企"] == (True, "高新技术企业")
    assert lexicon.designation_kinds["众创空间"] == (False, "众创空间")


def test_stops_know_which_names_may_hold_them(lexicon: Lexicon):
    assert lexicon.stops["新增"] == frozenset()
    assert "Enterprise" in lexicon.stops["建设"]          # 某某建设有限公司


def test_tokenizer_is_private_and_knows_the_lexicon(lexicon: Lexicon):
    import jieba

    assert lexicon.tokenizer is not jieba.dt
    words = [w for w, _, _ in lexicon.tokenize("新增科技企业孵化器")]
    assert words == ["新增", "科技企业孵化器"]
    assert jieba.dt.FREQ.get("科技企业孵化器") is None


def test_a_missing_lexicon_folder_is_reported(tmp_path: Path):
    with pytest.raises(PatternError, match="not found"):
        Lexicon.from_dir(tmp_path / "nowhere")


def test_a_malformed_designation_row_is_reported(tmp_path: Path):
    folder = tmp_path / "lexicons"
    shutil.copytree(LEXICONS, folder)
    with (folder / "designation_kinds.tsv").open("a", encoding="utf-8") as f:
        f.write("某某企业\tsometimes\n")
    with pytest.raises(PatternError, match="alone\\|level"):
        Lexicon.from_dir(folder)


def test_an_unknown_programme_requirement_is_reported(tmp_path: Path):
    folder = tmp_path / "lexicons"
    shutil.copytree(LEXICONS, folder)
    with (folder / "programme_heads.txt").open("a", encoding="utf-8") as f:
        f.write("工程\t2\tnamed\n")
    with pytest.raises(PatternError, match="valid: quoted, prefixed, quote"):
        Lexicon.from_dir(folder)


def test_ethnic_groups_for_township_names_are_loaded():
    lex = Lexicon.from_dir()
    assert {"彝族", "土家族", "回族"} <= set(lex.ethnic_groups)
    assert all(g.endswith("族") for g in lex.ethnic_groups)


def test_country_abbreviations_and_co_building_verbs_are_loaded():
    lex = Lexicon.from_dir()
    assert {"德", "越", "俄"} <= lex.country_abbreviations
    assert "共建" in lex.cobuild_verbs


def test_word_matcher_finds_what_the_trie_pattern_finds():
    """The automaton and the regular expression agree on every text: the
    same words at the same places, leftmost and longest first."""
    rng = random.Random(7)
    alphabet = "山河县区市新城"
    words = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(40)}
    pattern = re.compile(trie_pattern(words))
    matcher = WordMatcher(words)
    for _ in range(300):
        text = "".join(rng.choice(alphabet + "的,") for _ in range(rng.randint(0, 30)))
        pos = rng.randint(0, len(text))
        endpos = rng.randint(pos, len(text))
        expected = [(m.start(), m.end()) for m in pattern.finditer(text, pos, endpos)]
        assert [(m.start(), m.end()) for m in matcher.finditer(text, pos, endpos)] == expected, text


def test_word_matcher_prefers_the_longer_division_name():
    matcher = WordMatcher(["江北", "江北区", "北区"])
    assert matcher.findall("江北区与江北新区") == ["江北区", "江北"]
    assert WordMatcher([]).findall("江北区") == []
