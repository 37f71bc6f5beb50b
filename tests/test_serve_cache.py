"""The preview and the build cache: a start on an archive analysed before analyses nothing,
and the background pass after an edit analyses the edited article only, while the site
stays exactly what a clean ``site-builder build`` writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from serve_project import assert_same_site, edit, full_build, make_project, settle

from site_builder.analysis import archive
from site_builder.analysis.record import WORDS, Analysis, analysis_key
from site_builder.cache.store import Cache
from site_builder.content.article import Article
from site_builder.enrich.enricher import article_text
from site_builder.enrich.enricher import article_words as enriched_words
from site_builder.nlp.tokenizer import tagged
from site_builder.serve import background
from site_builder.serve.background import Background, run_pass
from site_builder.serve.changes import Changes
from site_builder.serve.preview import Preview

ARTICLE = Path("gaoyuan_20250105_01") / "xinchun-wenhua.md"


def _counted(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """The paths of the articles analysed from now on in this process, and the texts
    jieba tags for them (for an analysis, or for enrichment without one; not ingest's
    tagging of the page dumps' lines)."""
    calls: list[str] = []
    texts: list[str] = []
    analyse = archive.analyse_article

    def analysing(article: Article) -> Analysis:
        calls.append(article.path)
        return analyse(article)

    def tagging(text: str) -> list[tuple[str, str]]:
        texts.append(text)
        return tagged(text)

    def article_words(
        article: Article, tag: Callable[[str], list[tuple[str, str]]] | None = None
    ) -> list[tuple[str, str]]:
        texts.append(article_text(article)[0])
        return enriched_words(article, tag)

    monkeypatch.setattr(archive, "analyse_article", analysing)
    monkeypatch.setattr("site_builder.enrich.enricher.tagged", tagging)
    monkeypatch.setattr(archive, "article_words", article_words)  # an analysis tags here
    return calls, texts


def _pass_here(preview: Preview, stage: Path) -> None:
    """The preview's next background pass, run in this process and applied."""
    job = preview.background_job()
    assert job is not None
    outcome = preview.apply_background(run_pass(job, stage / "site"))
    assert outcome is not None and not outcome.errors, outcome


def _cached_words(folder: Path) -> set[str]:
    cache = Cache(folder)
    try:
        return cache.keys(WORDS)
    finally:
        cache.close()


def test_a_second_start_and_an_edit_analyse_only_what_is_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = replace(make_project(tmp_path), cache_dir=tmp_path / ".cache")
    # One worker: every analysis runs (and is counted) in this process.
    monkeypatch.setattr(background, "available_workers", lambda: 1)
    calls, texts = _counted(monkeypatch)

    first = Preview(project)
    assert not first.start().errors
    assert sorted(calls) == sorted(a.path for a in first.sources.ordered())
    assert len(texts) == len(calls)

    calls.clear()
    texts.clear()
    preview = Preview(project)
    assert not preview.start().errors
    _pass_here(preview, tmp_path / "stage-1")  # the search pages
    assert calls == texts == []

    path = edit(project.content / ARTICLE, "居民们欢聚一堂", "居民们欢聚一堂，载歌载舞")
    assert not preview.update(Changes(content={path})).errors
    _pass_here(preview, tmp_path / "stage-2")
    assert calls == [preview.sources.articles[path].path]
    assert len(texts) == 1
    assert_same_site(project.output, full_build(project, tmp_path / "full-1"))

    # The same through a real pass in its own process, which opens the cache itself.
    before = analysis_key(preview.sources.articles[path])
    path = edit(project.content / ARTICLE, "载歌载舞", "欢度新春")
    assert not preview.update(Changes(content={path})).errors
    pass_ = Background(project.output)
    try:
        assert settle(preview, pass_)
    finally:
        pass_.cancel()
    words = _cached_words(tmp_path / ".cache")
    assert analysis_key(preview.sources.articles[path]) in words
    assert before not in words  # the older version is dropped, as a build drops it
    assert len(words) == len(preview.sources.articles)
    assert_same_site(project.output, full_build(project, tmp_path / "full-2"))
