"""Search ranking on a labelled query set: MRR and nDCG@10 of our engine beside Pagefind.

    .venv/bin/python -m bench.search_rank [--labels bench/search_labels.yaml] [--no-pagefind]

The archive is made from the gold articles (``*.expected.json`` under
``bench/blind_pages/batch_*`` and ``tests/fixtures/pages``), not through the segmenter: one
content file per gold article in a temporary folder, built with ``build_site`` and the
search page, exactly as ``site-builder build`` builds it. Pagefind indexes one plain page
per article of that build (``search_bench.write_pages``: title, tags, places, body) and is
queried in headless Chromium.

Each label names a query, its language (zh, pinyin, traditional, en), its type (known-item,
topical) and its relevant articles as ``<gold file stem>#<article index>`` with a grade (2
the article the query is about, 1 an article that is relevant too). For each engine it
prints, by language, by type and overall: MRR (1 / rank of the first relevant result, 0 if
none), nDCG@10 (gain 2^grade - 1), and recall (of all relevant articles, and of the grade-2
ones alone) and precision of the whole result list. ``--misses`` lists the queries whose
first result is not relevant; ``--explain`` reads each English query's missed articles by cause
(``search_explain.py``). The Chinese queries are also run in traditional characters
(OpenCC s2t, group "zh as traditional", outside "all"), and the count of those that return
exactly their simplified form's list is printed. ``--seeds`` adds the bundled example
content (``content/``) to the archive, its articles' ids ``seed#<slug>``.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_bench import _chromium, serving, write_pages  # noqa: E402
from bench.search_explain import explain  # noqa: E402
from site_builder.build.run import build_site  # noqa: E402
from site_builder.render.renderer import Renderer  # noqa: E402
from site_builder.search.adapter import search_docs  # noqa: E402
from site_builder.search.model import SearchDoc  # noqa: E402
from site_builder.search.page import INDEX_DIR, render_search  # noqa: E402
from site_builder.search.query import Engine  # noqa: E402

BATCHES = "abc"
"""The blind batches whose gold articles make the archive of ``search_labels.yaml``; the
blind English set (``search_labels_en_blind.yaml``) was written over batches a–d, the
second (``search_labels_en_blind2.yaml``) over the pages of ``search_blind2`` alone, the
third (``search_labels_en_blind3.yaml``) over those of ``blind_pages/batch_aa`` and
``batch_ab`` alone (``--pages`` both); the fourth (``search_labels_en_blind4.yaml``) over
``blind_pages/batch_ak`` and the bundled example content (``--pages`` and ``--seeds``), from
the packet ``search_packet.py`` makes of them; the fifth (``search_labels_en_blind5.yaml``)
over ``blind_pages/batch_an`` alone; the sixth (``search_labels_en_blind6.yaml``) over
``blind_pages/batch_ap`` alone, the seventh over ``batch_au``, the eighth over ``batch_az``
and the ninth over ``batch_bb``."""
LABELS = ROOT / "bench" / "search_labels.yaml"
SEEDS = ROOT / "content"
"""The bundled example site's content (ingested from ``seeds/``): ``--seeds`` adds its
articles to the archive, ids ``seed#<slug>``, as the fourth blind set's archive has them."""
CUTOFF = 10
LANGS = ("zh", "pinyin", "traditional", "en")
AS_TRADITIONAL = "zh as traditional"
"""The Chinese queries again, written in traditional characters by OpenCC (s2t): the
issue asks recall 1.0 of them, i.e. each finds what its simplified form finds."""


@dataclass(slots=True, frozen=True)
class Label:
    query: str
    lang: str
    type: str
    relevant: dict[str, int]
    """Article id (``stem#index``) -> grade, 2 or 1."""


def gold_articles(batches: str, pages: list[Path] | None = None) -> dict[str, dict[str, Any]]:
    """Every gold article by id ``stem#index`` (index from 0, in the file's order): of the
    blind ``batches`` and the test pages, or of the folders ``pages`` alone."""
    found: dict[str, dict[str, Any]] = {}
    folders = [ROOT / "bench" / "blind_pages" / f"batch_{b}" for b in batches]
    folders.append(ROOT / "tests" / "fixtures" / "pages")
    for folder in pages or folders:
        for path in sorted(folder.rglob("*.expected.json")):
            stem = path.name.removesuffix(".expected.json")
            articles = json.loads(path.read_text(encoding="utf-8"))["articles"]
            for i, article in enumerate(articles):
                found[f"{stem}#{i}"] = article
    return found


def _page_id(stem: str) -> str:
    return stem.replace("_", "-")


def _slug(index: int) -> str:
    return f"article-{index}"


def _content_file(article: dict[str, Any], index: int, stem: str) -> str:
    """A content file as ingest writes one; the title of an untitled article (a photo
    caption) is the start of its text, marked derived, as ingest does."""
    paragraphs = [f"## {b['text']}" if b["type"] == "h" else b["text"] for b in article["blocks"]]
    title = article["title"] or paragraphs[0][:20]
    front = {
        "title": title,
        "title_derived": not article["title"],
        "kicker": article["kicker"],
        "subtitle": article["subtitle"],
        "kind": article["kind"],
        "dateline": article["dateline"],
        "authors": list(article["authors"]),
        "column": article["column"],
        "affiliation": article.get("affiliation"),
        "slug": _slug(index),
        "order": index + 1,
        "paper": None,
        "date": None,
        "page_number": None,
        "page_name": None,
        "tags": [],
        "locations": [],
        "source": {"file": f"{stem}.txt", "lines": [index + 1]},
    }
    head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{head}---\n\n" + "\n\n".join(paragraphs) + "\n"


def write_archive(articles: dict[str, dict[str, Any]], content: Path) -> dict[str, str]:
    """One content file per gold article; returns article key -> article id."""
    ids: dict[str, str] = {}
    for article_id, article in articles.items():
        stem, index = article_id.split("#")
        folder = content / _page_id(stem)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{_slug(int(index))}.md").write_text(
            _content_file(article, int(index), stem), encoding="utf-8"
        )
        ids[f"{_page_id(stem)}/{_slug(int(index))}"] = article_id
    return ids


def seed_articles(seeds: Path = SEEDS) -> dict[str, dict[str, Any]]:
    """The bundled content's articles by id ``seed#<slug>``, shaped as gold articles (title,
    kicker, subtitle, blocks) for ``--explain``."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(seeds.glob("*/*.md")):
        _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
        front = yaml.safe_load(head)
        blocks = [
            {"type": "h" if p.startswith("## ") else "p", "text": p.removeprefix("## ")}
            for p in body.strip().split("\n\n")
        ]
        found[f"seed#{path.stem}"] = {
            **{k: front.get(k) for k in ("title", "kicker", "subtitle")},
            "blocks": blocks,
        }
    return found


def add_seeds(content: Path, seeds: Path = SEEDS) -> dict[str, str]:
    """The bundled content's page folders copied into the archive as they are; returns
    article key -> article id (``seed#<slug>``)."""
    ids: dict[str, str] = {}
    for folder in sorted(p for p in seeds.iterdir() if p.is_dir()):
        shutil.copytree(folder, content / folder.name)
        for path in sorted(folder.glob("*.md")):
            ids[f"{folder.name}/{path.stem}"] = f"seed#{path.stem}"
    return ids


def build(content: Path, output: Path) -> list[SearchDoc]:
    """The site and its search index, as ``site-builder build`` makes them."""
    docs: list[SearchDoc] = []

    def grab(renderer: Renderer) -> None:
        docs.extend(search_docs(renderer.site))

    build_site(content, ROOT / "templates", output, extra_pages=[grab, render_search])
    return docs


def load_labels(path: Path, known: set[str]) -> list[Label]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    labels = []
    for n, item in enumerate(raw, 1):
        relevant = {str(k): int(v) for k, v in item["relevant"].items()}
        unknown = sorted(set(relevant) - known)
        if unknown:
            raise SystemExit(f"{path}: query {n} ({item['query']}): unknown ids {unknown}")
        labels.append(Label(str(item["query"]), item["lang"], item["type"], relevant))
    return labels


Ranker = Callable[[str], list[str]]
"""A query -> every result's article id, best first."""


def ours(index: Path, ids: dict[str, str]) -> Ranker:
    def rank(query: str) -> list[str]:
        engine = Engine(lambda path: (index / path).read_bytes())
        return [ids[key] for key in engine.search_all(query)]

    return rank


PAGEFIND_JS = """
const found = await window.pf.search(arguments[0]);
return (await Promise.all(found.results.map(x => x.data()))).map(d => d.url);
"""


@contextmanager
def pagefind(docs: list[SearchDoc], site: Path, ids: dict[str, str]) -> Iterator[Ranker]:
    """Pagefind over one plain page per article, queried in headless Chromium."""
    from pagefind_bin_extended import get_executable

    write_pages(docs, site)
    subprocess.run(
        [str(get_executable()), "--site", str(site), "--silent"], check=True, capture_output=True
    )
    by_url = {"/" + d.url.lstrip("/"): ids[d.key] for d in docs}
    driver = _chromium()
    try:
        with serving(site) as (base, _):

            def rank(query: str) -> list[str]:
                driver.get(base + "pf.html")
                while not driver.execute_script("return window.ready === true"):
                    time.sleep(0.05)
                urls = driver.execute_script(PAGEFIND_JS, query)
                return [by_url[u] for u in urls if u in by_url]

            yield rank
    finally:
        driver.quit()


def reciprocal_rank(ranked: list[str], relevant: dict[str, int]) -> float:
    return next((1 / (i + 1) for i, a in enumerate(ranked) if a in relevant), 0.0)


def ndcg(ranked: list[str], relevant: dict[str, int], cutoff: int = CUTOFF) -> float:
    """Normalised discounted cumulative gain, gains 2^grade - 1, log2 discount."""
    gain = sum(
        (2 ** relevant.get(a, 0) - 1) / math.log2(i + 2) for i, a in enumerate(ranked[:cutoff])
    )
    ideal = sorted(relevant.values(), reverse=True)[:cutoff]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return gain / best if best else 0.0


@dataclass(slots=True)
class Scores:
    mrr: float
    ndcg: float
    recall: float
    """Relevant articles found over relevant articles, summed over the queries."""
    precision: float
    """Relevant articles found over articles returned, summed over the queries."""
    core_recall: float
    """Recall of the grade-2 articles alone: a topical label's grade 1 may be an article
    that never uses the query's words, which no lexical engine finds."""
    queries: int


def score(labels: list[Label], runs: list[list[str]]) -> Scores:
    pairs = list(zip(labels, runs, strict=True))
    hits = sum(len(set(r) & set(lb.relevant)) for lb, r in pairs)
    wanted = sum(len(lb.relevant) for lb, _ in pairs)
    returned = sum(len(r) for _, r in pairs)
    core = [{a for a, g in lb.relevant.items() if g == 2} for lb, _ in pairs]
    core_hits = sum(len(set(r) & c) for (_, r), c in zip(pairs, core, strict=True))
    core_wanted = sum(len(c) for c in core)
    count = len(pairs) or 1
    return Scores(
        mrr=sum(reciprocal_rank(r, lb.relevant) for lb, r in pairs) / count,
        ndcg=sum(ndcg(r, lb.relevant) for lb, r in pairs) / count,
        recall=hits / wanted if wanted else 0.0,
        precision=hits / returned if returned else 0.0,
        core_recall=core_hits / core_wanted if core_wanted else 0.0,
        queries=len(pairs),
    )


def as_traditional(labels: list[Label]) -> list[Label]:
    from opencc_purepy import OpenCC

    convert = OpenCC("s2t").convert
    return [
        Label(str(convert(lb.query)), AS_TRADITIONAL, lb.type, lb.relevant)
        for lb in labels
        if lb.lang == "zh"
    ]


def report(labels: list[Label], results: dict[str, list[list[str]]]) -> None:
    print("| engine | queries | group | MRR | nDCG@10 | recall | recall (grade 2) | precision |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    groups = [(lang, [lb.lang == lang for lb in labels]) for lang in (*LANGS, AS_TRADITIONAL)]
    labelled = [lb.lang in LANGS for lb in labels]
    for kind in ("known-item", "topical"):
        groups.append((kind, [lb.type == kind and lb.lang in LANGS for lb in labels]))
    groups.append(("all", labelled))
    for name, runs in results.items():
        for group, chosen in groups:
            picked = [(lb, r) for lb, r, c in zip(labels, runs, chosen, strict=True) if c]
            if not picked:
                continue
            s = score([lb for lb, _ in picked], [r for _, r in picked])
            print(
                f"| {name} | {s.queries} | {group} | {s.mrr:.3f} | {s.ndcg:.3f} | "
                f"{s.recall:.3f} | {s.core_recall:.3f} | {s.precision:.3f} |"
            )


def same_results(labels: list[Label], results: dict[str, list[list[str]]]) -> None:
    """How many Chinese queries return, in traditional characters, exactly what they return
    in simplified ones (the derived queries follow the labelled ones, in the same order)."""
    zh = [i for i, lb in enumerate(labels) if lb.lang == "zh"]
    trad = [i for i, lb in enumerate(labels) if lb.lang == AS_TRADITIONAL]
    for name, runs in results.items():
        same = sum(runs[a] == runs[b] for a, b in zip(zh, trad, strict=True))
        print(f"{name}: {same} of {len(zh)} Chinese queries return the same list in traditional")


def misses(labels: list[Label], results: dict[str, list[list[str]]], name: str) -> None:
    """Queries whose first relevant result is not first, for reading the failures."""
    print(f"\n{name}: queries ranked below 1 (first relevant rank, results, relevant)")
    for label, ranked in zip(labels, results[name], strict=True):
        rank = next((i + 1 for i, a in enumerate(ranked) if a in label.relevant), None)
        if rank != 1:
            print(f"  [{label.lang}] {label.query!r}: {rank}, {len(ranked)}, {len(label.relevant)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--no-pagefind", action="store_true", help="measure our engine only")
    parser.add_argument("--misses", action="store_true", help="list queries ranked below 1")
    parser.add_argument(
        "--explain", action="store_true", help="each English query's misses, by cause"
    )
    parser.add_argument("--batches", default=BATCHES, help="blind batches in the archive")
    parser.add_argument(
        "--pages",
        type=Path,
        nargs="+",
        help="the archive is these folders' gold pages alone (not batches)",
    )
    parser.add_argument(
        "--seeds", action="store_true", help="the bundled example content joins the archive"
    )
    args = parser.parse_args(argv)
    articles = gold_articles(args.batches, args.pages)
    if args.seeds:
        articles |= seed_articles()
    labels = load_labels(args.labels, set(articles))
    labels += as_traditional(labels)
    results: dict[str, list[list[str]]] = {}
    with tempfile.TemporaryDirectory(prefix="search-rank-") as work:
        ids = write_archive(
            {a: art for a, art in articles.items() if not a.startswith("seed#")},
            Path(work) / "content",
        )
        if args.seeds:
            ids |= add_seeds(Path(work) / "content")
        docs = build(Path(work) / "content", Path(work) / "output")
        print(f"archive: {len(docs)} articles; queries: {len(labels)}\n")
        index = Path(work) / "output" / INDEX_DIR
        rank = ours(index, ids)
        results["ours"] = [rank(lb.query) for lb in labels]
        if args.explain:
            engine = partial(Engine, lambda path: (index / path).read_bytes())
            explain(labels, results["ours"], engine, articles)
        if not args.no_pagefind:
            with pagefind(docs, Path(work) / "pf", ids) as rank:
                results["pagefind"] = [rank(lb.query) for lb in labels]
    report(labels, results)
    print()
    same_results(labels, results)
    if args.misses:
        for name in results:
            misses(labels, results, name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
