"""What a blind query writer reads: the rendered texts of an archive's articles, and the
label format, with nothing of the code, its index or its results.

    .venv/bin/python -m bench.search_packet OUT --pages bench/blind_pages/batch_ai ... [--seeds]

Builds the archive ``search_rank`` builds for the same arguments (the gold articles of the
page folders, as content files; with ``--seeds`` the bundled example content too) with
``build_site``, then reads each article's page in the Chinese interface as a reader sees
it and writes its shown text, headline group and body only (not the tags, places or
topics the build derives: a writer who saw them would write queries in the engine's
terms), to ``OUT/articles/<n>.txt`` under its label id (``<gold file stem>#<index>``,
``seed#<slug>``). ``OUT/FORMAT.md`` is the label format, ``OUT/articles/INDEX.md`` lists
every id with its title. A query set written from the packet is scored with
``search_rank --labels FILE --pages ... [--seeds]`` on the same folders.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_rank import (  # noqa: E402
    add_seeds,
    build,
    gold_articles,
    write_archive,
)

_HEADER = re.compile(r'<header class="headline">(.*?)</header>', re.S)
_BODY = re.compile(r'<div class="article-body">(.*?)</div>', re.S)
_LINE = re.compile(r"<(p|h1|h2)[^>]*>(.*?)</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_TITLE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)

FORMAT = """\
# Writing an English query set for a Chinese news archive (blind)

You are a reader of the English interface of a Chinese newspaper archive. The archive's
articles are in `articles/` (one file each, its id on the first line; `articles/INDEX.md`
lists them). Read them all. Do not read or run anything else of the project: no code, no
index, no other query sets, no search results.

Write {count} English queries a reader might type to find articles here: about a third
*known-item* (one particular article: names, places, the event) and the rest *topical*
(a subject several articles may treat). Use everyday English, as a reader who cannot read
Chinese would type: English names of places and organisations, plurals and verb forms as
they come, phrases of one to six words. Do not translate Chinese words one by one.

For each query list every relevant article with a grade: 2 the article is about it, 1 it
treats it substantially though it is mainly about something else; passing mentions are not
listed. Find candidates by searching the texts for every Chinese word the query could mean
(synonyms included), then read and grade them.

Write one YAML file, a list, each item:

```yaml
- query: "the words a reader would type"
  lang: en
  type: known-item        # or topical
  relevant:
    "xx01_page#3": 2       # article id as on the file's first line -> grade
```

Start the file with comment lines saying who wrote it and how (what you read, how you
found candidates, how you graded).
"""


def shown_text(page: str) -> str:
    """The headline group and body of a rendered article page, a line per element."""
    parts = [m.group(1) for m in (_HEADER.search(page), _BODY.search(page)) if m]
    lines = [
        html.unescape(_TAG.sub("", m.group(2))).strip() for p in parts for m in _LINE.finditer(p)
    ]
    return "\n".join(line for line in lines if line)


def _order(article_id: str) -> tuple[str, int, str]:
    """Page by page, articles in their page's order (``#10`` after ``#9``)."""
    stem, _, index = article_id.partition("#")
    return (stem, int(index), "") if index.isdigit() else (stem, 0, index)


def write_packet(out: Path, pages: list[Path], seeds: bool, count: int) -> int:
    """Build the archive and write the packet; returns the number of articles."""
    articles = gold_articles("", pages)
    with tempfile.TemporaryDirectory(prefix="search-packet-") as work:
        content, output = Path(work) / "content", Path(work) / "output"
        ids = write_archive(articles, content)
        if seeds:
            ids |= add_seeds(content)
        docs = build(content, output)
        texts = {ids[d.key]: (output / d.url / "index.html").read_text("utf-8") for d in docs}
    folder = out / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    listing = ["# Articles\n"]
    for n, article_id in enumerate(sorted(texts, key=_order), 1):
        text = shown_text(texts[article_id])
        (folder / f"{n:03d}.txt").write_text(f"{article_id}\n\n{text}\n", encoding="utf-8")
        title = _TITLE.search(texts[article_id])
        shown = html.unescape(_TAG.sub("", title.group(1))).strip() if title else ""
        listing.append(f"- `{article_id}` ({n:03d}.txt): {shown}")
    (folder / "INDEX.md").write_text("\n".join(listing) + "\n", encoding="utf-8")
    (out / "FORMAT.md").write_text(FORMAT.format(count=count), encoding="utf-8")
    return len(texts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=Path, nargs="+", required=True)
    parser.add_argument("--seeds", action="store_true", help="the bundled content too")
    parser.add_argument("--queries", type=int, default=60, help="queries to ask for")
    args = parser.parse_args(argv)
    n = write_packet(args.out, args.pages, args.seeds, args.queries)
    print(f"{args.out}: {n} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
