"""Build behaviour: deterministic output, all errors at once, previous output kept on failure."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from site_fixture import FIXTURE_CONTENT, TEMPLATES, build_fixture, digest, tree

from site_builder.build.run import BuildError, build_site


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = build_fixture(tmp_path / "one")
    build_fixture(tmp_path / "two")
    assert first.html_pages > 40
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_rebuild_replaces_output_and_leaves_no_staging_folders(tmp_path: Path) -> None:
    out = tmp_path / "output"
    out.mkdir()
    (out / "stale.html").write_text("old", encoding="utf-8")
    build_fixture(out)
    assert not (out / "stale.html").exists()
    assert (out / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def _broken_copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    first = content / "gaoyuan_20250105_02" / "pinglun.md"
    first.write_text(first.read_text(encoding="utf-8").replace("kind: commentary", "kind: poem"))
    second = content / "gaoyuan_undated" / "fudao-ban.md"
    second.write_text("no front matter here\n", encoding="utf-8")
    return content


def test_failed_build_reports_every_error_and_keeps_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "output"
    build_fixture(out)
    before = digest(out)
    with pytest.raises(BuildError) as caught:
        build_fixture(out, _broken_copy(tmp_path))
    files = sorted(error.file for error in caught.value.errors)
    assert files == [
        "content/gaoyuan_20250105_02/pinglun.md",
        "content/gaoyuan_undated/fudao-ban.md",
    ]
    assert "kind 'poem'" in str(caught.value)
    assert digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


def test_template_error_names_the_template_line_and_keeps_output(tmp_path: Path) -> None:
    out = tmp_path / "output"
    build_fixture(out)
    before = digest(out)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    about = templates / "about.html"
    lines = about.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "<p>{{ no_such_value }}</p>")
    about.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build_site(FIXTURE_CONTENT, templates, out)
    (error,) = caught.value.errors
    assert error.file == str(about)
    assert error.line == 4
    assert "no_such_value" in error.message
    assert digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output", "templates"]


def test_missing_templates_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(BuildError) as caught:
        build_site(FIXTURE_CONTENT, tmp_path / "nowhere", tmp_path / "output")
    assert "base.html" in str(caught.value)
    assert not (tmp_path / "output").exists()


def test_without_base_url_no_sitemap_and_a_warning(tmp_path: Path) -> None:
    out = tmp_path / "output"
    result = build_site(FIXTURE_CONTENT, TEMPLATES, out)
    assert not (out / "sitemap.xml").exists()
    assert "Sitemap:" not in (out / "robots.txt").read_text(encoding="utf-8")
    assert any("sitemap.xml was not written" in w and "--base-url" in w for w in result.warnings)


def test_base_url_makes_sitemap_feeds_and_404_absolute(tmp_path: Path) -> None:
    out = tmp_path / "output"
    result = build_site(FIXTURE_CONTENT, TEMPLATES, out, base_url="https://example.org/archive")
    assert not any("base-url" in w for w in result.warnings)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(out / "sitemap.xml").getroot()
    urls = [loc.text or "" for loc in root.iterfind("s:url/s:loc", ns)]
    urls += [link.get("href", "") for link in root.iterfind("s:url/x:link", ns)]
    assert len(urls) > 100
    assert all(u.startswith("https://example.org/archive/") for u in urls)
    pages = {u.removeprefix("https://example.org/archive/") for u in urls}
    assert all((out / p).is_file() or (out / p / "index.html").is_file() for p in pages)
    assert "Sitemap: https://example.org/archive/sitemap.xml" in (out / "robots.txt").read_text()
    assert '<base href="https://example.org/archive/en/404.html">' in (
        out / "en" / "404.html"
    ).read_text(encoding="utf-8")
    assert 'href="https://example.org/archive/' in (out / "atom.xml").read_text(encoding="utf-8")
