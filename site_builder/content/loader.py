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
    return sorted(
        path
        for path in root.rglob("*.md")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts)
    )


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
    base = Path(root.resolve().name)
    for path in content_files(root):
        shown = (base / path.relative_to(root)).as_posix()
        try:
            articles.append(load(path, shown, known))
        except UserError as error:
            errors.append(error)
    return articles, errors
