"""Headline groups: the short lines between paragraphs, and what each of them is.

A run of heading lines may open the next article (kicker, title, subtitle, column label,
author), close the one before (a headline printed after its body), be a subhead inside an
article, or be a poem's lines. The walk in ``assemble.py`` hands every run here.
"""

from __future__ import annotations

from itertools import pairwise

from site_builder.ingest import patterns as pt
from site_builder.ingest.drafts import Draft, Element, run_in
from site_builder.ingest.heading_shapes import (
    MIN_VERSE,
    genre_label,
    label_like,
    padded_name,
    paired,
    verse_lines,
)
from site_builder.ingest.page_facts import indented_line
from site_builder.ingest.subheads import HeadingBetween, subhead_model
from site_builder.ingest.titles import join_continued
from site_builder.ingest.trailing import AFTER, TrailingHeadlines
from site_builder.ingest.walk import (
    ATTACH_COHESION,
    MAX_CAPTION,
    PHOTO_INTERRUPTED,
    continued,
    in_box,
)
from site_builder.models import Decision, NoiseLine

# A heading between paragraphs is read as another article's headline from these odds on
# (subheads.py); the text under it is read this far for the evidence.
OPENS, UNDER_REACH = 0.7, 10
# How far down a run of text further subheads are looked for.
SERIES_REACH = 24
# A column label (栏目) is a short line standing apart from any article text.
MAX_COLUMN_LABEL = 8
# A line of a two-line subhead is short; the text under it shares the article's terms
# at least this much (cosine of topic vectors).
MAX_SUBHEAD_LINE = 16
SUBHEAD_COHESION = 0.03
# Confidence reported for readings that shape and place make likely: the share of them
# that were right on blind batches A–E (bench/segment_blind.py, table "decision": subheads
# 55 of 61, author lines 16 of 16, column labels 46 of 51), checked again on A–N (shares
# right: subheads 0.89 of 207, author lines 1.0 of 54, column labels 0.92 of 149; verse
# 0.2 of 15, so 0.2).
# Headlines printed after their text and two-line subheads are not judged there (0.7 set
# by hand).
SUBHEAD, NAME_LINE, LABEL, VERSE = 0.9, 0.95, 0.9, 0.2
SUBHEAD2 = 0.7
# A section's name under a title (案情, 说法) is this short at most.
MAX_SECTION_NAME = 4
# A heading over a photo group's intro sees its first numbered caption within this many
# elements.
CAPTIONS_AHEAD = 3
# Text under a poem may go on with one of the last few articles before it.
RESUMED_REACH = 3


class HeadlineReader(TrailingHeadlines):
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
        if (
            len(group) == 1
            and group[0].text.endswith(pt.VERSE_MARKS)
            and draft is not None
            and not draft.closed
            and (draft.heads or draft.paras)
            and nxt is not None
            and nxt.kind == "para"
        ):
            # One line ending in a clause's comma, in an article over more text: a verse
            # line of a poem printed with its punctuation (春风十里上层峦，), a paragraph;
            # no title or subhead ends in a comma.
            draft.paras.append(group[0])
            return
        if any(continued(e.first) for e in group):
            # A title reprinted with its 上接 marker opens the continued part of an article.
            self._leading(group, nxt)
            return
        if (
            len(group) == 1
            and draft is not None
            and not draft.heads
            and len(draft.paras) == 1
            and prev is draft.paras[0]
            and nxt is not None
            and nxt.kind == "byline"
            and nxt.first.photo_credit
            and len(prev.text) <= MAX_CAPTION
        ):
            # caption, title, credit: a photo printed with its title between its caption
            # and its credit line.
            draft.heads, draft.kind = group, "photo"
            self._doubt(group[0], "read as the title of the photo above it", "a caption", AFTER)
            return
        if (
            len(group) >= 2
            and draft is not None
            and not draft.heads
            and len(draft.paras) == 1
            and prev is not None
            and prev is draft.byline
            and prev.first.photo_credit
            and self._sim(group[0].text, draft.paras)
            > self._sim(group[0].text, self._paras_after(j))
        ):
            # caption, credit, then more headings than one: the first, when it speaks of
            # what the caption shows, is that photo's title printed under it; the rest
            # head what follows (油菜花开引客来 / 守好一江清水…, a continued article's).
            draft.heads, draft.kind = [group[0]], "photo"
            self.cur = None
            self._doubt(group[0], "read as the title of the photo above it", "a caption", AFTER)
            self._headings(i + 1, j)
            return
        labelled_photo = draft is not None and len(draft.paras) == 1 and self._label_only(draft)
        if (
            len(group) >= 2
            and draft is not None
            and (len(draft.paras) > 1 or labelled_photo)
            and prev is draft.paras[-1]
            and bool(prev.first.caption_credit)
            and not pt.STORY_PICTURE_RE.match(prev.text)
            and pt.caption_number(prev.text) is None
            and not group[1].first.name_like
            and self._sim(group[0].text, [prev]) > self._sim(group[0].text, self._paras_after(j))
        ):
            # A caption with its credit, then more headings than one: the first, when it
            # speaks of what the caption shows, is that photo's title printed under it
            # (caption, title); the rest head what follows. (A story's own picture, 图为…
            # or numbered, keeps its caption.)
            if labelled_photo:
                # (图片新闻 / caption / title: the label's item is the photo itself)
                draft.column, draft.heads, draft.kind = draft.heads[0], [group[0]], "photo"
            else:
                draft.paras.pop()
                self.drafts.append(Draft(heads=[group[0]], paras=[prev], kind="photo"))
            self.cur = None
            self._doubt(group[0], "read as the title of the photo above it", "a caption", AFTER)
            self._headings(i + 1, j)
            return
        text = " ".join(e.text for e in group)
        after = self._paras_after(j)
        if (
            draft is not None
            and draft.heads
            and not draft.paras
            and draft.note is not None
            and (len(group) == 1 or padded_name(group[0]))
            and group[0].first.name_like
            and draft.name_line is None
        ):
            # headline, editor's note, then the author's name: that article's author (and
            # the short lines under a padded one, a poem group's lines, its text).
            draft.name_line = group.pop(0)
            draft.authors.append(pt.unpad(draft.name_line.text))
            self._doubt(draft.name_line, "read as an author's name", "under a note", NAME_LINE)
            if not group:
                return
        if (
            draft is not None
            and draft.heads
            and not draft.paras
            and draft.note is not None
            and len(group) == 1
            and nxt is not None
            and nxt.kind == "para"
            and nxt.first.dateline is None
        ):
            # headline, (byline,) editor's note, then one heading over text: the report's
            # first subhead (the note opens the report, its text follows).
            draft.subheads.add(len(draft.paras))
            draft.paras.append(group[0])
            self._doubt(group[0], "read as a subhead", "under an editor's note", SUBHEAD)
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
        signed = nxt is not None and nxt.kind == "byline"
        lines = verse_lines(
            group, last or not any(e.kind == "para" for e in self.elements[j:]), signed
        )
        if (
            0 < lines == len(group) - 1
            and nxt is not None
            and nxt.kind == "para"
            and not genre_label(group[-1])
            and self._sim(group[-1].text, self._paras_after(j)) == 0
            and any(
                d is not draft and d.body and self._sim(nxt.text, d.body[-3:]) > ATTACH_COHESION
                for d in self.drafts[-RESUMED_REACH:]
            )
        ):
            # The last short line, kept back to head what follows, shares no word with
            # that text, no byline stands between, and the text goes on with the article
            # the poem was printed into: the poem's last line.
            lines = len(group)
        if lines:
            # A run of short lines longer than any headline group: a poem's lines, each a
            # paragraph of the article it is printed in; what follows them (a title, and a
            # subtitle) heads the next article.
            poems = _poem_heads(group[:lines])
            if poems and _indented(group[poems[-1] + 2]):
                # (an indented poem ends at its first flush line: that heads what follows)
                flush = (k for k in range(poems[-1] + 2, lines) if not _indented(group[k]))
                lines = next(flush, lines)
            first = poems[0] if poems else lines
            # (a short line over the first poem's title and name: the poems' column)
            label = group[0] if first == 1 and len(group[0].text) <= MAX_COLUMN_LABEL else None
            if first and label is None:
                # Verse lines of the article the poem is printed in.
                verse = draft if draft is not None and not draft.closed else self._open()
                verse.paras.extend(group[:first])
            for start, end in pairwise([*poems, lines]):
                # A title over its author's name over the lines: a poem of its own.
                verse = self._open()
                verse.heads, verse.name_line = [group[start]], group[start + 1]
                verse.kind = "commentary"
                verse.authors.append(pt.unpad(group[start + 1].text))
                verse.paras.extend(group[start + 2 : end])
                if label is not None and start == 1:
                    verse.column = label
                elif label is not None:
                    verse.shared_column = label.text
            self._doubt(group[0], "read as verse", f"{lines} short lines in a row", VERSE)
            if lines < len(group):
                # (from the first line left: a label taken off the group's top moved it)
                self._headings(self.position[id(group[lines])], j)
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
            # (Under a second byline held for it, it is the headline of the text above.)
            held = prev is not None and prev is self.held_byline
            if ends_page and draft.column is None and draft.heads and not held:
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
            and not (len(group) == 1 and self._is_caption(j))
            # (a run-in head printed on one line with its text heads that text)
            and not (len(group) == 1 and nxt is not None and run_in(group[0], nxt))
        ):
            # A label right after a commentary's closing line is that commentary's column
            # (unless a signed note follows it: that note opens the labelled article; or a
            # caption over its credit: the line is that photo's title).
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
            and draft.heads
            and draft.paras
            and not draft.closed
            and number == 1
            and len(group) <= 2
            and not draft.subheads
            and nxt is not None
            and nxt.kind == "para"
            and nxt.first.dateline is None
            and any(e.kind == "head" and pt.section_number(e.text) == 2 for e in self.elements[j:])
        ):
            # headline, a lede, then 一、 with 二、 further on: the article's first section.
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
            # over more lines, or over a dateline or a byline, the rest heads another
            # article (the section's text printed after it: 二、… / 教育时评 / title / ■ author).
            opens = nxt is not None and (nxt.kind == "byline" or nxt.first.dateline is not None)
            lines = 2 if len(group) == 2 and not opens else 1
            self._add_subheads(draft, group[:lines])
            self._doubt(group[0], "read as a subhead", "the next number of a series", SUBHEAD)
            if len(group) > lines:
                self._headings(self.position[id(group[lines])], j)
            return
        if (
            draft is not None
            and len(group) == 1
            and any(pt.MORE_POEMS_RE.search(h.text) for h in draft.heads)
            and draft.paras
            and nxt is not None
            and nxt.kind == "para"
        ):
            # Under a title saying more poems follow (外一首), the next poem's title.
            self._add_subheads(draft, group)
            self._doubt(group[0], "read as a subhead", "the next poem of a group", SUBHEAD)
            return
        if (
            draft is not None
            and draft.kind == "photo"
            and not draft.heads
            and len(group) == 1
            and after
            and nxt is not None
            and nxt.kind == "para"
            and nxt.first.dateline is None
            # (a caption over its own credit is another photo's, this its title)
            and not self._is_caption(j)
            and not nxt.first.caption_credit
        ):
            # A heading under a photo printed inside an article, over text that goes on
            # with that article: the photo interrupted it, and this is its subhead.
            resumed = self._interrupted(after[0], PHOTO_INTERRUPTED)
            if resumed is not None and resumed.heads:
                self.cur = resumed
                self._add_subheads(resumed, group)
                self._doubt(group[0], "read as a subhead", "under a photo in the text", SUBHEAD)
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
                heads = self._headline_odds(draft, group[0], j)
                if heads < OPENS:
                    self._add_subheads(draft, group)
                    why = "a heading between paragraphs"
                    self._doubt(group[0], "read as a subhead", why, min(SUBHEAD, 1 - heads))
                    return
                why = f"the text under it is another article's; odds {heads:.2f}"
                self._doubt(group[0], "read as a headline, not a subhead", why, heads)
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
        under it that neither opens an article (dateline, 上接) nor is a photo's caption.
        (The credit of the article's own photo, printed in its text, is its caption's.)"""
        own_credit = prev.kind == "byline" and any(prev.first in p.units for p in draft.paras[-1:])
        if draft.closed or draft.in_brief_cluster or not (prev.kind == "para" or own_credit):
            return False
        if nxt is None or nxt.kind != "para" or nxt.first.dateline is not None:
            return False
        if run_in(self.elements[j - 1], nxt):
            # (a run-in head on one line with its text opens that text as an article)
            return False
        # (nor a photo group's title: its intro and numbered captions 图①… follow)
        group = any(
            pt.NUMBERED_CAPTION_RE.match(e.text) for e in self.elements[j : j + CAPTIONS_AHEAD]
        )
        return not continued(nxt.first) and not self._is_caption(j) and not group

    def _headline_odds(self, draft: Draft, head: Element, j: int) -> float:
        """How likely the heading line between ``draft``'s paragraphs heads another
        article (``subheads.py``); the evidence is kept for training."""
        under = self._paras_after(j, UNDER_REACH)
        last = draft.body[-3:]
        seen = HeadingBetween(
            text=head.text,
            under=[e.text for e in under],
            speaks_of_under=self._sim(head.text, under),
            under_goes_on=self._sim(" ".join(e.text for e in under[:3]), last),
            speaks_of_above=self._sim(head.text, last),
            subheads=len(draft.subheads),
            paragraphs=len(draft.paras),
            ahead=self._subheads_ahead(j),
        )
        self.headings_between.append((head.first.line, seen))
        return subhead_model().headline_probability(seen) if self.learned_subheads else 0.0

    def _subheads_ahead(self, j: int) -> int:
        """Single heading lines between paragraphs further down the run of text that
        starts at element ``j``, up to a byline, a dateline or a headline group."""
        found, elements = 0, self.elements
        for k in range(j + 1, min(len(elements) - 1, j + SERIES_REACH)):
            e = elements[k]
            if e.kind not in ("para", "head") or e.first.dateline is not None:
                break
            if e.kind == "head":
                if elements[k - 1].kind != "para" or elements[k + 1].kind != "para":
                    break
                found += 1
        return found

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
        if genre_label(group[0]):
            # 短评 / title: a commentary's column over its title, on the report's subject.
            return False
        own = self._sim(" ".join(e.text for e in after), draft.body[-3:])
        return own >= SUBHEAD_COHESION

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
            # A very short line over the title is a column label (栏目), not a kicker:
            # kickers and titles say something, labels only name the series. Under the
            # title only a genre's name is (title / 短评): a short line there that names
            # no genre is the title, the line over it a kicker (谷雨前后采制忙 / 茶山四月天).
            named = label_like(heads[0]) or heads[0].text in self.series
            if end == -1:
                named = genre_label(heads[-1])
            # (a line over a dashed subtitle is the title it subtitles: 渡口人家 / ——…)
            subtitled = end == 0 and len(heads) >= 2 and pt.dashed(heads[1].text)
            if len(heads) >= 2 and draft.column is None and named and not subtitled:
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
        # (a reporter's notes, 记者手记 / 摄影手记, are an opinion piece whoever signs them)
        notes = labelled and draft.column is not None and draft.column.text.endswith("手记")
        opinion = labelled and not (nxt and nxt.first.dateline) and not draft.byline
        if notes or (opinion and not reported):
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
        if len(heads) >= 2 and _section_name(heads[-1], heads[-2], nxt):
            # (title / 案情 / text: a section's name of two or three characters under a
            # title opens the text as its first subhead)
            draft.subheads.add(len(draft.paras))
            draft.paras.append(heads.pop())
            self._doubt(draft.paras[-1], "read as a subhead", "a short name under a title", SUBHEAD)
        draft.heads = heads


def _section_name(last: Element, above: Element, nxt: Element | None) -> bool:
    """The last line of a headline group names a section of the text under it (案情, 说法):
    a word of at most ``MAX_SECTION_NAME`` characters, no person's name, under a line
    several times longer, over text."""
    short = len(last.text) <= MAX_SECTION_NAME and not last.first.name_like
    over_text = nxt is not None and nxt.kind == "para"
    return short and over_text and len(above.text) >= 3 * len(last.text)


def _poem_heads(group: list[Element]) -> list[int]:
    """Where the poems in a run of verse lines open: a title over its author's name over
    ``MIN_VERSE`` lines at least. The first may open the run, or stand under the run's
    first line, a label (诗苑); later in the run, a poem shows by its indentation (title
    and name flush, its lines indented) or by its poet's name printed padded (杨　梅)."""
    heads: list[int] = []
    for p in range(len(group) - 1 - MIN_VERSE):
        if not group[p + 1].first.name_like or (heads and p < heads[-1] + 2 + MIN_VERSE):
            continue
        flush = not any(_indented(e) for e in group[p : p + 2])
        labelled = p == 1 and len(group[0].text) <= MAX_COLUMN_LABEL and padded_name(group[2])
        named = padded_name(group[p + 1])
        if p == 0 or labelled or (flush and _indented(group[p + 2])) or named:
            heads.append(p)
    return heads


def _indented(e: Element) -> bool:
    return indented_line(e.first.raw)
