"""Cut the page, now in reading order, into articles.

Walks the elements left to right. Headline groups (``headlines.py``), datelines and
bylines open and close articles; where the layout leaves a boundary open (a headline
printed after its article, a byline of an article that starts inside another one),
lexical cohesion decides.
"""

from __future__ import annotations

from site_builder.ingest import patterns as pt
from site_builder.ingest.drafts import Draft, Element, cluster_items, item_shaped
from site_builder.ingest.headlines import MAX_COLUMN_LABEL
from site_builder.ingest.lines import LETTER_SIGNATURE
from site_builder.ingest.regroup import Regroup, photo_caption
from site_builder.ingest.walk import (
    ATTACH_COHESION,
    MAX_CAPTION,
    PHOTO_INTERRUPTED,
    continued,
    is_poem,
)
from site_builder.models import NoiseLine

# An article with no headline: its title is derived, and pages rarely print one.
UNTITLED = 0.1
# A headline and byline left with no text; a paragraph with a dateline inside it (set by
# hand: both are rare, and each a sign that an article boundary was missed).
EMPTY, INNER = 0.2, 0.3
# A labelled draft read as a cluster of briefs (drafts.cluster_items): set by hand, a
# shape seen on two of the blind batches' pages.
CLUSTER = 0.7
# The credit in brackets closing a dateline paragraph's text stands at most this many
# paragraphs below it.
CLOSING_CREDIT_REACH = 5
# A text article's own photo, printed after its closing credit, is at most this many items
# (the article itself, a photo item between) back.
OWN_PHOTO_REACH = 2
# A paragraph sharing less than ATTACH_COHESION (walk.py) with the article above it is
# reported; ATTACH is the share of those readings found right (84 of 112 on blind
# batches A–E; a share of 0.79 of 368 on A–N).
ATTACH = 0.79


class Assembler(Regroup):
    """Turns elements into drafts; one instance per page."""

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
                    if (
                        self.elements[j].first.block_top
                        and j == i + 1
                        and i > 0
                        and self.elements[i - 1].kind == "para"
                        # (a caption's own title is read with the group: see _headings)
                        and not self.elements[i - 1].first.caption_credit
                    ):
                        # (a blank line parts blocks where a dump has few of them: one
                        # heading right after a text, then a blank line, is that text's
                        # headline printed after it, not the next one's kicker)
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
            # Columns printed under the headline, before the opening: read after it (even
            # when no opening came: they are still the text under that headline).
            draft.paras += draft.later_columns
        for draft in self.drafts:
            self._head_the_text_below(draft)
        for draft in self.drafts:
            if not draft.paras:
                # Headings or credits with no text under them belong to no article.
                for unit in [u for e in draft.heads for u in e.units] + draft.loose_units():
                    self.noise.append(NoiseLine(unit.line, unit.raw, "heading or credit, no text"))
                if draft.heads and draft.byline is not None:
                    # A headline with its byline is printed over its text: that text was
                    # read into another article (or is on another page).
                    self._doubt(draft.heads[0], "left with no text", "headline and byline", EMPTY)
        self.drafts = [d for d in self.drafts if d.paras]
        split = [cluster_items(d) for d in self.drafts]
        label = None
        for items in split:
            if len(items) > 1:
                self._doubt(items[0].heads[0], "opens a cluster of briefs", "short items", CLUSTER)
                label = items[1].shared_column
            elif label is not None and item_shaped(items[0]):
                items[0].in_brief_cluster, items[0].shared_column = True, label
            else:
                label = None
        self.drafts = [item for items in split for item in items]
        self._first_column_above()
        self._opening_over_title()
        for draft in self.drafts:
            for e in draft.body:
                if pt.INNER_DATELINE_RE.search(e.text):
                    # A run-in head and its dateline printed inside a paragraph (某镇：…
                    # 本报讯…): an article may start there.
                    self._doubt(
                        e, "may hold another article's start", "a dateline inside it", INNER
                    )

        self._home_headless_turns()
        self._reunite_run_ins()
        self._home_lone_photos()
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
        self._drop_held_byline()
        for held in (self.pending_note, self.pending_signature, self.pending_label):
            for unit in held.units if held is not None else []:
                self.noise.append(NoiseLine(unit.line, unit.raw, "editor's note, no article"))
        self.pending_jumps = []

    def _drop_held_byline(self) -> None:
        """A held second byline no headline took is noise."""
        if self.held_byline is not None:
            unit = self.held_byline.first
            self.noise.append(NoiseLine(unit.line, unit.raw, "second byline"))
            self.held_byline = None

    def _credited_elsewhere(self, draft: Draft, i: int) -> bool:
        """``draft`` is a headline and byline with no text yet, and element ``i`` a dateline
        paragraph crediting none of that byline's reporters, in its dateline or in the
        credit in brackets that closes its text."""
        e = self.elements[i]
        if not (draft.heads and draft.byline is not None) or draft.paras or draft.closed:
            return False
        if e.first.dateline is None:
            return False
        credit = set(e.first.credit)
        # (A closing credit far below, after text on other subjects, closes another item.)
        for later in self.elements[i + 1 : i + 2 + CLOSING_CREDIT_REACH]:
            if later.kind == "byline" and later.first.closes:
                credit |= set(later.first.credit)
            if later.kind != "para":
                break
        return bool(credit) and not credit & set(draft.authors)

    def _waiting_headline(self) -> Draft | None:
        """An open headline with its byline and no text, before the current article."""
        for draft in reversed(self.drafts[:-1]):
            if draft.heads and draft.byline is not None and not draft.paras and not draft.closed:
                return draft
        return None

    def _dangling_subhead(self) -> Draft | None:
        """The open article before the current one whose last paragraph is a subhead."""
        for draft in reversed(self.drafts[:-1]):
            if draft.paras and len(draft.paras) - 1 in draft.subheads and not draft.closed:
                return draft
        return None

    def _noise(self, i: int) -> None:
        unit = self.elements[i].first
        self.noise.append(NoiseLine(unit.line, unit.raw, unit.reason or "not part of any article"))

    def _jump(self, i: int) -> None:
        unit = self.elements[i].first
        incoming = pt.jump_direction(unit.text) in pt.INWARD
        if incoming and self.cur is not None and self.cur.heads and not self.cur.paras:
            # 上接 printed right under the continued article's repeated headline.
            self.cur.jumps.append(unit)
        elif incoming or self.cur is None:
            self.pending_jumps.append(unit)
        else:
            self.cur.jumps.append(unit)
            self.cur.authors.extend(n for n in unit.credit if n not in self.cur.authors)

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
        held = self.cur
        if opening and held is not None and held.byline is not None and self._titled_byline(e):
            # A second byline, printed over a title of its own and its text (■ 某某 /
            # title / text): the next article's.
            self.cur = None
        closed = held is not None and held.closed and held.affiliation is None
        if over_headline and opening and closed:
            # After a text closed by its credit or its source line, a byline over a title
            # is the next article's (□ 周  敏 / title / text). (Under an affiliation line a
            # name may sign the piece that line closes: see below.)
            self.cur = None
        if over_headline and pt.INSTITUTION_BYLINE_RE.match(e.text):
            # 本报评论员 over a title: the paper's commentary below, never the credit of
            # the reporter's news printed above.
            self.cur = None
        draft = self.cur
        if (
            draft is not None
            and e.first.photo_credit
            and not set(e.first.credit) & set(draft.authors)
        ):
            credited = draft.byline is not None and draft.byline.first.photo_credit
            if draft.closed or credited:
                # Another photographer's credit after a finished article or photo: a photo
                # of its own, its caption (and title) below.
                draft = self.cur = None
        before = self.elements[i - 1] if i > 0 else None
        if draft is None and e.first.photo_credit and before is not None and before.kind == "head":
            # caption, title, credit: the credit of the photo whose title was just read.
            last = self.drafts[-1] if self.drafts else None
            if last is not None and last.trailing and last.byline is None:
                draft = last
        credited = draft is not None and any(photo_caption(p) for p in draft.paras)
        if draft is not None and draft.heads and draft.byline is None and credited and opening:
            # A photo story is credited in its captions: a reporter's byline over the next
            # headline opens that article.
            draft = None if over_headline else draft
        if draft is None:
            draft = self._open()
        if draft.paras and draft.authors and draft.heads and draft.kind != "photo":
            # A second byline after a body that already has its credit: another article
            # began inside this one. Its start is found when its headline arrives, or now;
            # a closing credit is printed after its own article, so that one began above.
            nxt = self.elements[i + 1] if i + 1 < len(self.elements) else None
            other = e.first.closes and not set(e.first.credit) & set(draft.authors)
            # A name under an affiliation line signs the piece that line closes (作者单位…
            # then ■某某): printed at the foot, so that piece began above.
            signed = draft.affiliation is not None and before is draft.affiliation
            if nxt is None or nxt.kind != "head" or other or signed:
                self._split_tail(draft, None, i)
                assert self.cur is not None
                if signed:
                    self.cur.affiliation, draft.affiliation = draft.affiliation, None
                    self.cur.kind = "commentary"
                draft = self.cur
        if draft.byline is None:
            draft.byline = e
            draft.authors.extend(n for n in e.first.credit if n not in draft.authors)
        elif over_headline and opening:
            self._drop_held_byline()
            self.held_byline = e
        else:
            self.noise.append(NoiseLine(e.first.line, e.first.raw, "second byline"))
        if e.first.closes and draft.paras:
            # A bracketed credit after the text closes the article (…。（记者 张三）).
            draft.closed = True
        if e.first.reason == LETTER_SIGNATURE and draft.kind == "news":
            # (a reader's letter, signed with place and name, is signed opinion)
            draft.kind = "commentary"

    def _para(self, i: int) -> None:
        e = self.elements[i]
        unit = e.first
        nxt = self.elements[i + 1] if i + 1 < len(self.elements) else None
        held = self.cur
        # (Under a title and its author's name, a note is that piece's own: 组诗 / 某某 /
        # the note / ——编  者 / the poems.)
        authored = held is not None and held.name_line is not None and not held.subheads
        signed = pt.EDITOR_SIGNATURE_RE.match(e.text)
        if signed and nxt is not None and nxt.kind == "head" and not authored:
            if held is not None and self._unlabelled_note(held):
                # A note and its signature printed above the headline of the article they
                # open (under the column label, if one stands over them).
                self.drafts.remove(held)
                self.cur = None
                self.pending_note, self.pending_signature = held.paras[0], e
                self.pending_label = held.heads[0] if held.heads else None
                return
            if (
                held is not None
                and held.heads
                and held.note is None
                and len(held.paras) == 1
                and held.paras[0] is self.elements[i - 1]
                and nxt.first.name_like
            ):
                # headline, a note signed ——编  者, then a name: the note opens the article
                # under that headline, and the name is its author's.
                held.note, held.signature = held.paras.pop(), e
                held.subheads = set()
                return
            if held is not None and len(held.paras) >= 2 and held.paras[-1] is self.elements[i - 1]:
                # The note was read as the text above goes on: it and a label standing
                # over it (read as a subhead) belong to the article under the headline.
                self.pending_note, self.pending_signature = held.paras.pop(), e
                k = len(held.paras) - 1
                if k in held.subheads and len(held.paras[k].text) <= MAX_COLUMN_LABEL:
                    held.subheads.discard(k)
                    self.pending_label = held.paras.pop()
                self.cur = None
                return
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
        if draft is not None and draft.body and pt.EDITOR_AFTERWORD_RE.match(e.text):
            # 编辑附言：… under a letter's closing signature answers that letter.
            starts_new = False
        if starts_new and draft is not None and not draft.closed and _only_a_note(draft):
            # headline, an editor's note signed ——编  者, (byline,) then the dateline: the
            # note is the first block of the report it introduces.
            starts_new = False
        if draft is not None and self._credited_elsewhere(draft, i):
            # headline, byline, then a dateline crediting other reporters: that dateline
            # opens another article; the headline waits for its text, printed later.
            starts_new = True
        if starts_new and draft is not None and not draft.closed and unit.dateline:
            split = self._subhead_over_later_columns(draft, e)
            if split is not None:
                self.cur = draft = split
                starts_new = False
        if starts_new and draft is not None and not draft.closed and self._opening_below(draft, e):
            # The headline stands over a later column; its article opens here.
            draft.later_columns, draft.paras = draft.paras, []
            draft.subheads = set()
            starts_new = False
        if self.pending_jumps or (continued(unit) and draft is not None and draft.body):
            # Text under a 上接 marker, or opening with one, is the continued part of an
            # article from another page.
            starts_new = True
        numbered = pt.NUMBERED_CAPTION_RE.match(e.text)
        in_group = draft is not None and any(
            pt.NUMBERED_CAPTION_RE.match(p.text) for p in draft.body
        )
        group = self._numbered_group(e) if numbered and not in_group else None
        if group is not None:
            # 图③ printed away from its group (after another photo): it goes in its
            # siblings' group, in its number's place.
            later = [k for k, p in enumerate(group.paras) if _number(p) > _number(e)]
            at = later[0] if later else len(group.paras)
            group.paras.insert(at, e)
            group.subheads = {k + 1 if k >= at else k for k in group.subheads}
            return
        story = bool(numbered) and pt.caption_number(e.text) == 1 and self._story_credit(draft, i)
        if story:
            # 图① right under the photo credit of a titled story that has no captions yet:
            # the story's photo group (title, intro, credit, then the numbered captions).
            assert draft is not None
            draft.closed, starts_new, in_group = False, False, True
        lone = unit.caption_credit and not (in_group and numbered)
        if draft is not None and lone and draft.body and len(e.text) <= MAX_CAPTION:
            # A lone caption after a finished article: a photo of its own (a numbered one
            # with its own credit goes on with its group).
            starts_new = not draft.heads or draft.kind == "photo"
        closed_by_credit = (
            draft is not None and draft.byline is not None and draft.byline.first.photo_credit
        )
        pictures = draft is not None and (draft.kind == "photo" or in_group)
        if draft is not None and lone and pictures and closed_by_credit:
            # A caption with its own credit under a photo (group) its credit line closed:
            # another photo, however long its caption.
            starts_new = True
        source = bool(pt.SOURCE_RE.match(e.text))
        if (
            draft is not None
            and draft.in_brief_cluster
            and draft.body
            and self.brief_label
            # (an excerpt's source line, （摘编自《某报》）, closes its item)
            and not source
        ):
            if unit.dateline is None:
                # A brief is one paragraph; a second one without a title or dateline ends
                # the cluster: the text of the article the cluster box interrupted goes on
                # (a brief printed run-in is whole), or else the item becomes a full article
                # (unless a headline printed after this text cuts it off again).
                self._end_cluster()
                resumed = self._resumed_after_cluster(draft, e)
                if resumed is not None:
                    self.cur = draft = resumed
            else:
                starts_new = True
        caption = self._is_caption(i)
        owner = self._credited_article(i) if caption else None
        if owner is not None:
            # After its closing credit, a photo credited to the article's own reporter:
            # the article's photo (caption and credit one paragraph).
            owner.paras.append(e)
            self.own_caption = e
            self.cur = owner
            return
        if caption and draft is not None and self._own_caption(draft, i):
            # The caption of the article's own photo, printed inside its text.
            draft.paras.append(e)
            self.own_caption = e
            return
        group_text = caption and self._uncredited_group(draft)
        if caption and draft is not None and draft.body and not (numbered and in_group):
            # A short paragraph over its own photo credit (…摄) is a photo's caption; a
            # numbered one (图③) goes on with the group its siblings opened, and so does
            # the group's text printed after its captions, over the group's one credit.
            starts_new = not group_text
        titled_caption = not numbered and self._is_caption_over_title(i)
        if titled_caption:
            # A caption printed before its photo's title and credit: a photo of its own.
            starts_new = True
        grouped = bool(numbered) and in_group
        pictured = caption or titled_caption
        photo = draft is not None and draft.kind == "photo" and not (pictured or grouped)
        poem = draft is not None and is_poem(draft) and not unit.stanza
        if draft is not None and (photo or poem) and draft.body:
            # Text after a finished photo, or prose after a poem, goes on with the article
            # the photo or the poem interrupted. (A photo may be followed by an article of
            # its own that has lost its headline; prose is never a poem's, and an article
            # without a headline is rare: any shared terms will do.)
            resumed = self._interrupted(e, PHOTO_INTERRUPTED if photo else ATTACH_COHESION)
            if resumed is not None:
                self.cur = draft = resumed
                starts_new = False
            else:
                starts_new = True
        if starts_new and not (pictured or unit.dateline or continued(unit) or self.pending_jumps):
            waiting = self._dangling_subhead() or self._waiting_headline()
            if waiting is not None:
                # An article whose last subhead has no text under it (二、 printed right
                # over another article's headline), or a headline and byline still with
                # no text: this headless text is that section's, or that headline's.
                self.cur = draft = waiting
                starts_new = False
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
            credit = previous.byline
            # (unless the group's credit stands under it: then it is that group's text)
            credited = credit is not None and intro is not None and self._before(intro, credit)
            if (
                intro is not None
                and not pt.caption_number(intro.text)
                and len(previous.paras) > 1
                and not credited
            ):
                draft.paras.append(previous.paras.pop())
        elif starts_new:
            draft = self._open()
        assert draft is not None
        if draft.body and not unit.caption_credit:
            self._doubt_attachment(draft, e)
        if unit.dateline and not draft.body:
            draft.dateline = unit.dateline
            draft.authors.extend(n for n in unit.credit if n not in draft.authors)
        if (pictured or unit.caption_credit) and len(e.text) <= MAX_CAPTION and not draft.body:
            draft.kind = "photo"
            draft.authors.extend(n for n in unit.caption_credit if n not in draft.authors)
        draft.paras.append(e)
        if e.units[-1].end_credit or e.units[-1].closes:
            # A bracketed credit or a source line closes its article: text after it starts
            # another one.
            draft.authors.extend(n for n in e.units[-1].credit if n not in draft.authors)
            draft.closed = True

    def _credited_article(self, i: int) -> Draft | None:
        """The text article, closed by its credit a little above, whose reporter took the
        photo captioned at ``i`` (its credit at ``i + 1``); a photo item may stand between."""
        credit = set(self.elements[i + 1].first.credit)
        for draft in self.drafts[::-1][:OWN_PHOTO_REACH]:
            if draft.closed and draft.heads and credit and credit <= set(draft.authors):
                return draft
        return None

    def _resumed_after_cluster(self, item: Draft, e: Element) -> Draft | None:
        """The article printed before the brief cluster that ``item`` (a run-in brief)
        ends, if ``e`` reads as more of it rather than of the brief."""
        head = item.heads[0].first if item.heads else None
        if head is None or head.line != item.paras[0].first.head_line:
            return None
        before = [d for d in self.drafts if not d.in_brief_cluster and d is not item]
        if not before or before[-1].closed or not before[-1].heads or not before[-1].body:
            return None
        article = before[-1]
        if self._sim(e.text, article.body[-3:]) < self._sim(e.text, item.body):
            return None
        return article

    def _before(self, a: Element, b: Element) -> bool:
        """Element ``a`` is read before ``b``."""
        return self.position[id(a)] < self.position[id(b)]

    @staticmethod
    def _uncredited_group(draft: Draft | None) -> bool:
        """``draft`` holds a photo group's numbered captions (图①…) and no credit yet."""
        if draft is None or draft.byline is not None or draft.closed or not draft.paras:
            return False
        return all(pt.caption_number(p.text) for p in draft.paras)

    def _story_credit(self, draft: Draft | None, i: int) -> bool:
        """The element before ``i`` is the photo credit closing ``draft``, a titled photo
        story whose text holds no caption yet."""
        if draft is None or not draft.heads or not draft.paras or draft.byline is None:
            return False
        credit = draft.byline
        return (
            i > 0
            and self.elements[i - 1] is credit
            and credit.first.photo_credit
            and not any(photo_caption(p) for p in draft.paras)
        )

    def _unlabelled_note(self, draft: Draft) -> bool:
        """``draft`` holds only a note's text (under a column label at most)."""
        if len(draft.paras) != 1 or draft.byline or draft.note or draft.affiliation:
            return False
        if draft.column is not None or draft.name_line is not None:
            # (a titled piece with its column and author: a piece of its own, not a note)
            return False
        heads = draft.heads
        # (a title that names its genre in brackets, 山中秋记（组诗）, is no column's label)
        return not heads or (
            len(heads) == 1
            and len(heads[0].text) <= MAX_COLUMN_LABEL
            and not heads[0].text.endswith(("）", ")"))
        )

    def _own_caption(self, draft: Draft, i: int) -> bool:
        """The caption at ``i`` (over its credit at ``i + 1``) belongs to the open article
        around it: no title of its own, and the article's text resumes after the credit."""
        if not draft.heads or draft.closed or draft.kind == "photo":
            return False
        resumed = self.elements[i + 2] if i + 2 < len(self.elements) else None
        if not draft.body:
            # (right under the headline and its reporter's byline, over the text: the
            # article's own photo, printed before its first paragraph)
            byline = draft.byline
            # (printed right under the byline, not brought there by the reading order)
            signed = (
                byline is not None
                and not byline.first.photo_credit
                and 0 < self.elements[i].first.line - byline.lines[-1] <= 2
            )
            text = resumed is not None and resumed.kind == "para"
            return signed and text and not self._is_caption(i + 2)
        if any(pt.caption_number(e.text) for e in [self.elements[i], *draft.body]):
            # Numbered captions (图④) belong to a photo group, not to a text's own photo.
            return False
        if pt.STORY_PICTURE_RE.match(self.elements[i].text):
            # 图为…: the picture of a story, printed with its text (the text may end here).
            return True
        credit = self.elements[i + 1].first.credit if i + 1 < len(self.elements) else ()
        words_and_pictures = draft.byline is not None and bool(
            pt.WORDS_AND_PICTURES_RE.search(draft.byline.text)
        )
        if words_and_pictures and credit and set(credit) <= set(draft.authors):
            # 文/图 石小溪 over the text, then a caption credited to that author: the
            # story's own picture (the text may end here).
            return True
        if resumed is None or resumed.kind != "para" or resumed.first.dateline:
            return False
        if self._is_caption(i + 2) or resumed.first.caption_credit:
            return False
        return self._sim(resumed.text, draft.body[-3:]) >= ATTACH_COHESION

    def _numbered_group(self, e: Element) -> Draft | None:
        """The photo group printed earlier whose numbered captions lack ``e``'s number and
        hold one next to it (图①②④ for 图③), if there is one."""
        n = _number(e)
        for draft in reversed(self.drafts):
            numbers = {_number(p) for p in draft.paras} - {0}
            if len(numbers) >= 2 and n not in numbers and {n - 1, n + 1} & numbers:
                return draft
        return None

    def _reunite_run_ins(self) -> None:
        """A run-in head read into the headline group of one article while its text went
        on another's (a join carried the text away): the head goes with its text, as the
        subhead over it, or its title when that article has none. One printed line is
        never shared by two articles."""
        # (moving a head moves no paragraph: each text stays in the draft found here)
        texts = {
            p.first.head_line: (d, p) for d in self.drafts for p in d.paras if p.first.head_line
        }
        for draft in self.drafts:
            for head in [h for h in draft.heads if h.units[-1].line in texts]:
                home, text = texts[head.units[-1].line]
                if home is draft:
                    continue
                draft.heads.remove(head)
                k = next(i for i, p in enumerate(home.paras) if p is text)
                if not home.heads and k == 0:
                    home.heads = [head]
                else:
                    home.paras.insert(k, head)
                    home.subheads = {i + (i >= k) for i in home.subheads} | {k}

    def _doubt_attachment(self, draft: Draft, e: Element) -> None:
        """Report a paragraph kept with the article printed above it when it shares almost
        none of that article's terms: the columns of another article may have been
        extracted there."""
        if self._sim(e.text, draft.body[-3:]) >= ATTACH_COHESION:
            return
        top = (draft.heads or draft.paras)[0].first.line
        why = "it shares few of its terms"
        self._doubt(e, f"kept with the article at line {top}", why, ATTACH, (top,))


def _number(e: Element) -> int:
    """The number of a numbered caption, 0 for any other paragraph."""
    return pt.caption_number(e.text) or 0


def _only_a_note(draft: Draft) -> bool:
    """A headed draft whose text so far is an unlabelled note and its signature."""
    paras = draft.paras
    return (
        bool(draft.heads)
        and len(paras) == 2
        and not draft.subheads
        and bool(pt.EDITOR_SIGNATURE_RE.match(paras[1].text))
    )
