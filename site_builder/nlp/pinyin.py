"""Phrase-aware pinyin for titles, search and slugs.

Polyphones are read by phrase: we hand pypinyin the words of the shared jieba tokenizer
(长治久安 -> cháng, 银行 -> háng). pypinyin reads a word it has no entry for one character
at a time, which breaks on long jieba words such as 西藏自治区 (xī cáng); such a word is
first cut by pypinyin's own phrase table (西藏 | 自治区 -> xī zàng zì zhì qū).

Conventions of ``pinyin_text`` (used for ``title_pinyin``):

* all lowercase (plain jieba segmentation does not say which words are names);
* the syllables of one jieba word are written together, words are separated by one space,
  with an apostrophe before a joined syllable that starts with a, o or e (``xī'ān``);
* Latin letters and digits are kept as written (``2025 nián``);
* Chinese punctuation becomes its ASCII counterpart, attached to the word it belongs to:
  opening marks to the next word, closing marks to the previous one (``"tiáojiěyuán",``);
  dashes stand alone between spaces; ``·`` and ASCII joiners such as ``-`` and ``/`` join
  their neighbours without spaces (``COVID-19``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from site_builder.nlp.tokenizer import words

SLUG_MAX = 60
"""Longest slug before a uniqueness suffix; cut at a word boundary."""

_ASCII_PUNCT = {
    "，": ",",
    "、": ",",
    "。": ".",
    "；": ";",
    "：": ":",
    "？": "?",
    "！": "!",
    "（": "(",
    "）": ")",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "《": '"',
    "》": '"',
    "〈": '"',
    "〉": '"',
    "【": "[",
    "】": "]",
    "「": '"',
    "」": '"',
    "『": '"',
    "』": '"',
    "…": "...",
    "——": "—",
}

_JOINERS = frozenset("·-/._@&+'")
"""Marks written without spaces on either side: name dots, hyphens in ``COVID-19``."""

_VOWEL_START = re.compile(r"[aāáǎàoōóǒòeēéěè]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_HANS = re.compile(
    r"^(?:["
    r"\u3007\ue815-\ue864\ufa18\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    r"\U00020000-\U0002A6DF\U0002A703-\U0002B73F\U0002B740-\U0002B81D"
    r"\U0002B825-\U0002BF6E\U0002C029-\U0002CE93\U0002D016\U0002D11B-\U0002EBD9"
    r"\U0002F80A-\U0002FA1F\U00030000-\U0003134A\U000300F7-\U00031288\U00030EDD"
    r"\U00030EDE\U00031350-\U00032389"
    r"])+$"
)
"""pypinyin's ``constants.RE_HANS`` (characters it has readings for), written out so
that telling Han runs apart does not import its tables (a test holds the two equal)."""


@lru_cache(maxsize=65536)
def _syllables(word: str, tone: bool) -> tuple[str, ...]:
    """Syllables of a word made only of Han characters."""
    # pypinyin's tables cost a third of a second of CPU to import; an edit build reads
    # names' readings from the cache and often needs none.
    from pypinyin import Style, pinyin
    from pypinyin.constants import PHRASES_DICT
    from pypinyin.seg.mmseg import seg as phrase_table_seg

    pieces = [word] if word in PHRASES_DICT else list(phrase_table_seg.cut(word))
    style = Style.TONE if tone else Style.NORMAL
    return tuple(item[0] for item in pinyin(pieces, style=style))


def _han_runs(token: str) -> list[tuple[str, bool]]:
    """Split a jieba token into runs of Han and non-Han characters."""
    runs: list[tuple[str, bool]] = []
    for ch in token:
        han = bool(_HANS.match(ch))
        if runs and runs[-1][1] == han:
            runs[-1] = (runs[-1][0] + ch, han)
        else:
            runs.append((ch, han))
    return runs


def _join_syllables(syllables: tuple[str, ...]) -> str:
    out = syllables[0] if syllables else ""
    for syl in syllables[1:]:
        out += ("'" if _VOWEL_START.match(syl) else "") + syl
    return out


def _is_punct(token: str) -> bool:
    return all(unicodedata.category(ch)[0] in "PS" for ch in token)


def pinyin_text(text: str) -> str:
    """Readable pinyin with tone marks, e.g. ``西藏自治区`` -> ``xīzàng zìzhìqū``."""
    out: list[str] = []
    glue_next = False
    for token in words(text):
        if token.isspace():
            continue
        if _is_punct(token):
            mark = _ASCII_PUNCT.get(token, token)
            kind = unicodedata.category(token[0])
            if token in _JOINERS and out:
                out[-1] += mark
                glue_next = True
            elif kind in ("Ps", "Pi"):
                out.append(mark)
                glue_next = True
            elif kind == "Pd" or not out:
                if not (out and out[-1] == mark):  # a split "——" stays one dash
                    out.append(mark)
                glue_next = False
            else:
                out[-1] += mark
                glue_next = False
            continue
        word = "".join(
            _join_syllables(_syllables(run, True)) if han else run for run, han in _han_runs(token)
        )
        if glue_next and out:
            out[-1] += word
        else:
            out.append(word)
        glue_next = False
    return " ".join(out)


def pinyin_syllables(text: str) -> list[str]:
    """Toneless syllables for search: one per Han character (ü as ``v``), plus Latin and
    digit runs lowercased; punctuation and spaces are dropped."""
    result: list[str] = []
    for token in words(unicodedata.normalize("NFKC", text)):
        for run, han in _han_runs(token):
            if han:
                result.extend(_syllables(run, False))
            else:
                result.extend(w.lower() for w in re.findall(r"[^\W_]+", run))
    return result


def slug(text: str, taken: set[str]) -> str:
    """ASCII slug from the pinyin of ``text``: lowercase words joined by hyphens.

    At most ``SLUG_MAX`` characters (cut between words); ``-2``, ``-3``... is appended when
    the slug is already in ``taken``. ``taken`` is not modified. Text without letters,
    digits or Han characters gives ``article``.
    """
    parts: list[str] = []
    for token in words(unicodedata.normalize("NFKC", text)):
        word = "".join(
            "".join(_syllables(run, False)) if han else _ascii(run) for run, han in _han_runs(token)
        )
        parts.extend(p for p in _NOT_SLUG.split(word) if p)
    base = ""
    for part in parts:
        candidate = f"{base}-{part}" if base else part
        if len(candidate) > SLUG_MAX:
            break
        base = candidate
    base = base or (parts[0][:SLUG_MAX] if parts else "article")
    result, n = base, 1
    while result in taken:
        n += 1
        result = f"{base}-{n}"
    return result


def _ascii(text: str) -> str:
    """Lowercase ASCII letters and digits of ``text`` (accents dropped), others as spaces."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", folded.lower())
