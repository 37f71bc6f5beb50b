"""Writing content files: new / unchanged / updated / kept / overwritten / removed."""

from __future__ import annotations

import errno
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.content.article import Article, SourceRef
from site_builder.content.frontmatter import dump
from site_builder.errors import UserError
from site_builder.ingest.pipeline import ingest
from site_builder.ingest.writer import MANIFEST, REPORT, keep_record, write_atomic, write_page
from tests.faults import WRITE_ERRNOS, Faults


def article(slug: str, body: str = "正文。") -> Article:
    return Article(
        page_id="p",
        slug=slug,
        title=f"标题{slug}",
        title_derived=False,
        title_pinyin="biāotí",
        kicker=None,
        subtitle=None,
        kind="news",
        dateline=None,
        authors=[],
        column=None,
        body=body,
        source=SourceRef("p.txt", [1]),
    )


REPORT_DATA = {"source": "p.txt", "articles": [], "noise": [], "decisions": []}


def statuses(content: Path, articles: list[Article], force: bool = False) -> dict[str, str]:
    summary = write_page(content, "p", articles, REPORT_DATA, force=force)
    return {f.name: f.status for f in summary.files}


def test_first_run_writes_everything(tmp_path: Path) -> None:
    result = statuses(tmp_path, [article("a"), article("b")])
    assert result == {"a.md": "new", "b.md": "new"}
    assert (tmp_path / "p" / "a.md").read_text(encoding="utf-8") == dump(article("a"))
    manifest = json.loads((tmp_path / "p" / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {"a.md", "b.md"}
    assert json.loads((tmp_path / "p" / REPORT).read_text(encoding="utf-8")) == REPORT_DATA


def test_rerun_is_unchanged_and_byte_identical(tmp_path: Path) -> None:
    statuses(tmp_path, [article("a")])
    before = {p.name: p.read_bytes() for p in (tmp_path / "p").iterdir()}
    assert statuses(tmp_path, [article("a")]) == {"a.md": "unchanged"}
    assert {p.name: p.read_bytes() for p in (tmp_path / "p").iterdir()} == before


def test_unedited_file_is_updated_edited_file_kept(tmp_path: Path) -> None:
    statuses(tmp_path, [article("a"), article("b")])
    edited = tmp_path / "p" / "b.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n一个人加的话。\n", encoding="utf-8")
    mine = edited.read_bytes()
    result = statuses(tmp_path, [article("a", "新正文。"), article("b", "新正文。")])
    assert result == {"a.md": "updated", "b.md": "kept"}
    assert edited.read_bytes() == mine
    assert (tmp_path / "p" / "a.md").read_text(encoding="utf-8") == dump(article("a", "新正文。"))
    # still recognised as edited on the run after
    assert (
        statuses(tmp_path, [article("a", "新正文。"), article("b", "又一版。")])["b.md"] == "kept"
    )


def test_force_overwrites_with_numbered_backups(tmp_path: Path) -> None:
    statuses(tmp_path, [article("a")])
    target = tmp_path / "p" / "a.md"
    for n in (1, 2):
        target.write_text(f"edit {n}\n", encoding="utf-8")
        summary = write_page(tmp_path, "p", [article("a")], REPORT_DATA, force=True)
        assert [(f.status, f.note) for f in summary.files] == [
            ("overwritten", f"backup in .backup/a.md.{n}")
        ]
        assert (tmp_path / "p" / ".backup" / f"a.md.{n}").read_text(
            encoding="utf-8"
        ) == f"edit {n}\n"
        assert target.read_text(encoding="utf-8") == dump(article("a"))
    assert statuses(tmp_path, [article("a")]) == {"a.md": "unchanged"}


def test_file_deleted_by_a_person_stays_deleted_unless_forced(tmp_path: Path) -> None:
    statuses(tmp_path, [article("a")])
    (tmp_path / "p" / "a.md").unlink()
    assert statuses(tmp_path, [article("a")]) == {"a.md": "kept"}
    assert not (tmp_path / "p" / "a.md").exists()
    assert statuses(tmp_path, [article("a")], force=True) == {"a.md": "new"}
    assert (tmp_path / "p" / "a.md").exists()


def test_file_a_person_created_is_never_claimed(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "a.md").write_text("mine\n", encoding="utf-8")
    assert statuses(tmp_path, [article("a")]) == {"a.md": "kept"}
    assert (tmp_path / "p" / "a.md").read_text(encoding="utf-8") == "mine\n"


def test_article_no_longer_produced(tmp_path: Path) -> None:
    statuses(tmp_path, [article("a"), article("b"), article("c")])
    (tmp_path / "p" / "c.md").write_text("edited\n", encoding="utf-8")
    result = statuses(tmp_path, [article("a")])
    assert result == {"a.md": "unchanged", "b.md": "removed", "c.md": "kept"}
    assert not (tmp_path / "p" / "b.md").exists()
    assert (tmp_path / "p" / "c.md").read_text(encoding="utf-8") == "edited\n"


def test_broken_manifest_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / MANIFEST).write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        statuses(tmp_path, [article("a")])
    assert caught.value.file.endswith(MANIFEST)
    assert "version control" in caught.value.hint


def test_unwritable_folder_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "p").write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        statuses(tmp_path, [article("a")])
    assert caught.value.file == str(tmp_path / "p")


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    write_atomic(tmp_path / "x.md", b"one")
    write_atomic(tmp_path / "x.md", b"two")
    assert [p.name for p in tmp_path.iterdir()] == ["x.md"]
    assert (tmp_path / "x.md").read_bytes() == b"two"


# -- property: a person's edit is never overwritten -------------------------------------

SLUGS = st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), min_size=1, max_size=5, unique=True)
EDIT = st.sampled_from(["append", "replace", "empty", "delete"])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=SLUGS,
    edits=st.dictionaries(st.sampled_from(["a", "b", "c", "d", "e"]), EDIT, max_size=5),
    second=SLUGS,
    new_body=st.sampled_from(["正文。", "第二版正文。"]),
    force=st.booleans(),
)
def test_rerun_never_overwrites_edits(
    first: list[str], edits: dict[str, str], second: list[str], new_body: str, force: bool
) -> None:
    content = Path(tempfile.mkdtemp())
    try:
        folder = content / "p"
        write_page(content, "p", [article(s) for s in first], REPORT_DATA)
        edited: dict[str, bytes | None] = {}
        for slug_, edit in edits.items():
            path = folder / f"{slug_}.md"
            if slug_ not in first:
                continue
            if edit == "delete":
                path.unlink()
                edited[slug_] = None
                continue
            text = {
                "append": path.read_text(encoding="utf-8") + "人工修改\n",
                "replace": "全部重写\n",
            }
            path.write_text(text.get(edit, ""), encoding="utf-8")
            edited[slug_] = path.read_bytes()

        wanted = [article(s, new_body) for s in second]
        summary = write_page(content, "p", wanted, REPORT_DATA, force=force)
        status = {f.name: f.status for f in summary.files}

        for a in wanted:
            path = folder / f"{a.slug}.md"
            if a.slug in edited and not force:
                # edited (or deleted) by a person: byte-identical (still absent)
                before = edited[a.slug]
                assert (path.read_bytes() if path.exists() else None) == before
                assert status[path.name] in ("kept", "unchanged")
            else:
                assert path.read_text(encoding="utf-8") == dump(a)
            if force and edited.get(a.slug) is not None and edited[a.slug] != dump(a).encode():
                backups = sorted((folder / ".backup").glob(f"{a.slug}.md.*"))
                assert backups[-1].read_bytes() == edited[a.slug]
        for slug_ in set(first) - set(second):
            path = folder / f"{slug_}.md"
            if slug_ in edited:
                before = edited[slug_]
                assert (path.read_bytes() if path.exists() else None) == before
            else:
                assert not path.exists()
    finally:
        shutil.rmtree(content)


# -- the same property through the whole ingest pipeline --------------------------------

PAGE_A = """\
河谷村修好了灌溉水渠

本报山南讯(记者 钱七)开春前,河谷村的新水渠全线完工,两百多亩青稞地今年可以按时浇水。

村民们说,以前靠天吃饭,现在心里踏实多了。

小学图书室添了新书

本报讯(通讯员 孙八)近日,一批儿童读物送到了村小学,图书室的书架第一次摆满。
"""
PAGE_B = """\
高海拔地区的蔬菜大棚

本报那曲讯(记者 周九)在海拔四千五百米的牧区,十座蔬菜大棚迎来了第一次收获。

技术员介绍,大棚采用保温材料,冬天也能种菜。
"""


def _seed(seeds: Path, second_version: bool) -> None:
    seeds.mkdir(parents=True, exist_ok=True)
    suffix = "今年还将继续扩建。" if second_version else ""
    (seeds / "a.txt").write_text(PAGE_A.replace("多了。", "多了。" + suffix), encoding="utf-8")
    (seeds / "b.txt").write_text(PAGE_B.replace("种菜。", "种菜。" + suffix), encoding="utf-8")


def _md_files(content: Path) -> dict[str, bytes]:
    return {
        p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.rglob("*.md"))
    }


@settings(max_examples=12, deadline=None)
@given(
    edits=st.lists(st.tuples(st.integers(0, 9), EDIT), max_size=4),
    second_version=st.booleans(),
)
def test_rerunning_ingest_never_overwrites_edits(
    edits: list[tuple[int, str]], second_version: bool
) -> None:
    root = Path(tempfile.mkdtemp())
    try:
        seeds, content = root / "seeds", root / "content"
        _seed(seeds, False)
        assert ingest(seeds, content).ok
        names = sorted(_md_files(content))
        edited: dict[str, bytes | None] = {}
        for index, edit in edits:
            name = names[index % len(names)]
            path = content / name
            if edit == "delete":
                path.unlink(missing_ok=True)
                edited[name] = None
            else:
                old = path.read_text(encoding="utf-8") if path.exists() else ""
                new = {"append": old + "人工补充。\n", "replace": "重写。\n", "empty": ""}[edit]
                path.write_text(new, encoding="utf-8")
                edited[name] = path.read_bytes()

        _seed(seeds, second_version)
        assert ingest(seeds, content).ok
        fresh_root = root / "fresh"
        _seed(fresh_root / "seeds", second_version)
        assert ingest(fresh_root / "seeds", fresh_root / "content").ok
        fresh = _md_files(fresh_root / "content")

        now = _md_files(content)
        for name in names:
            if name in edited:
                assert now.get(name) == edited[name]
            else:
                assert now[name] == fresh[name]

        assert ingest(seeds, content, force=True).ok
        assert _md_files(content) == fresh
        for name, data in edited.items():
            if data is not None and data != fresh[name]:
                backups = sorted((content / name).parent.glob(f".backup/{Path(name).name}.*"))
                assert backups[-1].read_bytes() == data
    finally:
        shutil.rmtree(root)


@pytest.mark.parametrize("code", WRITE_ERRNOS)
def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"old")
    Faults(tmp_path, code, fail_at=2).install(monkeypatch)  # 1: the temporary; 2: into place
    with pytest.raises(UserError) as failed:
        write_atomic(target, b"new")
    assert failed.value.file == str(target) and "could not write" in failed.value.message
    assert "a.md is as it was" in failed.value.hint
    monkeypatch.undo()
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"] and target.read_bytes() == b"old"


def test_a_record_the_cache_cannot_take_is_not_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "cache" / "ingest" / "p.json"
    Faults(tmp_path, errno.ENOSPC, fail_at=1, every=True).install(monkeypatch)
    keep_record(record, b"{}")
    monkeypatch.undo()
    assert not record.parent.exists()
