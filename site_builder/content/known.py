"""``KnownFronts``: parsed front matter kept between builds, keyed by a digest of its text.

Parsing YAML is most of what loading an archive costs, and an edit changes one file's
front matter at most. A front matter whose text (with the folder and file name that give
its page id and default slug) was parsed by the last build gives the same article fields
again, so those fields are taken as they were. Only front matter that parsed without an
error is kept: a broken file is parsed, and its error reported, every time.
"""

from __future__ import annotations

import hashlib
import marshal
from dataclasses import dataclass, field, fields

from site_builder.cache.packed import pack, unpack
from site_builder.content.article import Article, SourceRef

_SKIPPED = ("body", "path")
"""Article fields that are not the front matter's: the text after it, the file's name."""
_FIELDS = tuple(f.name for f in fields(Article) if f.name not in _SKIPPED)
_TAG = b"fronts"


def front_key(front: str, page_id: str, default_slug: str) -> str:
    """What an article's fields are a function of, besides the parser's code."""
    digest = hashlib.blake2b(digest_size=16)
    for part in (front, page_id, default_slug):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


@dataclass(slots=True)
class KnownFronts:
    """Article fields by ``front_key``: those the last load kept (``before``) and those
    this load used (``now``, what the next load is given), each article's as ``marshal``
    bytes. Each article is made from its own ``marshal.loads``: fresh lists, so a step
    that changes an article's lists cannot change the record (copying every field of
    every article took a third of loading a 10,000-article archive)."""

    before: dict[str, bytes] = field(default_factory=dict)
    now: dict[str, bytes] = field(default_factory=dict)

    def find(self, key: str, body: str) -> Article | None:
        """The article of a front matter parsed before, with this ``body``; None if new
        (or kept in another shape: parsed again)."""
        known = self.before.get(key)
        if known is None:
            return None
        try:
            values = marshal.loads(known)
            source = values.pop("source")
            article = Article(
                body=body, source=SourceRef(source["file"], source["lines"]), **values
            )
        except (EOFError, ValueError, TypeError, KeyError, AttributeError):
            return None
        self.now[key] = known
        return article

    def keep(self, key: str, article: Article) -> None:
        """Note the fields of a front matter parsed now."""
        values = {name: getattr(article, name) for name in _FIELDS}
        source: SourceRef = article.source
        values["source"] = {"file": source.file, "lines": list(source.lines)}
        self.now[key] = marshal.dumps(values)

    @property
    def changed(self) -> bool:
        """Whether the next load needs another record than the one this load was given."""
        return self.now.keys() != self.before.keys()

    def encode(self) -> bytes:
        return pack(_TAG, self.now)

    @staticmethod
    def decode(data: bytes | None) -> KnownFronts:
        """The record ``encode`` made; empty when there is none or it does not read back
        as one (never trusted half-way: a bad record is a cold load)."""
        if data is None:
            return KnownFronts()
        try:
            before = unpack(_TAG, data)
        except ValueError:
            return KnownFronts()
        if not isinstance(before, dict) or not all(isinstance(v, bytes) for v in before.values()):
            return KnownFronts()
        return KnownFronts(before)
