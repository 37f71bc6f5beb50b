"""Headline groups: the short lines between paragraphs, and what each of them is.

A run of heading lines may open the next article (kicker, title, subtitle, column label,
author), close the one before (a headline printed after its body), be a subhead inside an
article, or be a poem's lines. The walk in ``assemble.py`` hands every run here.
"""

from __future__ import annotations

import re

from site_builder.ingest import patterns as pt
from site_builder.ingest.drafts import Draft, Element
from site_builder.ingest.titles import is_couplet, join_continued
from site_builder.ingest.walk import Walk, continued, in_box
from site_builder.models import Decision, NoiseLine
from site_builder.nlp.tokenizer import tagged

# A column label (栏目) is a short line standing apart from any article text.
MAX_COLUMN_LABEL = 8
# A line of a two-line subhead is short; the text under it shares the article's terms
# at least this much (cosine of topic vectors).
MAX_SUBHEAD_LINE = 16
SUBHEAD_COHESION = 0.03
# Inside a headline group a label is shorter still: a title or kicker says more.
MAX_LABEL_IN_GROUP = 5
# Aspect particles: a short line holding one tells of an event (a kicker), not a series.
ASPECT_MARKS = "了过着"
# Confidence reported for readings that shape and place make likely: the share of them
# that were right on blind batches A–E (bench/segment_blind.py, table "decision": subheads
# 55 of 61, author lines 16 of 16, column labels 46 of 51), checked again on A–N (shares
# right: subheads 0.89 of 207, author lines 1.0 of 54, column labels 0.92 of 149; verse
# 0.2 of 15, so 0.2).
# Headlines printed after their text and two-line subheads are not judged there (0.7 set
# by hand).
SUBHEAD, AFTER, NAME_LINE, LABEL, VERSE = 0.9, 0.7, 0.95, 0.9, 0.2
SUBHEAD2 = 0.7
# A headline group has at most kicker, title, subtitle and a label; more short lines in a
# row are verse.
MIN_VERSE, MAX_VERSE_LINE = 4, 15
# How much closer to the text before it a heading must be to count as printed after it.
TRAILING_MARGIN = 1.5
# The caption of a story's picture (图为…), as opposed to a photo item's.
STORY_PICTURE_RE = re.compile(r"\s*[上下左右]?图为")
# A heading over a photo group's intro sees its first numbered caption within this many
# elements.
CAPTIONS_AHEAD = 3


class HeadlineReader(Walk):
    """Reads headline groups into the drafts of a ``Walk``."""

    def _headings(self, i: int, j: int) -> None:
        group = list(self.elements[i:j])
        k = i - 1
        while k >= 0 and in_box(self.elements[k]):
            # A figure box printed just above: the heading follows the text before the box.
            k -= 1
        prev = self.elements[k] if k >= 0 else None
        # A figure box printed inside an article stands between a subhead and its text.
        while j < len(self.elements) and in_box(self.elements[j]):
            j += 1
        nxt = self.elements[j] if j < len(self.elements) else None
        draft = self.cur
        if any(continued(e.first) for e in group):
            # A title reprinted with its 上接 marker opens the continued part of an article.
            self._leading(group, nxt)
            return
        text = " ".join(e.text for e in group)
        after = self._paras_after(j)
        if (
            draft is not None
            and draft.heads
            and not draft.paras
            and draft.note is not None
            and len(group) == 1
            and group[0].first.name_like
            and draft.name_line is None
        ):
            # headline, editor's note, then the author's name: that article's author.
            draft.name_line = group[0]
            draft.authors.append(pt.unpad(group[0].text))
            self._doubt(group[0], "read as an author's name", "under a note", NAME_LINE)
            return
        signed_below = nxt is not None and nxt.kind == "byline" and not nxt.first.closes
        if (
            draft is not None
            and draft.paras
            and not draft.authors
            and draft.name_line is None
            and prev is not None
            and prev.kind in ("para", "affiliation")
            and len(group) >= 2
            and (padded_name(group[0]) or (group[0].first.name_like and signed_below))
        ):
            # A padded name right after a text, over a headline: the signature of the
            # text above (…。 / 薛  婷 / next title), not a kicker; so is any name there
            # when the headline below has a byline of its own.
            draft.name_line = group.pop(0)
            draft.authors.append(pt.unpad(draft.name_line.text))
            self._doubt(draft.name_line, "read as an author's name", "under a text", NAME_LINE)
            text = " ".join(e.text for e in group)
        # No text for a last line to head: the page ends, or furniture or a label follows,
        # or a byline printed over a title of its own (■ 某某 / title / text).
        last = nxt is None or nxt.kind in ("noise", "label", "affiliation")
        last = last or (nxt is not None and nxt.kind == "byline" and self._titled_byline(nxt))
        lines = verse_lines(group, last or not any(e.kind == "para" for e in self.elements[j:]))
        if lines:
            # A run of short lines longer than any headline group: a poem's lines, each a
            # paragraph of the article it is printed in; what follows them (a title, and a
            # subtitle) heads the next article.
            start = 0
            if lines >= MIN_VERSE + 2 and group[1].first.name_like:
                # A title over its author's name over the lines: a poem of its own.
                verse = self._open()
                verse.heads, verse.name_line, verse.kind = [group[0]], group[1], "commentary"
                verse.authors.append(pt.unpad(group[1].text))
                start = 2
            else:
                verse = draft if draft is not None and not draft.closed else self._open()
            verse.paras.extend(group[start:lines])
            self._doubt(group[0], "read as verse", f"{lines} short lines in a row", VERSE)
            if lines < len(group):
                self._headings(i + lines, j)
            return

        if (
            draft is not None
            and draft.heads
            and draft.byline is not None
            and not draft.paras
            and prev is draft.byline
            and not self._label_only(draft)
            and len(group) == 1
            and len(text) <= MAX_COLUMN_LABEL
            and nxt is not None
            and nxt.kind == "para"
            and nxt.first.dateline is None
            and not nxt.first.caption_credit
        ):
            # headline, byline, then one short line over the text: the article's first
            # subhead (案情回顾 under a 以案说法 piece), not another article's title.
            self._add_subheads(draft, group)
            self._doubt(group[0], "read as a subhead", "right under the byline", SUBHEAD2)
            return
        if draft is not None and len(group) == 1 and len(text) <= MAX_COLUMN_LABEL:
            ends_page = nxt is None or nxt.kind == "noise"
            # Left over at the page end next to an article that has its headline (a
            # headline-less one takes it as a title printed after it, below).
            if ends_page and draft.column is None and draft.heads:
                draft.column = group[0]
                return

        signed_note = (
            j + 1 < len(self.elements)
            and self.elements[j].kind == "para"
            and bool(pt.EDITOR_SIGNATURE_RE.match(self.elements[j + 1].text))
        )
        if (
            draft is not None
            and draft.affiliation is not None
            and draft.column is None
            and label_like(group[0])
            and not signed_note
        ):
            # A label right after a commentary's closing line is that commentary's column
            # (unless a signed note follows it: that note opens the labelled article).
            draft.column = group.pop(0)
            if not group:
                return
            text = " ".join(e.text for e in group)
        if (
            draft is not None
            and not draft.heads
            and draft.body
            and draft.body[-1:]
            and all(pt.NUMBERED_CAPTION_RE.match(p.text) for p in draft.body[1:])
            and pt.NUMBERED_CAPTION_RE.match(draft.body[-1].text)
        ):
            # Numbered captions (after the group's intro) printed above their photo group's
            # title: the title is the group's, and the text under it goes on in the same
            # article.
            draft.heads = group
            return
        number = pt.section_number(group[0].text)
        series = self._series(number) if number is not None and len(group) <= 2 else None
        if series is not None and series is not draft:
            # The next section of an article printed further up, after other articles
            # (三、 under a letter, where 二、 was the theory piece's): that article goes on.
            self.cur = draft = series
        if (
            draft is not None
            and draft.heads
            and not draft.paras
            and number == 1
            and len(group) <= 2
            and (draft.byline is not None or draft.note is not None)
        ):
            # headline, byline (or the editor's note), then 一、: the article's first section.
            self._add_subheads(draft, group)
            self._doubt(group[0], "read as a subhead", "the first number of a series", SUBHEAD)
            return
        if (
            draft is not None
            and not draft.closed
            and number is not None
            and any(pt.section_number(draft.paras[k].text) == number - 1 for k in draft.subheads)
        ):
            # The next numbered section of the article (二、 after 一、), in one or two lines;
            # over more lines, the rest heads another article (the section's text printed
            # after it: 二、… / 教育时评 / title / ■ author).
            self._add_subheads(draft, group[:2] if len(group) <= 2 else group[:1])
            self._doubt(group[0], "read as a subhead", "the next number of a series", SUBHEAD)
            if len(group) > 2:
                self._headings(i + 1, j)
            return
        if draft is not None and draft.body and prev is not None and prev.kind != "head":
            m = self._printed_after(draft, group, prev, after)
            if m:
                self._trailing(draft, group[:m], i)
                if m < len(group):
                    self._leading(group[m:], nxt)
                return
            between = self._between_paragraphs(draft, prev, nxt, j)
            if between and len(group) == 1 and nxt is not None and not nxt.first.caption_credit:
                self._add_subheads(draft, group)
                self._doubt(group[0], "read as a subhead", "a heading between paragraphs", SUBHEAD)
                return
            if between and self._two_line_subhead(draft, group, after):
                self._add_subheads(draft, group)
                self._doubt(group[0], "read as a two-line subhead", "the text goes on", SUBHEAD2)
                return
        self._leading(group, nxt)

    def _series(self, number: int) -> Draft | None:
        """The latest open article whose last numbered section is ``number - 1``."""
        for draft in reversed(self.drafts):
            numbers = [pt.section_number(draft.paras[k].text) for k in sorted(draft.subheads)]
            numbered = [n for n in numbers if n is not None]
            if numbered and not draft.closed:
                return draft if numbered[-1] == number - 1 else None
        return None

    def _between_paragraphs(self, draft: Draft, prev: Element, nxt: Element | None, j: int) -> bool:
        """A heading run stands inside an open article's text: a paragraph above and one
        under it that neither opens an article (dateline, 上接) nor is a photo's caption."""
        if draft.closed or draft.in_brief_cluster or prev.kind != "para":
            return False
        if nxt is None or nxt.kind != "para" or nxt.first.dateline is not None:
            return False
        # (nor a photo group's title: its intro and numbered captions 图①… follow)
        group = any(
            pt.NUMBERED_CAPTION_RE.match(e.text) for e in self.elements[j : j + CAPTIONS_AHEAD]
        )
        return not continued(nxt.first) and not self._is_caption(j) and not group

    @staticmethod
    def _add_subheads(draft: Draft, group: list[Element]) -> None:
        for head in group:
            draft.subheads.add(len(draft.paras))
            draft.paras.append(head)

    def _two_line_subhead(self, draft: Draft, group: list[Element], after: list[Element]) -> bool:
        """Two short heading lines between paragraphs of a headed article over text that
        goes on with the article's subject: a subhead printed on two lines, not the
        headline group of another article."""
        if len(group) != 2 or not draft.heads or not after:
            return False
        if any(len(head.text) > MAX_SUBHEAD_LINE for head in group) or group[-1].first.name_like:
            return False
        own = self._sim(" ".join(e.text for e in after), draft.body[-3:])
        return own >= SUBHEAD_COHESION

    def _printed_after(
        self, draft: Draft, group: list[Element], prev: Element, after: list[Element]
    ) -> int:
        """How many lines of ``group`` are the headline of the body before it (0: none);
        a column label read as that body's title becomes its column.

        Printed after its article, a headline shares that article's names and terms more
        than those of the text that follows. A byline just before makes this likely; with
        no byline the evidence must be stronger, and never when the body has a headline.
        """
        under = self._next_to(group[-1])
        if under is not None and under.kind == "para" and continued(under.first):
            # A title over text opening with 上接: the reprinted title of that article.
            return 0
        credit = under is not None and under.kind == "byline" and not under.first.closes
        # The last line over a byline heads the article below (photo credits excepted:
        # caption, title, credit is a photo's order; and a byline over a title of its own,
        # 文/图 某某 then the title, is that title's); lines above it may still close the
        # article before.
        own_title = under is not None and self._titled_byline(under)
        opens_below = credit and under and not under.first.photo_credit and not own_title
        lines = len(group) - 1 if opens_below else len(group)
        if not lines:
            return 0
        closes = prev.kind in ("byline", "affiliation")
        before = draft.body[-5:]
        under_at = self.position[id(under)] if under is not None else len(self.elements)
        if lines == 1 and self._headless_photo(draft) and self._is_caption(under_at):
            # caption, credit, title; caption, credit, title: a photo page prints each
            # photo's title under its credit, though the two may share no word (unless
            # the title names what the caption under it shows).
            title = group[0].text
            if self._sim(title, before) >= self._sim(title, after):
                return 1
        signed_after = (
            prev.kind == "byline"
            and draft.affiliation is not None
            and 0 < prev.first.line - draft.affiliation.lines[-1] <= 2
        )
        if signed_after and draft.closed and self._label_only(draft):
            # Over the body stood only its column label (基层视角), read as its title; its
            # author and title are printed after the body's closing affiliation.
            draft.column, draft.heads = draft.heads[0], []
            # (the title, and its subtitle if one follows; the next lines head what follows)
            return 2 if lines >= 2 and group[1].text.startswith(("——", "—")) else 1
        if draft.heads and closes and draft.closed and not prev.first.closes:
            # An article with its headline, closed by its credit, takes no second one.
            return 0
        if draft.heads and (draft.closed or not closes):
            # The body already has a headline: this one can only belong to a second article
            # that began inside the body, closer to this headline than to the first one —
            # unless a dateline follows it: then it opens the article of that dateline. (A
            # credit in brackets at the text's end, （记者 某某）, may close that second one.)
            if after and after[0].first.dateline and self._next_to(group[-1]) is after[0]:
                return 0
            k = self._tail_start(draft, " ".join(e.text for e in group))
            tail = draft.paras[k:]
            own = " ".join(e.text for e in draft.heads) + draft.paras[0].text
            text = " ".join(e.text for e in group)
            back, fwd = self._sim(text, tail), self._sim(text, after)
            if back > TRAILING_MARGIN * fwd and back > 0.05 and back > 2 * self._sim(own, tail):
                return lines
            return 0
        best_m, best_gap = 0, 0.0
        for m in range(1, lines + 1):
            text = " ".join(e.text for e in group[:m])
            back, fwd = self._sim(text, before), self._sim(text, after)
            floor = 0.05 if closes else 0.15
            # After a closing credit, words shared only with the text above say enough.
            alone = closes and back > 0 and fwd == 0
            if back > TRAILING_MARGIN * fwd and (back > floor or alone) and back - fwd > best_gap:
                best_m, best_gap = m, back - fwd
        if not best_m and closes and not after:
            return lines
        dated = bool(after) and after[0].first.dateline is not None
        first = group[0].text
        titles_above = self._sim(first, before) >= self._sim(first, after)
        # (over a dateline, a kicker speaks of the text below; a line that shares nothing
        # with it while the title under it does is the title of the photo whose credit
        # line stands just above)
        foreign = (
            dated
            and len(group) >= 2
            and prev.kind == "byline"
            and prev.first.photo_credit
            # (图为…: the picture of a story, which has its own title elsewhere)
            and not any(STORY_PICTURE_RE.match(p.text) for p in draft.paras)
            and self._sim(first, after) == 0.0
            and self._sim(group[1].text, after) > 0.0
        )
        photo_first = self._headless_photo(draft) and titles_above
        if not best_m and lines >= 2 and (not dated or foreign) and photo_first:
            # A photo printed caption first, then two titles: its own, and the next one's
            # (a kicker and title over a dateline, or over the text they name, head that
            # article instead).
            return 1
        return best_m

    def _titled_byline(self, byline: Element) -> bool:
        """A byline printed over a headline of one or two lines and its text: that
        headline's (文/图 某某, then the title), not the heading above it."""
        j = self.position[id(byline)] + 1
        k = j
        while k < len(self.elements) and self.elements[k].kind == "head":
            k += 1
        return 1 <= k - j <= 2 and k < len(self.elements) and self.elements[k].kind == "para"

    @staticmethod
    def _headless_photo(draft: Draft) -> bool:
        """``draft`` is one photo's caption with its credit, or a photo group's numbered
        captions (and its text) over one credit, and no title yet."""
        if draft.heads or not draft.paras:
            return False
        credited = draft.byline is not None and draft.byline.first.photo_credit
        if len(draft.paras) > 1:
            return bool(credited and pt.caption_number(draft.paras[0].text))
        return bool(credited or draft.paras[0].first.caption_credit)

    @staticmethod
    def _label_only(draft: Draft) -> bool:
        """The article's only heading is a column label, not a title."""
        return draft.column is None and len(draft.heads) == 1 and label_like(draft.heads[0])

    def _trailing(self, draft: Draft, group: list[Element], at: int) -> None:
        if draft.heads:
            self._split_tail(draft, group, at)
            return
        draft.heads = group
        draft.trailing = True
        self.cur = None
        self._doubt(group[0], "read as the headline of the text above it", "printed after", AFTER)

    def _tail_start(self, draft: Draft, anchor: str | None) -> int:
        """Where a second article starts inside ``draft``'s paragraphs: the cut that best
        sorts them between the draft's own headline and ``anchor`` (the other headline,
        or else the last paragraph)."""
        body = draft.paras
        anchor_a = " ".join(e.text for e in draft.heads) + (body[0].text if body else "")
        anchor_b = anchor if anchor is not None else body[-1].text
        best_k, best = len(body) - 1, float("-inf")
        for k in range(1, len(body)):
            if k in draft.subheads and anchor is not None:
                # A subhead can open the second article only when no headline of its own
                # is coming (it then becomes that headline).
                continue
            score = sum(self._sim(anchor_a, [p]) for p in body[:k]) + sum(
                self._sim(anchor_b, [p]) for p in body[k:]
            )
            if score > best:
                best_k, best = k, score
        return best_k

    def _split_tail(self, draft: Draft, group: list[Element] | None, at: int) -> None:
        """Move the tail of ``draft`` into a new article (its own byline/headline follow)."""
        body = draft.paras
        best_k = self._tail_start(draft, " ".join(e.text for e in group) if group else None)
        tail = Draft(paras=body[best_k:], kind=draft.kind if draft.kind != "commentary" else "news")
        tail.subheads = {i - best_k for i in draft.subheads if i >= best_k}
        draft.subheads = {i for i in draft.subheads if i < best_k}
        draft.paras = body[:best_k]
        if 0 in tail.subheads and group is None and len(tail.paras) > 1:
            # The second article starts at what was read as a subhead: its headline.
            tail.heads = [tail.paras.pop(0)]
            tail.subheads = {i - 1 for i in tail.subheads if i > 0}
        line = tail.paras[0].first.line
        self.decisions.append(
            Decision(
                line,
                f"new article starts at line {line}",
                "a second credit/headline follows a body that already had one; "
                "the cut is where the topic shifts",
                0.6,
            )
        )
        self.drafts.append(tail)
        if draft.byline is not None and at > 0 and draft.byline is self.elements[at - 1]:
            # The byline printed right before this headline belongs to the moved article.
            tail.byline, draft.byline = draft.byline, None
            tail.authors = list(tail.byline.first.credit)
            draft.authors = [a for a in draft.authors if a not in tail.authors]
        if group is not None:
            tail.heads = group
            tail.trailing = True
            self.cur = None
        else:
            self.cur = tail

    def _leading(self, group: list[Element], nxt: Element | None) -> None:
        cur = self.cur
        label_over_byline = (
            cur is not None
            and self._label_only(cur)
            and cur.byline is not None
            # (printed right over this title: not a pair the reading order brought here)
            and 0 < group[0].first.line - cur.byline.lines[-1] <= 2
        )
        if (
            cur is not None
            and cur.byline is not None
            and not cur.paras
            and (not cur.heads or label_over_byline)
        ):
            # A byline printed over its headline (under the column label, 皖风 / □ 方圆 /
            # title): the article it opened goes on here.
            draft = cur
            if cur.heads:
                draft.column = cur.heads.pop()
                self._doubt(draft.column, "read as a column label", "over a byline", LABEL)
        else:
            draft = self._open()
        if len(group) >= 2 and self.brief_label is not None:
            # A full headline group is a regular article: a brief cluster has ended.
            self._end_cluster()
            draft.in_brief_cluster = False
            draft.shared_column = None
        heads = list(group)
        if (
            len(heads) >= 2
            and heads[-1].first.name_like
            and nxt is not None
            and nxt.kind == "para"
            and nxt.first.dateline is None
        ):
            draft.name_line = heads.pop()
            draft.authors.append(pt.unpad(draft.name_line.text))
            self._doubt(draft.name_line, "read as an author's name", "under a title", NAME_LINE)
            draft.kind = "commentary"
        labelled = False
        for end in (0, -1):
            # A very short line over or under the title is a column label (栏目), not a
            # kicker: kickers and titles say something, labels only name the series.
            named = label_like(heads[end]) or (end == 0 and heads[0].text in self.series)
            if len(heads) >= 2 and draft.column is None and named:
                draft.column = heads.pop(end)
                labelled = True
                self._doubt(draft.column, "read as a column label", "named like a series", LABEL)
        first = heads[0] if len(heads) >= 2 else None
        if first is not None and padded_name(first) and draft.name_line is None:
            # A padded name over the title (under the column label): the author's.
            draft.name_line = heads.pop(0)
            draft.authors.append(pt.unpad(first.text))
            self._doubt(first, "read as an author's name", "over a title", NAME_LINE)
        # (a reporter's byline under the group, 本报记者 某某, credits news, not an opinion)
        reported = nxt is not None and nxt.kind == "byline" and "记者" in nxt.text
        if labelled and not (nxt and nxt.first.dateline) and not draft.byline and not reported:
            draft.kind = "commentary"
        while len(join_continued([h.text for h in heads])) > 3 and not paired(heads[0], heads[1]):
            # (A kicker of two matched halves, 锚定目标开新局 / 真抓实干起好步, is one kicker.)
            banner = heads.pop(0)
            self.noise.append(NoiseLine(banner.first.line, banner.first.raw, "page banner"))
            self.decisions.append(
                Decision(
                    banner.first.line,
                    f"line {banner.first.line} taken as a page banner",
                    "a headline group has at most kicker, title and subtitle",
                    0.5,
                )
            )
        draft.heads = heads


def verse_lines(group: list[Element], last: bool = False) -> int:
    """How many lines at the start of a run of short lines are verse (0: none). The last
    line, or the last two when the last is a dashed subtitle or a name, may head the next
    article — unless no text follows on the page (``last``)."""
    # (two when the last is a dashed subtitle, or the author's name under a title)
    two = group[-1].text.startswith(("——", "—")) or group[-1].first.name_like
    heading = 2 if len(group) >= 2 and two else 1
    if last:
        heading = 0
    short = 0
    while short < len(group) and len(group[short].text) <= MAX_VERSE_LINE:
        short += 1
    lines = min(short, len(group) - heading)
    return lines if lines >= MIN_VERSE else 0


def label_like(head: Element) -> bool:
    """A column label (栏目): short, neither a place nor a person's name; named like a
    series (…时评, …手记, …观察), or at least not a clause: a kicker as short says
    something happened (寒潮来了, 非遗过大年)."""
    text = head.text
    if len(text) > MAX_LABEL_IN_GROUP or text.endswith(pt.PLACE_SUFFIXES):
        return False
    if padded_name(head) or (head.first.name_like and _tagged_name(text)):
        # A padded name, or one jieba knows for a name; other name-shaped words over a
        # title (学思践悟, 以案释法) name a column.
        return False
    return text.endswith(pt.COLUMN_ENDINGS) or not any(c in text for c in ASPECT_MARKS)


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
