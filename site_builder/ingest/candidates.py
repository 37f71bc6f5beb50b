"""Score every possible continuation of a cut sentence.

For each paragraph piece that stops mid-sentence, every paragraph start on the page is a
candidate continuation, scored by the evidence a reader would use: a word or list running
across the cut, the grammar of the two words meeting there, whether the start could open
a paragraph at all, whether both sides talk about the same thing, whether the start is
the top of a column, and whether the join would cross other articles' openings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.ingest import grammar as gr
from site_builder.ingest import patterns as pt
from site_builder.ingest.char_pairs import char_pairs
from site_builder.ingest.join_model import join_model
from site_builder.ingest.lines import Unit
from site_builder.ingest.page_facts import PageFacts, indented_line
from site_builder.ingest.roles import SENTENCE_TAIL_RE, WORD_REMAINDER_RE

# How many candidate starts each fragment keeps; the search is exact over these.
TOP_K = 10
# A piece ending in one of these stops between clauses of one sentence.
CLAUSE_JOINERS = ("，", ",", "、", "：", ":", "；", ";")
# Word classes that cannot end a sentence: a number or measure word takes a noun after it
# (一家), a modal verb a verb phrase (都要|在手机上完成), which may open like a paragraph.
INCOMPLETE_ENDS = ("num", "modal")
# How far (in non-blank lines) a continuation is looked for; a page has about 100.
REACH = 150
# Paragraphs on each side of a join compared for topic.
COHESION_WINDOW = 5
# This many short lines in a row are verse, not a heading group (see headlines.MIN_VERSE).
MIN_VERSE_RUN = 5
# The text above a column top fills about one typical column (see PageFacts.column_fill).
FILL_FITS = (0.7, 1.4)
# A heading line this short printed twice may be a series name, not a reprinted title.
REPRINT_MIN = 9
# Below this, two stretches of text share nothing of a subject.
NO_SHARED_TOPIC = 0.01
# A speaker's name and the verb closing a quotation, alone before a full stop.
SPEECH_TAIL_RE = re.compile(f"^[{pt.HAN}]{{2,4}}(?:说|表示|介绍|告诉记者)。")
# A paragraph this short printed in one block with a photo credit is that photo's caption.
CAPTION_CHARS = 60
# A first sentence this short, with no comma, is the end of a sentence cut elsewhere.
SHORT_SENTENCE_RE = re.compile(f"^[{pt.HAN}]{{1,6}}[。！？]")
# Marks a paragraph never ends on: its sentence certainly goes on elsewhere.
CERTAIN_CUT_MARKS = ("，", "、", "；", ",", ";")


@dataclass(slots=True, frozen=True)
class Join:
    """The decision that fragment ``end`` continues at paragraph ``start`` (unit indices)."""

    end: int
    start: int
    score: float
    why: str


def junction_features(units: list[Unit], f: int, c: int, page: PageFacts) -> dict[str, float]:
    """The evidence a reader weighs on whether unit ``c`` continues the sentence cut at the
    end of ``f``, as named features (weights: ``join_model.json``, see ``learn/train.py``)."""
    end, start = units[f].text, units[c].text
    # (the cut sentence's whole block: a hard-wrapped page's last line holds little of it)
    block = _block_text(units, f)
    x: dict[str, float] = {}
    before = [i for i in range(max(0, f - COHESION_WINDOW + 1), f + 1) if units[i].kind == "para"]
    after = [i for i in _run_from(units, c) if i not in before]
    x["same topic"] = page.similarity(before, after)
    if page.share_own_phrase(f, c):
        x["shares a phrase no other text prints"] = 1.0
    # (on a page that indents its paragraphs, a line at the margin opens none: whatever is
    # printed above it, it tops a column)
    margin = page.indents and not indented_line(units[c].raw)
    if page.indents:
        x["start is not indented" if margin else "start is indented"] = 1.0
    # A brief printed run-in (title and text on one line) is whole: what follows it tops a
    # column, as after a closing line.
    after_brief = c >= 2 and units[c - 2].kind == "head" and units[c - 1].head_line is not None
    # A photo's caption with its credit printed inside an article's text interrupts it as
    # a column end does: the text under it may go on with the paragraph above it. So does
    # a poem's stanza: prose under it tops a column of its own.
    after_inset = c > 0 and (bool(units[c - 1].caption_credit) or units[c - 1].stanza)
    if (
        c > 0
        and c != f + 1
        and units[c - 1].kind == "para"
        and not units[c - 1].fragment
        and not after_brief
        and not after_inset
        # (a closing credit or a source line ends its article: what follows tops a column)
        and not units[c - 1].closes
        and not margin
        and not units[c].block_top
    ):
        # Joining here cuts ``c`` off the complete paragraph printed above it: worth it only
        # when ``c`` fits the fragment's topic better than it fits its own neighbours.
        above = [i for i in range(c - COHESION_WINDOW, c) if i >= 0 and units[i].kind == "para"]
        x["mid-column"] = 1.0
        x["topic of the run it cuts"] = page.similarity(above, after)
        fill = page.column_fill(c)
        if fill is not None and FILL_FITS[0] <= fill <= FILL_FITS[1]:
            # A column ends where the text above it fills a column like the page's others.
            x["text above fills a column"] = 1.0
    crossed = page.crossings(f, c)
    headless = headless_above(units, f, c)
    if headless or (c < f and headless_run(units, c)):
        # (the headline group crossed is the fragment's own article's: over its first
        # column, whose rest was printed before it, or over its second)
        crossed = max(0, crossed - 1)
    if crossed:
        # Columns of one article stand together; a join across other articles' openings
        # is rarely right, and less so the more it crosses.
        x["crosses article openings"] = float(min(crossed, 3))
        x["crosses an opening"] = 1.0
    if c == f + 1:
        x["next line" if units[c].gap_before else "same block"] = 1.0
    elif c < f:
        x["continues above"] = 1.0
    # Under a headline (and its byline) the first paragraph opens the article; a column
    # of it printed there (the headline over a later column) shows by starting mid-word
    # or mid-sentence (元。…, 的问题…, 来的,…), or, on a page that indents its
    # paragraphs, at the margin.
    mid_word = starts_mid_word(start)
    opening = _under_headline_and_byline(units, c) and not mid_word and not headless and not margin
    section = c > 0 and pt.section_number(units[c - 1].text) is not None
    under_heading = (
        _under_open_heading(units, c) and not starts_mid_word(start, section) and not margin
    )
    if (under_heading and not headless) or opening:
        # A paragraph right under a headline or subhead is usually what it introduces;
        # only strong evidence across the join says the heading was misread.
        x["under a heading that opens it"] = 1.0
    prev = units[c - 1] if c > 0 else None
    # (the one paragraph between a headline and a closing credit is that headline's whole
    # text: no column's top)
    whole_item = (
        "under a heading that opens it" in x
        and c + 1 < len(units)
        and units[c + 1].kind == "byline"
        and units[c + 1].closes
    )
    if not whole_item and (
        after_brief
        or after_inset
        or prev is None
        or prev.kind in ("head", "byline", "noise", "affiliation", "jump", "label")
    ):
        x["column top after a non-paragraph"] = 1.0
    elif (
        prev is not None
        and prev.kind == "para"
        and prev.fragment
        and c - 1 != f
        and not starts_mid_word(start)
    ):
        # Right after another sentence cut at a column's foot, and not its rest: the top
        # of the next column.
        x["column top after a cut sentence"] = 1.0
    if (
        margin
        and not units[c].wrapped
        and c != f + 1
        and prev is not None
        and prev.kind == "para"
        and (prev.closes or pt.ends_paragraph(prev.text))
    ):
        # At the margin under a whole paragraph or an article's closing line, on a page
        # that indents its paragraphs: the top of a column whose text goes on a sentence
        # cut elsewhere, however many articles stand between. (A hard-wrapped page's
        # margin holds every line but a paragraph's first: there it says less.)
        x["column top at the margin under a whole paragraph"] = 1.0
    if headless:
        # A text with no headline, right over a headline and byline: that headline's first
        # column, the text under the byline its second.
        x["under the headline of a headless text above"] = 1.0
    if _under_reprinted_headline(units, f, c):
        x["under a reprint of its headline"] = 1.0
    if SENTENCE_TAIL_RE.match(start) or SPEECH_TAIL_RE.match(start):
        # A sentence's last character or two (响。岭头是…), or a speaker's name and 说
        # (刘晓芸说。学校随后…), end a sentence cut elsewhere.
        x["starts with a sentence's last characters"] = 1.0
    if gr.cannot_open(start) or page.opens_with_conjunction(c) or gr.lone_tail(units[c].text):
        x["start cannot open a sentence"] = 1.0
    elif (
        (gr.OPENER.match(start) or page.opens_with_time(c))
        and not end.endswith(CLAUSE_JOINERS)
        and page.end_class(f) not in INCOMPLETE_ENDS
    ):
        # After a comma a new clause may well open like a paragraph (…，第二天一早…); after
        # a word that needs more (…一家|小面馆说，…), so may the rest of the phrase.
        x["start reads like a paragraph opening"] = 1.0
    elif (
        gr.short_first_clause(start)
        and not page.opens_with_discourse_word(c)
        and not gr.OPENER.match(start)
    ):
        # 培训，内容包括… : a bare word and a comma is the tail of a sentence, not a lede.
        x["starts with a bare word and a comma"] = 1.0
    if units[c].dateline is None and pt.INTERVIEW_RE.match(start):
        x["start is a speaker's turn"] = 1.0
    if gr.spanning_word(end[-6:], start[:6]) and not far_off(crossed, x["same topic"]):
        # (A word across a join that crosses several articles and shares nothing of the
        # fragment's subject is a coincidence: 推广|员 where 网格|员 was meant.)
        x["a word spans the join"] = 1.0
    elif gr.dictionary_pair(end, start):
        x["the join makes a dictionary word"] = 1.0
    if units[f].wrapped and units[c].wrapped and end and start:
        # On a hard-wrapped page a column's foot and the next column's top are lines like
        # any other, and the join's text is a line's few characters: how often the
        # project's text prints the two characters meeting here together tells them apart.
        x["the characters at the join go together"] = char_pairs().together(end[-1], start[0])
    bigram, trigram = page.seen_across(end, start)
    x["the join's bigram is printed elsewhere"] = float(bigram)
    x["the join's trigram is printed elsewhere"] = float(trigram)
    if gr.continues_list(end, start):
        x["continues a list"] = 1.0
    if gr.answers_pair(block, start):
        x["answers a paired conjunction"] = 1.0
    pair = (page.end_class(f), page.start_class(c))
    if all(pair):
        x["grammar across the join"] = gr.GRAMMAR.get(pair, 0.0)
    if block.count("“") > block.count("”"):
        closes = start.find("”")
        if closes != -1 and (start.find("“") == -1 or closes < start.find("“")):
            x["closes an open quotation"] = 1.0
    return {k: v for k, v in x.items() if v}


def _block_text(units: list[Unit], f: int) -> str:
    """The text of the block that ends with unit ``f``: its lines run on without a blank
    line or a paragraph's opening between them."""
    k = f
    while k > 0 and not units[k].gap_before and units[k - 1].fragment:
        k -= 1
    return "".join(u.text for u in units[k : f + 1])


def far_off(crossed: int, topic: float) -> bool:
    """A continuation across several articles that shares nothing of the fragment's
    subject: whatever else fits there is a coincidence."""
    return crossed >= 2 and topic < NO_SHARED_TOPIC


def starts_mid_word(start: str, lists_open: bool = False) -> bool:
    """The text starts mid-word or mid-sentence (元。…, 的问题…, 来的,…). With
    ``lists_open``, a whole word opening a list (化工、机械、…) is taken for a sentence's
    start: so it is under a numbered section head, though after 对 it goes on a sentence."""
    # (a time word or a connective and a comma opens a sentence: 最近，… 同时，…)
    remainder = WORD_REMAINDER_RE.match(start) and not gr.OPENER.match(start)
    listed = lists_open and start[2:3] == "、" and gr.is_word(start[:2])
    # (a first sentence of a few characters, no subject and no comma, ends a cut one:
    # 一趟就能办完。)
    tail = bool(SHORT_SENTENCE_RE.match(start))
    return (bool(remainder) and not listed) or tail or gr.cannot_open(start)


def _run_from(units: list[Unit], c: int) -> list[int]:
    """Paragraph ``c`` and those printed under it within ``COHESION_WINDOW`` lines,
    stopping at a headline or a dateline: the words after that are another article's."""
    run = [c]
    for i in range(c + 1, min(len(units), c + COHESION_WINDOW)):
        if units[i].kind == "head" or units[i].dateline:
            break
        if units[i].kind == "para":
            run.append(i)
    return run


def _under_open_heading(units: list[Unit], c: int) -> bool:
    """True when paragraph ``c`` sits right under a headline or subhead that introduces it.

    A heading group closed by a byline before it is a headline printed after its own
    article; the paragraph under such a group may well be a column's continuation. A
    byline with no paragraph above it (a column label, □ author, then the title) is printed
    over the title instead, and the group still opens what follows.
    """
    k = c - 1
    while k >= 0 and units[k].kind == "head":
        k -= 1
    if k == c - 1 or c - 1 - k >= MIN_VERSE_RUN:
        # No heading above; or a run of short lines too long for a headline group: verse.
        return False
    if k >= 0 and units[k].caption_credit and c - 1 - k == 1:
        # A photo's caption with its credit, then one heading: the photo's title, printed
        # under its caption; the text under it may be any column's.
        return False
    if k < 0 or units[k].kind != "byline":
        # (an affiliation is a commentary's last line: the group under it opens the next)
        return True
    if units[k].kind == "byline" and units[k].photo_credit and c - 1 - k >= 2:
        # caption, credit, the photo's title, then another title: that one opens the text.
        return True
    return units[k].kind == "byline" and (k == 0 or units[k - 1].kind in ("head", "noise"))


def starts(units: list[Unit], f: int, loose: frozenset[int] = frozenset()) -> list[int]:
    """Every unit that could continue the sentence cut at the end of ``f``, within
    ``REACH`` lines of it: a printed page holds far fewer, and a dump of many pages run
    together must not cost the square of its length. ``loose`` are lines inside a block
    whose join to the line above is in doubt (see ``joins.choose_joins``)."""
    lo, hi = max(0, f - REACH), min(len(units), f + REACH + 1)
    return [
        c
        for c, unit in enumerate(units[lo:hi], start=lo)
        if c != f
        and unit.kind == "para"
        and not unit.dateline
        # (a cut sentence's next line in the same block goes on it, for certain: see
        # joins.choose_joins; on a page hard-wrapped at the column's width that is most lines)
        and (c in loose or not (c > 0 and units[c - 1].fragment and not unit.gap_before))
        # A run-in item's text opens it, printed on one line with its title (or on the
        # line its wrapped title ends on).
        and unit.head_line is None
        and not opens_own_block(units, c)
        # A caption over its photo's credit line (图为…。 / 本报记者 某某摄) is whole.
        and not _captioned(units, c)
        # Text under a 上接 marker goes on from another page, not from this one.
        and not _from_another_page(units, c)
        # (unless it opens with a sentence's last character or two: 心。” under a photo's
        # title and credit ends a sentence, whatever stands above it; or the cut text is
        # the page's first, headline-less, column: its headline stands over a later one)
        and not (
            c > f
            and _under_headline_and_byline(units, c)
            and not SENTENCE_TAIL_RE.match(unit.text)
            and not headless_above(units, f, c)
            and not headless_run(units, f, subheads=True)
        )
    ]


def opens_own_block(units: list[Unit], c: int) -> bool:
    """Paragraph ``c`` goes on no cut sentence, whatever is printed around it."""
    unit = units[c]
    return (
        bool(unit.caption_credit)
        or bool(pt.NUMBERED_CAPTION_RE.match(unit.text))
        # A bullet (▲ under a photo, ● before an item) opens a block of its own.
        or unit.text.lstrip()[:1] in pt.BULLETS
        # A caption's opening words (图为…) say it is one.
        or bool(pt.STORY_PICTURE_RE.match(unit.text))
        # A question or an answer (问：/答：), or any speaker's turn, opens a turn; it
        # continues no sentence.
        or bool(pt.QA_RE.match(unit.text))
        or unit.turn
        # An editor's signature (——编  者) follows a finished note; it continues nothing,
        # and the note's only paragraph, over it, opens the note.
        or bool(pt.EDITOR_SIGNATURE_RE.match(unit.text))
        or _whole_note(units, c)
        # An editor's note opens with its label (编者按：…).
        or bool(pt.EDITOR_NOTE_RE.match(unit.text))
        # Nor does a letter's closing formula (此致 / 敬礼！).
        or bool(pt.LETTER_CLOSING_RE.match(unit.text))
        # A poem's stanza goes on no prose sentence.
        or unit.stanza
    )


def headless_above(units: list[Unit], f: int, c: int) -> bool:
    """Fragment ``f`` ends a run of text with no headline of its own, printed right above
    the headline group (and byline) over paragraph ``c``: a feature whose first column was
    extracted before its headline, the headline group sitting over its second column."""
    between = units[f + 1 : c]
    if c <= f + 1 or not any(u.kind == "head" for u in between):
        return False
    if any(u.kind not in ("head", "byline") for u in between):
        return False
    return headless_run(units, f)


def headless_run(units: list[Unit], u: int, subheads: bool = False) -> bool:
    """Paragraph ``u`` belongs to a run of text with no headline or dateline above it,
    printed at the page's top, under nothing but the page's furniture; with ``subheads``,
    single heading lines between its paragraphs do not end the run (the first column of
    an article whose headline stands over a later column)."""
    k = u
    while k >= 0 and (
        (units[k].kind == "para" and not units[k].dateline)
        or (subheads and _subhead_between(units, k))
    ):
        k -= 1
    return all(unit.kind == "noise" for unit in units[: k + 1])


def _subhead_between(units: list[Unit], k: int) -> bool:
    """Unit ``k`` is one heading line between two paragraphs: a subhead of the text."""
    return (
        units[k].kind == "head"
        and 0 < k < len(units) - 1
        and units[k - 1].kind == "para"
        and units[k + 1].kind == "para"
        and not units[k + 1].dateline
    )


def _whole_note(units: list[Unit], c: int) -> bool:
    """Paragraph ``c`` is an editor's note of one paragraph: signed right under it
    (——编  者), with no text of the page's right above it."""
    signed = c + 1 < len(units) and bool(pt.EDITOR_SIGNATURE_RE.match(units[c + 1].text))
    return signed and (c == 0 or units[c - 1].kind != "para")


def _under_reprinted_headline(units: list[Unit], f: int, c: int) -> bool:
    """Paragraph ``c`` stands under a headline printed before, above ``f``: a page prints an
    article's title again over the part it continues elsewhere. (A short label printed over
    several articles is a series name, not a reprint.)"""
    k, group = c - 1, []
    while k >= 0 and units[k].kind == "head":
        group.append(units[k].text)
        k -= 1
    if c < f or not group or (len(group) == 1 and len(group[0]) <= REPRINT_MIN):
        return False
    earlier = {units[h].text for h in range(max(0, f - REACH), f) if units[h].kind == "head"}
    return all(text in earlier for text in group)


def _from_another_page(units: list[Unit], c: int) -> bool:
    """Paragraph ``c`` opens with a 上接 marker, or stands right under one."""
    marks = [units[c].jump or ""]
    if c > 0 and units[c - 1].kind == "jump":
        marks.append(units[c - 1].text)
    return any(pt.jump_direction(m) in pt.INWARD for m in marks)


def _captioned(units: list[Unit], c: int) -> bool:
    """Paragraph ``c`` is a photo's caption: the photo's credit is printed right under it
    (or under the photo's title right under it) and it says what the picture shows (图为…);
    or it is as short as a caption and printed with its credit in one block (no blank line
    between), unless it starts mid-word."""
    text = units[c].text
    credit = c + 1 < len(units) and units[c + 1].kind == "byline" and units[c + 1].photo_credit
    titled = (
        c + 2 < len(units)
        and units[c + 1].kind == "head"
        and units[c + 2].kind == "byline"
        and units[c + 2].photo_credit
    )
    if (credit or titled) and pt.CAPTION_OPENING_RE.match(text):
        return True
    one_block = credit and not units[c + 1].blank_before
    return one_block and len(text) <= CAPTION_CHARS and not starts_mid_word(text)


def _under_headline_and_byline(units: list[Unit], c: int) -> bool:
    """Paragraph ``c`` stands under a byline under a headline group. Below the cut that is
    another article's first paragraph; above it, it may be a column of the cut's own
    article, whose headline was extracted over its second column."""
    k = c - 1
    if k < 1 or units[k].kind != "byline" or units[k].closes or units[k].photo_credit:
        # (a photo's credit under its title closes the photo: caption, title, credit)
        return False
    # (or under the editor's note that opens the article, signed ——编  者)
    return units[k - 1].kind == "head" or bool(pt.EDITOR_SIGNATURE_RE.match(units[k - 1].text))


def candidates(
    units: list[Unit], f: int, page: PageFacts, loose: frozenset[int] = frozenset()
) -> list[Join]:
    """The best-scored continuations of fragment ``f`` that beat leaving it cut (``loose``:
    as for ``starts``)."""
    model = join_model()
    # A sentence stopped at a comma or an enumeration mark certainly goes on somewhere:
    # any continuation that beats leaving it cut is weighed against the others — unless
    # it lies across several articles and shares nothing of the fragment's subject.
    certain = units[f].text.rstrip().endswith(CERTAIN_CUT_MARKS)
    options = []
    for c in starts(units, f, loose):
        x = junction_features(units, f, c, page)
        score = model.score(x)
        away = far_off(int(x.get("crosses article openings", 0)), x.get("same topic", 0.0))
        floor = model.unjoined if certain and not away else model.min_join
        options.append((Join(f, c, score, model.explain(x)), floor))
    options.sort(key=lambda o: (-o[0].score, o[0].start))
    return [j for j, floor in options[:TOP_K] if j.score > floor]
