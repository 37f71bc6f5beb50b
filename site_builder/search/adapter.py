"""Site library -> ``SearchDoc``s: the one place that knows both the site model and search.

The search index is built from the library (as Zola does), never by re-reading HTML:
tags and places are the ones enrichment settled on, names come from the site's name
tables, the body is the plain text of the rendered blocks, and ``shown`` the rest of the
text the article page shows (``_shown``, topic names included), so that every word a
reader sees there finds the article.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterator

from site_builder.enrich.topics import ancestors, vocabulary
from site_builder.render.context import SiteData
from site_builder.search.build import index_order
from site_builder.search.model import SearchDoc, SearchPlace, SearchTopic


def _place(site: SiteData, code: str) -> SearchPlace:
    name = site.names.places[code]
    return SearchPlace(code=code, name=name.text, name_en=name.en, pinyin=name.pinyin)


def _topic(topic: str) -> SearchTopic:
    entry = vocabulary()[topic]
    return SearchTopic(topic, entry.name, entry.name_en, (topic, *ancestors(topic)))


def _ancestors(site: SiteData, codes: tuple[str, ...]) -> list[str]:
    found: set[str] = set()
    for code in codes:
        up = site.library.place_parent.get(code)
        while up is not None and up not in found:
            found.add(up)
            up = site.library.place_parent.get(up)
    return sorted(found - set(codes))


def _shown(site: SiteData, key: str, above: list[str], text: str) -> str:
    """What the article page shows besides its headline group, body, tags and places:
    column, dateline, authors, affiliation, paper, page name, the places above the
    article's own and its topics' names; each only when ``text`` does not hold it already
    (most datelines and reporters are in the first paragraph), so ranking does not count
    them twice."""
    article = site.library.articles[key]
    page = site.library.pages[article.page_id]
    shown = [article.column, article.dateline, *article.authors, article.affiliation]
    shown += [page.paper, page.name, *(site.names.places[c].text for c in above)]
    shown += [vocabulary()[t].name for t in site.library.article_topics[key]]
    return " ".join(dict.fromkeys(s for s in shown if s and s not in text))


def _in_index_order(site: SiteData, keys: Collection[str] | None = None) -> list[str]:
    """The articles' keys (``keys``: those of them that are the site's) in index order."""
    library = site.library
    articles = library.articles
    if keys is not None:
        keys = [key for key in keys if key in articles]
    return sorted(
        library.listing if keys is None else keys,
        key=lambda k: index_order(library.pages[articles[k].page_id].date, k),
    )


def doc_sources(site: SiteData) -> list[tuple[str, str]] | None:
    """(key, digest of everything its ``SearchDoc`` is made of) of each article in
    ``build.index_order``; None when the site has no analysis keys (``versions``). The
    body is stood for by the analysis key, so an edit build finds the documents that
    changed without reading any body from the cache or making any document; every field
    ``search_docs`` reads is in the digest (a field left out would keep a stale
    document, which ``tests/test_build_incremental.py`` would find)."""
    versions = site.versions
    if versions is None:
        return None
    library, names = site.library, site.names.places
    found = []
    for key in _in_index_order(site):
        article = library.articles[key]
        page = library.pages[article.page_id]
        codes = library.article_places[key]
        above = _ancestors(site, codes)
        places = [(c, names[c].text, names[c].en, names[c].pinyin) for c in (*codes, *above)]
        made_of = (
            versions[key], site.urls.article(key), article.title, article.title_pinyin,
            article.kicker, article.subtitle, article.kind, article.column, article.dateline,
            article.authors, article.affiliation, page.date, page.paper, page.number,
            page.name, library.article_tags[key], codes, above, places,
            library.article_topics[key],
        )  # fmt: skip
        found.append((key, hashlib.blake2b(repr(made_of).encode(), digest_size=16).hexdigest()))
    return found


def search_docs(site: SiteData, only: Collection[str] | None = None) -> Iterator[SearchDoc]:
    """One ``SearchDoc`` per article (``only``: of these keys) in ``build.index_order``,
    each made only when asked for: ``build_search_index`` drops it (and its body text)
    before the next."""
    library = site.library
    for key in _in_index_order(site, only):
        article = library.articles[key]
        page = library.pages[article.page_id]
        codes = library.article_places[key]
        above = _ancestors(site, codes)
        body = "\n".join(site.bodies[key].blocks)
        heads = "\n".join(x for x in (article.title, article.kicker, article.subtitle) if x)
        shown = _shown(site, key, above, f"{heads}\n{body}")
        yield SearchDoc(
            key=key,
            url=site.urls.article(key),
            title=article.title,
            title_pinyin=article.title_pinyin,
            kicker=article.kicker,
            subtitle=article.subtitle,
            kind=article.kind,
            date=page.date,
            paper=page.paper,
            page=page.number,
            page_name=page.name,
            body=body,
            shown=shown,
            tags=list(library.article_tags[key]),
            places=[_place(site, code) for code in codes],
            ancestors=[_place(site, code) for code in above],
            topics=[_topic(t) for t in library.article_topics[key]],
        )
