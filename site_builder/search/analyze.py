"""One article -> the weighted terms it is found by.

Analysis comes in two parts: ``text_terms`` reads an article's own text (title, kicker,
subtitle, body) and is the costly part (jieba, pinyin), cacheable by the text's content;
``doc_terms`` adds what depends on the archive (tags, places, facets), cheap because the
few distinct tag and place names are analysed once each. ``analyze`` composes the two.

Term keys (see ``SPEC.md``): a Han character, bigram or trigram as itself (traditional
text read as simplified); ``w:`` Latin word, stemmed (text or English place name); ``p:``
two pinyin syllables; ``i:`` pinyin initials of 2-6 characters from a word start; facets
``t:`` tag, ``l:`` place code, ``c:`` topic id, ``k:`` kind, ``n:`` paper, ``g:`` page.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, pairwise

from site_builder.nlp.pinyin import pinyin_syllables
from site_builder.nlp.tokenizer import Cut, tokenizer, words
from site_builder.search.english import sense_keys
from site_builder.search.model import SearchDoc, SearchPlace
from site_builder.search.t2s import simplified
from site_builder.search.text import MAX_PHRASE, fold, tokens, word_key

FIELD_WEIGHTS = {
    "title": 5.0,
    "kicker": 3.0,
    "subtitle": 3.0,
    "tags": 3.0,
    "places": 3.0,
    "ancestors": 1.0,
    "body": 1.0,
}
"""BM25F field weights: a hit in the title counts five body hits."""
ACROSS_WORDS = 0.5
"""An n-gram that straddles two jieba words counts half: jieba words steer the ranking."""
INITIALS_CHARS = (2, 6)
"""Initials are indexed for every span of this many characters that starts where a jieba
word (search mode) starts: ``jc``, ``jczl``, ``dbsq``. Ending anywhere and starting at
sub-words find 基层治理 in 下基层|治理能力."""
_SYLLABLE = re.compile(r"[a-z]+")
_FLIP = bytes.maketrans(b"\x00\x01", b"\x01\x00")
_RS = "\x1e"
_TEXT_TERMS_MAGIC = "search-text-terms"
TEXT_TERMS_VERSION = 6
"""Stored in ``TextTerms.to_bytes``; bump it when analysis changes (3: the English stem;
5: its British spellings; 6: initials without forms) so cached bytes made by an older
version are refused (``from_bytes`` raises) instead of trusted."""


@dataclass(slots=True)
class DocTerms:
    """Weighted term frequencies of one article, and what each term stands for."""

    weights: dict[str, float] = field(default_factory=dict)
    forms: dict[str, set[str]] = field(default_factory=dict)
    """Han text behind pinyin and English-name terms: for highlighting and checks (initials
    have none: ``initials`` reads them from the text)."""
    facets: set[str] = field(default_factory=set)
    length: float = 0.0
    """Field-weighted length in characters (BM25's document length)."""


@dataclass(slots=True)
class TextTerms:
    """The terms of an article's own text fields, weighted by field: ``DocTerms`` without
    tags, places and facets. Depends on nothing but those fields, so it can be computed in
    any process and cached as ``to_bytes()``."""

    weights: dict[str, float] = field(default_factory=dict)
    forms: dict[str, list[str]] = field(default_factory=dict)
    """Sorted forms of each term that has any (see ``DocTerms.forms``)."""
    length: float = 0.0

    def to_bytes(self) -> bytes:
        """Deterministic compact bytes, deflated text: a header line (format version,
        length), then one line per distinct weight (``weight<TAB>term<TAB>term…``, weights
        ascending) and one per term with forms (``term<TAB>form…``), the parts separated by
        RS. Terms and forms hold no tab, newline or RS (they are Han text, pinyin, Latin
        letters and digits). Grouping terms by their few distinct weights makes reading
        back mostly C-level work (``dict.fromkeys``), unlike JSON."""
        groups: dict[float, list[str]] = {}
        for term, weight in self.weights.items():
            groups.setdefault(weight, []).append(term)
        weights = "\n".join(
            "\t".join([repr(w), *sorted(terms)]) for w, terms in sorted(groups.items())
        )
        forms = "\n".join("\t".join([t, *self.forms[t]]) for t in sorted(self.forms))
        head = f"{_TEXT_TERMS_MAGIC}\t{TEXT_TERMS_VERSION}\t{self.length!r}"
        # Level 1: the cache compresses what it stores again; level 6 cost 0.5 ms an
        # article for 15 % fewer bytes.
        return zlib.compress(_RS.join([head, weights, forms]).encode("utf-8"), 1)

    @classmethod
    def from_bytes(cls, data: bytes) -> TextTerms:
        """The terms ``to_bytes`` wrote; ValueError for anything else (corrupt, truncated,
        or written by another ``TEXT_TERMS_VERSION``), so a cache is never trusted blindly."""
        try:
            text = zlib.decompress(data).decode("utf-8")
        except (zlib.error, UnicodeDecodeError) as error:
            raise ValueError(f"not TextTerms bytes: {error}") from None
        head, weight_lines, form_lines = text.split(_RS)
        magic, version, length = head.split("\t")
        if magic != _TEXT_TERMS_MAGIC or version != str(TEXT_TERMS_VERSION):
            raise ValueError("TextTerms bytes of another format or version")
        out = cls(length=float(length))
        for line in weight_lines.split("\n") if weight_lines else ():
            weight, *terms = line.split("\t")
            out.weights.update(dict.fromkeys(terms, float(weight)))
        for line in form_lines.split("\n") if form_lines else ():
            term, *forms = line.split("\t")
            out.forms[term] = forms
        return out


@dataclass(slots=True, frozen=True)
class _Field:
    """One field's terms before weighting."""

    length: int
    """Characters of the folded text."""
    whole: Counter[str]
    split: Counter[str]
    """Terms that straddle a jieba word boundary: they count ``ACROSS_WORDS``."""
    forms: set[tuple[str, str]]


@lru_cache(maxsize=1 << 18)
def _reading(word: str) -> tuple[str, ...]:
    """Toneless syllable of each character of a jieba word; ``""`` where none is known."""
    syllables = pinyin_syllables(word)
    if len(syllables) != len(word):
        return ("",) * len(word)
    return tuple(s if _SYLLABLE.fullmatch(s) else "" for s in syllables)


def _starts(run: str, ends: list[int]) -> set[int]:
    """Where jieba's search mode sees a word begin: every word, and every dictionary word
    of two or three characters inside a longer one (基层 in 下基层)."""
    known = tokenizer().FREQ
    found = set()
    for start, end in zip([0, *ends[:-1]], ends, strict=True):
        found.add(start)
        if end - start < 3:  # no word of two characters fits after the first one
            continue
        for size in (2, 3):
            found.update(
                i for i in range(start + 1, end - size + 1) if known.get(run[i : i + size], 0) > 0
            )
    return found


def _han_terms(
    run: str, whole: list[str], split: list[str], forms: set[tuple[str, str]], cut: Cut
) -> None:
    """Append the run's n-grams, pinyin pairs and initials to ``whole``, or to ``split``
    for those that straddle a jieba word boundary (``cut`` gives the run's jieba words)."""
    syllables: list[str] = []
    ends: list[int] = []
    for word in cut(run):
        syllables += _reading(word)
        ends.append(len(syllables))
    size = len(run)
    # inside[i]: characters i - 1 and i are in one jieba word; crossing is its complement.
    # Masks for itertools.compress keep the per-character work in C.
    inside = bytearray(b"\x01") * (size + 1)
    for end in ends:
        inside[end] = 0
    crossing = inside.translate(_FLIP)
    bigrams = [run[i : i + 2] for i in range(size - 1)]
    pairs = [f"p:{a} {b}" if a and b else "" for a, b in pairwise(syllables)]
    whole += run
    whole += compress(bigrams, inside[1:size])
    split += compress(bigrams, crossing[1:size])
    whole += [p for p in compress(pairs, inside[1:size]) if p]
    split += [p for p in compress(pairs, crossing[1:size]) if p]
    forms.update(zip([p for p in pairs if p], compress(bigrams, pairs), strict=True))
    if size > 2:
        trigrams = [run[i : i + 3] for i in range(size - 2)]
        # Trigram i stays inside one word unless a word ends before character i + 1 or i + 2.
        kept = bytearray(b"\x01") * (size - 2)
        for end in ends[:-1]:
            for i in (end - 2, end - 1):
                if 0 <= i < size - 2:
                    kept[i] = 0
        whole += compress(trigrams, kept)
        split += compress(trigrams, kept.translate(_FLIP))
    shortest, longest = INITIALS_CHARS
    for start in _starts(run, ends):
        letters = syllables[start][:1]
        # Spans grow one character at a time; one without a reading ends every longer one.
        for end in range(start + 1, min(start + longest, size)):
            if not (letters and syllables[end]):
                break
            letters += syllables[end][0]
            if end + 1 - start >= shortest:
                # No forms: the search page reads a result's initials with ``initials.bin``.
                whole.append("i:" + letters)


def _field(text: str, cut: Cut = words) -> _Field:
    folded = simplified(fold(text))  # traditional text is indexed as simplified
    whole: list[str] = []
    split: list[str] = []
    forms: set[tuple[str, str]] = set()
    for token in tokens(folded):
        if token.han:
            _han_terms(token.text, whole, split, forms, cut)
        else:
            whole.append(word_key(token.text))
    return _Field(len(folded), Counter(whole), Counter(split), forms)


_shared_field = lru_cache(maxsize=1 << 16)(_field)
"""Tags and place names recur across the archive: each distinct one is analysed once."""


def _add(weights: dict[str, float], counts: Counter[str], weight: float) -> None:
    for term, n in counts.items():
        weights[term] = weights.get(term, 0.0) + n * weight


def _add_field(
    weights: dict[str, float], forms: set[tuple[str, str]], found: _Field, weight: float
) -> float:
    """Add ``found`` at ``weight``; returns its weighted length."""
    _add(weights, found.whole, weight)
    _add(weights, found.split, weight * ACROSS_WORDS)
    forms |= found.forms
    return weight * found.length


def text_terms(
    title: str, kicker: str | None, subtitle: str | None, body: str, cut: Cut = words
) -> TextTerms:
    """Terms of an article's own text; ``body`` is plain text, paragraphs joined by ``\\n``
    (``SearchDoc.body``); ``cut`` gives jieba's words of a text (``nlp.tokenizer.SharedCut``)."""
    out = TextTerms()
    forms: set[tuple[str, str]] = set()
    fields = [(title, "title"), (kicker, "kicker"), (subtitle, "subtitle"), (body, "body")]
    for text, name in fields:
        if text:
            out.length += _add_field(out.weights, forms, _field(text, cut), FIELD_WEIGHTS[name])
    grouped: dict[str, list[str]] = {}
    for term, form in sorted(forms):
        grouped.setdefault(term, []).append(form)
    out.forms = grouped
    return out


def doc_text_terms(doc: SearchDoc) -> TextTerms:
    """``text_terms`` of a document's own text fields: what a terms cache stores."""
    return text_terms(doc.title, doc.kicker, doc.subtitle, doc.body)


DESIGNATIONS = frozenset(
    [
        "region",
        "prefecture",
        "county",
        "district",
        "city",
        "province",
        "municipality",
        "league",
        "banner",
        "town",
        "township",
        "village",
        "subdistrict",
        "community",
        "autonomous",
        "special",
        "forestry",
    ]
)
"""The words ``enrich.names`` writes after a place's name for its kind of division
(``Yuanyang County``): alone they name no place, so they are no term of their own (a query
for ``county`` or ``village`` means the Chinese words for it, not every article placed in
some county); a run holding a name keeps them (``yuanyang county``)."""


@lru_cache(maxsize=1 << 14)
def _english(name_en: str) -> Counter[str]:
    """``w:`` terms of an English place name: each word, and each run of two to
    ``MAX_PHRASE`` words, so that a query joins them as one phrase (``Tibet Autonomous
    Region`` is one place, not three words); none of designations alone (``DESIGNATIONS``)."""
    words = [t.text for t in tokens(fold(name_en)) if not t.han]
    runs = (words[i : i + n] for n in range(1, MAX_PHRASE + 1) for i in range(len(words) - n + 1))
    return Counter(word_key(" ".join(run)) for run in runs if not DESIGNATIONS.issuperset(run))


@lru_cache(maxsize=256)
def _topic_words(name_en: str) -> Counter[str]:
    """Word terms of a topic's English name without its stop words (``and``, ``of``: those
    a sense of CC-CEDICT would not be keyed by either, ``english.sense_keys``), and the
    phrase term of every run of two or three of them: a query reads consecutive words as
    one phrase when its term has postings (``Party building`` is CC-CEDICT's 党建)."""
    kept = [t.text for t in tokens(fold(name_en)) if not t.han and sense_keys(t.text)]
    runs = (kept[i : i + n] for n in range(1, MAX_PHRASE + 1) for i in range(len(kept) - n + 1))
    return Counter(word_key(" ".join(run)) for run in runs)


def _add_english(out: DocTerms, place: SearchPlace, field_name: str) -> None:
    if not place.name_en:
        return
    found = _english(place.name_en)
    _add(out.weights, found, FIELD_WEIGHTS[field_name])
    for term in found:
        _add_form(out.forms, term, place.name)


def _add_form(forms: dict[str, set[str]], term: str, form: str) -> None:
    known = forms.get(term)
    if known is None:
        forms[term] = {form}
    else:
        known.add(form)


def extra_terms(doc: SearchDoc) -> DocTerms:
    """What ``text_terms`` leaves out: the page's other visible text (``SearchDoc.shown``),
    tags, places (their names and English names), topics' English names and facets.
    Cheap: the visible text is short, and each distinct tag and place name is analysed
    once per process."""
    out = DocTerms()
    forms: set[tuple[str, str]] = set()
    if doc.shown:
        out.length += _add_field(out.weights, forms, _field(doc.shown), FIELD_WEIGHTS["body"])
    for tag in doc.tags:
        out.length += _add_field(out.weights, forms, _shared_field(tag), FIELD_WEIGHTS["tags"])
        out.facets.add("t:" + tag)
    for place in doc.places:
        found = _shared_field(place.name)
        out.length += _add_field(out.weights, forms, found, FIELD_WEIGHTS["places"])
        _add_english(out, place, "places")
        out.facets.add("l:" + place.code)
    for place in doc.ancestors:
        _add_english(out, place, "ancestors")
        out.facets.add("l:" + place.code)
    for topic in doc.topics:
        # The Chinese name is in ``shown``; the English one finds the article by its own
        # words, with no forms: the reader typed the name, nothing was searched for instead.
        _add(out.weights, _topic_words(topic.name_en), FIELD_WEIGHTS["body"])
        out.facets.update("c:" + t for t in topic.within)
    for term, form in forms:
        _add_form(out.forms, term, form)
    out.facets.add("k:" + doc.kind)
    if doc.paper:
        out.facets.add("n:" + doc.paper)
    if doc.page is not None:
        out.facets.add(f"g:{doc.page}")
    return out


def merged_weights(text: TextTerms, extra: DocTerms) -> dict[str, float]:
    """Term frequencies of the whole document."""
    weights = dict(text.weights)
    for term, weight in extra.weights.items():
        weights[term] = weights.get(term, 0.0) + weight
    return weights


def doc_terms(doc: SearchDoc, text: TextTerms) -> DocTerms:
    """``text`` (the document's ``text_terms``) with its tags, places and facets added."""
    extra = extra_terms(doc)
    out = DocTerms(merged_weights(text, extra), {t: set(f) for t, f in text.forms.items()})
    for term, forms in extra.forms.items():
        for form in forms:
            _add_form(out.forms, term, form)
    out.facets = extra.facets
    out.length = text.length + extra.length
    return out


def analyze(doc: SearchDoc) -> DocTerms:
    """Every term of ``doc`` with its field-weighted frequency, plus its facet terms."""
    return doc_terms(doc, doc_text_terms(doc))
