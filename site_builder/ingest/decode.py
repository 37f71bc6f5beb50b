"""Read a page dump from disk: bytes -> text with ``\\n`` line ends.

Page dumps come from many tools: UTF-8 (with or without a byte-order mark), UTF-16 from
Windows exporters (often without a mark), GB18030/GBK from older Chinese software. We try
explicit, strict decodings first because they either succeed exactly or fail loudly;
``charset-normalizer`` only gets the bytes that none of them accept.

Line numbering must match what a text editor shows, because the ingest report and the
front matter cite source lines: only ``\\r\\n`` and a lone ``\\r`` become ``\\n``; other
characters that ``str.splitlines`` would treat as breaks (form feed, U+2028) are kept.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from site_builder.errors import UserError

MAX_BYTES = 20 * 1024 * 1024
"""Default size limit. A printed page is tens of kilobytes; 20 MB is already absurd."""

_CONTROL_LIMIT = 0.05
"""Share of control characters above which a decoded "text" is really binary data."""

_TEXT_LIKE_MIN = 0.8
"""Share of page-dump characters a UTF-16 reading needs to count as text."""

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""Control characters, except the tab, line and page breaks that text dumps legitimately
contain (PDF extractors emit form feeds)."""

_TEXT_LIKE = re.compile(
    r"[\t\n\r\x20-\x7e\xa0-\u017f\u0f00-\u0fff\u2010-\u2027\u2030-\u205e"
    r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
)
"""What a Chinese page dump is made of: ASCII, Latin, Tibetan, CJK and punctuation."""

_SAVE_AS_UTF8 = "Save the page dump as UTF-8 text (any text editor can do this) and run again."


@dataclass(slots=True)
class PageText:
    """A decoded page dump."""

    text: str
    """The text, line ends normalised to ``\\n``, without a byte-order mark."""
    encoding: str
    """Codec that decoded it, e.g. ``utf-8``, ``utf-16-le``, ``gb18030``."""


def read_page(path: Path, *, shown: str | None = None, limit: int = MAX_BYTES) -> PageText:
    """Read and decode one page dump, or raise ``UserError`` naming ``shown`` (default: path).

    The size is checked before reading, so a huge file costs nothing.
    """
    name = shown if shown is not None else str(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise UserError(
                name,
                f"file is {_megabytes(size)}, over the {_megabytes(limit)} limit for a page dump",
                "A page dump is the text of one printed page, normally under 100 KB. "
                "Check that this is the right file, or split it into one file per page.",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(
            name, f"cannot read the file: {exc.strerror}", "Check the path and its permissions."
        ) from exc
    return decode_bytes(data, name)


def decode_bytes(data: bytes, name: str) -> PageText:
    """Decode the bytes of a page dump named ``name`` (used in error messages)."""
    if not data:
        raise UserError(name, "file is empty", "Put the page text in it, or remove it from seeds/.")
    text, encoding = _decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UserError(
            name,
            "file contains only whitespace",
            "Put the page text in it, or remove it from seeds/.",
        )
    if _control_share(text) > _CONTROL_LIMIT:
        raise UserError(
            name,
            f"file looks binary: it decodes as {encoding} but is mostly control characters",
            _SAVE_AS_UTF8,
        )
    return PageText(text, encoding)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """Pick the encoding: byte-order mark, then UTF-16 if there are NUL bytes (ASCII
    characters in UTF-16 have one), then strict UTF-8, strict GB18030, charset-normalizer."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _strict(
                data[len(bom) :], codec, name, f"starts with a {codec} byte-order mark"
            ), codec
    if b"\0" in data:
        utf16 = _utf16_without_mark(data)
        if utf16 is None:
            raise UserError(name, "file looks binary: it contains NUL bytes", _SAVE_AS_UTF8)
        return utf16
    for codec in ("utf-8", "gb18030"):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    guess = from_bytes(data).best()
    if guess is None:
        raise UserError(
            name, "cannot tell the text encoding (not UTF-8, UTF-16 or GB18030)", _SAVE_AS_UTF8
        )
    return str(guess), guess.encoding


def _utf16_without_mark(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark: decode both byte orders and keep the one that reads.

    Read in the wrong order, a newline becomes U+0A00 and Chinese becomes scattered code
    points, so the right order is the one with more line ends, then with more characters
    that occur in page dumps. Binary data decodes to neither (or not at all).
    """
    best: tuple[int, float, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        share = len(_TEXT_LIKE.findall(text)) / len(text)
        if share >= _TEXT_LIKE_MIN:
            candidate = (text.count("\n"), share, text, codec)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    return None if best is None else (best[2], best[3])


def _strict(data: bytes, codec: str, name: str, why: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise UserError(
            name,
            f"file {why} but byte {exc.start} is not valid {codec}",
            _SAVE_AS_UTF8,
        ) from exc


def _control_share(text: str) -> float:
    return len(_CONTROL.findall(text)) / len(text)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
