"""Second readings of a page's drafts, once the walk has made them: a headline read again
as the head of the text below it (a headline printed over an article's later columns),
the page's headless first column given the headline under it, a lone photo given to the
text article it illustrates, doubts reported on kickers and subtitles. ``Assembler`` runs
these passes after its walk over the page's elements."""

from __future__ import annotations

from site_builder.ingest import patterns as pt
from site_builder.ingest.drafts import Draft, Element, is_interview
from site_builder.ingest.heading_shapes import genre_label
from site_builder.ingest.headlines import LABEL, HeadlineReader
from site_builder.ingest.titles import join_continued, split_headline

# A headline and byline over text joined into the page's headless first column, read as
# that column's headline (set by hand: two pages of the blind batches read so).
HEADED_ABOVE = 0.6
# The page's first text read as its first column, printed over its headline (set by hand:
# one page of the blind batches reads so).
FIRST_COLUMN = 0.7
# A title-less photo between text articles is the photo of the one whose text shares at
# least this much with its caption (cosine of topic vectors).
OWN_PHOTO_COHESION = 0.05
# A headline printed over an article's later columns: at most this many paragraphs
# stand between it and the dateline paragraph that opens its article, which shares at
# least this much with it (cosine of topic vectors).
MAX_LATER_COLUMNS, OPENING_COHESION = 4, 0.1
# A subhead read again as such a headline (set by hand: two pages of the blind batches).
LATER = 0.6
# Headless questions and answers read as the page's interview's later column (set by hand:
# one page of the blind batches reads so).
LATER_TURNS = 0.6
# A question this short over questions and answers is their title (a Q&A item's).
MAX_QUESTION_TITLE = 30
# Kicker and subtitle lines of a headline group: shares right on blind batches A–N, 0.77
# of 144 kickers and 0.95 of 94 subtitles (31 of 46 and 25 of 26 on A–E).
KICKER, SUBTITLE = 0.77, 0.95


class Regroup(HeadlineReader):
    """The passes over the drafts that need the whole page read (and the tests they share
    with the walk: is this headline over the opening of its article's later columns?)."""

    def _first_column_above(self) -> None:
        """The page's first text, under nothing but furniture and with no headline of its
        own (or only one read as printed after it), right over the headline group and
        byline of an undated text: that article's first column, printed before its
        headline (a feature laid out 2-1 or 3-1-2)."""
        if len(self.drafts) < 2:
            return
        top, below = self.drafts[0], self.drafts[1]
        first = self.position[id(top.paras[0])]
        alone = top.note is None and top.byline is None and not top.authors
        headless = alone and top.dateline is None and (not top.heads or top.trailing)
        if not headless or any(e.kind != "noise" for e in self.elements[:first]):
            return
        if not below.heads or below.byline is None or below.dateline is not None:
            return
        last = self.position[id(top.paras[-1])]
        opening = self.position[id(below.heads[0])]
        if any(e.kind != "head" for e in self.elements[last + 1 : opening]):
            return
        below.heads = top.heads + below.heads
        below.prepend(top.paras, top.subheads)
        self.drafts.remove(top)
        why = "the page's first text"
        self._doubt(below.heads[0], "read over the text above it", why, FIRST_COLUMN)

    def _opening_over_title(self) -> None:
        """A genre's name (小小说), one paragraph, then a headline and its byline: the
        story's label and first paragraph, printed over its title. Read at first as a
        subhead and a paragraph of the article above; given to the story."""
        for above, story in zip(self.drafts, self.drafts[1:], strict=False):
            n = len(above.paras)
            if n < 3 or n - 2 not in above.subheads or story.column is not None:
                continue
            label, opening = above.paras[-2], above.paras[-1]
            if not genre_label(label) or not story.heads or story.dateline is not None:
                continue
            if story.byline is None and story.name_line is None:
                continue
            if self.position[id(story.heads[0])] != self.position[id(opening)] + 1:
                continue
            above.paras = above.paras[:-2]
            above.subheads.discard(n - 2)
            story.column = label
            story.prepend([opening])
            story.kind = "commentary"
            self._doubt(label, "read as a column label", "a genre's name over a story", LABEL)

    def _home_headless_turns(self) -> None:
        """Questions and answers with no headline (or one line of it, a subhead), byline or
        dateline of their own, on a page that prints one interview under its headline (its
        body in turns, or its subtitle ——访… / ——对话…): that interview's later columns,
        extracted after the articles printed beside them. Appended to it in page order; a
        credit closing the last of them is the interview's."""
        interviews = [d for d in self.drafts if d.heads and _interview_like(d) and not _bare(d)]
        if len(interviews) != 1:
            return
        home = interviews[0]
        for draft in self.drafts[self.drafts.index(home) + 1 :]:
            if not _bare(draft) or not is_interview(draft.paras, opening=False):
                continue
            subheads = {i + len(draft.heads) for i in draft.subheads} | set(range(len(draft.heads)))
            home.subheads |= {i + len(home.paras) for i in subheads}
            home.paras += draft.heads + draft.paras
            home.jumps += draft.jumps
            if draft.byline is not None and home.byline is None:
                home.byline = draft.byline
                home.authors += [a for a in draft.authors if a not in home.authors]
            draft.paras = []
            why = "questions and answers"
            self._doubt(home.paras[-1], "read as the interview's later column", why, LATER_TURNS)
        self.drafts = [d for d in self.drafts if d.paras]

    def _home_lone_photos(self) -> None:
        """A captioned photo with no title of its own, between text articles, is the photo
        of the one whose text it shares terms with: its caption and credit become that
        article's last paragraph. A photo item always has a title; a caption none of its
        neighbours' text speaks of stays a photo of its own."""
        k = 0
        while k < len(self.drafts):
            photo = self.drafts[k]
            credit = photo.byline if photo.byline and photo.byline.first.photo_credit else None
            # (one caption only: a numbered group is never another article's own photo; and
            # nothing held besides its credit — a label over it makes it an item of its own)
            loose = [u for u in photo.loose_units() if credit is None or u not in credit.units]
            if not self._headless_photo(photo) or loose or len(photo.paras) != 1:
                k += 1
                continue
            caption = photo.paras[0]
            sides = self._printed_around(photo)
            texts = [d for d in sides if d.heads and not any(map(photo_caption, d.paras))]
            scored = [
                (self._sim(caption.text, d.heads + d.paras[:2] + d.paras[-3:]), d) for d in texts
            ]
            best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
            if best[1] is None or best[0] < OWN_PHOTO_COHESION:
                k += 1
                continue
            if credit is not None:
                caption.units.append(credit.first)
            best[1].paras.append(caption)
            del self.drafts[k]

    def _opening_below(self, draft: Draft, e: Element) -> bool:
        """Dateline paragraph ``e`` opens the article whose headline group was read above
        a few paragraphs without a dateline: the extraction put the headline over the
        article's later columns. The headline speaks of the dateline's text at least as
        much as of the text under it."""
        if not e.first.dateline or not draft.heads or draft.dateline:
            return False
        if draft.byline is not None and not set(draft.byline.first.credit) & set(e.first.credit):
            # (a byline under the headline: only a dateline crediting the same reporters)
            return False
        if draft.in_brief_cluster or draft.later_columns or len(draft.body) > MAX_LATER_COLUMNS:
            return False
        if draft.subheads or any(p.first.dateline for p in draft.body):
            return False
        heads = " ".join(h.text for h in draft.heads)
        own = self._sim(heads, [e])
        return own >= OPENING_COHESION and own >= self._sim(heads, draft.body)

    def _subhead_over_later_columns(self, draft: Draft, e: Element) -> Draft | None:
        """Dateline paragraph ``e`` opens the article whose headline was read as the last
        subhead of ``draft``: the headline stood over its later columns, between another
        article's paragraphs, and speaks of the dateline's text more than of the text
        above it. That headline and the paragraphs under it become the new article."""
        if not draft.subheads or draft.in_brief_cluster or draft.later_columns:
            return None
        k = max(draft.subheads)
        under = draft.paras[k + 1 :]
        if not 0 < len(under) <= MAX_LATER_COLUMNS or any(p.first.dateline for p in under):
            return None
        head = draft.paras[k]
        own = self._sim(head.text, [e])
        if own < OPENING_COHESION or own <= self._sim(head.text, draft.paras[:k]):
            return None
        del draft.paras[k:]
        draft.subheads.discard(k)
        article = Draft(heads=[head])
        article.later_columns = under
        self.drafts.append(article)
        self._doubt(head, "read as the headline of the text under it", "a dateline below", LATER)
        return article

    def _printed_around(self, draft: Draft) -> list[Draft]:
        """The articles holding the lines printed right above and right below ``draft``'s."""
        own = _lines_of(draft)
        owner = {n: d for d in self.drafts if d is not draft for n in _lines_of(d)}
        above = [n for n in owner if n < min(own)]
        below = [n for n in owner if n > max(own)]
        return [owner[n] for n in (max(above, default=None), min(below, default=None)) if n]

    def _head_the_text_below(self, draft: Draft) -> None:
        """A headline and byline left with no text, whose text below was joined into an
        article with no headline (the page's first column, printed before it): they are
        that article's headline and byline."""
        if draft.paras or not draft.heads or draft.byline is None or draft.column:
            return
        below = draft.byline.lines[-1]
        units = [(u.line, d) for d in self.drafts for p in d.paras for u in p.units]
        later = [pair for pair in units if pair[0] > below]
        if not later:
            return
        line, host = min(later, key=lambda pair: pair[0])
        if host.heads or host.byline is not None or host.paras[0].first.line == line:
            return
        host.heads, host.byline = draft.heads, draft.byline
        host.authors.extend(n for n in draft.authors if n not in host.authors)
        draft.heads, draft.byline, draft.authors = [], None, []
        why = "its text was joined there"
        self._doubt(host.heads[0], "heads the text above it", why, HEADED_ABOVE)

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


def _bare(draft: Draft) -> bool:
    """No more of a headline than a subhead's one line, no byline over the text (a credit
    closing it may be there), no dateline, no column."""
    closing = draft.byline is None or draft.byline.first.closes
    alone = draft.dateline is None and draft.column is None
    # (a short question over the turns, 邻居…合法吗？, is an item's title)
    first = draft.paras[0].text if draft.paras else ""
    titled = (
        len(first) <= MAX_QUESTION_TITLE
        and first.endswith(("？", "?"))
        and not pt.INTERVIEW_RE.match(first)
    )
    return len(draft.heads) <= 1 and closing and alone and not titled


def _interview_like(draft: Draft) -> bool:
    """Questions and answers under the headline, or a subtitle naming who is asked."""
    return is_interview(draft.paras) or any(
        pt.INTERVIEW_SUBTITLE_RE.match(h.text) for h in draft.heads
    )


def photo_caption(e: Element) -> bool:
    """A caption with its own credit, or a numbered one (图②：…)."""
    return bool(e.first.caption_credit or pt.NUMBERED_CAPTION_RE.match(e.text))


def _lines_of(draft: Draft) -> list[int]:
    """Every line a draft holds."""
    return [u.line for e in draft.heads + draft.paras for u in e.units] + [
        u.line for u in draft.loose_units()
    ]
