"""Layouts met on the blind pages of batch BH, each on a small invented page: a paper's
all-media reporter named with the paper, a data box whose rows give the figure first, and
a brief cluster's label printed spaced out."""

from __future__ import annotations

from pathlib import Path

from support import assert_accounted, segment_lines

from site_builder.ingest.figures import figure_boxes
from site_builder.ingest.lines import classify, read_units
from site_builder.ingest.segment import segment_page


def test_a_papers_all_media_reporter_signs_a_byline() -> None:
    line = classify(1, "某东日报全媒体记者　某甲　通讯员　某乙", True)
    assert line.kind == "byline" and line.credit == ("某甲", "某乙")


def test_a_data_box_may_give_each_figure_before_its_label() -> None:
    lines = [
        "　　近年来，某市沿河实施截污治污工程，新建污水管网，建成城镇污水处理厂6座。",
        "数读某水",
        "18.6亿元　流域治理累计投入",
        "420公里　新建改造污水管网",
        "Ⅱ类　出境断面水质连续三年达标",
        "数据来源：某市生态环境局",
        "某市启动清河净岸春季专项行动",
    ]
    units = read_units("\n".join(lines) + "\n")
    figure_boxes(units)
    assert [u.kind for u in units[1:6]] == ["noise"] * 5
    assert units[6].kind == "head"


def test_a_spaced_out_cluster_label_still_opens_a_cluster() -> None:
    lines = [
        "简　讯",
        "◆洋山镇开展渔船安全检查",
        "　　近日，洋山镇组织海洋执法、海事等部门对辖区在港渔船开展安全检查。",
        "◆县图书馆海岛书房新增3家",
        "　　日前，县图书馆在五龙乡等地新建海岛书房3家，每家配备图书3000余册。",
        "◆某县开展春季义务植树活动",
        "　　3月12日，县机关干部、志愿者等300余人开展义务植树活动。",
    ]
    assert classify(1, lines[0], True).kind == "label"
    seg = segment_lines(lines, "\n")
    assert len(seg.articles) == 3
    assert all(a.kind == "brief" for a in seg.articles)
    assert {(a.column or "").replace(" ", "") for a in seg.articles} == {"简讯"}


FOUND = Path(__file__).parent / "fixtures" / "found_by_properties"


def test_a_run_in_head_after_a_closing_affiliation_keeps_its_text() -> None:
    # (a page the wrapped-page property test generated: the run-in head ■一一一一 of line
    # 42, read after a commentary's closing affiliation, was taken for that commentary's
    # column while its text went to another article, so line 42 had two owners)
    text = (FOUND / "run_in_head_after_affiliation.txt").read_text("utf-8")
    seg = segment_page(text, "x")
    assert_accounted(text, seg)
    assert sum(42 in a.lines for a in seg.articles) == 1
