"""Search across scripts and languages: traditional characters and English words.

Traditional text is read through OpenCC's tables (``search/data/t2s.txt``, checked here
against OpenCC itself); English words through CC-CEDICT. Every simplified query of the
committed query set, typed in traditional characters, must find the same articles.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from search_support import ROOT, built_site, opencc, query_cases

from site_builder.search import make_siblings, make_whole
from site_builder.search.english import (
    COMPOSED,
    HEAD,
    INSIDE,
    INSIDE_RATIO,
    MAX_PHRASE_WORDS,
    MAX_WORDS,
    PARTS,
    SIBLINGS,
    WHOLE,
    WHOLE_FIRST,
    candidates,
    chosen,
    derive_sibling_glosses,
    expansions,
    gloss_keys,
    meanings,
    sense_keys,
    senses,
    sibling_glosses,
    term_meanings,
)
from site_builder.search.make_irregular import TARGET as IRREGULAR_TARGET
from site_builder.search.make_irregular import entries as irregular_entries
from site_builder.search.make_irregular import table_text as irregular_text
from site_builder.search.make_t2s import TARGET, table_text
from site_builder.search.query import Filters
from site_builder.search.t2s import Table, simplified, table
from site_builder.search.text import WHOLE as WHOLE_STEMS
from site_builder.search.text import WHOLE_WORDS, fnv1a, stem, unknown_readings, word_key

TRADITIONAL = [
    case
    for case in query_cases()
    if case.group in {"han", "filter"} and case.q and opencc("s2t").convert(case.q) != case.q
]


def test_the_committed_table_is_what_the_script_makes_from_opencc() -> None:
    assert TARGET.read_text("utf-8") == table_text()


def test_the_committed_siblings_are_what_the_script_derives_from_cc_cedict() -> None:
    assert SIBLINGS.read_text("utf-8") == make_siblings.table_text()
    derived = derive_sibling_glosses()
    assert sibling_glosses() == {word: keys for word, keys in derived.items() if keys}
    assert "canteen" in sibling_glosses()["食堂"]  # lent by 饭堂


def test_the_committed_irregular_forms_are_what_the_script_makes_from_lemminflect() -> None:
    assert IRREGULAR_TARGET.read_text("utf-8") == irregular_text()


def test_irregular_forms_are_those_the_stem_misses_and_lemminflect_reads_one_way() -> None:
    pairs = dict(irregular_entries())
    known = {"children": "child", "built": "build", "geese": "goose", "mice": "mouse"}
    assert known.items() <= pairs.items()
    assert all(stem(form) != stem(word) for form, word in pairs.items())
    # Two readings (life and live; frozen the adjective) or a form the stem joins: not listed.
    assert not {"lives", "frozen", "herdsmen", "routes", "leaves"} & set(pairs)


def test_the_committed_whole_words_are_what_the_script_makes_from_lemminflect() -> None:
    assert WHOLE_WORDS.read_text("utf-8") == make_whole.table_text()


def test_the_script_keeps_the_same_words_whole() -> None:
    script = (ROOT / "templates" / "static" / "search.js").read_text("utf-8")
    literal = re.search(r"const WHOLE = new Set\(\((.*?)\)\.split", script, re.S)
    assert literal is not None
    assert set("".join(re.findall(r'"([^"]*)"', literal.group(1))).split(" ")) == WHOLE_STEMS


@pytest.mark.parametrize(
    ("word", "apart"),
    [
        ("news", "new"),
        ("economics", "economic"),
        ("savings", "save"),
        ("friendly", "friend"),
        ("worldly", "world"),
        ("herring", "her"),
        ("outing", "out"),
        ("omen", "oman"),
    ],
)
def test_a_word_the_rules_misread_keeps_its_meaning(word: str, apart: str) -> None:
    assert stem(word) != stem(apart)
    assert make_whole.misread(word) == word


@pytest.mark.parametrize(
    "family",
    [
        ("herring", "herrings"),
        ("goods", "good"),  # also good's plural, as lemminflect reads it
        ("privately", "private"),
        ("building", "build"),
    ],
)
def test_what_lemminflect_reads_as_an_inflection_still_meets_its_word(
    family: tuple[str, ...],
) -> None:
    assert len({stem(w) for w in family}) == 1, [stem(w) for w in family]


def test_a_key_stands_in_the_irregular_forms_of_its_words_too() -> None:
    found = dict(term_meanings("儿童"))
    assert found["children"] == found["child"]
    built = candidates(["建造"])
    assert built["built"] == built["build"] == [(WHOLE_FIRST, "建造")]


def test_the_shipped_form_of_the_table_reads_back_whole() -> None:
    shipped = Table.from_wire(table().wire())
    assert shipped.pairs == table().pairs
    assert (shipped.longest, shipped.starts) == (table().longest, table().starts)


def test_phrases_win_over_characters() -> None:
    assert simplified("乾隆年間") == "乾隆年间"
    assert simplified("乾淨") == "干净"
    assert simplified("黨建 志願服務") == "党建 志愿服务"


@given(st.text(alphabet=st.sampled_from("黨建志願服務拉薩乾隆淨著名看了的 a1"), max_size=30))
def test_conversion_keeps_length_and_agrees_with_opencc_on_common_text(text: str) -> None:
    out = simplified(text)
    assert len(out) == len(text)
    assert simplified(out) == out
    assert out == opencc("t2s").convert(text)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_text_without_traditional_characters_stays_as_it_is(text: str) -> None:
    plain = "".join(ch for ch in text if ch not in table().starts)
    assert simplified(plain) == plain


def test_traditional_queries_cover_the_query_set() -> None:
    assert len(TRADITIONAL) >= 15


@pytest.mark.parametrize("case", TRADITIONAL, ids=[c.label for c in TRADITIONAL])
def test_a_query_in_traditional_form_finds_the_same_articles(case: object) -> None:
    assert case in TRADITIONAL
    site = built_site()
    typed = str(opencc("s2t").convert(case.q))  # type: ignore[attr-defined]
    args = (case.filters, case.by_date)  # type: ignore[attr-defined]
    simple = site.engine().search_all(case.q, *args)  # type: ignore[attr-defined]
    assert site.engine().search_all(typed, *args) == simple


def test_a_traditional_article_is_found_and_marked_for_its_check() -> None:
    site = built_site()
    engine = site.engine()
    outcome = engine.search("党建活动")
    keys = [r["k"] for r in outcome.records]
    assert "xianggang_20240315_01/fantizi-laigao" in keys
    record = next(r for r in outcome.records if r["k"] == "xianggang_20240315_01/fantizi-laigao")
    assert record["z"] == 1
    assert "t2s.bin" in engine.fetched


def test_a_simplified_query_over_simplified_results_never_fetches_the_table() -> None:
    engine = built_site().engine()
    outcome = engine.search("基层治理")
    assert outcome.records
    assert not any(r.get("z") for r in outcome.records)
    assert "t2s.bin" not in engine.fetched
    assert outcome.expanded == []


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("拉薩", ["拉萨"]),
        ("黨建", ["党建"]),
        ("volunteer", ["志愿", "志愿者"]),
        ("Party building", ["党建"]),
        ("herdsmen", ["牧民"]),
    ],
)
def test_the_outcome_says_what_was_searched_for(query: str, words: list[str]) -> None:
    outcome = built_site().engine().search(query)
    assert outcome.expanded[: len(words)] == words
    assert outcome.total > 0


def test_an_article_with_the_english_word_itself_ranks_first() -> None:
    site = built_site()
    ranked = site.engine().search_all("Lhasa")
    located = {d.key for d in site.docs if any(p.code.startswith("5401") for p in d.places)}
    assert ranked[0] in located


def test_stems_meet_in_the_middle() -> None:
    assert {stem(w) for w in ("herdsmen", "herdsman")} == {"herdsman"}
    assert {stem(w) for w in ("building", "buildings", "build")} == {"build"}
    assert {stem(w) for w in ("volunteers", "volunteer")} == {"volunteer"}
    assert stem("gps") == "gps"
    assert word_key("Party building".lower()) == "w:party build"


@pytest.mark.parametrize(
    "family",
    [
        ("revitalization", "revitalize", "revitalized", "revitalising", "revitalisation"),
        ("prevention", "prevent", "prevents", "prevented"),
        ("shipping", "ship", "ships", "shipped"),
        ("routes", "route", "routing"),
        ("payment", "pay", "pays"),
        ("labour", "labor"),
        ("centre", "center"),
        ("tourism", "tourist", "tourists", "tour"),
        ("irrigation", "irrigate", "irrigated", "irrigating"),
        ("caring", "care", "cares", "cared"),
        ("privately", "private"),
        ("locally", "local"),
        ("leaves", "leaf"),
        ("thieves", "thief"),
        ("ploughing", "plough", "plow", "plowed"),
        ("licence", "licences", "license"),
        ("programme", "programmes", "program"),
        ("litre", "litres", "liter"),
        ("analyse", "analysed", "analyze"),
        ("grey", "gray"),
    ],
)
def test_inflections_and_derivations_share_a_stem(family: tuple[str, ...]) -> None:
    assert len({stem(w) for w in family}) == 1, [stem(w) for w in family]


def test_stems_keep_words_apart_that_only_look_alike() -> None:
    assert stem("station") != stem("state")
    assert stem("nation") == "nation"
    assert stem("falling") == "fall" and stem("dressed") == "dress"
    assert stem("care") != stem("car") and stem("fire") != stem("fir")
    assert stem("speed") == stem("speeds") == "speed"
    assert stem("elderly") != stem("elder") and stem("assembly") == "assembly"


def test_senses_are_cut_to_their_core() -> None:
    assert sense_keys("to volunteer") == ["volunteer"]
    assert sense_keys("Lhasa, capital city of Tibet Autonomous Region 西藏自治区") == ["lhasa"]
    assert sense_keys("CL:個|个[ge4]") == []
    assert sense_keys("(of a machine) to operate") == [stem("operate")]
    assert sense_keys("of") == []
    assert sense_keys("wages; pay") == [stem("wages"), "pay"]


def test_a_name_given_two_ways_is_each_of_them() -> None:
    found = dict(gloss_keys("Yellow River or Huang He"))
    assert found["yellow river"] == found["huang he"] == WHOLE
    # Not a name of capitalised words on both sides: one alternative, as before.
    assert dict(gloss_keys("air or shipping route"))["air"] == INSIDE
    assert dict(gloss_keys("Qidu or Chitu District of Keelung City"))["qidu"] == INSIDE


def test_a_gloss_ending_in_when_it_happens_reads_that_first() -> None:
    assert dict(gloss_keys("to plow a field in the spring"))["spring plow"] == PARTS
    assert dict(gloss_keys("to swim in winter"))["winter swim"] == PARTS
    assert list(dict(gloss_keys("in the spring"))) == ["spring"]  # no act to put it before


def test_a_name_is_not_its_kind() -> None:
    # 红河 "Honghe county in Honghe Hani and Yi autonomous prefecture, Yunnan; Red River ..."
    found = dict(meanings("红河"))
    assert "hongh county" in found and "red river" in found
    assert stem("county") not in found and "river" not in found
    assert dict(gloss_keys("air or shipping route"))[stem("route")] == HEAD  # not a name


def test_a_long_gloss_gives_its_head_and_its_words_ranked_lower() -> None:
    found = dict(gloss_keys("air or shipping route"))
    assert found[word_key("shipping route")[2:]] == HEAD
    assert found[stem("route")] == HEAD
    assert found["air"] == INSIDE
    head = dict(gloss_keys("passenger transportation around Chinese New Year"))
    assert head[stem("transportation")] == HEAD and head[stem("year")] == INSIDE
    assert head["new year"] == INSIDE  # mentioned, not what the word is


def test_a_word_cc_cedict_lacks_is_read_from_its_parts() -> None:
    assert ("party build", PARTS) in meanings("党建")
    assert meanings("志愿者")[0] == ("volunteer", WHOLE_FIRST)


def test_three_characters_joining_two_words_mean_both() -> None:
    # 农牧民, which CC-CEDICT lacks: 农民 "farmer" and 牧民 "herdsman", each as a whole gloss.
    found = dict(meanings("农牧民"))
    assert found["farmer"] == found["herdsman"] == WHOLE
    assert "seed" not in dict(meanings("种麦子"))  # 种子 and 麦子: a suffix, not a meaning


def test_a_compound_is_a_kind_of_its_last_part() -> None:
    assert (stem("instructor"), INSIDE) in meanings("主教练")


def test_expansion_is_capped_and_ranked_by_closeness() -> None:
    words = ["工作", "作品", "作业", "办公", "上班", "干活", "劳动", "志愿者", "志愿"]
    found = expansions(words, lambda w: len(w))
    assert len(candidates(words)["work"]) > MAX_WORDS
    assert len(found["work"].words) == MAX_WORDS
    assert found["volunteer"].words == (("志愿者", 0), ("志愿", 1))


def test_a_mention_much_commoner_than_the_closer_words_is_left_out() -> None:
    # 渠道 "irrigation ditch; channel" only mentions irrigation; in the archive it is mostly
    # a channel: in more than INSIDE_RATIO times the articles of 灌溉 "to irrigate", it goes.
    found = [(WHOLE_FIRST, "灌溉"), (INSIDE, "渠道")]
    common = chosen(stem("irrigation"), found, {"灌溉": 2, "渠道": 2 * INSIDE_RATIO + 1}.get)
    rare = chosen(stem("irrigation"), found, {"灌溉": 2, "渠道": 2 * INSIDE_RATIO}.get)
    assert [w for w, _ in common.words] == ["灌溉"]
    assert [w for w, _ in rare.words] == ["灌溉", "渠道"]
    # With no closer word, a mention is all there is, and stays.
    assert chosen(stem("irrigation"), found[1:], {"渠道": 99}.get).words == (("渠道", 2),)


def test_a_prefixed_word_is_about_its_root_more_than_a_mention() -> None:
    assert dict(gloss_keys("to defraud"))["fraud"] == PARTS
    assert dict(gloss_keys("to commit fraud by deceit"))[stem("deceit")] == INSIDE


def test_a_sense_naming_a_chinese_word_keeps_its_english() -> None:
    # CC-CEDICT: 钱塘江 "Qiantang River that loops around Hangzhou 杭州[Hang2 zhou1] in ..."
    assert "qiantang river" in dict(senses("钱塘江"))
    assert sense_keys("West Lake in Hangzhou 杭州, Zhejiang") == []
    assert ("west lake", HEAD) in gloss_keys("West Lake in Hangzhou 杭州, Zhejiang")
    # A sense that only points at another word means nothing of its own.
    assert gloss_keys("same as 拉萨[La1 sa4]") == []
    assert gloss_keys("erhua variant of 哪里[na3 li3]") == []


def test_a_phrase_inside_a_longer_gloss_joins_a_phrase_known_otherwise() -> None:
    # 年货 "merchandise sold for Chinese New Year"; 新年 "New Year".
    df = {"新年": 7, "年货": 9}
    assert {w for w, _ in expansions(df, df.__getitem__)["new year"].words} == set(df)
    alone = expansions(["年货"], lambda w: 1)
    assert "new year" in candidates(["年货"]) and not alone["new year"].words


def test_a_character_stands_for_its_first_gloss_unless_it_is_common() -> None:
    df = {"碱": 3, "遛狗": 1, "犬": 2}
    found = expansions(df, df.__getitem__)
    assert found["alkali"].words == (("碱", COMPOSED),)
    assert {w for w, _ in found["dog"].words} == {"遛狗", "犬"}
    common = {"水": 119, "浇水": 1, "水域": 1}
    assert "水" not in {w for w, _ in expansions(common, common.__getitem__)["water"].words}


def test_a_phrase_stands_for_more_words_than_a_word() -> None:
    words = ["新年", "年前", "年下", "开春", "年货", "过年", "年味", "春运", "迎新", "守岁"]
    found = expansions(words, lambda w: 1)
    assert len(found["new year"].words) == MAX_PHRASE_WORDS > MAX_WORDS


def test_a_verb_object_word_reads_object_first_when_its_gloss_names_the_object() -> None:
    assert (word_key("fire prevention")[2:], PARTS) in meanings("防火")
    assert not [key for key, _ in meanings("营造") if " " in key]


def test_whole_glosses_rank_by_the_articles_that_use_them_not_by_sense_order() -> None:
    # 供暖 "to supply heating (in a building)/heating": its second sense; the archive's
    # word for heating when it holds it most.
    df = {"加热": 1, "供暖": 9}
    assert expansions(df, df.__getitem__)[stem("heating")].words[0][0] == "供暖"


def test_an_english_place_name_of_several_words_is_one_phrase() -> None:
    site = built_site()
    engine = site.engine()
    plan = engine.plan("Tibet Autonomous Region", Filters())
    assert [getattr(c, "word", None) for c in plan.clauses] == ["tibet autonomous region"]
    named = {
        d.key
        for d in site.docs
        if any(p.name_en == "Tibet Autonomous Region" for p in [*d.places, *d.ancestors])
    }
    assert named and named <= set(engine.search_all("Tibet Autonomous Region"))


def test_near_synonyms_lend_each_other_their_glosses() -> None:
    # 食堂 "dining hall; cafeteria" and 饭堂 "dining hall; canteen; cafeteria" share two.
    assert ("canteen", PARTS) in meanings("食堂")
    assert all(key != "canteen" for key, _ in meanings("餐厅"))


def test_a_gloss_and_its_split_form_are_one_shared_gloss() -> None:
    # 背景 "background" and 质地 "texture; background; grain" share one gloss, which is also
    # keyed split ("back ground"): not two, so 背景 is not lent "grain".
    assert ("back ground", WHOLE_FIRST) in meanings("背景")
    assert ("grain", WHOLE) in meanings("质地")
    assert all(key != "grain" for key, _ in meanings("背景"))


def test_a_gloss_written_as_one_word_is_found_typed_as_two() -> None:
    assert (word_key("paper cutting")[2:], WHOLE_FIRST) in meanings("剪纸")
    assert not [key for key, _ in meanings("一起") if key == "toge ther"]


def test_a_sense_of_another_register_stands_for_nothing() -> None:
    # 大白's "(neologism c. 2021) ... volunteer in full-body PPE", 火气's "internal heat
    # (TCM)": a mainland paper's word hardly ever means them.
    assert stem("volunteer") not in dict(senses("大白"))
    assert stem("heat") not in dict(senses("火气"))
    assert stem("anger") in dict(senses("火气"))
    assert stem("volunteer") in dict(senses("义务"))


@pytest.mark.parametrize(
    ("word", "readings"),
    [
        ("kiwifruit", ["kiwi fruit", "kiwif ruit"]),
        ("diver", ["dive"]),
        ("ecological", ["ecol ogical", "ecolo gical", "ecolog ical", "ecology"]),
        ("exporters", ["expo rters", "expor ters", "export"]),
        ("repairman", ["repa irman", "repai rman", "repair"]),
        ("sportsmen", ["spor tsmen", "sport smen", "sport"]),
        ("news", []),
        ("lhasa", []),
    ],
)
def test_a_word_the_index_lacks_may_be_read_as_two_words_or_its_root(
    word: str, readings: list[str]
) -> None:
    assert unknown_readings(word) == readings


def test_a_word_the_index_lacks_finds_what_its_known_reading_finds() -> None:
    engine = built_site().engine
    assert engine().search_all("partybuilding") == engine().search_all("party building")
    assert engine().search_all("herders") == engine().search_all("herd")
    assert engine().search("partybuilding").expanded == ["党建"]
    # A word the index knows is never read otherwise: no file more is fetched for it.
    known = engine()
    known.search("volunteer")
    shard = fnv1a("w:volunteer") % known.meta["shards"]
    assert [p for p in known.fetched if p.startswith("s/")] == [f"s/{shard}.bin"]


def test_a_word_read_as_pinyin_is_never_read_otherwise() -> None:
    plan = built_site().engine().plan("xianggelila", Filters())
    assert not [key for key in plan.terms if key.startswith("w:") and " " in key]
    assert [getattr(c, "syllables", ()) for c in plan.clauses] == [("xiang", "ge", "li", "la")]
