"""The parsed inputs the preview keeps between rebuilds, so that an edit parses one file.

* ``ContentFiles``: every content file's ``Article`` (or its error), re-read one file at a
  time, listed and ordered exactly as ``content.loader.load_content`` does;
* ``BodyCache``: article bodies already rendered to HTML, by their Markdown;
* ``provisional``: tags and places for a rebuild that cannot wait for enrichment.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from site_builder.content.article import Article
from site_builder.content.frontmatter import load
from site_builder.content.loader import content_files
from site_builder.errors import UserError
from site_builder.render.aids import headline_parts
from site_builder.render.markdown import RenderedBody, render_body
from site_builder.render.prepare import Enrichment


class ContentFiles:
    """The newest readable version of every content file, and the errors of the others."""

    def __init__(self, root: Path) -> None:
        self.root = root.absolute()
        self.articles: dict[Path, Article] = {}
        self.errors: dict[Path, UserError] = {}
        self._shown_base = Path(root.resolve().name)
        self._order: list[Path] | None = None

    def shown(self, path: Path) -> str:
        """The path as errors and ``Article.path`` name it (as ``load_content`` does)."""
        return (self._shown_base / path.relative_to(self.root)).as_posix()

    def load_all(self) -> None:
        self.articles.clear()
        self.errors.clear()
        self._order = None
        self.reload(content_files(self.root))

    def is_content(self, path: Path) -> bool:
        """What ``content_files`` lists: visible ``*.md`` files under the root."""
        if path.suffix != ".md" or not path.is_relative_to(self.root) or not path.is_file():
            return False
        return not any(part.startswith(".") for part in path.relative_to(self.root).parts)

    def reload(self, paths: Iterable[Path]) -> None:
        """Read ``paths`` (absolute) again; one that is not a content file (now) is dropped."""
        for path in paths:
            known = self.articles.pop(path, None) is not None
            self.errors.pop(path, None)
            try:
                if self.is_content(path):
                    self.articles[path] = load(path, self.shown(path))
            except UserError as error:
                self.errors[path] = error
            if known != (path in self.articles):
                self._order = None

    def relist(self) -> set[Path]:
        """Files added or removed since the last listing (a folder moved in or out)."""
        listed = set(content_files(self.root))
        known = self.articles.keys() | self.errors.keys()
        return listed ^ known

    def ordered(self) -> list[Article]:
        """Articles in file order, the order a full build reads them in (enrichment
        over the archive depends on it)."""
        if self._order is None:
            self._order = sorted(self.articles)
        return [self.articles[path] for path in self._order]


class BodyCache:
    """Rendered bodies by (Markdown, first ``data-aid`` number); kept for live articles."""

    def __init__(self) -> None:
        self._bodies: dict[tuple[str, int], RenderedBody] = {}
        self._used: set[tuple[str, int]] = set()

    def get(self, article: Article) -> RenderedBody:
        key = (article.body, len(headline_parts(article)))
        self._used.add(key)
        if key not in self._bodies:
            self._bodies[key] = render_body(article.body, first_aid=key[1])
        return self._bodies[key]

    def prune(self) -> None:
        """Forget bodies no rebuild asked for since the last prune."""
        self._bodies = {key: self._bodies[key] for key in self._used}
        self._used = set()


def provisional_for(
    article: Article, exact: Enrichment, keys: dict[str, str]
) -> tuple[list[str], list[str]]:
    """Tags and places of one article until enrichment over the whole archive has run again.

    Enrichment is archive-wide (IDF, places learned across articles), so an edit may
    change any article's tags; it runs in the background (see ``serve.background``).
    Meanwhile every article keeps what the last enrichment decided for its file (``keys``:
    file -> article key then), and tags written in the front matter count at once, as
    they will after enrichment. A new file has none until then.
    """
    before = keys.get(article.path, "")
    return list(article.tags) or exact.tags.get(before, []), exact.places.get(before, [])


def provisional(articles: list[Article], exact: Enrichment, keys: dict[str, str]) -> Enrichment:
    """``provisional_for`` every article."""
    tags: dict[str, list[str]] = {}
    places: dict[str, list[str]] = {}
    for article in articles:
        tags[article.key], places[article.key] = provisional_for(article, exact, keys)
    # Topics, like places, stay as the last enrichment decided until the background pass.
    topics = {a.key: exact.topics.get(keys.get(a.path, ""), []) for a in articles}
    return Enrichment(tags, places, exact.parents, exact.place_info, exact.warnings, topics)
