"""Reading-aid data of an article: pinyin and an English gloss for every word.

Written as one small file per article that the page fetches only when the reader switches
an aid on, so a plain article page stays light: JSON, raw-deflated (``aids_file``), which
browsers inflate natively (``DecompressionStream``); a word's gloss recurs through an
article, and deflate keeps about a third of the bytes. Blocks are in ``data-aid`` order:
the headline parts first, then the body's paragraphs and subheads.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from functools import lru_cache

from pypinyin import Style, pinyin

from site_builder.content.article import Article
from site_builder.enrich import Token, annotate
from site_builder.enrich.glosses import WORD_CACHE
from site_builder.nlp.tokenizer import Cut, words

FORMAT_VERSION = 1


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
    syllables = [item[0] for item in pinyin([text], style=Style.TONE)]
    if len(syllables) == len(text) and "".join(syllables) == _plain(joined):
        return " ".join(syllables)
    return joined


def _plain(joined: str) -> str:
    # Place readings come capitalised and spaced (``Chéngguān Qū``); compare the letters only.
    return joined.replace("'", "").replace(" ", "").lower()


def aids_json(blocks: Sequence[str], cut: Cut = words) -> str:
    """JSON of ``{"v": 1, "blocks": [[[text, reading, gloss], ...], ...]}``.

    Each block's token texts join to exactly the block's text, which the page checks before
    it lays ruby over an element. ``reading`` has one space-separated syllable per character
    when it could be split (see ``reading``); ``gloss`` is ``""`` when there is none.
    ``cut`` gives jieba's words of a text (``nlp.tokenizer.SharedCut``).
    """
    data = {
        "v": FORMAT_VERSION,
        "blocks": [
            [[token.text, reading(token), token.gloss or ""] for token in annotate(text, cut)]
            for text in blocks
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def aids_file(json_text: str) -> bytes:
    """The file an article page fetches: ``aids_json``'s text, raw-deflated (level 9,
    deterministic: same text, same bytes)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(json_text.encode("utf-8")) + packer.flush()
