"""Score every possible continuation of a cut sentence.

For each paragraph piece that stops mid-sentence, every paragraph start on the page is a
candidate continuation, scored by the evidence a reader would use: a word or list running
across the cut, the grammar of the two words meeting there, whether the start could open
a paragraph at all, whether both sides talk about the same thing, whether the start is
the top of a column, and whether the join would cross other articles' openings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from site_builder.ingest import grammar as gr
from site_builder.ingest.cohesion import Cohesion
from site_builder.ingest.lines import Unit
from site_builder.nlp.tokenizer import tagged

# How many candidate starts each fragment keeps; the search is exact over these.
TOP_K = 10
# A join with no evidence at all for it is worse than leaving the sentence cut (and
# reporting it): a wrong join carries text into another article.
MIN_JOIN = -0.5
# Paragraphs on each side of a join compared for topic, and the weight of that comparison.
COHESION_WINDOW = 5
COHESION_WEIGHT = 6.0
HEADING_SIZE = 30.0
# A join into the middle of a column needs evidence: the text above must fill a column.
MID_COLUMN = 1.0
COLUMN_FILL = 1.5
FILL_FITS = (0.7, 1.4)
CROSSING = 1.0
# A dictionary word running across the cut (放|牧, 呼|吸) is the strongest single sign.
SPANNING = 4.0
# A continuation opening with a bare word and a comma (…业务|培训，内容包括…).
SHORT_CLAUSE = 1.5
# A list (甲、乙、丙和丁等) cut in the middle goes on with more items.
ENUMERATION = 1.5


@dataclass(slots=True, frozen=True)
class Join:
    """The decision that fragment ``end`` continues at paragraph ``start`` (unit indices)."""

    end: int
    start: int
    score: float
    why: str


@dataclass(slots=True)
class PageFacts:
    """Page-level facts the join scores use."""

    units: list[Unit]
    topic: Cohesion
    tops: list[int]
    """Units that certainly begin a column: page start, after a cut sentence, after a closing."""
    column: float | None
    """Typical amount of text in one column, from the columns the cuts delimit."""
    anchors: list[int]
    """Units that open an article: datelines and headline groups printed before their text."""
    _ends: dict[int, str] = field(default_factory=dict)
    _starts: dict[int, str] = field(default_factory=dict)
    _vectors: dict[tuple[int, ...], dict[str, float]] = field(default_factory=dict)

    @classmethod
    def read(cls, units: list[Unit]) -> PageFacts:
        topic = Cohesion([u.text if u.kind == "para" else "" for u in units])
        after_cut = {u for u in range(1, len(units)) if units[u - 1].fragment}
        tops = sorted({0} | closing_cuts(units) | after_cut)
        sizes = []
        for e, unit in enumerate(units):
            if unit.fragment:
                top = max((t for t in tops if t <= e), default=0)
                sizes.append(size(units, top, e + 1))
        sizes.sort()
        column = sizes[len(sizes) // 2] if len(sizes) >= 2 else None
        return cls(units, topic, tops, column, anchors(units))

    def crossings(self, f: int, c: int) -> int:
        """How many article openings lie between a fragment and a candidate continuation."""
        lo, hi = min(f, c), max(f, c)
        return sum(1 for a in self.anchors if lo < a < hi)

    def end_class(self, f: int) -> str:
        """Word class of the last word before a cut ("" when there is none)."""
        if f not in self._ends:
            last = tagged(self.units[f].text[-6:])[-1:]
            self._ends[f] = gr.end_class(*last[0]) if last else ""
        return self._ends[f]

    def start_class(self, c: int) -> str:
        """Word class of the first word of a possible continuation."""
        if c not in self._starts:
            first = tagged(self.units[c].text[:6])[:1]
            self._starts[c] = gr.word_class(first[0][1]) if first else ""
        return self._starts[c]

    def vector(self, indices: list[int]) -> dict[str, float]:
        """Topic vector of some units, cached: the same windows recur for every pair."""
        key = tuple(indices)
        if key not in self._vectors:
            self._vectors[key] = self.topic.vector(indices)
        return self._vectors[key]

    def column_fill(self, c: int) -> float | None:
        """How many typical columns the text from the last certain column top to ``c`` fills."""
        if not self.column:
            return None
        top = max((t for t in self.tops if t < c), default=0)
        return size(self.units, top, c) / self.column


def anchors(units: list[Unit]) -> list[int]:
    """Datelines, and first lines of headline groups that are neither subheads (one line
    between paragraphs) nor printed after their article (right after a byline)."""
    found = []
    for u, unit in enumerate(units):
        if unit.kind == "para" and unit.dateline:
            found.append(u)
        elif unit.kind == "head" and (u == 0 or units[u - 1].kind != "head"):
            k = u
            while k < len(units) and units[k].kind == "head":
                k += 1
            prev = units[u - 1].kind if u > 0 else "noise"
            subhead = k - u == 1 and prev == "para" and k < len(units) and units[k].kind == "para"
            if not subhead and prev not in ("byline", "affiliation"):
                found.append(u)
    return found


def size(units: list[Unit], a: int, b: int) -> float:
    """Printed size of units ``a..b-1`` in characters; a heading takes a couple of lines."""
    return sum(len(units[u].text) if units[u].kind == "para" else HEADING_SIZE for u in range(a, b))


def _score(units: list[Unit], f: int, c: int, page: PageFacts) -> tuple[float, list[str]]:
    """How plausible it is that unit ``c`` continues the sentence cut at the end of ``f``."""
    end, start = units[f].text, units[c].text
    score, why = 0.0, []
    before = [i for i in range(max(0, f - COHESION_WINDOW + 1), f + 1) if units[i].kind == "para"]
    after = [
        i
        for i in range(c, c + COHESION_WINDOW)
        if i < len(units) and units[i].kind == "para" and i not in before
    ]
    at_start = page.vector(after)
    same_topic = Cohesion.cosine(page.vector(before), at_start)
    if same_topic:
        score += COHESION_WEIGHT * same_topic
        why.append(f"same topic {same_topic:.2f}")
    if c > 0 and c != f + 1 and units[c - 1].kind == "para" and not units[c - 1].fragment:
        # Joining here cuts ``c`` off the complete paragraph printed above it: worth it only
        # when ``c`` fits the fragment's topic better than it fits its own neighbours.
        above = [i for i in range(c - COHESION_WINDOW, c) if i >= 0 and units[i].kind == "para"]
        kept_topic = Cohesion.cosine(page.vector(above), at_start)
        score -= COHESION_WEIGHT * kept_topic + MID_COLUMN
        why.append(f"mid-column, cuts a run of topic {kept_topic:.2f}")
        fill = page.column_fill(c)
        if fill is not None:
            # A column ends where the text above it fills a column like the page's others.
            fits = FILL_FITS[0] <= fill <= FILL_FITS[1]
            if fits:
                score += COLUMN_FILL
                why.append(f"text above fills {fill:.1f} columns")
    crossed = page.crossings(f, c)
    if crossed:
        # Columns of one article stand together; a join across other articles' openings
        # is rarely right.
        score -= CROSSING * min(crossed, 3)
        why.append(f"crosses {crossed} article openings")
    if c == f + 1:
        bonus = 1.5 if units[c].gap_before else 5.0
        score += bonus
        why.append("next line" if units[c].gap_before else "same block")
    prev = units[c - 1] if c > 0 else None
    if prev is None or prev.kind in ("head", "byline", "noise", "affiliation", "jump", "label"):
        score += 1.0
        why.append("column top after a non-paragraph")
    if gr.CANNOT_OPEN.match(start):
        score += 3.0
        why.append("start cannot open a sentence")
    elif gr.OPENER.match(start):
        score -= 2.0
        why.append("start reads like a paragraph opening")
    elif gr.short_first_clause(start) and page.start_class(c) not in ("time", "conj"):
        # 培训，内容包括… : a bare word and a comma is the tail of a sentence, not a lede.
        score += SHORT_CLAUSE
        why.append("starts with a bare word and a comma")
    tail, head = end[-6:], start[:6]
    if gr.spanning_word(tail, head):
        score += SPANNING
        why.append("a word spans the join")
    if gr.continues_list(end, start):
        score += ENUMERATION
        why.append("continues a list")
    pair = (page.end_class(f), page.start_class(c))
    if all(pair):
        grammar = gr.GRAMMAR.get(pair, 0.0)
        if grammar:
            score += grammar
            why.append(f"{pair[0]}+{pair[1]} {grammar:+.1f}")
    if end.count("“") > end.count("”"):
        closes = start.find("”")
        if closes != -1 and (start.find("“") == -1 or closes < start.find("“")):
            score += 2.0
            why.append("closes an open quotation")
    return score, why


def _under_open_heading(units: list[Unit], c: int) -> bool:
    """True when paragraph ``c`` sits right under a headline or subhead that introduces it.

    A heading group closed by a byline before it is a headline printed after its own
    article; the paragraph under such a group may well be a column's continuation.
    """
    k = c - 1
    while k >= 0 and units[k].kind == "head":
        k -= 1
    if k == c - 1:
        return False
    return k < 0 or units[k].kind not in ("byline", "affiliation")


def candidates(units: list[Unit], f: int, page: PageFacts) -> list[Join]:
    options = []
    for c, unit in enumerate(units):
        if c == f or unit.kind != "para" or unit.dateline or unit.caption_credit:
            continue
        if _under_open_heading(units, c):
            continue
        score, why = _score(units, f, c, page)
        options.append(Join(f, c, score, "; ".join(why)))
    options.sort(key=lambda j: (-j.score, j.start))
    return [j for j in options[:TOP_K] if j.score > MIN_JOIN]


def closing_cuts(units: list[Unit]) -> frozenset[int]:
    """Paragraphs after a line that closes an article (a byline, an affiliation, a headline
    printed after its body, furniture): the extraction may have jumped to any column there,
    so each such paragraph certainly begins a column."""
    closing = ("byline", "affiliation", "noise", "jump", "label")
    cuts = set()
    for u in range(1, len(units)):
        if units[u].kind != "para":
            continue
        k = u - 1
        while k >= 0 and units[k].kind == "head":
            k -= 1
        if (k >= 0 and k < u - 1 and units[k].kind in closing) or units[u - 1].kind in closing:
            cuts.add(u)
    return frozenset(cuts)
