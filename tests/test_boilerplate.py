"""Unit tests for the :mod:`kg.boilerplate` module (web-page furniture lines)."""
from __future__ import annotations

import pytest

from kg.boilerplate import BOILERPLATE_FILE, is_boilerplate_line, load_boilerplate_patterns
from kg.errors import PatternError


@pytest.mark.parametrize("line", [
    "当前位置:首页 > 信息公开 > 计划总结",
    "您现在的位置：首页 > 部门动态",
    "首页 > 政务公开 > 规划计划",
    "首页 | 政务公开 | 办事服务 | 互动交流",
    "上一篇:东坡区召开科技工作会议",
    "分享到:微信 微博",
    "【打印本页】【关闭窗口】",
    "[打印] [关闭]",
    "【字体:大 中 小】",
    "扫一扫在手机打开当前页",
    "浏览次数:",
    "版权所有:临江市人民政府办公室",
    "Copyright © 2024 临江市科学技术局 All Rights Reserved",
    "主办单位:临江市人民政府办公室 承办单位:临江市大数据中心",
    "网站标识码:3301000001 浙ICP备05012345号-2 浙公网安备33010002000123号",
    "联系电话:0571-87654321",
    "联系我们 | 网站地图 | 隐私声明",
    "建议使用IE9以上版本浏览器,分辨率1366*768",
    "开通VIP享更多下载特权",
    "展开全文>>",
    "还剩3页未读,继续阅读",
    "共12页,预览5页",
    "/ 12",
    "侵权投诉",
    "2.35MB 12 页 免费",
    "作者:张三 分类:工作计划 格式:DOCX 大小:25KB",
])
def test_furniture_lines(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", [
    "临江市科学技术局2024年工作总结",
    "发布日期:2024-03-01 来源:市科技局",
    "一、2024年工作完成情况",
    "(一)全年新增高新技术企业35家,科技型中小企业入库210家。",
    "积极开展知识产权保护和版权宣传活动,全年受理专利申请1200件。",
    "联合临江大学共建数字经济研究院,首页推荐科技成果12项。",
    "研发投入 | 2.5% | 3.0%",
    "新建数据中心存储容量达到500MB/s的高速网络节点12个。",
    "临江市科学技术局",
    "2024年12月20日",
])
def test_report_lines_are_kept(line):
    assert not is_boilerplate_line(line)


def test_outer_white_space_is_ignored():
    assert is_boilerplate_line("   分享到:  \t")


def test_the_shipped_file_loads_and_has_a_header():
    patterns = load_boilerplate_patterns()
    assert len(patterns) > 20
    assert BOILERPLATE_FILE.read_text(encoding="utf-8").startswith("#")


def test_a_bad_pattern_names_its_line(tmp_path):
    path = tmp_path / "furniture.txt"
    path.write_text("# header\n^分享到\n^(unclosed\n", encoding="utf-8")
    with pytest.raises(PatternError, match=r"furniture\.txt:3"):
        load_boilerplate_patterns(path)
