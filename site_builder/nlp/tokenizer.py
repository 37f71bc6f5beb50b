"""One jieba tokenizer per process, loaded lazily on first use.

We own a ``jieba.Tokenizer`` instead of using the module-global one, so that a user
dictionary added here never leaks into other code, and so that tests can rely on
one well-defined instance.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import TYPE_CHECKING

import jieba

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
