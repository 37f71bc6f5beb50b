"""Soft line roles: how likely a short, unpunctuated line is a heading rather than a cut
paragraph piece.

A line such as ``越冬黑颈鹤数量达1800只`` may be a headline or the first piece of a
paragraph cut at a column end; its shape alone does not say. The probability comes from a
logistic model over features of the line and its neighbours (its length, how it ends,
the word class of its last word, what stands above and below it), trained on pages the
layout simulator (``learn/simulate.py``) wrote from the project's gold articles. The join
search then weighs that probability against the best continuation the page offers for the
line read as a cut sentence (``joins.py``), so that neither decides alone.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from site_builder.ingest import grammar as gr
from site_builder.ingest import patterns as pt
from site_builder.models import Decision
from site_builder.nlp.tokenizer import tagged

if TYPE_CHECKING:
    from site_builder.ingest.candidates import Join
    from site_builder.ingest.lines import Unit

MODEL_FILE = "heading_model.json"
# The model overrules the shape rules only when it is at least this sure.
OVERRULE = 0.8
# Line roles less certain than this go into the report.
REPORTED = 0.9
# The model's probabilities were fitted on simulated pages; on real ones, the roles it is
# unsure of were right this often (54 of 90 on blind batches A–E, bench/segment_blind.py):
# the report says no more than that.
ROLE_SHARE_RIGHT = 0.6
# A cut piece with no convincing continuation becomes a heading only if its shape allows.
MIN_HEADING_P = 0.6
# Length bands of a line, in characters: headlines cluster at 8–20.
LENGTH_BANDS = (4, 7, 10, 15, 20, 25, 30, 40)
# A number with its unit at the very end: 达1800只, 增至6对, 增长12.5%.
NUMBER_END_RE = re.compile(r"[0-9０-９一二三四五六七八九十百千万亿两]+(?:\.\d+)?[%％]?[^\d\s]?$")
# A line opening with a word's last characters and a punctuation mark: 心。第三次…
WORD_REMAINDER_RE = re.compile(f"^[{pt.HAN}]{{1,2}}[。，、；！？,;!?]")
# …and one that ends the sentence there (心。” / 求。), unlike a short opener (近来，).
SENTENCE_TAIL_RE = re.compile(f"^[{pt.HAN}]{{1,2}}[。！？!?]")
# A line read as a heading that may yet be a sentence cut mid-word is longer than this
# and holds a comma.
CLAUSE_LINE = 15
# Confidence reported for a heading turned into a paragraph cut mid-word (set by hand).
WORD_CUT = 0.8
# A run of at least this many lines of at most VERSE_LINE characters is verse
# (headlines.MIN_VERSE counts heading lines; a run here may hold cut-looking lines too).
VERSE_RUN, VERSE_LINE = 6, 15
UNFINISHED_CHARS = "的地得和与及、或并向在对把被将从为"
# A poem's stanza printed on one line, its verse lines parted by spaces: at least this
# many verse lines of Han characters alone, this long on average and at most.
STANZA_LINES, VERSE_CHARS = 3, (5, 20)
VERSE_PHRASE_RE = re.compile(f"[{pt.HAN}“”‘’《》·—]+")


def _end_word(text: str) -> tuple[str, str]:
    last = tagged(text[-6:])[-1:]
    return last[0] if last else ("", "")


def _neighbour(unit: Unit | None) -> str:
    """Coarse class of a neighbouring line, for context features."""
    if unit is None:
        return "edge"
    if unit.kind == "para":
        if unit.dateline:
            return "dateline"
        return "cut" if unit.fragment else "para"
    return unit.kind


def features(units: list[Unit], i: int) -> dict[str, float]:
    """Named features of line ``i`` (binary unless the name says otherwise)."""
    unit = units[i]
    text = unit.text
    f: dict[str, float] = {"bias": 1.0}
    band = next((b for b in LENGTH_BANDS if len(text) <= b), 99)
    f[f"len<={band}"] = 1.0
    clauses = re.split(r"[，,]", text)
    f["comma"] = float(len(clauses) > 1)
    f["comma_long_clause"] = float(len(clauses) > 1 and max(map(len, clauses)) > 12)
    f["inner_space"] = float(bool(re.search(r"\S[ 　]+\S", text)))
    f["quote"] = float(any(c in text for c in '“”"「」'))
    f["dash_start"] = float(text.startswith(("——", "—", "--")))
    f["colon_end"] = float(text.endswith(("：", ":")))
    f["number_end"] = float(bool(NUMBER_END_RE.search(text)))
    f["digit"] = float(any(c.isdigit() for c in text))
    f["unfinished_end"] = float(text[-1:] in UNFINISHED_CHARS)
    f["closer_end"] = float(text[-1:] in pt.CLOSERS)
    f["place_end"] = float(text.endswith(pt.PLACE_SUFFIXES))
    f["name_like"] = float(unit.name_like)
    word, flag = _end_word(text)
    f["end:" + gr.end_class(word, flag)] = 1.0
    f["end_single_char"] = float(len(word) == 1 and pt.han_count(word) == 1)
    f["opener"] = float(bool(gr.OPENER.match(text)))
    f["cannot_open"] = float(bool(gr.cannot_open(text)))
    prev = units[i - 1] if i > 0 else None
    nxt = units[i + 1] if i + 1 < len(units) else None
    f["prev:" + _neighbour(prev)] = 1.0
    f["next:" + _neighbour(nxt)] = 1.0
    if nxt is not None and nxt.kind == "para":
        f["next_cannot_open"] = float(bool(gr.cannot_open(nxt.text)))
        f["next_opener"] = float(bool(gr.OPENER.match(nxt.text)))
    f["rule_head"] = float(unit.kind == "head")
    f["gap_before"] = float(unit.gap_before)
    f["gap_after"] = float(nxt is None or nxt.gap_before)
    return f


@dataclass(slots=True, frozen=True)
class HeadingModel:
    """Logistic weights over ``features``; see ``learn/train.py`` for how they are fitted."""

    weights: dict[str, float]

    def probability(self, units: list[Unit], i: int) -> float:
        """P(line ``i`` is a heading | its features)."""
        z = sum(self.weights.get(name, 0.0) * value for name, value in features(units, i).items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def heading_model() -> HeadingModel:
    """The shipped model (``ingest/data/heading_model.json``), loaded once per process."""
    raw = resources.files("site_builder.ingest").joinpath("data", MODEL_FILE).read_text("utf-8")
    return HeadingModel(json.loads(raw)["weights"])


def read_roles(units: list[Unit]) -> list[Decision]:
    """Give every ambiguous line its heading probability; where the model is confident
    and the shape rules disagree, the model's role wins. Returns a decision for each line
    whose role is not certain (the report shows them with that confidence).

    All probabilities are computed before any role changes: the model was trained on the
    neighbours' roles as the shape rules give them.
    """
    model = heading_model()
    found = [
        (i, model.probability(units, i))
        for i, u in enumerate(units)
        if u.ambiguous and u.kind in ("head", "para")
    ]
    decisions = []
    for i, p in found:
        unit = units[i]
        unit.heading_p = p
        heading = unit.kind == "head"
        if (heading and p < 1 - OVERRULE) or (not heading and p > OVERRULE):
            heading = not heading
            unit.kind, unit.fragment = ("head", False) if heading else ("para", True)
        confidence = p if heading else 1 - p
        if confidence < REPORTED:
            role = "a heading" if heading else "a paragraph cut at a column end"
            decisions.append(
                Decision(
                    unit.line,
                    f"line {unit.line} read as {role}",
                    f"short and without a sentence end; heading probability {p:.2f}",
                    round(min(confidence, ROLE_SHARE_RIGHT), 2),
                )
            )
    return decisions


def headline_members(units: list[Unit]) -> list[Decision]:
    """A short unpunctuated line read as a cut paragraph, standing between a headline line
    and the byline under it, or opening with a dash under a headline line, is part of that
    headline group (a subtitle with a comma: 已建成设施中，养老托育需求最旺): a cut
    paragraph does not stand over a byline, nor open with a dash."""
    decisions = []
    for i in range(1, len(units) - 1):
        unit, above, below = units[i], units[i - 1], units[i + 1]
        if not (unit.kind == "para" and unit.fragment and unit.ambiguous):
            continue
        dashed = pt.dashed(unit.text)  # a subtitle: ——环湖截污…，…增至68个
        if above.kind == "head" and (dashed or (below.kind == "byline" and not below.closes)):
            unit.kind, unit.fragment, unit.heading_p = "head", False, WORD_CUT
            decisions.append(
                Decision(
                    unit.line,
                    f"line {unit.line} read as a heading",
                    "in a headline group: under a headline line, over its byline or dashed",
                    WORD_CUT,
                )
            )
    return decisions


def verse_runs(units: list[Unit]) -> list[Decision]:
    """Short unpunctuated lines inside a long run of short lines are verse lines, not
    sentences cut at a column end: prose columns are wider than a poem's lines, so a run
    of ``VERSE_RUN`` or more short lines is a poem (or a list), and a line in it ending
    like a cut (还在一下一下地) goes on in the next line of the run, not elsewhere."""
    decisions = []
    run: list[Unit] = []
    for unit in [*units, None]:
        if unit is not None and _verse_shaped(unit):
            run.append(unit)
            continue
        if len(run) >= VERSE_RUN:
            for line in run:
                if line.kind == "para" and line.fragment and line.ambiguous:
                    line.kind, line.fragment, line.heading_p = "head", False, WORD_CUT
                    decisions.append(
                        Decision(
                            line.line,
                            f"line {line.line} read as a verse line",
                            f"in a run of {len(run)} short lines",
                            WORD_CUT,
                        )
                    )
        run = []
    return decisions


def stanzas(units: list[Unit]) -> list[Decision]:
    """Lines that are a poem's stanzas, printed one a line with their verse lines parted by
    spaces (竹匾举过屋檐 辣椒把九月晒成火苗 玉米排着队…), are whole paragraphs: no
    sentence cut at a column end, no heading. The shape alone also fits a headline of
    parallel phrases (坚定信心 实干争先 …), so a stanza needs a poem around it: another
    stanza next to it, or the poet's name on the line above."""
    shaped = [_stanza_shaped(u) for u in units]
    decisions = []
    for u, unit in enumerate(units):
        if not shaped[u] or (unit.kind == "para" and not unit.fragment):
            continue
        beside = (u > 0 and shaped[u - 1]) or (u + 1 < len(units) and shaped[u + 1])
        above = units[u - 1] if u > 0 else None
        named = above is not None and (
            above.name_like or (above.kind == "byline" and len(above.credit) == 1)
        )
        if beside or named:
            unit.kind, unit.fragment, unit.ambiguous = "para", False, False
            unit.stanza = True
            decisions.append(
                Decision(unit.line, f"line {unit.line} read as a stanza", "verse lines", WORD_CUT)
            )
    return decisions


def _stanza_shaped(unit: Unit) -> bool:
    if unit.kind not in ("head", "para") or unit.dateline:
        return False
    phrases = unit.text.split()
    if len(phrases) < STANZA_LINES or not all(VERSE_PHRASE_RE.fullmatch(p) for p in phrases):
        return False
    lengths = [len(p) for p in phrases]
    return max(lengths) <= VERSE_CHARS[1] and sum(lengths) >= VERSE_CHARS[0] * len(lengths)


def _verse_shaped(unit: Unit) -> bool:
    """A line that may be one of a poem's lines: short text, no dateline or credit."""
    if unit.kind not in ("head", "para") or unit.dateline or unit.caption_credit:
        return False
    return len(unit.text) <= VERSE_LINE


def reclaim_cut_words(units: list[Unit]) -> list[Decision]:
    """A short line read as a heading whose last characters and the first of a line that
    opens with a word's remainder (心。第三次…) make one dictionary word (戒|心) is a
    paragraph cut mid-word, whatever its shape: no headline ends inside a word."""
    remainders = [u for u in units if u.kind == "para" and WORD_REMAINDER_RE.match(u.text)]
    decisions = []
    for unit in units:
        if unit.kind != "head" or not unit.ambiguous or len(unit.text) <= CLAUSE_LINE:
            continue
        if not re.search("[，,]", unit.text):
            # A short line or one without a clause break may be a title or a verse line
            # whose end meets some line's first character by chance (…浅滩上|去).
            continue
        if any(gr.spanning_word(unit.text[-6:], r.text[:6]) for r in remainders):
            unit.kind, unit.fragment = "para", True
            # (``reconsider`` must not turn it back for want of a sure continuation)
            unit.heading_p = 1 - WORD_CUT
            decisions.append(
                Decision(
                    unit.line,
                    f"line {unit.line} read as a paragraph cut mid-word",
                    "a word runs on into a line that opens with its remainder",
                    WORD_CUT,
                )
            )
    return decisions


def reconsider(units: list[Unit], joins: dict[int, Join], confidence: dict[int, float]) -> bool:
    """Let the joins' evidence turn cut pieces back into headings; True if any changed.

    A short line read as a cut sentence must continue somewhere. When the page offers no
    continuation, or only one the join model is unsure of, and the line's shape says it
    may well be a heading, the odds favour the heading: a headline that ends like a cut
    sentence (…达1800只, …增至6对) is not carried into another article.
    """
    changed = False
    for f, sure in confidence.items():
        unit = units[f]
        p = unit.heading_p
        if p is None or unit.kind != "para":
            continue
        joined = sure if f in joins else 0.0
        if p * (1.0 - joined) > (1.0 - p) * joined and p >= MIN_HEADING_P:
            unit.kind, unit.fragment = "head", False
            changed = True
    return changed
