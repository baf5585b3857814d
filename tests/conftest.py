"""Shared fixtures: small report texts written for the tests (not taken from the seeds)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

REPORT_TEXT = """\
青山县科学技术局2023年工作总结及2024年工作计划

2023年以来,青山县科技局坚持创新驱动发展战略,全力推动科技创新工作。

一、2023年工作总结
(一)培育创新主体。全年新增高新技术企业12家,青山县绿源农业科技有限公司被认定为省级专精特新中小企业。
(二)建设创新平台。县科技局与江北大学共建青山县新材料产业研究院,新增省级众创空间1家。

二、2024年工作计划
(一)壮大企业梯队。力争新增高新技术企业15家,全社会研发投入强度达到2.5%。
(二)加强科技服务。组织开展科技活动周,推荐申报省级重点实验室2家。

青山县科学技术局
2024年1月15日
"""


@pytest.fixture
def report_text() -> str:
    """A short county report with a summary and a plan section."""
    return REPORT_TEXT


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    """The short county report saved as UTF-8 text."""
    path = tmp_path / "qingshan_2023.txt"
    path.write_text(REPORT_TEXT, encoding="utf-8")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    """The folder of real report files shipped with the project."""
    return ROOT / "seeds"
