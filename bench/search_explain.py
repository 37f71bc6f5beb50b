"""Why English queries miss: each missed relevant article of a labelled set, by cause.

    .venv/bin/python -m bench.search_rank --no-pagefind --explain [--labels ...]

For each English query, what its clauses were searched as (the Chinese words each English
key stands for in the index), and for each relevant article it does not return, which of
the archive's words meaning each clause (every candidate, before the expansion's cap) the
article holds. The cause follows from that, mechanically:

- ``no word``: no clause has a word in the article, a neighbouring topic (pastoral areas
  for ``herdsmen``) or a word no dictionary here gives;
- ``some clauses``: words for some clauses only (``canteen for the elderly``: elderly care
  without a canteen);
- ``cap``: every clause has a word in the article, but for some clause not one of those
  searched (the cap of four words kept others);
- ``kept out``: the article holds a searched word of every clause and is still not
  returned (the loose rule of a long query kept articles holding more of its words).

Each wrong result is listed with the searched words that brought it, so precision can be
read the same way. A word is "held" when it is a substring of the article's text, as the
index finds it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from site_builder.nlp.tokenizer import tokenizer
from site_builder.search.english import candidates
from site_builder.search.query import Engine, Filters
from site_builder.search.text import LatinClause, fold

_HAN = re.compile("[\u4e00-\u9fff]+")
NO_WORD, SOME_CLAUSES, CAP, KEPT_OUT = "no word", "some clauses", "cap", "kept out"
CAUSES = (NO_WORD, SOME_CLAUSES, CAP, KEPT_OUT)


@dataclass(slots=True, frozen=True)
class Searched:
    """One English clause of a query as the index resolved it."""

    key: str
    """Its ``w:`` key without the prefix (``heat``, ``party build``)."""
    searched: tuple[str, ...]
    """The Chinese words it was searched as (after the cap)."""
    meaning: frozenset[str]
    """Every word of the archive that means it, searched or not."""


def cause(clauses: list[Searched], text: str) -> str:
    """Why an article with this folded ``text`` is not among the results (see the module)."""
    meant = [any(w in text for w in c.meaning) for c in clauses]
    found = [any(w in text for w in c.searched) for c in clauses]
    if not any(meant):
        return NO_WORD
    if not all(meant):
        return SOME_CLAUSES
    if not all(found):
        return CAP
    return KEPT_OUT


def article_text(article: Mapping[str, Any]) -> str:
    """The folded text of a gold article that the index reads (title, kicker, subtitle,
    blocks)."""
    parts = [article.get(k) or "" for k in ("title", "kicker", "subtitle")]
    return fold("\n".join(parts + [b["text"] for b in article["blocks"]]))


def archive_words(texts: Iterable[str]) -> set[str]:
    """Han words of one to three characters jieba finds (search mode) in ``texts``: the
    terms an English key may stand for."""
    cut = tokenizer().lcut_for_search
    found: set[str] = set()
    for text in texts:
        found.update(
            w for w in cut(text) if len(w) <= 3 and all("\u4e00" <= c <= "\u9fff" for c in w)
        )
    return found


def resolve(engine: Engine, query: str, meanings: Mapping[str, set[str]]) -> list[Searched]:
    """The English clauses of ``query`` as ``engine``'s index resolved them."""
    plan = engine.plan(query, Filters())
    found = []
    for clause in plan.clauses:
        if isinstance(clause, LatinClause) and clause.key:
            key = clause.key.removeprefix("w:")
            searched = plan.terms[clause.key].forms
            found.append(
                Searched(key, searched, frozenset(meanings.get(key, set()) | set(searched)))
            )
    return found


def explain(
    labels: list[Any],
    runs: list[list[str]],
    engine_for: Any,
    articles: Mapping[str, Mapping[str, Any]],
) -> Counter[str]:
    """Print each English query's clauses, misses with their cause, and wrong results with
    the words that brought them; return the count of missed articles by cause.
    ``engine_for()`` gives a fresh ``Engine`` (a cold cache per query, as the bench runs)."""
    texts = {a: article_text(art) for a, art in articles.items()}
    meanings: dict[str, set[str]] = {}
    for key, found in candidates(archive_words(texts.values())).items():
        meanings[key] = {word for _, word in found}
    causes: Counter[str] = Counter()
    for label, ranked in zip(labels, runs, strict=True):
        if label.lang != "en":
            continue
        clauses = resolve(engine_for(), label.query, meanings)
        missed = [a for a in label.relevant if a not in ranked]
        wrong = [a for a in ranked if a not in label.relevant]
        hits = len(ranked) - len(wrong)
        print(f"\n{label.query!r}: {hits} of {len(label.relevant)} relevant, {len(ranked)} results")
        for c in clauses:
            print(f"  {c.key}: searched {', '.join(c.searched) or '(nothing)'}")
        for a in sorted(missed, key=lambda a: (-label.relevant[a], a)):
            why = cause(clauses, texts[a])
            causes[why] += 1
            held = " | ".join(
                f"{c.key}: {','.join(sorted(w for w in c.meaning if w in texts[a])) or '-'}"
                for c in clauses
            )
            title = articles[a].get("title") or ""
            print(f"  missed g{label.relevant[a]} {a} {title} [{why}] {held}")
        for a in wrong:
            brought = [w for c in clauses for w in c.searched if w in texts[a]]
            print(f"  wrong {a} {articles[a].get('title') or ''} <- {', '.join(brought) or '?'}")
    print("\nmissed relevant articles by cause:")
    for why in CAUSES:
        print(f"  {why}: {causes[why]}")
    return causes
