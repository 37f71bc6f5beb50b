"""Content files: Markdown + YAML front matter <-> Article, strict errors, exact round trip."""

from __future__ import annotations

import dataclasses
import marshal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.cache.packed import pack
from site_builder.content.article import Article, SourceRef
from site_builder.content.frontmatter import (
    KEY_ORDER,
    KINDS,
    MAX_DEPTH,
    MAX_FRONT_MATTER,
    dump,
    load,
    loads,
)
from site_builder.content.known import KnownFronts
from site_builder.content.loader import content_files, load_content
from site_builder.errors import UserError


def sample(**changes: object) -> Article:
    article = Article(
        page_id="p1",
        slug="gaoyuan-xiaozhen",
        title="高原小镇: 迎来首批游客",
        title_derived=False,
        title_pinyin="gāoyuán xiǎozhèn",
        kicker="日喀则市某县",
        subtitle=None,
        kind="news",
        dateline="本报日喀则讯",
        authors=["张三", "李四"],
        column=None,
        body="第一段。\n\n## 小标题\n\n第二段。",
        source=SourceRef("p1.txt", [3, 5, 7]),
        paper="某某日报",
        date="2025-01-15",
        page_number=3,
        page_name="综合新闻",
        order=2,
    )
    return dataclasses.replace(article, **changes)  # type: ignore[arg-type]


GOLDEN = """\
---
title: '高原小镇: 迎来首批游客'
title_derived: false
title_pinyin: gāoyuán xiǎozhèn
kicker: 日喀则市某县
subtitle: null
kind: news
dateline: 本报日喀则讯
authors: [张三, 李四]
column: null
affiliation: null
slug: gaoyuan-xiaozhen
order: 2
paper: 某某日报
date: 2025-01-15
page_number: 3
page_name: 综合新闻
continued_from: null
continued_to: null
tags: []
locations: []
source:
  file: p1.txt
  lines: [3, 5, 7]
---

第一段。

## 小标题

第二段。
"""


def test_dump_exact_layout() -> None:
    assert dump(sample()) == GOLDEN


def test_keys_in_documented_order() -> None:
    front = dump(sample()).split("---\n")[1]
    keys = [line.split(":")[0] for line in front.splitlines() if not line.startswith(" ")]
    # ``topics`` is written only when a person set it.
    assert keys == [k for k in KEY_ORDER if k != "topics"]
    with_topics = dump(dataclasses.replace(sample(), topics=["agriculture"])).split("---\n")[1]
    keys = [line.split(":")[0] for line in with_topics.splitlines() if not line.startswith(" ")]
    assert keys == list(KEY_ORDER)
    assert "topics: [agriculture]" in with_topics


def test_load_sets_page_id_and_path(tmp_path: Path) -> None:
    path = tmp_path / "p1" / "gaoyuan-xiaozhen.md"
    path.parent.mkdir()
    path.write_text(GOLDEN, encoding="utf-8")
    article = load(path, "content/p1/gaoyuan-xiaozhen.md")
    assert article.path == "content/p1/gaoyuan-xiaozhen.md"
    assert dataclasses.replace(article, path="") == sample()


def test_hand_written_minimal_file() -> None:
    text = "---\ntitle: 银行开门\nkind: brief\nsource: {file: x.txt, lines: [1]}\n---\n正文。\n"
    article = loads(text, file="f.md", page_id="p", default_slug="from-file-name")
    assert article.slug == "from-file-name"
    assert article.title_pinyin == "yínháng kāimén"
    assert article.authors == []
    assert article.date is None
    assert article.body == "正文。"


def test_quoted_date_and_crlf_and_bom_accepted() -> None:
    text = "\ufeff" + GOLDEN.replace("date: 2025-01-15", "date: '2025-01-15'").replace("\n", "\r\n")
    article = loads(text, file="f.md", page_id="p1", default_slug="x")
    assert article.date == "2025-01-15"
    assert article == sample()


def error_of(text: str) -> UserError:
    with pytest.raises(UserError) as caught:
        loads(text, file="content/p/a.md", page_id="p", default_slug="a")
    assert caught.value.file == "content/p/a.md"
    return caught.value


def replace_line(key: str, new: str) -> str:
    lines = GOLDEN.splitlines(keepends=True)
    return "".join(new + "\n" if line.startswith(f"{key}:") else line for line in lines)


def line_of(key: str) -> int:
    return next(i for i, line in enumerate(GOLDEN.splitlines(), 1) if line.startswith(f"{key}:"))


def test_missing_front_matter() -> None:
    error = error_of("标题\n\n正文\n")
    assert error.line == 1
    assert "Did you forget the `---` line?" in error.hint


def test_unclosed_front_matter() -> None:
    error = error_of("---\ntitle: x\nkind: news\n\n正文\n")
    assert "never closed" in error.message
    assert error.line == 1


def test_yaml_syntax_error_names_the_line() -> None:
    error = error_of(replace_line("kicker", 'kicker: "unclosed'))
    assert "YAML syntax error" in error.message
    assert error.line is not None
    assert error.line == line_of("kicker")
    assert "quoted scalar" in error.message


def test_colon_in_unquoted_title_is_a_syntax_error_at_its_line() -> None:
    error = error_of(replace_line("title", "title: 甲: 乙: 丙"))
    assert error.line == line_of("title")
    assert "quotes" in error.hint


def test_tab_indent_gets_its_own_hint() -> None:
    error = error_of(GOLDEN.replace("  file: p1.txt", "\tfile: p1.txt"))
    assert error.hint == "Indent with spaces, not tabs."
    assert error.line == line_of("source") + 1


def test_impossible_date_hint_shows_the_format() -> None:
    error = error_of(replace_line("date", "date: 2025-13-01"))
    assert error.line == line_of("date")
    assert "2025-01-15" in error.hint


@pytest.mark.parametrize(
    ("key", "line", "words"),
    [
        ("title", "title: 2025", "expected text"),
        ("title", "title: ''", "title is empty"),
        ("title_derived", "title_derived: maybe", "true or false"),
        ("authors", "authors: 张三", "list of names"),
        ("authors", "authors: [张三, 7]", "list of names"),
        ("date", "date: 2025-02-30", "day is out of range"),
        ("date", "date: 15.01.2025", "date YYYY-MM-DD"),
        ("page_number", "page_number: three", "whole number"),
        ("page_number", "page_number: 0", "whole number"),
        ("order", "order: -1", "whole number"),
        ("kind", "kind: obituary", "not one of"),
        ("slug", "slug: Not A Slug", "lowercase ASCII"),
        ("kicker", "kicker: [a, b]", "expected text"),
    ],
)
def test_wrong_types_name_key_and_line(key: str, line: str, words: str) -> None:
    error = error_of(replace_line(key, line))
    assert words in error.message
    assert error.line == line_of(key)
    assert error.hint


def test_source_that_is_not_a_mapping() -> None:
    error = error_of(
        GOLDEN.replace("source:\n  file: p1.txt\n  lines: [3, 5, 7]\n", "source: p1.txt\n")
    )
    assert "expected file and lines" in error.message
    assert error.line == line_of("source")


def test_bad_source_lines() -> None:
    error = error_of(GOLDEN.replace("lines: [3, 5, 7]", "lines: [3, x]"))
    assert "line numbers" in error.message
    assert error.line == line_of("source")


def test_unknown_key_is_reported_not_ignored() -> None:
    error = error_of(replace_line("kicker", "kickr: 某县"))
    assert "unknown key 'kickr'" in error.message
    assert "kicker" in error.hint
    assert error.line == line_of("kicker")


def test_duplicate_key() -> None:
    error = error_of(GOLDEN.replace("subtitle: null\n", "subtitle: null\ntitle: 又一个\n"))
    assert "appears twice" in error.message
    assert error.line == line_of("subtitle") + 1


@pytest.mark.parametrize("drop", ["title", "kind", "source"])
def test_missing_required_key(drop: str) -> None:
    text = "---\ntitle: 标题\nkind: news\nsource: {file: x.txt, lines: [1]}\n---\n"
    text = "".join(line + "\n" for line in text.splitlines() if not line.startswith(f"{drop}:"))
    error = error_of(text)
    assert f"missing required key {drop}" in error.message
    assert f"`{drop}: …`" in error.hint


def test_empty_front_matter_is_not_an_empty_dict() -> None:
    error = error_of("---\n---\n正文\n")
    assert "missing required keys title, kind, source" in error.message


def test_front_matter_that_is_a_list() -> None:
    error = error_of("---\n- a\n- b\n---\n")
    assert "key: value" in error.message
    assert error.line == 2


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(GOLDEN.encode("gb18030"))
    with pytest.raises(UserError, match="not UTF-8"):
        load(path)


# -- round trip -------------------------------------------------------------------------

TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff\x85"),
    max_size=20,
)
TRICKY = st.sampled_from(
    ["yes", "no", "null", "~", "1.0", "0x1F", "- a", "a: b", "#x", "'q'", '"', "[]"]
)
FIELD = st.one_of(TEXT, TRICKY)
NAMES = st.lists(FIELD.filter(bool), max_size=4)
PARAGRAPH = st.text(
    st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Zs"), blacklist_characters="\ufeff\x85"
    ),
    min_size=1,
    max_size=30,
)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    optional = st.one_of(st.none(), FIELD)
    date = draw(st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
    return Article(
        page_id="page",
        slug=draw(st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)),
        title=draw(FIELD.filter(lambda s: s.strip() != "")),
        title_derived=draw(st.booleans()),
        title_pinyin=draw(FIELD),
        kicker=draw(optional),
        subtitle=draw(optional),
        kind=draw(st.sampled_from(KINDS)),
        dateline=draw(optional),
        authors=draw(NAMES),
        column=draw(optional),
        body="\n\n".join(draw(st.lists(PARAGRAPH, max_size=4))),
        source=SourceRef(draw(FIELD), draw(st.lists(st.integers(1, 10**6), max_size=8))),
        paper=draw(optional),
        date=date,
        page_number=draw(st.one_of(st.none(), st.integers(1, 10**4))),
        page_name=draw(optional),
        order=draw(st.integers(0, 10**4)),
        affiliation=draw(optional),
        continued_to=draw(optional),
        continued_from=draw(optional),
        tags=draw(NAMES),
        locations=draw(NAMES),
    )


@settings(max_examples=300, deadline=None)
@given(articles())
def test_round_trip(article: Article) -> None:
    text = dump(article)
    loaded = loads(text, file="x.md", page_id="page", default_slug="unused")
    assert loaded == article
    assert dump(loaded) == text


# -- loader -----------------------------------------------------------------------------


def test_load_content_collects_every_error_in_file_order(tmp_path: Path) -> None:
    root = tmp_path / "content"
    (root / "p1").mkdir(parents=True)
    (root / "p2").mkdir()
    (root / "p1" / ".backup").mkdir()
    (root / "p1" / "b.md").write_text(dump(sample(slug="b")), encoding="utf-8")
    (root / "p1" / "a.md").write_text("no front matter\n", encoding="utf-8")
    (root / "p2" / "c.md").write_text(replace_line("kind", "kind: 1"), encoding="utf-8")
    (root / "p2" / "d.md").write_text(dump(sample(slug="d", page_id="p2")), encoding="utf-8")
    (root / "p1" / ".backup" / "z.md").write_text("ignored", encoding="utf-8")
    (root / "p1" / "_report.json").write_text("{}", encoding="utf-8")

    articles_, errors = load_content(root)

    assert [a.key for a in articles_] == ["p1/b", "p2/d"]
    assert [a.path for a in articles_] == ["content/p1/b.md", "content/p2/d.md"]
    assert [(e.file, e.line) for e in errors] == [
        ("content/p1/a.md", 1),
        ("content/p2/c.md", line_of("kind")),
    ]
    assert [p.name for p in content_files(root)] == ["a.md", "b.md", "c.md", "d.md"]


# Issue 15: bounded parsing. A front matter nested thousands deep used to end in a
# RecursionError from PyYAML; now every shape of it is a UserError with its line.


@pytest.mark.parametrize(
    ("value", "line"),
    [
        ("[" * 20_000 + "]" * 20_000, 4),  # flow lists, past libyaml's own limit of 1,000
        ("{a: " * 5_000 + "1" + "}" * 5_000, 4),  # flow mappings
        ("\n" + "- " * 20_000 + "x", 5),  # block lists on one line
        ("[" * 30_000, 4),  # never closed
    ],
)
def test_deep_nesting_is_refused_with_its_line(value: str, line: int) -> None:
    error = error_of(f"---\ntitle: x\nkind: news\ntags: {value}\n---\n")
    assert f"nested more than {MAX_DEPTH} deep" in error.message
    assert error.line == line


def test_nesting_up_to_the_limit_is_parsed() -> None:
    # The front matter mapping is one level: tags' lists may be MAX_DEPTH - 1 deep.
    deepest = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    error = error_of(replace_line("tags", f"tags: {deepest}"))
    assert "nested" not in error.message and "tags" in error.message  # a type error


def test_oversized_front_matter_is_refused() -> None:
    text = "---\ntitle: x\nkind: news\ntags: [" + "甲, " * MAX_FRONT_MATTER + "]\n---\n"
    error = error_of(text)
    assert "characters long" in error.message and error.line == 1


@settings(max_examples=300)
@given(st.text(alphabet="[]{}-:?,&*! \n\tab1", max_size=400))
def test_any_front_matter_is_an_article_or_a_user_error(front: str) -> None:
    try:
        loads(f"---\n{front}\n---\n", file="x.md", page_id="p", default_slug="x")
    except UserError as error:
        assert error.file == "x.md"


# -- front matter kept between builds (content.known) -----------------------------------


@settings(max_examples=100, deadline=None)
@given(articles(), articles())
def test_known_front_matter_gives_what_parsing_gives(article: Article, other: Article) -> None:
    """An article read through a kept record (encoded and decoded as the cache keeps it)
    equals the parsed one, whatever body follows; a changed front matter is parsed."""
    first = KnownFronts()
    text = dump(article)
    assert loads(text, file="x.md", page_id="page", default_slug="s", known=first) == article
    kept = KnownFronts.decode(first.encode())
    again = loads(text, file="x.md", page_id="page", default_slug="s", known=kept)
    assert again == article
    assert not kept.changed
    edited = dataclasses.replace(other, body=article.body)
    assert loads(dump(edited), file="x.md", page_id="page", default_slug="s", known=kept) == edited
    assert kept.changed == (dump(edited) != text)


def test_known_article_lists_are_its_own() -> None:
    """Changing a loaded article's lists leaves the record the next build is given."""
    known = KnownFronts()
    loads(dump(sample()), file="x.md", page_id="p1", default_slug="s", known=known)
    kept = KnownFronts.decode(known.encode())
    article = loads(dump(sample()), file="x.md", page_id="p1", default_slug="s", known=kept)
    article.authors.append("王五")
    article.source.lines.append(99)
    reread = KnownFronts.decode(kept.encode())
    assert (
        loads(dump(sample()), file="x.md", page_id="p1", default_slug="s", known=reread) == sample()
    )


@pytest.mark.parametrize(
    "data",
    [None, b"", b"not marshal", b"[1]", b'{"k": {"title": "x"}}', pack(b"fronts", {"k": [1]})],
)
def test_a_bad_known_record_is_a_cold_load(data: bytes | None) -> None:
    known = KnownFronts.decode(data)
    assert known.before == {}
    assert (
        loads(dump(sample()), file="x.md", page_id="p1", default_slug="s", known=known) == sample()
    )


@pytest.mark.parametrize("entry", [b"", b"\x00", marshal.dumps({"title": "x"}), marshal.dumps([1])])
def test_a_known_article_of_another_shape_is_parsed_again(entry: bytes) -> None:
    known = KnownFronts()
    loads(dump(sample()), file="x.md", page_id="p1", default_slug="s", known=known)
    bad = KnownFronts({key: entry for key in known.now})
    assert loads(dump(sample()), file="x.md", page_id="p1", default_slug="s", known=bad) == sample()
    assert bad.now != {key: entry for key in known.now}  # the record holds the parsed fields


def test_broken_front_matter_is_reported_every_time(tmp_path: Path) -> None:
    root = tmp_path / "content"
    (root / "p1").mkdir(parents=True)
    (root / "p1" / "a.md").write_text(replace_line("kind", "kind: 1"), encoding="utf-8")
    (root / "p1" / "b.md").write_text(dump(sample(slug="b")), encoding="utf-8")
    known = KnownFronts()
    for _ in range(2):
        loaded, errors = load_content(root, known)
        assert [a.key for a in loaded] == ["p1/b"]
        assert [(e.file, e.line) for e in errors] == [("content/p1/a.md", line_of("kind"))]
        known = KnownFronts.decode(known.encode())
    assert len(known.before) == 1
