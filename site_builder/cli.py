"""Command line: ``site-builder ingest | segment | build | serve | review``.

A thin layer: parse arguments, call the pipeline, print. ``main(argv)`` returns the exit
code instead of exiting, so tests call it directly. Problems with the user's input are
printed as ``UserError`` text on stderr, never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from site_builder import __version__
from site_builder.build.run import BuildError, build_site
from site_builder.errors import UserError, is_write_failure, write_failure
from site_builder.ingest.decode import read_page
from site_builder.ingest.normalize import normalize
from site_builder.ingest.pipeline import IngestResult, PageResult, ingest, read_fixes
from site_builder.lock import holding
from site_builder.models import PageSegmentation, SegmentedArticle
from site_builder.parallel import available_workers
from site_builder.search.page import SearchPages, render_search

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

_RARE_STATUSES = ("overwritten", "removed")

_EPILOG = """\
exit codes:
  0  success
  1  an input problem: a page or content file could not be used (each message on
     stderr names the file, the line when known, and what to do); good pages of the
     same run are still written. Also: a file that could not be written (disk full,
     read-only), or another site-builder writing the same folders
  2  the command line itself is wrong
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="site-builder",
        description="Turn text dumps of Chinese newspaper pages into an editable Markdown "
        "archive and a static bilingual site.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str, run: Callable[[argparse.Namespace], int]) -> Any:
        sub = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=_EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(run=run)
        return sub

    for name, help_text, run in (
        ("ingest", "segment every page dump in seeds/ into Markdown files in content/", _ingest),
        ("build", "ingest the seeds, then build the site", _build),
        ("serve", "build, serve the site on this computer and rebuild it on every change", _serve),
    ):
        sub = command(name, help_text, run)
        sub.add_argument(
            "--seeds", type=Path, default=Path("seeds"), help="page dumps (default: seeds)"
        )
        sub.add_argument(
            "--content",
            type=Path,
            default=Path("content"),
            help="content folder (default: content)",
        )
        sub.add_argument(
            "--cache",
            type=Path,
            default=Path(".cache/site-builder"),
            metavar="DIR",
            help="build cache, shared by ingest, build and serve, safe to delete "
            "(default: .cache/site-builder)",
        )
        sub.add_argument(
            "--no-cache",
            action="store_true",
            help="keep nothing between runs (every start is a cold one)",
        )
        if name == "serve":  # a preview never overwrites what a person edited
            continue
        sub.add_argument(
            "--force",
            action="store_true",
            help="also overwrite content files a person edited (a backup goes to .backup/)",
        )
    for name in ("build", "serve"):
        sub = commands.choices[name]
        sub.add_argument(
            "--templates",
            type=Path,
            default=Path("templates"),
            help="templates (default: templates)",
        )
        sub.add_argument(
            "--output", type=Path, default=Path("output"), help="site folder (default: output)"
        )
    for name in ("ingest", "build"):
        commands.choices[name].add_argument(
            "--jobs",
            type=_positive,
            default=available_workers(),
            metavar="N",
            help="worker processes (default: the cores this process may use, "
            f"{available_workers()} here); the output does not depend on it",
        )
    commands.choices["build"].add_argument(
        "--base-url",
        default=None,
        help="public address of the site, e.g. https://example.org/archive/ "
        "(absolute links in sitemap, feeds and the 404 page)",
    )
    serve = commands.choices["serve"]
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--open", action="store_true", help="open the site in a web browser")
    segment = command("segment", "show how one page dump is segmented; writes nothing", _segment)
    segment.add_argument("page", type=Path, metavar="PAGE", help="a page dump, e.g. seeds/x.txt")
    segment.add_argument("--json", action="store_true", help="print the articles as JSON")
    review = command(
        "review", "correct a page's segmentation in the browser (writes its fixes file)", _review
    )
    review.add_argument(
        "page",
        nargs="?",
        metavar="PAGE",
        help="a page dump (seeds/x.txt) or its name; default: a list of every page",
    )
    review.add_argument(
        "--seeds", type=Path, default=Path("seeds"), help="page dumps (default: seeds)"
    )
    review.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    review.add_argument("--port", type=int, default=8001, help="port (default: 8001)")
    review.add_argument("--open", action="store_true", help="open the review in a web browser")
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return value


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except UserError as error:
        _error(error)
        return EXIT_FAILED
    except OSError as error:
        # The last net: each writer says what it kept intact; one that did not still
        # gets a message, not a traceback.
        if not is_write_failure(error):
            raise
        _error(write_failure(error, "a file", ""))
        return EXIT_FAILED


def entry() -> None:
    """Console-script entry point (``site-builder``)."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:  # output piped into `head`: stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = EXIT_FAILED
    raise SystemExit(code)


def _error(error: UserError) -> None:
    print(f"error: {error}", file=sys.stderr)


def _ingest(args: argparse.Namespace) -> int:
    with holding(args.content, "ingest"):
        return _ingest_locked(args)


def _ingest_locked(args: argparse.Namespace) -> int:
    state = None if args.no_cache else args.cache / "ingest"
    result = ingest(args.seeds, args.content, args.force, args.jobs, state)
    _print_ingest(result)
    return EXIT_OK if result.ok else EXIT_FAILED


def _build(args: argparse.Namespace) -> int:
    with holding(args.content, "build"), holding(args.output, "build"):
        return _build_locked(args)


def _build_locked(args: argparse.Namespace) -> int:
    ingested = _ingest_locked(args)
    # Pages that failed to ingest are reported above; the good ones are still published.
    try:
        result = build_site(
            args.content,
            args.templates,
            args.output,
            base_url=args.base_url,
            extra_pages=[SearchPages(args.jobs)],
            cache_dir=None if args.no_cache else args.cache,
            workers=args.jobs,
        )
    except BuildError as failed:
        for error in failed.errors:
            _error(error)
        print(f"build: failed, {args.output}/ left as it was", file=sys.stderr)
        return EXIT_FAILED
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(
        f"build: {result.articles} articles, {result.html_pages} pages, "
        f"{result.files} files in {result.output_dir}/"
    )
    if result.skipped:
        print("  nothing changed since the last build: nothing written")
    else:
        unchanged = result.files - result.written
        print(
            f"  {result.analysed} articles analysed ({result.articles - result.analysed} "
            f"from the cache); {result.rendered} of {result.jobs} render jobs run; "
            f"{result.written} files written, {unchanged} unchanged, {result.removed} removed"
        )
    return ingested


def _serve(args: argparse.Namespace) -> int:
    # Imported here: the server's libraries (tornado, watchdog) are not needed to build.
    from site_builder.review.server import REVIEW_BASE, Pages, review_routes
    from site_builder.serve.changes import Project
    from site_builder.serve.server import PreviewServer

    cache = None if args.no_cache else args.cache
    project = Project(
        args.seeds, args.content, args.templates, args.output, (render_search,), cache
    )
    # The review pages ride on the preview: a fix they write is a change of seeds/, which
    # the preview re-ingests and rebuilds like any other.
    review = review_routes(Pages(args.seeds), None, REVIEW_BASE)
    with holding(args.content, "serve"), holding(args.output, "serve"):
        server = PreviewServer(project, args.host, args.port, routes=review)
        server.say(f"Review a page's segmentation at {server.url}{REVIEW_BASE[1:]}")
        server.run(open_browser=args.open)
    return EXIT_OK


def _review(args: argparse.Namespace) -> int:
    # Imported here, as for serve: the server's libraries are not needed otherwise.
    from site_builder.review.server import ReviewServer

    seeds, page = args.seeds, args.page
    if page is not None and Path(page).is_file():  # a dump's path: review its folder
        seeds, page = Path(page).parent, Path(page).stem
    ReviewServer(seeds, page, args.host, args.port).run(open_browser=args.open)
    return EXIT_OK


def _print_ingest(result: IngestResult) -> None:
    # A page exactly as the last run left it says nothing (its kept files were reported
    # when they were first kept): an archive of thousands of pages would otherwise print
    # thousands of lines on every run. The total counts them.
    quiet = 0
    for page in result.pages:
        if page.skipped:
            quiet += 1
        else:
            _print_page(page)
    failed = sum(not page.ok for page in result.pages)
    written = len(result.pages) - failed
    same = f" ({quiet} as the last run left them)" if quiet else ""
    print(f"ingest: {written} page{'s' * (written != 1)} ingested{same}, {failed} failed")


def _print_page(page: PageResult) -> None:
    if page.error is not None or page.summary is None:
        print(f"{page.source}: FAILED")
        if page.error is not None:
            _error(page.error)
        return
    if page.fixes_error is not None:
        _error(page.fixes_error)
    counts = page.summary.counts()
    folder = page.summary.folder
    # new/updated/unchanged/kept always; overwritten and removed only when they happened
    shown = ", ".join(
        f"{n} {status}" for status, n in counts.items() if n or status not in _RARE_STATUSES
    )
    print(f"{page.source} -> {folder}/")
    print(f"  {page.articles} articles: {shown}")
    print(
        f"  {page.noise} noise lines, {page.decisions} uncertain decisions "
        f"(details in {folder / '_report.json'})"
    )
    for file in page.summary.files:
        if file.note:
            print(f"  {file.status}: {file.name} ({file.note})")


def _segment(args: argparse.Namespace) -> int:
    shown = str(args.page)
    text = read_page(args.page, shown=shown).text
    fixes, fixes_error = read_fixes(args.page, text)
    if fixes_error is not None:
        _error(fixes_error)
    # Imported here: the segmenter's patterns take a quarter of a second to compile,
    # which ``build`` spends only when a page dump changed (see ``ingest.pipeline``).
    from site_builder.ingest.segment import segment_page

    page = segment_page(text, args.page.name, fixes)
    if args.json:
        json.dump(
            [article_json(a) for a in page.articles], sys.stdout, ensure_ascii=False, indent=2
        )
        print()
    else:
        _print_segmentation(shown, page)
    if not page.articles:
        _error(UserError(shown, "no recognisable article on this page"))
        return EXIT_FAILED
    return EXIT_OK if fixes_error is None else EXIT_FAILED


def article_json(article: SegmentedArticle) -> dict[str, Any]:
    """One article as ``segment --json`` prints it; text normalised as in ``content/``."""
    return {
        "title": _norm(article.title),
        "title_derived": article.title_derived,
        "kicker": _norm(article.kicker),
        "subtitle": _norm(article.subtitle),
        "kind": article.kind,
        "dateline": _norm(article.dateline),
        "authors": list(article.authors),
        "column": _norm(article.column),
        "body": normalize(article.body_markdown()),
        "byline": article.byline,
        "affiliation": _norm(article.affiliation),
        "continued_to": article.continued_to,
        "continued_from": article.continued_from,
        "lines": article.lines,
    }


def _norm(text: str | None) -> str | None:
    return None if text is None else normalize(text)


def _print_segmentation(shown: str, page: PageSegmentation) -> None:
    print(
        f"{shown}: {len(page.articles)} articles, {len(page.noise)} noise lines, "
        f"{len(page.decisions)} uncertain decisions"
    )
    for number, article in enumerate(page.articles, 1):
        lines = article.lines
        span = f"lines {lines[0]}-{lines[-1]}" if lines else "no lines"
        derived = " (derived)" if article.title_derived else ""
        print(f"\n{number}. [{article.kind}] {_norm(article.title)}{derived}  ({span})")
        for label, value in (
            ("kicker", article.kicker),
            ("subtitle", article.subtitle),
            ("column", article.column),
            ("dateline", article.dateline),
            ("authors", ", ".join(article.authors) or None),
        ):
            if value:
                print(f"   {label}: {value}")
        heads = sum(1 for b in article.blocks if b.type == "h")
        print(f"   {len(article.blocks) - heads} paragraphs, {heads} subheads")
    if page.noise:
        print("\nnoise:")
        for noise in page.noise:
            print(f"  line {noise.line}: {noise.text}  [{noise.reason}]")
    if page.decisions:
        print("\nuncertain decisions:")
        for decision in page.decisions:
            print(f"  line {decision.line}: {decision.what}  [{decision.why}]")
