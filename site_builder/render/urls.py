"""The URL scheme: where every page lives, and relative links between pages.

Paths are site-relative and end in ``/`` for pages (written as ``…/index.html``) or name a
file (``atom.xml``). The Chinese interface lives at the root, the English one under ``en/``;
``static/`` and the reading-aid JSON under ``aids/`` are shared. Links are always relative,
so the site works from the root of a host and from any sub-path.

Every path segment that comes from content goes through ``safe_segment``: whatever a
front-matter value says, a path cannot climb out of ``output/``.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Mapping

from site_builder.nlp.pinyin import pinyin_syllables
from site_builder.render.readings import reading
from site_builder.site.library import Library

LANGS = ("zh", "en")
"""Interface languages; the first is the default, served from the site root."""

_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")
_UNSAFE_RUN = re.compile(r"[^a-z0-9]+")


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def safe_segment(text: str) -> str:
    """``text`` if it is a plain, harmless path segment, else an ASCII slug with a hash.

    The hash keeps two different unsafe names from landing on the same path.
    """
    if _SAFE.fullmatch(text) and ".." not in text:
        return text
    return slugify(text)


def _stem(text: str) -> str:
    """ASCII words of any text: toneless pinyin for Han characters; may be empty (kept
    by ``reading``: a live preview makes the URLs again after every edit, a build finds
    the last build's)."""
    return reading("stem", text, _made_stem)


def _made_stem(text: str) -> str:
    latin = unicodedata.normalize("NFKD", "-".join(pinyin_syllables(text)))
    ascii_only = latin.encode("ascii", "ignore").decode("ascii").lower()
    return _UNSAFE_RUN.sub("-", ascii_only).strip("-")[:60].strip("-")


def slugify(text: str) -> str:
    """ASCII slug of any text, with a hash of the text so that it cannot collide."""
    stem = _stem(text)
    return f"{stem}-{_digest(text)}" if stem else _digest(text)


def _unique(names: Iterable[str]) -> dict[str, str]:
    """Slug for each name: its bare pinyin stem where no other name shares it."""
    groups: dict[str, list[str]] = {}
    for name in sorted(set(names)):
        groups.setdefault(_stem(name), []).append(name)
    slugs = {}
    for stem, group in groups.items():
        for name in group:
            slugs[name] = stem if stem and len(group) == 1 else slugify(name)
    return slugs


def localise(path: str, lang: str) -> str:
    """The language's copy of a site path."""
    return path if lang == LANGS[0] else f"{lang}/{path}"


def _relpath(dest: str, start: str) -> str:
    """``posixpath.relpath`` of two relative paths, without asking for the working folder
    (that system call was most of the time spent on links)."""
    if ".." in dest or ".." in start:  # only then does the working folder matter
        return posixpath.relpath(dest, start)
    dest_parts = [p for p in dest.split("/") if p and p != "."]
    start_parts = [p for p in start.split("/") if p and p != "."]
    common = 0
    for a, b in zip(dest_parts, start_parts, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + dest_parts[common:]
    return "/".join(parts) or "."


def relative(here: str, target: str) -> str:
    """Relative link from the page at ``here`` to ``target`` (both site paths)."""
    base = posixpath.dirname(here) if not here.endswith("/") else here.rstrip("/")
    start = base or "."
    dest = target.rstrip("/") or "."
    rel = _relpath(dest, start)
    if target.endswith("/") or target == "":
        return "./" if rel == "." else f"{rel}/"
    return rel


def file_for(path: str) -> str:
    """File a site path is written to."""
    return f"{path}index.html" if path.endswith("/") or path == "" else path


class Urls:
    """Site paths of everything in a library (language-neutral; see ``localise``)."""

    home = ""
    dates = "dates/"
    dates_unknown = "dates/unknown/"
    pages = "pages/"
    tags = "tags/"
    topics = "topics/"
    places = "places/"
    authors = "authors/"
    about = "about/"
    search = "search.html"
    not_found = "404.html"
    feed = "atom.xml"

    def __init__(self, library: Library) -> None:
        self._tags = _unique(library.tags)
        self._authors = _unique(library.authors)
        self._pages = {pid: safe_segment(pid) for pid in library.pages}
        self._articles: Mapping[str, str] = {
            key: f"{self._pages[a.page_id]}/{safe_segment(a.slug)}"
            for key, a in library.articles.items()
        }
        self._places = {code: safe_segment(code) for code in library.places}

    def segments(self) -> dict[str, Mapping[str, str]]:
        """The path segment of every article, page, tag, place and author, by kind.

        Two builds' URLs differ exactly where these differ (a live preview compares them
        to find the pages whose links changed, e.g. when a new tag shares a slug).
        """
        return {
            "article": self._articles,
            "page": self._pages,
            "tag": self._tags,
            "place": self._places,
            "author": self._authors,
        }

    def article(self, key: str) -> str:
        return f"a/{self._articles[key]}/"

    def aids(self, key: str) -> str:
        """Reading-aid data of an article (``aids.aids_file``); shared by both languages."""
        return f"aids/{self._articles[key]}.bin"

    def page(self, page_id: str) -> str:
        return f"pages/{self._pages[page_id]}/"

    def tag(self, name: str) -> str:
        return f"tags/{self._tags[name]}/"

    def tag_feed(self, name: str) -> str:
        return f"{self.tag(name)}atom.xml"

    @staticmethod
    def topic(topic: str) -> str:
        """A topic's page; topic ids are ASCII words of the vocabulary."""
        return f"topics/{topic}/"

    @staticmethod
    def topic_feed(topic: str) -> str:
        return f"topics/{topic}/atom.xml"

    def place(self, code: str) -> str:
        return f"places/{self._places[code]}/"

    def place_feed(self, code: str) -> str:
        return f"{self.place(code)}atom.xml"

    def author(self, name: str) -> str:
        return f"authors/{self._authors[name]}/"

    @staticmethod
    def year(year: str) -> str:
        return f"dates/{year}/"

    @staticmethod
    def month(year: str, month: str) -> str:
        return f"dates/{year}/{month}/"

    @staticmethod
    def day(date: str) -> str:
        """Path of an ISO date's issue list (``dates/2025/01/05/``)."""
        return "dates/" + "/".join(date.split("-")) + "/"

    @staticmethod
    def static(name: str) -> str:
        return f"static/{name}"


class Linker:
    """Relative links from one page in one language."""

    def __init__(self, lang: str, here: str) -> None:
        self.lang = lang
        self.here = localise(here, lang)
        """This page's own localised site path."""

    def __call__(self, path: str) -> str:
        """Link to ``path`` in this page's language."""
        return relative(self.here, localise(path, self.lang))

    def shared(self, path: str) -> str:
        """Link to a language-neutral file (static assets, reading-aid JSON)."""
        return relative(self.here, path)

    def other(self, path: str, lang: str) -> str:
        """Link to ``path`` in another language."""
        return relative(self.here, localise(path, lang))
