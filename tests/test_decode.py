"""Page dumps in every encoding the archive meets decode to the same text, or fail clearly."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.errors import UserError
from site_builder.ingest.decode import MAX_BYTES, decode_bytes, read_page

# Written for these tests: a headline, a dateline with ASCII and full-width punctuation,
# a number, a time, a rare character (GB18030 four-byte) and Latin letters.
PAGE = (
    "高原小镇迎来首批游客\n"
    "\n"
    "本报日喀则讯(记者 张三 李四)一月的清晨,镇上第一家民宿开门迎客。\n"
    "“我们准备了一年。”店主说,上午10:30已有12位客人入住,其中有来自Paris的游客。\n"
    "\n"
    "一二三,一起向未来。\n"
)
RARE = "㐀𠀀"  # CJK extension A and B: only GB18030 (not GBK) can encode them


def encoded(text: str, codec: str) -> bytes:
    return text.encode(codec)


@pytest.mark.parametrize(
    ("data", "expected_codec"),
    [
        (encoded(PAGE, "utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + encoded(PAGE, "utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + encoded(PAGE, "utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + encoded(PAGE, "utf-16-be"), "utf-16-be"),
        (encoded(PAGE, "utf-16-le"), "utf-16-le"),
        (encoded(PAGE, "utf-16-be"), "utf-16-be"),
        (encoded(PAGE, "gbk"), "gb18030"),
        (encoded(PAGE + RARE, "gb18030"), "gb18030"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "gbk", "gb18030"],
)
def test_every_supported_encoding_gives_the_same_text(data: bytes, expected_codec: str) -> None:
    page = decode_bytes(data, "seeds/p.txt")
    assert page.encoding == expected_codec
    assert page.text.rstrip(RARE) == PAGE
    assert not page.text.startswith("\ufeff")


def test_gb18030_keeps_characters_gbk_cannot_hold() -> None:
    page = decode_bytes(encoded(PAGE + RARE, "gb18030"), "seeds/p.txt")
    assert page.text.endswith(RARE)


def test_utf16_full_of_yi_characters_is_still_little_endian() -> None:
    # 一 is U+4E00: in UTF-16-LE its NUL byte sits where ASCII's NUL would sit in big-endian.
    text = "一" * 200 + "\n" + "一二" * 50 + "\n"
    page = decode_bytes(text.encode("utf-16-le"), "seeds/p.txt")
    assert (page.text, page.encoding) == (text, "utf-16-le")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends_normalised_and_numbering_kept(newline: str) -> None:
    raw = newline.join(["第一行", "", "第三行", "", "", "第六行"]) + newline
    text = decode_bytes(raw.encode(), "p.txt").text
    lines = text.split("\n")
    assert lines[0] == "第一行"
    assert lines[2] == "第三行"
    assert lines[5] == "第六行"
    assert "\r" not in text


def test_form_feed_is_kept_so_line_numbers_match_an_editor() -> None:
    text = decode_bytes("第一行\f续\n第二行\n".encode(), "p.txt").text
    assert text.split("\n")[1] == "第二行"


# U+FEFF is left out: at the start of a file it is the byte-order mark, not text.
TEXT_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")


@given(st.text(TEXT_CHARS, min_size=1).filter(str.strip))
def test_utf8_and_bom_utf16_round_trip(text: str) -> None:
    for data in (
        text.encode("utf-8"),
        codecs.BOM_UTF8 + text.encode("utf-8"),
        codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    ):
        assert decode_bytes(data, "p.txt").text == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "file is empty"),
        (b" \n\t\r\n", "only whitespace"),
        ("\u3000\u3000\n".encode(), "only whitespace"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"\x03\x00>\x00\x01", "binary"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 50, "binary"),
    ],
    ids=["empty", "whitespace", "fullwidth-space", "all-bytes", "elf-header", "controls"],
)
def test_unusable_bytes_are_rejected_with_file_and_hint(data: bytes, message: str) -> None:
    with pytest.raises(UserError) as caught:
        decode_bytes(data, "seeds/bad.txt")
    error = caught.value
    assert error.file == "seeds/bad.txt"
    assert message in error.message
    assert error.hint
    assert str(error).startswith("seeds/bad.txt: ")


def test_broken_utf16_after_a_mark_names_the_byte() -> None:
    with pytest.raises(UserError) as caught:
        decode_bytes(codecs.BOM_UTF16_LE + "好".encode("utf-16-le") + b"\x00", "p.txt")
    assert "utf-16-le" in caught.value.message


def test_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: 50 MB on paper, nothing written
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(UserError) as caught:
        read_page(big, shown="seeds/big.txt")
    assert caught.value.file == "seeds/big.txt"
    assert "50.0 MB" in caught.value.message
    assert f"{MAX_BYTES // (1024 * 1024)}.0 MB" in caught.value.message
    assert "one file per page" in caught.value.hint


def test_limit_is_configurable(tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text(PAGE, encoding="utf-8")
    assert read_page(page).text == PAGE
    with pytest.raises(UserError, match="over the"):
        read_page(page, limit=10)


def test_missing_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        read_page(tmp_path / "nope.txt")
    assert "cannot read" in caught.value.message
