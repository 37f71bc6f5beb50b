"""Ingest: every page dump in ``seeds/`` -> Markdown articles in ``content/<page-id>/``.

Per page, top to bottom: decode the dump, read the optional sidecar, segment, turn each
``SegmentedArticle`` into a content ``Article`` (typographically normalised text, pinyin
title, slug, source lines, page metadata), write the files and the ingest report.
One bad page never stops the others: its ``UserError`` is recorded and the run goes on.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_builder.cache.fingerprint import code_fingerprint, digest_of
from site_builder.content.article import Article, SourceRef
from site_builder.errors import UserError
from site_builder.ingest.decode import read_page
from site_builder.ingest.fixes import Fixes, fixes_path, load_fixes
from site_builder.ingest.normalize import normalize
from site_builder.ingest.sidecar import apply_sidecar, load_sidecar, sidecar_path
from site_builder.ingest.writer import (
    REPORT,
    WriteSummary,
    keep_record,
    last_run,
    unchanged_page,
    write_page,
)
from site_builder.models import PageFurniture, PageSegmentation, SegmentedArticle
from site_builder.nlp.pinyin import pinyin_text, slug
from site_builder.nlp.tokenizer import load_whole
from site_builder.parallel import fork_chunks
from site_builder.progress import progress

SIDECAR_SUFFIX = ".toml"


@dataclass(slots=True)
class PageResult:
    """Outcome of ingesting one page dump."""

    source: str
    """The seed file as the user would type it, e.g. ``seeds/000_x.txt``."""
    page_id: str
    error: UserError | None = None
    summary: WriteSummary | None = None
    articles: int = 0
    noise: int = 0
    decisions: int = 0
    """Uncertain segmentation decisions listed in the report."""
    skipped: bool = False
    """Dump, sidecar, code and files exactly as the last run left them: not segmented."""
    fixes_error: UserError | None = None
    """The page's fixes file does not fit it: the page was segmented without it."""

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(slots=True)
class IngestResult:
    """Outcome of a whole ingest run, one entry per seed file in name order."""

    pages: list[PageResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def errors(self) -> list[UserError]:
        """Pages that failed, and fixes files that could not be applied."""
        return [e for page in self.pages for e in (page.error, page.fixes_error) if e is not None]


def seed_files(seeds_dir: Path) -> list[Path]:
    """Page dumps in ``seeds_dir``: every visible file except ``.toml`` sidecars, sorted."""
    if not seeds_dir.is_dir():
        raise UserError(
            str(seeds_dir),
            "seeds folder not found",
            "Create it and put one text dump per newspaper page in it, or pass --seeds DIR.",
        )
    return sorted(
        path
        for path in seeds_dir.iterdir()
        if path.is_file() and not path.name.startswith(".") and path.suffix != SIDECAR_SUFFIX
    )


def ingest(
    seeds_dir: Path,
    content_dir: Path,
    force: bool = False,
    workers: int = 1,
    state_dir: Path | None = None,
) -> IngestResult:
    """Ingest every page dump in ``seeds_dir`` into ``content_dir``.

    Pages are independent (each has its own folder), so ``workers`` processes share them
    out; results come back in file order whatever the number of workers. ``state_dir``
    (in the build cache) records each page's last run, so that a page whose dump, code
    and files have not changed since is not segmented again; None: every page is.
    """
    result = IngestResult()
    owners: dict[str, str] = {}
    pending: list[tuple[int, Path]] = []
    for path in seed_files(seeds_dir):
        shown = str(path)
        page_id = path.stem
        if page_id in owners:
            error = UserError(
                shown,
                f"page id {page_id!r} is already taken by {owners[page_id]}",
                "Give each page dump its own file name stem (the part before the extension).",
            )
            result.pages.append(PageResult(shown, page_id, error=error))
            continue
        owners[page_id] = shown
        # Checked here, not in a worker: an unchanged archive should not fork at all.
        skipped = _skipped(path, content_dir, force, state_dir)
        if skipped is None:
            pending.append((len(result.pages), path))
        result.pages.append(skipped or PageResult(shown, page_id))

    if workers > 1 and len(pending) > INGEST_CHUNK:
        # Loaded before the fork: each worker would otherwise load jieba's dictionary and
        # tagger on its own (about 1.5 s of CPU each, profiled), and the build's analysis
        # after ingest finds them loaded; likewise the segmenter's modules.
        load_whole()
        _segmenter()

    def task(chunk: list[tuple[int, Path]]) -> list[PageResult]:
        return [_ingest_or_error(path, content_dir, force, state_dir) for _, path in chunk]

    with progress("ingest", total=len(pending), unit="pages") as bar:
        for chunk, done in fork_chunks(task, pending, INGEST_CHUNK, workers):
            for (index, _), page in zip(chunk, done, strict=True):
                result.pages[index] = page
            bar.advance(len(chunk))
    return result


INGEST_CHUNK = 8
"""Pages per task sent to a worker."""


def _ingest_or_error(
    path: Path, content_dir: Path, force: bool, state_dir: Path | None
) -> PageResult:
    try:
        return _ingest_page(path, str(path), content_dir, force, state_dir)
    except UserError as error:
        return PageResult(str(path), path.stem, error=error)


def seed_digest(path: Path) -> str:
    """What a page's content files are made from: the dump, its sidecar, its fixes and
    the code."""
    extra = [
        p.read_bytes() if p.is_file() else None for p in (sidecar_path(path), fixes_path(path))
    ]
    return digest_of((code_fingerprint(), path.read_bytes(), *extra))


def _stat(path: Path) -> list[int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def _seed_stats(path: Path) -> list[object]:
    """The code and the sizes and times of what ``seed_digest`` reads."""
    return [code_fingerprint(), *(_stat(p) for p in (path, sidecar_path(path), fixes_path(path)))]


def _folder_stats(folder: Path, names: list[str]) -> list[list[int] | None]:
    """Sizes and times of what ``unchanged_page`` reads in a page's folder."""
    return [_stat(folder / name) for name in (REPORT, *sorted(names))]


def _unchanged(path: Path, content_dir: Path, force: bool, state_dir: Path) -> PageResult | None:
    """The result of a page whose dump, code and files are as the last run recorded them
    (a file a person edited since is decided from hashes), or None: ingest it.

    The record keeps the sizes and modification times of everything it was made from,
    taken before that was read: when they are all the same now, the page is the record's
    without reading a byte (at 10,000 articles, reading and hashing every dump and content
    file took 0.5 s of CPU of a one-article edit). As for the build's own no-op check, a
    file rewritten with the same size and time counts as unchanged."""
    folder = content_dir / path.stem
    try:
        last = json.loads((state_dir / f"{path.stem}.json").read_bytes())
        stats = [_seed_stats(path), _folder_stats(folder, list(last["files"]))]
        if not force and stats == last.get("stats"):
            summary = unchanged_page(folder, last, last["digest"], same_files=True)
            noise, decisions = last["report"]
            if summary is not None:
                return _result(path, summary, int(noise), int(decisions), skipped=True)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # never ingested with this cache, or a damaged record
    try:
        seed = seed_digest(path)
    except OSError:
        return None  # read_page says what is wrong with the file
    summary = unchanged_page(folder, last, seed, force)
    if summary is None:
        return None
    try:
        report = json.loads((summary.folder / REPORT).read_bytes())
        noise, decisions = len(report["noise"]), len(report["decisions"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    # A file a person changed since (the usual edit) is decided again without segmenting
    # the page (a second of CPU with jieba's tagger loaded); its page is reported as a
    # run that wrote nothing would report it, and the record notes the file as it is now.
    record = last_run(seed, summary)
    same = record == {"digest": last["digest"], "files": last["files"]}
    record |= {"stats": stats, "report": [noise, decisions]}
    if record != last:
        keep_record(
            state_dir / f"{path.stem}.json", json.dumps(record, ensure_ascii=False).encode()
        )
    return _result(path, summary, noise, decisions, skipped=same)


def _result(
    path: Path, summary: WriteSummary, noise: int, decisions: int, skipped: bool
) -> PageResult:
    return PageResult(
        str(path),
        path.stem,
        summary=summary,
        articles=len(summary.files),
        noise=noise,
        decisions=decisions,
        skipped=skipped,
    )


def _skipped(
    path: Path, content_dir: Path, force: bool, state_dir: Path | None
) -> PageResult | None:
    """The result of a page exactly as the last run left it, or None: ingest it."""
    if state_dir is None:
        return None
    return _unchanged(path, content_dir, force, state_dir)


def _segmenter() -> Callable[[str, str, Fixes | None], PageSegmentation]:
    """``segment_page``, imported when a page is segmented: the segmenter's modules
    compile their patterns when imported (about a quarter of a second of CPU), which a
    build whose pages are all as the last run left them (the usual edit) never needs."""
    from site_builder.ingest.segment import segment_page

    return segment_page


def _ingest_page(
    path: Path, shown: str, content_dir: Path, force: bool, state_dir: Path | None
) -> PageResult:
    seed_stats = _seed_stats(path)  # before reading: a dump saved meanwhile differs next run
    page_text = read_page(path, shown=shown)
    sidecar = load_sidecar(sidecar_path(path), str(sidecar_path(path)))
    seed = seed_digest(path)  # both files were readable just now
    fixes, fixes_error = read_fixes(path, page_text.text)
    try:
        page = _segmenter()(page_text.text, path.name, fixes)
    except Exception as exc:  # a segmenter bug on one page must not stop the others
        raise UserError(
            shown,
            f"internal error while segmenting this page: {type(exc).__name__}: {exc}",
            "This is a bug in site-builder, not in the page: please report it with this file.",
        ) from exc
    if not page.articles:
        raise UserError(
            shown,
            f"no recognisable article on this page ({len(page.noise)} lines read as page "
            "furniture or noise)",
            f"Check that this is the text dump of a newspaper page; "
            f"`site-builder segment {shown}` shows how it was read.",
        )
    meta = apply_sidecar(page.furniture, sidecar)
    articles = to_articles(page, path.stem, meta)
    report = build_report(page, articles, meta, page_text.encoding)
    summary = write_page(content_dir, path.stem, articles, report, force=force)
    if state_dir is not None:
        names = [f.name for f in summary.files if f.status != "removed"]
        stats = [seed_stats, _folder_stats(summary.folder, names)]  # before the hashes
        record = last_run(seed, summary)
        record |= {"stats": stats, "report": [len(page.noise), len(page.decisions)]}
        keep_record(
            state_dir / f"{path.stem}.json", json.dumps(record, ensure_ascii=False).encode()
        )
    return PageResult(
        shown,
        path.stem,
        summary=summary,
        articles=len(articles),
        noise=len(page.noise),
        decisions=len(page.decisions),
        fixes_error=fixes_error,
    )


def read_fixes(dump_path: Path, dump: str) -> tuple[Fixes | None, UserError | None]:
    """The page's fixes, or why its fixes file cannot be used (then the page is segmented
    without it: a stale fix must not keep the page out of the archive)."""
    try:
        return load_fixes(fixes_path(dump_path), dump), None
    except UserError as error:
        return None, error


def to_articles(page: PageSegmentation, page_id: str, meta: PageFurniture) -> list[Article]:
    """Content articles in page order, with slugs unique on the page and stable across runs."""
    taken: set[str] = set()
    articles: list[Article] = []
    for order, seg in enumerate(page.articles, 1):
        title = normalize(seg.title)
        article_slug = slug(title, taken)
        taken.add(article_slug)
        articles.append(
            Article(
                page_id=page_id,
                slug=article_slug,
                title=title,
                title_derived=seg.title_derived,
                title_pinyin=pinyin_text(title),
                kicker=_optional(seg.kicker),
                subtitle=_optional(seg.subtitle),
                kind=seg.kind,
                dateline=_optional(seg.dateline),
                authors=list(seg.authors),
                column=_optional(seg.column),
                body=normalize(seg.body_markdown()),
                source=SourceRef(page.source, seg.lines),
                paper=meta.paper,
                date=meta.date,
                page_number=meta.page_number,
                page_name=meta.page_name,
                order=order,
                affiliation=_optional(seg.affiliation),
                continued_to=seg.continued_to,
                continued_from=seg.continued_from,
            )
        )
    return articles


def _optional(text: str | None) -> str | None:
    return None if text is None else normalize(text)


def build_report(
    page: PageSegmentation, articles: list[Article], meta: PageFurniture, encoding: str
) -> dict[str, Any]:
    """The ingest report written beside the content: what was cut, dropped and guessed."""
    return {
        "source": page.source,
        "encoding": encoding,
        "page": {
            "paper": meta.paper,
            "date": meta.date,
            "page_number": meta.page_number,
            "page_name": meta.page_name,
            "editors": meta.editors,
        },
        "articles": [
            _report_article(a, seg) for a, seg in zip(articles, page.articles, strict=True)
        ],
        "noise": [
            {"line": n.line, "text": n.text, "reason": n.reason}
            for n in sorted(page.noise, key=lambda n: n.line)
        ],
        "decisions": [
            {"line": d.line, "what": d.what, "why": d.why, "confidence": round(d.confidence, 3)}
            for d in sorted(page.decisions, key=lambda d: (d.line, d.what, d.why))
        ],
    }


def _report_article(article: Article, seg: SegmentedArticle) -> dict[str, Any]:
    return {
        "order": article.order,
        "title": article.title,
        "title_derived": article.title_derived,
        "slug": article.slug,
        "file": f"{article.slug}.md",
        "kind": article.kind,
        "lines": article.source.lines,
        "byline": seg.byline,
        "jumps": seg.jumps,
    }
