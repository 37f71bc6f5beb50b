"""Topics: the archive's controlled, bilingual subject vocabulary, and assigning it.

The vocabulary (``data/topics.tsv``) is modelled on IPTC Media Topics: its top level and
the second level a regional paper needs, each with a Chinese and an English name and its
keyword evidence. The shipped model (``data/topics_model.json``, made by
``bench/train_topics.py`` from the labelled set) names an article's primary topic (the
topics compete for it) and gives each topic a probability on its own: an article gets its
primary topic, when that is at least ``FALLBACK`` likely on its own, every other topic
at ``THRESHOLD`` or above, and a chosen topic's likeliest subtopic at ``SUBTOPIC``. Only
the most specific topics are kept: a parent is implied by its children. A person's
``topics:`` in front matter replaces all this.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from itertools import chain

from site_builder.enrich.resources import data_rows, data_set
from site_builder.enrich.topic_model import (
    Features,
    TopicModel,
    features,
    first_of,
    load,
    logistic,
)
from site_builder.nlp.tokenizer import tagged

THRESHOLD = 0.5
"""A topic besides the primary one is chosen at this probability on its own (chosen by
cross-validation, bench/README.md: most articles have one topic, and a second one is
right about half as often as the primary)."""
FALLBACK = 0.1
"""The primary topic is left out below this probability on its own: an article with
next to no words of any topic (a caption, a list of names) gets none."""
SUBTOPIC = 0.3
"""A chosen topic's most probable subtopic is chosen too (the parent then implied) at this
probability on its own: labellers file a story under the subtopic (文化遗产 rather than
文化艺术), and a subtopic below the bar of a topic of its own is still the better reading
of its parent. Held out label set by label set (bench/README.md, thirteenth round):
recall 0.768 -> 0.776 at the same precision; no set's recall falls."""
MAX_TOPICS = 3
MODEL_FILE = "topics_model.json"


@dataclass(slots=True, frozen=True)
class Topic:
    """One subject of the vocabulary."""

    id: str
    """Stable ASCII id, also the topic's URL segment (``agriculture``)."""
    parent: str | None
    iptc: str | None
    """IPTC Media Topics code of a top-level subject (``medtop:04000000``)."""
    name: str
    """Chinese name (``农业``)."""
    name_en: str
    """English name (``Agriculture``)."""
    keywords: frozenset[str]


@cache
def vocabulary() -> dict[str, Topic]:
    """Every topic by id, in the file's order (top-level subjects with their children)."""
    out: dict[str, Topic] = {}
    for row in data_rows("topics.tsv"):
        id_, parent, iptc, name, name_en, words = (row + [""] * 6)[:6]
        out[id_] = Topic(id_, parent or None, iptc or None, name, name_en, frozenset(words.split()))
    return out


def ancestors(topic: str) -> list[str]:
    """Ids above ``topic``, top first."""
    chain: list[str] = []
    parent = vocabulary()[topic].parent
    while parent is not None:
        chain.insert(0, parent)
        parent = vocabulary()[parent].parent
    return chain


def with_ancestors(topics: Iterable[str]) -> set[str]:
    """The topics and every topic above them."""
    return {up for t in topics for up in (t, *ancestors(t))}


def most_specific(topics: Iterable[str]) -> list[str]:
    """The topics without those implied by another (a parent of one of them), in order."""
    chosen = list(dict.fromkeys(topics))
    implied = {up for t in chosen for up in ancestors(t)}
    return [t for t in chosen if t not in implied]


@cache
def keywords() -> dict[str, frozenset[str]]:
    return {t.id: t.keywords for t in vocabulary().values()}


@cache
def _stopwords() -> frozenset[str]:
    return data_set("stopwords.txt")


@cache
def model() -> TopicModel:
    """The shipped model."""
    return load((files("site_builder.enrich") / "data" / MODEL_FILE).read_text("utf-8"))


def article_features(
    words: Iterable[tuple[str, str]], cut: int, column: str | None = None
) -> Features:
    """Classifier features of an article's tagged words (headline up to ``cut``); its
    ``column`` (以案说法, 经济观察: the editors' own filing) counts as headline."""
    if not column:
        return features(words, cut, keywords(), _stopwords())
    # A line break after the column, so that no character pair spans it and the headline.
    filed = (*_column_words(column), ("\n", "x"))
    return features(chain(filed, words), cut + len(column) + 1, keywords(), _stopwords())


def filed_under(page_name: str | None, column: str | None) -> str | None:
    """Where the editors filed an article: its printed page's name (法治, 体育, 教育) and its
    column (以案说法), which ``article_features`` reads as headline words. The page's name
    is a subject more often than not; 要闻 and 综合新闻 say nothing and weigh little."""
    return " ".join(part for part in (page_name, column) if part) or None


@lru_cache(maxsize=4096)
def _column_words(column: str) -> tuple[tuple[str, str], ...]:
    """Tagged words of a column name: an archive has few, each cut once."""
    return tuple(tagged(column))


def written_topics(written: Iterable[str]) -> tuple[list[str], list[str]]:
    """Front-matter topics as ids (an id, or a Chinese or English name, any case), most
    specific only; and those that name no topic."""
    by_name: dict[str, str] = {}
    for topic in vocabulary().values():
        for name in (topic.id, topic.name, topic.name_en):
            by_name[name.casefold()] = topic.id
    found: list[str] = []
    unknown: list[str] = []
    for name in written:
        known = by_name.get(name.strip().casefold())
        if known is None:
            unknown.append(name)
        else:
            found.append(known)
    return most_specific(found), unknown


def assign(
    x: Features,
    trained: TopicModel | None = None,
    threshold: float = THRESHOLD,
) -> list[str]:
    """The most specific topics of an article with features ``x``, the primary one first,
    then the others most probable first (``threshold`` is given only by the bench that
    chooses it)."""
    used = trained or model()
    each, primary = used.scores(x)
    probability = {topic: logistic(score) for topic, score in each.items()}
    first = first_of(primary)
    chosen = [first] if first is not None and probability.get(first, 0.0) >= FALLBACK else []
    for p, topic in sorted((-p, t) for t, p in probability.items()):
        if -p < threshold:
            break
        if topic not in with_ancestors(chosen):  # a parent of a chosen topic adds nothing
            chosen.append(topic)
    for topic in most_specific(chosen):
        below = [(p, t) for t, p in probability.items() if vocabulary()[t].parent == topic]
        if below and max(below)[0] >= SUBTOPIC:
            chosen.append(max(below)[1])
    return most_specific(chosen)[:MAX_TOPICS]
