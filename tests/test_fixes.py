"""The fixes file: parsing, the errors a stale or contradictory fix gives, and each kind of
fix applied by the segmenter and by ingest."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from support import assert_accounted

from site_builder.cli import main
from site_builder.errors import UserError
from site_builder.ingest.fixes import (
    AuthorsFix,
    ContinueFix,
    Fixes,
    JoinFix,
    RoleFix,
    fixes_path,
    load_fixes,
    parse_fixes,
)
from site_builder.ingest.pipeline import ingest
from site_builder.ingest.segment import segment_page
from site_builder.models import PageSegmentation
from site_builder.review.server import Pages, local_host
from site_builder.review.session import Entry, ReviewSession, edit, to_toml
from site_builder.review.view import state

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "tests" / "fixtures" / "pages" / "river_valley_02.txt"
# A page made up for these tests: one headline, one paragraph cut over a blank line, a
# second headline and its paragraph.
SMALL = "\n".join(
    [
        "山间小路修通了",
        "",
        "本报讯 经过半年施工，连接三个村子的山间小路",
        "",
        "终于修通了。村民们出行更方便了。",
        "",
        "河边新栽一千棵树",
        "",
        "本报讯 春天到了，志愿者在河边栽下一千棵树苗。",
        "",
    ]
)


def write_fixes(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "page.fixes.toml"
    path.write_text(text, encoding="utf-8")
    return path


def segment(text: str, fixes: Fixes | None) -> PageSegmentation:
    seg = segment_page(text, "page.txt", fixes)
    assert_accounted(text, seg)
    return seg


def first_lines(seg: PageSegmentation) -> list[int]:
    return [a.lines[0] for a in seg.articles]


def test_fixes_file_is_read_into_typed_fixes(tmp_path: Path) -> None:
    path = write_fixes(
        tmp_path,
        '[[role]]\nline = 1\nrole = "title"\n[[split]]\nbefore = 7\n[[merge]]\nat = 9\n'
        "[[join]]\nafter = 3\nto = 5\n[[unjoin]]\nafter = 9\n"
        '[[continue]]\nafter = 5\nto = 9\n[[authors]]\nline = 3\nnames = ["张三", " 李四 "]\n',
    )
    fixes = load_fixes(path, SMALL)
    assert fixes is not None
    assert fixes.roles == [RoleFix(1, "title")]
    assert (fixes.splits, fixes.merges, fixes.unjoins) == ([7], [9], [9])
    assert fixes.joins == [JoinFix(3, 5)]
    assert fixes.continues == [ContinueFix(5, 9)]
    assert fixes.authors == [AuthorsFix(3, ("张三", "李四"))]
    assert len(fixes) == 7


def test_no_fixes_file_is_no_fixes(tmp_path: Path) -> None:
    assert load_fixes(tmp_path / "missing.fixes.toml", SMALL) is None
    assert fixes_path(Path("seeds/p1.txt")) == Path("seeds/p1.fixes.toml")


@pytest.mark.parametrize(
    ("text", "entry", "why"),
    [
        ("[[split]]\nbefore = 40\n", "[[split]] #1", "line out of range (the dump has 9 lines)"),
        ("[[merge]]\nat = 2\n", "[[merge]] #1", "that line of the dump is blank"),
        ('[[role]]\nline = 1\nrole = "boss"\n', "[[role]] #1", "unknown role 'boss'"),
        ("[[role]]\nline = 1\n", "[[role]] #1", "missing key 'role'"),
        ("[[split]]\nbefore = 1\nat = 3\n", "[[split]] #1", "unknown key 'at'"),
        ('[[split]]\nbefore = "3"\n', "[[split]] #1", "is not a line number"),
        ("[[cut]]\nat = 3\n", "[[cut]]", "unknown kind of fix"),
        ("[[join]]\nafter = 3\nto = 3\n", "[[join]] #1", "cannot continue itself"),
        (
            "[[join]]\nafter = 3\nto = 5\n[[unjoin]]\nafter = 3\n",
            "[[join]] #1",
            "line 3 also has an [[unjoin]]",
        ),
        ("[[split]]\nbefore = 7\n[[merge]]\nat = 7\n", "[[merge]] #1", "also has a [[split]]"),
        (
            '[[role]]\nline = 1\nrole = "title"\n[[role]]\nline = 1\nrole = "noise"\n',
            "[[role]] #2",
            "already given role 'title'",
        ),
        (
            '[[role]]\nline = 5\nrole = "title"\n[[join]]\nafter = 3\nto = 5\n',
            "[[join]] #1",
            "line 5 has role 'title', not a paragraph",
        ),
        ("[[continue]]\nafter = 9\nto = 9\n", "[[continue]] #1", "cannot continue itself"),
        (
            "[[join]]\nafter = 3\nto = 5\n[[continue]]\nafter = 3\nto = 9\n",
            "[[continue]] #1",
            "line 3 already continues at 5",
        ),
        (
            "[[continue]]\nafter = 1\nto = 9\n[[continue]]\nafter = 7\nto = 9\n",
            "[[continue]] #2",
            "line 9 already continues line 1",
        ),
        ('[[authors]]\nline = 3\nnames = "张三"\n', "[[authors]] #1", "is not a list of names"),
        ('[[authors]]\nline = 3\nnames = [""]\n', "[[authors]] #1", "is not a list of names"),
        (
            '[[authors]]\nline = 3\nnames = ["张三"]\n[[authors]]\nline = 3\nnames = []\n',
            "[[authors]] #2",
            "line 3 already has other names",
        ),
    ],
)
def test_a_fix_that_does_not_fit_names_file_entry_and_why(
    tmp_path: Path, text: str, entry: str, why: str
) -> None:
    path = write_fixes(tmp_path, text)
    with pytest.raises(UserError) as raised:
        load_fixes(path, SMALL, "seeds/page.fixes.toml")
    assert raised.value.file == "seeds/page.fixes.toml"
    assert f"{entry}" in raised.value.message and why in raised.value.message
    assert "segmented without the fixes file" in raised.value.hint


def test_every_bad_entry_is_listed_at_once(tmp_path: Path) -> None:
    path = write_fixes(tmp_path, "[[split]]\nbefore = 40\n[[merge]]\nat = 50\n")
    with pytest.raises(UserError) as raised:
        load_fixes(path, SMALL)
    assert "[[split]] #1" in raised.value.message and "[[merge]] #1" in raised.value.message


def test_broken_toml_is_a_user_error(tmp_path: Path) -> None:
    path = write_fixes(tmp_path, "[[split]\nbefore = 4\n")
    with pytest.raises(UserError, match="not a valid TOML fixes file"):
        load_fixes(path, SMALL)


def fixes_of(tmp_path: Path, text: str, dump: str) -> Fixes:
    fixes = load_fixes(write_fixes(tmp_path, text), dump)
    assert fixes is not None
    return fixes


def test_join_and_unjoin_fixes_decide_the_cut_paragraph(tmp_path: Path) -> None:
    plain = segment(SMALL, None)
    assert [b.lines for b in plain.articles[0].blocks] == [(3, 5)]
    unjoined = segment(SMALL, fixes_of(tmp_path, "[[unjoin]]\nafter = 3\n", SMALL))
    assert [b.lines for b in unjoined.articles[0].blocks] == [(3,), (5,)]
    page = PAGE.read_text(encoding="utf-8")
    joined = segment(page, fixes_of(tmp_path, "[[join]]\nafter = 22\nto = 26\n", page))
    blocks = [b.lines for a in joined.articles for b in a.blocks]
    assert (22, 26) in blocks and (24,) in blocks


def test_split_fix_opens_an_article_and_merge_fix_closes_one(tmp_path: Path) -> None:
    page = PAGE.read_text(encoding="utf-8")
    plain = segment(page, None)
    assert 15 not in first_lines(plain) and 20 in first_lines(plain)
    split = segment(page, fixes_of(tmp_path, "[[split]]\nbefore = 15\n", page))
    assert 15 in first_lines(split)
    assert len(split.articles) == len(plain.articles) + 1
    merged = segment(page, fixes_of(tmp_path, "[[merge]]\nat = 20\n", page))
    assert 20 not in first_lines(merged)
    assert len(merged.articles) == len(plain.articles) - 1
    host = next(a for a in merged.articles if 20 in a.lines)
    assert [b.type for b in host.blocks if 20 in b.lines] == ["h"]  # its title, a subhead now


# Two articles; the second paragraph of the first is printed under the second headline.
SWAPPED = "\n".join(
    [
        "山间小路修通了",
        "",
        "本报讯 经过半年施工，连接三个村子的山间小路终于修通了。",
        "",
        "河边新栽一千棵树",
        "",
        "本报讯 春天到了，志愿者在河边栽下一千棵树苗。",
        "",
        "村民们说，路通了，山里的核桃也好卖了。",
        "",
    ]
)


def test_a_continue_fix_reads_a_column_on_where_it_is_printed(tmp_path: Path) -> None:
    plain = segment(SWAPPED, None)
    assert [[b.lines for b in a.blocks] for a in plain.articles] == [[(3,)], [(7,), (9,)]]
    fixes = fixes_of(tmp_path, "[[continue]]\nafter = 3\nto = 9\n", SWAPPED)
    read = segment(SWAPPED, fixes)
    assert [[b.lines for b in a.blocks] for a in read.articles] == [[(3,), (9,)], [(7,)]]
    assert [a.title for a in read.articles] == ["山间小路修通了", "河边新栽一千棵树"]
    assert any(d.line == 3 and d.confidence == 1.0 for d in read.decisions)


def test_an_authors_fix_names_the_article_authors_exactly(tmp_path: Path) -> None:
    plain = segment(SMALL, None)
    assert plain.articles[0].authors == []
    named = segment(SMALL, fixes_of(tmp_path, '[[authors]]\nline = 1\nnames = ["张三"]\n', SMALL))
    assert [a.authors for a in named.articles] == [["张三"], []]
    page = PAGE.read_text(encoding="utf-8")
    credited = next(a for a in segment(page, None).articles if a.authors)
    line = credited.blocks[0].lines[0]
    cleared = segment(page, fixes_of(tmp_path, f"[[authors]]\nline = {line}\nnames = []\n", page))
    assert next(a for a in cleared.articles if line in a.lines).authors == []


def test_role_fixes_set_the_line_role(tmp_path: Path) -> None:
    noise = segment(SMALL, fixes_of(tmp_path, '[[role]]\nline = 7\nrole = "noise"\n', SMALL))
    assert [n.line for n in noise.noise] == [7]
    assert noise.articles[-1].title != "河边新栽一千棵树"
    para = segment(SMALL, fixes_of(tmp_path, '[[role]]\nline = 7\nrole = "paragraph"\n', SMALL))
    assert any(7 in b.lines for a in para.articles for b in a.blocks)
    assert any(d.line == 7 and d.confidence == 1.0 for d in para.decisions)


def test_ingest_applies_fixes_and_reports_a_stale_file(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(PAGE, seeds / "p.txt")
    fixes = seeds / "p.fixes.toml"
    fixes.write_text("[[split]]\nbefore = 15\n", encoding="utf-8")
    good = ingest(seeds, tmp_path / "content")
    assert (
        good.ok
        and good.pages[0].articles == len(segment(PAGE.read_text("utf-8"), None).articles) + 1
    )
    fixes.write_text("[[split]]\nbefore = 999\n", encoding="utf-8")
    stale = ingest(seeds, tmp_path / "content")
    page = stale.pages[0]
    assert not stale.ok and page.summary is not None  # reported, and the page still written
    assert page.fixes_error is not None and "line out of range" in page.fixes_error.message
    assert page.fixes_error.file == str(fixes)


def test_segment_command_reports_a_stale_fixes_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "p.txt"
    dump.write_text(SMALL, encoding="utf-8")
    (tmp_path / "p.fixes.toml").write_text("[[merge]]\nat = 70\n", encoding="utf-8")
    assert main(["segment", str(dump)]) == 1
    out, err = capsys.readouterr()
    assert "p.fixes.toml" in err and "[[merge]] #1" in err and "line out of range" in err
    assert "2 articles" in out  # segmented without the fixes


def test_review_edits_replace_what_they_contradict_and_toggle() -> None:
    entries: list[Entry] = [("merge", {"at": 7}), ("join", {"after": 3, "to": 5})]
    entries = edit(entries, "split", {"before": 7})
    assert entries == [("join", {"after": 3, "to": 5}), ("split", {"before": 7})]
    entries = edit(entries, "unjoin", {"after": 3})
    assert entries == [("split", {"before": 7}), ("unjoin", {"after": 3})]
    entries = edit(entries, "split", {"before": 7})
    assert entries == [("unjoin", {"after": 3})]
    entries = edit(entries, "role", {"line": 1, "role": "title"})
    entries = edit(entries, "role", {"line": 1, "role": "noise"})
    assert entries == [("unjoin", {"after": 3}), ("role", {"line": 1, "role": "noise"})]
    entries = edit(entries, "continue", {"after": 5, "to": 9})
    entries = edit(entries, "join", {"after": 5, "to": 7})  # reading goes on at one line
    assert ("continue", {"after": 5, "to": 9}) not in entries
    entries = edit(entries, "continue", {"after": 3, "to": 7})
    assert ("join", {"after": 5, "to": 7}) not in entries and ("unjoin", {"after": 3}) in entries
    entries = edit(entries, "authors", {"line": 3, "names": ["张三"]})
    entries = edit(entries, "authors", {"line": 3, "names": ["李四"]})
    assert [e for e in entries if e[0] == "authors"] == [
        ("authors", {"line": 3, "names": ["李四"]})
    ]
    text = to_toml(entries)
    assert text.startswith('[[role]]\nline = 1\nrole = "noise"\n')  # kinds in a fixed order
    assert '[[authors]]\nline = 3\nnames = ["李四"]\n' in text
    fixes = parse_fixes(tomllib.loads(text), SMALL, "f")
    assert fixes.roles == [RoleFix(1, "noise")] and fixes.unjoins == [3]
    assert fixes.continues == [ContinueFix(3, 7)] and fixes.authors == [AuthorsFix(3, ("李四",))]


def test_review_session_writes_the_file_and_undo_restores_it(tmp_path: Path) -> None:
    dump = tmp_path / "p.txt"
    dump.write_text(SMALL, encoding="utf-8")
    session = ReviewSession.open(dump)
    before = len(session.segment().page.articles)
    session.act("split", {"before": 5})
    written = (tmp_path / "p.fixes.toml").read_text(encoding="utf-8")
    assert "before = 5" in written
    assert "[[unjoin]]\nafter = 3" in written  # line 5 continued line 3's paragraph
    assert len(session.segment().page.articles) == before + 1
    with pytest.raises(UserError, match="line out of range"):
        session.act("merge", {"at": 99})
    session.act("undo", {})
    assert not (tmp_path / "p.fixes.toml").exists()
    with pytest.raises(UserError, match="nothing to undo"):
        session.act("undo", {})


def test_review_command_names_a_missing_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "p.txt").write_text(SMALL, encoding="utf-8")
    assert main(["review", "nosuch", "--seeds", str(tmp_path), "--port", "0"]) == 1
    assert "no page dump 'nosuch'" in capsys.readouterr().err


def test_a_named_headline_part_is_that_part(tmp_path: Path) -> None:
    plain = segment(SMALL, None)
    assert (plain.articles[0].kicker, plain.articles[0].title) == (None, "山间小路修通了")
    fixes = fixes_of(tmp_path, '[[role]]\nline = 1\nrole = "kicker"\n', SMALL)
    named = segment(SMALL, fixes).articles[0]
    assert named.kicker == "山间小路修通了"
    assert named.title_derived and named.title != named.kicker


def test_a_review_opens_anew_when_its_fixes_file_is_edited_by_hand(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text(SMALL, encoding="utf-8")
    pages = Pages(tmp_path)
    session = pages.session("p")
    session.act("split", {"before": 7})
    assert pages.session("p") is session  # its own write is no change
    (tmp_path / "p.fixes.toml").write_text("[[unjoin]]\nafter = 3\n", encoding="utf-8")
    reopened = pages.session("p")
    assert reopened is not session and reopened.entries == [("unjoin", {"after": 3})]


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1:8000", True),
        ("localhost:8001", True),
        ("[::1]:8000", True),
        ("192.168.1.5", True),
        ("attacker.example:8000", False),
        ("localhost.attacker.example", False),
        ("", False),
    ],
)
def test_the_review_answers_only_requests_that_name_this_computer(host: str, local: bool) -> None:
    assert local_host(host) is local


def test_a_title_named_after_its_text_belongs_to_the_article_above(tmp_path: Path) -> None:
    # A photo's title printed under its caption, the next article right below, and no
    # word in common with the text: read alone, it heads nothing.
    page = "\n".join(
        [
            "本报讯 经过半年施工，连接三个村子的山间小路终于修通了。",
            "",
            "冬日暖阳照人心",
            "",
            "河边新栽一千棵树",
            "",
            "本报讯 春天到了，志愿者在河边栽下一千棵树苗。",
            "",
        ]
    )
    fixes = fixes_of(tmp_path, '[[role]]\nline = 3\nrole = "title"\n[[split]]\nbefore = 5\n', page)
    seg = segment(page, fixes)
    assert [(a.title, a.lines) for a in seg.articles] == [
        ("冬日暖阳照人心", [1, 3]),
        ("河边新栽一千棵树", [5, 7]),
    ]
    assert not seg.noise


def test_the_review_marks_both_ends_of_an_uncertain_join(tmp_path: Path) -> None:
    """A join's doubt shows on the line cut and on the line said to go on with it: a
    wrong join harms the article at either end."""
    lines = [
        "县域医共体建设全面提速",
        "与此同时，医共体还统一了药品目录，乡镇卫生院可用药品品种由原来的300余种增加到",
        "陶瓷出口前10个月增长14.2%",
        "本报讯（记者 吴  昊）前10个月，全市陶瓷产品出口额达28.6亿元。",
        "近600种，基本满足群众用药需求。",
    ]
    dump = tmp_path / "p.txt"
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    session = ReviewSession.open(dump)
    result = session.segment()
    (join,) = [d for d in result.page.decisions if d.what.startswith("join")]
    assert join.also == (5,) and join.line == 2
    assert all(d.line != 5 for d in result.page.decisions)  # the join alone is about it
    sure = {row["n"]: row["confidence"] for row in state(session, result)["lines"]}
    assert sure[5] == round(join.confidence, 2) < 1.0
    assert sure[2] <= sure[5]
