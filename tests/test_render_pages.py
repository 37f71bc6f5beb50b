"""What the rendered fixture site says: languages, names, dates, jumps, aids, feeds."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from site_fixture import FIXTURE_CONTENT, build_fixture, set_front
from test_render_aids import expanded

from site_builder.enrich.topics import vocabulary
from site_builder.render.article_view import nearest_on_page
from site_builder.render.feeds import FEED_SIZE, LEAD_CHARS, SENTENCE_ENDS, lead

ARTICLE = "a/gaoyuan_20250105_01/xinchun-wenhua/index.html"
CONTINUED = "a/gaoyuan_20250105_02/xinchun-wenhua-xu/index.html"
DERIVED = "a/gaoyuan_20250105_01/mu-min-zhao-pian/index.html"
UNDATED = "a/gaoyuan_undated/fudao-ban/index.html"
ITEM_TITLE = re.compile(r'<li>\n[^\n]*?<a href="([^"]+)"')
"""A list item's title link: the first link of the line after its <li> (items have no class)."""
ITEM_META = re.compile(r"<li>\n.*?\n(?:[^\n]*</span>)?(<span>[^\n]*</span>)\n</li>", re.S)
"""A list item's meta line: its last <span> (kind, paper, date, page), before its </li>."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pages") / "output"
    build_fixture(out)
    return out


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_page_has_a_switch_to_its_twin_and_no_relative_alternates(site: Path) -> None:
    for html in sorted(site.rglob("*.html")):
        path = html.relative_to(site).as_posix()
        text = html.read_text(encoding="utf-8")
        english = path.startswith("en/")
        assert f'<html lang="{"en" if english else "zh-Hans"}">' in text, path
        # hreflang alternates are the sitemap's (absolute, with --base-url), not the page's
        assert 'rel="alternate" hreflang=' not in text, path
        switch = re.search(r'class="lang-switch" href="([^"]+)"', text)
        assert switch is not None, path
        twin = (html.parent / switch.group(1)).resolve()
        if twin.is_dir():
            twin = twin / "index.html"
        expected = path[3:] if english else f"en/{path}"
        assert twin == (site / expected).resolve(), path


def test_english_interface_shows_pinyin_and_english_names(site: Path) -> None:
    en = read(site, f"en/{ARTICLE}")
    assert '<p class="title-pinyin" lang="zh-Latn-pinyin">' in en
    assert "<title>城关区举办新春文化活动 (" in en
    for english in ("Tibet Autonomous Region", "Lhasa", "Chengguan District"):
        assert f"</i> <b>{english}</b>" in en  # after the name's pinyin
    assert "<b>" not in read(site, ARTICLE) and "<i " not in read(site, ARTICLE)
    assert "Lasa" not in en


def test_derived_title_is_marked_in_both_languages(site: Path) -> None:
    assert '<span class="derived-mark">标题为推定</span>' in read(site, DERIVED)
    assert '<span class="derived-mark">derived title</span>' in read(site, f"en/{DERIVED}")
    own = read(site, ARTICLE).split('<main id="main"')[1]
    assert "derived-mark" not in re.split(r'<nav|<section class="same-page"', own)[0]


def test_continued_parts_link_to_each_other(site: Path) -> None:
    first, second = read(site, ARTICLE), read(site, CONTINUED)
    assert '<a href="../../gaoyuan_20250105_02/xinchun-wenhua-xu/">下转第2版' in first
    assert '<a href="../../gaoyuan_20250105_01/xinchun-wenhua/">上接第1版' in second


def test_neighbours_give_each_link_once_and_cross_printed_pages_by_date(site: Path) -> None:
    crossing = marked = 0
    for page in sorted(site.glob("**/a/*/*/index.html")):
        text = read(site, str(page.relative_to(site)))
        nav = re.search(r'<nav class="neighbours".*?</nav>', text, re.S)
        same = re.search(r'<section class="same-page">.*?</ol>', text, re.S)
        assert nav or same, page
        by_date = re.findall(r'href="([^"]+)"', nav.group(0)) if nav else []
        listed = re.findall(r'href="([^"]+)"', same.group(0)) if same else []
        assert len(by_date + listed) == len(set(by_date + listed)), page
        # The printed page's neighbours are marked in its list, once each.
        in_list = [f'rel="{rel}"' in same.group(0) if same else False for rel in ("prev", "next")]
        assert [text.count(f'rel="{rel}"') for rel in ("prev", "next")] == in_list, page
        marked += all(in_list)
        # Only the by-date links reach another printed page's articles.
        crossing += any(h.startswith("../../") for h in by_date)
    assert crossing >= 4  # both sides of the page break, in both languages
    assert marked >= 2  # an article between two others, in both languages


@given(st.integers(1, 14), st.data(), st.integers(0, 6))
def test_an_article_lists_the_nearest_others_of_its_page_in_page_order(
    size: int, data: st.DataObject, shown: int
) -> None:
    page = [f"k{i}" for i in range(size)]
    at = data.draw(st.integers(0, size - 1))
    listed = nearest_on_page(page, page[at], shown)
    assert len(listed) == min(shown, size - 1)
    assert page[at] not in listed
    assert listed == [k for k in page if k in listed]  # page order
    far = max((abs(page.index(k) - at) for k in listed), default=0)
    left_out = [k for k in page if k not in listed and k != page[at]]
    assert all(abs(page.index(k) - at) >= far for k in left_out)


def test_unknown_date_is_listed_as_unknown_never_invented(site: Path) -> None:
    page = read(site, UNDATED)
    assert "日期不详" in page and "版次不详" in page
    assert "datePublished" not in page
    assert "fudao-ban" in read(site, "dates/unknown/index.html")
    assert "fudao-ban" not in read(site, "atom.xml")  # Atom entries need a real date
    calendar = read(site, "dates/2025/01/index.html")
    assert '<a href="05/">5</a>' in calendar
    assert '<span class="no-issue">6</span>' in calendar


def test_indices_are_ordered_by_pinyin(site: Path) -> None:
    for index in ("en/tags/index.html", "en/authors/index.html"):
        readings = re.findall(
            r'<li><a href="[^"]+"><span lang="zh-Hans">[^<]*</span> '
            r'<i lang="zh-Latn-pinyin">([^<]*)</i>',
            read(site, index),
        )
        assert len(readings) >= 4
        folded = [
            unicodedata.normalize("NFKD", unescape(r)).encode("ascii", "ignore").decode().lower()
            for r in readings
        ]
        assert folded == sorted(folded), index


def test_place_page_lists_its_own_articles_and_links_its_sub_places(site: Path) -> None:
    region = read(site, "places/54/index.html")
    feed = read(site, "places/54/atom.xml")
    for slug in ("xinchun-wenhua", "cuomei-peixun"):
        # Listed on the page of the place they are in, not repeated on its region's page;
        # the region's feed holds everything under it.
        assert f"{slug}/" not in region and f"{slug}/" in feed
    tree = region.split('class="place-tree">')[1].split("</ul>")[0]
    children = re.findall(r'<li><a href="\.\./([^"/]+)/">.*?class="count">(\d+) ', tree)
    assert children and "<ul>" not in tree  # direct sub-places only, each with its count
    for child, count in children:
        listed = len(ITEM_TITLE.findall(read(site, f"places/{child}/index.html")))
        assert listed <= int(count)  # its own articles; its count has its sub-places' too
    for slug in ("xinchun-wenhua", "cuomei-peixun"):
        pages = [p for p in (site / "places").glob("*/index.html") if f"{slug}/" in p.read_text()]
        assert len(pages) == 1, slug  # the page of its own place alone


def test_every_tag_topic_and_place_has_one_feed_for_both_languages(site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    for kind in ("tags", "topics", "places"):
        folders = [p for p in (site / kind).iterdir() if p.is_dir()]
        assert folders
        for folder in folders:
            feed = ET.parse(folder / "atom.xml").getroot()
            assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-Hans"
            alternates = {
                link.get("hreflang"): link.get("href")
                for link in feed.findall(f"{atom}link")
                if link.get("rel") == "alternate"
            }
            assert alternates == {"zh-Hans": "./", "en": f"../../en/{kind}/{folder.name}/"}
            assert not (site / "en" / kind / folder.name / "atom.xml").exists()
            english = read(site, f"en/{kind}/{folder.name}/index.html")
            assert f'href="../../../{kind}/{folder.name}/atom.xml"' in english


def test_a_feed_holds_its_lists_newest_articles_which_its_page_links(site: Path) -> None:
    """A feed is bounded (``FEED_SIZE``) and loses nothing a reader can find: its entries
    are the first articles its list page links, in the same order, newest first. (A
    place's feed holds its sub-places' articles too, which their own pages link.)"""
    atom = "{http://www.w3.org/2005/Atom}"
    checked = 0
    for kind in ("tags", "topics"):
        for folder in sorted(p for p in (site / kind).iterdir() if p.is_dir()):
            feed = ET.parse(folder / "atom.xml").getroot()
            entries = feed.findall(f"{atom}entry")
            linked = [
                (folder / href).resolve()
                for href in ITEM_TITLE.findall(read(site, f"{kind}/{folder.name}/index.html"))
            ]
            hrefs = [link.get("href", "") for e in entries for link in e.iter(f"{atom}link")]
            assert len(hrefs) <= FEED_SIZE, folder
            assert [(folder / href).resolve() for href in hrefs] == linked[: len(hrefs)], folder
            dates = [e.findtext(f"{atom}updated", "") for e in entries]
            assert dates == sorted(dates, reverse=True), folder
            checked += len(hrefs) > 1
    assert checked


def test_about_credits_cc_cedict(site: Path) -> None:
    for path in ("about/index.html", "en/about/index.html"):
        about = read(site, path)
        assert "CC-CEDICT" in about and "CC BY-SA 4.0" in about


def test_site_files_exist(site: Path) -> None:
    for path in ("404.html", "en/404.html", "robots.txt", "static/site.css"):
        assert (site / path).is_file(), path
    # Without a base URL there is no sitemap: the protocol requires absolute URLs.
    assert not (site / "sitemap.xml").exists()


def test_reading_aid_blocks_match_the_page_text(site: Path) -> None:
    files = sorted((site / "aids").glob("*/*.bin"))
    assert files, "no reading-aid files"
    dictionary = (site / "aids" / "words.bin").read_bytes()
    for aids in files:
        # Raw deflate, as the page's DecompressionStream("deflate-raw") reads it.
        blocks = expanded(aids.read_bytes(), dictionary)
        stem = aids.relative_to(site / "aids").with_suffix("").as_posix()
        page = read(site, f"a/{stem}/index.html")
        marked = re.findall(r'data-aid="(\d+)"', page)
        assert [int(i) for i in marked] == list(range(len(blocks))), stem
        for block in blocks:
            for text, reading, _gloss in block:
                han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
                if han and " " in reading:
                    assert len(reading.split()) == len(han), (text, reading)
    body = read(site, ARTICLE)
    assert "aids/" not in body.split('<script src="')[0].split("data-aids=")[0]


def test_topic_pages_in_both_languages_with_counts_feeds_and_schema_about(site: Path) -> None:
    topics = sorted(p.parent.name for p in (site / "topics").glob("*/index.html"))
    assert topics
    zh, en = read(site, "topics/index.html"), read(site, "en/topics/index.html")
    for topic in topics:
        entry = vocabulary()[topic]
        assert entry.name in zh and entry.name_en in en
        # One feed for both languages, in the Chinese tree.
        assert 'href="atom.xml"' in read(site, f"topics/{topic}/index.html")
        english = read(site, f"en/topics/{topic}/index.html")
        assert f'href="../../../topics/{topic}/atom.xml"' in english
        assert (site / f"topics/{topic}/atom.xml").is_file()
    assert re.search(r'class="count">\d+ 篇文章', zh) and re.search(
        r'class="count">\d+ article', en
    )
    about = 0
    for html in sorted(site.glob("a/*/*/index.html")):
        data = json.loads(
            re.findall(
                r'<script type="application/ld\+json">(.*?)</script>',
                read(site, str(html.relative_to(site))),
            )[0]
        )
        about += bool(data.get("about"))
        for thing in data.get("about", []):
            assert thing["@type"] == "Thing" and thing["name"] and thing["alternateName"]
    assert about > 0


def test_structured_data_once_in_the_chinese_page_that_the_english_names(site: Path) -> None:
    for html in sorted(site.glob("a/*/*/index.html")):
        path = html.relative_to(site).as_posix()
        zh, en = read(site, path), read(site, f"en/{path}")
        assert zh.count('type="application/ld+json"') == 1, path
        assert "application/ld+json" not in en, path
        twin = re.search(r'class="lang-switch" href="([^"]+)" hreflang="zh-Hans"', en)
        assert (
            twin is not None
            and (html.parent / "index.html").resolve()
            == ((site / "en" / path).parent / twin.group(1) / "index.html").resolve()
        ), path


def test_the_reading_aids_bar_is_made_from_each_languages_catalogue(site: Path) -> None:
    for lang, prefix, loading in (("zh", "", "正在加载阅读辅助……"), ("en", "en/", "Loading")):
        page = read(site, f"{prefix}{ARTICLE}")
        assert "aids-bar" not in page, lang
        text = re.search(r'<script src="([^"]*aids-text\.js)" defer>', page)
        assert text is not None, lang
        script = ((site / prefix / ARTICLE).parent / text.group(1)).resolve()
        assert script == (site / prefix / "aids-text.js").resolve(), lang
        words = json.loads(script.read_text(encoding="utf-8").split(" = ", 1)[1].rstrip(";\n"))
        assert set(words) == {"label", "pinyin", "gloss", "loading", "failed"}, lang
        assert words["loading"].startswith(loading), lang
        # Defined before aids.js, which reads it, runs.
        assert page.index("aids-text.js") < page.index("static/aids.js"), lang


def test_list_items_name_the_paper_only_when_the_archive_has_several(
    site: Path, tmp_path: Path
) -> None:
    def items(root: Path) -> str:
        """Every list item's meta line of the tag pages."""
        pages = sorted(root.glob("tags/*/index.html"))
        return "".join(m for page in pages for m in ITEM_META.findall(page.read_text("utf-8")))

    assert "高原日报" not in items(site)
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    set_front(content / "gaoyuan_20250212_01" / "cuomei-peixun.md", "paper", "雪域晚报")
    two = tmp_path / "output"
    build_fixture(two, content)
    shown = items(two)
    assert "雪域晚报" in shown and "高原日报" in shown


@given(st.text(alphabet="本报讯记者近日。！？，a1 ", max_size=3 * LEAD_CHARS))
def test_a_feed_summary_is_the_leads_whole_sentences_that_fit(text: str) -> None:
    summary = lead(text)
    assert len(summary) <= LEAD_CHARS
    if len(text) <= LEAD_CHARS:
        assert summary == text
    elif summary.endswith("…"):
        assert text.startswith(summary[:-1])
        assert not any(mark in text[:LEAD_CHARS] for mark in SENTENCE_ENDS)
    else:
        assert text.startswith(summary) and summary[-1] in SENTENCE_ENDS
        assert not any(mark in text[len(summary) : LEAD_CHARS] for mark in SENTENCE_ENDS)


def test_only_an_author_of_two_articles_or_more_has_a_page(site: Path) -> None:
    # 王小明 wrote two of the fixture's articles, 赵雪 one (措美培训).
    assert (site / "authors/wang-xiao-ming/index.html").is_file()
    assert not (site / "authors/zhao-xue").exists()
    assert not (site / "en/authors/zhao-xue").exists()
    index = read(site, "authors/index.html")
    assert '<a href="wang-xiao-ming/">王小明</a>' in index
    # The index still names every author; one of one article links to that article.
    assert '<a href="../a/gaoyuan_20250212_01/cuomei-peixun/">赵雪</a>' in index
    own = read(site, "a/gaoyuan_20250212_01/cuomei-peixun/index.html")
    assert "<li>赵雪</li>" in own and "authors/zhao-xue" not in own
    assert 'href="../../../authors/wang-xiao-ming/">王小明</a>' in read(site, ARTICLE)
