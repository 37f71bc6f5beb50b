"""Enricher on whole pages: the example page, our fixture pages and a held-out page."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.labelled import labelled_articles
from site_builder.content.article import Article, SourceRef
from site_builder.enrich import ArticleInfo, Enricher, english_name
from site_builder.enrich.enricher import article_text
from site_builder.enrich.tags import cut_apart
from site_builder.render.prepare import enrich

FIXTURES = Path(__file__).parent / "fixtures" / "enrich"
ORGANISATION_HEADS = (
    "中心",
    "支部",
    "总支",
    "电影院",
    "大学",
    "学院",
    "医院",
    "监狱",
    "委员会",
    "局",
)


def _articles(name: str) -> list[Article]:
    data: Any = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    pages = data if isinstance(data, list) else [data]
    return [
        Article(
            page_id=page["page_id"],
            slug=a["slug"],
            title=a["title"],
            title_derived=a["title_derived"],
            title_pinyin="",
            kicker=a["kicker"],
            subtitle=a["subtitle"],
            kind=a["kind"],
            dateline=a["dateline"],
            authors=a["authors"],
            column=a["column"],
            body=a["body"],
            source=SourceRef(page["source"], []),
            order=n,
        )
        for page in pages
        for n, a in enumerate(page["articles"], 1)
    ]


@cache
def _archive() -> tuple[list[Article], Enricher]:
    articles = [
        *_articles("example_page.json"),
        *_articles("fixture_pages.json"),
        *_articles("heldout_page.json"),
    ]
    return articles, Enricher(articles)


@cache
def _example() -> tuple[list[Article], Enricher]:
    articles = _articles("example_page.json")
    return articles, Enricher(articles)


def _by_slug(articles: list[Article], slug: str) -> Article:
    return next(a for a in articles if a.slug == slug)


def _path(enricher: Enricher, code: str) -> str:
    return "/".join(p.name for p in [*enricher.ancestors(code), enricher.place(code)])


def _named_paths(enricher: Enricher, article: Article) -> set[str]:
    """Every place the article names (not only the most specific), as a path."""
    return {_path(enricher, h.code) for h in enricher.mentions(article) if h.code}


def test_example_page_required_places_with_parents_and_english_names() -> None:
    _, enricher = _example()
    expected = {
        "54": ("西藏自治区", None, "Tibet Autonomous Region"),
        "5401": ("拉萨市", "54", "Lhasa"),
        "540102": ("城关区", "5401", "Chengguan District"),
        "5405": ("山南市", "54", "Shannan"),
        "540526": ("措美县", "5405", "Comai County"),
    }
    for code, (name, parent, name_en) in expected.items():
        place = enricher.place(code)
        assert (place.name, place.parent, place.name_en) == (name, parent, name_en)


def test_example_page_most_specific_places_per_article() -> None:
    articles, enricher = _example()
    expected = {
        "a1": ["西藏自治区/拉萨市/城关区/雪社区"],
        "a2": ["西藏自治区/山南市/措美县", "浙江省/绍兴市/诸暨市/枫桥镇"],
        "a3": ["西藏自治区/拉萨市/城关区/鲁固社区"],
        "a4": ["西藏自治区/拉萨市/城关区/嘎玛贡桑社区"],
        "a5": ["西藏自治区/拉萨市/城关区/金珠西路街道/当巴社区"],
        "a6": ["西藏自治区/拉萨市/城关区/奇底街道/振兴社区"],
        "a7": ["西藏自治区"],
    }
    for slug, paths in expected.items():
        info = enricher.info(_by_slug(articles, slug))
        assert [_path(enricher, code) for code in info.places] == paths, slug


def test_example_page_streets_and_communities_have_levels() -> None:
    articles, enricher = _example()
    info = enricher.info(_by_slug(articles, "a6"))
    village = enricher.place(info.places[0])
    street = enricher.place(village.parent or "")
    assert (village.name, village.level) == ("振兴社区", "village")
    assert (street.name, street.level, street.parent) == ("奇底街道", "township", "540102")


def test_example_page_places_a_far_town_by_the_township_list() -> None:
    articles, enricher = _example()
    # A town in another province whose county the article never names: one county of
    # the country has a township so named, so it is that one, not 措美县's, nor ambiguous.
    info = enricher.info(_by_slug(articles, "a2"))
    town = next(enricher.place(c) for c in info.places if enricher.place(c).name == "枫桥镇")
    assert enricher.place(town.parent or "").name == "诸暨市"
    assert all(not enricher.info(a).ambiguous for a in articles)


def test_no_organisation_or_person_is_a_place() -> None:
    articles, enricher = _archive()
    people = {name for a in articles for name in a.authors}
    for article in articles:
        for code in enricher.info(article).places:
            for place in [*enricher.ancestors(code), enricher.place(code)]:
                assert not place.name.endswith(ORGANISATION_HEADS), place
                assert place.name not in people, place


def test_fixture_pages_most_specific_places() -> None:
    articles, enricher = _archive()
    expected = {
        "f1": ["西藏自治区/日喀则市/桑珠孜区/城北街道/扎西宗社区"],
        "f2": ["西藏自治区/林芝市/巴宜区/鲁朗镇/扎西岗村", "广东省"],
        "f3": ["甘肃省/兰州市/城关区", "西藏自治区/拉萨市/城关区/蔡公堂乡"],
        "f4": ["西藏自治区/拉萨市/城关区"],
        "f5": ["西藏自治区/那曲市/色尼区/达萨乡/嘎尔村"],
        "f6": ["西藏自治区"],
        "g2": ["甘肃省/兰州市/城关区"],
    }
    for slug, paths in expected.items():
        info = enricher.info(_by_slug(articles, slug))
        assert sorted(_path(enricher, code) for code in info.places) == sorted(paths), slug


def _precision_recall(articles: list[Article], enricher: Enricher) -> tuple[float, float]:
    gold: dict[str, list[str]] = json.loads((FIXTURES / "places_gold.json").read_text("utf-8"))
    found = right = wanted = 0
    for article in articles:
        predicted = _named_paths(enricher, article)
        expected = set(gold[article.key])
        found += len(predicted)
        wanted += len(expected)
        right += len(predicted & expected)
    return right / found, right / wanted


@pytest.mark.parametrize(
    ("fixture", "min_precision", "min_recall"),
    [
        ("example_page.json", 1.0, 0.9),
        ("fixture_pages.json", 1.0, 1.0),
        ("heldout_page.json", 1.0, 0.9),
    ],
)
def test_place_precision_and_recall(fixture: str, min_precision: float, min_recall: float) -> None:
    articles, enricher = _archive()
    page = _articles(fixture)
    keys = {a.key for a in page}
    precision, recall = _precision_recall([a for a in articles if a.key in keys], enricher)
    assert precision >= min_precision
    assert recall >= min_recall


def test_learned_places_have_pinyin_and_no_invented_english() -> None:
    articles, enricher = _example()
    place = enricher.place(enricher.info(_by_slug(articles, "a4")).places[0])
    assert place.pinyin == "Gāmǎgòngsāng Shèqū"
    assert place.name_en is None


def test_tags_group_articles_and_are_stable() -> None:
    articles, enricher = _archive()
    again = Enricher(list(reversed(articles)))
    carriers: Counter[str] = Counter()
    for article in articles:
        tags = enricher.info(article).tags
        assert len(tags) <= 6, (article.key, tags)
        assert tags == again.info(article).tags
        assert len(set(tags)) == len(tags)
        carriers.update(tags)
    assert carriers
    assert all(n >= 2 for n in carriers.values()), carriers


def test_a_tag_a_person_wrote_counts_though_one_article_has_it() -> None:
    articles = [replace(a, tags=["独有标签"]) if a.slug == "a1" else a for a in _archive()[0]]
    enricher = Enricher(articles)
    assert enricher.info(_by_slug(articles, "a1")).tags == ["独有标签"]


def test_fragments_of_a_mis_cut_word_are_never_tags() -> None:
    # jieba cuts 住建局 as 住|建局 and 经开区 as 经|开区.
    texts = [
        "市住建局检查工地安全。住建局要求企业整改。",
        "住建局发布通知。经开区企业复工,住建局派员指导。",
        "经开区新建厂房。经开区企业招工,住建局审批。",
    ]
    articles = [
        replace(_archive()[0][0], slug=f"s{i}", kicker=None, title=t[:6], body=t)
        for i, t in enumerate(texts)
    ]
    enricher = Enricher(articles)
    tags = {t for a in articles for t in enricher.info(a).tags}
    assert not tags & {"建局", "开区"}


def test_a_word_the_plain_cut_keeps_whole_gives_no_tag_of_its_pieces() -> None:
    # The tagging cut reads 大思|政课 where the plain cut keeps 大思政课 whole.
    texts = [
        "学校用好“大思政课”这本教科书,“大思政课”走进课堂。",
        "“大思政课”走进社区,居民听“大思政课”。",
        "“大思政课”进军营,官兵上好“大思政课”。",
    ]
    articles = [
        replace(_archive()[0][0], slug=f"s{i}", kicker=None, title=t[:6], body=t)
        for i, t in enumerate(texts)
    ]
    enricher = Enricher(articles)
    for article in articles:
        tags = enricher.info(article).tags
        assert not {"大思", "政课"} & set(tags)
        assert not any(cut_apart(t, article_text(article)[0]) for t in tags)


def test_tags_leave_out_places_people_stopwords_and_numbers() -> None:
    articles, enricher = _archive()
    for article in articles:
        info = enricher.info(article)
        names = {enricher.place(c).name for c in info.places}
        names |= {p.name for c in info.places for p in enricher.ancestors(c)}
        for tag in info.tags:
            assert not any(tag in name or name in tag for name in names), (article.key, tag)
            assert tag not in article.authors
            assert tag not in {"活动", "工作", "表示", "开展", "进一步", "相关", "负责人"}
            assert len(tag) >= 2 and not any(ch.isdigit() for ch in tag)


def test_tags_name_the_topic() -> None:
    articles = labelled_articles()
    enricher = Enricher(articles)
    by_key = {a.key: a for a in articles}
    for key in ("snowland_times_0506/a3", "qiangtang_01/a2", "shigatse_02/a2"):
        assert "青稞" in enricher.info(by_key[key]).tags, key
    assert "春播" in enricher.info(by_key["snowland_times_0506/a3"]).tags


def test_front_matter_tags_and_locations_win() -> None:
    articles, enricher = _example()
    written = ["措美县", "枫桥镇", "城关镇"]
    article = replace(_by_slug(articles, "a2"), tags=["干部培训"], locations=written)
    info = enricher.info(article)
    assert info.tags == ["干部培训"]
    # 枫桥镇 is a township of one county of the country; 城关镇 of hundreds.
    assert [_path(enricher, c) for c in info.places] == [
        "西藏自治区/山南市/措美县",
        "浙江省/绍兴市/诸暨市/枫桥镇",
    ]
    assert info.ambiguous == ["城关镇"]
    by_code = replace(_by_slug(articles, "a7"), locations=["540102"])
    assert enricher.info(by_code).places == ["540102"]


def test_front_matter_location_by_name_resolved_in_the_article() -> None:
    articles, enricher = _example()
    article = replace(_by_slug(articles, "a3"), locations=["鲁固社区"])
    assert [_path(enricher, c) for c in enricher.info(article).places] == [
        "西藏自治区/拉萨市/城关区/鲁固社区"
    ]


def _placeable(enricher: Enricher, info: ArticleInfo) -> list[str]:
    """Every place of ``info`` as a path: ``place`` and ``ancestors`` know each code."""
    return [_path(enricher, code) for code in info.places]


def test_a_front_matter_township_no_text_of_the_archive_names_is_a_place() -> None:
    # The archive's texts never write these townships, so they are learned while the
    # written name is read apart: once a KeyError in ``place``, a traceback in the build.
    articles = [a for a in _articles("example_page.json") if "枫桥镇" not in a.body]
    enricher = Enricher(articles)
    written = ["枫桥镇", "措美县哲古镇", "措美县哲古镇达琼村"]
    article = replace(_by_slug(articles, "a7"), locations=written)
    assert _placeable(enricher, enricher.info(article)) == [
        "浙江省/绍兴市/诸暨市/枫桥镇",
        "西藏自治区/山南市/措美县/哲古镇/达琼村",
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    stem=st.text(alphabet="云朵山石河花湖岗", min_size=1, max_size=3),
    suffix=st.sampled_from(["镇", "乡", "村", "社区", "街道"]),
    county=st.sampled_from(["", "措美县", "城关区", "诸暨市"]),
)
def test_every_front_matter_location_is_a_place_or_kept_as_written(
    stem: str, suffix: str, county: str
) -> None:
    articles, enricher = _example()
    name = county + stem + suffix
    info = enricher.info(replace(_by_slug(articles, "a7"), locations=[name]))
    paths = _placeable(enricher, info)
    # Placed (``place`` and ``ancestors`` know every code) or kept as the person wrote it.
    assert paths or info.ambiguous == [name]


def test_a_front_matter_township_unknown_everywhere_warns_with_its_file() -> None:
    articles = _articles("example_page.json")
    unknown = replace(_by_slug(articles, "a7"), locations=["云朵镇"])
    enrichment = enrich([unknown if a.slug == "a7" else a for a in articles])
    assert enrichment.places[unknown.key] == []
    assert any(
        w.startswith(f"{unknown.path}: front matter locations: '云朵镇'")
        for w in enrichment.warnings
    )


def test_an_article_outside_the_archive_may_name_a_village_of_its_own() -> None:
    articles = [a for a in _articles("example_page.json") if "枫桥镇" not in a.body]
    enricher = Enricher(articles)
    extra = replace(
        _by_slug(articles, "a1"),
        slug="extra-village",
        kicker=None,
        dateline=None,
        title="达琼村修通了路",
        body="措美县哲古镇达琼村的村民修通了进村公路。",
    )
    assert _placeable(enricher, enricher.info(extra)) == ["西藏自治区/山南市/措美县/哲古镇/达琼村"]


def test_article_outside_the_archive_uses_its_page() -> None:
    articles, enricher = _example()
    extra = replace(
        _by_slug(articles, "a1"),
        slug="extra",
        kicker=None,
        title="城关区表彰志愿者",
        body="近日城关区表彰了一批优秀志愿者。",
    )
    info = enricher.info(extra)
    assert isinstance(info, ArticleInfo)
    assert info.places == ["540102"]


def test_place_and_ancestors_api() -> None:
    _, enricher = _example()
    assert [p.code for p in enricher.ancestors("540526")] == ["54", "5405"]
    assert enricher.ancestors("54") == []
    with pytest.raises(KeyError):
        enricher.place("999999")


def test_english_names_of_tags_come_from_the_dictionary() -> None:
    articles, enricher = _example()
    tags = enricher.info(_by_slug(articles, "a4")).tags
    assert english_name("辅导班") == "tutorial class"
    assert any(english_name(t) for t in tags), tags


def test_no_tag_is_a_fragment_of_a_longer_word_in_its_article() -> None:
    articles = labelled_articles()
    enricher = Enricher(articles)
    for article in articles:
        text = article_text(article)[0]
        for tag in enricher.info(article).tags:
            assert not cut_apart(tag, text), (article.key, tag)
