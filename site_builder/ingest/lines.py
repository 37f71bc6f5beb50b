"""Classify each non-blank line of a page dump by its shape.

A line is a paragraph (or a piece of one), a headline-like short line, a byline, an
author affiliation, a jump marker, a brief-cluster label, or page furniture. Whether a
short line is a kicker, title, subtitle, subhead, author name or column label is decided
later, from its neighbours (see ``assemble``).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from site_builder.ingest import grammar as gr
from site_builder.ingest import patterns as pt
from site_builder.ingest import person_names as pn
from site_builder.ingest.adverts import advert_blocks, classified_notices
from site_builder.ingest.figures import figure_boxes
from site_builder.ingest.furniture import furniture_shape
from site_builder.models import PageFurniture
from site_builder.nlp.tokenizer import tagged

UnitKind = Literal["para", "head", "byline", "affiliation", "jump", "label", "noise"]

# Longest line still taken for a headline: beyond this it is body text.
MAX_HEAD_CHARS = 40
# How a paragraph's first line opens (see page_facts.indented_line); a comma inside a line.
PARAGRAPH_INDENTS = ("\u3000", "  ", "\t")
INNER_COMMA_RE = re.compile(r"[，,](?=.)")
# A photo sent by an agency or a paper, its photographer in brackets: 新华社发（某某 摄）
SENT_CREDIT_RE = re.compile(rf"\s*[{pt.HAN}]{{2,6}}发\s*[(（](?P<inner>[^()（）]+)[)）]\s*")
# A letter's salutation on a line of its own: 编辑同志： / 记者同志：
SALUTATION_RE = re.compile(r"^\s*\S{1,6}(?:同志|朋友们?|你好|您好)[：:]\s*$")
# A heading with a comma is two short halves (守护青山绿水，共建美好家园), not long clauses.
MAX_HEAD_WITH_COMMA = 24
MAX_HEAD_CLAUSE = 14
# A heading holds at most two clauses (…，…).
MAX_HEAD_CLAUSES = 2
# Words no heading ends on: the sentence goes on after them.
UNFINISHED_ENDINGS = ("的", "地", "得", "和", "与", "及", "、")
# A headline may end in ！ or ？ (家门口的幸福来了！): short, one clause, no full stop.
# (or a cry and what it is about: 补时绝杀！海风主场逆转白鹭)
EXCLAIMED_HEAD_RE = re.compile(
    r"(?:[^，,。：:；;]{2,12}[，,])?[^，,。：:；;]{4,20}[！？!?]"
    r"|[^，,。：:；;！？!?]{2,8}[！？!?][^，,。：:；;！？!?“”\"]{4,16}"
)
MAX_EXCLAIMED = 24
# A headline that asks a question over its byline is at most this long.
MAX_ASKED = 32
# An interview's speaker opens at least this many paragraphs of the page with his label.
MIN_TURNS = 3
# A headline phrase glued to a dateline: 2–16 characters, none of them punctuation.
MIN_PHRASE, MAX_PHRASE = 2, 16
# An item's title glued to the time word its text opens with (某某完成提升改造日前，…).
GLUED_OPENER_RE = re.compile(
    r"^\s*[^\s，,。；;！？!?：:（(]{6,32}?"
    r"(?P<opener>(?:日前|近日|昨日|昨天|今天|今年以来|连日来|\d{1,2}月\d{1,2}日)[，,])"
)
# A title glued to its dateline is at least this long (a short stem is the dateline's
# own place: 本报黎平讯).
MIN_GLUED_TITLE = 6
GLUED_DATELINES = ("本报", "本刊", "新华社", "中新社")
GLUED_TITLE_RE = re.compile(r"\s*(?P<title>[^\s，,。；;！？!?：:（()）]{6,32})")
PHRASE_CHAR_RE = re.compile(r"[^\s，,。；;！？!?：:（(、“”]")
# A page's name (版名) is a short label: 要闻, 农牧科技, 民生·社会.
MAX_PAGE_NAME = 8
# Below this share of lines after a blank line, a dump does not mark blocks at all.
BLOCKED_SHARE = 0.2
# The text of a brief after its run-in head is at least this long.
MIN_ITEM_TEXT = 20
# Bulleted run-in items in a row that make a brief cluster without a label saying so.
MIN_BULLETED_ITEMS = 2
# Run-in items with no bullet: this many in a row (a lone line opening with a phrase and a
# space may be any paragraph's).
MIN_UNMARKED_ITEMS = 3
# The "bullet" of such items (no character is one).
UNMARKED = "unmarked"
# A cluster's label over its items is a word or two (健康提示, 警方提醒).
MAX_CLUSTER_LABEL = 6
LABEL_PUNCTUATION_RE = re.compile(r"[，,。；;！？!?：:、“”《》]")
# A bullet with no space after it, glued to the words it marks.
GLUED_BULLET_RE = re.compile(f"^[{pt.BULLETS}][{pt.HAN}]")
# A furniture line (editors, paper name, date, page) is short and no sentence.
MAX_FURNITURE = 60


@dataclass(slots=True)
class Unit:
    """One non-blank source line with what its shape says about it."""

    line: int
    """1-based line number in the page dump."""
    raw: str
    """The line exactly as in the dump (without the newline)."""
    kind: UnitKind
    text: str = ""
    """The line stripped, with any trailing jump marker removed."""
    jump: str | None = None
    """A jump marker (下转第二版) found at the end of a paragraph line."""
    closes: bool = False
    """The line ends its article (a source line such as （摘编自《某报》））."""
    end_credit: str | None = None
    """A bracketed credit closing the paragraph (…。（本报记者 张三）), kept out of ``text``."""
    dateline: str | None = None
    credit: tuple[str, ...] = ()
    """Names from the dateline's credit, or from the byline."""
    caption_credit: tuple[str, ...] = ()
    """Names of a photo credit ending the line (…张三 摄)."""
    fragment: bool = False
    """A paragraph piece that stops mid-sentence."""
    stanza: bool = False
    """A poem's stanza on one line (see ``roles.stanzas``): whole, and no continuation."""
    wrapped: bool = False
    """A printed line of a page hard-wrapped at its column's width (see ``wrapped``)."""
    name_like: bool = False
    """Short, Han only, no punctuation: could be a person's name."""
    photo_credit: bool = False
    """A byline crediting a photograph (…摄)."""
    gap_before: bool = True
    """A blank line (or the page start) precedes this line."""
    block_top: bool = False
    """A blank line precedes this line in a dump that has few of them: there they part
    blocks (columns, articles), not paragraphs, so the line tops one."""
    blank_before: bool = True
    """A blank line (or the page start) precedes this line in the dump, whatever blank
    lines mean on the page (``gap_before`` is what they are taken to mean)."""
    ambiguous: bool = False
    """Short and unpunctuated: a heading or a cut paragraph piece, by shape alone unsure."""
    heading_p: float | None = None
    """For an ambiguous line, the role model's probability that it is a heading."""
    turn: bool = False
    """A speaker's turn of an interview (杨秀梅：…), under a label that opens several
    lines of the page: it opens its paragraph."""
    head_line: int | None = None
    """For the text of a run-in head, the line that head starts on: its own, or on a
    hard-wrapped page the line above, when the head wraps (see ``wrapped``)."""
    reason: str = ""
    """Why a noise line is noise."""
    meta: dict[str, str] = field(default_factory=dict)
    """Furniture facts read off a noise line (paper, date, page)."""


def _furniture(text: str) -> dict[str, str] | None:
    """Facts of a page-furniture line, or None when the line is not furniture."""
    if pt.EDITOR_RE.match(text) and len(text) <= MAX_FURNITURE and not pt.ends_sentence(text):
        parts = pt.EDITOR_SPLIT_RE.split(pt.unpad(text))
        names = [n for part in parts for n in pt.split_names(part)]
        return {"editor": " ".join(names)}
    if len(text) > MAX_FURNITURE or pt.ends_sentence(text):
        return None
    facts: dict[str, str] = {}
    rest: list[str] = []
    for token in re.split(r"[\s　|｜/]+", text):
        if not token:
            continue
        date = pt.DATE_LINE_RE.match(token) or pt.FIGURE_DATE_RE.match(token)
        page = pt.PAGE_NO_RE.match(token)
        if date:
            facts["date"] = f"{int(date['y']):04d}-{int(date['m']):02d}-{int(date['d']):02d}"
        elif page and (number := pt.chinese_number(page["cn"] or page["num"] or "")):
            facts["page"] = str(number)
            if page["rest"]:
                rest.append(page["rest"])
        elif re.fullmatch(
            r"(?:星期|周)[一二三四五六日天]|农历\S*|[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年\S*"
            r"|[A-Z]?\d{1,2}|今日\d+版",
            token,
        ):
            continue
        elif pt.PAPER_RE.match(token) and len(token) <= 10:
            facts["paper"] = token
        else:
            rest.append(token)
    whole_date = pt.DATE_LINE_RE.match(text)
    if whole_date and "date" not in facts:
        y, m, d = int(whole_date["y"]), int(whole_date["m"]), int(whole_date["d"])
        facts["date"] = f"{y:04d}-{m:02d}-{d:02d}"
        rest = []
    if not facts:
        return None
    # What is left on a line with a page number is the page's name (版名).
    if "page" in facts and rest and len("".join(rest)) <= 12:
        facts["page_name"] = "".join(rest).strip("·•・|｜-—:：")
    elif rest:
        return None
    return facts


def classify(number: int, raw: str, gap_before: bool) -> Unit:
    """Look at one non-blank line on its own."""
    text = raw.strip().replace("\u3000", " ").strip()
    unit = Unit(line=number, raw=raw, kind="para", text=text, gap_before=gap_before)
    if pt.JUMP_RE.fullmatch(text):
        unit.kind = "jump"
        return unit
    facts = _furniture(text)
    if facts is not None:
        unit.kind, unit.meta = "noise", facts
        unit.reason = "page furniture: " + ", ".join(f"{k}={v}" for k, v in sorted(facts.items()))
        return unit
    shape = furniture_shape(text)
    if shape is not None:
        unit.kind, unit.reason = "noise", f"page furniture: {shape}"
        return unit
    if pt.AFFILIATION_RE.match(text) and len(text) <= 80:
        unit.kind = "affiliation"
        return unit
    # (a label may be printed spaced out: 简　讯)
    if pt.BRIEF_LABEL_RE.match(pt.unpad(text)):
        unit.kind = "label"
        return unit
    closed_up = pt.unpad(text)
    institution = pt.INSTITUTION_BYLINE_RE.match(text)
    if institution:
        unit.kind, unit.credit = "byline", (institution["who"],)
        return unit
    supplied = pt.SUPPLIED_PHOTO_RE.match(closed_up)
    if supplied:
        # (a person who supplied it is credited; an institution, or 受访者, is no author)
        unit.kind, unit.photo_credit = "byline", True
        who = supplied["who"]
        person = pn.name_like(who) and not pt.INSTITUTION_RE.search(who)
        unit.credit = (who,) if person else ()
        return unit
    artist = pt.ARTIST_CREDIT_RE.match(text)
    if artist:
        unit.kind, unit.photo_credit = "byline", True
        unit.credit = (pt.unpad(artist["name"]),)
        return unit
    shapes = (pt.BYLINE_RE, pt.BYLINE_SUFFIX_RE, pt.BULLET_BYLINE_RE)
    # A photo credit in brackets on its own line: （新华社发 某某 摄）, or with the agency
    # that sent it outside them: 新华社发（某某 摄）.
    sent = SENT_CREDIT_RE.fullmatch(closed_up)
    if sent and pt.PHOTO_END_RE.search(sent["inner"]):
        closed_up = f"（{sent['inner']}）"
    bracketed = pt.BRACKETED_RE.fullmatch(closed_up)
    if bracketed and pt.PHOTO_END_RE.search(bracketed["inner"]):
        closed_up = bracketed["inner"]
    matched = [shape for shape in shapes if shape.match(closed_up)]
    if (
        matched == [pt.BULLET_BYLINE_RE]
        and GLUED_BULLET_RE.match(text)
        and not all(pn.name_like(name) for name in pt.byline_names(closed_up))
    ):
        # A bullet glued to words that are no name marks a subhead or an item (◎贴敷时间);
        # a signature stands apart from its bullet (□ 其木格) or is a name (■韦丽萍).
        matched = []
    if (
        matched
        and pt.INTERVIEW_RE.match(text)
        and not all(
            len(name) <= MAX_TURN_NAME or "·" in name for name in pt.byline_names(closed_up)
        )
    ):
        # 记者：您长期在基层做田野调查，为什么坚持 — a reporter's turn of an interview (a
        # hard-wrapped one, cut short of its question mark), not a byline.
        matched = []
    if len(text) <= 40 and matched:
        unit.kind = "byline"
        unit.credit = tuple(pt.byline_names(closed_up))
        unit.photo_credit = bool(
            pt.PHOTO_END_RE.search(closed_up) or pt.PHOTO_ROLE_RE.match(closed_up)
        )
        if pn.signature(text.split()):
            # (a reader signing a letter, 读者　某某: the signature closes it)
            unit.closes, unit.reason = True, LETTER_SIGNATURE
        return unit
    org = pt.ORG_BYLINE_RE.match(closed_up)
    # (a headline's second phrase after a school's name is no signer: 校企共建产业学院
    # 学生毕业即上岗)
    if org and len(text) <= 40 and pn.name_like(org["name"]):
        unit.kind, unit.credit = "byline", (org["name"],)
        return unit
    padded_alone = bracketed is not None and bool(pt.PADDED_RUN_RE.fullmatch(text.strip("（）() ")))
    if bracketed and (pn.names_alone(bracketed["inner"]) or padded_alone):
        # Names alone in brackets after a text, no role: （刘  畅）closes its article (and
        # so does a pen name, padded as papers pad names: （星  子））.
        unit.kind, unit.credit, unit.closes = "byline", tuple(bracketed["inner"].split()), True
        return unit
    if bracketed and pn.signature(bracketed["inner"].split()):
        # A letter's signature in brackets after its text: （某某县　王建国）.
        unit.kind, unit.credit = "byline", (bracketed["inner"].split()[-1],)
        unit.closes, unit.reason = True, LETTER_SIGNATURE
        return unit
    if pt.SOURCE_RE.match(text):
        unit.closes = True
        return unit
    closing = pt.tail_credit(text)
    if closing is not None:
        at, names = closing
        if at == 0:
            unit.kind, unit.credit, unit.closes = "byline", tuple(names), True
            return unit
        unit.end_credit, unit.credit = text[at:], tuple(names)
        if pt.JUMP_RE.fullmatch(text[:at].rstrip()):
            # （下转第二版）（本报记者 张三）: the marker and the credit closing an article.
            unit.text = text[:at].rstrip()
            unit.kind = "jump"
            return unit
        # (a credit glued to the text's last sentence stays in it, as printed; its names
        # are the article's authors all the same)
    jump = pt.JUMP_RE.search(text)
    # A jump marker ends a paragraph (…下转第二版) or opens one (上接第一版…): kept apart.
    if jump and (jump.end() == len(text) or jump.start() == 0):
        unit.jump = jump.group(0)
        reprinted = jump.end() == len(text) and jump["dir"] in pt.INWARD
        text = (text[: jump.start()] + text[jump.end() :]).strip()
        unit.text = text
        if reprinted and len(text) <= MAX_HEAD_CHARS and not pt.has_sentence_end(text):
            # 某某覆盖全市八成社区（上接第1版）: the title reprinted over a continued article.
            unit.kind = "head"
            return unit
    dateline = pt.DATELINE_RE.match(text)
    if dateline:
        unit.dateline = dateline["dateline"]
        credit = pt.parse_credit(text, dateline.end())
        if credit:
            unit.credit = credit.names
    plain = pt.unpad(text)
    photo = pt.PHOTO_CREDIT_RE.search(plain)
    if photo and (photo.start() == 0 or not pt.HAN_RE.match(plain[photo.start() - 1])):
        unit.caption_credit = tuple(pt.byline_names(photo["credit"]))
    signature = bool(pt.EDITOR_SIGNATURE_RE.match(text))
    lead_in = bool(pt.LEAD_IN_RE.search(text)) and not unit.jump
    # (a book's details, a letter's closing formula, an artwork's label: whole by shape)
    whole = any(
        pattern.match(text) for pattern in (pt.BOOK_DETAILS_RE, pt.LETTER_CLOSING_RE, pt.ARTWORK_RE)
    )
    terminal = pt.ends_paragraph(text) or bool(unit.caption_credit) or signature or lead_in or whole
    exclaimed = (
        unit.jump is None and len(text) <= MAX_EXCLAIMED and bool(EXCLAIMED_HEAD_RE.fullmatch(text))
    )
    # (a line this long that stops at a clause's comma is a paragraph's, cut at a column
    # end; a verse line may stop there too, but verse lines are short; a list's item may
    # end in a semicolon)
    clause_cut = (
        len(text) >= MIN_CLAUSE_CUT
        and text.endswith(pt.CLAUSE_MARKS)
        # (a numbered subhead may run on into its text: 二、立足资源禀赋推动…发展，)
        and pt.section_number(text) is None
    )
    long_or_sentence = len(text) > MAX_HEAD_CHARS or pt.has_sentence_end(text) or clause_cut
    if (
        unit.dateline
        or signature
        or lead_in
        or whole
        or ((terminal or long_or_sentence) and not exclaimed)
    ):
        unit.kind = "para"
        unit.fragment = not terminal
        return unit
    names = plain.split()
    if pn.signature(names):
        # A reader's letter or comment signed with place (or school), job and name
        # (某某旗　赵红梅 / 某某区  退休教师  万国平): the name closes it.
        unit.kind, unit.credit, unit.closes = "byline", (names[-1],), True
        unit.reason = LETTER_SIGNATURE
        return unit
    couplet = len(names) == 2 and len(names[0]) == len(names[1]) > pn.MAX_HAN_NAME
    alone = 2 <= len(names) <= pn.MAX_NAMES_ON_LINE and all(pn.name_like(n) for n in names)
    if alone and not couplet:
        # Authors' names alone on a line (许志远  周  宁): a byline without a role; two
        # longer phrases of one length are a kicker's halves (巡河二十载 初心映碧波).
        unit.kind, unit.credit = "byline", tuple(names)
        return unit
    unit.ambiguous = not pt.NOTICE_TITLE_RE.match(plain)
    # (a line indented as a paragraph opens, holding a clause's end, is that paragraph's
    # first piece: no heading is printed so, 　　某某表示，下一步将持续优化口岸营商)
    indented_clause = raw.startswith(PARAGRAPH_INDENTS) and bool(INNER_COMMA_RE.search(text))
    if unit.ambiguous and (indented_clause or not _reads_as_heading(plain)):
        unit.kind, unit.fragment = "para", True
        return unit
    unit.kind = "head"
    unit.name_like = pn.name_like(plain)
    return unit


def _reads_as_heading(text: str) -> bool:
    """A short line without a full stop: a heading, or a paragraph cut short at a column end?

    Headings are terse: a subhead may have two balanced halves around a comma, but not long
    clauses; and no heading ends on a word that needs more after it (a preposition, a
    conjunction, 的, a verb taking a verb: …实行, …通过, …和).
    """
    clauses = re.split(r"[，,]", text)
    if len(clauses) > 1 and (
        len(text) > MAX_HEAD_WITH_COMMA or max(len(c) for c in clauses) > MAX_HEAD_CLAUSE
    ):
        return False
    if len(clauses) > MAX_HEAD_CLAUSES:
        # Three clauses and no end (从…看，…中，…装): a sentence cut short.
        return False
    if text.endswith(UNFINISHED_ENDINGS):
        return False
    last = tagged(text[-6:])[-1:]
    return not (last and gr.end_class(*last[0]) in ("prep", "conj", "modal"))


def read_units(text: str, wrapped_at: dict[int, int] | None = None) -> list[Unit]:
    """All non-blank lines of a page, classified, in file order. A run-in head (a short
    title and its article's text on one line) gives two units of the same line: before a
    dateline anywhere, and under a cluster label (简讯) before any sentence of text. Not
    on a page hard-wrapped at columns ``wrapped_at`` wide (by line): there a line holds a piece of a
    head or of a text, and the heads are read in whole blocks (``wrapped``); only a line
    wider than the column stands whole."""
    units: list[Unit] = []
    gap = True
    in_cluster = False
    lines = text.split("\n")
    items = _bulleted_items(lines)
    first_item = min(items, default=0)
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            gap = True
            continue
        if wrapped_at is not None and pt.wrapped_piece(raw, wrapped_at[number]):
            units.append(classify(number, raw, gap))
            units[-1].wrapped = True
            gap = False
            continue
        run_in = run_in_head(raw)
        if run_in is None and number in items:
            run_in = pt.SHORT_RUN_IN_RE.match(raw)
        rest = raw[run_in.end() :] if run_in else ""
        second = _second_phrase(rest) if run_in else 0
        glued = _glued_dateline(raw)
        bracketed = pt.BRACKETED_RUN_IN_RE.match(raw)
        if bracketed and pt.ends_paragraph(raw):
            # 【让新就业形态劳动者“有靠”】平台经济快速发展…: a title in square brackets
            # run into its text (a section's name, 【案情】, is shorter and stays with it).
            if number == first_item and units and unmarked_label(units[-1]):
                # (a short line over the first of such items is the cluster's label)
                units[-1].kind = "label"
            units += _run_in_units(number, raw, bracketed[0], raw[bracketed.end() :], gap)
        elif glued:
            # 丹寨小镇举办非遗美食节本报讯　11月1日…: a title glued to its dateline.
            units += _run_in_units(number, raw, raw[:glued], raw[glued:], gap)
        elif in_cluster and (opener := GLUED_OPENER_RE.match(raw)):
            # Under a cluster's label, 从江梯田观景台完成提升改造日前，从江县…: an item's
            # title glued to its text's first word, a time.
            at = opener.start("opener")
            units += _run_in_units(number, raw, raw[:at], raw[at:], gap)
        elif run_in and second:
            # 某局破获一起诈骗案 追回损失37万元本报讯…: a head of two phrases over a dateline.
            units += _run_in_units(number, raw, raw[: run_in.end() + second], rest[second:], gap)
        elif run_in and (
            pt.DATELINE_RE.match(rest)
            or ((in_cluster or number in items) and item_text(run_in, rest))
        ):
            if number == first_item and units and unmarked_label(units[-1]):
                # (the short line over a cluster's first bulleted item is its label)
                units[-1].kind = "label"
            units += _run_in_units(number, raw, run_in["head"], rest, gap)
        else:
            units.append(classify(number, raw, gap))
            in_cluster = still_in_cluster(units[-1], in_cluster)
        gap = False
    _page_name_lines(units)
    figure_boxes(units)
    advert_blocks(units)
    classified_notices(units)
    _digest_teasers(units)
    _titled_items(units)
    _headline_colons(units)
    _letter_titles(units)
    _asked_headlines(units)
    _speaker_turns(units)
    for unit in units:
        unit.blank_before = unit.gap_before
    if sum(u.gap_before for u in units) < BLOCKED_SHARE * len(units):
        # The dump does not separate paragraphs by blank lines: that a line follows
        # another without one says nothing, so it must not count as "same block"; the few
        # blank lines it has part columns or articles.
        for unit in units:
            unit.block_top = unit.gap_before and unit is not units[0]
            unit.gap_before = True
    return units


def _speaker_turns(units: list[Unit]) -> None:
    """Mark the turns of an interview's speakers: paragraphs opening with a label (记者：,
    杨秀梅：) that opens at least ``MIN_TURNS`` paragraphs of the page. (A label seen less
    often may be a sentence's own 他说：, which can go on a cut sentence.)"""
    labels = [pt.INTERVIEW_RE.match(u.text) if u.kind == "para" else None for u in units]
    counts = Counter(m.group(0).strip() for m in labels if m)
    for unit, m in zip(units, labels, strict=True):
        unit.turn = m is not None and counts[m.group(0).strip()] >= MIN_TURNS


def _titled_items(units: list[Unit]) -> None:
    """A short label over a run of items, each a title line over one whole paragraph and
    nothing else (县区传真 / title / text / title / text …), labels a brief cluster, whatever
    its word: a column's articles have bylines, subheads or several paragraphs."""
    for k, unit in enumerate(units):
        if not unmarked_label(unit) or (k > 0 and units[k - 1].kind == "head"):
            continue
        texts, i = [], k + 1
        while i + 1 < len(units) and units[i].kind == "head" and units[i + 1].kind == "para":
            title, text = units[i], units[i + 1]
            one = i + 2 >= len(units) or units[i + 2].kind != "para"
            if len(title.text) > MAX_ITEM_TITLE or text.fragment or not one:
                break
            texts.append(text)
            i += 2
        # (one dateline over the first text only: an article's lede, its subheads under it)
        credited = sum(1 for t in texts if t.dateline or t.credit)
        if len(texts) >= MIN_TITLED_ITEMS and credited != 1:
            unit.kind = "label"


def _second_phrase(rest: str) -> int:
    """Length of a headline's second phrase glued to the dateline that follows it, or 0."""
    if pt.DATELINE_RE.match(rest):
        return 0
    for k in range(MIN_PHRASE, min(len(rest), MAX_PHRASE) + 1):
        if not PHRASE_CHAR_RE.match(rest[k - 1]):
            return 0
        if pt.DATELINE_RE.match(rest[k:]):
            return k
    return 0


def _glued_dateline(raw: str) -> int:
    """Where a dateline glued to a title of a few characters starts (丹寨小镇举办非遗美食节本报讯
    11月1日，…), in a line that does not open with a dateline; 0 when none does."""
    title = GLUED_TITLE_RE.match(raw)
    if title is None or pt.DATELINE_RE.match(raw):
        return 0
    for k in range(title.start("title") + MIN_GLUED_TITLE, title.end() + 1):
        # (the paper's or an agency's own dateline: a generic one, 某某网…电, also reads
        # into a headline's words, 光伏电站并网发电)
        if raw.startswith(GLUED_DATELINES, k) and pt.DATELINE_RE.match(raw[k:]):
            return k
    return 0


# A line of at least this many characters ending in a clause's mark is cut mid-sentence.
MIN_CLAUSE_CUT = 16
# A brief cluster's items under an unknown label: at least this many, titled this short.
MIN_TITLED_ITEMS, MAX_ITEM_TITLE = 3, 24
# What a reader's signature (某某县　读者　王建国) says of its line: a letter, an opinion.
LETTER_SIGNATURE = "a letter's signature"
# A name after 记者： is this long at most; longer words are a question's (an interview turn).
MAX_TURN_NAME = 5
# A short line wholly in brackets: an item's closing credit, （周  蓓）.
ITEM_CREDIT_RE = re.compile(r"^\s*[（(][^（）()]{1,24}[）)]\s*$")


def _bulleted_items(lines: list[str]) -> set[int]:
    """Line numbers of run-in items printed in a row under one bullet each (●标题 正文…),
    or under none, several in a row (标题　正文…): a brief cluster, whatever its label says
    (健康提示, or none)."""
    runs: list[list[int]] = []
    mark = ""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip() or (mark and ITEM_CREDIT_RE.match(raw)):
            # (an item's credit in brackets, （周  蓓）, keeps the run going)
            continue
        run_in = run_in_head(raw) or pt.SHORT_RUN_IN_RE.match(raw)
        bullet = _mark(raw)
        item = (
            (
                run_in is not None
                and item_text(run_in, raw[run_in.end() :])
                # (an unmarked head is a title: no indent, no space inside it)
                and (bullet != UNMARKED or (raw[:1] == raw.lstrip()[:1] and not _spaced(run_in)))
            )
            or bool(pt.BRACKETED_RUN_IN_RE.match(raw) and pt.ends_paragraph(raw))
        )
        if item and bullet == mark:
            runs[-1].append(number)
        elif item:
            runs.append([number])
        mark = bullet if item else ""

    def key(run: list[int]) -> str:
        return _mark(lines[run[0] - 1])

    # A cluster's last item may be printed apart from the others, after a photo or another
    # article's column: its bullet is the cluster's. Items without a bullet count only in
    # a row: one such line may be any paragraph opening with a phrase and a space.
    marks = {key(run) for run in runs if len(run) >= MIN_BULLETED_ITEMS} - {UNMARKED}
    return {
        n
        for run in runs
        if key(run) in marks or (key(run) == UNMARKED and len(run) >= MIN_UNMARKED_ITEMS)
        for n in run
    }


def _mark(raw: str) -> str:
    """The bullet a line opens with, or UNMARKED."""
    first = raw.strip()[:1]
    return first if first in pt.BULLETS else UNMARKED


def _spaced(run_in: re.Match[str]) -> bool:
    """The run-in head holds a space: two phrases, or a phrase and a date, not one title."""
    return bool(re.search(r"\s", run_in["head"].strip()))


def still_in_cluster(unit: Unit, in_cluster: bool) -> bool:
    """After ``unit``, are the lines a cluster's items? A label opens a cluster; its items
    run until a headline of its own ends it."""
    return unit.kind == "label" or (in_cluster and unit.kind != "head")


def unmarked_label(unit: Unit) -> bool:
    """A short heading with no punctuation: a cluster's label when items follow it."""
    return (
        unit.kind == "head"
        and len(unit.text) <= MAX_CLUSTER_LABEL
        and not LABEL_PUNCTUATION_RE.search(unit.text)
    )


def _run_in_units(number: int, raw: str, head: str, text: str, gap: bool) -> list[Unit]:
    """A run-in head printed on line ``number`` with its ``text``: two units of the line."""
    unit = classify(number, text, False)
    unit.head_line = number
    return [Unit(line=number, raw=raw, kind="head", text=head.strip(), gap_before=gap), unit]


def run_in_head(raw: str) -> re.Match[str] | None:
    """A run-in head at the line's start: its title of one phrase, or of two when the text
    after the second reads as the item's."""
    two = pt.RUN_IN_TWO_RE.match(raw)
    # (a dateline after the title is the text's start: 某某报讯, 新华社某地电)
    second = two["head"].split()[-1] if two else ""
    if two and item_text(two, raw[two.end() :]) and not pt.DATELINE_RE.match(second):
        return two
    place = pt.PLACE_RUN_IN_RE.match(raw)
    if place and item_text(place, raw[place.end() :]):
        return place
    return pt.RUN_IN_RE.match(raw) or pt.BULLETED_COMMA_RUN_IN_RE.match(raw)


def item_text(head: re.Match[str], rest: str) -> bool:
    """The text after a would-be run-in head reads as a brief's text: sentences, and the
    head is not a dateline (本报某地讯 近日，…) nor a date alone (a chronology's entry:
    1983年　长汀被列为…)."""
    return (
        pt.has_sentence_end(rest)
        and len(rest) >= MIN_ITEM_TEXT
        and not pt.DATELINE_RE.match(head["head"])
        and not pt.DATE_ONLY_RE.fullmatch(head["head"].strip())
    )


def _page_name_lines(units: list[Unit]) -> None:
    """A page number line without a page name takes a short label next to it as one."""
    for i, unit in enumerate(units):
        lone = unit.reason.endswith(("lone page number", "lone page code"))
        if unit.kind != "noise" or not ("page" in unit.meta or lone) or "page_name" in unit.meta:
            continue
        # Next to it, or after the date line and the rest of the masthead (A05, the date
        # line, then 城事·沈阳; 2, the paper's name, the date, then 要闻·综合).
        after = i + 1
        while after < len(units) and "date" in units[after].meta:
            after += 1
        beyond = after
        while beyond < len(units) and units[beyond].kind == "noise":
            beyond += 1
        # (past other furniture only a dotted label: a title may head the page's text)
        if beyond < len(units) and "·" in units[beyond].text:
            after = beyond
        # (A label above it, with only furniture above that, is in the masthead: the
        # page's name, where the line below may be the first headline.)
        above_in_masthead = i > 0 and all(u.kind == "noise" for u in units[: i - 1])
        order: tuple[int, ...] = (
            (i - 1, i + 1, after) if above_in_masthead else (i + 1, after, i - 1)
        )
        if i > 1 and all(u.kind == "noise" for u in units[1:i]):
            # (a label on the page's first line, over the paper's name and date: the
            # supplement's name, 河岸 / 黄河晨报副刊 / the date and page)
            order = (0, *order)
        for j in dict.fromkeys(order):
            # In the masthead (nothing but furniture above) a short label is the page's
            # name even if it could be read as a person's.
            masthead = all(u.kind == "noise" for u in units[:j])
            if 0 <= j < len(units) and _page_name_like(units[j], masthead):
                near = units[j]
                near.kind, near.reason = "noise", f"page furniture: page_name={near.text}"
                near.meta = {"page_name": near.text}
                unit.meta["page_name"] = near.text
                break


def _headline_colons(units: list[Unit]) -> None:
    """A short line ending in a colon between headline lines (or at the top of a headline
    group) is the first line of a two-line title (某地稻农用上无人机：/“……”), not a speaker's
    lead-in, which stands in the text between paragraphs."""
    for i, unit in enumerate(units[:-1]):
        opens = i == 0 or units[i - 1].kind != "para"
        colon = unit.text.endswith(("：", ":")) and len(unit.text) <= MAX_HEAD_CHARS
        under = units[i + 1].kind == "head"
        if unit.kind == "para" and colon and not unit.dateline and opens and under:
            unit.kind, unit.fragment = "head", False


def _asked_headlines(units: list[Unit]) -> None:
    """A short line that asks or cries (…平台要不要担责？) right over a reporter's byline is
    a headline: a text's last sentence is followed by more text or a closing credit, not by
    the reporters' names of the next article."""
    for unit, nxt in itertools.pairwise(units):
        asks = unit.text.endswith(("？", "?", "！", "!")) and len(unit.text) <= MAX_ASKED
        # (a reporter's byline, with its role: a bare name or ■ 某某 may sign the text above)
        reporters = bool(pt.LEADING_ROLE_RE.match(nxt.text.strip()))
        opening = nxt.kind == "byline" and not nxt.closes and not nxt.photo_credit and reporters
        one_sentence = not pt.has_sentence_end(unit.text[:-1])
        if unit.kind == "para" and not unit.dateline and asks and opening and one_sentence:
            unit.kind, unit.fragment = "head", False


def _letter_titles(units: list[Unit]) -> None:
    """The line over a letter's salutation alone (编辑同志：) is the letter's title, though
    it asks a question with a comma (小区电梯停了，谁来管？)."""
    for i, unit in enumerate(units[:-1]):
        salutation = SALUTATION_RE.match(units[i + 1].text)
        if (
            salutation
            and unit.kind == "para"
            and not unit.dateline
            and len(unit.text) <= MAX_HEAD_CHARS
        ):
            unit.kind, unit.fragment = "head", False


def _digest_teasers(units: list[Unit]) -> None:
    """Lines right under a 导读 label are its teasers when bulleted, with or without the
    page they point to (● 借名买房，房子到底归谁？), or when a line of their own points to
    the page (详见第三版): furniture, not headlines."""
    for i, unit in enumerate(units):
        if unit.reason != "page furniture: digest label":
            continue
        for k in range(i + 1, len(units)):
            other = units[k]
            if other.kind == "noise" and "teaser" in other.reason:
                continue
            bulleted = other.text[:1] in pt.BULLETS + pt.POINTERS
            pointed = k + 1 < len(units) and units[k + 1].reason == "page furniture: teaser pointer"
            if not (bulleted or pointed) or other.kind != "head":
                break
            other.kind, other.reason = "noise", "page furniture: teaser"


def _page_name_like(unit: Unit, masthead: bool) -> bool:
    # A dotted label (副刊·边城) reads like a transliterated name, but beside a page number
    # it is the page's name.
    named = unit.name_like and "·" not in unit.text and not masthead
    return unit.kind == "head" and len(unit.text) <= MAX_PAGE_NAME and not named


def furniture_of(units: list[Unit]) -> PageFurniture:
    """Page metadata from the furniture lines; unknown stays None."""
    found = PageFurniture()
    for unit in units:
        if unit.kind != "noise":
            continue
        facts = unit.meta
        if "paper" in facts and found.paper is None:
            found.paper = facts["paper"]
        if "date" in facts and found.date is None:
            found.date = facts["date"]
        if "page" in facts and found.page_number is None:
            found.page_number = int(facts["page"])
        if "page_name" in facts and found.page_name is None:
            found.page_name = facts["page_name"]
        if "editor" in facts:
            found.editors.extend(pt.split_names(facts["editor"]))
    return found
