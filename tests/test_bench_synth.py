"""The synthetic-archive generator of the benchmarks (bench/synth.py).

Deterministic, loadable, and consistent with ingest: its page dumps segment into exactly
the articles it wrote as content files; its gold text (bench/realistic.py) gets new names,
places and figures at each use.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import Counter
from pathlib import Path

import pytest

from bench import realistic
from bench.synth import (
    ARTICLES_PER_PAGE,
    HAND_TAGGED_SHARE,
    TAGS_PER_ARTICLE,
    SynthStats,
    Zipf,
    bundled_corpus,
    generate,
    hand_tagged,
)
from site_builder.content.article import Article
from site_builder.content.loader import load_content
from site_builder.ingest.pipeline import ingest

N = 60


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SynthStats]:
    root = tmp_path_factory.mktemp("synth")
    return root, generate(root, N, seed=3)


@pytest.fixture(scope="module")
def articles(archive: tuple[Path, SynthStats]) -> list[Article]:
    loaded, errors = load_content(archive[0] / "content")
    assert errors == []
    return loaded


def test_same_seed_gives_the_same_bytes(archive: tuple[Path, SynthStats], tmp_path: Path) -> None:
    again = generate(tmp_path / "again", N, seed=3)
    assert files(tmp_path / "again") == files(archive[0])
    assert again == archive[1]
    other = generate(tmp_path / "other", N, seed=4)
    assert files(tmp_path / "other") != files(archive[0])
    assert other.articles >= N


def test_example_text_writes_exactly_n_full_pages(tmp_path: Path) -> None:
    stats = generate(tmp_path, N, seed=3, seeds=False, source="example")
    articles, errors = load_content(tmp_path / "content")
    assert errors == [] and len(articles) == N == stats.articles
    per_page = Counter(a.page_id for a in articles)
    # every page but the last one (cut off at N) is full-sized
    *full, _last = sorted(per_page.items())
    assert all(ARTICLES_PER_PAGE[0] <= n <= ARTICLES_PER_PAGE[1] for _, n in full)


def test_writes_n_articles_that_load(
    archive: tuple[Path, SynthStats], articles: list[Article]
) -> None:
    root, stats = archive
    assert len(articles) == stats.articles
    assert N <= stats.articles < N + 3 * ARTICLES_PER_PAGE[1]  # the last page is whole
    assert len({a.key for a in articles}) == stats.articles
    assert all(a.locations and a.body for a in articles)
    # Tags only where a person wrote them (the tagger tags the rest at build time).
    assert all(bool(a.tags) == hand_tagged(a.key) for a in articles)
    assert len({a.kind for a in articles}) >= 3  # not only news
    per_page = Counter(a.page_id for a in articles)
    assert len(per_page) == stats.pages == len(list((root / "seeds").glob("*.txt")))
    dates = sorted({dt.date.fromisoformat(a.date or "") for a in articles})
    assert len(dates) == stats.days and (dates[-1] - dates[0]).days == stats.days - 1


def test_about_one_article_in_twenty_is_tagged_by_hand() -> None:
    keys = [f"synth_2020{m:02d}{d:02d}_{p:02d}/a{i}" for m in (1, 2) for d in range(1, 29)
            for p in range(1, 11) for i in range(9)]  # fmt: skip
    share = sum(map(hand_tagged, keys)) / len(keys)
    assert abs(share - HAND_TAGGED_SHARE) < 0.01


def test_tags_have_a_long_tail() -> None:
    rng, zipf = random.Random(5), Zipf(bundled_corpus().tags)
    tags = Counter(
        tag for _ in range(300) for tag in zipf.draw(rng, rng.randint(*TAGS_PER_ARTICLE))
    )
    counts = sorted(tags.values(), reverse=True)
    assert counts[0] >= 5 * counts[len(counts) // 2]  # a head far above the median
    assert sum(1 for n in counts if n == 1) > len(counts) / 2  # most tags are rare


def test_seeds_segment_into_the_written_articles(
    archive: tuple[Path, SynthStats], articles: list[Article], tmp_path: Path
) -> None:
    result = ingest(archive[0] / "seeds", tmp_path / "content")
    assert result.ok
    fresh, errors = load_content(tmp_path / "content")
    assert errors == []

    def without_person_fields(article: Article) -> Article:
        return dataclasses.replace(article, tags=[], locations=[], path="")

    written = {a.key: without_person_fields(a) for a in articles}
    assert {a.key: without_person_fields(a) for a in fresh} == written


def test_content_only_and_refusal_of_a_used_folder(
    archive: tuple[Path, SynthStats], tmp_path: Path
) -> None:
    generate(tmp_path, N, seed=3, seeds=False)
    assert not (tmp_path / "seeds").exists()
    assert files(tmp_path / "content") == files(archive[0] / "content")
    with pytest.raises(FileExistsError):
        generate(tmp_path, N, seed=3)


def test_gold_templates_get_new_names_places_and_figures() -> None:
    gold = realistic.gold_corpus()
    assert {t.kind for t in gold.templates} >= {"news", "brief", "commentary", "photo", "interview"}
    template = next(
        t for t in gold.templates if all(m in t.blocks[0][1] for m in ("\x00N", "\x00P"))
    )
    people, places = ["甲乙", "丙丁", "戊己"], ["拉萨市", "日喀则市", "林芝市"]

    def use(seed: int) -> list[str]:
        filler = realistic.Filler(random.Random(seed), people, [1, 2, 3], places, [1, 2, 3])
        head, body = realistic.article_lines(template, filler)
        return head + body

    first, second = use(1), use(2)
    assert len(first) == len(second) and "\x00" not in "".join(first)
    assert any(p in first[-len(template.blocks)] for p in people)
    assert any(p in "".join(first) for p in places)
    assert first != second or use(3) != first  # the slots are drawn, not copied


def test_a_name_is_replaced_the_same_way_within_an_article() -> None:
    filler = realistic.Filler(random.Random(0), ["甲乙", "丙丁"], [1, 2], ["拉萨市"], [1])
    text = filler.fill("\x00N张三\x00说，\x00N李四\x00答，\x00N张三\x00又说")
    first = text.split("说")[0]
    assert text.endswith(f"{first}又说") and first in ("甲乙", "丙丁")
