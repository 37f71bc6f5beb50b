"""The command line, called as ``main([...])`` with captured output."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.content.loader import load_content

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "seeds" / "000_795548b3bfa96e7c.txt"

# A page written for these tests: furniture, two news articles, a commentary.
PAGE = """\
某某日报
2025年3月2日 星期日
第5版 社会新闻

高原小镇迎来首批冬季游客

本报日喀则讯(记者 张三 李四)入冬以来,某镇的民宿陆续开门迎客,首批游客在这里体验了传统手工艺。

镇上负责旅游工作的干部介绍,今年全镇新开民宿十二家,每家都安排了专人接待。

牧区学校开设冬令营

本报那曲讯(记者 王五)近日,一所牧区小学开设冬令营,八十多名学生参加了阅读和绘画活动。

老师们表示,冬令营让孩子们在假期里也能继续学习。
"""
JSON_KEYS = {
    "title",
    "title_derived",
    "kicker",
    "subtitle",
    "kind",
    "dateline",
    "authors",
    "column",
    "body",
    "byline",
    "affiliation",
    "lines",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with one seed page, as the current directory."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "p1.txt").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "exit codes" in out
    assert all(name in out for name in ("ingest", "segment", "build"))


def test_usage_error_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["frobnicate"]) == 2
    assert "usage:" in capsys.readouterr().err


def test_segment_json_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree(project)
    assert main(["segment", "seeds/p1.txt", "--json"]) == 0
    articles = json.loads(capsys.readouterr().out)
    assert tree(project) == before
    assert [a["title"] for a in articles] == ["高原小镇迎来首批冬季游客", "牧区学校开设冬令营"]
    first = articles[0]
    assert set(first) >= JSON_KEYS
    assert first["kind"] == "news"
    assert first["dateline"] == "本报日喀则讯"
    assert first["authors"] == ["张三", "李四"]
    assert first["body"].startswith("本报日喀则讯（记者 张三 李四）入冬以来，")
    assert "\n\n" in first["body"]
    assert first["lines"] == [5, 7, 9]


def test_segment_summary(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["segment", "seeds/p1.txt"]) == 0
    out = capsys.readouterr().out
    assert "2 articles" in out
    assert "1. [news] 高原小镇迎来首批冬季游客" in out
    assert "authors: 张三, 李四" in out
    assert "page furniture" in out  # noise lines are listed with their reason


def test_segment_missing_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["segment", "seeds/none.txt"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: seeds/none.txt: cannot read the file")
    assert "Traceback" not in err


def test_ingest_then_rerun_then_edit_then_force(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest"]) == 0
    out = capsys.readouterr().out
    assert "seeds/p1.txt -> content/p1/" in out
    assert "2 articles: 2 new, 0 updated, 0 unchanged, 0 kept" in out
    assert "ingest: 1 page ingested, 0 failed" in out
    folder = project / "content" / "p1"
    names = sorted(p.name for p in folder.glob("*.md"))
    assert names == [
        "gaoyuan-xiaozhen-yinglai-shoupi-dongji-youke.md",
        "muqu-xuexiao-kaishe-donglingying.md",
    ]

    assert main(["ingest"]) == 0
    out = capsys.readouterr().out
    assert "ingest: 1 page ingested (1 as the last run left them), 0 failed" in out
    assert "seeds/p1.txt" not in out  # a page with nothing new says nothing

    edited = folder / names[1]
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("冬令营让", "冬令营使"), encoding="utf-8"
    )
    assert main(["ingest"]) == 0
    out = capsys.readouterr().out
    assert "0 new, 0 updated, 1 unchanged, 1 kept" in out
    assert f"kept: {names[1]} (edited by a person" in out

    assert main(["ingest"]) == 0  # nothing new since: said once, not on every run
    assert "(1 as the last run left them)" in capsys.readouterr().out

    assert main(["ingest", "--force"]) == 0
    out = capsys.readouterr().out
    assert "1 overwritten" in out
    assert (folder / ".backup" / f"{names[1]}.1").read_text(encoding="utf-8").count("冬令营使") == 1
    assert "冬令营使" not in edited.read_text(encoding="utf-8")


def test_ingested_content_loads_and_carries_page_metadata(project: Path) -> None:
    assert main(["ingest"]) == 0
    articles, errors = load_content(project / "content")
    assert errors == []
    first = articles[0]
    assert (first.paper, first.date, first.page_number) == ("某某日报", "2025-03-02", 5)
    assert first.source.file == "p1.txt"
    assert first.source.lines == [5, 7, 9]
    assert first.title_pinyin == "gāoyuán xiǎozhèn yínglái shǒupī dōngjì yóukè"
    assert [a.order for a in sorted(articles, key=lambda a: a.order)] == [1, 2]


def test_sidecar_wins_and_unknown_stays_unknown(project: Path) -> None:
    page = PAGE.replace("2025年3月2日 星期日\n", "")
    (project / "seeds" / "p1.txt").write_text(page, encoding="utf-8")
    (project / "seeds" / "p1.toml").write_text('paper = "另一份报纸"\n', encoding="utf-8")
    assert main(["ingest"]) == 0
    articles, errors = load_content(project / "content")
    assert errors == []
    assert {(a.paper, a.date, a.page_number) for a in articles} == {("另一份报纸", None, 5)}
    assert not (project / "content" / "p1.toml").exists()


def test_report_lists_articles_noise_and_decisions(project: Path) -> None:
    assert main(["ingest"]) == 0
    report = json.loads((project / "content" / "p1" / "_report.json").read_text(encoding="utf-8"))
    assert set(report) >= {"source", "articles", "noise", "decisions", "page"}
    assert [a["order"] for a in report["articles"]] == [1, 2]
    assert {"title", "slug", "lines", "kind"} <= set(report["articles"][0])
    assert [n["line"] for n in report["noise"]] == [1, 2, 3]
    assert all(n["reason"] for n in report["noise"])


def test_build_runs_ingest_then_renders(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(ROOT / "templates", project / "templates")
    assert main(["build"]) == 0
    captured = capsys.readouterr()
    out = captured.out
    assert "2 new" in out
    assert "build: 2 articles" in out
    # Without --base-url the reader of the terminal is told what is left out and why.
    assert "warning: no --base-url: sitemap.xml was not written" in captured.err
    assert not (project / "output" / "sitemap.xml").exists()
    assert len(list((project / "content" / "p1").glob("*.md"))) == 2
    assert (project / "output" / "index.html").is_file()
    assert (project / "output" / "en" / "index.html").is_file()


def test_a_second_build_with_nothing_changed_does_nothing(project: Path) -> None:
    shutil.copytree(ROOT / "templates", project / "templates")
    assert main(["build", "--jobs", "2"]) == 0
    # In another process (what the build records of itself must not change with it), with
    # another job count (the output does not depend on it).
    again = subprocess.run(
        [sys.executable, "-m", "site_builder", "build", "--jobs", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert "nothing changed since the last build" in again.stdout


def test_build_without_templates_fails_and_keeps_output(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "output").mkdir()
    (project / "output" / "index.html").write_text("previous build", encoding="utf-8")
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "no base.html" in err and "left as it was" in err
    assert (project / "output" / "index.html").read_text(encoding="utf-8") == "previous build"


def test_missing_seeds_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "--seeds", str(tmp_path / "nope")]) == 1
    assert "seeds folder not found" in capsys.readouterr().err


def test_example_seed_ingests_deterministically(tmp_path: Path) -> None:
    outputs = []
    for run in ("one", "two"):
        seeds = tmp_path / run / "seeds"
        seeds.mkdir(parents=True)
        shutil.copy(EXAMPLE, seeds)
        content = tmp_path / run / "content"
        assert main(["ingest", "--seeds", str(seeds), "--content", str(content)]) == 0
        outputs.append(tree(content))
        articles, errors = load_content(content)
        assert errors == []
        assert len(articles) >= 5
        assert len({a.slug for a in articles}) == len(articles)
    assert outputs[0] == outputs[1]


def test_python_dash_m_entry_point(project: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "site_builder", "segment", "seeds/none.txt"],
        capture_output=True,
        text=True,
        cwd=project,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
        check=False,
    )
    assert done.returncode == 1
    assert "seeds/none.txt: cannot read the file" in done.stderr
    assert "Traceback" not in done.stderr


def test_unchanged_pages_are_not_segmented_again(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from site_builder.ingest import segment

    assert main(["ingest"]) == 0

    def must_not_run(text: str, source: str) -> None:
        raise AssertionError("segmented a page that had not changed")

    monkeypatch.setattr(segment, "segment_page", must_not_run)
    assert main(["ingest"]) == 0
    capsys.readouterr()
    seed = project / "seeds" / "p1.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\n补充一段。\n", encoding="utf-8")
    assert main(["ingest"]) == 1  # changed: segmented again (and here refused by the stub)
    assert "internal error while segmenting" in capsys.readouterr().err


def test_unchanged_pages_are_not_read_again(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page whose dump and files have the sizes and times its record noted is decided
    without reading them; a file saved since (same size, another time) is read again."""
    import os

    from site_builder.ingest import pipeline, writer

    hashed: list[Path] = []
    real = writer._hash_now
    monkeypatch.setattr(writer, "_hash_now", lambda path: hashed.append(path) or real(path))
    assert main(["ingest"]) == 0
    capsys.readouterr()
    hashed.clear()
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "seed_digest", _must_not_read)
        assert main(["ingest"]) == 0
    assert hashed == []
    assert capsys.readouterr().out.endswith("as the last run left them), 0 failed\n")
    edited = sorted((project / "content" / "p1").glob("*.md"))[0]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("。", "！", 1), encoding="utf-8")  # the same size
    info = edited.stat()
    os.utime(edited, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    assert main(["ingest"]) == 0
    assert edited.name in {path.name for path in hashed}
    assert f"kept: {edited.name}" in capsys.readouterr().out


def _must_not_read(path: Path) -> str:
    raise AssertionError(f"read {path}")


def test_ingest_with_several_workers_writes_what_one_writes(tmp_path: Path) -> None:
    pages = sorted((ROOT / "tests" / "fixtures" / "pages").rglob("*.txt"))
    trees = []
    for jobs in ("1", "2"):
        seeds, content = tmp_path / jobs / "seeds", tmp_path / jobs / "content"
        seeds.mkdir(parents=True)
        for page in pages:
            shutil.copy(page, seeds / page.name)
        args = ["ingest", "--seeds", str(seeds), "--content", str(content), "--jobs", jobs]
        assert main(args) == 0
        trees.append({p.relative_to(content): p.read_bytes() for p in content.rglob("*.*")})
    assert len(trees[0]) > len(pages) * 2
    assert trees[0] == trees[1]


def test_jobs_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--jobs", "0"]) == 2
    assert "at least 1" in capsys.readouterr().err


def test_a_skipped_page_reports_what_a_full_run_would(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from site_builder.ingest import pipeline

    assert main(["ingest"]) == 0
    edited = sorted((project / "content" / "p1").glob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n补记。\n", encoding="utf-8")
    assert main(["ingest"]) == 0  # records the kept file

    def statuses() -> list[tuple[str, str, str]]:
        result = pipeline.ingest(project / "seeds", project / "content")
        summary = result.pages[0].summary
        assert summary is not None
        return [(f.name, f.status, f.note) for f in summary.files]

    skipped = statuses()
    monkeypatch.setattr(pipeline, "unchanged_page", lambda *args: None)
    assert statuses() == skipped
    assert sorted(status for _, status, _ in skipped) == ["kept", "unchanged"]


def test_a_persons_edits_are_decided_without_segmenting(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Files a person edited, deleted or restored since the last run, the page dump being
    the same, get the statuses, the content and the cache records a full run gives them,
    without the page being segmented again."""
    from site_builder.ingest import pipeline, segment

    assert main(["ingest"]) == 0
    files = sorted((project / "content" / "p1").glob("*.md"))
    assert len(files) >= 2
    original = files[0].read_bytes()
    steps = [
        lambda: files[0].write_bytes(original + "\n补记。\n".encode()),
        files[1].unlink,
        lambda: files[0].write_bytes(original),  # restored: ingest's own again
    ]
    for step in steps:
        step()
        outcomes = []
        for segmenting in (True, False):
            shutil.copytree(project, project.parent / "again", dirs_exist_ok=True)
            with monkeypatch.context() as patch:
                patch.chdir(project.parent / "again")
                if segmenting:
                    patch.setattr(pipeline, "unchanged_page", lambda *args: None)
                else:
                    patch.setattr(segment, "segment_page", _must_not_segment)
                capsys.readouterr()
                assert main(["ingest"]) == 0
                again = project.parent / "again"
                printed = capsys.readouterr().out
                outcomes.append((printed, tree(again / "content"), tree(again / ".cache")))
            shutil.rmtree(project.parent / "again")
        assert outcomes[0] == outcomes[1]
        assert main(["ingest"]) == 0  # the project itself moves on, as a run would
        assert main(["ingest"]) == 0
        assert "as the last run left them" in capsys.readouterr().out.splitlines()[-1]


def _must_not_segment(text: str, source: str, fixes: object = None) -> None:
    raise AssertionError("segmented a page whose dump had not changed")


def test_starting_imports_neither_the_segmenter_nor_pkg_resources() -> None:
    """The segmenter's modules (patterns compiled when imported) and setuptools'
    ``pkg_resources`` (which jieba imports to open its own files) cost about a third of a
    second at every start; a build whose page dumps are unchanged needs neither. jieba
    still reads its dictionary and its tagger's model without ``pkg_resources``."""
    code = (
        "import sys, site_builder.cli\n"
        "from site_builder.nlp.tokenizer import tagged, words\n"
        "print(words('长治久安'), tagged('西藏自治区')[0][1])\n"
        "print(sorted(m for m in ('site_builder.ingest.segment', 'pkg_resources') "
        "if m in sys.modules))\n"
    )
    assert _printed_by(code) == ["['长治久安'] ns", "[]"]


def test_starting_imports_no_pinyin_tables_until_a_reading_is_needed() -> None:
    """pypinyin's tables cost about a third of a second of CPU to import; a build that
    analyses no article (a no-op, a template or list edit) reads none. The first reading
    asked for imports them."""
    code = (
        "import sys, site_builder.cli, site_builder.render.aids, site_builder.search.entries\n"
        "from site_builder.nlp.pinyin import pinyin_syllables, pinyin_text\n"
        "print('pypinyin' in sys.modules)\n"
        "print(pinyin_text('西藏自治区'), 'pypinyin' in sys.modules)\n"
    )
    assert _printed_by(code) == ["False", "xīzàngzìzhìqū True"]


def _printed_by(code: str) -> list[str]:
    """The lines a fresh Python process running ``code`` prints."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()
