"""Hostile content stays text: no markup, scripts, remote images or paths out of output/."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from site_fixture import build_fixture

from site_builder.render.markdown import render_body

HOSTILE_TITLE = '<script>alert("x")</script> ../../etc/passwd 标题'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("escaping") / "output"
    build_fixture(out)
    return out


def test_every_file_stays_inside_output(site: Path) -> None:
    root = site.resolve()
    for path in site.rglob("*"):
        assert not path.is_symlink()
        assert path.resolve().is_relative_to(root)
        for part in path.relative_to(site).parts:
            assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", part), path
    assert not (site.parent / "etc").exists()


def test_hostile_title_is_shown_as_text_everywhere(site: Path) -> None:
    escaped = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; ../../etc/passwd 标题"
    pages = [p for p in site.rglob("*.html") if escaped in p.read_text(encoding="utf-8")]
    assert len(pages) > 4  # the article, its page, its day, lists, in both languages
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json"):
            text = path.read_text(encoding="utf-8")
            assert '<script>alert("x")' not in text, path
            # The fixture's hostile author, tag and body markup (pages have <b> and <i>
            # elements of their own: a name's English form, its pinyin).
            for markup in ("<b>记者", "<i>标签", "<b>原始标签"):
                assert markup not in text, (path, markup)


def test_json_ld_cannot_close_its_script_element(site: Path) -> None:
    headlines = []
    for page in site.glob("a/*/*/index.html"):
        html = page.read_text(encoding="utf-8")
        blobs = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(blobs) == 1, page
        headlines.append(json.loads(blobs[0])["headline"])
    assert HOSTILE_TITLE in headlines


def test_body_markup_is_escaped_and_dangerous_links_dropped() -> None:
    body = render_body(
        "<b>粗</b> <script>x()</script>\n\n[链接](javascript:alert(1)) ![图](http://example.com/a.png)"
    )
    assert "<b>" not in body.html and "<script>" not in body.html
    assert "&lt;b&gt;" in body.html
    assert 'href="javascript:' not in body.html
    assert "<img" not in body.html and "src=" not in body.html
    assert body.blocks[0] == "<b>粗</b> <script>x()</script>"


def test_body_blocks_are_numbered_for_the_reading_aids() -> None:
    body = render_body("第一段。\n\n## 小标题\n\n第二段\n接着。", first_aid=2)
    assert body.blocks == ("第一段。", "小标题", "第二段\n接着。")
    assert '<p data-aid="2">' in body.html
    assert '<h2 data-aid="3">' in body.html
    assert '<p data-aid="4">' in body.html
