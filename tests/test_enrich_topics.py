"""The topic vocabulary, the classifier and a person's topics."""

from __future__ import annotations

import math
from dataclasses import replace

from bench.labelled import labelled_articles
from bench.train_topics import article_x
from site_builder.enrich import Enricher
from site_builder.enrich.enricher import article_text
from site_builder.enrich.topic_model import (
    PAIR_SCALE,
    LinearTopic,
    TopicModel,
    dump,
    features,
    keyword_sites,
    load,
    train,
)
from site_builder.enrich.topics import (
    FALLBACK,
    SUBTOPIC,
    THRESHOLD,
    ancestors,
    article_features,
    assign,
    filed_under,
    most_specific,
    vocabulary,
    with_ancestors,
    written_topics,
)
from site_builder.enrich.topics import model as shipped_model
from site_builder.nlp.tokenizer import tagged


def test_vocabulary_is_iptc_top_level_plus_named_subtopics() -> None:
    topics = vocabulary()
    top = [t for t in topics.values() if t.parent is None]
    assert len(top) == 17
    assert all(t.iptc and t.iptc.startswith("medtop:") for t in top)
    for topic in topics.values():
        assert topic.name and topic.name_en and topic.keywords
        assert topic.parent is None or topics[topic.parent].parent is None
    assert ancestors("agriculture") == ["economy"]
    assert with_ancestors(["agriculture"]) == {"agriculture", "economy"}
    assert most_specific(["economy", "agriculture", "education"]) == ["agriculture", "education"]


def _parents() -> dict[str, str | None]:
    return {t.id: t.parent for t in vocabulary().values()}


def test_training_is_deterministic_and_round_trips() -> None:
    xs = [{"w:青稞": 1.0, "k:agriculture": 1.0}, {"w:学校": 1.0, "k:education": 0.7}] * 3
    ys = [{"agriculture"}, {"education"}] * 3
    first = dump(train(xs, ys, _parents()))
    assert first == dump(train(xs, ys, _parents()))
    model = load(first)
    # The parent is trained on its subtopic's articles on its own, not as a primary topic.
    assert set(model.each) == {"agriculture", "economy", "education"}
    assert set(model.primary) == {"agriculture", "education"}
    assert assign({"w:青稞": 1.0, "k:agriculture": 1.0}, model) == ["agriculture"]
    assert assign({"w:学校": 1.0, "k:education": 1.0}, model) == ["education"]


def test_the_primary_topic_wins_where_its_parent_is_likelier() -> None:
    # Labelled economy alone, or agriculture: agriculture's words make economy likelier on
    # its own (it is trained on both), but agriculture is the primary topic.
    xs = [{"w:企业": 1.0}, {"w:青稞": 1.0, "w:企业": 1.0}, {"w:青稞": 1.0}] * 4
    ys = [{"economy"}, {"agriculture"}, {"agriculture"}] * 4
    model = train(xs, ys, _parents())
    x = {"w:青稞": 1.0, "w:企业": 1.0}
    assert model.each["economy"].probability(x) > model.each["agriculture"].probability(x)
    assert model.first(x) == "agriculture"
    assert assign(x, model) == ["agriculture"]
    assert assign({"w:企业": 1.0}, model) == ["economy"]


def test_scores_read_from_the_features_are_each_models_score_exactly() -> None:
    shipped = shipped_model()
    articles = labelled_articles()[:40]
    xs = [article_features(tagged(article_text(a)[0]), article_text(a)[1]) for a in articles]
    xs.append({"w:没有这个词": 1.0})  # no weight of any model: the biases alone
    for x in xs:
        each, primary = shipped.scores(x)
        assert [s.hex() for s in each.values()] == [m.score(x).hex() for m in shipped.each.values()]
        assert [s.hex() for s in primary.values()] == [
            m.score(x).hex() for m in shipped.primary.values()
        ]
        assert list(each) == list(shipped.each) and list(primary) == list(shipped.primary)
    assert len({shipped.first(x) for x in xs}) > 3


def _fixed(probability: float) -> LinearTopic:
    """A topic model that gives every article ``probability``."""
    return LinearTopic(math.log(probability / (1 - probability)), {})


def test_topics_besides_the_primary_one_are_likely_on_their_own() -> None:
    primary = {"tourism": LinearTopic(2.0, {}), "education": LinearTopic(1.0, {})}
    each = {"economy": _fixed(0.9), "tourism": _fixed(0.3), "education": _fixed(THRESHOLD + 0.01)}
    # The primary topic however likely on its own; its parent implied; another topic above
    # the threshold, after it.
    assert assign({}, TopicModel(each, primary)) == ["tourism", "education"]
    each["education"] = _fixed(THRESHOLD - 0.01)
    assert assign({}, TopicModel(each, primary)) == ["tourism"]
    # A primary topic next to unlikely on its own is no topic.
    each["tourism"] = _fixed(FALLBACK / 2)
    assert assign({}, TopicModel(each, primary)) == ["economy"]
    each["economy"] = _fixed(THRESHOLD - 0.01)
    assert assign({}, TopicModel(each, primary)) == []


def test_a_chosen_topics_likeliest_subtopic_is_chosen_at_its_own_bar() -> None:
    primary = {"arts-culture": LinearTopic(2.0, {}), "education": LinearTopic(1.0, {})}
    each = {
        "arts-culture": _fixed(0.9),
        "heritage": _fixed(SUBTOPIC + 0.01),
        "education": _fixed(SUBTOPIC + 0.05),
    }
    # Heritage is below the bar of a topic of its own, but names the kind of culture story;
    # education, no subtopic of a chosen topic, is not chosen at that probability.
    assert assign({}, TopicModel(each, primary)) == ["heritage"]
    each["heritage"] = _fixed(SUBTOPIC - 0.01)
    assert assign({}, TopicModel(each, primary)) == ["arts-culture"]


def test_almost_every_labelled_article_gets_a_topic() -> None:
    # Every fifth article, each page's among them (the whole set's figure is the bench's,
    # bench/browse_bench.py), through the build's features and the shipped model.
    articles = labelled_articles()[::5]
    chosen = [assign(article_x(a)) for a in articles]
    assert len({a.page_id for a in articles}) >= 100
    assert sum(1 for topics in chosen if topics) >= 0.95 * len(articles)
    assert all(topics == most_specific(topics) and len(topics) <= 3 for topics in chosen)


def test_a_persons_topics_win_by_id_or_either_name() -> None:
    articles = labelled_articles()[:4]
    written = replace(articles[0], topics=["Tourism", "教育", "weather", "no such topic"])
    enricher = Enricher([written, *articles[1:]])
    info = enricher.info(written)
    assert info.topics == ["tourism", "education", "weather"]
    assert info.unknown_topics == ["no such topic"]
    assert written_topics(["economy", "农业"]) == (["agriculture"], [])


def test_the_page_and_the_column_an_article_is_filed_under_count_as_headline() -> None:
    assert filed_under("法治", "以案说法") == "法治 以案说法"
    assert filed_under(None, None) is None and filed_under("体育", None) == "体育"
    words = [("法院", "n"), ("审理", "v"), ("案件", "n")]
    plain = article_features(words, 0)
    filed = article_features(words, 0, filed_under("法治", None))
    assert "w:法治" not in plain and filed["w:法治"] == math.log1p(2)  # headline weight
    assert filed["c:法治"] == PAIR_SCALE * math.log1p(2)
    # No character pair spans the page's name and the text (治法).
    own = {"w:法治", "c:法治", "k:law"}
    assert {k: v for k, v in filed.items() if k not in own} == {
        k: v for k, v in plain.items() if k != "k:law"
    }


def test_character_pairs_count_across_jiebas_cuts_and_weigh_in_the_headline() -> None:
    # 种植户 cut as one word and 种植 as another share the pair 种植, so a word the
    # labelled set never showed still carries the evidence of those it did.
    words = [("种植户", "n"), ("增收", "v"), ("\n", "x"), ("种植", "v"), ("青稞", "n")]
    x = article_features(words, len("种植户增收"))
    assert x["c:种植"] == PAIR_SCALE * math.log1p(2 + 1)  # headline twice, body once
    assert x["c:户增"] == PAIR_SCALE * math.log1p(2)
    assert "c:收种" not in x  # the line break ends a run of characters
    assert x["w:种植户"] == math.log1p(2) and x["w:种植"] == math.log1p(1)


def test_a_keyword_counts_as_a_phrase_however_jieba_cut_it() -> None:
    keywords = {"heritage": frozenset(["非遗", "传承人"]), "labour": frozenset(["工人"])}
    # 非遗传承人 cut 非/遗传/承人: the keyword starts on a cut, and 传承人 ends on one.
    words = [("非", "h"), ("遗传", "vn"), ("承人", "n"), ("教", "v"), ("剪纸", "n")]
    x = features(words, 0, keywords, frozenset())
    assert x["k:heritage"] == math.log1p(2)
    # 工人 across the middle of 员工/人数 starts and ends inside words: no labour.
    words = [("员工", "n"), ("人数", "n"), ("增加", "v"), ("工人", "n")]
    assert features(words, 0, keywords, frozenset())["k:labour"] == math.log1p(1)
    assert "k:labour" not in features(words[:3], 0, keywords, frozenset())
    # A keyword in the headline counts twice, one of several words (营商/环境) too.
    words = [("优化", "vn"), ("营商", "n"), ("环境", "n"), ("。", "x")]
    x = features(words, len("优化营商环境"), {"government": frozenset(["营商环境"])}, frozenset())
    assert x["k:government"] == math.log1p(2)
    assert [site[1:] for site in keyword_sites("营商环境", {"g": frozenset(["营商环境"])})] == [
        (0, 4)
    ]
