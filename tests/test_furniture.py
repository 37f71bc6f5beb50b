"""Each furniture shape of ``ingest/data/furniture.tsv`` with its own example line, and
lines that must stay text."""

from __future__ import annotations

import pytest

from site_builder.ingest.furniture import FIGURE_ROW, furniture_shape, shapes
from site_builder.ingest.lines import read_units


@pytest.mark.parametrize("shape", shapes(), ids=lambda s: s.name)
def test_each_shape_reads_its_example_as_furniture(shape: object) -> None:
    name, example = shape.name, shape.example  # type: ignore[attr-defined]
    assert furniture_shape(example) == name
    assert read_units(example + "\n")[0].kind == "noise"


@pytest.mark.parametrize(
    "line",
    [
        "今年以来，全市新增就业岗位1.2万个，热线电话接通率达到98%。",
        "阿里地区首个县级 5G远程会诊中心投用",
        "冰雪旅游持续升温 带动消费增长",
        "记者扫码进入小程序，界面上显示着各个车位的使用情况。",
        "市气象台发布的数据显示，今年入汛以来全市降雨量偏多三成。",
        "群众可以拨打12345热线反映问题，也可以来信请寄给市政府。",
        "G30 沿线服务区光伏车棚陆续投用",
    ],
)
def test_text_is_not_furniture(line: str) -> None:
    assert furniture_shape(line) is None


def test_a_figure_box_is_noise_with_its_title() -> None:
    page = "2025年全省进出口情况\n\n进出口额 1865亿元 增长12.5%\n\n出口 1320亿元 增长14.1%\n"
    units = read_units(page)
    assert [u.kind for u in units] == ["noise"] * 3
    assert units[1].reason == f"page furniture: {FIGURE_ROW}"
    assert units[0].reason == "page furniture: figure title"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("某市气象台3月17日16时发布", "weather"),
        ("CANG'ER RIBAO", "romanised name"),
        ("TIANFU RIBAO", "romanised name"),
        # (a public service number has five digits)
        ("法律咨询热线：12348　读者来信请寄：某日报法治周刊编辑部", "hotline"),
    ],
)
def test_more_lines_of_known_shapes_are_furniture(line: str, name: str) -> None:
    assert furniture_shape(line) == name


def test_a_tables_title_over_its_row_of_column_names_is_noise() -> None:
    page = (
        "省城市足球联赛积分榜（截至第8轮）\n排名 球队 胜 平 负 积分\n1 烟台 6 1 1 19\n"
        "2 潍坊 5 2 1 17\n3 威海 5 1 2 16\n制表：李然\n"
    )
    units = read_units(page)
    assert [u.kind for u in units] == ["noise"] * 6
    assert units[0].reason == "page furniture: figure title"
