"""One jieba tokenizer per process, loaded lazily on first use.

We own a ``jieba.Tokenizer`` instead of using the module-global one, so that a user
dictionary added here never leaks into other code, and so that tests can rely on
one well-defined instance. Its dictionary is jieba's, read word by word from a table on
disk until many words are asked for (``lexicon``): an edit build cuts one article.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

import jieba
from jieba import finalseg, re_han_default, re_skip_default

from site_builder.nlp.lexicon import lexicon

if TYPE_CHECKING:
    from site_builder.nlp.posseg import Tagger


@lru_cache(maxsize=1)
def tokenizer() -> jieba.Tokenizer:
    """The shared tokenizer, on jieba's dictionary as ``lexicon`` reads it."""
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    words = lexicon()
    tok.FREQ, tok.total, tok.initialized = words.counts, words.total, True
    words.counts.when_whole(lambda whole: setattr(tok, "FREQ", whole))
    return tok


@lru_cache(maxsize=1)
def pos_tokenizer() -> Tagger:
    """Part-of-speech tagger sharing the tokenizer's dictionary."""
    # Imported here: its model takes a tenth of a second to load, which a build with
    # nothing to do (everything cached) should not pay.
    from site_builder.nlp.posseg import Tagger

    tagger = Tagger(tokenizer(), lexicon().tags)
    lexicon().tags.when_whole(lambda whole: setattr(tagger, "word_tag_tab", whole))
    return tagger


def load_whole() -> None:
    """Read jieba's whole dictionary and tags now: before a fork, so that workers that
    cut many texts share them instead of each reading them."""
    pos_tokenizer()
    lexicon().counts.read_whole()
    lexicon().tags.read_whole()


def words(text: str) -> list[str]:
    """jieba words of ``text`` (precise mode, HMM on for unknown names)."""
    return list(tokenizer().cut(text))


def tagged(text: str) -> list[tuple[str, str]]:
    """(word, part-of-speech) pairs as ``jieba.posseg`` gives them, e.g.
    ``[("双语", "n"), ("宣讲", "v")]``."""
    return SharedCut().tagged(text)


def dictionary_words(text: str) -> list[str]:
    """jieba words without HMM: only dictionary words, unknown characters stay single."""
    return list(tokenizer().cut(text, HMM=False))


Cut = Callable[[str], list[str]]
"""A function giving ``words(text)``, such as ``words`` itself or ``SharedCut().words``."""


class SharedCut:
    """``words`` and ``tagged`` for the texts of one article, jieba's route through each of
    its blocks found once.

    ``Tokenizer.cut`` splits a text into blocks (runs of Han characters, letters, digits and
    ``+#&._%-``) and cuts each block on its own: a block's words do not depend on the text
    around it. The reading aids cut whole paragraphs and the search terms the Han runs in
    them; a Han run standing alone between punctuation is one such block, so the search
    terms take the words the aids' cut found. The tagger (``jieba.posseg``) splits a text
    into blocks too (the same runs without ``%`` and ``-``) and finds the same route of
    dictionary words through a block, the plain cut's dynamic program over the same
    graph; the two differ only in the runs of characters the route takes one by one,
    which each decodes with its own hidden Markov model. So a block's route, the costly
    part of both, is found once for every consumer of the article's words (enrichment's
    tags, the reading aids, the search terms). ``words`` and ``tagged`` return exactly
    what the module functions of those names return for any text. Keep one per article:
    the blocks of an archive would fill memory.
    """

    def __init__(self) -> None:
        self._routes: dict[str, list[tuple[str, bool]]] = {}
        self._blocks: dict[str, list[str]] = {}
        self._tagged: dict[str, list[tuple[str, str]]] = {}

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
                    found = self._blocks[block] = self._block_words(block)
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

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """What ``jieba.posseg.POSTokenizer.cut(text)`` gives: its loop over the blocks
        (``__cut_internal`` with its hidden Markov model), each block's route shared
        with ``words``."""
        pos_tokenizer()  # imports the tagger's model
        from site_builder.nlp.posseg import re_eng, re_han_internal, re_num, re_skip_internal

        out: list[tuple[str, str]] = []
        for block in re_han_internal.split(text):
            if not block:
                continue
            if re_han_internal.match(block):
                found = self._tagged.get(block)
                if found is None:
                    found = self._tagged[block] = self._block_tags(block)
                out += found
                continue
            for piece in re_skip_internal.split(block):
                if re_skip_internal.match(piece):
                    out.append((piece, "x"))
                    continue
                # jieba's own test: a character of a piece that starts with a letter or
                # digit is ``eng`` unless it is a digit or a dot.
                english = re_eng.match(piece) is not None
                for char in piece:
                    flag = "m" if re_num.match(char) else "eng" if english else "x"
                    out.append((char, flag))
        return out

    def _route(self, block: str) -> list[tuple[str, bool]]:
        """jieba's route through ``block`` (``get_DAG``, ``calc``) as its words of two
        characters or more (``False``) and the runs between them of characters the route
        takes one by one (``True``)."""
        route = self._routes.get(block)
        if route is None:
            tok = tokenizer()
            steps: dict[int, tuple[float, int]] = {}
            tok.calc(block, tok.get_DAG(block), steps)
            route = []
            run_start = x = 0
            while x < len(block):
                y = steps[x][1] + 1
                if y - x > 1:
                    if run_start < x:
                        route.append((block[run_start:x], True))
                    route.append((block[x:y], False))
                    run_start = y
                x = y
            if run_start < len(block):
                route.append((block[run_start:], True))
            self._routes[block] = route
        return route

    def _block_words(self, block: str) -> list[str]:
        """jieba's ``Tokenizer.__cut_DAG(block)``."""
        freq = tokenizer().FREQ
        out: list[str] = []
        for piece, run in self._route(block):
            if not run or len(piece) == 1:
                out.append(piece)
            elif not freq.get(piece):
                out += finalseg.cut(piece)
            else:
                out += piece
        return out

    def _block_tags(self, block: str) -> list[tuple[str, str]]:
        """jieba's ``POSTokenizer.__cut_DAG(block)``."""
        tagger = pos_tokenizer()
        freq, tags = tagger.tokenizer.FREQ, tagger.word_tag_tab
        out: list[tuple[str, str]] = []
        for piece, run in self._route(block):
            if not run or len(piece) == 1:
                out.append((piece, tags.get(piece, "x")))
            elif not freq.get(piece):
                out += tagger.detail(piece)
            else:
                out += ((char, tags.get(char, "x")) for char in piece)
        return out
