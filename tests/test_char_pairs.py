"""How often the project's text prints two characters together, as join evidence on
hard-wrapped pages (``ingest/char_pairs.py``)."""

from __future__ import annotations

import gzip

from site_builder.ingest import candidates
from site_builder.ingest.char_pairs import BOUNDS, DATA_FILE, CharPairs, char_pairs, read_pairs
from site_builder.ingest.learn import count_pairs
from site_builder.ingest.lines import read_units
from site_builder.ingest.page_facts import PageFacts
from site_builder.ingest.wrapped import column_width, join_wrapped

FEATURE = "the characters at the join go together"


def test_a_pair_printed_more_than_chance_goes_together_and_unseen_common_ones_apart() -> None:
    pairs = CharPairs(1000, {"甲": 100, "乙": 100, "丙": 2, "丁": 2}, {"甲乙": 60})
    assert pairs.together("甲", "乙") > 1.5  # six times chance
    assert pairs.together("乙", "甲") < -1  # common, yet never printed in this order
    assert abs(pairs.together("丙", "丁")) < 0.01  # rare: chance would not print it either
    assert pairs.together("甲", "戊") == 0.0  # a character never counted says nothing
    assert pairs.together("甲", "，") == 0.0


def test_the_evidence_is_bounded_both_ways() -> None:
    pairs = CharPairs(10**6, {"甲": 10**5, "乙": 10**5, "丙": 1}, {"丙丙": 1000})
    assert pairs.together("甲", "乙") == BOUNDS[0]
    assert pairs.together("丙", "丙") == BOUNDS[1]


def test_the_shipped_table_is_what_its_rebuild_makes() -> None:
    chars, pairs = count_pairs.count(count_pairs.article_files())
    shipped = char_pairs()
    assert shipped.total == sum(chars.values())
    assert shipped.chars == dict(chars)
    assert shipped.pairs == {p: n for p, n in pairs.items() if n >= count_pairs.MIN_PAIR}
    data = (count_pairs.DATA / DATA_FILE).read_bytes()
    assert gzip.decompress(data).decode("utf-8").startswith("# ")
    assert read_pairs(data) == shipped


PAGE = [
    "山村茶园迎来采摘季",
    "\u3000\u3000本报讯（记者　某甲）初冬时",
    "节，走进某乡上庄村，漫山遍野的",
    "茶树郁郁葱葱。茶农们正忙着给茶",
    "园除草、施肥，为来年春茶丰收打",
    "基础。合作社今年收购的芽茶每",
    "斤卖到八十元，比去年高出十元。",
    "如今，合作社茶园面积已扩大到13",
    "00亩，带动周边160多户农户种茶",
    "，户均年增收两万元以上。茶园里",
    "的村民还在忙碌。山风吹过，茶树",
    "沙沙作响，仿佛在诉说着这个小山",
    "村的新变化，也在诉说着新的希望",
    "和新的梦想。村里的年轻人说，明",
    "年还要再种两百亩茶，让茶香飘得",
    "更远。老人们听了，都笑着点头。",
]


def _features(text: str, f: int, c: int) -> dict[str, float]:
    columns = column_width(text)
    units = read_units(text, columns)
    if columns is not None:
        units = join_wrapped(units, columns)
    at = {u.line: i for i, u in enumerate(units)}
    return candidates.junction_features(units, at[f], at[c], PageFacts.read(units))


def test_only_a_hard_wrapped_pages_lines_weigh_the_characters_at_the_join() -> None:
    wrapped = "\n".join(PAGE * 2) + "\n"
    assert column_width(wrapped) is not None
    assert _features(wrapped, 6, 7)[FEATURE] > 2  # 每|斤
    # The same two lines in a dump of whole paragraphs: a join there meets whole clauses.
    whole = "\n".join(["\u3000\u3000" + "这是一段很长的完整段落，" * 6 + "。"] * 30 + PAGE) + "\n"
    assert column_width(whole) is None
    assert FEATURE not in _features(whole, 36, 37)
