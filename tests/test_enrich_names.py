"""English names and place pinyin: reviewed table, CC-CEDICT names, naming policy."""

from __future__ import annotations

import pytest

from site_builder.enrich import english_name
from site_builder.enrich.cedict import entries, marked
from site_builder.enrich.enricher import place_pinyin
from site_builder.enrich.gazetteer import gazetteer
from site_builder.enrich.resources import data_rows


def test_reviewed_table_covers_every_tibetan_division_and_matches_the_gazetteer() -> None:
    rows = {code: name for code, name, _ in data_rows("names_en.tsv")}
    tibet = {c: d.name for c, d in gazetteer().by_code.items() if c.startswith("54")}
    assert rows == tibet


@pytest.mark.parametrize(
    ("term", "english"),
    [
        ("西藏自治区", "Tibet Autonomous Region"),
        ("西藏", "Tibet"),
        ("拉萨市", "Lhasa"),
        ("拉萨", "Lhasa"),
        ("山南市", "Shannan"),
        ("日喀则市", "Shigatse"),
        ("林芝市", "Nyingchi"),
        ("昌都市", "Qamdo"),
        ("那曲市", "Nagqu"),
        ("阿里地区", "Ngari Prefecture"),
        ("城关区", "Chengguan District"),
        ("措美县", "Comai County"),
        ("措美", "Comai"),
        ("米林市", "Mainling City"),
    ],
)
def test_reviewed_names(term: str, english: str) -> None:
    assert english_name(term) == english


@pytest.mark.parametrize(
    ("term", "english"),
    [
        ("兰州市", "Lanzhou"),
        ("兰州", "Lanzhou"),
        ("甘肃省", "Gansu Province"),
        ("广西壮族自治区", "Guangxi Zhuang Autonomous Region"),
        ("甘南藏族自治州", "Gannan Tibetan Autonomous Prefecture"),
        ("浙江大学", "Zhejiang University"),
        ("城关镇", "Chengguan Town"),
    ],
)
def test_dictionary_descriptions_give_the_name_part(term: str, english: str) -> None:
    assert english_name(term) == english


def test_no_name_is_made_up_from_the_characters() -> None:
    assert english_name("鲁固社区") is None
    # the dictionary's 振兴 is a district of Dandong, not this community in Lhasa
    assert english_name("振兴社区") is None
    assert english_name("刘斯宇") is None


def test_tags_get_the_first_dictionary_sense() -> None:
    assert english_name("寒假") == "winter vacation"
    assert english_name("合作") == "to cooperate"
    assert english_name("社区") == "community"


def test_all_readings_of_a_headword_are_loaded() -> None:
    readings = {e.reading for e in entries("行")}
    assert {"hang2", "xing2"} <= readings
    assert any(e.proper for e in entries("振兴")) and any(not e.proper for e in entries("振兴"))


@pytest.mark.parametrize(
    ("reading", "marked_reading"),
    [
        ("Xi1 zang4", "Xīzàng"),
        ("lu:4", "lǜ"),
        ("Xi1 an1", "Xī'ān"),
        ("gui4", "guì"),
        ("liu2", "liú"),
    ],
)
def test_numbered_readings_become_tone_marks(reading: str, marked_reading: str) -> None:
    assert marked(reading) == marked_reading


@pytest.mark.parametrize(
    ("name", "level", "pinyin"),
    [
        ("西藏自治区", "province", "Xīzàng Zìzhìqū"),
        ("拉萨市", "prefecture", "Lāsà Shì"),
        ("措美县", "county", "Cuòměi Xiàn"),
        ("长治市", "prefecture", "Chángzhì Shì"),
        ("鲁固社区", "village", "Lǔgù Shèqū"),
        ("金珠西路街道", "township", "Jīnzhūxīlù Jiēdào"),
    ],
)
def test_place_pinyin_reads_polyphones_by_phrase(name: str, level: str, pinyin: str) -> None:
    assert place_pinyin(name, level) == pinyin  # type: ignore[arg-type]


def test_place_pinyin_reads_names_as_names() -> None:
    assert place_pinyin("单县", "county") == "Shàn Xiàn"
