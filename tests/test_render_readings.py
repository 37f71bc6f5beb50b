"""Readings of names kept between builds: the next build computes only the new ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.cache.store import Cache
from site_builder.render import readings
from site_builder.render.readings import kept_readings, reading


@pytest.fixture(autouse=True)
def fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process that has read nothing yet."""
    monkeypatch.setattr(readings, "_KNOWN", {"pinyin": {}, "stem": {}, "english": {}})


def _made(log: list[str]) -> Callable[[str], str]:
    def make(text: str) -> str:
        log.append(text)
        return f"<{text}>"

    return make


def test_a_build_reads_the_last_builds_readings_and_keeps_only_what_it_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    with Cache(tmp_path) as cache:
        with kept_readings(cache):
            assert reading("pinyin", "西藏", _made(made)) == "<西藏>"
            assert reading("stem", "拉萨", _made(made)) == "<拉萨>"
        assert made == ["西藏", "拉萨"]
        monkeypatch.setattr(readings, "_KNOWN", {"pinyin": {}, "stem": {}, "english": {}})
        with kept_readings(cache):
            assert reading("pinyin", "西藏", _made(made)) == "<西藏>"
            assert reading("english", "林芝", _made(made)) == "<林芝>"
        assert made == ["西藏", "拉萨", "林芝"]  # 西藏 came from the cache
        monkeypatch.setattr(readings, "_KNOWN", {"pinyin": {}, "stem": {}, "english": {}})
        with kept_readings(cache):
            reading("stem", "拉萨", _made(made))
            reading("english", "林芝", _made(made))
        # 拉萨 was not asked by the build before: not kept, made again; 林芝 was.
        assert made == ["西藏", "拉萨", "林芝", "拉萨"]


def test_without_a_cache_readings_are_made_once_per_process() -> None:
    made: list[str] = []
    with kept_readings(None):
        reading("pinyin", "西藏", _made(made))
    reading("pinyin", "西藏", _made(made))
    assert made == ["西藏"]
