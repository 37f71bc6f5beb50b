"""Provinces named together by their one-character abbreviations (沪苏浙两省一市).

A character such as 苏 or 新 alone is far too often an everyday character to be read as
a province; a run of two or more distinct abbreviations right before a count of places
(两省一市, 三省, 两地) is a list of provinces, written the way papers write regional
cooperation (川渝两地). Before 地区 the run names a region (京津冀地区), which readers and
the blind labeller do not count as its provinces. The abbreviations are
``data/province_abbreviations.tsv``.
"""

from __future__ import annotations

import re
from functools import cache

from site_builder.enrich.resources import data_rows


@cache
def _codes() -> dict[str, str]:
    """Abbreviation -> province code."""
    return {abbreviation: code for code, abbreviation in data_rows("province_abbreviations.tsv")}


@cache
def _run() -> re.Pattern[str]:
    chars = "".join(sorted(_codes()))
    return re.compile(rf"(?<![{chars}])([{chars}]{{2,4}})(?=[两三四五六2-6][省地市])")


def province_runs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, province code) for each abbreviation of a run that names provinces
    together (沪苏浙两省一市: 上海市, 江苏省, 浙江省); a run that repeats a character is no
    such list."""
    found = []
    codes = _codes()
    for match in _run().finditer(text):
        run = match.group(1)
        if len(set(run)) == len(run):
            found += [
                (match.start() + n, match.start() + n + 1, codes[c]) for n, c in enumerate(run)
            ]
    return found
