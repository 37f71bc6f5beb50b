"""Realistic page text for the synthetic archive: every gold article the project holds,
with its names, places and figures drawn anew for each use.

The templates are the gold articles of ``tests/fixtures/pages/**/*.expected.json`` and
``bench/blind_pages/batch_a`` .. ``batch_d`` (batch E is kept unseen): their kind (news,
brief, commentary, photo, interview), kicker, subtitle, column, subheads and paragraphs.
Each use of a template keeps its structure and its words, and replaces

* each person's name jieba tags ``nr`` by a name crossed from the gold names' surnames and
  given names (one replacement per name within an article, so an interview's speaker
  stays one person), drawn with a Zipf law over about 33,000 names;
* each full division name of the gazetteer by another division name (Zipf over the
  locations ranking of ``bench.synth``);
* each figure of three digits or more that is not a year, month, day or page by a figure
  of the same length,

so the archive's vocabulary keeps growing with N (new names, places and figures), as a
real archive's does, while the lengths and kinds of its articles follow the real pages.
On the first page of a day, a long news article may be cut after half its paragraphs with
``（下转第二版）`` and continued at the top of page 2 under its title and ``（上接第一版）``.

Everything is drawn from the caller's ``random.Random``.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from site_builder.enrich.gazetteer import gazetteer
from site_builder.nlp.tokenizer import pos_tokenizer, tagged

REPO = Path(__file__).resolve().parents[1]
GOLD_GLOBS = (
    "tests/fixtures/pages/**/*.expected.json",
    *(f"bench/blind_pages/batch_{batch}/*.expected.json" for batch in "abcd"),
)
"""Where the gold articles are; batch E of the blind pages stays unseen by any tuning."""
CONTINUED_SHARE = 0.5
"""Share of front pages whose first long news article continues on page 2."""
CONTINUED_MIN_BLOCKS = 4
_NAME_SLOT = "\x00N"
_PLACE_SLOT = "\x00P"
_DIGITS_SLOT = "\x00D"
"""Slot markers in template text; a digits slot is followed by the figure's length."""
_JUMP = re.compile(r"^[（(][上下]转")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_DATE_UNITS = tuple("年月日时点版号届期")
_PAGE_NUMERALS = "一二三四五六七八九十"


@dataclass(slots=True, frozen=True)
class Template:
    """One gold article with slots where names, places and figures were."""

    kind: str
    kicker: str | None
    title: str
    subtitle: str | None
    column: str | None
    blocks: tuple[tuple[str, str], ...]
    """``("p" | "h", text)`` in reading order, jump markers left out."""
    byline: tuple[str, ...]
    """Authors the body text does not name (printed on a line of their own)."""


@dataclass(slots=True, frozen=True)
class GoldCorpus:
    templates: tuple[Template, ...]
    surnames: tuple[str, ...]
    given: tuple[str, ...]


def gold_articles(root: Path = REPO) -> list[dict[str, object]]:
    """The gold articles, file by file in sorted path order."""
    paths = sorted({p for pattern in GOLD_GLOBS for p in root.glob(pattern)})
    return [a for path in paths for a in json.loads(path.read_text(encoding="utf-8"))["articles"]]


@cache
def gold_corpus() -> GoldCorpus:
    """Templates and name parts of the gold articles (built once per process)."""
    places = {name for name, codes in gazetteer().full.items() if len(codes) == 1}
    articles = gold_articles()
    names = {
        str(a)
        for article in articles
        for a in article["authors"]  # type: ignore[attr-defined]
        if _HAN.match(str(a)) and 2 <= len(str(a)) <= 3
    }
    surnames = {n[0] for n in names}
    templates = []
    for article in articles:
        blocks = [
            (str(b["type"]), _slots(str(b["text"]), places, surnames, names))
            for b in article["blocks"]  # type: ignore[attr-defined]
            if not _JUMP.match(str(b["text"]))
        ]
        authors = [str(a) for a in article["authors"]]  # type: ignore[attr-defined]
        # Two-character names are printed padded (王  芳): compare without spaces.
        plain = "".join(str(b["text"]) for b in article["blocks"]).replace(" ", "")  # type: ignore[attr-defined]
        head = [article.get(k) for k in ("kicker", "title", "subtitle")]
        kicker, title, subtitle = (
            _slots(str(h), places, surnames, names) if h else None for h in head
        )
        if not blocks or not title:
            continue
        templates.append(
            Template(
                kind=str(article["kind"]),
                kicker=kicker,
                title=title,
                subtitle=subtitle,
                column=str(article["column"]) if article.get("column") else None,
                blocks=tuple(blocks),
                byline=tuple(a for a in authors if a not in plain),
            )
        )
    return GoldCorpus(
        templates=tuple(templates),
        surnames=tuple(sorted(surnames)),
        given=tuple(sorted({n[1:] for n in names})),
    )


def _slots(text: str, places: set[str], surnames: set[str], names: set[str]) -> str:
    """``text`` with slot markers for names, places and long figures (see the module doc).

    jieba tags many ordinary words ``nr``; a name must start with a surname of the gold
    authors and not be a dictionary word with another tag."""
    words = tagged(text)
    known = pos_tokenizer().word_tag_tab
    out: list[str] = []
    for i, (word, pos) in enumerate(words):
        following = words[i + 1][0] if i + 1 < len(words) else ""
        if (
            pos == "nr"
            and _HAN.match(word)
            and 2 <= len(word) <= 3
            and word[0] in surnames
            and known.get(word, "nr") == "nr"
        ):
            names.add(word)
            out.append(f"{_NAME_SLOT}{word}\x00")
        elif word in places:
            out.append(_PLACE_SLOT)
        elif word.isascii() and word.isdigit() and len(word) >= 3:
            out.append(word if following.startswith(_DATE_UNITS) else f"{_DIGITS_SLOT}{len(word)}")
        else:
            out.append(word)
    return "".join(out)


_SLOT = re.compile("\x00N([^\x00]+)\x00|\x00P|\x00D([0-9]+)")


@dataclass(slots=True)
class Filler:
    """Fills one article's slots; a name seen twice in the article gets one replacement."""

    rng: random.Random
    people: Sequence[str]
    people_weights: Sequence[float]
    places: Sequence[str]
    places_weights: Sequence[float]
    chosen: dict[str, str] = field(default_factory=dict)

    def fill(self, text: str) -> str:
        return _SLOT.sub(self._one, text)

    def person(self, original: str) -> str:
        if original not in self.chosen:
            [name] = self.rng.choices(self.people, cum_weights=self.people_weights)
            self.chosen[original] = name
        return self.chosen[original]

    def _one(self, match: re.Match[str]) -> str:
        if match.group(1):
            return self.person(match.group(1))
        if match.group(2):
            length = int(match.group(2))
            first = str(self.rng.randint(1, 9))
            return first + "".join(str(self.rng.randint(0, 9)) for _ in range(length - 1))
        [place] = self.rng.choices(self.places, cum_weights=self.places_weights)
        return place


def article_lines(template: Template, filler: Filler) -> tuple[list[str], list[str]]:
    """Heading lines and body paragraphs of one use of ``template``."""
    head = [filler.fill(t) for t in (template.kicker, template.title, template.subtitle) if t]
    # A brief box's name heads it; a commentary's column name follows its title.
    if template.column and template.kind == "brief":
        head.insert(0, template.column)
    elif template.column:
        head.append(template.column)
    body = [filler.fill(text) for _, text in template.blocks]
    if template.byline:
        byline = " ".join(filler.person(a) for a in template.byline)
        body.append(f"本报记者 {byline} 摄" if template.kind == "photo" else f"本报记者 {byline}")
    return head, body


def continuation(
    rng: random.Random, number: int, templates: Sequence[Template]
) -> tuple[int, int] | None:
    """(index among ``templates``, paragraphs kept on page 1) of the article that continues
    on page 2, or None: only on page 1, for the first long news article, half of the time."""
    if number != 1 or rng.random() >= CONTINUED_SHARE:
        return None
    for i, template in enumerate(templates):
        if template.kind == "news" and len(template.blocks) >= CONTINUED_MIN_BLOCKS:
            return i, len(template.blocks) // 2
    return None


def jump_to(page: int) -> str:
    return f"（下转第{_PAGE_NUMERALS[page - 1]}版）"


def jump_from(page: int) -> str:
    return f"（上接第{_PAGE_NUMERALS[page - 1]}版）"
