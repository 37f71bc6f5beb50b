"""Join the parts of a continued article (下转 / 上接) across pages of one issue."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from site_builder.content.article import Article
from site_builder.site.numbers import page_number


def _issue(article: Article) -> tuple[str, str] | None:
    """Paper and date, or None when either is unknown: parts are never joined on a guess."""
    if article.paper is None or article.date is None:
        return None
    return (article.paper, article.date)


def link_continuations(articles: Sequence[Article]) -> Mapping[str, str]:
    """Map the key of each part that says 下转 to the key of the part that picks it up.

    A pair is joined only when both sides agree: the first part's ``continued_to`` names the
    second part's page, the second part's ``continued_from`` names the first part's page, and
    both are in the same issue. When several parts would fit, one with the same title wins;
    otherwise the pair is left unjoined rather than guessed.
    """
    receivers: dict[tuple[tuple[str, str], int, int], list[Article]] = {}
    for article in articles:
        issue = _issue(article)
        if issue is None or article.continued_from is None or article.page_number is None:
            continue
        source_page = page_number(article.continued_from)
        if source_page is not None:
            slot = (issue, article.page_number, source_page)
            receivers.setdefault(slot, []).append(article)

    joined: dict[str, str] = {}
    taken: set[str] = set()
    for article in sorted(articles, key=lambda a: a.key):
        issue = _issue(article)
        if issue is None or article.continued_to is None or article.page_number is None:
            continue
        target_page = page_number(article.continued_to)
        if target_page is None:
            continue
        candidates = [
            c
            for c in receivers.get((issue, target_page, article.page_number), [])
            if c.key not in taken and c.key != article.key
        ]
        same_title = [c for c in candidates if c.title == article.title]
        chosen = same_title if len(same_title) == 1 else candidates
        if len(chosen) == 1:
            joined[article.key] = chosen[0].key
            taken.add(chosen[0].key)
    return joined
