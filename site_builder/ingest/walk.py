"""What a walk over a page's elements keeps, and the look-ups every reading uses.

``assemble.Assembler`` walks the elements left to right and fills ``Draft``s; the reading
of headline groups lives in ``headlines.py``. Both share this state: the drafts so far,
the article being filled, the noise and the decisions to report.
"""

from __future__ import annotations

from collections import Counter

from site_builder.ingest import patterns as pt
from site_builder.ingest.cohesion import Cohesion
from site_builder.ingest.drafts import Draft, Element
from site_builder.ingest.lines import Unit
from site_builder.ingest.subheads import HeadingBetween
from site_builder.models import Decision, NoiseLine

# A photo caption is short; a long paragraph ending in a credit is an article with a photo.
MAX_CAPTION = 300
# A caption printed before its photo's title stands right over it: one blank line at most.
MAX_CAPTION_GAP = 2
# A series name (栏目) printed over several articles is short; a title printed twice (a
# continuation's, reprinted over its second part) is longer.
MAX_SERIES_NAME = 9
# Text after a photo printed inside an article goes on with it when it shares more than
# this with it (cosine of topic vectors).
PHOTO_INTERRUPTED = 0.05
# Other text goes on with the article above it when it shares more than this with it.
ATTACH_COHESION = 0.02


class Walk:
    """The state of one page's assembly."""

    def __init__(
        self,
        elements: list[Element],
        splits: frozenset[int] = frozenset(),
        learned_subheads: bool = True,
    ) -> None:
        self.elements = elements
        self.learned_subheads = learned_subheads
        """Whether the subhead model may read a heading between paragraphs as a headline
        (off while its training samples are collected: they must not depend on it)."""
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
        self.pending_signature: Element | None = None
        """The signature of an unlabelled note printed above a headline (——编  者)."""
        self.pending_label: Element | None = None
        """A column label printed over such a note: the column of the article below."""
        self.series = series_names([e.text for e in elements if e.kind == "head"])
        """Short heading lines printed over several articles: the page's column names."""
        self.held_byline: Element | None = None
        """A second byline in an article's text, right over a headline: the byline of an
        article printed headline last, whose start the headline will find."""
        self.own_caption: Element | None = None
        """A caption kept in the text article it illustrates, waiting for its credit line."""
        self.brief_label: Element | None = None
        self.brief_label_used = False
        self.topic = Cohesion([e.text for e in elements])
        self.headings_between: list[tuple[int, HeadingBetween]] = []
        """Every heading line read between paragraphs, with its evidence (for training)."""

    def _sim(self, text: str, elements: list[Element]) -> float:
        if not elements:
            return 0.0
        indices = [self.position[id(e)] for e in elements]
        return Cohesion.cosine(self.topic.text_vector(text), self.topic.vector(indices))

    def _interrupted(self, e: Element, least: float) -> Draft | None:
        """The article a photo or a poem was printed into, if ``e`` shares more than
        ``least`` of its terms."""
        for draft in reversed(self.drafts):
            if draft.kind == "photo" or is_poem(draft):
                continue
            fits = draft.body and not draft.closed and self._sim(e.text, draft.body[-3:]) > least
            return draft if fits else None
        return None

    def _doubt(
        self, e: Element, what: str, why: str, confidence: float, also: tuple[int, ...] = ()
    ) -> None:
        """Report a reading of a line that its shape and place make likely, not certain."""
        line = e.first.line
        self.decisions.append(Decision(line, f"line {line} {what}", why, confidence, also))

    def _open(self) -> Draft:
        draft = Draft(note=self.pending_note, signature=self.pending_signature)
        draft.column = self.pending_label
        self.pending_note = self.pending_signature = self.pending_label = None
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

    def _next_to(self, e: Element) -> Element | None:
        j = self.position[id(e)] + 1
        return self.elements[j] if j < len(self.elements) else None

    def _is_caption(self, i: int) -> bool:
        """Element ``i`` is a short paragraph standing over its own photo credit (…摄)."""
        return self._over_credit(i, i + 1)

    def _is_caption_over_title(self, i: int) -> bool:
        """Element ``i`` is a short paragraph over its photo's one-line title and credit
        (a caption printed before its title)."""
        if i + 1 >= len(self.elements):
            return False
        e, title = self.elements[i], self.elements[i + 1]
        titled = title.kind == "head" and len(title.units) == 1
        # (printed right over the title, a blank line at most between: not a paragraph
        # that the reading order moved there)
        under = titled and title.first.line - e.units[-1].line <= MAX_CAPTION_GAP
        # (a report opens with its dateline; a caption never does)
        return under and e.first.dateline is None and self._over_credit(i, i + 2)

    def _over_credit(self, i: int, k: int) -> bool:
        e = self.elements[i] if i < len(self.elements) else None
        nxt = self.elements[k] if k < len(self.elements) else None
        credited = nxt is not None and nxt.kind == "byline" and nxt.first.photo_credit
        return e is not None and e.kind == "para" and credited and len(e.text) <= MAX_CAPTION

    def _end_cluster(self) -> None:
        """The cluster label stops applying; a label that no item read is noise."""
        if self.brief_label is not None and not self.brief_label_used:
            unit = self.brief_label.first
            self.noise.append(
                NoiseLine(unit.line, unit.raw, "cluster label with no items after it")
            )
        self.brief_label = None


def continued(unit: Unit) -> bool:
    """The line opens with a 上接 marker: an article continued from another page."""
    return pt.jump_direction(unit.jump) in pt.INWARD


def in_box(e: Element) -> bool:
    """A line of a figure or table box (its title, rows, source)."""
    return e.kind == "noise" and "figure" in e.first.reason


def series_names(heads: list[str]) -> frozenset[str]:
    """Heading lines that name a series: a short line printed over two or more headline
    groups (一线见闻 … 一线见闻), or lines sharing the series before a ·
    (田园·产业篇, 田园·见闻录). A kicker says something once."""
    short = [h for h in heads if len(h) <= MAX_SERIES_NAME]
    counts = Counter(short)
    series = Counter(h.split("·")[0] for h in short if "·" in h)
    return frozenset(
        h for h in short if counts[h] >= 2 or ("·" in h and series[h.split("·")[0]] >= 2)
    )


def is_poem(draft: Draft) -> bool:
    """A draft whose text is a poem's stanzas, each printed on one line."""
    return bool(draft.body) and all(p.first.stanza for p in draft.body)
