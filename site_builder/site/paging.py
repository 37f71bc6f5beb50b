"""Lists that grow with the archive (a tag's, a place's, an author's, a topic's articles)
cut into pages whose boundaries do not move when an article is added.

A list is newest first. Its pages are counted from its oldest end: page 1 holds the oldest
``LIST_PAGE`` articles, page 2 the next ones, and the list's own address (page 0) the
newest, between ``LIST_PAGE`` and twice that many. A new article (the newest) changes page
0 only; when page 0 overflows, its oldest ``LIST_PAGE`` articles become a new numbered
page (and the page before it links to that one). Editing an article changes only the page
that shows it. An article dated into the past shifts the pages newer than its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

LIST_PAGE = 50
"""Articles on a numbered page of a list."""


def page_key(kind: str, name: str, number: int) -> str:
    """Key of page ``number`` of the list ``name`` of index ``kind`` in ``Library.list_pages``."""
    return f"{kind}\t{name}\t{number}"


def cut(keys: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Page 0 (the newest), then pages 1.. (page 1 the oldest)."""
    size = len(keys)
    numbered = max(0, size // LIST_PAGE - 1)
    first = keys[: size - numbered * LIST_PAGE]
    return [first] + [
        keys[size - n * LIST_PAGE : size - (n - 1) * LIST_PAGE] for n in range(1, numbered + 1)
    ]


def list_pages(
    indices: Iterable[tuple[str, Mapping[str, tuple[str, ...]]]],
) -> tuple[dict[str, tuple[str, ...]], dict[str, int]]:
    """Every page of every list of ``indices`` ((kind, name -> keys) pairs), and the number
    of numbered pages of each list (key ``page_key(kind, name, 0)``)."""
    pages: dict[str, tuple[str, ...]] = {}
    counts: dict[str, int] = {}
    for kind, index in indices:
        for name, keys in index.items():
            cut_up = cut(keys)
            counts[page_key(kind, name, 0)] = len(cut_up) - 1
            for number, members in enumerate(cut_up):
                pages[page_key(kind, name, number)] = members
    return pages, counts
