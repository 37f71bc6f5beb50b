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
import statistics
from dataclasses import dataclass

from site_builder.ingest import candidates as cands
from site_builder.ingest import grammar as gr
from site_builder.ingest import patterns as pt
from site_builder.ingest.candidates import (
    Join,
    candidates,
    headless_above,
    headless_run,
    junction_features,
    opens_own_block,
    starts_mid_word,
)
from site_builder.ingest.join_model import join_model
from site_builder.ingest.lines import Unit
from site_builder.ingest.page_facts import PageFacts, anchors, closing_cuts, indented_line, size
from site_builder.models import Decision

# Search effort caps: beyond MAX_NODES the best plan found so far is used, and pages with
# more open cut sentences than MAX_SEARCH are joined greedily.
MAX_NODES = 50_000
MAX_SEARCH = 14
# Columns of a re-joined article should hold similar amounts of text (see below).
IRREGULARITY_WEIGHT = 4.0
# The score of leaving a cut sentence unjoined that a fixes file joins.
FORCED_MISS = -1000.0
# A caption is short; a longer paragraph over a photo credit is a photo story's text.
PHOTO_CAPTION = 150
# What reading a column break nothing marks costs a plan (see _loop_break).
UNMARKED_BREAK = 1.0
# How sure such a break's place is: on the spent blind batches (A–X) the 7 it made let
# right joins be read, but none stood where the gold's column top is.
UNMARKED_BREAK_RIGHT = 0.1
# A join inside a block is searched with the cut sentences' when trading it for theirs
# costs the page's joins at most this much (see _doubtful_blocks); at most MAX_DOUBTFUL
# such joins a page (each doubles the search), chosen among ASKED times as many whose
# rivals come closest. Set on the spent blind pages: 3.0 or 8 a page moved 637 pages by
# less than 0.01.
DOUBT = 2.0
MAX_DOUBTFUL = 6
ASKED = 3
# A quotation left open at a cut and closed this soon after a join is one quotation.
QUOTE_REACH = 4


def layout_cuts(units: list[Unit]) -> frozenset[int]:
    """Places where reading order may jump even when no cut sentence says so: column tops
    after a closing line, and article openings (a headline group or a dateline may stand at
    the top of any column). Subheads are not such places: the text under them is theirs."""
    cuts = (closing_cuts(units) - _signed_openings(units)) | _after_outward_jumps(units)
    # A brief cluster's label opens the cluster, wherever the layout put it.
    cuts |= {u for u, unit in enumerate(units) if unit.kind == "label"}
    return (cuts | frozenset(anchors(units)) | _photo_items(units)) - {0}


def _after_outward_jumps(units: list[Unit]) -> frozenset[int]:
    """Lines after a 下转 marker (alone, or closing a paragraph): the article goes on on
    another page, so the byline or headline printed next is another article's."""
    found = set()
    for u in range(len(units) - 1):
        mark = units[u].text if units[u].kind == "jump" else units[u].jump
        if pt.jump_direction(mark) in pt.OUTWARD:
            found.add(u + 1)
    return frozenset(found)


def _signed_openings(units: list[Unit]) -> frozenset[int]:
    """Paragraphs right under a headline's byline: the article's first text, read right
    after its headline (unless it starts mid-word, a later column the headline was
    extracted over, or holds a dateline, an opening of its own)."""
    return frozenset(
        u
        for u in range(2, len(units))
        if units[u].kind == "para"
        and units[u - 1].kind == "byline"
        and not units[u - 1].closes
        and units[u - 2].kind == "head"
        and units[u].dateline is None
        and not starts_mid_word(units[u].text)
    )


def _photo_items(units: list[Unit]) -> frozenset[int]:
    """Captions over their own photo credit (…摄), with a title printed over them: a photo
    is an item of its own, printed wherever the layout put it, so reading order may jump
    around it."""
    found = set()
    for u in range(len(units) - 1):
        caption, credit = units[u], units[u + 1]
        if caption.kind != "para" or len(caption.text) > PHOTO_CAPTION:
            continue
        if u > 0 and pt.caption_number(caption.text) and pt.caption_number(units[u - 1].text):
            # The last numbered caption of a group (图③ under 图②) is no item of its own.
            continue
        if credit.kind == "byline" and credit.photo_credit:
            while u > 0 and units[u - 1].kind == "head":
                u -= 1
            found.add(u)
    return frozenset(found)


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


def _loop_break(
    units: list[Unit], plan: dict[int, int], cuts: frozenset[int]
) -> tuple[frozenset[int], list[list[tuple[int, int]]]] | None:
    """A column break that lets joins which loop be read after all, and the runs then.

    When an article's columns were extracted out of order (3-1-2, its headline over the
    third), the text under the headline continues the second column (it starts mid-word)
    and runs on, in file order, into the first column, whose end continues in the second:
    a loop, because nothing marks the top of the first column (one paragraph ends, the
    next begins). A join into a start that cannot open a sentence is strong enough to say
    there is such a column top: between two whole paragraphs of the piece it leads into.
    Of the places that break the loop, the one whose columns are most alike is taken."""
    pieces = _pieces(len(units), plan, cuts)
    openings = frozenset(anchors(units))
    best: tuple[float, int, list[list[tuple[int, int]]]] | None = None
    for f, c in plan.items():
        top = c < f and headless_run(units, c)
        if c == f + 1 or not (top or _plainly_goes_on(units[f].text, units[c].text)):
            continue
        end = next(b for a, b in pieces if a == c)
        for k in range(c + 1, end):
            if not _unmarked_column_top(units, k):
                continue
            runs = _chains(len(units), plan, cuts | {k})
            if runs is None:
                continue
            key = (_column_irregularity(units, runs, openings), k)
            if best is None or key < best[:2]:
                best = (*key, runs)
    return None if best is None else (frozenset({best[1]}), best[2])


def _plainly_goes_on(end: str, start: str) -> bool:
    """``start`` cannot be read but as the rest of ``end``: it starts mid-word, or closes
    within a few characters the quotation ``end`` left open."""
    closes = start.find("”", 0, QUOTE_REACH)
    opened = end.count("“") > end.count("”")
    return starts_mid_word(start) or (opened and closes != -1 and "“" not in start[:closes])


def _unmarked_column_top(units: list[Unit], k: int) -> bool:
    """Line ``k`` may open a column though nothing says so: a paragraph that could open
    one, right under a whole paragraph."""
    above, unit = units[k - 1], units[k]
    return (
        above.kind == "para"
        and not above.fragment
        and unit.kind == "para"
        and unit.dateline is None
        and not starts_mid_word(unit.text)
    )


def _column_irregularity(
    units: list[Unit], runs: list[list[tuple[int, int]]], openings: frozenset[int]
) -> float:
    """How unequal the columns of re-joined runs are (0 = all alike).

    Columns of one article are printed at one width and height, so the columns of a run
    that were cut mid-sentence hold about the same amount of text. The last one is left
    out: where it ends (where the article ends) is not known yet. Headings count as a
    couple of lines of body text. A run ends at an article's opening (``openings``): the
    columns under it are another article's, of another shape.
    """

    def column_size(column: tuple[int, int]) -> float:
        return size(units, *column)

    total = 0.0
    for run in _by_article(runs, openings):
        if len(run) < 3:
            continue
        inner = [column_size(c) for c in run[:-1]]
        mean = sum(inner) / len(inner)
        spread = (sum((x - mean) ** 2 for x in inner) / len(inner)) ** 0.5
        total += spread / mean * (len(inner) - 1)
    return total


def _by_article(
    runs: list[list[tuple[int, int]]], openings: frozenset[int]
) -> list[list[tuple[int, int]]]:
    """``runs`` cut where an article opens inside a column (its first column starts
    there)."""
    out: list[list[tuple[int, int]]] = []
    for run in runs:
        out.append([])
        for a, b in run:
            inner = sorted(k for k in openings if a < k < b)
            for lo, hi in itertools.pairwise([a, *inner, b]):
                if lo != a:
                    out.append([])
                out[-1].append((lo, hi))
    return out


def _search(
    units: list[Unit],
    fragments: list[int],
    options: dict[int, list[Join]],
    rest: dict[int, float],
    cuts: frozenset[int],
    links: dict[int, int],
) -> tuple[dict[int, Join], frozenset[int]]:
    """Exact branch-and-bound over the candidates: the best consistent set of joins, and
    the unmarked column breaks it needs (see _loop_break). ``rest[f]`` is the score of
    joining ``f`` to nothing; ``links`` are read with them."""
    best_of = {f: max([j.score for j in options[f]] + [rest[f]]) for f in fragments}
    best: tuple[float, dict[int, Join], frozenset[int]] = (float("-inf"), {}, frozenset())
    openings = frozenset(anchors(units))
    nodes = 0

    def leaf(total: float, chosen: dict[int, Join]) -> None:
        nonlocal best
        # Loops are checked on whole plans only: a later join can cut a run and so turn
        # an earlier self-loop into a proper chain.
        if total <= best[0]:
            return
        plan = links | {e: j.start for e, j in chosen.items()}
        runs, breaks = _chains(len(units), plan, cuts), frozenset[int]()
        if runs is None and total - UNMARKED_BREAK > best[0]:
            broken = _loop_break(units, plan, cuts)
            if broken is not None:
                (breaks, runs), total = broken, total - UNMARKED_BREAK
        if runs is not None:
            total -= IRREGULARITY_WEIGHT * _column_irregularity(units, runs, openings)
            if total > best[0]:
                best = (total, dict(chosen), breaks)

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
        search(k + 1, total + rest[f], chosen, used)

    search(0, 0.0, {}, set())
    if best[0] == float("-inf"):
        # The effort cap struck before any plan could be read in order (the first choices
        # loop, and the search was still trying the last ones): best joins first, then.
        return _greedy(units, fragments, options, rest, cuts, links)
    return best[1], best[2]


def _greedy(
    units: list[Unit],
    fragments: list[int],
    options: dict[int, list[Join]],
    rest: dict[int, float],
    cuts: frozenset[int],
    links: dict[int, int],
) -> tuple[dict[int, Join], frozenset[int]]:
    """For pages with too many cut sentences to search exactly: best joins first (no
    unmarked column breaks)."""
    chosen: dict[int, Join] = {}
    used: set[int] = set()
    ranked = sorted(
        (j for f in fragments for j in options[f] if j.score > rest[f]),
        key=lambda j: (-j.score, j.end),
    )
    for join in ranked:
        if join.end in chosen or join.start in used:
            continue
        plan = links | {e: j.start for e, j in chosen.items()} | {join.end: join.start}
        if _chains(len(units), plan, cuts) is not None:
            chosen[join.end] = join
            used.add(join.start)
    return chosen, frozenset()


@dataclass(slots=True)
class JoinPlan:
    """The joins of a page, with how sure each open cut sentence's choice is."""

    joins: dict[int, Join]
    decisions: list[Decision]
    confidence: dict[int, float]
    """Per cut sentence that was searched (not joined for certain): the softmax share of
    what was chosen for it (a continuation, or none)."""
    breaks: frozenset[int]
    """Column tops nothing on the page marks, which the joins need (see _loop_break)."""


def choose_joins(
    units: list[Unit],
    forced: dict[int, int] | None = None,
    starts: frozenset[int] = frozenset(),
    links: dict[int, int] | None = None,
) -> JoinPlan:
    """The best consistent joins for every cut sentence; decisions for the report, each
    with the softmax share of the chosen option among the sentence's options.
    ``forced`` (from a fixes file: cut sentence -> its continuation, unit indices) leaves
    those sentences one option each, which the search must take; ``starts`` are more
    places where reading order may jump (after a paragraph a fixes file says is complete);
    ``links`` (fixes file: a column's last unit -> the unit read next, not joined) are
    neither joined nor joined into, and every plan must read them without a loop."""
    model = join_model()
    forced = forced or {}
    links = links or {}
    fragments = [i for i, u in enumerate(units) if u.kind == "para" and u.fragment]
    # A cut sentence whose next line follows without a blank line goes on there: a
    # paragraph wrapped inside one block. Certain; kept out of the search.
    # (unless that line cannot go on any sentence: a photo's caption, 图为…, printed under
    # the paragraph its picture interrupts)
    certain = {
        f: Join(f, f + 1, 10.0, "same block")
        for f in fragments
        if f + 1 < len(units)
        and units[f + 1].kind == "para"
        and not units[f + 1].gap_before
        and not opens_own_block(units, f + 1)
    }
    fixed = forced | links
    certain = {f: j for f, j in certain.items() if f not in fixed and j.start not in fixed.values()}
    # A cut sentence marked 下转 goes on on another page: nothing here continues it.
    onward = {f for f in fragments if _jumps_away(units, f) and f not in forced} | set(links)
    open_ends = [f for f in fragments if f not in certain and f not in onward]
    page = PageFacts.read(units)
    # (a block's line at the margin may be another column's top, printed right under a
    # column's last line: its join to that line is weighed against the cut sentences'.)
    doubtful = _doubtful_blocks(units, certain, open_ends, page, MAX_SEARCH - len(open_ends))
    for f in doubtful:
        del certain[f]
    open_ends = sorted(open_ends + doubtful)
    loose = frozenset(f + 1 for f in doubtful)
    taken = {j.start for j in certain.values()} | set(fixed.values())
    cuts = layout_cuts(units) | starts
    options = {
        f: [j for j in candidates(units, f, page, loose) if j.start not in taken] for f in open_ends
    }
    for f, start in forced.items():
        options[f] = [Join(f, start, 10.0, "joined in the fixes file")]
    # Not taking a forced join costs more than any plan gains (yet stays finite: a join
    # that cannot be read without a loop is dropped, not the whole plan).
    rest = {f: FORCED_MISS if f in forced else _left(units, f, model.unjoined) for f in open_ends}
    solve = _search if len(open_ends) <= MAX_SEARCH else _greedy
    solved, breaks = solve(units, open_ends, options, rest, cuts, links)
    chosen = certain | solved
    decisions: list[Decision] = []
    sure: dict[int, float] = {}
    for f in open_ends:
        unit = units[f]
        join = chosen.get(f)
        rivals = [j.score for j in options[f] if join is None or j.start != join.start]
        own = join.score if join else rest[f]
        confidence = round(model.confidence(own, rivals + ([rest[f]] if join else [])), 2)
        sure[f] = confidence
        if f in forced:
            continue
        if join is None and f in doubtful:
            decisions.append(
                Decision(
                    unit.line,
                    f"line {unit.line} read as a column's last line",
                    "the line under it reads better as the rest of a sentence cut elsewhere",
                    confidence,
                    (units[f + 1].line,),
                )
            )
        elif join is None:
            decisions.append(
                Decision(
                    unit.line,
                    f"line {unit.line} left unjoined",
                    "it stops mid-sentence and no line on the page continues it; "
                    "check the page (the rest may be on another page)",
                    min(confidence, 0.3),
                )
            )
        elif join.start != f + 1 or confidence < 1.0:
            decisions.append(
                Decision(
                    unit.line,
                    f"join line {unit.line} -> line {units[join.start].line}",
                    f"{join.why} (score {join.score:+.1f})",
                    confidence,
                    (units[join.start].line,),
                )
            )
    for k in sorted(breaks):
        decisions.append(
            Decision(
                units[k].line,
                f"line {units[k].line} read as a column top",
                "nothing marks it, but the joins cannot be read in order without it",
                UNMARKED_BREAK_RIGHT,
            )
        )
    return JoinPlan(chosen, decisions, sure, breaks)


def _doubtful_blocks(
    units: list[Unit], certain: dict[int, Join], open_ends: list[int], page: PageFacts, room: int
) -> list[int]:
    """Lines whose join to the next line of their block is in doubt: on a page whose
    columns were extracted out of order, a column may end mid-paragraph right above
    another column's top, which starts at the margin mid-sentence as well; the two read
    as one block. Such a join is searched with the cut sentences' (``open_ends``) when
    trading it beats keeping it, or nearly: a cut sentence goes on at its next line better
    than where it goes on otherwise, and its line goes on elsewhere nearly as well as
    there. At most ``room`` lines, the likeliest trades first."""
    if room <= 0 or not open_ends:
        return []
    model = join_model()
    # (a word running across the join, 免|费, holds it: a column's end meets another's top
    # in a word only by chance)
    inside = {
        f + 1: f
        for f in certain
        if units[f + 1].kind == "para"
        and not indented_line(units[f + 1].raw)
        and not _word_across(units[f].text, units[f + 1].text)
    }
    loose = frozenset(inside)
    # (a column's foot is as wide as the lines inside a block; a shorter cut line, a
    # heading's shape, is no column's end)
    full = statistics.median(pt.width(units[f].text) for f in certain) - 1 if certain else 0

    def best_elsewhere(f: int, but: int) -> float:
        options = [j.score for j in candidates(units, f, page) if j.start != but]
        return max([_left(units, f, model.unjoined), *options])

    rival: dict[int, float] = {}
    for e in (e for e in open_ends if pt.width(units[e].text) >= full):
        now = best_elsewhere(e, -1)
        for c in cands.starts(units, e, loose):
            f = inside.get(c)
            if f is None or f == e:
                continue
            gain = model.score(junction_features(units, e, c, page)) - now
            rival[f] = max(rival.get(f, float("-inf")), gain)
    kept = {
        f: gain - model.score(junction_features(units, f, f + 1, page))
        for f, gain in rival.items()
        if gain > -DOUBT
    }
    # (where a line's own text goes on elsewhere is the costly part: asked only of the
    # lines whose rival comes closest)
    closest = sorted(kept, key=lambda f: (-kept[f], f))[: ASKED * MAX_DOUBTFUL]
    trade = {f: kept[f] + best_elsewhere(f, f + 1) for f in closest}
    ranked = sorted(trade, key=lambda f: (-trade[f], f))
    return [f for f in ranked if trade[f] > -DOUBT][: min(room, MAX_DOUBTFUL)]


def _word_across(end: str, start: str) -> bool:
    return gr.spanning_word(end[-6:], start[:6]) or gr.dictionary_pair(end, start)


def _left(units: list[Unit], f: int, unjoined: float) -> float:
    """The score of reading nothing after line ``f``: a line that ends a sentence may end
    its paragraph as well (as any paragraph's last line does, at no cost); a cut sentence
    left cut costs ``unjoined``."""
    return 0.0 if pt.ends_paragraph(units[f].text) else unjoined


def _jumps_away(units: list[Unit], f: int) -> bool:
    """The piece ends with a 下转 marker, or one stands alone on the next line."""
    marks = [units[f].jump]
    if f + 1 < len(units) and units[f + 1].kind == "jump":
        marks.append(units[f + 1].text)
    return any(pt.jump_direction(m) in pt.OUTWARD for m in marks)


def reading_order(
    units: list[Unit],
    joins: dict[int, Join],
    starts: frozenset[int] = frozenset(),
    links: dict[int, int] | None = None,
) -> list[list[int]]:
    """Unit indices in reading order, grouped so that joined paragraph pieces share a group
    (``links``, read in order like joins, join nothing)."""
    plan = {f: j.start for f, j in joins.items()}
    chains = _chains(len(units), (links or {}) | plan, layout_cuts(units) | starts)
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
    for f, c in sorted(plan.items()):
        if headless_above(units, f, c):
            _headline_first(units, groups, f, c)
    return groups


def _headline_first(units: list[Unit], groups: list[list[int]], f: int, c: int) -> None:
    """Read the headline group printed between fragment ``f`` and its continuation ``c``
    before the headless text that ``f`` ends: that text is its article's first column."""
    heads = [g for g in groups if f < g[0] < c]
    rest = [g for g in groups if not f < g[0] < c]
    at = next(i for i, g in enumerate(rest) if f in g)
    while at > 0:
        above, here = rest[at - 1], rest[at]
        printed_above = above[0] == here[0] - 1 and units[above[0]].kind == "para"
        # (the headless text may itself go on from a column printed later, its byline
        # over it: 2-3-1 with the headline between 2 and 3 — then that column is first)
        joined_into = len(above) > 1 and above[-1] == here[0] - 1
        if not (printed_above or joined_into):
            break
        at -= 1
    if at > 0 and units[rest[at - 1][0]].kind == "byline" and rest[at - 1][0] > c:
        at -= 1
    groups[:] = rest[:at] + heads + rest[at:]
