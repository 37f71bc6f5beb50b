"""jieba's part-of-speech tagger with the faster, identical Viterbi decoding of
``site_builder.nlp.viterbi`` (imported only when tagging is needed: jieba's model takes a
fifth of a second to load), each decoded run kept for the next time it comes."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import IO

import jieba.posseg
from jieba.posseg import char_state_tab_P, emit_P, pair, start_P, trans_P

from site_builder.nlp.viterbi import viterbi

DECODED_RUNS = 1 << 15
"""Runs whose decoding is kept (a few MB). The model decodes the runs the dictionary does
not cover (names, places, rare words), and an archive names the same people and places
again and again: tagging at 10,000 synthetic articles took 2.4 ms an article, 1.2 with
this (bench/README.md)."""


class Tagger(jieba.posseg.POSTokenizer):  # type: ignore[misc]
    """``jieba.posseg.POSTokenizer`` whose hidden Markov model decodes with our Viterbi."""

    def load_word_tag(self, f: IO[bytes]) -> None:
        """jieba's, except for jieba's own dictionary: its table of tags is a copy of the one
        ``jieba.posseg`` read when it was imported (reading the 350,000 lines again took
        0.4 s of CPU in every process that tags, such as an edit build). A copy: a user
        word added to this tagger stays out of jieba's module-global one."""
        default = jieba.posseg.dt
        if self.tokenizer.dictionary != default.tokenizer.dictionary:
            super().load_word_tag(f)
            return
        f.close()
        self.word_tag_tab = dict(default.word_tag_tab)

    def _POSTokenizer__cut(self, sentence: str) -> Iterator[pair]:
        """jieba's ``POSTokenizer.__cut`` (name-mangled, so this replaces it for the
        tagger's own calls): the same pairs, new objects each call."""
        return (pair(word, flag) for word, flag in _decoded(sentence))


@lru_cache(maxsize=DECODED_RUNS)
def _decoded(sentence: str) -> tuple[tuple[str, str], ...]:
    """(word, tag) of a run, as jieba's ``__cut`` finds them, but for the decoder."""
    _prob, pos_list = viterbi(sentence, char_state_tab_P, start_P, trans_P, emit_P)
    found: list[tuple[str, str]] = []
    begin, nexti = 0, 0
    for i, char in enumerate(sentence):
        pos = pos_list[i][0]
        if pos == "B":
            begin = i
        elif pos == "E":
            found.append((sentence[begin : i + 1], pos_list[i][1]))
            nexti = i + 1
        elif pos == "S":
            found.append((char, pos_list[i][1]))
            nexti = i + 1
    if nexti < len(sentence):
        found.append((sentence[nexti:], pos_list[nexti][1]))
    return tuple(found)
