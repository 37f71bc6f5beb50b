"""Cut the page, now in reading order, into articles.

Walks the elements left to right. Headline groups, datelines and bylines open and close
articles; where the layout leaves a boundary open (a headline printed after its article,
a byline of an article that starts inside another one), lexical cohesion decides.
"""

from __future__ import annotations

from site_builder.ingest import patterns as pt
from site_builder.ingest.cohesion import Cohesion
from site_builder.ingest.drafts import Draft, Element
from site_builder.ingest.lines import Unit
from site_builder.ingest.titles import join_continued, split_headline
from site_builder.models import Decision, NoiseLine

# A photo caption is short; a long paragraph ending in a credit is an article with a photo.
MAX_CAPTION = 300
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
# that were right on the blind batches A–C and the blind fixture pages (bench/segment_blind.py,
# table "decision"); printed-after headlines are not judged there (0.7 set by hand).
SUBHEAD, AFTER, NAME_LINE, LABEL, VERSE, UNTITLED = 0.9, 0.7, 0.9, 0.8, 0.8, 0.1
SUBHEAD2 = 0.7
# Kicker and subtitle lines of a headline group: 31 of 46 kickers and 25 of 26 subtitles
# were right on blind batches A–E.
KICKER, SUBTITLE = 0.67, 0.95
# A paragraph sharing less than this (cosine of topic vectors) with the article above it
# is reported; ATTACH is the share of those readings found right (84 of 112 on blind
# batches A–E).
ATTACH_COHESION, ATTACH = 0.02, 0.75
# A headline group has at most kicker, title, subtitle and a label; more short lines in a
# row are verse.
MIN_VERSE, MAX_VERSE_LINE = 4, 12
# How much closer to the text before it a heading must be to count as printed after it.
TRAILING_MARGIN = 1.5


class Assembler:
    """Turns elements into drafts; one instance per page."""

    def __init__(self, elements: list[Element], splits: frozenset[int] = frozenset()) -> None:
        self.elements = elements
        self.position = {id(e): k for k, e in enumerate(elements)}
        self.splits = splits
        """Lines where a person said an article starts (fixes file)."""
        self.drafts: list[Draft] = []
        self.noise: list[NoiseLine] = []
        self.decisions: list[Decision] = []
        self.cur: Draft | None = None
        self.pending_jumps: list[Unit] = []
        """Standalone 上接 markers waiting for the article they open."""
        self.pending_note: Element | None = None
        """An editor's note (编者按) printed above the headline of the article it opens."""
        self.own_caption: Element | None = None
        """A caption kept in the text article it illustrates, waiting for its credit line."""
        self.brief_label: Element | None = None
        self.brief_label_used = False
        self.topic = Cohesion([e.text for e in elements])

    # -- helpers -----------------------------------------------------------------------
    def _sim(self, text: str, elements: list[Element]) -> float:
        if not elements:
            return 0.0
        indices = [self.position[id(e)] for e in elements]
        return Cohesion.cosine(self.topic.text_vector(text), self.topic.vector(indices))

    def _doubt(self, e: Element, what: str, why: str, confidence: float) -> None:
        """Report a reading of a line that its shape and place make likely, not certain."""
        line = e.first.line
        self.decisions.append(Decision(line, f"line {line} {what}", why, confidence))

    def _open(self) -> Draft:
        draft = Draft(note=self.pending_note)
        self.pending_note = None
        draft.jumps.extend(self.pending_jumps)
        self.pending_jumps = []
        if self.brief_label is not None:
            draft.in_brief_cluster = True
            # The cluster's label is read once, by its first item; the others share it.
            if not self.brief_label_used:
                draft.column = self.brief_label
                self.brief_label_used = True
            else:
                draft.shared_column = self.brief_label.text
        self.drafts.append(draft)
        self.cur = draft
        return draft

    def _paras_after(self, j: int, limit: int = 3) -> list[Element]:
        """The paragraphs that follow position ``j``, over bylines, up to a heading."""
        found = []
        for e in self.elements[j:]:
            if e.kind == "para":
                found.append(e)
                if len(found) == limit:
                    break
            elif e.kind in ("head", "affiliation", "label"):
                break
        return found

    # -- the walk ----------------------------------------------------------------------
    def run(self) -> None:
        i = 0
        while i < len(self.elements):
            e = self.elements[i]
            # A split opens an article at its line's first element (a run-in head's line
            # holds two).
            prev_line = self.elements[i - 1].lines[-1] if i else None
            if e.first.line in self.splits and prev_line != e.first.line:
                self.cur = None
            if e.kind == "head":
                j = i + 1
                while j < len(self.elements) and self.elements[j].kind == "head":
                    if self.elements[j].first.line in self.splits:
                        break
                    j += 1
                self._headings(i, j)
                i = j
                continue
            handler = {
                "noise": self._noise,
                "jump": self._jump,
                "label": self._label,
                "byline": self._byline,
                "affiliation": self._affiliation,
            }.get(e.kind, self._para)
            handler(i)
            i += 1
        for draft in self.drafts:
            if not draft.paras:
                # Headings or credits with no text under them belong to no article.
                for unit in [u for e in draft.heads for u in e.units] + draft.loose_units():
                    self.noise.append(NoiseLine(unit.line, unit.raw, "heading or credit, no text"))
        self.drafts = [d for d in self.drafts if d.paras]
        for draft in self.drafts:
            if not draft.heads:
                # Pages rarely print an article without a headline: it may be elsewhere.
                self._doubt(
                    draft.paras[0], "opens an article with no headline", "title derived", UNTITLED
                )
        for draft in self.drafts:
            self._doubt_headline(draft)
        self._end_cluster()
        for unit in self.pending_jumps:
            self.noise.append(
                NoiseLine(unit.line, unit.raw, "jump marker with no article after it")
            )
        if self.pending_note is not None:
            for unit in self.pending_note.units:
                self.noise.append(NoiseLine(unit.line, unit.raw, "editor's note, no article"))
        self.pending_jumps = []

    def _doubt_headline(self, draft: Draft) -> None:
        """Report how a headline group of several lines was read: which is the kicker and
        which the subtitle is the least certain reading of a headline."""
        if len(join_continued([h.text for h in draft.heads])) < 2:
            return
        kicker, _, subtitle = split_headline([h.text for h in draft.heads])
        if kicker:
            self._doubt(draft.heads[0], "read as a kicker", "over the title", KICKER)
        if subtitle:
            self._doubt(draft.heads[-1], "read as a subtitle", "under the title", SUBTITLE)

    def _noise(self, i: int) -> None:
        unit = self.elements[i].first
        self.noise.append(NoiseLine(unit.line, unit.raw, unit.reason or "not part of any article"))

    def _jump(self, i: int) -> None:
        unit = self.elements[i].first
        m = pt.JUMP_RE.search(unit.text)
        incoming = bool(m and m["dir"] in ("上接", "接"))
        if incoming and self.cur is not None and self.cur.heads and not self.cur.paras:
            # 上接 printed right under the continued article's repeated headline.
            self.cur.jumps.append(unit)
        elif incoming or self.cur is None:
            self.pending_jumps.append(unit)
        else:
            self.cur.jumps.append(unit)
            self.cur.authors.extend(n for n in unit.credit if n not in self.cur.authors)

    def _end_cluster(self) -> None:
        """The cluster label stops applying; a label that no item read is noise."""
        if self.brief_label is not None and not self.brief_label_used:
            unit = self.brief_label.first
            self.noise.append(
                NoiseLine(unit.line, unit.raw, "cluster label with no items after it")
            )
        self.brief_label = None

    def _label(self, i: int) -> None:
        self._end_cluster()
        self.brief_label = self.elements[i]
        self.brief_label_used = False
        self.cur = None

    def _affiliation(self, i: int) -> None:
        draft = self.cur or self._open()
        if draft.affiliation is not None:
            unit = self.elements[i].first
            self.noise.append(NoiseLine(unit.line, unit.raw, "second author affiliation"))
            return
        draft.affiliation = self.elements[i]
        draft.kind = "commentary"
        draft.closed = True

    def _byline(self, i: int) -> None:
        e = self.elements[i]
        if self.own_caption is not None and e.first.photo_credit:
            # The credit of a caption kept in its article: one paragraph with it.
            self.own_caption.units.append(e.first)
            self.own_caption = None
            return
        self.own_caption = None
        following = self.elements[i + 1] if i + 1 < len(self.elements) else None
        over_headline = following is not None and following.kind == "head"
        opening = not (e.first.photo_credit or e.first.closes)
        if self.brief_label is not None and over_headline and opening:
            # A byline over a headline: a full article, so the cluster above has ended.
            self._end_cluster()
            self.cur = None
        draft = self.cur
        before = self.elements[i - 1] if i > 0 else None
        if draft is None and e.first.photo_credit and before is not None and before.kind == "head":
            # caption, title, credit: the credit of the photo whose title was just read.
            last = self.drafts[-1] if self.drafts else None
            if last is not None and last.trailing and last.byline is None:
                draft = last
        if draft is None:
            draft = self._open()
        if draft.paras and draft.authors and draft.heads and draft.kind != "photo":
            # A second byline after a body that already has its credit: another article
            # began inside this one. Its start is found when its headline arrives, or now;
            # a closing credit is printed after its own article, so that one began above.
            nxt = self.elements[i + 1] if i + 1 < len(self.elements) else None
            other = e.first.closes and not set(e.first.credit) & set(draft.authors)
            if nxt is None or nxt.kind != "head" or other:
                self._split_tail(draft, None, i)
                assert self.cur is not None
                draft = self.cur
        if draft.byline is None:
            draft.byline = e
            draft.authors.extend(n for n in e.first.credit if n not in draft.authors)
        else:
            self.noise.append(NoiseLine(e.first.line, e.first.raw, "second byline"))
        if e.first.closes and draft.paras:
            # A bracketed credit after the text closes the article (…。（记者 张三）).
            draft.closed = True

    def _para(self, i: int) -> None:
        e = self.elements[i]
        unit = e.first
        nxt = self.elements[i + 1] if i + 1 < len(self.elements) else None
        if pt.EDITOR_NOTE_RE.match(e.text):
            held = self.cur
            if held is not None and held.heads and not held.paras and held.note is None:
                # Under a headline, above its byline or author: that article's note.
                held.note = e
                return
            if nxt is not None and nxt.kind == "head":
                self.pending_note = e
                return
        draft = self.cur
        starts_new = draft is None or draft.closed or (unit.dateline is not None and draft.body)
        if self.pending_jumps or (_continued(unit) and draft is not None and draft.body):
            # Text under a 上接 marker, or opening with one, is the continued part of an
            # article from another page.
            starts_new = True
        if draft is not None and unit.caption_credit and draft.body and len(e.text) <= MAX_CAPTION:
            # A lone caption after a finished article: a photo of its own.
            starts_new = not draft.heads or draft.kind == "photo"
        if draft is not None and draft.in_brief_cluster and draft.body and self.brief_label:
            if unit.dateline is None:
                # A brief is one paragraph; a second one without a title or dateline ends
                # the cluster (the item becomes a full article, unless a headline printed
                # after this text cuts the new article off again).
                self._end_cluster()
            else:
                starts_new = True
        caption = self._is_caption(i)
        numbered = pt.NUMBERED_CAPTION_RE.match(e.text)
        in_group = draft is not None and any(
            pt.NUMBERED_CAPTION_RE.match(p.text) for p in draft.body
        )
        if caption and draft is not None and self._own_caption(draft, i):
            # The caption of the article's own photo, printed inside its text.
            draft.paras.append(e)
            self.own_caption = e
            return
        if caption and draft is not None and draft.body and not (numbered and in_group):
            # A short paragraph over its own photo credit (…摄) is a photo's caption; a
            # numbered one (图③) goes on with the group its siblings opened.
            starts_new = True
        if draft is not None and draft.kind == "photo" and draft.body and not caption:
            # Text after a finished photo goes on with the article the photo interrupted.
            resumed = self._interrupted(e)
            if resumed is not None:
                self.cur = draft = resumed
                starts_new = False
            else:
                starts_new = True
        if (
            pt.caption_number(e.text) == 1
            and draft is not None
            and any(pt.caption_number(p.text) == 1 for p in draft.body)
        ):
            # A second 图①: the numbering starts again, and so does another photo group,
            # with the intro printed over its first caption.
            previous = draft
            draft = self._open()
            intro = previous.paras[-1] if previous.paras else None
            if intro is not None and not pt.caption_number(intro.text) and len(previous.paras) > 1:
                draft.paras.append(previous.paras.pop())
        elif starts_new:
            draft = self._open()
        assert draft is not None
        if draft.body and not unit.caption_credit:
            self._doubt_attachment(draft, e)
        if unit.dateline and not draft.body:
            draft.dateline = unit.dateline
            draft.authors.extend(n for n in unit.credit if n not in draft.authors)
        if (caption or unit.caption_credit) and len(e.text) <= MAX_CAPTION and not draft.body:
            draft.kind = "photo"
            draft.authors.extend(n for n in unit.caption_credit if n not in draft.authors)
        draft.paras.append(e)
        if e.units[-1].end_credit or e.units[-1].closes:
            # A bracketed credit or a source line closes its article: text after it starts
            # another one.
            draft.authors.extend(n for n in e.units[-1].credit if n not in draft.authors)
            draft.closed = True

    def _own_caption(self, draft: Draft, i: int) -> bool:
        """The caption at ``i`` (over its credit at ``i + 1``) belongs to the open article
        around it: no title of its own, and the article's text resumes after the credit."""
        if not draft.heads or not draft.body or draft.closed or draft.kind == "photo":
            return False
        resumed = self.elements[i + 2] if i + 2 < len(self.elements) else None
        if resumed is None or resumed.kind != "para" or resumed.first.dateline:
            return False
        if self._is_caption(i + 2) or resumed.first.caption_credit:
            return False
        return self._sim(resumed.text, draft.body[-3:]) >= ATTACH_COHESION

    def _doubt_attachment(self, draft: Draft, e: Element) -> None:
        """Report a paragraph kept with the article printed above it when it shares almost
        none of that article's terms: the columns of another article may have been
        extracted there."""
        if self._sim(e.text, draft.body[-3:]) >= ATTACH_COHESION:
            return
        top = (draft.heads or draft.paras)[0].first.line
        self._doubt(e, f"kept with the article at line {top}", "it shares few of its terms", ATTACH)

    def _is_caption(self, i: int) -> bool:
        """Element ``i`` is a short paragraph standing over its own photo credit (…摄)."""
        e = self.elements[i] if i < len(self.elements) else None
        nxt = self.elements[i + 1] if i + 1 < len(self.elements) else None
        credited = nxt is not None and nxt.kind == "byline" and nxt.first.photo_credit
        return e is not None and e.kind == "para" and credited and len(e.text) <= MAX_CAPTION

    def _interrupted(self, e: Element) -> Draft | None:
        """The article a photo was printed into, if ``e`` reads as more of it."""
        for draft in reversed(self.drafts):
            if draft.kind == "photo":
                continue
            fits = draft.body and not draft.closed and self._sim(e.text, draft.body[-3:]) > 0.05
            return draft if fits else None
        return None

    # -- headings ----------------------------------------------------------------------
    def _headings(self, i: int, j: int) -> None:
        group = list(self.elements[i:j])
        k = i - 1
        while k >= 0 and _in_box(self.elements[k]):
            # A figure box printed just above: the heading follows the text before the box.
            k -= 1
        prev = self.elements[k] if k >= 0 else None
        # A figure box printed inside an article stands between a subhead and its text.
        while j < len(self.elements) and _in_box(self.elements[j]):
            j += 1
        nxt = self.elements[j] if j < len(self.elements) else None
        draft = self.cur
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
        lines = _verse(group)
        if lines:
            # A run of short lines longer than any headline group: a poem's lines, each a
            # paragraph of the article it is printed in; what follows them (a title, and a
            # subtitle) heads the next article.
            verse = draft if draft is not None and not draft.closed else self._open()
            verse.paras.extend(group[:lines])
            self._doubt(group[0], "read as verse", f"{lines} short lines in a row", VERSE)
            if lines < len(group):
                self._headings(i + lines, j)
            return

        if draft is not None and len(group) == 1 and len(text) <= MAX_COLUMN_LABEL:
            ends_page = nxt is None or nxt.kind == "noise"
            # Left over at the page end next to an article that has its headline (a
            # headline-less one takes it as a title printed after it, below).
            if ends_page and draft.column is None and draft.heads:
                draft.column = group[0]
                return

        if (
            draft is not None
            and draft.affiliation is not None
            and draft.column is None
            and _label_like(group[0])
        ):
            # A label right after a commentary's closing line is that commentary's column.
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
        if (
            draft is not None
            and not draft.closed
            and number is not None
            and len(group) <= 2
            and any(pt.section_number(draft.paras[k].text) == number - 1 for k in draft.subheads)
        ):
            # The next numbered section of the article (二、 after 一、), in one or two lines.
            for head in group:
                draft.subheads.add(len(draft.paras))
                draft.paras.append(head)
            self._doubt(group[0], "read as a subhead", "the next number of a series", SUBHEAD)
            return
        if draft is not None and draft.body and prev is not None and prev.kind != "head":
            m = self._printed_after(draft, group, prev, after)
            if m:
                self._trailing(draft, group[:m], i)
                if m < len(group):
                    self._leading(group[m:], nxt)
                return
            is_sub = (
                len(group) == 1
                and prev.kind == "para"
                and nxt is not None
                and nxt.kind == "para"
                and nxt.first.dateline is None
                and not nxt.first.caption_credit
                and not self._is_caption(j)
                and not draft.in_brief_cluster
                and not draft.closed
                and not _continued(nxt.first)
            )
            if is_sub:
                draft.subheads.add(len(draft.paras))
                draft.paras.append(group[0])
                self._doubt(group[0], "read as a subhead", "a heading between paragraphs", SUBHEAD)
                return
            if self._two_line_subhead(draft, group, prev, nxt, j, after):
                for head in group:
                    draft.subheads.add(len(draft.paras))
                    draft.paras.append(head)
                self._doubt(group[0], "read as a two-line subhead", "the text goes on", SUBHEAD2)
                return
        self._leading(group, nxt)

    def _two_line_subhead(
        self,
        draft: Draft,
        group: list[Element],
        prev: Element,
        nxt: Element | None,
        j: int,
        after: list[Element],
    ) -> bool:
        """Two short heading lines between paragraphs of a headed article, with no credit
        or dateline under them, over text that goes on with the article's subject: a
        subhead printed on two lines, not the headline group of another article."""
        if len(group) != 2 or not draft.heads or draft.closed or draft.in_brief_cluster:
            return False
        if prev.kind != "para" or nxt is None or nxt.kind != "para" or not after:
            return False
        if nxt.first.dateline is not None or _continued(nxt.first) or self._is_caption(j):
            return False
        if any(len(head.text) > MAX_SUBHEAD_LINE or head.first.name_like for head in group):
            return False
        own = self._sim(" ".join(e.text for e in after), draft.body[-3:])
        return own >= SUBHEAD_COHESION

    def _printed_after(
        self, draft: Draft, group: list[Element], prev: Element, after: list[Element]
    ) -> int:
        """How many lines of ``group`` are the headline of the body before it (0: none).

        Printed after its article, a headline shares that article's names and terms more
        than those of the text that follows. A byline just before makes this likely; with
        no byline the evidence must be stronger, and never when the body has a headline.
        """
        under = self._next_to(group[-1])
        credit = under is not None and under.kind == "byline" and not under.first.closes
        # The last line over a byline heads the article below (photo credits excepted:
        # caption, title, credit is a photo's order); lines above it may still close the
        # article before.
        lines = len(group) - 1 if credit and under and not under.first.photo_credit else len(group)
        if not lines:
            return 0
        closes = prev.kind in ("byline", "affiliation")
        before = draft.body[-5:]
        if draft.heads and closes and draft.closed:
            # An article with its headline, closed by its credit, takes no second one.
            return 0
        if draft.heads and not closes:
            # The body already has a headline: this one can only belong to a second article
            # that began inside the body, closer to this headline than to the first one —
            # unless a dateline follows it: then it opens the article of that dateline.
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
            if back > TRAILING_MARGIN * fwd and back > floor and back - fwd > best_gap:
                best_m, best_gap = m, back - fwd
        if not best_m and closes and not after:
            return lines
        return best_m

    def _next_to(self, e: Element) -> Element | None:
        j = self.position[id(e)] + 1
        return self.elements[j] if j < len(self.elements) else None

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
            if len(heads) >= 2 and draft.column is None and _label_like(heads[end]):
                draft.column = heads.pop(end)
                labelled = True
                self._doubt(draft.column, "read as a column label", "named like a series", LABEL)
        if labelled and not (nxt and nxt.first.dateline) and not draft.byline:
            draft.kind = "commentary"
        while len(join_continued([h.text for h in heads])) > 3:
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


def _continued(unit: Unit) -> bool:
    """The line opens with a 上接 marker: an article continued from another page."""
    m = pt.JUMP_RE.search(unit.jump or "")
    return m is not None and m["dir"] in ("上接", "接")


def _verse(group: list[Element]) -> int:
    """How many lines at the start of a run of short lines are verse (0: none). The last
    line, or the last two when the last is a dashed subtitle, may head the next article."""
    heading = 2 if len(group) >= 2 and group[-1].text.startswith(("——", "—")) else 1
    short = 0
    while short < len(group) and len(group[short].text) <= MAX_VERSE_LINE:
        short += 1
    lines = min(short, len(group) - heading)
    return lines if lines >= MIN_VERSE else 0


def _in_box(e: Element) -> bool:
    """A line of a figure or table box (its title, rows, source)."""
    return e.kind == "noise" and "figure" in e.first.reason


def _label_like(head: Element) -> bool:
    """A column label (栏目): short, neither a place nor a person's name; named like a
    series (…时评, …手记, …观察), or at least not a clause: a kicker as short says
    something happened (寒潮来了, 非遗过大年)."""
    text = head.text
    if len(text) > MAX_LABEL_IN_GROUP or text.endswith(pt.PLACE_SUFFIXES):
        return False
    if head.first.name_like:
        return False
    return text.endswith(pt.COLUMN_ENDINGS) or not any(c in text for c in ASPECT_MARKS)
