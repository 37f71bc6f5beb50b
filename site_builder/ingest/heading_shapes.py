"""The shapes of heading lines, judged line by line: a poem's lines, a column label, a
kicker printed in two matched halves, a padded name."""

from __future__ import annotations

from site_builder.ingest import patterns as pt
from site_builder.ingest.drafts import Element
from site_builder.ingest.titles import is_couplet
from site_builder.nlp.tokenizer import tagged

# Inside a headline group a label is shorter still: a title or kicker says more.
MAX_LABEL_IN_GROUP = 5
# A series' name may be longer when it ends like one (县域发展笔谈, 理论热点面对面).
MAX_SERIES_LABEL = 8
SERIES_ENDINGS = tuple(e for e in pt.COLUMN_ENDINGS if len(e) >= 2)
# Aspect particles: a short line holding one tells of an event (a kicker), not a series.
ASPECT_MARKS = "了过着"
# A genre's or a column's name over a title (短评, 摄影手记) is this short at most.
MAX_GENRE_LABEL = 4
# A headline group has at most kicker, title, subtitle and a label; more short lines in a
# row are verse.
MIN_VERSE, MAX_VERSE_LINE = 4, 15


def verse_lines(group: list[Element], last: bool = False, signed: bool = False) -> int:
    """How many lines at the start of a run of short lines are verse (0: none). The last
    line may head the next article, with the dashed subtitle and the author's name under
    it — unless no text follows on the page (``last``). When a byline follows the run
    (``signed``), its last line is that article's title, not its author's name."""
    # (a title, and under it a dashed subtitle, the author's name, or both)
    heading, k = 1, len(group) - 1
    if k >= 1 and group[k].first.name_like and not signed:
        heading, k = heading + 1, k - 1
    if k >= 1 and pt.dashed(group[k].text):
        heading += 1
    if last:
        heading = 0
    short = 0
    while short < len(group) and len(group[short].text) <= MAX_VERSE_LINE:
        short += 1
    lines = min(short, len(group) - heading)
    # Another poem's title over its poet's padded name ends this poem's lines.
    titles = [k for k in range(2, min(lines, len(group) - 1)) if padded_name(group[k + 1])]
    lines = titles[0] if titles else lines
    return lines if lines >= MIN_VERSE else 0


def label_like(head: Element) -> bool:
    """A column label (栏目): short, neither a place nor a person's name; named like a
    series (…时评, …手记, …观察), or at least not a clause: a kicker as short says
    something happened (寒潮来了, 非遗过大年)."""
    text = head.text
    series = len(text) <= MAX_SERIES_LABEL and text.endswith(SERIES_ENDINGS)
    if (len(text) > MAX_LABEL_IN_GROUP and not series) or text.endswith(pt.PLACE_SUFFIXES):
        return False
    if padded_name(head) or (head.first.name_like and _tagged_name(text)):
        # A padded name, or one jieba knows for a name; other name-shaped words over a
        # title (学思践悟, 以案释法) name a column.
        return False
    return text.endswith(pt.COLUMN_ENDINGS) or not any(c in text for c in ASPECT_MARKS)


def genre_label(head: Element) -> bool:
    """A heading line that names a column or a genre (短评, 一言, 摄影手记): a word or two
    ending like a column's name."""
    text = head.text
    return len(text) <= MAX_GENRE_LABEL and text.endswith(pt.COLUMN_ENDINGS) and label_like(head)


def paired(a: Element, b: Element) -> bool:
    """Two headline lines of matched length, words only (对仗): one kicker printed in two."""
    words = all(pt.HAN_ONLY_RE.fullmatch(e.text) for e in (a, b))
    return words and is_couplet(a.text, b.text)


def padded_name(head: Element) -> bool:
    """A heading line that is a person's name printed with padding (王  浩)."""
    return head.first.name_like and pt.PADDED_RUN_RE.search(head.first.raw) is not None


def _tagged_name(text: str) -> bool:
    """jieba reads the line as a person's name, in whole or in part."""
    return any(flag.startswith("nr") for _, flag in tagged(text))
