"""Reading aids: pinyin and a short English gloss for every jieba word of a text.

Pinyin comes from ``site_builder.nlp.pinyin`` (phrase-aware); the gloss is the CC-CEDICT
entry whose reading matches that pinyin, so 行 in 银行 is glossed as háng, not xíng.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from site_builder.enrich.cedict import Entry, entries, marked
from site_builder.enrich.models import Gloss, Token
from site_builder.enrich.names import clean_senses
from site_builder.nlp.pinyin import pinyin_text
from site_builder.nlp.tokenizer import Cut, words

MAX_SENSES = 3
MAX_GLOSS = 80
"""Longest gloss in characters; whole senses are dropped to stay under it."""
_HAN = re.compile(r"[\u3400-\u9fff]")
# Distinct words whose annotation is kept in memory (an archive's working vocabulary).
WORD_CACHE = 200_000


def _plain(pinyin: str) -> str:
    """Reading without tone marks, spaces, apostrophes or case, to compare two readings."""
    decomposed = unicodedata.normalize("NFD", pinyin.lower())
    return "".join(ch for ch in decomposed if ch.isalpha() and ch.isascii())


def _tones(pinyin: str) -> str:
    return unicodedata.normalize("NFC", pinyin.lower()).replace("'", "").replace(" ", "")


def _pick(found: tuple[Entry, ...], reading: str | None) -> Entry | None:
    """The entry for ``reading`` (same tones, else same syllables), common words before
    names; without a reading, the first common entry."""
    ordered = sorted(found, key=lambda e: e.proper)  # stable: file order within each group
    usable = [e for e in ordered if clean_senses(e)]
    if reading:
        for same in (_tones, _plain):
            match = [e for e in usable if same(marked(e.reading)) == same(reading)]
            if match:
                return match[0]
    return usable[0] if usable else None


def gloss(word: str, reading: str | None = None) -> Gloss | None:
    """Pinyin and a short English gloss of ``word`` from CC-CEDICT (all its readings), the
    one matching ``reading`` when given; None when CC-CEDICT has no entry."""
    entry = _pick(entries(word), reading)
    if entry is None:
        return None
    english = ""
    for sense in clean_senses(entry)[:MAX_SENSES]:
        longer = f"{english}; {sense}" if english else sense
        if english and len(longer) > MAX_GLOSS:
            break
        english = longer
    return Gloss(marked(entry.reading), english)


def annotate(text: str, cut: Cut = words) -> list[Token]:
    """Every jieba word of ``text`` (``cut`` gives them) with its pinyin and gloss; words
    without Han characters (punctuation, spaces, numbers) pass through with empty pinyin
    and no gloss."""
    return [_token(word) for word in cut(text)]


@lru_cache(maxsize=WORD_CACHE)
def _token(word: str) -> Token:
    """One word's annotation. Cached: an archive repeats its vocabulary endlessly, and the
    dictionary look-up was a fifth of a large build's time (profiled at 10,000 articles)."""
    if not _HAN.search(word):
        return Token(word, "", None)
    reading = pinyin_text(word)
    found = gloss(word, reading)
    return Token(word, reading, found.english if found else None)
