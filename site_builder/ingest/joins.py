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

import re
from dataclasses import dataclass

from site_builder.ingest import patterns as pt
from site_builder.ingest.cohesion import Cohesion
from site_builder.ingest.lines import Unit
from site_builder.models import Decision
from site_builder.nlp.tokenizer import dictionary_words, tagged

# How many candidate starts each fragment keeps; the search is exact over these.
TOP_K = 10
# Search effort cap; beyond it the best assignment found so far is used.
MAX_NODES = 200_000
# Cost of leaving a fragment unjoined: a sentence cut in half is almost never the end.
UNJOINED = -3.0
# Paragraphs on each side of a join compared for topic, and the weight of that comparison.
COHESION_WINDOW = 5
COHESION_WEIGHT = 6.0
# Columns of a re-joined article should hold similar amounts of text (see below).
IRREGULARITY_WEIGHT = 4.0
HEADING_SIZE = 30.0

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
}

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
_CANNOT_OPEN = re.compile(r"^[，,、。；;：:！!？?）)》」”’…—]|^[的地得了着过们等]")


def _cls(flag: str) -> str:
    if flag in _CLASS_OF_FLAG:
        return _CLASS_OF_FLAG[flag]
    if flag.startswith(("n", "r", "vn", "an", "nz", "j", "l", "i")):
        return "noun"
    if flag.startswith("v"):
        return "verb"
    return "other"


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


def _score(units: list[Unit], f: int, c: int, topic: Cohesion) -> tuple[float, list[str]]:
    """How plausible it is that unit ``c`` continues the sentence cut at the end of ``f``."""
    end, start = units[f].text, units[c].text
    score, why = 0.0, []
    before = [i for i in range(f - COHESION_WINDOW + 1, f + 1) if units[i].kind == "para"]
    after = [
        i
        for i in range(c, c + COHESION_WINDOW)
        if i < len(units) and units[i].kind == "para" and i not in before
    ]
    at_start = topic.vector(after)
    same_topic = Cohesion.cosine(topic.vector(before), at_start)
    if same_topic:
        score += COHESION_WEIGHT * same_topic
        why.append(f"same topic {same_topic:.2f}")
    if c > 0 and c != f + 1 and units[c - 1].kind == "para" and not units[c - 1].fragment:
        # Joining here cuts ``c`` off the complete paragraph printed above it: worth it only
        # when ``c`` fits the fragment's topic better than it fits its own neighbours.
        above = [i for i in range(c - COHESION_WINDOW, c) if i >= 0 and units[i].kind == "para"]
        kept_topic = Cohesion.cosine(topic.vector(above), at_start)
        score -= COHESION_WEIGHT * kept_topic
        why.append(f"cuts a run of topic {kept_topic:.2f}")
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
        score += 3.0
        why.append("a word spans the join")
    last, first = tagged(tail)[-1:], tagged(head)[:1]
    if last and first:
        pair = (_cls(last[0][1]), _cls(first[0][1]))
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


def _candidates(units: list[Unit], f: int, topic: Cohesion) -> list[Join]:
    options = []
    for c, unit in enumerate(units):
        if c == f or unit.kind != "para" or unit.dateline or unit.caption_credit:
            continue
        if _under_open_heading(units, c):
            continue
        score, why = _score(units, f, c, topic)
        options.append(Join(f, c, score, "; ".join(why)))
    options.sort(key=lambda j: (-j.score, j.start))
    return [j for j in options[:TOP_K] if j.score > UNJOINED]


def _pieces(n: int, joins: dict[int, int]) -> list[tuple[int, int]]:
    """Cut ``range(n)`` into file-order runs at every non-adjacent join."""
    cuts = set()
    for f, c in joins.items():
        if c != f + 1:
            cuts.add(f + 1)
            cuts.add(c)
    bounds = sorted(cuts | {0, n})
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if a < b]


def _chains(n: int, plan: dict[int, int]) -> list[list[tuple[int, int]]] | None:
    """Pieces grouped into chains in reading order; None when the joins loop."""
    pieces = _pieces(n, plan)
    piece_of = {u: index for index, (a, b) in enumerate(pieces) for u in range(a, b)}
    follows: dict[int, int] = {}
    for f, c in plan.items():
        if c == f + 1:
            continue
        pf, pc = piece_of[f], piece_of[c]
        if pf == pc or pieces[pf][1] - 1 != f:
            return None
        follows[pf] = pc
    heads = [i for i in range(len(pieces)) if i not in set(follows.values())]
    chains, placed = [], 0
    for head in heads:
        chain, p = [], head
        while True:
            chain.append(pieces[p])
            if p not in follows:
                break
            p = follows[p]
        chains.append(chain)
        placed += len(chain)
    # Pieces left unplaced sit on a loop.
    return chains if placed == len(pieces) else None


def _column_irregularity(units: list[Unit], chains: list[list[tuple[int, int]]]) -> float:
    """How unequal the columns of re-joined chains are (0 = all alike).

    Columns of one article are printed at one width and height, so the pieces of a chain
    that were cut at column ends hold about the same amount of text; only the last column
    may be shorter. Headings count as a couple of lines of body text.
    """

    def size(piece: tuple[int, int]) -> float:
        a, b = piece
        return sum(
            len(units[u].text) if units[u].kind == "para" else HEADING_SIZE for u in range(a, b)
        )

    total = 0.0
    for chain in chains:
        if len(chain) < 3:
            continue
        inner = [size(p) for p in chain[:-1]]
        mean = sum(inner) / len(inner)
        spread = (sum((x - mean) ** 2 for x in inner) / len(inner)) ** 0.5
        total += spread / mean * (len(inner) - 1)
        total += max(0.0, size(chain[-1]) / max(inner) - 1.2)
    return total


def choose_joins(units: list[Unit]) -> tuple[dict[int, Join], list[Decision]]:
    """The best consistent joins for every fragment; decisions for the report."""
    fragments = [i for i, u in enumerate(units) if u.kind == "para" and u.fragment]
    topic = Cohesion([u.text if u.kind == "para" else "" for u in units])
    options = {f: _candidates(units, f, topic) for f in fragments}
    best_of = {f: max([j.score for j in options[f]] + [UNJOINED]) for f in fragments}
    best: tuple[float, dict[int, Join]] = (float("-inf"), {})
    nodes = 0

    def search(k: int, total: float, chosen: dict[int, Join], used: set[int]) -> None:
        nonlocal best, nodes
        nodes += 1
        if k == len(fragments):
            # Acyclicity is checked on whole plans only: a later join can cut a run and
            # so turn an earlier self-loop into a proper chain.
            if total <= best[0]:
                return
            chains = _chains(len(units), {e: j.start for e, j in chosen.items()})
            if chains is not None:
                total -= IRREGULARITY_WEIGHT * _column_irregularity(units, chains)
                if total > best[0]:
                    best = (total, dict(chosen))
            return
        bound = total + sum(best_of[f] for f in fragments[k:])
        if bound <= best[0] or nodes > MAX_NODES:
            return
        f = fragments[k]
        for join in options[f]:
            if join.start in used:
                continue
            chosen[f] = join
            used.add(join.start)
            search(k + 1, total + join.score, chosen, used)
            used.discard(join.start)
            del chosen[f]
        search(k + 1, total + UNJOINED, chosen, used)

    search(0, 0.0, {}, set())
    chosen = best[1]
    decisions = []
    for f in fragments:
        unit = units[f]
        if f not in chosen:
            decisions.append(
                Decision(unit.line, f"line {unit.line} left unjoined", "no plausible continuation", 0.3)
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
    chains = _chains(len(units), plan)
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
