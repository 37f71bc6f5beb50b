"""Put out-of-order column pieces back into reading order.

A paragraph piece that stops mid-sentence (a *fragment*) continues somewhere: usually on
the next line, but when the PDF's columns were extracted out of order, at the top of a
column printed elsewhere on the page. Every fragment end is scored against every
paragraph start that could continue it, and the best *consistent* set of joins is chosen
(each start continues at most one end, and following the joins never loops back), not the
first plausible join. The page is then cut into pieces at the joins, and each chain of
pieces is read in order.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from site_builder.ingest import patterns as pt
from site_builder.ingest.cohesion import Cohesion
from site_builder.ingest.lines import Unit
from site_builder.models import Decision
from site_builder.nlp.tokenizer import dictionary_words, tagged

# How many candidate starts each fragment keeps; the search is exact over these.
TOP_K = 10
# Search effort caps: beyond MAX_NODES the best plan found so far is used, and pages with
# more open cut sentences than MAX_SEARCH are joined greedily.
MAX_NODES = 50_000
MAX_SEARCH = 14
# Cost of leaving a fragment unjoined: a sentence cut in half is almost never the end.
UNJOINED = -3.0
# A join with no evidence at all for it is worse than leaving the sentence cut (and
# reporting it): a wrong join carries text into another article.
MIN_JOIN = -0.5
# Paragraphs on each side of a join compared for topic, and the weight of that comparison.
COHESION_WINDOW = 5
COHESION_WEIGHT = 6.0
# Columns of a re-joined article should hold similar amounts of text (see below).
IRREGULARITY_WEIGHT = 4.0
HEADING_SIZE = 30.0
# A join into the middle of a column needs evidence: the text above must fill a column.
MID_COLUMN = 1.0
COLUMN_FILL = 1.5
FILL_FITS = (0.7, 1.4)
CROSSING = 1.0
# A dictionary word running across the cut (放|牧, 呼|吸) is the strongest single sign.
SPANNING = 4.0
# A list (甲、乙、丙和丁等) cut in the middle goes on with more items.
ENUMERATION = 1.5

# Word classes (from jieba's part-of-speech tags) for the grammar across a join.
_CLASS_OF_FLAG = {
    "m": "num",
    "q": "num",
    "mq": "num",
    "p": "prep",
    "u": "part",
    "uj": "part",
    "ul": "part",
    "uz": "part",
    "ug": "part",
    "uv": "part",
    "ud": "part",
    "y": "part",
    "c": "conj",
    "v": "verb",
    "vd": "verb",
    "vi": "verb",
    "a": "adj",
    "d": "adv",
    "ad": "adv",
    "t": "time",
    "f": "part",
    "x": "punct",
}

# How well a word of the first class continues with a word of the second, when a sentence
# is cut between them. Positive: the grammar expects it (a numeral and measure word wants
# its noun, a preposition its object); negative: it would be an odd sentence.
_GRAMMAR: dict[tuple[str, str], float] = {
    ("num", "noun"): 2.0,
    ("num", "num"): 1.0,
    ("num", "verb"): -1.0,
    ("num", "adv"): -1.0,
    ("prep", "noun"): 2.0,
    ("prep", "num"): 1.0,
    ("part", "noun"): 2.0,
    ("part", "verb"): 1.0,
    ("conj", "noun"): 1.0,
    ("conj", "verb"): 1.0,
    ("verb", "noun"): 1.5,
    ("verb", "num"): 0.5,
    ("verb", "part"): 1.0,
    ("noun", "verb"): 1.0,
    ("noun", "adv"): 1.0,
    ("noun", "part"): 1.5,
    ("noun", "conj"): 0.5,
    ("noun", "time"): -1.0,
    ("noun", "num"): -0.5,
    ("adj", "noun"): 1.0,
    ("adj", "part"): 1.0,
    ("adv", "verb"): 2.0,
    ("adv", "adj"): 1.0,
    ("adv", "prep"): 1.0,
    ("punct", "noun"): 0.5,
    ("punct", "verb"): 0.5,
    ("punct", "conj"): 1.5,
    ("punct", "adv"): 0.5,
    ("modal", "verb"): 2.0,
    ("modal", "adv"): 1.0,
    ("modal", "noun"): -1.0,
}
# Verbs that take another verb as their object (想成为, 要加强, 能参加): cut after one of
# these, the sentence goes on with a verb.
_MODALS = frozenset(
    [
        "想",
        "要",
        "能",
        "会",
        "可",
        "可以",
        "应",
        "应该",
        "应当",
        "需要",
        "必须",
        "希望",
        "愿意",
        "开始",
        "继续",
        "敢",
        "肯",
        "得以",
        "将",
    ]
)

# How a paragraph typically opens: a time, a connective, an enumeration, a quotation, or
# a prepositional phrase closed by a comma. A continuation rarely looks like this.
_OPENER = re.compile(
    r"^(?:[“‘「『《]"
    r"|\d{4}年|\d{1,2}月\d{1,2}日|[0-9一二三四五六七八九十]+是"
    r"|[(（][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+、|第[一二三四五六七八九十]"
    r"|近日|日前|近年来?|今年|去年|目前|当前|如今|此前|今天|昨天|近期|眼下"
    r"|同时|此外|另外|随后|首先|其次|最后|然而|因此|总之|与此同时|一方面|另一方面"
    r"|据(?:了解|悉|介绍|统计)"
    r"|(?:在|从|为|对|随着|针对|围绕|通过|按照|根据)[^，,。]{1,20}[，,]"
    r"|[^，,。“”]{2,15}(?:表示|介绍|指出|认为|强调|说)[，,：:])"
)
# A piece starting like this cannot open a sentence at all.
_CANNOT_OPEN = re.compile(r"^[，,、。；;：:！!？?）)》」”’…—]|^[的地得了着过们等并]")


def _cls(flag: str) -> str:
    if flag in _CLASS_OF_FLAG:
        return _CLASS_OF_FLAG[flag]
    if flag.startswith(("n", "r", "vn", "an", "nz", "j", "l", "i")):
        return "noun"
    if flag.startswith("v"):
        return "verb"
    return "other"


def _continues_list(end: str, start: str) -> bool:
    """The cut falls inside an enumeration: 、 before it in its clause, and 、 or 和…等
    after it in the continuation's first clause."""
    last_clause = re.split(r"[，,。；;：:！？!?]", end)[-1]
    first_clause = re.split(r"[，,。；;：:！？!?]", start)[0]
    return "、" in last_clause and ("、" in first_clause or "等" in first_clause)


def _spanning_word(tail: str, head: str) -> bool:
    """True when a dictionary word runs across the cut (激励广|大基层 -> 广大).

    HMM is off: it would glue any two unknown characters into a "new word".
    """
    cut = 0
    for word in dictionary_words(tail + head):
        if cut < len(tail) < cut + len(word) and pt.han_count(word) == len(word):
            return True
        cut += len(word)
    return False


@dataclass(slots=True, frozen=True)
class Join:
    """The decision that fragment ``end`` continues at paragraph ``start`` (unit indices)."""

    end: int
    start: int
    score: float
    why: str


@dataclass(slots=True)
class _Page:
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
    def read(cls, units: list[Unit], cuts: frozenset[int]) -> _Page:
        topic = Cohesion([u.text if u.kind == "para" else "" for u in units])
        tops = sorted({0} | set(cuts) | {u for u in range(1, len(units)) if units[u - 1].fragment})
        sizes = []
        for e, unit in enumerate(units):
            if unit.fragment:
                top = max((t for t in tops if t <= e), default=0)
                sizes.append(_size(units, top, e + 1))
        sizes.sort()
        column = sizes[len(sizes) // 2] if len(sizes) >= 2 else None
        return cls(units, topic, tops, column, _anchors(units))

    def crossings(self, f: int, c: int) -> int:
        """How many article openings lie between a fragment and a candidate continuation."""
        lo, hi = min(f, c), max(f, c)
        return sum(1 for a in self.anchors if lo < a < hi)

    def end_class(self, f: int) -> str:
        """Word class of the last word before a cut ("" when there is none)."""
        if f not in self._ends:
            last = tagged(self.units[f].text[-6:])[-1:]
            word = last[0] if last else None
            self._ends[f] = "" if word is None else "modal" if word[0] in _MODALS else _cls(word[1])
        return self._ends[f]

    def start_class(self, c: int) -> str:
        """Word class of the first word of a possible continuation."""
        if c not in self._starts:
            first = tagged(self.units[c].text[:6])[:1]
            self._starts[c] = _cls(first[0][1]) if first else ""
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
        return _size(self.units, top, c) / self.column


def _anchors(units: list[Unit]) -> list[int]:
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


def _size(units: list[Unit], a: int, b: int) -> float:
    """Printed size of units ``a..b-1`` in characters; a heading takes a couple of lines."""
    return sum(len(units[u].text) if units[u].kind == "para" else HEADING_SIZE for u in range(a, b))


def _score(units: list[Unit], f: int, c: int, page: _Page) -> tuple[float, list[str]]:
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
            score += COLUMN_FILL if fits else -COLUMN_FILL / 2
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
    if _CANNOT_OPEN.match(start):
        score += 3.0
        why.append("start cannot open a sentence")
    elif _OPENER.match(start):
        score -= 2.0
        why.append("start reads like a paragraph opening")
    tail, head = end[-6:], start[:6]
    if _spanning_word(tail, head):
        score += SPANNING
        why.append("a word spans the join")
    if _continues_list(end, start):
        score += ENUMERATION
        why.append("continues a list")
    pair = (page.end_class(f), page.start_class(c))
    if all(pair):
        grammar = _GRAMMAR.get(pair, 0.0)
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


def _candidates(units: list[Unit], f: int, page: _Page) -> list[Join]:
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


def _layout_cuts(units: list[Unit]) -> frozenset[int]:
    """Places where a new column may begin whatever the joins say.

    After a line that closes an article (a byline, an affiliation, a headline printed after
    its body, furniture) the extraction may have jumped to any column, so reading order
    may jump too even when no cut sentence says so. Subheads and leading headlines are
    not such places: the text under them is theirs.
    """
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


def _pieces(n: int, plan: dict[int, int], cuts: frozenset[int]) -> list[tuple[int, int]]:
    """Cut ``range(n)`` into file-order runs at layout cuts and every non-adjacent join."""
    bounds_set = set(cuts) | {0, n}
    for f, c in plan.items():
        if c != f + 1:
            bounds_set.update((f + 1, c))
    bounds = sorted(bounds_set)
    return [(a, b) for a, b in itertools.pairwise(bounds) if a < b]


def _chains(
    n: int, plan: dict[int, int], cuts: frozenset[int]
) -> list[list[tuple[int, int]]] | None:
    """Runs of the page in reading order, each a list of file-order columns joined by cut
    sentences; None when the joins loop."""
    pieces = _pieces(n, plan, cuts)
    piece_of = {u: index for index, (a, b) in enumerate(pieces) for u in range(a, b)}
    follows: dict[int, int] = {}
    for f, c in plan.items():
        if c == f + 1:
            continue
        pf, pc = piece_of[f], piece_of[c]
        if pf == pc or pieces[pf][1] - 1 != f:
            return None
        follows[pf] = pc
    targets = set(follows.values())
    order: list[int] = []
    for head in range(len(pieces)):
        if head in targets:
            continue
        p: int | None = head
        while p is not None:
            order.append(p)
            p = follows.get(p)
    if len(order) != len(pieces):  # the pieces left over sit on a loop
        return None
    # Merge pieces that are read consecutively and printed consecutively into columns;
    # a new run starts wherever reading order jumps without a cut sentence to carry it.
    runs: list[list[tuple[int, int]]] = []
    for prev, p in zip([None, *order], order, strict=False):
        a, b = pieces[p]
        if prev is not None and pieces[prev][1] == a:
            runs[-1][-1] = (runs[-1][-1][0], b)
        elif prev is not None and follows.get(prev) == p:
            runs[-1].append((a, b))
        else:
            runs.append([(a, b)])
    return runs


def _column_irregularity(units: list[Unit], runs: list[list[tuple[int, int]]]) -> float:
    """How unequal the columns of re-joined runs are (0 = all alike).

    Columns of one article are printed at one width and height, so the columns of a run
    that were cut mid-sentence hold about the same amount of text. The last one is left
    out: where it ends (where the article ends) is not known yet. Headings count as a
    couple of lines of body text.
    """

    def size(column: tuple[int, int]) -> float:
        return _size(units, *column)

    total = 0.0
    for run in runs:
        if len(run) < 3:
            continue
        inner = [size(c) for c in run[:-1]]
        mean = sum(inner) / len(inner)
        spread = (sum((x - mean) ** 2 for x in inner) / len(inner)) ** 0.5
        total += spread / mean * (len(inner) - 1)
    return total


def _search(
    units: list[Unit], fragments: list[int], options: dict[int, list[Join]], cuts: frozenset[int]
) -> dict[int, Join]:
    """Exact branch-and-bound over the candidates: the best consistent set of joins."""
    best_of = {f: max([j.score for j in options[f]] + [UNJOINED]) for f in fragments}
    best: tuple[float, dict[int, Join]] = (float("-inf"), {})
    nodes = 0

    def leaf(total: float, chosen: dict[int, Join]) -> None:
        nonlocal best
        # Loops are checked on whole plans only: a later join can cut a run and so turn
        # an earlier self-loop into a proper chain.
        if total <= best[0]:
            return
        runs = _chains(len(units), {e: j.start for e, j in chosen.items()}, cuts)
        if runs is not None:
            total -= IRREGULARITY_WEIGHT * _column_irregularity(units, runs)
            if total > best[0]:
                best = (total, dict(chosen))

    def search(k: int, total: float, chosen: dict[int, Join], used: set[int]) -> None:
        nonlocal nodes
        nodes += 1
        if k == len(fragments):
            leaf(total, chosen)
            return
        bound = total + sum(best_of[f] for f in fragments[k:])
        if bound <= best[0] or nodes > MAX_NODES:
            return
        f = fragments[k]
        for join in options[f]:
            if join.start not in used:
                chosen[f] = join
                used.add(join.start)
                search(k + 1, total + join.score, chosen, used)
                used.discard(join.start)
                del chosen[f]
        search(k + 1, total + UNJOINED, chosen, used)

    search(0, 0.0, {}, set())
    return best[1]


def _greedy(
    units: list[Unit], fragments: list[int], options: dict[int, list[Join]], cuts: frozenset[int]
) -> dict[int, Join]:
    """For pages with too many cut sentences to search exactly: best joins first."""
    chosen: dict[int, Join] = {}
    used: set[int] = set()
    ranked = sorted((j for f in fragments for j in options[f]), key=lambda j: (-j.score, j.end))
    for join in ranked:
        if join.end in chosen or join.start in used:
            continue
        plan = {e: j.start for e, j in chosen.items()} | {join.end: join.start}
        if _chains(len(units), plan, cuts) is not None:
            chosen[join.end] = join
            used.add(join.start)
    return chosen


def choose_joins(units: list[Unit]) -> tuple[dict[int, Join], list[Decision]]:
    """The best consistent joins for every fragment; decisions for the report."""
    fragments = [i for i, u in enumerate(units) if u.kind == "para" and u.fragment]
    # A cut sentence whose next line follows without a blank line goes on there: a
    # paragraph wrapped inside one block. Certain; kept out of the search.
    certain = {
        f: Join(f, f + 1, 10.0, "same block")
        for f in fragments
        if f + 1 < len(units) and units[f + 1].kind == "para" and not units[f + 1].gap_before
    }
    open_ends = [f for f in fragments if f not in certain]
    taken = {j.start for j in certain.values()}
    cuts = _layout_cuts(units)
    page = _Page.read(units, cuts)
    options = {
        f: [j for j in _candidates(units, f, page) if j.start not in taken] for f in open_ends
    }
    solve = _search if len(open_ends) <= MAX_SEARCH else _greedy
    chosen = certain | solve(units, open_ends, options, cuts)
    decisions = []
    for f in open_ends:
        unit = units[f]
        if f not in chosen:
            decisions.append(
                Decision(
                    unit.line,
                    f"line {unit.line} left unjoined",
                    "it stops mid-sentence and no line on the page continues it; "
                    "check the page (the rest may be on another page)",
                    0.3,
                )
            )
            continue
        join = chosen[f]
        rivals = [j for j in options[f] if j.start != join.start]
        margin = join.score - (rivals[0].score if rivals else UNJOINED)
        confidence = max(0.05, min(1.0, 0.5 + margin / 6))
        if join.start != f + 1 or confidence < 1.0:
            target = units[join.start].line
            decisions.append(
                Decision(
                    unit.line,
                    f"join line {unit.line} -> line {target}",
                    f"{join.why} (score {join.score:+.1f}, margin {margin:+.1f})",
                    round(confidence, 2),
                )
            )
    return chosen, decisions


def reading_order(units: list[Unit], joins: dict[int, Join]) -> list[list[int]]:
    """Unit indices in reading order, grouped so that joined paragraph pieces share a group."""
    plan = {f: j.start for f, j in joins.items()}
    chains = _chains(len(units), plan, _layout_cuts(units))
    if chains is None:  # choose_joins never returns a loop; keep file order if it did
        chains = [[(0, len(units))]]
    groups: list[list[int]] = []
    for chain in chains:
        for a, b in chain:
            for u in range(a, b):
                if groups and plan.get(groups[-1][-1]) == u:
                    groups[-1].append(u)
                else:
                    groups.append([u])
    return groups
