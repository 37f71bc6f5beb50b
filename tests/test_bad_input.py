"""Bad and unusual inputs: each gets a clear message naming the file; good pages still get
written in the same run, and the exit code says that something failed."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.errors import UserError
from site_builder.ingest import segment
from site_builder.ingest.fixes import Fixes
from site_builder.ingest.pipeline import ingest
from site_builder.ingest.segment import segment_page
from site_builder.ingest.sidecar import Sidecar, load_sidecar
from site_builder.models import PageSegmentation

# Written for these tests: one article with a headline, a dateline and two paragraphs.
PAGE = """\
雪后山路恢复通行

本报林芝讯(记者 赵六)连日降雪后,养护工人昼夜清理路面积雪,通往县城的山路昨日恢复通行。

沿线村民说,道路畅通以后,看病和上学都方便了。
"""

GOOD = {
    "utf8.txt": PAGE.encode("utf-8"),
    "utf8-bom.txt": codecs.BOM_UTF8 + PAGE.encode("utf-8"),
    "utf16le.txt": PAGE.encode("utf-16-le"),
    "utf16be.txt": PAGE.encode("utf-16-be"),
    "utf16le-bom.txt": codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le"),
    "utf16be-bom.txt": codecs.BOM_UTF16_BE + PAGE.encode("utf-16-be"),
    "gbk.txt": PAGE.encode("gbk"),
    "gb18030.txt": PAGE.encode("gb18030"),
    "crlf.txt": PAGE.replace("\n", "\r\n").encode("utf-8"),
}
BAD = {
    "empty.txt": (b"", "file is empty"),
    "blank.txt": (b"\n \n\t\n", "only whitespace"),
    "binary.dat": (bytes(range(256)) * 16, "binary"),
    "furniture.txt": ("某某日报\n\n第2版\n".encode(), "no recognisable article"),
}


def run(seeds: Path, content: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["ingest", "--seeds", str(seeds), "--content", str(content)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def error_lines(err: str) -> dict[str, str]:
    """First line of each error, by the file it names."""
    found = {}
    for line in err.splitlines():
        match = re.match(r"error: (\S+?)(?::\d+)?: (.*)", line)
        if match:
            found[Path(match.group(1)).name] = match.group(2)
    return found


def test_mixed_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, data in GOOD.items():
        (seeds / name).write_bytes(data)
    for name, (data, _) in BAD.items():
        (seeds / name).write_bytes(data)
    with (seeds / "huge.txt").open("wb") as handle:  # 50 MB, sparse: nothing is written
        handle.truncate(50 * 1024 * 1024)
    content = tmp_path / "content"

    code, out, err = run(seeds, content, capsys)

    assert code == 1
    assert "Traceback" not in err
    errors = error_lines(err)
    for name, (_, message) in BAD.items():
        assert message in errors[name]
        assert f"{seeds / name}: FAILED" in out
    assert "50.0 MB" in errors["huge.txt"]
    assert set(errors) == {*BAD, "huge.txt"}
    assert f"ingest: {len(GOOD)} pages ingested, {len(BAD) + 1} failed" in out

    # every encoding of the same page gives the same article, byte for byte
    bodies = set()
    for name in GOOD:
        files = list((content / Path(name).stem).glob("*.md"))
        assert [f.name for f in files] == ["xuehou-shanlu-huifu-tongxing.md"]
        text = files[0].read_text(encoding="utf-8")
        bodies.add(text.replace(f"file: {name}", "file: X"))
    assert len(bodies) == 1
    assert not any((content / Path(name).stem).exists() for name in BAD)


@pytest.mark.parametrize(("name", "case"), BAD.items())
def test_each_bad_page_alone(
    tmp_path: Path, name: str, case: tuple[bytes, str], capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / name).write_bytes(case[0])
    code, _, err = run(seeds, tmp_path / "content", capsys)
    assert code == 1
    assert f"error: {seeds / name}: " in err
    assert case[1] in err
    assert "hint: " in err


def test_page_ids_must_differ(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "same.md").write_text(PAGE, encoding="utf-8")
    (seeds / "same.txt").write_text(PAGE, encoding="utf-8")
    code, _, err = run(seeds, tmp_path / "content", capsys)
    assert code == 1
    assert f"{seeds / 'same.txt'}: page id 'same' is already taken by {seeds / 'same.md'}" in err


# -- sidecars ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "line", "words"),
    [
        ('paper = "报"\ndate = "2025-02-30"\n', 2, "calendar date"),
        ('paper = "报"\ndate = 2025-01-15T10:00:00\n', 2, "calendar date"),
        ("page_number = 0\n", 1, "whole number"),
        ('page_number = "3"\n', 1, "whole number"),
        ('\n\npaper = ""\n', 3, "non-empty text"),
        ('pape = "报"\n', 1, "unknown key 'pape'"),
        ('paper = "报\n', 1, "TOML syntax error"),
        ("date = 2025-01-15\npage_name = 综合\n", 2, "TOML syntax error"),
    ],
)
def test_bad_sidecar_names_file_and_line(tmp_path: Path, toml: str, line: int, words: str) -> None:
    path = tmp_path / "p.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_sidecar(path, "seeds/p.toml")
    assert caught.value.file == "seeds/p.toml"
    assert caught.value.line == line
    assert words in caught.value.message
    assert caught.value.hint


def test_good_sidecar(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        'paper = "某某日报"\ndate = 2025-01-15\npage_number = 4\npage_name = "要闻"\n',
        encoding="utf-8",
    )
    assert load_sidecar(path) == Sidecar("某某日报", "2025-01-15", 4, "要闻")
    assert load_sidecar(tmp_path / "none.toml") is None


def test_bad_sidecar_fails_only_its_page(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(PAGE, encoding="utf-8")
    (seeds / "a.toml").write_text("date = soon\n", encoding="utf-8")
    (seeds / "b.txt").write_text(PAGE, encoding="utf-8")
    result = ingest(seeds, tmp_path / "content")
    assert [(p.page_id, p.ok) for p in result.pages] == [("a", False), ("b", True)]
    assert result.errors[0].file == str(seeds / "a.toml")
    assert result.errors[0].line == 1
    assert not result.ok


def test_segmenter_crash_on_one_page_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = segment_page

    def crash_on_a(text: str, source: str, fixes: Fixes | None = None) -> PageSegmentation:
        if source == "a.txt":
            raise IndexError("list index out of range")
        return real(text, source, fixes)

    monkeypatch.setattr(segment, "segment_page", crash_on_a)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(PAGE, encoding="utf-8")
    (seeds / "b.txt").write_text(PAGE, encoding="utf-8")
    result = ingest(seeds, tmp_path / "content")
    assert [(p.page_id, p.ok) for p in result.pages] == [("a", False), ("b", True)]
    assert "IndexError: list index out of range" in result.errors[0].message
    assert "bug in site-builder" in result.errors[0].hint
