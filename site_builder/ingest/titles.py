"""Headline groups -> kicker / title / subtitle, and titles derived from text."""

from __future__ import annotations

import re

from site_builder.ingest.patterns import DATELINE_RE, parse_credit
from site_builder.nlp.tokenizer import words

# Longest derived title, in characters (the site shows it marked as derived).
DERIVED_MAX = 24
DERIVED_MIN = 6
# Shown (marked as derived) for an article with no text to take a title from.
UNTITLED = "无题"
SUBTITLE_MARK = re.compile(r"^\s*(?:——|—|－－|--)")
# A headline line ending in one of these goes on in the next line.
CONTINUED = ("：", ":", "——", "，", ",")
# The first half of a paired construction, and the words the second half opens with: a
# title broken between them is one title (调查研究既要“身入” / 更要“心至”).
PAIRED = {
    "既": ("又", "也", "更", "还"),
    "不仅": ("还", "也", "更", "而且"),
    "不但": ("还", "也", "更", "而且"),
    "不是": ("而是",),
    "与其": ("不如",),
    "虽然": ("但", "却"),
    "一边": ("一边",),
}
# A clause ends at these marks.
CLAUSE_END = re.compile(r"[，,。；;：:！!？?]")


def is_couplet(left: str, right: str) -> bool:
    """Two halves of equal length (对仗) form one title, not title + subtitle."""
    return abs(len(left) - len(right)) <= 1


def split_headline(lines: list[str]) -> tuple[str | None, str | None, str | None]:
    """Kicker, title and subtitle of a headline group, top to bottom.

    One line is a title (split into title + subtitle when two unequal parts stand on it
    separated by a space); two lines are kicker + title unless the second opens with a
    dash (a subtitle); three are kicker, title, subtitle; more lines go to the kicker.
    """
    lines = join_continued([ln.strip() for ln in lines if ln.strip()])
    if not lines:
        return None, None, None
    if len(lines) == 1:
        parts = lines[0].split()
        if len(parts) == 2 and not is_couplet(*parts) and not SUBTITLE_MARK.match(parts[1]):
            return None, parts[0], parts[1]
        if len(parts) == 2 and SUBTITLE_MARK.match(parts[1]):
            return None, parts[0], parts[1]
        return None, lines[0], None
    if len(lines) == 2:
        if SUBTITLE_MARK.match(lines[1]):
            return None, lines[0], lines[1]
        return lines[0], lines[1], None
    return " ".join(lines[:-2]), lines[-2], lines[-1]


def join_continued(lines: list[str]) -> list[str]:
    """A headline line that ends in a colon, a dash or a comma goes on in the next line:
    the two print one title (某某：“……” / 从甲到乙—— 某某). A line break after a comma is
    kept as a space, as a one-line headline spaces its phrases."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].endswith(CONTINUED):
            glue = " " if out[-1].endswith(("，", ",")) else ""
            out[-1] += glue + line
        elif out and _second_half(out[-1], line):
            out[-1] += line
        else:
            out.append(line)
    return out


def _second_half(first: str, line: str) -> bool:
    """``line`` opens the second half of a construction ``first`` began (既… / 更…)."""
    return any(opener in first and line.startswith(then) for opener, then in PAIRED.items())


def derive_title(text: str) -> str:
    """A short title from an article's first paragraph, cut at a word boundary."""
    whole = text.strip()
    text = whole
    dateline = DATELINE_RE.match(text)
    if dateline:
        credit = parse_credit(text, dateline.end())
        text = text[credit.end if credit else dateline.end() :].lstrip("，,：: ") or whole
    if not text:
        return UNTITLED
    clauses = [c.strip("“”‘’\"' ") for c in CLAUSE_END.split(text)]
    # Skip a short opening such as a time (近日，): the first real clause names the event.
    clause = next((c for c in clauses if len(c) >= DERIVED_MIN), text)
    if len(clause) <= DERIVED_MAX:
        return clause
    title = ""
    for word in words(clause):
        if len(title) + len(word) > DERIVED_MAX:
            break
        title += word
    return (title or clause[:DERIVED_MAX]) + "…"
