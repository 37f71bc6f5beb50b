"""Load every article under ``content/``, collecting all errors instead of stopping at one.

Like MkDocs' config validation: a person fixing the archive sees every broken file in
one run, and one bad file never hides the others.
"""

from __future__ import annotations

from pathlib import Path

from site_builder.content.article import Article
from site_builder.content.frontmatter import load
from site_builder.content.known import KnownFronts
from site_builder.errors import UserError


def content_files(root: Path) -> list[Path]:
    """``root/**/*.md`` in sorted order, skipping hidden folders such as ``.backup``."""
    # Strings, not ``relative_to`` and Path comparisons: at 10,000 articles those were a
    # fifth of loading the archive. ``rglob`` yields ``root`` joined with each relative
    # path; sorting by ``parts`` is Path's own order.
    skip = len(root.parts)
    return sorted(
        (
            path
            for path in root.rglob("*.md")
            if not any(part.startswith(".") for part in path.parts[skip:]) and path.is_file()
        ),
        key=_parts,
    )


def _parts(path: Path) -> tuple[str, ...]:
    return path.parts


def load_content(
    root: Path, known: KnownFronts | None = None
) -> tuple[list[Article], list[UserError]]:
    """Articles and errors of every content file, both in file order.

    ``Article.path`` and error file names are relative to the project root, which is
    taken to be the folder holding ``root`` (``content/000_x/slug.md``). ``known``: front
    matter parsed before (see ``known``), filled with what this load parsed.
    """
    articles: list[Article] = []
    errors: list[UserError] = []
    base = root.resolve().name
    skip = len(root.parts)
    for path in content_files(root):
        shown = "/".join((base, *path.parts[skip:]))
        try:
            articles.append(load(path, shown, known))
        except UserError as error:
            errors.append(error)
    return articles, errors
