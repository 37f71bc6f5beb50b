"""Articles being put together, and the finished ``SegmentedArticle`` each one becomes.

``assemble`` walks the page and fills ``Draft``s with ``Element``s; ``to_article`` then
reads the headline group, the kind and the credits off a finished draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from site_builder.ingest import patterns as pt
from site_builder.ingest.lines import Unit
from site_builder.ingest.titles import derive_title, split_headline
from site_builder.models import Block, Kind, SegmentedArticle

# A cluster has at least this many items, each one paragraph of at most this many
# characters (the blind pages' brief clusters: 49–144; an article's sections: longer, or
# several paragraphs each).
MIN_CLUSTER_ITEMS = 3
MAX_CLUSTER_ITEM = 150
# A run-in item's title is a headline's length at most.
MAX_RUN_IN_TITLE = 24


@dataclass(slots=True)
class Element:
    """A unit, or paragraph pieces joined across a column break, in reading order."""

    units: list[Unit]

    @property
    def first(self) -> Unit:
        return self.units[0]

    @property
    def kind(self) -> str:
        return self.first.kind

    @property
    def text(self) -> str:
        return "".join(u.text for u in self.units)

    @property
    def lines(self) -> tuple[int, ...]:
        return tuple(u.line for u in self.units)


def run_in(head: Element, text: Element) -> bool:
    """``head`` is a run-in head printed on one line with ``text`` (or ending on its line):
    it heads that text."""
    return head.units[-1].line == text.first.head_line


@dataclass(slots=True)
class Draft:
    """An article being put together."""

    note: Element | None = None
    """An editor's note printed above the headline: the article's first block."""
    signature: Element | None = None
    """The note's signature line (——编  者) printed with it above the headline."""
    heads: list[Element] = field(default_factory=list)
    paras: list[Element] = field(default_factory=list)
    subheads: set[int] = field(default_factory=set)
    """Indices into ``paras`` that are subheads (小标题)."""
    byline: Element | None = None
    name_line: Element | None = None
    affiliation: Element | None = None
    column: Element | None = None
    shared_column: str | None = None
    """A column label read by another article (the label over a cluster of briefs)."""
    later_columns: list[Element] = field(default_factory=list)
    """Paragraphs printed under the headline before the paragraph that opens the article
    (a headline extracted over a later column); read after the opening's column."""
    jumps: list[Unit] = field(default_factory=list)
    """Lines holding nothing but a jump marker (markers ending a paragraph stay on it)."""
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    kind: Kind = "news"
    trailing: bool = False
    """The headline was printed after the body."""
    in_brief_cluster: bool = False
    """Opened under a 简讯 label: a brief if it stays one paragraph long."""
    closed: bool = False
    """Its closing line (author affiliation) was seen: more text starts another article."""

    def loose_units(self) -> list[Unit]:
        """Lines held besides headline and body: credits, labels, jump markers."""
        held = [self.byline, self.name_line, self.affiliation, self.column]
        held += [self.note, self.signature]
        return [u for e in held if e for u in e.units] + self.jumps

    def prepend(self, paras: list[Element], subheads: set[int] | None = None) -> None:
        """Put ``paras`` before the draft's own paragraphs (``subheads``: which of them are
        subheads, by index among them), keeping the draft's subheads on their lines."""
        self.subheads = set(subheads or ()) | {i + len(paras) for i in self.subheads}
        self.paras = paras + self.paras

    @property
    def body(self) -> list[Element]:
        return [p for i, p in enumerate(self.paras) if i not in self.subheads]


def cluster_items(draft: Draft) -> list[Draft]:
    """A labelled draft that is a brief cluster in disguise, split into its items: under a
    column label with no byline, a title and several headings each over one short
    paragraph (生活提示 / 西瓜切开后… / one tip / 空调温度… / one tip…); an item may be
    printed run-in (its title, a space, its text, on one line) and the first may carry a
    dateline. An article's sections run longer, and an article under a label is signed;
    otherwise the draft alone."""
    parts = _with_run_ins(draft)
    heads = [i for i, (head, _) in enumerate(parts) if head]
    if (
        draft.column is None
        or len(draft.heads) != 1
        or len(heads) < MIN_CLUSTER_ITEMS - 1
        or draft.authors
        or draft.note is not None
        or draft.affiliation is not None
        or heads != list(range(1, 2 * len(heads) + 1, 2))
        or len(parts) != 2 * len(heads) + 1
        or any(len(e.text) > MAX_CLUSTER_ITEM for head, e in parts if not head)
    ):
        return [draft]
    first = Draft(heads=draft.heads, paras=[parts[0][1]], column=draft.column)
    first.dateline, first.jumps = draft.dateline, draft.jumps
    items = [first] + [
        Draft(heads=[parts[i][1]], paras=[parts[i + 1][1]], shared_column=draft.column.text)
        for i in heads
    ]
    for item in items:
        item.in_brief_cluster = True
    return items


def item_shaped(draft: Draft) -> bool:
    """``draft`` could be one more item of a cluster printed right above it: one title
    over one short paragraph, nothing else (a title over a lede-like paragraph may have
    been read as another article's headline rather than the cluster's next heading)."""
    if len(draft.heads) != 1 or len(draft.paras) != 1 or draft.subheads:
        return False
    if draft.authors or draft.column or draft.note or draft.affiliation or draft.dateline:
        return False
    return len(draft.paras[0].text) <= MAX_CLUSTER_ITEM


def _with_run_ins(draft: Draft) -> list[tuple[bool, Element]]:
    """The draft's paragraphs as (is a heading, element), a paragraph that follows another
    and opens with a short title and a space (算力券开放第二批申领 即日起，…) read as a
    run-in item's title and text."""
    parts: list[tuple[bool, Element]] = []
    for i, e in enumerate(draft.paras):
        run_in = pt.RUN_IN_RE.match(e.text) if len(e.units) == 1 else None
        follows_text = bool(parts) and not parts[-1][0]
        rest = e.text[run_in.end() :] if run_in else ""
        if (
            i in draft.subheads
            or run_in is None
            or not follows_text
            or len(run_in["head"]) > MAX_RUN_IN_TITLE
            or pt.DATELINE_RE.match(e.text)
            # (a date and a space open a chronology's entry: 1983年　长汀被列为…)
            or pt.DATE_ONLY_RE.fullmatch(run_in["head"].strip())
            or not pt.ends_paragraph(rest)
        ):
            parts.append((i in draft.subheads, e))
            continue
        unit = e.first
        head = Unit(line=unit.line, raw=unit.raw, kind="head", text=run_in["head"])
        text = Unit(line=unit.line, raw=unit.raw, kind="para", text=rest, gap_before=False)
        parts += [(True, Element([head])), (False, Element([text]))]
    return parts


def is_interview(body: list[Element], opening: bool = True) -> bool:
    """Questions and answers: 问：/答： turns, or a reporter's turns between a speaker's.
    With ``opening`` False, a later column of one: turns only (an answer cut at a column's
    top may open it), two of them at least."""
    turns = [m.group(0) for b in body if (m := pt.INTERVIEW_RE.match(b.text))]
    asks = sum(1 for t in turns if pt.QA_RE.match(t) or t.lstrip().startswith("记者"))
    if not opening:
        return asks >= 1 and len(turns) >= 2 and len(turns) + 1 >= len(body)
    return asks >= 1 and len(turns) >= 3 and len(turns) * 2 >= len(body)


def _is_photo(draft: Draft) -> bool:
    """Numbered captions (图①：…), or a short body under a photographer's credit line."""
    numbered = sum(1 for e in draft.body if pt.NUMBERED_CAPTION_RE.match(e.text))
    credited = draft.byline is not None and draft.byline.first.photo_credit
    return numbered >= 2 or (credited and len(draft.body) <= 2 and draft.kind != "commentary")


def to_article(draft: Draft) -> SegmentedArticle:
    """The finished article of a draft."""
    texts, decoration = _undecorated([e.text for e in draft.heads])
    kicker, title, subtitle = split_headline(texts)
    derived = title is None
    if title is None:
        title = derive_title(draft.body[0].text if draft.body else "")
    blocks = [
        Block("h" if i in draft.subheads else "p", e.text, e.lines)
        for i, e in enumerate(draft.paras)
    ]
    if draft.signature is not None:
        blocks.insert(0, Block("p", draft.signature.text, draft.signature.lines))
    if draft.note is not None:
        blocks.insert(0, Block("p", draft.note.text, draft.note.lines))
    if draft.affiliation is not None:
        # The affiliation closes the text as its last block, and is also kept apart.
        blocks.append(Block("p", draft.affiliation.text, draft.affiliation.lines))
    meta_lines: list[int] = [u.line for e in draft.heads for u in e.units]
    for extra in (draft.byline, draft.name_line, draft.column):
        if extra is not None:
            meta_lines.extend(extra.lines)
    meta_lines.extend(u.line for u in draft.jumps)
    # (a jump marker ends whatever line carries it, whatever role that line took)
    taken = [draft.byline, draft.name_line, draft.column, draft.affiliation, draft.note]
    elements = draft.heads + draft.paras + [e for e in taken if e is not None]
    carriers = [u for e in elements for u in e.units] + draft.jumps
    jumps = [u.text for u in draft.jumps] + [u.jump for u in carriers if u.jump]
    marks = [m for m in map(pt.JUMP_RE.search, jumps) if m]
    to_page = next((m["page"] for m in marks if m["dir"] in pt.OUTWARD), None)
    from_page = next((m["page"] for m in marks if m["dir"] in pt.INWARD), None)
    kind = draft.kind
    shared_column = draft.shared_column
    if draft.in_brief_cluster and kind == "news":
        # (an excerpt's source line, （摘编自《某报》）, is its item's last block)
        text = [e for e in draft.body if not pt.SOURCE_RE.match(e.text)]
        if len(text) == 1:
            kind = "brief"
        else:
            shared_column = None
    if kind in ("news", "commentary") and is_interview(draft.body):
        # (questions and answers under a column's label are still an interview)
        kind = "interview"
    authors = list(draft.authors)
    signed = draft.byline is not None and bool(
        pt.BULLET_BYLINE_RE.match(pt.unpad(draft.byline.text))
    )
    if kind == "news" and (
        pt.OPINION_SUFFIX_RE.search(title)
        or any(pt.OPINION_BYLINE_RE.search(a) for a in authors)
        or (signed and draft.dateline is None)
    ):
        # Signed by the paper's commentator, titled with its genre (…（某某时评）), or signed
        # with a bullet and a name, as essays and poems are (□ 苏  牧), with no dateline:
        # opinion, not a report.
        kind = "commentary"
    if kind in ("news", "commentary") and _is_photo(draft):
        kind = "photo"
    if kind == "photo":
        # A photo group's photographers are its authors, however its credits are printed.
        authors += [n for e in draft.body for u in e.units for n in u.caption_credit]
    bylines = [e.text for e in (draft.name_line, draft.byline) if e is not None]
    # (a credit glued to a text stays in it; one after a 下转 marker is the byline's)
    bylines += [u.end_credit for u in carriers if u.end_credit and u.end_credit not in u.text]
    return SegmentedArticle(
        title=title,
        title_derived=derived,
        kicker=kicker,
        subtitle=subtitle,
        kind=kind,
        dateline=draft.dateline,
        authors=list(dict.fromkeys(authors)),
        column=draft.column.text if draft.column else shared_column,
        blocks=blocks,
        byline=" ".join(bylines) or None,
        affiliation=pt.affiliation_of(draft.affiliation.text) if draft.affiliation else None,
        jumps=jumps,
        continued_to=f"第{to_page}版" if to_page else None,
        continued_from=f"第{from_page}版" if from_page else None,
        column_shared=draft.column is None and shared_column is not None,
        meta_lines=tuple(sorted(meta_lines)),
        marks=decoration,
    )


def _undecorated(lines: list[str]) -> tuple[list[str], str]:
    """Headline lines without the marks printed around them (●标题, 【标题】), and the
    marks."""
    out, marks = [], []
    for line in lines:
        found = pt.HEAD_MARKS_RE.fullmatch(line)
        if found and found["words"]:
            out.append(found["words"])
            marks.append(found["lead"] + found["tail"])
        else:
            out.append(line)
    return out, "".join(marks)
