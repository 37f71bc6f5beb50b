"""What a page says about its own layout, read once for every join scored on it: where
columns certainly begin, how much text a column holds, where articles open, which words
and character pairs its paragraphs use.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field

from site_builder.ingest import grammar as gr
from site_builder.ingest import patterns as pt
from site_builder.ingest.cohesion import Cohesion
from site_builder.ingest.lines import PARAGRAPH_INDENTS, Unit
from site_builder.nlp.tokenizer import tagged

# A heading counts as this many characters of printed text when columns are measured.
HEADING_SIZE = 30.0
# A scene-setting opening clause (冬日午后，) is short and made of time words and numbers.
MAX_TIME_CLAUSE = 8
TIME_FLAGS = frozenset({"t", "m", "q", "f"})
# A page indents its paragraphs when at least this share of its paragraph lines (and this
# many) begin with a space: the rest are the tops of columns going on with a cut sentence.
INDENTED_SHARE = 0.5
MIN_INDENTED = 5
# Characters in a phrase one article repeats and others do not print (资源禀赋, 架好这座).
PHRASE = 4


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
    """Units that open an article: datelines and headline groups printed before their text;
    the run-in items of one brief cluster count as one opening (one box on the page)."""
    grams: Counter[str]
    """Character bigrams and trigrams of the page's paragraphs: an article repeats its terms,
    so a term cut in two at a column end (疫病|防治) is usually printed whole elsewhere."""
    paired: frozenset[tuple[int, int]]
    """Pairs of paragraphs (both orders) that print a phrase of four Han characters that
    no other paragraph of the page prints: one article's own term, name or slogan."""
    indents: bool
    """The page indents the first line of a paragraph: a line that is not indented goes on
    a paragraph begun elsewhere."""
    _ends: dict[int, str] = field(default_factory=dict)
    _time_openings: dict[int, bool] = field(default_factory=dict)
    """Whether a possible continuation opens with a clause of time words, by unit."""
    _firsts: dict[int, tuple[str, str]] = field(default_factory=dict)
    """The first word of a possible continuation and its part-of-speech flag, by unit."""
    _vectors: dict[tuple[int, ...], dict[str, float]] = field(default_factory=dict)
    _norms: dict[tuple[int, ...], float] = field(default_factory=dict)

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
        grams: Counter[str] = Counter()
        where: dict[str, set[int]] = {}
        for u, unit in enumerate(units):
            if unit.kind == "para":
                text = unit.text
                grams.update(text[k : k + n] for n in (2, 3) for k in range(len(text) - n + 1))
                for phrase in han_grams(text, PHRASE):
                    where.setdefault(phrase, set()).add(u)
        paired: set[tuple[int, int]] = set()
        for us in where.values():
            if len(us) == 2:
                a, b = sorted(us)
                paired.update(((a, b), (b, a)))
        # (a block's first lines only: the lines of a hard-wrapped paragraph under its first
        # go on it and are never indented)
        paras = [
            u
            for k, u in enumerate(units)
            if u.kind == "para" and (k == 0 or u.gap_before or not units[k - 1].fragment)
        ]
        indented = sum(indented_line(u.raw) for u in paras)
        indents = len(paras) >= MIN_INDENTED and indented >= INDENTED_SHARE * len(paras)
        return cls(units, topic, tops, column, _openings(units), grams, frozenset(paired), indents)

    def share_own_phrase(self, a: int, b: int) -> bool:
        """Whether paragraphs ``a`` and ``b`` print a phrase (four characters) that nothing
        else on the page prints."""
        return (a, b) in self.paired

    def seen_across(self, end: str, start: str) -> tuple[bool, bool]:
        """Whether the bigram, and a trigram, that the join would make is printed elsewhere
        on the page (beyond the pieces' own ends, which hold it only when joined)."""
        bigram = end[-1:] + start[:1]
        trigrams = (end[-2:] + start[:1], end[-1:] + start[:2])
        han = all(pt.HAN_RE.match(ch) for ch in bigram) and len(bigram) == 2
        return (
            han and self.grams[bigram] > 0,
            han and any(len(t) == 3 and self.grams[t] > 0 for t in trigrams),
        )

    def crossings(self, f: int, c: int) -> int:
        """How many article openings lie between a fragment and a candidate continuation."""
        lo, hi = min(f, c), max(f, c)
        return max(0, bisect.bisect_left(self.anchors, hi) - bisect.bisect_right(self.anchors, lo))

    def end_class(self, f: int) -> str:
        """Word class of the last word before a cut ("" when there is none)."""
        if f not in self._ends:
            last = tagged(self.units[f].text[-6:])[-1:]
            self._ends[f] = gr.end_class(*last[0]) if last else ""
        return self._ends[f]

    def first_word(self, c: int) -> tuple[str, str]:
        """The first word of a possible continuation and its flag, tagged once."""
        if c not in self._firsts:
            first = tagged(self.units[c].text[:6])[:1]
            self._firsts[c] = first[0] if first else ("", "")
        return self._firsts[c]

    def start_class(self, c: int) -> str:
        """Word class of the first word of a possible continuation."""
        word, flag = self.first_word(c)
        if word and gr.starts_with_quantity(self.units[c].text):
            return "num"  # 近600种: jieba tags 近 a time word, 约 an adverb
        return gr.word_class(flag) if word else ""

    def opens_with_discourse_word(self, c: int) -> bool:
        """The possible continuation opens with a time, a conjunction, an adverb or a set
        phrase (目前，/ 同时，/ 当然，/ 事实上，): words that open sentences, not the bare
        noun or verb that ends a cut clause (培训，内容包括…)."""
        kind = self.start_class(c)
        # (set phrases and four-character idioms too: 暮色四合，/ 一言以蔽之，)
        return kind in ("time", "conj", "adv") or self.first_word(c)[1].startswith(("l", "i"))

    def opens_with_time(self, c: int) -> bool:
        """The possible continuation opens with a clause of time words only (冬日午后，/
        清晨七点，/ 去年冬天，): how a paragraph sets its scene, not a sentence's middle."""
        if c not in self._time_openings:
            text = self.units[c].text
            comma = min((text.find(m) for m in "，," if m in text), default=-1)
            # (近600种，: a quantity, the object of a cut sentence, tagged like a time)
            clause = 2 <= comma <= MAX_TIME_CLAUSE and not gr.starts_with_quantity(text)
            words = tagged(text[:comma]) if clause else []
            self._time_openings[c] = (
                bool(words) and words[0][1] == "t" and all(flag in TIME_FLAGS for _, flag in words)
            )
        return self._time_openings[c]

    def opens_with_conjunction(self, c: int) -> bool:
        """The possible continuation opens with a one-character conjunction (和, 与, 及):
        the second half of a phrase, not a sentence's start."""
        word, flag = self.first_word(c)
        return word in gr.JOINING_CONJUNCTIONS and flag == "c"

    def vector(self, indices: list[int]) -> dict[str, float]:
        """Topic vector of some units, cached: the same windows recur for every pair."""
        key = tuple(indices)
        if key not in self._vectors:
            self._vectors[key] = self.topic.vector(indices)
        return self._vectors[key]

    def similarity(self, a: list[int], b: list[int]) -> float:
        """Cosine of two windows' topic vectors, norms cached with the vectors."""
        va, vb = self.vector(a), self.vector(b)
        norm = self._norm(tuple(a)) * self._norm(tuple(b))
        return Cohesion.dot(va, vb) / norm if norm else 0.0

    def _norm(self, key: tuple[int, ...]) -> float:
        if key not in self._norms:
            self._norms[key] = Cohesion.norm(self._vectors[key])
        return self._norms[key]

    def column_fill(self, c: int) -> float | None:
        """How many typical columns the text from the last certain column top to ``c`` fills."""
        if not self.column:
            return None
        k = bisect.bisect_left(self.tops, c)
        top = self.tops[k - 1] if k else 0
        return size(self.units, top, c) / self.column


def indented_line(raw: str) -> bool:
    """The line begins with a space (ideographic or two ASCII ones): a paragraph's first."""
    return raw.startswith(PARAGRAPH_INDENTS)


def han_grams(text: str, n: int) -> set[str]:
    """The runs of ``n`` Han characters in ``text``."""
    return {text[k : k + n] for k in range(len(text) - n + 1) if pt.han_count(text[k : k + n]) == n}


def anchors(units: list[Unit]) -> list[int]:
    """Datelines, and first lines of headline groups that are neither subheads (one line
    between paragraphs) nor printed after their article (right after a byline)."""
    found: list[int] = []
    group_start = -1
    for u, unit in enumerate(units):
        if unit.kind == "para" and unit.dateline:
            # (under its own headline group and byline, one opening with it: counted once)
            k = u - 1
            while k > group_start and units[k].kind == "byline":
                k -= 1
            if not (group_start >= 0 and units[k].kind == "head" and group_start in found):
                found.append(u)
        elif unit.kind == "head" and (u == 0 or units[u - 1].kind != "head"):
            group_start = k = u
            while k < len(units) and units[k].kind == "head":
                k += 1
            prev = units[u - 1].kind if u > 0 else "noise"
            # A numbered section head (二、…) is a subhead even when printed on two lines.
            lines = 2 if pt.section_number(unit.text) is not None else 1
            under = units[k].kind if k < len(units) else "edge"
            # (A heading over a dateline opens that dateline's article: never a subhead.)
            dated = k < len(units) and units[k].dateline is not None
            # (nor after a blank line where a dump's few blank lines part blocks)
            subhead = (
                k - u <= lines and prev == "para" and under == "para" and not dated
            ) and not unit.block_top
            # (After a byline the group may be the title of the text above, printed after
            # it — unless a dateline follows it; an affiliation is a commentary's very last
            # line, and what follows opens the next article.)
            # (After a credit closing the text above, two lines or more over text — no
            # byline of their own — open what they stand over: a headline printed after
            # its text is one line, or stands over the next article's byline.)
            closed = prev == "byline" and units[u - 1].closes and k - u >= 2 and under == "para"
            # (After a photo's credit, two lines or more over a byline of their own open
            # the article that byline signs: the photo is whole, and a headline printed
            # after its text is one line.)
            credited = prev == "byline" and units[u - 1].photo_credit
            signed = credited and k - u >= 2 and _signed_below(units, k)
            if not subhead and (prev != "byline" or dated or closed or signed):
                found.append(u)
    return found


def _signed_below(units: list[Unit], k: int) -> bool:
    """A reporter's byline stands at ``units[k]``, furniture between at most (扫描二维码…):
    not a closing credit, not a photo's."""
    while k < len(units) and units[k].kind == "noise":
        k += 1
    return (
        k < len(units)
        and units[k].kind == "byline"
        and not units[k].closes
        and not units[k].photo_credit
    )


def _openings(units: list[Unit]) -> list[int]:
    """``anchors``, with each run of run-in heads (a title and its text on one line, as
    brief clusters print them) counted once."""
    found: list[int] = []
    previous_run_in = False
    for a in anchors(units):
        run_in = a + 1 < len(units) and units[a + 1].head_line == units[a].line
        if not (run_in and previous_run_in):
            found.append(a)
        previous_run_in = run_in
    return found


def size(units: list[Unit], a: int, b: int) -> float:
    """Printed size of units ``a..b-1`` in characters; a heading takes a couple of lines."""
    return sum(len(units[u].text) if units[u].kind == "para" else HEADING_SIZE for u in range(a, b))


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
