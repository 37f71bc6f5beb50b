"""The query algorithm of ``search.js``, in Python: tests, the benchmark and tools use it.

Both engines must fetch the same files and return the same results in the same order
(``tests/test_search_browser.py`` runs the real script to check). SPEC.md gives the rules.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from site_builder.search.encode import EXTERNAL, Entry, decode_block, decode_shard, inflate
from site_builder.search.initials import from_wire
from site_builder.search.t2s import Table
from site_builder.search.text import (
    STOP_WORDS,
    Clause,
    HanClause,
    LatinClause,
    choose_readings,
    drop_stop_words,
    fnv1a,
    fold,
    join_phrases,
    parse_query,
    phrase_keys,
    share_heads,
    shared_keys,
    subjects,
    unknown_readings,
)

PAGE_SIZE = 10
WEIGHT_HAN = 10
WEIGHT_WORD = 8
WEIGHT_PINYIN = 5
WEIGHT_INITIALS = 4
"""Clause scores are impacts times these: an exact Han phrase outranks a Latin word (English
name), which outranks pinyin, which outranks initials. Integers, so JS agrees exactly."""

Loader = Callable[[str], bytes]
"""Reads a file of the index by its path relative to the index folder."""


@dataclass(slots=True, frozen=True)
class Filters:
    """Facet filters, as in the search page's URL (``tag``, ``loc``, ``kind``...)."""

    tag: str | None = None
    loc: str | None = None
    """Place code; its descendants match too."""
    topic: str | None = None
    """Topic id; its subtopics match too."""
    kind: str | None = None
    paper: str | None = None
    page: int | None = None
    date_from: str | None = None
    date_to: str | None = None

    def terms(self) -> list[str]:
        pairs = [("t:", self.tag), ("l:", self.loc), ("c:", self.topic), ("k:", self.kind)]
        pairs.append(("n:", self.paper))
        found = [prefix + value for prefix, value in pairs if value]
        if self.page is not None:
            found.append(f"g:{self.page}")
        return found


@dataclass(slots=True)
class Term:
    ids: list[int]
    impacts: list[int] | None
    forms: tuple[str, ...]

    def scores(self) -> dict[int, int]:
        values = self.impacts or [0] * len(self.ids)
        return dict(zip(self.ids, values, strict=True))


@dataclass(slots=True)
class Outcome:
    """One page of results."""

    records: list[dict[str, Any]]
    """Shown articles' records (``k`` key, ``u`` URL, ``t`` title...), best first."""
    total: int
    exact: bool
    """False when some candidates are still unchecked: ``total`` is then an upper bound."""
    fetched: list[str] = field(default_factory=list)
    """Every file read for this query, in order."""
    expanded: list[str] = field(default_factory=list)
    """The Chinese words searched for besides what was typed: a traditional phrase read
    as simplified, the words an English word stands for (the search page shows them)."""
    closest: bool = False
    """The results are the closest of an English query no article matches (``Plan.closest``)."""


@dataclass(slots=True)
class Plan:
    """A query's clauses as the index resolved them, and their terms."""

    clauses: list[Clause]
    terms: dict[str, Term]
    expanded: list[str]
    subjects: list[list[Clause]] = field(default_factory=list)
    """The clauses cut at ``and``/``or`` (``text.subjects``): an English query's subject
    of two words or more also finds on its own (``_subject_matches``)."""
    closest: bool = False
    """No article holds enough of an English query's words: the results are the few that
    hold the most of them (``_held_most``, ``CLOSEST``), and the page says so."""


@dataclass(slots=True)
class _Match:
    """A clause's candidates with their scores, and which of them still need a check."""

    scores: dict[int, int]
    unchecked: set[int]


class Engine:
    """Runs queries against one index; remembers files, like a browser's cache."""

    def __init__(self, load: Loader) -> None:
        self._load = load
        self._files: dict[str, bytes] = {}
        self._shards: dict[int, dict[str, Entry]] = {}
        self.fetched: list[str] = []
        self.meta: dict[str, Any] = json.loads(self._fetch("meta.bin"))
        self.syllables = frozenset(self.meta["syllables"].split())
        self._table: Table | None = None
        self._initials: dict[str, str] | None = None

    def table(self) -> Table:
        """The index's traditional -> simplified table, fetched on first need."""
        if self._table is None:
            self._table = Table.from_wire(self._fetch("t2s.bin").decode("utf-8"))
        return self._table

    def initials(self) -> dict[str, str]:
        """Each character's possible pinyin initials (``initials.bin``), fetched on first need."""
        if self._initials is None:
            self._initials = from_wire(self._fetch("initials.bin").decode("utf-8"))
        return self._initials

    def _fetch(self, path: str) -> bytes:
        if path not in self._files:
            raw = self._load(path)
            self.fetched.append(path)
            self._files[path] = inflate(raw)
        return self._files[path]

    def _terms(self, keys: Iterable[str]) -> dict[str, Term]:
        keys = sorted(set(keys))
        shards = self.meta["shards"]
        entries: dict[str, tuple[int, Entry]] = {}
        for key in keys:
            number = fnv1a(key) % shards
            if number not in self._shards:
                self._shards[number] = decode_shard(self._fetch(f"s/{number}.bin"))
            entry = self._shards[number].get(key)
            if entry is not None:
                entries[key] = (number, entry)
        found: dict[str, Term] = {}
        for key in keys:
            if key not in entries:
                found[key] = Term([], None, ())
                continue
            number, entry = entries[key]
            block = entry.block
            if entry.flags & EXTERNAL:
                block = self._fetch(f"t/{number}-{entry.ordinal}.bin")
            assert block is not None  # an inline entry always carries its block
            ids, impacts = decode_block(block, entry.flags, entry.df)
            found[key] = Term(ids, impacts, entry.forms)
        return found

    def record(self, doc_id: int) -> dict[str, Any]:
        size = self.meta["docDir"]
        data = self._fetch(f"d/{doc_id // size}/{doc_id}.bin")
        result: dict[str, Any] = json.loads(data)
        return result

    def _date_range(self, filters: Filters) -> tuple[int, int]:
        low, high = 0, self.meta["docs"]
        if filters.date_from is None and filters.date_to is None:
            return low, high
        dates: list[list[Any]] = json.loads(self._fetch("dates.bin"))
        low = self.meta["undated"]
        if filters.date_from is not None:
            low = next((i for d, i in dates if d >= filters.date_from), high)
        if filters.date_to is not None:
            high = next((i for d, i in dates if d > filters.date_to), high)
        return low, high

    def plan(self, query: str, filters: Filters) -> Plan:
        """Parse ``query`` and fetch its terms; then a Latin token read as pinyin in more
        than one way takes the reading the index has, words the index knows as a phrase are
        joined, stop words dropped, and a Han clause with a term the index lacks is read as
        traditional text."""
        clauses = parse_query(query, self.syllables)
        readings = [k for c in clauses if isinstance(c, LatinClause) for k in c.reading_keys()]
        phrases = phrase_keys(clauses) + shared_keys(clauses)
        terms = self._terms(_keys(clauses, filters) + phrases + readings)
        clauses = choose_readings(clauses, lambda key: bool(terms[key].ids))
        joined = join_phrases(clauses, lambda key: bool(terms[key].ids))
        joined = share_heads(joined, lambda key: bool(terms[key].ids))
        others = _unknown_readings(joined, terms)
        asked = [str(c.key) for cs in others.values() for c in cs if c.key not in terms]
        terms.update(self._terms(asked))
        joined = [_known_reading(c, others.get(c, []), terms) for c in joined]
        clauses = drop_stop_words(joined)
        expanded: list[str] = []
        for at, clause in enumerate(clauses):
            if isinstance(clause, HanClause) and not all(terms[k].ids for k in clause.terms()):
                text = self.table().convert(clause.text)
                if text != clause.text:
                    clauses[at] = HanClause(text)
                    expanded.append(text)
            elif isinstance(clause, LatinClause) and clause.key:
                expanded += terms[clause.key].forms
        clauses = _dedupe(clauses)
        terms.update(self._terms(k for k in _keys(clauses, filters) if k not in terms))
        return Plan(clauses, terms, list(dict.fromkeys(expanded)), subjects(joined))

    def candidates(
        self, query: str, filters: Filters, by_date: bool = False
    ) -> tuple[list[int], Plan, dict[int, list[Clause]]]:
        """Ranked candidate ids, the plan, and for each id the clauses it must be checked on."""
        plan = self.plan(query, filters)
        clauses, terms = plan.clauses, plan.terms
        low, high = self._date_range(filters)
        dated = filters.date_from is not None or filters.date_to is not None
        if not clauses and not filters.terms() and not dated:
            return [], plan, {}
        scores: dict[int, int] | None = None
        pending: dict[int, list[Clause]] = {}
        if loose(clauses, terms):
            scores = _most_words(clauses, terms)
        required = [] if scores is not None else _required(clauses, terms)
        words = [c for c in required if _words(c, terms)]
        if len(words) < len(required) and loose(words, terms):
            required = [c for c in required if not _words(c, terms)]
        else:
            words = []
        for clause in required:
            match = _match(clause, terms)
            if scores is None:
                scores = dict(match.scores)
            else:
                scores = {d: s + match.scores[d] for d, s in scores.items() if d in match.scores}
            for doc in sorted(match.unchecked):
                pending.setdefault(doc, []).append(clause)
        if words and scores is not None:
            scores = _most_among(scores, words, terms)
        below: dict[int, int] = {}
        if scores is not None and all(_words(c, terms) for c in clauses):
            for doc, score in _subject_matches(plan.subjects, terms).items():
                if doc not in scores:
                    scores[doc] = score
                    below[doc] = 1
            if not scores and len(clauses) > 1:
                scores = _held_most(clauses, terms, 1)
                plan.closest = True
            else:
                for doc, score in _partial_matches(clauses, terms).items():
                    if doc not in scores:
                        scores[doc] = score
                        below[doc] = 2
        for key in filters.terms():
            allowed = set(terms[key].ids)
            scores = {d: 0 for d in allowed} if scores is None else _keep(scores, allowed)
        if scores is None:
            scores = {d: 0 for d in range(low, high)}
        ranked = [d for d in scores if low <= d < high]
        ranked.sort(key=lambda d: (below.get(d, 0), -scores[d], -d))
        if plan.closest:
            del ranked[CLOSEST:]
        if by_date:
            ranked.sort(reverse=True)
        return ranked, plan, {d: pending[d] for d in ranked if d in pending}

    def passes(self, doc: int, clauses: list[Clause], terms: dict[str, Term]) -> bool:
        """Whether candidate ``doc`` holds the clauses, its text read as simplified if it has
        traditional characters."""
        record = self.record(doc)
        return passes(check_text(record, self.table() if record.get("z") else None), clauses, terms)

    def search(
        self, query: str, filters: Filters | None = None, by_date: bool = False, page: int = 0
    ) -> Outcome:
        """One page of results, checking candidates only as far as the page needs."""
        start = len(self.fetched)
        filters = filters or Filters()
        ranked, plan, pending = self.candidates(query, filters, by_date)
        want = (page + 1) * PAGE_SIZE
        passed: list[int] = []
        at = 0
        while len(passed) < want and at < len(ranked):
            batch = ranked[at : at + want - len(passed)]
            at += len(batch)
            for doc in batch:
                if doc not in pending or self.passes(doc, pending[doc], plan.terms):
                    passed.append(doc)
        shown = [self.record(d) for d in passed[page * PAGE_SIZE : want]]
        if any(r.get("z") for r in shown):
            self.table()  # the page highlights their text read as simplified
        if _by_initials(plan).intersection(passed[page * PAGE_SIZE : want]):
            self.initials()  # and a result found by initials where its letters are
        rest = ranked[at:]
        exact = not any(d in pending for d in rest)
        total = len(passed) + len(rest)
        return Outcome(shown, total, exact, self.fetched[start:], plan.expanded, plan.closest)

    def search_all(
        self, query: str, filters: Filters | None = None, by_date: bool = False
    ) -> list[str]:
        """Keys of every result, each candidate checked (for recall and precision)."""
        ranked, plan, pending = self.candidates(query, filters or Filters(), by_date)
        return [
            str(self.record(doc)["k"])
            for doc in ranked
            if doc not in pending or self.passes(doc, pending[doc], plan.terms)
        ]


def _by_initials(plan: Plan) -> set[int]:
    """The ids an initials clause found."""
    keys = [f"i:{c.initials}" for c in plan.clauses if isinstance(c, LatinClause) and c.initials]
    return {doc for key in keys for doc in plan.terms[key].ids}


LOOSE_WORDS = 3
"""An English query of this many words or more matches the articles that hold the most of
its words, and at least half of them: a translation word by word rarely finds every one
(a story of a dog off its leash says 遛狗 and 受伤, not "leash" or "lawsuit"), but when
some article does, the others are noise. A word of a phrase the index knows counts with
its phrase, so a phrase is never dropped."""


def _words(clause: Clause, terms: dict[str, Term]) -> int:
    """English words a clause stands for, stop words not counted; 0 if not a word clause
    that may be dropped (Han text, or a pinyin phrase of three syllables or more that the
    index does not know as an English word: ``Shijiazhuang`` is one, ``jiceng zhili`` not).
    A name of two syllables written with an apostrophe (``Xi'an``, ``Hui'an``) is one word,
    as ``Lhasa`` is: its one syllable pair finds it for sure. A pinyin reading that finds
    nothing at all is one word no article holds (``Mariana`` read as ma ri an a, ``Taijiang
    Miao`` as tai jiang miao), so that the query's other words still find, loosely or as
    the closest, instead of an AND that nothing passes."""
    if not isinstance(clause, LatinClause):
        return 0
    if clause.word is None:
        found = len(clause.syllables) == 2
    elif len(clause.syllables) > 2 and not (clause.key and terms[clause.key].ids):
        found = False
    else:
        return sum(w not in STOP_WORDS for w in clause.word.split(" "))
    return 1 if found or not _match(clause, terms).scores else 0


def loose(clauses: list[Clause], terms: dict[str, Term]) -> bool:
    """Whether the clauses are all English words, ``LOOSE_WORDS`` or more of them."""
    counts = [_words(c, terms) for c in clauses]
    return all(counts) and sum(counts) >= LOOSE_WORDS


def _most_words(clauses: list[Clause], terms: dict[str, Term]) -> dict[int, int]:
    """Ids whose clauses hold the most words (``_words``) any id holds, if that is at
    least half of them, with their summed scores."""
    total = sum(_words(c, terms) for c in clauses)
    return _held_most(clauses, terms, (total + 1) // 2)


CLOSEST = 3
"""When no article holds every word of an English query of two words or more (nor, for
three or more, the most of them and at least half), the results are this many articles
at most, of those holding the most of its words: `rapeseed flowers` (the index has no
word for rapeseed) or `legal awareness campaigns` found nothing. On the eight blind
English sets it lifts MRR on every one (0.825 -> 0.856 on average) and recall (0.598 ->
0.619) for as much precision; a page of such articles was mostly noise (bench/README.md)."""


def _sure(clause: Clause, terms: dict[str, Term]) -> dict[int, int]:
    """The ids ``clause`` finds without a text check, with their scores."""
    match = _match(clause, terms)
    return {d: s for d, s in match.scores.items() if d not in match.unchecked}


def _held_most(clauses: list[Clause], terms: dict[str, Term], least: int) -> dict[int, int]:
    """Ids whose clauses hold the most words (``_words``) any id holds, if that is
    ``least`` or more, with their summed scores. A clause counts only the ids it finds
    for sure (a pinyin reading of three syllables would need a text check)."""
    scores: dict[int, int] = {}
    held: dict[int, int] = {}
    for clause in clauses:
        for doc, score in _sure(clause, terms).items():
            scores[doc] = scores.get(doc, 0) + score
            held[doc] = held.get(doc, 0) + _words(clause, terms)
    need = max(max(held.values(), default=least), least)
    return {d: s for d, s in scores.items() if held[d] >= need}


SUBJECT_WORDS = 2
"""A subject of an English query joined to others by ``and``/``or`` (``rural express
delivery and logistics``) finds the articles holding all of it when it has this many words
or more: a reader who names two subjects wants an article on either, but a lone word
(``planting``) is too broad to stand for the query."""


def _subject_matches(parts: list[list[Clause]], terms: dict[str, Term]) -> dict[int, int]:
    """Ids holding every clause of some subject of ``SUBJECT_WORDS`` words or more, when
    the query has two subjects or more, with the best such subject's summed score; only ids
    each clause finds for sure. They rank below the query's own matches."""
    found: dict[int, int] = {}
    for part in parts if len(parts) > 1 else []:
        if sum(_words(c, terms) for c in part) < SUBJECT_WORDS:
            continue
        held: dict[int, int] | None = None
        for clause in part:
            sure = _sure(clause, terms)
            held = sure if held is None else {d: s + sure[d] for d, s in held.items() if d in sure}
        for doc, score in (held or {}).items():
            found[doc] = max(score, found.get(doc, 0))
    return found


PARTIAL_SHARE = 80
"""An English query of two words or more also finds, below its own matches and its
subjects', the articles holding its rarest word (the clause in the fewest articles) and at
least half its words that score at least this percentage of the best of them: most
articles a blind reader named for a query of several words hold only some of its words
(`sweet potato noodles`: 红薯, and 粉条 which no gloss calls noodles), and the rarest
word is the one that says what the query is about. Over blind English sets 1-9, mean
recall 0.614 -> 0.648, precision 0.589 -> 0.582, nDCG@10 0.719 -> 0.737, F1 better on
eight sets of nine; every such article, not only the best, costs twice the precision
(bench/README.md)."""


def _partial_matches(clauses: list[Clause], terms: dict[str, Term]) -> dict[int, int]:
    """Ids holding the rarest clause (the first of the fewest ids) and clauses of at
    least half the words (``_words``), each clause's ids found without a text check,
    scored with the sum over the clauses they hold, when that is ``PARTIAL_SHARE`` % of
    the best such score or more; nothing unless there are two clauses or more and each
    finds some id. A joined phrase counts as its words (``_split_phrases``)."""
    if len(clauses) < 2:
        return {}
    clauses, found = _split_phrases(clauses, terms)
    if not all(found):
        return {}
    words = [_words(c, terms) for c in clauses]
    rarest = min(range(len(found)), key=lambda i: len(found[i]))
    scores: dict[int, int] = {}
    for doc in found[rarest]:
        held = sum(n for n, ids in zip(words, found, strict=True) if doc in ids)
        if 2 * held >= sum(words):
            scores[doc] = sum(ids.get(doc, 0) for ids in found)
    best = max(scores.values(), default=0)
    return {d: s for d, s in scores.items() if 100 * s >= PARTIAL_SHARE * best}


def _split_phrases(
    clauses: list[Clause], terms: dict[str, Term]
) -> tuple[list[Clause], list[dict[int, int]]]:
    """The clauses as partial matches count them, with the ids each finds for sure: a
    phrase the index joined (``sports competitions``, ``China Africa``) is its words again,
    each finding its own ids and the phrase's, when every word has ids of its own. A
    phrase stands for the few words glossed so (体育比赛, 中非), and an article that says
    联赛 and 少年 or 中国 and 非洲 holds the query's words apart. The words' terms were
    fetched before the phrase was joined, so this fetches nothing."""
    out: list[Clause] = []
    found: list[dict[int, int]] = []
    for clause in clauses:
        whole = _sure(clause, terms)
        parts: list[LatinClause] = []
        if isinstance(clause, LatinClause) and clause.wordy and " " in str(clause.word):
            words = [w for w in str(clause.word).split(" ") if w not in STOP_WORDS]
            parts = [LatinClause(w, (), None) for w in words]
            if not all(str(c.key) in terms and terms[str(c.key)].ids for c in parts):
                parts = []
        if not parts:
            out.append(clause)
            found.append(whole)
            continue
        for part in parts:
            ids = dict(_sure(part, terms))
            for doc, score in whole.items():
                ids[doc] = max(score, ids.get(doc, 0))
            out.append(part)
            found.append(ids)
    return out, found


def _most_among(
    scores: dict[int, int], words: list[Clause], terms: dict[str, Term]
) -> dict[int, int]:
    """Of the ids a query's name or Chinese text found (``scores``), those whose English
    ``words`` (``LOOSE_WORDS`` or more) hold the most of them, none if need be, with the
    words' scores added: ``Lin Xiaodong stoppage-time header winner`` is about the man the
    name finds, whatever words of a translation the article holds (头球 and 绝杀, not
    暂停 for stoppage). The words are read loosely, as a query of English words alone is."""
    held: dict[int, int] = {d: 0 for d in scores}
    total = dict(scores)
    for clause in words:
        for doc, score in _sure(clause, terms).items():
            if doc in held:
                held[doc] += _words(clause, terms)
                total[doc] += score
    need = max(held.values(), default=0)
    return {d: s for d, s in total.items() if held[d] >= need}


def _required(clauses: list[Clause], terms: dict[str, Term]) -> list[Clause]:
    """The clauses every result must hold. A query with Chinese text or a pinyin name
    (``Luo Yifan 200m butterfly silver medal``) keeps none of its Latin words that no
    article holds (``200m``, ``11 pm``), when something else is left: such a word can
    only empty the results. A query of English words alone keeps them all; it is read
    loosely, or as its closest (``_held_most``), instead."""
    if all(_words(c, terms) for c in clauses):
        return clauses
    kept = [
        c
        for c in clauses
        if not (isinstance(c, LatinClause) and c.word is not None and not _match(c, terms).scores)
    ]
    return kept or clauses


def _keys(clauses: list[Clause], filters: Filters) -> list[str]:
    """Every term the clauses and filters look up."""
    keys = filters.terms()
    for clause in clauses:
        if isinstance(clause, HanClause):
            keys += clause.terms()
            continue
        keys += clause.pinyin_terms()
        keys += [clause.key] if clause.key else []
        keys += [f"i:{clause.initials}"] if clause.initials else []
    return keys


def _unknown_readings(
    clauses: list[Clause], terms: dict[str, Term]
) -> dict[Clause, list[LatinClause]]:
    """Each one-word clause the index does not know, with the clauses it may be read as
    instead (``text.unknown_readings``: ``kiwifruit`` as ``kiwi fruit``, ``exporter`` as
    ``export``): fetched only then, so a known word costs nothing more, and never for a
    word that reads as pinyin (``xianggelila`` would fetch its every split)."""
    found: dict[Clause, list[LatinClause]] = {}
    for clause in clauses:
        if not isinstance(clause, LatinClause) or len(clause.syllables) > 1:
            continue
        if clause.wordy and clause.key and not terms[clause.key].ids:
            words = unknown_readings(str(clause.word))
            found[clause] = [LatinClause(w, (), None) for w in words]
    return found


def _known_reading(clause: Clause, others: list[LatinClause], terms: dict[str, Term]) -> Clause:
    """The first of ``others`` the index knows, else ``clause``."""
    return next((c for c in others if terms[str(c.key)].ids), clause)


def _dedupe(clauses: list[Clause]) -> list[Clause]:
    return list(dict.fromkeys(clauses))


def _keep(scores: dict[int, int], allowed: set[int]) -> dict[int, int]:
    return {d: s for d, s in scores.items() if d in allowed}


def _match(clause: Clause, terms: dict[str, Term]) -> _Match:
    if isinstance(clause, HanClause):
        keys = clause.terms()
        found = terms[keys[0]].scores()
        for key in keys[1:]:
            other = terms[key].scores()
            found = {d: s + other[d] for d, s in found.items() if d in other}
        scores = {d: s * WEIGHT_HAN for d, s in found.items()}
        return _Match(scores, set(scores) if clause.needs_check else set())
    scores = {}
    sure: set[int] = set()
    pairs = clause.pinyin_terms()
    if pairs:
        found = terms[pairs[0]].scores()
        for key in pairs[1:]:
            other = terms[key].scores()
            found = {d: s + other[d] for d, s in found.items() if d in other}
        scores = {d: s * WEIGHT_PINYIN for d, s in found.items()}
        if len(pairs) == 1:
            sure |= set(found)
    exact_terms = [(clause.key, WEIGHT_WORD)] if clause.key else []
    exact_terms += [(f"i:{clause.initials}", WEIGHT_INITIALS)] if clause.initials else []
    for key, weight in exact_terms:
        for doc, impact in terms[key].scores().items():
            scores[doc] = max(scores.get(doc, 0), impact * weight)
            sure.add(doc)
    return _Match(scores, set(scores) - sure)


def check_text(record: dict[str, Any], table: Table | None = None) -> str:
    """The text a candidate is checked against: its Han fields, one per line, folded, and
    read as simplified through ``table`` (for a record marked ``z``: it has traditional text)."""
    places = [p[1] for p in record["lo"]]
    parts = [record["t"], record["ki"], record["su"], *record["tg"], *places, record["b"]]
    text = fold("\n".join(parts))
    return table.convert(text) if table is not None else text


def pinyin_spans(text: str, clause: LatinClause, terms: dict[str, Term]) -> list[tuple[int, int]]:
    """Where the clause's syllables are read, using the Han forms of each syllable pair."""
    pairs = [set(terms[key].forms) for key in clause.pinyin_terms()]
    size = len(pairs) + 1
    return [
        (at, at + size)
        for at in range(len(text) - size + 1)
        if all(text[at + i : at + i + 2] in forms for i, forms in enumerate(pairs))
    ]


def passes(text: str, clauses: list[Clause], terms: dict[str, Term]) -> bool:
    """Whether a candidate's ``check_text`` really holds these clauses (adjacency, not just
    shared trigrams)."""
    for clause in clauses:
        if isinstance(clause, HanClause):
            if clause.text not in text:
                return False
        elif not pinyin_spans(text, clause, terms):
            return False
    return True
