"""The labelled set: every article of the gold segmentation pages, with hand-made labels.

Articles come from the gold files ``*.expected.json`` of two sets of pages: the
segmentation fixtures (``tests/fixtures/pages/**``: the example page, the fixture pages
and the first blind pages), the blind pages of ``bench/blind_pages/batch_a..d``, those
of ``batch_k..l``, of ``batch_y..z``, of ``batch_an``, of ``batch_ap``, of ``batch_au``,
of ``batch_ay``, of ``batch_ba``, of ``batch_bc`` and of ``batch_be``. An article's key is
``<page stem>/a<n>``, n its reading order from 1.
Labels (topics, places, tags worth having) are in ``tests/fixtures/enrich/labels.json``
for the first set, ``labels_blind.json`` for the second, ``labels_blind2.json`` for the
third, ``labels_blind3.json`` for the fourth, ``labels_blind4.json`` for the fifth,
``labels_blind5.json`` for the sixth, ``labels_blind6.json`` for the seventh,
``labels_blind7.json`` for the eighth, ``labels_blind8.json`` for the ninth,
``labels_blind9.json`` for the tenth and ``labels_blind10.json`` for the eleventh (topics
and places, each written blind by another helper); who made them and how is said in
``tests/fixtures/enrich/README.md`` and ``bench/README.md``. Every set's topics train the
model (``topic_labels``) once its first contact is recorded: a blind set tests the model
once, then teaches it, and the cross-validation of ``browse_bench`` holds each page out.

The blind labels are read as their author left them, through one documented step
(``gazetteer_path``): each place path is written with the gazetteer's names, so that a
spelling variant (西藏 for 西藏自治区, 迪庆州 for 迪庆藏族自治州, a level left out) is not
counted as an error.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from site_builder.content.article import Article, SourceRef
from site_builder.enrich.gazetteer import gazetteer, within
from site_builder.enrich.suffixes import SUFFIXES
from site_builder.enrich.topics import written_topics
from site_builder.ingest.lines import furniture_of, read_units

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
BLIND = ROOT / "bench" / "blind_pages"
LABELLED_BATCHES = "abcd"
BLIND2_BATCHES = "kl"
"""Blind pages labelled by a second blind labeller (``labels_blind2.json``)."""
BLIND3_BATCHES = "yz"
"""Blind pages labelled by a third blind labeller (``labels_blind3.json``)."""
BLIND4_BATCHES = ("an",)
"""Blind pages labelled by a fourth blind labeller (``labels_blind4.json``)."""
BLIND5_BATCHES = ("ap",)
"""Blind pages labelled by a fifth blind labeller (``labels_blind5.json``)."""
BLIND6_BATCHES = ("au",)
"""Blind pages labelled by a sixth blind labeller (``labels_blind6.json``)."""
BLIND7_BATCHES = ("ay",)
"""Blind pages labelled by a seventh blind labeller (``labels_blind7.json``)."""
BLIND8_BATCHES = ("ba",)
"""Blind pages labelled by an eighth blind labeller (``labels_blind8.json``)."""
BLIND9_BATCHES = ("bc",)
"""Blind pages labelled by a ninth blind labeller (``labels_blind9.json``)."""
BLIND10_BATCHES = ("be",)
"""Blind pages labelled by a tenth blind labeller (``labels_blind10.json``)."""
TRAINING_BATCHES = "efgh"
"""Blind pages whose topics were labelled to train the model only, never to score it."""
ENRICH = ROOT / "tests" / "fixtures" / "enrich"
LABELS = ENRICH / "labels.json"
BLIND_LABELS = ENRICH / "labels_blind.json"
BLIND2_LABELS = ENRICH / "labels_blind2.json"
BLIND3_LABELS = ENRICH / "labels_blind3.json"
BLIND4_LABELS = ENRICH / "labels_blind4.json"
BLIND5_LABELS = ENRICH / "labels_blind5.json"
BLIND6_LABELS = ENRICH / "labels_blind6.json"
BLIND7_LABELS = ENRICH / "labels_blind7.json"
BLIND8_LABELS = ENRICH / "labels_blind8.json"
BLIND9_LABELS = ENRICH / "labels_blind9.json"
BLIND10_LABELS = ENRICH / "labels_blind10.json"
TRAINING_LABELS = ENRICH / "labels_topics_training.json"


def _body(blocks: list[dict[str, str]]) -> str:
    parts = []
    for block in blocks:
        text = block["text"].strip()
        parts.append(f"## {text}" if block["type"] == "h" else text)
    return "\n\n".join(p for p in parts if p)


def _articles(paths: list[Path], page_names: bool = True) -> list[Article]:
    """The articles of the gold files ``paths``; with ``page_names`` False without their
    page's name, which only topics read (classifying a whole dump's lines for it is most
    of the time it takes to read a page)."""
    out: list[Article] = []
    for path in paths:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        page_id = path.name.removesuffix(".expected.json")
        page_name = _page_name(path.with_name(f"{page_id}.txt")) if page_names else None
        for n, a in enumerate(data["articles"], 1):
            out.append(
                Article(
                    page_id=page_id,
                    slug=f"a{n}",
                    title=a.get("title") or "",
                    title_derived=not a.get("title"),
                    title_pinyin="",
                    kicker=a.get("kicker"),
                    subtitle=a.get("subtitle"),
                    kind=a.get("kind") or "news",
                    dateline=a.get("dateline"),
                    authors=list(a.get("authors") or []),
                    column=a.get("column"),
                    body=_body(a.get("blocks") or []),
                    source=SourceRef(f"{page_id}.txt", []),
                    order=n,
                    affiliation=a.get("affiliation"),
                    page_name=page_name,
                )
            )
    return out


@cache
def _page_name(dump: Path) -> str | None:
    """The page's name (版名: 法治, 体育) as ingest reads it from the page's furniture, as
    the build's articles carry it (the gold files do not). Read once a process: the
    labelled set's loaders read the same pages again."""
    if not dump.is_file():
        return None
    return furniture_of(read_units(dump.read_text(encoding="utf-8"))).page_name


def fixture_articles() -> list[Article]:
    """The articles of the segmentation fixtures, pages by path."""
    return _articles(sorted(PAGES.rglob("*.expected.json")))


def blind_articles() -> list[Article]:
    """The articles of the labelled blind pages (batches a–d of ``bench/blind_pages``; the
    later batches are not labelled), pages by path."""
    return _articles(sorted(BLIND.glob(f"batch_[{LABELLED_BATCHES}]/*.expected.json")))


def blind2_articles() -> list[Article]:
    """The articles of the second blind label set (batches k–l), pages by path."""
    return _articles(sorted(BLIND.glob(f"batch_[{BLIND2_BATCHES}]/*.expected.json")))


def blind3_articles() -> list[Article]:
    """The articles of the third blind label set (batches y–z), pages by path."""
    return _articles(sorted(BLIND.glob(f"batch_[{BLIND3_BATCHES}]/*.expected.json")))


def blind4_articles() -> list[Article]:
    """The articles of the fourth blind label set (batch an), pages by path."""
    return _batches(BLIND4_BATCHES)


def blind5_articles() -> list[Article]:
    """The articles of the fifth blind label set (batch ap), pages by path."""
    return _batches(BLIND5_BATCHES)


def blind6_articles() -> list[Article]:
    """The articles of the sixth blind label set (batch au), pages by path."""
    return _batches(BLIND6_BATCHES)


def blind7_articles() -> list[Article]:
    """The articles of the seventh blind label set (batch ay), pages by path."""
    return _batches(BLIND7_BATCHES)


def blind8_articles() -> list[Article]:
    """The articles of the eighth blind label set (batch ba), pages by path."""
    return _batches(BLIND8_BATCHES)


def blind9_articles() -> list[Article]:
    """The articles of the ninth blind label set (batch bc), pages by path."""
    return _batches(BLIND9_BATCHES)


def blind10_articles() -> list[Article]:
    """The articles of the tenth blind label set (batch be), pages by path."""
    return _batches(BLIND10_BATCHES)


def _batches(batches: tuple[str, ...]) -> list[Article]:
    return _articles(sorted(p for b in batches for p in BLIND.glob(f"batch_{b}/*.expected.json")))


def gold_articles() -> list[Article]:
    """Every article of every gold page the project holds (the fixtures' and all blind
    batches', labelled or not): about five thousand real, distinct articles, pages by
    path, for tag statistics, so without their page's name (topics alone read it)."""
    paths = sorted(PAGES.rglob("*.expected.json")) + sorted(BLIND.glob("batch_*/*.expected.json"))
    return _articles(paths, page_names=False)


def training_articles() -> list[Article]:
    """The articles of the pages labelled for training only (``TRAINING_BATCHES``) that
    have a label, pages by path."""
    paths = sorted(BLIND.glob(f"batch_[{TRAINING_BATCHES}]/*.expected.json"))
    return [a for a in _articles(paths) if a.key in training_labels()]


@cache
def training_labels() -> dict[str, list[str]]:
    """Article key -> topic ids of ``labels_topics_training.json`` (not blind: its
    ``_note`` says who wrote it and how)."""
    out: dict[str, list[str]] = {}
    for key, raw in _read(TRAINING_LABELS).items():
        topics, unknown = written_topics(raw["topics"])
        if unknown:
            raise ValueError(f"{TRAINING_LABELS}: {key}: no such topic {unknown}")
        out[key] = topics
    return out


def topic_labels() -> dict[str, list[str]]:
    """Article key -> topic ids of every article the model may be trained on: every
    label. (The third to fifth blind sets were kept out until their first contact, as tests
    of labellers the model never learned from; their first contacts are recorded in
    bench/README.md, and the more labellers the model learns from, the less it learns one
    labeller's habits.)"""
    trained = {key: v["topics"] for key, v in labels().items()}
    return trained | training_labels()


# The blind label sets by name, in the order they were written.
BLIND_SETS: dict[str, Callable[[], list[Article]]] = {
    "blind": blind_articles,
    "blind2": blind2_articles,
    "blind3": blind3_articles,
    "blind4": blind4_articles,
    "blind5": blind5_articles,
    "blind6": blind6_articles,
    "blind7": blind7_articles,
    "blind8": blind8_articles,
    "blind9": blind9_articles,
    "blind10": blind10_articles,
}


def labelled_articles() -> list[Article]:
    """Every labelled article: the fixtures', then the blind pages' of the blind sets."""
    return fixture_articles() + [a for articles in BLIND_SETS.values() for a in articles()]


def _read(path: Path) -> dict[str, dict[str, list[str]]]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


@cache
def labels() -> dict[str, dict[str, list[str]]]:
    """Article key -> {"topics": [...], "places": [...], "tags": [...]}, every file; the
    blind files' topics as ids and their places in the gazetteer's names."""
    out = _read(LABELS)
    blind: dict[str, dict[str, list[str]]] = {}
    for path in (
        BLIND_LABELS,
        BLIND2_LABELS,
        BLIND3_LABELS,
        BLIND4_LABELS,
        BLIND5_LABELS,
        BLIND6_LABELS,
        BLIND7_LABELS,
        BLIND8_LABELS,
        BLIND9_LABELS,
        BLIND10_LABELS,
    ):
        blind |= _read(path)
    for key, raw in blind.items():
        topics, _ = written_topics(raw.get("topics") or [])
        places = most_specific([gazetteer_path(p) for p in raw.get("places") or []])
        out[key] = {"topics": topics, "places": places, "tags": list(raw.get("tags") or [])}
    return out


def gazetteer_path(path: str) -> str:
    """A labeller's place path (``省/市/县/乡/村``) in the gazetteer's names.

    Each part down to county level is looked up among the divisions under the part before
    it (or anywhere, at the top), by full name, then by short name (西藏, 迪庆州 and the
    gazetteer's other aliases included); a part that names the division already reached
    (北京市/北京市/东城区) or none (市辖区) is skipped; the first part no division answers
    and every part after it are townships and villages, written with the canonical
    suffix (…社区 for …社区居委会, …村 for …村委会). A level the labeller left out is
    filled in from the gazetteer."""
    gaz = gazetteer()
    code: str | None = None
    tail: list[str] = []
    for part in (p.strip() for p in path.split("/")):
        if not part:
            continue
        found = None if tail else _division(part, code)
        if found is not None:
            code = found
        elif not tail and (part in _PLACEHOLDERS or (code and gaz.by_code[code].name == part)):
            continue
        else:
            tail.append(_canonical(part))
    names = (
        [gaz.by_code[c].name for c in gaz.ancestors(code)] + [gaz.by_code[code].name]
        if code
        else []
    )
    return "/".join(names + tail)


_PLACEHOLDERS = frozenset(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"])
"""Level names of the official code list that stand for no division (北京市/市辖区/东城区)."""


def _division(name: str, parent: str | None) -> str | None:
    """The one division called ``name`` under ``parent`` (anywhere when None)."""
    gaz = gazetteer()
    for table in (gaz.full, gaz.short):
        codes = [c for c in table.get(name, ()) if c in gaz.by_code]
        if parent is not None:
            codes = [c for c in codes if c != parent and within(c, parent)]
        if len(codes) == 1:
            return codes[0]
    return None


def _canonical(name: str) -> str:
    for written in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(written) and len(name) > len(written):
            return name[: -len(written)] + SUFFIXES[written][0]
    return name


def most_specific(paths: list[str]) -> list[str]:
    """The paths that are not the beginning of another (places are scored most specific:
    西藏自治区/拉萨市 goes when 西藏自治区/拉萨市/城关区 is there too), each once."""
    unique = list(dict.fromkeys(paths))
    return [p for p in unique if not any(o.startswith(p + "/") for o in unique)]
