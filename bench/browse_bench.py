"""Precision and recall of topics, tags and places on the labelled set; tag grouping at
archive scale.

    .venv/bin/python -m bench.browse_bench [--set all|fixtures|blind|blind2|...|blind10]
        [--page STEM] [--archive N] [--gold-archive] [--errors] [--no-folds]
        [--only places|tags|topics ...]

The labelled set (``bench/labelled.py``) has eleven parts: the fixtures' articles
(labelled by the engineer who wrote the rules, not blind), the blind pages' of batches
a–d (``blind``), of batches k–l (``blind2``), of batches y–z (``blind3``), of batch an
(``blind4``), of batch ap (``blind5``), of batch au (``blind6``), of batch ay
(``blind7``), of batch ba (``blind8``), of batch bc (``blind9``) and of batch be
(``blind10``), each labelled by a
helper who never saw the code; ``--set`` scores one of them (``--page`` only the pages
named), every figure computed with the whole set as the archive. Topics are scored two
ways: as shipped (a fit on the articles the model was trained on, a test on any it was
not; alone with ``--no-folds``, a blind set's first contact), and by cross-validation
over the whole labelled set in ``FOLDS`` folds of whole pages (each fold's articles
classified by a model trained on the other folds' pages and on the articles labelled for
training only,
``labelled.training_articles``: what to expect of articles the model never saw; each
fold's figures are printed too), both counting a topic's parents as implied. Places: the
most specific places of each article as paths, against the labels. Tags: the tags the
build chooses against the labelled "tags worth having" (the fixtures only: the blind
labels have none), and for every set how many of its articles' tags group two articles
of the archive and are no fragment.
With ``--archive N`` the tag statistics of the synthetic archive
``bench/out/archive-N/content`` (made by ``bench.scale_bench``) are printed too (its
front-matter tags dropped): the share of tags that group two articles or more, and
fragments; with ``--gold-archive`` the same over every gold article the project holds
(some five thousand real articles, none repeated, as the synthetic archive's are).
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from bench.labelled import (
    BLIND_SETS,
    fixture_articles,
    gold_articles,
    labelled_articles,
    labels,
    topic_labels,
    training_articles,
)
from bench.train_topics import article_x, fit
from site_builder.content.article import Article
from site_builder.content.loader import load_content
from site_builder.enrich import Enricher
from site_builder.enrich.enricher import article_text
from site_builder.enrich.tags import cut_apart
from site_builder.enrich.topic_model import TopicModel
from site_builder.enrich.topics import THRESHOLD, assign, with_ancestors

OUT = Path(__file__).resolve().parent / "out"


def _pr(pairs: Iterable[tuple[set[str], set[str]]]) -> tuple[float, float, int, int]:
    """Micro precision and recall of (predicted, gold) sets; and the counts."""
    found = right = wanted = 0
    for predicted, gold in pairs:
        found += len(predicted)
        wanted += len(gold)
        right += len(predicted & gold)
    return (right / found if found else 1.0), (right / wanted if wanted else 1.0), found, wanted


def _line(name: str, pairs: Sequence[tuple[set[str], set[str]]]) -> None:
    precision, recall, found, wanted = _pr(pairs)
    covered = sum(1 for predicted, _ in pairs if predicted) / len(pairs)
    print(
        f"{name:<34} precision {precision:.2f}  recall {recall:.2f}  "
        f"({found} found, {wanted} labelled; {covered:.0%} of articles have one)"
    )


FOLDS = 6
"""Cross-validation folds of whole pages: a page's articles share a paper, a day and often
a labeller's habit, so a fold that held some of them would flatter the model."""


def folds(articles: Sequence[Article]) -> dict[str, int]:
    """The fold of each page of ``articles``: the pages in order, dealt round the folds."""
    return {page: k % FOLDS for k, page in enumerate(sorted({a.page_id for a in articles}))}


def topics(
    articles: list[Article],
    scored: dict[str, set[str]],
    enricher: Enricher,
    sweep: list[float],
    errors: bool = False,
    held_out: bool = True,
    extra: Sequence[Article] = (),
) -> None:
    """``scored``: keys of the articles whose figures are printed, by the name of their
    part (the first part is the whole set scored; the others are printed from the same
    held-out models); ``sweep``: thresholds to try on the held-out probabilities (none:
    the shipped one); ``errors``: print each held-out article whose topics differ (with
    ``held_out`` False, the shipped model's: no cross-validation); ``extra``: the
    articles labelled for training only, which join every fold's training set."""
    gold = labels()
    every = set().union(*scored.values())
    expected = [with_ancestors(gold.get(a.key, {}).get("topics", [])) for a in articles]
    shipped = [with_ancestors(enricher.info(a).topics) for a in articles]
    keep = [a.key in every for a in articles]
    _line("topics, shipped model", _kept(zip(shipped, expected, strict=True), keep))
    if not held_out:
        for i, a in enumerate(articles):
            if errors and keep[i] and shipped[i] != expected[i]:
                print(f"  {a.key}: {enricher.info(a).topics} labelled {gold[a.key]['topics']}")
        return
    xs = [article_x(a) for a in articles]
    # An article ``labelled.topic_labels`` leaves out trains no fold.
    extra_xs = [article_x(a) for a in extra]
    trains = topic_labels()
    fold = folds(articles)
    models: dict[int, TopicModel] = {}
    for k in sorted({fold[a.page_id] for a in articles if a.key in every}):
        train = [i for i, a in enumerate(articles) if fold[a.page_id] != k and a.key in trains]
        models[k] = fit(
            [articles[i] for i in train] + list(extra), [xs[i] for i in train] + extra_xs
        )
    for threshold in sweep or [THRESHOLD]:
        chosen = [
            assign(xs[i], models[fold[a.page_id]], threshold) if keep[i] else []
            for i, a in enumerate(articles)
        ]
        held = [with_ancestors(c) for c in chosen]
        at = f" at {threshold}" if sweep else ""
        for part, keys in scored.items():
            mine = [a.key in keys for a in articles]
            _line(
                f"topics, {FOLDS} folds, {part}{at}", _kept(zip(held, expected, strict=True), mine)
            )
        for k in sorted(models):
            mine = [keep[i] and fold[a.page_id] == k for i, a in enumerate(articles)]
            _line(
                f"topics, fold {k + 1} of {FOLDS}{at}",
                _kept(zip(held, expected, strict=True), mine),
            )
        if errors:
            for i, a in enumerate(articles):
                if keep[i] and held[i] != expected[i]:
                    print(f"  {a.key}: {chosen[i]} labelled {gold[a.key]['topics']}  {a.title}")


def _kept(
    pairs: Iterable[tuple[set[str], set[str]]], keep: Sequence[bool]
) -> list[tuple[set[str], set[str]]]:
    return [pair for pair, k in zip(pairs, keep, strict=True) if k]


def places(articles: list[Article], enricher: Enricher, errors: bool = False) -> None:
    """Most specific places as paths against the labels; with ``errors`` each place found
    and not labelled (+) and labelled and not found (-)."""
    gold = labels()
    pairs = []
    for article in articles:
        predicted = set()
        for code in enricher.info(article).places:
            names = [p.name for p in enricher.ancestors(code)] + [enricher.place(code).name]
            predicted.add("/".join(names))
        pairs.append((predicted, set(gold[article.key]["places"])))
        if errors:
            for path in sorted(predicted ^ pairs[-1][1]):
                print(f"  {article.key}: {'+' if path in predicted else '-'} {path}")
    _line("places (most specific)", pairs)


def tags(scored: list[Article], articles: list[Article], enricher: Enricher) -> None:
    """Tags of the ``scored`` articles against the labelled ones (where the set has them:
    the fixtures'), and grouping and fragments of their tags in the whole labelled set
    ``articles``."""
    gold = labels()
    with_tags = [a for a in scored if gold.get(a.key, {}).get("tags")]
    if with_tags:
        pairs = [(set(enricher.info(a).tags), set(gold[a.key]["tags"])) for a in with_tags]
        _line("tags (against tags worth having)", pairs)
    else:
        print(f"{'tags (against tags worth having)':<34} none labelled in this set")
    _grouping("tags, scored articles", scored, enricher, articles)


def _grouping(
    name: str,
    articles: Sequence[Article],
    enricher: Enricher,
    archive: Sequence[Article] | None = None,
) -> None:
    """Share of the tags of ``articles`` carried by two articles or more of ``archive``
    (``articles`` themselves by default); tag uses that are a fragment of a longer word
    in their article; share of tags of one or two characters (words, not keyphrases)."""
    carriers: Counter[str] = Counter()
    for article in archive if archive is not None else articles:
        carriers.update(enricher.info(article).tags)
    mine: set[str] = set()
    fragments = 0
    for article in articles:
        chosen = enricher.info(article).tags
        mine.update(chosen)
        fragments += sum(1 for t in chosen if cut_apart(t, article_text(article)[0]))
    grouping = sum(1 for t in mine if carriers[t] >= 2)
    short = sum(1 for t in mine if len(t) <= 2)
    tagged = [len(enricher.info(a).tags) for a in articles]
    print(
        f"{name:<34} {len(mine)} tags, {grouping / max(1, len(mine)):.0%} group two "
        f"articles or more; {fragments} tag uses are a fragment of a longer word; "
        f"{sum(1 for n in tagged if n) / max(1, len(tagged)):.0%} of articles have a tag, "
        f"{sum(tagged) / max(1, len(tagged)):.1f} an article; "
        f"{short / max(1, len(mine)):.0%} of tags are words of one or two characters"
    )


def archive(size: int) -> None:
    content = OUT / f"archive-{size}" / "content"
    if not content.is_dir():
        print(f"no {content}: run `python -m bench.scale_bench --sizes {size}` first")
        return
    loaded, _ = load_content(content)
    # The synthetic archive writes tags in front matter; they are dropped so that the
    # figures are those of the tags the build chooses.
    articles = [replace(a, tags=[]) for a in loaded]
    _grouping(f"tags, {len(articles)}-article archive", articles, Enricher(articles))


def gold_archive() -> None:
    """Tag grouping over every gold article (real, distinct texts: ``gold_articles``)."""
    articles = gold_articles()
    _grouping(f"tags, {len(articles)} gold articles", articles, Enricher(articles))


@dataclass(frozen=True, slots=True)
class Labelled:
    """The articles the bench reads: the archive every figure is computed in, and those
    labelled for training only. The labelled set's by default; a test passes a few pages
    of it, so that the topics' cross-validation fits in seconds, not minutes."""

    articles: list[Article] = field(default_factory=labelled_articles)
    """The labelled articles, the archive of places and tags and the folds' articles."""
    training: list[Article] = field(default_factory=training_articles)
    """Articles labelled for training only (``labelled.training_articles``)."""


def main(argv: list[str] | None = None, labelled: Labelled | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sets = ("all", "fixtures", *BLIND_SETS)
    parser.add_argument("--set", choices=sets, default="all")
    parser.add_argument(
        "--page", action="append", default=[], help="score only this page of the set (stem)"
    )
    parser.add_argument("--archive", type=int, default=0, help="also the synthetic archive")
    parser.add_argument(
        "--gold-archive", action="store_true", help="also tags over every gold article"
    )
    parser.add_argument(
        "--sweep", type=float, nargs="*", default=[], help="topic thresholds to try held out"
    )
    parser.add_argument("--errors", action="store_true", help="print every wrong article")
    parser.add_argument(
        "--no-folds",
        action="store_true",
        help="topics of the shipped model only (a blind set's first contact: no cross-validation)",
    )
    parser.add_argument(
        "--only",
        choices=("places", "tags", "topics"),
        action="append",
        default=[],
        help="score only this part (repeatable; topics' cross-validation is the slow one)",
    )
    args = parser.parse_args(argv)
    read = labelled or Labelled()
    articles = read.articles
    part: dict[str, Callable[[], list[Article]]] = {
        "all": lambda: articles,
        "fixtures": fixture_articles,
        **BLIND_SETS,
    }
    scored = [
        a
        for a in part[args.set]()
        if a.key in labels() and (not args.page or a.page_id in args.page)
    ]
    if not scored:
        print(f"no labelled article of {args.set} on the pages {', '.join(args.page)}")
        return 2
    enricher = Enricher(articles)
    print(f"labelled set: {len(articles)} articles, scored: {len(scored)} ({args.set})")
    wanted = set(args.only or ("places", "tags", "topics"))
    if "places" in wanted:
        places(scored, enricher, args.errors)
    if "tags" in wanted:
        tags(scored, articles, enricher)
    keys = {a.key for a in scored}
    parts = {args.set: keys}
    if args.set == "all":
        names = (*BLIND_SETS, "fixtures")
        within = {name: {a.key for a in part[name]()} & keys for name in names}
        parts.update({name: mine for name, mine in within.items() if mine})
    if "topics" in wanted:
        topics(articles, parts, enricher, args.sweep, args.errors, not args.no_folds, read.training)
    if args.archive:
        archive(args.archive)
    if args.gold_archive:
        gold_archive()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
