"""The synthetic-archive generator of the benchmarks (bench/synth.py).

Deterministic, loadable, and consistent with ingest: its page dumps segment into exactly
the articles it wrote as content files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from bench.synth import ARTICLES_PER_PAGE, SynthStats, generate
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
    assert other.articles == N


def test_writes_n_articles_that_load(
    archive: tuple[Path, SynthStats], articles: list[Article]
) -> None:
    root, stats = archive
    assert len(articles) == N == stats.articles
    assert len({a.key for a in articles}) == N
    assert all(a.tags and a.locations and a.authors and a.body for a in articles)
    per_page = Counter(a.page_id for a in articles)
    assert len(per_page) == stats.pages == len(list((root / "seeds").glob("*.txt")))
    # every page but the last one (cut off at N) is full-sized
    *full, _last = sorted(per_page.items())
    assert all(ARTICLES_PER_PAGE[0] <= n <= ARTICLES_PER_PAGE[1] for _, n in full)
    dates = sorted({dt.date.fromisoformat(a.date or "") for a in articles})
    assert len(dates) == stats.days and (dates[-1] - dates[0]).days == stats.days - 1


def test_tags_have_a_long_tail(articles: list[Article]) -> None:
    tags = Counter(tag for a in articles for tag in a.tags)
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
