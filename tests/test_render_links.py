"""Every internal link and asset of every page resolves, from the root and from a sub-path.

Pages are resolved as a browser would: relative to the page's own URL under a mount point.
A root-absolute link (``/tags/``) works at the root but breaks under ``/archive/``, so
checking both mounts catches it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from site_fixture import build_fixture

LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "form": "action"}
MOUNTS = ("/", "/archive/")


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "base":
            self.base = values.get("href")
        attr = LINK_ATTRS.get(tag)
        if attr and values.get(attr) is not None:
            self.links.append((tag, str(values[attr])))


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("links") / "output"
    build_fixture(out)
    return out


def resolve(site: Path, mount: str, page: str, href: str) -> tuple[Path | None, str]:
    """The file a link from ``page`` lands on (None if it leaves the site) and its fragment."""
    url = urljoin(f"http://127.0.0.1{mount}{page}", href)
    parts = urlsplit(url)
    if parts.netloc != "127.0.0.1" or not parts.path.startswith(mount):
        return None, parts.fragment
    local = unquote(parts.path[len(mount) :])
    if local == "" or local.endswith("/"):
        local += "index.html"
    return site / local, parts.fragment


def test_site_has_both_languages(site: Path) -> None:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    zh = [p for p in pages if not p.startswith("en/")]
    en = [p for p in pages if p.startswith("en/")]
    assert len(zh) == len(en) > 20
    assert sorted(f"en/{p}" for p in zh) == en


@pytest.mark.parametrize("mount", MOUNTS)
def test_every_internal_link_and_asset_resolves(site: Path, mount: str) -> None:
    broken = []
    checked = 0
    for html in sorted(site.rglob("*.html")):
        page = html.relative_to(site).as_posix()
        parsed = parse(html)
        for tag, href in parsed.links:
            if urlsplit(href).scheme in ("http", "https") and tag == "a":
                continue  # a link out (credits) is fine; loading from outside is not
            target, fragment = resolve(site, mount, page, href)
            checked += 1
            if target is None or not target.is_file():
                broken.append(f"{page}: <{tag}> {href}")
            elif fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                broken.append(f"{page}: <{tag}> {href} (no id {fragment!r})")
    assert checked > 500
    assert broken == []


def test_no_page_loads_anything_from_outside(site: Path) -> None:
    outside = []
    for html in sorted(site.rglob("*.html")):
        for tag, href in parse(html).links:
            if tag != "a" and (urlsplit(href).scheme or href.startswith("//")):
                outside.append(f"{html.relative_to(site)}: <{tag}> {href}")
    assert outside == []


@pytest.mark.parametrize("mount", MOUNTS)
def test_feeds_point_at_real_pages(site: Path, mount: str) -> None:
    missing = []
    atom = "{http://www.w3.org/2005/Atom}"
    feeds = sorted(site.rglob("atom.xml"))
    assert site / "atom.xml" in feeds and site / "en" / "atom.xml" in feeds
    for feed in feeds:
        page = feed.relative_to(site).as_posix()
        for link in ET.parse(feed).getroot().iter(f"{atom}link"):
            target, _ = resolve(site, mount, page, link.get("href", ""))
            if target is None or not target.is_file():
                missing.append(f"{page}: {link.get('href')}")
    assert missing == []
