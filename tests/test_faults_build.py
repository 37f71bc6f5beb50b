"""Issue 15: whatever write fails, wherever in a build, ``output/`` keeps the previous site
byte for byte (or, when only the cache could not be written, gets the right new one) and
the cache stays a usable cache; the next build, with the fault gone, is right."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.build.run import BuildError, BuildResult, build_site
from site_builder.cache.store import FILE_NAME, Cache
from site_builder.search.page import render_search
from tests.faults import WRITE_ERRNOS, Faults
from tests.site_fixture import FIXTURE_CONTENT, TEMPLATES, digest, tree


def build(root: Path) -> BuildResult:
    return build_site(
        root / "content",
        TEMPLATES,
        root / "output",
        extra_pages=[render_search],
        cache_dir=root / "cache",
    )


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and modification time of every file: "untouched" means both."""
    return {path: (data, (folder / path).stat().st_mtime_ns) for path, data in tree(folder).items()}


@dataclass(slots=True)
class Project:
    before: Path
    """Content, output and cache of a first build, then one article edited and one new."""
    expected: str
    """Digest of the site a build of the edited content gives, without any fault."""
    writes: int
    """Write calls that build makes."""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    before = tmp_path_factory.mktemp("before")
    shutil.copytree(FIXTURE_CONTENT, before / "content")
    build(before)
    edited = sorted((before / "content").rglob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\n新增一段文字。\n", encoding="utf-8")
    copy = tmp_path_factory.mktemp("reference")
    shutil.copytree(before, copy, dirs_exist_ok=True)
    counting = Faults(copy, WRITE_ERRNOS[0], fail_at=None)
    with pytest.MonkeyPatch.context() as patch:
        counting.install(patch)
        build(copy)
    yield Project(before, digest(copy / "output"), counting.calls)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), code=st.sampled_from(WRITE_ERRNOS), stays=st.booleans())
def test_any_failed_write_keeps_the_previous_site_and_a_usable_cache(
    project: Project, data: st.DataObject, code: int, stays: bool
) -> None:
    fail_at = data.draw(st.integers(1, project.writes), label="fail_at")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(project.before, root, dirs_exist_ok=True)
        previous = snapshot(root / "output")
        faults = Faults(root, code, fail_at, every=stays)
        with pytest.MonkeyPatch.context() as patch:
            faults.install(patch)
            try:
                result = build(root)
            except BuildError as failed:
                # The site could not be written: one message, the old site untouched.
                assert [e.message.startswith("could not write") for e in failed.errors] == [True]
                assert snapshot(root / "output") == previous
            else:
                # Only the cache could not be written (or the failed call did not matter:
                # making a folder that exists): the site is right, and a cache left
                # unwritten is reported.
                assert faults.failed is not None
                assert "cache" in faults.failed or _existing_folder(faults.failed, root)
                assert digest(root / "output") == project.expected
                noted = any("cache cannot be written" in note for note in result.notes)
                assert noted == (faults.failed == "cache")
        assert sorted(p.name for p in root.iterdir()) == ["cache", "content", "output"]
        assert not (root / "cache" / f"{FILE_NAME}.corrupt").exists()
        with Cache(root / "cache") as cache:
            assert cache.notes == []
        build(root)
        assert digest(root / "output") == project.expected


def _existing_folder(failed: str, root: Path) -> bool:
    """The failed call made a folder that already existed (``mkdir(exist_ok=True)`` then
    ignores the error): the folder is in the committed site."""
    in_output = re.sub(r"^.*?/\.output\.new-[^/]+", str(root / "output"), failed)
    return Path(in_output).is_dir()
