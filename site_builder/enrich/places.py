"""Places named in articles: recognised over the whole archive, resolved in context.

A name several divisions share (城关区 is in Lhasa and in Lanzhou) is decided by, in order:
the place written right before it, places named elsewhere in the article, places named on
the same page, and the paper's region; what is still open is reported as ambiguous.
A learned place (…社区, …街道) takes its parent from the place written right before it, a
relation (隶属于), or the nearest county or township in its paragraph; the archive supplies
a parent the article does not give, or a more specific one that agrees with it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache, partial

from site_builder.enrich.abbreviations import province_runs
from site_builder.enrich.datelines import dateline_mentions
from site_builder.enrich.gazetteer import COMMON_WORD_FREQ, gazetteer, within
from site_builder.enrich.gazetteer_names import gazetteer_mentions
from site_builder.enrich.learned import (
    link_relations,
    record_confirmations,
    repeat_mentions,
    suffix_mentions,
)
from site_builder.enrich.mentions import Mention, Tokens
from site_builder.enrich.models import Level, PlaceHit
from site_builder.enrich.place_state import FinderState, Hit, KeptFinder, mark_of
from site_builder.enrich.regions import (
    lead_regions,
    region_votes,
    without_author_note,
    without_capital_dateline,
    without_firms,
    without_services,
)
from site_builder.enrich.suffixes import (
    RARE,
    SUFFIXES,
    Confirmations,
    Site,
    has_suffix,
    sites,
    synthetic_code,
)
from site_builder.enrich.townships import (
    feature_townships,
    listed_townships,
    official_name,
    shared_name,
    stem_list_townships,
    township_county,
    written_townships,
)
from site_builder.nlp.tokenizer import pos_tokenizer, tokenizer, words

_PARENT_LEVELS: dict[Level, tuple[Level, ...]] = {
    "township": ("county",),
    "village": ("county", "township"),
}
"""Levels a learned place may take from its paragraph as parent."""


@dataclass(slots=True)
class Doc:
    """One text to search for places, with what surrounds it."""

    text: str
    page: str = ""
    """Texts with the same page share context (their places help resolve each other)."""
    dateline: str | None = None
    words: list[str] | None = None
    """jieba words of ``text`` when the caller already has them."""


@dataclass(slots=True, frozen=True)
class LearnedPlace:
    """A township or village learned from the text."""

    code: str
    name: str
    level: Level
    parent: str


@dataclass(slots=True)
class PlaceContext:
    """What ``places_in`` may use besides the text itself."""

    region: str = "54"
    """Code of the paper's region: the last resort for a name several divisions share."""
    dateline: str | None = None
    page_texts: tuple[str, ...] = ()
    """The other texts on the same page."""


def places_in(text: str, context: PlaceContext | None = None) -> list[PlaceHit]:
    """Place mentions in ``text``, resolved with the help of ``context``."""
    return places_learned(text, context)[0]


def places_learned(
    text: str, context: PlaceContext | None = None
) -> tuple[list[PlaceHit], dict[str, LearnedPlace]]:
    """``places_in``, and the places learned on the way (a township or village of the text
    or its page, by its code): a hit's code may be one of them, which no gazetteer knows."""
    ctx = context or PlaceContext()
    docs = [Doc(text, "page", ctx.dateline)] + [Doc(t, "page") for t in ctx.page_texts]
    finder = PlaceFinder(docs, ctx.region)
    return finder.hits(0), finder.learned


Scan = tuple[list[Site], list[Mention], int]
"""What ``scan`` finds in one text: suffix sites, mentions, word starts as a bit mask."""


def scan(doc: Doc, region: str) -> Scan:
    """The suffixes of one text, its gazetteer and dateline mentions, and its word starts
    as a bit mask: what the text says on its own, before the archive has a say. A
    function of the text, its words, its dateline and ``region`` alone (``PlaceFinder``
    may be given kept ones); the finder changes the mentions it is given."""
    tokens = Tokens.of(doc.words if doc.words is not None else words(doc.text))
    mentions = gazetteer_mentions(doc.text, tokens, region)
    mentions += [
        Mention(start, end, doc.text[start:end], "gazetteer", (code,))
        for start, end, code in province_runs(doc.text)
        if not any(m.start < end and start < m.end for m in mentions)
    ]
    mentions.sort(key=lambda m: m.start)
    mentions = _without_features(doc.text, mentions)
    mentions += dateline_mentions(doc.text, doc.dateline, mentions, region)
    taken = [(m.start, m.end) for m in mentions]
    named = {c for m in mentions if m.source != "suffix" for c in m.codes}
    mentions += [
        Mention(start, end, name, "suffix", level="township", county=county)
        for start, end, name, county in [
            *feature_townships(doc.text, tokens.starts, named, region),
            *((start, end, name, None) for start, end, name in listed_townships(doc.text, region)),
        ]
        if not any(s < end and start < e for s, e in taken)
    ]
    listed = stem_list_townships(doc.text, tokens.starts, named, region)
    # A list that says its items are townships (平川、板桥等6个镇) outranks another reading of
    # an item (平川区 of another prefecture).
    said = [(start, end) for start, end, *_, says in listed if says]
    mentions = [m for m in mentions if not any(s < m.end and m.start < e for s, e in said)]
    taken = [(m.start, m.end) for m in mentions]
    # A township written right after a place named starts there, however jieba cuts
    # (康县长坝镇: jieba reads 县长 "county head").
    after = tokens.starts | {m.end for m in mentions if m.source != "suffix" and m.start >= 0}
    for start, end, name, county in [
        *written_townships(doc.text, after, tokens.ends, named, region),
        *(item[:4] for item in listed),
    ]:
        if not any(s < end and start < e for s, e in taken):
            mentions.append(Mention(start, end, name, "suffix", level="township", county=county))
    place_ends = frozenset(m.end for m in mentions if m.start >= 0)
    found = sites(doc.text, tokens.ends, tokens.word_at_end, place_ends)
    return found, mentions, tokens.start_mask


_FEATURE = re.compile(r"风景区|景区|库区|关城")
"""What a division's short name names when these follow it: the scenic area, reservoir
or pass the division is named after (峨眉山景区, 青铜峡库区, 嘉峪关关城), not the division."""

_RIVER = re.compile(r"[河江]?(?:上游|中游|下游|流域|水域|两岸|畔)")
"""What a division's short name names when these follow it: the river the division is
named after (晋江下游水域, 晋江畔, 柳江河畔), as the features above."""

_AIRPORT = re.compile(r"(?:国际)?机场")
"""An airport named after a county or district (美兰机场, 巴塘机场) is named by its short
name: that mention is the airport's; a city's (拉萨机场) is the city's, whose name stays.
Unlike the features above it does not take the name from the rest of the text: 武冈至新宁
高速 … 武冈机场 names 武冈 on the route."""


_TIME = "时间"
"""After a city's short name, its time zone (北京时间, as 当地时间): no place of the story."""


def _without_features(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions less every short name the text also writes as a feature's name
    (峨眉山景区) or a river's (晋江下游): in an article about the mountain, 峨眉山金顶 is
    the mountain's summit too.
    A full name (峨眉山市) stays. A short name before 时间, or a county's before 机场, is
    left out there alone."""
    gaz = gazetteer()
    mentions = [m for m in mentions if m.name in gaz.full or not text.startswith(_TIME, m.end)]
    features = {
        m.name
        for m in mentions
        if m.source == "gazetteer"
        and m.name not in gaz.full
        and (_FEATURE.match(text, m.end) or _RIVER.match(text, m.end))
    }
    airports = {
        m.start
        for m in mentions
        if m.source == "gazetteer"
        and m.name not in gaz.full
        and _AIRPORT.match(text, m.end)
        and all(gaz.by_code[c].level == "county" for c in m.codes if c in gaz.by_code)
    }
    return [
        m
        for m in mentions
        if (m.name not in features and m.start not in airports) or m.name in gaz.full
    ]


@lru_cache(maxsize=65536)
def context_free_codes(name: str, region: str = "54") -> tuple[str, ...] | None:
    """The codes ``places_in(name, context)`` gives for every context with this region, or
    None when the context could change them.

    Texts around a name only help decide mentions with several candidates (or that need
    their parent named), and give learned places, which all end with a suffix: a name
    with neither (拉萨市, 措美县) denotes the same places wherever it is written.
    """
    if has_suffix(name):
        return None
    _, mentions, _ = scan(Doc(name), region)
    if any(len(m.codes) != 1 or m.needs_parent for m in mentions):
        return None
    return tuple(m.codes[0] for m in sorted(mentions, key=lambda m: (m.start, m.end)))


def _scan_doc(
    scans: Callable[[int, Doc, str], Scan] | None, index: int, doc: Doc, region: str
) -> Scan:
    return scan(doc, region) if scans is None else scans(index, doc, region)


class PlaceFinder:
    """Every place mention of an archive of texts, resolved; built once, then read. Only
    the hits and the learned places are kept, not the texts."""

    def __init__(
        self,
        docs: Sequence[Doc],
        region: str = "54",
        page_regions: bool = False,
        scans: Callable[[int, Doc, str], Scan] | None = None,
        kept: KeptFinder | None = None,
    ) -> None:
        """``region`` is the paper's; with ``page_regions`` each page's paper is taken to be
        of the province its texts name most (``regions.page_regions``), ``region`` failing
        one. ``scans(i, docs[i], region)``: what ``scan`` gives, fresh (None: ``scan``).
        ``kept``: each text's inputs and the state the last build's finder left (see
        ``place_state``): the texts whose inputs changed are read against that state when
        it still holds; ``state`` is then what the next build may start from."""
        self.region = region
        self.learned: dict[str, LearnedPlace] = {}
        self.state: FinderState | None = None
        """What the next build may start from (None when no ``kept`` was given)."""
        self.updated = False
        """Whether only the texts whose inputs changed were read (against ``kept``)."""
        self._scan = partial(_scan_doc, scans)
        self._page_regions = page_regions
        self._regions = [region] * len(docs)
        self._hits: list[list[PlaceHit]] = []
        if kept is not None and kept.state is not None:
            self.updated = self._update(docs, kept.keys, kept.state)
        if not self.updated:
            self._run(docs, None if kept is None else kept.keys)

    def hits(self, index: int) -> list[PlaceHit]:
        """Place mentions of one text, in text order (a separate dateline first)."""
        return list(self._hits[index])

    def region_of(self, index: int) -> str:
        """The region one text was read for: its page's."""
        return self._regions[index]

    def _text(self, index: int, doc: Doc, page_region: str | None) -> _Text:
        """One text scanned for the paper's region (whose mentions vote for its page's
        region) and, when its page's region is another (``page_region``), for that one."""
        sites, mentions, starts = self._scan(index, doc, self.region)
        text = _Text(doc, sites, mentions, starts, self.region, region_votes(mentions))
        if page_region is not None and page_region != self.region:
            return self._rescan(index, text, page_region)
        return text

    def _rescan(self, index: int, text: _Text, region: str) -> _Text:
        """``text`` scanned again for its page's ``region`` (its votes stay)."""
        self._regions[index] = region
        sites, mentions, starts = self._scan(index, text.doc, region)
        return _Text(text.doc, sites, mentions, starts, region, text.votes)

    def _run(self, docs: Sequence[Doc], keys: list[str] | None) -> None:
        """Every text through every step, the archive-wide ones between them."""
        self._regions = [self.region] * len(docs)  # not those of an ``_update`` given up
        texts = [self._text(i, doc, None) for i, doc in enumerate(docs)]
        page_region: dict[str, str] = {}
        if self._page_regions:
            votes = [t.votes for t in texts]
            page_region = lead_regions([d.page for d in docs], votes, self.region)
            for i, doc in enumerate(docs):
                if page_region[doc.page] != self.region:
                    texts[i] = self._rescan(i, texts[i], page_region[doc.page])
        confirmations = Confirmations()
        for t in texts:
            confirmations.merge(t.confirm())
        names = [t.learn(confirmations) for t in texts]
        # Townships the list placed are names to find again too (分界镇, then 分界镇储良村).
        learned: dict[str, Level] = {name: "township" for county, _ in names for name in county}
        for _, suffixed in names:
            learned.update(suffixed)
        pattern = _learned_pattern(learned)
        for t in texts:
            t.repeat(learned, pattern, confirmations)
        page_codes: dict[str, set[str]] = {}
        for t in texts:
            page_codes.setdefault(t.doc.page, set()).update(t.named())
        for t in texts:
            t.decide(page_codes[t.doc.page])
        parents: dict[str, dict[str, str | None]] = {}
        for level in _LEARNED_LEVELS:
            evidence = [t.evidence(level) for t in texts]
            parents[level] = _archive_parents([given for _, _, given in evidence])
            # A township written right after a county the gazetteer does not know (栖川县
            # 白沙乡: an invented county, or one renamed since) is that county's, on every
            # text of its page: the township list's one 白沙乡 of the province is another.
            elsewhere = {
                (t.doc.page, m.name)
                for t, (todo, _, _) in zip(texts, evidence, strict=True)
                for m in todo
                if _after_unknown_county(t.doc.text, m)
            }
            for t, (todo, local, _) in zip(texts, evidence, strict=True):
                for place in t.assign(
                    level, todo, local, parents[level], elsewhere, page_codes[t.doc.page]
                ):
                    self.learned[place.code] = place
        self._hits = [t.hits() for t in texts]
        if keys is not None:
            self.state = FinderState(
                region=self.region,
                page_regions=self._page_regions,
                keys=list(keys),
                pages=[d.page for d in docs],
                marks=[t.mark() for t in texts],
                hits=[[_plain(h) for h in hits] for hits in self._hits],
                page_region=page_region,
                confirmed=confirmations.pairs(),
                learned_names=list(learned.items()),
                page_codes={page: sorted(codes) for page, codes in page_codes.items()},
                parents=parents,
                places=[(p.code, p.name, p.level, p.parent) for p in self.learned.values()],
            )

    def _update(self, docs: Sequence[Doc], keys: list[str], state: FinderState) -> bool:
        """Read only the texts whose inputs changed, against the kept archive-wide facts;
        False (and nothing kept) as soon as one gives those steps something its old
        version did not: then the facts may change, and every text must be read."""
        if (
            (state.region, state.page_regions) != (self.region, self._page_regions)
            or len(keys) != len(docs)
            or state.pages != [d.page for d in docs]
        ):
            return False
        changed = [
            i for i, (new, old) in enumerate(zip(keys, state.keys, strict=True)) if new != old
        ]
        hits = list(state.hits)
        if changed:
            confirmations = Confirmations.of(state.confirmed)
            learned: dict[str, Level] = dict(state.learned_names)  # type: ignore[arg-type]
            pattern = _learned_pattern(learned)
            page_codes = {page: set(codes) for page, codes in state.page_codes.items()}
            for i in changed:
                page = docs[i].page
                t = self._text(i, docs[i], state.page_region.get(page))
                t.confirm()
                t.learn(confirmations)
                t.repeat(learned, pattern, confirmations)
                t.named()
                t.decide(page_codes.get(page, set()))
                for level in _LEARNED_LEVELS:
                    todo, local, _ = t.evidence(level)
                    if any(_after_unknown_county(t.doc.text, m) for m in todo):
                        return False
                    kept = state.parents.get(level, {})
                    t.assign(level, todo, local, kept, set(), page_codes.get(page, set()))
                # (a township the list placed may be written elsewhere on its page after a
                # county the gazetteer does not know: only the whole page can say)
                if t.listed or t.mark() != state.marks[i]:
                    return False
                hits[i] = [_plain(h) for h in t.hits()]
        if self._page_regions:
            self._regions = [state.page_region.get(d.page, self.region) for d in docs]
        self._hits = [[PlaceHit(*h) for h in each] for each in hits]  # type: ignore[arg-type]
        self.learned = {
            code: LearnedPlace(code, name, level, parent)  # type: ignore[arg-type]
            for code, name, level, parent in state.places
        }
        self.state = replace(state, keys=list(keys), hits=hits)
        return True


_LEARNED_LEVELS: tuple[Level, Level] = ("township", "village")
"""Levels of learned places, settled in this order (a village may hang under a township)."""


def _learned_pattern(learned: dict[str, Level]) -> re.Pattern[str]:
    """Any learned name, longest first."""
    return re.compile("|".join(sorted(map(re.escape, learned), key=len, reverse=True)))


def _archive_parents(
    given: list[list[tuple[str, tuple[str, ...], str | None]]],
) -> dict[str, str | None]:
    """The parent the archive gives each learned name from what every text says of it
    (``_Text.evidence``). Firm evidence that disagrees (two 和平社区 in two districts)
    leaves the name without an archive-wide parent; the paragraph evidence does not
    overrule it. Decided once per name: a name repeated across an archive made this
    quadratic."""
    strong: dict[str, list[str]] = {}
    medium: dict[str, list[str]] = {}
    for each in given:
        for name, firm_codes, near in each:
            strong.setdefault(name, []).extend(firm_codes)
            medium.setdefault(name, []).extend([near] if near else [])
    return {
        name: _most_specific(agreed) if agreed else _most_specific(medium[name])
        for name, agreed in strong.items()
    }


def _plain(hit: PlaceHit) -> Hit:
    return (hit.name, hit.start, hit.end, hit.code, hit.candidates, hit.source)


@dataclass(slots=True)
class _Text:
    """One text on its way through the finder's steps, with what it gives the
    archive-wide ones (its mark, see ``place_state``)."""

    doc: Doc
    sites: list[Site]
    mentions: list[Mention]
    starts: int
    region: str
    votes: Counter[str]
    gives: list[object] = field(default_factory=list)
    """What the text gave each archive-wide step, in order."""
    _named: set[str] = field(default_factory=set)
    """The codes it names (``named``), the article's context in ``decide``."""
    listed: bool = False
    """A township of this text was placed by the township list (``assign``)."""

    def confirm(self) -> Confirmations:
        """Where the names before this text's suffixes could start."""
        own = Confirmations()
        record_confirmations(self.doc.text, self.sites, self.mentions, own)
        self.gives.append(own.pairs())
        return own

    def learn(self, confirmations: Confirmations) -> tuple[list[str], list[tuple[str, Level]]]:
        """The names this text teaches the archive: townships the list placed, and learned
        places before suffixes (``confirmations``: the archive's)."""
        county = [m.name for m in self.mentions if m.county]
        found = suffix_mentions(
            self.doc.text, self.sites, self.mentions, confirmations, self.starts
        )
        suffixed: list[tuple[str, Level]] = [(m.name, m.level or "village") for m in found]
        self.gives.append((county, suffixed))
        return county, suffixed

    def repeat(
        self, learned: dict[str, Level], pattern: re.Pattern[str], confirmations: Confirmations
    ) -> None:
        """The archive's learned names found again in this text; relations linked."""
        text, mentions = self.doc.text, self.mentions
        if learned:
            before = len(mentions)
            repeat_mentions(text, mentions, pattern, learned, self.starts)
            if len(mentions) > before:
                # A name found again can be the parent written right before a suffix
                # the first pass left (长所乡, learned in the headline, then 长所乡|岗嘎|村).
                suffix_mentions(text, self.sites, mentions, confirmations, self.starts)
        link_relations(text, mentions)

    def named(self) -> set[str]:
        """The codes this text names unambiguously, with their ancestors: the page's."""
        gaz = gazetteer()
        codes: set[str] = set()
        for m in self.mentions:
            if m.source != "suffix" and len(m.codes) == 1 and not m.needs_parent:
                codes.add(m.codes[0])
                codes.update(gaz.ancestors(m.codes[0]))
        self.gives.append(sorted(codes))
        self._named = codes
        return codes

    def decide(self, page: set[str]) -> None:
        """Each gazetteer mention's code, in the context of the text and its ``page``."""
        gaz = gazetteer()
        ordered = sorted((m for m in self.mentions if m.source != "suffix"), key=lambda m: m.start)
        for m in ordered:
            prev = next((p for p in ordered if p.end == m.start and p.start >= 0), None)
            if m.phrase:
                # An everyday word (城区 "urban area") is a place only where its parent
                # is named in the same paragraph: an article about one city that says
                # 城区 means that city's streets, not a district of another province,
                # nor of another city of its province (化州城区 is not 汕尾's 城区).
                near = _paragraph_codes(self.doc.text, m, ordered)
                under = [c for c in m.codes if gaz.by_code[c].parent in near]
                m.code = under[0] if len(under) == 1 else None
            else:
                m.code = _decide(m, prev, self._named, page, self.region)

    def evidence(
        self, level: Level
    ) -> tuple[list[Mention], dict[int, str | None], list[tuple[str, tuple[str, ...], str | None]]]:
        """This text's learned places of ``level``, the parent the text gives each, and
        what it says of each name to the archive: (name, firm parents, paragraph parent)."""
        text, mentions = self.doc.text, self.mentions
        todo = [m for m in mentions if m.source == "suffix" and m.level == level]
        local: dict[int, str | None] = {}
        given: list[tuple[str, tuple[str, ...], str | None]] = []
        # One place per article: every mention of a name in one text takes the parent its
        # best-attested mention there gives (a chain or relation before the paragraph's
        # nearest county), so that 南木达镇 is not hung under two counties of one article.
        in_text: dict[str, tuple[int, str]] = {}
        for m in todo:
            linked = [mentions[i].code for i in (m.chain, m.relation) if i is not None]
            # A village right after a city with counties (广州江村) is in one of them: the
            # city bounds its parent, and is none itself.
            bound = [c for c in linked if c and level == "village" and _above_counties(c)]
            linked = [c for c in linked if c not in bound]
            firm_codes = [c for c in [*linked, m.county] if c]
            near = _paragraph_parent(text, m, mentions)
            if near is not None and not all(within(near, c) for c in bound):
                near = None
            given.append((m.name, tuple(firm_codes), near))
            mine = _most_specific(firm_codes) if firm_codes else near
            local[id(m)] = mine
            rank = 2 if firm_codes else 1 if near else 0
            if mine is not None and rank > in_text.get(m.name, (0, ""))[0]:
                in_text[m.name] = (rank, mine)
        for m in todo:
            best = in_text.get(m.name)
            if best is not None:
                local[id(m)] = best[1]
        self.gives.append(given)
        return todo, local, given

    def assign(
        self,
        level: Level,
        todo: list[Mention],
        local: dict[int, str | None],
        parents: dict[str, str | None],
        elsewhere: set[tuple[str, str]],
        page: set[str],
    ) -> list[LearnedPlace]:
        """Give this text's learned places of ``level`` a parent and a code (``parents``:
        the archive's; ``elsewhere``: (page, township) written after a county the gazetteer
        does not know; ``page``: the codes its page names); the places so learned."""
        places = []
        for m in todo:
            archive = parents.get(m.name)
            mine = local[id(m)]
            if mine is None and archive not in page and shared_name(m.name):
                # A name several counties' townships have (城南街道) takes the county
                # another page gave it only where its own page names that county too.
                archive = None
            # A village's name is shared by thousands (大坪村): the parent another paper's
            # page gave it holds here only inside this page's region.
            foreign = archive and archive not in page and not within(archive, self.region)
            if mine is None and level == "village" and foreign:
                archive = None
            parent = archive if archive and (mine is None or within(archive, mine)) else mine
            if parent is None and level == "township" and (self.doc.page, m.name) not in elsewhere:
                # Nothing in the archive says where it is: the township list may (unless
                # its page writes it after a county the gazetteer does not know).
                parent = township_county(m.name, self.region, page, self._named)
                self.listed = True
            if parent is None:
                continue
            if level == "township":
                m.name = official_name(m.name, parent)
            m.code = synthetic_code(parent, m.name)
            places.append(LearnedPlace(m.code, m.name, level, parent))
        self.gives.append([(p.code, p.name, p.parent) for p in places])
        return places

    def hits(self) -> list[PlaceHit]:
        text = self.doc.text
        mentions = without_capital_dateline(text, self.mentions)
        mentions = without_author_note(text, without_services(text, mentions))
        return _hits(without_firms(text, mentions))

    def mark(self) -> str:
        """A digest of what the text gave the archive-wide steps."""
        return mark_of((sorted(self.votes.items()), *self.gives))


def _paragraph_parent(text: str, m: Mention, mentions: list[Mention]) -> str | None:
    """Code of the nearest county (or township) in the same paragraph: before the
    place if there is one, else after it; else the article's only county."""
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.end)
    end = len(text) if end < 0 else end
    allowed = _PARENT_LEVELS[m.level or "village"]
    near = [
        p
        for p in mentions
        if p.code and start <= p.start < end and p is not m and _level(p) in allowed
    ]
    before = [p for p in near if p.end <= m.start]
    after = [p for p in near if p.start >= m.end]
    best = max(before, key=lambda p: p.end) if before else None
    best = best or (min(after, key=lambda p: p.start) if after else None)
    if best is not None:
        return best.code
    # No county in the paragraph: the article's one township (for a village), else its
    # one county (改则县 in the lead, 洞措乡 three paragraphs on; 鲁朗镇 in the headline,
    # 扎西岗村 in the body), for a name that looks like one on this weak evidence.
    stem = m.name[: -len(_suffix_of(m.name))]
    if m.level is None or not (
        _standalone_name(stem, m.name) or (m.level == "township" and _place_stem(stem, m.name))
    ):
        return None
    for level in reversed(allowed):
        found = {p.code for p in mentions if p.code and p is not m and _level(p) == level}
        if len(found) == 1:
            return found.pop()
    return None


_UNKNOWN_COUNTY = re.compile(r"(?:^|[^\u3400-\u9fff])([\u3400-\u9fff]{2}[县市区旗])", re.MULTILINE)
"""A county's name of two characters and its suffix, opening a run of Han characters
(，栖川县 before 白沙乡; ，潆洲市中医院)."""


def _after_unknown_county(text: str, m: Mention) -> bool:
    """Is the township ``m`` written after a name of a county (two characters and 县, 市,
    区 or 旗, after punctuation or the start of a line) that the gazetteer has neither as
    a full name nor a former one: right before it (栖川县白沙乡), or earlier in its
    paragraph when jieba does not know the name's stem either (an invented city:
    潆洲市中医院的医务人员来到城南街道)?"""
    gaz = gazetteer()
    start = text.rfind("\n", 0, m.start) + 1
    for match in _UNKNOWN_COUNTY.finditer(text, start, m.start):
        name = match.group(1)
        if name in gaz.full:
            continue
        if match.end(1) == m.start or not tokenizer().FREQ.get(name[:2], 0):
            return True
    return False


_VERBAL = ("v", "d", "p")
"""Tags of a last character that makes the suffix its object (顿珠|回|村 "returned to the
village")."""


def _standalone_name(stem: str, name: str) -> bool:
    """May a learned name take the article's one county (or township) as its parent with no
    place near it? Not when jieba's dictionary knows the full name (枫桥镇: a place in
    Zhejiang, no evidence for 措美县), nor when the stem holds a common word of two or more
    characters (医生|再带|村) or ends with a verb or adverb after one (顿珠|回|村) or with a
    direction word (送医|下|嘎查 "doctors sent down to the villages"); a rare word
    or one jieba tags as a place name passes (大武|镇, 扎西岗|村, 泗水|镇), and so do single
    characters (约|改|镇), but not a stem that is one everyday word of one character
    (雪|乡 "snow country": a scenic area and a word, not a township of the article's
    county)."""
    freq = tokenizer().FREQ
    if freq.get(name, 0):
        return False
    if len(stem) == 1 and freq.get(stem, 0) >= COMMON_WORD_FREQ:
        return False  # an everyday word and a suffix (雪乡民宿 "snow-country homestays")
    tags = pos_tokenizer().word_tag_tab
    pieces = list(tokenizer().cut(stem))
    if any(_common_word(p, freq.get(p, 0), tags.get(p, "")) for p in pieces):
        return False
    last = pieces[-1]
    verbal = tags.get(last, "").startswith(_VERBAL)
    # A direction word last makes the suffix where something goes (送医|下|嘎查).
    towards = tags.get(last, "").startswith("f")
    one = len(pieces) > 1 and len(last) == 1
    return not (one and ((len(pieces[-2]) > 1 and verbal) or towards))


def _place_stem(stem: str, name: str) -> bool:
    """Does a township's stem open with a word jieba tags as a place name, however often
    it knows it (山川乡, 新城子街道)? Beside a township suffix such a word names the
    township; a village's stem is not trusted so far (深山村 "a village in the deep
    mountains"). As for ``_standalone_name``, not when jieba knows the full name (枫桥镇,
    in Zhejiang)."""
    if tokenizer().FREQ.get(name, 0):
        return False
    first = next(iter(tokenizer().cut(stem)), "")
    return len(first) > 1 and pos_tokenizer().word_tag_tab.get(first, "").startswith("ns")


def _common_word(word: str, freq: int, tag: str) -> bool:
    """A word of two or more characters jieba knows well, other than as a place name it
    knows less often than an everyday word (泗水, 香兰: ``ns``, the stems of 泗水镇 and
    香兰镇; not 深山 "deep mountains", also tagged ``ns``)."""
    place = tag.startswith("ns") and freq < COMMON_WORD_FREQ
    return len(word) > 1 and freq >= RARE and not place


def _decide(
    m: Mention, prev: Mention | None, article: set[str], page: set[str], region: str
) -> str | None:
    """Narrow the candidates step by step; stop as soon as one is left."""
    gaz = gazetteer()
    candidates = list(m.codes)
    steps: list[set[str] | None] = [
        {prev.code} if prev is not None and prev.code else None,
        article,
        page,
    ]
    if len(candidates) == 1 and not m.needs_parent:
        return candidates[0]
    for context in steps:
        if context is None:
            continue
        # The candidate under the most specific place named wins (阳泉市 over 山西省
        # for the 城区 of 阳泉, when 晋城's 城区 is in 山西省 too).
        # A candidate named itself counts as deep as its own code: a province named on
        # the page is no reason to prefer its city of the same name (吉林).
        depth = {
            c: max((len(a) for a in [*gaz.ancestors(c), c] if a in context), default=0)
            for c in candidates
        }
        deepest = max(depth.values(), default=0)
        kept = [c for c in candidates if deepest and depth[c] == deepest]
        if len(kept) == 1:
            return kept[0]
        candidates = kept or candidates
    top = min(candidates, key=len)
    if len(candidates) > 1 and all(within(c, top) for c in candidates):
        # One name for a city and its own district (荆州: 荆州市 and its 荆州区): the city,
        # which the district's name is taken from; one place, counted once.
        return top
    if m.needs_parent:
        return None
    kept = [c for c in candidates if within(c, region)]
    return kept[0] if len(kept) == 1 else None


def _paragraph_codes(text: str, m: Mention, mentions: list[Mention]) -> set[str]:
    """Codes of the unambiguous places named in the paragraph of ``m``, itself left out."""
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.end)
    end = len(text) if end < 0 else end
    codes: set[str] = set()
    for p in mentions:
        if p is not m and start <= p.start < end and len(p.codes) == 1 and not p.needs_parent:
            codes.add(p.codes[0])
    return codes


@cache
def _county_parents() -> frozenset[str]:
    """Codes of the places that have counties right under them."""
    return frozenset(
        d.parent for d in gazetteer().by_code.values() if d.level == "county" and d.parent
    )


def _above_counties(code: str) -> bool:
    """Is ``code`` a province, or a city with counties? A village written right after one
    (广州江村) lies in a county the text may not name: hung under the city it would stand
    beside its counties. A city without counties (儋州, 东莞) holds its villages' townships
    itself."""
    division = gazetteer().by_code.get(code)
    if division is None:
        return False
    return division.level == "province" or code in _county_parents()


def _suffix_of(name: str) -> str:
    return next(s for s, _ in SUFFIXES.values() if name.endswith(s))


def _hits(mentions: list[Mention]) -> list[PlaceHit]:
    out = []
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        if m.dropped:
            continue
        candidates = m.codes or ((m.code,) if m.code else ())
        out.append(PlaceHit(m.name, m.start, m.end, m.code, candidates, m.source))
    return out


def _level(m: Mention) -> Level | None:
    if m.level is not None:
        return m.level
    return gazetteer().by_code[m.code].level if m.code in gazetteer().by_code else None


def _most_specific(codes: list[str]) -> str | None:
    """The deepest code when all of them lie on one line of descent, else None."""
    if not codes:
        return None
    deepest = max(codes, key=len)
    return deepest if all(within(deepest, c) for c in codes) else None
