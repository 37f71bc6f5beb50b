"""Paragraphs cut at a column end in ways the shape of a line hides: a sentence cut
mid-word whose first piece looks like a headline."""

from __future__ import annotations

from support import assert_accounted

from site_builder.ingest.lines import read_units
from site_builder.ingest.roles import read_roles, reclaim_cut_words
from site_builder.ingest.segment import segment_page

CASE = [
    "刷单返利背后藏陷阱",
    "本报记者 王  浩  通讯员 刘  丹",
    "轻信兼职刷单能赚佣金，大学毕业生小林前后被骗4.6万元。",
    "前两次垫付的300元、800元很快连本带利返还,小林渐渐放下了戒",
    "法治快讯",
    "某市开展冬季道路交通安全专项整治 本报讯 连日来，某市交警部门开展专项整治。",
    "心。第三次任务要求连续完成5单才能结算，他先后转账4.6万元。",
]


def test_a_sentence_cut_mid_word_is_no_headline_whatever_its_shape() -> None:
    text = "\n\n".join(CASE) + "\n"
    seg = segment_page(text, "x")
    case = seg.articles[0]
    assert CASE[3] + CASE[6] in [b.text for b in case.blocks]
    assert_accounted(text, seg)


def test_short_lines_meeting_a_remainder_by_chance_stay_headings() -> None:
    # 浅滩上|去 makes 上去, but a verse line or a title holds no clause break.
    units = read_units("一群白鹭落在浅滩上\n去，像是在跟谁商量什么事情。\n")
    read_roles(units)
    assert not reclaim_cut_words(units)
