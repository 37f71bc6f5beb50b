"""A headline printed after its text: whether a run of heading lines closes the article
before it (body, byline, then its headline), and where a second article that began
inside a headed one starts."""

from __future__ import annotations

from site_builder.ingest import patterns as pt
from site_builder.ingest.drafts import Draft, Element, run_in
from site_builder.ingest.heading_shapes import genre_label, label_like
from site_builder.ingest.walk import Walk, continued
from site_builder.models import Decision

# How much closer to the text before it a heading must be to count as printed after it.
TRAILING_MARGIN = 1.5
# Confidence of a headline read as printed after its text (set by hand: not judged on
# the blind batches).
AFTER = 0.7
# A letter's salutation (尊敬的林老师：, 编辑同志：) is a short line.
MAX_SALUTATION = 20


class TrailingHeadlines(Walk):
    """The readings of a headline printed after its text, for ``HeadlineReader``."""

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
        if draft.heads and draft.paras and run_in(draft.heads[-1], draft.paras[0]):
            # A run-in item (its head printed on one line with its text) has its headline:
            # the lines after it head what follows.
            return 0
        credit = under is not None and under.kind == "byline" and not under.first.closes
        # The last line over a byline heads the article below (photo credits excepted:
        # caption, title, credit is a photo's order; and a byline over a title of its own,
        # 文/图 某某 then the title, is that title's); lines above it may still close the
        # article before.
        own_title = under is not None and self._titled_byline(under)
        opens_below = credit and under and not under.first.photo_credit and not own_title
        # (a run-in head printed on one line with its text heads that text, whatever
        # the lines over it are)
        heads_text = under is not None and run_in(group[-1], under)
        lines = len(group) - 1 if opens_below or heads_text else len(group)
        if not lines or (opens_below and lines == 1 and genre_label(group[0])):
            # (a column's name over a title and its byline labels that article)
            return 0
        closes = prev.kind in ("byline", "affiliation")
        label = next((k for k in range(1, lines) if genre_label(group[k])), None)
        if prev.first.closes and label is not None:
            # After a credit closing the text ((记者 某某)), the lines over a column's name
            # (记者手记) are the headline of that text; from the name on, the next article's.
            return label
        before = draft.body[-5:]
        dated = under is not None and under.kind == "para" and under.first.dateline is not None
        # (a column's label over the next title names a series, not the text above: 企业风采)
        labelled = len(group) == 2 and label_like(group[0])
        if prev.first.closes and dated and len(group) >= 2 and not labelled:
            # (text, (记者 某某), its headline, then the next article's over its dateline:
            # the first lines are the text's when they share more with it than with the
            # dateline's)
            text = " ".join(e.text for e in group[:-1])
            if self._sim(text, before) > self._sim(text, after):
                # (a line over the next title that speaks of the text below, not above, is
                # that title's kicker: 某溪镇民宿… / 某金镇 / “幸福食堂”… over 某金镇's report)
                m = len(group) - 1
                while m > 1 and self._sim(group[m - 1].text, after) > self._sim(
                    group[m - 1].text, before
                ):
                    m -= 1
                return m
        under_at = self.position[id(under)] if under is not None else len(self.elements)
        # (a caption with its credit glued on, …。 记者 某某 摄, is a photo of its own
        # whatever stands under its title)
        glued = len(draft.paras) == 1 and bool(draft.paras[0].first.caption_credit)
        captions = glued or self._is_caption(under_at)
        if lines == 1 and self._headless_photo(draft) and captions:
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
            return 2 if lines >= 2 and pt.dashed(group[1].text) else 1
        if prev.kind == "byline" and self._label_only(draft) and _salutes(draft):
            # column label, salutation (尊敬的林老师：), letter, signature, then its title:
            # one letter, the label its column.
            draft.column, draft.heads = draft.heads[0], []
            return 1
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
        # (a text opened by its dateline with no headline over it wants one as much as a
        # text closed by its credit)
        dated_headless = not draft.heads and draft.paras[0].first.dateline is not None
        for m in range(1, lines + 1):
            text = " ".join(e.text for e in group[:m])
            back, fwd = self._sim(text, before), self._sim(text, after)
            floor = 0.05 if closes else 0.15
            # After a closing credit, words shared only with the text above say enough.
            alone = (closes or dated_headless) and back > 0 and fwd == 0
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
            # (the photo's credit on a line of its own, or at its caption's end)
            and (
                (prev.kind == "byline" and prev.first.photo_credit)
                or (prev.kind == "para" and bool(prev.first.caption_credit))
            )
            # (图为…: the picture of a story, which has its own title elsewhere)
            and not any(pt.STORY_PICTURE_RE.match(p.text) for p in draft.paras)
            and self._sim(first, after) == 0.0
            and self._sim(group[1].text, after) > 0.0
        )
        photo_first = self._headless_photo(draft) and titles_above
        if not best_m and lines >= 2 and (not dated or foreign) and photo_first:
            # A photo printed caption first, then two titles: its own, and the next one's
            # (a kicker and title over a dateline, or over the text they name, head that
            # article instead).
            return 1
        while 0 < best_m < lines and pt.dashed(group[best_m].text):
            # A dashed subtitle goes with the title over it.
            best_m += 1
        return best_m

    def _titled_byline(self, byline: Element) -> bool:
        """A byline printed over a headline of one or two lines and its text: that
        headline's (文/图 某某, then the title), not the heading above it."""
        j = self.position[id(byline)] + 1
        k = j
        while k < len(self.elements) and self.elements[k].kind == "head":
            k += 1
        # (a line ending in a clause's comma is a verse line, not a title: ◎ 罗长青 /
        # 春风十里上层峦，/ …)
        verse = any(e.text.endswith(pt.VERSE_MARKS) for e in self.elements[j:k])
        opens = k < len(self.elements) and self.elements[k].kind == "para"
        return 1 <= k - j <= 2 and opens and not verse

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
        # (unless signed over its text, or in sections: then it was a title)
        if (
            self._label_only(draft)
            and not draft.subheads
            and (draft.byline is None or draft.byline.lines[0] > draft.heads[0].lines[0])
        ):
            # (学习笔记 / text / □ author / title: the one heading over the text was the
            # column's name; the headline printed after the text is its title)
            draft.column = draft.heads.pop()
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
        # (the second article runs to the body's end: its last paragraph is surely its own,
        # and says more of its subject than a short headline does)
        anchor_b = body[-1].text if anchor is None else f"{anchor} {body[-1].text}"
        best_k, best = len(body) - 1, float("-inf")
        # With no headline coming, a heading read as a subhead is where the second article
        # most likely starts (its headline, printed with no byline under it): only the
        # first line of such a run is tried, when there is one.
        heads = [k for k in sorted(draft.subheads) if k >= 1 and k - 1 not in draft.subheads]
        tried = heads if anchor is None and heads else range(1, len(body))
        for k in tried:
            if pt.ANSWER_RE.match(body[k].text):
                # (an answer goes with the question over it: no article starts at 答：)
                continue
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
            # The second article starts at what was read as a subhead (one line or a run):
            # its headline.
            n = 1
            while n in tail.subheads and n + 1 < len(tail.paras):
                n += 1
            tail.heads, tail.paras = tail.paras[:n], tail.paras[n:]
            tail.subheads = {i - n for i in tail.subheads if i >= n}
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
        elif self.held_byline is not None and at > 0 and self.held_byline is self.elements[at - 1]:
            # So does a second byline held for it.
            tail.byline, self.held_byline = self.held_byline, None
            tail.authors = list(tail.byline.first.credit)
        if group is not None:
            tail.heads = group
            tail.trailing = True
            self.cur = None
        else:
            self.cur = tail


def _salutes(draft: Draft) -> bool:
    """The draft's text opens with a letter's salutation: a short line ending in a colon."""
    first = draft.paras[0].text if draft.paras else ""
    return len(first) <= MAX_SALUTATION and bool(pt.LEAD_IN_RE.search(first))
