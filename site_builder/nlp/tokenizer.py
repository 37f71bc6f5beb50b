"""One jieba tokenizer per process, loaded lazily on first use.

We own a ``jieba.Tokenizer`` instead of using the module-global one, so that a user
dictionary added here never leaks into other code, and so that tests can rely on
one well-defined instance.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

import jieba
from jieba import re_han_default, re_skip_default

if TYPE_CHECKING:
    import jieba.posseg


@lru_cache(maxsize=1)
def tokenizer() -> jieba.Tokenizer:
    """The shared tokenizer; the first call loads jieba's dictionary (about a second)."""
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


@lru_cache(maxsize=1)
def pos_tokenizer() -> jieba.posseg.POSTokenizer:
    """Part-of-speech tagger sharing the tokenizer's dictionary."""
    # Imported here: its model takes a fifth of a second to load, which a build with
    # nothing to do (everything cached) should not pay.
    from site_builder.nlp.posseg import Tagger

    return Tagger(tokenizer())


def words(text: str) -> list[str]:
    """jieba words of ``text`` (precise mode, HMM on for unknown names)."""
    return list(tokenizer().cut(text))


def tagged(text: str) -> list[tuple[str, str]]:
    """(word, part-of-speech) pairs, e.g. ``[("双语", "n"), ("宣讲", "v")]``."""
    return [(p.word, p.flag) for p in pos_tokenizer().cut(text)]


def dictionary_words(text: str) -> list[str]:
    """jieba words without HMM: only dictionary words, unknown characters stay single."""
    return list(tokenizer().cut(text, HMM=False))


Cut = Callable[[str], list[str]]
"""A function giving ``words(text)``, such as ``words`` itself or ``SharedCut().words``."""


class SharedCut:
    """``words`` for the texts of one article, each of jieba's blocks cut once.

    ``Tokenizer.cut`` splits a text into blocks (runs of Han characters, letters, digits and
    ``+#&._%-``) and cuts each block on its own: a block's words do not depend on the text
    around it. The reading aids cut whole paragraphs and the search terms the Han runs in
    them; a Han run standing alone between punctuation is one such block, so the search
    terms take the words the aids' cut found. ``words`` returns exactly what ``words``
    (the module function) returns for any text. Keep one per article: the blocks of an
    archive would fill memory.
    """

    def __init__(self) -> None:
        self._blocks: dict[str, list[str]] = {}

    def words(self, text: str) -> list[str]:
        """``words(text)``: jieba's loop over blocks and what lies between them, the
        blocks' words taken from earlier cuts where the same block was cut."""
        out: list[str] = []
        for block in re_han_default.split(text):
            if not block:
                continue
            if re_han_default.match(block):
                found = self._blocks.get(block)
                if found is None:
                    found = self._blocks[block] = list(tokenizer().cut(block))
                out += found
                continue
            # Between blocks jieba yields each line break or space whole, other characters
            # one by one.
            for piece in re_skip_default.split(block):
                if re_skip_default.match(piece):
                    out.append(piece)
                else:
                    out += piece
        return out
