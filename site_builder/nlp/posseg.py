"""jieba's part-of-speech tagger with the faster, identical Viterbi decoding of
``site_builder.nlp.viterbi`` (imported only when tagging is needed: jieba's model takes a
fifth of a second to load)."""

from __future__ import annotations

from collections.abc import Iterator

import jieba.posseg
from jieba.posseg import char_state_tab_P, emit_P, pair, start_P, trans_P

from site_builder.nlp.viterbi import viterbi


class Tagger(jieba.posseg.POSTokenizer):  # type: ignore[misc]
    """``jieba.posseg.POSTokenizer`` whose hidden Markov model decodes with our Viterbi."""

    def _POSTokenizer__cut(self, sentence: str) -> Iterator[pair]:
        """jieba's ``POSTokenizer.__cut`` (name-mangled, so this replaces it for the
        tagger's own calls), unchanged but for the decoder."""
        _prob, pos_list = viterbi(sentence, char_state_tab_P, start_P, trans_P, emit_P)
        begin, nexti = 0, 0
        for i, char in enumerate(sentence):
            pos = pos_list[i][0]
            if pos == "B":
                begin = i
            elif pos == "E":
                yield pair(sentence[begin : i + 1], pos_list[i][1])
                nexti = i + 1
            elif pos == "S":
                yield pair(char, pos_list[i][1])
                nexti = i + 1
        if nexti < len(sentence):
            yield pair(sentence[nexti:], pos_list[nexti][1])
