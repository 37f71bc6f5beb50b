"""The paper behind a text: the province a page's paper is of, and what its datelines say.

``places`` reads every page of an archive as a paper of one region: the province whose
places its texts name most (``page_regions``), the archive's default failing a clear
lead; a dateline naming the capital is where national news was filed, not a place
of the story, unless the text names the capital again (``without_capital_dateline``);
an author note left in the body says where the author works (``without_author_note``);
and an app or account named after a place (“达州公交”小程序) is a service's name, no place
of the story (``without_services``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from site_builder.enrich.datelines import dateline_spans
from site_builder.enrich.gazetteer import gazetteer, within
from site_builder.enrich.mentions import Mention

PAGE_REGION_VOTES = 2
"""Mentions of one province a page needs, more than of any other, to be taken for a
paper of that province."""


def page_regions(
    pages: Sequence[str], all_mentions: list[list[Mention]], default: str
) -> dict[str, str]:
    """Each page's region: the province whose divisions its texts name most, counting the
    names that denote one division (成都市, 双流区, a dateline's 成都) and no everyday word;
    ``default`` when none leads by ``PAGE_REGION_VOTES`` or more. An archive may gather
    papers of several provinces: a county of the paper's own province needs no parent
    written beside it, and a name several divisions share is decided for its province."""
    return lead_regions(pages, [region_votes(mentions) for mentions in all_mentions], default)


def region_votes(mentions: list[Mention]) -> Counter[str]:
    """One text's votes for its page's region: the province of each name it writes that
    denotes one division, no everyday word, and of each township the township list places
    in one county (a county paper's page names its townships more than its county)."""
    gaz = gazetteer()
    votes = Counter(
        m.codes[0][:2]
        for m in mentions
        if len(m.codes) == 1 and not m.phrase and m.codes[0] in gaz.by_code
    )
    votes.update(m.county[:2] for m in mentions if m.county)
    return votes


def lead_regions(pages: Sequence[str], votes: list[Counter[str]], default: str) -> dict[str, str]:
    """``page_regions`` from each text's ``region_votes``."""
    tallies: dict[str, Counter[str]] = {}
    for page, tally in zip(pages, votes, strict=True):
        tallies.setdefault(page, Counter()).update(tally)
    out: dict[str, str] = {}
    for page, tally in tallies.items():
        first, second = [*tally.most_common(2), ("", 0), ("", 0)][:2]
        lead = first[1] >= PAGE_REGION_VOTES and first[1] > second[1]
        out[page] = first[0] if lead else default
    return out


CAPITAL = "11"
"""Code of the national capital, where national news is filed (新华社北京电)."""


def without_capital_dateline(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions, without a dateline naming the capital when the text never names the
    capital again: national news is filed there (本报北京1月5日电, 新华社北京电) whatever
    it is about, so the dateline says where the reporter was, not where the story is."""
    spans = dateline_spans(text)

    def filed(m: Mention) -> bool:
        in_dateline = m.source == "dateline" or (m.start, m.end) in spans
        return in_dateline and m.code is not None and within(m.code, CAPITAL)

    if any(m.code and within(m.code, CAPITAL) and not filed(m) for m in mentions):
        return mentions
    return [m for m in mentions if not filed(m)]


_AUTHOR_NOTE = re.compile(r"^[(（]\s*作者(?:单位|系|为)[^\n]*$", re.MULTILINE)
"""A paragraph such as （作者系中共某市委党校讲师）: the line the segmenter lifts out of an
article as its affiliation (``ingest.patterns.AFFILIATION_RE``), when it stays in the body."""


_FIRM = re.compile(r"[\u3400-\u9fff]{2,4}?(?:律师|会计师)事务所")
"""The rest of a law or accounting firm's name after the place it opens with: its own
name (渝信, 黔信), not a count (重庆一家律师事务所 is a firm in 重庆)."""


def without_firms(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions less each that opens the name of a law or accounting firm (重庆渝信律师
    事务所, 贵州黔信律师事务所): the firm of a lawyer who answers readers' questions is where
    the lawyer works, no place the article is about."""
    return [m for m in mentions if m.start < 0 or not _opens_firm(text, m.end)]


def _opens_firm(text: str, end: int) -> bool:
    found = _FIRM.match(text, end)
    return found is not None and found.group()[0] not in _COUNTS


_COUNTS = frozenset("一某这那该")
"""Characters that open a count or a reference (一家, 某, 这家), not a firm's own name."""


def without_author_note(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions outside author notes. Where the author works is no place the article is
    about, and the article's affiliation field, which holds the same line when the
    segmenter lifts it out, is never searched for places either."""
    notes = [m.span() for m in _AUTHOR_NOTE.finditer(text)]
    if not notes:
        return mentions
    return [m for m in mentions if not any(s <= m.start < e for s, e in notes)]


_SERVICE = re.compile(
    r"[“「\"]([^”」\"\n]{1,16})[”」\"](?=(?:微信)?(?:公众号|小程序|视频号|抖音号|微博|客户端|App|APP|app))"
    r"|(?:(?<=公众号)|(?<=小程序)|(?<=视频号)|(?<=客户端)|(?<=App)|(?<=APP))"
    r"[“「\"]([^”」\"\n]{1,16})[”」\"]"
)
"""The quoted name of an app or account, before or after what it is (“达州公交”小程序,
关注微信公众号“邗江发布”)."""


def without_services(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions outside the quoted names of apps and accounts: an account named after
    its county or city (“达州文旅”公众号, “重庆人社”App) is where a reader finds a service,
    not a place the article names; the same name written outside the quotes counts. The
    name still votes for its page's region (the services of a paper's city are named in
    its paper)."""
    spans = [m.span() for m in _SERVICE.finditer(text)]
    if not spans:
        return mentions
    return [m for m in mentions if not any(s <= m.start < e for s, e in spans)]
