"""Topics: the archive's controlled, bilingual subject vocabulary, and assigning it.

The vocabulary (``data/topics.tsv``) is modelled on IPTC Media Topics: its top level and
the second level a regional paper needs, each with a Chinese and an English name and its
keyword evidence. The shipped model (``data/topics_model.json``, made by
``bench/train_topics.py`` from the labelled set) gives each topic a probability; an article
gets the topics at ``THRESHOLD`` or above, or failing any, its best topic when that is at
least ``FALLBACK``; a chosen topic's likeliest subtopic joins it when it is likely enough
given its parent (``SUBTOPIC_SHARE``). Only the most specific topics are kept: a parent is
implied by its children. A person's ``topics:`` in front matter replaces all this.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from itertools import chain

from site_builder.enrich.resources import data_rows, data_set
from site_builder.enrich.topic_model import Features, LinearTopic, features, load
from site_builder.nlp.tokenizer import tagged

THRESHOLD = 0.35
FALLBACK = 0.2
MAX_TOPICS = 3
SUBTOPIC_SHARE = 0.2
SUBTOPIC_FLOOR = 0.1
"""A chosen topic's likeliest subtopic is chosen too when its probability is at least
``SUBTOPIC_SHARE`` of the parent's and at least ``SUBTOPIC_FLOOR``. A parent is trained on
every article of its subtopics, so it is sure where each subtopic alone is unsure (economy
0.95, tourism 0.20 for a piece on winter tourism): read as the subtopic's probability given
its parent, the subtopic is the better guess. Both values chosen by cross-validation
(bench/README.md)."""
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
def model() -> dict[str, LinearTopic]:
    """The shipped model."""
    return load((files("site_builder.enrich") / "data" / MODEL_FILE).read_text("utf-8"))


def article_features(
    words: Iterable[tuple[str, str]], cut: int, column: str | None = None
) -> Features:
    """Classifier features of an article's tagged words (headline up to ``cut``); its
    ``column`` (以案说法, 经济观察: the editors' own filing) counts as headline."""
    if not column:
        return features(words, cut, keywords(), _stopwords())
    filed = _column_words(column)
    return features(chain(filed, words), cut + len(column), keywords(), _stopwords())


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
    trained: dict[str, LinearTopic] | None = None,
    threshold: float = THRESHOLD,
    fallback: float = FALLBACK,
) -> list[str]:
    """The most specific topics of an article with features ``x``, most probable first
    (``threshold`` and ``fallback`` are given only by the bench that chooses them)."""
    probability = {topic: m.probability(x) for topic, m in (trained or model()).items()}
    scores = sorted((-p, topic) for topic, p in probability.items())
    chosen = [t for p, t in scores if -p >= threshold]
    if not chosen and scores and -scores[0][0] >= fallback:
        chosen = [scores[0][1]]
    picked = sorted({*chosen, *_subtopics(chosen, probability)}, key=lambda t: (-probability[t], t))
    return most_specific(picked)[:MAX_TOPICS]


def _subtopics(chosen: list[str], probability: dict[str, float]) -> list[str]:
    """The likeliest subtopic of each chosen topic, where it is likely enough given its
    parent (``SUBTOPIC_SHARE``)."""
    out = []
    for parent in chosen:
        below = [(p, t) for t, p in probability.items() if vocabulary()[t].parent == parent]
        if not below:
            continue
        p, best = max(below)
        if p >= SUBTOPIC_FLOOR and p >= SUBTOPIC_SHARE * probability[parent]:
            out.append(best)
    return out
