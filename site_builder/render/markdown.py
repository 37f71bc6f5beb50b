"""Article bodies: Markdown to HTML without raw HTML, images or remote anything.

Each paragraph and subhead gets a ``data-aid`` index so that the reading aids (pinyin
ruby and glosses, loaded on demand) can be laid over exactly the text the reader sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup


@dataclass(slots=True, frozen=True)
class RenderedBody:
    """HTML of an article body and the plain text of each annotatable block."""

    html: Markup
    """Safe HTML: content text is escaped by markdown-it, raw HTML is disabled."""
    blocks: tuple[str, ...]
    """Text content of each ``data-aid`` block, in index order from ``first_aid``."""


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Raw HTML off so that content cannot inject markup; images off because an image URL
    # in content would make a page load something from outside the site.
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    return md


def _text(inline: Token) -> str:
    """The text a browser shows for an inline token (its ``textContent``)."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def render_body(source: str, first_aid: int = 0) -> RenderedBody:
    """Render ``source``; annotatable blocks are numbered from ``first_aid``."""
    md = _parser()
    tokens = md.parse(source)
    blocks: list[str] = []
    for i, token in enumerate(tokens[:-1]):
        if token.type in ("paragraph_open", "heading_open") and tokens[i + 1].type == "inline":
            token.attrSet("data-aid", str(first_aid + len(blocks)))
            blocks.append(_text(tokens[i + 1]))
    html = md.renderer.render(tokens, md.options, {})
    return RenderedBody(Markup(html), tuple(blocks))
