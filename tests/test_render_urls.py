"""URL scheme: safe path segments, relative links, language copies."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.render.urls import Linker, localise, relative, safe_segment, slugify


@settings(deadline=None)  # the first call loads jieba's dictionary
@given(st.text(max_size=40))
def test_safe_segment_is_always_one_harmless_segment(text: str) -> None:
    segment = safe_segment(text)
    assert segment not in ("", ".", "..")
    assert "/" not in segment and "\\" not in segment and "\0" not in segment
    assert segment.isascii()
    assert posixpath.normpath(f"a/{segment}") == f"a/{segment}"


def test_plain_segments_are_kept_and_others_slugged() -> None:
    assert safe_segment("000_795548b3bfa96e7c") == "000_795548b3bfa96e7c"
    assert safe_segment("../etc") != "../etc"
    assert safe_segment("拉萨").startswith("la-sa-")
    assert slugify("拉萨") != slugify("拉 萨")  # the hash tells different names apart


@pytest.mark.parametrize(
    ("here", "target", "link"),
    [
        ("", "tags/", "tags/"),
        ("", "", "./"),
        ("tags/", "", "../"),
        ("a/p1/x/", "tags/wen-hua/", "../../../tags/wen-hua/"),
        ("a/p1/x/", "a/p1/y/", "../y/"),
        ("404.html", "about/", "about/"),
        ("tags/t/atom.xml", "a/p/s/", "../../a/p/s/"),
        ("a/p1/x/", "static/site.css", "../../../static/site.css"),
    ],
)
def test_relative_links(here: str, target: str, link: str) -> None:
    assert relative(here, target) == link


def test_linker_localises_pages_but_not_shared_files() -> None:
    link = Linker("en", "tags/")
    assert link.here == "en/tags/"
    assert link("about/") == "../about/"
    assert link.shared("static/site.css") == "../../static/site.css"
    assert link.other("tags/", "zh") == "../../tags/"
    assert localise("", "en") == "en/"
    assert localise("tags/", "zh") == "tags/"
