"""Reading-aid data of an article: pinyin and an English gloss for every word.

Written as one small file per article that the page fetches only when the reader switches
an aid on, so a plain article page stays light: JSON, raw-deflated (``aids_file``), which
browsers inflate natively (``DecompressionStream``); a word's gloss recurs through an
article, and deflate keeps about a third of the bytes. Blocks are in ``data-aid`` order:
the headline parts first, then the body's paragraphs and subheads.

The words every article repeats are not repeated in every file: a shared dictionary
(``dictionary_file``, written once at ``aids/words.bin``) holds the readings and glosses of
the ``COMMON_WORDS`` commonest words of jieba's dictionary, and an article's file names
them by their number there. The dictionary is fixed by the installed jieba, never by the
archive, so an edit never renumbers it and never rewrites another article's file. A
word's aid does not depend on its sentence (``enrich.glosses`` caches it by word), so a
number stands for exactly the token it replaces.
"""

from __future__ import annotations

import heapq
import json
import re
import zlib
from collections.abc import Sequence
from functools import lru_cache

from site_builder.content.article import Article
from site_builder.enrich import Token, annotate
from site_builder.enrich.glosses import WORD_CACHE
from site_builder.nlp.tokenizer import Cut, tokenizer, words

FORMAT_VERSION = 2
COMMON_WORDS = 4096
"""Words in the shared dictionary. At 10,000 articles they are 60 % of the words that
carry aids; the dictionary is about 94 KiB deflated, fetched once (then cached by the
browser) where an article's file is about 2 KiB. More words shrink the articles' files
less and less while the first aid a reader switches on waits longer."""
DICTIONARY = "aids/words.bin"
"""Where the shared dictionary is written (``aids.js`` finds it beside the ``aids/``
folder of an article's file)."""
_HAN = re.compile(r"[\u3400-\u9fff]")


def headline_parts(article: Article) -> list[tuple[str, str]]:
    """(role, text) of the headline lines that carry aids, in ``data-aid`` order."""
    parts = [("kicker", article.kicker), ("title", article.title), ("subtitle", article.subtitle)]
    return [(role, text) for role, text in parts if text]


def reading(token: Token) -> str:
    """The token's pinyin, split into one syllable per character where that can be checked.

    Enrichment gives a word's reading joined (``lāsà``); ruby reads best per character, so
    the word is read again character by character as one phrase, and the split is used only
    when it spells exactly the same reading. Otherwise the joined reading is kept whole.
    """
    return _reading(token.text, token.pinyin)


@lru_cache(maxsize=WORD_CACHE)
def _reading(text: str, joined: str) -> str:
    # Cached like the annotation itself: an archive repeats its words endlessly, and
    # pypinyin took most of the reading aids' time (profiled at 1,000 articles).
    if not joined:
        return ""
    from pypinyin import Style, pinyin  # its tables are imported when a page needs them

    syllables = [item[0] for item in pinyin([text], style=Style.TONE)]
    if len(syllables) == len(text) and "".join(syllables) == _plain(joined):
        return " ".join(syllables)
    return joined


def _plain(joined: str) -> str:
    # Place readings come capitalised and spaced (``Chéngguān Qū``); compare the letters only.
    return joined.replace("'", "").replace(" ", "").lower()


def aids_json(blocks: Sequence[str], cut: Cut = words) -> str:
    """JSON of ``{"v": 2, "blocks": [[token, ...], ...]}``, one token per jieba word.

    A token is the word's number in the shared dictionary (``common_words``); the word's
    text alone when it has no aid (punctuation, figures, Latin letters); else ``[text,
    reading]`` or ``[text, reading, gloss]``. Each block's token texts join to exactly the
    block's text, which the page checks before it lays ruby over an element. ``reading``
    has one space-separated syllable per character when it could be split (see
    ``reading``). ``cut`` gives jieba's words of a text (``nlp.tokenizer.SharedCut``).
    """
    data = {
        "v": FORMAT_VERSION,
        "blocks": [[_encoded(token) for token in annotate(text, cut)] for text in blocks],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _encoded(token: Token) -> int | str | list[str]:
    number = _numbers().get(token.text)
    if number is not None:
        return number
    aid = _aid(token)
    if not aid[1] and not aid[2]:
        return token.text
    return aid if aid[2] else aid[:2]


def _aid(token: Token) -> list[str]:
    return [token.text, reading(token), token.gloss or ""]


_COMMON: dict[str, tuple[str, ...]] = {}
"""``common_words()`` once known in this process (made, or handed in: ``use_common_words``)."""


def common_words() -> tuple[str, ...]:
    """The ``COMMON_WORDS`` Han words jieba's dictionary counts most often (its counts come
    from newspaper text), ties by the word: the same list wherever the same jieba runs."""
    known = _COMMON.get("words")
    if known is None:
        counts = tokenizer().FREQ
        han = [word for word, n in counts.items() if n > 0 and _HAN.search(word)]
        # The first of the sorted list, without sorting the 350,000 others (half the time).
        by_count = heapq.nsmallest(COMMON_WORDS, han, key=lambda word: (-counts[word], word))
        known = _COMMON["words"] = tuple(by_count)
    return known


def use_common_words(known: tuple[str, ...]) -> None:
    """Take ``known``, what ``common_words()`` gave in an earlier process with this jieba
    (a build cache keeps it), instead of ranking jieba's 350,000 words again: an edit
    build numbers one article's words (about 0.2 s of CPU at any size)."""
    _COMMON.setdefault("words", known)


@lru_cache(maxsize=1)
def _numbers() -> dict[str, int]:
    return {word: number for number, word in enumerate(common_words())}


@lru_cache(maxsize=1)
def dictionary_json() -> str:
    """JSON of ``{"v": 2, "words": [[text, reading, gloss], ...]}``: the shared
    dictionary, in ``common_words`` order (a word's number is its place here). Made once
    per process; made before the analysis forks, it also leaves the commonest words'
    readings and glosses cached for every worker."""
    tokens = [token for word in common_words() for token in annotate(word, _whole)]
    data = {"v": FORMAT_VERSION, "words": [_aid(token) for token in tokens]}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _whole(text: str) -> list[str]:
    # A dictionary word is annotated as the one word it is, not cut again.
    return [text]


def aids_file(json_text: str) -> bytes:
    """The file an article page fetches: ``aids_json``'s text, raw-deflated (level 9,
    deterministic: same text, same bytes)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(json_text.encode("utf-8")) + packer.flush()


def dictionary_file() -> bytes:
    """The shared dictionary as written at ``DICTIONARY`` (raw-deflated like an article's)."""
    return aids_file(dictionary_json())
