"""jieba's part-of-speech tagger, without importing ``jieba.posseg``.

Importing ``jieba.posseg`` makes its module-global tagger, which reads jieba's whole
dictionary file for the tags (0.4 s of CPU, in every process that tags one line). Our
tagger takes its tags from ``lexicon`` and reads only jieba's hidden Markov model from
the package's files; it decodes with ``site_builder.nlp.viterbi`` (faster, identical),
each decoded run kept for the next time it comes. ``tokenizer.SharedCut`` walks the
blocks of a text as ``POSTokenizer.cut`` does and calls ``Tagger.detail`` for the runs
no dictionary word covers.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import jieba

from site_builder.nlp.viterbi import viterbi

# jieba.posseg's patterns: blocks of a text, and the pieces of a run the model decodes.
re_han_internal = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._]+)")
re_skip_internal = re.compile("(\r\n|\\s)")
re_han_detail = re.compile("([\u4e00-\u9fd5]+)")
re_skip_detail = re.compile("([\\.0-9]+|[a-zA-Z0-9]+)")
re_eng = re.compile("[a-zA-Z0-9]+")
re_num = re.compile("[\\.0-9]+")

DECODED_RUNS = 1 << 15
"""Runs whose decoding is kept (a few MB). The model decodes the runs the dictionary does
not cover (names, places, rare words), and an archive names the same people and places
again and again: tagging at 10,000 synthetic articles took 2.4 ms an article, 1.2 with
this (bench/README.md)."""


def _table(name: str) -> Any:
    """``P`` of ``jieba/posseg/<name>.py``, run as a module of its own (from its compiled
    file), so that ``jieba/posseg/__init__.py`` does not run."""
    path = Path(jieba.__file__).with_name("posseg") / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"{__name__}._{name}", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.P


@cache
def model() -> tuple[Any, Any, Any, Any]:
    """jieba.posseg's ``char_state_tab_P, start_P, trans_P, emit_P``."""
    names = ("char_state_tab", "prob_start", "prob_trans", "prob_emit")
    state, start, trans, emit = (_table(name) for name in names)
    return state, start, trans, emit


@dataclass(slots=True)
class Tagger:
    """What ``jieba.posseg.POSTokenizer`` holds: a tokenizer and the tags of its words."""

    tokenizer: jieba.Tokenizer
    word_tag_tab: Mapping[str, str]

    def detail(self, run: str) -> list[tuple[str, str]]:
        """jieba's ``POSTokenizer.__cut_detail``: a run of characters the dictionary's
        route takes one by one, its Han parts decoded by the model."""
        out: list[tuple[str, str]] = []
        for block in re_han_detail.split(run):
            if re_han_detail.match(block):
                out += _decoded(block)
                continue
            for piece in re_skip_detail.split(block):
                if piece:
                    flag = "m" if re_num.match(piece) else "eng" if re_eng.match(piece) else "x"
                    out.append((piece, flag))
        return out


@lru_cache(maxsize=DECODED_RUNS)
def _decoded(sentence: str) -> tuple[tuple[str, str], ...]:
    """(word, tag) of a Han run, as jieba's ``POSTokenizer.__cut`` finds them."""
    _prob, pos_list = viterbi(sentence, *model())
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
